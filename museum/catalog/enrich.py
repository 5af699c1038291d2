"""Enrichment: each variant's config.json snapshot → anatomy → claims check, into typed specimens.

Reads only the snapshots shipped in `specimens/_hub/`: offline and deterministic. An
unexplained disagreement is a warning; so is each key of a snapshot the anatomy cannot use
(named with the snapshot's file and line). A missing or unreadable snapshot, or one from
which nothing can be derived, is an error.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from .. import formatting
from ..anatomy import derive, with_header_count
from ..anatomy.shape import Problem, problems
from ..dossiers.collection import Collection, Entry
from ..dossiers.schema import Variant
from ..errors import Diagnostic, display_path
from ..hub import key_line, read_snapshot, read_weights, snapshot_path, weights_path
from ..memo import once
from ..project import Project
from .catalog import Catalog
from .claims import Check, check_variant
from .specimen import Specimen, VariantAnatomy


def enrich(collection: Collection, project: Project) -> tuple[Catalog, list[Diagnostic]]:
    """Every dossier as a Specimen, plus the warnings and errors its snapshots gave. An entry
    enriched before in this process from the same snapshot bytes gives the same Specimen object
    again (`memo.once`): a dev server keeps an unchanged entry as the same object, so what is derived
    from its specimen, and its fingerprint, need not be made again."""
    specimens, problems = [], []
    for entry in collection.entries:
        inputs = hashlib.sha256(_snapshot_bytes(entry, project)).hexdigest()
        specimen, found = once(entry, f"enriched in {project.root}\0{inputs}", lambda e: enrich_entry(e, project))
        specimens.append(specimen)
        problems += found
    return Catalog(tuple(specimens), collection.families, collection.timeline, collection.glossary), problems


def _snapshot_bytes(entry: Entry, project: Project) -> bytes:
    """Everything enrich_entry reads besides the entry: each variant's snapshot files (absent: empty)."""
    parts = []
    for variant in entry.dossier.variants:
        if variant.hub is not None:
            for path in (
                snapshot_path(project.snapshots, variant.hub.repo),
                weights_path(project.snapshots, variant.hub.repo),
            ):
                try:
                    parts.append(path.read_bytes())
                except OSError:
                    parts.append(b"\0missing")
    return b"\0\0".join(parts)


def enrich_entry(entry: Entry, project: Project) -> tuple[Specimen, list[Diagnostic]]:
    anatomies, problems_ = [], []
    for i, variant in enumerate(entry.dossier.variants):
        if variant.hub is None:
            continue
        path = snapshot_path(project.snapshots, variant.hub.repo)
        try:
            config = read_snapshot(project.snapshots, variant.hub.repo)
        except (OSError, ValueError) as exc:
            problems_.append(_unreadable(entry, i, path, exc))
            continue
        found = problems(config)
        problems_ += [_config_problem(entry, i, path, p) for p in found]
        if any(p.fatal for p in found):
            continue
        anatomy = derive(config)
        try:
            counts = read_weights(project.snapshots, variant.hub.repo)
        except ValueError as exc:
            problems_.append(_unreadable(entry, i, weights_path(project.snapshots, variant.hub.repo), exc))
            counts = None
        anatomy = with_header_count(anatomy, counts) if counts else anatomy
        shown = path.relative_to(project.root).as_posix()  # the same wherever the build runs
        anatomies.append(VariantAnatomy(variant, i, shown, anatomy, check_variant(variant, anatomy)))
    specimen = Specimen(entry.dossier, entry.doc, tuple(anatomies))
    problems_ += [disagreement(specimen, v.index, c) for v in anatomies for c in v.verdicts("disagree")]
    return specimen, problems_


def disagreement(specimen: Specimen, index: int, check: Check) -> Diagnostic:
    """A claim that config.json contradicts, as a build warning naming both values and sources."""
    d = specimen.dossier
    variant: Variant = d.variants[index]
    hub = variant.hub
    source = next((s.title for s in d.sources if s.id == check.source), check.source)
    name = specimen.variant_name(variant.label)
    where = f"{hub.repo}@{hub.revision}" if hub else "config.json"
    message = (f"{name}: the dossier claims {formatting.value(check.claimed)} ({source}) "
               f"but config.json of {where} shows {formatting.value(check.derived)}")  # fmt: skip
    return Diagnostic(specimen.doc.shown, specimen.doc.line_of(("variants", index, check.field)),
                      f"variants[{index}].{check.field}", message,
                      "if the difference is known, say why in the claim's `note`", severity="warning")  # fmt: skip


def _config_problem(entry: Entry, index: int, path: Path, problem: Problem) -> Diagnostic:
    """A key of a snapshot the anatomy cannot use: a warning at the key; an error when nothing is left."""
    hint = f"{entry.doc.shown} variants[{index}] reads this snapshot; run `museum hub refresh {entry.slug}` for a fresh copy"
    if problem.fatal:
        return Diagnostic(entry.doc.shown, entry.doc.line_of(("variants", index, "hub")), f"variants[{index}].hub",
                          f"the config.json snapshot {display_path(path)} {problem.message}", hint)  # fmt: skip
    line = key_line(path.read_text(encoding="utf-8", errors="replace"), problem.key) if problem.key else None
    return Diagnostic(display_path(path), line, problem.key, problem.message, hint, severity="warning")


def _unreadable(entry: Entry, index: int, path: Path, exc: Exception) -> Diagnostic:
    reason = "is missing" if isinstance(exc, FileNotFoundError) else f"cannot be read ({exc})"
    what = "header count" if path.name.endswith(".safetensors.json") else "config.json snapshot"
    return Diagnostic(entry.doc.shown, entry.doc.line_of(("variants", index, "hub")), f"variants[{index}].hub",
                      f"the {what} {display_path(path)} {reason}",
                      f"run `museum hub refresh {entry.slug}` to fetch it from the Hub")  # fmt: skip
