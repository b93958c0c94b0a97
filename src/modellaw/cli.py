"""The command line: a thin layer over the library, and the one error boundary.

Every command reads its input, calls the library, and hands bytes to `output`; a
ModellawError anywhere becomes one message on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable

import click

from modellaw import __version__
from modellaw.errors import InputErrors, ModellawError
from modellaw.write.bill import FORMATS



class Group(click.Group):
    """Catches bad input once, for every command."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ModellawError as exc:
            errors = exc.errors if isinstance(exc, InputErrors) else [exc]
            for error in errors:
                click.echo(f"error: {error}", err=True)
            ctx.exit(exc.exit_code)


def root_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--root", type=click.Path(file_okay=False, path_type=Path),
                        default=None, envvar="MODELLAW_ROOT",
                        help="Project folder holding clauses/ and jurisdictions/ "
                             "(default: found from the working directory).")(func)


def _root(root: Path | None) -> Path:
    from modellaw.library.project import find_root
    return root if root is not None else find_root()


def one_line(value: str, option: str) -> str:
    """A text option printed into a document: one line, no control characters (they would
    crash the Word writer), or empty for none."""
    from modellaw.library.schema import text_problem

    if value and (problem := text_problem(value)) is not None:
        raise click.BadParameter(problem, param_hint=option)
    return value


def _warn(messages: tuple[str, ...] | list[str]) -> None:
    for message in messages:
        click.echo(f"warning: {message}", err=True)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="modellaw")
def main() -> None:
    """Draft, check and compare model legislation against technology-facilitated child sex
    trafficking."""


def choose_format(fmt: str | None, out: Path | None, by_suffix: dict[str, str],
                  default: str) -> str:
    """--format, else the format -o's extension names, else `default`: one rule for every
    command that writes a file."""
    if fmt is None and out is not None:
        fmt = by_suffix.get(out.suffix.lower())
        if fmt is None:
            raise ModellawError(f"cannot tell the format from '{out.suffix or out.name}'; "
                                f"use --format ({', '.join(dict.fromkeys(by_suffix.values()))})")
    return fmt or default


def output_path(profile_id: str, fmt: str | None, out: Path | None, root: Path) -> tuple[str, Path]:
    """Format from --format, else from the -o extension, else docx; default drafts/<id>.<ext>."""
    fmt = choose_format(fmt, out, {ext: f for f, ext in FORMATS.items()}, "docx")
    return fmt, out if out is not None else root / "drafts" / f"{profile_id}{FORMATS[fmt]}"


@main.command()
@click.argument("profile")
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default=None,
              help="Output format (default: from -o, else docx).")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Output file (default: drafts/<id>.<ext>).")
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
    from modellaw.draft.assemble import Override, assemble
    from modellaw.output import check_writable, write_output
    from modellaw.library.project import load
    from modellaw.write.bill import render_bill

    base = _root(root)
    overrides = [Override.parse(s) for s in sets]
    library, prof = load(profile, base)
    fmt, path = output_path(f"{prof.id}-gaps" if only_gaps else prof.id, fmt, out, base)
    check_writable(path, force=force, inputs=(prof.path,))
    only = None
    if only_gaps:
        from modellaw.judge.checklist import gap_elements
        only = gap_elements(prof)
        if not only:
            raise ModellawError(f"{prof.name}: its law meets every element; no gaps to draft",
                                prof.where("existing_law"))
    bill = assemble(library, prof, overrides, only_elements=only)
    checklist = None
    if with_checklist:
        from modellaw.judge.checklist import build_checklist
        checklist = build_checklist(library, prof, bill)
    data = render_bill(bill, fmt, checklist=checklist, act=act)
    write_output(path, data, force=force, inputs=(prof.path,))
    if fmt == "akn":  # checked as written: the findings' line numbers point into the file
        from modellaw.write.akn_checks import ensure_valid
        _warn(ensure_valid(data, path))
    _warn(bill.warnings)
    count = sum(1 for _ in bill.sections())
    click.echo(f"wrote {path} ({count} sections, {prof.name})")


