"""Where the built-in library lives, and how a user's workspace is stacked on top of it.

A *library* is a folder with `clauses/_bill.yaml`, `jurisdictions/` and `handouts/`: the
source checkout, or its copy inside the installed package (`modellaw/_library`, put there
by the wheel build).  A *workspace* is a folder with a `modellaw.yaml` marker and no bill
frame of its own (what `modellaw init` makes): its `jurisdictions/` and optional `clauses/`
are looked at first, then the built-in library.  A root that is itself a library stands
alone, so a test's miniature library or a fork of the checkout sees nothing else.
"""

from __future__ import annotations

import functools
from pathlib import Path

from modellaw.errors import ModellawError

WORKSPACE_MARKER = "modellaw.yaml"
FRAME = Path("clauses") / "_bill.yaml"
PACKAGED = Path(__file__).resolve().parents[1] / "_library"
CHECKOUT = Path(__file__).resolve().parents[3]
BUILT_IN = "built-in"


def is_library(folder: Path) -> bool:
    return (folder / FRAME).is_file()


def is_workspace(folder: Path) -> bool:
    return (folder / WORKSPACE_MARKER).is_file() or is_library(folder)


@functools.lru_cache(maxsize=None)
def builtin_root() -> Path:
    """The library shipped with the package: inside it when installed from a wheel, or the
    checkout an editable install (or PYTHONPATH) points into."""
    for folder in (PACKAGED, CHECKOUT):
        if is_library(folder):
            return folder
    raise ModellawError("the built-in clause library is missing from this installation "
                        f"(looked in {PACKAGED}); reinstall modellaw")


def layers(root: Path) -> tuple[Path, ...]:
    """The folders to look in, first match wins: the root, then (for a workspace) the
    built-in library."""
    if is_library(root):
        return (root,)
    return (root, builtin_root())


def find_in_layers(root: Path, relative: str | Path) -> Path:
    """The first layer's `relative` that exists (else the built-in one's, for the error)."""
    stack = layers(root)
    return next((layer / relative for layer in stack if (layer / relative).exists()),
                stack[-1] / relative)


def origin(path: Path) -> str:
    """Where an entry comes from, as a listing shows it: 'built-in' or the file's path."""
    try:
        builtin = builtin_root()
    except ModellawError:
        builtin = None
    resolved = path.resolve()
    if builtin is not None and builtin in resolved.parents:
        return BUILT_IN
    try:
        return str(resolved.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(resolved)
