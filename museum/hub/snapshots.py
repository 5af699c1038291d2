"""config.json snapshots on disk: ``specimens/_hub/<owner>__<name>.config.json``.

The build reads only these copies, so it is offline and deterministic.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from ..errors import display_path
from ..project import refuse_input

MAX_SNAPSHOT_BYTES = 1_000_000  # real config.json files are a few kB


def snapshot_path(snapshot_dir: Path, repo: str) -> Path:
    """Where the snapshot of `repo` lives: ``<snapshot_dir>/<owner>__<name>.config.json``."""
    owner, slash, name = repo.partition("/")
    if not (owner and slash and name) or "/" in name:
        raise ValueError(f"not a Hub repo id of the form owner/name: {repo!r}")
    return Path(snapshot_dir) / f"{owner}__{name}.config.json"


def read_snapshot(snapshot_dir: Path, repo: str) -> dict[str, Any]:
    """The shipped config.json of `repo`; FileNotFoundError if absent, ValueError if malformed.

    A snapshot that is a symbolic link, lies outside `snapshot_dir` or is huge is refused unread.
    """
    path = snapshot_path(snapshot_dir, repo)
    if not path.exists() and not path.is_symlink():
        raise FileNotFoundError(path)
    refused = refuse_input(path, snapshot_dir, MAX_SNAPSHOT_BYTES)
    if refused:
        raise ValueError(refused[0])
    data = path.read_bytes()
    try:
        config = json.loads(data)
    except ValueError as error:
        raise ValueError(f"{display_path(path)}: not valid JSON ({why(error)})") from None
    if not isinstance(config, dict):
        raise ValueError(f"{display_path(path)}: a JSON {json_type(config)}, not an object")
    return config


def write_snapshot(path: Path, config: dict[str, Any]) -> None:
    """Replace `path` atomically (temp file + os.replace), keeping its permissions."""
    write_json(path, config)


def write_json(path: Path, data: dict[str, Any]) -> None:
    """`data` as 2-space JSON, replacing `path` atomically and keeping its permissions."""
    text = json.dumps(data, indent=2) + "\n"
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


def key_line(text: str, key: str) -> int | None:
    """The line of a dotted key (`text_config.hidden_size`) in a JSON text: each part is looked
    for after the line of the part before it. None when the key is not in the text."""
    lines, line = text.splitlines(), 0
    for part in key.split("."):
        name = re.escape(json.dumps(part.split("[")[0]))
        found = next((i for i in range(line, len(lines)) if re.search(name + r"\s*:", lines[i])), None)
        if found is None:
            return None
        line = found
    return line + 1


def why(error: ValueError) -> str:
    if isinstance(error, json.JSONDecodeError):
        return f"{error.msg} at line {error.lineno}, column {error.colno}"
    return "not UTF-8 text" if isinstance(error, UnicodeDecodeError) else str(error)


def json_type(value: Any) -> str:
    names = {dict: "object", list: "array", str: "string", int: "number", float: "number", bool: "boolean"}
    return names.get(type(value), "null")
