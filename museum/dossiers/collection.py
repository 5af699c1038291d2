"""Validated dossiers, families and the timeline, as read: the input of enrichment."""

from __future__ import annotations

from dataclasses import dataclass

from .reader import Document
from .schema import Dossier, Family, Glossary, Timeline


@dataclass(frozen=True)
class Entry:
    """A validated dossier and the document it was read from (for locating diagnostics)."""

    dossier: Dossier
    doc: Document

    @property
    def slug(self) -> str:
        return self.dossier.slug


@dataclass(frozen=True)
class Collection:
    """Every valid dossier (sorted by slug), the families and the timeline, before enrichment."""

    entries: tuple[Entry, ...]
    families: tuple[Family, ...]
    timeline: Timeline | None = None
    timeline_doc: Document | None = None
    glossary: Glossary | None = None

    def get(self, slug: str) -> Entry | None:
        return next((e for e in self.entries if e.slug == slug), None)
