"""Is the site already what a build would write? Decided from file metadata and hashes alone.

After each successful build a manifest (`.cache/builds/<hash of the output folder>.json`) records
every input file (size, modification time, SHA-256), the output files (size, modification time),
the code and tools that built them, the site's public address (--base-url) and the build's warnings.
The next build compares: equal metadata, or equal bytes where only a timestamp moved, means nothing
changed, and the build stops there. This module imports only the standard library, so that answer
comes before the heavy stack (pydantic, Jinja, matplotlib, huggingface_hub) is ever imported.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import sysconfig
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..project import Project

PACKAGE = Path(__file__).resolve().parent.parent
FORMAT = 2  # 2: the site's public address (base URL) is recorded

Files = dict[str, list[int]]  # relative path → [size, mtime_ns]


def scan(folder: Path) -> Files:
    """Every file under `folder` (recursively, hidden ones too) with its size and modification time."""
    found: Files = {}
    if folder.is_dir():
        for dirpath, _, names in os.walk(folder):
            for name in names:
                st = os.lstat(os.path.join(dirpath, name))  # a link as itself: a dangling one is an input too
                found[os.path.relpath(os.path.join(dirpath, name), folder)] = [st.st_size, st.st_mtime_ns]
    return found


def input_folders(project: Project) -> dict[str, Path]:
    return {"specimens": project.specimens, "templates": project.templates, "assets": project.assets,
            "halls": project.halls}  # fmt: skip


def inputs(project: Project) -> Files:
    """Every file a build reads, as `folder/relative path`."""
    return {
        f"{name}/{rel}": meta for name, folder in input_folders(project).items() for rel, meta in scan(folder).items()
    }


def sha256(path: Path) -> str:
    """The file's content hash; a symbolic link's is its target's name (the build refuses it anyway)."""
    data = os.readlink(path).encode() if path.is_symlink() else path.read_bytes()
    return hashlib.sha256(data).hexdigest()


def tools() -> dict[str, object]:
    """What else decides the output: this Python and its packages, the museum's code, Graphviz."""
    dot = shutil.which("dot")
    site_packages = Path(sysconfig.get_paths()["purelib"])
    return {
        "python": [sys.executable, sys.version],
        "packages": site_packages.stat().st_mtime_ns if site_packages.is_dir() else None,
        "code": hashlib.sha256(json.dumps(scan(PACKAGE), sort_keys=True).encode()).hexdigest(),
        "dot": [dot, *(lambda st: [st.st_size, st.st_mtime_ns])(os.stat(dot))] if dot else None,
    }


def manifest_path(project: Project, site: Path) -> Path:
    key = hashlib.sha256(str(site.resolve()).encode()).hexdigest()[:16]
    return project.root / ".cache" / "builds" / f"{key}.json"


@dataclass(frozen=True)
class Snapshot:
    """The inputs as a build began: metadata and hashes (taken before reading, so an edit made
    during the build is seen by the next one)."""

    files: dict[str, list[object]]  # relative path → [size, mtime_ns, sha256]
    tools: dict[str, object]

    @classmethod
    def take(cls, project: Project) -> Snapshot:
        roots = input_folders(project)
        files: dict[str, list[object]] = {}
        for rel, meta in inputs(project).items():
            folder, _, inner = rel.partition("/")
            files[rel] = [*meta, sha256(roots[folder] / inner)]
        return cls(files, tools())


def record(project: Project, site: Path, strict: bool, before: Snapshot, summary: str, warnings: list[str]) -> None:
    """Remember a successful build (atomically: a torn manifest would only mean a full build)."""
    data = {"format": FORMAT, "site": str(site.resolve()), "strict": strict, "base_url": project.base_url,
            "tools": before.tools, "inputs": before.files, "outputs": scan(site), "summary": summary,
            "warnings": warnings}  # fmt: skip
    path = manifest_path(project, site)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(data, out)
    os.replace(temp, path)


def forget(project: Project, site: Path) -> None:
    manifest_path(project, site).unlink(missing_ok=True)


def up_to_date(project: Project, site: Path, strict: bool) -> tuple[dict[str, Any] | None, str]:
    """The last build's manifest if a build now would write exactly what `site` holds; else None
    and the first reason found."""
    try:
        data = json.loads(manifest_path(project, site).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None, f"no earlier build into {site} is recorded"
    if data.get("format") != FORMAT or data.get("site") != str(site.resolve()):
        return None, "the recorded build is of another kind"
    if strict and data["warnings"]:
        return None, "--strict, and the last build had warnings"
    if data.get("base_url") != project.base_url:
        return None, f"the base URL changed (was {data.get('base_url') or 'none'})"
    if data["tools"] != json.loads(json.dumps(tools())):
        return None, "the code, Python, its packages or Graphviz changed"
    if scan(site) != data["outputs"]:
        return None, f"{site} was changed since it was built"
    changed = changed_input(project, data["inputs"])
    return (None, f"{changed} changed") if changed else (data, "nothing changed")


def changed_input(project: Project, recorded: dict[str, list[Any]]) -> str | None:
    """The first input not as recorded (a timestamp that moved over the same bytes is no change)."""
    now = inputs(project)
    if now.keys() != recorded.keys():
        return sorted(now.keys() ^ recorded.keys())[0]
    roots = input_folders(project)
    for rel, meta in now.items():
        size, mtime, digest = recorded[rel]
        if meta == [size, mtime]:
            continue
        folder, _, inner = rel.partition("/")
        if meta[0] != size or sha256(roots[folder] / inner) != digest:
            return rel
    return None
