"""Every page of the site, as (path, template, context): computed here, presented in Jinja."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable

import jinja2
from pydantic import BaseModel

from .catalog import Catalog, Entry
from .output import root_prefix
from .anatomy import FORMULAS
from .claims import CHECKS
from .enrich import VariantFacts
from .render import human, number, render, stage_short, tokens
from .schema import Dossier, inner_model


@dataclass(frozen=True)
class Page:
    path: str
    template: str
    title: str
    context: dict[str, Any]


def size_label(entry: Entry) -> str:
    return " · ".join(v.label for v in entry.dossier.variants)


def license_label(entry: Entry) -> str:
    lic = entry.dossier.license
    return lic.spdx or lic.name


def recipe_line(entry: Entry) -> str:
    training = entry.dossier.training
    return " → ".join(stage_short(s.stage) for s in training.recipe) if training else ""


def tokens_label(entry: Entry) -> str | None:
    training = entry.dossier.training
    if training is None or training.tokens is None:
        return None
    return f"{human(training.tokens.value)} tokens"


COLUMNS: tuple[tuple[str, str, Callable[[Any], str]], ...] = (
    ("params", "Parameters", human),
    ("active_params", "Active per token", human),
    ("non_embedding_params", "Non-embedding", human),
    ("context_length", "Context", tokens),
    ("vocab_size", "Vocabulary", number),
    ("layers", "Layers", number),
    ("heads", "Query heads", number),
    ("kv_heads", "KV heads", number),
    ("tied_embeddings", "Tied embeddings", lambda v: "yes" if v else "no"),
    ("experts", "Experts", number),
    ("experts_per_token", "Experts per token", number),
    ("sliding_window", "Sliding window", number),
)


def variant_table(d: Dossier) -> dict[str, Any]:
    """The sizes table: a row per claim some size makes, a column per size.

    Notes become lettered footnotes; identical notes share one letter.
    """
    notes: list[str] = []
    rows = []
    for name, title, fmt in COLUMNS:
        claims = [getattr(v, name) for v in d.variants]
        if all(c is None for c in claims):
            continue
        rows.append({"title": title, "cells": [_cell(c, fmt, notes) for c in claims]})
    return {"labels": [v.label for v in d.variants], "rows": rows,
            "notes": [{"mark": _mark(i), "text": n} for i, n in enumerate(notes)]}


def _cell(claim: Any, fmt: Callable[[Any], str], notes: list[str]) -> dict[str, Any] | None:
    if claim is None:
        return None
    mark = None
    if claim.note:
        if claim.note not in notes:
            notes.append(claim.note)
        mark = _mark(notes.index(claim.note))
    return {"text": fmt(claim.value), "source": claim.source, "note": mark,
            "unverified": getattr(claim, "status", "verified") == "unverified"}


def _mark(index: int) -> str:
    """Footnote marks a, b, … z, aa, ab, …"""
    letters = "abcdefghijklmnopqrstuvwxyz"
    return letters[index] if index < 26 else letters[index // 26 - 1] + letters[index % 26]


def benchmark_matrix(d: Dossier) -> list[dict[str, Any]]:
    """Scores as tables, one per checkpoint kind: a row per benchmark setting, a column per size."""
    tables = []
    for checkpoint in ("base", "instruct"):
        scores = [b for b in d.benchmarks if b.checkpoint == checkpoint]
        if not scores:
            continue
        labels = [v.label for v in d.variants if any(b.variant == v.label for b in scores)]
        rows: dict[tuple[str, str | None], dict[str, Any]] = {}
        for b in scores:
            row = rows.setdefault((b.benchmark, b.setting), {"benchmark": b.benchmark, "setting": b.setting, "cells": {}})
            row["cells"][b.variant] = b
        tables.append({"checkpoint": checkpoint, "labels": labels,
                       "rows": [{**r, "cells": [r["cells"].get(l) for l in labels]} for r in rows.values()]})
    return tables


def gib(n: int | None) -> str:
    return "unknown" if n is None else (f"{n / 2**30:.2f} GiB" if n >= 2**28 else f"{n / 2**20:.0f} MiB")


def _kv(f: VariantFacts, index: int, precision: str) -> str:
    rows = f.kv_cache
    return f"{gib(rows[index][precision])} at {tokens(rows[index]['tokens'])}" if index < len(rows) else "—"


ANATOMY_ROWS: tuple[tuple[str, str, str, Callable[[VariantFacts], str]], ...] = (
    # (title, provenance, formula key, how to show it)
    ("Total parameters", "derived", "total_params", lambda f: human(f.summary["total_params"])),
    ("Active per token", "derived", "active_params", lambda f: human(f.summary["active_params"])),
    ("Embedding", "derived", "embedding_params", lambda f: human(f.summary["embedding_params"])),
    ("Non-embedding", "derived", "non_embedding_params", lambda f: human(f.summary["non_embedding_params"])),
    ("Vision encoder", "derived", "vision_params", lambda f: human(f.summary["vision_params"]) if f.summary["vision_params"] else "—"),
    ("Tied embeddings", "config", "tied_embeddings", lambda f: {True: "yes", False: "no"}.get(f.summary["tied_embeddings"], "unknown")),
    ("Layers × width", "config", "layers", lambda f: f"{number(f.summary['layers'])} × {number(f.summary['hidden_size'])}"),
    ("Query / KV heads", "config", "heads", lambda f: f"{number(f.summary['heads'])} / {number(f.summary['kv_heads'])}"),
    ("GQA ratio", "derived", "gqa_ratio", lambda f: f"{f.summary['gqa_ratio']:g} : 1" if f.summary["gqa_ratio"] else "unknown"),
    ("Head dimension", "config", "head_dim", lambda f: number(f.summary["head_dim"])),
    ("Attention pattern", "derived", "attention_pattern", lambda f: str(f.summary["attention_pattern"])),
    ("Experts", "config", "experts", lambda f: f"{f.summary['experts']}, {f.summary['experts_per_token']} per token" if f.summary["experts"] else "dense"),
    ("RoPE base", "config", "rope_theta", lambda f: number(f.summary["rope_theta"])),
    ("RoPE scaling", "config", "rope_scaling", lambda f: f.summary["rope_scaling"] or "none"),
    ("Context (config)", "config", "context_length", lambda f: number(f.summary["context_length"])),
    ("Vocabulary (config)", "config", "vocab_size", lambda f: number(f.summary["vocab_size"])),
    ("KV cache per token", "derived", "kv_cache_bytes_per_token", lambda f: f"{f.summary['kv_cache_bytes_per_token'] / 1024:,.0f} KiB" if f.summary["kv_cache_bytes_per_token"] else "unknown"),
    ("KV cache, bf16", "derived", "kv_cache_bytes", lambda f: "; ".join(_kv(f, i, "bf16") for i in range(len(f.kv_cache)))),
    ("KV cache, fp8", "derived", "kv_cache_bytes", lambda f: "; ".join(_kv(f, i, "fp8") for i in range(len(f.kv_cache)))),
    ("Weights", "derived", "weight_bytes", lambda f: "; ".join(f"{k} {gib(v)}" for k, v in f.summary["weight_bytes"].items())),
    ("Fits on", "derived", "device_tier", lambda f: TIER_NAMES.get(f.summary["device_tier"], f.summary["device_tier"])),
    ("Compute per token", "derived", "flops_per_token", lambda f: f"{human(f.summary['flops_per_token'])}FLOPs" if f.summary["flops_per_token"] else "unknown"),
)
TIER_NAMES = {"phone": "a phone (4 GiB)", "laptop": "a laptop (16 GiB)", "gpu-24gb": "one 24 GB GPU",
              "gpu-80gb": "one 80 GB GPU", "server": "a server (several GPUs)"}


def anatomy_table(facts: list[VariantFacts]) -> dict[str, Any] | None:
    """The config-derived anatomy: a row per fact with its provenance and formula, a column per size."""
    if not facts:
        return None
    rows = [{"title": t, "provenance": p, "formula": FORMULAS.get(k, ""), "cells": [show(f) for f in facts]}
            for t, p, k, show in ANATOMY_ROWS]
    checks = [{"label": f.variant.label, "checks": f.checks} for f in facts if f.checks]
    notes = sorted({n for f in facts for n in f.anatomy.notes})
    return {"labels": [f.variant.label for f in facts], "snapshots": [f.snapshot for f in facts],
            "revisions": [f.variant.hub.revision for f in facts], "rows": rows, "checks": checks, "notes": notes,
            "disagreements": sum(len(f.disagreements) for f in facts)}


PLACARD_USES = 3  # a placard names the first few uses; the page lists them all


def placard(entry: Entry) -> dict[str, Any]:
    """What a placard shows about one dossier."""
    d = entry.dossier
    return {
        "entry": entry, "d": d, "href": f"specimens/{d.slug}.html", "size": size_label(entry),
        "license": license_label(entry), "recipe": recipe_line(entry), "tokens": tokens_label(entry),
        "uses": d.best_for.uses[:PLACARD_USES] if d.best_for else [],
    }


def home(catalog: Catalog) -> Page:
    specimens = sorted(catalog.specimens, key=lambda e: e.dossier.released.date)
    families = [{"family": f, "line": [placard(e) for e in catalog.members(f.slug)]} for f in catalog.families]
    return Page("index.html", "index.html", "The bestiary",
                {"placards": [placard(e) for e in specimens], "families": [f for f in families if f["line"]]})


def specimen(catalog: Catalog, entry: Entry) -> Page:
    d = entry.dossier
    parents = [{"edge": p, "entry": catalog.get(p.parent)} for p in d.lineage]
    children = [{"entry": e, "relation": r} for e, r in catalog.children(d.slug)]
    family = catalog.family(d.family)
    context = {
        "d": d, "p": placard(entry), "family": family, "sizes": variant_table(d), "scores": benchmark_matrix(d), "parents": parents, "children": children,
        "cites": {s.id: i + 1 for i, s in enumerate(d.sources)},
        "siblings": [placard(e) for e in catalog.members(d.family) if e.slug != d.slug],
        "anatomy": anatomy_table(catalog.enrichment.get(d.slug, [])),
    }
    return Page(f"specimens/{d.slug}.html", "specimen.html", d.name, context)


def field_rows(model: type[BaseModel], prefix: str = "", expanded: dict | None = None) -> list[dict[str, Any]]:
    """Every field of a file format, nested ones dotted, with type and description.

    A nested model is spelled out the first time it appears; later uses point back to it.
    """
    expanded = {} if expanded is None else expanded
    rows = []
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        inner = inner_model(info.annotation)
        row = {"path": path, "type": _type_text(info.annotation), "required": info.is_required(),
               "description": info.description or "", "see": expanded.get(inner)}
        rows.append(row)
        if inner and inner not in expanded:
            expanded[inner] = path
            list_like = "list[" in str(info.annotation)
            rows += field_rows(inner, path + ("[]." if list_like else "."), expanded)
    return rows


def _type_text(annotation: Any) -> str:
    text = str(annotation).replace("typing.", "").replace("datetime.", "").replace("museum.schema.", "")
    text = re.sub(r"<class '(?:[\w.]+\.)?(\w+)'>", r"\1", text).replace("NoneType", "None")
    return re.sub(r"Literal\[([^\]]*)\]", lambda m: " | ".join(v.strip(" '") for v in m[1].split(",")), text)


def about(catalog: Catalog) -> Page:
    from . import schema
    formats = [("Dossier: specimens/<slug>.yaml", field_rows(schema.Dossier)),
               ("Families: specimens/_families.yaml", field_rows(schema.Families)),
               ("Timeline: specimens/_timeline.yaml", field_rows(schema.Timeline))]
    facts = [{"key": k, "formula": v} for k, v in FORMULAS.items()]
    rules = [{"title": t, "rule": r} for _, t, _, _, r in CHECKS]
    return Page("about.html", "about.html", "About the data",
                {"formats": formats, "facts": facts, "checks": rules, "count": len(catalog.entries)})


def not_found() -> Page:
    return Page("404.html", "404.html", "Not on display", {})


def all_pages(catalog: Catalog) -> list[Page]:
    return [home(catalog), *(specimen(catalog, e) for e in catalog.entries), about(catalog), not_found()]


def render_pages(env: jinja2.Environment, pages: list[Page]) -> dict[str, str]:
    """Render every page; links inside are relative to the page (`root` leads back to the top)."""
    return {
        page.path: render(env, page.template, root=root_prefix(page.path), page=page, **page.context)
        for page in pages
    }
