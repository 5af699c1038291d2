"""The fact registry: every fact the museum derives from config.json, declared once.

Each `Fact` names its key (the `museum inspect --json` key), its title, where it comes from
(read straight from the config, or derived from it), how it is shown (a format name that
`museum.formatting.FORMATS` knows), the formula in words, and — when a dossier can claim
it — the claim field it settles and the rule that compares the two. The claims check, the
anatomy and sizes tables, the about page and `inspect --json` all read this one table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from .architectures import WITHOUT_EMBEDDING
from .attention import attention_pattern
from .memory import (
    device_tier,
    flops_per_token,
    kv_cache_bytes_per_token,
    kv_cache_table,
    tiers_by_precision,
    weight_bytes,
)
from .model import Anatomy

Provenance = Literal["config", "derived", "dossier", "weights"]


def rounding_unit(value: int) -> int:
    """One unit in the last significant digit: 1_230_000_000 → 10_000_000, 7_000_000_000 → 1_000_000_000."""
    if value == 0:
        return 1
    exponent = int(Decimal(value).normalize().as_tuple().exponent)
    unit: int = 10 ** max(exponent, 0)
    return unit


def within_rounding(claimed: Any, derived: Any) -> bool:
    return bool(abs(claimed - derived) < rounding_unit(claimed))


def equal(claimed: Any, derived: Any) -> bool:
    return bool(claimed == derived)


@dataclass(frozen=True)
class Rule:
    """How a dossier claim is compared with the derived value."""

    text: str
    agrees: Callable[[Any, Any], bool]


ROUNDED = Rule("agrees when the config count is within one unit of the claim's last significant digit", within_rounding)
EXACT = Rule("agrees when both are equal", equal)


def always(a: Anatomy) -> bool:
    return True


@dataclass(frozen=True)
class Fact:
    """One thing the museum knows about a model from its config.json."""

    key: str
    title: str
    provenance: Provenance
    format: str  # a key of museum.formatting.FORMATS
    formula: str
    value: Callable[[Anatomy], Any]  # plain JSON-able data, None when unknown
    claim: str | None = None  # the dossier Variant field this fact settles
    rule: Rule | None = None
    claim_format: str | None = None  # how the claim is shown, when not like the fact
    applies: Callable[[Anatomy], bool] = always  # False: the fact means nothing for this model
    shown: bool = True  # a row of the anatomy table
    claim_value: Callable[[Anatomy], Any] | None = None  # what a claim is compared with, when not `value`
    claim_basis: Callable[[Anatomy], str | None] | None = None  # says how claim_value was counted

    def settles(self, a: Anatomy) -> Any:
        """The value a dossier claim is compared with."""
        return (self.claim_value or self.value)(a)


def _sliding_window(a: Anatomy) -> int | None:
    windows = {layer.window for layer in a.layer_attention if layer.kind == "sliding"}
    return windows.pop() if len(windows) == 1 else None


def _kv(precision: str) -> Callable[[Anatomy], list[dict[str, int | None]]]:
    return lambda a: [{"tokens": row.tokens, "bytes": getattr(row, precision)} for row in kv_cache_table(a)]


def _attention_kind(a: Anatomy) -> str | None:
    if a.heads is None or a.kv_heads is None:
        return None
    return "MHA" if a.kv_heads == a.heads else "MQA" if a.kv_heads == 1 else "GQA"


def _normalisation(a: Anatomy) -> str | None:
    b = a.block
    if b is None:
        return None
    where = {1: "one per block, attention and MLP in parallel", 4: "before and after attention and MLP"}
    text = f"{b.norm}, {where.get(b.norms_per_layer, 'before attention and MLP')}"
    return text + (" + SubLN inside both" if b.sub_norms else "")


def _position(a: Anatomy) -> str | None:
    if a.block is None:
        return None
    if a.block.learned_positions:
        return "learned position table"
    share = a.partial_rotary_factor
    text = "RoPE" if share in (None, 1.0) else f"RoPE on {share:.0%} of each head"
    nope = sum(layer.kind == "nope" for layer in a.layer_attention)
    return text + (f"; {nope} of {len(a.layer_attention)} layers without (NoPE)" if nope else "")


def active_by_convention(a: Anatomy) -> int | None:
    """Active parameters counted the way this family's makers count them."""
    if a.active_convention == WITHOUT_EMBEDDING:
        return a.active_params_without_input_embedding
    return a.active_params


