"""Compiled clause templates kept between runs, so a command does not recompile the library.

Compiling the ~45 templates costs more than drafting the bill, and they change only when a
clause file does.  Jinja2's own file bytecode cache stores each compiled template under a
key made of its name and the settings of the environment that compiled it, and checks the
SHA-1 of the template's source on every load: an edited clause, another Jinja2 or Python, or
a change to the environment's syntax settings is simply a miss.  The cache lives in the
user's cache folder (`$XDG_CACHE_HOME/modellaw/templates`, else `~/.cache/modellaw/...`;
`$MODELLAW_CACHE` puts modellaw's caches in another folder, empty switches them all off); a
folder that cannot be created or written means compiling every time, never an error.
Jinja2 is imported only where a template is compiled, so that the bill cache can find its
folder here without paying for it.
"""

from __future__ import annotations

import functools
import hashlib
import os
from pathlib import Path
from types import CodeType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jinja2 import Environment, FileSystemBytecodeCache

CACHE_ENV = "MODELLAW_CACHE"
#: Environment attributes that change the code a template compiles to.
SYNTAX = ("block_start_string", "block_end_string", "variable_start_string",
          "variable_end_string", "comment_start_string", "comment_end_string",
          "line_statement_prefix", "line_comment_prefix", "trim_blocks", "lstrip_blocks",
          "newline_sequence", "keep_trailing_newline", "optimized", "autoescape", "is_async")


def cache_root() -> Path | None:
    """modellaw's folder in the user's cache, or None when caching is switched off."""
    if (chosen := os.environ.get(CACHE_ENV)) is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "modellaw"


def cache_folder() -> Path | None:
    """Where compiled templates go, or None when caching is switched off."""
    root = cache_root()
    return None if root is None else root / "templates"


@functools.lru_cache(maxsize=None)
def _cache(folder: Path | None) -> FileSystemBytecodeCache | None:
    if folder is None:
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    from jinja2 import FileSystemBytecodeCache
    return FileSystemBytecodeCache(str(folder))


def fingerprint(env: Environment) -> str:
    """The environment's compile-time settings, as part of every cache key."""
    from jinja2 import __version__ as jinja_version
    settings = [type(env).__module__, type(env).__qualname__, jinja_version,
                *(repr(getattr(env, name, None)) for name in SYNTAX),
                *sorted(env.extensions)]
    return hashlib.sha256("\0".join(settings).encode()).hexdigest()[:16]


def compile_cached(env: Environment, source: str, name: str, filename: str) -> CodeType:
    """The template's code, from the cache when its source and settings match; compiled
    (and stored) otherwise.  Compile errors propagate exactly as from `env.compile`."""
    cache = _cache(cache_folder())
    if cache is None:
        return env.compile(source, name=name, filename=filename)
    try:
        bucket = cache.get_bucket(env, f"{fingerprint(env)}:{name}", filename, source)
    except (OSError, EOFError, ValueError):
        return env.compile(source, name=name, filename=filename)
    if isinstance(bucket.code, CodeType):
        return bucket.code
    code = env.compile(source, name=name, filename=filename)
    bucket.code = code
    try:
        cache.set_bucket(bucket)
    except OSError:
        pass  # a read-only or full cache folder: this run compiled, the next one will too
    return code
