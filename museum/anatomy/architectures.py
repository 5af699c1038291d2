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

from .params import Count, MambaShape, Recipe, mamba_count
from .values import as_bool, as_int, as_int_list

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
    shared_width: Callable[[Mapping[str, Any]], int] = lambda cfg: 0  # always-on shared expert(s), total width


def all_layers(cfg: Mapping[str, Any], layers: int, experts: int) -> list[bool]:
    return [True] * layers


def sparse_step(cfg: Mapping[str, Any], layers: int, experts: int) -> list[bool]:
    """Qwen-MoE: layer i is sparse unless in mlp_only_layers or off the decoder_sparse_step."""
    step = as_int(cfg, "decoder_sparse_step") or 1
    dense = set(as_int_list(cfg.get("mlp_only_layers"), allow_zero=True) or ())
    return [bool(experts) and i not in dense and (i + 1) % step == 0 for i in range(layers)]


def first_k_dense(cfg: Mapping[str, Any], layers: int, experts: int) -> list[bool]:
    """DeepSeek: the first first_k_dense_replace layers are dense, then every moe_layer_freq-th is sparse."""
    first = as_int(cfg, "first_k_dense_replace") or 0
    every = as_int(cfg, "moe_layer_freq") or 1
    return [bool(experts) and i >= first and i % every == 0 for i in range(layers)]


def interleaved(cfg: Mapping[str, Any], layers: int, experts: int) -> list[bool]:
    """Llama 4: the layers listed in moe_layers, else every interleave_moe_layer_step-th layer."""
    listed = as_int_list(cfg.get("moe_layers"), allow_zero=True)
    if listed is not None:
        return [i in listed for i in range(layers)]
    step = as_int(cfg, "interleave_moe_layer_step") or 1
    return [(i + 1) % step == 0 for i in range(layers)]


def shared_key(key: str) -> Callable[[Mapping[str, Any]], int]:
    return lambda cfg: as_int(cfg, key) or 0


def deepseek_shared(cfg: Mapping[str, Any]) -> int:
    """n_shared_experts experts of moe_intermediate_size, stored as one MLP."""
    return (as_int(cfg, "n_shared_experts") or 0) * (as_int(cfg, "moe_intermediate_size") or 0)


# --- key, head and MLP-width readers --------------------------------------------------------


def multi_query(cfg: Mapping[str, Any], heads: int | None) -> int | None:
    """GPT-BigCode and Falcon: one K/V head with multi_query; Falcon's new decoder reads num_kv_heads."""
    if cfg.get("new_decoder_architecture") is True:
        return as_int(cfg, "num_kv_heads") or heads
    return 1 if cfg.get("multi_query") is True else as_int(cfg, "num_key_value_heads") or heads


def grouped_if_multi_query(cfg: Mapping[str, Any], heads: int | None) -> int | None:
    """ChatGLM: multi_query_group_num K/V heads when multi_query_attention is on."""
    return as_int(cfg, "multi_query_group_num") if cfg.get("multi_query_attention") is True else heads


def kv_heads_key(cfg: Mapping[str, Any], heads: int | None) -> int | None:
    return as_int(cfg, "num_key_value_heads") or heads


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


def falcon_width(cfg: Mapping[str, Any], hidden: int | None) -> int | None:
    """Falcon: ffn_hidden_size, 4 × hidden_size when absent."""
    return as_int(cfg, "ffn_hidden_size") or (4 * hidden if hidden else None)


def llama4_dense_width(cfg: Mapping[str, Any], hidden: int | None) -> int | None:
    """Llama 4: dense layers use intermediate_size_mlp; intermediate_size is one expert's width."""
    return as_int(cfg, "intermediate_size_mlp")


# --- what the stored weights leave out of the main count ------------------------------------

WITH_EMBEDDING = "with the input embedding"
WITHOUT_EMBEDDING = "without the input embedding"


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
    renames: Mapping[str, str] = field(default_factory=dict)  # canonical key -> this family's key, which wins
    kv_heads: Callable[[Mapping[str, Any], int | None], int | None] = kv_heads_key
    unless: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)  # config flag false -> Recipe changes
    mla: bool = False  # multi-head latent attention, sized by q_lora_rank, kv_lora_rank, qk_*_head_dim
    extra_layers_key: str | None = None  # multi-token-prediction modules stored beside the main stack
    active_convention: str = WITH_EMBEDDING  # how the makers of this family count "active" parameters
    attention: bool = True  # False: no attention layers at all (state-space models)
    counter: Callable[[Mapping[str, Any]], Count | None] | None = None  # a whole counting rule of its own
    mixer: Callable[[Mapping[str, Any]], MambaShape | None] | None = None  # a state-space mixer's sizes

    def recipe_for(self, cfg: Mapping[str, Any]) -> Recipe:
        """The recipe with every optional tensor this config switches on (or off)."""
        on = [change for key, change in self.switches.items() if cfg.get(key) is True]
        off = [change for key, change in self.unless.items() if cfg.get(key) is False]
        changes = {k: v for change in (*on, *off) for k, v in change.items()}
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


