"""`museum new SLUG [--from-config PATH | --from-hub ORG/NAME]`: a dossier to start from.

What config.json can tell is written in (as claims citing the config itself); what only a person
can write is a `TODO` placeholder, which `museum check` reports until it is replaced. The
snapshot of config.json goes next to the others. Nothing is overwritten and nothing else is
registered: a new family is added to `_families.yaml` by hand (check prints the block).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ..anatomy import Anatomy, derive
from ..dossiers.load import load_collection
from ..errors import Diagnostic, HubError, display_path
from ..formatting import human
from ..hub import fetch_config, snapshot_path, write_snapshot
from ..hub.client import FetchError
from ..project import Project
from .schema import MODELINE

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
PLACEHOLDER_REPO = "your-org/{slug}"


def claims(a: Anatomy) -> list[tuple[str, object]]:
    """The variant claims config.json settles, in dossier order (None where it cannot say)."""
    windows = {layer.window for layer in a.layer_attention if layer.kind == "sliding"}
    return [("params", a.total_params), ("active_params", a.active_params if a.is_moe else None),
            ("context_length", a.context_length), ("vocab_size", a.vocab_size), ("layers", a.layers),
            ("heads", a.heads), ("kv_heads", a.kv_heads), ("tied_embeddings", a.tied_embeddings),
            ("experts", a.experts), ("experts_per_token", a.experts_per_token),
            ("sliding_window", windows.pop() if len(windows) == 1 else None)]  # fmt: skip


def yaml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return f"{value:_}" if isinstance(value, int) else json.dumps(value)


def architecture_lines(a: Anatomy) -> list[str]:
    structure = "moe" if a.is_moe else "dense"
    attention = "mha" if a.heads and a.kv_heads == a.heads else "mqa" if a.kv_heads == 1 else "gqa"
    return ["architecture:", f"  structure: {structure}", f"  attention: {attention}",
            "  normalisation: TODO  # layernorm, rmsnorm, rmsnorm-pre-post or subln",
            "  activation: TODO  # gelu, swiglu, geglu or relu2",
            "  position: TODO  # rope, partial-rope or rope-nope", "  source: config"]  # fmt: skip


def dossier_text(slug: str, repo: str, a: Anatomy, origin: str) -> str:
    """The new dossier: config.json's claims filled in, TODO where a person must write."""
    variant = [f"  - label: {human(a.total_params)}  # TODO the makers' own size label"]
    variant += [f"    {key}: {{value: {yaml_value(v)}, source: config}}" for key, v in claims(a) if v is not None]
    variant.append(f"    hub: {{repo: {repo}, revision: main, snapshot: exact}}  # pin a commit id when you can")
    lines = [
        MODELINE,
        f"# Started by `museum new` from {origin}. Numbers come from config.json (cited as `config`);",
        "# every TODO is yours to write. `python build.py check` lists what is left.",
        f"slug: {slug}",
        "name: TODO the model's display name",
        "role: specimen",
        "organisation: TODO who made it",
        "family: TODO  # a family slug from specimens/_families.yaml (register a new one there first)",
        "released: {date: TODO, source: card}  # 2025-01-31",
        "license: {name: TODO, url: TODO, spdx: TODO, source: card}",
        "headline: TODO the one-line thesis shown on the placard",
        "summary: |",
        "  TODO a few paragraphs in your own words.",
        "variants:",
        *variant,
        "training:",
        "  tokens: {value: TODO, source: card}  # 9_000_000_000_000",
        "  data_strategy: TODO what the training data was and why",
        "  data_source: card",
        "  recipe:",
        "    - {stage: pretrain, detail: TODO what this stage did, source: card}",
        *architecture_lines(a),
        "best_for: {uses: [TODO one use per item], source: card}",
        "sources:",
        f'  - {{id: config, title: "config.json of {repo}", url: "https://huggingface.co/{repo}/blob/main/config.json", kind: config}}',
        "  - {id: card, title: TODO the model card's title, url: TODO, kind: model-card}",
    ]  # fmt: skip
    return "\n".join(lines) + "\n"


def read_config(path: Path | None, repo: str | None, endpoint: str | None = None) -> tuple[dict[str, Any], str]:
    """The config.json and where it came from (the Hub's `endpoint` defaults to HF_ENDPOINT's)."""
    if repo is not None:
        try:
            return fetch_config(repo, "main", endpoint=endpoint), f"{repo} on the Hub"
        except FetchError as exc:
            raise HubError([Diagnostic(repo, None, "", exc.message, exc.hint)]) from None
    assert path is not None
    try:
        config = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise HubError([Diagnostic(display_path(path), None, "", f"not a readable config.json ({exc})")]) from None
    if not isinstance(config, dict):
        raise HubError([Diagnostic(display_path(path), None, "", "config.json must be a JSON object")])
    return config, display_path(path)


def repo_of(config: dict[str, Any], hub: str | None, slug: str) -> str:
    """The Hub repo the dossier names: the one fetched, the config's own `_name_or_path`, or a placeholder."""
    named = config.get("_name_or_path")
    if hub:
        return hub
    if isinstance(named, str) and re.fullmatch(r"[A-Za-z0-9][\w.-]*/[\w.-]+", named):
        return named
    return PLACEHOLDER_REPO.format(slug=slug)


def new_dossier(project: Project, slug: str, config_path: Path | None, hub: str | None,
                endpoint: str | None = None) -> tuple[str, int]:  # fmt: skip
    """Write specimens/SLUG.yaml (and the snapshot); returns what to tell the person, and the exit status."""
    path = project.dossier_path(slug)
    if not SLUG.match(slug):
        return f"{slug}: not a slug: use lowercase letters, digits and hyphens (phi-3-5-mini)", 1
    if path.exists():
        return f"{display_path(path)} already exists: nothing was written", 1
    config, origin = read_config(config_path, hub, endpoint) if config_path or hub else ({}, "nothing (no config.json)")
    repo = repo_of(config, hub, slug)
    snapshot = snapshot_path(project.snapshots, repo)
    if config and snapshot.exists():
        return f"{display_path(snapshot)} already exists: nothing was written", 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dossier_text(slug, repo, derive(config), origin), encoding="utf-8")
    wrote = [display_path(path)]
    if config:
        write_snapshot(snapshot, config)
        wrote.append(display_path(snapshot))
    return "\n".join([f"wrote {' and '.join(wrote)}", *left_to_do(project, path)]), 0


def left_to_do(project: Project, path: Path) -> list[str]:
    """What `museum check` says about the new dossier: its placeholders, then anything else."""
    _, diagnostics = load_collection(project)
    shown = display_path(path)
    mine = [str(d) for d in diagnostics if d.path == shown]
    return [f"left to fill in ({len(mine)}):", *mine] if mine else ["it validates: nothing is left to fill in"]
