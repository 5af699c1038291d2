"""Synthetic museums: N specimens made from the real dossiers and configs, with varied values.

Copy k of dossier `x` is `x-k{k:03}` (copy 0 is the original); its parents are the same copy's,
its Hub repos and config.json snapshots are its own, with the layer count varied so every
diagram and strip is drawn afresh, and its scores moved a little so every chart is new. Every
claim gets a note, so the changed configs are *explained* rather than warnings.
Also writes the same content as Markdown for Hugo, Pelican and MkDocs (`markdown_pages`).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent


def _suffix(slug: str, k: int) -> str:
    return slug if k == 0 else f"{slug}-k{k:03}"


def _repo(repo: str, k: int) -> str:
    return repo if k == 0 else f"{repo}-k{k:03}"


def vary_dossier(d: dict[str, Any], k: int) -> dict[str, Any]:
    d = json.loads(json.dumps(d, default=str))  # a deep copy; dates become text, written back unquoted
    d["slug"] = _suffix(d["slug"], k)
    if k:
        d["name"] = f"{d['name']} (copy {k})"
    for parent in d.get("lineage", []):
        parent["parent"] = _suffix(parent["parent"], k)
    for v in d["variants"]:
        for value in v.values():
            if isinstance(value, dict) and "value" in value and k:
                value["note"] = "a synthetic copy: its config.json was varied"
        if v.get("hub") and k:
            v["hub"]["repo"] = _repo(v["hub"]["repo"], k)
    for b in d.get("benchmarks", []):
        if k and b.get("scale") == "percent":
            b["score"] = round(min(100.0, b["score"] * (1 + (k % 7) / 100)), 2)
    return d


def vary_config(config: dict[str, Any], k: int) -> dict[str, Any]:
    config = dict(config)
    for key in ("num_hidden_layers", "n_layer", "num_layers"):
        if k and isinstance(config.get(key), int):
            config[key] = config[key] + (k % 5) - 2 if config[key] > 4 else config[key]
            config.pop("layer_types", None)  # per-layer lists would no longer fit the count
            break
    return config


def _dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=200)


def make_museum(target: Path, specimens: int) -> Path:
    """A museum of about `specimens` dossiers in `target` (created afresh)."""
    shutil.rmtree(target, ignore_errors=True)
    (target / "specimens" / "_hub").mkdir(parents=True)
    for name in ("templates", "assets", "halls"):
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, target / name)
    for name in ("_families.yaml", "_timeline.yaml"):
        shutil.copy(REPO / "specimens" / name, target / "specimens" / name)
    originals = sorted(p for p in (REPO / "specimens").glob("*.yaml") if not p.name.startswith("_"))
    copies = -(-specimens // len(originals))
    for k in range(copies):
        for path in originals:
            d = vary_dossier(yaml.safe_load(path.read_text(encoding="utf-8")), k)
            (target / "specimens" / f"{d['slug']}.yaml").write_text(_dump(_dates(d)), encoding="utf-8")
            for v in d["variants"]:
                if v.get("hub"):
                    _snapshot(v["hub"]["repo"], k, target)
    return target


def _dates(d: Any) -> Any:
    """Dates back from text to dates (so YAML writes them unquoted)."""
    import datetime as dt

    if isinstance(d, dict):
        return {k: _dates(v) for k, v in d.items()}
    if isinstance(d, list):
        return [_dates(v) for v in d]
    if isinstance(d, str) and len(d) == 10 and d[4] == "-" and d[7] == "-" and d[:4].isdigit():
        try:
            return dt.date.fromisoformat(d)
        except ValueError:
            return d
    return d


def _snapshot(repo: str, k: int, target: Path) -> None:
    original = repo.removesuffix(f"-k{k:03}") if k else repo
    owner, name = original.split("/")
    source = REPO / "specimens" / "_hub" / f"{owner}__{name}.config.json"
    if source.is_file():
        o, n = repo.split("/")
        config = vary_config(json.loads(source.read_text(encoding="utf-8")), k)
        (target / "specimens" / "_hub" / f"{o}__{n}.config.json").write_text(json.dumps(config, indent=2) + "\n")
    weights = source.with_name(source.name.replace(".config.json", ".safetensors.json"))
    if k == 0 and weights.is_file():
        shutil.copy(weights, target / "specimens" / "_hub" / weights.name)


def markdown_pages(museum: Path) -> dict[str, tuple[str, str, str]]:
    """slug → (title, date, Markdown body): each dossier's placard, summary, variants and lineage."""
    pages = {}
    for path in sorted((museum / "specimens").glob("[!_]*.yaml")):
        d = yaml.safe_load(path.read_text(encoding="utf-8"))
        rows = "\n".join(f"| {v['label']} | {v['params']['value']:,} | {v.get('context_length', {}).get('value', '')} |"
                         for v in d["variants"])  # fmt: skip
        parents = "\n".join(f"- {p['relation']}: [{p['parent']}]({p['parent']}.md)" for p in d.get("lineage", []))
        body = (f"{d['headline']}\n\n{d['summary']}\n\n| variant | parameters | context |\n|---|---|---|\n{rows}\n\n"
                f"## Lineage\n\n{parents or 'none'}\n")  # fmt: skip
        pages[d["slug"]] = (d["name"], str(d["released"]["date"]), body)
    return pages
