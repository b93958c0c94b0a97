"""`modellaw validate`: checking the library, the profiles, or Akoma Ntoso files."""

from __future__ import annotations

from pathlib import Path

import click

from modellaw.commands.common import resolve_root, root_option, warn
from modellaw.errors import ModellawError


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--akn", "akn_files", multiple=True, metavar="FILE",
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Check this Akoma Ntoso file instead (may be repeated): the AKN 3.0 "
                   "schema, the naming convention and the drafting checks.")
@root_option
def validate(paths: tuple[Path, ...], akn_files: tuple[Path, ...], root: Path | None) -> None:
    """Check the clause library and profiles (all of them, or the PATHS given), drafting each
    profile to catch unset parameters, dangling references and undefined terms."""
    if akn_files:
        from modellaw.write.akn_checks import validate_akn_files
        if paths:
            raise ModellawError("check Akoma Ntoso files (--akn) or the project (PATHS), "
                                "not both at once")
        summary, warnings = validate_akn_files(akn_files)
        warn(warnings)
        click.echo(summary)
        return
    from modellaw.draft.validate import validate_project

    report = validate_project(resolve_root(root), paths)
    warn(report.warnings)
    click.echo(report.summary)
