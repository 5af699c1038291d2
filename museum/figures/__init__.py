"""Figures: architecture diagrams, layer strips and family trees, drawn from the catalog.

DOT text and strip SVG come from pure functions; `dot` renders the DOT through the figure cache,
so an unchanged figure is never drawn twice. `Figures` is what the site asks for a figure; with a
pool, asking only starts the drawing, and a figure's `svg` waits for it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..catalog import Catalog, VariantAnatomy
from ..formatting import human
from ..memo import once
from . import charts
from .architecture import architecture_dot
from .cache import Drawn, FigureCache
from .lineage import TIP, tree_dot, tree_tooltips
from .pool import Pool
from .render import dot_to_svg, dot_version, fill_tooltips, highlight, inline, plain_tooltip
from .specs import Table
from .strip import Kind, legend, strip_svg


@dataclass(frozen=True)
class Figure:
    """A figure for a page: its drawing, a unique id prefix and words about it; `svg` is the element."""

    id: str
    title: str
    caption: str
    drawing: Drawn
    desc: str = ""  # the description for screen readers (inside the SVG)
    legend: tuple[Kind, ...] = ()
    table: Table | None = None  # the data a chart draws, to show beside it
    notes: tuple[str, ...] = ()  # words the chart needs (its legend in prose, why panels are apart)
    element: bool = False  # the drawing is already an element for the page (a strip)

    @property
    def svg(self) -> str:
        """The inline SVG element (waits for the drawing if it is still being drawn)."""
        text = self.drawing.text()
        return text if self.element else inline(text, self.id, self.title, self.desc)


@dataclass
class Figures:
    """Draws figures for pages, through one cache for the whole build."""

    cache: FigureCache
    _renderer: str | None = field(default=None, repr=False)
    _trees: dict[tuple[int, tuple[str, ...], str], Drawn] = field(default_factory=dict, repr=False)

    @classmethod
    def at(cls, folder: Path | None) -> Figures:
        return cls(FigureCache(folder))

    @property
    def renderer(self) -> str:
        if self._renderer is None:
            self._renderer = dot_version()
        return self._renderer

    def _dot(self, source: str) -> Drawn:
        return self.cache.ask(self.renderer, source, dot_to_svg)

    def architecture(self, v: VariantAnatomy, name: str, prefix: str,
                     link: Callable[[str], str | None] | None = None) -> Figure | None:  # fmt: skip
        """The architecture diagram of one variant; its parts link to the glossary through `link`."""
        source = architecture_dot(v.anatomy, link)
        if source is None:
            return None
        a = v.anatomy
        title = f"Architecture of {name}"
        size = f"{human(a.total_params)} parameters" + (
            f", {human(a.active_params)} active per token" if a.is_moe else ""
        )
        desc = f"{title}: {a.layers} decoder blocks of width {a.hidden_size}; {size}. Drawn from config.json."
        return Figure(prefix, title, size, self._dot(source), desc)

    def strip(self, v: VariantAnatomy, name: str, prefix: str) -> Figure | None:
        """The layer strip of one variant (pure SVG: no renderer, nothing to cache)."""
        title = f"Layers of {name}"
        svg = once(v.anatomy, f"strip {prefix}\0{title}", lambda a: strip_svg(a, prefix, title))
        return (
            Figure(prefix, title, "", Drawn.ready(svg), legend=tuple(legend(v.anatomy)), element=True) if svg else None
        )

    def chart(self, spec: dict[str, object], table: Table, prefix: str, title: str, desc: str,
              notes: tuple[str, ...] = ()) -> Figure:  # fmt: skip
        """A matplotlib chart from its spec, through the cache; the table beside it lists what it draws."""
        source = json.dumps(spec, sort_keys=True, ensure_ascii=False)
        drawing = self.cache.ask(charts.renderer(), source, charts.draw)
        return Figure(prefix, title, "", drawing, desc, table=table, notes=notes)

    def tree(self, catalog: Catalog, families: list[str], href: Callable[[str], str], prefix: str,
             here: str | None = None) -> Figure:  # fmt: skip
        """A family tree (one family, `here` highlighted) or the forest (several).

        The tree is drawn once without tooltips or a highlight (the same for every page of a family
        whatever the headlines say); the headlines are filled in and `here` is outlined in its SVG
        afterwards, which gives the bytes Graphviz would give."""
        key = (id(catalog), tuple(families), href(""))  # where links lead from: the page's folder
        drawing = self._trees.get(key)  # the same tree for every page of a family in one folder
        if drawing is None:
            tips = tree_tooltips(catalog, families)
            if all(map(plain_tooltip, tips.values())):
                plain = self._dot(tree_dot(catalog, families, href, tooltips=False))
                drawing = self._tooltips(plain, tips, lambda: tree_dot(catalog, families, href))
            else:
                drawing = self._dot(tree_dot(catalog, families, href))
            self._trees[key] = drawing
        if here is not None:
            drawing = self._here(drawing, here, lambda: tree_dot(catalog, families, href, here))
        names = [f.name for f in catalog.families if f.slug in families]
        title = "Family tree of " + ", ".join(names) if len(names) == 1 else "The forest: every family tree"
        desc = f"{title}: each model is a node linked to its page; each edge is a lineage relation."
        return Figure(prefix, title, "", drawing, desc)

    def _tooltips(self, plain: Drawn, tips: dict[str, str], source: Callable[[], str]) -> Drawn:
        def text() -> str:  # drawn with its tooltips after all if a placeholder is not found (never, so far)
            return fill_tooltips(plain.text(), tips, TIP) or self.cache.get(self.renderer, source(), dot_to_svg)

        words = json.dumps(tips, sort_keys=True, ensure_ascii=False).encode()
        return Drawn(f"{plain.key} tooltips={hashlib.sha256(words).hexdigest()}", text)

    def _here(self, plain: Drawn, here: str, source: Callable[[], str]) -> Drawn:
        def text() -> str:  # drawn with the highlight after all if the node is not found (never, so far)
            return highlight(plain.text(), here) or self.cache.get(self.renderer, source(), dot_to_svg)

        return Drawn(f"{plain.key} here={here}", text)


__all__ = ["Drawn", "Figure", "FigureCache", "Figures", "Pool", "Table"]
