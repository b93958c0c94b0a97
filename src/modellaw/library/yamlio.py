"""The one module that reads YAML: every value with its line, and each file parsed only once.

Every error message names `file:line:col`, so positions must survive parsing (`yamlparse`
does it, through libyaml).  ruamel.yaml stays the tool for writing profiles back with their
comments (profile_writer).

Every command loads the whole clause library and a profile, ~40 files, and parsing them (with
importing PyYAML) was the largest part of a draft whose bill is not cached, although a drafter
changes one file between two drafts, if any.  So what a file parses to is kept in
`<cache>/yaml/` (the folder the other caches use; `MODELLAW_CACHE=` switches it off) under
the SHA-256 of its bytes and of the code that parses them (`cache_files.code_digest`: this
package, PyYAML's version, Python's): the same bytes always parse to the same values,
wherever the file is, so an edited file is a miss and nothing else can be.  Only a file that
parsed is kept (an error is reported afresh every time), and files are read and written as
`cache_files` does (a damaged entry is a miss, writes are atomic, an unwritable folder is no
cache).  PyYAML is imported only on a miss.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from modellaw.errors import Location
from modellaw.inputs import read_input
from modellaw.library import cache_files
from modellaw.records import record

MAX_YAML_BYTES = 2_000_000
#: Changes whenever the layout of a cache entry does.
MAGIC = b"modellaw yaml cache 1\n"
MAX_ENTRIES = 512
STORE = cache_files.Store("yaml", MAGIC, MAX_ENTRIES)
Keys = tuple[Any, ...]


@record
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


def load_yaml(path: Path) -> Document:
    """Parse one YAML file (or take what its bytes parsed to before); syntax errors become
    ModellawError at the parser's position."""
    return parse_yaml(path, read_yaml(path))


def read_yaml(path: Path) -> bytes:
    """A YAML file's bytes, refused if it is not a regular file or too large for one."""
    return read_input(path, MAX_YAML_BYTES, "a profile or clause file is far smaller")


def parse_yaml(path: Path, raw: bytes) -> Document:
    """What `raw`, read from `path`, parses to: from the cache when these bytes parsed before."""
    name = ""
    if STORE.path() is not None:
        digest = STORE.hasher()
        digest.update(raw)
        name = digest.hexdigest()
        found = STORE.get(name)
        if isinstance(found, tuple) and len(found) == 2 and isinstance(found[1], dict):
            return Document(path, found[0], found[1])
    from modellaw.library.yamlparse import parse
    data, positions = parse(raw, path)
    STORE.put(name, (data, positions))
    return Document(path, data, positions)
