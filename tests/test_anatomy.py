"""museum.anatomy: a model's anatomy from its config.json, checked against published figures.

Every expected number below is written out as a literal: a figure from a model card, paper
or checkpoint (its source is named next to it), or plain arithmetic over config values
spelled out in the test. None is computed by the code under test.

Reference configs: specimens/_hub/ (provenance in /work/shared/reference/hub-configs/SOURCES.md).
Extra configs: tests/data/configs/ (provenance in its SOURCES.md).
"""

from __future__ import annotations

import copy
import json
import math
from pathlib import Path

import pytest

from museum.anatomy import (
    DEVICE_TIERS,
    FORMULAS,
    PRECISIONS,
    Anatomy,
    LayerAttention,
    attention_pattern,
    derive,
    device_tier,
    flops_per_token,
    kv_cache_bytes,
    kv_cache_bytes_per_token,
    summary,
    tiers_by_precision,
    weight_bytes,
)

REPO = Path(__file__).resolve().parent.parent
HUB = REPO / "specimens" / "_hub"
EXTRA = Path(__file__).resolve().parent / "data" / "configs"
GiB = 2**30


def config(name: str) -> dict:
    folder = EXTRA if (EXTRA / f"{name}.config.json").exists() else HUB
    return json.loads((folder / f"{name}.config.json").read_text())


def anatomy(name: str) -> Anatomy:
    return derive(config(name))


def close(value: int | None, published: float, tolerance: float = 0.01) -> bool:
    return value is not None and abs(value - published) <= tolerance * published


ALL_CONFIGS = sorted(
    p.name.removesuffix(".config.json") for p in [*HUB.glob("*.config.json"), *EXTRA.glob("*.config.json")]
)


# --- exact counts ----------------------------------------------------------------------

EXACT_TOTALS = [
    # SOURCES.md: the bf16 checkpoint of bitnet-b1.58-2B-4T counts 2,412,820,480 (kevbuh/bitnet README).
    ("microsoft__bitnet-b1.58-2B-4T", 2_412_820_480),
    # SOURCES.md: keras-hub preset gemma3_270m, "params": 268098176.
    ("google__gemma-3-270m", 268_098_176),
    # Hub safetensors totals, as quoted in kvfit scripts/build_registry.py (index id70911651117)
    # and other copies of the same metadata:
    ("mistralai__Mistral-7B-v0.1", 7_241_732_096),
    ("mistralai__Mistral-7B-v0.3", 7_248_023_552),  # Mistral-7B-Instruct-v0.3: same architecture
    ("mistralai__Mixtral-8x7B-v0.1", 46_702_792_704),  # also keras-hub mixtral_8_7b_en
    ("meta-llama__Meta-Llama-3-8B", 8_030_261_248),
    ("meta-llama__Llama-3.1-8B", 8_030_261_248),
    ("meta-llama__Llama-3.2-3B", 3_212_749_824),  # Llama-3.2-3B-Instruct
    ("meta-llama__Llama-3.2-1B", 1_235_814_400),  # gptqmodel test LLAMA_3_2_1B_PARAMETER_COUNT
    ("Qwen__Qwen3-0.6B", 596_049_920),  # sum(p.numel()) printed for Qwen3-0.6B
    ("Qwen__Qwen3-8B", 8_190_735_360),
    ("Qwen__Qwen3-30B-A3B", 30_532_122_624),
    ("Qwen__Qwen2.5-1.5B", 1_543_714_304),  # Qwen2.5-Coder-1.5B-Instruct: same architecture
    ("google__gemma-3-1b-it", 999_885_952),
    ("google__gemma-3-4b-it", 4_300_079_472),  # Gemma3ForConditionalGeneration, vision tower included
    ("google__gemma-2-2b", 2_614_341_888),  # gemma-2-2b-it
    ("microsoft__Phi-3-mini-4k-instruct", 3_821_079_552),
    ("microsoft__Phi-4-mini-instruct", 3_836_021_760),
    ("microsoft__phi-2", 2_779_683_840),  # safetensors {F16: 2779683840}
    ("microsoft__phi-1_5", 1_418_270_720),  # safetensors_total_params
    ("HuggingFaceTB__SmolLM3-3B", 3_075_098_624),
    ("HuggingFaceTB__SmolLM2-1.7B", 1_711_376_384),  # SmolLM2-1.7B-Instruct
    # tests/data/configs/SOURCES.md:
    ("TinyLlama__TinyLlama-1.1B-Chat-v1.0", 1_100_048_384),
    ("Qwen__Qwen2.5-0.5B", 494_032_768),
    ("openai-community__gpt2", 124_439_808),
]


@pytest.mark.parametrize(("name", "published"), EXACT_TOTALS)
def test_total_matches_the_exact_published_count(name, published):
    assert anatomy(name).total_params == published


