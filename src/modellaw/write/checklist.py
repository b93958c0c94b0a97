"""Gap checklists and matrices -> text, Markdown, JSON, CSV, HTML and DOCX.

Every format says the same things in the same order: a summary of statuses on top, core
elements apart from optional ones, and for each element what the model requires, how the
country's law stands (with its citation), and which clause and section the draft proposes.
The status is always spelt out as a word, never shown by colour or mark alone, so that a
photocopied handout still reads.  Pure: returns text or bytes.
"""

from __future__ import annotations

import csv
import html
import io
import json
import textwrap
from typing import Any, Iterable

from modellaw.write import docx_styles as ds
from modellaw.judge.checklist import Checklist, Matrix, Row
from modellaw.library.elements import ELEMENTS
from modellaw.library.profiles import STATUSES, Evidence
from modellaw.write.docx import FOOTER_XML, Schedule, escape as xml_escape, zip_parts
from modellaw.write.markdown import escape as md_escape

FORMATS = ("text", "md", "json", "csv", "html", "docx")
SUFFIXES = {".txt": "text", ".md": "md", ".json": "json", ".csv": "csv", ".html": "html",
            ".htm": "html", ".docx": "docx"}
LABEL = {"met": "Met", "partial": "Partial", "missing": "Missing", "unknown": "Unknown"}
#: Marks of the matrix, in the manner of the country tables of global legislative reviews.
MARK = {"met": "\u2713", "partial": "\u00bd", "missing": "\u2717", "unknown": "?"}
LEGEND = ("\u2713 met \u00b7 \u00bd partial (the law covers part of the element) \u00b7 "
          "\u2717 missing \u00b7 ? unknown (the sources record nothing)")
#: The letter after a mark says whose reading it is.
SOURCE_MARK = {"statute": "s", "report": "r", "analyze": "a"}
SOURCE_LEGEND = ("after the mark, whose reading it is: s the statute says (the text read, as at "
                 "the date in the last column; ?s: the text read says nothing on it) \u00b7 r the report says (ICMEC report, 2018; no "
                 "statute text held, or the text read is silent) \u00b7 a modellaw analyze \u00b7 "
                 "* the report and the statute differ (both readings are in the checklist)")
SHADE = {"met": "D9EAD3", "partial": "FFF2CC", "missing": "F4CCCC", "unknown": "EEEEEE"}
GROUPS = ((True, "Core elements"), (False, "Optional elements"))


# --- shared wording ------------------------------------------------------------------------

def summary_line(checklist: Checklist, core: bool) -> str:
    counts = checklist.counts(core)
    what = "Core" if core else "Optional"
    return (f"{what} elements ({sum(counts.values())}): "
            + ", ".join(f"{n} {s}" for s, n in counts.items()))


def proposed_text(checklist: Checklist, row: Row) -> str:
    """`section 7 (offence-advertising)`; clauses not in the draft say so."""
    if not row.proposed:
        return "no clause in the library"
    by_section: dict[str, list[str]] = {}
    for provision in row.proposed:
        by_section.setdefault(provision.section, []).append(provision.clause)
    parts = [f"{checklist.section_word} {section} ({', '.join(clauses)})"
             for section, clauses in by_section.items() if section]
    if "" in by_section:
        parts.append(f"not in this draft: {', '.join(by_section[''])}")
    return "; ".join(parts)


def _record_lines(evidence: Iterable[Evidence], note: str) -> list[str]:
    lines = [(f"{e.citation}: {e.note}" if e.note else e.citation)
             + (f" [Source: {e.source}]" if e.source else "")
             + (" [recorded by modellaw analyze]" if e.origin == "analysis" else "")
             for e in evidence]
    return lines + ([note] if note else [])


