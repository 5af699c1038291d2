"""The layer strip: one cell per layer, coloured by what the layer does, as SVG text. Pure.

Row one is attention (global, sliding window, or global without RoPE); row two, when the
model has experts, is the feed-forward (dense or mixture of experts). A Mamba model has one
row: a state-space mixer in every layer. The whole depth reads
in one line: Gemma 3's five local to one global, SmolLM3's NoPE every fourth layer.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from ..anatomy import Anatomy, LayerAttention
from ..formatting import number

CELL, GAP, ROW, LABEL_WIDTH, TOP = 14, 2, 18, 92, 14


@dataclass(frozen=True)
class Kind:
    key: str  # CSS class: strip-<key>
    words: str  # legend and tooltip text


def attention_kind(layer: LayerAttention) -> Kind:
    if layer.kind == "sliding":
        return Kind("sliding", f"local attention, {number(layer.window)}-token window")
    if layer.kind == "nope":
        return Kind("nope", "global attention without RoPE (NoPE)")
    return Kind("global", "global attention")


def ffn_kind(sparse: bool) -> Kind:
    return Kind("moe", "mixture-of-experts feed-forward") if sparse else Kind("dense", "dense feed-forward")


def rows(a: Anatomy) -> list[tuple[str, list[Kind]]]:
    """(row name, one kind per layer) for each row the strip draws."""
    if a.mamba is not None:  # no attention at all: one row, a state-space mixer in every layer
        return [("mixer", [Kind("mamba", "Mamba mixer (selective scan, no attention)")] * a.mamba.layers)]
    out = [("attention", [attention_kind(x) for x in a.layer_attention])]
    if a.is_moe and len(a.sparse_layers) == len(a.layer_attention):
        out.append(("feed-forward", [ffn_kind(s) for s in a.sparse_layers]))
    return out


def legend(a: Anatomy) -> list[Kind]:
    """Each kind the strip uses, once, in order of first appearance."""
    seen: dict[str, Kind] = {}
    for _, kinds in rows(a):
        for kind in kinds:
            seen.setdefault(kind.key, kind)
    return list(seen.values())


def strip_svg(a: Anatomy, prefix: str, title: str) -> str | None:
    """The strip as an inline SVG element, or None when the layers are unknown."""
    drawn = rows(a)
    n = len(drawn[0][1])
    if not n:
        return None
    width = LABEL_WIDTH + n * (CELL + GAP)
    height = TOP + len(drawn) * (ROW + GAP)
    parts = [
        f'<svg class="figure__svg strip" role="img" aria-labelledby="{prefix}-title {prefix}-desc" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{prefix}-title">{escape(title)}</title>',
        f'<desc id="{prefix}-desc">{escape(_describe(a))}</desc>',
        *_numbers(n),
    ]
    for r, (name, kinds) in enumerate(drawn):
        y = TOP + r * (ROW + GAP)
        parts.append(f'<text class="strip-label" x="0" y="{y + 13}">{escape(name)}</text>')
        parts += [_cell(i, y, kind) for i, kind in enumerate(kinds)]
    return "\n".join([*parts, "</svg>"])


def _cell(i: int, y: int, kind: Kind) -> str:
    x = LABEL_WIDTH + i * (CELL + GAP)
    return (f'<rect class="strip-{kind.key}" x="{x}" y="{y}" width="{CELL}" height="{ROW}" rx="2">'
            f"<title>layer {i + 1}: {escape(kind.words)}</title></rect>")  # fmt: skip


def _numbers(n: int) -> list[str]:
    """Layer numbers above the first cell and every fourth one."""
    marks = [i for i in range(n) if i == 0 or (i + 1) % 4 == 0]
    return [f'<text class="strip-number" x="{LABEL_WIDTH + i * (CELL + GAP) + CELL / 2:g}" y="10" '
            f'text-anchor="middle">{i + 1}</text>' for i in marks]  # fmt: skip


def _describe(a: Anatomy) -> str:
    """The strip in words, for screen readers and search: runs of layers of each kind."""
    words = []
    for name, kinds in rows(a):
        runs: list[tuple[str, int]] = []
        for kind in kinds:
            if runs and runs[-1][0] == kind.words:
                runs[-1] = (kind.words, runs[-1][1] + 1)
            else:
                runs.append((kind.words, 1))
        words.append(f"{name}, layer by layer: " + "; ".join(f"{count} × {w}" for w, count in runs))
    return ". ".join(words) + "."
