"""Loading a museum's dossiers: read, validate, cross-check. Nothing is written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from ..errors import Diagnostic, display_path
from ..project import FAMILIES_FILE, Project
from . import rules
from .collection import Collection, Entry
from .reader import Document, read_yaml
from .schema import Dossier, Families, Glossary, Timeline
from .validate import validate

M = TypeVar("M", bound=BaseModel)


def load_file(model: type[M], path: Path, root: Path) -> tuple[M | None, Document | None, list[Diagnostic]]:
    """Read and validate one YAML file of the museum at `root`."""
    doc, diagnostics = read_yaml(path, root)
    if doc is None:
        return None, None, diagnostics
    value, diagnostics = validate(model, doc)
    return value, doc, diagnostics


def load_dossier(path: Path, root: Path) -> tuple[Entry | None, list[Diagnostic]]:
    """One dossier, read, validated and checked on its own (what a build may keep while its bytes stay)."""
    dossier, doc, diagnostics = load_file(Dossier, path, root)
    if dossier is None or doc is None:
        return None, diagnostics
    entry = Entry(dossier, doc)
    return entry, diagnostics + rules.check_dossier(entry)


Loader = Callable[[Path, Path], tuple[Entry | None, list[Diagnostic]]]  # (dossier, museum root)


def load_collection(project: Project, load: Loader = load_dossier) -> tuple[Collection, list[Diagnostic]]:
    """Every dossier, family and timeline event, with every problem found in or across them.

    `load` reads one dossier; a build passes one that remembers dossiers whose bytes did not change."""
    diagnostics: list[Diagnostic] = []
    entries: list[Entry] = []
    failed: set[str] = set()  # dossiers that exist but could not be read: others naming them are not blamed
    for path in project.dossier_paths():
        entry, found = load(path, project.root)
        diagnostics += found
        if entry is not None:
            entries.append(entry)
        if entry is None or entry.slug != path.stem:
            failed.add(path.stem)
    families, families_doc, found = _families(project)
    diagnostics += found
    diagnostics += rules.check_collection(entries, families, families_doc, failed)
    timeline, timeline_doc, found = _timeline(project)
    diagnostics += found
    if timeline is not None and timeline_doc is not None:
        diagnostics += rules.check_timeline(timeline, timeline_doc, [e.slug for e in entries], failed)
    glossary, glossary_doc, found = _optional(Glossary, project.glossary_file, project)
    diagnostics += found
    if glossary is not None and glossary_doc is not None:
        diagnostics += rules.check_glossary(glossary, glossary_doc)
    collection = Collection(
        tuple(sorted(entries, key=lambda e: e.slug)),
        tuple(families.families) if families else (),
        timeline,
        timeline_doc,
        glossary,
    )
    return collection, diagnostics


def _families(project: Project) -> tuple[Families | None, Document | None, list[Diagnostic]]:
    path = project.families_file
    if not path.exists() and not path.is_symlink():
        hint = f"every museum needs specimens/{FAMILIES_FILE} listing its families"
        return None, None, [Diagnostic(display_path(path), None, "", "file is missing", hint)]
    return load_file(Families, path, project.root)


def _timeline(project: Project) -> tuple[Timeline | None, Document | None, list[Diagnostic]]:
    return _optional(Timeline, project.timeline_file, project)


def _optional(model: type[M], path: Path, project: Project) -> tuple[M | None, Document | None, list[Diagnostic]]:
    if not path.exists() and not path.is_symlink():
        return None, None, []
    return load_file(model, path, project.root)
