"""The YAML reader keeps a line for every key and refuses anything but plain YAML."""

from pathlib import Path

from museum.dossiers.reader import read_yaml


def read(tmp_path: Path, text: str):
    path = tmp_path / "d.yaml"
    path.write_text(text, encoding="utf-8")
    return read_yaml(path)


def test_every_key_and_item_has_its_line(tmp_path):
    doc, problems = read(tmp_path, "a: 1\nb:\n  c: x\n  d:\n    - 1\n    - {e: 2}\n")
    assert problems == []
    assert doc.data == {"a": 1, "b": {"c": "x", "d": [1, {"e": 2}]}}
    assert doc.lines[("a",)] == 1
    assert doc.lines[("b", "c")] == 3
    assert doc.lines[("b", "d", 0)] == 5
    assert doc.lines[("b", "d", 1, "e")] == 6


def test_line_of_a_missing_key_is_its_parent(tmp_path):
    doc, _ = read(tmp_path, "a: 1\nb:\n  c: x\n")
    assert doc.line_of(("b", "missing")) == 2
    assert doc.line_of(("nothing",)) == 1


def test_dates_and_numbers_are_typed(tmp_path):
    doc, _ = read(tmp_path, "d: 2024-09-25\nn: 1_230_000_000\nf: 1.5\ns: 1.23e9\n")
    assert str(doc.data["d"]) == "2024-09-25"
    assert doc.data["n"] == 1230000000
    assert doc.data["f"] == 1.5
    assert doc.data["s"] == "1.23e9"  # PyYAML's YAML 1.1: no dot, no sign → text


def test_duplicate_key(tmp_path):
    doc, problems = read(tmp_path, "a: 1\nb: 2\na: 3\n")
    assert doc is None
    assert [str(p).split(": ", 1)[1] for p in problems] == [
        "a: duplicate key (first given on line 1)\n  hint: keep one of the two"
    ]
    assert problems[0].line == 3


def test_python_tags_are_refused(tmp_path):
    doc, problems = read(tmp_path, "a: !!python/object/apply:os.system ['true']\n")
    assert doc is None
    assert problems[0].message == "tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"
    assert problems[0].line == 1


def test_custom_tags_are_refused(tmp_path):
    _, problems = read(tmp_path, "a:\n  b: !secret x\n")
    assert problems[0].message == "tag '!secret' is not allowed"
    assert (problems[0].line, problems[0].field) == (2, "a.b")


def test_merge_keys_are_refused(tmp_path):
    _, problems = read(tmp_path, "base: &b {x: 1}\nother:\n  <<: *b\n")
    assert problems[0].message == "merge keys ('<<') are not allowed"


def test_alias_bomb_is_bounded(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    doc, problems = read(tmp_path, "\n".join(lines) + "\n")
    assert doc is None
    assert problems[0].message == "too many aliases or nodes"


def test_a_few_aliases_are_fine(tmp_path):
    doc, problems = read(tmp_path, "a: &x {k: 1}\nb: *x\n")
    assert problems == [] and doc.data["b"] == {"k": 1}


def test_two_documents(tmp_path):
    _, problems = read(tmp_path, "a: 1\n---\nb: 2\n")
    assert problems[0].message == "invalid YAML: expected a single document in the stream"
    assert problems[0].hint == "a dossier is one YAML document: remove the extra '---'"


def test_empty_file(tmp_path):
    _, problems = read(tmp_path, "# nothing\n")
    assert problems[0].message == "the file is empty"
