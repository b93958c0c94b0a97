"""What the commands share: the --root option, completion of ids, the choice of output format
and file, and how results and notes are written.

Results go to stdout (or the file named by -o, `-` being stdout); what the tool says about
its work ("wrote ...", warnings) goes to stderr, so a pipe carries only the document.  Only
click is imported here: the library is imported by the functions that use it.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable

import click

from modellaw.errors import ModellawError

TEXT_FORMATS = frozenset({"text", "md", "akn", "json", "csv", "html"})
STDOUT = Path("-")


def root_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--root", type=click.Path(file_okay=False, path_type=Path),
                        default=None, envvar="MODELLAW_ROOT",
                        help="Workspace or library folder (default: the nearest workspace "
                             "from the working directory upwards, else the built-in library).")(func)


def output_option(meaning: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """-o/--output, a file path (each command says what goes there and its default)."""
    return click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path),
                        default=None, help=meaning)


def force_option(what: str = "a file") -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """--force: overwrite `what` even where the record of written files says a person edited
    it (without it, an edited file is refused)."""
    return click.option("--force", is_flag=True,
                        help=f"Overwrite {what} even if someone edited it.")


def resolve_root(root: Path | None) -> Path:
    from modellaw.library.project import find_root
    return root if root is not None else find_root()


def drafts_folder(base: Path) -> Path:
    """Where drafts go by default: the workspace's drafts/, or ./drafts when the library in
    use is the built-in one and the working directory is not inside it."""
    from modellaw.library.layers import builtin_root
    here = Path.cwd().resolve()
    if base.resolve() == builtin_root() and base.resolve() not in (here, *here.parents):
        return Path("drafts")
    return base / "drafts"


def _quiet() -> bool:
    ctx = click.get_current_context(silent=True)
    return bool(ctx and ctx.find_root().params.get("quiet"))


def say(message: str) -> None:
    """A note about the work done (not the work itself): stderr, silenced by --quiet."""
    if not _quiet():
        click.echo(message, err=True)


def one_line(value: str, option: str) -> str:
    """A text option printed into a document: one line, no control characters (they would
    crash the Word writer), or empty for none."""
    from modellaw.library.schema import text_problem

    if value and (problem := text_problem(value)) is not None:
        raise click.BadParameter(problem, param_hint=option)
    return value


def warn(messages: tuple[str, ...] | list[str], about: Path | None = None) -> None:
    """Each warning names the file it is about: `about` unless the message already does, or
    is about the command line instead (it starts with the option: `--set clause.param: ...`)."""
    for message in messages:
        if about is not None and not message.startswith((str(about), "--")):
            message = f"{about}: {message}"
        say(f"warning: {message}")


def emit(out: Path, data: bytes, fmt: str, *, force: bool, inputs: tuple[Path, ...] = ()) -> None:
    """Write to a file, or to stdout for `-o -` (or `-o /dev/stdout`): a binary format only
    into a pipe or file, never onto a terminal."""
    from modellaw.output import standard_stream, write_output
    stream = standard_stream(out)
    if stream is not None and fmt not in TEXT_FORMATS \
            and (sys.stdout if stream == 1 else sys.stderr).isatty():
        raise ModellawError(f"{fmt} is a binary format; not writing it to a terminal "
                            "(redirect it, e.g. '> file', or choose a text --format)")
    write_output(out, data, force=force, inputs=inputs)


def wrote(out: Path, detail: str) -> None:
    say(f"wrote {'standard output' if out == STDOUT else out} ({detail})")


def choose_format(fmt: str | None, out: Path | None, by_suffix: dict[str, str],
                  default: str) -> str:
    """--format, else the format -o's extension names, else `default`: one rule for every
    command that writes a file."""
    if fmt is None and out is not None and out != STDOUT:
        fmt = by_suffix.get(out.suffix.lower())
        if fmt is None:
            raise ModellawError(f"cannot tell the format from '{out.suffix or out.name}'; "
                                f"use --format ({', '.join(dict.fromkeys(by_suffix.values()))})")
    return fmt or default


def report_format(fmt: str | None, out: Path | None, suffixes: dict[str, str]) -> str:
    """A report's format (text on the terminal by default); a DOCX cannot go to the
    terminal."""
    fmt = choose_format(fmt, out, suffixes, "text")
    if fmt == "docx" and out is None:
        raise ModellawError("--format docx writes a file: give it one with -o PATH")
    return fmt


def report(out: Path | None, data: bytes, fmt: str, force: bool, detail: str,
           inputs: tuple[Path, ...] = ()) -> None:
    """A report onto the terminal when no -o is given, else into the file (or `-`)."""
    if out is None:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        emit(out, data, fmt, force=force, inputs=inputs)
        wrote(out, detail)


def _ids(kind: str, root: Path) -> list[str]:
    if kind == "profile":
        from modellaw.library.profiles import list_profiles
        return list_profiles(root)
    from modellaw.library.clauses import clause_files
    return list(clause_files(root))


def completer(kind: str) -> Callable[[click.Context, click.Parameter, str], list[str]]:
    """Shell completion of profile or clause ids (nothing, rather than an error, where no
    library is found)."""
    def complete(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
        try:
            return [i for i in _ids(kind, resolve_root(ctx.params.get("root")))
                    if i.startswith(incomplete)]
        except ModellawError:
            return []
    return complete
