"""`museum build` and `museum check`: the pipeline on one screen.

    load dossiers → gate → enrich from snapshots → gate → render pages → write (atomic swap)

Everything is gathered before anything is written; a gate stops with every problem at once.
"""

from __future__ import annotations

from pathlib import Path

from ..catalog import Catalog, enrich
from ..dossiers.load import load_collection
from ..errors import Diagnostic, ValidationFailed
from ..project import Project
from ..site import render_site, write_site


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


def build(project: Project, site: Path | None = None, strict: bool = False) -> list[Diagnostic]:
    """Gather, gate, render and swap the new site in; returns the warnings."""
    catalog, warnings = gather(project)
    gate(warnings, strict)
    write_site(render_site(catalog, project.templates), project.assets, site or project.site)
    return warnings
