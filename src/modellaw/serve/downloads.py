"""A scenario's documents as files: the bill (docx, md, akn, html), its gap checklist (docx,
md, html, csv, json) and the workshop handout drafted from it (docx, md, html), each from the
same writers as the CLI, so a download is the file `modellaw draft` would have written."""

from __future__ import annotations

from modellaw.errors import Location, ModellawError
from modellaw.serve.scenario import Outcome, Workbench

MEDIA = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "md": "text/markdown; charset=utf-8",
    "akn": "application/akn+xml",
    "html": "text/html; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}
SUFFIX = {"docx": "docx", "md": "md", "akn": "xml", "html": "html", "csv": "csv", "json": "json"}
FORMATS = {"bill": ("docx", "md", "akn", "html"),
           "checklist": ("docx", "md", "html", "csv", "json"),
           "handout": ("docx", "md", "html")}


def download(workbench: Workbench, outcome: Outcome, what: str, fmt: str
             ) -> tuple[bytes, str, str]:
    """(bytes, media type, file name) of one of the scenario's documents."""
    if what not in FORMATS:
        raise ModellawError(f"cannot download {what[:40]!r}; choose bill, checklist or handout",
                            Location(keypath="what"))
    if fmt not in FORMATS[what]:
        raise ModellawError(f"a {what} downloads as {', '.join(FORMATS[what])}, not "
                            f"{fmt[:20]!r}", Location(keypath="format"))
    name = f"{outcome.profile.id}-{what}.{SUFFIX[fmt]}"
    if what == "bill":
        if fmt == "html":
            from modellaw.write.html import render_html
            data = render_html(outcome.bill)
        else:
            from modellaw.write.bill import render_bill
            data = render_bill(outcome.bill, fmt)
    elif what == "checklist":
        from modellaw.write.checklist import render
        data = render([outcome.checklist], fmt, False)
    else:
        from modellaw.write.handout import render_handout
        from modellaw.write.handout_content import (build_handout, country_profiles,
                                                    load_handout_data, select_elements)
        handout = build_handout(workbench.library, outcome.profile,
                                country_profiles(workbench.root, None),
                                load_handout_data(workbench.root), select_elements(()),
                                workshop="", date="")
        data = render_handout(handout, fmt)
    return data, MEDIA[fmt], name
