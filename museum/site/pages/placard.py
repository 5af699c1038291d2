"""What a placard shows about one specimen (the home page's cards, the family strips, siblings)."""

from __future__ import annotations

from typing import Any

from ...catalog import Specimen
from ...formatting import human, stage_short
from .. import urls

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
