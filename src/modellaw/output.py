"""The one module that writes files: atomically, and never over a person's edits.

Beside each folder it writes into, the toolkit keeps `.modellaw-written.json`: the SHA-256 of
every file it wrote there.  A file that exists and does not match what the toolkit last wrote
has been edited by someone (or was never ours), and is only replaced with `force`.

The file and its record must never disagree, even with many runs writing into one folder at
once, so the check, the write and the record update happen together under an exclusive lock on the
folder itself (flock on the folder's descriptor, released by the kernel if the process dies;
no lock file is left beside a person's drafts).
The record is written first listing both the old and the new digest, then the file, then the
record with the new digest alone: a run killed at any point leaves a file its record accepts,
and a record that cannot be written stops the run before the file is touched.

A replaced file keeps its permissions (a draft someone made private stays private), a new one
gets what the umask allows, and a read-only file is not replaced without `force`.  Nothing but
a regular file is ever replaced (a device would be destroyed), nor a file the same command
reads.  A stream is written straight through, never read, replaced or recorded: `-` (standard
output), the process's own standard output or error (`/dev/stdout`), or a pipe that a program
is reading (a pipe nobody reads is refused at once rather than waited on for ever).
Temporary files have short names, so a target whose name is near the system's limit works.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import stat
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

from modellaw.errors import Location, ModellawError, OverwriteRefused
from modellaw.inputs import not_regular, os_error

STDOUT = Path("-")
MANIFEST = ".modellaw-written.json"
LOCK_WAIT_SECONDS = 60.0


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


Record = dict[str, "str | list[str]"]


def _read_manifest(folder: Path) -> Record:
    """The folder's record; a damaged one is an error, because rewriting it would silently
    forget every other file the toolkit wrote there."""
    path = folder / MANIFEST
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise os_error("read the record of written files", exc, path) from exc
    try:
        data = json.loads(raw.decode("utf-8")) if raw.strip() else {}
    except ValueError as exc:
        raise ModellawError("the record of files modellaw wrote is damaged; repair or delete "
                            "it (files it listed will then need --force)", Location(path)) from exc
    if not isinstance(data, dict) or not all(
            isinstance(v, str) or (isinstance(v, list) and all(isinstance(d, str) for d in v))
            for v in data.values()):
        raise ModellawError("the record of files modellaw wrote is not a mapping of names to "
                            "digests; repair or delete it", Location(path))
    return data


def _atomic_write(path: Path, data: bytes) -> None:
    """Write to a short-named temporary file in the same folder, then rename it over the
    target; the target's permissions are kept, a new file gets 0666 less the umask."""
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    # os.urandom is what secrets.token_hex uses, without importing secrets (base64, hmac)
    tmp = path.parent / f".ml-{os.urandom(4).hex()}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold the folder's write lock; without fcntl (Windows) runs are not serialised."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX
        yield
        return
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        waited_until = time.monotonic() + LOCK_WAIT_SECONDS
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                    raise
                if time.monotonic() > waited_until:
                    raise ModellawError(f"another modellaw run has held this folder's lock for "
                                        f"{LOCK_WAIT_SECONDS:g} seconds; try again",
                                        Location(folder)) from exc
                time.sleep(0.01)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def standard_stream(path: Path) -> int | None:
    """1 or 2 when `path` is this process's standard output or error: `-`, or a name of the
    file descriptor's own file (`/dev/stdout`, `/dev/fd/2`, or the file stdout was redirected
    to), whatever that file is: a terminal, a pipe, a file opened for appending."""
    if path == STDOUT:
        return 1
    try:
        target = os.stat(path)
    except (OSError, ValueError):
        return None
    for fd in (1, 2):
        try:
            own = os.fstat(fd)
        except OSError:  # started with the descriptor closed
            continue
        if (own.st_dev, own.st_ino) == (target.st_dev, target.st_ino):
            return fd
    return None


def is_stream(path: Path) -> bool:
    """Whether `path` is written straight through, never read, locked or renamed over: this
    process's standard output or error (see above), or a named pipe."""
    return standard_stream(path) is not None or _is_fifo(path)


