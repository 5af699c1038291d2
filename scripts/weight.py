"""A page's own weight: its HTML (figures excluded) plus the CSS and JS it loads, gzip-compressed.

    .venv/bin/python scripts/weight.py [--site _site] [--top 5] [--budget 30] [PAGE …]   (or: make weight)

Figures are the inline <svg> drawings (architecture diagrams, layer strips, charts, trees); they
are cut out of the HTML before it is measured, and their captions and data tables stay. Each file
is compressed on its own with gzip level 6 (what web servers commonly use), as a browser fetches
them. Without PAGE: every specimen page, the `--top` heaviest shown. Exits 1 if a page shown is
over the budget (KB = 1000 bytes).
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
SVG = re.compile(r"<svg\b.*?</svg>", re.DOTALL)
STYLESHEET = re.compile(r"""<link\b[^>]*\brel="stylesheet"[^>]*\bhref="([^"]+)\"""")
SCRIPT = re.compile(r"""<script\b[^>]*\bsrc="([^"]+)\"""")


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


@dataclass(frozen=True)
class Weight:
    page: str
    html: int  # bytes as built
    figures: int  # bytes of inline SVG cut out
    html_gz: int  # the rest, compressed
    css_gz: int
    js_gz: int

    @property
    def total(self) -> int:
        return self.html_gz + self.css_gz + self.js_gz


def weigh(site: Path, page: str) -> Weight:
    file = site / page
    text = file.read_text(encoding="utf-8")
    bare = SVG.sub("", text)

    def loaded(pattern: re.Pattern[str]) -> int:
        refs = {ref for ref in pattern.findall(bare) if not urlsplit(ref).scheme and not ref.startswith("//")}
        return sum(gz((file.parent / urlsplit(ref).path).read_bytes()) for ref in sorted(refs))

    html = len(text.encode())
    bare_bytes = bare.encode()
    return Weight(page, html, html - len(bare_bytes), gz(bare_bytes), loaded(STYLESHEET), loaded(SCRIPT))


def kb(n: int) -> str:
    return f"{n / 1000:.1f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pages", nargs="*", help="pages to weigh (default: every specimen page)")
    parser.add_argument("--site", type=Path, default=REPO / "_site", help="the built site (default: _site)")
    parser.add_argument("--top", type=int, default=5, help="how many of the heaviest specimen pages to show")
    parser.add_argument("--budget", type=float, default=30, help="KB gzip a page may weigh (default: 30)")
    args = parser.parse_args()
    pages = args.pages or sorted(p.relative_to(args.site).as_posix() for p in (args.site / "specimens").glob("*.html"))
    if not pages:
        print(f"no pages in {args.site}: build it first (make museum)", file=sys.stderr)
        return 1
    weights = sorted((weigh(args.site, page) for page in pages), key=lambda w: -w.total)
    shown = weights if args.pages else weights[: args.top]
    width = max(len(w.page) for w in shown)
    print(f"{'page':<{width}}  {'as built':>8}  {'figures':>8}  {'HTML gz':>7}  {'CSS gz':>6}  {'JS gz':>5}  "
          f"{'total gz':>8}   (KB; budget {args.budget:g})")  # fmt: skip
    for w in shown:
        flag = "" if w.total <= args.budget * 1000 else "  OVER"
        print(f"{w.page:<{width}}  {kb(w.html):>8}  {kb(w.figures):>8}  {kb(w.html_gz):>7}  {kb(w.css_gz):>6}  "
              f"{kb(w.js_gz):>5}  {kb(w.total):>8}{flag}")  # fmt: skip
    if not args.pages:
        print(f"({len(weights)} specimen pages; the lightest totals {kb(weights[-1].total)} KB)")
    return 1 if any(w.total > args.budget * 1000 for w in shown) else 0


if __name__ == "__main__":
    sys.exit(main())
