"""`modellaw completion`: the shell completion scripts."""

from __future__ import annotations

import click


@click.command()
@click.argument("shell", type=click.Choice(["bash", "zsh", "fish"]))
def completion(shell: str) -> None:
    """Print the shell completion script for SHELL; e.g. in ~/.bashrc:
    eval "$(modellaw completion bash)"."""
    from click.shell_completion import get_completion_class

    program = click.get_current_context().find_root()
    cls = get_completion_class(shell)  # never None: the Choice admits only click's shells
    click.echo(cls(program.command, {}, program.info_name or "modellaw",
                   "_MODELLAW_COMPLETE").source())
