"""Enrichment: each variant's config.json snapshot → anatomy → claims check.

Reads only the snapshots shipped in `specimens/_hub/`: offline and deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import anatomy as anat
from .catalog import Catalog, Entry
from .claims import Check, check_variant
from .errors import Diagnostic, display_path
from .hub import Target, read_snapshot, snapshot_path
from .render import number
from .schema import Variant

KV_CONTEXTS = (4096, 32768)


@dataclass(frozen=True)
class VariantFacts:
    """What config.json says about one variant, and how the dossier's claims fare against it."""

    variant: Variant
    snapshot: str  # where the snapshot lives, as shown to a person
    anatomy: anat.Anatomy
    summary: dict[str, Any]
    checks: tuple[Check, ...]
    kv_cache: tuple[dict[str, Any], ...]  # rows: tokens, bf16 bytes, fp8 bytes
    tiers: dict[str, str]

    @property
    def disagreements(self) -> list[Check]:
        return [c for c in self.checks if c.verdict == "disagree"]


def kv_rows(a: anat.Anatomy) -> tuple[dict[str, Any], ...]:
    """KV cache at 4K, 32K and the full context (when longer), in bf16 and fp8."""
    lengths = [n for n in KV_CONTEXTS if not a.context_length or n <= a.context_length]
    if a.context_length and a.context_length not in lengths:
        lengths.append(a.context_length)
    return tuple(
        {"tokens": n, "bf16": anat.kv_cache_bytes(a, n, 2.0), "fp8": anat.kv_cache_bytes(a, n, 1.0)}
        for n in lengths
    )


def facts_for(variant: Variant, config: dict, snapshot: str) -> VariantFacts:
    a = anat.derive(config)
    return VariantFacts(variant, snapshot, a, anat.summary(a), tuple(check_variant(variant, a)),
                        kv_rows(a), anat.tiers_by_precision(a))


def _show(field: str, value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return number(value)


def disagreement(entry: Entry, index: int, check: Check) -> Diagnostic:
    """A claim that config.json contradicts, as a build warning naming both values and sources."""
    d = entry.dossier
    variant = d.variants[index]
    source = next((s.title for s in d.sources if s.id == check.source), check.source)
    name = d.name if variant.label in d.name else f"{d.name} {variant.label}"
    message = (f"{name}: the dossier claims {_show(check.field, check.claimed)} ({source}) "
               f"but config.json of {variant.hub.repo}@{variant.hub.revision} shows {_show(check.field, check.derived)}")
    return Diagnostic(entry.doc.shown, entry.doc.line_of(("variants", index, check.field)),
                      f"variants[{index}].{check.field}", message,
                      "if the difference is known, say why in the claim's `note`", severity="warning")


def enrich_entry(entry: Entry, snapshots: Path) -> tuple[list[VariantFacts], list[Diagnostic]]:
    facts, problems = [], []
    for i, variant in enumerate(entry.dossier.variants):
        if variant.hub is None:
            continue
        path = snapshot_path(snapshots, variant.hub.repo)
        try:
            config = read_snapshot(snapshots, variant.hub.repo)
        except (OSError, ValueError) as exc:
            problems.append(_missing(entry, i, path, exc))
            continue
        found = facts_for(variant, config, display_path(path))
        facts.append(found)
        problems += [disagreement(entry, i, c) for c in found.disagreements]
    return facts, problems


def _missing(entry: Entry, index: int, path: Path, exc: Exception) -> Diagnostic:
    reason = "is missing" if isinstance(exc, FileNotFoundError) else f"cannot be read ({exc})"
    return Diagnostic(entry.doc.shown, entry.doc.line_of(("variants", index, "hub")), f"variants[{index}].hub",
                      f"the config.json snapshot {display_path(path)} {reason}",
                      f"run `museum hub refresh {entry.slug}` to fetch it from the Hub")


def enrich(catalog: Catalog, snapshots: Path) -> tuple[dict[str, list[VariantFacts]], list[Diagnostic]]:
    """Facts for every variant with a Hub repository, plus the warnings and errors found."""
    out: dict[str, list[VariantFacts]] = {}
    problems: list[Diagnostic] = []
    for entry in catalog.entries:
        out[entry.slug], found = enrich_entry(entry, snapshots)
        problems += found
    return out, problems


def targets(catalog: Catalog, slugs: list[str]) -> tuple[list[Target], list[Diagnostic]]:
    """The variants to refresh from the Hub: all of them, or those of the named dossiers."""
    unknown = [s for s in slugs if catalog.get(s) is None]
    problems = [Diagnostic("museum hub refresh", None, "", f"no dossier is called '{s}'") for s in unknown]
    chosen = [e for e in catalog.entries if not slugs or e.slug in slugs]
    found = [
        Target(e.slug, v.label, v.hub.repo, v.hub.revision, e.doc.shown, e.doc.line_of(("variants", i, "hub")))
        for e in chosen for i, v in enumerate(e.dossier.variants) if v.hub
    ]
    return found, problems
