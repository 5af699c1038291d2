"""A tiny stand-in for the Hugging Face Hub, served on 127.0.0.1 by the standard library.

It answers the two requests `hf_hub_download` makes for a file -- HEAD then GET on
``/{owner}/{name}/resolve/{revision}/{path}`` -- with the headers huggingface_hub 2.x needs
(``X-Repo-Commit``, ``ETag``) and the ``X-Error-Code`` values it maps to its exceptions. A GET
with ``Range: bytes=a-b`` gets ``206 Partial Content`` with those bytes, as the real Hub sends
them: `get_safetensors_metadata` asks HEAD model.safetensors (else model.safetensors.index.json,
downloaded whole), then reads each header with ``bytes=0-100000`` and, for a longer header,
``bytes=8-{length+7}``.
Tests switch on failures per repository (gated, forbidden) or for the whole server
(``fail_with`` a status, ``delay`` every answer).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import re
import struct
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Literal

TOKEN = "hf_fake_read_token"
RANGE = re.compile(r"^bytes=(?P<start>\d+)-(?P<end>\d*)$")
RESOLVE = re.compile(r"^/(?P<repo>[^/]+/[^/]+)/resolve/(?P<rev>[^/]+)/(?P<path>.+)$")

Access = Literal["public", "gated", "forbidden"]


def blob_sha(body: bytes) -> str:
    """The git blob id of `body`, which the real Hub sends as the ETag of small files."""
    return hashlib.sha1(b"blob %d\0" % len(body) + body).hexdigest()


def config_bytes(config: object) -> bytes:
    return json.dumps(config, indent=2).encode()


@dataclass
class Repo:
    files: dict[str, bytes]
    access: Access = "public"  # gated: 401 unless the request carries TOKEN; forbidden: always 403

    @property
    def commit(self) -> str:
        """The head commit: new content, new commit, as on the real Hub."""
        digest = hashlib.sha1()
        for name, body in sorted(self.files.items()):
            digest.update(b"%s\0%d\0%s" % (name.encode(), len(body), body))
        return digest.hexdigest()


@dataclass
class FakeHub:
    """The server's state: what it holds, how it misbehaves, and every request it saw."""

    repos: dict[str, Repo] = field(default_factory=dict)
    fail_with: int | None = None
    delay: float = 0.0
    log: list[tuple[str, str]] = field(default_factory=list)
    stopping: threading.Event = field(default_factory=threading.Event)
    url: str = ""  # set by serve()

    def add(self, repo: str, config: object | bytes, access: Access = "public") -> None:
        body = config if isinstance(config, bytes) else config_bytes(config)
        self.repos[repo] = Repo({"config.json": body}, access)

    def add_files(self, repo: str, files: dict[str, bytes], access: Access = "public") -> None:
        self.repos[repo] = Repo(dict(files), access)

    def requests(self, method: str) -> list[str]:
        return [path for m, path in self.log if m == method]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, *args) -> None:  # keep test output clean
        pass

    def do_HEAD(self) -> None:
        self._answer(head=True)

    def do_GET(self) -> None:
        self._answer(head=False)

    def _answer(self, head: bool) -> None:
        hub = self.server.hub
        hub.log.append((self.command, self.path))
        if hub.delay and hub.stopping.wait(hub.delay):
            return  # the server is shutting down: drop the request unanswered
        status, body, headers = self._route(hub)
        with contextlib.suppress(OSError):  # the client gave up (timeout) before the answer came
            self._send(status, body, headers, head)

    def _route(self, hub: FakeHub) -> tuple[int, bytes, dict[str, str]]:
        if hub.fail_with:
            return hub.fail_with, b"boom", {}
        match = RESOLVE.match(self.path.split("?")[0])
        repo = hub.repos.get(match["repo"]) if match else None
        if repo is None:
            return 404, b"{}", {"X-Error-Code": "RepoNotFound", "X-Error-Message": "Repository not found"}
        if repo.access == "forbidden":
            return 403, b"{}", {"X-Error-Message": "You are not in the authorized list"}
        if repo.access == "gated" and self.headers.get("Authorization") != f"Bearer {TOKEN}":
            return 401, b"{}", {"X-Error-Code": "GatedRepo", "X-Error-Message": "Access to this model is restricted"}
        if match["rev"] not in ("main", repo.commit):
            return 404, b"{}", {"X-Error-Code": "RevisionNotFound", "X-Error-Message": "Invalid rev id"}
        body = repo.files.get(match["path"])
        if body is None:
            return 404, b"{}", {"X-Error-Code": "EntryNotFound", "X-Repo-Commit": repo.commit}
        headers = {
            "ETag": f'"{blob_sha(body)}"',
            "X-Repo-Commit": repo.commit,
            "Content-Type": "application/octet-stream",
        }
        wanted = RANGE.match(self.headers.get("Range", "")) if self.command == "GET" else None
        if wanted:
            start = int(wanted["start"])
            end = min(int(wanted["end"] or len(body) - 1), len(body) - 1)
            headers["Content-Range"] = f"bytes {start}-{end}/{len(body)}"
            return 206, body[start : end + 1], headers
        return 200, body, headers

    def _send(self, status: int, body: bytes, headers: dict[str, str], head: bool) -> None:
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    hub: FakeHub


def serve(hub: FakeHub) -> _Server:
    """Start serving `hub` on a free port of 127.0.0.1; `stop()` the returned server."""
    server = _Server(("127.0.0.1", 0), Handler)
    server.hub = hub
    hub.url = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return server


def stop(server: _Server) -> None:
    server.hub.stopping.set()
    server.shutdown()
    server.server_close()


DTYPE_BYTES = {"F64": 8, "F32": 4, "BF16": 2, "F16": 2, "F8_E4M3": 1, "I64": 8, "I32": 4, "U8": 1, "I8": 1}


def safetensors_file(tensors: dict[str, tuple[str, list[int]]], pad_header: int = 0) -> bytes:
    """A safetensors file by hand: 8-byte little-endian header length, the JSON header, zeroed data.

    `pad_header` adds spaces to the header (allowed by the format) to make it longer than one read."""
    header: dict[str, object] = {"__metadata__": {"format": "pt"}}
    offset = 0
    for name, (dtype, shape) in tensors.items():
        size = DTYPE_BYTES[dtype] * math.prod(shape)
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [offset, offset + size]}
        offset += size
    text = json.dumps(header).encode() + b" " * pad_header
    return struct.pack("<Q", len(text)) + text + bytes(offset)