def test_llama_2_counts_parameters_not_the_rotary_buffers_old_checkpoints_saved():
    # The NousResearch mirror's safetensors hold 6,738,417,664 numbers: 2,048 of them are the
    # rotary inv_freq buffers (64 per layer × 32 layers) that old Llama checkpoints saved.
    assert anatomy("meta-llama__Llama-2-7b-hf").total_params == 6_738_417_664 - 64 * 32


# --- published figures (SOURCES.md), within 1% ---------------------------------------

B, M = 1e9, 1e6
WITHIN_ONE_PERCENT = [
    ("meta-llama__Llama-3.2-1B", "total_params", 1.23 * B),  # card "1B (1.23B)"
    ("meta-llama__Llama-3.2-3B", "total_params", 3.21 * B),  # card "3B (3.21B)"
    ("Qwen__Qwen3-0.6B", "total_params", 0.6 * B),  # card "0.6B"
    ("Qwen__Qwen3-0.6B", "non_embedding_params", 0.44 * B),  # card "0.44B"
    ("Qwen__Qwen3-1.7B", "non_embedding_params", 1.4 * B),  # card "1.4B"
    ("Qwen__Qwen3-4B", "total_params", 4.0 * B),  # card "4.0B"
    ("Qwen__Qwen3-4B", "non_embedding_params", 3.6 * B),  # card "3.6B"
    ("Qwen__Qwen3-8B", "total_params", 8.2 * B),  # card "8.2B"
    ("Qwen__Qwen3-8B", "non_embedding_params", 6.95 * B),  # card "6.95B"
    ("Qwen__Qwen3-30B-A3B", "total_params", 30.5 * B),  # card "30.5B in total"
    ("Qwen__Qwen3-30B-A3B", "non_embedding_params", 29.9 * B),  # card "29.9B"
    ("Qwen__Qwen2.5-1.5B", "total_params", 1.54 * B),  # card "1.54B"
    ("Qwen__Qwen2.5-1.5B", "non_embedding_params", 1.31 * B),  # card "1.31B"
    ("Qwen__Qwen2.5-0.5B", "total_params", 0.49 * B),  # card "0.49B"
    ("Qwen__Qwen2.5-0.5B", "non_embedding_params", 0.36 * B),  # card "0.36B non-embedding"
    ("google__gemma-3-1b-it", "embedding_params", 302 * M),  # Gemma 3 report, Table 1
    ("google__gemma-3-1b-it", "non_embedding_params", 698 * M),
    ("google__gemma-3-4b-it", "total_params", 4.3 * B),
    ("google__gemma-3-4b-it", "embedding_params", 675 * M),
    ("google__gemma-3-4b-it", "non_embedding_params", 3209 * M),
    ("google__gemma-3-270m", "non_embedding_params", 100 * M),  # "100M transformer blocks"
    ("mistralai__Mistral-7B-v0.1", "total_params", 7.3 * B),  # Mistral AI blog "7.3B"
    ("mistralai__Mixtral-8x7B-v0.1", "total_params", 46.7 * B),  # blog "46.7B total"
    ("mistralai__Mixtral-8x7B-v0.1", "active_params", 12.9 * B),  # blog "12.9B per token"
    ("microsoft__Phi-4-mini-instruct", "total_params", 3.8 * B),  # card "3.8B"
    ("microsoft__Phi-3-mini-4k-instruct", "total_params", 3.8 * B),
    ("microsoft__Phi-3.5-mini-instruct", "total_params", 3.8 * B),
    ("TinyLlama__TinyLlama-1.1B-Chat-v1.0", "total_params", 1.1 * B),
    ("openai-community__gpt2", "total_params", 124 * M),
]


@pytest.mark.parametrize(("name", "field", "published"), WITHIN_ONE_PERCENT)
def test_within_one_percent_of_the_published_figure(name, field, published):
    value = getattr(anatomy(name), field)
    assert close(value, published), f"{name} {field}: {value:,} vs published {published:,.0f}"


# Figures published with one or two significant digits: the count must round (or, for
# Qwen's "3.3B", truncate) to the label; 1% is tighter than the label itself.
LABEL_BANDS = [
    ("HuggingFaceTB__SmolLM3-3B", "total_params", 2.5 * B, 3.5 * B),  # card "3B"
    ("Qwen__Qwen3-1.7B", "total_params", 1.65 * B, 1.75 * B),  # card "1.7B"
    ("google__gemma-3-270m", "embedding_params", 165 * M, 175 * M),  # "170M embedding"
    ("google__gemma-3-270m", "total_params", 265 * M, 275 * M),  # "270M"
    ("Qwen__Qwen3-30B-A3B", "active_params", 3.3 * B, 3.4 * B),  # card "3.3B activated"
    ("microsoft__bitnet-b1.58-2B-4T", "total_params", 1.5 * B, 2.5 * B),  # card "~2 Billion"
    ("meta-llama__Llama-2-7b-hf", "total_params", 6.5 * B, 7.5 * B),  # "7B"
]


@pytest.mark.parametrize(("name", "field", "low", "high"), LABEL_BANDS)
def test_within_the_rounding_of_a_coarse_label(name, field, low, high):
    assert low <= getattr(anatomy(name), field) < high


