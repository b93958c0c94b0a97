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
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from modellaw.records import record

DIGEST_SIZE = 32
MAX_BYTES = 32 * 1024 * 1024
SUFFIX = ".pickle"
#: Third-party packages whose code shapes what is cached, found without importing them.
DEPENDENCIES = ("jinja2", "yaml", "markupsafe")
PACKAGE = Path(__file__).resolve().parents[1]


def tree_files(folder: Path | str, suffix: str = "") -> Iterator[str | None]:
    """Every file below `folder` (ending in `suffix`) in a fixed order, and None after each
    folder's files (so that moving a file between folders changes a digest)."""
    for current, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        yield from (os.path.join(current, name) for name in sorted(names)
                    if name.endswith(suffix))
        yield None


def hash_tree(digest: Any, folder: Path, suffix: str = "") -> None:
    """Every file below `folder` (ending in `suffix`), in a fixed order: names and contents."""
    for path in tree_files(folder, suffix):
        if path is None:
            digest.update(b"\1")
            continue
        with open(path, "rb") as handle:
            data = handle.read()
        digest.update(f"{os.path.relpath(path, folder)}\0{len(data)}\0".encode())
        digest.update(data)


CACHE_ENV = "MODELLAW_CACHE"
#: Changes whenever the layout of a remembered code digest does.
CODE_MAGIC = b"modellaw code digest 1\n"


def cache_root() -> Path | None:
    """modellaw's folder in the user's cache, or None when caching is switched off."""
    environ = os.environ
    return _root(environ.get(CACHE_ENV), environ.get("XDG_CACHE_HOME"), environ.get("HOME"))


@functools.lru_cache(maxsize=8)
def _root(chosen: str | None, xdg: str | None, home: str | None) -> Path | None:
    """(Kept per environment: a draft asks for it some 150 times.)"""
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = xdg or str(Path.home() / ".cache")
    return Path(base) / "modellaw"


def code_digest(package: Path = PACKAGE) -> bytes:
    """The SHA-256 of the code that makes every cached value (see above)."""
    return _code_digest(package)


@functools.lru_cache(maxsize=None)
def _code_digest(package: Path) -> bytes:
    """(One memo for `code_digest()` and `code_digest(PACKAGE)` alike.)

    Reading and hashing ~1 MB of source costs 4-8 ms a process, more than the rest of a
    cache lookup; so the digest is remembered under the files' names, sizes and modification
    times, which is how Python itself decides that a module's byte-code is still its source
    (a file rewritten with the same size in the same nanosecond would go unnoticed by both)."""
    files = _code_files(package)
    signature = hashlib.sha256(CODE_MAGIC + sys.version.encode())
    for label, path in files:
        try:
            info = os.stat(path)
        except OSError:
            return _hash_files(files)
        signature.update(f"{label}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    found = CODE.get(signature.hexdigest())
    if isinstance(found, bytes) and len(found) == DIGEST_SIZE:
        return found
    digest = _hash_files(files)
    CODE.put(signature.hexdigest(), digest)
    return digest


def _code_files(package: Path) -> list[tuple[str, str]]:
    """(a name for it, its path) for every file the code digest reads, in a fixed order:
    this package's sources, then the file that names each dependency's version."""
    files = [(os.path.relpath(path, package), path)
             for path in tree_files(package, ".py") if path is not None]
    for name in DEPENDENCIES:
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec is not None else None
        files.append((f"{name}:{origin}", origin or ""))
    return files


def _hash_files(files: list[tuple[str, str]]) -> bytes:
    digest = hashlib.sha256(sys.version.encode())
    for label, path in files:
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError:
            data = b"\0missing"
        digest.update(f"{label}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.digest()


@record
class Store:
    """One of the caches: the files of `<cache>/<folder>/`, each stamped `magic`, at most
    `keep` of them.  With caching switched off it has no folder, holds nothing and keeps
    nothing; an empty name (a key not computed) is likewise a miss and is not kept."""

    folder: str
    magic: bytes
    keep: int

    def path(self) -> Path | None:
        root = cache_root()
        return None if root is None else root / self.folder

    def hasher(self) -> Any:
        """A SHA-256 already given this store's magic and the code digest, where every key
        of an entry made by code starts."""
        return hashlib.sha256(self.magic + code_digest())

    def get(self, name: str) -> Any | None:
        folder = self.path()
        if folder is None or not name:
            return None
        return read(folder / f"{name}{SUFFIX}", self.magic)

    def put(self, name: str, value: Any) -> None:
        folder = self.path()
        if folder is not None and name:
            write(folder, name, self.magic, value, self.keep)


#: The code digests remembered by `code_digest` (a few: one per version of the code run).
CODE = Store("code", CODE_MAGIC, 16)


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
        # os.urandom names it as tempfile would, without importing tempfile (shutil, random)
        tmp = folder / f".entry.{os.urandom(6).hex()}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0),
                     0o600)
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
