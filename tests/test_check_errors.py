"""`museum check` names file, line and field for every problem, all at once, and writes nothing."""

from __future__ import annotations

import subprocess
import sys

from museum.cli import main

from support import REPO, tree_digest


def check(museum, capsys) -> list[str]:
    """Run `museum check` on an invalid museum: it must exit 1; returns the lines it printed on stderr."""
    code = main(["check", "--root", str(museum.root)])
    err = capsys.readouterr().err
    assert code == 1, err
    return err.splitlines()


def test_valid_museum_passes(museum, capsys):
    assert main(["check", "--root", str(museum.root)]) == 0
    assert "2 dossiers are valid" in capsys.readouterr().out


def test_wrong_type(museum, capsys):
    museum.edit("toy-2.yaml", "name: Toy 2", "name: 2")
    lines = check(museum, capsys)
    assert lines[0].endswith("/specimens/toy-2.yaml:2: name: expected text, got 2")
    assert lines[1] == "  hint: put quotes around it if it is meant as text"


def test_unknown_key_suggests_the_right_one(museum, capsys):
    museum.edit("toy-2.yaml", "headline:", "headlin:")
    lines = check(museum, capsys)
    assert lines[0].endswith("toy-2.yaml:1: headline: required field is missing")
    assert lines[1] == "  hint: The one-line thesis shown on the placard."
    assert lines[2].endswith("toy-2.yaml:8: headlin: unknown field")
    assert lines[3] == "  hint: did you mean 'headline'?"


def test_missing_nested_field_points_at_its_parent(museum, capsys):
    museum.edit("toy-2.yaml", "    params: {value: 1_230_000_000, source: card}\n", "")
    lines = check(museum, capsys)
    assert lines[0].endswith("toy-2.yaml:12: variants[0].params: required field is missing")
    assert lines[1] == "  hint: Total parameter count claimed by the makers."


def test_scientific_notation_gets_a_hint(museum, capsys):
    museum.edit("toy-2.yaml", "1_230_000_000", "1.23e9")
    lines = check(museum, capsys)
    assert lines[0].endswith("toy-2.yaml:13: variants[0].params.value: expected a number, got '1.23e9'")
    assert lines[1] == "  hint: write big numbers with underscores (1_230_000_000); YAML reads 1.23e9 as text"


def test_enum_and_date(museum, capsys):
    museum.edit("toy-2.yaml", "structure: dense", "structure: sparse")
    museum.edit("toy-2.yaml", "date: 2024-05-01", "date: 2024-05")
    lines = check(museum, capsys)
    assert lines[0].endswith("toy-2.yaml:6: released.date: expected a date (YYYY-MM-DD), got '2024-05'")
    assert lines[2].endswith("toy-2.yaml:24: architecture.structure: expected one of 'dense' or 'moe', got 'sparse'")


def test_broken_yaml(museum, capsys):
    museum.edit("toy-2.yaml", "headline: A toy model", "headline: [A toy model")
    lines = check(museum, capsys)
    assert lines[0].endswith(
        "toy-2.yaml:9: invalid YAML: expected ',' or ']', but got ':' (in a flow sequence that starts on line 8)"
    )
    assert lines[1] == "  hint: check indentation, colons and quoting on that line and the one before"


def test_duplicate_key(museum, capsys):
    museum.edit("toy-2.yaml", "role: specimen\n", "role: specimen\nrole: ancestor\n")
    lines = check(museum, capsys)
    assert lines[0].endswith("toy-2.yaml:4: role: duplicate key (first given on line 3)")
    assert lines[1] == "  hint: keep one of the two"


def test_unknown_parent(museum, capsys):
    museum.edit("toy-2.yaml", "parent: toy-1", "parent: toy1")
    lines = check(museum, capsys)
    assert lines[0].endswith("toy-2.yaml:32: lineage[0].parent: unknown lineage parent 'toy1'")
    assert lines[1] == "  hint: did you mean 'toy-1'?"


def test_lineage_cycle(museum, capsys):
    museum.edit(
        "toy-1.yaml", "sources:", "lineage:\n  - {parent: toy-2, relation: successor_of, source: paper}\nsources:"
    )
    lines = check(museum, capsys)
    assert lines[0].endswith("toy-1.yaml:14: lineage[0].parent: lineage has a cycle: toy-1 → toy-2 → toy-1")


