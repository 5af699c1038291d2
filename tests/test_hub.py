"""`museum hub refresh` against a fake Hub on 127.0.0.1: the diff, the rewrite, every failure's message."""

import os

os.environ["HF_HUB_DISABLE_TELEMETRY"] = "1"  # else 2.x asks {endpoint}/api/agent-harnesses first
os.environ["HF_HUB_DISABLE_XET"] = "1"

import json
import shutil
import socket
import time
from pathlib import Path

import huggingface_hub.constants
import huggingface_hub.utils._http
import pytest

from museum import hub
from museum.hub import snapshots as snapshot_store

import fakehub

OLD = {
    "architectures": ["LlamaForCausalLM"],
    "hidden_size": 2048,
    "num_key_value_heads": 8,
    "rope_scaling": None,
    "text_config": {"head_dim": 64, "vocab_size": 128256},
    "tie_word_embeddings": True,
}
NEW = {  # in the Hub's own key order, which the rewritten snapshot must keep
    "num_key_value_heads": 4,
    "hidden_size": 2048,
    "architectures": ["LlamaForCausalLM"],
    "text_config": {"head_dim": 128, "vocab_size": 128256},
    "rope_scaling": {"factor": 32.0},
    "sliding_window": 4096,
}
NEW_DIFF = [
    "  num_key_value_heads: 8 → 4",
    '  rope_scaling: null → {"factor": 32.0}',
    "  text_config.head_dim: 64 → 128",
    "- tie_word_embeddings: true",
    "+ sliding_window: 4096",
]
WHERE = "specimens/llama-3.yaml:12: variants[1B].hub: cannot refresh llama-3 1B"


@pytest.fixture(autouse=True)
def hermetic(monkeypatch, tmp_path):
    """No real token, online mode, and no 1+2+4+8+8 s backoff should a retry slip through."""
    # utils/_http.py calls time.sleep between retries (TOOLCHAIN.md §2); this patches the time module itself
    monkeypatch.setattr(huggingface_hub.utils._http.time, "sleep", lambda seconds: None)
    monkeypatch.delenv("HF_TOKEN", raising=False)
    monkeypatch.delenv("HUGGING_FACE_HUB_TOKEN", raising=False)
    monkeypatch.setattr(huggingface_hub.constants, "HF_TOKEN_PATH", str(tmp_path / "no-token"))
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", False)


@pytest.fixture
def fake():
    state = fakehub.FakeHub()
    state.add("org/llama", NEW)
    server = fakehub.serve(state)
    yield state
    fakehub.stop(server)


@pytest.fixture
def snapshots(tmp_path):
    folder = tmp_path / "_hub"
    folder.mkdir()
    for repo in ("org/llama", "org/gone"):
        hub.snapshot_path(folder, repo).write_text(json.dumps(OLD, indent=2) + "\n")
    return folder


def target(repo="org/llama", revision="main", label="1B"):
    return hub.Target("llama-3", label, repo, revision, "specimens/llama-3.yaml", 12)


def run(fake, snapshots, tmp_path, targets=None, **options):
    options = {"endpoint": fake.url, "cache_dir": str(tmp_path / "cache"), "timeout": 2.0, **options}
    return hub.refresh(targets or [target()], snapshots, **options)


# --- success --------------------------------------------------------------------------


def test_changed_config_is_rewritten_in_hub_order(fake, snapshots, tmp_path):
    [result] = run(fake, snapshots, tmp_path)
    assert (result.changed, result.written, result.diagnostic) == (True, True, None)
    assert result.diff == NEW_DIFF
    path = hub.snapshot_path(snapshots, "org/llama")
    assert path.read_text() == json.dumps(NEW, indent=2) + "\n"
    assert list(hub.read_snapshot(snapshots, "org/llama")) == list(NEW)
    assert sorted(p.name for p in snapshots.iterdir()) == ["org__gone.config.json", "org__llama.config.json"]
    assert hub.format_report([result]) == "\n".join(
        [
            "llama-3 1B (org/llama@main): changed",
            *(f"    {line}" for line in NEW_DIFF),
            "1 variant: 1 changed, 0 unchanged, 0 failed",
        ]
    )


