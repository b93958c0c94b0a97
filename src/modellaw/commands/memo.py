"""`modellaw memo`: the explanatory memorandum."""

from __future__ import annotations

from pathlib import Path

import click

from modellaw.commands.common import (choose_format, force_option, output_option, resolve_root,
                                     root_option, warn, wrote)


@click.command()
@click.argument("profile")
@click.option("--format", "fmt", type=click.Choice(["md", "docx"]), default=None,
              help="Output format (default: from -o, else docx).")
@output_option("Output file (default: drafts/<id>-memo.<ext>).")
@force_option("a memorandum")
@root_option
def memo(profile: str, fmt: str | None, out: Path | None, force: bool, root: Path | None) -> None:
    """Write the explanatory memorandum for PROFILE's bill: its purpose, the gap in current law
    each part fills, and a note on every section (what it does, why, its sources, the choices
    made and the alternatives), drafted from the same clauses and profile as the bill."""
    from modellaw.judge.memo import build_memo
    from modellaw.library.project import load
    from modellaw.output import check_writable, write_output
    from modellaw.write.memo import SUFFIXES, render_memo

    base = resolve_root(root)
    fmt = choose_format(fmt, out, {ext: f for f, ext in SUFFIXES.items()}, "docx")
    library, prof = load(profile, base)
    path = out if out is not None else base / "drafts" / f"{prof.id}-memo{SUFFIXES[fmt]}"
    check_writable(path, force=force)
    warn(prof.warnings, prof.path)
    result = build_memo(library, prof)
    write_output(path, render_memo(result, fmt), force=force)
    wrote(path, f"{len(result.notes)} notes, {prof.name}")
