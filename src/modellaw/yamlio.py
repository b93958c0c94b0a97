"""The only module that parses YAML: round-trip loading so every value keeps its line.

Positions matter because every error message names `file:line:col`; ruamel.yaml's
round-trip loader records them on each mapping and sequence (`.lc`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from .errors import Location, ModellawError

MAX_YAML_BYTES = 2_000_000


def load_yaml(path: Path) -> Any:
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
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    try:
        return yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problem = exc.problem or exc.context or "invalid YAML"
        raise ModellawError(f"invalid YAML: {problem}", Location(path, line, col)) from exc
    except YAMLError as exc:
        raise ModellawError(f"invalid YAML: {exc}", Location(path)) from exc


def position(container: Any, key: Any, path: Path | None, keypath: str) -> Location:
    """Where `container[key]` is written (the key's own position for mappings)."""
    line = col = 0
    try:
        if isinstance(container, CommentedMap) and key is not None:
            line, col = container.lc.key(key)
        elif isinstance(container, CommentedSeq) and key is not None:
            line, col = container.lc.item(key)
        elif isinstance(container, (CommentedMap, CommentedSeq)):
            line, col = container.lc.line, container.lc.col
        line, col = line + 1, col + 1
    except (KeyError, IndexError, TypeError, AttributeError):
        line = col = 0
    return Location(path, line, col, keypath)
