"""What tests share: the repo's path, a small museum on disk, and helpers to look at a built site."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from xml.etree import ElementTree

import html5lib

REPO = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

FAMILIES = """\
families:
  - slug: toy
    name: Toy
    organisation: Example Lab
    blurb: A family of toy models for tests.
"""

# A complete specimen dossier; tests edit copies of it. Line numbers matter to some tests.
SPECIMEN = """\
slug: toy-2
name: Toy 2
role: specimen
organisation: Example Lab
family: toy
released: {date: 2024-05-01, source: card}
license: {name: MIT License, url: "https://opensource.org/license/mit", spdx: MIT, source: card}
headline: A toy model that exists only in tests.
summary: |
  Toy 2 is *small*. <script>alert("x")</script>
variants:
  - label: 1B
    params: {value: 1_230_000_000, source: card}
    context_length: {value: 131_072, source: card}
training:
  tokens: {value: 9_000_000_000_000, source: card}
  data_strategy: Public web text, filtered.
  data_source: card
  recipe:
    - {stage: pretrain, detail: Next-token prediction on web text., source: card}
    - {stage: sft, detail: Instruction tuning., source: card}
    - {stage: dpo, detail: Preference tuning., source: card}
architecture:
  structure: dense
  attention: gqa
  normalisation: rmsnorm
  activation: swiglu
  position: rope
  source: card
best_for: {uses: [on-device summaries, tests], source: card}
lineage:
  - {parent: toy-1, relation: successor_of, source: card}
sources:
  - {id: card, title: Toy 2 model card, url: "https://example.org/toy-2", kind: model-card}
"""

ANCESTOR = """\
slug: toy-1
name: Toy 1
role: ancestor
organisation: Example Lab
family: toy
released: {date: 2023-02-01, precision: month, source: paper}
license: {name: Research licence, url: "https://example.org/licence", source: paper}
headline: The first toy.
summary: The first of the line.
variants:
  - label: 7B
    params: {value: 7_000_000_000, source: paper}
sources:
  - {id: paper, title: Toy 1 paper, url: "https://example.org/toy-1", kind: paper}
"""


class Museum:
    """A small museum on disk: dossiers plus the repo's templates and assets."""

    def __init__(self, root: Path, figure_cache: Path | None = None):
        """`figure_cache`: a folder shared by the session's museums, so a figure drawn for one test
        is not drawn again for the next (the cache keys on the figure's whole source)."""
        self.root = root
        (root / "specimens").mkdir(parents=True)
        if figure_cache is not None:
            (root / ".cache").symlink_to(figure_cache, target_is_directory=True)
        shutil.copytree(REPO / "templates", root / "templates")
        shutil.copytree(REPO / "assets", root / "assets")
        self.write("_families.yaml", FAMILIES)
        self.write("toy-1.yaml", ANCESTOR)
        self.write("toy-2.yaml", SPECIMEN)

    def write(self, name: str, text: str) -> Path:
        path = self.root / "specimens" / name
        path.write_text(text, encoding="utf-8")
        return path

    def edit(self, name: str, old: str, new: str) -> None:
        path = self.root / "specimens" / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {name}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    @property
    def site(self) -> Path:
        return self.root / "_site"

    def page(self, rel: str) -> str:
        return (self.site / rel).read_text(encoding="utf-8")


def tree_digest(folder: Path, search_index: bool = False) -> dict[str, str]:
    """Every file under a folder with the hash of its bytes. Pagefind names its index files
    differently on every run, so they are left out unless `search_index` asks for them."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and (search_index or not p.relative_to(folder).as_posix().startswith("pagefind/"))
    }


def html(text: str) -> ElementTree.Element:
    """A page parsed as browsers parse it (html5lib), for looking things up by element and class."""
    return html5lib.parse(text, namespaceHTMLElements=False)


def with_class(root: ElementTree.Element, tag: str, cls: str) -> list[ElementTree.Element]:
    return [el for el in root.iter(tag) if cls in (el.get("class") or "").split()]


def text_of(el: ElementTree.Element) -> str:
    """The element's text, each piece separated by one space."""
    return " ".join(" ".join(el.itertext()).split())


def table_rows(table: ElementTree.Element) -> dict[str, list[str]]:
    """A table's body as {row header (first word group, without badges): [cell texts]}."""
    rows = {}
    for tr in table.iter("tr"):
        head = tr.find("th")
        if head is not None and tr.find("td") is not None:
            rows[(head.text or "").strip()] = [text_of(td) for td in tr.findall("td")]
    return rows


def links(root: ElementTree.Element) -> list[str]:
    return [el.get("href") or el.get("src") or "" for el in root.iter() if el.get("href") or el.get("src")]
