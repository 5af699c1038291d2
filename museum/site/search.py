"""Site search with Pagefind: the built pages are indexed into `pagefind/` before the new site is
swapped in. Pages mark what is searchable (`data-pagefind-body`) and their facets
(`data-pagefind-filter`); the search page loads Pagefind's UI, which needs http."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from ..errors import Diagnostic, MuseumError

SIZE_BANDS = ((1e9, "under 1B"), (3.5e9, "1–3B"), (9e9, "3–8B"))  # upper bounds; anything larger: "over 8B"


def size_band(params: int | float) -> str:
    """The facet a variant's total parameters fall in: '1–3B' for 2.4B."""
    return next((band for limit, band in SIZE_BANDS if params < limit), "over 8B")


class IndexFailed(MuseumError):
    """Pagefind could not index the site."""


INDEX = "pagefind"  # the index's folder in the site; the search page loads it from there


def index(site: Path, subdir: str = INDEX, background: bool = False, cancel: Callable[[], bool] | None = None) -> bool:
    """Run Pagefind over a built site folder (offline, about half a second for the museum);
    `background`: at the lowest CPU priority, so that it never slows what the visitor waits for.
    Returns False when `cancel()` became true meanwhile (Pagefind is stopped; its output is partial)."""
    if cancel is not None and cancel():
        return False
    nice = shutil.which("nice") if background else None
    command = [*([nice, "-n", "19"] if nice else []), *_pagefind(), "--site", str(site), "--output-subdir", subdir,
               "--silent"]  # fmt: skip
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as run:
        while True:
            try:
                out, err = run.communicate(timeout=0.01 if cancel else None)  # a cancel is seen within 10 ms
                break
            except subprocess.TimeoutExpired:
                if cancel is not None and cancel():
                    run.kill()
                    run.communicate()
                    return False
    if run.returncode != 0:
        detail = (err or out).strip().splitlines()[-1:] or ["no output"]
        raise IndexFailed([Diagnostic("pagefind", None, "", f"the search index could not be built: {detail[0]}",
                                      "is the `pagefind[bin]` package installed? `make museum` installs it")])  # fmt: skip
    return True


def keep_index(old_site: Path, new_site: Path) -> None:
    """Give a new site the old one's index (hard links: nothing is copied), until `reindex` runs."""
    old = old_site / INDEX
    if old.is_dir():
        shutil.copytree(old, new_site / INDEX, copy_function=os.link)


def reindex(site: Path, cancel: Callable[[], bool] | None = None) -> None:
    """Index a live site into a side folder, then swap it in: the old index serves until then.
    Pagefind runs in the background (the browser reloading the page comes first); when `cancel()`
    becomes true (a newer build is coming), it stops and the old index stays."""
    side = site / f".{INDEX}-next"
    if not index(site, side.name, background=True, cancel=cancel):
        shutil.rmtree(side, ignore_errors=True)
        return
    live, old = site / INDEX, site / f".{INDEX}-old"
    if live.exists():
        os.replace(live, old)
    os.replace(side, live)
    shutil.rmtree(old, ignore_errors=True)


def _pagefind() -> list[str]:
    """Pagefind's own program when `pagefind[bin]` is installed (no Python start-up to reach it),
    else `python -m pagefind`, which finds it."""
    try:
        from pagefind_bin import get_executable

        return [str(get_executable().absolute())]
    except (ImportError, FileNotFoundError):
        return [sys.executable, "-m", "pagefind"]
