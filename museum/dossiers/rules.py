"""Rules that a single field's type cannot express: within a dossier and across files."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Iterator
from typing import Any

from ..errors import Diagnostic, did_you_mean
from ..project import FAMILIES_FILE
from .collection import Entry
from .reader import Document, Loc, dotted
from .schema import Families, Glossary, Source, Timeline

REF_KEYS = ("source", "data_source", "tech_report")
REQUIRED_FOR_SPECIMENS = ("training", "architecture", "best_for")


def _at(doc: Document, loc: Loc, message: str, hint: str | None = None) -> Diagnostic:
    return Diagnostic(doc.shown, doc.line_of(loc), dotted(loc), message, hint)


def source_refs(data: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Every (location, source id) that a document cites."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in REF_KEYS and isinstance(value, str):
                yield (*loc, key), value
            elif key == "sources" and isinstance(value, list) and all(isinstance(v, str) for v in value):
                yield from (((*loc, key, i), v) for i, v in enumerate(value))
            else:
                yield from source_refs(value, (*loc, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from source_refs(value, (*loc, i))


def check_source_refs(doc: Document, sources: list[Source]) -> list[Diagnostic]:
    """Each cited source id names an entry of the document's own `sources` list."""
    known = [s.id for s in sources]
    out = [
        _at(
            doc,
            loc,
            f"unknown source '{ref}'",
            did_you_mean(ref, known) or f"add it to `sources` (known: {', '.join(known)})",
        )
        for loc, ref in source_refs(doc.data)
        if ref not in known
    ]
    counts = Counter(known)
    out += [
        _at(doc, ("sources", known.index(i), "id"), f"source id '{i}' is used twice")
        for i, n in counts.items()
        if n > 1
    ]
    return out


PLACEHOLDER = "TODO"  # what `museum new` writes where a person must


