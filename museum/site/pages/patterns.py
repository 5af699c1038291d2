"""Patterns: the shared recipe as a matrix across every model, and where the models differ,
each cell linked to its evidence on the exhibit page (the anatomy row, the card's claim, the recipe step)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...catalog import Catalog, Specimen
from ...catalog import patterns as p
from ...formatting import human, label, stage_short
from .. import urls
from .page import Page
from .specimen import glossary_linker

# A recipe stage → its glossary term.
STAGE_TERMS = {"sft": "sft", "dpo": "dpo", "rlhf": "rlhf", "ppo": "rlhf", "grpo": "grpo", "rlvr": "rlvr",
               "qat": "qat", "distill": "distillation", "prune": "pruning", "merge": "model-merging", "apo": "apo",
               "long-context": "rope-scaling"}  # fmt: skip


def _cell(s: Specimen, c: p.Cell, trait: p.Trait, href: Callable[[str], str]) -> dict[str, Any]:
    many = len(c.values) > 1
    parts = [f"{value} ({', '.join(labels)})" if many else value for value, labels in c.values]
    evidence = {"config": urls.fact_anchor(trait.key), "card": "architecture"}.get(c.evidence)
    return {
        "parts": parts, "departs": c.departs, "evidence": c.evidence, "usual": c.usual,
        "href": href(s.slug) + "#" + evidence if evidence else None,
    }  # fmt: skip


def _difference(r: p.Difference, href: Callable[[str], str]) -> dict[str, Any]:
    page = href(r.specimen.slug)
    lic = r.specimen.dossier.license
    return {
        "specimen": r.specimen,
        "href": page,
        "tokens": human(r.tokens) if r.tokens else None,
        "data": r.data,
        "training": page + "#training",
        "stages": [{"text": stage_short(stage), "href": f"{page}#{urls.step_anchor(n)}"} for stage, n in r.stages],
        "twists": [{"text": t, "href": f"{page}#{urls.twist_anchor(i)}"} for i, t in enumerate(r.twists, 1)],
        "licence": {"text": lic.spdx or lic.name, "href": lic.url},
    }


def patterns(catalog: Catalog) -> Page:
    path = urls.PATTERNS
    href, term = urls.linker(path), glossary_linker(catalog, path)
    rows = p.matrix(catalog)
    adoption = [
        {"trait": a.trait, "term": term(a.trait.term), "follows": len(a.follows), "first": a.first,
         "known": len(a.follows) + len(a.departs),
         "share": round(100 * len(a.follows) / max(1, len(a.follows) + len(a.departs)), 1),
         "departs": [{"specimen": s, "text": " · ".join(v for v, _ in c.values)} for s, c in a.departs]}
        for a in p.adoption(rows)
    ]  # fmt: skip
    differences = p.differences(catalog)
    context = {
        "traits": [{"trait": t, "term": term(t.term)} for t in p.TRAITS],
        "rows": [
            {"specimen": r.specimen, "href": href(r.specimen.slug),
             "cells": [_cell(r.specimen, c, t, href) for c, t in zip(r.cells, p.TRAITS, strict=True)]}
            for r in rows
        ],
        "adoption": adoption,
        "whole": p.whole_recipe(rows),
        "total": len(rows),
        "differences": [_difference(r, href) for r in differences],
        "stage_counts": [{"text": label(stage), "count": n, "term": term(STAGE_TERMS.get(stage, ""))}
                         for stage, n in p.stage_counts(differences)],
        "licences": p.licence_counts(catalog),
    }  # fmt: skip
    return Page(path, "patterns.html", "Patterns", context)
