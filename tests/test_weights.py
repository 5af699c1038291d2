"""The second witness: safetensors header counts, from the Hub (the real huggingface_hub client
against the fake Hub) and from files on disk built by hand; recorded by refresh, shown by inspect."""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from museum import hub
from museum.anatomy import derive, summary, with_header_count
from museum.commands.inspect import inspect

import fakehub

# a Llama of small sizes, counted by hand: 2 × 100 × 64 tables; per layer q 64×64, k and v 64×32,
# o 64×64, MLP 3 × 64 × 128, two norms of 64; a final norm of 64
TINY = {"model_type": "llama", "hidden_size": 64, "num_hidden_layers": 2, "num_attention_heads": 4,
        "num_key_value_heads": 2, "intermediate_size": 128, "vocab_size": 100, "max_position_embeddings": 256,
        "tie_word_embeddings": False}  # fmt: skip
TINY_TOTAL = 2 * 100 * 64 + 2 * (64 * 64 + 2 * 64 * 32 + 64 * 64 + 3 * 64 * 128 + 2 * 64) + 64


def tiny_tensors(layers=range(2)) -> dict[str, tuple[str, list[int]]]:
    tensors: dict[str, tuple[str, list[int]]] = {}
    for i in layers:
        p = f"model.layers.{i}."
        tensors |= {
            p + "self_attn.q_proj.weight": ("BF16", [64, 64]), p + "self_attn.k_proj.weight": ("BF16", [32, 64]),
            p + "self_attn.v_proj.weight": ("BF16", [32, 64]), p + "self_attn.o_proj.weight": ("BF16", [64, 64]),
            p + "mlp.gate_proj.weight": ("BF16", [128, 64]), p + "mlp.up_proj.weight": ("BF16", [128, 64]),
            p + "mlp.down_proj.weight": ("BF16", [64, 128]), p + "input_layernorm.weight": ("F32", [64]),
            p + "post_attention_layernorm.weight": ("F32", [64]),
        }  # fmt: skip
    return tensors


EDGES = {"model.embed_tokens.weight": ("BF16", [100, 64]), "lm_head.weight": ("BF16", [100, 64]),
         "model.norm.weight": ("F32", [64])}  # fmt: skip
F32_COUNT = 2 * 2 * 64 + 64  # the norms, stored in F32 above
BF16_COUNT = TINY_TOTAL - F32_COUNT
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def fake():
    state = fakehub.FakeHub()
    server = fakehub.serve(state)
    yield state
    fakehub.stop(server)


def config_file(extra: dict[str, bytes] | None = None) -> dict[str, bytes]:
    return {"config.json": fakehub.config_bytes(TINY), **(extra or {})}


# --- on the Hub ------------------------------------------------------------------------------


def test_one_file_is_read_with_a_ranged_request(fake):
    fake.add_files("org/tiny", config_file({"model.safetensors": fakehub.safetensors_file(tiny_tensors() | EDGES)}))
    counts = hub.fetch_header_count("org/tiny", "main", endpoint=fake.url, timeout=2.0)
    assert counts == {"BF16": BF16_COUNT, "F32": F32_COUNT}
    assert ("HEAD", "/org/tiny/resolve/main/model.safetensors") in fake.log
    assert fake.requests("GET") == ["/org/tiny/resolve/main/model.safetensors"]  # the header only


def test_shards_are_found_through_the_index_and_long_headers_read_twice(fake, tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "cache"))
    first = fakehub.safetensors_file(tiny_tensors([0]) | EDGES, pad_header=150_000)  # longer than one read
    second = fakehub.safetensors_file(tiny_tensors([1]))
    index = {"metadata": {"total_size": 0},
             "weight_map": {name: "model-00001-of-00002.safetensors" for name in tiny_tensors([0]) | EDGES}
             | {name: "model-00002-of-00002.safetensors" for name in tiny_tensors([1])}}  # fmt: skip
    fake.add_files("org/sharded", config_file({"model.safetensors.index.json": json.dumps(index).encode(),
                                               "model-00001-of-00002.safetensors": first,
                                               "model-00002-of-00002.safetensors": second}))  # fmt: skip
    counts = hub.fetch_header_count("org/sharded", "main", endpoint=fake.url, timeout=2.0)
    assert sum(counts.values()) == TINY_TOTAL
    gets = fake.requests("GET")
    assert gets.count("/org/sharded/resolve/main/model-00001-of-00002.safetensors") == 2  # 0-100000, then the rest
    assert gets.count("/org/sharded/resolve/main/model-00002-of-00002.safetensors") == 1


