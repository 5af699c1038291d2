"""Charts drawn with matplotlib (Agg, imported only when a chart must really be drawn).

Each chart is a plain-data spec (JSON, so the figure cache can key on it) and one drawing
function. The SVG has real text, no date or creator, a fixed hash salt (the same spec gives the
same bytes), text in `currentColor` (it follows the page's light or dark theme), and each data
mark carries an id naming its value, so tests can check a chart plots what its table lists.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import re
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

INK, GRID = "#010203", "#040506"  # sentinels, replaced by the theme's colours after drawing
PALETTE = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#999999")  # Okabe-Ito
HATCH = {"self-reported": "////", "other-report": "", "independent": ""}
PROVENANCE_WORDS = {
    "self-reported": "reported by the model's makers (hatched)",
    "other-report": "measured for another model's report (solid)",
    "independent": "measured by an independent evaluator (solid, outlined)",
}


@functools.cache
@functools.cache
def renderer() -> str:
    """The chart renderer's identity for the figure cache: matplotlib's version and this module's
    own code, so that changing how a chart is drawn draws it afresh."""
    from importlib.metadata import version

    code = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
    return f"matplotlib {version('matplotlib')}, charts {code}"


def draw(source: str) -> str:
    """The SVG of a chart from its JSON spec: {"kind": ..., ...}."""
    spec = json.loads(source)
    return DRAW[spec["kind"]](spec)


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    matplotlib.rcParams.update({
        "svg.hashsalt": "model-museum", "svg.fonttype": "none", "font.family": "DejaVu Sans", "font.size": 10,
        "text.color": INK, "axes.labelcolor": INK, "axes.edgecolor": GRID, "xtick.color": INK, "ytick.color": INK,
        "axes.facecolor": "none", "figure.facecolor": "none", "savefig.facecolor": "none", "grid.color": GRID,
        "axes.spines.top": False, "axes.spines.right": False, "legend.frameon": False, "hatch.color": INK,
        "hatch.linewidth": 0.6,
    })  # fmt: skip
    return plt


def _svg(fig: Any) -> str:
    """The figure as SVG, cropped to what it draws plus savefig's padding, drawn once when everything
    lies on the figure (savefig's "tight" draws it twice to find that box, measuring every text twice);
    what reaches past the figure's edges would be clipped there, so such a figure is drawn again, fitted."""
    from matplotlib.backends.backend_mixed import MixedModeRenderer
    from matplotlib.backends.backend_svg import RendererSVG

    plt = _pyplot()
    _margins(fig, MARGIN)
    out = io.StringIO()
    metadata = {"Date": None, "Creator": None}
    dpi, fig.dpi = fig.dpi, 72  # as savefig does for SVG: 1 unit = 1 pt
    width, height = fig.get_size_inches()
    svg_renderer = RendererSVG(width * 72, height * 72, out, image_dpi=dpi, metadata=metadata)  # type: ignore[no-untyped-call]
    renderer = MixedModeRenderer(fig, width, height, dpi, svg_renderer)  # type: ignore[no-untyped-call]
    with warnings.catch_warnings():  # a glyph DejaVu lacks (an emoji in a name): the browser's fonts draw it
        warnings.filterwarnings("ignore", message="Glyph .* missing from font", category=UserWarning)
        fig.draw(renderer)
        drawn = fig.get_tightbbox(renderer)  # inches, from the bottom left
        renderer.finalize()
        fig.dpi = dpi
        box = drawn.padded(plt.rcParams["savefig.pad_inches"])
        if min(drawn.x0, drawn.y0) < 0 or drawn.x1 > width or drawn.y1 > height:
            out = io.StringIO()
            fig.savefig(out, format="svg", metadata=metadata, bbox_inches=box)
            svg = out.getvalue()
        else:
            x, y, w, h = (round(v * 72, 3) for v in (box.x0, height - box.y1, box.width, box.height))
            svg = _SIZE.sub(f'width="{w}pt" height="{h}pt" viewBox="{x} {y} {w} {h}"', out.getvalue(), count=1)
    plt.close(fig)
    return svg.replace(INK, "currentColor").replace(GRID, "var(--rule)")


MARGIN = 3.0  # inches of room around a figure's axes, where labels and legends may reach (cropped away after)


def _margins(fig: Any, inches: float) -> None:
    """Room on every side of the figure, the axes keeping their size and places relative to each other."""
    w, h = fig.get_size_inches()
    grown = w + 2 * inches, h + 2 * inches
    for ax in fig.axes:
        p = ax.get_position()
        ax.set_position([(p.x0 * w + inches) / grown[0], (p.y0 * h + inches) / grown[1], p.width * w / grown[0],
                         p.height * h / grown[1]])  # fmt: skip
    fig.set_size_inches(*grown)


_SIZE = re.compile(r'width="[^"]*" height="[^"]*" viewBox="[^"]*"')


# --- bars: scores that may share an axis --------------------------------------------------


PANEL_GAP = 1.3  # rows between one panel's last bar and the next panel's first: its title and some air


def bars(spec: dict[str, Any]) -> str:
    """Horizontal bars, one panel per way of measuring, on one shared scale; hatched bars are
    self-reported. The panels are bands of one set of axes (one scale, drawn once: many axes cost
    a lot to lay out), each with its title, its own grid and its own baseline."""
    plt = _pyplot()
    panels = spec["panels"]
    counts = [max(len(p["bars"]), 1) for p in panels]
    fig, ax = plt.subplots(figsize=(7.2, 0.5 + sum(0.3 * n + 0.45 for n in counts)))
    top = max((b["value"] for p in panels for b in p["bars"]), default=1)
    limit = 100 if spec["scale"] == "percent" and top <= 100 else top * 1.12
    ax.set_xlim(0, limit)
    ticks = [x for x in ax.xaxis.get_majorticklocs() if 0 <= x <= limit]
    ys: list[float] = []
    labels: list[str] = []
    cursor = 0.0  # the top of the next panel's first bar row
    spans: list[tuple[float, float]] = []  # each panel's vertical extent, for its grid and axis lines
    for panel, n in zip(panels, counts, strict=True):
        rows = [cursor - k for k in range(n)]
        spans.append(_bar_panel(ax, panel, rows, limit))
        ys += rows[: len(panel["bars"])]
        labels += [b["label"] for b in panel["bars"]]
        cursor -= n - 1 + PANEL_GAP + 0.6
    lows, highs = zip(*spans, strict=True)
    ax.vlines([t for t in ticks for _ in spans], lows * len(ticks), highs * len(ticks), color=GRID, linewidth=0.5,
              zorder=0)  # fmt: skip
    ax.vlines([0] * len(spans), lows, highs, color=GRID, linewidth=0.8, zorder=1)  # each panel's own axis line
    ax.hlines(lows, 0, limit, color=GRID, linewidth=0.8, zorder=1)
    bottom = cursor + PANEL_GAP
    ax.set_ylim(bottom, 0.75)
    _row_labels(fig, ax, ys, labels)
    ax.spines["left"].set_visible(False)
    ax.set_xticks(ticks)
    ax.set_xlabel(spec["axis"])
    fig.subplots_adjust(left=0.3, right=0.97, top=0.98, bottom=0.5 / fig.get_figheight())
    return _svg(fig)


def _row_labels(fig: Any, ax: Any, ys: Sequence[float], labels: list[str]) -> None:
    """Labels left of the axes where y tick labels would be, as plain text: a tick is four artists,
    and a chart of hundreds of rows spent most of its time on them."""
    from matplotlib.transforms import ScaledTranslation

    ax.set_yticks([])
    at = ax.get_yaxis_transform() + ScaledTranslation(-3.5 / 72, 0, fig.dpi_scale_trans)  # the tick pad, 3.5 pt
    for y, label in zip(ys, labels, strict=True):
        ax.text(0, y, label, transform=at, ha="right", va="center_baseline")


def _bar_panel(ax: Any, panel: dict[str, Any], rows: list[float], limit: float) -> tuple[float, float]:
    """One panel: its bars on `rows` (top to bottom) and its title above; returns its vertical extent."""
    low, high = rows[-1] - 0.6, rows[0] + 0.4
    ax.text(0, high + 0.15, panel["title"], fontsize=9.5, ha="left", va="bottom")
    bars = panel["bars"]
    if not bars:
        return low, high
    colours = [PALETTE[b["colour"] % len(PALETTE)] for b in bars]
    drawn = ax.barh(rows[: len(bars)], [b["value"] for b in bars], height=0.7, linewidth=1.0, zorder=2,
                    color=["none" if HATCH[b["provenance"]] else c for b, c in zip(bars, colours, strict=True)],
                    edgecolor=[INK if b["provenance"] == "independent" else c for b, c in zip(bars, colours, strict=True)],
                    hatch=[HATCH[b["provenance"]] for b in bars])  # fmt: skip
    for y, b, rect in zip(rows, bars, drawn.patches, strict=False):
        rect.set_gid(f"mark-{b['id']}--{b['value']:g}")
        if b.get("href"):
            rect.set_url(b["href"])
        ax.text(b["value"] + limit * 0.01, y, f"{b['value']:g}", va="center", fontsize=9)
    return low, high


# --- timeline ------------------------------------------------------------------------------


TIMELINE_WIDTH = 11.0  # inches
LABEL_CHAR = 0.068  # inches one character of a timeline label takes (8.5 pt DejaVu Sans)
ROW = 0.26  # vertical room of one row of labels, in data units (≈ inches)


def timeline(spec: dict[str, Any]) -> str:
    """Releases by family lane and the museum's events on their own lane; labels never overlap:
    each takes the highest free row under its lane's line."""
    plt = _pyplot()
    lanes = spec["lanes"]
    start, end = spec["span"][0] - 30, spec["span"][1] + 30
    char_days = LABEL_CHAR * (end - start) / (TIMELINE_WIDTH * 0.86)
    marks = [[m for m in spec["marks"] if m["lane"] == i] for i in range(len(lanes))]
    levels = [_levels(lane_marks, char_days) for lane_marks in marks]
    heights = [ROW * (max(lv.values(), default=0) + 1) + 0.22 for lv in levels]
    fig, ax = plt.subplots(figsize=(TIMELINE_WIDTH, 0.6 + sum(heights)))
    base, ticks = 0.0, []
    for i, lane_marks in enumerate(marks):
        ticks.append(base)
        ax.axhline(base, color=GRID, linewidth=0.8, zorder=0)
        for mark in lane_marks:
            _timeline_mark(ax, mark, base, levels[i][mark["id"]], i)
        base -= heights[i]
    ax.set_yticks(ticks, lanes)
    ax.set_xlim(start, end)
    ax.set_ylim(base + 0.05, 0.12)
    years = [y for y in range(spec["years"][0], spec["years"][1] + 1) if start <= spec["year_starts"][str(y)] <= end]
    ax.set_xticks([spec["year_starts"][str(y)] for y in years], [str(y) for y in years])
    ax.grid(axis="x", linewidth=0.5)
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", length=0)
    return _svg(fig)


def _timeline_mark(ax: Any, mark: dict[str, Any], base: float, level: int, lane: int) -> None:
    colour = PALETTE[lane % len(PALETTE)]
    marker = "D" if mark["kind"] == "event" else "o"
    (dot,) = ax.plot([mark["x"]], [base], marker=marker, markersize=6, color=colour, linestyle="none")
    dot.set_gid(f"mark-{mark['id']}")
    y = base - 0.13 - level * ROW
    text = ax.text(mark["x"], y, mark["label"], fontsize=8.5, ha="left", va="center")
    ax.plot([mark["x"], mark["x"]], [base, y + 0.08], color=GRID, linewidth=0.6)
    if mark.get("href"):
        dot.set_url(mark["href"])
        text.set_url(mark["href"])


def _levels(marks: list[dict[str, Any]], char_days: float) -> dict[str, int]:
    """A row for each label so that labels in one lane never overlap: the first free row."""
    ends: list[float] = []  # per row: where its last label ends (in days)
    out = {}
    for mark in sorted(marks, key=lambda m: (m["x"], m["id"])):
        width = (len(mark["label"]) + 1) * char_days
        row = next((r for r, end in enumerate(ends) if end < mark["x"]), len(ends))
        if row == len(ends):
            ends.append(0.0)
        ends[row] = mark["x"] + width
        out[mark["id"]] = row
    return out


# --- size over time ----------------------------------------------------------------------


def sizes(spec: dict[str, Any]) -> str:
    """Parameters against release date, log scale; a mixture of experts shows total and active."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(9, 4.6))
    families = spec["families"]
    for p in spec["points"]:
        colour = PALETTE[families.index(p["family"]) % len(PALETTE)]
        (dot,) = ax.plot([p["x"]], [p["total"] / 1e9], "o", color=colour, markersize=6)
        dot.set_gid(f"mark-{p['id']}-total")
        if p.get("href"):
            dot.set_url(p["href"])
        if p.get("active"):
            ax.plot([p["x"], p["x"]], [p["active"] / 1e9, p["total"] / 1e9], color=colour, linewidth=1)
            (hollow,) = ax.plot([p["x"]], [p["active"] / 1e9], "o", markerfacecolor="none", color=colour)
            hollow.set_gid(f"mark-{p['id']}-active")
    ax.set_yscale("log")
    ax.yaxis.set_major_formatter(_plain_number())
    ax.set_ylabel("parameters (billions, log scale)")
    years = range(spec["years"][0], spec["years"][1] + 1)
    ax.set_xticks([spec["year_starts"][str(y)] for y in years], [str(y) for y in years])
    ax.grid(linewidth=0.5)
    handles = [plt.Line2D([], [], marker="o", linestyle="none", color=PALETTE[i % len(PALETTE)], label=f)
               for i, f in enumerate(families)]  # fmt: skip
    handles.append(plt.Line2D([], [], marker="o", linestyle="none", markerfacecolor="none", color=INK,
                              label="active per token (mixture of experts)"))  # fmt: skip
    ax.legend(handles=handles, loc="upper left", fontsize=8, ncols=2)
    _place_labels(fig, ax, [(p["x"], p["total"] / 1e9, p["label"]) for p in spec["points"]])
    return _svg(fig)


OFFSETS = [(5, 2, "left"), (5, -9, "left"), (-5, 2, "right"), (-5, -9, "right"), (5, 11, "left"),
           (5, -18, "left"), (-5, 11, "right"), (-5, -18, "right"), (5, 20, "left"), (5, -27, "left")]  # fmt: skip


def _place_labels(fig: Any, ax: Any, items: list[tuple[float, float, str]]) -> None:
    """Label points without overlaps: each label takes the first nearby spot that is free of the
    labels already placed (and of the legend); a label with no free spot is left to the table."""
    from matplotlib.transforms import Bbox

    renderer = fig.canvas.get_renderer()
    legend = ax.get_legend()
    taken = _Boxes()
    if legend:
        taken.add(legend.get_window_extent(renderer))
    for x, y, _ in items:  # the points themselves
        px, py = ax.transData.transform((x, y))
        taken.add(Bbox.from_bounds(px - 4, py - 4, 8, 8))
    for x, y, text in sorted(items, key=lambda item: (item[0], -item[1])):
        for dx, dy, align in OFFSETS:
            label = ax.annotate(text, (x, y), xytext=(dx, dy), textcoords="offset points", fontsize=7.5, ha=align)
            box = label.get_window_extent(renderer).expanded(1.1, 1.15)
            if not taken.overlaps(box) and ax.bbox.contains(box.x0, box.y0):
                taken.add(box)
                break
            label.remove()


class _Boxes:
    """Boxes already placed, filed by the cells of a coarse grid they cover: a new box is checked
    against the boxes that share a cell with it, not against every box (thousands of labels)."""

    CELL = 64.0  # pixels

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[Any]] = {}

    def _cells(self, box: Any) -> list[tuple[int, int]]:
        xs = range(int(box.x0 // self.CELL), int(box.x1 // self.CELL) + 1)
        ys = range(int(box.y0 // self.CELL), int(box.y1 // self.CELL) + 1)
        return [(i, j) for i in xs for j in ys]

    def add(self, box: Any) -> None:
        for cell in self._cells(box):
            self.cells.setdefault(cell, []).append(box)

    def overlaps(self, box: Any) -> bool:
        return any(box.overlaps(other) for cell in self._cells(box) for other in self.cells.get(cell, ()))


# --- device ladder -----------------------------------------------------------------------


def _plain_number() -> Any:
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda value, _: f"{value:g}")


PRECISION_MARKERS = {"bf16": "o", "int8": "s", "int4": "^", "ternary": "D"}


def ladder(spec: dict[str, Any]) -> str:
    """Weight memory per precision, and int4 weights plus the KV cache at longer contexts, per
    variant, against the device tiers."""
    plt = _pyplot()
    rows = spec["rows"]
    fig, ax = plt.subplots(figsize=(9, 0.6 + 0.3 * len(rows)))
    ys = list(range(len(rows)))[::-1]
    for y, row in zip(ys, rows, strict=True):
        for precision, size in row["weights"].items():
            (dot,) = ax.plot([size / 2**30], [y], PRECISION_MARKERS[precision], color=PALETTE[0], markersize=5)
            dot.set_gid(f"mark-{row['id']}-{precision}")
        start = row["weights"].get("ternary", row["weights"].get("int4"))
        for k, kv in enumerate(kv for _, kv in sorted(row["kv"].items(), key=lambda t: int(t[0]))):
            end = (start + kv) / 2**30
            ax.plot([start / 2**30, end], [y + 0.12 * (k + 1), y + 0.12 * (k + 1)], color=PALETTE[1 + k], linewidth=1.5)
    for name, memory in spec["tiers"]:
        ax.axvline(memory / 2**30, color=GRID, linewidth=0.8, linestyle="--")
        ax.text(memory / 2**30, len(rows) - 0.4, f"{name} ", fontsize=8, va="top", ha="right", rotation=90)
    ax.set_xscale("log")
    ax.xaxis.set_major_formatter(_plain_number())
    ax.set_yticks(ys, [r["label"] for r in rows])
    ax.set_xlabel("memory (GiB, log scale)")
    ax.set_ylim(-0.6, len(rows) + 0.2)
    handles = [plt.Line2D([], [], marker=m, linestyle="none", color=PALETTE[0], label=f"weights, {p}")
               for p, m in PRECISION_MARKERS.items()]  # fmt: skip
    handles += [plt.Line2D([], [], color=PALETTE[1 + k], label=f"int4 weights + KV cache at {t}")
                for k, t in enumerate(spec["kv_labels"])]  # fmt: skip
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.45 / (0.6 + 0.3 * len(rows))),
              ncols=3, fontsize=8)  # fmt: skip
    ax.grid(axis="x", linewidth=0.5, which="both")
    return _svg(fig)


# --- a specimen's profile across benchmarks -------------------------------------------------

PROVENANCE_MARKERS = {"self-reported": "o", "other-report": "s", "independent": "D"}


def profile(spec: dict[str, Any]) -> str:
    """One row per benchmark and setting, one dot per variant: read along a row, not across rows."""
    plt = _pyplot()
    rows = spec["rows"]
    fig, ax = plt.subplots(figsize=(9, 0.7 + 0.28 * len(rows)))
    ys = list(range(len(rows)))[::-1]
    ax.hlines(ys, 0, 100, color=GRID, linewidth=0.4, zorder=0)
    for y, row in zip(ys, rows, strict=True):
        for p in row["points"]:
            colour = PALETTE[p["colour"] % len(PALETTE)]
            (dot,) = ax.plot([p["value"]], [y], PROVENANCE_MARKERS[p["provenance"]], color=colour, markersize=6,
                             markerfacecolor=colour if p["provenance"] == "self-reported" else "none")  # fmt: skip
            dot.set_gid(f"mark-{p['id']}--{p['value']:g}")
    _row_labels(fig, ax, ys, [r["label"] for r in rows])
    ax.set_xlim(0, 100)
    ax.set_ylim(-0.5, len(rows) - 0.5)
    ax.set_xlabel("score (percent)")
    ax.grid(axis="x", linewidth=0.5)
    handles = [plt.Line2D([], [], marker="o", linestyle="none", color=PALETTE[i % len(PALETTE)], label=v)
               for i, v in enumerate(spec["variants"])]  # fmt: skip
    handles += [plt.Line2D([], [], marker=PROVENANCE_MARKERS[k], linestyle="none", color=INK, markerfacecolor="none"
                           if k != "self-reported" else INK, label=k) for k in spec["provenances"]]  # fmt: skip
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.08 - 0.6 / (len(rows) + 2)),
              ncols=min(len(handles), 5), fontsize=8)  # fmt: skip
    return _svg(fig)


DRAW: dict[str, Callable[[dict[str, Any]], str]] = {
    "bars": bars, "timeline": timeline, "sizes": sizes, "ladder": ladder, "profile": profile,
}  # fmt: skip
