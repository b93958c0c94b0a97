"""A DiffResult as a Word redline: the reference text with the draft's departures as native
tracked changes, which a reviewer accepts or rejects in Word or LibreOffice.

Rejecting every change gives the reference (the model); accepting every change gives the
draft's wording.  Each change is a `w:ins` / `w:del` by author "modellaw" dated with the
reference's fixed date, so the same diff gives the same bytes.  A whole paragraph that
appears or disappears carries the revision on its paragraph mark too, so accepting or
rejecting it leaves no empty paragraph behind.  Findings are Word comments on the provision
they concern, and are listed again in a closing table for printing.
"""

from __future__ import annotations

import re

from lxml import etree

from modellaw.write import docx_styles as ds
from modellaw.judge.diff import DiffResult, Finding, ProvisionDiff, summary_line
from modellaw.write.docx import (FOOTER_XML, append_section_properties, escape, row_props,
                                 zip_parts)

W = ds.W_NS
AUTHOR = "modellaw"
SUB = etree.SubElement
LEVEL_STYLE = ((re.compile(r"^\(\d+[A-Za-z]?\)"), "Subsection"),
               (re.compile(r"^\((?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\)"), "Subparagraph"),
               (re.compile(r"^\([a-z]{1,3}\)"), "Paragraph"))
COMMENTS_CT = ('<Override PartName="/word/comments.xml" ContentType="application/vnd.'
               'openxmlformats-officedocument.wordprocessingml.comments+xml"/>')
COMMENTS_REL = ('<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/'
                'officeDocument/2006/relationships/comments" Target="comments.xml"/>')


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


