"""Every page of the site, one module per page kind: computed here, presented in Jinja."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator

import jinja2

from ...catalog import Catalog
from ...figures import Figures
from .. import urls
from ..render import render
from . import charts, families, halls, tools
from .about import about
from .home import home
from .page import Card, Page
from .patterns import patterns
from .specimen import specimen


def not_found() -> Page:
    return Page(urls.NOT_FOUND, "404.html", "Not on display", {}, searchable=False)


def search() -> Page:
    return Page(urls.SEARCH, "search.html", "Search", {}, searchable=False)


def all_pages(catalog: Catalog, figures: Figures, texts: dict[str, str]) -> list[Page]:
    first = home(catalog, figures)  # asked first, so its figures are drawn first (it is rendered first)
    specimens = [specimen(catalog, s, figures) for s in catalog.specimens]
    essays = [halls.read(name, text) for name, text in texts.items()]
    numbers = next((h.body for h in essays if h.name == halls.NUMBERS), "")
    rooms = [charts.timeline(catalog, figures), charts.benchmarks(catalog, figures), charts.numbers(catalog, numbers),
             charts.devices(catalog, figures), *halls.hall_pages(essays), halls.index(essays, catalog),
             halls.glossary(catalog), *families.all_families(catalog, figures), tools.compare(catalog),
             tools.fit(catalog), patterns(catalog), search()]  # fmt: skip
    return [first, *specimens, *rooms, about(catalog), not_found()]


Memo = Callable[[Page, Callable[[], str]], str]  # (page, render it) → its text, perhaps kept from a build before


def render_pages(env: jinja2.Environment, pages: list[Page], memo: Memo | None = None) -> Iterator[tuple[str, str]]:
    """Render every page, one at a time: (path, text). Links inside are relative to the page
    (`root` leads back to the top).

    A page is all it shows (path, template, context): `memo` may return the text it rendered
    for an equal page before instead of rendering it again."""
    keep = memo or (lambda page, draw: draw())
    for page in pages:
        yield page.path, keep(page, functools.partial(_render, env, page))


def _render(env: jinja2.Environment, page: Page) -> str:
    return render(env, page.template, root=urls.root_prefix(page.path), page=page, **page.context)


__all__ = ["Card", "Memo", "Page", "all_pages", "render_pages"]