def test_a_repo_without_safetensors_says_so(fake):
    fake.add_files("org/bin", config_file({"pytorch_model.bin": b"x"}))
    with pytest.raises(hub.FetchError) as raised:
        hub.fetch_header_count("org/bin", "main", endpoint=fake.url, timeout=2.0)
    assert (raised.value.kind, raised.value.message) == ("no-safetensors", "org/bin@main has no safetensors weights")


def test_a_missing_repo_is_explained_like_config_json(fake):
    with pytest.raises(hub.FetchError) as raised:
        hub.fetch_header_count("org/nothing", "main", endpoint=fake.url, timeout=2.0)
    assert raised.value.kind in ("repo-not-found", "no-safetensors")


# --- on disk ---------------------------------------------------------------------------------


def write_model(folder, files: dict[str, bytes]) -> None:
    folder.mkdir(exist_ok=True)
    (folder / "config.json").write_text(json.dumps(TINY))
    for name, body in files.items():
        (folder / name).write_bytes(body)


def test_local_headers_are_summed_over_every_file(tmp_path):
    write_model(tmp_path / "m", {"a.safetensors": fakehub.safetensors_file(tiny_tensors([0]) | EDGES),
                                 "b.safetensors": fakehub.safetensors_file(tiny_tensors([1]))})  # fmt: skip
    assert hub.read_local_counts(tmp_path / "m") == {"BF16": BF16_COUNT, "F32": F32_COUNT}
    assert hub.read_local_counts(tmp_path) is None  # no safetensors file here


@pytest.mark.parametrize(
    ("body", "why"),
    [
        (b"\x01\x02", "shorter than the 8-byte header length"),
        (struct.pack("<Q", 50) + b"{}", "ends inside its header"),
        (struct.pack("<Q", 2) + b"[]", "its header is a JSON array, not an object"),
        (struct.pack("<Q", 200_000_000), "declares a 200,000,000-byte header"),
    ],
)
def test_a_broken_local_file_is_named(tmp_path, body, why):
    write_model(tmp_path / "m", {"model.safetensors": body})
    with pytest.raises(ValueError, match="not a readable safetensors file") as raised:
        hub.read_local_counts(tmp_path / "m")
    assert why in str(raised.value) and "model.safetensors" in str(raised.value)


def test_inspect_a_local_folder_prints_both_witnesses(tmp_path):
    write_model(tmp_path / "m", {"model.safetensors": fakehub.safetensors_file(tiny_tensors() | EDGES)})
    text = inspect(str(tmp_path / "m"))
    assert f"{TINY_TOTAL:,}" in text
    assert f"{TINY_TOTAL:,} parameters in the safetensors headers (BF16 {BF16_COUNT:,}, F32 {F32_COUNT:,})" in text
    s = json.loads(inspect(str(tmp_path / "m"), as_json=True))
    assert s["safetensors_params"] == s["total_params"] == TINY_TOTAL
    assert s["safetensors_params_by_dtype"] == {"BF16": BF16_COUNT, "F32": F32_COUNT}


def test_inspect_shows_a_disagreement_with_both_numbers(tmp_path):
    extra = {"model.layers.0.self_attn.rotary_emb.inv_freq": ("F32", [8])}  # an old checkpoint's buffer
    write_model(tmp_path / "m", {"model.safetensors": fakehub.safetensors_file(tiny_tensors() | EDGES | extra)})
    s = json.loads(inspect(str(tmp_path / "m"), as_json=True))
    assert (s["safetensors_params"], s["total_params"]) == (TINY_TOTAL + 8, TINY_TOTAL)
    assert (
        f"the safetensors headers hold {TINY_TOTAL + 8:,} numbers, config.json gives {TINY_TOTAL:,} parameters (+8)"
        in s["notes"]
    )


