"""Fetching one config.json through huggingface_hub, every failure explained.

huggingface_hub's cache, HF_TOKEN, HF_ENDPOINT and HF_HUB_OFFLINE all apply. A failure is
one `FetchError` whose kind names it (see `FAILURES`) and whose hint says what to do.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from typing import Any

from .snapshots import json_type, why

CONFIG = "config.json"
COMMIT_ID = re.compile(r"[0-9a-f]{40}")
BROKEN_FILE = "the file on the Hub is broken; pin a revision whose config.json is a JSON object"

# Every way fetching config.json can fail, as a person reads it: kind -> (message, hint).
# Messages may use {repo} {revision} {where} (= repo@revision) {endpoint} {timeout} {detail}.
FAILURES = {
    "repo-not-found": (
        "repository {repo} not found on the Hub",
        "check hub.repo for typos; a private repo also looks missing without a token, so set HF_TOKEN if it is private",
    ),
    "revision-not-found": (
        "revision {revision} not found in {repo}",
        "pin an existing commit id, branch or tag in hub.revision",
    ),
    "file-not-found": (
        "{where} has no config.json",
        "hub.repo should be the base model's repo, not a GGUF, ONNX or adapter repo",
    ),
    "unauthorised": (
        "{repo} is gated or private and the Hub wants a token ({detail})",
        "accept the model's licence on its Hub page, then set HF_TOKEN to a read token (or run `hf auth login`)",
    ),
    "forbidden": (
        "{repo} is gated or private and the token has no access to it ({detail})",
        "accept the "
        "model's licence on its Hub page with the account whose token is in HF_TOKEN, or set HF_TOKEN "
        "to a token that can read this repo",
    ),
    "server-error": (
        "the Hub failed with {detail} for {where}",
        "the Hub is having trouble and nothing is cached; try again later",
    ),
    "http-error": ("the Hub answered {detail} for {where}", "try again later; if it persists, check HF_ENDPOINT"),
    "timeout": (
        "no answer from {endpoint} within {timeout} s for {where}",
        "the Hub or the network is slow and nothing is cached; try again later",
    ),
    "unreachable": (
        "cannot reach {endpoint} for {where} ({detail})",
        "check the network connection, proxy settings and HF_ENDPOINT; nothing is cached",
    ),
    "offline": (
        "offline mode is on and config.json of {where} is not in the cache",
        "unset HF_HUB_OFFLINE to fetch it from the Hub",
    ),
    "not-a-hub": (
        "{endpoint} does not answer like a Hugging Face Hub for {where}",
        "check HF_ENDPOINT, proxy and firewall settings",
    ),
    "invalid-request": (
        "cannot ask the Hub for {where}: {detail}",
        "hub.repo must be owner/name and hub.revision a commit id, branch or tag",
    ),
    "malformed-json": ("config.json of {where} is not valid JSON ({detail})", BROKEN_FILE),
    "not-an-object": ("config.json of {where} is a JSON {detail}, not an object", BROKEN_FILE),
    "cache": (
        "cannot use the huggingface_hub cache for config.json of {where} ({detail})",
        "check that the cache folder (HF_HUB_CACHE or HF_HOME) is readable and writable",
    ),
    "unexpected": (
        "unexpected error while fetching config.json of {where}: {detail}",
        "this is a bug in museum/hub.py; please report it",
    ),
}


class FetchError(Exception):
    """config.json could not be had: `kind` names the failure, `hint` says what to do about it."""

    def __init__(self, kind: str, message: str, hint: str):
        super().__init__(message)
        self.kind, self.message, self.hint = kind, message, hint


@dataclass(frozen=True)
class _Request:
    repo: str
    revision: str
    endpoint: str | None
    timeout: float

    @property
    def where(self) -> str:
        return f"{self.repo}@{self.revision}"


def fetch_config(
    repo: str, revision: str, *, endpoint: str | None = None, cache_dir: str | None = None, timeout: float = 10.0
) -> dict[str, Any]:
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
        return str(hf_hub_download(request.repo, CONFIG, **options))  # the cache, or LocalEntryNotFoundError
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
    return str(hf_hub_download(request.repo, CONFIG, **options))


def _cached(repo: str, options: dict[str, Any]) -> str | None:
    from huggingface_hub import hf_hub_download
    from huggingface_hub.errors import LocalEntryNotFoundError

    try:
        return str(hf_hub_download(repo, CONFIG, local_files_only=True, **options))
    except LocalEntryNotFoundError:
        return None


def _probe(request: _Request) -> None:
    """One HEAD for config.json, no retries; raises what the Hub (or the network) said."""
    from huggingface_hub import get_hf_file_metadata, hf_hub_url

    url = hf_hub_url(request.repo, CONFIG, revision=request.revision, endpoint=request.endpoint)
    get_hf_file_metadata(url, timeout=request.timeout, endpoint=request.endpoint)


def _parse(data: bytes, request: _Request) -> dict[str, Any]:
    try:
        config = json.loads(data)
    except ValueError as error:
        raise _failure("malformed-json", request, why(error)) from None
    if not isinstance(config, dict):
        raise _failure("not-an-object", request, json_type(config))
    return config


def _failure(kind: str, request: _Request, detail: str = "") -> FetchError:
    from huggingface_hub import constants

    message, hint = FAILURES[kind]
    return FetchError(
        kind,
        message.format(
            repo=request.repo,
            revision=request.revision,
            where=request.where,
            detail=detail,
            endpoint=request.endpoint or constants.ENDPOINT,
            timeout=f"{request.timeout:g}",
        ),
        hint,
    )


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
