"""`museum hub refresh`: needs only the dossiers (never the snapshots), so it can create a missing one."""

from __future__ import annotations

from ..dossiers.collection import Collection
from ..dossiers.load import load_collection
from ..errors import Diagnostic
from ..hub import Target, format_report, refresh
from ..project import Project
from .build import gate


def targets(collection: Collection, slugs: list[str]) -> tuple[list[Target], list[Diagnostic]]:
    """The variants to refresh from the Hub: all of them, or those of the named dossiers."""
    unknown = [s for s in slugs if collection.get(s) is None]
    problems = [Diagnostic("museum hub refresh", None, "", f"no dossier is called '{s}'") for s in unknown]
    chosen = [e for e in collection.entries if not slugs or e.slug in slugs]
    found = [
        Target(e.slug, v.label, v.hub.repo, v.hub.revision, e.doc.shown, e.doc.line_of(("variants", i, "hub")))
        for e in chosen
        for i, v in enumerate(e.dossier.variants)
        if v.hub
    ]
    return found, problems


def run_refresh(project: Project, slugs: list[str], check_only: bool) -> tuple[str, int]:
    """The report to print and the exit status: 1 if a fetch failed, or (with --check) on drift."""
    collection, diagnostics = load_collection(project)
    gate([d for d in diagnostics if d.is_error])
    chosen, problems = targets(collection, slugs)
    gate(problems)
    results = refresh(chosen, project.snapshots, check=check_only, weights=True)
    failed = any(r.diagnostic or r.weights_problem for r in results)
    drifted = check_only and any(r.changed for r in results)
    return format_report(results), 1 if failed or drifted else 0
