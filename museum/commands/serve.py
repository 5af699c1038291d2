"""`museum serve`: the dev server (which knows nothing about the museum) wired to the build.

Every change rebuilds through the same pipeline as `museum build`, reusing what did not change
(the caches stay in memory between builds). A build that fails prints its diagnostics and
becomes the page the browser shows — file, line, field, message — until a build succeeds.
Search is indexed after the browser has reloaded (about half a second of Pagefind kept off the
save → browser path, then run at the lowest CPU priority); until then the new site answers from
the last build's index.
"""

from __future__ import annotations

import functools
import sys
import threading
import time
import traceback
from collections.abc import Callable
from html import escape
from pathlib import Path

from ..devserver import DevServer
from ..errors import Diagnostic, MuseumError
from ..project import Project
from ..site import search
from . import build as builder

WATCHED = ("specimens", "templates", "assets", "halls")


def failure_page(title: str, diagnostics: list[Diagnostic], detail: str = "") -> str:
    """A self-contained page listing what stopped the build (no template: those may be what broke)."""
    rows = "".join(
        f"<tr><td>{escape(d.path)}</td><td>{d.line or ''}</td><td><code>{escape(d.field)}</code></td>"
        f"<td>{escape(('warning: ' if not d.is_error else '') + d.message)}"
        + (f"<br><small>hint: {escape(d.hint)}</small>" if d.hint else "")
        + "</td></tr>"
        for d in diagnostics
    )
    table = (f'<table><thead><tr><th>file</th><th>line</th><th>field</th><th>message</th></tr></thead>'
             f"<tbody>{rows}</tbody></table>") if rows else ""  # fmt: skip
    pre = f"<pre>{escape(detail)}</pre>" if detail else ""
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Build failed</title>'
        '<link rel="icon" href="data:,"><style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem;'
        "color:#222;background:#fff8f6}h1{color:#a01010}table{border-collapse:collapse}"
        "td,th{border:1px solid #ddd;padding:.3rem .6rem;text-align:left;vertical-align:top}</style></head>"
        f'<body><h1 id="build-failed">{escape(title)}</h1>{table}{pre}'
        "<p>Fix the file and save: this page reloads by itself.</p></body></html>\n"
    )


def site_builder(project: Project, strict: bool, say: Callable[[str], None]) -> Callable[[Path], str | None]:
    """The build callable for the dev server: None when the site is written, else the failure page."""
    caches = builder.Caches.of(project, remember=True)
    indexing: list[tuple[threading.Thread, threading.Event]] = []  # the last build's search index, made later

    def build(out: Path) -> str | None:
        nonlocal caches
        for worker, cancel in indexing:  # the last build's index is not wanted any more: stop it (the site
            cancel.set()  # keeps the index before it, and this build's is made after)
            worker.join()
        indexing.clear()
        start = time.perf_counter()
        caches = caches.fresh(project)
        try:
            report = builder.build(project, out, strict, caches, index=functools.partial(search.keep_index, out))
        except MuseumError as exc:
            for d in exc.diagnostics:
                say(str(d))
            errors = sum(d.is_error for d in exc.diagnostics)
            say(f"{errors} error(s), {len(exc.diagnostics) - errors} warning(s): the browser shows them")
            return failure_page("The build failed", exc.diagnostics)
        except Exception as exc:  # a template or code error: show it rather than die
            say(f"museum: internal error: {type(exc).__name__}: {exc}")
            return failure_page(f"Internal error: {type(exc).__name__}", [], traceback.format_exc())
        for d in report.warnings:
            say(str(d))
        say(f"rebuilt: {report.pages_rendered} of {report.pages} pages rendered, {report.figures_drawn} figures drawn; "
            f"{len(report.warnings)} warning(s); {time.perf_counter() - start:.2f} s")  # fmt: skip
        cancel = threading.Event()
        indexing.append((threading.Thread(target=_reindex, args=(out, say, cancel), daemon=True), cancel))
        indexing[-1][0].start()
        return None

    return build


REINDEX_AFTER = 1.0  # seconds: the browser reloads, and the next quick save builds, without Pagefind beside them


def _reindex(site: Path, say: Callable[[str], None], cancel: threading.Event) -> None:
    """Search catches up with the page the browser already shows (until then it answers from the last
    index); a build that starts meanwhile makes this one unneeded: it stops, whether begun or not."""
    if cancel.wait(REINDEX_AFTER):
        return
    try:
        search.reindex(site, cancel.is_set)
    except MuseumError as exc:
        for d in exc.diagnostics:
            say(str(d))
    except OSError:  # the server stopped and removed the site meanwhile
        pass


def dev_server(project: Project, host: str = "127.0.0.1", port: int = 8000, strict: bool = False,
               say: Callable[[str], None] | None = None) -> DevServer:  # fmt: skip
    """A dev server for this museum (not started)."""
    say = say or (lambda line: print(line, file=sys.stderr, flush=True))
    watched = [project.root / name for name in WATCHED]
    return DevServer(site_builder(project, strict, say), watched, host, port)
