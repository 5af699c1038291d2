"""From a config.json dict to parameter counts, family by family.

`normalise` applies key aliases and the transformers config-class defaults for keys a file
leaves out, `read_dims` reads the sizes, and `count_config` sums the tensors a family
stores. Pure functions, no I/O.

Counting convention: the checkpoint as stored.
- Every weight matrix, bias and norm vector counts. Buffers such as rotary frequency
  tables are not parameters and are left out.
- A tied output head shares the input table and is counted once.
- *Embedding* parameters are the input token table, a learned position table (GPT-2) and,
  when untied, the output head with its bias. Qwen and Google count this way: it
  gives Qwen3-8B's "6.95B non-embedding" (both 622M tables left out) and Gemma 3 1B's
  "302M embedding / 698M non-embedding".
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

# --- reading config.json ---------------------------------------------------------------

TEXT_TYPE_OF = {"gemma3": "gemma3_text"}  # multimodal model_type -> its text_config's
MOE = {"mixtral", "qwen3_moe"}
_ATTENTION_BIAS_KEY = {"llama", "qwen3", "qwen3_moe", "gemma", "gemma2", "gemma3", "smollm3", "bitnet"}
_MLP_BIAS_KEY = {"llama", "smollm3"}

_ALIASES = {  # canonical key: the names older or foreign configs use for it
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

_GEMMA3_TEXT = {
    "vocab_size": 262_208, "hidden_size": 2304, "intermediate_size": 9216,
    "num_hidden_layers": 26, "num_attention_heads": 8, "num_key_value_heads": 4,
    "head_dim": 256, "max_position_embeddings": 131_072, "rope_theta": 1_000_000.0,
    "rope_local_base_freq": 10_000.0, "sliding_window": 4096, "sliding_window_pattern": 6,
    "tie_word_embeddings": True,
}
_ROPE_10K = {"rope_theta": 10_000.0}
DEFAULTS: dict[str, tuple[str, dict[str, Any]]] = {  # transformers config-class defaults we rely on
    "llama": ("LlamaConfig", {"tie_word_embeddings": False, **_ROPE_10K}),
    "mistral": ("MistralConfig", {"tie_word_embeddings": False, **_ROPE_10K, "sliding_window": 4096}),
    "mixtral": ("MixtralConfig", {"tie_word_embeddings": False, "rope_theta": 1e6,
                                  "num_local_experts": 8, "num_experts_per_tok": 2}),
    "qwen": ("QWenConfig", {"tie_word_embeddings": False, **_ROPE_10K}),
    "qwen2": ("Qwen2Config", {"tie_word_embeddings": False, **_ROPE_10K}),
    "qwen3": ("Qwen3Config", {"tie_word_embeddings": False, **_ROPE_10K, "head_dim": 128}),
    "qwen3_moe": ("Qwen3MoeConfig", {"tie_word_embeddings": False, **_ROPE_10K, "num_experts": 128,
                                     "num_experts_per_tok": 8, "moe_intermediate_size": 768}),
    "gemma": ("GemmaConfig", {"tie_word_embeddings": True, **_ROPE_10K, "head_dim": 256}),
    "gemma2": ("Gemma2Config", {"tie_word_embeddings": True, **_ROPE_10K, "head_dim": 256,
                                "sliding_window": 4096}),
    "gemma3": ("Gemma3TextConfig", _GEMMA3_TEXT),
    "smollm3": ("SmolLM3Config", {"tie_word_embeddings": True, "rope_theta": 2_000_000.0,
                                  "no_rope_layer_interval": 4}),
    "bitnet": ("BitNetConfig", {"tie_word_embeddings": False, "rope_theta": 500_000.0}),
    "phi": ("PhiConfig", {"tie_word_embeddings": False, **_ROPE_10K, "partial_rotary_factor": 0.5}),
    "phi3": ("Phi3Config", {"tie_word_embeddings": False, **_ROPE_10K}),
    "gpt2": ("GPT2Config", {"tie_word_embeddings": True}),
}
CORE_KEYS = ("hidden_size", "num_hidden_layers", "num_attention_heads", "intermediate_size",
             "vocab_size", "max_position_embeddings")
INT_KEYS = (*CORE_KEYS, "num_key_value_heads", "head_dim", "sliding_window", "num_local_experts",
            "num_experts", "num_experts_per_tok", "moe_intermediate_size", "sliding_window_pattern")


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
    moe_layers: int = 0


def normalise(raw: dict, family: str) -> tuple[dict, tuple[str, ...]]:
    """Apply key aliases, then the config class's defaults for keys still absent."""
    cfg = {**raw, **_aliased(raw)}
    class_name, defaults = DEFAULTS.get(family, ("", {}))
    used = {key: value for key, value in defaults.items() if key not in cfg}
    if not used:
        return cfg, ()
    listed = ", ".join(f"{key}={value}" for key, value in used.items())
    return {**used, **cfg}, (f"not in config.json, so transformers {class_name} defaults apply: {listed}",)


