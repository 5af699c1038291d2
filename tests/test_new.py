"""`museum new`: a dossier pre-filled from config.json, placeholders a person fills, nothing overwritten."""

from __future__ import annotations

import json

import pytest

from museum.cli import main
from museum.commands.new import new_dossier
from museum.project import Project

import fakehub
from support import REPO

QWEN = REPO / "tests" / "data" / "configs" / "Qwen__Qwen2.5-0.5B.config.json"

# What a person writes in place of each placeholder (left) — the rest came from config.json.
FILLED = {
    "name: TODO the model's display name": "name: Toy Qwen",
    "organisation: TODO who made it": "organisation: Example Lab",
    "family: TODO  #": "family: toy  #",
    "{date: TODO, source: card}": "{date: 2024-09-19, source: card}",
    "license: {name: TODO, url: TODO, spdx: TODO, source: card}":
        'license: {name: Apache 2.0, url: "https://www.apache.org/licenses/LICENSE-2.0", spdx: Apache-2.0, source: card}',
    "headline: TODO the one-line thesis shown on the placard": "headline: A small toy.",
    "  TODO a few paragraphs in your own words.": "  Written by a person.",
    "label: 494M  # TODO the makers' own size label": "label: 0.5B",
    "tokens: {value: TODO, source: card}": "tokens: {value: 18_000_000_000_000, source: card}",
    "data_strategy: TODO what the training data was and why": "data_strategy: Web text.",
    "detail: TODO what this stage did": "detail: Next-token prediction.",
    "normalisation: TODO": "normalisation: rmsnorm",
    "activation: TODO": "activation: swiglu",
    "position: TODO": "position: rope",
    "uses: [TODO one use per item]": "uses: [tests]",
    "{id: card, title: TODO the model card's title, url: TODO, kind: model-card}":
        '{id: card, title: Toy card, url: "https://example.org/card", kind: model-card}',
}  # fmt: skip


def test_new_from_config_prefills_what_config_json_says(museum, capsys):
    assert main(["new", "toy-qwen", "--from-config", str(QWEN), "--root", str(museum.root)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("wrote ") and out[0].endswith("specimens/toy-qwen.yaml and "
                                                            f"{museum.root}/specimens/_hub/your-org__toy-qwen.config.json")  # fmt: skip
    assert out[1] == "left to fill in (8):"
    assert out[2].endswith("specimens/toy-qwen.yaml:8: family: 'TODO' does not match the expected format: "
                           "lowercase letters, digits and single hyphens")  # fmt: skip
    text = (museum.root / "specimens" / "toy-qwen.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=_schema/dossier.schema.json"
    for line in ("    params: {value: 494_032_768, source: config}",
                 "    context_length: {value: 32_768, source: config}",
                 "    vocab_size: {value: 151_936, source: config}",
                 "    layers: {value: 24, source: config}",
                 "    heads: {value: 14, source: config}",
                 "    kv_heads: {value: 2, source: config}",
                 "    tied_embeddings: {value: true, source: config}",
                 "    hub: {repo: your-org/toy-qwen, revision: main, snapshot: exact}  # pin a commit id when you can",
                 "  attention: gqa"):  # fmt: skip
        assert line in text.splitlines()
    snapshot = museum.root / "specimens" / "_hub" / "your-org__toy-qwen.config.json"
    assert json.loads(snapshot.read_text(encoding="utf-8")) == json.loads(QWEN.read_text(encoding="utf-8"))


def test_once_its_placeholders_are_filled_the_new_dossier_validates(museum, capsys):
    assert main(["new", "toy-qwen", "--from-config", str(QWEN), "--root", str(museum.root)]) == 0
    path = museum.root / "specimens" / "toy-qwen.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in FILLED.items():
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert main(["check", "--strict", "--root", str(museum.root)]) == 0, capsys.readouterr().err


def test_a_text_placeholder_left_is_an_error(museum, capsys):
    museum.edit("toy-2.yaml", "headline: A toy model that exists only in tests.", "headline: TODO the thesis")
    assert main(["check", "--root", str(museum.root)]) == 1
    assert (
        capsys.readouterr().err.splitlines()[0].endswith("toy-2.yaml:8: headline: still a placeholder: TODO the thesis")
    )


def test_new_refuses_to_overwrite(museum, capsys):
    before = (museum.root / "specimens" / "toy-2.yaml").read_bytes()
    assert main(["new", "toy-2", "--root", str(museum.root)]) == 1
    assert capsys.readouterr().out.endswith("specimens/toy-2.yaml already exists: nothing was written\n")
    assert (museum.root / "specimens" / "toy-2.yaml").read_bytes() == before


def test_new_refuses_a_bad_slug(museum, capsys):
    assert main(["new", "Toy_3", "--root", str(museum.root)]) == 1
    assert capsys.readouterr().out == "Toy_3: not a slug: use lowercase letters, digits and hyphens (phi-3-5-mini)\n"
    assert not (museum.root / "specimens" / "Toy_3.yaml").exists()


def test_new_registers_no_family(museum, capsys):
    families = (museum.root / "specimens" / "_families.yaml").read_bytes()
    assert main(["new", "toy-3", "--root", str(museum.root)]) == 0
    assert (museum.root / "specimens" / "_families.yaml").read_bytes() == families


@pytest.fixture
def fake_hub():
    state = fakehub.FakeHub()
    server = fakehub.serve(state)
    yield state
    fakehub.stop(server)


def test_new_from_the_hub(museum, fake_hub, monkeypatch, tmp_path):
    config = json.loads(QWEN.read_text(encoding="utf-8"))
    fake_hub.add("org/tiny-qwen", config)
    monkeypatch.delenv("HF_TOKEN", raising=False)
    monkeypatch.setattr("huggingface_hub.constants.HF_HUB_CACHE", str(tmp_path / "hf-cache"))
    text, status = new_dossier(Project(museum.root), "tiny-qwen", None, "org/tiny-qwen", endpoint=fake_hub.url)
    assert status == 0 and text.startswith("wrote ")
    text = (museum.root / "specimens" / "tiny-qwen.yaml").read_text(encoding="utf-8")
    assert "    hub: {repo: org/tiny-qwen, revision: main, snapshot: exact}  # pin a commit id when you can" in text
    assert "# Started by `museum new` from org/tiny-qwen on the Hub." in text
    snapshot = museum.root / "specimens" / "_hub" / "org__tiny-qwen.config.json"
    assert json.loads(snapshot.read_text(encoding="utf-8")) == config
