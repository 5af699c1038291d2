"""`museum inspect`: read any model's config.json in thirty seconds, from the terminal."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from . import anatomy
from .errors import Diagnostic, HubError
from .hub import FetchError, fetch_config
from .render import human, number

GIB = 2**30


def load_config(target: str, revision: str | None) -> dict:
    """A config.json from a local path (no network) or a Hub repo id (through huggingface_hub)."""
    path = Path(target)
    if path.is_dir():
        path = path / "config.json"
    if path.is_file() or target.endswith(".json"):
        return _read_file(path)
    try:
        return fetch_config(target, revision or "main")
    except FetchError as exc:
        raise HubError([Diagnostic(target, None, "", exc.message, exc.hint)]) from None


def _read_file(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise HubError([Diagnostic(str(path), None, "", "no such file")]) from None
    except (OSError, ValueError) as exc:
        raise HubError([Diagnostic(str(path), None, "", f"not a readable JSON file ({exc})")]) from None
    if not isinstance(data, dict):
        raise HubError([Diagnostic(str(path), None, "", "config.json must be a JSON object")])
    return data


def _gib(n: int | None) -> str:
    return "unknown" if n is None else f"{n / GIB:.2f} GiB"


def lines(s: dict[str, Any], name: str) -> list[str]:
    """The summary as aligned terminal lines."""
    weights = ", ".join(f"{k} {_gib(v)}" for k, v in s["weight_bytes"].items())
    kv = s["kv_cache_bytes_per_token"]
    rows = [
        ("model", f"{name} ({s['model_type']})"),
        ("parameters", f"{human(s['total_params'])} total, {human(s['active_params'])} active per token"),
        ("", f"{human(s['embedding_params'])} embedding, {human(s['non_embedding_params'])} non-embedding"
             f"{', tied embeddings' if s['tied_embeddings'] else ''}"),
        ("context", f"{number(s['context_length'])} tokens"),
        ("vocabulary", number(s["vocab_size"])),
        ("layers", f"{number(s['layers'])} × hidden {number(s['hidden_size'])}"),
        ("attention", f"{number(s['heads'])} query / {number(s['kv_heads'])} KV heads × {number(s['head_dim'])} dims"),
        ("pattern", str(s["attention_pattern"])),
        ("experts", f"{s['experts']} per layer, {s['experts_per_token']} per token" if s["experts"] else "dense"),
        ("weights", weights),
        ("KV cache", "unknown" if kv is None else f"{kv * 1000 / 2**20:.1f} MiB per 1k tokens (bf16)"),
        ("device tier", s["device_tier"]),
    ]
    width = max(len(k) for k, _ in rows)
    out = [f"{k:<{width}}  {v}" for k, v in rows]
    return out + [f"note: {n}" for n in s["notes"]]


def inspect(target: str, revision: str | None = None, as_json: bool = False) -> str:
    summary = anatomy.summary(anatomy.derive(load_config(target, revision)))
    if as_json:
        return json.dumps(summary, indent=2)
    return "\n".join(lines(summary, target))
