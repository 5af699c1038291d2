"""`museum inspect`: read any model's config.json in thirty seconds, from the terminal."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .. import anatomy
from ..anatomy import WITH_EMBEDDING as WITH
from ..anatomy import WITHOUT_EMBEDDING as WITHOUT
from ..errors import Diagnostic, HubError
from ..formatting import human, kv_cache, label, number, weights, yes_no
from ..hub import FetchError, fetch_config, fetch_header_count, read_local_counts


def load_config(target: str, revision: str | None) -> dict[str, Any]:
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


def load_header_count(target: str, revision: str | None) -> tuple[dict[str, int] | None, str | None]:
    """The safetensors header count per dtype (a local folder's files, or the Hub repo's), and a note when there is none."""
    path = Path(target)
    if path.is_dir():
        try:
            counts = read_local_counts(path)
        except ValueError as exc:
            return None, f"no safetensors header count: {exc}"
        return counts, None if counts else f"no *.safetensors file in {target}: no header count"
    if path.is_file() or target.endswith(".json"):
        return None, None
    try:
        return fetch_header_count(target, revision or "main"), None
    except FetchError as exc:
        return None, f"no safetensors header count: {exc.message}"


def _read_file(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise HubError([Diagnostic(str(path), None, "", "no such file")]) from None
    except (OSError, ValueError) as exc:
        raise HubError([Diagnostic(str(path), None, "", f"not a readable JSON file ({exc})")]) from None
    if not isinstance(data, dict):
        raise HubError([Diagnostic(str(path), None, "", "config.json must be a JSON object")])
    return data


def lines(s: dict[str, Any], name: str) -> list[str]:
    """The summary as aligned terminal lines."""
    rows = [
        ("model", f"{name} ({s['model_type']})"),
        ("parameters", f"{human(s['total_params'])} total ({number(s['total_params'])})" + _active(s)),
        ("", f"{human(s['embedding_params'])} embedding, {human(s['non_embedding_params'])} non-embedding, "
             f"tied embeddings: {yes_no(s['tied_embeddings'])}"),
        *_both_conventions(s),
        ("context", f"{number(s['context_length'])} tokens"),
        ("vocabulary", number(s["vocab_size"])),
        ("layers", f"{number(s['layers'])} × hidden {number(s['hidden_size'])}"),
        *_attention(s),
        ("experts", f"{s['experts']} per layer, {s['experts_per_token']} per token" if s["experts"] else "dense"),
        ("weights", weights(s["weight_bytes"])),
        ("KV cache", "none: no attention layers" if _attention_free(s)
                     else kv_cache(s["kv_cache_bf16"]) + " (bf16)"),
        ("fits on", label(s["device_tier"])),
        *_witness(s),
    ]  # fmt: skip
    width = max(len(k) for k, _ in rows)
    out = [f"{k:<{width}}  {v}" for k, v in rows]
    return out + [f"note: {n}" for n in s["notes"]]


def _attention_free(s: dict[str, Any]) -> bool:
    """A known architecture with no attention layers at all (a state-space model)."""
    return s["architecture"] != "unknown" and not s["layer_attention"] and s["heads"] is None


def _attention(s: dict[str, Any]) -> list[tuple[str, str]]:
    if _attention_free(s):
        return [("attention", "none (see the note)")]
    heads = f"{number(s['heads'])} query / {number(s['kv_heads'])} KV heads × {number(s['head_dim'])} dims"
    return [("attention", heads), ("pattern", str(s["attention_pattern"]))]


def _active(s: dict[str, Any]) -> str:
    """Active per token, on the parameters line when there is one convention only."""
    both = _both_conventions(s)
    return "" if both else f", {human(s['active_params'])} active per token"


def _both_conventions(s: dict[str, Any]) -> list[tuple[str, str]]:
    """A mixture of experts with an untied input table (a dense model's active count is its total):
    both counts of "active", the `--json` keys active_params and active_params_without_input_embedding,
    the one its makers use (active_convention) first."""
    with_table, without = s["active_params"], s.get("active_params_without_input_embedding")
    if not s["experts"] or with_table is None or without is None or without == with_table:
        return []
    with_text, without_text = f"{human(with_table)} ({number(with_table)})", f"{human(without)} ({number(without)})"
    if s.get("active_convention") == WITHOUT:
        return [("active", f"{without_text} {WITHOUT} — as its makers count"), ("", f"{with_text} with it")]
    makers = " — as its makers count" if s.get("active_convention") == WITH else ""
    return [("active", f"{with_text} {WITH}{makers}"), ("", f"{without_text} without it")]


def _witness(s: dict[str, Any]) -> list[tuple[str, str]]:
    stored, derived = s["safetensors_params"], s["total_params"]
    if stored is None:
        return []
    dtypes = ", ".join(f"{dtype} {number(n)}" for dtype, n in s["safetensors_params_by_dtype"].items())
    verdict = "" if derived is None else "; agrees with config.json" if stored == derived else "; see the note"
    return [("safetensors", f"{number(stored)} parameters in the safetensors headers ({dtypes}){verdict}")]


def inspect(target: str, revision: str | None = None, as_json: bool = False) -> str:
    found = anatomy.derive(load_config(target, revision))
    counts, missing = load_header_count(target, revision)
    if counts:
        found = anatomy.with_header_count(found, counts)
    summary = anatomy.summary(found)
    summary["notes"] += [missing] if missing else []
    if as_json:
        return json.dumps(summary, indent=2)
    return "\n".join(lines(summary, target))