@main.command("clauses")
@root_option
def list_clauses(root: Path | None) -> None:
    """List the clauses in the library: id, core or optional, elements, title."""
    from modellaw.library.clauses import load_library

    library = load_library(_root(root))
    for clause in sorted(library.clauses.values(), key=lambda c: (c.kind, c.part, c.order)):
        kind = "core" if clause.core else "optional"
        click.echo(f"{clause.id:36} {kind:8} {','.join(clause.elements) or '-':28} {clause.title}")


@main.command("jurisdictions")
@root_option
def list_jurisdictions(root: Path | None) -> None:
    """List the jurisdiction profiles: id, name, legal tradition, drafting style."""
    from modellaw.library.profiles import list_profiles, load_profile

    base = _root(root)
    for pid in list_profiles(base):
        prof = load_profile(base / "jurisdictions" / f"{pid}.yaml", base)
        click.echo(f"{pid:6} {prof.name:28} {prof.legal_tradition:11} "
                   f"({prof.drafting['style']} drafting)")


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
              default=None, help="Write the report here instead of the terminal.")
@click.option("--force", is_flag=True, help="Overwrite a report even if someone edited it.")
@root_option
@click.pass_context
def diff_command(ctx: click.Context, draft_path: Path, against: str, fmt: str | None,
                 out: Path | None, force: bool, root: Path | None) -> None:
    """Compare DRAFT (.docx or .md) with the model law, provision by provision, and flag
    changes that weaken the protection of children. Exit 0: nothing departs; 1: something
    does; 2: bad input."""
    from modellaw.judge.diff import diff_drafts, reference_bill
    from modellaw.output import check_writable, write_output
    from modellaw.read.draft import read_draft
    from modellaw.judge.diff import summary_line
    from modellaw.write.diff_report import SUFFIXES, render

    fmt = report_format(fmt, out, SUFFIXES)
    inputs = (draft_path,) + ((Path(against),) if Path(against).is_file() else ())
    if out is not None:
        check_writable(out, force=force, inputs=inputs)
    draft = read_draft(draft_path)
    reference, label = reference_bill(against, lambda: _root(root))
    result = diff_drafts(draft, reference, label)
    data = render(result, fmt)
    if out is None:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        write_output(out, data, force=force, inputs=inputs)
        click.echo(f"wrote {out}: {summary_line(result)}")
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
@root_option
def analyze(statutes: tuple[Path, ...], profile_name: str | None, fmt: str, write: bool,
            root: Path | None) -> None:
    """Read a country's STATUTE files (text, Markdown, .docx, Akoma Ntoso XML) and judge each
    model element: met, partial, missing or unclear, with the provisions and words relied on."""
    from modellaw.judge.analyze import analyze_statutes
    from modellaw.write.analysis import RENDERERS
    from modellaw.read.statute import read_statutes

    if write and profile_name is None:
        raise ModellawError("--write needs --profile: the profile whose existing_law to fill in")
    analysis = analyze_statutes(read_statutes(statutes))
    result = None
    if profile_name is not None:
        from modellaw.write.profile import record_profile
        from modellaw.library.profiles import find_profile

        is_file = profile_name.endswith((".yaml", ".yml"))
        path = find_profile(profile_name, Path(".") if is_file else _root(root))
        result = record_profile(path, analysis, write=write)
    click.echo(RENDERERS[fmt](analysis, result, write), nl=False)


def report_format(fmt: str | None, out: Path | None, suffixes: dict[str, str]) -> str:
    """A report's format (text on the terminal by default); a DOCX cannot go to the
    terminal."""
    fmt = choose_format(fmt, out, suffixes, "text")
    if fmt == "docx" and out is None:
        raise ModellawError("--format docx writes a file: give it one with -o PATH")
    return fmt


@main.command()
@click.argument("profiles", nargs=-1)
@click.option("--all", "all_", is_flag=True,
              help="Every country profile in jurisdictions/ (not 'model', which records no law).")
@click.option("--format", "fmt", default=None,
              type=click.Choice(["text", "md", "json", "csv", "html", "docx"]),
              help="Output format (default: from -o, else text on the terminal). docx needs -o.")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Write here instead of the terminal.")
