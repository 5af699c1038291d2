"""The pydantic models are the single source of truth for the dossier format."""

import datetime as dt
import json

import jsonschema
import yaml

from museum.cli import main
from museum.dossiers import schema

from support import REPO, SPECIMEN


def test_round_trip_through_yaml():
    first = schema.Dossier.model_validate(yaml.safe_load(SPECIMEN))
    dumped = yaml.safe_dump(first.model_dump(exclude_defaults=True), sort_keys=False, allow_unicode=True)
    second = schema.Dossier.model_validate(yaml.safe_load(dumped))
    assert second == first
    assert second.released.date == dt.date(2024, 5, 1)
    assert second.variants[0].params.value == 1_230_000_000


def test_strict_types():
    data = yaml.safe_load(SPECIMEN)
    data["variants"][0]["params"]["value"] = "1230000000"
    errors = _errors(data)
    assert ("variants", 0, "params", "value") in errors


def test_unknown_keys_are_errors_at_every_depth():
    data = yaml.safe_load(SPECIMEN)
    data["colour"] = "red"
    data["training"]["recipe"][0]["minutes"] = 3
    errors = _errors(data)
    assert ("colour",) in errors and ("training", "recipe", 0, "minutes") in errors


def _errors(data):
    try:
        schema.Dossier.model_validate(data)
    except Exception as exc:  # pydantic.ValidationError
        return {tuple(e["loc"]) for e in exc.errors()}
    return set()


def _properties(node, defs, seen=()):
    """Every (name, property schema) in a JSON Schema, following $refs."""
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        if name in seen:
            return
        yield from _properties(defs[name], defs, (*seen, name))
        return
    for name, prop in node.get("properties", {}).items():
        yield name, prop
        yield from _properties(prop, defs, seen)
    for key in ("items", "anyOf", "allOf"):
        value = node.get(key)
        for child in value if isinstance(value, list) else [value] if value else []:
            yield from _properties(child, defs, seen)


def test_every_field_has_a_description():
    for model in (schema.Dossier, schema.Families, schema.Timeline):
        js = model.model_json_schema()
        props = list(_properties(js, js.get("$defs", {})))
        assert len(props) > 10 or model is not schema.Dossier
        undescribed = [name for name, prop in props if not prop.get("description")]
        assert undescribed == [], f"{model.__name__}: {undescribed}"


def test_schema_command_prints_json_schema(capsys):
    assert main(["schema", "--stdout"]) == 0
    js = json.loads(capsys.readouterr().out)
    assert js["additionalProperties"] is False
    assert "slug" in js["required"]


# --- the schema in the editor: a committed file, every dossier pointing at it -----------------


class _DatesAsText(yaml.SafeLoader):
    """YAML as an editor's language server reads it: dates stay text (JSON has no dates)."""


_DatesAsText.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
COMMITTED = REPO / "specimens" / "_schema" / "dossier.schema.json"


def test_the_committed_schema_is_what_museum_schema_writes(capsys):
    assert main(["schema", "--stdout"]) == 0
    assert capsys.readouterr().out == COMMITTED.read_text(encoding="utf-8")


def test_museum_schema_writes_the_file(tmp_path, capsys):
    assert main(["schema", "--root", str(tmp_path)]) == 0
    assert capsys.readouterr().out == f"wrote {tmp_path}/specimens/_schema/dossier.schema.json\n"
    assert (tmp_path / "specimens" / "_schema" / "dossier.schema.json").read_bytes() == COMMITTED.read_bytes()


def test_every_dossier_names_the_schema_on_its_first_line():
    for path in REPO.glob("specimens/[!_]*.yaml"):
        assert path.read_text(encoding="utf-8").splitlines()[0] == (
            "# yaml-language-server: $schema=_schema/dossier.schema.json"
        ), path.name


def test_every_dossier_validates_against_the_committed_schema():
    validator = jsonschema.Draft202012Validator(json.loads(COMMITTED.read_text(encoding="utf-8")))
    paths = sorted(REPO.glob("specimens/[!_]*.yaml"))
    assert len(paths) > 20
    for path in paths:
        errors = [e.message for e in validator.iter_errors(yaml.load(path.read_text(encoding="utf-8"), _DatesAsText))]
        assert errors == [], path.name


def test_the_schema_rejects_a_broken_dossier():
    validator = jsonschema.Draft202012Validator(json.loads(COMMITTED.read_text(encoding="utf-8")))
    data = yaml.load(SPECIMEN, _DatesAsText)
    data["variants"][0]["params"]["value"] = "1.23e9"
    data["colour"] = "blue"
    del data["headline"]
    assert sorted(e.message for e in validator.iter_errors(data)) == [
        "'1.23e9' is not of type 'integer'",
        "'headline' is a required property",
        "Additional properties are not allowed ('colour' was unexpected)",
    ]