# --- mixture of experts ----------------------------------------------------------------


def test_mixtral_routes_two_of_eight_experts():
    a = anatomy("mistralai__Mixtral-8x7B-v0.1")
    assert (a.architecture, a.experts, a.experts_per_token) == ("mixtral", 8, 2)
    # per layer, 6 idle experts of 3 × 4096 × 14336 weights each
    assert a.total_params - a.active_params == 32 * 6 * 3 * 4096 * 14336
    assert a.intermediate_size == 14336


def test_qwen3_moe_counts_128_experts_and_8_active():
    a = anatomy("Qwen__Qwen3-30B-A3B")
    assert (a.architecture, a.experts, a.experts_per_token, a.intermediate_size) == ("qwen3_moe", 128, 8, 768)
    assert a.total_params - a.active_params == 48 * 120 * 3 * 2048 * 768
    assert a.active_params < a.total_params / 9


def test_qwen3_moe_mlp_only_layers_become_dense():
    cfg = config("Qwen__Qwen3-30B-A3B") | {"mlp_only_layers": [0, 47]}
    moe_mlp = 2048 * 128 + 128 * 3 * 2048 * 768  # router + 128 experts
    dense_mlp = 3 * 2048 * 6144  # the config's intermediate_size
    a = derive(cfg)
    assert a.total_params == 30_532_122_624 - 2 * (moe_mlp - dense_mlp)
    assert any("2 of 48 layers use a dense MLP" in note for note in a.notes)


def test_qwen3_moe_decoder_sparse_step_makes_every_other_layer_sparse():
    a = derive(config("Qwen__Qwen3-30B-A3B") | {"decoder_sparse_step": 2})
    moe_mlp, dense_mlp = 2048 * 128 + 128 * 3 * 2048 * 768, 3 * 2048 * 6144
    assert a.total_params == 30_532_122_624 - 24 * (moe_mlp - dense_mlp)


def test_dense_models_have_active_equal_to_total_and_no_experts():
    a = anatomy("meta-llama__Llama-3.2-1B")
    assert a.active_params == a.total_params
    assert (a.experts, a.experts_per_token) == (None, None)


# --- embeddings, tied and untied -------------------------------------------------------


def test_tied_embedding_table_is_counted_once():
    a = anatomy("meta-llama__Llama-3.2-1B")
    assert a.tied_embeddings is True
    assert a.embedding_params == 128256 * 2048


def test_untying_adds_exactly_one_output_head():
    untied = derive(config("meta-llama__Llama-3.2-1B") | {"tie_word_embeddings": False})
    assert untied.tied_embeddings is False
    assert untied.total_params == 1_235_814_400 + 128256 * 2048
    assert untied.embedding_params == 2 * 128256 * 2048


def test_untied_output_head_counts_as_embedding():
    a = anatomy("Qwen__Qwen3-8B")
    assert a.tied_embeddings is False
    assert a.embedding_params == 2 * 151936 * 4096


def test_phi_output_head_has_a_bias():
    a = anatomy("microsoft__phi-2")
    assert a.embedding_params == 2 * 51200 * 2560 + 51200


def test_gpt2_embedding_includes_the_learned_position_table():
    a = anatomy("openai-community__gpt2")
    assert (a.architecture, a.tied_embeddings) == ("gpt2", True)
    assert a.embedding_params == 50257 * 768 + 1024 * 768
    assert a.partial_rotary_factor is None and a.rope_theta is None
    assert (a.intermediate_size, a.context_length) == (4 * 768, 1024)  # n_inner null; n_positions
    assert not any("intermediate_size" in note for note in a.notes)


# --- family details --------------------------------------------------------------------


def test_qwen_v1_intermediate_size_is_twice_each_matrix():
    a = anatomy("Qwen__Qwen-1_8B")
    assert (a.architecture, a.intermediate_size, a.head_dim, a.rope_theta) == ("qwen", 5504, 128, 10000.0)
    assert any("11008" in note for note in a.notes)
    attention = 3 * 2048 * 2048 + 3 * 2048 + 2048 * 2048  # c_attn with bias, c_proj
    layer = attention + 3 * 2048 * 5504 + 2 * 2048  # w1, w2, mlp.c_proj, ln_1, ln_2
    assert a.total_params == 2 * 151936 * 2048 + 24 * layer + 2048
    assert anatomy("Qwen__Qwen1.5-1.8B").total_params == a.total_params  # qwen2 stores the same shapes


def test_qwen_v1_names_its_keys_differently():
    cfg = config("Qwen__Qwen-1_8B") | {"kv_channels": 64, "rotary_pct": 0.5, "seq_length": 2048}
    del cfg["max_position_embeddings"]
    a = derive(cfg)
    assert (a.head_dim, a.partial_rotary_factor, a.context_length) == (64, 0.5, 2048)


