"""The figure cache: a drawn figure is kept under the hash of what drew it, and never drawn twice.

The key is the renderer's identity (e.g. "dot 2.43.0") and the figure's full source (DOT text,
or a chart's data), so a changed figure or a new renderer draws afresh and an unchanged one is
read back. Counts of drawn and reused figures tell a build (and its tests) what it did.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class FigureCache:
    folder: Path | None  # None: remember within this build only
    read: bool = True  # False (a --clean build): draw afresh what is not in memory, but keep what is drawn
    memory: dict[str, str] = field(default_factory=dict)  # may be shared by the builds of one process
    drawn: int = 0
    reused: int = 0

    def get(self, renderer: str, source: str, draw: Callable[[str], str]) -> str:
        """The figure drawn from `source`, from the cache when it was drawn before."""
        key = hashlib.sha256(f"{renderer}\0{source}".encode()).hexdigest()
        if key in self.memory:
            self.reused += 1
            return self.memory[key]
        path = self.folder / f"{key[:2]}/{key}.svg" if self.folder else None
        if self.read and path is not None and path.is_file():
            self.reused += 1
            figure = path.read_text(encoding="utf-8")
        else:
            self.drawn += 1
            figure = draw(source)
            if path is not None:
                _write(path, figure)
        self.memory[key] = figure
        return figure


def _write(path: Path, text: str) -> None:
    """Write atomically: a killed build never leaves half a figure in the cache."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".svg")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(temp, path)
