"""A development server that knows nothing about the museum: it builds through a callable it is
given into a temporary folder, serves that folder, watches the source folders, rebuilds on every
change and reloads the browser (Server-Sent Events). A failed build is shown as the page.

    with DevServer(build, watch=[...]) as dev:   # builds once, then serves
        dev.run()                                 # watch → build → reload, until Ctrl-C

`build(out)` writes the site into `out` and returns None, or returns an HTML page that says
why it could not (it must leave `out` as it was: the server never shows a half-built site).
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from types import TracebackType

from .server import Server, Status, make_server
from .watch import Watcher

Build = Callable[[Path], str | None]


class DevServer:
    def __init__(self, build: Build, watch: Iterable[Path], host: str = "127.0.0.1", port: int = 8000,
                 interval: float = 0.02):  # fmt: skip
        self.build = build
        self.watcher = Watcher(watch, interval)
        self.host, self.port = host, port
        self.status = Status()
        self.folder: Path | None = None
        self.server: Server | None = None
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._lock = threading.Lock()

    @property
    def site(self) -> Path:
        assert self.folder is not None, "the server has not started"
        return self.folder / "site"

    @property
    def url(self) -> str:
        assert self.server is not None, "the server has not started"
        return f"http://{self.host}:{self.server.server_address[1]}/"

    def start(self) -> DevServer:
        """Make the temporary folder, build once, and start serving in a background thread."""
        self.folder = Path(tempfile.mkdtemp(prefix="museum-serve-"))
        self.rebuild()
        self.server = make_server(self.site, self.status, self.host, self.port)
        self._thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
        self._thread.start()
        return self

    def rebuild(self) -> None:
        """Build once and tell every open page (the failure page, if the build failed)."""
        self.status.publish(self.build(self.site))

    def step(self) -> list[str]:
        """Wait for the next change, rebuild; returns the files that changed (none when stopped)."""
        changed = self.watcher.wait(self._stop.is_set)
        if changed:
            self.rebuild()
        return changed

    def run(self) -> None:
        """Watch and rebuild until `stop()` (or Ctrl-C, which stops cleanly)."""
        try:
            while not self._stop.is_set():
                self.step()
        except KeyboardInterrupt:
            pass
        finally:
            self.stop()

    def stop(self) -> None:
        """Stop serving and watching, and remove the temporary folder."""
        self._stop.set()
        self.status.stop()
        with self._lock:  # stop() may come from the watching thread and its owner at once
            server, self.server = self.server, None
        if server is not None:
            server.shutdown()
            server.server_close()
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> DevServer:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()


__all__ = ["Build", "DevServer"]
