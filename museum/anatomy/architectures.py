"""One record per architecture: everything the museum knows about a config.json `model_type`.

Supporting a new architecture means adding one `Architecture` to `ARCHITECTURES`: the keys
its config class leaves out (and their defaults), the tensors it stores besides the plain
projection matrices (`Recipe`), which layers use a sliding window, how its experts are
read, and anything a reader should be told. Nothing else in the package names a model_type.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from .params import Recipe
from .values import as_int, as_int_list

if TYPE_CHECKING:
    from .reading import Dims

SlidingRule = Callable[[Mapping[str, Any], int], list[bool]]


# --- which layers slide, when config.json has no layer_types ------------------------------


def no_window(cfg: Mapping[str, Any], n: int) -> list[bool]:
    return [False] * n


def every_layer(cfg: Mapping[str, Any], n: int) -> list[bool]:
    """Mistral-style: every layer uses `sliding_window` when the config sets one."""
    return [True] * n


def above_max_window_layers(cfg: Mapping[str, Any], n: int) -> list[bool]:
    """Qwen2/3: with use_sliding_window, layers from max_window_layers on slide."""
    if cfg.get("use_sliding_window") is not True:
        return no_window(cfg, n)
    start = as_int(cfg, "max_window_layers") or 0
    return [i >= start for i in range(n)]


def alternate(cfg: Mapping[str, Any], n: int) -> list[bool]:
    """Gemma 2: local and global layers alternate, starting with a local one."""
    return [i % 2 == 0 for i in range(n)]


def one_global_in(cfg: Mapping[str, Any], n: int) -> list[bool]:
    """Gemma 3: every sliding_window_pattern-th layer is global, the rest local."""
    every = as_int(cfg, "sliding_window_pattern") or 1
    return [(i + 1) % every != 0 for i in range(n)]


def nope_layers_when_enabled(cfg: Mapping[str, Any], n: int) -> list[bool]:
    """SmolLM3: with use_sliding_window, the window applies to its NoPE layers."""
    return nope_layers(cfg, n) if cfg.get("use_sliding_window") is True else no_window(cfg, n)


def nope_layers(cfg: Mapping[str, Any], n: int) -> list[bool]:
    """Layers without RoPE: no_rope_layers[i] == 0, or every no_rope_layer_interval-th layer."""
    flags = as_int_list(cfg.get("no_rope_layers"), allow_zero=True)
    if flags is not None and len(flags) >= n:
        return [flag == 0 for flag in flags[:n]]
    every = as_int(cfg, "no_rope_layer_interval")
    return [every is not None and (i + 1) % every == 0 for i in range(n)]


# --- mixture of experts ------------------------------------------------------------------


@dataclass(frozen=True)
class Experts:
    """Where a mixture-of-experts config keeps its expert count and width, and which layers are sparse."""

    count_key: str
    width_key: str
    sparse_layers: Callable[[Mapping[str, Any], int, int], list[bool]]  # (cfg, layers, experts) -> MoE per layer


def all_layers(cfg: Mapping[str, Any], layers: int, experts: int) -> list[bool]:
    return [True] * layers


def sparse_step(cfg: Mapping[str, Any], layers: int, experts: int) -> list[bool]:
    """Qwen-MoE: layer i is sparse unless in mlp_only_layers or off the decoder_sparse_step."""
    step = as_int(cfg, "decoder_sparse_step") or 1
    dense = set(as_int_list(cfg.get("mlp_only_layers"), allow_zero=True) or ())
    return [bool(experts) and i not in dense and (i + 1) % step == 0 for i in range(layers)]


# --- MLP width ---------------------------------------------------------------------------


def mlp_width(cfg: Mapping[str, Any], hidden: int | None) -> int | None:
    return as_int(cfg, "intermediate_size")


def halved_mlp_width(cfg: Mapping[str, Any], hidden: int | None) -> int | None:
    """QWen (1.0): intermediate_size counts w1 and w2 together."""
    width = mlp_width(cfg, hidden)
    return width // 2 if width else None


def four_times_hidden(cfg: Mapping[str, Any], hidden: int | None) -> int | None:
    """GPT-2: n_inner null means 4 × n_embd."""
    return mlp_width(cfg, hidden) or (4 * hidden if hidden else None)


# --- the record ---------------------------------------------------------------------------


def no_notes(dims: Dims) -> tuple[str, ...]:
    return ()


@dataclass(frozen=True)
class Architecture:
    """One model_type (or a few spellings of it) and how to read and count it."""

    name: str  # the record's key, shown as the counting rule used
    config_class: str  # the transformers config class whose defaults apply to absent keys
    recipe: Recipe
    defaults: Mapping[str, Any] = field(default_factory=dict)
    model_types: tuple[str, ...] = ()  # other model_type spellings read by this record
    sliding: SlidingRule = no_window
    experts: Experts | None = None
    mlp_width: Callable[[Mapping[str, Any], int | None], int | None] = mlp_width
    switches: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)  # config flag -> Recipe changes
    rope: bool = True  # False: positions come from a learned table (or nothing)
    learned_positions: bool = False  # a max_position_embeddings × hidden table (GPT-2)
    weights: str | None = None  # how the released weights are stored when the config cannot say ("ternary")
    activation: str = "silu"  # the MLP's activation when config.json names none (hidden_act)
    notes: Callable[[Dims], tuple[str, ...]] = no_notes

    def recipe_for(self, cfg: Mapping[str, Any]) -> Recipe:
        """The recipe with every optional tensor this config switches on."""
        changes = {k: v for key, change in self.switches.items() if cfg.get(key) is True for k, v in change.items()}
        return replace(self.recipe, **changes) if changes else self.recipe


def _qwen_notes(d: Dims) -> tuple[str, ...]:
    if not d.intermediate:
        return ()
    return (
        f"QWen's intermediate_size {2 * d.intermediate} counts w1 and w2 together; "
        f"each MLP matrix is {d.intermediate} wide",
    )


def _dense_layers_note(d: Dims) -> tuple[str, ...]:
    sparse = sum(d.sparse_layers)
    if not d.layers or sparse >= d.layers:
        return ()
    return (f"{d.layers - sparse} of {d.layers} layers use a dense MLP of width {d.intermediate}",)


ROPE_10K = {"rope_theta": 10_000.0}
UNTIED = {"tie_word_embeddings": False}
BIAS_SWITCH = {"attention_bias": {"qkv_bias": True, "o_bias": True}}
LLAMA_SWITCHES = {**BIAS_SWITCH, "mlp_bias": {"mlp_bias": True}}
BIASED_LAYERNORM = Recipe(qkv_bias=True, o_bias=True, gated_mlp=False, mlp_bias=True, norm_bias=True)
GEMMA3_TEXT = {
    "vocab_size": 262_208, "hidden_size": 2304, "intermediate_size": 9216,
    "num_hidden_layers": 26, "num_attention_heads": 8, "num_key_value_heads": 4,
    "head_dim": 256, "max_position_embeddings": 131_072, "rope_theta": 1_000_000.0,
    "rope_local_base_freq": 10_000.0, "sliding_window": 4096, "sliding_window_pattern": 6,
    "tie_word_embeddings": True,
}  # fmt: skip

ARCHITECTURES: tuple[Architecture, ...] = (
    Architecture("llama", "LlamaConfig", Recipe(), {**UNTIED, **ROPE_10K}, switches=LLAMA_SWITCHES),
    Architecture(
        "mistral", "MistralConfig", Recipe(), {**UNTIED, **ROPE_10K, "sliding_window": 4096}, sliding=every_layer
    ),
    Architecture(
        "mixtral",
        "MixtralConfig",
        Recipe(),
        {**UNTIED, "rope_theta": 1e6, "num_local_experts": 8, "num_experts_per_tok": 2},
        sliding=every_layer,
        experts=Experts("num_local_experts", "intermediate_size", all_layers),
    ),
    Architecture(
        "qwen",
        "QWenConfig",
        Recipe(qkv_bias=True),
        {**UNTIED, **ROPE_10K},
        mlp_width=halved_mlp_width,
        notes=_qwen_notes,
    ),
    Architecture(
        "qwen2", "Qwen2Config", Recipe(qkv_bias=True), {**UNTIED, **ROPE_10K}, sliding=above_max_window_layers
    ),
    Architecture(
        "qwen3",
        "Qwen3Config",
        Recipe(qk_norm=2),
        {**UNTIED, **ROPE_10K, "head_dim": 128},
        sliding=above_max_window_layers,
        switches=BIAS_SWITCH,
    ),
    Architecture(
        "qwen3_moe",
        "Qwen3MoeConfig",
        Recipe(qk_norm=2),
        {**UNTIED, **ROPE_10K, "num_experts": 128, "num_experts_per_tok": 8, "moe_intermediate_size": 768},
        sliding=above_max_window_layers,
        switches=BIAS_SWITCH,
        notes=_dense_layers_note,
        experts=Experts("num_experts", "moe_intermediate_size", sparse_step),
    ),
    Architecture(
        "gemma",
        "GemmaConfig",
        Recipe(),
        {"tie_word_embeddings": True, **ROPE_10K, "head_dim": 256},
        switches=BIAS_SWITCH,
    ),
    Architecture(
        "gemma2",
        "Gemma2Config",
        Recipe(layer_norms=4),  # input, post-attention, pre- and post-MLP
        {"tie_word_embeddings": True, **ROPE_10K, "head_dim": 256, "sliding_window": 4096},
        sliding=alternate,
        switches=BIAS_SWITCH,
    ),
    Architecture(
        "gemma3",
        "Gemma3TextConfig",
        Recipe(layer_norms=4, qk_norm=2),
        GEMMA3_TEXT,
        model_types=("gemma3_text",),
        sliding=one_global_in,
        switches=BIAS_SWITCH,
        activation="gelu_pytorch_tanh",
    ),
    Architecture(
        "smollm3",
        "SmolLM3Config",
        Recipe(),
        {"tie_word_embeddings": True, "rope_theta": 2_000_000.0, "no_rope_layer_interval": 4},
        sliding=nope_layers_when_enabled,
        switches=LLAMA_SWITCHES,
    ),
    Architecture(
        "bitnet",
        "BitNetConfig",
        Recipe(sub_norms=True),
        {**UNTIED, "rope_theta": 500_000.0},
        switches=BIAS_SWITCH,
        weights="ternary",
    ),
    Architecture(
        "phi",
        "PhiConfig",  # parallel block: one LayerNorm per layer
        replace(BIASED_LAYERNORM, layer_norms=1, lm_head_bias=True),
        {**UNTIED, **ROPE_10K, "partial_rotary_factor": 0.5},
        switches={"qk_layernorm": {"qk_norm": 4}},
    ),  # LayerNorm (weight and bias) on q and k
    Architecture(
        "phi3",
        "Phi3Config",
        Recipe(),
        {**UNTIED, **ROPE_10K},  # fused qkv/gate_up hold as many numbers
        sliding=every_layer,
    ),
    Architecture(
        "gpt2",
        "GPT2Config",
        BIASED_LAYERNORM,
        {"tie_word_embeddings": True},
        mlp_width=four_times_hidden,
        rope=False,
        learned_positions=True,
        activation="gelu_new",
    ),
)

BY_MODEL_TYPE: dict[str, Architecture] = {
    model_type: arch for arch in ARCHITECTURES for model_type in (arch.name, *arch.model_types)
}


def architecture(model_type: str) -> Architecture | None:
    """The record that reads `model_type`, or None when the museum has no rule for it."""
    return BY_MODEL_TYPE.get(model_type)
