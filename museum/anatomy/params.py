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
from dataclasses import dataclass, replace
from typing import Any, Literal

from .values import as_int

# --- counting --------------------------------------------------------------------------

NormKind = Literal["RMSNorm", "LayerNorm", "LayerNorm without bias", "LayerNorm without parameters"]
NORM_VECTORS: dict[str, int] = {  # hidden-sized vectors one norm stores
    "RMSNorm": 1, "LayerNorm": 2, "LayerNorm without bias": 1, "LayerNorm without parameters": 0,
}  # fmt: skip


@dataclass(frozen=True)
class Mla:
    """Multi-head latent attention (DeepSeek-V2/V3): queries and keys/values through low-rank latents."""

    q_lora_rank: int  # 0: a full-rank q_proj
    kv_lora_rank: int
    qk_nope_head_dim: int
    qk_rope_head_dim: int
    v_head_dim: int


@dataclass(frozen=True)
class Shape:
    """The dimensions a counting rule needs."""

    hidden: int
    layers: int
    intermediate: int  # a dense MLP's width
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
    shared_intermediate: int = 0  # width of the always-on shared expert(s) in each MoE layer
    mla: Mla | None = None
    extra_layers: int = 0  # multi-token-prediction modules stored beside the main stack (DeepSeek-V3)


@dataclass(frozen=True)
class Recipe:
    """The tensors one family keeps besides the plain projection matrices."""

    qkv_bias: bool = False
    o_bias: bool = False
    qk_norm: int = 0  # vectors per layer: 2 = RMSNorm on q and k, 4 = LayerNorm (weight and bias)
    qk_norm_full: bool = False  # the q/k norms span every head (heads × head_dim), not one head_dim
    gated_mlp: bool = True  # gate, up and down matrices (SwiGLU/GeGLU) rather than two
    mlp_bias: bool = False
    layer_norms: int = 2  # hidden-sized norms per layer
    norm: NormKind = "RMSNorm"
    sub_norms: bool = False  # BitNet: attn_sub_norm (hidden) and ffn_sub_norm (intermediate)
    lm_head_bias: bool = False
    sinks: bool = False  # gpt-oss: one learned attention-sink logit per head and layer
    router_bias: bool = False  # a bias on the router (gpt-oss; DeepSeek-V3's e_score_correction_bias)
    expert_bias: bool = False  # biases inside every expert MLP (gpt-oss)
    shared_expert_gate: bool = False  # Qwen-MoE: a hidden → 1 sigmoid gate on the shared expert

    @property
    def norm_bias(self) -> bool:
        return self.norm == "LayerNorm"


@dataclass(frozen=True)
class Count:
    total: int
    active: int  # used for one token: all shared weights plus the routed experts
    embedding: int
    input_embedding: int = 0  # lookup tables no token multiplies by: untied input table, learned positions
    expert_matrices: int = 0  # routed-expert weight matrices (what MXFP4 checkpoints pack)
    extra: int = 0  # multi-token-prediction modules, stored but not in total


def count(recipe: Recipe, shape: Shape) -> Count:
    """Total, per-token active and embedding parameters of one text decoder."""
    embedding = embedding_params(recipe, shape)
    layer = attention_params(recipe, shape) + norm_params(recipe, shape)
    dense = (shape.layers - shape.moe_layers) * mlp_params(recipe, shape.hidden, shape.intermediate)
    base = embedding + shape.layers * layer + dense + final_norm_params(recipe, shape)
    every = shape.moe_layers * moe_params(recipe, shape, shape.experts)
    routed = shape.moe_layers * moe_params(recipe, shape, shape.experts_per_token)
    return Count(
        total=base + every, active=base + routed, embedding=embedding, input_embedding=input_embedding_params(shape),
        expert_matrices=shape.moe_layers * shape.experts * mlp_params(Recipe(gated_mlp=recipe.gated_mlp),
                                                                       shape.hidden, shape.expert_intermediate),
        extra=shape.extra_layers * mtp_params(recipe, shape),
    )  # fmt: skip


def embedding_params(recipe: Recipe, shape: Shape) -> int:
    tables = (shape.vocab + shape.positions) * shape.hidden
    head = 0 if shape.tied else shape.vocab * shape.hidden + recipe.lm_head_bias * shape.vocab
    return tables + head


