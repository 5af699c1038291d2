"""What a placard shows about one specimen (the home page's cards, the family strips, siblings)."""

from __future__ import annotations

from typing import Any

from ...catalog import Catalog, Specimen
from ...formatting import human, stage_short
from .. import urls
from ..search import size_band

PLACARD_USES = 3  # a placard names the first few uses; the page lists them all


def placard(s: Specimen) -> dict[str, Any]:
    d = s.dossier
    training = d.training
    return {
        "specimen": s, "d": d, "href": urls.specimen(d.slug),
        "size": " · ".join(v.label for v in d.variants),
        "license": d.license.spdx or d.license.name,
        "recipe": " → ".join(stage_short(step.stage) for step in training.recipe) if training else "",
        "tokens": f"{human(training.tokens.value)} tokens" if training and training.tokens else None,
        "uses": d.best_for.uses[:PLACARD_USES] if d.best_for else [],
    }  # fmt: skip


def facets(s: Specimen, catalog: Catalog) -> list[tuple[str, str]]:
    """The search filters this page belongs to: (filter, value) pairs."""
    d = s.dossier
    family = catalog.family(d.family)
    sizes = [v.anatomy.total_params or v.variant.params.value for v in s.anatomies] or [
        v.params.value for v in d.variants]  # fmt: skip
    moe = any(v.anatomy.is_moe for v in s.anatomies) or (
        d.architecture is not None and d.architecture.structure == "moe"
    )
    pairs = [("family", family.name if family else d.family), ("licence", d.license.spdx or d.license.name),
             ("structure", "mixture of experts" if moe else "dense"), ("year", str(d.released.date.year)),
             *(("size", size_band(n)) for n in sizes)]  # fmt: skip
    return list(dict.fromkeys(pairs))
