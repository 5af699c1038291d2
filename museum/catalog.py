"""The collection as a whole: lookups, families, the lineage graph, the timeline."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from .schema import Dossier, Family, Timeline
from .sources import Document


@dataclass(frozen=True)
class Entry:
    """A validated dossier and the document it was read from."""

    dossier: Dossier
    doc: Document

    @property
    def slug(self) -> str:
        return self.dossier.slug


@dataclass(frozen=True)
class Catalog:
    """Every entry, family and timeline event, with the questions that span them."""

    entries: tuple[Entry, ...]
    families: tuple[Family, ...]
    timeline: Timeline | None = None
    enrichment: dict = field(default_factory=dict)  # slug → per-variant derived facts

    def get(self, slug: str) -> Entry | None:
        return next((e for e in self.entries if e.slug == slug), None)

    def family(self, slug: str) -> Family | None:
        return next((f for f in self.families if f.slug == slug), None)

    def members(self, family: str) -> list[Entry]:
        """The entries of a family, oldest first."""
        found = [e for e in self.entries if e.dossier.family == family]
        return sorted(found, key=lambda e: e.dossier.released.date)

    def children(self, slug: str) -> list[tuple[Entry, str]]:
        """Entries that name `slug` as a parent, with the relation."""
        return [
            (e, p.relation) for e in self.entries for p in e.dossier.lineage if p.parent == slug
        ]

    @property
    def specimens(self) -> list[Entry]:
        return [e for e in self.entries if e.dossier.role == "specimen"]

    @property
    def ancestors(self) -> list[Entry]:
        return [e for e in self.entries if e.dossier.role == "ancestor"]


def find_cycle(edges: Iterable[tuple[str, str]]) -> list[str] | None:
    """A cycle in a directed graph given as (child, parent) edges, or None.

    Returned as the path of slugs that closes on itself, e.g. ['a', 'b', 'a'].
    """
    graph: dict[str, list[str]] = {}
    for child, parent in edges:
        graph.setdefault(child, []).append(parent)
    state: dict[str, str] = {}

    def visit(node: str, path: list[str]) -> list[str] | None:
        if state.get(node) == "open":
            return path[path.index(node):] + [node]
        if state.get(node) == "done":
            return None
        state[node] = "open"
        for parent in graph.get(node, []):
            cycle = visit(parent, path + [node])
            if cycle:
                return cycle
        state[node] = "done"
        return None

    for start in sorted(graph):
        cycle = visit(start, [])
        if cycle:
            return cycle
    return None
