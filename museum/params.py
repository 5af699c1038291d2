"""How many parameters a decoder stores, family by family.

Pure arithmetic over a `Shape` (the dimensions read out of config.json) and a `Recipe`
(which optional tensors a family keeps: biases, extra norms, a learned position table).

Counting convention — the checkpoint as stored:
- every weight matrix, bias and norm vector is counted; buffers such as rotary frequency
  tables are not parameters and are not counted;
- a tied output head shares the input table and is counted once;
- *embedding* parameters are the input token table, a learned position table (GPT-2) and,
  when untied, the output head with its bias. Qwen and Google count this way: it
  reproduces Qwen3-8B's "6.95B non-embedding" (two 622M tables left out) and Gemma 3 1B's
  "302M embedding / 698M non-embedding".
"""

from __future__ import annotations

from dataclasses import dataclass


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
    "phi3": Recipe(),  # fused qkv_proj and gate_up_proj hold the same numbers as split ones
    "qwen": Recipe(qkv_bias=True),
    "qwen2": Recipe(qkv_bias=True),
    "qwen3": Recipe(qk_norm=2),
    "qwen3_moe": Recipe(qk_norm=2),
    "gemma": Recipe(),
    "gemma2": Recipe(layer_norms=4),  # input, post-attention, pre- and post-feed-forward
    "gemma3": Recipe(layer_norms=4, qk_norm=2),
    "bitnet": Recipe(sub_norms=True),
    "phi": Recipe(layer_norms=1, lm_head_bias=True, **_BIASED_LAYERNORM),  # one norm: parallel block
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


def siglip_params(v: VisionShape) -> int:
    """Patch and position embeddings, encoder layers, post-norm and optional pooling head."""
    patches = (v.image_size // v.patch_size) ** 2
    embeddings = v.channels * v.patch_size**2 * v.hidden + v.hidden + patches * v.hidden
    return embeddings + v.layers * _siglip_layer(v) + 2 * v.hidden + _siglip_head(v)


def _siglip_layer(v: VisionShape) -> int:
    norms = 2 * 2 * v.hidden
    attention = 4 * (v.hidden * v.hidden + v.hidden)
    return norms + attention + _siglip_mlp(v)


def _siglip_mlp(v: VisionShape) -> int:
    return 2 * v.hidden * v.intermediate + v.intermediate + v.hidden


def _siglip_head(v: VisionShape) -> int:
    if not v.use_head:
        return 0
    probe, norm = v.hidden, 2 * v.hidden
    attention = 4 * v.hidden * v.hidden + 4 * v.hidden
    return probe + attention + norm + _siglip_mlp(v)


def gemma3_projector_params(vision_hidden: int, text_hidden: int) -> int:
    """Gemma 3's soft-embedding RMSNorm plus the vision→text projection matrix."""
    return vision_hidden + vision_hidden * text_hidden
