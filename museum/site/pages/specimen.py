"""An exhibit page: one dossier with its sizes, anatomy, claims check, recipe, lineage and sources."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...catalog import Catalog, Specimen
from ...catalog.lineage import edges, inheritance
from ...figures import Figures
from ...memo import once
from .. import tables, urls
from .charts import profile, profile_spec
from .page import Page
from .placard import facets, placard


def specimen(catalog: Catalog, s: Specimen, figures: Figures) -> Page:
    d = s.dossier
    path = urls.specimen(d.slug)
    context = {
        **once(s, "exhibit parts", own_parts), "family": catalog.family(d.family),
        "parents": [{"edge": p, "specimen": catalog.get(p.parent)} for p in d.lineage],
        "children": [{"specimen": c, "relation": r} for c, r in catalog.children(d.slug)],
        "drawings": drawings(s, figures, glossary_linker(catalog, path)),
        "profile": profile(s, figures, once(s, "profile spec", profile_spec)),
        "tree": figures.tree(catalog, [d.family], urls.linker(path), "tree", here=d.slug),
        "facets": facets(s, catalog),
        "inherited": [{"edge": e, "rows": inheritance(e)} for e in edges(catalog) if e.child.slug == d.slug],
    }  # fmt: skip
    return Page(path, "specimen.html", d.name, context)


def own_parts(s: Specimen) -> dict[str, Any]:
    """What an exhibit shows of its specimen alone (no other specimen, no figure): made once per
    specimen object (`memo.once`), which a dev server keeps while its dossier and snapshots do not change."""
    d = s.dossier
    notes = tables.claim_notes(d)
    return {
        "d": d, "p": placard(s), "sizes": tables.sizes_table(d, notes), "scores": tables.benchmark_matrix(d),
        "anatomy": tables.anatomy_table(s, notes), "cites": {source.id: i + 1 for i, source in enumerate(d.sources)},
        "checklist": tables.card_checklist(s),
    }  # fmt: skip


def glossary_linker(catalog: Catalog, page: str) -> Callable[[str], str | None]:
    """term id → its glossary entry's link from `page`, or None when the glossary has no such term."""
    ids = {t.id for t in catalog.glossary.terms} if catalog.glossary else set()
    root = urls.root_prefix(page)
    return lambda term: root + urls.glossary(term) if term in ids else None


def drawings(s: Specimen, figures: Figures, link: Callable[[str], str | None]) -> list[dict[str, Any]]:
    """Per variant with a config: its architecture diagram and layer strip."""
    return [
        {"variant": v, "name": s.variant_name(v.label),
         "architecture": figures.architecture(v, s.variant_name(v.label), f"arch-{i}", link),
         "strip": figures.strip(v, s.variant_name(v.label), f"strip-{i}")}
        for i, v in enumerate(s.anatomies)
    ]  # fmt: skip
