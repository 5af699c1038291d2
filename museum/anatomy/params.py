"""Counting parameters the way the weights are stored: pure arithmetic over a `Shape`.

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

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .values import as_int

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


def vision_params(config: Mapping[str, Any], text_hidden: int | None) -> tuple[int | None, tuple[str, ...]]:
    """Gemma 3's SigLIP tower and projector; any other vision tower is only noted."""
    vision = config.get("vision_config")
    if not isinstance(vision, dict):
        return None, ()
    shape = _siglip_shape(vision) if config.get("model_type") == "gemma3" else None
    if shape is None or text_hidden is None:
        return None, ("the vision tower (vision_config) is not counted: total_params covers the text model only",)
    tower = siglip_params(shape) + gemma3_projector_params(shape.hidden, text_hidden)
    return tower, (
        f"total_params includes the vision tower and projector ({tower:,}); "
        "active, embedding and non-embedding counts cover the text model",
    )


def _siglip_shape(v: Mapping[str, Any]) -> VisionShape | None:
    keys = ("hidden_size", "intermediate_size", "num_hidden_layers", "image_size", "patch_size")
    hidden, intermediate, layers, image, patch = (as_int(v, key) for key in keys)
    if v.get("model_type") != "siglip_vision_model" or not (hidden and intermediate and layers and image and patch):
        return None
    use_head = v.get("vision_use_head", True) is not False  # SiglipVisionConfig default: True
    channels = as_int(v, "num_channels") or 3
    return VisionShape(hidden, intermediate, layers, image, patch, channels=channels, use_head=use_head)


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
