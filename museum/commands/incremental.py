"""What a build may reuse from an earlier one, keyed by content so reuse can never change a byte.

- dossiers: a file's validated entry, kept under the hash of its path and bytes (and the code);
- pages: a rendered page, kept under the fingerprint of everything it shows (`fingerprint`),
  its path and template, and the templates and code that render it.

Both keep a memory map (a dev server's builds share it) and, optionally, a folder on disk
(`.cache/dossiers/`, `.cache/pages/`) shared by later builds. Figures have their own cache.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import os
import pickle
import tempfile
import types
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..dossiers.collection import Entry
from ..dossiers.load import load_dossier
from ..dossiers.reader import MAX_BYTES
from ..errors import Diagnostic
from ..project import refuse_input
from ..site.pages import Page

PACKAGE = Path(__file__).resolve().parent.parent
PLAIN = frozenset({str, int, float, bool, type(None), bytes})
SCALARS = (str, int, float, bytes, dt.date, Path, enum.Enum)  # and their subclasses (Markup is a str)


def digest_files(paths: list[Path], base: Path) -> str:
    """One hash of several files' names (relative to `base`) and bytes."""
    h = hashlib.sha256()
    for path in paths:
        h.update(path.relative_to(base).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def code_digest() -> str:
    """The museum's own code: a cached result is only good for the code that made it."""
    return digest_files(sorted(PACKAGE.rglob("*.py")), PACKAGE)


class Unstable(Exception):
    """A value with no fingerprint (a function, an open file): its page is always rendered."""


@dataclass
class Fingerprinter:
    """Content hashes of values, the same in every process for equal content.

    Containers, dataclasses and models are hashed from their parts (scalars by type and repr);
    a container seen before in this build (the same object) is not walked again, so hashing
    every page costs about one pass over the catalog. A dataclass field marked
    `metadata={"fingerprint": False}` is left out (how a figure waits for its drawing, not what it is).
    """

    seen: dict[int, tuple[object, bytes]] = field(default_factory=dict)

    def know(self, value: object, digest: bytes) -> None:
        """Take `digest` as the fingerprint of `value` without walking it (a dossier's is the hash of
        its file's bytes and the code that read it: equal bytes, equal dossier)."""
        self.seen[id(value)] = (value, digest)

    def kept(self, limit: int = 500_000) -> Fingerprinter:
        """For the next build of the same process: what it hashed stays known (each value is kept
        alive with its hash, so no id is reused; dossiers kept by the memo are the same objects),
        until there are too many."""
        return Fingerprinter(self.seen if len(self.seen) < limit else {})

    def __call__(self, value: object) -> bytes:
        known = self.seen.get(id(value))
        if known is not None:
            return known[1]
        h = hashlib.blake2b(type(value).__qualname__.encode(), digest_size=16)
        for part in self._parts(value):
            if type(part) in PLAIN or isinstance(part, SCALARS):
                h.update(f"\0{type(part).__qualname__}:{part!r}".encode())
            else:
                h.update(self(part))
        result = h.digest()
        self.seen[id(value)] = (value, result)  # the value is kept alive so its id is not reused
        return result

    def _parts(self, value: object) -> Iterable[object]:
        if type(value) in PLAIN or isinstance(value, SCALARS):
            return (value,)
        if isinstance(value, dict):
            return [x for item in value.items() for x in item]
        if isinstance(value, list | tuple):
            return value
        if isinstance(value, set | frozenset):
            return sorted(value, key=repr)
        names = _field_names(type(value))
        if names is not None:
            return [x for name in names for x in (name, getattr(value, name))]
        if isinstance(value, types.FunctionType):  # a lambda made by the code (linkers, colourings): its closure
            cells = [c.cell_contents for c in value.__closure__ or ()]
            return [value.__module__, value.__qualname__, value.__defaults__, *cells]
        if hasattr(value, "__dict__") and not callable(value):
            return (x for item in vars(value).items() for x in item)
        raise Unstable(type(value).__qualname__)


_FIELDS: dict[type, tuple[str, ...] | None] = {}


def _field_names(kind: type) -> tuple[str, ...] | None:
    """The fields of a dataclass that say what it is (not those marked `fingerprint: False`)."""
    if kind not in _FIELDS:
        fields = dataclasses.fields(kind) if dataclasses.is_dataclass(kind) else None
        _FIELDS[kind] = None if fields is None else tuple(f.name for f in fields if f.metadata.get("fingerprint", True))
    return _FIELDS[kind]


@dataclass
class Store:
    """Bytes under a key: in memory, and in a folder when there is one (written atomically)."""

    folder: Path | None
    read: bool = True  # False: never reuse what is there (a --clean build), but keep what is made
    memory: dict[str, bytes] | None = field(default_factory=dict)  # None: only the folder (one build of many pages)

    def get(self, key: str) -> bytes | None:
        if not self.read:
            return None
        if self.memory is not None and key in self.memory:
            return self.memory[key]
        path = self._path(key)
        if path is not None and path.is_file():
            data = path.read_bytes()
            if self.memory is not None:
                self.memory[key] = data
            return data
        return None

    def put(self, key: str, data: bytes) -> None:
        if self.memory is not None:
            self.memory[key] = data
        path = self._path(key)
        if path is None:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(temp, path)

    def _path(self, key: str) -> Path | None:
        return self.folder / key[:2] / key if self.folder is not None else None


Loaded = tuple[Entry | None, list[Diagnostic]]


@dataclass
class DossierMemo:
    """Reads and validates a dossier only when its bytes (or the code) changed."""

    store: Store
    salt: str
    objects: dict[str, Loaded] = field(default_factory=dict)  # this process's entries, by key
    contents: list[tuple[object, bytes]] = field(default_factory=list)  # each dossier read, with its key
    read_count: int = 0
    reused: int = 0

    def __call__(self, path: Path, root: Path) -> Loaded:
        if refuse_input(path, root, MAX_BYTES) is not None:  # never remembered: the reader says why
            self.read_count += 1
            return load_dossier(path, root)
        key = hashlib.sha256(f"{self.salt}\0{path}\0{os.getcwd()}\0".encode() + path.read_bytes()).hexdigest()
        result = self.objects.get(key) if self.store.read else None
        kept = self.store.get(key) if result is None else None
        if kept is not None:
            result = pickle.loads(kept)
        if result is not None:
            self.reused += 1
        else:
            self.read_count += 1
            result = load_dossier(path, root)
            self.store.put(key, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
        self.objects[key] = result
        if result[0] is not None:
            self.contents.append((result[0].dossier, bytes.fromhex(key)[:16]))
        return result


@dataclass
class PageMemo:
    """Renders a page only when what it shows (or its templates, or the code) changed."""

    store: Store
    salt: str
    fingerprint: Fingerprinter = field(default_factory=Fingerprinter)
    rendered: int = 0
    reused: int = 0

    def __call__(self, page: Page, render: Callable[[], str]) -> str:
        try:
            key = hashlib.sha256(self.salt.encode() + self.fingerprint(page)).hexdigest()
        except Unstable:
            self.rendered += 1
            return render()
        kept = self.store.get(key)
        if kept is not None:
            self.reused += 1
            return kept.decode("utf-8")
        self.rendered += 1
        text = render()
        self.store.put(key, text.encode("utf-8"))
        return text


def page_memo(folder: Path | None, templates: Path, read: bool, memory: dict[str, bytes] | None = None) -> PageMemo:
    """A page memo for this code and these templates; with a folder and no `memory`, pages are kept
    only on disk (a build's pages are not held in memory twice)."""
    files = sorted(p for p in templates.rglob("*") if p.is_file()) if templates.is_dir() else []
    salt = code_digest() + digest_files(files, templates)
    return PageMemo(Store(folder, read, memory if memory is not None or folder is None else None), salt)


def dossier_memo(folder: Path | None, read: bool, memory: dict[str, bytes] | None = None) -> DossierMemo:
    return DossierMemo(Store(folder, read, {} if memory is None else memory), code_digest())
