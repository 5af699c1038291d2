"""The bestiary: a placard per specimen on display, then one family strip per line."""

from __future__ import annotations

from ...catalog import Catalog
from ...catalog.lineage import tree_order
from ...figures import Figures
from .. import urls
from .page import Page
from .placard import placard


def home(catalog: Catalog, figures: Figures) -> Page:
    on_display = sorted(catalog.on_display, key=lambda s: s.dossier.released.date)
    families = [{"family": f, "line": _line(catalog, f.slug)} for f in catalog.families]
    forest = figures.tree(catalog, [f.slug for f in catalog.families], urls.linker(urls.HOME), "forest")
    context = {"placards": [placard(s) for s in on_display], "families": [f for f in families if f["line"]],
               "forest": forest}  # fmt: skip
    return Page(urls.HOME, "index.html", "The bestiary", context)


def _line(catalog: Catalog, family: str) -> list[dict[str, object]]:
    """A family's strip in lineage order; a member that does not follow the one before it says where
    it branches from."""
    order = tree_order(catalog, family)
    line = []
    for i, (s, parent) in enumerate(order):
        branch = parent is not None and (i == 0 or order[i - 1][0].slug != parent.slug)
        line.append({**placard(s), "branch_from": parent.dossier.name if branch and parent else None})
    return line