def evidence_lines(row: Row) -> list[str]:
    """Each citation with its note and where the claim comes from (the report, or the statute
    itself), then the record's own note; where the report and the statute both have a record,
    each under its own heading ("The statute says (text as at ...): Met."), the one in front
    first, and their disagreement spelt out.  'Nothing recorded.' if none."""
    if len(row.records) > 1:
        lines = []
        for record in row.records:
            lines.append(f"{record.label[0].upper()}{record.label[1:]}: {LABEL[record.status]}.")
            lines += _record_lines(record.evidence, record.note)
        if row.disagreement:
            lines.append(f"The sources differ: {row.disagreement}.")
        return lines
    lines = _record_lines(row.evidence, row.note)
    if row.basis:
        lines.append(f"Status from: {row.basis}.")
    return lines or ["Nothing recorded."]


def mark(row: Row) -> str:
    """`✓s`: the status's mark, whose reading it is, and `*` when the sources differ."""
    return (MARK[row.status] + SOURCE_MARK.get(row.source, "")
            + ("*" if row.disagreement else ""))


def statute_dates(checklist: Checklist) -> str:
    """The dates of the statute texts a country's row rests on ("2022-11-16"), or "—"."""
    dates = sorted({r.text_date for row in checklist.rows for r in row.records
                    if r.source == "statute" and r.text_date})
    return ", ".join(dates) or "\u2014"


def cell_title(row: Row) -> str:
    """A cell's status and every source's reading, for a matrix cell's tooltip."""
    return "; ".join(f"{r.label}: {r.status}" for r in row.records if r.source) or row.status


def intro(checklist: Checklist) -> str:
    return (f"Measured against the draft {checklist.bill_title}; section numbers are those of "
            "that draft.")


def column_key() -> list[str]:
    """`1 penal-code: Distinct offence ...` for matrices whose columns are numbered."""
    return [f"{i} {e.id}{'' if e.core else ' (optional)'}: {e.title}"
            for i, e in enumerate(ELEMENTS, start=1)]


# --- text ----------------------------------------------------------------------------------

def render_text(checklist: Checklist) -> str:
    out = [f"GAP CHECKLIST: {checklist.name} ({checklist.jurisdiction})", intro(checklist), "",
           summary_line(checklist, True), summary_line(checklist, False)]
    wrap = textwrap.TextWrapper(width=96, initial_indent=" " * 9, subsequent_indent=" " * 16)
    for core, heading in GROUPS:
        out += ["", heading, "-" * len(heading)]
        for row in checklist.group(core):
            out.append(f"{row.status.upper():8} {row.element.id}: {row.element.title}")
            for label, lines in (("Model:", [row.element.requirement]),
                                 ("Law:", evidence_lines(row)),
                                 ("Draft:", [proposed_text(checklist, row)])):
                for line in lines:
                    out += wrap.wrap(f"{label:7}{line}")
                    label = ""
    return "\n".join(out) + "\n"


def render_matrix_text(matrix: Matrix) -> str:
    name_width = max([len(f"{c.jurisdiction}  {c.name}") for c in matrix.checklists] + [12])
    numbers = "".join(f"{i:>4}" for i in range(1, len(matrix.elements) + 1))
    out = [f"GAP MATRIX: {len(matrix.checklists)} jurisdictions, "
           f"{len(matrix.elements)} model elements", "",
           f"{'jurisdiction':{name_width}} {numbers}  statute texts as at"]
    for c in matrix.checklists:
        marks = "".join(f"{mark(r):>4}" for r in _by_element(c))
        out.append(f"{c.jurisdiction + '  ' + c.name:{name_width}} {marks}  {statute_dates(c)}")
    return "\n".join(out + ["", f"Legend: {LEGEND}; {SOURCE_LEGEND}", "Columns:",
                            *column_key()]) + "\n"


def _by_element(checklist: Checklist) -> list[Row]:
    """Rows in the matrix's column order (the model's order)."""
    rows = {r.element.id: r for r in checklist.rows}
    return [rows[e.id] for e in ELEMENTS]


# --- Markdown ------------------------------------------------------------------------------

def _md_cell(lines: Iterable[str]) -> str:
    return "<br>".join(md_escape(line) for line in lines)


