"""A page of the site: where it goes, which template presents it, and what it shows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Card:
    """How a link to the page previews (Open Graph, Twitter): its kind, and the absolute URLs of
    the page and its picture, which are known only when the site's public address is."""

    type: str = "website"  # og:type
    url: str | None = None
    image: str | None = None
    image_alt: str = ""
    image_size: tuple[int, int] | None = None  # width, height in pixels
    indexed: bool = True  # False: search engines are asked not to index it (the 404 page)


@dataclass(frozen=True)
class Page:
    path: str  # relative to the site root; spelled by museum.site.urls
    template: str
    title: str
    context: dict[str, Any]
    searchable: bool = True  # indexed for site search (the tools, search and 404 pages are not)
    card: Card = Card()  # filled in for the site's address by museum.site.meta
