"""The tables of an exhibit page, computed from the fact registry: sizes, anatomy, claims, scores."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..anatomy import CLAIMED, FACTS, Fact, device_tier
from ..catalog import Check, Specimen, VariantAnatomy
from ..catalog.specimen import fact_text
from ..dossiers.schema import Benchmark, Dossier, Variant
from ..formatting import SEPARATOR, human, label, number, show, tokens, value

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
    return fact_text(fact, v.anatomy, NOT_APPLICABLE).split(SEPARATOR)


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


def card_checklist(s: Specimen) -> list[dict[str, str]]:
    """'Read a model card in 30 seconds', filled in: each question, its answer, where the page says more."""
    d = s.dossier
    anatomies = {v.label: v.anatomy for v in s.anatomies}

    def per_size(text: Callable[[Variant], str | None]) -> str:
        answers = [(v.label, text(v)) for v in d.variants]
        known = [(label, a) for label, a in answers if a]
        if not known:
            return "not stated"
        if len({a for _, a in known}) == 1 and len(known) == len(answers):
            return known[0][1] or ""
        return "; ".join(f"{label}: {a}" for label, a in known)

    def params(v: Variant) -> str:
        a = anatomies.get(v.label)
        active = f", {human(a.active_params)} active per token" if a and a.is_moe else ""
        return f"{human(v.params.value)}{active}"

    def context(v: Variant) -> str | None:
        claimed = v.context_length.value if v.context_length else None
        a = anatomies.get(v.label)
        how = f" (with {a.rope_scaling} RoPE scaling)" if a and a.rope_scaling else ""
        return f"{tokens(claimed)}{how}" if claimed else (f"{tokens(a.context_length)} in config.json" if a else None)

    def vocab(v: Variant) -> str | None:
        a = anatomies.get(v.label)
        claimed = f"{number(v.vocab_size.value)} tokens" if v.vocab_size else None
        table = f"{number(a.vocab_size)} embedding rows" if a and a.vocab_size else None
        return ", ".join(x for x in (claimed, table) if x) or None

    def fits(v: Variant) -> str | None:
        a = anatomies.get(v.label)
        return label(device_tier(a)) if a else None

    training = d.training
    tokens_ = f"{human(training.tokens.value)} tokens" if training and training.tokens else "not disclosed"
    config = "#anatomy" if s.anatomies else "#sizes"  # an ancestor without a config has no anatomy section
    data = "see below" if training else "not described in this dossier"
    recipe = "#training" if training else "#sizes"
    return [
        {"question": "How big?", "answer": per_size(params), "href": "#sizes"},
        {"question": "Trained on how many tokens?", "answer": tokens_, "href": recipe},
        {"question": "On what data?", "answer": data, "href": recipe},
        {"question": "How much context?", "answer": per_size(context), "href": "#sizes"},
        {"question": "Under what licence?", "answer": d.license.spdx or d.license.name, "href": "#sources"},
        {"question": "Which tokenizer and vocabulary?", "answer": per_size(vocab), "href": config},
        {"question": "What does it fit on (int4, 4K context)?", "answer": per_size(fits), "href": config},
    ]