def test_unchanged_config_leaves_the_snapshot_alone(fake, snapshots, tmp_path):
    fake.add("org/llama", OLD)
    path = hub.snapshot_path(snapshots, "org/llama")
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    [result] = run(fake, snapshots, tmp_path)
    assert (result.changed, result.diff, result.written, result.diagnostic) == (False, [], False, None)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert hub.format_report([result]) == (
        "llama-3 1B (org/llama@main): unchanged\n1 variant: 0 changed, 1 unchanged, 0 failed"
    )


def test_check_reports_drift_without_writing(fake, snapshots, tmp_path):
    path = hub.snapshot_path(snapshots, "org/llama")
    before = path.read_bytes()
    [result] = run(fake, snapshots, tmp_path, check=True)
    assert (result.changed, result.written, result.diff) == (True, False, NEW_DIFF)
    assert path.read_bytes() == before
    header = hub.format_report([result]).splitlines()[0]
    assert header == "llama-3 1B (org/llama@main): changed (snapshot not rewritten)"


def test_rewrite_matches_the_shipped_snapshot_format(fake, tmp_path):
    shipped = Path(__file__).parents[1] / "specimens/_hub/meta-llama__Llama-3.2-1B.config.json"
    folder = tmp_path / "_hub"
    folder.mkdir()
    copy = folder / shipped.name
    shutil.copy2(shipped, copy)  # keeps the shipped read-only mode
    config = json.loads(shipped.read_bytes())
    fake.add("meta-llama/Llama-3.2-1B", shipped.read_bytes())
    llama = target("meta-llama/Llama-3.2-1B")
    [same] = run(fake, folder, tmp_path, targets=[llama])
    assert (same.changed, copy.read_bytes()) == (False, shipped.read_bytes())
    fake.add("meta-llama/Llama-3.2-1B", {**config, "num_key_value_heads": 4})
    [drift] = run(fake, folder, tmp_path, targets=[llama])
    assert (drift.written, drift.diff) == (True, ["  num_key_value_heads: 8 → 4"])
    changed = [
        (a, b) for a, b in zip(shipped.read_text().splitlines(), copy.read_text().splitlines(), strict=False) if a != b
    ]
    assert changed == [('  "num_key_value_heads": 8,', '  "num_key_value_heads": 4,')]
    assert copy.read_text().endswith("}\n") and copy.stat().st_mode == shipped.stat().st_mode


def test_missing_snapshot_is_created(fake, snapshots, tmp_path):
    hub.snapshot_path(snapshots, "org/llama").unlink()
    [result] = run(fake, snapshots, tmp_path)
    assert result.written and result.diff[0] == "+ num_key_value_heads: 4"
    assert hub.read_snapshot(snapshots, "org/llama") == NEW


def test_same_repo_and_revision_is_fetched_once(fake, snapshots, tmp_path):
    results = run(fake, snapshots, tmp_path, targets=[target(label="1B"), target(label="1B-instruct")])
    assert [(r.changed, r.written, r.diff) for r in results] == [(True, True, NEW_DIFF)] * 2
    assert len(fake.requests("GET")) == 1


def test_one_repo_pinned_at_two_revisions_is_refused(fake, snapshots, tmp_path):
    commit = fake.repos["org/llama"].commit
    _, second = run(fake, snapshots, tmp_path, targets=[target(), target(revision=commit, label="3B")])
    assert str(second.diagnostic) == (
        "specimens/llama-3.yaml:12: variants[3B].hub: cannot refresh llama-3 3B: org/llama is pinned at "
        f"{commit} here but at main by llama-3 1B, and one snapshot cannot match both\n"
        "  hint: pin the same revision in both variants"
    )


def test_hf_token_opens_a_gated_repo(fake, snapshots, tmp_path, monkeypatch):
    fake.add("org/llama", NEW, access="gated")
    monkeypatch.setenv("HF_TOKEN", fakehub.TOKEN)
    [result] = run(fake, snapshots, tmp_path)
    assert (result.diagnostic, result.written) == (None, True)


