"""modellaw: draft, check and compare model legislation against technology-facilitated child
sex trafficking.

Import the library; the CLI is a thin layer over it.  The public names are loaded on first
use so that `import modellaw` (and every CLI command) pays only for what it touches.
Functions named like their module (`assemble`, `render_markdown`, `render_docx`) are
imported from the module itself (`from modellaw.draft.assemble import assemble`): a package
attribute of that name would be replaced by the submodule once it is imported.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_PUBLIC = {
    "load_library": "modellaw.library.clauses",
    "load_profile": "modellaw.library.profiles",
    "find_root": "modellaw.library.project",
    "Override": "modellaw.draft.assemble",
    "ModellawError": "modellaw.errors",
}
__all__ = ["__version__", *_PUBLIC]


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        return getattr(importlib.import_module(_PUBLIC[name]), name)
    raise AttributeError(f"module 'modellaw' has no attribute {name!r}")
