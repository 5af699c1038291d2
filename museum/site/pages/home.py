"""The bestiary: a placard per specimen on display, then one family strip per line."""

from __future__ import annotations

from typing import Any

from ...catalog import Catalog
from ...catalog.lineage import tree_order
from ...figures import Figures
from .. import urls
from .page import Page
from .placard import facets, placard


def home(catalog: Catalog, figures: Figures) -> Page:
    on_display = sorted(catalog.on_display, key=lambda s: s.dossier.released.date)
    families = [{"family": f, "line": _line(catalog, f.slug)} for f in catalog.families]
    forest = figures.tree(catalog, [f.slug for f in catalog.families], urls.linker(urls.HOME), "forest")
    cards = [{**placard(s), "facets": facets(s, catalog)} for s in on_display]
    context = {"placards": cards, "families": [f for f in families if f["line"]], "forest": forest,
               "filters": filters(cards)}  # fmt: skip
    return Page(urls.HOME, "index.html", "The bestiary", context)


FILTERS = ("family", "size", "licence", "structure", "year")


def filters(cards: list[dict[str, Any]]) -> list[dict[str, object]]:
    """Each facet with the values the placards have, for the filter menus."""
    values: dict[str, set[str]] = {name: set() for name in FILTERS}
    for card in cards:
        for name, value in card["facets"]:
            values[name].add(value)
    return [{"name": name, "values": sorted(values[name])} for name in FILTERS]


def _line(catalog: Catalog, family: str) -> list[dict[str, object]]:
    """A family's strip in lineage order; a member that does not follow the one before it says where
    it branches from."""
    order = tree_order(catalog, family)
    line = []
    for i, (s, parent) in enumerate(order):
        branch = parent is not None and (i == 0 or order[i - 1][0].slug != parent.slug)
        line.append({**placard(s), "branch_from": parent.dossier.name if branch and parent else None})
    return line
