"""The files of modellaw's caches: one pickled value per file, checked on reading, written whole.

The bill cache and the YAML cache keep values that are costly to make and always possible to
make again, so nothing here may ever turn into an error or a wrong value:

- a file is `magic` (what wrote it, and which layout), the SHA-256 of the payload, the
  payload; one that is short, too long (`MAX_BYTES`), not ours, or whose payload does not
  match its digest is a miss, and so is a payload that does not unpickle;
- writing goes to a temporary file in the same folder, then `os.replace`, so a reader sees a
  whole file or none; a folder that cannot be created or written means no cache, silently;
- a folder holds at most `keep` entries (the least recently written go).

A value made by code is only as fresh as that code: `code_digest` is the SHA-256 of every
source file of this package and of the files that give the versions of Jinja2, PyYAML and
MarkupSafe, and of Python's version (pickles and compiled code are not portable), computed
once per process (the code running does not change under it) for every key that needs it.

Only the user's own cache folder is ever unpickled, which is as trusted as the code that
wrote it.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Any

DIGEST_SIZE = 32
MAX_BYTES = 32 * 1024 * 1024
SUFFIX = ".pickle"
#: Third-party packages whose code shapes what is cached, found without importing them.
DEPENDENCIES = ("jinja2", "yaml", "markupsafe")
PACKAGE = Path(__file__).resolve().parents[1]


def hash_tree(digest: Any, folder: Path, suffix: str = "") -> None:
    """Every file below `folder` (ending in `suffix`), in a fixed order: names and contents."""
    for current, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            if not name.endswith(suffix):
                continue
            path = os.path.join(current, name)
            with open(path, "rb") as handle:
                data = handle.read()
            digest.update(f"{os.path.relpath(path, folder)}\0{len(data)}\0".encode())
            digest.update(data)
        digest.update(b"\1")


def code_digest(package: Path = PACKAGE) -> bytes:
    """The SHA-256 of the code that makes every cached value (see above)."""
    return _code_digest(package)


@functools.lru_cache(maxsize=None)
def _code_digest(package: Path) -> bytes:
    """(One memo for `code_digest()` and `code_digest(PACKAGE)` alike.)"""
    digest = hashlib.sha256(sys.version.encode())
    hash_tree(digest, package, ".py")
    for name in DEPENDENCIES:
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec is not None else None
        digest.update(f"\0{name}\0{origin}\0".encode())
        if origin is not None:
            digest.update(Path(origin).read_bytes())
    return digest.digest()


def read(path: Path, magic: bytes) -> Any | None:
    """The value in a cache file, or None for a file that is missing, damaged or foreign."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError:
        return None
    if len(raw) > MAX_BYTES:
        return None
    head, body = raw[:len(magic) + DIGEST_SIZE], raw[len(magic) + DIGEST_SIZE:]
    if head[:len(magic)] != magic or hashlib.sha256(body).digest() != head[len(magic):]:
        return None
    try:
        return pickle.loads(body)
    except Exception:  # a pickle of classes since renamed, say: a miss, like any other
        return None


def write(folder: Path, name: str, magic: bytes, value: Any, keep: int) -> None:
    """Keep `value` as `folder/name.pickle`; anything that stops it means no cache, silently."""
    try:
        body = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return  # a value pickle cannot hold: it is simply not cached
    data = magic + hashlib.sha256(body).digest() + body
    if len(data) > MAX_BYTES:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".entry.", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, folder / f"{name}{SUFFIX}")
        except BaseException:
            os.unlink(tmp)
            raise
        _prune(folder, keep)
    except OSError:
        return


def _prune(folder: Path, keep: int) -> None:
    """At most `keep` entries: the least recently written go first.  Names are listed
    without a stat each, so a folder within its bound costs one directory read per write."""
    with os.scandir(folder) as listing:
        entries = [entry for entry in listing if entry.name.endswith(SUFFIX)]
    if len(entries) <= keep:
        return
    entries.sort(key=lambda entry: entry.stat().st_mtime_ns)
    for old in entries[:-keep]:
        Path(old.path).unlink(missing_ok=True)
