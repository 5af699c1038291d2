"""Site search (Pagefind) in Debian's Chromium, over http: words, facets, and the file:// fallback."""

from __future__ import annotations

import pytest

from museum.cli import main

from support import REPO


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("search") / "site"
    assert main(["build", "--root", str(REPO), "--out", str(out)]) == 0
    return out


def results(page, base: str, query: str) -> list[str]:
    page.goto(f"{base}search.html?q={query}")
    page.wait_for_selector(".pagefind-ui__result-link")
    return page.locator(".pagefind-ui__result-link").all_inner_texts()


def test_words_find_their_exhibits(site, page, serve, console_errors, failed_requests):
    base = serve(site)
    assert "SmolLM3" in results(page, base, "NoPE")
    assert "BitNet b1.58 2B4T" in results(page, base, "ternary")
    assert console_errors == [] and failed_requests == []


def test_a_licence_facet_narrows_the_results(site, page, serve):
    base = serve(site)
    results(page, base, "model")
    page.locator(".pagefind-ui__filter-name", has_text="Licence").click()
    page.locator(".pagefind-ui__filter-label", has_text="Apache-2.0").click()
    page.wait_for_function(  # the filtered results have arrived: Qwen3 is listed and Llama 3.2 is not
        """() => { const t = [...document.querySelectorAll('.pagefind-ui__result-link')].map(a => a.textContent);
                   return t.includes('Qwen3') && !t.includes('Llama 3.2'); }""",
        timeout=10_000,
    )
    titles = page.locator(".pagefind-ui__result-link").all_inner_texts()
    assert "Qwen3" in titles
    assert "Llama 3.2" not in titles  # Llama 3.2 Community License


def test_the_box_on_every_page_leads_to_search(site, page, serve):
    base = serve(site)
    page.goto(base + "specimens/qwen3.html")
    page.fill("#site-search", "GQA")
    page.press("#site-search", "Enter")
    page.wait_for_selector(".pagefind-ui__result-link")
    assert "search.html?q=GQA" in page.url


def test_from_disk_search_says_it_needs_http(site, page, console_errors):
    page.goto((site / "search.html").as_uri())
    assert page.locator("#search-offline").is_visible()
    assert "needs the site to be served over http" in page.locator("#search-offline").inner_text()
    assert console_errors == []
