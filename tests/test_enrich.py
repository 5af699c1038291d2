"""Enrichment end to end: config.json snapshots → anatomy on the page → claims checked."""

import json
import os
import shutil
import subprocess
import sys

import pytest

from museum.anatomy.facts import rounding_unit
from museum.cli import main

import fakehub
from support import REPO, html, table_rows, text_of, tree_digest, with_class

LLAMA_1B = REPO / "specimens" / "_hub" / "meta-llama__Llama-3.2-1B.config.json"
HUB = "    hub: {repo: meta-llama/Llama-3.2-1B, revision: main, snapshot: exact}\n"


def with_snapshot(museum, variant_extra: str = "") -> None:
    (museum.root / "specimens" / "_hub").mkdir()
    shutil.copy(LLAMA_1B, museum.root / "specimens" / "_hub" / LLAMA_1B.name)
    museum.edit(
        "toy-2.yaml",
        "    context_length: {value: 131_072, source: card}\n",
        "    context_length: {value: 131_072, source: card}\n" + variant_extra + HUB,
    )


def test_rounding_unit_follows_the_claims_last_digit():
    assert rounding_unit(1_230_000_000) == 10_000_000
    assert rounding_unit(7_000_000_000) == 1_000_000_000
    assert rounding_unit(268_098_176) == 1
    assert rounding_unit(46_700_000_000) == 100_000_000


def test_anatomy_and_claims_on_the_page(museum, capsys):
    with_snapshot(museum, "    layers: {value: 16, source: card}\n    tied_embeddings: {value: true, source: card}\n")
    assert main(["build", "--root", str(museum.root)]) == 0
    assert "warning" not in capsys.readouterr().err
    page = html(museum.page("specimens/toy-2.html"))
    [table] = with_class(page, "table", "anatomy")
    rows = table_rows(table)
    # Llama 3.2 1B: 16 layers × 2048, 32/8 heads, tied; 1,235,814,400 weights (model card: 1.23B)
    assert rows["Total parameters"] == ["1,235,814,400 (1.24B)"]
    assert (rows["Layers"], rows["Hidden size"], rows["Query heads"], rows["Key/value heads"]) == (
        ["16"],
        ["2,048"],
        ["32"],
        ["8"],
    )
    assert rows["Query heads per KV head"] == ["4 : 1"]
    assert rows["KV cache per token"] == ["32 KiB"]  # 2 × 16 layers × 8 KV heads × 64 dims × 2 bytes = 32,768 B
    assert rows["Compute per token"] == ["2.47 GFLOPs"]  # 2 × 1,235,814,400
    assert "Active parameters per token" not in rows and "Vision encoder" not in rows  # dense, text only
    assert text_of(page).count("✓ agrees") == 4  # params (1.23B within 0.01B), context, layers, tied


def test_a_contradicted_claim_is_a_warning_and_shown(museum, capsys):
    with_snapshot(museum, "    layers: {value: 20, source: card}\n")
    assert main(["build", "--root", str(museum.root)]) == 0
    err = capsys.readouterr().err
    assert (
        "toy-2.yaml:15: warning: variants[0].layers: Toy 2 1B: the dossier claims 20 (Toy 2 model card) "
        "but config.json of meta-llama/Llama-3.2-1B@main shows 16"
    ) in err
    page = museum.page("specimens/toy-2.html")
    assert "✗ disagrees" in page and "1 disagrees without an explanation" in page


def test_a_disagreement_with_a_note_is_explained_not_warned(museum, capsys):
    note = "The card counts blocks differently."
    with_snapshot(museum, f"    layers: {{value: 20, source: card, note: {note}}}\n")
    assert main(["build", "--strict", "--root", str(museum.root)]) == 0
    assert capsys.readouterr().err == ""
    page = html(museum.page("specimens/toy-2.html"))
    [row] = [r for r in with_class(page, "tr", "verdict-row--explained")]
    assert text_of(row) == "1B Layers 20 1 16 ≠ explained a"  # size, claim, dossier (source 1), config, note a
    assert text_of(page.find(".//li[@id='size-note-a']")) == f"a {note}"


def test_strict_turns_the_warning_into_a_failure(museum, capsys):
    with_snapshot(museum)
    assert main(["build", "--root", str(museum.root)]) == 0
    before = tree_digest(museum.site, search_index=True)
    museum.edit("toy-2.yaml", "value: 131_072", "value: 8_192")
    assert main(["build", "--strict", "--root", str(museum.root)]) == 1
    assert "0 error(s), 1 warning(s): nothing was written" in capsys.readouterr().err
    assert tree_digest(museum.site, search_index=True) == before