def _is_fifo(path: Path) -> bool:
    try:
        return stat.S_ISFIFO(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def _write_stream(path: Path, data: bytes, own: int | None) -> None:
    """Write `data` to `own` (1 or 2: through the stream itself, which keeps its position and
    append mode), else to the named pipe `path`."""
    if own is not None:
        stream = sys.stdout if own == 1 else sys.stderr
        stream.flush()
        stream.buffer.write(data)
        stream.buffer.flush()
        return
    try:  # a pipe with no reader would block the open for ever; non-blocking, it says so
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise ModellawError("is a named pipe that no program is reading; not writing to it",
                                Location(path)) from exc
        raise
    os.set_blocking(fd, True)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def _encoded(record: Record) -> bytes:
    return (json.dumps(record, indent=2, sort_keys=True) + "\n").encode()


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


def _check(path: Path, force: bool, inputs: Iterable[Path]) -> bytes | None:
    """The target's current bytes (None if it does not exist), after every refusal."""
    for source in inputs:
        if _same_file(path, source):
            raise ModellawError("is also what this command reads; write the output to another "
                                "file", Location(path))
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    if (why := not_regular(info.st_mode)) is not None:
        raise ModellawError(f"{why}; cannot write the output there", Location(path))
    if not force and (not info.st_mode & stat.S_IWUSR or not os.access(path, os.W_OK)):
        raise OverwriteRefused("is read-only; not replacing it (use --force to replace it)",
                               Location(path))
    with open(path, "rb") as handle:
        current = handle.read()
    if not force:
        recorded = _read_manifest(path.parent).get(path.name)
        accepted = [recorded] if isinstance(recorded, str) else recorded or []
        if _digest(current) not in accepted:
            why = ("has been edited since modellaw wrote it" if recorded else
                   "was not written by modellaw")
            raise OverwriteRefused(f"{why}; not overwriting it (use --force to replace it)",
                                   Location(path))
    return current


def check_writable(path: Path, *, force: bool = False, inputs: Iterable[Path] = ()) -> None:
    """Refuse, before any work is done, to write where the output cannot or must not go.
    `write_output` checks again under the lock; this only saves the work."""
    if is_stream(path):
        return
    try:
        _check(path, force, inputs)
    except OSError as exc:
        raise os_error("write", exc, path) from exc


def write_output(path: Path, data: bytes, *, force: bool = False,
                 inputs: Iterable[Path] = ()) -> None:
    """Write `data` to `path` atomically and record it as the toolkit's own; `inputs` are the
    files the command read, which the output must not replace."""
    inputs = tuple(inputs)
    try:
        own = standard_stream(path)
        if own is not None or _is_fifo(path):
            _write_stream(path, data, own)
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        with _locked(path.parent):
            previous = _check(path, force, inputs)
            manifest = _read_manifest(path.parent)
            digest = _digest(data)
            either = [digest] + ([_digest(previous)] if previous is not None else [])
            _atomic_write(path.parent / MANIFEST, _encoded({**manifest, path.name: either}))
            _atomic_write(path, data)
            try:
                _atomic_write(path.parent / MANIFEST, _encoded({**manifest, path.name: digest}))
            except OSError:  # the run fails as a whole: put the old file back (its record allows it)
                if previous is None:
                    path.unlink(missing_ok=True)
                else:
                    _atomic_write(path, previous)
                raise
    except OSError as exc:
        raise os_error("write", exc, path) from exc


def update_in_place(path: Path, data: bytes, *, expected: bytes) -> None:
    """Replace a file a person keeps (a profile), atomically, if it still holds `expected`.

    Unlike drafts, such a file is not recorded as the toolkit's own: the next edit by hand
    is as welcome as this one.  A file changed since it was read is left alone.
    """
    try:
        with open(path, "rb") as handle:
            current = handle.read()
        if current != expected:
            raise ModellawError("the file changed while modellaw was working on it; run again",
                                Location(path))
        _atomic_write(path, data)
    except OSError as exc:
        raise os_error("write", exc, path) from exc
