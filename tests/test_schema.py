"""The pydantic models are the single source of truth for the dossier format."""

import datetime as dt
import json

import yaml

from museum.cli import main
from museum.dossiers import schema

from support import SPECIMEN


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
    assert main(["schema"]) == 0
    js = json.loads(capsys.readouterr().out)
    assert js["additionalProperties"] is False
    assert "slug" in js["required"]
