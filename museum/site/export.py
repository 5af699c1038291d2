"""Open data: the museum's records as files a visitor can download, and the data the compare and
device-fit pages compute from (the same numbers the anatomy tables show)."""

from __future__ import annotations

import csv
import functools
import io
import json
from typing import Any

from ..anatomy import DEVICE_TIERS, FACTS, PRECISIONS, summary
from ..anatomy.memory import TIER_TOKENS, USABLE_MEMORY
from ..catalog import Catalog, Specimen, VariantAnatomy
from ..catalog.scores import all_scores
from ..dossiers.schema import Dossier

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
    if value is None:
        return ""
    return ("yes" if value else "no") if isinstance(value, bool) else str(value)


def variant_record(s: Specimen, v: VariantAnatomy) -> dict[str, Any]:
    """One variant: what its dossier claims (with sources), every derived fact, and the checks."""
    claims = {
        fact.claim: {"value": claim.value, "source": claim.source, "note": claim.note,
                     "status": getattr(claim, "status", "verified")}
        for fact in FACTS if fact.claim and (claim := getattr(v.variant, fact.claim)) is not None
    }  # fmt: skip
    checks = [{"claim": c.field, "claimed": c.claimed, "derived": c.derived, "verdict": c.verdict} for c in v.checks]
    hub = v.variant.hub
    return {
        "id": f"{s.slug}/{v.label}", "name": s.variant_name(v.label), "label": v.label,
        "hub": {"repo": hub.repo, "revision": hub.revision} if hub else None, "snapshot": v.snapshot,
        "claims": claims, "facts": summary(v.anatomy), "checks": checks,
    }  # fmt: skip


def specimen_record(s: Specimen) -> dict[str, Any]:
    d = s.dossier
    return {
        "slug": d.slug, "name": d.name, "role": d.role, "family": d.family, "organisation": d.organisation,
        "released": {"date": d.released.date.isoformat(), "precision": d.released.precision},
        "license": d.license.spdx or d.license.name, "headline": d.headline,
        "variants": [variant_record(s, v) for v in s.anatomies],
        "sources": [{"id": x.id, "title": x.title, "url": x.url, "kind": x.kind} for x in d.sources],
    }  # fmt: skip


def specimens_json(catalog: Catalog) -> str:
    """Every specimen and variant, with claims, derived facts, checks and sources; and the constants
    the device-fit formula uses, so the page computes exactly what the anatomy tables show."""
    data = {
        "facts": [{"key": f.key, "title": f.title, "provenance": f.provenance, "format": f.format,
                   "formula": f.formula} for f in FACTS],
        "precisions": PRECISIONS, "usable_memory": USABLE_MEMORY, "tier_tokens": TIER_TOKENS,
        "tiers": [{"name": name, "bytes": memory} for name, memory in DEVICE_TIERS],
        "specimens": [specimen_record(s) for s in catalog.specimens],
    }  # fmt: skip
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str) + "\n"  # compact: the C encoder


SPECIMEN_COLUMNS = ("dossier", "name", "role", "family", "released", "license", "variant", "claimed_params",
                    "total_params", "active_params", "embedding_params", "layers", "hidden_size", "heads",
                    "kv_heads", "head_dim", "vocab_size", "context_length", "attention_kind", "attention_pattern",
                    "feed_forward", "tied_embeddings", "device_tier")  # fmt: skip


def specimens_csv(catalog: Catalog) -> str:
    """One row per variant with a config: what it claims and what its config shows."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(SPECIMEN_COLUMNS)
    for s in catalog.specimens:
        d = s.dossier
        for v in s.anatomies:
            facts = summary(v.anatomy)
            writer.writerow([d.slug, s.variant_name(v.label), d.role, d.family, d.released.date.isoformat(),
                             d.license.spdx or d.license.name, v.label, v.variant.params.value,
                             *(_cell(facts[k]) for k in SPECIMEN_COLUMNS[8:])])  # fmt: skip
    return out.getvalue()


@functools.cache  # the models are code: one schema per process (a dev server builds many times)
def dossier_schema() -> str:
    return json.dumps(Dossier.model_json_schema(), indent=2) + "\n"
