"""The bestiary: a placard per specimen on display, then one family strip per line."""

from __future__ import annotations

from ...catalog import Catalog
from .. import urls
from .page import Page
from .placard import placard


def home(catalog: Catalog) -> Page:
    on_display = sorted(catalog.on_display, key=lambda s: s.dossier.released.date)
    families = [{"family": f, "line": [placard(s) for s in catalog.members(f.slug)]} for f in catalog.families]
    context = {"placards": [placard(s) for s in on_display], "families": [f for f in families if f["line"]]}
    return Page(urls.HOME, "index.html", "The bestiary", context)
