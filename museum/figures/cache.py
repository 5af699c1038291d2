"""The figure cache: a drawn figure is kept under the hash of what drew it, and never drawn twice.

The key is the renderer's identity (e.g. "dot 2.43.0") and the figure's full source (DOT text,
or a chart's data), so a changed figure or a new renderer draws afresh and an unchanged one is
read back. Counts of drawn and reused figures tell a build (and its tests) what it did.

With a pool, `ask` only starts the drawing (in another process) and returns a `Drawn` whose
`text()` waits for it: a build asks for all its figures first and reads them while rendering
pages, so the figures are drawn side by side. `settle` waits for any still being drawn.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

Draw = Callable[[str], str]


class Drawer(Protocol):
    """Draws elsewhere (a `Pool`)."""

    def submit(self, draw: Draw, source: str) -> Future[str]: ...


@dataclass(frozen=True)
class Drawn:
    """A figure drawn or being drawn: `key` says what it is (its cache key), `text()` gives its SVG."""

    key: str
    text: Callable[[], str] = field(repr=False, compare=False, metadata={"fingerprint": False})

    @classmethod
    def ready(cls, svg: str) -> Drawn:
        return cls(svg, lambda: svg)


@dataclass
class FigureCache:
    folder: Path | None  # None: remember within this build only
    read: bool = True  # False (a --clean build): draw afresh what is not in memory, but keep what is drawn
    memory: dict[str, str] = field(default_factory=dict)  # may be shared by the builds of one process
    pool: Drawer | None = None  # None: draw here and now
    drawn: int = 0
    reused: int = 0
    pending: dict[str, Future[str]] = field(default_factory=dict)

    def get(self, renderer: str, source: str, draw: Draw) -> str:
        """The figure drawn from `source`, from the cache when it was drawn before."""
        return self.ask(renderer, source, draw).text()

    def ask(self, renderer: str, source: str, draw: Draw) -> Drawn:
        """The figure drawn from `source`: from the cache, or drawn now (in the pool, if any)."""
        key = hashlib.sha256(f"{renderer}\0{source}".encode()).hexdigest()
        if key in self.memory or key in self.pending:
            self.reused += 1
            return Drawn(key, lambda: self._result(key))
        path = self._path(key)
        if self.read and path is not None and path.is_file():
            self.reused += 1
            self.memory[key] = path.read_text(encoding="utf-8")
        else:
            self.drawn += 1
            if self.pool is not None:
                self.pending[key] = self.pool.submit(draw, source)
            else:
                self._keep(key, draw(source))
        return Drawn(key, lambda: self._result(key))

    def settle(self) -> None:
        """Wait for every figure still being drawn (and keep it)."""
        for key in list(self.pending):
            self._result(key)

    def _result(self, key: str) -> str:
        future = self.pending.pop(key, None)
        if future is not None:
            self._keep(key, future.result())
        return self.memory[key]

    def _keep(self, key: str, figure: str) -> None:
        self.memory[key] = figure
        path = self._path(key)
        if path is not None:
            _write(path, figure)

    def _path(self, key: str) -> Path | None:
        return self.folder / f"{key[:2]}/{key}.svg" if self.folder else None


def _write(path: Path, text: str) -> None:
    """Write atomically: a killed build never leaves half a figure in the cache."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".svg")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(temp, path)
