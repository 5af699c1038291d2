"""The visitor's tools: compare any 2–4 variants, and see which fit a device. Both compute in the
browser from data embedded in the page (so they work from disk too), and show a pre-rendered
answer when JavaScript is off."""

from __future__ import annotations

from typing import Any

from ...anatomy import FACTS, PRECISIONS, kv_cache_bytes, weight_bytes
from ...anatomy.memory import USABLE_MEMORY, kv_values_per_layer_token
from ...catalog import Catalog
from ...catalog.specimen import fact_text
from ...formatting import size
from .. import urls
from .page import Page

DEFAULT_COMPARE = ("llama-3-2/3B", "qwen3/4B", "phi-4-mini/3.8B", "smollm3/3B")
FIT_PRECISIONS = ("bf16", "int8", "int4", "ternary")
FIT_MEMORY, FIT_PRECISION, FIT_TOKENS = 4 * 2**30, "int4", 4096  # what the page shows without JavaScript
COMPARED = [f for f in FACTS if f.shown]


def _variants(catalog: Catalog) -> list[Any]:
    return [(s, v) for s in catalog.specimens for v in s.anatomies if v.anatomy.total_params]


def compare(catalog: Catalog) -> Page:
    link = urls.linker(urls.COMPARE)
    variants = [
        {"id": f"{s.slug}/{v.label}", "name": s.variant_name(v.label), "href": link(s.slug),
         "cells": {f.key: fact_text(f, v.anatomy) for f in COMPARED}}
        for s, v in _variants(catalog)
    ]  # fmt: skip
    by_id = {v["id"]: v for v in variants}
    chosen = [by_id[i] for i in DEFAULT_COMPARE if i in by_id] or variants[:3]
    rows = []
    for f in COMPARED:
        cells = [v["cells"][f.key] for v in chosen]
        if set(cells) != {"—"}:  # a fact that applies to none of them
            rows.append({"key": f.key, "title": f.title, "cells": cells, "differs": len(set(cells)) > 1})
    data = {"facts": [{"key": f.key, "title": f.title} for f in COMPARED], "variants": variants}
    context = {"chosen": chosen, "rows": rows, "variants": variants, "data": data}
    return Page(urls.COMPARE, "compare.html", "Compare", context, searchable=False)


def fit_record(s: Any, v: Any) -> dict[str, Any]:
    """What the device-fit formula needs for one variant (the same numbers `anatomy.memory` uses)."""
    a = v.anatomy
    windows: dict[str, int] = {}
    for layer in a.layer_attention:
        key = str(layer.window) if layer.kind == "sliding" and layer.window else "0"
        windows[key] = windows.get(key, 0) + 1
    return {"id": f"{s.slug}/{v.label}", "name": s.variant_name(v.label), "total": a.total_params,
            "embedding": a.embedding_params or 0, "ternary": a.quantized_weights == "ternary",
            "kv_values": kv_values_per_layer_token(a) or 0, "windows": windows, "context": a.context_length}  # fmt: skip


def fit_need(a: Any, precision: str, tokens: int) -> int | None:
    """Bytes needed: the weights at `precision` plus a bf16 KV cache for `tokens` tokens."""
    weights = weight_bytes(a).get(precision)
    return None if weights is None else weights + (kv_cache_bytes(a, tokens) or 0)


def fit(catalog: Catalog) -> Page:
    link = urls.linker(urls.FIT)
    records = [fit_record(s, v) for s, v in _variants(catalog)]
    memory, precision, tokens = FIT_MEMORY, FIT_PRECISION, FIT_TOKENS
    rows = []
    for (s, v), record in zip(_variants(catalog), records, strict=True):
        need = fit_need(v.anatomy, precision, tokens)
        rows.append({"record": record, "href": link(s.slug), "need": size(need) if need else "—",
                     "fits": need is not None and need <= USABLE_MEMORY * memory})  # fmt: skip
    data = {"precisions": PRECISIONS, "usable": USABLE_MEMORY, "variants": records}
    context = {"rows": rows, "data": data, "precisions": FIT_PRECISIONS,
               "default": {"precision": precision, "tokens": tokens}, "usable": int(USABLE_MEMORY * 100)}  # fmt: skip
    return Page(urls.FIT, "fit.html", "Device fit", context, searchable=False)