def _mla_notes(d: Dims) -> tuple[str, ...]:
    """DeepSeek-V2/V3: the KV cache facts use each head's full key and value; MLA serving caches far less."""
    m = d.mla
    if m is None or not d.heads:
        return _dense_layers_note(d)
    full, latent = (
        d.heads * (m.qk_nope_head_dim + m.qk_rope_head_dim + m.v_head_dim),
        m.kv_lora_rank + m.qk_rope_head_dim,
    )
    note = (f"multi-head latent attention: the KV cache figures assume each head's full key and value ({full:,} "
            f"values per token and layer); an MLA-aware runtime caches only the latent, kv_lora_rank + "
            f"qk_rope_head_dim = {latent:,} values, {full / latent:.0f}× fewer")  # fmt: skip
    return (*_dense_layers_note(d), note)


def _granite_notes(d: Dims) -> tuple[str, ...]:
    return ("Granite's embedding, attention, residual and logits multipliers (μP) scale activations; "
            "they are numbers in config.json, not tensors, and change no count",)  # fmt: skip


def _minicpm_notes(d: Dims) -> tuple[str, ...]:
    return ("MiniCPM's scale_emb, scale_depth and dim_model_base scale activations (μP); no tensors",)


def _phi3small_notes(d: Dims) -> tuple[str, ...]:
    return ("Phi-3-small attends block-sparsely in every layer but each dense_attention_every_n_layers-th; "
            "the KV cache here counts every layer as dense. Its μP multipliers scale activations, no tensors",)  # fmt: skip


def _chatglm_notes(d: Dims) -> tuple[str, ...]:
    return ("ChatGLM's keys read as: num_layers, padded_vocab_size (rows of the embedding and output tables), "
            "ffn_hidden_size, kv_channels (head_dim), multi_query_group_num (K/V heads), seq_length",)  # fmt: skip


def _gpt_oss_notes(d: Dims) -> tuple[str, ...]:
    return ("gpt-oss stores one attention-sink logit per head and layer, and biases on q, k, v, o, "
            "the router and every expert",)  # fmt: skip