class _Redline:
    def __init__(self, result: DiffResult) -> None:
        self.result = result
        self.date = f"{result.date}T00:00:00Z"
        self.body = etree.Element(_q("body"), nsmap={"w": W, "r": ds.R_NS})
        self.revision = 0
        self.comments: list[tuple[int, Finding]] = []
        self.pending: list[int] = []  # comments opened on the paragraph being written

    # --- primitives ------------------------------------------------------------------------
    def para(self, style: str, indent: int | None = None) -> etree._Element:
        p = SUB(self.body, _q("p"))
        ppr = SUB(p, _q("pPr"))
        SUB(ppr, _q("pStyle")).set(_q("val"), ds.STYLE_IDS.get(style, style))
        numpr = SUB(ppr, _q("numPr"))  # the styles link to a list: labels here are typed
        SUB(numpr, _q("ilvl")).set(_q("val"), "0")
        SUB(numpr, _q("numId")).set(_q("val"), "0")
        if indent is not None:
            ind = SUB(ppr, _q("ind"))
            ind.set(_q("left"), str(indent))
            ind.set(_q("firstLine"), "0")
        return p

    def mark(self, tag: str) -> etree._Element:
        self.revision += 1
        el = etree.Element(_q(tag))
        el.set(_q("id"), str(self.revision))
        el.set(_q("author"), AUTHOR)
        el.set(_q("date"), self.date)
        return el

    @staticmethod
    def run(parent: etree._Element, text: str, *, deleted: bool = False, bold: bool = False
            ) -> None:
        r = SUB(parent, _q("r"))
        if bold:
            SUB(SUB(r, _q("rPr")), _q("b"))
        t = SUB(r, _q("delText" if deleted else "t"))
        t.text = text
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")

    def tracked(self, p: etree._Element, text: str, op: str) -> None:
        if not text:
            return
        if op == "equal":
            self.run(p, text)
            return
        wrapper = self.mark("ins" if op == "insert" else "del")
        p.append(wrapper)
        self.run(wrapper, text, deleted=op == "delete")

    def mark_paragraph(self, p: etree._Element, op: str) -> None:
        """The paragraph mark itself was inserted or deleted."""
        ppr = p.find(_q("pPr"))
        rpr = ppr.find(_q("rPr"))
        if rpr is None:
            rpr = SUB(ppr, _q("rPr"))
        rpr.append(self.mark("ins" if op == "insert" else "del"))

    # --- provisions ------------------------------------------------------------------------
    def provision(self, p: ProvisionDiff) -> None:
        """The provision's lines as paragraphs, its changes tracked inside them."""
        pieces: list[tuple[str, str]] = []  # (op, text) with "\n" kept as its own piece
        for change in p.changes:
            if change.op == "replace":
                pieces += _split("delete", change.old) + _split("insert", change.new)
            else:
                pieces += _split(change.op, change.new if change.op == "insert" else change.old)
        first = True
        paragraph: list[tuple[str, str]] = []
        for op, text in pieces + [("equal", "\n")]:
            if text != "\n":
                paragraph.append((op, text))
                continue
            self.emit(p, paragraph, first, op)
            paragraph, first = [], False

    def emit(self, p: ProvisionDiff, pieces: list[tuple[str, str]], first: bool,
             mark_op: str) -> None:
        shown = "".join(t for op, t in pieces if op != "delete") or "".join(t for _, t in pieces)
        if first and p.kind == "section":
            para = self.para("Section Heading")
            label = (p.draft or p.reference).split()[-1]
            self.run(para, f"{label}.\t")
            self.comment_start(para, p.findings)
        elif first:
            para = self.para("Definition")
            self.comment_start(para, p.findings)
        else:
            style = next((s for regex, s in LEVEL_STYLE if regex.match(shown)), "Section Text")
            indent = {"Subsection": ds.TEXT_INDENT["section"],
                      "Paragraph": ds.TEXT_INDENT["subsection"],
                      "Subparagraph": ds.TEXT_INDENT["paragraph"]}.get(style)
            para = self.para(style, indent)
        for op, text in pieces:
            self.tracked(para, text, op)
        if first:
            self.comment_end(para)
        if mark_op in ("insert", "delete"):
            self.mark_paragraph(para, mark_op)
        elif p.status in ("added", "missing"):
            self.mark_paragraph(para, "insert" if p.status == "added" else "delete")

    def comment_start(self, para: etree._Element, findings: tuple[Finding, ...]) -> None:
        self.pending = []
        for finding in findings:
            cid = len(self.comments)
            self.comments.append((cid, finding))
            SUB(para, _q("commentRangeStart")).set(_q("id"), str(cid))
            self.pending.append(cid)

    def comment_end(self, para: etree._Element) -> None:
        for cid in self.pending:
            SUB(para, _q("commentRangeEnd")).set(_q("id"), str(cid))
            r = SUB(para, _q("r"))
            SUB(SUB(r, _q("rPr")), _q("rStyle")).set(_q("val"), "CommentReference")
            SUB(r, _q("commentReference")).set(_q("id"), str(cid))
        self.pending = []

    # --- the document ----------------------------------------------------------------------
    def document(self) -> bytes:
        result = self.result
        self.run(self.para("Bill Title"), f"Review of {result.draft}")
        self.run(self.para("Cover Line"), f"against {result.against}")
        self.run(self.para("Long Title"), summary_line(result) + ". Deletions show the "
                 "reference's words the draft removed, insertions the draft's own words; "
                 "each finding is a comment on its provision.")
        for p in result.provisions:
            self.provision(p)
        if result.additions:
            self.run(self.para("Part Heading"), "Provisions the draft adds")
            for p in result.additions:
                self.provision(p)
        self.findings_table()
        append_section_properties(self.body)
        doc = etree.Element(_q("document"), nsmap={"w": W, "r": ds.R_NS})
        doc.append(self.body)
        return etree.tostring(doc, xml_declaration=True, encoding="UTF-8", standalone=True)

    def findings_table(self) -> None:
        findings = self.result.findings
        self.run(self.para("Schedule Heading"), "Findings")
        if not findings:
            self.run(self.para("Schedule Text"), "No rule found a weakened protection.")
            return
        columns = ("Severity", "Rule", "Where", "Finding and why it matters")
        widths = (1100, 1900, 2400, ds.TEXT_WIDTH - 5400)
        tbl = SUB(self.body, _q("tbl"))
        tblpr = SUB(tbl, _q("tblPr"))
        SUB(tblpr, _q("tblStyle")).set(_q("val"), "ScheduleTable")
        grid = SUB(tbl, _q("tblGrid"))
        for width in widths:
            SUB(grid, _q("gridCol")).set(_q("w"), str(width))
        rows = [(columns, True)] + [((f.severity, f.rule, f.location,
                                      f"{f.message}. {f.explanation}"), False) for f in findings]
        for cells, header in rows:
            tr = SUB(tbl, _q("tr"))
            row_props(tr, header)
            for text, width in zip(cells, widths):
                tc = SUB(tr, _q("tc"))
                tcw = SUB(SUB(tc, _q("tcPr")), _q("tcW"))
                tcw.set(_q("w"), str(width))
                tcw.set(_q("type"), "dxa")
                self.run(SUB(tc, _q("p")), text, bold=header)
        SUB(self.body, _q("p"))

    def comments_xml(self) -> bytes:
        parts = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 f'<w:comments xmlns:w="{W}">']
        for cid, f in self.comments:
            parts.append(
                f'<w:comment w:id="{cid}" w:author="{AUTHOR}" w:date="{self.date}" '
                f'w:initials="ML"><w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">'
                f'{escape(f.severity)}: {escape(f.rule)}</w:t></w:r></w:p><w:p><w:r>'
                f'<w:t xml:space="preserve">{escape(f.message)}.</w:t></w:r></w:p><w:p><w:r>'
                f'<w:t xml:space="preserve">{escape(f.explanation)}</w:t></w:r></w:p>'
                "</w:comment>")
        parts.append("</w:comments>")
        return "".join(parts).encode("utf-8")


