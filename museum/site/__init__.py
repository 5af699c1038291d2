"""The site: URLs, tables, one module per page kind, the Jinja environment, and writing it out."""

from __future__ import annotations

from pathlib import Path

from ..catalog import Catalog
from ..figures import Figures
from .output import write_site
from .pages import all_pages, render_pages
from .render import environment


def render_site(catalog: Catalog, templates: Path, figures: Figures) -> dict[str, str]:
    """Every page of the catalog, rendered: relative path → HTML."""
    return render_pages(environment(templates), all_pages(catalog, figures))


__all__ = ["render_site", "write_site"]
