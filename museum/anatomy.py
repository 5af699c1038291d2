"""A model's anatomy, derived from its Hugging Face config.json.

Pure functions, no I/O. `derive(config)` turns the parsed JSON into an `Anatomy`; the
functions after it work out memory, device tiers and FLOPs from that. Nothing here raises on
a strange config: whatever cannot be derived is None, and a note says why.

Keys a config leaves out take the defaults of the transformers config class for that
model_type (Gemma 3's multimodal config relies on them), and a note lists each one used.
Parameter counting itself lives in `museum.params`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import groupby
from typing import Literal

from museum import params
from museum.params import Count, Dims, as_float, as_int, as_int_list, as_str

PRECISIONS = {"bf16": 2.0, "fp8": 1.0, "int8": 1.0, "int4": 0.5, "ternary": 1.58 / 8}  # bytes per weight
DEVICE_TIERS = (
    ("phone", 4 * 2**30),
    ("laptop", 16 * 2**30),
    ("gpu-24gb", 24 * 2**30),
    ("gpu-80gb", 80 * 2**30),
)  # anything larger: "server"
USABLE_MEMORY = 0.75  # share of a device's memory a model may use; the rest is OS and runtime
TIER_TOKENS = 4096  # context the device tier must hold a KV cache for


@dataclass(frozen=True)
class LayerAttention:
    """What one layer attends to: everything (global), a window, or everything without RoPE."""

    kind: Literal["global", "sliding", "nope"]
    window: int | None = None

    @property
    def label(self) -> str:
        return f"sliding({self.window})" if self.kind == "sliding" else self.kind


@dataclass(frozen=True)
class Anatomy:
    model_type: str
    family: str  # the counting rule used: "llama", "phi", "phi3", "gemma3", "qwen3_moe", "unknown", ...
    total_params: int | None = None
    active_params: int | None = None
    embedding_params: int | None = None
    non_embedding_params: int | None = None
    tied_embeddings: bool | None = None
    layers: int | None = None
    hidden_size: int | None = None
    intermediate_size: int | None = None  # MLP width; for MoE models, one expert's width
    heads: int | None = None
    kv_heads: int | None = None
    head_dim: int | None = None
    vocab_size: int | None = None
    context_length: int | None = None
    experts: int | None = None
    experts_per_token: int | None = None
    layer_attention: tuple[LayerAttention, ...] = ()
    rope_theta: float | None = None
    rope_local_theta: float | None = None
    rope_scaling: str | None = None
    partial_rotary_factor: float | None = None
    quantized_weights: str | None = None
    notes: tuple[str, ...] = ()
    vision_params: int | None = None  # vision tower + projector, when counted (in total_params)

    @property
    def gqa_ratio(self) -> float | None:
        """Query heads per key/value head: 1 is plain multi-head attention."""
        if self.heads is None or not self.kv_heads:
            return None
        return self.heads / self.kv_heads


# --- reading config.json ---------------------------------------------------------------

_FAMILY_OF = {t: t for t in params.RECIPES} | {"gemma3_text": "gemma3"}
_WINDOW_ON_EVERY_LAYER = {"mistral", "mixtral", "phi3"}
_WINDOW_ABOVE_MAX_LAYERS = {"qwen2", "qwen3", "qwen3_moe"}
_NO_ROPE = {"gpt2", "unknown"}


def derive(config: dict) -> Anatomy:
    """Read a parsed config.json into an Anatomy; never raises."""
    if not isinstance(config, dict):
        return Anatomy("", "unknown", notes=(f"config.json holds a {type(config).__name__}, not an object",))
    text = config.get("text_config") if isinstance(config.get("text_config"), dict) else config
    text_type = _text_type(config, text)
    family = _FAMILY_OF.get(text_type, "unknown")
    cfg, default_notes = params.normalise(text, family)
    dims = params.read_dims(cfg, family)
    count = params.count_config(cfg, family, dims)
    vision, vision_notes = params.vision_params(config, dims.hidden)
    layers, layer_notes = _layer_attention(cfg, family, dims)
    notes = _reading_notes(cfg, family, text_type, dims, count) + default_notes + layer_notes + vision_notes
    return Anatomy(
        model_type=as_str(config.get("model_type")) or text_type, family=family,
        **_counts(count, vision), tied_embeddings=dims.tied, layers=dims.layers, hidden_size=dims.hidden,
        intermediate_size=dims.expert_intermediate or dims.intermediate, heads=dims.heads,
        kv_heads=dims.kv_heads, head_dim=dims.head_dim, vocab_size=dims.vocab, context_length=dims.context,
        experts=dims.experts, experts_per_token=dims.experts_per_token, layer_attention=layers,
        **_rope(cfg, family), quantized_weights=_quantized(cfg, family), notes=notes, vision_params=vision,
    )


def _text_type(config: dict, text: dict) -> str:
    outer = as_str(config.get("model_type"))
    return as_str(text.get("model_type")) or params.TEXT_TYPE_OF.get(outer, outer)


def _counts(count: Count | None, vision: int | None) -> dict:
    if count is None:
        return {}
    return dict(total_params=count.total + (vision or 0), active_params=count.active,
                embedding_params=count.embedding, non_embedding_params=count.total - count.embedding)


def _reading_notes(cfg: dict, family: str, text_type: str, d: Dims, count: Count | None) -> tuple[str, ...]:
    notes = [f"{key} = {cfg[key]!r} is not a positive integer; ignored"
             for key in params.INT_KEYS if cfg.get(key) is not None and as_int(cfg, key) is None]
    sizes = (d.hidden, d.layers, d.heads, d.intermediate, d.vocab, d.context)
    missing = [key for key, size in zip(params.CORE_KEYS, sizes) if size is None]
    if missing:
        notes.append(f"config.json gives no usable {', '.join(missing)}")
    if family == "unknown":
        notes.append(f"no counting rule for model_type {text_type or '(none)'!r}: "
                     "parameter counts, KV cache and memory estimates are left empty")
    elif count is None:
        notes.append("parameter counts could not be derived from the keys available")
    return (*notes, *_family_notes(family, d))


def _family_notes(family: str, d: Dims) -> tuple[str, ...]:
    if family == "qwen" and d.intermediate:
        return (f"QWen's intermediate_size {2 * d.intermediate} counts w1 and w2 together; "
                f"each MLP matrix is {d.intermediate} wide",)
    if family == "qwen3_moe" and d.layers and d.moe_layers < d.layers:
        return (f"{d.layers - d.moe_layers} of {d.layers} layers use a dense MLP of width {d.intermediate}",)
    return ()


# --- attention layout and position encoding ---------------------------------------------


def _layer_attention(cfg: dict, family: str, d: Dims) -> tuple[tuple[LayerAttention, ...], tuple[str, ...]]:
    if family == "unknown" or not d.layers:
        return (), ()
    sliding, notes = _sliding_layers(cfg, family, d.layers)
    window, window_notes = _window(cfg, d.context) if any(sliding) else (None, ())
    nope = _nope_layers(cfg, d.layers)
    layers = tuple(_layer(bool(s and window), n, window) for s, n in zip(sliding, nope))
    return layers, notes + window_notes


def _sliding_layers(cfg: dict, family: str, n: int) -> tuple[list[bool], tuple[str, ...]]:
    types = cfg.get("layer_types")
    if types is None:
        return _sliding_rule(cfg, family, n), ()
    if not (isinstance(types, list) and len(types) == n and all(isinstance(t, str) for t in types)):
        return _sliding_rule(cfg, family, n), ("layer_types does not give one string per layer; ignored",)
    odd = sorted(set(types) - {"sliding_attention", "full_attention"})
    notes = (f"layer_types {', '.join(odd)} counted as full attention",) if odd else ()
    return [t == "sliding_attention" for t in types], notes


def _sliding_rule(cfg: dict, family: str, n: int) -> list[bool]:
    """Which layers use the sliding window, by each family's rule when layer_types is absent."""
    if family == "gemma2":
        return [i % 2 == 0 for i in range(n)]
    if family == "gemma3":
        every = as_int(cfg, "sliding_window_pattern") or 1
        return [(i + 1) % every != 0 for i in range(n)]
    if family in _WINDOW_ABOVE_MAX_LAYERS and cfg.get("use_sliding_window") is True:
        start = as_int(cfg, "max_window_layers") or 0
        return [i >= start for i in range(n)]
    if family == "smollm3" and cfg.get("use_sliding_window") is True:
        return _nope_layers(cfg, n)  # SmolLM3 windows its NoPE layers
    return [family in _WINDOW_ON_EVERY_LAYER] * n


