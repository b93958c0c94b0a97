"""The one module that writes files: atomically, and never over a person's edits.

Beside each folder it writes into, the toolkit keeps `.modellaw-written.json`: the SHA-256 of
every file it wrote there.  A file that exists and does not match what the toolkit last wrote
has been edited by someone (or was never ours), and is only replaced with `force`.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
import tempfile
from pathlib import Path

from modellaw.errors import Location, ModellawError, OverwriteRefused

MANIFEST = ".modellaw-written.json"


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_manifest(folder: Path) -> dict[str, str]:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _atomic_write(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then rename over the target."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


STDOUT = Path("-")


def is_stream(path: Path) -> bool:
    """`-` (standard output), or a device, pipe or socket such as /dev/stdout: written
    straight through, never read, replaced or recorded."""
    if path == STDOUT:
        return True
    try:
        return not stat.S_ISREG(os.stat(path).st_mode) and not path.is_dir()
    except OSError:
        return False


def _write_stream(path: Path, data: bytes) -> None:
    if path == STDOUT:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    with open(path, "wb") as handle:
        handle.write(data)


def check_writable(path: Path, *, force: bool = False) -> None:
    """Refuse, before any work is written, to replace a file a person has changed."""
    if force or not path.exists() or is_stream(path):
        return
    if path.is_dir():
        raise ModellawError("is a directory, not a file", Location(path))
    recorded = _read_manifest(path.parent).get(path.name)
    if recorded != _digest(path.read_bytes()):
        why = ("has been edited since modellaw wrote it" if recorded else
               "was not written by modellaw")
        raise OverwriteRefused(f"{why}; not overwriting it (use --force to replace it)",
                               Location(path))


def write_output(path: Path, data: bytes, *, force: bool = False) -> None:
    """Write `data` to `path` atomically and record it as the toolkit's own."""
    check_writable(path, force=force)
    try:
        if is_stream(path):
            _write_stream(path, data)
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        _atomic_write(path, data)
        manifest = _read_manifest(path.parent)
        manifest[path.name] = _digest(data)
        _atomic_write(path.parent / MANIFEST,
                      (json.dumps(manifest, indent=2, sort_keys=True) + "\n").encode())
    except OSError as exc:
        raise ModellawError(f"cannot write: {exc.strerror}", Location(path)) from exc


def update_in_place(path: Path, data: bytes, *, expected: bytes) -> None:
    """Replace a file a person keeps (a profile), atomically, if it still holds `expected`.

    Unlike drafts, such a file is not recorded as the toolkit's own: the next edit by hand
    is as welcome as this one.  A file changed since it was read is left alone.
    """
    try:
        if path.read_bytes() != expected:
            raise ModellawError("the file changed while modellaw was working on it; run again",
                                Location(path))
        _atomic_write(path, data)
    except OSError as exc:
        raise ModellawError(f"cannot write: {exc.strerror}", Location(path)) from exc