def _mamba_shape(cfg: Mapping[str, Any]) -> MambaShape | None:
    """Mamba: read the mixer's sizes; "auto" time_step_rank is ceil(hidden / 16) as in MambaConfig."""
    hidden, layers, vocab = (as_int(cfg, k) for k in ("hidden_size", "num_hidden_layers", "vocab_size"))
    tied = as_bool(cfg.get("tie_word_embeddings"))
    if hidden is None or layers is None or vocab is None or tied is None:
        return None
    inner = as_int(cfg, "intermediate_size") or (as_int(cfg, "expand") or 2) * hidden
    dt_rank = as_int(cfg, "time_step_rank") or -(-hidden // 16)
    return MambaShape(
        hidden, layers, inner, as_int(cfg, "state_size") or 16, as_int(cfg, "conv_kernel") or 4, dt_rank,
        vocab, tied, cfg.get("use_bias") is True, cfg.get("use_conv_bias") is not False,
    )  # fmt: skip


def _mamba_count(cfg: Mapping[str, Any]) -> Count | None:
    shape = _mamba_shape(cfg)
    return mamba_count(shape) if shape else None


def _mamba_notes(d: Dims) -> tuple[str, ...]:
    return ("a state-space model: no attention, so no KV cache (its recurrent state does not grow with the "
            "context); each layer is an RMSNorm and a selective-scan mixer",)  # fmt: skip


ROPE_10K = {"rope_theta": 10_000.0}
UNTIED = {"tie_word_embeddings": False}
TIED = {"tie_word_embeddings": True}
BIAS_SWITCH = {"attention_bias": {"qkv_bias": True, "o_bias": True}}
LLAMA_SWITCHES = {**BIAS_SWITCH, "mlp_bias": {"mlp_bias": True}}
BIASED_LAYERNORM = Recipe(qkv_bias=True, o_bias=True, gated_mlp=False, mlp_bias=True, norm="LayerNorm")
GEMMA3_TEXT = {
    "vocab_size": 262_208, "hidden_size": 2304, "intermediate_size": 9216,
    "num_hidden_layers": 26, "num_attention_heads": 8, "num_key_value_heads": 4,
    "head_dim": 256, "max_position_embeddings": 131_072, "rope_theta": 1_000_000.0,
    "rope_local_base_freq": 10_000.0, "sliding_window": 4096, "sliding_window_pattern": 6,
    "tie_word_embeddings": True,
}  # fmt: skip
MLA_DEFAULTS = {"q_lora_rank": 1536, "kv_lora_rank": 512, "qk_rope_head_dim": 64, "qk_nope_head_dim": 128,
                "v_head_dim": 128}  # fmt: skip
DEEPSEEK_EXPERTS = Experts("n_routed_experts", "moe_intermediate_size", first_k_dense, deepseek_shared)

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
        "qwen2_moe",
        "Qwen2MoeConfig",  # every MoE layer adds one shared expert behind a sigmoid gate (hidden → 1)
        Recipe(qkv_bias=True, shared_expert_gate=True),
        {
            **UNTIED,
            "rope_theta": 1e6,
            "num_experts": 60,
            "num_experts_per_tok": 4,
            "moe_intermediate_size": 1408,
            "shared_expert_intermediate_size": 5632,
        },
        sliding=above_max_window_layers,
        notes=_dense_layers_note,
        experts=Experts(
            "num_experts", "moe_intermediate_size", sparse_step, shared_key("shared_expert_intermediate_size")
        ),
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
        "phi3small",
        "Phi3SmallConfig (remote code)",  # fused biased qkv and dense; up_proj holds the GeGLU's two halves
        Recipe(qkv_bias=True, o_bias=True, mlp_bias=True, norm="LayerNorm"),
        {"tie_word_embeddings": True, "rope_embedding_base": 1_000_000.0},  # PretrainedConfig ties by default
        renames={"intermediate_size": "ff_intermediate_size", "rope_theta": "rope_embedding_base"},
        activation="gegelu",
        notes=_phi3small_notes,
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
    Architecture(
        "gpt_bigcode",
        "GPTBigCodeConfig",  # GPT-2 blocks with one shared K/V head (multi_query)
        BIASED_LAYERNORM,
        {"tie_word_embeddings": True, "multi_query": True},
        mlp_width=four_times_hidden,
        kv_heads=multi_query,
        rope=False,
        learned_positions=True,
        activation="gelu_pytorch_tanh",
    ),
    Architecture(
        "gpt_neox",
        "GPTNeoXConfig",  # Pythia: biased q/k/v/o and MLP, two LayerNorms (parallel residual or not), untied head
        BIASED_LAYERNORM,
        {**UNTIED, "rotary_pct": 0.25, "rotary_emb_base": 10_000},
        activation="gelu",
    ),
    Architecture(
        "gptj",
        "GPTJConfig",  # parallel block with one LayerNorm; no attention biases; a biased LM head
        Recipe(gated_mlp=False, mlp_bias=True, layer_norms=1, norm="LayerNorm", lm_head_bias=True),
        {**UNTIED, "rotary_dim": 64},
        mlp_width=four_times_hidden,
        activation="gelu_new",
    ),
    Architecture(
        "falcon",
        "FalconConfig",  # parallel_attn: one LayerNorm; new_decoder_architecture: ln_attn and ln_mlp
        Recipe(gated_mlp=False, layer_norms=1, norm="LayerNorm"),
        {
            "tie_word_embeddings": True,
            "multi_query": True,
            "parallel_attn": True,
            "bias": False,
            "alibi": False,
            "new_decoder_architecture": False,
            **ROPE_10K,
        },
        mlp_width=falcon_width,
        kv_heads=multi_query,
        switches={
            "bias": {"qkv_bias": True, "o_bias": True, "mlp_bias": True},
            "new_decoder_architecture": {"layer_norms": 2},
        },
        unless={"parallel_attn": {"layer_norms": 2}},
        activation="gelu",
    ),
    Architecture(
        "stablelm",
        "StableLmConfig",  # LayerNorm with bias; per-head q/k LayerNorms without bias when qk_layernorm
        Recipe(norm="LayerNorm"),
        {
            **UNTIED,
            **ROPE_10K,
            "partial_rotary_factor": 0.25,
            "use_qkv_bias": False,
            "qk_layernorm": False,
            "use_parallel_residual": False,
        },
        switches={
            "use_qkv_bias": {"qkv_bias": True},
            "qk_layernorm": {"qk_norm": 2, "qk_norm_full": True},
            "use_parallel_residual": {"layer_norms": 1},
        },
    ),
    Architecture(
        "starcoder2",
        "Starcoder2Config",  # use_bias: every linear layer biased; LayerNorm; plain GELU MLP
        Recipe(gated_mlp=False, norm="LayerNorm"),
        {"tie_word_embeddings": True, "use_bias": True, **ROPE_10K},
        sliding=every_layer,
        switches={"use_bias": {"qkv_bias": True, "o_bias": True, "mlp_bias": True}},
        activation="gelu_pytorch_tanh",
    ),
    Architecture(
        "granite",
        "GraniteConfig",
        Recipe(),
        {**UNTIED, **ROPE_10K},
        switches=LLAMA_SWITCHES,
        notes=_granite_notes,
    ),
    Architecture(
        "granitemoe",
        "GraniteMoeConfig",  # experts stored as input_linear (gate and up) and output_linear
        Recipe(),
        {**UNTIED, **ROPE_10K, "num_local_experts": 8, "num_experts_per_tok": 2},
        switches=BIAS_SWITCH,
        experts=Experts("num_local_experts", "intermediate_size", all_layers),
        notes=_granite_notes,
    ),
    Architecture(
        "olmo",
        "OlmoConfig",  # LayerNorm without weight or bias: the norms store nothing
        Recipe(norm="LayerNorm without parameters"),
        {**UNTIED, **ROPE_10K},
        switches=BIAS_SWITCH,
    ),
    Architecture(
        "olmo2",
        "Olmo2Config",  # norms after attention and MLP; q_norm and k_norm over every head
        Recipe(qk_norm=2, qk_norm_full=True),
        {**UNTIED, **ROPE_10K},
        switches=BIAS_SWITCH,
    ),
    Architecture(
        "olmoe",
        "OlmoeConfig",  # experts as wide as intermediate_size; full-width q/k norms
        Recipe(qk_norm=2, qk_norm_full=True),
        {**UNTIED, **ROPE_10K, "num_experts": 64, "num_experts_per_tok": 8},
        switches=BIAS_SWITCH,
        experts=Experts("num_experts", "intermediate_size", all_layers),
    ),
    Architecture(
        "phimoe",
        "PhimoeConfig",  # Mixtral-style experts with LayerNorm, optional attention and LM-head biases
        Recipe(norm="LayerNorm"),
        {**UNTIED, "rope_theta": 1e6, "num_local_experts": 16, "num_experts_per_tok": 2},
        sliding=every_layer,
        switches={**BIAS_SWITCH, "lm_head_bias": {"lm_head_bias": True}},
        experts=Experts("num_local_experts", "intermediate_size", all_layers),
    ),
    Architecture(
        "deepseek",
        "DeepseekConfig (remote code)",  # DeepSeekMoE: dense first layers, shared and routed experts
        Recipe(),
        {**UNTIED, **ROPE_10K, "first_k_dense_replace": 0, "moe_layer_freq": 1},
        switches=BIAS_SWITCH,
        experts=DEEPSEEK_EXPERTS,
        notes=_dense_layers_note,
    ),
    Architecture(
        "deepseek_v2",
        "DeepseekV2Config",
        Recipe(),
        {**UNTIED, **ROPE_10K, **MLA_DEFAULTS, "first_k_dense_replace": 0, "moe_layer_freq": 1},
        experts=DEEPSEEK_EXPERTS,
        mla=True,
        notes=_mla_notes,
        active_convention=WITHOUT_EMBEDDING,
    ),
    Architecture(
        "deepseek_v3",
        "DeepseekV3Config",  # the router stores e_score_correction_bias beside its weight
        Recipe(router_bias=True),
        {
            **UNTIED,
            **ROPE_10K,
            **MLA_DEFAULTS,
            "n_routed_experts": 256,
            "n_shared_experts": 1,
            "first_k_dense_replace": 3,
            "moe_layer_freq": 1,
            "num_nextn_predict_layers": 1,
        },
        experts=DEEPSEEK_EXPERTS,
        mla=True,
        extra_layers_key="num_nextn_predict_layers",
        notes=_mla_notes,
        active_convention=WITHOUT_EMBEDDING,
    ),
    Architecture(
        "llama4",
        "Llama4TextConfig",  # MoE every interleave_moe_layer_step-th layer, one shared expert; qk L2 norm (no tensor)
        Recipe(),
        {
            **UNTIED,
            "rope_theta": 500_000.0,
            "head_dim": 128,
            "num_local_experts": 16,
            "num_experts_per_tok": 1,
            "interleave_moe_layer_step": 1,
            "intermediate_size_mlp": 16384,
        },
        model_types=("llama4_text",),
        mlp_width=llama4_dense_width,
        experts=Experts("num_local_experts", "intermediate_size", interleaved, shared_key("intermediate_size")),
        switches=BIAS_SWITCH,
        notes=_dense_layers_note,
    ),
    Architecture(
        "gpt_oss",
        "GptOssConfig",
        Recipe(qkv_bias=True, o_bias=True, sinks=True, router_bias=True, expert_bias=True),
        {**UNTIED, "rope_theta": 150_000.0, "head_dim": 64, "num_local_experts": 128, "num_experts_per_tok": 4},
        sliding=alternate,
        experts=Experts("num_local_experts", "intermediate_size", all_layers),
        notes=_gpt_oss_notes,
        active_convention=WITHOUT_EMBEDDING,
    ),
    Architecture(
        "chatglm",
        "ChatGLMConfig (remote code)",  # fused qkv with bias (add_qkv_bias), SwiGLU, RMSNorm, untied output_layer
        Recipe(),
        {**UNTIED, "multi_query_attention": False, "add_qkv_bias": False, "rope_theta": 10_000.0},
        renames={
            "num_hidden_layers": "num_layers",
            "vocab_size": "padded_vocab_size",
            "intermediate_size": "ffn_hidden_size",
            "max_position_embeddings": "seq_length",
            "head_dim": "kv_channels",
        },
        kv_heads=grouped_if_multi_query,
        switches={"add_qkv_bias": {"qkv_bias": True}, "add_bias_linear": {"o_bias": True, "mlp_bias": True}},
        notes=_chatglm_notes,
    ),
    Architecture(
        "glm",
        "GlmConfig",  # GLM-4 in transformers: fused qkv with bias, fused gate_up, partial RoPE
        Recipe(qkv_bias=True),
        {**UNTIED, **ROPE_10K, "head_dim": 128, "partial_rotary_factor": 0.5},
    ),
    Architecture(
        "glm4",
        "Glm4Config",  # as glm, plus norms after attention and MLP (four per layer)
        Recipe(qkv_bias=True, layer_norms=4),
        {**UNTIED, **ROPE_10K, "head_dim": 128, "partial_rotary_factor": 0.5},
    ),
    Architecture(
        "internlm",
        "InternLMConfig (remote code)",  # bias: q, k, v and o biased
        Recipe(),
        {**UNTIED, **ROPE_10K, "bias": True},
        switches={"bias": {"qkv_bias": True, "o_bias": True}},
    ),
    Architecture(
        "internlm2",
        "InternLM2Config (remote code)",  # fused wqkv; bias: wqkv and wo biased
        Recipe(),
        {**UNTIED, **ROPE_10K, "bias": True},
        switches={"bias": {"qkv_bias": True, "o_bias": True}},
    ),
    Architecture(
        "baichuan",
        "BaichuanConfig (remote code)",  # fused W_pack qkv, no biases; Baichuan 2's NormHead has the same shape
        Recipe(),
        {**UNTIED, **ROPE_10K},
    ),
    Architecture(
        "minicpm",
        "MiniCPMConfig (remote code)",
        Recipe(),
        {**ROPE_10K},
        notes=_minicpm_notes,
    ),
    Architecture(
        "exaone",
        "ExaoneConfig (remote code)",  # Llama-shaped, keys spelled num_layers and activation_function
        Recipe(),
        {**TIED, **ROPE_10K},
        renames={"num_hidden_layers": "num_layers"},
    ),
    Architecture(
        "cohere",
        "CohereConfig",  # parallel block with one LayerNorm (no bias); tied head; optional per-head q/k norms
        Recipe(layer_norms=1, norm="LayerNorm without bias"),
        {**TIED, **ROPE_10K, "use_qk_norm": False},
        switches={**BIAS_SWITCH, "use_qk_norm": {"qk_norm": 2, "qk_norm_full": True}},
    ),
    Architecture(
        "mamba",
        "MambaConfig",
        Recipe(),
        {**TIED, "use_bias": False, "use_conv_bias": True, "state_size": 16, "conv_kernel": 4, "expand": 2},
        rope=False,
        attention=False,
        counter=_mamba_count,
        mixer=_mamba_shape,
        notes=_mamba_notes,
    ),
)

BY_MODEL_TYPE: dict[str, Architecture] = {
    model_type: arch for arch in ARCHITECTURES for model_type in (arch.name, *arch.model_types)
}


def architecture(model_type: str) -> Architecture | None:
    """The record that reads `model_type`, or None when the museum has no rule for it."""
    return BY_MODEL_TYPE.get(model_type)
