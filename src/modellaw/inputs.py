"""Reading a file a person hands the toolkit (a draft, a statute, a profile, an AKN file).

Anything that is not a regular file is refused before it is opened for reading: a FIFO would
block for ever, `/dev/zero` or `/dev/urandom` never end, a directory or socket cannot be read.
The file is then opened without blocking and checked again on the open descriptor (it may
have been swapped meanwhile), and at most `max_bytes + 1` bytes are read, so a file that grows
while it is read is still refused instead of filling memory.  An empty file is refused too:
each with one located message.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from modellaw.errors import Location, ModellawError

_KINDS = ((stat.S_ISDIR, "is a folder, not a file"),
          (stat.S_ISFIFO, "is a named pipe (FIFO), not a regular file"),
          (stat.S_ISCHR, "is a device, not a regular file"),
          (stat.S_ISBLK, "is a device, not a regular file"),
          (stat.S_ISSOCK, "is a socket, not a regular file"))


def not_regular(mode: int) -> str | None:
    """Why a file of this mode cannot be read or written as a document, or None."""
    for test, why in _KINDS:
        if test(mode):
            return why
    return None if stat.S_ISREG(mode) else "is not a regular file"


def os_error(verb: str, exc: OSError, path: Path) -> ModellawError:
    """An OS error as one located message: `cannot read: Permission denied`."""
    reason = exc.strerror or str(exc)
    return ModellawError(f"cannot {verb}: {reason}", Location(path))


def _too_large(max_bytes: int, advice: str, path: Path) -> ModellawError:
    size = f"{max_bytes // 1_000_000} MB" if max_bytes >= 1_000_000 else f"{max_bytes:,} bytes"
    return ModellawError(f"file is larger than {size}; {advice}", Location(path))


def read_input(path: Path, max_bytes: int, advice: str) -> bytes:
    """The file's bytes; `advice` says what to do with a file over `max_bytes`."""
    try:
        info = os.stat(path)
        if (why := not_regular(info.st_mode)) is not None:
            raise ModellawError(why, Location(path))
        if info.st_size > max_bytes:
            raise _too_large(max_bytes, advice, path)
        flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(path, flags)
        with os.fdopen(fd, "rb") as handle:
            if (why := not_regular(os.fstat(handle.fileno()).st_mode)) is not None:
                raise ModellawError(why, Location(path))
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise os_error("read file", exc, path) from exc
    if len(data) > max_bytes:
        raise _too_large(max_bytes, advice, path)
    if not data.strip():
        raise ModellawError("file is empty", Location(path))
    return data
