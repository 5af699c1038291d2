"""The tables of an exhibit page, computed from the fact registry: sizes, anatomy, claims, scores."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..anatomy import CLAIMED, FACTS, Fact
from ..catalog import Check, Specimen, VariantAnatomy
from ..dossiers.schema import Benchmark, Dossier, Variant
from ..formatting import SEPARATOR, label, show, value

NOT_APPLICABLE = "—"


@dataclass(frozen=True)
class Footnotes:
    """Lettered notes: identical texts share one letter (a, b, … z, aa, ab, …)."""

    texts: tuple[str, ...]

    def mark(self, text: str | None) -> str | None:
        return _mark(self.texts.index(text)) if text in self.texts else None

    @property
    def items(self) -> list[dict[str, str]]:
        return [{"mark": _mark(i), "text": t} for i, t in enumerate(self.texts)]


def _mark(index: int) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return letters[index] if index < 26 else letters[index // 26 - 1] + letters[index % 26]


def claim_notes(d: Dossier) -> Footnotes:
    """Every note on a claim of the sizes table, in table order."""
    texts: list[str] = []
    for fact in CLAIMED:
        for v in d.variants:
            claim = getattr(v, fact.claim or "")
            if claim is not None and claim.note and claim.note not in texts:
                texts.append(claim.note)
    return Footnotes(tuple(texts))


def sizes_table(d: Dossier, notes: Footnotes) -> dict[str, Any]:
    """What the makers claim: a row per claimed fact some size states, a column per size."""
    rows = []
    for fact in CLAIMED:
        claims = [getattr(v, fact.claim or "") for v in d.variants]
        if any(c is not None for c in claims):
            rows.append({"title": fact.title, "cells": [_claim_cell(fact, c, notes) for c in claims]})
    return {"labels": [v.label for v in d.variants], "rows": rows, "notes": notes.items}


def _claim_cell(fact: Fact, claim: Any, notes: Footnotes) -> dict[str, Any] | None:
    if claim is None:
        return None
    return {
        "text": show(fact.claim_format or fact.format, claim.value),
        "source": claim.source,
        "note": notes.mark(claim.note),
        "unverified": getattr(claim, "status", "verified") == "unverified",
    }


def anatomy_table(specimen: Specimen, notes: Footnotes) -> dict[str, Any] | None:
    """What config.json shows: a row per fact that applies to some size, a column per size."""
    found = specimen.anatomies
    if not found:
        return None
    rows = [
        {"fact": fact, "cells": [_fact_cell(fact, v) for v in found]}
        for fact in FACTS
        if fact.shown and any(fact.applies(v.anatomy) for v in found)
    ]
    return {
        "variants": found,
        "rows": rows,
        "checks": [_check_row(v, c, notes) for v in found for c in v.checks],
        "notes": sorted({n for v in found for n in v.anatomy.notes}),
        "witnesses": [_witness(v) for v in found if v.anatomy.header_params],
        "disagreements": sum(len(v.verdicts("disagree")) for v in found),
        "explained": sum(len(v.verdicts("explained")) for v in found),
    }


def _witness(v: VariantAnatomy) -> str:
    """'1B: weights on the Hub: 1,235,814,400 parameters (safetensors header), as config.json counts'."""
    stored, derived = sum((v.anatomy.header_params or {}).values()), v.anatomy.total_params
    verdict = "as config.json counts" if stored == derived else "config.json counts " + value(derived)
    return f"{v.label}: weights on the Hub: {value(stored)} parameters (safetensors header), {verdict}"


def _fact_cell(fact: Fact, v: VariantAnatomy) -> list[str]:
    """The cell's lines: one per part of the value (a KV cache at several lengths, weights per precision)."""
    if not fact.applies(v.anatomy):
        return [NOT_APPLICABLE]
    return show(fact.format, fact.value(v.anatomy)).split(SEPARATOR)


def _check_row(v: VariantAnatomy, c: Check, notes: Footnotes) -> dict[str, Any]:
    return {
        "label": v.label, "title": c.fact.title, "claimed": value(c.claimed), "source": c.source,
        "derived": value(c.derived), "basis": c.basis, "verdict": c.verdict, "verdict_text": label(c.verdict),
        "rule": c.fact.rule.text if c.fact.rule else "", "note": notes.mark(c.note) if c.verdict == "explained" else None,
    }  # fmt: skip


MODES = {"base": "Pre-trained (base) checkpoints", "instruct": "Instruction-tuned checkpoints",
         "thinking": "Thinking mode", "non-thinking": "Non-thinking mode"}  # fmt: skip


def benchmark_matrix(d: Dossier) -> list[dict[str, Any]]:
    """Scores as tables, one per mode: a row per benchmark and way of measuring (and who measured
    it), a column per size."""
    tables = []
    for mode, title in MODES.items():
        scores = [b for b in d.benchmarks if b.mode == mode]
        if scores:
            tables.append({"title": title, **_score_table(scores, d.variants)})
    return tables


def _score_table(scores: list[Benchmark], variants: list[Variant]) -> dict[str, Any]:
    labels = [v.label for v in variants if any(b.variant == v.label for b in scores)]
    rows: dict[tuple[Any, ...], dict[str, Benchmark]] = {}
    for b in scores:
        rows.setdefault((*b.setting_key, b.provenance, b.measured_by, b.setting), {})[b.variant] = b
    return {
        "labels": labels,
        "rows": [
            {"first": next(iter(cells.values())), "cells": [cells.get(label) for label in labels]}
            for cells in rows.values()
        ],
    }
