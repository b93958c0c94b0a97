"""`modellaw analyze`: reading a country's statutes and judging each element."""

from __future__ import annotations

from pathlib import Path

import click

from modellaw.commands.common import resolve_root, root_option, warn
from modellaw.errors import ModellawError


@click.command()
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
        warn(draft.warnings, draft.path)
    analysis = judge(drafts)
    result = None
    if profile_name is not None:
        from modellaw.write.profile import record_profile
        from modellaw.library.profiles import find_profile

        is_file = profile_name.endswith((".yaml", ".yml"))
        path = find_profile(profile_name, Path(".") if is_file else resolve_root(root))
        result = record_profile(path, analysis, write=write, whole_act=whole_act)
    click.echo(RENDERERS[fmt](analysis, result, write), nl=False)
