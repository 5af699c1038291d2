"""`museum hub refresh`: fetch each variant's config.json again, show what changed, rewrite drifted snapshots."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Diagnostic, display_path
from .client import FetchError, fetch_config
from .snapshots import read_snapshot, snapshot_path, write_snapshot
from .weights import NO_SAFETENSORS, fetch_header_count, read_weights, write_weights


@dataclass(frozen=True)
class Target:
    """One variant to refresh; `path`/`line` locate its `hub` key for diagnostics."""

    slug: str
    label: str
    repo: str
    revision: str
    path: str
    line: int | None

    def __str__(self) -> str:
        return f"{self.slug} {self.label} ({self.repo}@{self.revision})"


def diff_configs(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Readable differences, nested keys dotted: ``  key: 8 → 4``, ``+ key: 1``, ``- key: true``."""
    return _diff(old, new, "")


def _diff(old: dict[str, Any], new: dict[str, Any], prefix: str) -> list[str]:
    lines: list[str] = []
    for key in [*old, *(key for key in new if key not in old)]:
        name = f"{prefix}{key}"
        if key not in new:
            lines.extend(f"- {leaf}: {_show(value)}" for leaf, value in _leaves(old[key], name))
        elif key not in old:
            lines.extend(f"+ {leaf}: {_show(value)}" for leaf, value in _leaves(new[key], name))
        elif isinstance(old[key], dict) and isinstance(new[key], dict):
            lines.extend(_diff(old[key], new[key], f"{name}."))
        elif _show(old[key]) != _show(new[key]):  # as JSON text: true ≠ 1 ≠ 1.0
            lines.append(f"  {name}: {_show(old[key])} → {_show(new[key])}")
    return lines


def _leaves(value: Any, name: str) -> list[tuple[str, Any]]:
    """A value as dotted (name, leaf) pairs; an empty object is a leaf."""
    if not (isinstance(value, dict) and value):
        return [(name, value)]
    return [leaf for key, item in value.items() for leaf in _leaves(item, f"{name}.{key}")]