def render_md(checklist: Checklist, in_bill: bool = False) -> str:
    """A checklist page; `in_bill` for the schedule of a Markdown bill, whose readers take
    every `###` heading for a section, so there the groups are bold lines instead."""
    title = md_escape(f"Gap checklist: {checklist.name}")
    out = [f"## Schedule \u2014 {title}" if in_bill else f"# {title}", "",
           md_escape(intro(checklist)), "",
           "| Elements | " + " | ".join(LABEL[s] for s in STATUSES) + " |",
           "|---|" + "---:|" * len(STATUSES)]
    for core, heading in GROUPS:
        counts = checklist.counts(core)
        out.append(f"| {heading} ({sum(counts.values())}) | "
                   + " | ".join(str(n) for n in counts.values()) + " |")
    for core, heading in GROUPS:
        out += ["", f"**{heading}**" if in_bill else f"## {heading}", "",
                "| Element | The model requires | Status | Existing law | The draft proposes |",
                "|---|---|---|---|---|"]
        for row in checklist.group(core):
            out.append(f"| **{md_escape(row.element.title)}** (`{row.element.id}`) "
                       f"| {md_escape(row.element.requirement)} | **{LABEL[row.status]}** "
                       f"| {_md_cell(evidence_lines(row))} "
                       f"| {md_escape(proposed_text(checklist, row))} |")
    return "\n".join(out) + "\n"


def markdown_schedule(checklist: Checklist) -> str:
    """The checklist as the schedule that ends a Markdown bill (`draft --with-checklist`)."""
    return "\n" + render_md(checklist, in_bill=True)


def render_matrix_md(matrix: Matrix) -> str:
    numbers = range(1, len(matrix.elements) + 1)
    out = ["# Gap matrix", "",
           "| Jurisdiction | " + " | ".join(str(i) for i in numbers) + " | Statute texts as at |",
           "|---|" + ":-:|" * len(matrix.elements) + "---|"]
    for c in matrix.checklists:
        out.append(f"| {md_escape(c.name)} (`{c.jurisdiction}`) | "
                   + " | ".join(md_escape(mark(r)) for r in _by_element(c))
                   + f" | {statute_dates(c)} |")
    out += ["", f"Legend: {md_escape(LEGEND)}; {md_escape(SOURCE_LEGEND)}", "", "Columns:", ""]
    out += [f"{i}. `{e.id}`{'' if e.core else ' (optional)'}: {md_escape(e.title)}"
            for i, e in enumerate(matrix.elements, start=1)]
    return "\n".join(out) + "\n"


# --- JSON and CSV --------------------------------------------------------------------------

def checklist_record(checklist: Checklist) -> dict[str, Any]:
    """The stable JSON shape of one checklist (keys in this order, always all present)."""
    return {
        "jurisdiction": {"id": checklist.jurisdiction, "name": checklist.name},
        "summary": {"core": checklist.counts(True), "optional": checklist.counts(False),
                    "core_met": checklist.core_met},
        "elements": [{
            "id": r.element.id, "title": r.element.title, "core": r.element.core,
            "status": r.status, "source": r.source or None, "text_date": r.text_date or None,
            "evidence": [{"citation": e.citation, "note": e.note} for e in r.evidence],
            "records": [{"source": x.source, "status": x.status, "text_date": x.text_date or None,
                         "evidence": [{"citation": e.citation, "note": e.note}
                                      for e in x.evidence], "note": x.note}
                        for x in r.records if x.source],
            "disagreement": r.disagreement or None,
            "proposed": {"clause": r.primary.clause if r.primary else None,
                         "section": (r.primary.section or None) if r.primary else None},
        } for r in checklist.rows],
    }


def render_json(checklists: tuple[Checklist, ...] | list[Checklist], many: bool) -> str:
    """One object for one profile, a list of them for several."""
    records = [checklist_record(c) for c in checklists]
    return json.dumps(records if many else records[0], indent=2, ensure_ascii=False) + "\n"


