"""Writing DOT text: quoting, HTML-like labels, and the museum's graph style. Pure."""

from __future__ import annotations

from html import escape

FONT = "DejaVu Sans"
GRAPH = f'bgcolor="transparent" fontname="{FONT}" fontsize=11 pad=0.15 nodesep=0.3 ranksep=0.25'
NODE = (f'shape=box style="rounded,filled" fontname="{FONT}" fontsize=10 margin="0.14,0.06" '
        'fillcolor="#fffdf8" color="#8c7f6e" fontcolor="#2a2520" penwidth=1')  # fmt: skip
EDGE = f'color="#8c7f6e" fontcolor="#675d52" fontname="{FONT}" fontsize=9 arrowsize=0.6'


def quote(text: str) -> str:
    """A DOT string: "…" with quotes and backslashes escaped."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def label(title: str, *lines: str) -> str:
    """An HTML-like label: a bold title and plain lines under it."""
    parts = [f"<B>{escape(title)}</B>", *(escape(line) for line in lines if line)]
    return "<" + "<BR/>".join(parts) + ">"


def attrs(**values: str | None) -> str:
    """[key=value …]; values starting with '<' are HTML-like labels, others are quoted."""
    items = [f"{k}={v if v.startswith('<') else quote(v)}" for k, v in values.items() if v is not None]
    return "[" + " ".join(items) + "]"


def node(name: str, **values: str | None) -> str:
    return f"  {quote(name)} {attrs(**values)};"


def edge(tail: str, head: str, **values: str | None) -> str:
    return f"  {quote(tail)} -> {quote(head)} {attrs(**values)};"


def digraph(name: str, body: list[str], direction: str = "TB") -> str:
    return "\n".join([
        f"digraph {quote(name)} {{",
        f"  graph [{GRAPH} rankdir={direction}];",
        f"  node [{NODE}];",
        f"  edge [{EDGE}];",
        *body,
        "}",
        "",
    ])  # fmt: skip
