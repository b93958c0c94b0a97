"""The assembled bill kept between runs, like a build system's memo: same inputs, same bill.

Drafting a bill reads ~50 YAML files, compiles or loads ~45 templates and renders them; of a
whole `modellaw draft` process that is most of the time not spent starting Python.  None of
it changes unless an input does, so a successful draft stores the `Bill` it assembled (and
what a run prints about it) under a key that is the SHA-256 of everything that went into it:

- the code (`cache_files.code_digest`: every source file of this package, so a code change
  is a new key, the versions of Jinja2, PyYAML and MarkupSafe, and Python's);
- every file under `clauses/` and `jurisdictions/` (bases included) of each library layer in
  use: a workspace's and the built-in library's, names and contents, so an added, removed or
  edited clause or profile is a new key;
- the command's arguments that shape the bill (the profile as given, the root, each `--set`,
  `--only-gaps`, `--with-checklist`), the working directory (a relative profile path, and the
  paths the warnings print, depend on it).

A profile given by path may extend files outside those folders; the entry lists each such
file with its digest, and a hit checks them.  The value is the pickled `Entry`.  On a hit the
CLI skips loading YAML, importing Jinja2 and assembling; it still checks and writes the
output exactly as on a miss, so the bytes written are the same.  Beside the entry it keeps
the bytes each format rendered the bill to (`rendered`, in `<cache>/rendered/`): every writer
is deterministic and its code is in the key, so a hit in a format drafted before skips the
writer too (for DOCX, importing lxml and building the XML), and writes what it would have.

The file lives in `<cache>/bills/` (the folder the template cache uses:
`$XDG_CACHE_HOME/modellaw`, `$MODELLAW_CACHE`, empty to switch caching off), read and written
as `cache_files` does for every cache (a damaged file is a miss, writes are atomic, an
unwritable folder is no cache); each folder holds at most `MAX_ENTRIES` files.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from modellaw.errors import ModellawError
from modellaw.library import cache_files
from modellaw.library.layers import layers
from modellaw.records import record

if TYPE_CHECKING:
    from modellaw.library.profiles import Profile
    from modellaw.model import Bill

#: Changes whenever the layout of a cache file or of `Entry` does.
MAGIC = b"modellaw bill cache 1\n"
RENDERED_MAGIC = b"modellaw rendered bill 1\n"
MAX_ENTRIES = 64
BILLS = cache_files.Store("bills", MAGIC, MAX_ENTRIES)
RENDERED = cache_files.Store("rendered", RENDERED_MAGIC, MAX_ENTRIES)
#: What a library layer holds that a bill is drafted from.
LIBRARY_FOLDERS = ("clauses", "jurisdictions")
PACKAGE = cache_files.PACKAGE


@record
class Request:
    """What a `draft` command asks for, as far as it shapes the bill (not the output)."""

    profile: str
    root: Path
    sets: tuple[str, ...] = ()
    only_gaps: bool = False
    with_checklist: bool = False


@record
class Entry:
    """A draft that succeeded: the bill, the checklist asked for, what a run says about the
    profile, and the files outside the library folders that the profile was read from."""

    bill: Bill
    profile_id: str
    profile_name: str
    profile_path: Path
    checklist: Any = None
    outside: tuple[tuple[str, str], ...] = ()  # (absolute path, SHA-256)


def entry(bill: Bill, profile: Profile, request: Request, checklist: Any = None) -> Entry:
    """The entry for a draft just made, listing the profile's files that the key misses."""
    covered = tuple(layer.resolve() / sub for layer in layers(request.root)
                    for sub in LIBRARY_FOLDERS)
    read = {profile.path} | {loc.path for loc in profile.origins.values() if loc.path is not None}
    files = sorted({path.resolve() for path in read})
    outside = tuple((str(f), _file_digest(f)) for f in files
                    if not any(folder in f.parents for folder in covered))
    return Entry(bill, profile.id, profile.name, profile.path, checklist, outside)


def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def key(request: Request) -> str:
    """The SHA-256 of everything the bill for `request` depends on."""
    digest = hashlib.sha256(MAGIC)
    digest.update(repr((os.getcwd(), request.profile, str(request.root), request.sets,
                        request.only_gaps, request.with_checklist)).encode())
    digest.update(cache_files.code_digest(PACKAGE))
    for layer in layers(request.root):
        digest.update(f"\0layer\0{layer.resolve()}\0".encode())
        for sub in LIBRARY_FOLDERS:
            cache_files.hash_tree(digest, layer / sub)
    return digest.hexdigest()


def lookup(request: Request) -> tuple[str, Entry | None]:
    """(the request's key, its entry when the cache holds a sound one); ("", None) when
    caching is off or the key cannot be computed (the slow path then reports why)."""
    if BILLS.path() is None:
        return "", None
    try:
        digest = key(request)
    except (OSError, ModellawError, ValueError):
        return "", None
    found = BILLS.get(digest)
    if not isinstance(found, Entry):
        return digest, None
    try:
        fresh = all(_file_digest(Path(path)) == sha for path, sha in found.outside)
    except OSError:
        fresh = False
    return digest, found if fresh else None


def store(digest: str, value: Entry) -> None:
    """Keep `value` under `digest`; a folder that cannot be written means no cache, silently."""
    BILLS.put(digest, value)


def _rendered_name(digest: str, fmt: str, act: bool) -> str:
    return f"{digest}-{fmt}{'-act' if act else ''}"


def rendered(digest: str, fmt: str, act: bool) -> bytes | None:
    """The bytes the bill kept under `digest` rendered to in `fmt` (as an act or not) the
    last time, or None; only ever asked on a hit, so the bill is the one they come from."""
    found = RENDERED.get(_rendered_name(digest, fmt, act) if digest else "")
    return found if isinstance(found, bytes) else None


def store_rendered(digest: str, fmt: str, act: bool, data: bytes) -> None:
    """Keep what the writer made of the bill under `digest`, once it has been written."""
    if digest:
        RENDERED.put(_rendered_name(digest, fmt, act), data)
