"""Build a small museum in a temporary folder and look at what came out."""

import html5lib

from museum.cli import main

from support import html, links, text_of, tree_digest, with_class


def build(museum) -> None:
    assert main(["build", "--root", str(museum.root)]) == 0


def test_pages_for_every_dossier(museum):
    build(museum)
    assert sorted(p.name for p in (museum.site / "specimens").iterdir()) == ["toy-1.html", "toy-2.html"]
    assert (museum.site / "index.html").is_file()
    assert (museum.site / "assets" / "css" / "tokens.css").is_file()


def test_home_shows_a_placard_per_specimen(museum):
    build(museum)
    home = html(museum.page("index.html"))
    placards = with_class(home, "li", "placard")
    assert len(placards) == 1  # toy-1 is an ancestor: it hangs in the family tree, not on a placard
    placard = text_of(placards[0])
    for text in (
        "Example Lab",
        "1B",
        "MIT",
        "A toy model that exists only in tests.",
        "9T tokens",
        "pre-train → SFT → DPO",
        "on-device summaries; tests",
    ):
        assert text in placard
    assert "specimens/toy-1.html" in links(home)  # the family strip links the ancestor


def test_specimen_page_holds_the_dossier(museum):
    build(museum)
    page = museum.page("specimens/toy-2.html")
    for text in (
        "Toy 2",
        "Example Lab",
        "1 May 2024",
        "1.23B",
        "128K",
        "Next-token prediction on web text.",
        "grouped-query (GQA)",
        "Toy 2 model card",
        'href="../specimens/toy-1.html"',
        "successor of",
    ):
        assert text in page, text
    assert 'id="src-card"' in page and 'href="#src-card"' in page


def test_ancestor_page_lists_its_descendants_and_month_precision(museum):
    build(museum)
    page = museum.page("specimens/toy-1.html")
    assert "Feb 2023" in page and "1 Feb 2023" not in page
    assert 'href="../specimens/toy-2.html"' in page


def test_raw_html_in_markdown_is_shown_as_text(museum):
    build(museum)
    page = museum.page("specimens/toy-2.html")
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page
    assert "<em>small</em>" in page


def test_autoescape(museum):
    museum.edit("toy-2.yaml", "name: Toy 2", 'name: "Toy <b>2</b>"')
    build(museum)
    assert "Toy &lt;b&gt;2&lt;/b&gt;" in museum.page("index.html")


def test_javascript_links_in_markdown_are_neutralised(museum):
    museum.edit("toy-2.yaml", "Toy 2 is *small*.", "Toy 2 is [small](javascript:alert(1)).")
    build(museum)
    page = museum.page("specimens/toy-2.html")
    assert "javascript:" not in page


def test_links_are_relative(museum):
    build(museum)
    for rel in ("index.html", "specimens/toy-2.html", "about.html", "404.html"):
        targets = links(html(museum.page(rel)))
        assert targets
        local = [t for t in targets if not t.startswith(("http://", "https://", "#", "data:"))]
        assert all(not t.startswith("/") for t in local), local
        for t in local:  # every local link resolves to a file in the site
            target = (museum.site / rel).parent / t.split("#")[0]
            assert target.resolve().is_file(), (rel, t)


def test_pages_are_well_formed_html(museum):
    build(museum)
    for path in museum.site.rglob("*.html"):
        parser = html5lib.HTMLParser(strict=False)
        parser.parse(path.read_text(encoding="utf-8"))
        assert parser.errors == [], (path.name, parser.errors[:3])


def test_rebuild_replaces_the_site(museum):
    build(museum)
    stale = museum.site / "stale.html"
    stale.write_text("old")
    museum.edit("toy-2.yaml", "headline: A toy model", "headline: A rebuilt toy model")
    build(museum)
    assert not stale.exists()
    assert "A rebuilt toy model" in museum.page("index.html")


def test_build_is_deterministic(museum, tmp_path):
    build(museum)
    first = tree_digest(museum.site)
    build(museum)
    assert tree_digest(museum.site) == first


def test_out_option(museum, tmp_path):
    out = tmp_path / "elsewhere"
    assert main(["build", "--root", str(museum.root), "--out", str(out)]) == 0
    assert (out / "index.html").is_file() and not museum.site.exists()


def test_about_page_documents_every_field_and_formula(museum):
    """Docs that tests keep honest: the about page comes from the models and the fact registry."""
    from museum.dossiers import schema

    build(museum)
    about = museum.page("about.html")
    for model in (schema.Dossier, schema.Variant, schema.Training, schema.Source, schema.TimelineEvent):
        for name in model.model_fields:
            assert f"{name}</code>" in about, (model.__name__, name)
    for key in (
        "total_params",
        "active_params",
        "embedding_params",
        "non_embedding_params",
        "tied_embeddings",
        "layers",
        "heads",
        "kv_heads",
        "head_dim",
        "gqa_ratio",
        "vocab_size",
        "context_length",
        "attention_pattern",
        "kv_cache_bytes_per_token",
        "kv_cache_bf16",
        "weight_bytes",
        "device_tier",
        "flops_per_token",
    ):
        assert f'id="fact-{key}"' in about, key
    assert "× cached tokens" in about  # the KV-cache formula, in words
    assert "variants[].sliding_window" in about  # each claim names the dossier field it checks
