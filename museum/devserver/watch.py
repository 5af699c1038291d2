"""Watching folders by polling file metadata: portable, no dependency, and fast enough for a
few thousand files (one `stat` each per poll)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path

Snapshot = dict[str, tuple[int, int]]  # path → (mtime_ns, size)

IGNORED_SUFFIXES = ("~", ".swp", ".swx", ".swo", ".tmp", ".part", ".kate-swp")


def ignored(name: str) -> bool:
    """Editor droppings and hidden files never trigger a build (`.#x`, `#x#`, `x~`, `.x.swp`, vim's `4913`)."""
    return name.startswith((".", "#")) or name.endswith(IGNORED_SUFFIXES) or name == "4913"


def snapshot(folders: Iterable[Path]) -> Snapshot:
    """Every watched file under `folders` with its modification time and size."""
    found: Snapshot = {}
    for folder in folders:
        _scan(str(folder), found)
    return found


def _scan(folder: str, found: Snapshot) -> None:
    try:
        entries = list(os.scandir(folder))
    except OSError:  # a folder that is missing (or just went away) has no files
        return
    for entry in entries:
        if ignored(entry.name):
            continue
        try:
            if entry.is_dir():
                _scan(entry.path, found)
            else:
                st = entry.stat()
                found[entry.path] = (st.st_mtime_ns, st.st_size)
        except OSError:
            continue


def changed(before: Snapshot, after: Snapshot) -> list[str]:
    """Files added, removed or modified between two snapshots, sorted."""
    return sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))


class Watcher:
    """Polls folders; `wait()` returns the files that changed once they have settled."""

    def __init__(self, folders: Iterable[Path], interval: float = 0.02, settle: float = 0.01):
        self.folders = list(folders)
        self.interval = interval
        self.settle = settle
        self.state = snapshot(self.folders)

    def poll(self) -> list[str]:
        """What changed since the last poll (nothing is waited for)."""
        now = snapshot(self.folders)
        diff = changed(self.state, now)
        while diff:  # a save in progress: look again until two scans agree
            time.sleep(self.settle)
            later = snapshot(self.folders)
            if later == now:
                break
            diff, now = sorted(set(diff) | set(changed(now, later))), later
        self.state = now
        return diff

    def wait(self, stopped: Callable[[], bool]) -> list[str]:
        """Block until something changes (or `stopped()`), polling every `interval` seconds, or less
        often when a scan is slow (many files): polling never takes more than a fifth of a core."""
        while not stopped():
            start = time.perf_counter()
            diff = self.poll()
            if diff:
                return diff
            time.sleep(max(self.interval, 4 * (time.perf_counter() - start)))
        return []
