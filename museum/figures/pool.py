"""Drawing figures in other processes: charts and diagrams of one build are drawn side by side.

A `Pool` starts its worker processes only when a figure must really be drawn (a build that finds
every figure in the cache starts none); each worker imports matplotlib once and draws many charts.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor


def workers() -> int:
    """One worker per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


class Pool:
    """Worker processes for drawing, started on the first figure to draw; `close` stops them."""

    def __init__(self, size: int | None = None) -> None:
        self.size = size or workers()
        self._executor: ProcessPoolExecutor | None = None

    def submit(self, draw: Callable[[str], str], source: str) -> Future[str]:
        if self._executor is None:
            # fork is fastest (the workers share what this process imported); a process with threads
            # (the dev server) must not fork, so its workers come from a fork server.
            method = (
                "fork"
                if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()
                else "spawn"
            )
            if method != "fork" and "forkserver" in multiprocessing.get_all_start_methods():
                method = "forkserver"
            self._executor = ProcessPoolExecutor(self.size, mp_context=multiprocessing.get_context(method))
        return self._executor.submit(draw, source)

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
