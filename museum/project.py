"""Where a museum's inputs and output live: every path derives from the root."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

FAMILIES_FILE = "_families.yaml"
TIMELINE_FILE = "_timeline.yaml"


@dataclass(frozen=True)
class Project:
    """A museum folder: specimens/ (dossiers, _families.yaml, _timeline.yaml, _hub/), templates/, assets/;
    and, when known, the public URL its site is published at (`base_url`, ending in '/'), used only for
    the absolute URLs a sitemap, robots.txt and social cards need. Every link stays relative."""

    root: Path
    base_url: str | None = None

    @property
    def specimens(self) -> Path:
        return self.root / "specimens"

    @property
    def families_file(self) -> Path:
        return self.specimens / FAMILIES_FILE

    @property
    def timeline_file(self) -> Path:
        return self.specimens / TIMELINE_FILE

    @property
    def snapshots(self) -> Path:
        return self.specimens / "_hub"

    @property
    def halls(self) -> Path:
        """The museum's halls: Markdown essays in our own words (halls/<name>.md)."""
        return self.root / "halls"

    @property
    def glossary_file(self) -> Path:
        return self.halls / "glossary.yaml"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def assets(self) -> Path:
        return self.root / "assets"

    @property
    def site(self) -> Path:
        return self.root / "_site"

    @property
    def figure_cache(self) -> Path:
        """Drawn figures, kept by content hash between builds (git-ignored)."""
        return self.root / ".cache" / "figures"

    def dossier_paths(self) -> list[Path]:
        """Every dossier file: `*.yaml` in specimens/ whose name does not start with `_`."""
        return sorted(p for p in self.specimens.glob("*.yaml") if not p.name.startswith("_"))

    def dossier_path(self, slug: str) -> Path:
        return self.specimens / f"{slug}.yaml"


def base_url(text: str) -> str:
    """A public site address as given on the command line, checked and ending in '/':
    'https://example.org/museum' → 'https://example.org/museum/'."""
    parts = urlsplit(text.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ValueError(f"{text!r} is not an http(s) address of a folder, like https://example.org/museum/")
    return parts._replace(path=parts.path.rstrip("/") + "/").geturl()


def refuse_input(path: Path, root: Path | None, max_bytes: int) -> tuple[str, str | None] | None:
    """Why an input file must not be read (message, hint), or None. Its content is never looked at."""
    if path.is_symlink():
        return "is a symbolic link; inputs must be plain files inside the museum", "copy the file in instead of linking"
    if root is not None and not path.resolve().is_relative_to(root.resolve()):
        return "lies outside the museum folder", "keep every input inside the museum folder"
    if not path.is_file():
        return "is not a regular file", None
    size = path.stat().st_size
    if size > max_bytes:
        return f"is {size:_} bytes, more than the {max_bytes:_} an input may have", "is this the right file?"
    return None
