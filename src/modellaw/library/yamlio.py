"""The one module that parses YAML for reading: fast, and with every value's line kept.

Every error message names `file:line:col`, so positions must survive parsing.  libyaml's C
composer (through PyYAML) gives each node its position at a twentieth of the cost of a
pure-Python round-trip parse, which matters because every command loads the whole clause
library.  Values are resolved as YAML 1.2 does (only true/false are booleans, dates stay
strings), so `no` or `2026-01-01` mean what a drafter typed.  ruamel.yaml stays the tool
for writing profiles back with their comments (profile_writer).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from modellaw.errors import Location, ModellawError

MAX_YAML_BYTES = 2_000_000
Keys = tuple[Any, ...]

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


@dataclass(frozen=True)
class Document:
    """Parsed YAML and where each mapping key and list item was written."""

    path: Path
    data: Any
    positions: dict[Keys, tuple[int, int]]

    def where(self, keys: Keys) -> Location:
        """The location of the value at `keys` (or of its nearest ancestor that has one)."""
        probe = keys
        while probe and probe not in self.positions:
            probe = probe[:-1]
        line, col = self.positions.get(probe, (1, 1))
        return Location(self.path, line, col, keypath(keys))


def keypath(keys: Keys) -> str:
    """`drafting.fine_unit`, `existing_law.isp-duties.evidence[0]`."""
    out = ""
    for key in keys:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else str(key))
    return out


def _construct(node: yaml.Node, keys: Keys, loader: Any, positions: dict[Keys, tuple[int, int]],
               path: Path) -> Any:
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, bool, float)) or key is None:
                raise ModellawError("invalid YAML: a mapping key must be a plain value",
                                    _mark(path, key_node))
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
    return loader.construct_object(node, deep=True)


def _mark(path: Path, node: yaml.Node) -> Location:
    return Location(path, node.start_mark.line + 1, node.start_mark.column + 1)


def load_yaml(path: Path) -> Document:
    """Parse one YAML file; syntax errors become ModellawError at the parser's position."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ModellawError(f"cannot read file: {exc.strerror}", Location(path)) from exc
    if len(raw) > MAX_YAML_BYTES:
        raise ModellawError(f"file is larger than {MAX_YAML_BYTES} bytes", Location(path))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ModellawError("file is not UTF-8 text", Location(path)) from exc
    loader = _Yaml12Loader(text)
    positions: dict[Keys, tuple[int, int]] = {(): (1, 1)}
    try:
        node = loader.get_single_node()
        data = None if node is None else _construct(node, (), loader, positions, path)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problem = exc.problem or exc.context or "invalid YAML"
        raise ModellawError(f"invalid YAML: {problem}", Location(path, line, col)) from exc
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as exc:
        raise ModellawError(f"invalid YAML: {exc}", Location(path)) from exc
    finally:
        loader.dispose()
    return Document(path, data, positions)