def _aliased(raw: dict) -> dict:
    found = {}
    for key, names in _ALIASES.items():
        values = [raw[name] for name in names if raw.get(name) is not None]
        if raw.get(key) is None and values:
            found[key] = values[0]
    return found


def read_dims(cfg: dict, family: str) -> Dims:
    keys = ("hidden_size", "num_attention_heads", "num_hidden_layers")
    hidden, heads, layers = (as_int(cfg, key) for key in keys)
    return Dims(
        hidden=hidden, layers=layers, intermediate=_intermediate(cfg, family, hidden), heads=heads,
        kv_heads=as_int(cfg, "num_key_value_heads") or heads,
        head_dim=as_int(cfg, "head_dim") or (hidden // heads if hidden and heads else None),
        vocab=as_int(cfg, "vocab_size"), context=as_int(cfg, "max_position_embeddings"),
        tied=as_bool(cfg.get("tie_word_embeddings")), **_experts(cfg, family, layers),
    )


def _intermediate(cfg: dict, family: str, hidden: int | None) -> int | None:
    width = as_int(cfg, "intermediate_size")
    if family == "gpt2" and width is None and hidden:
        return 4 * hidden  # GPT-2's n_inner: null means 4 × n_embd
    if family == "qwen" and width:
        return width // 2  # QWen's intermediate_size counts w1 and w2 together
    return width


def _experts(cfg: dict, family: str, layers: int | None) -> dict:
    if family not in MOE:
        return {}
    mixtral = family == "mixtral"
    experts = as_int(cfg, "num_local_experts" if mixtral else "num_experts")
    return dict(experts=experts, experts_per_token=as_int(cfg, "num_experts_per_tok"),
                expert_intermediate=as_int(cfg, "intermediate_size" if mixtral else "moe_intermediate_size"),
                moe_layers=(layers or 0) if mixtral else _moe_layers(cfg, layers, experts))


def _moe_layers(cfg: dict, layers: int | None, experts: int | None) -> int:
    """Qwen3-MoE: layer i is sparse unless in mlp_only_layers or off the decoder_sparse_step."""
    if not layers or not experts:
        return 0
    step = as_int(cfg, "decoder_sparse_step") or 1
    dense = set(as_int_list(cfg.get("mlp_only_layers"), allow_zero=True) or ())
    return sum(1 for i in range(layers) if i not in dense and (i + 1) % step == 0)


def count_config(cfg: dict, family: str, d: Dims) -> Count | None:
    """Counts for a known family with every size it needs; None otherwise."""
    shape = _shape(d, family)
    return count(_recipe(cfg, family), shape) if shape else None


def _shape(d: Dims, family: str) -> Shape | None:
    needed = (d.hidden, d.layers, d.intermediate, d.heads, d.kv_heads, d.head_dim, d.vocab, d.tied)
    moe = (d.experts, d.experts_per_token, d.expert_intermediate) if family in MOE else ()
    positions = d.context if family == "gpt2" else 0
    if family not in RECIPES or None in (*needed, *moe, positions):
        return None
    return Shape(
        hidden=d.hidden, layers=d.layers, intermediate=d.intermediate, heads=d.heads, kv_heads=d.kv_heads,
        head_dim=d.head_dim, vocab=d.vocab, tied=d.tied, experts=d.experts or 0,
        experts_per_token=d.experts_per_token or 0, expert_intermediate=d.expert_intermediate or 0,
        moe_layers=d.moe_layers, positions=positions,
    )


def _recipe(cfg: dict, family: str) -> Recipe:
    recipe = RECIPES[family]
    if family in _ATTENTION_BIAS_KEY and cfg.get("attention_bias") is True:
        recipe = replace(recipe, qkv_bias=True, o_bias=True)
    if family in _MLP_BIAS_KEY and cfg.get("mlp_bias") is True:
        recipe = replace(recipe, mlp_bias=True)
    if family == "phi" and cfg.get("qk_layernorm") is True:
        recipe = replace(recipe, qk_norm=4)  # LayerNorm (weight and bias) on q and k
    return recipe


def as_int(cfg: dict, key: str) -> int | None:
    """A positive integer value (2048.0 accepted), else None."""
    value = cfg.get(key)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return value if _is_int(value) and value > 0 else None


def as_int_list(value: Any, allow_zero: bool = False) -> list[int] | None:
    if not isinstance(value, list):
        return None
    ok = all(_is_int(v) and (v > 0 or allow_zero and v == 0) for v in value)
    return value if ok else None


def as_float(value: Any) -> float | None:
    ok = (_is_int(value) or isinstance(value, float)) and math.isfinite(value) and value > 0
    return float(value) if ok else None


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def as_bool(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def as_str(value: Any) -> str:
    return value if isinstance(value, str) else ""


# --- counting --------------------------------------------------------------------------


@dataclass(frozen=True)
class Shape:
    """The dimensions a counting rule needs."""

    hidden: int
    layers: int
    intermediate: int
    heads: int
    kv_heads: int
    head_dim: int
    vocab: int
    tied: bool
    experts: int = 0
    experts_per_token: int = 0
    expert_intermediate: int = 0
    moe_layers: int = 0  # layers whose MLP is a set of routed experts
    positions: int = 0  # rows of a learned position-embedding table (GPT-2)


@dataclass(frozen=True)
class Recipe:
    """The tensors one family keeps besides the plain projection matrices."""

    qkv_bias: bool = False
    o_bias: bool = False
    qk_norm: int = 0  # head_dim-sized vectors per layer: 2 = RMSNorm on q and k, 4 = LayerNorm
    gated_mlp: bool = True  # gate, up and down matrices (SwiGLU/GeGLU) rather than two
    mlp_bias: bool = False
    layer_norms: int = 2  # hidden-sized norms per layer
    norm_bias: bool = False  # LayerNorm (weight and bias) rather than RMSNorm
    sub_norms: bool = False  # BitNet: attn_sub_norm (hidden) and ffn_sub_norm (intermediate)
    lm_head_bias: bool = False


@dataclass(frozen=True)
class Count:
    total: int
    active: int  # used for one token: all shared weights plus the routed experts
    embedding: int


_BIASED_LAYERNORM = dict(qkv_bias=True, o_bias=True, gated_mlp=False, mlp_bias=True, norm_bias=True)

RECIPES: dict[str, Recipe] = {
    "llama": Recipe(),
    "mistral": Recipe(),
    "mixtral": Recipe(),
    "smollm3": Recipe(),
    "phi3": Recipe(),  # fused qkv_proj and gate_up_proj hold as many numbers as split ones
    "qwen": Recipe(qkv_bias=True),
    "qwen2": Recipe(qkv_bias=True),
    "qwen3": Recipe(qk_norm=2),
    "qwen3_moe": Recipe(qk_norm=2),
    "gemma": Recipe(),
    "gemma2": Recipe(layer_norms=4),  # input, post-attention, pre- and post-feed-forward
    "gemma3": Recipe(layer_norms=4, qk_norm=2),
    "bitnet": Recipe(sub_norms=True),
    "phi": Recipe(layer_norms=1, lm_head_bias=True, **_BIASED_LAYERNORM),  # parallel block: one norm
    "gpt2": Recipe(**_BIASED_LAYERNORM),
}


def count(recipe: Recipe, shape: Shape) -> Count:
    """Total, per-token active and embedding parameters of one text decoder."""
    embedding = embedding_params(recipe, shape)
    shared = shape.layers * (attention_params(recipe, shape) + norm_params(recipe, shape))
    dense = (shape.layers - shape.moe_layers) * mlp_params(recipe, shape.hidden, shape.intermediate)
    base = embedding + shared + dense + final_norm_params(recipe, shape)
    every = shape.moe_layers * moe_params(recipe, shape, shape.experts)
    routed = shape.moe_layers * moe_params(recipe, shape, shape.experts_per_token)
    return Count(total=base + every, active=base + routed, embedding=embedding)


def embedding_params(recipe: Recipe, shape: Shape) -> int:
    tables = (shape.vocab + shape.positions) * shape.hidden
    head = 0 if shape.tied else shape.vocab * shape.hidden + recipe.lm_head_bias * shape.vocab
    return tables + head


def attention_params(recipe: Recipe, shape: Shape) -> int:
    q_width, kv_width = shape.heads * shape.head_dim, shape.kv_heads * shape.head_dim
    weights = shape.hidden * (q_width + 2 * kv_width) + q_width * shape.hidden
    biases = recipe.qkv_bias * (q_width + 2 * kv_width) + recipe.o_bias * shape.hidden
    return weights + biases + recipe.qk_norm * shape.head_dim


def mlp_params(recipe: Recipe, hidden: int, width: int) -> int:
    matrices = 3 if recipe.gated_mlp else 2
    biases = (matrices - 1) * width + hidden if recipe.mlp_bias else 0
    return matrices * hidden * width + biases


def moe_params(recipe: Recipe, shape: Shape, experts: int) -> int:
    """One MoE layer's MLP with `experts` experts present: router plus expert MLPs."""
    router = shape.hidden * shape.experts
    return router + experts * mlp_params(recipe, shape.hidden, shape.expert_intermediate)


def norm_params(recipe: Recipe, shape: Shape) -> int:
    sub_norms = shape.hidden + shape.intermediate if recipe.sub_norms else 0
    return recipe.layer_norms * final_norm_params(recipe, shape) + sub_norms


def final_norm_params(recipe: Recipe, shape: Shape) -> int:
    return shape.hidden * (2 if recipe.norm_bias else 1)


# --- vision towers ---------------------------------------------------------------------


@dataclass(frozen=True)
class VisionShape:
    """A SigLIP vision encoder, as Gemma 3 uses it."""

    hidden: int
    intermediate: int
    layers: int
    image_size: int
    patch_size: int
    channels: int = 3
    use_head: bool = False


def vision_params(config: dict, text_hidden: int | None) -> tuple[int | None, tuple[str, ...]]:
    """Gemma 3's SigLIP tower and projector; any other vision tower is only noted."""
    vision = config.get("vision_config")
    if not isinstance(vision, dict):
        return None, ()
    shape = _siglip_shape(vision) if config.get("model_type") == "gemma3" else None
    if shape is None or text_hidden is None:
        return None, ("the vision tower (vision_config) is not counted: "
                      "total_params covers the text model only",)
    tower = siglip_params(shape) + gemma3_projector_params(shape.hidden, text_hidden)
    return tower, (f"total_params includes the vision tower and projector ({tower:,}); "
                   "active, embedding and non-embedding counts cover the text model",)


def _siglip_shape(v: dict) -> VisionShape | None:
    keys = ("hidden_size", "intermediate_size", "num_hidden_layers", "image_size", "patch_size")
    values = [as_int(v, key) for key in keys]
    if v.get("model_type") != "siglip_vision_model" or None in values:
        return None
    use_head = v.get("vision_use_head", True) is not False  # SiglipVisionConfig default: True
    return VisionShape(*values, channels=as_int(v, "num_channels") or 3, use_head=use_head)


def siglip_params(v: VisionShape) -> int:
    """Patch and position embeddings, encoder layers, post-norm and optional pooling head."""
    patches = (v.image_size // v.patch_size) ** 2
    embeddings = v.channels * v.patch_size**2 * v.hidden + v.hidden + patches * v.hidden
    norms, attention = 2 * 2 * v.hidden, 4 * (v.hidden * v.hidden + v.hidden)
    layer = norms + attention + _siglip_mlp(v)
    return embeddings + v.layers * layer + 2 * v.hidden + _siglip_head(v)


def _siglip_mlp(v: VisionShape) -> int:
    return 2 * v.hidden * v.intermediate + v.intermediate + v.hidden


def _siglip_head(v: VisionShape) -> int:
    """Attention pooling: a probe vector, multi-head attention, a LayerNorm and an MLP."""
    if not v.use_head:
        return 0
    attention = 4 * v.hidden * v.hidden + 4 * v.hidden
    return v.hidden + attention + 2 * v.hidden + _siglip_mlp(v)


def gemma3_projector_params(vision_hidden: int, text_hidden: int) -> int:
    """Gemma 3's soft-embedding RMSNorm plus the vision→text projection matrix."""
    return vision_hidden + vision_hidden * text_hidden
