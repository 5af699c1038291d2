"""Every URL of the site, spelled once. Paths are relative to the site root; pages link
through `root_prefix`, so the site works from disk and under any sub-path."""

from __future__ import annotations

from collections.abc import Callable

HOME = "index.html"
ABOUT = "about.html"
TIMELINE = "timeline.html"
BENCHMARKS = "benchmarks.html"
NUMBERS = "why-the-numbers-lie.html"
DEVICES = "devices.html"
BENCHMARKS_CSV = "data/benchmarks.csv"
SPECIMENS_JSON = "data/specimens.json"
SPECIMENS_CSV = "data/specimens.csv"
DOSSIER_SCHEMA = "data/dossier.schema.json"
COMPARE = "compare.html"
SEARCH = "search.html"
FIT = "fit.html"
HALLS = "halls.html"
GLOSSARY = "glossary.html"
FAMILIES = "families.html"
PATTERNS = "patterns.html"


NAV = (  # the masthead's links, in order: (words, page[#section])
    ("Bestiary", f"{HOME}#bestiary"), ("Families", FAMILIES), ("Patterns", PATTERNS), ("Timeline", TIMELINE),
    ("Benchmarks", BENCHMARKS), ("Compare", COMPARE), ("Device fit", FIT), ("Halls", HALLS), ("About", ABOUT),
)  # fmt: skip


def hall(name: str) -> str:
    return f"{name}.html"


def glossary(term_id: str) -> str:
    return f"{GLOSSARY}#{term_id}"


def fact_anchor(key: str) -> str:
    """The id of a fact's row, on About and in an exhibit's anatomy table."""
    return f"fact-{key}"


def step_anchor(number: int) -> str:
    """The id of step `number` (1-based) of an exhibit's training recipe."""
    return f"step-{number}"


def twist_anchor(number: int) -> str:
    """The id of twist `number` (1-based) in an exhibit's architecture section."""
    return f"twist-{number}"


def family(slug: str) -> str:
    return f"families/{slug}.html"


NOT_FOUND = "404.html"
STYLESHEETS = ("assets/css/tokens.css", "assets/css/base.css", "assets/css/components.css", "assets/css/pages.css")
THEME_SCRIPT = "assets/theme.js"
FAVICON = "assets/favicon.svg"
ASSETS = "assets"
SOCIAL_IMAGE = "assets/social.png"  # the picture link previews show for every page (a raster: cards take no SVG)
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"


def specimen(slug: str) -> str:
    return f"specimens/{slug}.html"


def anchor(name: str) -> str:
    """An id for a heading named `name`: 'MMLU-Pro' → 'mmlu-pro', "AIME'24" → 'aime24'."""
    text = name.lower().replace("'", "").replace("+", " plus")
    return "-".join("".join(c if c.isalnum() else " " for c in text).split())


def benchmark(name: str) -> str:
    return f"{BENCHMARKS}#{anchor(name)}"


def root_prefix(page: str) -> str:
    """The relative path from a page back to the site root: 'specimens/x.html' → '../'."""
    return "../" * page.count("/")


def linker(page: str) -> Callable[[str], str]:
    """slug → the link to that specimen's page from `page`."""
    root = root_prefix(page)
    return lambda slug: root + specimen(slug)


def absolute(base_url: str, path: str) -> str:
    """The public address of a file of the site, from the site's address (ending in '/'); only the
    sitemap, robots.txt and link previews need one. An index.html is addressed as its folder:
    ('https://example.org/museum/', 'index.html') → 'https://example.org/museum/'."""
    folder, _, name = path.rpartition("/")
    return base_url + (f"{folder}/" if folder else "") if name == HOME else base_url + path


def hub_repo(repo: str) -> str:
    return f"https://huggingface.co/{repo}"
