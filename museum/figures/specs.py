"""From the catalog to chart specs (plain data) and the tables that go beside the charts.

A chart and its table are made from the same spec, so the table lists exactly what is drawn.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..anatomy import DEVICE_TIERS, kv_cache_bytes, weight_bytes
from ..catalog import Catalog, Specimen
from ..catalog.scores import Panel, Score
from ..formatting import size, tokens, when
from .charts import PROVENANCE_WORDS

Href = Callable[[str], str]
LADDER_CONTEXTS = (4096, 32768)
TIER_WORDS = {"phone": "phone 4 GiB", "laptop": "laptop 16 GiB", "gpu-24gb": "GPU 24 GB", "gpu-80gb": "GPU 80 GB"}


@dataclass(frozen=True)
class Table:
    """The data beside a chart: a header row and one row per mark."""

    head: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def _day(date: dt.date) -> int:
    return date.toordinal()


def _years(first: int, last: int) -> dict[str, Any]:
    return {"years": [first, last], "year_starts": {str(y): _day(dt.date(y, 1, 1)) for y in range(first, last + 1)}}


def _mark_id(*parts: str) -> str:
    """An id part that is a valid XML name piece: lowercase letters, digits and hyphens."""
    return "-".join("-".join(re.findall(r"[a-z0-9]+", p.lower())) for p in parts)


# --- bars --------------------------------------------------------------------------------


def bar_spec(panels: list[Panel], href: Href, colour_of: Callable[[Score], int]) -> tuple[dict[str, Any], Table]:
    """One bar panel per way of measuring; every score once."""
    spec_panels: list[dict[str, Any]] = []
    rows: list[tuple[str, ...]] = []
    for panel in panels:
        bars = []
        for s in panel.scores:
            r = s.record
            ident = _mark_id(s.specimen.slug, r.variant, r.benchmark, r.mode, r.provenance, str(len(rows)))
            label = s.model if r.provenance == "self-reported" else f"{s.model} ({_who(s)})"
            bars.append({"label": label, "value": r.score, "provenance": r.provenance, "id": ident,
                         "href": href(s.specimen.slug), "colour": colour_of(s)})  # fmt: skip
            rows.append(
                (s.model, panel.setting, f"{r.score:g}", r.provenance, r.measured_by or "its makers", s.source_title)
            )
        spec_panels.append({"title": panel.setting, "bars": bars})
    scale = panels[0].first.scale if panels else "percent"
    spec = {"kind": "bars", "panels": spec_panels, "scale": scale, "axis": _axis(scale)}
    head = ("Model", "Measured as", "Score", "Provenance", "Measured by", "Source")
    return spec, Table(head, tuple(rows))


def _who(s: Score) -> str:
    return "independent" if s.record.provenance == "independent" else "other report"


def _axis(scale: str) -> str:
    return {"percent": "score (percent)", "out-of-10": "score (out of 10)", "elo": "Elo rating"}[scale]


def provenance_legend(panels: list[Panel]) -> list[str]:
    kinds = dict.fromkeys(s.record.provenance for p in panels for s in p.scores)
    return [PROVENANCE_WORDS[k] for k in kinds]


# --- timeline ------------------------------------------------------------------------------


def timeline_spec(catalog: Catalog, href: Href) -> tuple[dict[str, Any], Table]:
    """Releases on their family's lane; the museum's events, numbered, on the last lane (the table
    beside the chart gives each number's event)."""
    lanes = [f.name for f in catalog.families] + ["Events"]
    marks: list[dict[str, Any]] = []
    rows: list[tuple[str, ...]] = []
    for i, family in enumerate(catalog.families):
        for s in catalog.members(family.slug):
            r = s.dossier.released
            marks.append({"id": s.slug, "lane": i, "x": _day(r.date), "label": s.dossier.name, "kind": "release",
                          "href": href(s.slug)})  # fmt: skip
            rows.append((when(r.date, r.precision), family.name, s.dossier.name))
    events = catalog.timeline.events if catalog.timeline else []
    for k, e in enumerate(events):
        marks.append({"id": f"event-{k + 1}", "lane": len(lanes) - 1, "x": _day(e.when.date), "label": str(k + 1),
                      "kind": "event", "href": href(e.specimen) if e.specimen else None})  # fmt: skip
        rows.append((when(e.when.date, e.when.precision), f"Event {k + 1}", e.title))
    xs = [int(m["x"]) for m in marks] or [_day(dt.date(2023, 1, 1))]
    first, last = dt.date.fromordinal(min(xs)).year, dt.date.fromordinal(max(xs)).year + 1
    spec = {"kind": "timeline", "lanes": lanes, "marks": marks, "span": [min(xs), max(xs)], **_years(first, last)}
    return spec, Table(("Date", "Lane", "What"), tuple(rows))


# --- size over time ------------------------------------------------------------------------


def sizes_spec(catalog: Catalog, href: Href) -> tuple[dict[str, Any], Table]:
    """Every variant with a config: total (and active) parameters against its release date."""
    families = [f.name for f in catalog.families]
    points: list[dict[str, Any]] = []
    rows: list[tuple[str, ...]] = []
    for s in sorted(catalog.specimens, key=lambda s: s.dossier.released.date):
        family = catalog.family(s.dossier.family)
        for v in s.anatomies:
            a = v.anatomy
            if not a.total_params:
                continue
            active = a.active_params if a.is_moe else None
            points.append({"id": _mark_id(s.slug, v.label), "x": _day(s.dossier.released.date),
                           "total": a.total_params, "active": active, "label": s.variant_name(v.label),
                           "family": family.name if family else s.dossier.family, "href": href(s.slug)})  # fmt: skip
            rows.append((s.variant_name(v.label), when(s.dossier.released.date, s.dossier.released.precision),
                         f"{a.total_params:,}", f"{active:,}" if active else "—"))  # fmt: skip
    xs = [int(p["x"]) for p in points] or [_day(dt.date(2023, 1, 1))]
    years = _years(dt.date.fromordinal(min(xs)).year, dt.date.fromordinal(max(xs)).year + 1)
    spec = {"kind": "sizes", "points": points, "families": families, **years}
    return spec, Table(("Model", "Released", "Parameters", "Active per token"), tuple(rows))


# --- device ladder -------------------------------------------------------------------------


def ladder_spec(specimens: list[Specimen]) -> tuple[dict[str, Any], Table]:
    """Weights per precision and int4 weights plus KV cache, per variant on display."""
    rows_spec: list[dict[str, Any]] = []
    rows: list[tuple[str, ...]] = []
    for s in specimens:
        for v in s.anatomies:
            sizes_ = weight_bytes(v.anatomy)
            if not sizes_:
                continue
            kv = {str(n): kv_cache_bytes(v.anatomy, n) or 0 for n in LADDER_CONTEXTS}
            rows_spec.append({"id": _mark_id(s.slug, v.label), "label": s.variant_name(v.label), "weights": sizes_,
                              "kv": kv})  # fmt: skip
            rows.append((s.variant_name(v.label), *(size(sizes_.get(p)) if p in sizes_ else "—"
                                                    for p in ("bf16", "int8", "int4", "ternary")),
                         *(size(kv[str(n)]) for n in LADDER_CONTEXTS)))  # fmt: skip
    tiers = [(TIER_WORDS[name], memory) for name, memory in DEVICE_TIERS]
    spec = {"kind": "ladder", "rows": rows_spec, "tiers": tiers, "kv_labels": [tokens(n) for n in LADDER_CONTEXTS]}
    head = ("Model", "bf16", "int8", "int4", "ternary", *(f"KV cache at {tokens(n)} (bf16)" for n in LADDER_CONTEXTS))
    return spec, Table(head, tuple(rows))


# --- a specimen's profile -------------------------------------------------------------------


def _short(panel: Panel) -> str:
    """A row label with only what is known: 'MMLU · base · 5-shot', 'GSM8K · base · 4-shot · CoT'."""
    r = panel.first
    known = [r.mode, f"{r.shots}-shot" if r.shots != "unknown" else "", r.metric if r.metric != "unknown" else "",
             "CoT" if r.cot is True else ""]  # fmt: skip
    return " · ".join([r.benchmark, *(k for k in known if k)])


def profile_spec(specimen: Specimen, panels: list[Panel]) -> tuple[dict[str, Any], Table]:
    """A row per benchmark and way of measuring (percent scores only), a dot per variant."""
    variants = [v.label for v in specimen.dossier.variants]
    rows_spec: list[dict[str, Any]] = []
    rows: list[tuple[str, ...]] = []
    seen: list[str] = []
    ordered = sorted(panels, key=lambda p: (p.first.benchmark.casefold(), p.first.provenance != "self-reported"))
    for panel in ordered:
        if panel.first.scale != "percent":
            continue
        points = []
        for s in panel.scores:
            r = s.record
            points.append({"id": _mark_id(r.variant, r.benchmark, panel.setting, r.provenance, str(len(rows))),
                           "value": r.score, "colour": variants.index(r.variant), "provenance": r.provenance})  # fmt: skip
            seen.append(r.provenance)
            rows.append((r.benchmark, panel.setting, r.variant, f"{r.score:g}", r.provenance))
        rows_spec.append({"label": _short(panel), "points": points})
    spec = {"kind": "profile", "rows": rows_spec, "variants": variants,
            "provenances": list(dict.fromkeys(seen))}  # fmt: skip
    return spec, Table(("Benchmark", "Measured as", "Variant", "Score", "Provenance"), tuple(rows))