def _csv(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def _status_of(row: Row, source: str) -> str:
    return next((r.status for r in row.records if r.source == source), "")


def render_csv(checklists: tuple[Checklist, ...] | list[Checklist]) -> str:
    """One row per jurisdiction and element, whether one country is asked for or many, so a
    spreadsheet or pipeline reads every CSV the same way."""
    rows = [["jurisdiction", "element", "title", "core", "status", "evidence",
             "proposed_clause", "proposed_section", "source", "text_date", "report_status",
             "statute_status"]]
    for checklist in checklists:
        for r in checklist.rows:
            rows.append([checklist.jurisdiction, r.element.id, r.element.title,
                         "yes" if r.element.core else "no", r.status,
                         " | ".join(evidence_lines(r)) if r.evidence or r.note else "",
                         r.primary.clause if r.primary else "",
                         r.primary.section if r.primary else "", r.source, r.text_date,
                         *(_status_of(r, source) for source in ("report", "statute"))])
    return _csv(rows)


# --- HTML ----------------------------------------------------------------------------------

CSS = ("body{font-family:Georgia,'Times New Roman',serif;max-width:70em;margin:2em auto;"
       "padding:0 1em;color:#111}table{border-collapse:collapse;margin:1em 0;width:100%}"
       "th,td{border:1px solid #555;padding:.3em .5em;vertical-align:top;text-align:left}"
       "th{background:#d9d9d9}td.mark{text-align:center}code{font-size:.9em}"
       ".req{font-size:.9em;font-style:italic}"
       + "".join(f".s-{s}{{background:#{c}}}" for s, c in SHADE.items()))


def _page(title: str, body: list[str]) -> str:
    e = html.escape
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{e(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
            + "\n".join(body) + "\n</body>\n</html>\n")


def render_html(checklist: Checklist) -> str:
    e = html.escape
    title = f"Gap checklist: {checklist.name}"
    body = [f"<h1>{e(title)}</h1>", f"<p>{e(intro(checklist))}</p>",
            "<table><tr><th>Elements</th>" + "".join(f"<th>{LABEL[s]}</th>" for s in STATUSES)
            + "</tr>"]
    for core, heading in GROUPS:
        counts = checklist.counts(core)
        body.append(f"<tr><td>{heading} ({sum(counts.values())})</td>"
                    + "".join(f"<td>{n}</td>" for n in counts.values()) + "</tr>")
    body.append("</table>")
    for core, heading in GROUPS:
        body += [f"<h2>{heading}</h2>", "<table><tr><th>Element</th><th>Status</th>"
                 "<th>Existing law</th><th>The draft proposes</th></tr>"]
        for r in checklist.group(core):
            evidence = "<br>".join(e(line) for line in evidence_lines(r))
            body.append(f"<tr><td><strong>{e(r.element.title)}</strong> "
                        f"(<code>{e(r.element.id)}</code>)<div class=\"req\">"
                        f"{e(r.element.requirement)}</div></td>"
                        f"<td class=\"s-{r.status}\">{LABEL[r.status]}</td><td>{evidence}</td>"
                        f"<td>{e(proposed_text(checklist, r))}</td></tr>")
        body.append("</table>")
    return _page(title, body)


def render_matrix_html(matrix: Matrix) -> str:
    e = html.escape
    head = "".join(f"<th title=\"{e(el.id)}\">{i}</th>"
                   for i, el in enumerate(matrix.elements, start=1))
    body = ["<h1>Gap matrix</h1>", f"<table><tr><th>Jurisdiction</th>{head}"
            "<th>Statute texts as at</th></tr>"]
    for c in matrix.checklists:
        body.append(f"<tr><td>{e(c.name)} (<code>{e(c.jurisdiction)}</code>)</td>"
                    + "".join(f"<td class=\"mark s-{r.status}\" title=\"{e(cell_title(r))}\">"
                              f"{e(mark(r))}</td>" for r in _by_element(c))
                    + f"<td>{e(statute_dates(c))}</td></tr>")
    body += ["</table>", f"<p>Legend: {e(LEGEND)}; {e(SOURCE_LEGEND)}</p>", "<ol>"]
    body += [f"<li><code>{e(el.id)}</code>{'' if el.core else ' (optional)'}: {e(el.title)}</li>"
             for el in matrix.elements]
    return _page("Gap matrix", body + ["</ol>"])


# --- DOCX ----------------------------------------------------------------------------------

def schedule(checklist: Checklist) -> Schedule:
    """The checklist as a schedule to a bill (`draft --with-checklist`)."""
    rows = tuple((f"{r.element.title} ({r.element.id})" + ("" if r.element.core else
                                                          " [optional]"),
                  LABEL[r.status], "\n".join(evidence_lines(r)), proposed_text(checklist, r))
                 for r in checklist.rows)
    return Schedule(title=f"Gap checklist: {checklist.name}",
                    heading_row=("Model element", "Status", "Existing law", "This draft"),
                    rows=rows, widths=(5, 3, 8, 4),
                    intro=f"{summary_line(checklist, True)}. {summary_line(checklist, False)}.")


def _run(text: str, *, bold: bool = False, italic: bool = False, size: int = 0) -> str:
    """Runs for one piece of text; line breaks in it become <w:br/>."""
    rpr = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "") + (
        f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>' if size else "")
    runs = []
    for i, line in enumerate(text.split("\n")):
        br = "<w:br/>" if i else ""
        runs.append(f"<w:r>{f'<w:rPr>{rpr}</w:rPr>' if rpr else ''}{br}"
                    f'<w:t xml:space="preserve">{xml_escape(line)}</w:t></w:r>')
    return "".join(runs)


def _para(style: str, runs: str) -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{ds.STYLE_IDS[style]}"/></w:pPr>{runs}</w:p>'


def _table(widths: tuple[int, ...], header: tuple[str, ...],
           rows: list[tuple[list[str], tuple[str, ...]]], centre_from: int = 99) -> str:
    """A 'Schedule Table' with a repeated header row; each row is (cells of runs, shading);
    columns from `centre_from` on are centred (the matrix's marks)."""
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    out = ['<w:tbl><w:tblPr><w:tblStyle w:val="ScheduleTable"/>'
           f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
           '<w:tblLook w:val="0020" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
           f'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>']
    body_rows = [([_run(h, bold=True) for h in header], ("",) * len(header), True)]
    body_rows += [(cells, shades, False) for cells, shades in rows]
    for cells, shades, is_header in body_rows:
        out.append("<w:tr>" + ('<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>' if is_header
                               else "<w:trPr><w:cantSplit/></w:trPr>"))
        for column, (width, cell, shade) in enumerate(zip(widths, cells, shades)):
            fill = f'<w:shd w:val="clear" w:color="auto" w:fill="{shade}"/>' if shade else ""
            centre = '<w:pPr><w:jc w:val="center"/></w:pPr>' if column >= centre_from else ""
            out.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{fill}</w:tcPr>'
                       f"<w:p>{centre}{cell}</w:p></w:tc>")
        out.append("</w:tr>")
    return "".join(out) + "</w:tbl><w:p/>"  # the empty paragraph spaces what follows


def _checklist_body(checklist: Checklist) -> str:
    widths = (2800, 1300, 2926, 2000)
    out = [_para("Bill Title", _run(f"Gap checklist: {checklist.name}")),
           _para("Schedule Text", _run(intro(checklist))),
           _table((3026, *(1500,) * len(STATUSES)), ("Elements", *(LABEL[s] for s in STATUSES)),
                  [([_run(f"{heading} ({sum(counts.values())})"),
                     *(_run(str(n)) for n in counts.values())], ("",) * 5)
                   for core, heading in GROUPS for counts in [checklist.counts(core)]])]
    for core, heading in GROUPS:
        rows = [([_run(r.element.title, bold=True) + _run(f" ({r.element.id})")
                  + _run("\n" + r.element.requirement, italic=True, size=18),
                  _run(LABEL[r.status], bold=True), _run("\n".join(evidence_lines(r))),
                  _run(proposed_text(checklist, r))], ("", SHADE[r.status], "", ""))
                 for r in checklist.group(core)]
        out += [_para("Part Heading", _run(heading)),
                _table(widths, ("Element and what the model requires", "Status",
                                "Existing law", "The draft proposes"), rows)]
    return "".join(out)


LANDSCAPE_WIDTH = ds.PAGE_HEIGHT - 2 * ds.MARGIN
#: The least width (twentieths of a point) of the matrix's jurisdiction column.
MATRIX_NAMES = 1900


def _matrix_body(matrix: Matrix) -> str:
    # the names keep a column that holds "Antigua and Barbuda" on two lines; the element
    # columns share the rest (860 each while they fit: 18 elements do not)
    column = min(860, (LANDSCAPE_WIDTH - MATRIX_NAMES) // max(len(matrix.elements), 1))
    widths = (LANDSCAPE_WIDTH - column * len(matrix.elements), *(column,) * len(matrix.elements))
    header = ("Jurisdiction", *(str(i) for i in range(1, len(matrix.elements) + 1)))
    rows = [([_run(c.name) + _run(f" ({c.jurisdiction})", size=16)
              + _run(f"\nstatute texts as at {statute_dates(c)}", size=14),
              *(_run(mark(r), bold=True) for r in _by_element(c))],
             ("", *(SHADE[r.status] for r in _by_element(c)))) for c in matrix.checklists]
    key_rows = [([_run(str(i)), _run(e.id), _run(e.title),
                  _run("core" if e.core else "optional")], ("",) * 4)
                for i, e in enumerate(matrix.elements, start=1)]
    return "".join([
        _para("Bill Title", _run("Gap matrix")),
        _para("Schedule Text", _run(f"{len(matrix.checklists)} jurisdictions against the "
                                    f"{len(matrix.elements)} elements of the model law.")),
        _table(widths, header, rows, centre_from=1),
        _para("Schedule Text", _run(f"Legend: {LEGEND}; {SOURCE_LEGEND}")),
        _para("Part Heading", _run("Columns")),
        _table((800, 3600, LANDSCAPE_WIDTH - 5600, 1200), ("", "Element", "Title", ""),
               key_rows)])


def _document(body: str, landscape: bool) -> bytes:
    width, height = (ds.PAGE_HEIGHT, ds.PAGE_WIDTH) if landscape else (ds.PAGE_WIDTH,
                                                                        ds.PAGE_HEIGHT)
    orient = ' w:orient="landscape"' if landscape else ""
    sect = (f'<w:sectPr><w:headerReference w:type="default" r:id="{ds.HEADER_REL}"/>'
            f'<w:footerReference w:type="default" r:id="{ds.FOOTER_REL}"/>'
            f'<w:pgSz w:w="{width}" w:h="{height}"{orient}/>'
            f'<w:pgMar w:top="{ds.MARGIN}" w:right="{ds.MARGIN}" w:bottom="{ds.MARGIN}" '
            f'w:left="{ds.MARGIN}" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>')
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:document xmlns:w="{ds.W_NS}" xmlns:r="{ds.R_NS}"><w:body>{body}'
            f"{sect}</w:body></w:document>").encode("utf-8")


def _header_xml(text: str, landscape: bool) -> bytes:
    """The running header: what the document is and for whom, and that it is a working paper
    (the Header style's right tab stop is for portrait; landscape moves it to the margin)."""
    tabs = (f'<w:tabs><w:tab w:val="clear" w:pos="{ds.TEXT_WIDTH}"/>'
            f'<w:tab w:val="right" w:pos="{LANDSCAPE_WIDTH}"/></w:tabs>' if landscape else "")
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:hdr xmlns:w="{ds.W_NS}"><w:p><w:pPr><w:pStyle w:val="Header"/>{tabs}</w:pPr>'
            f'<w:r><w:t xml:space="preserve">{xml_escape(text)}</w:t></w:r><w:r><w:tab/></w:r>'
            "<w:r><w:rPr><w:b/></w:rPr><w:t>WORKING PAPER</w:t></w:r></w:p></w:hdr>"
            ).encode("utf-8")


