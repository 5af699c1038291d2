"""Reading dossiers: plain YAML only, with a line number for every key.

PyYAML's composer gives nodes that know where they start; we build plain Python values
from those nodes ourselves, so that we can refuse what a dossier never needs (Python or
custom tags, merge keys, duplicate keys, runaway aliases) and remember each key's line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import Diagnostic, display_path

Loc = tuple[str | int, ...]

PLAIN_TAGS = frozenset(
    "tag:yaml.org,2002:" + t for t in ("map", "seq", "str", "int", "float", "bool", "null", "timestamp")
)
MAX_ALIASES = 50
MAX_NODES = 50_000


@dataclass(frozen=True)
class Document:
    """One YAML file as plain data, plus the line of every key and list item."""

    path: Path
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)

    @property
    def shown(self) -> str:
        return display_path(self.path)

    def line_of(self, loc: Loc) -> int:
        """Line of the deepest part of `loc` that exists in the file (1 for the whole file)."""
        for end in range(len(loc), 0, -1):
            if loc[:end] in self.lines:
                return self.lines[loc[:end]]
        return 1


class _Reject(Exception):
    def __init__(self, line: int, field: str, message: str, hint: str | None = None):
        self.diagnostic = (line, field, message, hint)


@dataclass
class _Builder:
    """Turns a composed node tree into Python values, recording lines."""

    lines: dict[Loc, int] = field(default_factory=dict)
    seen: set[int] = field(default_factory=set)
    aliases: int = 0
    nodes: int = 0
    scalars: yaml.constructor.SafeConstructor = field(default_factory=yaml.constructor.SafeConstructor)

    def value(self, node: yaml.Node, loc: Loc) -> Any:
        self._count(node, loc)
        if node.tag not in PLAIN_TAGS:
            raise _Reject(
                _line(node), dotted(loc), f"tag {node.tag!r} is not allowed", "dossiers are plain YAML: remove the tag"
            )
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self._item(child, (*loc, i)) for i, child in enumerate(node.value)]
        return self.scalars.construct_object(node, deep=True)

    def _count(self, node: yaml.Node, loc: Loc) -> None:
        self.nodes += 1
        if id(node) in self.seen and isinstance(node, yaml.CollectionNode):
            self.aliases += 1
        self.seen.add(id(node))
        if self.aliases > MAX_ALIASES or self.nodes > MAX_NODES:
            raise _Reject(
                _line(node),
                dotted(loc),
                "too many aliases or nodes",
                f"a dossier needs at most {MAX_ALIASES} aliases; write the values out",
            )

    def _item(self, node: yaml.Node, loc: Loc) -> Any:
        self.lines.setdefault(loc, _line(node))
        return self.value(node, loc)

    def _mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _Reject(
                    _line(key_node), dotted(loc), "merge keys ('<<') are not allowed", "write the keys out in full"
                )
            key = self.value(key_node, loc)
            if not isinstance(key, str):
                raise _Reject(_line(key_node), dotted(loc), f"keys must be text, got {key!r}")
            if key in out:
                raise _Reject(
                    _line(key_node),
                    dotted((*loc, key)),
                    f"duplicate key (first given on line {self.lines[(*loc, key)]})",
                    "keep one of the two",
                )
            self.lines[(*loc, key)] = _line(key_node)
            out[key] = self.value(value_node, (*loc, key))
        return out


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def dotted(loc: Loc) -> str:
    """`variants[0].params.value` from ('variants', 0, 'params', 'value')."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def read_yaml(path: Path) -> tuple[Document | None, list[Diagnostic]]:
    """Read one YAML file; on failure return no document and the reason."""
    shown = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
        root = compose(text)
    except UnicodeDecodeError:
        return None, [Diagnostic(shown, None, "", "not UTF-8 text", "save the file as UTF-8")]
    except yaml.MarkedYAMLError as exc:
        return None, [_yaml_error(shown, exc)]
    if root is None:
        return None, [Diagnostic(shown, 1, "", "the file is empty")]
    builder = _Builder()
    try:
        data = builder.value(root, ())
    except _Reject as reject:
        line, field_, message, hint = reject.diagnostic
        return None, [Diagnostic(shown, line, field_, message, hint)]
    return Document(path, data, builder.lines), []


def compose(text: str) -> yaml.Node | None:
    """The node tree, parsed by libyaml when PyYAML has it (about 15× faster); a file it refuses is
    parsed again in Python, whose messages are the ones we show."""
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            return yaml.compose(text, Loader=fast)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


def _yaml_error(shown: str, exc: yaml.MarkedYAMLError) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    problem = exc.problem or exc.context or "invalid YAML"
    if (
        exc.context
        and exc.context.startswith("while parsing")
        and exc.context_mark
        and mark
        and exc.context_mark.line != mark.line
    ):
        problem += f" (in {exc.context.removeprefix('while parsing ')} that starts on line {exc.context_mark.line + 1})"
    if "single document" in str(exc.context):
        problem = "expected a single document in the stream"
        hint = "a dossier is one YAML document: remove the extra '---'"
    else:
        hint = "check indentation, colons and quoting on that line and the one before"
    return Diagnostic(shown, line, "", f"invalid YAML: {problem}", hint)
