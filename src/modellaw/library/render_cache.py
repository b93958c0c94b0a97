"""What clause templates rendered to, kept between runs, so a redraft renders only what changed.

A bill's ~50 renders are what a cold draft (a bill not in the bill cache) still spends Jinja2
on: importing it costs more than the renders themselves.  A render is a function of the
template's source, of the code that compiles and runs it (`cache_files.code_digest`: this
package's sandbox and helpers, Jinja2's version, Python's) and of the context values it looks
up, which Jinja2 names at compile time (`ClauseTemplate.names`).  The key is the SHA-256 of
all three, the values written out canonically (`canonical`): plain data exactly, with lists,
tuples, sets and dicts told apart, and the functions templates call by their name, with the
profile data a `markers.Helper` is bound to.  A value that is anything else (an object, a
closure) means that render is not cached, and so does a template that looks up `lipsum`,
which renders random text.  The file name is not in the key: a workspace's copy of a clause
renders what the built-in one does.

Only a render that succeeded is kept, so a template that failed fails again, with its own
message, every time; an edited template or a changed value is a new key, so no stale text is
ever served.  Files live in `<cache>/rendered-clauses/`, read and written as `cache_files`
does (a damaged entry is a miss, writes are atomic, an unwritable folder is no cache).
"""

from __future__ import annotations

import json
import sys
from types import FunctionType
from typing import Any

from modellaw.library import cache_files
from modellaw.library.markers import Helper

#: Changes whenever the layout of an entry or of a key does.
MAGIC = b"modellaw rendered clause 1\n"
MAX_ENTRIES = 4096
#: Globals whose result is not a function of the inputs: a render using one is never kept.
NOT_DETERMINISTIC = frozenset({"lipsum"})
STORE = cache_files.Store("rendered-clauses", MAGIC, MAX_ENTRIES)


class NotPlain(Exception):
    """A value that cannot be written down as what determines a render."""


def canonical(value: Any) -> Any:
    """`value` as JSON data that two values share only if templates cannot tell them apart:
    every container is tagged with its kind, dict keys must be text, functions are named."""
    kind = type(value)
    if value is None or kind in (bool, int, float, str):
        return value
    if kind in (list, tuple):
        return ["l" if kind is list else "t", *(canonical(v) for v in value)]
    if kind is dict:
        if not all(type(k) is str for k in value):
            raise NotPlain("a dict with keys that are not text")
        return ["d", *([k, canonical(value[k])] for k in sorted(value))]
    if kind in (set, frozenset):
        return ["s", *sorted((canonical(v) for v in value), key=_dumps)]
    if kind is Helper:
        function, bound = value.parts()
        return ["h", canonical(function), *(canonical(v) for v in bound)]
    if kind is FunctionType and value.__module__.startswith("modellaw.") and \
            getattr(sys.modules.get(value.__module__), value.__qualname__, None) is value:
        return ["f", value.__module__, value.__qualname__]  # its code is in code_digest
    raise NotPlain(f"a {kind.__name__}")


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def key(source: str, names: frozenset[str] | None, variables: dict[str, Any]) -> str:
    """The entry's name for a render of the template `source`, which looks up `names`
    (None: not known), or "" when it is not to be cached."""
    if names is None or names & NOT_DETERMINISTIC or STORE.path() is None:
        return ""
    try:
        values = _dumps(canonical({n: variables[n] for n in names if n in variables}))
    except (NotPlain, RecursionError, ValueError):
        return ""
    digest = STORE.hasher()
    for part in (source, values):
        data = part.encode("utf-8", "surrogatepass")
        digest.update(b"%d\0" % len(data))
        digest.update(data)
    return digest.hexdigest()


def lookup(name: str) -> str | None:
    found = STORE.get(name)
    return found if isinstance(found, str) else None


def store(name: str, text: str) -> None:
    STORE.put(name, text)
