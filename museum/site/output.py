"""Writing the site: everything into a fresh temporary folder, swapped in only when complete."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from . import urls

Files = Mapping[str, str | bytes] | Iterable[tuple[str, str | bytes]]  # relative path → content


def write_tree(files: Files, assets: Path | None, dest: Path) -> list[str]:
    """Write files (as they come, when they are an iterable) and copy the assets folder into `dest`;
    returns the paths written."""
    written = []
    folders: set[Path] = set()
    for rel, content in files.items() if isinstance(files, Mapping) else files:
        target = dest / rel
        if target.parent not in folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        written.append(rel)
    if assets and assets.is_dir():
        shutil.copytree(assets, dest / urls.ASSETS, dirs_exist_ok=True)
    return written


def write_site(
    files: Files, assets: Path | None, site: Path, finish: Callable[[Path], None] | None = None
) -> list[str]:
    """Replace `site` with the new files, or leave it exactly as it was if anything fails (also
    while the files are still being made: they may come one at a time). `finish` runs on the
    finished folder before the swap (the search index is built there). Returns the paths written."""
    site = site.resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{site.name}-new-", dir=site.parent))
    try:
        written = write_tree(files, assets, fresh)
        if finish is not None:
            finish(fresh)
        os.chmod(fresh, 0o755)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    _swap(fresh, site)
    return written


def _swap(fresh: Path, site: Path) -> None:
    if not site.exists():
        os.replace(fresh, site)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{site.name}-old-", dir=site.parent))
    os.replace(site, old / site.name)
    os.replace(fresh, site)
    shutil.rmtree(old, ignore_errors=True)
