"""The anatomy of one model, as its config.json describes it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from .params import MambaShape, Mla
from .quantization import Quantization


@dataclass(frozen=True)
class LayerAttention:
    """What one layer attends to: everything (global), a window, or everything without RoPE."""

    kind: Literal["global", "sliding", "nope"]
    window: int | None = None

    @property
    def label(self) -> str:
        return f"sliding({self.window})" if self.kind == "sliding" else self.kind


@dataclass(frozen=True)
class Block:
    """What one decoder block is made of, as its architecture stores it."""

    norm: str  # "RMSNorm", "LayerNorm", "LayerNorm without bias" or "LayerNorm without parameters"
    norms_per_layer: int  # 1: one norm feeds attention and MLP in parallel; 2: pre-norm; 4: pre- and post-norm
    qk_norm: bool  # a norm on queries and keys before attention
    sub_norms: bool  # BitNet's SubLN: extra norms inside attention and the MLP
    gated: bool  # gate, up and down matrices (a GLU) rather than two
    activation: str  # config.json's hidden_act, e.g. "silu", "gelu_pytorch_tanh", "relu2"
    qkv_bias: bool
    learned_positions: bool  # a learned position table instead of RoPE

    @property
    def parallel(self) -> bool:
        return self.norms_per_layer == 1

    @property
    def feed_forward(self) -> str:
        """SwiGLU, GeGLU, ReLU² GLU, or a plain two-matrix MLP named by its activation."""
        if self.activation == "gegelu":  # Phi-3-small: a quick-GELU gate times (linear + 1)
            return "GeGLU"
        act = (
            "GELU"
            if self.activation.startswith("gelu")
            else {"silu": "SiLU", "relu2": "ReLU²"}.get(self.activation, self.activation)
        )
        if not self.gated:
            return f"{act} MLP"
        return {"SiLU": "SwiGLU", "GELU": "GeGLU"}.get(act, f"{act} GLU")


@dataclass(frozen=True)
class Anatomy:
    """What config.json says a model is made of; None wherever it cannot say."""

    model_type: str
    architecture: str  # the counting rule used: the record in ARCHITECTURES, or "unknown"
    total_params: int | None = None
    active_params: int | None = None
    active_params_without_input_embedding: int | None = None  # active minus tables a token only looks up
    active_convention: str | None = None  # how this family's makers count "active": with or without the input embedding
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
    extra_params: int | None = None  # multi-token-prediction modules: stored, but not in total_params
    expert_matrix_params: int = 0  # routed-expert weight matrices (what MXFP4 packs)
    quantization: Quantization | None = None  # how the checkpoint stores its weights, when config.json says
    header_params: Mapping[str, int] | None = None  # the second witness: safetensors header count per dtype
    block: Block | None = None  # None when the architecture is unknown
    sparse_layers: tuple[bool, ...] = ()  # per layer: True where the MLP is a set of routed experts
    mla: Mla | None = None  # multi-head latent attention's sizes (DeepSeek-V2/V3), in place of plain K/V projections
    mamba: MambaShape | None = None  # a state-space model's mixer sizes (Mamba), in place of attention and MLP

    @property
    def gqa_ratio(self) -> float | None:
        """Query heads per key/value head: 1 is plain multi-head attention."""
        if self.heads is None or not self.kv_heads:
            return None
        return self.heads / self.kv_heads

    @property
    def is_moe(self) -> bool:
        return bool(self.experts)
