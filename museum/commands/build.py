"""`museum build` and `museum check`: the pipeline on one screen.

    load dossiers → gate → enrich from snapshots → gate → render pages → write (atomic swap)

Everything is gathered before anything is written; a gate stops with every problem at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..catalog import Catalog, enrich
from ..dossiers.load import load_collection
from ..errors import Diagnostic, ValidationFailed
from ..figures import Figures
from ..project import Project
from ..site import render_site, search, write_site


def gate(diagnostics: list[Diagnostic], strict: bool = False) -> None:
    """Stop with every problem at once if any is an error (or, when strict, a warning)."""
    if any(d.is_error or strict for d in diagnostics):
        raise ValidationFailed(diagnostics)


def gather(project: Project) -> tuple[Catalog, list[Diagnostic]]:
    """The enriched catalog and its warnings; raises ValidationFailed at the first stage with errors."""
    collection, diagnostics = load_collection(project)
    gate(diagnostics)
    catalog, found = enrich(collection, project)
    diagnostics += found
    gate(diagnostics)
    return catalog, diagnostics


def check(project: Project, strict: bool = False) -> list[Diagnostic]:
    """Validate only; returns the warnings."""
    _, warnings = gather(project)
    gate(warnings, strict)
    return warnings


def read_halls(folder: Path) -> dict[str, str]:
    """The halls' Markdown by name (halls/why-the-numbers-lie.md → "why-the-numbers-lie"); none is fine."""
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.md"))} if folder.is_dir() else {}


@dataclass(frozen=True)
class Report:
    """What a build did: its warnings, and how many figures it drew or took from the cache."""

    warnings: list[Diagnostic]
    pages: int
    figures_drawn: int
    figures_reused: int


def build(project: Project, site: Path | None = None, strict: bool = False) -> Report:
    """Gather, gate, render and swap the new site in."""
    catalog, warnings = gather(project)
    gate(warnings, strict)
    figures = Figures.at(project.figure_cache)
    pages = render_site(catalog, project.templates, figures, read_halls(project.halls))
    write_site(pages, project.assets, site or project.site, finish=search.index)
    html = sum(path.endswith(".html") for path in pages)
    return Report(warnings, html, figures.cache.drawn, figures.cache.reused)
