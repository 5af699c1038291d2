"""Problems shown to a person: values with a location until the CLI prints them."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Literal

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


def did_you_mean(word: str, options: list[str]) -> str | None:
    """A hint naming the closest option, if one is close enough."""
    close = difflib.get_close_matches(word, options, n=1)
    return f"did you mean '{close[0]}'?" if close else None


def display_path(path: Path | str) -> str:
    """A path as a person should see it: relative to the working directory when inside it."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(p)


class MuseumError(Exception):
    """Base error: carries every diagnostic that stopped the work."""

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        self.diagnostics = sorted(diagnostics, key=lambda d: (d.path, d.line or 0, d.field))
        super().__init__("\n".join(str(d) for d in self.diagnostics))


class ValidationFailed(MuseumError):
    """Dossiers could not be read or are invalid (or `--strict` found warnings)."""


class HubError(MuseumError):
    """The Hub could not give a config.json."""
