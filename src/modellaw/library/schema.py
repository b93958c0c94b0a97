"""Declarative schemas for the YAML data, checked with every error collected and located.

Clauses and profiles are data; this module is the one place that says what shape that data
must have.  Unknown keys are errors (with a did-you-mean), because a misspelt key in a law's
parameters silently ignored would put the wrong penalty in a bill.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field, replace
from typing import Any, Callable

from modellaw.errors import ModellawError
from modellaw.library.yamlio import Document, Keys, keypath

Check = Callable[[Any], str | None]

_TYPE_NAMES = {str: "a string", int: "an integer", bool: "true or false", list: "a list",
               dict: "a mapping"}
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if value is None:
        return "nothing (null)"
    for typ, name in ((int, "an integer"), (float, "a number"), (str, "a string"),
                      (list, "a list"), (dict, "a mapping")):
        if isinstance(value, typ):
            return name
    return type(value).__name__


def check_type(value: Any, typ: type) -> str | None:
    """The message for a value of the wrong type, or None."""
    ok = isinstance(value, typ) and not (typ is int and isinstance(value, bool))
    if typ is str and ok and CONTROL_CHARS.search(value):
        return "contains a control character"
    return None if ok else f"expected {_TYPE_NAMES.get(typ, typ.__name__)}, got {type_name(value)}"


@dataclass(frozen=True)
class Scalar:
    """A leaf value: its type, allowed values or range, and any extra check."""

    typ: type
    choices: tuple[Any, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    check: Check | None = None


@dataclass(frozen=True)
class Map:
    """A mapping with known keys; `required` keys must be present."""

    fields: dict[str, Any]
    required: frozenset[str] = frozenset()


@dataclass(frozen=True)
class MapOf:
    """A mapping whose keys are free (checked by `key_check`) and values share a schema."""

    value: Any
    key_check: Check | None = None


@dataclass(frozen=True)
class ListOf:
    item: Any


@dataclass
class Validator:
    """Walks parsed data against a schema, collecting every error with its file position."""

    doc: Document
    errors: list[ModellawError] = field(default_factory=list)

    def error(self, keys: Keys, message: str) -> None:
        self.errors.append(ModellawError(message, self.doc.where(keys)))

    def validate(self, schema: Any, value: Any, keys: Keys = ()) -> None:
        if isinstance(schema, Scalar):
            self._scalar(schema, value, keys)
        elif isinstance(schema, Map):
            self._map(schema, value, keys)
        elif isinstance(schema, MapOf):
            if not isinstance(value, dict):
                self.error(keys, f"expected a mapping, got {type_name(value)}")
                return
            for k, v in value.items():
                if schema.key_check and (msg := schema.key_check(k)):
                    self.error(keys + (k,), msg)
                else:
                    self.validate(schema.value, v, keys + (k,))
        elif isinstance(schema, ListOf):
            if not isinstance(value, list):
                self.error(keys, f"expected a list, got {type_name(value)}")
                return
            for i, item in enumerate(value):
                self.validate(schema.item, item, keys + (i,))

    def _scalar(self, schema: Scalar, value: Any, keys: Keys) -> None:
        if (msg := check_type(value, schema.typ)) is not None:
            self.error(keys, msg)
        elif schema.choices and value not in schema.choices:
            allowed = ", ".join(repr(c) for c in schema.choices)
            self.error(keys, f"{value!r} is not one of {allowed}")
        elif schema.minimum is not None and value < schema.minimum:
            self.error(keys, f"{value} is below the minimum {schema.minimum}")
        elif schema.maximum is not None and value > schema.maximum:
            self.error(keys, f"{value} is above the maximum {schema.maximum}")
        elif schema.check and (msg := schema.check(value)):
            self.error(keys, msg)

    def _map(self, schema: Map, value: Any, keys: Keys) -> None:
        if not isinstance(value, dict):
            self.error(keys, f"expected a mapping, got {type_name(value)}")
            return
        for k, v in value.items():
            if k not in schema.fields:
                self.error(keys + (k,), unknown_key_message(str(k), schema.fields))
            else:
                self.validate(schema.fields[k], v, keys + (k,))
        for k in sorted(schema.required - set(value)):
            where = self.doc.where(keys)
            self.errors.append(ModellawError(f"missing required key '{k}'",
                                             replace(where, keypath=keypath(keys + (k,)))))


def unknown_key_message(key: str, known: Any) -> str:
    """`unknown key 'penalty_yeras' (did you mean 'penalty_years'?)`."""
    close = difflib.get_close_matches(key, [str(k) for k in known], n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"unknown key '{key}'{hint}"


def unknown_id_message(kind: str, name: str, known: Any) -> str:
    close = difflib.get_close_matches(name, [str(k) for k in known], n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"unknown {kind} '{name}'{hint}"