def test_qwen2_has_qkv_bias_and_qwen3_has_qk_norm_instead():
    plain = derive(config("meta-llama__Llama-3.2-1B"))
    as_qwen2 = derive(config("meta-llama__Llama-3.2-1B") | {"model_type": "qwen2"})
    as_qwen3 = derive(config("meta-llama__Llama-3.2-1B") | {"model_type": "qwen3"})
    assert as_qwen2.total_params - plain.total_params == 16 * (32 * 64 + 2 * 8 * 64)  # q, k, v biases
    assert as_qwen3.total_params - plain.total_params == 16 * 2 * 64  # q_norm and k_norm


def test_bitnet_is_ternary_with_sub_norms():
    a = anatomy("microsoft__bitnet-b1.58-2B-4T")
    assert (a.architecture, a.quantized_weights, a.tied_embeddings) == ("bitnet", "ternary", True)
    as_llama = derive(config("microsoft__bitnet-b1.58-2B-4T") | {"model_type": "llama"})
    assert a.total_params - as_llama.total_params == 30 * (2560 + 6912)  # attn_sub_norm, ffn_sub_norm


def test_bitnet_ternary_weights_keep_the_embedding_table_in_bf16():
    sizes = weight_bytes(anatomy("microsoft__bitnet-b1.58-2B-4T"))
    embedding = 128256 * 2560
    assert sizes["ternary"] == math.ceil((2_412_820_480 - embedding) * 1.58 / 8 + embedding * 2)
    assert sizes["bf16"] == 2 * 2_412_820_480


def test_bitnet_stays_ternary_without_a_quantization_config():
    cfg = config("microsoft__bitnet-b1.58-2B-4T")
    del cfg["quantization_config"]  # as in the -bf16 master-weight repository
    assert derive(cfg).quantized_weights == "ternary"


@pytest.mark.parametrize(
    ("quantization", "expected"),
    [
        ({"quant_method": "gptq", "bits": 4}, "int4"),
        ({"quant_method": "awq", "bits": 8}, "int8"),
        ({"quant_method": "fp8"}, "fp8"),
        ({"quant_method": "bitnet"}, "ternary"),
        ({"quant_method": "mystery"}, "mystery"),
        ("not a dict", None),
    ],
)
def test_quantization_config_is_read(quantization, expected):
    cfg = config("meta-llama__Llama-3.2-1B") | {"quantization_config": quantization}
    assert derive(cfg).quantized_weights == expected


def test_only_bitnet_style_models_get_a_ternary_size():
    assert set(weight_bytes(anatomy("meta-llama__Llama-3.2-1B"))) == {"bf16", "int8", "int4"}


def test_phi_partial_rotary_and_biased_layernorm():
    assert anatomy("microsoft__phi-2").partial_rotary_factor == 0.4
    assert anatomy("microsoft__phi-1").partial_rotary_factor == 0.5
    # phi-1 and phi-1.5 share one architecture
    assert anatomy("microsoft__phi-1").total_params == 1_418_270_720


def test_phi3_fused_projections_and_rope_details():
    mini = anatomy("microsoft__Phi-4-mini-instruct")
    assert (mini.architecture, mini.partial_rotary_factor, mini.rope_scaling, mini.tied_embeddings) == (
        "phi3",
        0.75,
        "longrope",
        True,
    )
    assert (mini.heads, mini.kv_heads, mini.head_dim) == (24, 8, 128)
    assert anatomy("microsoft__Phi-3-mini-4k-instruct").rope_scaling is None


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("meta-llama__Llama-3.1-8B", "llama3"),
        ("meta-llama__Llama-3.2-1B", "llama3"),
        ("microsoft__Phi-3.5-mini-instruct", "longrope"),
        ("google__gemma-3-4b-it", "linear"),
        ("Qwen__Qwen3-8B", None),
    ],
)
def test_rope_scaling_kind(name, kind):
    assert anatomy(name).rope_scaling == kind


def test_old_phi3_su_scaling_is_longrope():
    cfg = config("microsoft__Phi-3.5-mini-instruct")
    cfg["rope_scaling"] = dict(cfg["rope_scaling"], type="su")
    assert derive(cfg).rope_scaling == "longrope"


def test_gqa_ratio():
    assert anatomy("meta-llama__Llama-3.2-1B").gqa_ratio == 4.0
    assert anatomy("google__gemma-2b").gqa_ratio == 8.0  # multi-query: one KV head
    assert anatomy("microsoft__phi-2").gqa_ratio == 1.0
    assert Anatomy("x", "unknown").gqa_ratio is None


# --- head_dim, nesting, defaults -------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "hidden", "heads", "head_dim"),
    [
        ("google__gemma-2-2b", 2304, 8, 256),  # 2304 / 8 would be 288
        ("google__gemma-3-1b-it", 1152, 4, 256),  # 288
        ("google__gemma-3-270m", 640, 4, 256),  # 160
        ("Qwen__Qwen3-0.6B", 1024, 16, 128),  # 64
    ],
)
def test_explicit_head_dim_wins_over_hidden_over_heads(name, hidden, heads, head_dim):
    a = anatomy(name)
    assert (a.hidden_size, a.heads, a.head_dim) == (hidden, heads, head_dim)


