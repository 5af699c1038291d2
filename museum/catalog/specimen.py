"""The specimen: a validated dossier enriched with what each variant's config.json shows."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..anatomy import Anatomy, Fact
from ..dossiers.reader import Document
from ..dossiers.schema import Dossier, Variant
from ..formatting import show
from .claims import Check


def fact_text(fact: Fact, a: Anatomy, absent: str = "—") -> str:
    """A fact of one anatomy as a person reads it, or `absent` where the fact means nothing for it."""
    return show(fact.format, fact.value(a)) if fact.applies(a) else absent


@dataclass(frozen=True)
class VariantAnatomy:
    """One variant's config.json snapshot, the anatomy derived from it and its claims checked."""

    variant: Variant
    index: int  # position in the dossier's `variants` list
    snapshot: str  # where the snapshot lives, relative to the museum folder
    anatomy: Anatomy
    checks: tuple[Check, ...]

    @property
    def label(self) -> str:
        return self.variant.label

    @property
    def revision(self) -> str:
        return self.variant.hub.revision if self.variant.hub else ""

    def verdicts(self, verdict: str) -> list[Check]:
        return [c for c in self.checks if c.verdict == verdict]


@dataclass(frozen=True)
class Specimen:
    """A dossier as the pages read it: validated, located, and enriched per variant."""

    dossier: Dossier
    # the file as read, for diagnostics (lines): pages show `dossier`, never this, so a page's
    # fingerprint leaves it out (it holds every node of the YAML twice over)
    doc: Document = field(metadata={"fingerprint": False})
    anatomies: tuple[VariantAnatomy, ...] = ()  # the variants with a Hub repo, in dossier order

    @property
    def slug(self) -> str:
        return self.dossier.slug

    def variant_name(self, label: str) -> str:
        """'Llama 3.2 1B'; just the name when it already holds the label ('Mixtral 8x7B')."""
        return self.dossier.name if label in self.dossier.name else f"{self.dossier.name} {label}"

    @property
    def on_display(self) -> bool:
        """A specimen in the museum's sense of role: one of the models on display (not an ancestor)."""
        return self.dossier.role == "specimen"