def _window(cfg: dict, context: int | None) -> tuple[int | None, tuple[str, ...]]:
    window = as_int(cfg, "sliding_window")
    if window and context and window >= context:
        return None, (f"sliding_window {window} is not shorter than the {context}-token context, "
                      "so every layer attends globally",)
    return window, ()


def _nope_layers(cfg: dict, n: int) -> list[bool]:
    """SmolLM3: no_rope_layers[i] == 0 (or every no_rope_layer_interval-th layer) skips RoPE."""
    flags = as_int_list(cfg.get("no_rope_layers"), allow_zero=True)
    if flags is not None and len(flags) >= n:
        return [flag == 0 for flag in flags[:n]]
    every = as_int(cfg, "no_rope_layer_interval")
    return [bool(every) and (i + 1) % every == 0 for i in range(n)]


def _layer(sliding: bool, nope: bool, window: int | None) -> LayerAttention:
    """A windowed layer is "sliding" even without RoPE: the window is what its KV cache feels."""
    if sliding:
        return LayerAttention("sliding", window)
    return LayerAttention("nope" if nope else "global")


def _rope(cfg: dict, family: str) -> dict:
    scaling = cfg.get("rope_scaling") or cfg.get("rope_parameters")
    nested = scaling if isinstance(scaling, dict) else {}
    partial = as_float(cfg.get("partial_rotary_factor"))
    return dict(
        rope_theta=as_float(cfg.get("rope_theta")) or as_float(nested.get("rope_theta")),
        rope_local_theta=as_float(cfg.get("rope_local_base_freq")),
        rope_scaling=_rope_kind(nested),
        partial_rotary_factor=partial or (None if family in _NO_ROPE else 1.0),
    )