def _convention(a: Anatomy) -> str | None:
    return f"active counted {a.active_convention}, as this family's makers count it" if a.active_convention else None


def _quantization(a: Anatomy) -> str | None:
    return a.quantization.description if a.quantization else None


def _header_total(a: Anatomy) -> int | None:
    return sum(a.header_params.values()) if a.header_params else None


def _has_sliding(a: Anatomy) -> bool:
    return any(layer.kind == "sliding" for layer in a.layer_attention)


COUNTED = "every stored weight, bias and norm vector; a tied output head counted once"
FACTS: tuple[Fact, ...] = (
    Fact("model_type", "Model type", "config", "text",
         "config.json model_type (the outer one for multimodal configs)", lambda a: a.model_type, shown=False),
    Fact("architecture", "Counting rule", "derived", "text",
         'the architecture record chosen by model_type; "unknown" when the museum has none',
         lambda a: a.architecture, shown=False),
    Fact("total_params", "Total parameters", "derived", "params",
         f"{COUNTED}; includes a counted vision tower", lambda a: a.total_params,
         claim="params", rule=ROUNDED, claim_format="human"),
    Fact("active_params", "Active parameters per token", "derived", "params",
         "parameters one text token passes through, the input embedding included: total − (experts − "
         "experts_per_token) × expert MLP per MoE layer; a vision tower is left out. A claim is compared with "
         "this or with active_params_without_input_embedding, whichever its maker uses (active_convention)",
         lambda a: a.active_params, claim="active_params", rule=ROUNDED, claim_format="human",
         applies=lambda a: a.is_moe, claim_value=active_by_convention, claim_basis=_convention),
    Fact("active_params_without_input_embedding", "Active per token, without the input embedding", "derived",
         "params", "active_params − the input token table (when untied: a tied table is also the output head "
         "and stays) − a learned position table: the count of weights a token multiplies by",
         lambda a: a.active_params_without_input_embedding, applies=lambda a: a.is_moe),
    Fact("active_convention", "Makers count active", "derived", "text",
         'how this family\'s makers count "active": "with the input embedding" (Mistral AI, Qwen, AI2, '
         'DeepSeekMoE, Meta) or "without the input embedding" (OpenAI gpt-oss, DeepSeek-V2 and V3); '
         "the claims check compares an active claim with the matching count", lambda a: a.active_convention,
         applies=lambda a: a.is_moe),
    Fact("embedding_params", "Embedding parameters", "derived", "params",
         "vocab_size × hidden_size for the input table, + the output head (and its bias) when untied, "
         "+ a learned position table", lambda a: a.embedding_params),
    Fact("non_embedding_params", "Non-embedding parameters", "derived", "params",
         "text-model parameters − embedding_params", lambda a: a.non_embedding_params,
         claim="non_embedding_params", rule=ROUNDED, claim_format="human"),
    Fact("vision_params", "Vision encoder", "derived", "params",
         "vision encoder + projector (Gemma 3: SigLIP patch and position embeddings, encoder layers, "
         "post-norm, soft-embedding norm, projection; Llama 4: its ViT with a class token, the pixel-shuffle "
         "adapter and the projection)", lambda a: a.vision_params,
         applies=lambda a: a.vision_params is not None),
    Fact("extra_params", "Multi-token prediction (not in total)", "derived", "params",
         "modules stored beside the main stack for multi-token prediction (DeepSeek-V3's num_nextn_predict_layers): "
         "per module two RMSNorms, a 2·hidden → hidden projection, one MoE decoder layer and a final norm; "
         "the embedding and head are shared", lambda a: a.extra_params, applies=lambda a: a.extra_params is not None),
    Fact("context_length", "Context length", "config", "count", "max_position_embeddings",
         lambda a: a.context_length, claim="context_length", rule=EXACT, claim_format="tokens"),
    Fact("vocab_size", "Vocabulary", "config", "count", "vocab_size (rows of the embedding table)",
         lambda a: a.vocab_size, claim="vocab_size", rule=EXACT),
    Fact("layers", "Layers", "config", "count", "num_hidden_layers", lambda a: a.layers,
         claim="layers", rule=EXACT),
    Fact("hidden_size", "Hidden size", "config", "count", "hidden_size", lambda a: a.hidden_size),
    Fact("intermediate_size", "Feed-forward width", "config", "count",
         "MLP width per matrix; for MoE models, one expert's width", lambda a: a.intermediate_size),
    Fact("heads", "Query heads", "config", "count", "num_attention_heads", lambda a: a.heads,
         claim="heads", rule=EXACT),
    Fact("kv_heads", "Key/value heads", "config", "count", "num_key_value_heads (= heads when absent)",
         lambda a: a.kv_heads, claim="kv_heads", rule=EXACT),
    Fact("head_dim", "Head dimension", "config", "count",
         "head_dim when given, else hidden_size ÷ heads; multi-head latent attention: "
         "qk_nope_head_dim + qk_rope_head_dim",
         lambda a: a.head_dim),
    Fact("gqa_ratio", "Query heads per KV head", "derived", "ratio",
         "heads ÷ kv_heads (1 = multi-head, heads = multi-query attention)", lambda a: a.gqa_ratio),
    Fact("attention_kind", "Attention", "derived", "text",
         "multi-head (MHA) when kv_heads = heads, multi-query (MQA) when kv_heads = 1, else grouped-query (GQA)",
         _attention_kind),
    Fact("tied_embeddings", "Tied embeddings", "config", "flag",
         "tie_word_embeddings: the output head reuses the input table", lambda a: a.tied_embeddings,
         claim="tied_embeddings", rule=EXACT),
    Fact("experts", "Experts per layer", "config", "count", "routed experts per MoE layer",
         lambda a: a.experts, claim="experts", rule=EXACT, applies=lambda a: a.is_moe),
    Fact("experts_per_token", "Experts per token", "config", "count", "experts each token is routed to (top-k)",
         lambda a: a.experts_per_token, claim="experts_per_token", rule=EXACT, applies=lambda a: a.is_moe),
    Fact("sliding_window", "Sliding window", "derived", "count", "the window of the sliding-attention layers",
         _sliding_window, claim="sliding_window", rule=EXACT, applies=_has_sliding),
    Fact("feed_forward", "Feed-forward", "derived", "text",
         "hidden_act with the stored MLP matrices: gate, up and down make a GLU (SiLU → SwiGLU, GELU → GeGLU)",
         lambda a: a.block.feed_forward if a.block else None),
    Fact("normalisation", "Normalisation", "derived", "text",
         "the norms each block stores: RMSNorm or LayerNorm (with bias), and where they sit",
         _normalisation),
    Fact("qk_norm", "QK-norm", "derived", "flag", "a norm on queries and keys before attention (stored per layer)",
         lambda a: a.block.qk_norm if a.block else None),
    Fact("position_encoding", "Positions", "derived", "text",
         "RoPE (partial_rotary_factor of each head), layers without it (NoPE), or a learned table", _position),
    Fact("attention_pattern", "Attention pattern", "derived", "text",
         "the repeating unit of per-layer attention: global, sliding(window) or nope (global without RoPE)",
         lambda a: attention_pattern(a.layer_attention)),
    Fact("layer_attention", "Attention per layer", "derived", "text",
         "per layer: kind and window, from layer_types or the architecture's rule",
         lambda a: [{"kind": x.kind, "window": x.window} for x in a.layer_attention], shown=False),
    Fact("rope_theta", "RoPE base", "config", "count", "rope_theta: RoPE base frequency (global layers)",
         lambda a: a.rope_theta),
    Fact("rope_local_theta", "RoPE base, sliding layers", "config", "count",
         "rope_local_base_freq: RoPE base of the sliding layers", lambda a: a.rope_local_theta,
         applies=lambda a: a.rope_local_theta is not None),
    Fact("rope_scaling", "RoPE scaling", "config", "text", "rope_scaling type: llama3, longrope, yarn, linear, …",
         lambda a: a.rope_scaling or "none"),
    Fact("partial_rotary_factor", "Share of each head RoPE rotates", "config", "ratio",
         "partial_rotary_factor (1 when absent)", lambda a: a.partial_rotary_factor,
         applies=lambda a: a.partial_rotary_factor not in (None, 1.0)),
    Fact("quantized_weights", "Released weights", "config", "text",
         "how the released weights are quantised (ternary for BitNet)", lambda a: a.quantized_weights,
         applies=lambda a: a.quantized_weights is not None),
    Fact("quantization", "Stored as", "config", "text",
         "quantization_config: the method, its bits and groups (GPTQ, AWQ, bitsandbytes, FP8, MXFP4); "
         "parameters are counted the same whatever the storage", _quantization,
         applies=lambda a: a.quantization is not None),
    Fact("safetensors_params", "Weights on the Hub (safetensors header)", "weights", "params",
         "Σ over every tensor in the *.safetensors headers of Π shape: the second witness, read without "
         "downloading a weight; packed quantised tensors count stored elements, not logical parameters",
         _header_total, applies=lambda a: a.header_params is not None),
    Fact("safetensors_params_by_dtype", "Weights on the Hub, per dtype", "weights", "text",
         "the safetensors header count split by stored dtype (BF16, F8_E4M3, U8, …)",
         lambda a: dict(a.header_params) if a.header_params else None, shown=False),
    Fact("kv_cache_bytes_per_token", "KV cache per token", "derived", "bytes",
         "2 (K and V) × layers × kv_heads × head_dim × 2 bytes (bf16); multi-head latent attention: "
         "layers × heads × (key head_dim + v_head_dim) × 2 bytes, every head's full key and value",
         kv_cache_bytes_per_token),
    Fact("kv_cache_bf16", "KV cache, bf16", "derived", "kv",
         "Σ over layers of 2 × kv_heads × head_dim × 2 bytes × cached tokens, where a sliding layer "
         "caches min(tokens, window); at 4K, 32K and the full context", _kv("bf16")),
    Fact("kv_cache_fp8", "KV cache, fp8", "derived", "kv", "as the bf16 KV cache, at 1 byte per value",
         _kv("fp8")),
    Fact("weight_bytes", "Weights", "derived", "weights",
         "total_params × bytes per weight (bf16 2, int8 1, int4 0.5); ternary: non-embedding × 1.58 ÷ 8 "
         "+ embedding × 2; stored (quantised checkpoints): the quantised tensors (non-embedding weights, or the "
         "routed experts for MXFP4) at the format's bytes per weight with its scales, the rest at bf16",
         weight_bytes),
    Fact("device_tier", "Fits on", "derived", "tier",
         "smallest of phone 4 GiB, laptop 16 GiB, gpu-24gb, gpu-80gb whose 75% holds int4 (ternary) weights "
         "+ a bf16 KV cache for 4,096 tokens (the whole context if shorter); the other 25% is for the OS "
         "and runtime; else server", device_tier),
    Fact("tiers_by_precision", "Fits on, by precision", "derived", "text",
         "device_tier computed for each precision in weight_bytes", tiers_by_precision, shown=False),
    Fact("flops_per_token", "Compute per token", "derived", "flops",
         "2 × active_params (one multiply and one add per weight)", flops_per_token),
)  # fmt: skip

BY_KEY: dict[str, Fact] = {fact.key: fact for fact in FACTS}
CLAIMED: tuple[Fact, ...] = tuple(fact for fact in FACTS if fact.claim)
FORMULAS: dict[str, str] = {fact.key: fact.formula for fact in FACTS}


def summary(a: Anatomy) -> dict[str, Any]:
    """The `museum inspect --json` object: every fact, plus the notes on what could not be derived."""
    return {**{fact.key: fact.value(a) for fact in FACTS}, "notes": list(a.notes)}