def _show(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


@dataclass
class RefreshResult:
    target: Target
    changed: bool
    diff: list[str] = field(default_factory=list)
    diagnostic: Diagnostic | None = None
    written: bool = False  # the snapshot file was rewritten
    weights: str | None = None  # what happened to the safetensors header count, when asked for
    weights_problem: Diagnostic | None = None  # the header count could not be had (the config was)


def refresh(
    targets: list[Target],
    snapshot_dir: Path,
    *,
    check: bool = False,
    endpoint: str | None = None,
    cache_dir: str | None = None,
    timeout: float = 10.0,
    weights: bool = False,
) -> list[RefreshResult]:
    """Fetch every target (each repo@revision once), compare, rewrite drifted snapshots unless `check`;
    with `weights`, also read the safetensors header count and record it next to the snapshot."""
    fetched: dict[tuple[str, str], dict[str, Any] | FetchError] = {}
    shipped: dict[str, dict[str, Any] | None] = {}  # each repo's snapshot as it was before this run
    pinned: dict[str, Target] = {}
    written: set[str] = set()
    results = []
    for target in targets:
        problem = _conflict(target, pinned.setdefault(target.repo, target), snapshot_dir)
        if problem:
            results.append(RefreshResult(target, False, diagnostic=problem))
            continue
        key = (target.repo, target.revision)
        if key not in fetched:
            fetched[key] = _fetch_or_error(target, endpoint, cache_dir, timeout)
        if target.repo not in shipped:
            shipped[target.repo] = _shipped(snapshot_dir, target.repo)
        results.append(_refresh_one(target, fetched[key], shipped[target.repo], snapshot_dir, check, written))
    if weights:
        _record_weights([r for r in results if r.diagnostic is None], snapshot_dir, check, endpoint, timeout)
    return results


def _record_weights(
    results: list[RefreshResult], snapshot_dir: Path, check: bool, endpoint: str | None, timeout: float
) -> None:
    """The header count of each repo (asked once), compared with the recorded one and rewritten when it changed."""
    done: dict[str, tuple[str | None, Diagnostic | None]] = {}
    for result in results:
        target = result.target
        if target.repo not in done:
            done[target.repo] = _weights_one(target, snapshot_dir, check, endpoint, timeout)
        result.weights, result.weights_problem = done[target.repo]


def _weights_one(
    target: Target, snapshot_dir: Path, check: bool, endpoint: str | None, timeout: float
) -> tuple[str | None, Diagnostic | None]:
    try:
        counts = fetch_header_count(target.repo, target.revision, endpoint=endpoint, timeout=timeout)
    except FetchError as error:
        if error.kind == NO_SAFETENSORS:
            return "no safetensors weights on the Hub: no header count recorded", None
        return None, _diagnostic(target, f"safetensors headers: {error.message}", error.hint)
    try:
        old = read_weights(snapshot_dir, target.repo)
    except ValueError:
        old = None
    shown = f"{sum(counts.values()):,} parameters in the safetensors headers"
    if old == counts:
        return f"weights: {shown} (unchanged)", None
    if check:
        return f"weights: {shown} (changed, not recorded)", None
    try:
        path = write_weights(snapshot_dir, target.repo, target.revision, counts)
    except OSError as error:
        return None, _diagnostic(target, f"cannot write the header count: {error.strerror or error}",
                                 "check that the snapshot folder is writable")  # fmt: skip
    return f"weights: {shown} (recorded in {path.name})", None


def _fetch_or_error(
    target: Target, endpoint: str | None, cache_dir: str | None, timeout: float
) -> dict[str, Any] | FetchError:
    try:
        return fetch_config(target.repo, target.revision, endpoint=endpoint, cache_dir=cache_dir, timeout=timeout)
    except FetchError as error:
        return error


def _shipped(snapshot_dir: Path, repo: str) -> dict[str, Any] | None:
    """The snapshot before refreshing; None if missing or unreadable (then it always changes)."""
    try:
        return read_snapshot(snapshot_dir, repo)
    except (OSError, ValueError):
        return None


def _conflict(target: Target, first: Target, snapshot_dir: Path) -> Diagnostic | None:
    """A target whose snapshot cannot be refreshed whatever the Hub says."""
    try:
        snapshot_path(snapshot_dir, target.repo)
    except ValueError as error:
        return _diagnostic(target, str(error), "hub.repo must be owner/name")
    if first.revision != target.revision:
        return _diagnostic(
            target,
            f"{target.repo} is pinned at {target.revision} here but at {first.revision} "
            f"by {first.slug} {first.label}, and one snapshot cannot match both",
            "pin the same revision in both variants",
        )
    return None


def _refresh_one(
    target: Target,
    fetched: dict[str, Any] | FetchError,
    old: dict[str, Any] | None,
    snapshot_dir: Path,
    check: bool,
    written: set[str],
) -> RefreshResult:
    if isinstance(fetched, FetchError):
        return RefreshResult(target, False, diagnostic=_diagnostic(target, fetched.message, fetched.hint))
    diff = diff_configs(old or {}, fetched)
    changed = old is None or bool(diff)
    if not changed or check or target.repo in written:
        return RefreshResult(target, changed, diff, written=target.repo in written)
    path = snapshot_path(snapshot_dir, target.repo)
    try:
        write_snapshot(path, fetched)
    except OSError as error:
        problem = _diagnostic(
            target,
            f"cannot write {display_path(path)}: {error.strerror or error}",
            "check that the snapshot folder is writable",
        )
        return RefreshResult(target, changed, diff, diagnostic=problem)
    written.add(target.repo)
    return RefreshResult(target, changed, diff, written=True)


def _diagnostic(target: Target, message: str, hint: str) -> Diagnostic:
    return Diagnostic(
        path=target.path,
        line=target.line,
        field=f"variants[{target.label}].hub",
        message=f"cannot refresh {target.slug} {target.label}: {message}",
        hint=hint,
    )


def format_report(results: list[RefreshResult]) -> str:
    """What `museum hub refresh` prints: one line per target, its diff, diagnostics, a summary."""
    lines = []
    for result in results:
        if result.diagnostic is not None:
            lines.append(str(result.diagnostic))
            continue
        state = "unchanged"
        if result.changed:
            state = "changed" if result.written else "changed (snapshot not rewritten)"
        lines.append(f"{result.target}: {state}")
        lines.extend(f"    {line}" for line in result.diff)
        lines.extend([f"    {result.weights}"] if result.weights else [])
        lines.extend([str(result.weights_problem)] if result.weights_problem else [])
    failed = sum(result.diagnostic is not None or result.weights_problem is not None for result in results)
    changed = sum(result.changed and result.diagnostic is None and result.weights_problem is None for result in results)
    total = len(results)
    lines.append(
        f"{total} variant{'' if total == 1 else 's'}: {changed} changed, "
        f"{total - changed - failed} unchanged, {failed} failed"
    )
    return "\n".join(lines)