def test_head_dim_falls_back_to_hidden_over_heads():
    assert anatomy("meta-llama__Llama-2-7b-hf").head_dim == 4096 // 32


def test_gemma3_4b_reads_the_nested_text_config_with_transformers_defaults():
    a = anatomy("google__gemma-3-4b-it")
    assert (a.model_type, a.architecture) == ("gemma3", "gemma3")
    assert (a.layers, a.hidden_size, a.intermediate_size) == (34, 2560, 10240)
    # not in the file: Gemma3TextConfig defaults
    assert (a.heads, a.kv_heads, a.head_dim, a.vocab_size) == (8, 4, 256, 262208)
    assert (a.context_length, a.rope_theta, a.rope_local_theta) == (131072, 1_000_000.0, 10_000.0)
    assert any("Gemma3TextConfig defaults" in note and "num_attention_heads=8" in note for note in a.notes)


# SigLIP in gemma-3-4b-it's vision_config: width 1152, MLP 4304, 27 layers, 896 px images in
# 14 px patches (64 × 64 positions), no pooling head; then Gemma 3's projector into 2560.
SIGLIP_ENCODER = (
    3 * 14 * 14 * 1152
    + 1152  # patch embedding (conv weight and bias)
    + 64 * 64 * 1152  # position embedding
    + 27 * (2 * 2 * 1152 + 4 * (1152 * 1152 + 1152) + 1152 * 4304 + 4304 + 4304 * 1152 + 1152)
    + 2 * 1152  # post-layernorm
)
GEMMA3_PROJECTOR = 1152 + 1152 * 2560  # soft-embedding norm, projection


def test_gemma3_4b_vision_tower_is_counted_separately():
    a = anatomy("google__gemma-3-4b-it")
    assert close(SIGLIP_ENCODER, 417 * M)  # Gemma 3 report, Table 1: "417M" vision encoder
    assert a.vision_params == SIGLIP_ENCODER + GEMMA3_PROJECTOR
    assert a.total_params == 4_300_079_472
    assert a.active_params == a.total_params - a.vision_params  # one text token skips the tower
    assert any("vision tower" in note for note in a.notes)


def test_unknown_vision_tower_is_noted_not_counted():
    cfg = config("google__gemma-3-4b-it")
    cfg["vision_config"] = dict(cfg["vision_config"], model_type="some_other_vit")
    a = derive(cfg)
    assert a.vision_params is None
    assert a.total_params == 4_300_079_472 - SIGLIP_ENCODER - GEMMA3_PROJECTOR  # text model only
    assert any("not counted" in note for note in a.notes)


def test_missing_tie_flag_takes_the_class_default_and_says_so():
    a = anatomy("Qwen__Qwen1.5-1.8B")
    assert a.tied_embeddings is False
    assert any("Qwen2Config defaults" in note and "tie_word_embeddings=False" in note for note in a.notes)


def test_missing_rope_theta_takes_llama_default():
    assert anatomy("meta-llama__Llama-2-7b-hf").rope_theta == 10000.0


# --- per-layer attention ---------------------------------------------------------------


def kinds(a: Anatomy) -> list[str]:
    return [layer.kind for layer in a.layer_attention]


@pytest.mark.parametrize(
    ("name", "global_layers"),
    [
        ("google__gemma-3-1b-it", [5, 11, 17, 23]),  # from sliding_window_pattern 6
        ("google__gemma-3-270m", [5, 11, 17]),  # from layer_types
        ("google__gemma-3-4b-it", [5, 11, 17, 23, 29]),  # from the default pattern
    ],
)
def test_gemma3_five_local_layers_then_one_global(name, global_layers):
    a = anatomy(name)
    assert [i for i, kind in enumerate(kinds(a)) if kind == "global"] == global_layers
    assert len(a.layer_attention) == a.layers
    assert all(i in global_layers or kind == "sliding" for i, kind in enumerate(kinds(a)))


def test_gemma3_attention_pattern_string():
    assert summary(anatomy("google__gemma-3-1b-it"))["attention_pattern"] == "5 sliding(512) : 1 global"
    assert summary(anatomy("google__gemma-3-4b-it"))["attention_pattern"] == "5 sliding(1024) : 1 global"


def test_gemma2_alternates_sliding_and_global():
    a = anatomy("google__gemma-2-2b")
    assert kinds(a) == ["sliding", "global"] * 13
    assert a.layer_attention[0] == LayerAttention("sliding", 4096)
    assert summary(a)["attention_pattern"] == "1 sliding(4096) : 1 global"


def test_smollm3_skips_rope_on_every_fourth_layer():
    a = anatomy("HuggingFaceTB__SmolLM3-3B")
    assert kinds(a) == ["global", "global", "global", "nope"] * 9
    assert summary(a)["attention_pattern"] == "3 global : 1 nope"


