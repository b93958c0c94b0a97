"""Clauses loaded before, kept between runs: validated, with their templates' compiled code.

A draft whose bill is not cached loads every clause of the library, although between two
drafts a drafter changes one clause, if any.  Loading one means parsing it (the YAML cache
spares that), checking it against the schema, and compiling or fetching its two or three
templates; kept here, it is one file read, its templates as their compiled code (a Jinja2
Template is built from it only if a render is not cached).

An entry is keyed by the SHA-256 of what `load_clause` is a function of: the file's bytes,
its path (the clause's id must match the file name, and every location names the path), the
ids of the bill frame's parts (a clause's part must be one), and the code
(`cache_files.code_digest`: this package, whose schemas and template environment shape the
result, Jinja2's version, Python's).  An edited clause is a new key, so a stale clause is
never served.  Only a clause that loaded without error is kept: a bad file is reported afresh
every time.  Files live in `<cache>/clauses/` and are read and written as `cache_files` does
(a damaged entry is a miss, writes are atomic, an unwritable folder is no cache).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from modellaw.library import cache_files

#: Changes whenever the layout of an entry does.
MAGIC = b"modellaw clause cache 2\n"
MAX_ENTRIES = 512
STORE = cache_files.Store("clauses", MAGIC, MAX_ENTRIES)


def key(path: Path, raw: bytes, part_ids: tuple[str, ...]) -> str:
    """The entry's name, or "" when caching is switched off (nothing then to compute)."""
    if STORE.path() is None:
        return ""
    digest = STORE.hasher()
    digest.update(repr((str(path), part_ids)).encode())
    digest.update(raw)
    return digest.hexdigest()


def lookup(name: str) -> Any | None:
    """The clause kept under `name`, or None on a miss; the caller checks that it is a Clause
    (this module knows nothing of clauses.py, which uses it)."""
    return STORE.get(name)


def store(name: str, clause: Any) -> None:
    """Keep a clause just loaded, its templates with it (they are plain data)."""
    STORE.put(name, clause)
