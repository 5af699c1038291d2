"""What follows from an anatomy: KV cache, weight memory, the device it fits, compute per token."""

from __future__ import annotations

import math
from dataclasses import dataclass

from .model import Anatomy
from .quantization import stored_bytes

PRECISIONS = {"bf16": 2.0, "fp8": 1.0, "int8": 1.0, "int4": 0.5, "ternary": 1.58 / 8}  # bytes per weight
DEVICE_TIERS = (
    ("phone", 4 * 2**30),
    ("laptop", 16 * 2**30),
    ("gpu-24gb", 24 * 2**30),
    ("gpu-80gb", 80 * 2**30),
)  # anything larger: "server"
USABLE_MEMORY = 0.75  # share of a device's memory a model may use; the rest is OS and runtime
TIER_TOKENS = 4096  # context the device tier must hold a KV cache for
KV_CONTEXTS = (4096, 32768)  # context lengths the KV cache is shown at (plus the full context)


@dataclass(frozen=True)
class KvCache:
    """The KV cache at one context length, in bf16 and fp8."""

    tokens: int
    bf16: int | None
    fp8: int | None


def kv_cache_bytes(a: Anatomy, tokens: int, bytes_per_value: float = 2.0) -> int | None:
    """KV cache for `tokens` tokens: a sliding layer keeps at most its window; NoPE and
    global layers keep every token."""
    values = kv_values_per_layer_token(a)
    if values is None or tokens < 0:
        return None
    cached = 0
    for layer in a.layer_attention:  # (a plain loop: this runs for every variant of every page)
        cached += min(tokens, layer.window) if layer.kind == "sliding" and layer.window else tokens
    return round(values * cached * bytes_per_value)


def kv_cache_bytes_per_token(a: Anatomy) -> int | None:
    """One token's K and V in every layer at bf16, as if every layer attended globally."""
    values = kv_values_per_layer_token(a)
    return None if values is None else values * len(a.layer_attention) * 2


def kv_values_per_layer_token(a: Anatomy) -> int | None:
    """K and V values one token stores in one layer: 2 × kv_heads × head_dim; with multi-head latent
    attention, each head's full key (qk_nope + qk_rope) and value (v_head_dim), as a runtime that
    does not cache the latent stores them."""
    if not a.layer_attention or a.kv_heads is None or a.head_dim is None:
        return None
    if a.mla is not None:
        return a.kv_heads * (a.mla.qk_nope_head_dim + a.mla.qk_rope_head_dim + a.mla.v_head_dim)
    return 2 * a.kv_heads * a.head_dim  # K and V


def kv_cache_table(a: Anatomy) -> tuple[KvCache, ...]:
    """The KV cache at 4K, 32K and the full context (when longer), in bf16 and fp8."""
    lengths = [n for n in KV_CONTEXTS if not a.context_length or n <= a.context_length]
    if a.context_length and a.context_length not in lengths:
        lengths.append(a.context_length)
    if kv_cache_bytes(a, 0) is None:
        return ()
    return tuple(KvCache(n, kv_cache_bytes(a, n, 2.0), kv_cache_bytes(a, n, 1.0)) for n in lengths)


def weight_bytes(a: Anatomy) -> dict[str, int]:
    """Weights at bf16, int8 and int4 (and 1.58-bit ternary for BitNet-style models)."""
    if a.total_params is None:
        return {}
    sizes = {p: math.ceil(a.total_params * PRECISIONS[p]) for p in ("bf16", "int8", "int4")}
    if a.quantized_weights == "ternary":
        sizes["ternary"] = _ternary_bytes(a.total_params, a.embedding_params or 0)
    elif a.quantization is not None and a.non_embedding_params is not None:
        stored = stored_bytes(a.quantization, a.total_params, a.non_embedding_params, a.expert_matrix_params)
        if stored is not None:
            sizes["stored"] = stored
    return sizes


def _ternary_bytes(total: int, embedding: int) -> int:
    """BitNet packs its linear layers at 1.58 bits; the embedding table stays bf16."""
    return math.ceil((total - embedding) * PRECISIONS["ternary"] + embedding * PRECISIONS["bf16"])


def device_tier(a: Anatomy) -> str:
    """Smallest device that holds the weights at int4 (ternary for BitNet, as stored for a
    quantised checkpoint smaller than int4) plus a bf16 KV
    cache for 4,096 tokens (or the whole context if shorter) within 75% of its memory;
    the other 25% is left to the OS and runtime. "server" if none; "unknown" without counts."""
    sizes = weight_bytes(a)
    return _tier(a, sizes.get("ternary", sizes.get("int4")))


def tiers_by_precision(a: Anatomy) -> dict[str, str]:
    """The device tier for each precision in `weight_bytes`, same assumptions as `device_tier`."""
    return {precision: _tier(a, size) for precision, size in weight_bytes(a).items()}


def _tier(a: Anatomy, weights: int | None) -> str:
    if weights is None:
        return "unknown"
    tokens = min(TIER_TOKENS, a.context_length or TIER_TOKENS)
    need = weights + (kv_cache_bytes(a, tokens) or 0)
    return next((name for name, memory in DEVICE_TIERS if need <= USABLE_MEMORY * memory), "server")


def flops_per_token(a: Anatomy) -> int | None:
    """≈ 2 FLOPs (a multiply and an add) per active parameter; attention over the context is extra."""
    return None if a.active_params is None else 2 * a.active_params