def _split(op: str, text: str) -> list[tuple[str, str]]:
    """Text cut at line ends, each line end its own piece (it becomes a paragraph mark)."""
    out: list[tuple[str, str]] = []
    for index, chunk in enumerate(text.split("\n")):
        if index:
            out.append((op, "\n"))
        if chunk:
            out.append((op, chunk))
    return out


def _core(result: DiffResult) -> bytes:
    when = f"{result.date}T00:00:00Z"
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>Review of {escape(result.draft)} against {escape(result.against)}"
            "</dc:title><dc:creator>modellaw</dc:creator><cp:lastModifiedBy>modellaw"
            "</cp:lastModifiedBy><cp:revision>1</cp:revision>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>'
            "</cp:coreProperties>").encode("utf-8")


def _header(result: DiffResult) -> bytes:
    text = escape(f"Review of {result.draft} against {result.against}")
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:hdr xmlns:w="{W}"><w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr>'
            f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p></w:hdr>').encode("utf-8")


NUMBERING_XML = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 f'<w:numbering xmlns:w="{W}"/>').encode("utf-8")
CUSTOM_XML = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
              'custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
              '2006/docPropsVTypes"/>').encode("utf-8")


def redline_docx(result: DiffResult) -> bytes:
    """The redline as the bytes of a .docx file."""
    writer = _Redline(result)
    document = writer.document()
    content_types = ds.CONTENT_TYPES_XML.replace("</Types>", COMMENTS_CT + "</Types>")
    rels = ds.DOCUMENT_RELS_XML.replace("</Relationships>", COMMENTS_REL + "</Relationships>")
    return zip_parts([
        ("[Content_Types].xml", content_types.encode("utf-8")),
        ("_rels/.rels", ds.PACKAGE_RELS_XML.encode("utf-8")),
        ("docProps/core.xml", _core(result)),
        ("docProps/app.xml", ds.APP_XML.encode("utf-8")),
        ("docProps/custom.xml", CUSTOM_XML),
        ("word/document.xml", document),
        ("word/_rels/document.xml.rels", rels.encode("utf-8")),
        ("word/styles.xml", ds.STYLES_XML.encode("utf-8")),
        ("word/numbering.xml", NUMBERING_XML),
        ("word/settings.xml", ds.SETTINGS_XML.encode("utf-8")),
        ("word/fontTable.xml", ds.FONT_TABLE_XML.encode("utf-8")),
        ("word/header1.xml", _header(result)),
        ("word/footer1.xml", FOOTER_XML),
        ("word/comments.xml", writer.comments_xml()),
    ])
