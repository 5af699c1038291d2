"""What is wrong with a config.json, key by key: the typed shape the anatomy reads it into.

`derive` never raises and leaves out what it cannot read; `problems` says what that was, so
that a build can warn about it (and stop when nothing at all can be derived). Pure.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .architectures import architecture
from .reading import INT_KEYS, normalise
from .values import as_int, as_str

NEEDED = ("hidden_size", "num_hidden_layers")  # without these no size, count or figure can be derived


@dataclass(frozen=True)
class Problem:
    """One key of config.json that the anatomy cannot use; `fatal` when nothing can be derived."""

    key: str  # dotted, as in the file: `text_config.hidden_size`
    message: str
    fatal: bool = False


def problems(config: Any) -> tuple[Problem, ...]:
    """Every key the anatomy had to ignore or do without, in file order; never raises."""
    if not isinstance(config, dict):
        return (Problem("", f"holds a {type(config).__name__}, not an object", fatal=True),)
    inner = config.get("text_config")
    text, prefix = (inner, "text_config.") if isinstance(inner, dict) else (config, "")
    found = [Problem(key, f"{word} is not a number; ignored") for key, word in _non_finite(config)]
    model_type = as_str(text.get("model_type")) or as_str(config.get("model_type"))
    arch = architecture(model_type)
    if not model_type:
        found.append(Problem("model_type", "is missing, so no counting rule applies"))
    elif arch is None:
        found.append(Problem("model_type", f"{_short(model_type)} is unknown: parameter counts, KV cache "
                                           "and memory estimates are left empty"))  # fmt: skip
    cfg, _ = normalise(text, arch)
    found += [Problem(prefix + key, f"expected a positive whole number, got {_short(cfg[key])}; ignored")
              for key in INT_KEYS if _bad_number(cfg.get(key)) and as_int(cfg, key) is None]  # fmt: skip
    missing = [key for key in NEEDED if cfg.get(key) is None]
    found += [Problem(prefix + key, "is missing: sizes, counts and figures cannot be derived") for key in missing]
    if not model_type and len(missing) == len(NEEDED):
        return (Problem("", "gives no model_type, hidden_size or num_hidden_layers: nothing can be derived",
                        fatal=True),)  # fmt: skip
    return tuple(found)


def _bad_number(value: Any) -> bool:
    """Present but not something a size can be read from (NaN is reported on its own)."""
    return value is not None and not (isinstance(value, float) and not math.isfinite(value))


def _non_finite(value: Any, key: str = "") -> Iterator[tuple[str, str]]:
    """(dotted key, NaN or Infinity) for every non-finite number JSON let through."""
    if isinstance(value, float) and not math.isfinite(value):
        yield key, "NaN" if math.isnan(value) else "Infinity"
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _non_finite(v, f"{key}.{k}" if key else str(k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _non_finite(v, f"{key}[{i}]")


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"
