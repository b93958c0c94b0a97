"""One base exception for every kind of bad input, caught at one boundary (the CLI).

Each error knows where it happened (file, line, column, key path) so that a drafter can go
straight to the offending line; none of these classes prints anything.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import ClassVar, Iterator

from modellaw.records import record


@record
class Location:
    """A place in an input file; line and column are 1-based, 0 when unknown."""

    path: Path | None = None
    line: int = 0
    col: int = 0
    keypath: str = ""

    def __str__(self) -> str:
        where = str(self.path).replace("\n", "\\n").replace("\r", "\\r") if self.path else ""
        if self.line:
            where += f":{self.line}"
            if self.col:
                where += f":{self.col}"
        if self.keypath:
            where = f"{where}: {self.keypath}" if where else self.keypath
        return where


class ModellawError(Exception):
    """Bad input: the user can fix it. Exit status 2 at the CLI boundary.

    A message is one line: text quoted from a parser (lxml's ends in a newline) or from a
    hostile file must not split one error into what reads as two.
    """

    exit_code: ClassVar[int] = 2

    def __init__(self, message: str, location: Location | None = None) -> None:
        self.message = " ".join(message.split()) if "\n" in message or "\r" in message else message
        self.location = location or Location()
        super().__init__(str(self))

    def __str__(self) -> str:
        where = str(self.location)
        return f"{where}: {self.message}" if where else self.message


class InputErrors(ModellawError):
    """Several errors found in one pass, reported together (sorted by file and line)."""

    def __init__(self, errors: list[ModellawError]) -> None:
        self.errors = sorted(errors, key=lambda e: (str(e.location.path or ""), e.location.line,
                                                    e.location.col))
        super().__init__("\n".join(str(e) for e in self.errors))

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)


class OverwriteRefused(ModellawError):
    """The output file was changed by a person since the toolkit wrote it."""


@contextmanager
def collecting(errors: list[ModellawError]) -> Iterator[None]:
    """Run one step (one file, one profile), adding its errors to `errors` rather than
    stopping: a drafter fixes every bad file in one pass instead of one per run."""
    try:
        yield
    except InputErrors as exc:
        errors.extend(exc.errors)
    except ModellawError as exc:
        errors.append(exc)
