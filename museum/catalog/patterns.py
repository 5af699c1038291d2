"""Pattern recognition across the catalog: the shared recipe (SwiGLU, GQA, RoPE, RMSNorm), who
departs from it, and where the models differ (data, stages after pre-training, twists, licence).

Every value is computed from a config.json (through the anatomy) or, when a dossier has no
config, from its architecture claims; each cell says which, so a page can link to the evidence."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from ..anatomy import BY_KEY, Anatomy
from ..dossiers.schema import Architecture, Dossier
from .catalog import Catalog
from .specimen import Specimen

Evidence = Literal["config", "card", "unknown"]


def _norm(a: Anatomy) -> str | None:
    b = a.block
    if b is None:
        return None
    where = {1: ", parallel block", 4: ", before and after"}.get(b.norms_per_layer, "")
    return b.norm + (" + SubLN" if b.sub_norms else "") + where


def _fact(key: str) -> Callable[[Anatomy], str | None]:
    fact = BY_KEY[key]
    return lambda a: fact.value(a) if a.block is not None else None


@dataclass(frozen=True)
class Trait:
    """One ingredient of the shared recipe: its usual form, and how to read it from a config or a card."""

    key: str  # the fact whose anatomy-table row is the evidence
    title: str
    usual: str  # the form most models here share
    term: str  # glossary id
    from_config: Callable[[Anatomy], str | None]
    from_card: Callable[[Architecture], str]


CARD_FEED_FORWARD = {"swiglu": "SwiGLU", "geglu": "GeGLU", "gelu": "GELU MLP", "relu2": "ReLU² GLU"}
CARD_POSITION = {"rope": "RoPE", "partial-rope": "partial RoPE", "rope-nope": "RoPE; some layers without (NoPE)"}
CARD_NORM = {"rmsnorm": "RMSNorm", "layernorm": "LayerNorm", "rmsnorm-pre-post": "RMSNorm, before and after",
             "subln": "RMSNorm + SubLN"}  # fmt: skip

TRAITS: tuple[Trait, ...] = (
    Trait("feed_forward", "Feed-forward", "SwiGLU", "swiglu", _fact("feed_forward"),
          lambda arch: CARD_FEED_FORWARD[arch.activation]),
    Trait("attention_kind", "Attention", "GQA", "gqa", _fact("attention_kind"), lambda arch: arch.attention.upper()),
    Trait("position_encoding", "Positions", "RoPE", "rope", _fact("position_encoding"),
          lambda arch: CARD_POSITION[arch.position]),
    Trait("normalisation", "Normalisation", "RMSNorm", "rmsnorm", _norm, lambda arch: CARD_NORM[arch.normalisation]),
)  # fmt: skip


@dataclass(frozen=True)
class Cell:
    """What one model does for one trait; several values when its sizes differ ('GQA (1B, 3B)')."""

    values: tuple[tuple[str, tuple[str, ...]], ...]  # (value, the size labels that have it)
    usual: str
    evidence: Evidence

    @property
    def departs(self) -> bool:
        return self.evidence != "unknown" and any(value != self.usual for value, _ in self.values)

    @property
    def follows(self) -> bool:
        return self.evidence != "unknown" and not self.departs


@dataclass(frozen=True)
class Row:
    specimen: Specimen
    cells: tuple[Cell, ...]


def cell(s: Specimen, trait: Trait) -> Cell:
    """From the configs when any size has one, else from the dossier's architecture claims."""
    found: dict[str, list[str]] = {}
    for v in s.anatomies:
        value = trait.from_config(v.anatomy)
        if value is not None:
            found.setdefault(value, []).append(v.label)
    if found:
        return Cell(tuple((value, tuple(labels)) for value, labels in found.items()), trait.usual, "config")
    if s.dossier.architecture is not None:
        return Cell(((trait.from_card(s.dossier.architecture), ()),), trait.usual, "card")
    return Cell((), trait.usual, "unknown")


def by_release(catalog: Catalog) -> list[Specimen]:
    return sorted(catalog.specimens, key=lambda s: (s.dossier.released.date, s.slug))


def matrix(catalog: Catalog) -> list[Row]:
    """Every specimen and ancestor, oldest first, with a cell per trait."""
    return [Row(s, tuple(cell(s, t) for t in TRAITS)) for s in by_release(catalog)]


@dataclass(frozen=True)
class Adoption:
    """How widely one trait is shared: who follows it, who departs and how, and who was first here."""

    trait: Trait
    follows: tuple[Specimen, ...]
    departs: tuple[tuple[Specimen, Cell], ...]
    unknown: tuple[Specimen, ...]

    @property
    def first(self) -> Specimen | None:
        """The earliest model in the museum with the usual form (rows are oldest first)."""
        return self.follows[0] if self.follows else None


def adoption(rows: list[Row]) -> list[Adoption]:
    return [
        Adoption(
            trait,
            tuple(r.specimen for r in rows if r.cells[i].follows),
            tuple((r.specimen, r.cells[i]) for r in rows if r.cells[i].departs),
            tuple(r.specimen for r in rows if r.cells[i].evidence == "unknown"),
        )
        for i, trait in enumerate(TRAITS)
    ]


def whole_recipe(rows: list[Row]) -> list[Specimen]:
    """The models that follow every trait of the shared recipe."""
    return [r.specimen for r in rows if all(c.follows for c in r.cells)]


# Where they differ: what the dossiers say about data, training stages, twists and licence.

PRETRAIN = "pretrain"


@dataclass(frozen=True)
class Difference:
    specimen: Specimen
    tokens: int | None
    data: str | None  # the data strategy's first sentence
    stages: tuple[tuple[str, int], ...]  # (stage, its 1-based step number), each stage once, after pre-training
    twists: tuple[str, ...]


def first_sentence(markdown: str) -> str:
    """'**Curated and released.** SmolLM-Corpus…' → 'Curated and released.'; bold marks dropped."""
    text = " ".join(markdown.split()).replace("**", "")
    end = text.find(". ")
    return text if end < 0 else text[: end + 1]


def stages(d: Dossier) -> tuple[tuple[str, int], ...]:
    if d.training is None:
        return ()
    seen: dict[str, int] = {}
    for i, step in enumerate(d.training.recipe, start=1):
        if step.stage != PRETRAIN:
            seen.setdefault(step.stage, i)
    return tuple(seen.items())


def differences(catalog: Catalog) -> list[Difference]:
    out = []
    for s in by_release(catalog):
        d, t = s.dossier, s.dossier.training
        out.append(Difference(
            s,
            t.tokens.value if t and t.tokens else None,
            first_sentence(t.data_strategy) if t else None,
            stages(d),
            tuple(tw.name for tw in d.architecture.twists) if d.architecture else (),
        ))  # fmt: skip
    return out


def stage_counts(rows: list[Difference]) -> list[tuple[str, int]]:
    """How many models name each stage after pre-training, most common first."""
    counts: dict[str, int] = {}
    for r in rows:
        for stage, _ in r.stages:
            counts[stage] = counts.get(stage, 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def licence_counts(catalog: Catalog) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for s in catalog.specimens:
        name = s.dossier.license.spdx or s.dossier.license.name
        counts[name] = counts.get(name, 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
