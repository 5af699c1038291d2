"""The catalog: every specimen, family and timeline event, with the questions that span them."""

from __future__ import annotations

from dataclasses import dataclass

from ..dossiers.schema import Family, Glossary, Timeline
from .specimen import Specimen


@dataclass(frozen=True)
class Catalog:
    """All specimens (sorted by slug), the families and the timeline."""

    specimens: tuple[Specimen, ...]
    families: tuple[Family, ...]
    timeline: Timeline | None = None
    glossary: Glossary | None = None

    def get(self, slug: str) -> Specimen | None:
        return next((s for s in self.specimens if s.slug == slug), None)

    def family(self, slug: str) -> Family | None:
        return next((f for f in self.families if f.slug == slug), None)

    def members(self, family: str) -> list[Specimen]:
        """The specimens of a family, oldest first."""
        found = [s for s in self.specimens if s.dossier.family == family]
        return sorted(found, key=lambda s: s.dossier.released.date)

    def children(self, slug: str) -> list[tuple[Specimen, str]]:
        """Specimens that name `slug` as a parent, with the relation."""
        return [(s, p.relation) for s in self.specimens for p in s.dossier.lineage if p.parent == slug]

    @property
    def on_display(self) -> list[Specimen]:
        return [s for s in self.specimens if s.on_display]

    @property
    def ancestors(self) -> list[Specimen]:
        return [s for s in self.specimens if not s.on_display]