@click.option("--force", is_flag=True, help="Overwrite a file even if someone edited it.")
@root_option
@click.pass_context
def gaps(ctx: click.Context, profiles: tuple[str, ...], all_: bool, fmt: str | None,
         out: Path | None, force: bool, root: Path | None) -> None:
    """What each PROFILE's existing law meets and lacks, element by element, and which
    section of its draft fills each gap. Several profiles (or --all) give a matrix, one row
    per country; JSON gives a list of checklists. Exit 0: every core element is met;
    1: gaps remain; 2: bad input."""
    from modellaw.judge.checklist import build_checklist
    from modellaw.library.clauses import load_library
    from modellaw.output import check_writable, write_output
    from modellaw.library.profiles import find_profile, list_profiles, load_profile
    from modellaw.write.checklist import SUFFIXES, render

    fmt = report_format(fmt, out, SUFFIXES)
    base = _root(root)
    names = list(dict.fromkeys(profiles))
    if all_:
        names += [p for p in list_profiles(base) if p != "model" and p not in names]
    if not names:
        raise ModellawError("name at least one profile (an id or a YAML file), or use --all")
    inputs = [Path(n) for n in names if Path(n).is_file()]
    if out is not None:
        check_writable(out, force=force, inputs=inputs)
    library = load_library(base)
    checklists = [build_checklist(library, load_profile(find_profile(n, base), base))
                  for n in names]
    data = render(checklists, fmt, matrix=all_ or len(names) > 1)
    if out is None:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        write_output(out, data, force=force, inputs=inputs)
        click.echo(f"wrote {out} ({len(checklists)} jurisdiction(s))")
    ctx.exit(0 if all(c.core_met for c in checklists) else 1)


@main.command()
@click.argument("elements", nargs=-1)
@click.option("--jurisdictions", "countries", default=None, metavar="ID,ID...",
              help="Countries for the comparison tables (default: every profile but the model).")
@click.option("--profile", "profile", default="model", show_default=True,
              help="The profile the provisions are drafted from (an id or a YAML file).")
@click.option("--format", "fmt", type=click.Choice(["md", "html", "docx"]), default=None,
              help="Output format (default: from -o, else docx).")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Output file (default: drafts/handout[-ELEMENT...].<ext>).")
@click.option("--workshop", default="", callback=lambda _c, _p, v: one_line(v, "--workshop"),
              help="Workshop name for the cover and page header.")
@click.option("--date", "date", default="", metavar="YYYY-MM-DD",
              callback=lambda _c, _p, v: one_line(v, "--date"), help="Date for the cover.")
@click.option("--force", is_flag=True, help="Overwrite a handout even if someone edited it.")
@root_option
def handout(elements: tuple[str, ...], countries: str | None, profile: str, fmt: str | None,
            out: Path | None, workshop: str, date: str, force: bool, root: Path | None) -> None:
    """Write the workshop handout: each model provision explained, sourced, compared across
    countries, with discussion questions and an exercise (only the ELEMENTs given, if any)."""
    from modellaw.write.handout_content import build_handout, country_profiles, load_handout_data, select_elements
    from modellaw.output import check_writable, write_output
    from modellaw.library.project import load
    from modellaw.write.handout import SUFFIXES, default_name, render_handout

    base = _root(root)
    chosen = select_elements(elements)
    fmt = choose_format(fmt, out, {ext: f for f, ext in SUFFIXES.items()} | {".htm": "html"},
                        "docx")
    path = out if out is not None else base / "drafts" / default_name(elements, fmt)
    library, prof = load(profile, base)
    check_writable(path, force=force, inputs=(prof.path,))
    ids = None if countries is None else tuple(c.strip() for c in countries.split(",") if c.strip())
    result = build_handout(library, prof, country_profiles(base, ids), load_handout_data(base),
                           chosen, workshop=workshop, date=date)
    write_output(path, render_handout(result, fmt), force=force, inputs=(prof.path,))
    click.echo(f"wrote {path} ({len(result.pages)} element(s), drafted from {prof.name})")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
