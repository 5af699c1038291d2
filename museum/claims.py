"""Dossier claims against what config.json shows: agree, disagree, or not checkable."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable, Literal

from .anatomy import Anatomy
from .schema import Variant

Verdict = Literal["agree", "disagree", "unchecked"]


@dataclass(frozen=True)
class Check:
    """One claim compared with config.json."""

    field: str  # the Variant field, e.g. "context_length"
    title: str
    claimed: Any  # the dossier's value (None when the dossier makes no such claim)
    source: str | None  # the dossier source id behind the claim
    derived: Any  # what config.json shows (None when it cannot say)
    verdict: Verdict
    rule: str  # how the two were compared, in words


def rounding_unit(value: int) -> int:
    """One unit in the last significant digit: 1_230_000_000 → 10_000_000, 7_000_000_000 → 1_000_000_000."""
    if value == 0:
        return 1
    digits = Decimal(value).normalize().as_tuple()
    return 10 ** max(digits.exponent, 0)


def _within_rounding(claimed: int, derived: int) -> bool:
    return abs(claimed - derived) < rounding_unit(claimed)


def _equal(claimed: Any, derived: Any) -> bool:
    return claimed == derived


def _window(a: Anatomy) -> int | None:
    windows = {layer.window for layer in a.layer_attention if layer.kind == "sliding"}
    return windows.pop() if len(windows) == 1 else None


COUNT_RULE = "agrees when the config count is within one unit of the claim's last significant digit"
EXACT_RULE = "agrees when both are equal"
CHECKS: tuple[tuple[str, str, Callable[[Anatomy], Any], Callable[[Any, Any], bool], str], ...] = (
    ("params", "Total parameters", lambda a: a.total_params, _within_rounding, COUNT_RULE),
    ("active_params", "Active parameters per token", lambda a: a.active_params, _within_rounding, COUNT_RULE),
    ("non_embedding_params", "Non-embedding parameters", lambda a: a.non_embedding_params, _within_rounding, COUNT_RULE),
    ("context_length", "Context length", lambda a: a.context_length, _equal, EXACT_RULE + " (config: max_position_embeddings)"),
    ("vocab_size", "Vocabulary", lambda a: a.vocab_size, _equal, EXACT_RULE + " (config: vocab_size)"),
    ("layers", "Layers", lambda a: a.layers, _equal, EXACT_RULE),
    ("heads", "Query heads", lambda a: a.heads, _equal, EXACT_RULE),
    ("kv_heads", "Key/value heads", lambda a: a.kv_heads, _equal, EXACT_RULE),
    ("tied_embeddings", "Tied embeddings", lambda a: a.tied_embeddings, _equal, EXACT_RULE + " (config: tie_word_embeddings)"),
    ("experts", "Experts per layer", lambda a: a.experts, _equal, EXACT_RULE),
    ("experts_per_token", "Experts per token", lambda a: a.experts_per_token, _equal, EXACT_RULE),
    ("sliding_window", "Sliding window", _window, _equal, EXACT_RULE + " (the window of the sliding layers)"),
)


def check_variant(variant: Variant, anatomy: Anatomy) -> list[Check]:
    """Every claim the variant makes that config.json could settle, with its verdict."""
    out = []
    for field, title, derive, agrees, rule in CHECKS:
        claim = getattr(variant, field)
        if claim is None:
            continue
        derived = derive(anatomy)
        if derived is None:
            verdict: Verdict = "unchecked"
        else:
            verdict = "agree" if agrees(claim.value, derived) else "disagree"
        out.append(Check(field, title, claim.value, claim.source, derived, verdict, rule))
    return out
