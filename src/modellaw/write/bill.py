"""One entry point from a bill to the bytes of a format, so the CLI (and any program) need
not know which writer serves which format.  Writers are imported only when asked for:
Markdown output never pays for lxml, DOCX output never for the checklist renderer unless a
checklist is appended."""

from __future__ import annotations

from typing import TYPE_CHECKING

from modellaw.errors import ModellawError

if TYPE_CHECKING:
    from modellaw.judge.checklist import Checklist
    from modellaw.model import Bill

FORMATS = {"md": ".md", "docx": ".docx", "akn": ".xml"}


def render_bill(bill: Bill, fmt: str, *, checklist: Checklist | None = None,
                act: bool = False) -> bytes:
    """The bill in `fmt` (md, docx or akn); `checklist` is appended as a schedule."""
    if act and fmt != "akn":
        raise ModellawError("--act applies to Akoma Ntoso drafts only (--format akn)")
    if fmt == "akn":
        if checklist is not None:
            raise ModellawError("--with-checklist is not available for Akoma Ntoso; "
                                "use --format docx or md")
        from modellaw.write.akn import render_akn
        return render_akn(bill, "act" if act else "bill")
    if fmt == "docx":
        from modellaw.write.docx import render_docx
        if checklist is None:
            return render_docx(bill)
        from modellaw.write.checklist import schedule
        return render_docx(bill, schedules=(schedule(checklist),))
    from modellaw.write.markdown import render_markdown
    text = render_markdown(bill)
    if checklist is not None:
        from modellaw.write.checklist import markdown_schedule
        text += markdown_schedule(checklist)
    return text.encode("utf-8")
