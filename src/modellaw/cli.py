"""The command line: a thin layer over the library, and the one error boundary.

Every command reads its input, calls the library, and hands bytes to `output`; a
ModellawError anywhere becomes one message on stderr and exit status 2, never a traceback.
Only click is imported at start-up: each command imports what it uses, so `--help`,
`--version` and shell completion cost no more than Python and click themselves.
Results go to stdout (or the file named by -o, `-` being stdout); what the tool says about
its work ("wrote ...", warnings) goes to stderr, so a pipe carries only the document.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, NoReturn

import click

from modellaw import __version__
from modellaw.errors import InputErrors, ModellawError
from modellaw.write.bill import FORMATS

if TYPE_CHECKING:
    from modellaw.draft.bill_cache import Entry, Request

TEXT_FORMATS = frozenset({"text", "md", "akn", "json", "csv", "html"})
STDOUT = Path("-")


class Group(click.Group):
    """Catches bad input once, for every command; run as the `modellaw` program, ends the
    process as soon as the command is done."""

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


def root_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--root", type=click.Path(file_okay=False, path_type=Path),
                        default=None, envvar="MODELLAW_ROOT",
                        help="Workspace or library folder (default: the nearest workspace "
                             "from the working directory upwards, else the built-in library).")(func)


def _root(root: Path | None) -> Path:
    from modellaw.library.project import find_root
    return root if root is not None else find_root()


def _drafts(base: Path) -> Path:
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


def _say(message: str) -> None:
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


def _warn(messages: tuple[str, ...] | list[str], about: Path | None = None) -> None:
    """Each warning names the file it is about: `about` unless the message already does."""
    for message in messages:
        if about is not None and not message.startswith(str(about)):
            message = f"{about}: {message}"
        _say(f"warning: {message}")


def _emit(out: Path, data: bytes, fmt: str, *, force: bool, inputs: tuple[Path, ...] = ()) -> None:
    """Write to a file, or to stdout for `-o -`: a binary format only into a pipe or file,
    never onto a terminal."""
    from modellaw.output import write_output
    if out == STDOUT and fmt not in TEXT_FORMATS and sys.stdout.isatty():
        raise ModellawError(f"{fmt} is a binary format; not writing it to a terminal "
                            "(redirect it, e.g. '> file', or choose a text --format)")
    write_output(out, data, force=force, inputs=inputs)


def _wrote(out: Path, detail: str) -> None:
    _say(f"wrote {'standard output' if out == STDOUT else out} ({detail})")


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="modellaw")
@click.option("-q", "--quiet", is_flag=True,
              help="Say nothing but errors (no 'wrote ...' lines, no warnings).")
def main(quiet: bool) -> None:
    """Draft, check and compare model legislation against technology-facilitated child sex
    trafficking.

    Shell completion: eval "$(_MODELLAW_COMPLETE=bash_source modellaw)" in ~/.bashrc
    (zsh_source, fish_source for those shells), or see 'modellaw completion --help'.
    """


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


def output_path(profile_id: str, fmt: str | None, out: Path | None, root: Path) -> tuple[str, Path]:
    """Format from --format, else from the -o extension, else docx; default drafts/<id>.<ext>."""
    fmt = choose_format(fmt, out, {ext: f for f, ext in FORMATS.items()}, "docx")
    return fmt, out if out is not None else _drafts(root) / f"{profile_id}{FORMATS[fmt]}"


def _ids(kind: str, root: Path) -> list[str]:
    if kind == "profile":
        from modellaw.library.profiles import list_profiles
        return list_profiles(root)
    from modellaw.library.clauses import clause_files
    return list(clause_files(root))


def _completer(kind: str) -> Callable[[click.Context, click.Parameter, str], list[str]]:
    """Shell completion of profile or clause ids (nothing, rather than an error, where no
    library is found)."""
    def complete(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
        try:
            return [i for i in _ids(kind, _root(ctx.params.get("root"))) if i.startswith(incomplete)]
        except ModellawError:
            return []
    return complete


@main.command()
@click.argument("profile", shell_complete=_completer("profile"))
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default=None,
              help="Output format (default: from -o, else docx).")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Output file, '-' for standard output (default: "
                                 "drafts/<id>.<ext>).")
@click.option("--set", "sets", multiple=True, metavar="CLAUSE.PARAM=VALUE",
              help="Override a clause parameter; may be repeated.")
@click.option("--force", is_flag=True, help="Overwrite a draft even if someone edited it.")
@click.option("--only-gaps", is_flag=True,
              help="Only the elements the profile's existing law does not meet (partial, "
                   "missing, unknown) and what they depend on (default file: drafts/<id>-gaps).")
@click.option("--with-checklist", is_flag=True,
              help="Append the gap checklist as a schedule.")
@click.option("--act", is_flag=True,
              help="Akoma Ntoso only: an <act> (the text as enacted) instead of a <bill>.")
@root_option
def draft(profile: str, fmt: str | None, out: Path | None, sets: tuple[str, ...],
          force: bool, only_gaps: bool, with_checklist: bool, act: bool,
          root: Path | None) -> None:
    """Draft the bill for PROFILE (an id in jurisdictions/ or a path to a YAML file)."""
    from modellaw.draft import bill_cache
    from modellaw.output import check_writable
    from modellaw.write.bill import render_bill

    base = _root(root)
    request = bill_cache.Request(profile, base, sets, only_gaps, with_checklist)
    digest, made = bill_cache.lookup(request)
    hit = made is not None
    if made is not None:  # the same inputs drafted before: only the output's checks remain
        fmt, path = output_path(_draft_name(made.profile_id, only_gaps), fmt, out, base)
        check_writable(path, force=force, inputs=(made.profile_path,))
    else:
        fmt, path, made = _assemble_draft(request, fmt, out, force)
    data = bill_cache.rendered(digest, fmt, act) if hit else None
    fresh = data is None
    if data is None:
        data = render_bill(made.bill, fmt, checklist=made.checklist, act=act)
    _emit(path, data, fmt, force=force, inputs=(made.profile_path,))
    if fmt == "akn":  # checked as written: the findings' line numbers point into the file
        from modellaw.write.akn_checks import ensure_valid
        _warn(ensure_valid(data, path), path)
    _warn(made.bill.warnings, made.profile_path)
    _wrote(path, f"{sum(1 for _ in made.bill.sections())} sections, {made.profile_name}")
    if not hit:
        bill_cache.store(digest, made)  # only now: a draft that failed anywhere is not kept
    if fresh:
        bill_cache.store_rendered(digest, fmt, act, data)


def _draft_name(profile_id: str, only_gaps: bool) -> str:
    return f"{profile_id}-gaps" if only_gaps else profile_id


def _assemble_draft(request: Request, fmt: str | None, out: Path | None, force: bool
                    ) -> tuple[str, Path, Entry]:
    """The slow path of `draft`: load, check the output can be written, assemble (every
    error raised where it always was, before anything is written or cached)."""
    from modellaw.draft.assemble import Override, assemble
    from modellaw.draft.bill_cache import entry
    from modellaw.library.project import load
    from modellaw.output import check_writable

    overrides = [Override.parse(s) for s in request.sets]
    library, prof = load(request.profile, request.root)
    chosen, path = output_path(_draft_name(prof.id, request.only_gaps), fmt, out, request.root)
    check_writable(path, force=force, inputs=(prof.path,))
    only = None
    if request.only_gaps:
        from modellaw.judge.checklist import gap_elements
        only = gap_elements(prof)
        if not only:
            raise ModellawError(f"{prof.name}: its law meets every element; no gaps to draft",
                                prof.where("existing_law"))
    bill = assemble(library, prof, overrides, only_elements=only)
    checklist = None
    if request.with_checklist:
        from modellaw.judge.checklist import build_checklist
        checklist = build_checklist(library, prof, bill)
    return chosen, path, entry(bill, prof, request, checklist)


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


@main.command("clauses")
@click.argument("clause_id", metavar="[ID]", required=False, shell_complete=_completer("clause"))
@root_option
def list_clauses(clause_id: str | None, root: Path | None) -> None:
    """List the clauses in the library: id, core or optional, elements, title, and where each
    comes from (built-in or a workspace file).  With an ID: that clause's parameters, with
    their types, ranges, defaults and meaning."""
    from modellaw.library.clauses import load_library
    from modellaw.library.layers import origin
    from modellaw.library.schema import unknown_id_message

    library = load_library(_root(root))
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


@main.command("jurisdictions")
@root_option
def list_jurisdictions(root: Path | None) -> None:
    """List the jurisdiction profiles: id, name, legal tradition, drafting style, and where
    each comes from (built-in or a workspace file)."""
    from modellaw.library.layers import origin
    from modellaw.library.profiles import find_profile, list_profiles, load_profile

    base = _root(root)
    for pid in list_profiles(base):
        prof = load_profile(find_profile(pid, base), base)
        click.echo(f"{pid:6} {prof.name:28} {prof.legal_tradition:11} "
                   f"({prof.drafting['style']} drafting)  [{origin(prof.path)}]")


@main.command()
@click.argument("folder", metavar="[DIR]", required=False, default=".",
                type=click.Path(file_okay=False, path_type=Path))
@click.option("--extends", "extends", default=None, metavar="ID",
              shell_complete=_completer("profile"),
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
        _say(f"wrote {path}")


@main.command()
@click.argument("shell", type=click.Choice(["bash", "zsh", "fish"]))
def completion(shell: str) -> None:
    """Print the shell completion script for SHELL; e.g. in ~/.bashrc:
    eval "$(modellaw completion bash)"."""
    from click.shell_completion import get_completion_class

    ctx = click.get_current_context()
    cls = get_completion_class(shell)  # never None: the Choice admits only click's shells
    click.echo(cls(main, {}, ctx.find_root().info_name or "modellaw",
                   "_MODELLAW_COMPLETE").source())


@main.command()
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
        _warn(warnings)
        click.echo(summary)
        return
    from modellaw.draft.validate import validate_project

    report = validate_project(_root(root), paths)
    _warn(report.warnings)
    click.echo(report.summary)


@main.command("diff")
@click.argument("draft_path", metavar="DRAFT", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--against", default="model", show_default=True,
              help="What to compare with: a profile id (its bill), or another draft file.")
@click.option("--format", "fmt", default=None,
              type=click.Choice(["text", "md", "html", "json", "docx"]),
              help="Report format (default: from -o, else text on the terminal).")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Write the report here ('-': standard output) instead of "
                                 "the terminal.")
@click.option("--force", is_flag=True, help="Overwrite a report even if someone edited it.")
@click.option("--on-model", is_flag=True,
              help="docx: lay out the model bill with the draft's words as the tracked "
                   "changes (default: the draft laid out, the model's words as the changes).")
@click.option("--author", default=None,
              help="docx: who the tracked changes and comments are by (default: your login).")
@click.option("--date", "when", default=None, metavar="YYYY-MM-DD",
              help="docx: the date of the tracked changes and comments (default: today).")
@click.option("--revisions", type=click.Choice(["accepted", "original"]), default="accepted",
              show_default=True, help="Which view of unaccepted tracked changes to read.")
@root_option
@click.pass_context
def diff_command(ctx: click.Context, draft_path: Path, against: str, fmt: str | None,
                 out: Path | None, force: bool, on_model: bool, author: str | None,
                 when: str | None, revisions: str, root: Path | None) -> None:
    """Compare DRAFT (.docx or .md) with the model law, provision by provision, and flag
    changes that weaken the protection of children. Exit 0: nothing departs; 1: something
    does; 2: bad input."""
    from modellaw.judge.diff import diff_drafts, reference_bill, summary_line
    from modellaw.output import check_writable
    from modellaw.read.document import read_document
    from modellaw.write.diff_report import SUFFIXES, render

    fmt = report_format(fmt, out, SUFFIXES)
    inputs = (draft_path,) + ((Path(against),) if Path(against).is_file() else ())
    if out is not None:
        check_writable(out, force=force, inputs=inputs)
    draft = read_document(draft_path, revisions=revisions)
    _warn(draft.warnings, draft_path)
    reference, label = reference_bill(against, lambda: _root(root))
    result = diff_drafts(draft, reference, label)
    if fmt == "docx":
        import datetime
        import getpass

        from modellaw.write.redline import redline_docx
        try:
            day = datetime.date.fromisoformat(when).isoformat() if when else \
                datetime.date.today().isoformat()
        except ValueError:
            raise ModellawError(f"--date {when!r} is not a date (YYYY-MM-DD)") from None
        data = redline_docx(result, draft, reference, on_model=on_model, date=day,
                            author=author or getpass.getuser())
    else:
        data = render(result, fmt)
    _report(out, data, fmt, force, summary_line(result), inputs=inputs)
    ctx.exit(1 if result.departs else 0)


@main.command()
@click.argument("statutes", nargs=-1, required=True,
                type=click.Path(dir_okay=False, path_type=Path))
@click.option("--profile", "profile_name", default=None,
              help="Compare with this profile's existing_law (an id or a YAML file).")
@click.option("--format", "fmt", type=click.Choice(["text", "md", "json"]), default="text",
              help="text (default), md (tables with the quoted words) or json.")
@click.option("--write", is_flag=True,
              help="Record the findings in the profile's existing_law; entries a person "
                   "wrote are kept and any disagreement is shown.")
@click.option("--whole-act", "whole_act", default="", metavar="YYYY-MM-DD",
              help="The files hold the whole Act as at this date: only then is an element "
                   "not found recorded as missing (from an excerpt it stays unknown).")
@click.option("--revisions", type=click.Choice(["accepted", "original"]), default="accepted",
              show_default=True, help="Which view of unaccepted tracked changes to read.")
@root_option
def analyze(statutes: tuple[Path, ...], profile_name: str | None, fmt: str, write: bool,
            whole_act: str, revisions: str, root: Path | None) -> None:
    """Read a country's STATUTE files (text, Markdown, .docx, .odt, PDF, HTML, Akoma Ntoso) and
    judge each model element: met, partial, missing or unclear, with the provisions and words
    relied on."""
    from modellaw.judge.elements import judge
    from modellaw.read.document import read_documents
    from modellaw.write.analysis import RENDERERS

    if write and profile_name is None:
        raise ModellawError("--write needs --profile: the profile whose existing_law to fill in")
    from modellaw.library.profiles import date_error

    if whole_act and date_error(whole_act):
        raise ModellawError(f"--whole-act: {date_error(whole_act)}")
    # a statutes/<id>/ folder's README describes its texts; it is not one of them
    texts = tuple(p for p in statutes if p.name.lower() != "readme.md") or statutes
    drafts = read_documents(texts, revisions=revisions)
    for draft in drafts:
        _warn(draft.warnings, draft.path)
    analysis = judge(drafts)
    result = None
    if profile_name is not None:
        from modellaw.write.profile import record_profile
        from modellaw.library.profiles import find_profile

        is_file = profile_name.endswith((".yaml", ".yml"))
        path = find_profile(profile_name, Path(".") if is_file else _root(root))
        result = record_profile(path, analysis, write=write, whole_act=whole_act)
    click.echo(RENDERERS[fmt](analysis, result, write), nl=False)


def report_format(fmt: str | None, out: Path | None, suffixes: dict[str, str]) -> str:
    """A report's format (text on the terminal by default); a DOCX cannot go to the
    terminal."""
    fmt = choose_format(fmt, out, suffixes, "text")
    if fmt == "docx" and out is None:
        raise ModellawError("--format docx writes a file: give it one with -o PATH")
    return fmt


def _report(out: Path | None, data: bytes, fmt: str, force: bool, detail: str,
            inputs: tuple[Path, ...] = ()) -> None:
    """A report onto the terminal when no -o is given, else into the file (or `-`)."""
    if out is None:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        _emit(out, data, fmt, force=force, inputs=inputs)
        _wrote(out, detail)


@main.command()
@click.argument("profiles", nargs=-1)
@click.option("--all", "all_", is_flag=True,
              help="Every country profile in jurisdictions/ (not 'model', which records no law).")
@click.option("--format", "fmt", default=None,
              type=click.Choice(["text", "md", "json", "csv", "html", "docx"]),
              help="Output format (default: from -o, else text on the terminal). docx needs -o.")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Write here ('-': standard output) instead of the terminal.")
@click.option("--force", is_flag=True, help="Overwrite a file even if someone edited it.")
@click.option("--check", is_flag=True,
              help="Exit 1 while any core element is not met (0 when all are), for scripts.")
@root_option
@click.pass_context
def gaps(ctx: click.Context, profiles: tuple[str, ...], all_: bool, fmt: str | None,
         out: Path | None, force: bool, check: bool, root: Path | None) -> None:
    """What each PROFILE's existing law meets and lacks, element by element, and which
    section of its draft fills each gap. Several profiles (or --all) give a matrix, one row
    per country; JSON gives a list of checklists, CSV one row per country and element.
    Exit 0 when the report was written (with --check: 0 only if every core element is met,
    else 1); 2: bad input."""
    from modellaw.judge.checklist import build_checklist
    from modellaw.library.clauses import load_library
    from modellaw.output import check_writable
    from modellaw.library.profiles import find_profile, list_profiles, load_profile
    from modellaw.write.checklist import SUFFIXES, render

    fmt = report_format(fmt, out, SUFFIXES)
    base = _root(root)
    names = list(dict.fromkeys(profiles))
    if all_:
        names += [p for p in list_profiles(base) if p != "model" and p not in names]
    if not names:
        raise ModellawError("name at least one profile (an id or a YAML file), or use --all")
    inputs = tuple(Path(n) for n in names if Path(n).is_file())
    if out is not None:
        check_writable(out, force=force, inputs=inputs)
    library = load_library(base)
    checklists = [build_checklist(library, load_profile(find_profile(n, base), base))
                  for n in names]
    data = render(checklists, fmt, matrix=all_ or len(names) > 1)
    _report(out, data, fmt, force, f"{len(checklists)} jurisdiction(s)", inputs=inputs)
    ctx.exit(1 if check and not all(c.core_met for c in checklists) else 0)


@main.command()
@click.argument("elements", nargs=-1)
@click.option("--jurisdictions", "countries", default=None, metavar="ID,ID...",
              help="Countries for the comparison tables (default: every profile but the model).")
@click.option("--profile", "profile", default="model", show_default=True,
              help="The profile the provisions are drafted from (an id or a YAML file).")
@click.option("--format", "fmt", type=click.Choice(["md", "html", "docx"]), default=None,
              help="Output format (default: from -o, else docx).")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Output file, '-' for standard output (default: "
                                 "drafts/handout[-ELEMENT...].<ext>).")
@click.option("--workshop", default="", callback=lambda _c, _p, v: one_line(v, "--workshop"),
              help="Workshop name for the cover and page header.")
@click.option("--date", "date", default="", metavar="YYYY-MM-DD",
              callback=lambda _c, _p, v: one_line(v, "--date"), help="Date for the cover.")
@click.option("--full-table", is_flag=True,
              help="List every country in the comparison tables, not only those the report "
                   "says something about.")
@click.option("--page-per-element", is_flag=True, help="Start each element on a new page.")
@click.option("--answers", "answers", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Write the answers to the exercises to this DOCX instead.")
@click.option("--force", is_flag=True, help="Overwrite a handout even if someone edited it.")
@root_option
def handout(elements: tuple[str, ...], countries: str | None, profile: str, fmt: str | None,
            out: Path | None, workshop: str, date: str, full_table: bool,
            page_per_element: bool, answers: Path | None, force: bool, root: Path | None
            ) -> None:
    """Write the workshop handout: each model provision explained, sourced, compared across
    countries, with discussion questions and an exercise (only the ELEMENTs given, if any)."""
    from modellaw.write.handout_content import build_handout, country_profiles, load_handout_data, select_elements
    from modellaw.output import check_writable
    from modellaw.library.project import load
    from modellaw.write.handout import SUFFIXES, default_name, render_handout

    base = _root(root)
    chosen = select_elements(elements)
    fmt = choose_format(fmt, out, {ext: f for f, ext in SUFFIXES.items()} | {".htm": "html"},
                        "docx")
    path = out if out is not None else _drafts(base) / default_name(elements, fmt)
    check_writable(path, force=force)
    if answers is not None:
        check_writable(answers, force=force)
    library, prof = load(profile, base)
    check_writable(path, force=force, inputs=(prof.path,))
    ids = None if countries is None else tuple(c.strip() for c in countries.split(",") if c.strip())
    result = build_handout(library, prof, country_profiles(base, ids), load_handout_data(base),
                           chosen, workshop=workshop, date=date, full_table=full_table)
    data = render_handout(result, fmt, page_per_element=page_per_element,
                          answers_apart=answers is not None)
    _emit(path, data, fmt, force=force, inputs=(prof.path,))
    if answers is not None:
        from modellaw.write.handout import render_docx_answers
        _emit(answers, render_docx_answers(result), "docx", force=force)
    _wrote(path, f"{len(result.pages)} element(s), drafted from {prof.name}")


@main.command("amend")
@click.argument("statutes", nargs=-1, required=True,
                type=click.Path(dir_okay=False, path_type=Path))
@click.option("--profile", "profile_name", required=True,
              help="The jurisdiction profile whose clauses the amendments are drafted from.")
@click.option("--format", "fmt", type=click.Choice(["md", "docx", "akn", "json"]), default=None,
              help="The amending bill's format (default: from -o, else md on the terminal).")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Write the amending bill here.")
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
    library, prof = load(profile_name, _root(root))
    plans, bill = amend(statutes, library, prof, style)
    data = render(plans, bill, fmt)
    if keeling is not None:
        write_output(keeling, render_keeling(plans, kfmt, properties(bill)), force=force)
    if out is None:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        write_output(out, data, force=force)
        click.echo(f"wrote {out} ({len(bill.instructions)} instructions, round trip proved)")
    if keeling is not None:
        click.echo(f"wrote {keeling} (Keeling schedule)")


LOOPBACK = ("127.0.0.1", "localhost", "::1")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but loopback also needs --allow-lan.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(1, 65535))
@click.option("--allow-lan", is_flag=True,
              help="Let other machines on the network (a workshop LAN) reach the workbench.")
@root_option
def serve(host: str, port: int, allow_lan: bool, root: Path | None) -> None:
    """Run the workshop workbench: pick options in the browser and watch the bill, its gap
    checklist and its review against the model change together."""
    if host not in LOOPBACK and not host.startswith("127."):
        if not allow_lan:
            raise ModellawError(f"--host {host} would let other machines reach the workbench; "
                                "add --allow-lan if that is what you want (a workshop LAN)")
        click.echo(f"warning: the workbench at {host}:{port} is reachable by every machine on "
                   "the network; anyone there can read every profile", err=True)
    import uvicorn

    from modellaw.serve.app import create_app

    app = create_app(_root(root))
    click.echo(f"modellaw workbench on http://{'[' + host + ']' if ':' in host else host}:{port}/ "
               "(Ctrl+C stops it)")
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)


@main.command()
@click.argument("profile")
@click.option("--format", "fmt", type=click.Choice(["md", "docx"]), default=None,
              help="Output format (default: from -o, else docx).")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Output file (default: drafts/<id>-memo.<ext>).")
@click.option("--force", is_flag=True, help="Overwrite a memorandum even if someone edited it.")
@root_option
def memo(profile: str, fmt: str | None, out: Path | None, force: bool, root: Path | None) -> None:
    """Write the explanatory memorandum for PROFILE's bill: its purpose, the gap in current law
    each part fills, and a note on every section (what it does, why, its sources, the choices
    made and the alternatives), drafted from the same clauses and profile as the bill."""
    from modellaw.judge.memo import build_memo
    from modellaw.library.project import load
    from modellaw.output import check_writable, write_output
    from modellaw.write.memo import SUFFIXES, render_memo

    base = _root(root)
    fmt = choose_format(fmt, out, {ext: f for f, ext in SUFFIXES.items()}, "docx")
    library, prof = load(profile, base)
    path = out if out is not None else base / "drafts" / f"{prof.id}-memo{SUFFIXES[fmt]}"
    check_writable(path, force=force)
    result = build_memo(library, prof)
    write_output(path, render_memo(result, fmt), force=force)
    click.echo(f"wrote {path} ({len(result.notes)} notes, {prof.name})")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
