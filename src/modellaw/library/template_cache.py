"""Compiled clause templates kept between runs, found without importing Jinja2.

Compiling the ~45 templates costs more than drafting the bill, and they change only when a
clause file does; the clause cache keeps each clause with its templates, and this cache keeps
each template on its own, so that editing one line of a clause compiles that line's template
alone.  An entry is keyed by the SHA-256 of the template's name (its file and key, which the
compiled code carries for error lines), its source, and the code that compiles it
(`cache_files.code_digest`: this package, whose environment sets the syntax, Jinja2's
version, Python's): an edited template, another Jinja2 or Python is simply a miss.  Looking
an entry up needs neither Jinja2 nor the environment, so a draft whose renders are all
cached never imports Jinja2.

The caches live in the user's cache folder (`$XDG_CACHE_HOME/modellaw`, else
`~/.cache/modellaw`; `$MODELLAW_CACHE` puts them in another folder, empty switches them all
off); this one in its `templates/`.  A folder that cannot be created or written means
compiling every time, never an error (`cache_files`).
"""

from __future__ import annotations


from modellaw.library import cache_files

#: Changes whenever the layout of an entry does.
MAGIC = b"modellaw template code 1\n"
MAX_ENTRIES = 1024


STORE = cache_files.Store("templates", MAGIC, MAX_ENTRIES)


def key(name: str, source: str) -> str:
    digest = STORE.hasher()
    digest.update(f"{len(name)}\0{name}\0".encode())
    digest.update(source.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def lookup(name: str, source: str) -> tuple[bytes, frozenset[str]] | None:
    """(the marshalled code, the context variables it looks up), or None on a miss or with
    caching switched off."""
    if STORE.path() is None:
        return None
    found = STORE.get(key(name, source))
    if not (isinstance(found, tuple) and len(found) == 2 and isinstance(found[0], bytes)
            and isinstance(found[1], frozenset)):
        return None
    return found


def store(name: str, source: str, code: bytes, names: frozenset[str]) -> None:
    """Keep a template that compiled (one that did not is never kept)."""
    if STORE.path() is not None:
        STORE.put(key(name, source), (code, names))
