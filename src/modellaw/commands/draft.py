"""Drafting a bill: `modellaw draft`, with the bill cache's fast path."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from modellaw.commands.common import (choose_format, completer, drafts_folder, emit, force_option,
                                     output_option, resolve_root, root_option, warn, wrote)
from modellaw.errors import ModellawError
from modellaw.write.bill import FORMATS

if TYPE_CHECKING:
    from modellaw.draft.bill_cache import Entry, Request


def output_path(profile_id: str, fmt: str | None, out: Path | None, root: Path) -> tuple[str, Path]:
    """Format from --format, else from the -o extension, else docx; default drafts/<id>.<ext>."""
    fmt = choose_format(fmt, out, {ext: f for f, ext in FORMATS.items()}, "docx")
    return fmt, out if out is not None else drafts_folder(root) / f"{profile_id}{FORMATS[fmt]}"


@click.command()
@click.argument("profile", shell_complete=completer("profile"))
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default=None,
              help="Output format (default: from -o, else docx).")
@output_option("Output file, '-' for standard output (default: "
               "drafts/<id>.<ext>).")
@click.option("--set", "sets", multiple=True, metavar="CLAUSE.PARAM=VALUE",
              help="Override a clause parameter; may be repeated.")
@force_option("a draft")
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

    base = resolve_root(root)
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
    emit(path, data, fmt, force=force, inputs=(made.profile_path,))
    if fmt == "akn":  # checked as written: the findings' line numbers point into the file
        from modellaw.write.akn_checks import ensure_valid
        warn(ensure_valid(data, path), path)
    warn(made.bill.warnings, made.profile_path)
    wrote(path, f"{sum(1 for _ in made.bill.sections())} sections, {made.profile_name}")
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