def _rope_kind(scaling: dict) -> str | None:
    kind = scaling.get("rope_type") or scaling.get("type")
    if not isinstance(kind, str):
        return None
    return {"su": "longrope", "default": None}.get(kind, kind)


def _quantized(cfg: dict, family: str) -> str | None:
    quant = cfg.get("quantization_config")
    quant = quant if isinstance(quant, dict) else {}
    method, bits = quant.get("quant_method"), quant.get("bits")
    if family == "bitnet" or method == "bitnet":
        return "ternary"
    if method == "fp8":
        return "fp8"
    if isinstance(bits, int) and not isinstance(bits, bool):
        return f"int{bits}"
    return method if isinstance(method, str) else None


# --- what follows from the anatomy ------------------------------------------------------


def kv_cache_bytes(a: Anatomy, tokens: int, bytes_per_value: float = 2.0) -> int | None:
    """KV cache for `tokens` tokens: a sliding layer keeps at most its window; NoPE and
    global layers keep every token."""
    values = _kv_values_per_layer_token(a)
    if values is None or tokens < 0:
        return None
    cached = sum(_cached_tokens(layer, tokens) for layer in a.layer_attention)
    return round(values * cached * bytes_per_value)


def _cached_tokens(layer: LayerAttention, tokens: int) -> int:
    return min(tokens, layer.window) if layer.kind == "sliding" and layer.window else tokens


def kv_cache_bytes_per_token(a: Anatomy) -> int | None:
    """One token's K and V in every layer at bf16, as if every layer attended globally."""
    values = _kv_values_per_layer_token(a)
    return None if values is None else values * len(a.layer_attention) * 2


def _kv_values_per_layer_token(a: Anatomy) -> int | None:
    if not a.layer_attention or a.kv_heads is None or a.head_dim is None:
        return None
    return 2 * a.kv_heads * a.head_dim  # K and V


def weight_bytes(a: Anatomy) -> dict[str, int]:
    """Weights at bf16, int8 and int4 (and 1.58-bit ternary for BitNet-style models)."""
    if a.total_params is None:
        return {}
    sizes = {p: math.ceil(a.total_params * PRECISIONS[p]) for p in ("bf16", "int8", "int4")}
    if a.quantized_weights == "ternary":
        sizes["ternary"] = _ternary_bytes(a.total_params, a.embedding_params or 0)
    return sizes


def _ternary_bytes(total: int, embedding: int) -> int:
    """BitNet packs its linear layers at 1.58 bits; the embedding table stays bf16."""
    return math.ceil((total - embedding) * PRECISIONS["ternary"] + embedding * PRECISIONS["bf16"])


