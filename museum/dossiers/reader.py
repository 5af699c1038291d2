"""Reading dossiers: plain YAML only, with a line number for every key.

PyYAML's composer gives nodes that know where they start; we build plain Python values
from those nodes ourselves, so that we can refuse what a dossier never needs (Python or
custom tags, merge keys, duplicate keys, runaway aliases, deep nesting, huge files, links
out of the museum) and remember each key's line. Nothing a file holds escapes as an exception.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import Diagnostic, display_path, echo
from ..project import refuse_input

Loc = tuple[str | int, ...]

PLAIN_TAGS = frozenset(
    "tag:yaml.org,2002:" + t for t in ("map", "seq", "str", "int", "float", "bool", "null", "timestamp")
)
MAX_ALIASES = 50
MAX_NODES = 50_000
MAX_DEPTH = 32  # a dossier nests five levels deep; the composer recurses once per level
MAX_BYTES = 1_000_000  # the largest dossier is about 30 kB


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


DEPTH_HINT = "a dossier needs a few levels of nesting; look for runaway brackets or indentation"


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader with a bound on nesting depth (its composer recurses per level)."""

    depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
                raise _Reject(mark.line + 1, "", f"nesting is deeper than {MAX_DEPTH} levels", DEPTH_HINT)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


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
                _line(node),
                dotted(loc),
                f"tag {echo(node.tag)} is not allowed",
                "dossiers are plain YAML: remove the tag",
            )
        if len(loc) > MAX_DEPTH:  # aliases can nest deeper than the text does
            raise _Reject(
                _line(node), dotted(loc[:MAX_DEPTH]), f"nesting is deeper than {MAX_DEPTH} levels", DEPTH_HINT
            )
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self._item(child, (*loc, i)) for i, child in enumerate(node.value)]
        return self._scalar(node, loc)

    def _scalar(self, node: yaml.Node, loc: Loc) -> Any:
        """A plain value; a date that does not exist (2024-02-30) is a diagnostic, not a crash."""
        if node.tag == STR_TAG:  # most values: the text itself (what the constructor would give, faster)
            return node.value
        try:
            return self.scalars.construct_object(node, deep=True)
        except (ValueError, OverflowError, yaml.constructor.ConstructorError) as exc:
            what = "date" if node.tag.endswith(":timestamp") else node.tag.rsplit(":", 1)[-1]
            reason = exc.problem if isinstance(exc, yaml.MarkedYAMLError) else str(exc)
            raise _Reject(
                _line(node), dotted(loc), f"{echo(node.value)} is not a valid {what} ({reason})", DATE_HINTS.get(what)
            ) from None

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
                raise _Reject(_line(key_node), dotted(loc), f"keys must be text, got {echo(key)}")
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


DATE_HINTS = {"date": "check the day and the month: write a date that exists, e.g. 2024-02-29"}


STR_TAG = "tag:yaml.org,2002:str"


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def dotted(loc: Loc) -> str:
    """`variants[0].params.value` from ('variants', 0, 'params', 'value')."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def read_yaml(path: Path, root: Path | None = None) -> tuple[Document | None, list[Diagnostic]]:
    """Read one YAML file; on failure return no document and the reason.

    With `root`, a file that is a symbolic link or lies outside `root` is refused unread.
    """
    shown = display_path(path)
    refused = refuse_input(path, root, MAX_BYTES)
    if refused:
        return None, [Diagnostic(shown, None, "", *refused)]
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [_not_utf8(shown, data, exc)]
    try:
        root_node = compose(text)
    except yaml.MarkedYAMLError as exc:
        return None, [_yaml_error(shown, exc)]
    except yaml.reader.ReaderError as exc:  # a control character YAML does not allow
        line = text.count("\n", 0, exc.position) + 1
        message = f"character #x{exc.character:04x} is not allowed in YAML"
        return None, [Diagnostic(shown, line, "", message, "remove it: is the file text?")]
    except _Reject as reject:
        return None, [Diagnostic(shown, *reject.diagnostic)]
    if root_node is None:
        return None, [Diagnostic(shown, 1, "", "the file is empty")]
    builder = _Builder()
    try:
        value = builder.value(root_node, ())
    except _Reject as reject:
        return None, [Diagnostic(shown, *reject.diagnostic)]
    return Document(path, value, builder.lines), []


def _not_utf8(shown: str, data: bytes, exc: UnicodeDecodeError) -> Diagnostic:
    line = data.count(b"\n", 0, exc.start) + 1
    column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
    message = f"not UTF-8 text: byte 0x{data[exc.start]:02x} at column {column} cannot be decoded"
    return Diagnostic(shown, line, "", message, "save the file as UTF-8")


def compose(text: str) -> yaml.Node | None:
    """The node tree, parsed by libyaml when PyYAML has it (about 15× faster). A file it refuses, or
    one nested deeper than MAX_DEPTH, is parsed again by the bounded Python loader, whose messages
    (and whose located refusal of deep nesting) are the ones we show."""
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            node = yaml.compose(text, Loader=fast)
            if node is None or _depth(node) <= MAX_DEPTH:
                return node
        except (yaml.YAMLError, RecursionError):
            pass
    return yaml.compose(text, Loader=_Loader)


def _depth(root: yaml.Node) -> int:
    """How deep a node tree nests (iteratively, each shared node once)."""
    deepest, stack, seen = 0, [(root, 1)], set()
    while stack:
        node, level = stack.pop()
        deepest = max(deepest, level)
        if id(node) in seen or not isinstance(node, yaml.CollectionNode):
            continue
        seen.add(id(node))
        children = node.value if isinstance(node, yaml.SequenceNode) else [v for pair in node.value for v in pair]
        stack.extend((child, level + 1) for child in children)
    return deepest


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
