"""The command line: a thin layer over the library, and the one error boundary.

Every command reads its input, calls the library, and hands bytes to `output`; a
ModellawError anywhere becomes one message on stderr and exit status 2, never a traceback.
Only click is imported at start-up, and no command is built: `COMMANDS` names each one, the
module of `modellaw.commands` that builds it and its short help, and a command's module is
imported only when that command is run, completed or asked for its help (click's "lazily
loading subcommands").  So `--help`, `--version` and shell completion cost no more than
Python and click themselves, and `modellaw draft ...` builds `draft` alone.
"""

from __future__ import annotations

import importlib
import sys
from gettext import gettext as _
from typing import Any, NoReturn

import click

from modellaw import __version__
from modellaw.errors import InputErrors, ModellawError

#: Every command: "module:attribute" under modellaw.commands, and the first paragraph of its
#: help, which `modellaw --help` shortens as the installed click would (where a sentence ends
#: differs between click versions; tests/test_cli.py checks that each is the command's own, at
#: every width).
COMMANDS: dict[str, tuple[str, str]] = {
    "amend": ("amend:amend_command",
        "Amend a country's existing Act (the first STATUTE) so that it meets the model law: the "
        "amending bill, proved by applying its instructions to the Act, and optionally the "
        "Keeling schedule."),
    "analyze": ("analyze:analyze",
        "Read a country's STATUTE files (text, Markdown, .docx, .odt, PDF, HTML, Akoma Ntoso) "
        "and judge each model element: met, partial, missing or unclear, with the provisions "
        "and words relied on."),
    "clauses": ("listing:list_clauses",
        "List the clauses in the library: id, core or optional, elements, title, and where each "
        "comes from (built-in or a workspace file)."),
    "completion": ("completion:completion",
        "Print the shell completion script for SHELL; e.g. in ~/.bashrc: "
        "eval \"$(modellaw completion bash)\"."),
    "diff": ("diff:diff_command",
        "Compare DRAFT (.docx or .md) with the model law, provision by provision, and flag "
        "changes that weaken the protection of children."),
    "draft": ("draft:draft",
        "Draft the bill for PROFILE (an id in jurisdictions/ or a path to a YAML file)."),
    "gaps": ("gaps:gaps",
        "What each PROFILE's existing law meets and lacks, element by element, and which "
        "section of its draft fills each gap."),
    "handout": ("handout:handout",
        "Write the workshop handout: each model provision explained, sourced, compared across "
        "countries, with discussion questions and an exercise (only the ELEMENTs given, if "
        "any)."),
    "init": ("init:init",
        "Make DIR (default: here) a workspace: your own profiles in jurisdictions/, clauses "
        "that replace built-in ones in clauses/; everything else comes from the built-in "
        "library."),
    "jurisdictions": ("listing:list_jurisdictions",
        "List the jurisdiction profiles: id, name, legal tradition, drafting style, and where "
        "each comes from (built-in or a workspace file)."),
    "memo": ("memo:memo",
        "Write the explanatory memorandum for PROFILE's bill: its purpose, the gap in current "
        "law each part fills, and a note on every section (what it does, why, its sources, the "
        "choices made and the alternatives), drafted from the same clauses and profile as the "
        "bill."),
    "serve": ("serve:serve",
        "Run the workshop workbench: pick options in the browser and watch the bill, its gap "
        "checklist and its review against the model change together."),
    "validate": ("validate:validate",
        "Check the clause library and profiles (all of them, or the PATHS given), drafting each "
        "profile to catch unset parameters, dangling references and undefined terms."),
}


QUIET_HELP = "Say nothing but errors (no 'wrote ...' lines, no warnings)."


def _quiet_after(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """`-q` after a command's name (`modellaw draft za -q`) means what it means before it."""
    if value:
        ctx.find_root().params["quiet"] = True


class Group(click.Group):
    """Builds a command only when it is asked for; catches bad input once, for every command;
    run as the `modellaw` program, ends the process as soon as the command is done."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, name = COMMANDS[cmd_name][0].split(":")
        command: click.Command = getattr(importlib.import_module(f"modellaw.commands.{module}"),
                                         name)
        if not any(param.name == "quiet" for param in command.params):
            command.params.append(click.Option(["-q", "--quiet"], is_flag=True, help=QUIET_HELP,
                                               expose_value=False, callback=_quiet_after))
        return command

    def resolve_command(self, ctx: click.Context, args: list[str]
                        ) -> tuple[str | None, click.Command | None, list[str]]:
        """Click's, with its "Did you mean" drawn from the table (click looks in
        `self.commands`, which holds no command until one is built)."""
        try:
            return super().resolve_command(ctx, args)
        except click.NoSuchCommand as exc:
            raise click.NoSuchCommand(exc.command_name, possibilities=COMMANDS, ctx=ctx) from None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Click's list of commands in `--help`, made from the table without building any."""
        limit = formatter.width - 6 - max(map(len, COMMANDS))
        # a bare command with the table's sentence shortens it as the installed click would
        # shorten the real command's help (the helper that does it is private from click 8.5)
        with formatter.section(_("Commands")):
            formatter.write_dl([(name, click.Command(name, help=COMMANDS[name][1])
                                 .get_short_help_str(limit))
                                for name in self.list_commands(ctx)])

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ModellawError as exc:
            errors = exc.errors if isinstance(exc, InputErrors) else [exc]
            for error in errors:
                click.echo(f"error: {error}", err=True)
            ctx.exit(exc.exit_code)

    def main(self, args: Any = None, *rest: Any, **kwargs: Any) -> Any:
        """Click's `main`; when the arguments come from the command line (the console script,
        `python -m modellaw`), its closing SystemExit goes to `_exit_now`.  A caller that
        passes arguments (a test's CliRunner, a program) gets click's behaviour unchanged."""
        if args is not None:
            return super().main(args, *rest, **kwargs)
        try:
            return super().main(None, *rest, **kwargs)
        except SystemExit as exc:
            _exit_now(exc)


def _exit_now(exc: SystemExit) -> NoReturn:
    """End the process with `exc`'s status as Python's exit would, without its teardown.

    When a command returns, its work is done and its files are closed (every write in this
    package is a `with` block, and output is fsynced); what Python's exit still does is run the
    atexit functions, flush stdout and stderr, and then free every module and object one by
    one: ~25 ms of a ~190 ms draft and ~10 ms of `--version`, which nobody waits for.  So the
    atexit functions are run and the streams flushed here, and the process ends.  Python's own
    exit is kept whenever it would do more than that: a message to print (`sys.exit("...")`),
    another thread to wait for, or a stream that cannot be flushed (a closed pipe), which it
    reports as it always did.
    """
    import atexit
    import os
    import threading

    run_exitfuncs = getattr(atexit, "_run_exitfuncs", None)
    if not (exc.code is None or isinstance(exc.code, int)) or run_exitfuncs is None \
            or threading.active_count() > 1:
        raise exc
    run_exitfuncs()
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:  # None: started with the descriptor closed
                stream.flush()
    except (OSError, ValueError, AttributeError):
        raise exc from None
    os._exit(exc.code or 0)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="modellaw")
@click.option("-q", "--quiet", is_flag=True, help=QUIET_HELP)
def main(quiet: bool) -> None:
    """Draft, check and compare model legislation against technology-facilitated child sex
    trafficking.

    Shell completion: eval "$(_MODELLAW_COMPLETE=bash_source modellaw)" in ~/.bashrc
    (zsh_source, fish_source for those shells), or see 'modellaw completion --help'.
    """


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
