"""Build a small museum in a temporary folder and look at what came out."""

from xml.etree import ElementTree

import html5lib
import pytest

from museum.cli import _parser, main

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


BASE = "https://museum.example/deep/"


def meta_tags(page: str) -> dict[str, str]:
    """A page's <meta> tags: name or property → content."""
    return {(el.get("property") or el.get("name")): el.get("content") or "" for el in html(page).iter("meta")
            if el.get("property") or el.get("name")}  # fmt: skip


def test_sitemap_lists_every_page_but_404_by_its_absolute_address(museum):
    """With the site's address: sitemap.xml names each built page once, absolutely; robots.txt names the sitemap."""
    assert main(["build", "--root", str(museum.root), "--base-url", BASE.rstrip("/")]) == 0
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    tree = ElementTree.parse(museum.site / "sitemap.xml")
    listed = [loc.text for loc in tree.getroot().findall("s:url/s:loc", ns)]
    built = {p.relative_to(museum.site).as_posix() for p in museum.site.rglob("*.html")}
    assert len(built) == 17 and "404.html" in built and "specimens/toy-2.html" in built
    expected = {BASE + ("" if rel == "index.html" else rel) for rel in built - {"404.html"}}
    assert sorted(listed) == sorted(expected) == listed  # each once, in order
    assert museum.page("robots.txt") == f"User-agent: *\nAllow: /\n\nSitemap: {BASE}sitemap.xml\n"


def test_specimen_page_previews_as_a_card(museum):
    assert main(["build", "--root", str(museum.root), "--base-url", BASE]) == 0
    tags = meta_tags(museum.page("specimens/toy-2.html"))
    assert tags["og:title"] == "Toy 2"
    assert tags["og:description"] == tags["description"] == "Toy 2: A toy model that exists only in tests."
    assert tags["og:type"] == "article"
    assert tags["og:url"] == BASE + "specimens/toy-2.html"
    assert tags["og:image"] == BASE + "assets/social.png" and (museum.site / "assets" / "social.png").is_file()
    assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630") and tags["og:image:alt"]
    assert tags["og:site_name"] == "Model Museum" and tags["twitter:card"] == "summary"
    assert "robots" not in tags and meta_tags(museum.page("404.html"))["robots"] == "noindex"  # as in the sitemap
    home = meta_tags(museum.page("index.html"))
    assert (home["og:url"], home["og:type"], home["og:title"]) == (BASE, "website", "The bestiary")
    for page in museum.site.rglob("*.html"):  # every page has a card; only the card uses the address
        text = page.read_text(encoding="utf-8")
        assert {"og:title", "og:description", "og:type", "og:url", "og:image", "twitter:card"} <= meta_tags(text).keys()
        assert not [link for link in links(html(text)) if "museum.example" in link], page


def test_without_a_base_url_there_is_no_sitemap_and_no_absolute_url(museum):
    build(museum)
    assert not (museum.site / "sitemap.xml").exists()
    assert museum.page("robots.txt") == "User-agent: *\nAllow: /\n"
    tags = meta_tags(museum.page("specimens/toy-2.html"))
    assert tags["og:title"] == "Toy 2" and tags["twitter:card"] == "summary" and tags["og:type"] == "article"
    assert "og:url" not in tags and "og:image" not in tags


def test_base_url_is_checked_and_given_to_serve_as_well(capsys):
    with pytest.raises(SystemExit):
        main(["build", "--base-url", "example.org/museum"])
    assert "is not an http(s) address of a folder" in capsys.readouterr().err
    assert _parser().parse_args(["serve", "--base-url", "http://example.org/m"]).base_url == "http://example.org/m/"
    assert _parser().parse_args(["--base-url", "https://example.org"]).base_url == "https://example.org/"


def test_a_page_failing_late_leaves_the_site_as_it_was(museum, capsys):
    """Pages are written as they are rendered: one that fails after many were written still leaves
    the last site untouched and no half-written folder behind."""
    build(museum)
    before = tree_digest(museum.site)
    about = museum.root / "templates" / "about.html"  # rendered after the home and specimen pages
    about.write_text(about.read_text().replace("{% block main %}", "{% block main %}{{ no_such_name }}", 1))
    assert main(["build", "--root", str(museum.root)]) == 2  # a template's fault: an internal error
    assert "no_such_name" in capsys.readouterr().err
    assert tree_digest(museum.site) == before
    assert sorted(p.name for p in museum.root.iterdir() if p.name.startswith("._site")) == []
