"""Problems shown to a person: values with a location until the CLI prints them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem, pinned to a file and line.

    Printed as ``path:line: field: message`` followed by an optional ``hint:`` line.
    """

    path: str
    line: int | None
    field: str
    message: str
    hint: str | None = None
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        label = "" if self.severity == "error" else "warning: "
        head = f"{where}: {label}{self.field}: {self.message}" if self.field else f"{where}: {label}{self.message}"
        return head + (f"\n  hint: {self.hint}" if self.hint else "")

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


def did_you_mean(word: str, options: Iterable[str]) -> str | None:
    """A hint naming the option `word` is most plausibly a typo of, if there is one.

    A plausible typo is one or two slips (a letter missing, extra, wrong or two swapped):
    one for words under six letters, two for longer ones. `tinyphi` is not a typo of `phi`.
    """
    allowed = 1 if len(word) < 6 else 2
    scored = sorted((typo_distance(word, option), option) for option in options)
    close = [option for distance, option in scored if distance <= allowed]
    return f"did you mean '{close[0]}'?" if close else None


def typo_distance(a: str, b: str) -> int:
    """Edits (insert, delete, replace, swap two neighbours) that turn `a` into `b`."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i]
        for j, cb in enumerate(b, 1):
            cost = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, previous2[j - 2] + 1)
            row.append(cost)
        previous2, previous = previous, row
    return previous[-1]


ECHO_LIMIT = 60


def echo(value: object, limit: int = ECHO_LIMIT) -> str:
    """A value quoted for a message, cut to `limit` characters so that no message repeats a whole file."""
    text = repr(value)
    if len(text) <= limit:
        return text
    return text[:limit] + "…"


def display_path(path: Path | str) -> str:
    """A path as a person should see it: relative to the working directory when inside it."""
    p = Path(path)
    try:  # the folder is resolved, the name is not: a symbolic link is shown by its own name
        return str((p.parent.resolve() / p.name).relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(p)


class MuseumError(Exception):
    """Base error: carries every diagnostic that stopped the work."""

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        self.diagnostics = sorted(diagnostics, key=lambda d: (d.path, d.line or 0, d.field))
        super().__init__("\n".join(str(d) for d in self.diagnostics))

    def __reduce__(self) -> tuple[type[MuseumError], tuple[list[Diagnostic]]]:
        """Pickled with its diagnostics (a figure drawn in another process may fail)."""
        return type(self), (self.diagnostics,)


class ValidationFailed(MuseumError):
    """Dossiers could not be read or are invalid (or `--strict` found warnings)."""


class HubError(MuseumError):
    """The Hub could not give a config.json."""
