"""YAML text -> values and their positions, through libyaml: the part of reading YAML that
needs PyYAML, imported only when the YAML cache (`yamlio`) does not already hold the file.

libyaml's C composer (through PyYAML) gives each node its position at a twentieth of the cost
of a pure-Python round-trip parse.  Values are resolved as YAML 1.2 does (only true/false are
booleans, dates stay strings), so `no` or `2026-01-01` mean what a drafter typed.

A YAML file is also a way to attack the toolkit, so before anything is built the event stream
is walked once to bound it: nesting deeper than MAX_DEPTH (libyaml's composer recurses in C
and crashes the process on a few thousand levels), and more than MAX_NODES values once
aliases are expanded (eight levels of "billion laughs" aliases in 415 bytes would otherwise
build gigabytes), are refused at the line where the limit is crossed.  Integers are bounded
too, so that a 5,000-digit number is an error at its line rather than a crash in formatting.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from modellaw.errors import Location, ModellawError

MAX_DEPTH = 64
MAX_NODES = 200_000
MAX_INT_DIGITS = 15
Keys = tuple[Any, ...]  # a value's path: mapping keys and list indexes (as in yamlio)
Positions = dict[Keys, tuple[int, int]]

_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Yaml12Loader(_Loader):  # type: ignore[misc, valid-type]
    """Safe loading with YAML 1.2 core-schema scalars."""


_Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers
            if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for first, resolvers in _Loader.yaml_implicit_resolvers.items()}
_Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:bool",
                                    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                    list("tTfF"))


def _construct(node: yaml.Node, keys: Keys, loader: Any, positions: Positions,
               path: Path) -> Any:
    if isinstance(node, yaml.MappingNode):
        own = {id(k) for k, _ in node.value}
        loader.flatten_mapping(node)
        out: dict[Any, Any] = {}
        merged: set[Any] = set()  # keys from `<<: *base`, which the mapping's own keys override
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, bool, float)) or key is None:
                raise ModellawError("invalid YAML: a mapping key must be a plain value",
                                    _mark(path, key_node))
            if id(key_node) not in own:
                merged.add(key)
            elif key in merged:
                merged.discard(key)
                del out[key]
            if key in out:
                raise ModellawError(f"invalid YAML: duplicate key '{key}'", _mark(path, key_node))
            positions[keys + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            out[key] = _construct(value_node, keys + (key,), loader, positions, path)
        return out
    if isinstance(node, yaml.SequenceNode):
        items = []
        for i, item in enumerate(node.value):
            positions[keys + (i,)] = (item.start_mark.line + 1, item.start_mark.column + 1)
            items.append(_construct(item, keys + (i,), loader, positions, path))
        return items
    if node.tag == "tag:yaml.org,2002:int" and \
            len(node.value.lstrip("+-").lstrip("0_")) > MAX_INT_DIGITS:
        raise ModellawError(f"a number with more than {MAX_INT_DIGITS} digits is not a value "
                            "any law uses", _mark(path, node))
    try:
        return loader.construct_object(node, deep=True)
    except ValueError as exc:
        raise ModellawError(f"invalid YAML: {exc}", _mark(path, node)) from exc


def _mark(path: Path, node: Any) -> Location:
    return Location(path, node.start_mark.line + 1, node.start_mark.column + 1)


def _check_shape(text: str, path: Path) -> None:
    """Refuse deep nesting, self-referring aliases and alias expansion beyond MAX_NODES, by
    walking parser events (iterative and cheap) before any node is composed."""
    parser = _Yaml12Loader(text)
    sizes: dict[str, int] = {}       # anchor -> values in the anchored node, expanded
    open_nodes: list[list[Any]] = []  # [anchor, values so far] per unclosed collection
    total = 0
    try:
        while parser.check_event():
            event = parser.get_event()
            added = 0
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                open_nodes.append([event.anchor, 1])
                total += 1
                if len(open_nodes) > MAX_DEPTH:
                    raise ModellawError(f"invalid YAML: nested more than {MAX_DEPTH} levels deep",
                                        _mark(path, event))
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                anchor, added = open_nodes.pop()
                if anchor:
                    sizes[anchor] = added
            elif isinstance(event, yaml.ScalarEvent):
                added = 1
                if event.anchor:
                    sizes[event.anchor] = 1
            elif isinstance(event, yaml.AliasEvent):
                if any(anchor == event.anchor for anchor, _ in open_nodes):
                    raise ModellawError(f"invalid YAML: alias *{event.anchor} refers to a value "
                                        "that contains it", _mark(path, event))
                added = sizes.get(event.anchor, 1)
            if added and open_nodes:
                open_nodes[-1][1] += added
            total += added if not isinstance(event, (yaml.SequenceEndEvent,
                                                     yaml.MappingEndEvent)) else 0
            if total > MAX_NODES:
                raise ModellawError(f"invalid YAML: more than {MAX_NODES:,} values once aliases "
                                    "are expanded", _mark(path, event))
    finally:
        parser.dispose()


def _offset_location(position: int, text: str, path: Path) -> Location:
    """libyaml reports a bad character by offset only; people need its line and column."""
    position = min(max(position, 0), len(text))
    line = text.count("\n", 0, position) + 1
    return Location(path, line, position - (text.rfind("\n", 0, position) + 1) + 1)


def parse(raw: bytes, path: Path) -> tuple[Any, Positions]:
    """One YAML file's bytes as (values, position of every key and item); anything wrong
    becomes a ModellawError at the parser's position in `path`."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise ModellawError("file is not UTF-8 text", Location(path, line)) from exc
    if (nul := text.find("\x00")) >= 0:
        raise ModellawError("invalid YAML: a NUL byte; the file is binary, not text",
                            _offset_location(nul, text, path))
    loader = _Yaml12Loader(text)
    positions: Positions = {(): (1, 1)}
    try:
        _check_shape(text, path)
        node = loader.get_single_node()
        data = None if node is None else _construct(node, (), loader, positions, path)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problem = exc.problem or exc.context or "invalid YAML"
        if "nesting depth" in problem:  # libyaml 0.2.6+ stops deep flow nesting in its scanner
            problem = f"nested more than {MAX_DEPTH} levels deep"
        elif exc.problem and exc.context and exc.context_mark and mark is not exc.context_mark \
                and exc.context_mark.line != mark.line:
            # an unclosed '[' or quote is found only where the file ends: say where it opened
            start = exc.context_mark
            problem += (f" ({exc.context} that starts at line {start.line + 1}, "
                        f"column {start.column + 1})")
        raise ModellawError(f"invalid YAML: {problem}", Location(path, line, col)) from exc
    except yaml.reader.ReaderError as exc:
        char = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
        raise ModellawError(f"invalid YAML: the character {char} is not allowed in a YAML file",
                            _offset_location(int(exc.position or 0), text, path)) from exc
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as exc:
        raise ModellawError(f"invalid YAML: {exc}", Location(path)) from exc
    finally:
        loader.dispose()
    return data, positions
