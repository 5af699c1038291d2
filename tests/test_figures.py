"""Figures: architecture diagrams, layer strips and family trees, from configs to SVG on the page.

Expected values are read off the configs in specimens/_hub/ by hand (named next to each), never
computed by the code under test.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from museum.anatomy import derive
from museum.catalog.lineage import edges
from museum.cli import main
from museum.commands.build import gather
from museum.figures import FigureCache, Figures
from museum.figures.architecture import architecture_dot
from museum.figures.lineage import tree_dot
from museum.figures.render import dot_to_svg, inline
from museum.figures.strip import rows, strip_svg
from museum.project import Project

from support import REPO, html, links, text_of, tree_digest, with_class

HUB = REPO / "specimens" / "_hub"


def anatomy(name: str):
    return derive(json.loads((HUB / f"{name}.config.json").read_text()))


def node_label(dot: str, name: str) -> str:
    """The label text of one node, markup removed: 'Attention · GQA 4 : 1 | 32 query / …'."""
    match = re.search(rf'^\s*"{re.escape(name)}" \[.*?label=<(.*?)>[ \]]', dot, re.M)
    assert match, f"no node {name!r}"
    return re.sub(r"<[^>]+>", " | ", match[1]).replace("&#x27;", "'").strip(" |").replace(" |  | ", " | ")


def node_classes(dot: str, name: str) -> str:
    match = re.search(rf'^\s*"{re.escape(name)}" \[.*class="([^"]*)"', dot, re.M)
    return match[1] if match else ""


# --- architecture diagrams: each specimen's twist ----------------------------------------


def test_mixtral_router_with_experts_and_top_k():
    dot = architecture_dot(anatomy("mistralai__Mixtral-8x7B-v0.1"))  # num_local_experts 8, num_experts_per_tok 2
    assert node_label(dot, "router") == "Router | 8 experts, top-2"
    assert node_label(dot, "experts").startswith("2 of 8 experts | each a SwiGLU | 4,096 → 14,336 → 4,096")
    assert '"ffn" [' not in dot


def test_qwen3_moe_router_in_every_layer_and_qk_norm():
    dot = architecture_dot(anatomy("Qwen__Qwen3-30B-A3B"))  # 128 experts, top-8, moe_intermediate_size 768
    assert node_label(dot, "router") == "Router | 128 experts, top-8"
    assert "QK-norm" in node_label(dot, "attention")


def test_gemma3_local_global_pattern_window_and_post_norms():
    dot = architecture_dot(anatomy("google__gemma-3-1b-it"))  # sliding_window 512, pattern 6, 4 query / 1 KV
    attention = node_label(dot, "attention")
    assert attention.startswith("Attention · MQA | 4 query / 1 KV heads × 256")
    assert "5 local (512-token window) : 1 global" in attention
    assert node_label(dot, "post 1") == "RMSNorm (after)" and node_label(dot, "post 2") == "RMSNorm (after)"
    assert node_classes(dot, "attention") == "departure"  # MQA is not the shared recipe's GQA
    assert node_label(dot, "ffn").startswith("GeGLU") and node_classes(dot, "ffn") == "departure"


def test_mistral_sliding_window_on_every_layer():
    dot = architecture_dot(anatomy("mistralai__Mistral-7B-v0.1"))  # sliding_window 4096
    assert "sliding window 4,096 on every layer" in node_label(dot, "attention")
    assert node_classes(dot, "attention") == "attention"  # 32 query / 8 KV heads: GQA, the shared recipe


def test_smollm3_nope_every_fourth_layer():
    a = anatomy("HuggingFaceTB__SmolLM3-3B")  # 36 layers, no_rope_layers: 0 at every 4th
    dot = architecture_dot(a)
    assert node_label(dot, "positions") == "Positions | RoPE | 9 of 36 layers without (NoPE) | base 5,000,000"
    assert node_classes(dot, "positions") == "departure"
    [(row, kinds)] = rows(a)
    assert row == "attention"
    assert [i + 1 for i, k in enumerate(kinds) if k.key == "nope"] == [4, 8, 12, 16, 20, 24, 28, 32, 36]


def test_bitnet_ternary_weights_relu2_and_subln():
    dot = architecture_dot(anatomy("microsoft__bitnet-b1.58-2B-4T"))  # hidden_act relu2, quant_method bitnet
    assert node_label(dot, "ffn") == ("ReLU² GLU | 2,560 → 6,912 → 2,560 | ternary weights (−1, 0, +1) | "
                                      "+ RMSNorm inside (SubLN)")  # fmt: skip
    assert "ternary weights (−1, 0, +1)" in node_label(dot, "attention")
    assert node_classes(dot, "ffn") == "departure"  # ReLU² GLU, not SwiGLU


def test_phi_partial_rotary_longrope_and_parallel_block():
    phi4 = architecture_dot(anatomy("microsoft__Phi-4-mini-instruct"))  # partial_rotary_factor 0.75, longrope
    assert node_label(phi4, "positions").startswith("Positions | RoPE on 75% of each head")
    assert "longrope scaling" in node_label(phi4, "positions")
    phi2 = architecture_dot(anatomy("microsoft__phi-2"))  # one LayerNorm feeds attention and MLP
    assert '"add 1"' not in phi2 and '"add"' in phi2
    assert node_label(phi2, "norm 1") == "LayerNorm" and node_classes(phi2, "norm 1") == "departure"


def test_tied_and_untied_embeddings():
    tied = architecture_dot(anatomy("meta-llama__Llama-3.2-1B"))  # tie_word_embeddings true
    untied = architecture_dot(anatomy("meta-llama__Llama-3.1-8B"))  # false
    assert '"head" -> "embedding"' in tied and "shares the embedding's weights" in node_label(tied, "head")
    assert '"head" -> "embedding"' not in untied and "its own weights (untied)" in node_label(untied, "head")


def test_gqa_ratio_is_shown():
    dot = architecture_dot(anatomy("meta-llama__Llama-3.2-1B"))  # 32 query / 8 KV heads, head_dim 64
    assert node_label(dot, "attention").startswith("Attention · GQA 4 : 1 | 32 query / 8 KV heads × 64")


def from_test_data(path: str):
    return derive(json.loads((REPO / "tests" / "data" / path).read_text()))


def test_mla_is_drawn_with_its_cached_latent_not_as_plain_attention():
    # DeepSeek-V3's config.json: kv_lora_rank 512, qk_rope_head_dim 64, qk_nope_head_dim 128,
    # v_head_dim 128, q_lora_rank 1536, 128 heads, hidden 7168
    dot = architecture_dot(from_test_data("architectures/deepseek-ai__DeepSeek-V3.config.json"))
    attention = node_label(dot, "attention")
    assert attention.startswith("Multi-head latent attention (MLA) | 128 heads × q, k 128 + 64 RoPE, v 128")
    assert "queries through a 1,536 latent" in attention and "MHA" not in attention
    assert node_label(dot, "latent") == (
        "Key/value latent | 7,168 → 512 (+ 64 shared RoPE key) | "
        "cached: 576 values per token | expanded to 128 heads' keys and values"
    )
    assert '"latent" -> "attention"' in dot and node_classes(dot, "latent") == "departure"
    assert "decoupled: 64 of 192 query/key dims per head" in node_label(dot, "positions")
    lite = architecture_dot(from_test_data("architectures/deepseek-ai__DeepSeek-V2-Lite.config.json"))
    assert "queries projected at full rank" in node_label(lite, "attention")  # q_lora_rank null


def test_plain_attention_has_no_latent():
    assert '"latent"' not in architecture_dot(anatomy("meta-llama__Llama-3.2-1B"))


def test_mamba_is_drawn_as_a_stack_of_state_space_mixers():
    # mamba-130m-hf: hidden 768, 24 layers, intermediate 1536, state 16, conv kernel 4,
    # time_step_rank "auto" (ceil(768 / 16) = 48), vocab 50280, tied
    a = from_test_data("configs/state-spaces__mamba-130m-hf.config.json")
    dot = architecture_dot(a)
    assert dot is not None and '"attention"' not in dot and '"positions"' not in dot and '"ffn"' not in dot
    assert node_label(dot, "mixer") == (
        "Mamba mixer · selective scan | in_proj 768 → 2 × 1,536 | "
        "causal conv1d, kernel 4 | state 1,536 × 16, Δ rank 48 | "
        "out_proj 1,536 → 768 | no attention, no KV cache; no MLP"
    )
    assert "× 24 Mamba blocks" in dot
    assert '"head" -> "embedding"' in dot  # tied
    [(row, kinds)] = rows(a)
    assert row == "mixer" and len(kinds) == 24 and {k.key for k in kinds} == {"mamba"}
    assert strip_svg(a, "m", "mamba") is not None


def test_an_unknown_architecture_draws_nothing():
    assert architecture_dot(derive({"model_type": "mamba", "hidden_size": 768})) is None


# --- layer strip ------------------------------------------------------------------------


def test_strip_has_a_cell_per_layer_and_moe_row():
    a = anatomy("Qwen__Qwen3-30B-A3B")  # 48 layers, every one MoE
    svg = strip_svg(a, "s", "Layers")
    assert svg.count('<rect class="strip-global"') == 48 and svg.count('<rect class="strip-moe"') == 48
    assert "<title>layer 48: mixture-of-experts feed-forward</title>" in svg
    gemma = strip_svg(anatomy("google__gemma-3-4b-it"), "g", "Layers")  # 34 layers, 1024 window, 5:1
    assert gemma.count('class="strip-global"') == 5  # layers 6, 12, 18, 24, 30
    assert "<title>layer 6: global attention</title>" in gemma


# --- lineage: what changed along an edge ------------------------------------------------


@pytest.fixture(scope="module")
def catalog():
    found, _ = gather(Project(REPO))
    return found


def edge_changes(catalog, parent: str, child: str) -> list[str]:
    [edge] = [e for e in edges(catalog) if (e.parent.slug, e.child.slug) == (parent, child)]
    return edge.changes


def test_llama_3_1_to_3_2(catalog):
    # Llama 3.1 8B vs Llama 3.2 3B: same vocabulary, context and GQA; 3.2 ties its embeddings
    assert edge_changes(catalog, "llama-3-1", "llama-3-2") == ["Tied embeddings: no → yes"]


def test_phi_3_5_mini_to_phi_4_mini(catalog):
    assert edge_changes(catalog, "phi-3-5-mini", "phi-4-mini") == [
        "Vocabulary: 32,064 → 200,064",
        "Attention: MHA → GQA",
        "Positions: RoPE → RoPE on 75% of each head",
        "Tied embeddings: no → yes",
    ]


def test_mistral_to_mixtral(catalog):
    assert edge_changes(catalog, "mistral-7b", "mixtral-8x7b") == [
        "Attention pattern: all sliding(4096) → all global",  # Mixtral's config has sliding_window null
        "Experts per layer: none → 8",
        "Experts per token: none → 2",
    ]


def test_two_relations_between_the_same_models_make_one_edge(catalog):
    [edge] = [e for e in edges(catalog) if e.child.slug == "llama-3-2"]
    assert edge.relations == ("pruned_from", "distilled_from")


# --- the trees on the site --------------------------------------------------------------

NEW_FAMILY = """\
  - slug: tiny
    name: Tiny
    organisation: Other Lab
    blurb: A second family.