def input_embedding_params(shape: Shape) -> int:
    """Tables a token only looks a row up in; a tied table is also the output head, so it stays."""
    return (0 if shape.tied else shape.vocab * shape.hidden) + shape.positions * shape.hidden


def attention_params(recipe: Recipe, shape: Shape) -> int:
    if shape.mla is not None:
        return mla_params(shape.hidden, shape.heads, shape.mla)
    q_width, kv_width = shape.heads * shape.head_dim, shape.kv_heads * shape.head_dim
    weights = shape.hidden * (q_width + 2 * kv_width) + q_width * shape.hidden
    biases = recipe.qkv_bias * (q_width + 2 * kv_width) + recipe.o_bias * shape.hidden
    return weights + biases + qk_norm_params(recipe, shape) + recipe.sinks * shape.heads


def qk_norm_params(recipe: Recipe, shape: Shape) -> int:
    if not recipe.qk_norm_full:
        return recipe.qk_norm * shape.head_dim
    return recipe.qk_norm // 2 * (shape.heads + shape.kv_heads) * shape.head_dim


def mla_params(hidden: int, heads: int, m: Mla) -> int:
    """q (full, or down-projection + norm + up-projection), the joint KV latent with its norm, output."""
    q_head = m.qk_nope_head_dim + m.qk_rope_head_dim
    if m.q_lora_rank:
        q = hidden * m.q_lora_rank + m.q_lora_rank + m.q_lora_rank * heads * q_head
    else:
        q = hidden * heads * q_head
    kv_down = hidden * (m.kv_lora_rank + m.qk_rope_head_dim) + m.kv_lora_rank
    kv_up = m.kv_lora_rank * heads * (m.qk_nope_head_dim + m.v_head_dim)
    return q + kv_down + kv_up + heads * m.v_head_dim * hidden


def mlp_params(recipe: Recipe, hidden: int, width: int) -> int:
    matrices = 3 if recipe.gated_mlp else 2
    biases = (matrices - 1) * width + hidden if recipe.mlp_bias else 0
    return matrices * hidden * width + biases


def moe_params(recipe: Recipe, shape: Shape, experts: int) -> int:
    """One MoE layer's MLP with `experts` routed experts present: router, experts, shared expert and its gate."""
    router = (shape.hidden + recipe.router_bias) * shape.experts
    expert = mlp_params(replace(recipe, mlp_bias=recipe.expert_bias), shape.hidden, shape.expert_intermediate)
    shared = mlp_params(recipe, shape.hidden, shape.shared_intermediate) if shape.shared_intermediate else 0
    gate = shape.hidden if recipe.shared_expert_gate and shape.shared_intermediate else 0
    return router + experts * expert + shared + gate


def mtp_params(recipe: Recipe, shape: Shape) -> int:
    """One DeepSeek-V3 multi-token-prediction module: two norms and a 2h → h projection, one MoE
    decoder layer and its own final norm (the embedding and output head are shared)."""
    layer = attention_params(recipe, shape) + norm_params(recipe, shape) + moe_params(recipe, shape, shape.experts)
    return 3 * final_norm_params(recipe, shape) + 2 * shape.hidden * shape.hidden + layer


def norm_params(recipe: Recipe, shape: Shape) -> int:
    sub_norms = shape.hidden + shape.intermediate if recipe.sub_norms else 0
    return recipe.layer_norms * final_norm_params(recipe, shape) + sub_norms


def final_norm_params(recipe: Recipe, shape: Shape) -> int:
    return shape.hidden * NORM_VECTORS[recipe.norm]


# --- state-space models ---------------------------------------------------------------


@dataclass(frozen=True)
class MambaShape:
    """A Mamba (1) stack: per layer an RMSNorm and a selective-scan mixer, no attention and no MLP."""

    hidden: int
    layers: int
    inner: int  # intermediate_size (expand × hidden)
    state: int  # state_size
    conv: int  # conv_kernel
    dt_rank: int  # time_step_rank
    vocab: int
    tied: bool
    bias: bool  # use_bias: in_proj and out_proj biases
    conv_bias: bool


