"""Serving the built folder over HTTP, with a reload script in every HTML page and a
Server-Sent Events endpoint that tells the page when the next build is done.

Each finished build (good or bad) is an *epoch*. A page is served with the epoch it shows; its
script asks `/__reload?since=N` and is answered as soon as a later epoch exists, so a build
that finished while the page was loading still reloads it: no save is ever missed.
While the last build failed, every HTML page is the failure page the build callable gave.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

RELOAD_PATH = "/__reload"
KEEPALIVE = 10.0  # seconds between comments on an idle event stream

SCRIPT = (
    '<script>(function(){{var s=new EventSource("{path}?since={epoch}");'
    's.addEventListener("reload",function(){{s.close();location.reload();}});}})();</script>'
)


@dataclass
class Status:
    """What the server shows: the build epoch and, while the last build failed, its failure page."""

    epoch: int = 0
    failure: str | None = None
    stopping: bool = False
    changed: threading.Condition = field(default_factory=threading.Condition)

    def publish(self, failure: str | None) -> None:
        """A build finished: show its result and wake every waiting page."""
        with self.changed:
            self.epoch += 1
            self.failure = failure
            self.changed.notify_all()

    def stop(self) -> None:
        with self.changed:
            self.stopping = True
            self.changed.notify_all()

    def wait_after(self, since: int, timeout: float) -> int | None:
        """The epoch once it is later than `since`; None on timeout or when stopping."""
        with self.changed:
            self.changed.wait_for(lambda: self.epoch > since or self.stopping, timeout)
            return self.epoch if self.epoch > since and not self.stopping else None


def inject(html: bytes, epoch: int) -> bytes:
    """The page with the reload script just before </body> (or at the end)."""
    script = SCRIPT.format(path=RELOAD_PATH, epoch=epoch).encode()
    at = html.rfind(b"</body>")
    return html[:at] + script + html[at:] if at >= 0 else html + script


class Handler(SimpleHTTPRequestHandler):
    status: Status  # set per server by `make_server`

    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path == RELOAD_PATH:
            self._events(int(parse_qs(url.query).get("since", ["0"])[0] or 0))
            return
        page = self._html_file(url.path)
        if page is None and self.status.failure is None:
            super().do_GET()
            return
        failure, epoch = self.status.failure, self.status.epoch
        if failure is not None and (page is not None or url.path.endswith("/")):
            self._send(HTTPStatus.INTERNAL_SERVER_ERROR, inject(failure.encode(), epoch))
        elif page is not None:
            self._send(HTTPStatus.OK, inject(page.read_bytes(), epoch))
        else:
            super().do_GET()

    def _html_file(self, path: str) -> Path | None:
        """The HTML file a path asks for (a folder means its index.html), if it is one."""
        target = Path(self.translate_path(path))
        if target.is_dir():
            target = target / "index.html"
        return target if target.suffix == ".html" and target.is_file() else None

    def _send(self, code: HTTPStatus, body: bytes) -> None:
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _events(self, since: int) -> None:
        """One event stream: a `reload` event as soon as an epoch after `since` exists."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        try:
            while not self.status.stopping:
                epoch = self.status.wait_after(since, KEEPALIVE)
                self.wfile.write(f"event: reload\ndata: {epoch}\n\n".encode() if epoch else b": idle\n\n")
                self.wfile.flush()
                if epoch:
                    return
        except (BrokenPipeError, ConnectionResetError):
            return


class Server(ThreadingHTTPServer):
    daemon_threads = True  # an open event stream never holds up the exit
    block_on_close = False


def make_server(folder: Path, status: Status, host: str, port: int) -> Server:
    """An HTTP server for `folder` (resolved on every request, so the folder may be swapped)."""
    handler = type("BoundHandler", (Handler,), {"status": status})
    return Server((host, port), partial(handler, directory=str(folder)))
