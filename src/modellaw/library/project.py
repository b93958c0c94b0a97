"""Where the clause library and the jurisdiction profiles live, and loading them together.

The CLI and other programs call these functions rather than reading files themselves; a
program that imports modellaw can pass its own root instead.
"""

from __future__ import annotations

import os
from pathlib import Path

from modellaw.library.clauses import Library, load_library
from modellaw.errors import ModellawError
from modellaw.library.profiles import Profile, find_profile, load_profile

ROOT_ENV = "MODELLAW_ROOT"


def find_root(start: Path | None = None) -> Path:
    """The nearest folder holding `clauses/_bill.yaml`: from $MODELLAW_ROOT, the working
    directory upwards, or the source checkout this package was installed from."""
    if env := os.environ.get(ROOT_ENV):
        return Path(env)
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "clauses" / "_bill.yaml").is_file():
            return folder
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "clauses" / "_bill.yaml").is_file():
        return checkout
    raise ModellawError("cannot find the clause library (a folder with clauses/_bill.yaml); "
                        f"run from the project folder or set {ROOT_ENV}")


def load(profile: str, root: Path) -> tuple[Library, Profile]:
    """The library and one profile, given by id or by path."""
    library = load_library(root)
    return library, load_profile(find_profile(profile, root), root)
