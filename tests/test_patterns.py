"""The patterns page: the shared recipe computed from the shipped configs and dossiers, every
departure marked, every cell linked to evidence that exists on the exhibit page."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from support import html, text_of, with_class


@pytest.fixture(scope="module")
def patterns(real_site):
    return html((real_site / "patterns.html").read_text(encoding="utf-8"))


def recipe_rows(patterns) -> dict[str, list[tuple[str, bool]]]:
    """Model name → [(cell text without its evidence badge, departs?)] for the four traits."""
    table = with_class(patterns, "table", "patterns")[0]
    rows = {}
    for tr in table.find("tbody").iter("tr"):
        name = text_of(tr.find("th").find("a"))
        cells = []
        for td in tr.findall("td"):
            badge = " ".join(text_of(b) for b in with_class(td, "span", "prov"))
            hidden = " ".join(text_of(h) for h in with_class(td, "span", "visually-hidden"))
            text = text_of(td).replace("≠", "").replace(hidden, "").removesuffix(badge).strip()
            cells.append((text, "departs" in (td.get("class") or "")))
        rows[name] = cells
    return rows


def test_the_recipe_matrix_reads_the_configs(patterns):
    rows = recipe_rows(patterns)
    # By hand from the shipped config.json files:
    # Mistral 7B: silu with gate/up/down, 32 heads over 8 KV heads, full RoPE, RMSNorm.
    assert rows["Mistral 7B"] == [("SwiGLU", False), ("GQA", False), ("RoPE", False), ("RMSNorm", False)]
    # Phi-2: gelu_new two-matrix MLP, 32 heads = 32 KV heads, partial_rotary_factor 0.4, one LayerNorm per block.
    assert rows["Phi-2"] == [("GELU MLP", True), ("MHA", True), ("RoPE on 40% of each head", True),
                             ("LayerNorm, parallel block", True)]  # fmt: skip
    # Gemma 3: gelu_pytorch_tanh GLU; 270M and 1B have one KV head, 4B has 4 of 8; pre- and post-norms.
    assert rows["Gemma 3"] == [("GeGLU", True), ("MQA (270M, 1B) GQA (4B)", True), ("RoPE", False),
                               ("RMSNorm, before and after", True)]  # fmt: skip
    # SmolLM3: no_rope_layers switches RoPE off in every fourth of its 36 layers.
    assert rows["SmolLM3"][2] == ("RoPE; 9 of 36 layers without (NoPE)", True)
    # BitNet (2023) released no weights and its dossier, an ancestor's, describes no architecture.
    assert rows["BitNet"] == [("unknown", False)] * 4


def test_models_are_oldest_first_and_every_model_is_there(patterns, real_site):
    table = with_class(patterns, "table", "patterns")[0]
    years = [int(text_of(tr.find("th").find("small"))[:4]) for tr in table.find("tbody").iter("tr")]
    assert years == sorted(years)
    assert len(years) == len([p for p in (real_site / "specimens").glob("*.html")])


def test_the_whole_recipe_is_counted(patterns):
    line = next(p for p in patterns.iter("p") if text_of(p).startswith("All four together"))
    named = {text_of(a) for a in line.iter("a")}
    assert named == {"Mistral 7B", "Mixtral 8x7B", "Llama 3", "Qwen2", "Llama 3.1", "Qwen2.5", "Llama 3.2", "Qwen3"}
    assert text_of(line).startswith("All four together: 8 of 27")


def test_every_cell_links_to_evidence_that_exists(patterns, real_site):
    checked = 0
    for table in with_class(patterns, "table", "patterns") + with_class(patterns, "table", "differences"):
        for a in table.find("tbody").iter("a"):
            href = a.get("href") or ""
            parts = urlsplit(href)
            if parts.scheme:  # a licence text elsewhere
                continue
            target = (real_site / parts.path).resolve()
            assert target.is_file(), href
            if parts.fragment:
                ids = {el.get("id") for el in html(target.read_text(encoding="utf-8")).iter() if el.get("id")}
                assert parts.fragment in ids, href
            checked += 1
    assert checked > 27 * 4


def test_stages_after_pre_training_link_to_their_step(patterns):
    table = with_class(patterns, "table", "differences")[0]
    row = next(tr for tr in table.find("tbody").iter("tr") if text_of(tr.find("th").find("a")) == "Llama 3.2")
    chips = [(text_of(a), a.get("href")) for a in with_class(row, "ol", "chips")[0].iter("a")]
    # The dossier's recipe starts after pre-training: prune, distill, SFT, rejection sampling, DPO (steps 1–5).
    assert [text for text, _ in chips] == ["prune", "distill", "SFT", "rejection sampling", "DPO"]
    assert Path(chips[0][1]).name == "llama-3-2.html#step-1"