def placeholders(data: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Every (location, text) still holding a `TODO` placeholder."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from placeholders(value, (*loc, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from placeholders(value, (*loc, i))
    elif isinstance(data, str) and data.startswith(PLACEHOLDER):
        yield loc, data


def check_dossier(entry: Entry) -> list[Diagnostic]:
    """Rules inside one dossier."""
    d, doc = entry.dossier, entry.doc
    out = [_at(doc, loc, f"still a placeholder: {text.strip()}", "write it in your own words, then save")
           for loc, text in placeholders(doc.data)]  # fmt: skip
    out += check_source_refs(doc, d.sources)
    if d.slug != doc.path.stem:
        out.append(
            _at(
                doc,
                ("slug",),
                f"slug '{d.slug}' differs from the file name '{doc.path.stem}'",
                f"rename the file to {d.slug}.yaml or set slug: {doc.path.stem}",
            )
        )
    if d.role == "specimen":
        missing = [f for f in REQUIRED_FOR_SPECIMENS if getattr(d, f) is None]
        if missing:
            out.append(
                _at(
                    doc,
                    ("role",),
                    f"a specimen needs {', '.join(missing)}",
                    "add the missing sections, or set role: ancestor",
                )
            )
    labels = [v.label for v in d.variants]
    out += [
        _at(doc, ("variants", i, "label"), f"variant label '{label}' is used twice")
        for i, label in enumerate(labels)
        if label in labels[:i]
    ]
    out += [
        _at(
            doc,
            ("benchmarks", i, "variant"),
            f"no variant is labelled '{b.variant}'",
            f"variant labels: {', '.join(labels)}",
        )
        for i, b in enumerate(d.benchmarks)
        if b.variant not in labels
    ]
    return out


def check_benchmark_names(entries: list[Entry]) -> list[Diagnostic]:
    """One benchmark, one spelling: names that differ only in case would never share a chart."""
    first: dict[str, str] = {}
    out = []
    for e in entries:
        for i, b in enumerate(e.dossier.benchmarks):
            spelled = first.setdefault(b.benchmark.casefold(), b.benchmark)
            if spelled != b.benchmark:
                out.append(_at(e.doc, ("benchmarks", i, "benchmark"), f"'{b.benchmark}' is spelled '{spelled}' elsewhere",
                               f"write '{spelled}', so the scores can be compared"))  # fmt: skip
    return out


def check_collection(
    entries: list[Entry], families: Families | None, families_doc: Document | None, failed: Collection[str] = ()
) -> list[Diagnostic]:
    """Rules across files: unique slugs, families and parents resolve, no lineage cycle.

    A broken file is reported once, by its own diagnostics: when the families file is broken
    no dossier is blamed for naming a family, and no dossier is blamed for naming a parent
    whose dossier (`failed`: the slugs of dossier files that did not validate) is broken.
    """
    out: list[Diagnostic] = []
    slugs = [e.slug for e in entries]
    family_slugs = [f.slug for f in families.families] if families else []
    seen: dict[str, Entry] = {}
    for e in entries:
        if e.slug in seen:
            out.append(_at(e.doc, ("slug",), f"slug '{e.slug}' is already used by {seen[e.slug].doc.shown}"))
        seen.setdefault(e.slug, e)
        if families and e.dossier.family not in family_slugs:
            out.append(_unknown_family(e, family_slugs))
        out += _check_parents(e, slugs, failed)
    out += _check_cycle(entries)
    out += check_benchmark_names(entries)
    if families_doc:
        counts = Counter(family_slugs)
        out += [_at(families_doc, ("families", family_slugs.index(s), "slug"), f"family '{s}' is listed twice")
                for s, n in counts.items() if n > 1]  # fmt: skip
    return out


def _unknown_family(e: Entry, family_slugs: list[str]) -> Diagnostic:
    """A family nobody registered: a likely typo, or the YAML that registers it."""
    family = e.dossier.family
    register = (f"if '{family}' is a new family, add it to specimens/{FAMILIES_FILE}:\n"
                f"  - slug: {family}\n    name: {family.replace('-', ' ').title()}\n"
                f"    organisation: {e.dossier.organisation}\n"
                "    blurb: One or two sentences on what ties the line together.")  # fmt: skip
    typo = did_you_mean(family, family_slugs)
    return _at(e.doc, ("family",), f"unknown family '{family}'", f"{typo} or, {register}" if typo else register)


def _check_parents(e: Entry, slugs: list[str], failed: Collection[str]) -> list[Diagnostic]:
    out = []
    for i, p in enumerate(e.dossier.lineage):
        if p.parent == e.slug:
            out.append(_at(e.doc, ("lineage", i, "parent"), "a dossier cannot be its own parent"))
        elif p.parent not in slugs and p.parent not in failed:
            hint = did_you_mean(p.parent, [s for s in slugs if s != e.slug]) or "the parent needs a dossier of its own"
            out.append(_at(e.doc, ("lineage", i, "parent"), f"unknown lineage parent '{p.parent}'", hint))
    return out


def _check_cycle(entries: list[Entry]) -> list[Diagnostic]:
    edges = [(e.slug, p.parent) for e in entries for p in e.dossier.lineage if p.parent != e.slug]
    cycle = find_cycle(edges)
    if not cycle:
        return []
    first = next(e for e in entries if e.slug == cycle[0])
    index = next(i for i, p in enumerate(first.dossier.lineage) if p.parent == cycle[1])
    return [
        _at(
            first.doc,
            ("lineage", index, "parent"),
            "lineage has a cycle: " + " → ".join(cycle),
            "a model cannot descend from its own descendant: remove one of these parents",
        )
    ]


def find_cycle(edges: Iterable[tuple[str, str]]) -> list[str] | None:
    """A cycle in a directed graph given as (child, parent) edges, or None.

    Returned as the path of slugs that closes on itself, e.g. ['a', 'b', 'a'].
    """
    graph: dict[str, list[str]] = {}
    for child, parent in edges:
        graph.setdefault(child, []).append(parent)
    state: dict[str, str] = {}

    def visit(node: str, path: list[str]) -> list[str] | None:
        if state.get(node) == "open":
            return [*path[path.index(node) :], node]
        if state.get(node) == "done":
            return None
        state[node] = "open"
        for parent in graph.get(node, []):
            cycle = visit(parent, [*path, node])
            if cycle:
                return cycle
        state[node] = "done"
        return None

    for start in sorted(graph):
        cycle = visit(start, [])
        if cycle:
            return cycle
    return None


def check_glossary(glossary: Glossary, doc: Document) -> list[Diagnostic]:
    """Term ids are unique and every `see` names a term of the glossary."""
    ids = [t.id for t in glossary.terms]
    out = [_at(doc, ("terms", i, "id"), f"term id '{t}' is used twice") for i, t in enumerate(ids) if t in ids[:i]]
    for i, term in enumerate(glossary.terms):
        out += [_at(doc, ("terms", i, "see", k), f"no term has the id '{ref}'", did_you_mean(ref, ids))
                for k, ref in enumerate(term.see) if ref not in ids]  # fmt: skip
    return out


def check_timeline(
    timeline: Timeline, doc: Document, slugs: list[str], failed: Collection[str] = ()
) -> list[Diagnostic]:
    """Timeline events cite known sources, name known dossiers (or broken ones), and come in date order."""
    out = check_source_refs(doc, timeline.sources)
    dates = [e.when.date for e in timeline.events]
    for i, event in enumerate(timeline.events):
        if event.specimen and event.specimen not in slugs and event.specimen not in failed:
            out.append(
                _at(
                    doc,
                    ("events", i, "specimen"),
                    f"unknown dossier '{event.specimen}'",
                    did_you_mean(event.specimen, slugs),
                )
            )
        if i and dates[i] < dates[i - 1]:
            out.append(
                _at(
                    doc,
                    ("events", i, "when", "date"),
                    f"event is out of date order ({dates[i]} after {dates[i - 1]})",
                    "keep events sorted by date",
                )
            )
    return out
