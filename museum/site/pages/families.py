"""The families: the forest of every lineage, and one page per family with its tree and edges."""

from __future__ import annotations

from ...catalog import Catalog
from ...catalog.lineage import edges, tree_order
from ...dossiers.schema import Family
from ...figures import Figures
from .. import urls
from .page import Page
from .placard import placard


def forest(catalog: Catalog, figures: Figures) -> Page:
    tree = figures.tree(catalog, [f.slug for f in catalog.families], urls.linker(urls.FAMILIES), "forest")
    lines = [{"family": f, "href": urls.family(f.slug), "members": catalog.members(f.slug)} for f in catalog.families]
    return Page(urls.FAMILIES, "families.html", "The families", {"tree": tree, "lines": lines})


def family(catalog: Catalog, f: Family, figures: Figures) -> Page:
    path = urls.family(f.slug)
    members = {s.slug for s in catalog.members(f.slug)}
    context = {
        "family": f,
        "tree": figures.tree(catalog, [f.slug], urls.linker(path), "tree"),
        "line": [{**placard(s), "parent": parent} for s, parent in tree_order(catalog, f.slug)],
        "edges": [e for e in edges(catalog) if e.child.slug in members or e.parent.slug in members],
    }
    return Page(path, "family.html", f"The {f.name} family", context)


def all_families(catalog: Catalog, figures: Figures) -> list[Page]:
    return [forest(catalog, figures), *(family(catalog, f, figures) for f in catalog.families)]
