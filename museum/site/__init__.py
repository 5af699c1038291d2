"""The site: URLs, tables, one module per page kind, the Jinja environment, and writing it out."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..catalog import Catalog
from ..figures import Figures
from . import meta, urls
from .export import benchmarks_csv, dossier_schema, specimens_csv, specimens_json
from .output import write_site
from .pages import Memo, all_pages, render_pages
from .render import environment


def render_site(catalog: Catalog, templates: Path, figures: Figures, halls: dict[str, str],
                memo: Memo | None = None, base_url: str | None = None,
                assets: Path | None = None, compiled: Path | None = None) -> Iterator[tuple[str, str]]:  # fmt: skip
    """Every page of the catalog rendered (or kept by `memo`), the data downloads, robots.txt and
    (with the site's public address, `base_url`) sitemap.xml: (relative path, text), one at a time,
    so that a big museum is written as it is rendered rather than held whole. `assets` is where the
    picture of the pages' link previews is looked for; `compiled`, where compiled templates are kept
    between builds."""
    cards = meta.with_cards(all_pages(catalog, figures, halls), base_url, meta.social_image(assets))
    paths = []
    for path, text in render_pages(environment(templates, compiled), cards, memo):
        paths.append(path)
        yield path, text
    yield from [(urls.BENCHMARKS_CSV, benchmarks_csv(catalog)), (urls.SPECIMENS_JSON, specimens_json(catalog)),
                (urls.SPECIMENS_CSV, specimens_csv(catalog)), (urls.DOSSIER_SCHEMA, dossier_schema())]  # fmt: skip
    yield from meta.crawler_files(paths, base_url).items()


__all__ = ["Memo", "render_site", "write_site"]
