"""Open data: the museum's records as files a visitor can download (CSV now; JSON next)."""

from __future__ import annotations

import csv
import io

from ..catalog import Catalog
from ..catalog.scores import all_scores

BENCHMARK_COLUMNS = ("dossier", "model", "variant", "benchmark", "mode", "metric", "scale", "shots", "cot", "harness",
                     "provenance", "measured_by", "score", "setting", "note", "source_id", "source_title",
                     "source_url")  # fmt: skip


def benchmarks_csv(catalog: Catalog) -> str:
    """Every score with how it was measured and by whom: one row per score, a header row first."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(BENCHMARK_COLUMNS)
    for s in all_scores(catalog):
        r = s.record
        source = next((x for x in s.specimen.dossier.sources if x.id == r.source), None)
        writer.writerow([s.specimen.slug, s.model, r.variant, r.benchmark, r.mode, r.metric, r.scale, r.shots,
                         _cell(r.cot), r.harness or "", r.provenance, r.measured_by or "", f"{r.score:g}",
                         r.setting or "", r.note or "", r.source, source.title if source else "",
                         source.url if source else ""])  # fmt: skip
    return out.getvalue()


def _cell(value: object) -> str:
    return {True: "yes", False: "no"}.get(value, str(value)) if isinstance(value, bool) else str(value)
