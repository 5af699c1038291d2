"""About the data: the fact registry's formulas, the claim rules, and the dossier format from the schema."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel

from ...anatomy import CLAIMED, FACTS
from ...catalog import Catalog
from ...dossiers import schema
from ...dossiers.schema import inner_model
from .. import urls
from .page import Page

FORMATS = (
    ("Dossier: specimens/<slug>.yaml", schema.Dossier),
    ("Families: specimens/_families.yaml", schema.Families),
    ("Timeline: specimens/_timeline.yaml", schema.Timeline),
)


def about(catalog: Catalog) -> Page:
    context = {
        "formats": [(title, field_rows(model)) for title, model in FORMATS],
        "facts": FACTS,
        "checks": CLAIMED,
        "count": len(catalog.specimens),
    }
    return Page(urls.ABOUT, "about.html", "About the data", context)


def field_rows(
    model: type[BaseModel], prefix: str = "", expanded: dict[Any, str] | None = None
) -> list[dict[str, Any]]:
    """Every field of a file format, nested ones dotted, with type and description.

    A nested model is spelled out the first time it appears; later uses point back to it.
    """
    expanded = {} if expanded is None else expanded
    rows = []
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        inner = inner_model(info.annotation)
        rows.append({"path": path, "type": _type_text(info.annotation), "required": info.is_required(),
                     "description": info.description or "", "see": expanded.get(inner)})  # fmt: skip
        if inner and inner not in expanded:
            expanded[inner] = path
            list_like = "list[" in str(info.annotation)
            rows += field_rows(inner, path + ("[]." if list_like else "."), expanded)
    return rows


def _type_text(annotation: Any) -> str:
    text = str(annotation).replace("typing.", "").replace("datetime.", "").replace("museum.dossiers.schema.", "")
    text = re.sub(r"<class '(?:[\w.]+\.)?(\w+)'>", r"\1", text).replace("NoneType", "None")
    return re.sub(r"Literal\[([^\]]*)\]", lambda m: " | ".join(v.strip(" '") for v in m[1].split(",")), text)
