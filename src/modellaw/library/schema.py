"""Declarative schemas for the YAML data, checked with every error collected and located.

Clauses and profiles are data; this module is the one place that says what shape that data
must have.  Unknown keys are errors (with a did-you-mean), because a misspelt key in a law's
parameters silently ignored would put the wrong penalty in a bill.

Text is checked as strictly as types, because profile values are pasted into the bill: a
string is one line and not empty unless its schema says otherwise.  A line break in an
institution's name would start a new subsection ("police\n(9) Notwithstanding ..."), an empty
one drafts "report that fact to the without delay", and control characters, lone surrogates
or U+FFFE/U+FFFF pass the Markdown writer only to crash the Word and Akoma Ntoso writers.
"""

from __future__ import annotations

import re
from typing import Any, Callable

from modellaw.errors import ModellawError
from modellaw.library.yamlio import Document, Keys, keypath
from modellaw.records import field, record, replace

Check = Callable[[Any], str | None]

_TYPE_NAMES = {str: "a string", int: "an integer", bool: "true or false", list: "a list",
               dict: "a mapping"}
#: Characters no text may hold: C0 and C1 controls other than tab and line breaks, DEL, lone
#: surrogates, the noncharacters U+FDD0-U+FDEF, U+FFFE and U+FFFF (none is allowed in XML, so
#: Word and Akoma Ntoso output would fail), and U+2028/U+2029, which split lines unseen.
FORBIDDEN_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
                             "\ufffe\uffff\u2028\u2029]")
#: ... and also tab and line breaks: what a one-line value (a name, an institution, anything a
#: template interpolates) may not hold.
CONTROL_CHARS = re.compile("[\t\n\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff"
                           "\ufdd0-\ufdef\ufffe\uffff\u2028\u2029]")


def text_problem(value: str, *, multiline: bool = False, empty: bool = False) -> str | None:
    """Why a piece of text cannot go into a bill, or None."""
    if not empty and not value.strip():
        return "is empty; write the words the bill needs"
    found = (FORBIDDEN_CHARS if multiline else CONTROL_CHARS).search(value)
    if found is None:
        return None
    char = found.group()
    if char in "\n\r\u2028\u2029":
        return "must be on one line (it holds a line break)"
    if char == "\t":
        return "must be on one line (it holds a tab)"
    return f"contains a control character (U+{ord(char):04X})"


def shown(text: Any) -> str:
    """A key or id as it can be quoted in a one-line message, unprintables escaped."""
    return CONTROL_CHARS.sub(lambda m: f"\\u{ord(m.group()):04x}", str(text))


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
    return None if ok else f"expected {_TYPE_NAMES.get(typ, typ.__name__)}, got {type_name(value)}"


@record
class Scalar:
    """A leaf value: its type, allowed values or range, and any extra check."""

    typ: type
    choices: tuple[Any, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    check: Check | None = None
    multiline: bool = False  # text may hold line breaks (a clause's template, commentary)
    empty: bool = False      # text may be empty (a source with no article number)


@record
class Map:
    """A mapping with known keys; `required` keys must be present."""

    fields: dict[str, Any]
    required: frozenset[str] = frozenset()


@record
class MapOf:
    """A mapping whose keys are free (checked by `key_check`) and values share a schema."""

    value: Any
    key_check: Check | None = None


@record
class ListOf:
    item: Any


@record(frozen=False)
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
        elif isinstance(value, str) and (msg := text_problem(
                value, multiline=schema.multiline, empty=schema.empty)) is not None:
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
    return f"unknown key '{shown(key)}'{_did_you_mean(key, known)}"


def _did_you_mean(name: str, known: Any) -> str:
    """The nearest known name as a hint; difflib is imported only when there is a mistake to
    hint at, not by every command that loads the library."""
    import difflib

    close = difflib.get_close_matches(name, [str(k) for k in known], n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def unknown_id_message(kind: str, name: str, known: Any) -> str:
    hint = _did_you_mean(name, known)
    return f"unknown {kind} '{shown(name)}'{hint}"
