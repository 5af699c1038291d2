"""Family trees as DOT text: dossiers as nodes, typed lineage edges labelled with what changed. Pure."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from ..catalog import Catalog, Specimen
from ..catalog.lineage import Edge, edges
from ..formatting import label as words
from ..formatting import when
from .dot import digraph, edge, label, node

EDGE_STYLE = {
    "successor_of": {"style": "solid"},
    "distilled_from": {"style": "dashed"},
    "pruned_from": {"style": "dashed", "penwidth": "1.6"},
    "finetuned_from": {"style": "dotted", "penwidth": "1.4"},
    "same_architecture_as": {"style": "dotted"},
}
MAX_CHANGES = 3  # an edge names the first few changes; the specimen page lists them all


TIP = "tooltip of "  # + the node's slug: what stands for its tooltip in a tree drawn before they are known


def tree_dot(catalog: Catalog, families: list[str], href: Callable[[str], str], here: str | None = None,
             tooltips: bool = True) -> str:  # fmt: skip
    """The trees of `families`, with the lineage edges between their members and any parent or child
    they have in another family. One family is drawn top to bottom with what changed on each edge;
    several (the forest) left to right, a cluster per family, edges named by relation only.

    Each node's tooltip is its headline; without `tooltips`, it is `TIP + slug`, to be filled in after
    layout (a tooltip never moves anything): a new headline then draws no tree."""
    members = [s for f in families for s in catalog.members(f)]
    shown = {s.slug for s in members}
    links = [e for e in edges(catalog) if e.child.slug in shown or e.parent.slug in shown]
    guests = {e.parent.slug: e.parent for e in links if e.parent.slug not in shown}
    guests |= {e.child.slug: e.child for e in links if e.child.slug not in shown}
    body: list[str] = []
    # left to right, Graphviz stacks clusters bottom-up: declare them in reverse to read top-down
    for i, family in reversed(list(enumerate(families))):
        nodes = [_node(s, href, here, tooltips) for s in catalog.members(family)]
        if len(families) > 1:
            name = catalog.family(family)
            title = name.name if name else family
            body += [f"  subgraph cluster_{i} {{", f"    label={label(title)}; labeljust=\"l\"; style=\"rounded,dashed\";",
                     '    color="#8c7f6e"; fontcolor="#2a2520"; class="family";', *nodes, "  }"]  # fmt: skip
        else:
            body += nodes
    body += [_node(s, href, here, tooltips, guest=True) for s in guests.values()]
    forest = len(families) > 1
    body += [_edge(e, with_changes=not forest) for e in links]
    return digraph("lineage", body, direction="LR" if forest else "TB")


def tree_tooltips(catalog: Catalog, families: list[str]) -> dict[str, str]:
    """The tooltip of every node of the trees of `families` (guests included), by slug."""
    members = {s.slug for f in families for s in catalog.members(f)}
    shown = [s for s in catalog.specimens if s.slug in members]
    shown += [e.parent if e.child.slug in members else e.child for e in edges(catalog)
              if (e.child.slug in members) != (e.parent.slug in members)]  # fmt: skip
    return {s.slug: s.dossier.headline for s in shown}


def _node(s: Specimen, href: Callable[[str], str], here: str | None, tooltips: bool, guest: bool = False) -> str:
    d = s.dossier
    sizes = " · ".join(v.label for v in d.variants)
    # render.highlight outlines `here` the same way in a tree drawn without it: keep the two alike
    style: dict[str, str | None] = {"class": "here", "penwidth": "2.4", "color": "#7a2e1d"} if d.slug == here else {}
    if guest:
        style |= {"style": "rounded,dashed,filled", "class": "guest"}
    return node(d.slug, label=label(d.name, f"{sizes} · {when(d.released.date, d.released.precision)}"),
                href=href(d.slug), tooltip=d.headline if tooltips else TIP + d.slug, target="_top", **style)  # fmt: skip


def _edge(e: Edge, with_changes: bool) -> str:
    changes = e.changes if with_changes else []
    lines = [", ".join(words(r) for r in e.relations), *changes[:MAX_CHANGES]]
    if len(changes) > MAX_CHANGES:
        lines.append(f"+ {len(changes) - MAX_CHANGES} more on the page")
    text = "<" + "".join(f'  {escape(x)}<BR ALIGN="LEFT"/>' for x in lines) + ">"
    style = EDGE_STYLE[e.relations[0]]
    return edge(e.parent.slug, e.child.slug, label=text, **{"class": " ".join(e.relations)}, **style)
