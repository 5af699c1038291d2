"""Compare and device fit, driven in Debian's Chromium: the page's JavaScript against the Python
formulas, and the shareable compare URL."""

from __future__ import annotations

import json

import pytest

from museum.anatomy import derive, kv_cache_bytes, weight_bytes
from museum.cli import main
from museum.commands.build import gather
from museum.project import Project

from support import REPO

HUB = REPO / "specimens" / "_hub"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("tools") / "site"
    assert main(["build", "--root", str(REPO), "--out", str(out)]) == 0
    return out


def anatomy(name: str):
    return derive(json.loads((HUB / f"{name}.config.json").read_text()))


CASES = [  # (variant id on the page, snapshot, precision, tokens)
    ("gemma-3/1B", "google__gemma-3-1b-it", "int4", 4096),  # sliding layers cap their cache at 512
    ("gemma-3/4B", "google__gemma-3-4b-it", "bf16", 32768),
    ("qwen3/30B-A3B", "Qwen__Qwen3-30B-A3B", "int8", 40960),
    ("mistral-7b/7B", "mistralai__Mistral-7B-v0.1", "int4", 8192),  # window 4096 on every layer
    ("bitnet-b1-58-2b4t/2B", "microsoft__bitnet-b1.58-2B-4T", "ternary", 4096),
    ("llama-3-2/1B", "meta-llama__Llama-3.2-1B", "bf16", 131072),
    ("smollm3/3B", "HuggingFaceTB__SmolLM3-3B", "int4", 65536),
]


def test_device_fit_javascript_agrees_with_the_python_formulas(site, page):
    page.goto((site / "fit.html").as_uri())
    for variant, snapshot, precision, tokens in CASES:
        a = anatomy(snapshot)
        expected = weight_bytes(a)[precision] + kv_cache_bytes(a, tokens)
        assert page.evaluate("([v, p, t]) => window.museumFit.need(v, p, t)", [variant, precision, tokens]) == expected


SETTINGS = (("bf16", 4096), ("int8", 32768), ("int4", 131072))


def test_device_fit_agrees_on_every_variant_at_three_settings(site, page):
    """Every size the page lists, at three precisions and context lengths, against the Python formulas
    over the same config snapshot."""
    catalog, _ = gather(Project(REPO))
    anatomies = {f"{s.slug}/{v.label}": v.anatomy for s in catalog.specimens for v in s.anatomies}
    page.goto((site / "fit.html").as_uri())
    ids = page.eval_on_selector_all("tr[data-id]", "rows => rows.map(r => r.dataset.id)")
    assert sorted(ids) == sorted(anatomies) and len(ids) == 31  # every size with a snapshot
    for variant in ids:
        a = anatomies[variant]
        for precision, tokens in SETTINGS:
            expected = weight_bytes(a)[precision] + kv_cache_bytes(a, tokens)
            got = page.evaluate("([v, p, t]) => window.museumFit.need(v, p, t)", [variant, precision, tokens])
            assert got == expected, (variant, precision, tokens)


def test_device_fit_answers_by_hand(site, page):
    # Llama 3.2 1B at int4: ceil(1,235,814,400 × 0.5) = 617,907,200 bytes of weights; a 4,096-token bf16
    # cache is 2 × 8 KV heads × 64 dims × 2 bytes × 16 layers × 4,096 = 134,217,728 bytes: 752,124,928 in all.
    page.goto((site / "fit.html").as_uri())
    assert page.evaluate("window.museumFit.need('llama-3-2/1B', 'int4', 4096)") == 752_124_928
    page.select_option("select[name=tier]", "custom")
    page.fill("input[name=gib]", "0.9")  # 75% of 0.9 GiB = 724,775,731 bytes: too small
    page.locator("input[name=gib]").dispatch_event("input")
    assert page.locator("tr[data-id='llama-3-2/1B'] td").nth(1).inner_text() == "too big"
    page.fill("input[name=gib]", "1")  # 75% of 1 GiB = 805,306,368 bytes: fits
    page.locator("input[name=gib]").dispatch_event("input")
    assert page.locator("tr[data-id='llama-3-2/1B'] td").nth(1).inner_text() == "fits"


def test_device_fit_without_javascript_is_a_finished_table(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((site / "fit.html").as_uri())
    assert page.locator("#fit-form").is_hidden()
    # Mixtral 8x7B at int4 needs far more than 3 GiB (75% of a 4 GiB phone)
    assert page.locator("tr", has_text="Mixtral 8x7B").locator("td").nth(1).inner_text() == "too big"
    context.close()


def test_compare_reads_the_shareable_url(site, page, console_errors):
    page.goto((site / "compare.html").as_uri() + "?v=qwen3/4B,phi-4-mini/3.8B")
    heads = page.locator("#compare-table thead th").all_inner_texts()
    assert heads == ["FACT", "QWEN3 4B", "PHI-4-MINI 3.8B"] or [h.lower() for h in heads] == [
        "fact",
        "qwen3 4b",
        "phi-4-mini 3.8b",
    ]
    vocab = page.locator("#compare-table tr", has_text="Vocabulary").first
    assert vocab.locator("td").all_inner_texts() == ["151,936", "200,064"]  # both config.json vocab_size
    assert "differs" in (vocab.get_attribute("class") or "")
    assert console_errors == []


def test_compare_picks_update_the_url(site, page):
    page.goto((site / "compare.html").as_uri())
    page.select_option("select[name=v0]", "mistral-7b/7B")
    assert "v=mistral-7b/7B" in page.url
    assert page.locator("#compare-table thead th").nth(1).inner_text().lower() == "mistral 7b"
