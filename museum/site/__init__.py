"""The site: URLs, tables, one module per page kind, the Jinja environment, and writing it out."""

from __future__ import annotations

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
                assets: Path | None = None, compiled: Path | None = None) -> dict[str, str]:  # fmt: skip
    """Every page of the catalog rendered (or kept by `memo`), the data downloads, robots.txt and
    (with the site's public address, `base_url`) sitemap.xml: relative path → text. `assets` is
    where the picture of the pages' link previews is looked for; `compiled`, where compiled
    templates are kept between builds."""
    cards = meta.with_cards(all_pages(catalog, figures, halls), base_url, meta.social_image(assets))
    pages = render_pages(environment(templates, compiled), cards, memo)
    data = {urls.BENCHMARKS_CSV: benchmarks_csv(catalog), urls.SPECIMENS_JSON: specimens_json(catalog),
            urls.SPECIMENS_CSV: specimens_csv(catalog), urls.DOSSIER_SCHEMA: dossier_schema()}  # fmt: skip
    return {**pages, **data, **meta.crawler_files(pages, base_url)}


__all__ = ["Memo", "render_site", "write_site"]
