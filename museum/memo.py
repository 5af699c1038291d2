"""Values made once per object and kept while this process runs.

A dev server's builds keep what did not change as the same objects (a dossier whose bytes did not
change, a specimen whose dossier and snapshots did not change), so what is made from one of them
alone, by a pure function, is made again only when the object is new. One build of the command
line sees each object once, so this changes nothing for it but memory, which `LIMIT` bounds.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar, cast

T = TypeVar("T")
Obj = TypeVar("Obj")

LIMIT = 20_000  # values kept at most: beyond, everything is forgotten and made again as needed
_KEPT: dict[tuple[int, str], tuple[object, object]] = {}


def once(obj: Obj, name: str, make: Callable[[Obj], T]) -> T:
    """`make(obj)`, made once for this object (`make` must be a pure function of it alone; `name`
    tells apart the several values made from one object)."""
    known = _KEPT.get((id(obj), name))
    if known is not None and known[0] is obj:
        return cast(T, known[1])
    value = make(obj)
    if len(_KEPT) >= LIMIT:
        _KEPT.clear()
    _KEPT[(id(obj), name)] = (obj, value)  # the object is kept alive with its value, so its id is not reused
    return value