def _properties(title: str, subject: str, jurisdictions: str) -> tuple[bytes, bytes]:
    """core.xml and custom.xml; the date is fixed so that bytes repeat run to run."""
    when = "2026-01-01T00:00:00Z"
    fields = (("dc:title", title), ("dc:subject", subject), ("dc:creator", "modellaw"),
              ("cp:keywords", f"model law; gap checklist; jurisdiction:{jurisdictions}"),
              ("dc:language", "en"), ("cp:category", "Gap checklist"),
              ("cp:lastModifiedBy", "modellaw"), ("cp:revision", "1"))
    core = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            + "".join(f"<{k}>{xml_escape(v)}</{k}>" for k, v in fields)
            + f'<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>'
            "</cp:coreProperties>")
    custom = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
              'custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
              '2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" '
              f'pid="2" name="modellaw.jurisdiction"><vt:lpwstr>{xml_escape(jurisdictions)}'
              "</vt:lpwstr></property></Properties>")
    return core.encode("utf-8"), custom.encode("utf-8")


def _package(body: str, title: str, jurisdictions: str, landscape: bool) -> bytes:
    core, custom = _properties(title, title, jurisdictions)
    return zip_parts([
        ("[Content_Types].xml", ds.CONTENT_TYPES_XML.encode("utf-8")),
        ("_rels/.rels", ds.PACKAGE_RELS_XML.encode("utf-8")),
        ("docProps/core.xml", core),
        ("docProps/app.xml", ds.APP_XML.encode("utf-8")),
        ("docProps/custom.xml", custom),
        ("word/document.xml", _document(body, landscape)),
        ("word/_rels/document.xml.rels", ds.DOCUMENT_RELS_XML.encode("utf-8")),
        ("word/styles.xml", ds.STYLES_XML.encode("utf-8")),
        ("word/numbering.xml", (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                                f'<w:numbering xmlns:w="{ds.W_NS}"/>').encode("utf-8")),
        ("word/settings.xml", ds.SETTINGS_XML.encode("utf-8")),
        ("word/fontTable.xml", ds.FONT_TABLE_XML.encode("utf-8")),
        ("word/header1.xml", _header_xml(title, landscape)),
        ("word/footer1.xml", FOOTER_XML),
    ])


