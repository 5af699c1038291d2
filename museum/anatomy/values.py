"""Reading single values out of a config.json dict: never raises, None when unusable."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any


def as_int(cfg: Mapping[str, Any], key: str) -> int | None:
    """A positive integer value (2048.0 accepted), else None."""
    value = cfg.get(key)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def as_int_list(value: Any, allow_zero: bool = False) -> list[int] | None:
    if not isinstance(value, list):
        return None
    ok = all(_is_int(v) and (v > 0 or (allow_zero and v == 0)) for v in value)
    return value if ok else None


def as_float(value: Any) -> float | None:
    ok = (_is_int(value) or isinstance(value, float)) and math.isfinite(value) and value > 0
    return float(value) if ok else None


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def as_bool(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def as_str(value: Any) -> str:
    return value if isinstance(value, str) else ""
