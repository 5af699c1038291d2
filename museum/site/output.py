"""Writing the site: everything into a fresh temporary folder, swapped in only when complete."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

from . import urls


def write_tree(files: Mapping[str, str | bytes], assets: Path | None, dest: Path) -> None:
    """Write pages (relative path → content) and copy the assets folder into `dest`."""
    for rel, content in files.items():
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode("utf-8") if isinstance(content, str) else content
        target.write_bytes(data)
    if assets and assets.is_dir():
        shutil.copytree(assets, dest / urls.ASSETS, dirs_exist_ok=True)


def write_site(
    files: Mapping[str, str | bytes], assets: Path | None, site: Path, finish: Callable[[Path], None] | None = None
) -> None:
    """Replace `site` with the new files, or leave it exactly as it was if anything fails.
    `finish` runs on the finished folder before the swap (the search index is built there)."""
    site = site.resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{site.name}-new-", dir=site.parent))
    try:
        write_tree(files, assets, fresh)
        if finish is not None:
            finish(fresh)
        os.chmod(fresh, 0o755)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    _swap(fresh, site)


def _swap(fresh: Path, site: Path) -> None:
    if not site.exists():
        os.replace(fresh, site)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{site.name}-old-", dir=site.parent))
    os.replace(site, old / site.name)
    os.replace(fresh, site)
    shutil.rmtree(old, ignore_errors=True)
