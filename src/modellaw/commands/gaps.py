"""`modellaw gaps`: what each profile's existing law meets and lacks."""

from __future__ import annotations

from pathlib import Path

import click

from modellaw.commands.common import (force_option, output_option, report, report_format,
                                     resolve_root, root_option, warn)
from modellaw.errors import ModellawError


@click.command()
@click.argument("profiles", nargs=-1)
@click.option("--all", "all_", is_flag=True,
              help="Every country profile in jurisdictions/ (not 'model', which records no law).")
@click.option("--format", "fmt", default=None,
              type=click.Choice(["text", "md", "json", "csv", "html", "docx"]),
              help="Output format (default: from -o, else text on the terminal). docx needs -o.")
@output_option("Write here ('-': standard output) instead of the terminal.")
@force_option("a file")
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
    base = resolve_root(root)
    names = list(dict.fromkeys(profiles))
    if all_:
        names += [p for p in list_profiles(base) if p != "model" and p not in names]
    if not names:
        raise ModellawError("name at least one profile (an id or a YAML file), or use --all")
    inputs = tuple(Path(n) for n in names if Path(n).is_file())
    if out is not None:
        check_writable(out, force=force, inputs=inputs)
    library = load_library(base)
    loaded = [load_profile(find_profile(n, base), base) for n in names]
    for profile in loaded:
        warn(profile.warnings, profile.path)
    checklists = [build_checklist(library, profile) for profile in loaded]
    data = render(checklists, fmt, matrix=all_ or len(names) > 1)
    report(out, data, fmt, force, f"{len(checklists)} jurisdiction(s)", inputs=inputs)
    ctx.exit(1 if check and not all(c.core_met for c in checklists) else 0)
