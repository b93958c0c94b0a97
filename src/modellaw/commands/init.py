"""`modellaw init`: making a folder a workspace."""

from __future__ import annotations

from pathlib import Path

import click

from modellaw.commands.common import completer, say


@click.command()
@click.argument("folder", metavar="[DIR]", required=False, default=".",
                type=click.Path(file_okay=False, path_type=Path))
@click.option("--extends", "extends", default=None, metavar="ID",
              shell_complete=completer("profile"),
              help="Also write jurisdictions/ID.yaml extending the built-in profile ID.")
@click.option("--force", is_flag=True, help="Overwrite workspace files even if edited.")
def init(folder: Path, extends: str | None, force: bool) -> None:
    """Make DIR (default: here) a workspace: your own profiles in jurisdictions/, clauses
    that replace built-in ones in clauses/; everything else comes from the built-in library."""
    from modellaw.library.project import workspace_files
    from modellaw.output import check_writable, write_output

    files = workspace_files(folder, extends)
    for path in files:
        check_writable(path, force=force)
    for path, data in files.items():
        write_output(path, data, force=force)
        say(f"wrote {path}")
