"""The catalog: every specimen, family and timeline event, with the questions that span them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from ..dossiers.schema import Family, Glossary, Timeline
from .specimen import Specimen

T = TypeVar("T")


@dataclass(frozen=True)
class Catalog:
    """All specimens (sorted by slug), the families and the timeline."""

    specimens: tuple[Specimen, ...]
    families: tuple[Family, ...]
    timeline: Timeline | None = None
    glossary: Glossary | None = None

    def remember(self, key: str, compute: Callable[[], T]) -> T:
        """A value derived from this catalog alone, computed once: a catalog never changes, and
        pages ask the same questions of it many times (at a thousand specimens, a scan per question
        is what makes a build slow)."""
        memo: dict[str, Any] = self.__dict__.setdefault("_memo", {})  # not a field: no part of equality
        if key not in memo:
            memo[key] = compute()
        return cast(T, memo[key])

    def get(self, slug: str) -> Specimen | None:
        return self.remember("by slug", lambda: {s.slug: s for s in reversed(self.specimens)}).get(slug)

    def family(self, slug: str) -> Family | None:
        return self.remember("families", lambda: {f.slug: f for f in reversed(self.families)}).get(slug)

    def members(self, family: str) -> list[Specimen]:
        """The specimens of a family, oldest first."""
        return list(self.remember("members", self._members).get(family, ()))

    def _members(self) -> dict[str, list[Specimen]]:
        found: dict[str, list[Specimen]] = {}
        for s in sorted(self.specimens, key=lambda s: s.dossier.released.date):
            found.setdefault(s.dossier.family, []).append(s)
        return found

    def children(self, slug: str) -> list[tuple[Specimen, str]]:
        """Specimens that name `slug` as a parent, with the relation."""
        return list(self.remember("children", self._children).get(slug, ()))

    def _children(self) -> dict[str, list[tuple[Specimen, str]]]:
        found: dict[str, list[tuple[Specimen, str]]] = {}
        for s in self.specimens:
            for p in s.dossier.lineage:
                found.setdefault(p.parent, []).append((s, p.relation))
        return found

    @property
    def on_display(self) -> list[Specimen]:
        return [s for s in self.specimens if s.on_display]

    @property
    def ancestors(self) -> list[Specimen]:
        return [s for s in self.specimens if not s.on_display]
