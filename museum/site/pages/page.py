"""A page of the site: where it goes, which template presents it, and what it shows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Page:
    path: str  # relative to the site root; spelled by museum.site.urls
    template: str
    title: str
    context: dict[str, Any]
    searchable: bool = True  # indexed for site search (the tools, search and 404 pages are not)
