"""Every page of the site, as (path, template, context): computed here, presented in Jinja."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import jinja2

from .catalog import Catalog, Entry
from .output import root_prefix
from .render import human, number, render, stage_short, tokens
from .schema import Dossier


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
        "enrichment": catalog.enrichment.get(d.slug, {}),
    }
    return Page(f"specimens/{d.slug}.html", "specimen.html", d.name, context)


def not_found() -> Page:
    return Page("404.html", "404.html", "Not on display", {})


def all_pages(catalog: Catalog) -> list[Page]:
    return [home(catalog), *(specimen(catalog, e) for e in catalog.entries), not_found()]


def render_pages(env: jinja2.Environment, pages: list[Page]) -> dict[str, str]:
    """Render every page; links inside are relative to the page (`root` leads back to the top)."""
    return {
        page.path: render(env, page.template, root=root_prefix(page.path), page=page, **page.context)
        for page in pages
    }
