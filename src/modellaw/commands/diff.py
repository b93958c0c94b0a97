"""`modellaw diff`: a draft compared with the model law."""

from __future__ import annotations

from pathlib import Path

import click

from modellaw.commands.common import (force_option, output_option, report, report_format,
                                     resolve_root, root_option, warn)
from modellaw.errors import ModellawError


@click.command("diff")
@click.argument("draft_path", metavar="DRAFT", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--against", default="model", show_default=True,
              help="What to compare with: a profile id (its bill), or another draft file.")
@click.option("--format", "fmt", default=None,
              type=click.Choice(["text", "md", "html", "json", "docx"]),
              help="Report format (default: from -o, else text on the terminal).")
@output_option("Write the report here ('-': standard output) instead of "
               "the terminal.")
@force_option("a report")
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
    warn(draft.warnings, draft_path)
    reference, label = reference_bill(against, lambda: resolve_root(root))
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
    report(out, data, fmt, force, summary_line(result), inputs=inputs)
    ctx.exit(1 if result.departs else 0)
