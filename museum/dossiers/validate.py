"""From plain YAML data to validated models, every problem pinned to a line.

The wording of every schema message lives in one table, `MESSAGES`. Pydantic's error
locations are mapped back to the YAML key that caused them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..errors import Diagnostic, did_you_mean, echo
from .reader import Document, Loc, dotted
from .schema import inner_model

M = TypeVar("M", bound=BaseModel)

BIG_NUMBER_HINT = "write big numbers with underscores (1_230_000_000); YAML reads 1.23e9 as text"
MESSAGES: dict[str, tuple[str, str | None]] = {
    "missing": ("required field is missing", None),
    "extra_forbidden": ("unknown field", None),
    "int_type": ("expected a whole number, got {got}", None),
    "int_from_float": ("expected a whole number, got {got}", None),
    "float_type": ("expected a number, got {got}", None),
    "number": ("expected a number, got {got}", None),
    "bool_type": ("expected true or false, got {got}", None),
    "string_type": ("expected text, got {got}", "put quotes around it if it is meant as text"),
    "date_type": ("expected a date (YYYY-MM-DD), got {got}", "write the date unquoted, e.g. 2024-09-25"),
    "literal_error": ("expected one of {expected}, got {got}", None),
    "string_pattern_mismatch": ("{got} does not match the expected format: {pattern_text}", None),
    "string_too_short": ("must not be empty", None),
    "string_too_long": ("is longer than {max_length} characters", None),
    "too_short": ("needs at least {min_length} item(s)", None),
    "greater_than_equal": ("must be at least {ge}, got {got}", None),
    "less_than_equal": ("must be at most {le}, got {got}", None),
    "finite_number": ("expected a finite number, got {got}", None),
    "date_in_future": (
        "must not be more than {days} days in the future, got {got}",
        "a release date that has not happened yet is a slip: check the year",
    ),
    "list_type": ("expected a list, got {got}", "start each item on its own line with '- '"),
    "model_type": ("expected a mapping of fields, got {got}", None),
    "dict_type": ("expected a mapping of fields, got {got}", None),
    "value_error": ("{reason}", None),
}
PATTERN_TEXT = {
    "^[a-z0-9]+(?:-[a-z0-9]+)*$": "lowercase letters, digits and single hyphens",
    r"^https?://[^\s]+$": "an absolute http(s) URL",
}


def validate(model: type[M], doc: Document) -> tuple[M | None, list[Diagnostic]]:
    """Validate one document against a model; every error becomes a located diagnostic."""
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        return None, _diagnostics(model, doc, [dict(error) for error in exc.errors()])


def _diagnostics(model: type[BaseModel], doc: Document, errors: list[dict[str, Any]]) -> list[Diagnostic]:
    seen: dict[Loc, Diagnostic] = {}
    for error in errors:
        loc = _data_loc(doc.data, tuple(error["loc"]))
        seen.setdefault(loc, _diagnostic(model, doc, loc, error))
    return list(seen.values())


def _data_loc(data: Any, loc: Loc) -> Loc:
    """Trim pydantic's location to the part that exists in the data (plus a missing key)."""
    kept: list[str | int] = []
    for part in loc:
        if isinstance(data, dict):
            kept.append(part)
            if part not in data:
                break
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            kept.append(part)
            data = data[part]
        else:
            break
    return tuple(kept)


def _diagnostic(model: type[BaseModel], doc: Document, loc: Loc, error: dict[str, Any]) -> Diagnostic:
    kind = error["type"]
    if kind in ("int_type", "float_type") and isinstance(error.get("input"), str):
        kind = "number"
    template, hint = MESSAGES.get(kind, ("{msg}", None))
    ctx = error.get("ctx", {})
    message = template.format(
        got=_describe(error.get("input")),
        msg=error["msg"],
        reason=str(error["msg"]).removeprefix("Value error, "),
        expected=ctx.get("expected", ""),
        pattern_text=PATTERN_TEXT.get(str(ctx.get("pattern")), f"pattern {ctx.get('pattern')}"),
        **{k: _bound(v) for k, v in ctx.items() if k in ("max_length", "min_length", "ge", "le", "days")},
    )
    hint = _hint(model, loc, kind, error) or hint
    return Diagnostic(doc.shown, doc.line_of(loc), dotted(loc), message, hint)


def _hint(model: type[BaseModel], loc: Loc, kind: str, error: dict[str, Any]) -> str | None:
    if kind == "extra_forbidden":
        allowed = _fields_at(model, loc[:-1])
        return did_you_mean(str(loc[-1]), allowed) or f"allowed here: {', '.join(allowed)}"
    if kind == "number" and "e" in str(error.get("input", "")).lower():
        return BIG_NUMBER_HINT
    if kind == "missing":
        return _field_description(model, loc)
    return None


def _bound(value: Any) -> str:
    """A limit as a person writes it in a dossier: 2017-01-01, 1_000_000, 100."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and abs(value) >= 10_000:
        return f"{value:_}"
    return str(value)


def _describe(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _bound(value)
    if value is None:
        return "nothing (null)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return str(value).lower()
    return echo(value)


def _model_at(model: type[BaseModel] | None, loc: Loc) -> type[BaseModel] | None:
    """The model class that owns the fields at `loc`."""
    for part in loc:
        if model is None:
            return None
        if isinstance(part, int):
            continue
        info = model.model_fields.get(part)
        model = inner_model(info.annotation) if info else None
    return model


def _fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    owner = _model_at(model, loc)
    return list(owner.model_fields) if owner else []


def _field_description(model: type[BaseModel], loc: Loc) -> str | None:
    owner = _model_at(model, loc[:-1])
    info = owner.model_fields.get(str(loc[-1])) if owner else None
    return info.description if info else None
