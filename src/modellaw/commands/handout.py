"""`modellaw handout`: the workshop handout."""

from __future__ import annotations

from pathlib import Path

import click

from modellaw.commands.common import (choose_format, drafts_folder, emit, force_option, one_line,
                                     output_option, resolve_root, root_option, warn, wrote)


@click.command()
@click.argument("elements", nargs=-1)
@click.option("--jurisdictions", "countries", default=None, metavar="ID,ID...",
              help="Countries for the comparison tables (default: every profile but the model).")
@click.option("--profile", "profile", default="model", show_default=True,
              help="The profile the provisions are drafted from (an id or a YAML file).")
@click.option("--format", "fmt", type=click.Choice(["md", "html", "docx"]), default=None,
              help="Output format (default: from -o, else docx).")
@output_option("Output file, '-' for standard output (default: "
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
@force_option("a handout")
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

    base = resolve_root(root)
    chosen = select_elements(elements)
    fmt = choose_format(fmt, out, {ext: f for f, ext in SUFFIXES.items()} | {".htm": "html"},
                        "docx")
    path = out if out is not None else drafts_folder(base) / default_name(elements, fmt)
    check_writable(path, force=force)
    if answers is not None:
        check_writable(answers, force=force)
    library, prof = load(profile, base)
    check_writable(path, force=force, inputs=(prof.path,))
    ids = None if countries is None else tuple(c.strip() for c in countries.split(",") if c.strip())
    compared = country_profiles(base, ids)
    for country in {c.path: c for c in (prof, *compared)}.values():
        warn(country.warnings, country.path)
    result = build_handout(library, prof, compared, load_handout_data(base),
                           chosen, workshop=workshop, date=date, full_table=full_table)
    data = render_handout(result, fmt, page_per_element=page_per_element,
                          answers_apart=answers is not None)
    emit(path, data, fmt, force=force, inputs=(prof.path,))
    if answers is not None:
        from modellaw.write.handout import render_docx_answers
        emit(answers, render_docx_answers(result), "docx", force=force)
    wrote(path, f"{len(result.pages)} element(s), drafted from {prof.name}")
