"""The lineage graph: tree order within a family, and what changed along each edge.

A child is compared with its parent through their configs: the two variants (one of each)
nearest each other in size. Only facts that describe the design
(not mere size) are compared, so an edge reads like "vocabulary 32,000 → 128,256; GQA introduced".
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

from ..anatomy import BY_KEY, Anatomy
from .catalog import Catalog
from .specimen import Specimen, VariantAnatomy, fact_text

# The design facts an edge compares, in the order a reader wants them.
DESIGN_FACTS = ("vocab_size", "context_length", "attention_kind", "attention_pattern", "position_encoding",
                "rope_scaling", "feed_forward", "normalisation", "qk_norm", "tied_embeddings", "experts",
                "experts_per_token", "quantized_weights")  # fmt: skip


@dataclass(frozen=True)
class Edge:
    """A parent → child edge of the family tree (one edge, however many relations join the two)."""

    parent: Specimen
    child: Specimen
    relations: tuple[str, ...]  # e.g. ("pruned_from", "distilled_from")
    pair: tuple[VariantAnatomy, VariantAnatomy] | None  # (parent variant, child variant) compared

    @functools.cached_property
    def changes(self) -> list[str]:
        return changes(self.pair[0].anatomy, self.pair[1].anatomy) if self.pair else []


@dataclass(frozen=True)
class Inheritance:
    """One design fact of a child next to its parent's: inherited, or new."""

    title: str
    parent: str
    child: str

    @property
    def inherited(self) -> bool:
        return self.parent == self.child


def edges(catalog: Catalog) -> list[Edge]:
    """Every lineage edge of the catalog whose parent exists, in child order."""
    return list(catalog.remember("edges", lambda: _edges(catalog)))


def _edges(catalog: Catalog) -> list[Edge]:
    out = []
    for child in catalog.specimens:
        parents = dict.fromkeys(p.parent for p in child.dossier.lineage)
        for slug in parents:
            parent = catalog.get(slug)
            if parent is not None:
                relations = tuple(p.relation for p in child.dossier.lineage if p.parent == slug)
                out.append(Edge(parent, child, relations, comparable(parent, child)))
    return out


def comparable(parent: Specimen, child: Specimen) -> tuple[VariantAnatomy, VariantAnatomy] | None:
    """The parent's and the child's variants (with configs) nearest each other in size."""
    pairs = [(theirs, mine) for theirs in parent.anatomies for mine in child.anatomies]
    return min(pairs, key=lambda pair: _distance(pair[0].anatomy, pair[1].anatomy)) if pairs else None


def _distance(a: Anatomy, b: Anatomy) -> float:
    if not a.total_params or not b.total_params:
        return math.inf
    return abs(math.log(a.total_params / b.total_params))


def _shown(key: str, a: Anatomy) -> str:
    return fact_text(BY_KEY[key], a, absent="none")


def changes(parent: Anatomy, child: Anatomy) -> list[str]:
    """What changed from parent to child, in words: 'vocabulary 32,000 → 128,256'."""
    out = []
    for key in DESIGN_FACTS:
        before, after = _shown(key, parent), _shown(key, child)
        if before != after and "unknown" not in (before, after):
            out.append(f"{BY_KEY[key].title}: {before} → {after}")
    return out


def inheritance(edge: Edge) -> list[Inheritance]:
    """Each design fact of the child beside its parent's."""
    if edge.pair is None:
        return []
    parent, child = (v.anatomy for v in edge.pair)
    rows = [Inheritance(BY_KEY[k].title, _shown(k, parent), _shown(k, child)) for k in DESIGN_FACTS]
    return [r for r in rows if (r.parent, r.child) != ("none", "none")]


SIDE_RELATIONS = ("same_architecture_as", "finetuned_from")  # branches off the main line of descent


def tree_order(catalog: Catalog, family: str) -> list[tuple[Specimen, Specimen | None]]:
    """A family's members parents first, each with the member it hangs from (None for a root).

    Depth first: a model's successors (and distilled or pruned children) come before models that
    only share its architecture or fine-tune it, so the main line reads unbroken; siblings of a
    kind go by release date.
    """
    members = catalog.members(family)  # oldest first
    slugs = {m.slug for m in members}
    parent_of: dict[str, tuple[str, bool]] = {}  # child → (parent, is a side branch)
    for m in members:
        inside = [p for p in m.dossier.lineage if p.parent in slugs]
        if inside:
            parent_of[m.slug] = (inside[0].parent, inside[0].relation in SIDE_RELATIONS)
    order: list[tuple[Specimen, Specimen | None]] = []

    def visit(s: Specimen, parent: Specimen | None) -> None:
        order.append((s, parent))
        children = [c for c in members if parent_of.get(c.slug, ("", False))[0] == s.slug]
        for child in sorted(children, key=lambda c: parent_of[c.slug][1]):  # stable: dates kept
            visit(child, s)

    for root in (m for m in members if m.slug not in parent_of):
        visit(root, None)
    return order