def device_tier(a: Anatomy) -> str:
    """Smallest device that holds the weights at int4 (ternary for BitNet) plus a bf16 KV
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


def attention_pattern(layers: tuple[LayerAttention, ...]) -> str | None:
    """The repeating unit of the layer stack, e.g. "5 sliding(512) : 1 global" or "all global"."""
    if not layers:
        return None
    unit = layers[:_period(layers)]
    runs = [(len(list(group)), label) for label, group in groupby(x.label for x in unit)]
    if len(runs) == 1:
        return f"all {runs[0][1]}"
    return " : ".join(f"{n} {label}" for n, label in runs)


def _period(layers: tuple[LayerAttention, ...]) -> int:
    """Length of the shortest unit whose repetition gives the stack (a trailing part may be cut off)."""
    n = len(layers)
    return next(p for p in range(1, n + 1) if all(layers[i] == layers[i % p] for i in range(n)))


def summary(a: Anatomy) -> dict:
    """The `museum inspect --json` object: every derived fact, JSON-serialisable."""
    return {
        "model_type": a.model_type, "family": a.family,
        "total_params": a.total_params, "active_params": a.active_params,
        "embedding_params": a.embedding_params, "non_embedding_params": a.non_embedding_params,
        "vision_params": a.vision_params, "tied_embeddings": a.tied_embeddings,
        "layers": a.layers, "hidden_size": a.hidden_size, "intermediate_size": a.intermediate_size,
        "heads": a.heads, "kv_heads": a.kv_heads, "head_dim": a.head_dim, "gqa_ratio": a.gqa_ratio,
        "vocab_size": a.vocab_size, "context_length": a.context_length,
        "experts": a.experts, "experts_per_token": a.experts_per_token,
        "attention_pattern": attention_pattern(a.layer_attention),
        "layer_attention": [{"kind": x.kind, "window": x.window} for x in a.layer_attention],
        "rope_theta": a.rope_theta, "rope_local_theta": a.rope_local_theta, "rope_scaling": a.rope_scaling,
        "partial_rotary_factor": a.partial_rotary_factor, "quantized_weights": a.quantized_weights,
        "kv_cache_bytes_per_token": kv_cache_bytes_per_token(a), "weight_bytes": weight_bytes(a),
        "device_tier": device_tier(a), "tiers_by_precision": tiers_by_precision(a),
        "flops_per_token": flops_per_token(a), "notes": list(a.notes),
    }


FORMULAS: dict[str, str] = {
    "model_type": "config.json model_type (the outer one for multimodal configs)",
    "family": "the counting rule applied, chosen by model_type; \"unknown\" when there is none",
    "total_params": "every stored weight, bias and norm vector; a tied output head counted once; "
                    "includes a counted vision tower",
    "active_params": "parameters one text token passes through: total − (experts − experts_per_token) "
                     "× expert MLP per MoE layer; a vision tower is left out",
    "embedding_params": "vocab_size × hidden_size for the input table, + the output head (and its bias) "
                        "when untied, + a learned position table",
    "non_embedding_params": "text-model parameters − embedding_params",
    "vision_params": "vision encoder + projector (Gemma 3: SigLIP patch and position embeddings, "
                     "encoder layers, post-norm, soft-embedding norm, projection)",
    "tied_embeddings": "tie_word_embeddings: the output head reuses the input table",
    "layers": "num_hidden_layers", "hidden_size": "hidden_size",
    "intermediate_size": "MLP width per matrix; for MoE models, one expert's width",
    "heads": "num_attention_heads (query heads)",
    "kv_heads": "num_key_value_heads (= heads when absent)",
    "head_dim": "head_dim when given, else hidden_size ÷ heads",
    "gqa_ratio": "heads ÷ kv_heads (1 = multi-head, heads = multi-query attention)",
    "vocab_size": "vocab_size", "context_length": "max_position_embeddings",
    "experts": "routed experts per MoE layer", "experts_per_token": "experts each token is routed to",
    "attention_pattern": "the repeating unit of per-layer attention: global, sliding(window) or nope "
                         "(global without RoPE)",
    "layer_attention": "per layer: kind and window, from layer_types or the family's rule",
    "rope_theta": "RoPE base frequency (global layers)", "rope_local_theta": "RoPE base of sliding layers",
    "rope_scaling": "rope_scaling type: llama3, longrope, yarn, linear, …",
    "partial_rotary_factor": "share of each head's dimensions that RoPE rotates",
    "quantized_weights": "how the released weights are quantised (ternary for BitNet)",
    "kv_cache_bytes_per_token": "2 (K and V) × layers × kv_heads × head_dim × 2 bytes (bf16)",
    "kv_cache_bytes": "Σ over layers of 2 × kv_heads × head_dim × bytes per value × cached tokens, "
                      "where a sliding layer caches min(tokens, window)",
    "weight_bytes": "total_params × bytes per weight (bf16 2, int8 1, int4 0.5); ternary: non-embedding "
                    "× 1.58 ÷ 8 + embedding × 2",
    "device_tier": "smallest of phone 4 GiB, laptop 16 GiB, gpu-24gb, gpu-80gb whose 75% holds int4 "
                   "(ternary) weights + a bf16 KV cache for 4,096 tokens (the whole context if shorter); "
                   "the other 25% is for the OS and runtime; else server",
    "tiers_by_precision": "device_tier computed for each precision in weight_bytes",
    "flops_per_token": "2 × active_params (one multiply and one add per weight)",
    "notes": "what could not be derived, and which defaults were assumed",
}