def test_smollm3_no_rope_layer_interval_alone_gives_the_same_layers():
    cfg = config("HuggingFaceTB__SmolLM3-3B")
    del cfg["no_rope_layers"]
    assert kinds(derive(cfg)) == ["global", "global", "global", "nope"] * 9


def test_smollm3_no_rope_layers_list_wins_over_the_interval():
    cfg = config("HuggingFaceTB__SmolLM3-3B")
    cfg["no_rope_layers"] = [1] * 35 + [0] + [1, 1]  # longer than the stack: the first 36 count
    assert kinds(derive(cfg)) == ["global"] * 35 + ["nope"]


def test_smollm3_without_either_key_uses_the_class_default_interval_of_4():
    cfg = config("HuggingFaceTB__SmolLM3-3B")
    del cfg["no_rope_layers"], cfg["no_rope_layer_interval"]
    a = derive(cfg)
    assert kinds(a) == ["global", "global", "global", "nope"] * 9
    assert any("no_rope_layer_interval=4" in note for note in a.notes)


def test_smollm3_sliding_window_goes_to_its_nope_layers():
    cfg = config("HuggingFaceTB__SmolLM3-3B") | {"use_sliding_window": True, "sliding_window": 4096}
    del cfg["layer_types"]
    assert kinds(derive(cfg)) == ["global", "global", "global", "sliding"] * 9


def test_mistral_v01_slides_every_layer_and_v03_does_not():
    assert set(anatomy("mistralai__Mistral-7B-v0.1").layer_attention) == {LayerAttention("sliding", 4096)}
    assert set(kinds(anatomy("mistralai__Mistral-7B-v0.3"))) == {"global"}
    assert set(kinds(anatomy("mistralai__Mixtral-8x7B-v0.1"))) == {"global"}


def test_window_as_long_as_the_context_means_global_attention():
    a = anatomy("microsoft__Phi-3.5-mini-instruct")  # sliding_window 262144, context 131072
    assert set(kinds(a)) == {"global"}
    assert any("262144" in note for note in a.notes)
    assert set(anatomy("microsoft__Phi-3-mini-4k-instruct").layer_attention) == {LayerAttention("sliding", 2047)}


def test_qwen2_sliding_window_applies_from_max_window_layers_up():
    off = anatomy("Qwen__Qwen2.5-0.5B")
    on = derive(
        config("Qwen__Qwen2.5-0.5B") | {"use_sliding_window": True, "max_window_layers": 21, "sliding_window": 4096}
    )
    assert set(kinds(off)) == {"global"}
    assert kinds(on) == ["global"] * 21 + ["sliding"] * 3
    assert summary(on)["attention_pattern"] == "21 global : 3 sliding(4096)"


def test_attention_pattern_of_a_uniform_an_irregular_and_an_empty_stack():
    assert attention_pattern((LayerAttention("global"),) * 16) == "all global"
    irregular = (LayerAttention("global"), LayerAttention("sliding", 8), LayerAttention("sliding", 8))
    assert attention_pattern(irregular) == "1 global : 2 sliding(8)"
    assert attention_pattern((LayerAttention("nope"),)) == "all nope"
    assert attention_pattern(()) is None


# --- KV cache --------------------------------------------------------------------------


def test_kv_cache_per_token_follows_gqa():
    # 2 (K and V) × layers × kv_heads × head_dim × 2 bytes
    assert kv_cache_bytes_per_token(anatomy("meta-llama__Llama-3.2-1B")) == 2 * 16 * 8 * 64 * 2
    assert kv_cache_bytes_per_token(anatomy("meta-llama__Llama-2-7b-hf")) == 2 * 32 * 32 * 128 * 2
    assert kv_cache_bytes_per_token(anatomy("google__gemma-3-1b-it")) == 2 * 26 * 1 * 256 * 2


def test_mistral_kv_cache_stops_growing_at_the_window():
    v01, v03 = anatomy("mistralai__Mistral-7B-v0.1"), anatomy("mistralai__Mistral-7B-v0.3")
    per_token = 2 * 32 * 8 * 128 * 2
    assert kv_cache_bytes(v01, 32768) == per_token * 4096 == 512 * 2**20
    assert kv_cache_bytes(v01, 2000) == per_token * 2000
    assert kv_cache_bytes(v03, 32768) == per_token * 32768 == 4 * GiB


def test_gemma3_kv_cache_mixes_windowed_and_global_layers():
    # 26 layers: 22 sliding (window 512) and 4 global; one KV head of 256 per layer
    per_layer_token = 2 * 1 * 256 * 2
    assert kv_cache_bytes(anatomy("google__gemma-3-1b-it"), 32768) == per_layer_token * (22 * 512 + 4 * 32768)


def test_nope_layers_cache_like_global_ones():
    assert kv_cache_bytes(anatomy("HuggingFaceTB__SmolLM3-3B"), 1000) == 36 * 2 * 4 * 128 * 2 * 1000


