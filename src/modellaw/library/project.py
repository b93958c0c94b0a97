"""Where the clause library and the jurisdiction profiles live, and loading them together.

The CLI and other programs call these functions rather than reading files themselves; a
program that imports modellaw can pass its own root instead.  The root is, in order: the
one given (`--root`, `$MODELLAW_ROOT`), the nearest workspace or library from the working
directory upwards, the built-in library.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from modellaw.errors import Location, ModellawError
from modellaw.library.layers import WORKSPACE_MARKER, builtin_root, is_workspace

if TYPE_CHECKING:
    from modellaw.library.clauses import Library
    from modellaw.library.profiles import Profile

ROOT_ENV = "MODELLAW_ROOT"


def find_root(start: Path | None = None) -> Path:
    """$MODELLAW_ROOT, else the nearest workspace (`modellaw.yaml`) or library
    (`clauses/_bill.yaml`) from the working directory upwards, else the built-in library."""
    if env := os.environ.get(ROOT_ENV):
        return Path(env)
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if is_workspace(folder):
            return folder
    return builtin_root()


def load(profile: str, root: Path) -> tuple[Library, Profile]:
    """The library and one profile, given by id or by path.  (The loaders, and with them
    YAML and Jinja2, are imported here: finding the root must not cost a draft served from
    the bill cache those imports.)"""
    from modellaw.library.clauses import load_library
    from modellaw.library.profiles import find_profile, load_profile
    library = load_library(root)
    return library, load_profile(find_profile(profile, root), root)


MARKER_TEXT = """\
# This folder is a modellaw workspace: commands run anywhere below it use its
# jurisdictions/ and clauses/ first, then the library built into modellaw.
"""

README_TEXT = """\
# modellaw workspace

- `jurisdictions/<code>.yaml`: your profiles, one per country (ISO 3166 alpha-2 code in
  lower case). A profile may extend a built-in one and change only what differs:
  `extends: za`. A file named like a built-in profile replaces it here.
- `clauses/<id>.yaml` (optional): a clause with the id of a built-in clause replaces it;
  a new id adds a clause. The format is in modellaw's docs/formats.md.

```sh
modellaw jurisdictions          # every profile, and whether it is built-in or yours
modellaw clauses                # every clause, and where it comes from
modellaw draft {example}               # drafts/{example}.docx
modellaw validate               # check this workspace's profiles
```
"""

PROFILE_TEXT = """\
# {name}: the built-in profile, with only what differs written here.
extends: {base}
# parameters:
#   offence-recruitment:
#     max_years: 25
"""


def workspace_files(folder: Path, extends: str | None = None) -> dict[Path, bytes]:
    """What `modellaw init` writes into `folder`: the marker, a README and, when asked, a
    profile extending a built-in one (checked to exist and to load)."""
    if (folder / "clauses" / "_bill.yaml").is_file():
        raise ModellawError("is already a full clause library (it has clauses/_bill.yaml)",
                            Location(folder))
    files = {folder / WORKSPACE_MARKER: MARKER_TEXT,
             folder / "README.md": README_TEXT.format(example=extends or "za")}
    if extends is not None:
        from modellaw.library.profiles import find_profile, load_profile
        builtin = builtin_root()
        base = load_profile(find_profile(extends, builtin), builtin)
        files[folder / "jurisdictions" / f"{base.id}.yaml"] = PROFILE_TEXT.format(
            name=base.name, base=base.id)
    return {path: text.encode("utf-8") for path, text in files.items()}
