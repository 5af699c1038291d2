"""DOT text → SVG through Graphviz `dot` (the `graphviz` package); any SVG made fit to inline in a page.

The SVG loses its XML prolog and comments, gets a title and description for screen readers,
and has every id prefixed so that several figures can share one page.
"""

from __future__ import annotations

import re
from html import escape

from ..errors import Diagnostic, MuseumError

DOT_MISSING = Diagnostic(
    "graphviz", None, "", "Graphviz's `dot` program is not installed, so the diagrams cannot be drawn",
    "install it: `sudo apt-get install graphviz` (Debian/Ubuntu), `brew install graphviz` (macOS); "
    "`make museum` does this for you",
)  # fmt: skip
_PROLOG = re.compile(r"\A.*?(?=<svg\b)", re.S)
_COMMENT = re.compile(r"<!--.*?-->\s*", re.S)
_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.S)  # matplotlib's RDF: not valid inside HTML
_OPENING = re.compile(r"<svg\b([^>]*)>", re.S)
_ATTRIBUTE = re.compile(r'([\w:-]+)="([^"]*)"')


class DotMissing(MuseumError):
    """Graphviz is not installed."""


def dot_version() -> str:
    """The renderer's identity for the figure cache: a new Graphviz draws new bytes."""
    import graphviz

    try:
        return "dot " + ".".join(map(str, graphviz.version()))
    except graphviz.ExecutableNotFound:
        raise DotMissing([DOT_MISSING]) from None


def dot_to_svg(dot: str) -> str:
    """Render DOT text with `dot`; raises DotMissing when Graphviz is not installed."""
    import graphviz

    try:
        return str(graphviz.Source(dot).pipe(format="svg", encoding="utf-8"))
    except graphviz.ExecutableNotFound:
        raise DotMissing([DOT_MISSING]) from None


def inline(svg: str, prefix: str, title: str, desc: str) -> str:
    """An SVG document as an element for an HTML page: unique ids, a title and a description."""
    svg = _METADATA.sub("", _COMMENT.sub("", _PROLOG.sub("", svg, count=1))).strip()
    svg = (
        svg.replace(' id="', f' id="{prefix}-')
        .replace('href="#', f'href="#{prefix}-')
        .replace("url(#", f"url(#{prefix}-")
    )
    opening = _OPENING.match(svg)
    if opening is None:
        raise ValueError("not an SVG document")
    attributes = dict(_ATTRIBUTE.findall(opening[1]))
    width, height = (_px(attributes.pop(key, "0")) for key in ("width", "height"))
    kept = " ".join(f'{k}="{v}"' for k, v in attributes.items() if k != "version")
    head = (f'<svg class="figure__svg" role="img" aria-labelledby="{prefix}-title {prefix}-desc" '
            f'width="{width}" height="{height}" {kept}>\n'
            f'<title id="{prefix}-title">{escape(title)}</title>\n<desc id="{prefix}-desc">{escape(desc)}</desc>')  # fmt: skip
    return head + svg[opening.end() :]


HERE = ' class="here" penwidth="2.4" color="#7a2e1d"'  # how lineage draws the node a page is about
_STROKE = 'stroke="#8c7f6e"'


def highlight(svg: str, name: str) -> str | None:
    """Graphviz's SVG of a graph with node `name` drawn as `HERE` draws it (the layout does not
    change: only the node's class and outline), or None if the node is not found. One tree drawn
    once serves every page of its family."""
    title = svg_text(name)  # as Graphviz writes it
    opening = re.search(rf'<g id="node\d+" class="node">\n<title>{re.escape(title)}</title>\n', svg)
    if opening is None:
        return None
    stroke = svg.find(_STROKE, opening.end())
    if stroke < 0 or svg.find("</g>\n</g>", opening.end()) < stroke:
        return None
    head = svg[: opening.start()] + opening[0].replace('class="node"', 'class="node here"')
    return head + svg[opening.end() : stroke] + 'stroke="#7a2e1d" stroke-width="2.4"' + svg[stroke + len(_STROKE) :]


_PLAIN = re.compile(r"[^\\&\x00-\x1f]*")


def plain_tooltip(text: str) -> bool:
    """No escape sequence, entity or control character: Graphviz writes it as `svg_text` does."""
    return _PLAIN.fullmatch(text) is not None


def svg_text(text: str) -> str:
    """Plain text as Graphviz writes it into an SVG attribute."""
    text = escape(text, quote=False).replace('"', "&quot;").replace("'", "&#39;").replace("-", "&#45;")
    return re.sub(r"(?<= ) ", "&#160;", text)


def fill_tooltips(svg: str, tips: dict[str, str], prefix: str) -> str | None:
    """Graphviz's SVG of a graph drawn with `prefix + key` as tooltips, with `tips[key]` in their
    place (plain text): the bytes Graphviz gives when drawing the real tooltips (they never move
    anything), or None unless each key's placeholder is found exactly once. One pass over the SVG."""
    keys = {svg_text(key): key for key in tips}
    found: list[str] = []

    def fill(match: re.Match[str]) -> str:
        key = keys.get(match[1])
        if key is None:
            return match[0]
        found.append(key)
        return f'xlink:title="{svg_text(tips[key])}"'

    filled = re.sub(f'xlink:title="{re.escape(svg_text(prefix))}([^"]*)"', fill, svg)
    return filled if len(found) == len(tips) == len(set(found)) else None


def _px(length: str) -> str:
    """Graphviz and matplotlib measure in points; a page in CSS pixels (4 px = 3 pt)."""
    return f"{round(float(length.removesuffix('pt')) * 4 / 3)}"
