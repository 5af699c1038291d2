"""The pipeline, readable on one screen: gather everything, gate, then write."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from . import pages, rules
from .catalog import Catalog, Entry
from .enrich import enrich
from .errors import Diagnostic, ValidationFailed, display_path
from .output import write_site
from .render import environment
from .schema import Dossier, Families, Timeline
from .sources import Document, dossier_paths, read_yaml
from .validate import validate

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Project:
    """Where a museum's inputs and output live; every path derives from the root."""

    root: Path

    @property
    def specimens(self) -> Path:
        return self.root / "specimens"

    @property
    def families_file(self) -> Path:
        return self.specimens / "_families.yaml"

    @property
    def timeline_file(self) -> Path:
        return self.specimens / "_timeline.yaml"

    @property
    def snapshots(self) -> Path:
        return self.specimens / "_hub"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def assets(self) -> Path:
        return self.root / "assets"

    @property
    def site(self) -> Path:
        return self.root / "_site"


def load(model: type[M], path: Path) -> tuple[M | None, Document | None, list[Diagnostic]]:
    """Read and validate one YAML file."""
    doc, diagnostics = read_yaml(path)
    if doc is None:
        return None, None, diagnostics
    value, diagnostics = validate(model, doc)
    return value, doc, diagnostics


def gather(project: Project) -> tuple[Catalog | None, list[Diagnostic]]:
    """Read, validate and cross-check everything; nothing is written."""
    diagnostics: list[Diagnostic] = []
    entries: list[Entry] = []
    for path in dossier_paths(project.specimens):
        dossier, doc, found = load(Dossier, path)
        diagnostics += found
        if dossier is not None:
            entries.append(Entry(dossier, doc))
            diagnostics += rules.check_dossier(entries[-1])
    families, families_doc, found = _required(Families, project.families_file)
    diagnostics += found
    family_list = list(families.families) if families else []
    diagnostics += rules.check_collection(entries, family_list, families_doc)
    timeline, timeline_doc, found = load(Timeline, project.timeline_file) if project.timeline_file.exists() else (None, None, [])
    diagnostics += found
    if timeline is not None:
        diagnostics += rules.check_timeline(timeline, timeline_doc, [e.slug for e in entries])
    if any(d.is_error for d in diagnostics):
        return None, diagnostics
    catalog = Catalog(tuple(sorted(entries, key=lambda e: e.slug)), tuple(family_list), timeline)
    facts, found = enrich(catalog, project.snapshots)
    diagnostics += found
    if any(d.is_error for d in diagnostics):
        return None, diagnostics
    return replace(catalog, enrichment=facts), diagnostics


def _required(model: type[M], path: Path) -> tuple[M | None, Document | None, list[Diagnostic]]:
    if not path.exists():
        return None, None, [Diagnostic(display_path(path), None, "", "file is missing",
                                       "every museum needs specimens/_families.yaml listing its families")]
    return load(model, path)


def gate(diagnostics: list[Diagnostic], strict: bool = False) -> None:
    """Stop with every problem at once if any is an error (or, when strict, a warning)."""
    if any(d.is_error or strict for d in diagnostics):
        raise ValidationFailed(diagnostics)


def check(project: Project, strict: bool = False) -> list[Diagnostic]:
    """Validate only; returns the warnings."""
    _, diagnostics = gather(project)
    gate(diagnostics, strict)
    return diagnostics


def build(project: Project, site: Path | None = None, strict: bool = False) -> list[Diagnostic]:
    """Gather, gate, render and swap the new site in; returns the warnings."""
    catalog, diagnostics = gather(project)
    gate(diagnostics, strict)
    files = pages.render_pages(environment(project.templates), pages.all_pages(catalog))
    write_site(files, project.assets, site or project.site)
    return diagnostics
