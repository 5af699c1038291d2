"""What the site tells crawlers and link previews: sitemap.xml, robots.txt and each page's card
(Open Graph and Twitter meta tags).

These are the only places the site's public address (`base_url`) is used: a sitemap, a robots.txt
`Sitemap:` line, og:url and og:image must be absolute. Without an address the build still writes
robots.txt (allowing everything, with no `Sitemap:` line) and every card's title, description and
kind, but no sitemap.xml, og:url or og:image: a relative URL there would be invalid, and a guessed
address would be wrong wherever the site is really published.
"""

from __future__ import annotations

import dataclasses
import struct
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from . import urls
from .pages import Card, Page

ARTICLES = frozenset({"specimen.html", "hall.html", "numbers.html"})  # templates of pages that are articles
IMAGE_ALT = "The Model Museum's mark, a cream M on a brick-red tile, above the words Model Museum."


@dataclass(frozen=True)
class Image:
    """The picture every page's card shows: its path in the site and its size in pixels."""

    path: str
    width: int
    height: int


def social_image(assets: Path | None) -> Image | None:
    """The site's card picture (urls.SOCIAL_IMAGE) if the assets folder has it, with its size."""
    if assets is None:
        return None
    file = assets / Path(urls.SOCIAL_IMAGE).relative_to(urls.ASSETS)
    try:
        head = file.read_bytes()[:24]
    except OSError:
        return None
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", head[16:24])
    return Image(urls.SOCIAL_IMAGE, width, height)


def card(page: Page, base_url: str | None, image: Image | None) -> Card:
    """How a link to `page` previews, given the site's address and picture (either may be unknown)."""
    kind, indexed = "article" if page.template in ARTICLES else "website", in_sitemap(page.path)
    if base_url is None:
        return Card(kind, indexed=indexed)
    if image is None:
        return Card(kind, urls.absolute(base_url, page.path), indexed=indexed)
    return Card(kind, urls.absolute(base_url, page.path), urls.absolute(base_url, image.path), IMAGE_ALT,
                (image.width, image.height), indexed)  # fmt: skip


def with_cards(pages: list[Page], base_url: str | None, image: Image | None) -> list[Page]:
    return [dataclasses.replace(page, card=card(page, base_url, image)) for page in pages]


def in_sitemap(path: str) -> bool:
    """Every page a visitor may land on: each HTML file but the 404 page."""
    return path.endswith(".html") and path != urls.NOT_FOUND


def sitemap(paths: Iterable[str], base_url: str) -> str:
    """sitemap.xml (sitemaps.org 0.9): the absolute address of every page in `paths` worth listing."""
    addresses = sorted(urls.absolute(base_url, path) for path in paths if in_sitemap(path))  # the home page first
    entries = "".join(f"  <url><loc>{escape(address)}</loc></url>\n" for address in addresses)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{entries}</urlset>\n"
    )


def robots(base_url: str | None) -> str:
    """robots.txt: everything may be crawled; the sitemap is named when the site's address is known.
    (Crawlers read robots.txt only at a host's root: under a sub-path it is a template to copy there.)"""
    where = f"\nSitemap: {urls.absolute(base_url, urls.SITEMAP)}\n" if base_url else ""
    return f"User-agent: *\nAllow: /\n{where}"


def crawler_files(paths: Iterable[str], base_url: str | None) -> dict[str, str]:
    """robots.txt, and sitemap.xml when the site's address is known: relative path → text."""
    files = {urls.ROBOTS: robots(base_url)}
    if base_url:
        files[urls.SITEMAP] = sitemap(paths, base_url)
    return files
