"""Dossier claims against what config.json shows: agree, disagree, explained, or not checkable.

Which claims exist and how each is compared come from the fact registry (`anatomy.CLAIMED`).
A disagreement whose claim carries a `note` is *explained*: the dossier says why the two differ.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from ..anatomy import CLAIMED, Anatomy, Fact
from ..dossiers.schema import Variant

Verdict = Literal["agree", "disagree", "explained", "unchecked"]


@dataclass(frozen=True)
class Check:
    """One claim compared with config.json."""

    fact: Fact
    claimed: Any  # the dossier's value
    source: str  # the dossier source id behind the claim
    note: str | None  # the dossier's explanation, if it gives one
    derived: Any  # what config.json shows (None when it cannot say)
    verdict: Verdict
    basis: str | None = None  # how the derived value was counted, when a claim could be counted two ways

    @property
    def field(self) -> str:
        """The Variant field that makes the claim, e.g. "context_length"."""
        return self.fact.claim or self.fact.key


def check_variant(variant: Variant, anatomy: Anatomy) -> tuple[Check, ...]:
    """Every claim the variant makes that config.json could settle, with its verdict."""
    out = []
    for fact in CLAIMED:
        claim = getattr(variant, fact.claim or "")
        if claim is None:
            continue
        derived = fact.settles(anatomy)
        basis = fact.claim_basis(anatomy) if fact.claim_basis else None
        out.append(Check(fact, claim.value, claim.source, claim.note, derived, _verdict(fact, claim, derived), basis))
    return tuple(out)


def _verdict(fact: Fact, claim: Any, derived: Any) -> Verdict:
    if derived is None or fact.rule is None:
        return "unchecked"
    if fact.rule.agrees(claim.value, derived):
        return "agree"
    return "explained" if claim.note else "disagree"
