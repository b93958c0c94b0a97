"""Listing the library: `modellaw clauses` and `modellaw jurisdictions`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from modellaw.commands.common import completer, resolve_root, root_option
from modellaw.errors import ModellawError


def _parameter_lines(clause: Any) -> list[str]:
    """A clause's parameters: name, type, range or choices, default, and what each means."""
    if not clause.parameters:
        return ["parameters: none"]
    lines = ["parameters (set with --set CLAUSE.NAME=VALUE or a profile's parameters:):"]
    for p in clause.parameters.values():
        bounds = (f"{'' if p.minimum is None else p.minimum}..{'' if p.maximum is None else p.maximum}"
                  if p.minimum is not None or p.maximum is not None else "")
        choices = f"one of {', '.join(repr(c) for c in p.choices)}" if p.choices else ""
        default = "required (no default)" if p.required else f"default {p.default!r}"
        spec = "  ".join(x for x in (p.type, bounds, choices, default) if x)
        lines += [f"  {p.name}: {spec}", f"      {p.description.strip()}"]
    return lines


@click.command("clauses")
@click.argument("clause_id", metavar="[ID]", required=False, shell_complete=completer("clause"))
@root_option
def list_clauses(clause_id: str | None, root: Path | None) -> None:
    """List the clauses in the library: id, core or optional, elements, title, and where each
    comes from (built-in or a workspace file).  With an ID: that clause's parameters, with
    their types, ranges, defaults and meaning."""
    from modellaw.library.clauses import load_library
    from modellaw.library.layers import origin
    from modellaw.library.schema import unknown_id_message

    library = load_library(resolve_root(root))
    if clause_id is not None:
        if clause_id not in library.clauses:
            raise ModellawError(unknown_id_message("clause", clause_id, library.clauses))
        clause = library.clauses[clause_id]
        kind = f"{'core' if clause.core else 'optional'} {clause.kind}"
        where = f", part {clause.part}" if clause.kind == "section" else ""
        click.echo("\n".join([f"{clause.id}: {clause.title}",
                              f"  {kind}{where}; elements: {', '.join(clause.elements) or '-'}",
                              f"  from: {origin(clause.path)}", *_parameter_lines(clause)]))
        return
    for clause in sorted(library.clauses.values(), key=lambda c: (c.kind, c.part, c.order)):
        kind = "core" if clause.core else "optional"
        click.echo(f"{clause.id:36} {kind:8} {','.join(clause.elements) or '-':28} "
                   f"{clause.title}  [{origin(clause.path)}]")


@click.command("jurisdictions")
@root_option
def list_jurisdictions(root: Path | None) -> None:
    """List the jurisdiction profiles: id, name, legal tradition, drafting style, and where
    each comes from (built-in or a workspace file)."""
    from modellaw.library.layers import origin
    from modellaw.library.profiles import find_profile, list_profiles, load_profile

    base = resolve_root(root)
    for pid in list_profiles(base):
        prof = load_profile(find_profile(pid, base), base)
        click.echo(f"{pid:6} {prof.name:28} {prof.legal_tradition:11} "
                   f"({prof.drafting['style']} drafting)  [{origin(prof.path)}]")
