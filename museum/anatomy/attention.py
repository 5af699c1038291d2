"""Attention layout per layer and position encoding, read from a config and its architecture."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from .architectures import Architecture, nope_layers
from .model import LayerAttention
from .quantization import read_quantization
from .reading import Dims
from .values import as_float, as_int


def layer_attention(
    cfg: dict[str, Any], arch: Architecture | None, d: Dims
) -> tuple[tuple[LayerAttention, ...], tuple[str, ...]]:
    """One LayerAttention per layer, plus notes on anything in the config that was ignored."""
    if arch is None or not arch.attention or not d.layers:
        return (), ()
    sliding, notes = _sliding_layers(cfg, arch, d.layers)
    window, window_notes = _window(cfg, d.context) if any(sliding) else (None, ())
    nope = nope_layers(cfg, d.layers)
    layers = tuple(_layer(bool(s and window), n, window) for s, n in zip(sliding, nope, strict=True))
    return layers, notes + window_notes


def _sliding_layers(cfg: dict[str, Any], arch: Architecture, n: int) -> tuple[list[bool], tuple[str, ...]]:
    types = cfg.get("layer_types")
    if types is None:
        return arch.sliding(cfg, n), ()
    if not (isinstance(types, list) and len(types) == n and all(isinstance(t, str) for t in types)):
        return arch.sliding(cfg, n), ("layer_types does not give one string per layer; ignored",)
    odd = sorted(set(types) - {"sliding_attention", "full_attention"})
    notes = (f"layer_types {', '.join(odd)} counted as full attention",) if odd else ()
    return [t == "sliding_attention" for t in types], notes


def _window(cfg: dict[str, Any], context: int | None) -> tuple[int | None, tuple[str, ...]]:
    window = as_int(cfg, "sliding_window")
    if window and context and window >= context:
        return None, (
            f"sliding_window {window} is not shorter than the {context}-token context, so every layer attends globally",
        )
    return window, ()


def _layer(sliding: bool, nope: bool, window: int | None) -> LayerAttention:
    """A windowed layer is "sliding" even without RoPE: the window is what its KV cache feels."""
    if sliding:
        return LayerAttention("sliding", window)
    return LayerAttention("nope" if nope else "global")


def rope(cfg: dict[str, Any], arch: Architecture | None, d: Dims) -> dict[str, Any]:
    """RoPE base frequencies, scaling kind and the share of each head it rotates."""
    scaling = cfg.get("rope_scaling") or cfg.get("rope_parameters")
    nested = scaling if isinstance(scaling, dict) else {}
    rotary_dim = as_int(cfg, "rotary_dim")  # GPT-J: the rotated dims of each head, as a count
    partial = as_float(cfg.get("partial_rotary_factor")) or (
        rotary_dim / d.head_dim if rotary_dim and d.head_dim else None
    )
    uses_rope = arch is not None and arch.rope and cfg.get("alibi") is not True
    if arch is not None and not uses_rope:
        return dict(rope_theta=None, rope_local_theta=None, rope_scaling=None, partial_rotary_factor=None)
    return dict(
        rope_theta=as_float(cfg.get("rope_theta")) or as_float(nested.get("rope_theta")),
        rope_local_theta=as_float(cfg.get("rope_local_base_freq")),
        rope_scaling=_rope_kind(nested),
        partial_rotary_factor=partial or (1.0 if uses_rope else None),
    )


def _rope_kind(scaling: dict[str, Any]) -> str | None:
    kind = scaling.get("rope_type") or scaling.get("type")
    if not isinstance(kind, str):
        return None
    return {"su": "longrope", "default": None}.get(kind, kind)


def quantized(cfg: dict[str, Any], arch: Architecture | None) -> str | None:
    """How the released weights are stored, when the config (or the architecture) says."""
    if arch is not None and arch.weights:
        return arch.weights
    found = read_quantization(cfg)
    return found.label if found else None


def attention_pattern(layers: tuple[LayerAttention, ...]) -> str | None:
    """The repeating unit of the layer stack, e.g. "5 sliding(512) : 1 global" or "all global"."""
    if not layers:
        return None
    unit = layers[: _period(layers)]
    runs = [(len(list(group)), label) for label, group in groupby(x.label for x in unit)]
    if len(runs) == 1:
        return f"all {runs[0][1]}"
    return " : ".join(f"{n} {label}" for n, label in runs)


def _period(layers: tuple[LayerAttention, ...]) -> int:
    """Length of the shortest unit whose repetition gives the stack (a trailing part may be cut off)."""
    n = len(layers)
    return next(p for p in range(1, n + 1) if all(layers[i] == layers[i % p] for i in range(n)))