def test_cached_copy_stands_in_when_the_hub_is_down_or_offline(fake, tmp_path, monkeypatch):
    cache = str(tmp_path / "cache")
    assert hub.fetch_config("org/llama", "main", endpoint=fake.url, cache_dir=cache) == NEW
    asked = len(fake.log)
    commit = fake.repos["org/llama"].commit
    assert hub.fetch_config("org/llama", commit, endpoint=fake.url, cache_dir=cache) == NEW
    assert len(fake.log) == asked  # a cached commit needs no question
    fake.fail_with = 500
    assert hub.fetch_config("org/llama", "main", endpoint=fake.url, cache_dir=cache) == NEW
    fake.log.clear()
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)
    assert hub.fetch_config("org/llama", "main", endpoint=fake.url, cache_dir=cache) == NEW
    assert hub.fetch_config("org/llama", commit, endpoint=fake.url, cache_dir=cache) == NEW
    assert fake.log == []


# --- failures: one message each, the snapshot kept byte for byte --------------------------


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


FAILURES = {  # name: (repo, revision, break the hub, kind, message, hint)
    "unknown repo": (
        "org/gone",
        "main",
        None,
        "repo-not-found",
        "repository org/gone not found on the Hub",
        "check hub.repo for typos; a private repo also looks missing without a token, so set HF_TOKEN if it is private",
    ),
    "unknown revision": (
        "org/llama",
        "v9",
        None,
        "revision-not-found",
        "revision v9 not found in org/llama",
        "pin an existing commit id, branch or tag in hub.revision",
    ),
    "missing file": (
        "org/llama",
        "main",
        lambda h: h.repos["org/llama"].files.clear(),
        "file-not-found",
        "org/llama@main has no config.json",
        "hub.repo should be the base model's repo, not a GGUF, ONNX or adapter repo",
    ),
    "gated 401": (
        "org/llama",
        "main",
        lambda h: h.add("org/llama", NEW, access="gated"),
        "unauthorised",
        "org/llama is gated or private and the Hub wants a token (401 Unauthorized)",
        "accept the model's licence on its Hub page, then set HF_TOKEN to a read token (or run `hf auth login`)",
    ),
    "forbidden 403": (
        "org/llama",
        "main",
        lambda h: h.add("org/llama", NEW, access="forbidden"),
        "forbidden",
        "org/llama is gated or private and the token has no access to it (403 Forbidden)",
        "accept the model's licence on its Hub page with the account whose token is in HF_TOKEN, "
        "or set HF_TOKEN to a token that can read this repo",
    ),
    "server error": (
        "org/llama",
        "main",
        lambda h: setattr(h, "fail_with", 500),
        "server-error",
        "the Hub failed with 500 Internal Server Error for org/llama@main",
        "the Hub is having trouble and nothing is cached; try again later",
    ),
    "timeout": (
        "org/llama",
        "main",
        lambda h: setattr(h, "delay", 2.0),
        "timeout",
        "no answer from {url} within 0.2 s for org/llama@main",
        "the Hub or the network is slow and nothing is cached; try again later",
    ),
    "connection refused": (
        "org/llama",
        "main",
        lambda h: setattr(h, "url", f"http://127.0.0.1:{closed_port()}"),
        "unreachable",
        "cannot reach {url} for org/llama@main (connection refused)",
        "check the network connection, proxy settings and HF_ENDPOINT; nothing is cached",
    ),
    "malformed json": (
        "org/llama",
        "main",
        lambda h: h.add("org/llama", b'{"hidden_size": 2048,}'),
        "malformed-json",
        "config.json of org/llama@main is not valid JSON "
        "(Expecting property name enclosed in double quotes at line 1, column 22)",
        "the file on the Hub is broken; pin a revision whose config.json is a JSON object",
    ),
    "json array": (
        "org/llama",
        "main",
        lambda h: h.add("org/llama", b"[1, 2]"),
        "not-an-object",
        "config.json of org/llama@main is a JSON array, not an object",
        "the file on the Hub is broken; pin a revision whose config.json is a JSON object",
    ),
    "offline, cold cache": (
        "org/llama",
        "main",
        "offline",
        "offline",
        "offline mode is on and config.json of org/llama@main is not in the cache",
        "unset HF_HUB_OFFLINE to fetch it from the Hub",
    ),
}


