"""`modellaw amend`: the amending bill for a country's existing Act."""

from __future__ import annotations

from pathlib import Path

import click

from modellaw.commands.common import (choose_format, output_option, resolve_root, root_option,
                                     warn, wrote)
from modellaw.errors import ModellawError


@click.command("amend")
@click.argument("statutes", nargs=-1, required=True,
                type=click.Path(dir_okay=False, path_type=Path))
@click.option("--profile", "profile_name", required=True,
              help="The jurisdiction profile whose clauses the amendments are drafted from.")
@click.option("--format", "fmt", type=click.Choice(["md", "docx", "akn", "json"]), default=None,
              help="The amending bill's format (default: from -o, else md on the terminal).")
@output_option("Write the amending bill here.")
@click.option("--keeling", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write the Keeling schedule (the Act as amended, changes marked): "
                   ".md, .html or .docx (Word revision marks).")
@click.option("--style", type=click.Choice(["commonwealth", "uk", "civil"]), default=None,
              help="Amending form (default: from the profile).")
@click.option("--force", is_flag=True, help="Overwrite files even if someone edited them.")
@root_option
def amend_command(statutes: tuple[Path, ...], profile_name: str, fmt: str | None,
                  out: Path | None, keeling: Path | None, style: str | None, force: bool,
                  root: Path | None) -> None:
    """Amend a country's existing Act (the first STATUTE) so that it meets the model law:
    the amending bill, proved by applying its instructions to the Act, and optionally the
    Keeling schedule. Exit 2 if the round trip fails; nothing is then written."""
    from modellaw.amend.run import amend
    from modellaw.library.project import load
    from modellaw.output import check_writable, write_output
    from modellaw.write.amending import FORMATS, properties, render
    from modellaw.write.keeling import SUFFIXES, render_keeling

    fmt = choose_format(fmt, out, {ext: f for f, ext in FORMATS.items()}, "md")
    if fmt == "docx" and out is None:
        raise ModellawError("--format docx writes a file: give it one with -o PATH")
    kfmt = choose_format(None, keeling, SUFFIXES, "md") if keeling is not None else ""
    for path in (out, keeling):
        if path is not None:
            check_writable(path, force=force)
    library, prof = load(profile_name, resolve_root(root))
    warn(prof.warnings, prof.path)
    plans, bill = amend(statutes, library, prof, style)
    data = render(plans, bill, fmt)
    if keeling is not None:
        write_output(keeling, render_keeling(plans, kfmt, properties(bill)), force=force)
    if out is None:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        write_output(out, data, force=force)
        wrote(out, f"{len(bill.instructions)} instructions, round trip proved")
    if keeling is not None:
        wrote(keeling, "Keeling schedule")
