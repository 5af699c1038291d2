"""An exhibit page: one dossier with its sizes, anatomy, claims check, recipe, lineage and sources."""

from __future__ import annotations

from ...catalog import Catalog, Specimen
from .. import tables, urls
from .page import Page
from .placard import placard


def specimen(catalog: Catalog, s: Specimen) -> Page:
    d = s.dossier
    notes = tables.claim_notes(d)
    context = {
        "d": d, "p": placard(s), "family": catalog.family(d.family),
        "sizes": tables.sizes_table(d, notes), "scores": tables.benchmark_matrix(d),
        "anatomy": tables.anatomy_table(s, notes),
        "parents": [{"edge": p, "specimen": catalog.get(p.parent)} for p in d.lineage],
        "children": [{"specimen": c, "relation": r} for c, r in catalog.children(d.slug)],
        "cites": {source.id: i + 1 for i, source in enumerate(d.sources)},
    }  # fmt: skip
    return Page(urls.specimen(d.slug), "specimen.html", d.name, context)
