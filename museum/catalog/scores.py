"""Scores across the catalog: which may share an axis, which may not, and why.

Two scores may be drawn on one axis only when they were measured the same way: the same
benchmark (its name carries the version), metric, scale, shots, chain-of-thought and mode. A
setting nobody stated (`unknown`) is not known to match anything, so such a score shares an
axis only with scores from the same source table.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..dossiers.schema import Benchmark
from .catalog import Catalog
from .specimen import Specimen

SETTING_FIELDS = ("benchmark", "metric", "scale", "shots", "cot", "mode")
FIELD_WORDS = {"benchmark": "benchmark", "metric": "metric", "scale": "scale", "shots": "shots",
               "cot": "chain-of-thought", "mode": "mode", "source": "source"}  # fmt: skip


@dataclass(frozen=True)
class Score:
    """One benchmark record with the specimen it belongs to."""

    specimen: Specimen
    record: Benchmark

    @property
    def model(self) -> str:
        return self.specimen.variant_name(self.record.variant)

    @property
    def source_title(self) -> str:
        return next((s.title for s in self.specimen.dossier.sources if s.id == self.record.source), self.record.source)

    @property
    def source_url(self) -> str:
        return next((s.url for s in self.specimen.dossier.sources if s.id == self.record.source), self.record.source)

    @property
    def key(self) -> tuple[str, ...]:
        """What must match for two scores to share an axis."""
        r = self.record
        settled = (*r.setting_key,)
        if "unknown" in (r.metric, str(r.shots), str(r.cot)):
            return (*settled, self.source_url)  # the same table of the same document, or nothing
        return settled


@dataclass(frozen=True)
class Panel:
    """Scores measured the same way: they may share an axis."""

    scores: tuple[Score, ...]

    @property
    def first(self) -> Benchmark:
        return self.scores[0].record

    @property
    def setting(self) -> str:
        return setting_words(self.first, with_mode=True)


def setting_words(r: Benchmark, with_mode: bool = False) -> str:
    """'5-shot · acc_char · no CoT' (· base), unknowns said as such."""
    shots = "shots unknown" if r.shots == "unknown" else f"{r.shots}-shot"
    cot = {"unknown": "CoT unknown", True: "CoT", False: "no CoT"}[r.cot]
    metric = "metric unknown" if r.metric == "unknown" else r.metric
    scale = "" if r.scale == "percent" else f" · {r.scale}"
    mode = f" · {r.mode}" if with_mode else ""
    return f"{shots} · {metric}{mode} · {cot}{scale}"


def all_scores(catalog: Catalog) -> list[Score]:
    return [Score(s, b) for s in catalog.specimens for b in s.dossier.benchmarks]


def panels(scores: Iterable[Score]) -> list[Panel]:
    """Scores grouped by how they were measured, the biggest group first."""
    groups: dict[tuple[str, ...], list[Score]] = {}
    for score in scores:
        groups.setdefault(score.key, []).append(score)
    ordered = sorted(groups.values(), key=lambda g: (-len(g), g[0].key))
    return [Panel(tuple(sorted(g, key=lambda s: -s.record.score))) for g in ordered]


def why_apart(a: Panel, b: Panel) -> str:
    """In words, what keeps two panels off one axis: 'shots 5 vs 0; mode base vs instruct'."""
    first, second = a.scores[0], b.scores[0]
    ra, rb = first.record, second.record
    parts = [f"{FIELD_WORDS[f]} {getattr(ra, f)} vs {getattr(rb, f)}" for f in SETTING_FIELDS
             if getattr(ra, f) != getattr(rb, f)]  # fmt: skip
    unknown = [f for f in ("metric", "shots", "cot") if getattr(ra, f) == "unknown" or getattr(rb, f) == "unknown"]
    if unknown and not parts:
        parts.append(f"{', '.join(FIELD_WORDS[f] for f in unknown)} not stated, so not known to match")
    elif unknown:
        parts.append(f"{', '.join(FIELD_WORDS[f] for f in unknown)} not stated")
    return "; ".join(parts) or "different source tables"


def by_benchmark(catalog: Catalog) -> dict[str, list[Score]]:
    """Every benchmark with its scores, benchmarks with the most scores first."""
    found: dict[str, list[Score]] = {}
    for score in all_scores(catalog):
        found.setdefault(score.record.benchmark, []).append(score)
    return dict(sorted(found.items(), key=lambda item: (-len(item[1]), item[0].lower())))


@dataclass(frozen=True)
class Spread:
    """One model and benchmark reported more than once, measured differently or by someone else."""

    model: str
    benchmark: str
    scores: tuple[Score, ...]

    @property
    def low(self) -> float:
        return min(s.record.score for s in self.scores)

    @property
    def high(self) -> float:
        return max(s.record.score for s in self.scores)


def spreads(catalog: Catalog) -> list[Spread]:
    """Every (variant, benchmark) with two or more scores on the same scale, the widest spread first."""
    found: dict[tuple[str, str, str, str], list[Score]] = {}
    for score in all_scores(catalog):
        r = score.record
        found.setdefault((score.specimen.slug, r.variant, r.benchmark, r.scale), []).append(score)
    out = [
        Spread(group[0].model, group[0].record.benchmark, tuple(group)) for group in found.values() if len(group) > 1
    ]
    return sorted(out, key=lambda s: (-(s.high - s.low), s.model, s.benchmark))
