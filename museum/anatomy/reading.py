"""From a config.json dict to the sizes an architecture is made of.

`normalise` applies key aliases and the config class's defaults for keys a file leaves out;
`read_dims` reads the sizes; `shape` checks that counting has everything it needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .architectures import Architecture
from .params import Mla, Shape
from .values import as_bool, as_int

ALIASES = {  # canonical key: the names older or foreign configs use for it
    "hidden_size": ("n_embd",),
    "num_hidden_layers": ("n_layer",),
    "num_attention_heads": ("n_head",),
    "intermediate_size": ("n_inner",),
    "max_position_embeddings": ("n_positions", "seq_length"),
    "head_dim": ("kv_channels",),
    "rope_theta": ("rotary_emb_base",),
    "partial_rotary_factor": ("rotary_pct",),
    "sliding_window_pattern": ("_sliding_window_pattern",),
}
CORE_KEYS = ("hidden_size", "num_hidden_layers", "num_attention_heads", "intermediate_size",
             "vocab_size", "max_position_embeddings")  # fmt: skip
INT_KEYS = (*CORE_KEYS, "num_key_value_heads", "head_dim", "sliding_window", "num_local_experts",
            "num_experts", "num_experts_per_tok", "moe_intermediate_size", "sliding_window_pattern")  # fmt: skip


@dataclass(frozen=True)
class Dims:
    """Sizes read from a text config; None where the config gives nothing usable."""

    hidden: int | None
    layers: int | None
    intermediate: int | None  # dense MLP width, per matrix
    heads: int | None
    kv_heads: int | None
    head_dim: int | None
    vocab: int | None
    context: int | None
    tied: bool | None
    experts: int | None = None
    experts_per_token: int | None = None
    expert_intermediate: int | None = None
    sparse_layers: tuple[bool, ...] = ()  # per layer: True where the MLP is a set of routed experts
    shared_intermediate: int = 0  # always-on shared expert(s) in each MoE layer, total width
    mla: Mla | None = None
    extra_layers: int = 0  # multi-token-prediction modules stored beside the main stack


def normalise(raw: dict[str, Any], arch: Architecture | None) -> tuple[dict[str, Any], tuple[str, ...]]:
    """Apply the family's own key names and key aliases, then the config class's defaults for keys still absent."""
    renamed = {key: raw[name] for key, name in (arch.renames if arch else {}).items() if raw.get(name) is not None}
    cfg = {**raw, **renamed}
    cfg = {**cfg, **_aliased(cfg)}
    if arch is None:
        return cfg, ()
    used = {key: value for key, value in arch.defaults.items() if key not in cfg}
    if not used:
        return cfg, ()
    listed = ", ".join(f"{key}={value}" for key, value in used.items())
    return {**used, **cfg}, (f"not in config.json, so transformers {arch.config_class} defaults apply: {listed}",)


def _aliased(raw: dict[str, Any]) -> dict[str, Any]:
    found = {}
    for key, names in ALIASES.items():
        values = [raw[name] for name in names if raw.get(name) is not None]
        if raw.get(key) is None and values:
            found[key] = values[0]
    return found


def read_dims(cfg: dict[str, Any], arch: Architecture | None) -> Dims:
    hidden, heads, layers = (as_int(cfg, key) for key in ("hidden_size", "num_attention_heads", "num_hidden_layers"))
    mla = _mla(cfg, arch)
    per_head = mla.qk_nope_head_dim + mla.qk_rope_head_dim if mla else None  # MLA: a query/key head's width
    return Dims(
        hidden=hidden, layers=layers, heads=heads,
        intermediate=arch.mlp_width(cfg, hidden) if arch else as_int(cfg, "intermediate_size"),
        kv_heads=arch.kv_heads(cfg, heads) if arch else as_int(cfg, "num_key_value_heads") or heads,
        head_dim=per_head or as_int(cfg, "head_dim") or (hidden // heads if hidden and heads else None),
        vocab=as_int(cfg, "vocab_size"), context=as_int(cfg, "max_position_embeddings"),
        tied=as_bool(cfg.get("tie_word_embeddings")), **_experts(cfg, arch, layers), mla=mla,
        extra_layers=(as_int(cfg, arch.extra_layers_key) or 0) if arch and arch.extra_layers_key else 0,
    )  # fmt: skip


MLA_KEYS = ("kv_lora_rank", "qk_nope_head_dim", "qk_rope_head_dim", "v_head_dim")


def _mla(cfg: dict[str, Any], arch: Architecture | None) -> Mla | None:
    """Multi-head latent attention sizes; q_lora_rank null (or 0) means a full-rank q_proj."""
    if arch is None or not arch.mla:
        return None
    kv, nope, rope, v = (as_int(cfg, key) for key in MLA_KEYS)
    if kv is None or nope is None or rope is None or v is None:
        return None
    return Mla(as_int(cfg, "q_lora_rank") or 0, kv, nope, rope, v)


def _experts(cfg: dict[str, Any], arch: Architecture | None, layers: int | None) -> dict[str, Any]:
    if arch is None or arch.experts is None:
        return {}
    experts = as_int(cfg, arch.experts.count_key)
    sparse = tuple(arch.experts.sparse_layers(cfg, layers, experts)) if layers and experts else ()
    return dict(experts=experts, experts_per_token=as_int(cfg, "num_experts_per_tok"),
                expert_intermediate=as_int(cfg, arch.experts.width_key), sparse_layers=sparse,
                shared_intermediate=arch.experts.shared_width(cfg))  # fmt: skip


def shape(d: Dims, arch: Architecture | None) -> Shape | None:
    """The sizes counting needs, or None when the architecture is unknown or a size is missing."""
    if arch is None:
        return None
    moe = (d.experts, d.experts_per_token, d.expert_intermediate) if arch.experts else ()
    positions = d.context if arch.learned_positions else 0
    h, n, width, heads, kv, head_dim, vocab, tied = (d.hidden, d.layers, d.intermediate, d.heads, d.kv_heads,
                                                     d.head_dim, d.vocab, d.tied)  # fmt: skip
    if h is None or n is None or width is None or heads is None or kv is None or head_dim is None:
        return None
    if vocab is None or tied is None or positions is None or None in moe or (arch.mla and d.mla is None):
        return None
    return Shape(
        hidden=h, layers=n, intermediate=width, heads=heads, kv_heads=kv, head_dim=head_dim, vocab=vocab, tied=tied,
        experts=d.experts or 0, experts_per_token=d.experts_per_token or 0,
        expert_intermediate=d.expert_intermediate or 0, moe_layers=sum(d.sparse_layers), positions=positions,
        shared_intermediate=d.shared_intermediate, mla=d.mla, extra_layers=d.extra_layers,
    )  # fmt: skip
