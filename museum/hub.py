"""config.json snapshots from the Hugging Face Hub: read offline by the build, refreshed on demand.

Each dossier variant pins `hub: {repo, revision}`. The repository ships a copy of that
revision's config.json at ``specimens/_hub/<owner>__<name>.config.json``; the build reads only
these copies. `museum hub refresh` fetches each config.json again through huggingface_hub
(its cache, HF_TOKEN, HF_ENDPOINT and HF_HUB_OFFLINE all apply), shows what changed and
rewrites the snapshots that drifted. A failure becomes one Diagnostic; the snapshot is kept.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path
from typing import Any

from museum.errors import Diagnostic, display_path

CONFIG = "config.json"
COMMIT_ID = re.compile(r"[0-9a-f]{40}")
BROKEN_FILE = "the file on the Hub is broken; pin a revision whose config.json is a JSON object"

# Every way fetching config.json can fail, as a person reads it: kind -> (message, hint).
# Messages may use {repo} {revision} {where} (= repo@revision) {endpoint} {timeout} {detail}.
FAILURES = {
    "repo-not-found": ("repository {repo} not found on the Hub", "check hub.repo for typos; a private repo "
                       "also looks missing without a token, so set HF_TOKEN if it is private"),
    "revision-not-found": ("revision {revision} not found in {repo}",
                           "pin an existing commit id, branch or tag in hub.revision"),
    "file-not-found": ("{where} has no config.json",
                       "hub.repo should be the base model's repo, not a GGUF, ONNX or adapter repo"),
    "unauthorised": ("{repo} is gated or private and the Hub wants a token ({detail})", "accept the model's "
                     "licence on its Hub page, then set HF_TOKEN to a read token (or run `hf auth login`)"),
    "forbidden": ("{repo} is gated or private and the token has no access to it ({detail})", "accept the "
                  "model's licence on its Hub page with the account whose token is in HF_TOKEN, or set HF_TOKEN "
                  "to a token that can read this repo"),
    "server-error": ("the Hub failed with {detail} for {where}",
                     "the Hub is having trouble and nothing is cached; try again later"),
    "http-error": ("the Hub answered {detail} for {where}", "try again later; if it persists, check HF_ENDPOINT"),
    "timeout": ("no answer from {endpoint} within {timeout} s for {where}",
                "the Hub or the network is slow and nothing is cached; try again later"),
    "unreachable": ("cannot reach {endpoint} for {where} ({detail})",
                    "check the network connection, proxy settings and HF_ENDPOINT; nothing is cached"),
    "offline": ("offline mode is on and config.json of {where} is not in the cache",
                "unset HF_HUB_OFFLINE to fetch it from the Hub"),
    "not-a-hub": ("{endpoint} does not answer like a Hugging Face Hub for {where}",
                  "check HF_ENDPOINT, proxy and firewall settings"),
    "invalid-request": ("cannot ask the Hub for {where}: {detail}",
                        "hub.repo must be owner/name and hub.revision a commit id, branch or tag"),
    "malformed-json": ("config.json of {where} is not valid JSON ({detail})", BROKEN_FILE),
    "not-an-object": ("config.json of {where} is a JSON {detail}, not an object", BROKEN_FILE),
    "cache": ("cannot use the huggingface_hub cache for config.json of {where} ({detail})",
              "check that the cache folder (HF_HUB_CACHE or HF_HOME) is readable and writable"),
    "unexpected": ("unexpected error while fetching config.json of {where}: {detail}",
                   "this is a bug in museum/hub.py; please report it"),
}


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


class FetchError(Exception):
    """config.json could not be had: `kind` names the failure, `hint` says what to do about it."""

    def __init__(self, kind: str, message: str, hint: str):
        super().__init__(message)
        self.kind, self.message, self.hint = kind, message, hint


# --- snapshots ------------------------------------------------------------------------


def snapshot_path(snapshot_dir: Path, repo: str) -> Path:
    """Where the snapshot of `repo` lives: ``<snapshot_dir>/<owner>__<name>.config.json``."""
    owner, slash, name = repo.partition("/")
    if not (owner and slash and name) or "/" in name:
        raise ValueError(f"not a Hub repo id of the form owner/name: {repo!r}")
    return Path(snapshot_dir) / f"{owner}__{name}.config.json"


def read_snapshot(snapshot_dir: Path, repo: str) -> dict:
    """The shipped config.json of `repo`; FileNotFoundError if absent, ValueError if malformed."""
    path = snapshot_path(snapshot_dir, repo)
    data = path.read_bytes()
    try:
        config = json.loads(data)
    except ValueError as error:
        raise ValueError(f"{display_path(path)}: not valid JSON ({_why(error)})") from None
    if not isinstance(config, dict):
        raise ValueError(f"{display_path(path)}: a JSON {_json_type(config)}, not an object")
    return config


def _write_snapshot(path: Path, config: dict) -> None:
    """Replace `path` atomically (temp file + os.replace), keeping its permissions."""
    text = json.dumps(config, indent=2) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _why(error: ValueError) -> str:
    if isinstance(error, json.JSONDecodeError):
        return f"{error.msg} at line {error.lineno}, column {error.colno}"
    return "not UTF-8 text" if isinstance(error, UnicodeDecodeError) else str(error)


def _json_type(value: Any) -> str:
    names = {dict: "object", list: "array", str: "string", int: "number", float: "number", bool: "boolean"}
    return names.get(type(value), "null")


# --- fetching -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Request:
    repo: str
    revision: str
    endpoint: str | None
    timeout: float

    @property
    def where(self) -> str:
        return f"{self.repo}@{self.revision}"


def fetch_config(repo: str, revision: str, *, endpoint: str | None = None,
                 cache_dir: str | None = None, timeout: float = 10.0) -> dict:
    """config.json of `repo` at `revision`, via huggingface_hub and its cache.

    Raises only FetchError, one kind per failure (see FAILURES). `endpoint` overrides
    HF_ENDPOINT only when given. `timeout` bounds the first question to the Hub (and is
    hf_hub_download's `etag_timeout`); the download itself follows HF_HUB_DOWNLOAD_TIMEOUT.
    """
    request = _Request(repo, revision, endpoint, timeout)
    try:
        data = Path(_download(request, cache_dir)).read_bytes()
    except Exception as error:  # every failure is explained; no traceback reaches the reader
        raise _explain(error, request) from error
    return _parse(data, request)


def _download(request: _Request, cache_dir: str | None) -> str:
    """Path of config.json in the huggingface_hub cache, downloaded if needed.

    With nothing cached, hf_hub_download retries a failed or slow HEAD with a 60 s timeout and
    1+2+4+8+8 s of backoff, whatever `etag_timeout` says. So one HEAD without retries asks the
    Hub first; if it fails, a cached copy stands in (as in hf_hub_download) or the error stands.
    """
    import httpx2
    from huggingface_hub import constants, hf_hub_download
    from huggingface_hub.errors import RemoteEntryNotFoundError, RepositoryNotFoundError, RevisionNotFoundError

    options: dict[str, Any] = {"revision": request.revision, "cache_dir": cache_dir, "etag_timeout": request.timeout}
    if request.endpoint is not None:
        options["endpoint"] = request.endpoint
    if constants.is_offline_mode():
        return hf_hub_download(request.repo, CONFIG, **options)  # the cache, or LocalEntryNotFoundError
    cached = _cached(request.repo, options)
    if cached and COMMIT_ID.fullmatch(request.revision):
        return cached  # a commit never changes
    try:
        _probe(request)
    except (RepositoryNotFoundError, RevisionNotFoundError, RemoteEntryNotFoundError):
        raise  # the Hub answered that it is gone (or gated): a cached copy must not stand in
    except (httpx2.HTTPError, OSError):
        if cached:
            return cached
        raise
    return hf_hub_download(request.repo, CONFIG, **options)


def _cached(repo: str, options: dict[str, Any]) -> str | None:
    from huggingface_hub import hf_hub_download
    from huggingface_hub.errors import LocalEntryNotFoundError

    try:
        return hf_hub_download(repo, CONFIG, local_files_only=True, **options)
    except LocalEntryNotFoundError:
        return None


def _probe(request: _Request) -> None:
    """One HEAD for config.json, no retries; raises what the Hub (or the network) said."""
    from huggingface_hub import get_hf_file_metadata, hf_hub_url

    url = hf_hub_url(request.repo, CONFIG, revision=request.revision, endpoint=request.endpoint)
    get_hf_file_metadata(url, timeout=request.timeout, endpoint=request.endpoint)


def _parse(data: bytes, request: _Request) -> dict:
    try:
        config = json.loads(data)
    except ValueError as error:
        raise _failure("malformed-json", request, _why(error)) from None
    if not isinstance(config, dict):
        raise _failure("not-an-object", request, _json_type(config))
    return config


def _failure(kind: str, request: _Request, detail: str = "") -> FetchError:
    from huggingface_hub import constants

    message, hint = FAILURES[kind]
    return FetchError(kind, message.format(
        repo=request.repo, revision=request.revision, where=request.where, detail=detail,
        endpoint=request.endpoint or constants.ENDPOINT, timeout=f"{request.timeout:g}"), hint)


def _explain(error: BaseException, request: _Request) -> FetchError:
    """The first link of the cause chain that names a failure (LocalEntryNotFoundError wraps the real one)."""
    seen: list[BaseException] = []
    link: BaseException | None = error
    while link is not None and link not in seen:
        if (found := _kind(link)) is not None:
            kind, detail = found
            return _failure(kind, request, detail)
        seen.append(link)
        link = link.__cause__ or link.__context__
    if isinstance(error, OSError):
        return _failure("cache", request, str(error))
    return _failure("unexpected", request, f"{type(error).__name__}: {error}")


def _kind(error: BaseException) -> tuple[str, str] | None:
    """(kind, detail) of one exception from huggingface_hub or httpx2, None if it names no failure."""
    import httpx2
    from huggingface_hub import errors

    status = _status(error) if isinstance(error, errors.HfHubHTTPError) else None
    if isinstance(error, errors.GatedRepoError) or (
        status in (401, 403) and not isinstance(error, errors.RepositoryNotFoundError)
    ):
        return ("forbidden" if status == 403 else "unauthorised"), _answer(status or 401)
    kinds: list[tuple[type | tuple[type, ...], str]] = [
        (errors.RepositoryNotFoundError, "repo-not-found"),  # the real Hub says 401 for private repos too
        (errors.RevisionNotFoundError, "revision-not-found"),
        (errors.RemoteEntryNotFoundError, "file-not-found"),
        (errors.OfflineModeIsEnabled, "offline"),
        (httpx2.TimeoutException, "timeout"),
        (errors.FileMetadataError, "not-a-hub"),
    ]
    for cls, kind in kinds:
        if isinstance(error, cls):
            return kind, ""
    if status:
        return ("server-error" if status >= 500 else "http-error"), _answer(status)
    if isinstance(error, (httpx2.TransportError, httpx2.InvalidURL)):  # refused, DNS, proxy, bad endpoint URL
        return "unreachable", _reason(error)
    if isinstance(error, ValueError):  # HFValidationError: a repo id or revision the Hub cannot take
        return "invalid-request", str(error)
    return None


def _status(error: BaseException) -> int | None:
    response = getattr(error, "response", None)
    return getattr(response, "status_code", None)


def _answer(status: int) -> str:
    """``500 Internal Server Error``."""
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return str(status)


def _reason(error: BaseException) -> str:
    text = str(error)
    return "connection refused" if "refused" in text.lower() else text or type(error).__name__


# --- comparing ------------------------------------------------------------------------


def diff_configs(old: dict, new: dict) -> list[str]:
    """Readable differences, nested keys dotted: ``  key: 8 → 4``, ``+ key: 1``, ``- key: true``."""
    return _diff(old, new, "")


def _diff(old: dict, new: dict, prefix: str) -> list[str]:
    lines = []
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


# --- refreshing -----------------------------------------------------------------------


@dataclass
class RefreshResult:
    target: Target
    changed: bool
    diff: list[str] = field(default_factory=list)
    diagnostic: Diagnostic | None = None
    written: bool = False  # the snapshot file was rewritten


def refresh(targets: list[Target], snapshot_dir: Path, *, check: bool = False, endpoint: str | None = None,
            cache_dir: str | None = None, timeout: float = 10.0) -> list[RefreshResult]:
    """Fetch every target (each repo@revision once), compare, rewrite drifted snapshots unless `check`."""
    fetched: dict[tuple[str, str], dict | FetchError] = {}
    shipped: dict[str, dict | None] = {}  # each repo's snapshot as it was before this run
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
    return results


def _fetch_or_error(target: Target, endpoint: str | None, cache_dir: str | None, timeout: float) -> dict | FetchError:
    try:
        return fetch_config(target.repo, target.revision, endpoint=endpoint, cache_dir=cache_dir, timeout=timeout)
    except FetchError as error:
        return error


def _shipped(snapshot_dir: Path, repo: str) -> dict | None:
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
        return _diagnostic(target, f"{target.repo} is pinned at {target.revision} here but at {first.revision} "
                           f"by {first.slug} {first.label}, and one snapshot cannot match both",
                           "pin the same revision in both variants")
    return None


def _refresh_one(target: Target, fetched: dict | FetchError, old: dict | None, snapshot_dir: Path,
                 check: bool, written: set[str]) -> RefreshResult:
    if isinstance(fetched, FetchError):
        return RefreshResult(target, False, diagnostic=_diagnostic(target, fetched.message, fetched.hint))
    diff = diff_configs(old or {}, fetched)
    changed = old is None or bool(diff)
    if not changed or check or target.repo in written:
        return RefreshResult(target, changed, diff, written=target.repo in written)
    path = snapshot_path(snapshot_dir, target.repo)
    try:
        _write_snapshot(path, fetched)
    except OSError as error:
        problem = _diagnostic(target, f"cannot write {display_path(path)}: {error.strerror or error}",
                              "check that the snapshot folder is writable")
        return RefreshResult(target, changed, diff, diagnostic=problem)
    written.add(target.repo)
    return RefreshResult(target, changed, diff, written=True)


def _diagnostic(target: Target, message: str, hint: str) -> Diagnostic:
    return Diagnostic(path=target.path, line=target.line, field=f"variants[{target.label}].hub",
                      message=f"cannot refresh {target.slug} {target.label}: {message}", hint=hint)


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
    failed = sum(result.diagnostic is not None for result in results)
    changed = sum(result.changed and result.diagnostic is None for result in results)
    total = len(results)
    lines.append(f"{total} variant{'' if total == 1 else 's'}: {changed} changed, "
                 f"{total - changed - failed} unchanged, {failed} failed")
    return "\n".join(lines)
