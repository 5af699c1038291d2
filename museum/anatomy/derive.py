"""config.json → Anatomy. Never raises on a strange config: whatever cannot be derived is
None, and a note says why.

Keys a config leaves out take the defaults of the transformers config class for that
model_type (Gemma 3's multimodal config relies on them), and a note lists each one used.
"""

from __future__ import annotations

from typing import Any

from . import attention
from .architectures import Architecture, architecture
from .model import Anatomy, Block
from .params import Count, Recipe, Shape, count, vision_params
from .quantization import read_quantization
from .reading import CORE_KEYS, INT_KEYS, Dims, normalise, read_dims, shape
from .values import as_int, as_str


def derive(config: Any) -> Anatomy:
    """Read a parsed config.json into an Anatomy; never raises."""
    if not isinstance(config, dict):
        return Anatomy("", "unknown", notes=(f"config.json holds a {type(config).__name__}, not an object",))
    inner = config.get("text_config")
    text: dict[str, Any] = inner if isinstance(inner, dict) else config
    text_type = as_str(text.get("model_type")) or as_str(config.get("model_type"))
    arch = architecture(text_type)
    cfg, default_notes = normalise(text, arch)
    dims = read_dims(cfg, arch)
    sizes = shape(dims, arch)
    recipe = arch.recipe_for(cfg) if arch else None
    counted = _count(cfg, arch, recipe, sizes)
    vision, vision_notes = vision_params(config, dims.hidden)
    layers, layer_notes = attention.layer_attention(cfg, arch, dims)
    notes = _reading_notes(cfg, arch, text_type, dims, counted) + default_notes + layer_notes + vision_notes
    return Anatomy(
        model_type=as_str(config.get("model_type")) or text_type, architecture=arch.name if arch else "unknown",
        **_counts(counted, vision), tied_embeddings=dims.tied, layers=dims.layers, hidden_size=dims.hidden,
        intermediate_size=dims.expert_intermediate or dims.intermediate, heads=dims.heads,
        kv_heads=dims.kv_heads, head_dim=dims.head_dim, vocab_size=dims.vocab, context_length=dims.context,
        experts=dims.experts, experts_per_token=dims.experts_per_token, layer_attention=layers,
        **attention.rope(cfg, arch, dims), quantized_weights=attention.quantized(cfg, arch), notes=notes,
        vision_params=vision, quantization=read_quantization(cfg),
        active_convention=arch.active_convention if arch and counted else None,
        block=_block(cfg, arch, recipe) if arch and recipe and arch.attention else None,
        sparse_layers=dims.sparse_layers, mla=dims.mla, mamba=arch.mixer(cfg) if arch and arch.mixer else None,
    )  # fmt: skip


def _count(cfg: dict[str, Any], arch: Architecture | None, recipe: Recipe | None, sizes: Shape | None) -> Count | None:
    if arch is not None and arch.counter is not None:
        return arch.counter(cfg)
    return count(recipe, sizes) if recipe and sizes else None


def _block(cfg: dict[str, Any], arch: Architecture, recipe: Recipe) -> Block:
    named = [cfg.get(key) for key in ("hidden_act", "hidden_activation", "activation_function")]
    activation = next((a for a in named if isinstance(a, str) and a), arch.activation)
    return Block(
        norm=recipe.norm, norms_per_layer=recipe.layer_norms,
        qk_norm=recipe.qk_norm > 0, sub_norms=recipe.sub_norms, gated=recipe.gated_mlp, activation=activation,
        qkv_bias=recipe.qkv_bias, learned_positions=arch.learned_positions,
    )  # fmt: skip


def _counts(counted: Count | None, vision: int | None) -> dict[str, Any]:
    if counted is None:
        return {}
    return dict(total_params=counted.total + (vision or 0), active_params=counted.active,
                active_params_without_input_embedding=counted.active - counted.input_embedding,
                embedding_params=counted.embedding, non_embedding_params=counted.total - counted.embedding,
                extra_params=counted.extra or None, expert_matrix_params=counted.expert_matrices)  # fmt: skip


def _reading_notes(
    cfg: dict[str, Any], arch: Architecture | None, text_type: str, d: Dims, counted: Count | None
) -> tuple[str, ...]:
    notes = [f"{key} = {cfg[key]!r} is not a positive integer; ignored"
             for key in INT_KEYS if cfg.get(key) is not None and as_int(cfg, key) is None]  # fmt: skip
    sizes = (d.hidden, d.layers, d.heads, d.intermediate, d.vocab, d.context)
    needed = CORE_KEYS if arch is None or arch.attention else ("hidden_size", "num_hidden_layers", "vocab_size")
    missing = [key for key, size in zip(CORE_KEYS, sizes, strict=True) if size is None and key in needed]
    if missing:
        notes.append(f"config.json gives no usable {', '.join(missing)}")
    if arch is None:
        notes.append(f"no counting rule for model_type {text_type or '(none)'!r}: "
                     "parameter counts, KV cache and memory estimates are left empty")  # fmt: skip
        return tuple(notes)
    if counted is None:
        notes.append("parameter counts could not be derived from the keys available")
    return (*notes, *arch.notes(d))