def test_cross_file_rules(museum, capsys):
    museum.edit("toy-2.yaml", "family: toy", "family: tyo")
    museum.edit("toy-2.yaml", "data_source: card", "data_source: blog")
    museum.edit("toy-1.yaml", "slug: toy-1", "slug: toy-one")
    lines = check(museum, capsys)
    text = "\n".join(lines)
    assert "toy-1.yaml:1: slug: slug 'toy-one' differs from the file name 'toy-1'" in text
    assert "toy-2.yaml:5: family: unknown family 'tyo'\n  hint: did you mean 'toy'?" in text
    assert "toy-2.yaml:18: training.data_source: unknown source 'blog'" in text


def test_specimen_needs_training(museum, capsys):
    text = (museum.root / "specimens" / "toy-2.yaml").read_text()
    start, end = text.index("training:"), text.index("architecture:")
    museum.write("toy-2.yaml", text[:start] + text[end:])
    lines = check(museum, capsys)
    assert lines[0].endswith("toy-2.yaml:3: role: a specimen needs training")


def test_every_problem_of_every_file_at_once(museum, capsys):
    museum.edit("toy-1.yaml", "name: Toy 1", "name: [Toy")
    museum.edit("toy-2.yaml", "name: Toy 2", "name: 2")
    museum.edit("toy-2.yaml", "spdx: MIT", "spdx: MIT, colour: red")
    lines = check(museum, capsys)
    located = [line for line in lines if not line.startswith("  ")]
    assert [line.split(": ")[0].rsplit("/", 1)[-1] for line in located[:3]] == [
        "toy-1.yaml:3",
        "toy-2.yaml:2",
        "toy-2.yaml:7",
    ]
    assert lines[-1] == "3 error(s), 0 warning(s): nothing was written"


def test_plain_yaml_only(museum, capsys):
    museum.edit("toy-2.yaml", "name: Toy 2", "name: !!python/name:os.system ''")
    lines = check(museum, capsys)
    assert lines[0].endswith("toy-2.yaml:2: name: tag 'tag:yaml.org,2002:python/name:os.system' is not allowed")


def test_failed_build_changes_nothing(museum):
    assert main(["build", "--root", str(museum.root)]) == 0
    before = tree_digest(museum.site, search_index=True)
    museum.edit("toy-2.yaml", "parent: toy-1", "parent: nobody")
    assert main(["build", "--root", str(museum.root)]) == 1
    assert tree_digest(museum.site, search_index=True) == before


def test_build_py_is_the_cli_and_never_tracebacks(museum):
    museum.edit("toy-2.yaml", "name: Toy 2", "name: 2\nname: 3")
    result = subprocess.run(
        [sys.executable, str(REPO / "build.py"), "check", "--root", str(museum.root)],
        capture_output=True,
        text=True,
        cwd=museum.root,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("specimens/toy-2.yaml:3: name: duplicate key (first given on line 2)")
    assert not museum.site.exists()


def test_a_new_family_gets_the_yaml_that_registers_it(museum, capsys):
    """`tinyphi` contains an existing family's slug, but is no typo of it: no `did you mean 'toy'`."""
    museum.edit("toy-2.yaml", "family: toy", "family: tinytoy")
    lines = check(museum, capsys)
    assert lines[:6] == [
        f"{lines[0].split('specimens/')[0]}specimens/toy-2.yaml:5: family: unknown family 'tinytoy'",
        "  hint: if 'tinytoy' is a new family, add it to specimens/_families.yaml:",
        "  - slug: tinytoy",
        "    name: Tinytoy",
        "    organisation: Example Lab",
        "    blurb: One or two sentences on what ties the line together.",
    ]


def test_following_the_family_hint_makes_the_museum_valid(museum, capsys):
    museum.edit("toy-2.yaml", "family: toy", "family: tinytoy")
    check(museum, capsys)
    families = museum.root / "specimens" / "_families.yaml"
    families.write_text(
        families.read_text() + "  - slug: tinytoy\n    name: Tinytoy\n    organisation: Example Lab\n"
        "    blurb: One or two sentences on what ties the line together.\n"
    )
    assert main(["check", "--root", str(museum.root)]) == 0


def test_a_broken_families_file_is_reported_once(museum, capsys):
    """One unknown key in _families.yaml: its own errors, not an "unknown family" for every dossier."""
    museum.edit("_families.yaml", "    blurb:", "    blurbb:")
    lines = check(museum, capsys)
    assert [line.split("specimens/")[-1] for line in lines] == [
        "_families.yaml:2: families[0].blurb: required field is missing",
        "  hint: One or two sentences on what ties the line together.",
        "_families.yaml:5: families[0].blurbb: unknown field",
        "  hint: did you mean 'blurb'?",
        "2 error(s), 0 warning(s): nothing was written",
    ]