def test_inspect_a_hub_repo_through_the_fake_hub(fake, tmp_path):
    """The real CLI in a subprocess (HF_ENDPOINT must be set before huggingface_hub is imported)."""
    fake.add_files("org/tiny", config_file({"model.safetensors": fakehub.safetensors_file(tiny_tensors() | EDGES)}))
    env = {**os.environ, "HF_ENDPOINT": fake.url, "HF_HOME": str(tmp_path / "hf"), "HF_HUB_DISABLE_TELEMETRY": "1",
           "HF_HUB_DISABLE_XET": "1"}  # fmt: skip
    env.pop("HF_TOKEN", None)
    command = [sys.executable, str(REPO / "build.py"), "inspect", "org/tiny"]
    text = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60, check=True).stdout
    assert f"{TINY_TOTAL:,} parameters in the safetensors headers" in text and "agrees with config.json" in text
    done = subprocess.run([*command, "--json"], capture_output=True, text=True, env=env, timeout=60, check=True)
    s = json.loads(done.stdout)
    assert s["safetensors_params"] == s["total_params"] == TINY_TOTAL


def test_the_witness_note_names_quantised_storage():
    cfg = {**TINY, "quantization_config": {"quant_method": "gptq", "bits": 4, "group_size": 128}}
    a = with_header_count(derive(cfg), {"I32": 1000, "F16": 50})
    assert any("stored as GPTQ 4-bit, groups of 128" in n for n in a.notes)
    assert summary(a)["safetensors_params"] == 1050


def test_agreeing_witnesses_add_no_note():
    a = derive(TINY)
    assert with_header_count(a, {"BF16": TINY_TOTAL}).notes == a.notes


# --- refresh records the count next to the snapshot --------------------------------------------


def refresh_tiny(fake, tmp_path, **options):
    target = hub.Target("tiny", "1B", "org/tiny", "main", "specimens/tiny.yaml", 7)
    options = {"endpoint": fake.url, "cache_dir": str(tmp_path / "cache"), "timeout": 2.0, "weights": True, **options}
    return hub.refresh([target], tmp_path / "_hub", **options)


def test_refresh_records_the_header_count_next_to_the_snapshot(fake, tmp_path):
    fake.add_files("org/tiny", config_file({"model.safetensors": fakehub.safetensors_file(tiny_tensors() | EDGES)}))
    (result,) = refresh_tiny(fake, tmp_path, check=True)
    assert result.weights == f"weights: {TINY_TOTAL:,} parameters in the safetensors headers (changed, not recorded)"
    assert not hub.weights_path(tmp_path / "_hub", "org/tiny").exists()
    (result,) = refresh_tiny(fake, tmp_path)
    path = hub.weights_path(tmp_path / "_hub", "org/tiny")
    assert path.name == "org__tiny.safetensors.json"
    assert result.weights == f"weights: {TINY_TOTAL:,} parameters in the safetensors headers (recorded in {path.name})"
    record = json.loads(path.read_text())
    assert record["parameters"] == {"BF16": BF16_COUNT, "F32": F32_COUNT} and record["total"] == TINY_TOTAL
    assert (record["repo"], record["revision"]) == ("org/tiny", "main")
    assert hub.read_weights(tmp_path / "_hub", "org/tiny") == {"BF16": BF16_COUNT, "F32": F32_COUNT}
    (again,) = refresh_tiny(fake, tmp_path)
    assert again.weights.endswith("(unchanged)")
    assert f"    {again.weights}" in hub.format_report([again]).splitlines()


def test_refresh_without_safetensors_records_nothing_and_does_not_fail(fake, tmp_path):
    fake.add_files("org/tiny", config_file())
    (result,) = refresh_tiny(fake, tmp_path)
    assert result.weights == "no safetensors weights on the Hub: no header count recorded"
    assert result.weights_problem is None and result.written
    assert hub.format_report([result]).endswith("1 variant: 1 changed, 0 unchanged, 0 failed")


def test_a_broken_recorded_count_is_an_error_naming_the_file(tmp_path):
    folder = tmp_path / "_hub"
    folder.mkdir()
    hub.weights_path(folder, "org/tiny").write_text('{"parameters": "many"}')
    with pytest.raises(ValueError, match=r'org__tiny\.safetensors\.json: no "parameters" object'):
        hub.read_weights(folder, "org/tiny")