@pytest.mark.parametrize("case", FAILURES, ids=list(FAILURES))
def test_failure_is_one_diagnostic_and_keeps_the_snapshot(case, fake, snapshots, tmp_path, monkeypatch):
    repo, revision, breakage, kind, message, hint = FAILURES[case]
    if breakage == "offline":
        monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)
    elif breakage:
        breakage(fake)
    message = message.format(url=fake.url)
    path = hub.snapshot_path(snapshots, repo)
    before = path.read_bytes()
    started = time.monotonic()

    timeout = 0.2 if kind == "timeout" else 1.0  # short only where the delay is the point: a loaded machine is slow
    [result] = run(fake, snapshots, tmp_path, targets=[target(repo, revision)], timeout=timeout)

    assert time.monotonic() - started < 1.5
    assert str(result.diagnostic) == f"{WHERE}: {message}\n  hint: {hint}"
    assert (result.changed, result.written, result.diff) == (False, False, [])
    assert path.read_bytes() == before
    assert hub.format_report([result]) == f"{result.diagnostic}\n1 variant: 0 changed, 0 unchanged, 1 failed"
    with pytest.raises(hub.FetchError) as raised:
        hub.fetch_config(repo, revision, endpoint=fake.url, cache_dir=str(tmp_path / "cache"), timeout=0.2)
    assert (raised.value.kind, raised.value.message, raised.value.hint) == (kind, message, hint)


def test_server_error_is_not_retried(fake, tmp_path):
    fake.fail_with = 503
    with pytest.raises(hub.FetchError, match="503 Service Unavailable"):
        hub.fetch_config("org/llama", "main", endpoint=fake.url, cache_dir=str(tmp_path))
    assert fake.log == [("HEAD", "/org/llama/resolve/main/config.json")]


def test_offline_makes_no_request(fake, tmp_path, monkeypatch):
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)
    with pytest.raises(hub.FetchError):
        hub.fetch_config("org/llama", "main", endpoint=fake.url, cache_dir=str(tmp_path))
    assert fake.log == []


def test_unwritable_snapshot_is_a_diagnostic(fake, snapshots, tmp_path, monkeypatch):
    hub.fetch_config("org/llama", "main", endpoint=fake.url, cache_dir=str(tmp_path / "cache"))
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)  # served from the cache from now on

    def refuse(source, destination):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(snapshot_store.os, "replace", refuse)
    path = hub.snapshot_path(snapshots, "org/llama")
    before = path.read_bytes()
    [result] = run(fake, snapshots, tmp_path)
    assert str(result.diagnostic) == (
        f"{WHERE}: cannot write {path}: Permission denied\n  hint: check that the snapshot folder is writable"
    )
    assert path.read_bytes() == before
    assert sorted(p.name for p in snapshots.iterdir()) == ["org__gone.config.json", "org__llama.config.json"]


# --- pure functions -------------------------------------------------------------------


def test_diff_configs():
    old = {"a": 1, "b": True, "c": {"d": 1, "e": "x"}, "f": [1, 2], "g": 1}
    new = {"a": 1, "b": 1, "c": {"d": 2}, "f": [1, 2, 3], "g": 1.0, "h": {"i": None}}
    assert hub.diff_configs(old, new) == [
        "  b: true → 1",
        "  c.d: 1 → 2",
        '- c.e: "x"',
        "  f: [1, 2] → [1, 2, 3]",
        "  g: 1 → 1.0",
        "+ h.i: null",
    ]
    assert hub.diff_configs(new, new) == []


def test_read_snapshot_errors(tmp_path):
    with pytest.raises(FileNotFoundError):
        hub.read_snapshot(tmp_path, "org/none")
    hub.snapshot_path(tmp_path, "org/bad").write_text("[1]")
    with pytest.raises(ValueError, match="a JSON array, not an object"):
        hub.read_snapshot(tmp_path, "org/bad")
    hub.snapshot_path(tmp_path, "org/bad").write_text("{")
    with pytest.raises(ValueError, match="not valid JSON"):
        hub.read_snapshot(tmp_path, "org/bad")
    with pytest.raises(ValueError, match="owner/name"):
        hub.snapshot_path(tmp_path, "a/b/c")
    assert hub.snapshot_path(tmp_path, "meta-llama/Llama-3.2-1B").name == "meta-llama__Llama-3.2-1B.config.json"