"""
SAME_ARCHITECTURE = """\
slug: tiny-1
name: Tiny 1
role: ancestor
organisation: Other Lab
family: {family}
released: {{date: 2025-01-01, source: card}}
license: {{name: MIT, url: "https://opensource.org/license/mit", source: card}}
headline: A copy of Toy 1's architecture.
summary: Built on Toy 1's design.
variants:
  - label: 1B
    params: {{value: 1_000_000_000, source: card}}
lineage:
  - {{parent: toy-1, relation: same_architecture_as, source: card}}
sources:
  - {{id: card, title: Tiny card, url: "https://example.org/tiny", kind: model-card}}
"""


def test_a_new_family_with_same_architecture_hangs_off_its_parent(museum):
    museum.write("_families.yaml", (museum.root / "specimens" / "_families.yaml").read_text() + NEW_FAMILY)
    museum.write("tiny-1.yaml", SAME_ARCHITECTURE.format(family="tiny"))
    catalog, _ = gather(Project(museum.root))
    forest = tree_dot(catalog, ["toy", "tiny"], lambda slug: slug)
    assert '"toy-1" -> "tiny-1"' in forest and "same architecture as" in forest
    toy_tree = tree_dot(catalog, ["toy"], lambda slug: slug)  # the child from another family is drawn too
    assert '"toy-1" -> "tiny-1"' in toy_tree and '"tiny-1" [' in toy_tree


def test_the_home_strip_follows_the_lineage_not_the_calendar(museum):
    museum.write("toy-0.yaml", SAME_ARCHITECTURE.format(family="toy").replace("tiny-1", "toy-0")
                 .replace("2025-01-01", "2023-06-01"))  # fmt: skip
    assert main(["build", "--root", str(museum.root)]) == 0
    strip = [text_of(li) for li in with_class(html(museum.page("index.html")), "li", "lineage-strip__item")]
    # released in June 2023, between Toy 1 (Feb 2023) and Toy 2 (May 2024), but Toy 2 descends from Toy 1
    assert [s.split(" ")[0:2] for s in strip] == [["Toy", "1"], ["Toy", "2"], ["Tiny", "1"]]
    assert strip[2].endswith("branches from Toy 1")


def test_specimen_pages_show_diagrams_strips_tree_and_inheritance(tmp_path):
    out = tmp_path / "site"
    assert main(["build", "--root", str(REPO), "--out", str(out)]) == 0
    page = html((out / "specimens" / "phi-4-mini.html").read_text())
    figures = [f.get("id") for f in page.iter("figure")]
    assert figures == ["arch-0", "strip-0", "tree", "fig-profile"]
    [table] = with_class(page, "table", "inherit")
    assert "Vocabulary 32,064 200,064 new" in text_of(table)
    assert "../specimens/phi-3-5-mini.html" in links(page)  # tree nodes link to their pages
    ids = [el.get("id") for el in page.iter() if el.get("id")]
    assert len(ids) == len(set(ids)), "ids must be unique on a page"
    for svg in page.iter("svg"):
        assert svg.find("title") is not None and svg.find("desc") is not None


def test_names_in_figures_are_escaped(museum):
    museum.edit("toy-2.yaml", "name: Toy 2", 'name: "Toy <b>2</b> & co"')
    assert main(["build", "--root", str(museum.root)]) == 0
    page = museum.page("specimens/toy-1.html")
    assert "<b>2</b>" not in page and "Toy &lt;b&gt;2&lt;/b&gt; &amp; co" in page


def test_trees_drawn_once_then_filled_in_are_the_trees_graphviz_draws(museum):
    """A tree is laid out without its tooltips or highlight, which are written into the SVG after:
    the bytes must be those of Graphviz drawing each page's tree whole, for every real tree and
    node, and for headlines full of characters that SVG escapes (or that Graphviz reads itself)."""
    catalog, _ = gather(Project(REPO))
    cases = [(catalog, [f.slug]) for f in catalog.families] + [(catalog, [f.slug for f in catalog.families])]
    for headline in ["""'Quotes "here" <there>, it''s a - b  c \u2014 ok.'""", "'Fish & chips \\N.'"]:
        museum.edit("toy-1.yaml", "headline: ", f"headline: {headline} # ")
        cases.append((gather(Project(museum.root))[0], ["toy"]))
    for cat, families in cases:
        figures = Figures(FigureCache(None))
        nodes = [None] if len(families) > 1 else [None, *(s.slug for s in cat.members(families[0]))]
        for here in nodes:
            fast = figures.tree(cat, families, lambda slug: f"{slug}.html", "t", here)
            whole = dot_to_svg(tree_dot(cat, families, lambda slug: f"{slug}.html", here))
            assert fast.svg == inline(whole, "t", fast.title, fast.desc), (families, here)


# --- rendering: deterministic, cached, and a clear error without dot --------------------


def test_builds_are_byte_identical_and_the_second_draws_nothing(tmp_path, capsys):
    first, second = tmp_path / "a", tmp_path / "b"
    assert main(["build", "--root", str(REPO), "--out", str(first)]) == 0
    capsys.readouterr()
    assert main(["build", "--root", str(REPO), "--out", str(second)]) == 0
    assert ": 0 drawn," in capsys.readouterr().out
    assert tree_digest(first) == tree_digest(second)


def test_a_clean_cache_draws_the_same_bytes(museum, tmp_path):
    assert main(["build", "--root", str(museum.root)]) == 0
    cached = tree_digest(museum.site)
    for f in (museum.root / ".cache" / "figures").rglob("*.svg"):
        f.unlink()
    assert main(["build", "--root", str(museum.root)]) == 0
    assert tree_digest(museum.site) == cached


def test_without_dot_the_build_says_how_to_install_it(museum, tmp_path):
    assert main(["build", "--root", str(museum.root)]) == 0
    before = tree_digest(museum.site, search_index=True)
    for f in (museum.root / ".cache").rglob("*.svg"):
        f.unlink()
    env = {**os.environ, "PATH": str(tmp_path / "empty")}
    result = subprocess.run([sys.executable, str(REPO / "build.py"), "--root", str(museum.root)],
                            capture_output=True, text=True, env=env)  # fmt: skip
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("graphviz: Graphviz's `dot` program is not installed, so the diagrams "
                                    "cannot be drawn\n  hint: install it: `sudo apt-get install graphviz`")  # fmt: skip
    assert "Traceback" not in result.stderr
    assert tree_digest(museum.site, search_index=True) == before