def render_docx(checklist: Checklist) -> bytes:
    """A portrait A4 checklist in the bill's house style, headed with the jurisdiction."""
    return _package(_checklist_body(checklist), f"Gap checklist: {checklist.name}",
                    checklist.jurisdiction, landscape=False)


def render_matrix_docx(matrix: Matrix) -> bytes:
    """A landscape A4 matrix: thirteen element columns need the width."""
    ids = ",".join(c.jurisdiction for c in matrix.checklists)
    return _package(_matrix_body(matrix), "Gap matrix", ids, landscape=True)


# --- dispatch ------------------------------------------------------------------------------

def render(checklists: list[Checklist], fmt: str, matrix: bool) -> bytes:
    """One checklist, or a matrix of several, in `fmt`.  JSON is never a matrix: a pipeline
    wants the full records, so several profiles give a list of checklists."""
    if fmt == "json":
        return render_json(checklists, many=matrix).encode("utf-8")
    if fmt == "csv":
        return render_csv(checklists).encode("utf-8")
    if matrix:
        table = Matrix(tuple(checklists))
        if fmt == "docx":
            return render_matrix_docx(table)
        writer = {"text": render_matrix_text, "md": render_matrix_md,
                  "html": render_matrix_html}[fmt]
        return writer(table).encode("utf-8")
    if fmt == "docx":
        return render_docx(checklists[0])
    writer1 = {"text": render_text, "md": render_md, "html": render_html}[fmt]
    return writer1(checklists[0]).encode("utf-8")
