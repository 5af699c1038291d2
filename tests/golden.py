"""Golden output: the fixture museum in tests/golden_museum/, built, is compared file by file
with tests/golden/. `make golden` (this file run as a script) refreshes tests/golden/ after a
deliberate change; the diff of tests/golden/ is then the review of what visitors will see."""

from __future__ import annotations

import difflib
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
FIXTURE = HERE / "golden_museum"
GOLDEN = HERE / "golden"


def build_fixture(workdir: Path) -> Path:
    """Build the fixture museum (with the repo's templates and assets) in `workdir`; returns the site."""
    from museum.cli import main

    root = workdir / "museum"
    shutil.copytree(FIXTURE, root)
    shutil.copytree(REPO / "templates", root / "templates")
    shutil.copytree(REPO / "assets", root / "assets")
    status = main(["build", "--strict", "--root", str(root)])
    if status != 0:
        raise SystemExit(f"the golden museum did not build (exit {status})")
    return root / "_site"


SKIPPED = ("pagefind/",)  # Pagefind's own bundle and index: third-party output, checked by the search tests


def files(folder: Path) -> dict[str, bytes]:
    found = {p.relative_to(folder).as_posix(): p for p in sorted(folder.rglob("*")) if p.is_file()}
    return {name: p.read_bytes() for name, p in found.items() if not name.startswith(SKIPPED)}


def differences(site: Path, golden: Path = GOLDEN) -> list[str]:
    """What differs, readably: missing and extra files, and a unified diff of each changed text file."""
    built, expected = files(site), files(golden)
    out = [f"missing from the build: {name}" for name in sorted(expected.keys() - built.keys())]
    out += [f"not in tests/golden/: {name}" for name in sorted(built.keys() - expected.keys())]
    for name in sorted(built.keys() & expected.keys()):
        if built[name] != expected[name]:
            out.append(_diff(name, expected[name], built[name]))
    return out


def _diff(name: str, old: bytes, new: bytes) -> str:
    try:
        lines = difflib.unified_diff(old.decode().splitlines(), new.decode().splitlines(),
                                     f"golden/{name}", f"built/{name}", lineterm="", n=2)  # fmt: skip
        return "\n".join(lines)
    except UnicodeDecodeError:
        return f"{name}: binary file differs"


def refresh() -> None:
    with tempfile.TemporaryDirectory() as work:
        site = build_fixture(Path(work))
        shutil.rmtree(GOLDEN, ignore_errors=True)
        shutil.copytree(site, GOLDEN, ignore=shutil.ignore_patterns("pagefind"))
    print(f"refreshed {GOLDEN.relative_to(REPO)}: {len(files(GOLDEN))} files")


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    refresh()
