"""Fixtures: small museums built in a temporary folder, and a real headless Chromium."""

from __future__ import annotations

import functools
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from museum.cli import main

from support import CHROMIUM_ARGS, REPO, Museum


@pytest.fixture(scope="session")
def figure_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("figure-cache")


@pytest.fixture
def museum(tmp_path: Path, figure_cache: Path) -> Museum:
    return Museum(tmp_path / "museum", figure_cache)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": "/usr/bin/chromium", "args": CHROMIUM_ARGS}


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _serving():
    """A function folder → base URL ending in '/', and the servers it started (to stop)."""
    servers: list[ThreadingHTTPServer] = []

    def start(folder: Path) -> str:
        srv = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
        threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        servers.append(srv)
        return f"http://127.0.0.1:{srv.server_address[1]}/"

    return start, servers


def _stop(servers) -> None:
    for srv in servers:
        srv.shutdown()
        srv.server_close()


@pytest.fixture
def serve():
    """Serve a folder over http://127.0.0.1; yields a function folder → base URL ending in '/'."""
    start, servers = _serving()
    yield start
    _stop(servers)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The shipped museum, built once per test session (page, accessibility, validity and link tests share it)."""
    out = tmp_path_factory.mktemp("real") / "_site"
    assert main(["build", "--strict", "--root", str(REPO), "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="session")
def real_site_url(real_site, tmp_path_factory) -> str:
    """The same site served over http under a sub-path: http://127.0.0.1:PORT/deep/museum/."""
    www = tmp_path_factory.mktemp("www")
    shutil.copytree(real_site, www / "deep" / "museum")
    start, servers = _serving()
    yield start(www) + "deep/museum/"
    _stop(servers)


@pytest.fixture
def failed_requests(page):
    """Every response with an error status, and every request that failed outright."""
    failures: list[str] = []
    page.on("response", lambda r: r.status >= 400 and failures.append(f"{r.status} {r.url}"))
    page.on("requestfailed", lambda r: failures.append(f"failed {r.url}"))
    return failures


@pytest.fixture
def console_errors(page):
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors
