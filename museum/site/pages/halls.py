"""The halls: essays in Markdown (halls/<name>.md), their index, and the glossary."""

from __future__ import annotations

from dataclasses import dataclass

from ...catalog import Catalog
from .. import urls
from .page import Page

NUMBERS = "why-the-numbers-lie"  # a hall with a page of its own (its data comes first)


@dataclass(frozen=True)
class Hall:
    """One essay: its name (file stem), title (its first heading) and body."""

    name: str
    title: str
    body: str

    @property
    def href(self) -> str:
        return urls.NUMBERS if self.name == NUMBERS else urls.hall(self.name)


def read(name: str, text: str) -> Hall:
    """The first line `# Title` is the title; the rest is the body."""
    first, _, rest = text.partition("\n")
    if first.startswith("# "):
        return Hall(name, first[2:].strip(), rest.strip())
    return Hall(name, name.replace("-", " ").capitalize(), text.strip())


def hall_pages(halls: list[Hall]) -> list[Page]:
    return [Page(urls.hall(h.name), "hall.html", h.title, {"hall": h}) for h in halls if h.name != NUMBERS]


def index(halls: list[Hall], catalog: Catalog) -> Page:
    terms = len(catalog.glossary.terms) if catalog.glossary else 0
    return Page(urls.HALLS, "halls.html", "The halls", {"halls": halls, "terms": terms})


def glossary(catalog: Catalog) -> Page:
    terms = catalog.glossary.terms if catalog.glossary else []
    names = {t.id: t.term for t in terms}
    return Page(urls.GLOSSARY, "glossary.html", "Glossary", {"terms": terms, "names": names})
