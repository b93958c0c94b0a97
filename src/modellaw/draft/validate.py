"""`modellaw validate`: load everything, draft every profile, and collect what is wrong."""

from __future__ import annotations

from pathlib import Path

from modellaw.draft.assemble import assemble
from modellaw.library.clauses import load_library
from modellaw.draft.checks import ERROR, check_bill
from modellaw.errors import InputErrors, ModellawError, collecting
from modellaw.library.profiles import check_base, is_base, load_profile
from modellaw.records import record


@record
class Report:
    summary: str
    warnings: tuple[str, ...]


def validate_project(root: Path, paths: tuple[Path, ...] = ()) -> Report:
    """Raise InputErrors with every problem; otherwise a one-line summary and the warnings.

    Each profile is drafted and its bill run through the drafting checks (references,
    defined terms, duties with a subject, offences with a penalty) that the AKN export also
    applies, so Markdown and Word drafts get the same scrutiny.
    """
    library = load_library(root)
    files = [p for p in paths if p.suffix in (".yaml", ".yml")
             and p.resolve().parent != (root / "clauses").resolve()]
    if not paths:
        files = sorted((root / "jurisdictions" / "bases").glob("*.yaml")) + sorted(
            p for p in (root / "jurisdictions").glob("*.yaml") if not p.name.startswith("_"))
    bases = [p for p in files if is_base(p, root)]
    profiles = [p for p in files if not is_base(p, root)]
    errors: list[ModellawError] = []
    warnings: list[str] = []
    for path in bases:
        with collecting(errors):
            check_base(path)
    for path in profiles:
        with collecting(errors):
            bill = assemble(library, load_profile(path, root))
            warnings += [f"{path}: {w}" for w in bill.warnings]
            findings = check_bill(bill, library)
            errors += [f.error() for f in findings if f.severity == ERROR]
            warnings += [str(f) for f in findings if f.severity != ERROR]
    if errors:
        raise InputErrors(errors)
    return Report(f"ok: {len(library.clauses)} clauses, {len(bases)} base profile(s), "
                  f"{len(profiles)} profiles drafted cleanly",
                  tuple(dict.fromkeys(warnings)))