def test_kv_cache_at_other_precisions():
    a = anatomy("meta-llama__Llama-3.2-1B")
    assert kv_cache_bytes(a, 100, bytes_per_value=1.0) == 2 * 16 * 8 * 64 * 100
    assert kv_cache_bytes(a, 0) == 0


# --- memory, tiers, FLOPs --------------------------------------------------------------


def test_weight_bytes_per_precision():
    assert weight_bytes(anatomy("meta-llama__Llama-3.2-1B")) == {
        "bf16": 2 * 1_235_814_400,
        "int8": 1_235_814_400,
        "int4": 1_235_814_400 // 2,
    }
    assert PRECISIONS["ternary"] == 1.58 / 8


@pytest.mark.parametrize(
    ("name", "tier"),
    [
        ("google__gemma-3-270m", "phone"),
        ("meta-llama__Llama-3.2-1B", "phone"),
        ("microsoft__bitnet-b1.58-2B-4T", "phone"),
        # int4 4.1 GB (3.81 GiB) + 576 MiB KV > 3 GiB (75% of a 4 GiB phone)
        ("Qwen__Qwen3-8B", "laptop"),
        # int4 15.3 GB (14.2 GiB) + 384 MiB KV > 12 GiB, ≤ 18 GiB
        ("Qwen__Qwen3-30B-A3B", "gpu-24gb"),
        # int4 23.4 GB (21.7 GiB) + 512 MiB KV > 18 GiB, ≤ 60 GiB
        ("mistralai__Mixtral-8x7B-v0.1", "gpu-80gb"),
    ],
)
def test_device_tier(name, tier):
    assert device_tier(anatomy(name)) == tier


def test_device_tier_keeps_a_quarter_of_memory_free():
    fits = Anatomy("x", "llama", total_params=6 * GiB)  # int4: exactly 3 GiB = 75% of 4 GiB
    too_big = Anatomy("x", "llama", total_params=6 * GiB + 2)
    assert device_tier(fits) == "phone"
    assert device_tier(too_big) == "laptop"
    assert device_tier(Anatomy("x", "llama", total_params=200 * 2 * GiB)) == "server"
    assert DEVICE_TIERS[0] == ("phone", 4 * GiB)


def test_device_tier_counts_the_kv_cache():
    # Phi-3.5-mini: int4 1.78 GiB + 4,096 tokens × 32 layers × 2 × 32 × 96 × 2 B = 1.5 GiB > 3 GiB;
    # Phi-3-mini-4k has the same weights but caches only 2,047 tokens per layer.
    assert device_tier(anatomy("microsoft__Phi-3.5-mini-instruct")) == "laptop"
    assert device_tier(anatomy("microsoft__Phi-3-mini-4k-instruct")) == "phone"


def test_tiers_by_precision():
    # Llama 3.1 8B + 512 MiB of KV: bf16 14.96 GiB, int8 7.48 GiB, int4 3.74 GiB
    assert tiers_by_precision(anatomy("meta-llama__Llama-3.1-8B")) == {
        "bf16": "gpu-24gb",
        "int8": "laptop",
        "int4": "laptop",
    }
    assert set(tiers_by_precision(anatomy("microsoft__bitnet-b1.58-2B-4T"))) == {"bf16", "int8", "int4", "ternary"}


def test_flops_per_token_is_twice_the_active_parameters():
    a = anatomy("mistralai__Mixtral-8x7B-v0.1")
    assert close(flops_per_token(a), 2 * 12.9 * B)  # blog: 12.9B parameters per token
    assert flops_per_token(anatomy("openai-community__gpt2")) == 2 * 124_439_808


# --- graceful degradation --------------------------------------------------------------


def test_unknown_architecture_gives_notes_not_numbers():
    a = derive(config("state-spaces__mamba-130m-hf") | {"model_type": "rwkv"})  # a model_type with no record
    assert (a.model_type, a.architecture) == ("rwkv", "unknown")
    assert (a.hidden_size, a.layers, a.vocab_size) == (768, 24, 50280)
    assert a.total_params is None and a.active_params is None and a.layer_attention == ()
    assert kv_cache_bytes(a, 4096) is None and kv_cache_bytes_per_token(a) is None
    assert weight_bytes(a) == {} and device_tier(a) == "unknown" and flops_per_token(a) is None
    assert any("no counting rule for model_type 'rwkv'" in note for note in a.notes)
    json.dumps(summary(a))


def test_missing_hidden_size_leaves_counts_empty_with_a_note():
    cfg = config("meta-llama__Llama-3.2-1B")
    del cfg["hidden_size"]
    a = derive(cfg)
    assert (a.total_params, a.hidden_size, a.architecture) == (None, None, "llama")
    assert (a.layers, a.heads, a.kv_heads, a.head_dim) == (16, 32, 8, 64)
    assert any("hidden_size" in note for note in a.notes)


def test_missing_context_length_is_none_with_a_note():
    a = anatomy("Qwen__Qwen2.5-1.5B")
    assert a.context_length is None
    assert any("max_position_embeddings" in note for note in a.notes)


