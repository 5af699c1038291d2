"""The pages built around charts: timeline, benchmarks, why the numbers lie, the device ladder."""

from __future__ import annotations

from typing import Any

from ...catalog import Catalog, Specimen
from ...catalog.scores import Score, by_benchmark, panels, spreads, why_apart
from ...figures import Figure, Figures
from ...figures import specs as chart_specs
from .. import urls
from .page import Page

MIN_SCORES_FOR_A_CHART = 3  # a benchmark with fewer scores is listed, not drawn


def family_colour(catalog: Catalog) -> Any:
    order = [f.slug for f in catalog.families]
    return lambda score: order.index(score.specimen.dossier.family) if score.specimen.dossier.family in order else 0


def timeline(catalog: Catalog, figures: Figures) -> Page:
    link = urls.linker(urls.TIMELINE)
    spec, table = chart_specs.timeline_spec(catalog, link)
    chart = figures.chart(spec, table, "fig-timeline", "Timeline of small open models, 2023–2026",
                          "Releases on one lane per family and the museum's numbered events on the last lane, "
                          "by date; the table lists every mark.")  # fmt: skip
    spec, table = chart_specs.sizes_spec(catalog, link)
    sizes = figures.chart(spec, table, "fig-sizes", "Parameters against release date",
                          "Total parameters of every variant (log scale) against its release date; a mixture of "
                          "experts also shows what one token uses.")  # fmt: skip
    events = catalog.timeline.events if catalog.timeline else []
    context = {
        "figure": chart,
        "sizes": sizes,
        "events": events,
        "sources": catalog.timeline.sources if catalog.timeline else [],
    }
    return Page(urls.TIMELINE, "timeline.html", "Timeline", context)


def benchmarks(catalog: Catalog, figures: Figures) -> Page:
    link = urls.linker(urls.BENCHMARKS)
    sections = []
    for i, (name, scores) in enumerate(by_benchmark(catalog).items()):
        groups = panels(scores)
        figure = (
            _bars(figures, groups, link, catalog, f"fig-bench-{i}", name)
            if len(scores) >= MIN_SCORES_FOR_A_CHART
            else None
        )
        sections.append({"name": name, "id": urls.anchor(name), "figure": figure, "scores": scores,
                         "apart": _apart(groups)})  # fmt: skip
    context = {"sections": sections, "csv": urls.BENCHMARKS_CSV}
    return Page(urls.BENCHMARKS, "benchmarks.html", "Benchmarks", context)


def _bars(figures: Figures, groups: list[Any], link: Any, catalog: Catalog, prefix: str, name: str) -> Figure:
    spec, table = chart_specs.bar_spec(groups, link, family_colour(catalog))
    notes = tuple(chart_specs.provenance_legend(groups))
    desc = (
        f"{name}: one panel per way of measuring ({len(groups)}); bars in a panel share an axis. "
        "Hatched bars are self-reported; solid ones were measured by someone else."
    )
    return figures.chart(spec, table, prefix, f"{name} scores, grouped by how they were measured", desc, notes)


def _apart(groups: list[Any]) -> list[str]:
    """Why each panel after the first is not drawn on the first one's axis."""
    return [f"{g.setting}: apart from “{groups[0].setting}” because {why_apart(groups[0], g)}" for g in groups[1:]]


def numbers(catalog: Catalog, hall: str) -> Page:
    rows = [{"spread": s, "scores": sorted(s.scores, key=lambda x: x.record.score)} for s in spreads(catalog)]
    context = {"spreads": rows, "hall": hall}
    return Page(urls.NUMBERS, "numbers.html", "Why the numbers lie a little", context)


def devices(catalog: Catalog, figures: Figures) -> Page:
    spec, table = chart_specs.ladder_spec(catalog.on_display)
    chart = figures.chart(spec, table, "fig-ladder", "The device ladder",
                          "Weight memory of every variant on display at bf16, int8, int4 (and 1.58-bit for BitNet), "
                          "and int4 weights plus the KV cache at 4K and 32K tokens, against phone, laptop and GPU "
                          "memory (log scale).")  # fmt: skip
    return Page(urls.DEVICES, "devices.html", "The device ladder", {"figure": chart})


def profile_spec(s: Specimen) -> tuple[dict[str, Any], chart_specs.Table] | None:
    """The spec and table of a specimen's profile chart (None without percent scores)."""
    if not s.dossier.benchmarks:
        return None
    spec, table = chart_specs.profile_spec(s, panels([Score(s, b) for b in s.dossier.benchmarks]))
    return (spec, table) if spec["rows"] else None


def profile(s: Specimen, figures: Figures, made: tuple[dict[str, Any], chart_specs.Table] | None) -> Figure | None:
    """A specimen's scores across benchmarks (percent scores), a dot per variant; `made` is its `profile_spec`."""
    if made is None:
        return None
    spec, table = made
    desc = (
        f"{s.dossier.name}'s scores, one row per benchmark and way of measuring, one dot per size; "
        "filled dots are self-reported, hollow ones measured by someone else. Compare along a row."
    )
    return figures.chart(spec, table, "fig-profile", f"{s.dossier.name} across benchmarks", desc)