def test_missing_snapshot_is_an_error_with_a_fix(museum, capsys):
    museum.edit(
        "toy-2.yaml",
        "    context_length: {value: 131_072, source: card}\n",
        "    context_length: {value: 131_072, source: card}\n" + HUB,
    )
    assert main(["check", "--root", str(museum.root)]) == 1
    err = capsys.readouterr().err.splitlines()
    snapshot = museum.root / "specimens" / "_hub" / "meta-llama__Llama-3.2-1B.config.json"
    assert err[0] == (
        f"{museum.root / 'specimens' / 'toy-2.yaml'}:15: variants[0].hub: "
        f"the config.json snapshot {snapshot} is missing"
    )
    assert err[1] == "  hint: run `museum hub refresh toy-2` to fetch it from the Hub"


def test_inspect_json_keys(capsys):
    assert (
        main(["inspect", str(REPO / "specimens" / "_hub" / "mistralai__Mixtral-8x7B-v0.1.config.json"), "--json"]) == 0
    )
    data = json.loads(capsys.readouterr().out)
    for key in (
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
    ):
        assert key in data, key
    assert round(data["total_params"] / 1e9, 1) == 46.7  # Mistral AI: 46.7B total
    assert round(data["active_params"] / 1e9, 1) == 12.9  # and 12.9B per token
    assert set(data["weight_bytes"]) >= {"bf16", "int8", "int4"}


def test_inspect_a_config_the_museum_has_never_seen(capsys):
    # TinyLlama-1.1B: its card says 1.1B parameters
    assert (
        main(["inspect", str(REPO / "tests" / "data" / "configs" / "TinyLlama__TinyLlama-1.1B-Chat-v1.0.config.json")])
        == 0
    )
    out = capsys.readouterr().out
    assert "1.1B total" in out and "22 × hidden 2,048" in out and "32 query / 4 KV heads" in out


@pytest.fixture
def hub_cli(museum, tmp_path):
    """A fake Hub, and `museum hub refresh toy-2 …` run by the real CLI in a subprocess against it
    (HF_ENDPOINT must be set before huggingface_hub is imported)."""
    state = fakehub.FakeHub()
    server = fakehub.serve(state)
    env = {**os.environ, "HF_ENDPOINT": state.url, "HF_HOME": str(tmp_path / "hf"),
           "HF_HUB_DISABLE_TELEMETRY": "1", "HF_HUB_DISABLE_XET": "1"}  # fmt: skip
    env.pop("HF_TOKEN", None)

    def refresh(*extra: str) -> subprocess.CompletedProcess[str]:
        command = [
            sys.executable,
            str(REPO / "build.py"),
            "hub",
            "refresh",
            "toy-2",
            *extra,
            "--root",
            str(museum.root),
        ]
        return subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)

    yield state, refresh
    fakehub.stop(server)


def test_hub_refresh_command_against_a_fake_hub(museum, hub_cli):
    state, refresh = hub_cli
    with_snapshot(museum)
    changed = json.loads(LLAMA_1B.read_text())
    changed["rope_theta"] = 1_000_000.0
    state.add("meta-llama/Llama-3.2-1B", changed)
    drift = refresh("--check")
    assert drift.returncode == 1
    assert "rope_theta: 500000.0 → 1000000.0" in drift.stdout
    snapshot = museum.root / "specimens" / "_hub" / LLAMA_1B.name
    assert json.loads(snapshot.read_text())["rope_theta"] == 500000.0
    done = refresh()
    assert done.returncode == 0, done.stderr
    assert json.loads(snapshot.read_text())["rope_theta"] == 1_000_000.0
    state.repos.clear()
    gone = refresh()
    assert gone.returncode == 1 and "Traceback" not in gone.stderr + gone.stdout
    assert "repository meta-llama/Llama-3.2-1B not found on the Hub" in gone.stdout + gone.stderr


def test_hub_refresh_creates_a_missing_snapshot(museum, hub_cli, capsys):
    """README step 2: a new dossier has no snapshot yet; `museum hub refresh SLUG` fetches it."""
    state, refresh = hub_cli
    museum.edit("toy-2.yaml", "    context_length: {value: 131_072, source: card}\n",
                "    context_length: {value: 131_072, source: card}\n" + HUB)  # fmt: skip
    assert main(["check", "--root", str(museum.root)]) == 1  # the snapshot is missing
    capsys.readouterr()
    state.add("meta-llama/Llama-3.2-1B", json.loads(LLAMA_1B.read_text()))
    done = refresh()
    assert done.returncode == 0, done.stderr
    assert "toy-2 1B (meta-llama/Llama-3.2-1B@main): changed" in done.stdout
    snapshot = museum.root / "specimens" / "_hub" / LLAMA_1B.name
    assert json.loads(snapshot.read_text()) == json.loads(LLAMA_1B.read_text())
    assert main(["check", "--strict", "--root", str(museum.root)]) == 0