def test_no_model_type_at_all():
    cfg = config("meta-llama__Llama-3.2-1B")
    del cfg["model_type"]
    a = derive(cfg)
    assert (a.architecture, a.total_params) == ("unknown", None)
    assert any("(none)" in note for note in a.notes)


@pytest.mark.parametrize("value", [None, [], {}, 42, "a string", 3.5])
def test_a_config_that_is_not_an_object(value):
    a = derive(value)
    assert a.architecture == "unknown" and a.notes
    json.dumps(summary(a))


BAD_VALUES = ["thirty-two", -1, 0, 2.5, None, True, [], {}, [1, "x"], {"type": None}, float("nan")]


@pytest.mark.parametrize(
    "name",
    [
        "google__gemma-3-4b-it",
        "Qwen__Qwen3-30B-A3B",
        "HuggingFaceTB__SmolLM3-3B",
        "microsoft__Phi-4-mini-instruct",
        "openai-community__gpt2",
    ],
)
def test_no_bad_value_anywhere_raises(name):
    original = config(name)
    targets = [(original, key) for key in original]
    targets += [(original["text_config"], key) for key in original.get("text_config", {})]
    for bad in BAD_VALUES:
        for where, key in targets:
            cfg = copy.deepcopy(original)
            inner = cfg["text_config"] if where is not original else cfg
            inner[key] = bad
            a = derive(cfg)
            json.dumps(summary(a), allow_nan=False)


def test_a_bad_integer_is_named_in_a_note():
    a = derive(config("meta-llama__Llama-3.2-1B") | {"num_hidden_layers": "sixteen"})
    assert a.layers is None and a.total_params is None
    assert any("num_hidden_layers = 'sixteen' is not a positive integer" in note for note in a.notes)


def test_reference_configs_read_without_trouble_notes():
    for name in ALL_CONFIGS:
        a = anatomy(name)
        assert not any("could not be derived" in note or "ignored" in note for note in a.notes), name


# --- the inspect object and its documentation -------------------------------------------

REQUIRED_SUMMARY_KEYS = {
    "total_params",
    "active_params",
    "embedding_params",
    "non_embedding_params",
    "layers",
    "hidden_size",
    "heads",
    "kv_heads",
    "head_dim",
    "vocab_size",
    "context_length",
    "kv_cache_bytes_per_token",
    "weight_bytes",
    "device_tier",
    "tied_embeddings",
    "experts",
    "experts_per_token",
    "attention_pattern",
    "rope_theta",
    "rope_scaling",
    "flops_per_token",
    "model_type",
    "notes",
}


@pytest.mark.parametrize("name", ALL_CONFIGS)
def test_summary_is_complete_and_json_serialisable(name):
    s = summary(anatomy(name))
    assert set(s) >= REQUIRED_SUMMARY_KEYS
    assert json.loads(json.dumps(s)) == s


def test_summary_values_for_one_model():
    s = summary(anatomy("meta-llama__Llama-3.2-1B"))
    assert s["total_params"] == 1_235_814_400
    assert (s["layers"], s["hidden_size"], s["heads"], s["kv_heads"], s["head_dim"]) == (16, 2048, 32, 8, 64)
    assert (s["vocab_size"], s["context_length"], s["rope_theta"]) == (128256, 131072, 500000.0)
    assert s["weight_bytes"]["int4"] == 1_235_814_400 // 2
    assert s["kv_cache_bytes_per_token"] == 32768
    assert s["attention_pattern"] == "all global"
    assert s["device_tier"] == "phone"


def test_every_summary_key_has_a_formula():
    keys = set(summary(anatomy("google__gemma-3-4b-it"))) - {"notes"}
    documented = {  # the keys README promises for `inspect --json`, and more
        "total_params", "active_params", "embedding_params", "non_embedding_params", "layers", "hidden_size",
        "heads", "kv_heads", "head_dim", "vocab_size", "context_length", "kv_cache_bytes_per_token",
        "weight_bytes", "device_tier", "attention_pattern", "kv_cache_bf16", "kv_cache_fp8", "sliding_window",
    }  # fmt: skip
    assert documented <= keys, documented - keys
    assert keys == set(FORMULAS)
    assert all(isinstance(text, str) and text.strip() for text in FORMULAS.values())


def test_kv_formula_text_names_its_factors():
    assert FORMULAS["kv_cache_bytes_per_token"].startswith(
        "2 (K and V) × layers × kv_heads × head_dim × 2 bytes (bf16)"
    )
    assert "layers × heads × (key head_dim + v_head_dim) × 2 bytes" in FORMULAS["kv_cache_bytes_per_token"]  # MLA


def test_attention_kind_from_head_counts():
    # Llama 2 7B: 32 query and 32 KV heads (MHA); Llama 3.2 1B: 32 and 8 (GQA)
    assert summary(anatomy("meta-llama__Llama-2-7b-hf"))["attention_kind"] == "MHA"
    assert summary(anatomy("meta-llama__Llama-3.2-1B"))["attention_kind"] == "GQA"