def mamba_count(m: MambaShape) -> Count:
    """in_proj (h → 2·inner), depthwise conv1d, x_proj (inner → dt_rank + 2·state), dt_proj with bias,
    A_log (inner × state), D, out_proj; the norm before each mixer, the final norm, the embedding."""
    mixer = (
        m.hidden * 2 * m.inner + m.bias * 2 * m.inner
        + m.inner * m.conv + m.conv_bias * m.inner
        + m.inner * (m.dt_rank + 2 * m.state)
        + m.dt_rank * m.inner + m.inner
        + m.inner * m.state + m.inner
        + m.inner * m.hidden + m.bias * m.hidden
    )  # fmt: skip
    embedding = m.vocab * m.hidden * (1 if m.tied else 2)
    total = embedding + m.layers * (m.hidden + mixer) + m.hidden
    return Count(total, total, embedding, input_embedding=0 if m.tied else m.vocab * m.hidden)


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
    """Gemma 3's SigLIP tower and Llama 4's vision encoder, each with its projector; any other
    vision tower is only noted."""
    vision = config.get("vision_config")
    if not isinstance(vision, dict):
        return None, ()
    tower: int | None = None
    shape = _siglip_shape(vision) if config.get("model_type") == "gemma3" else None
    if shape is not None and text_hidden is not None:
        tower = siglip_params(shape) + gemma3_projector_params(shape.hidden, text_hidden)
    llama4 = _llama4_vision_shape(vision) if vision.get("model_type") == "llama4_vision_model" else None
    if llama4 is not None and text_hidden is not None:
        tower = llama4_vision_params(llama4, text_hidden)
    if tower is None:
        return None, ("the vision tower (vision_config) is not counted: total_params covers the text model only",)
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


@dataclass(frozen=True)
class Llama4VisionShape:
    """Llama 4's vision encoder: a ViT with a class token, a pixel-shuffle MLP adapter and a projector."""

    hidden: int
    intermediate: int
    layers: int
    image_size: int
    patch_size: int
    channels: int
    projector_input: int  # the adapter's width (projector_input_dim)
    projector_output: int  # projector_output_dim
    vision_output: int  # vision_output_dim: what the multimodal projector reads
    projector_bias: bool  # multi_modal_projector_bias


def _llama4_vision_shape(v: Mapping[str, Any]) -> Llama4VisionShape | None:
    keys = ("hidden_size", "intermediate_size", "num_hidden_layers", "image_size", "patch_size",
            "projector_input_dim", "projector_output_dim", "vision_output_dim")  # fmt: skip
    sizes = [as_int(v, key) for key in keys]
    if any(size is None for size in sizes):
        return None
    hidden, intermediate, layers, image, patch, p_in, p_out, out = (size or 0 for size in sizes)
    channels = as_int(v, "num_channels") or 3
    return Llama4VisionShape(hidden, intermediate, layers, image, patch, channels, p_in, p_out, out,
                             v.get("multi_modal_projector_bias") is True)  # fmt: skip


def llama4_vision_params(v: Llama4VisionShape, text_hidden: int) -> int:
    """Patch embedding (no bias), class token, a position per patch and the class token, LayerNorms
    before and after the encoder; per layer biased q, k, v, o, a biased GELU MLP and two LayerNorms;
    the pixel-shuffle adapter (intermediate → projector input → projector output, no biases) and the
    projection to the text width."""
    positions = (v.image_size // v.patch_size) ** 2 + 1
    embeddings = v.channels * v.patch_size**2 * v.hidden + v.hidden + positions * v.hidden
    layer = 4 * (v.hidden * v.hidden + v.hidden) + 2 * v.hidden * v.intermediate + v.intermediate + v.hidden
    layer += 2 * 2 * v.hidden
    adapter = v.intermediate * v.projector_input + v.projector_output * v.projector_output
    projector = v.vision_output * text_hidden + (text_hidden if v.projector_bias else 0)
    return embeddings + 2 * 2 * v.hidden + v.layers * layer + adapter + projector


def gemma3_projector_params(vision_hidden: int, text_hidden: int) -> int:
    """Gemma 3's soft-embedding RMSNorm plus the vision→text projection matrix."""
    return vision_hidden + vision_hidden * text_hidden
