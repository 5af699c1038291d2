"""Fuzzing with hypothesis: whatever a file holds, reading and validating it gives diagnostics,
never an exception; and any valid dossier builds a page that shows it.

Derandomized (the same examples on every run, so CI is stable) and kept to a few seconds.
"""

from __future__ import annotations

import copy
import datetime as dt
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from museum.cli import main
from museum.dossiers import rules
from museum.dossiers.collection import Entry
from museum.dossiers.reader import Document, read_yaml
from museum.dossiers.schema import Dossier
from museum.dossiers.validate import validate
from museum.errors import Diagnostic

from support import SPECIMEN, Museum, html, text_of

FAST = settings(derandomize=True, deadline=None, max_examples=150, suppress_health_check=list(HealthCheck))
SLOW = settings(FAST, max_examples=12)
WORK = Path(tempfile.mkdtemp(prefix="museum-fuzz-"))
YAML_CHARS = [*list("abcxyz019 .,:-_[]{}!&*#|>'\"?%@`~<=\n\t\\"), "\ufeff", "é", "🦙", "\x00", "\x85", "\u2028"]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.dates(),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)),
    max_leaves=20,
)


def assert_diagnostics(found: list[Any]) -> None:
    assert all(isinstance(d, Diagnostic) and (d.line is None or d.line >= 1) for d in found)


def read_text(text: str | bytes) -> tuple[Document | None, list[Diagnostic]]:
    path = WORK / "fuzz.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
    return read_yaml(path, WORK)


@FAST
@given(st.text(alphabet=st.sampled_from(YAML_CHARS), max_size=200))
def test_any_text_is_read_or_diagnosed(text):
    doc, found = read_text(text)
    assert_diagnostics(found)
    assert (doc is None) == bool(found)


@FAST
@given(st.binary(max_size=200))
def test_any_bytes_are_read_or_diagnosed(data):
    _doc, found = read_text(data)
    assert_diagnostics(found)


@FAST
@given(values, st.sampled_from(["block", "flow"]))
def test_any_yaml_document_is_read_or_diagnosed(value, style):
    text = yaml.safe_dump(value, default_flow_style=style == "flow", allow_unicode=True)
    _doc, found = read_text(text)
    assert_diagnostics(found)


def _leaves(data: Any, loc: tuple = ()) -> list[tuple]:
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    found = [loc] if loc else []
    for key, value in items:
        found += _leaves(value, (*loc, key))
    return found


BASE = yaml.safe_load(SPECIMEN)
PLACES = _leaves(BASE)


@st.composite
def dossier_shaped(draw) -> Any:
    """The base dossier with a few of its values (at any depth) replaced, removed, or given a stranger key."""
    data = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 4))):
        loc = draw(st.sampled_from(PLACES))
        parent = data
        try:
            for part in loc[:-1]:
                parent = parent[part]
            action = draw(st.sampled_from(["replace", "remove", "extra"]))
            if action == "replace":
                parent[loc[-1]] = draw(values)
            elif action == "remove" and isinstance(parent, dict):
                del parent[loc[-1]]
            elif isinstance(parent, dict):
                parent[draw(st.text(max_size=8))] = draw(values)
        except (KeyError, IndexError, TypeError):
            pass  # an earlier change removed or replaced this place
    return data


@FAST
@given(dossier_shaped())
def test_any_dossier_shaped_data_is_validated_or_diagnosed(data):
    doc = Document(WORK / "toy-2.yaml", data)
    dossier, found = validate(Dossier, doc)
    assert_diagnostics(found)
    if dossier is not None:
        assert_diagnostics(rules.check_dossier(Entry(dossier, doc)))


# --- any valid dossier builds a page ------------------------------------------------------------

text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), min_size=1, max_size=40).filter(str.strip)


@st.composite
def valid_dossiers(draw) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    labels = draw(st.lists(text, min_size=1, max_size=3, unique=True))
    data["name"] = draw(text)
    data["headline"] = draw(text)
    data["summary"] = draw(text)
    data["organisation"] = draw(text)
    data["released"]["date"] = draw(st.dates(dt.date(2017, 1, 1), dt.date(2026, 1, 1)))
    data["variants"] = [
        {"label": label, "params": {"value": draw(st.integers(1_000_000, 2 * 10**12)), "source": "card"}}
        for label in labels
    ]
    data["best_for"]["uses"] = draw(st.lists(text, min_size=1, max_size=3))
    return data


@SLOW
@given(valid_dossiers())
def test_any_valid_dossier_builds_a_page(data):
    root = WORK / "museum"
    if not root.exists():
        Museum(root)
        shutil.copytree(root / "specimens", WORK / "specimens-base")
    (root / "specimens" / "toy-2.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert main(["build", "--root", str(root)]) == 0
    page = text_of(html((root / "_site" / "specimens" / "toy-2.html").read_text(encoding="utf-8")))
    assert " ".join(data["headline"].split()) in page
