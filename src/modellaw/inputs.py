"""Reading a file a person hands the toolkit (a draft, a statute, an AKN file): the size is
checked before a byte is read, and an empty file is refused, each with one located message."""

from __future__ import annotations

from pathlib import Path

from modellaw.errors import Location, ModellawError


def read_input(path: Path, max_bytes: int, advice: str) -> bytes:
    """The file's bytes; `advice` says what to do with a file over `max_bytes`."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ModellawError(f"file is larger than {max_bytes // 1_000_000} MB; {advice}",
                                Location(path))
        data = path.read_bytes()
    except OSError as exc:
        raise ModellawError(f"cannot read file: {exc.strerror}", Location(path)) from exc
    if not data.strip():
        raise ModellawError("file is empty", Location(path))
    return data
