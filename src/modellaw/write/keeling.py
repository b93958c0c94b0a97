"""The Keeling schedule: the Act as amended with every change visible.

In Word the changes are real revision marks (`w:ins` / `w:del`, author and date fixed from
the bill's date), so a drafter can accept or reject each; rejecting all gives the Act as
read, accepting all the Act as amended.  In Markdown and HTML insertions and deletions are
marked (`<ins>`, `<del>`).  Changes are shown word by word inside an amended provision and
as whole provisions where one is new or replaced.
"""

from __future__ import annotations

import html
from difflib import SequenceMatcher
from typing import Callable, Iterator

from lxml import etree

from modellaw.amend.instructions import TOKEN
from modellaw.amend.plan import Plan
from modellaw.amend.tree import with_repealed
from modellaw.model import Bill, Kind, Node
from modellaw.records import record
from modellaw.write import docx_styles as ds
from modellaw.write.docx import FOOTER_XML, _core, _custom, _header, append_section_properties, zip_parts
from modellaw.write.redline import NUMBERING_XML, _Redline

SUFFIXES = {".md": "md", ".docx": "docx", ".html": "html", ".htm": "html"}
STYLE = {Kind.SECTION: "Section Heading", Kind.SUBSECTION: "Subsection",
         Kind.PARAGRAPH: "Paragraph", Kind.SUBPARAGRAPH: "Subparagraph",
         Kind.DEFINITION: "Definition"}
INDENT = {Kind.SUBSECTION: ds.TEXT_INDENT["section"], Kind.PARAGRAPH: ds.TEXT_INDENT["subsection"],
          Kind.SUBPARAGRAPH: ds.TEXT_INDENT["paragraph"], Kind.DEFINITION: ds.TEXT_INDENT["section"]}


@record
class Line:
    """One paragraph of the schedule: its level, label, and (op, words) pieces; `whole` says
    the paragraph itself is new ("insert") or gone ("delete")."""

    kind: Kind
    pieces: tuple[tuple[str, str], ...]
    whole: str = ""


def label(node: Node, word: str, civil: bool) -> str:
    """A provision's printed start: `4A. Heading`, `Article 5 bis — Heading`, `(1)`."""
    if node.kind is Kind.SECTION:
        if civil:
            return f"{word} {node.num}" + (f" \u2014 {node.heading}" if node.heading else "")
        return f"{node.num}. {node.heading}".strip()
    return node.num


def own_words(node: Node, marks: Callable[[Node], str]) -> str:
    """A provision's own words as printed: a definition's term in the Act's marks first."""
    if node.kind is not Kind.DEFINITION or not node.term:
        return node.plain_text
    mark = marks(node)
    text = node.plain_text
    return f"{mark[0]}{node.term}{mark[1]}" + ("" if text[:1] in ",;:" or not text else " ") + text


def provision_lines(node: Node, word: str, civil: bool,
                    marks: Callable[[Node], str]) -> Iterator[tuple[Kind, str]]:
    """(level, words) for a provision and everything in it, as it prints; `marks` gives the
    quotation marks around a definition's term."""
    head = label(node, word, civil)
    if node.kind is Kind.SECTION:
        yield node.kind, head
        if node.plain_text:
            yield Kind.SUBSECTION, node.plain_text
    else:
        yield node.kind, " ".join(x for x in (head, own_words(node, marks)) if x)
    for child in node.children:
        yield from provision_lines(child, word, civil, marks)
    if node.plain_wrap_up:
        yield Kind.SUBSECTION, node.plain_wrap_up


def _diff(old: str, new: str) -> tuple[tuple[str, str], ...]:
    a, b = TOKEN.findall(old), TOKEN.findall(new)
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("equal", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("delete", "".join(a[i1:i2])))
        if j2 > j1:
            out.append(("insert", "".join(b[j1:j2])))
    return tuple(out)


def keeling_lines(plan: Plan) -> list[Line]:
    """The amended Act, paragraph by paragraph, each change against the Act as read; a
    provision repealed stays in view, struck through, where it stood."""
    before = {n.id: n for n in plan.act.bill.walk()}
    after = {n.id for n in plan.target.walk()}
    word, civil, marks = plan.tradition.section("").strip(), plan.tradition.civil, plan.marks
    out: list[Line] = []

    def changed(old: str, new: str, kind: Kind) -> Line:
        return Line(kind, _diff(old, new) if old != new else (("equal", new),))

    def visit(node: Node) -> None:
        old = before.get(node.id)
        if old is None:
            out.extend(Line(k, (("insert", t),), "insert")
                       for k, t in provision_lines(node, word, civil, marks))
            return
        was = list(provision_lines(bare(old), word, civil, marks))
        now = list(provision_lines(bare(node), word, civil, marks))
        if len(was) == len(now):
            out.extend(changed(o, n, k) for (_, o), (k, n) in zip(was, now))
        else:
            out.append(changed(" ".join(t for _, t in was), " ".join(t for _, t in now),
                               node.kind))
        for child in with_repealed(old, node, after):
            if child.id in after:
                visit(child)
            else:
                out.extend(Line(k, (("delete", t),), "delete")
                           for k, t in provision_lines(child, word, civil, marks))
        if old.plain_wrap_up or node.plain_wrap_up:
            out.append(changed(old.plain_wrap_up, node.plain_wrap_up, Kind.SUBSECTION))

    for part in plan.target.parts:
        for section in with_repealed(plan.act.bill.find(part.id) or part, part, after):
            if section.id in after:
                visit(section)
            else:
                out.extend(Line(k, (("delete", t),), "delete")
                           for k, t in provision_lines(section, word, civil, marks))
    return out


def bare(node: Node) -> Node:
    """The node alone, without what is below it (its children print as their own lines)."""
    return Node(node.kind, node.id, num=node.num, heading=node.heading, term=node.term,
                text=node.text)


def _title(plans: list[Plan]) -> str:
    return "; ".join(p.act.title for p in plans)


def render_markdown(plans: list[Plan]) -> bytes:
    out = [f"# Keeling schedule: {_title(plans)} as amended", "",
           "Words inserted are marked <ins>thus</ins>; words omitted are marked <del>thus</del>.",
           ""]
    for plan in plans:
        if len(plans) > 1:
            out += [f"## {html.escape(plan.act.title, quote=False)}", ""]
        for line in keeling_lines(plan):
            text = "".join(_md(op, t) for op, t in line.pieces)
            prefix = "### " if line.kind is Kind.SECTION else ""
            out += [prefix + text, ""]
    return "\n".join(out).encode("utf-8")


def _md(op: str, text: str) -> str:
    if op == "equal":
        return html.escape(text, quote=False)
    tag = "ins" if op == "insert" else "del"
    return f"<{tag}>{html.escape(text, quote=False)}</{tag}>"


def render_html(plans: list[Plan]) -> bytes:
    body = []
    for plan in plans:
        if len(plans) > 1:
            body.append(f"<h2>{html.escape(plan.act.title)}</h2>")
        for line in keeling_lines(plan):
            tag = "h3" if line.kind is Kind.SECTION else "p"
            cls = line.kind.value
            body.append(f'<{tag} class="{cls}">' + "".join(_md(op, t) for op, t in line.pieces)
                        + f"</{tag}>")
    title = html.escape(f"Keeling schedule: {_title(plans)} as amended")
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{title}</title><style>body{{font-family:serif;max-width:46em;margin:2em auto}}"
            "ins{color:#05529b;text-decoration:underline}del{color:#b00;text-decoration:"
            "line-through}.subsection,.definition{margin-left:2em}.paragraph{margin-left:4em}"
            ".subparagraph{margin-left:6em}</style></head><body>"
            f"<h1>{title}</h1>" + "\n".join(body) + "</body></html>\n").encode("utf-8")


class WordDocument(_Redline):
    """The redline's Word primitives (styled paragraphs, runs, revision marks) for a
    document that is not a diff report."""

    def __init__(self, date: str) -> None:  # noqa: D107 - the redline's state, without a diff
        self.date = f"{date}T00:00:00Z"
        self.body = etree.Element(f"{{{ds.W_NS}}}body", nsmap={"w": ds.W_NS, "r": ds.R_NS})
        self.revision = 0
        self.comments = []
        self.pending = []

    def table(self, header: tuple[str, ...], rows: list[tuple[str, ...]],
              widths: tuple[int, ...]) -> None:
        """A bordered table (the last column takes the rest of the line), header repeated."""
        widths = widths + (ds.TEXT_WIDTH - sum(widths),)
        w = ds.W_NS
        tbl = etree.SubElement(self.body, f"{{{w}}}tbl")
        etree.SubElement(etree.SubElement(tbl, f"{{{w}}}tblPr"), f"{{{w}}}tblStyle").set(
            f"{{{w}}}val", "ScheduleTable")
        grid = etree.SubElement(tbl, f"{{{w}}}tblGrid")
        for width in widths:
            etree.SubElement(grid, f"{{{w}}}gridCol").set(f"{{{w}}}w", str(width))
        for index, cells in enumerate([header] + rows):
            tr = etree.SubElement(tbl, f"{{{w}}}tr")
            if index == 0:
                etree.SubElement(etree.SubElement(tr, f"{{{w}}}trPr"), f"{{{w}}}tblHeader")
            for text, width in zip(cells, widths):
                tc = etree.SubElement(tr, f"{{{w}}}tc")
                tcw = etree.SubElement(etree.SubElement(tc, f"{{{w}}}tcPr"), f"{{{w}}}tcW")
                tcw.set(f"{{{w}}}w", str(width))
                tcw.set(f"{{{w}}}type", "dxa")
                self.run(etree.SubElement(tc, f"{{{w}}}p"), text, bold=index == 0)
        etree.SubElement(self.body, f"{{{w}}}p")

    def package(self, bill: Bill) -> bytes:
        append_section_properties(self.body)
        doc = etree.Element(f"{{{ds.W_NS}}}document", nsmap={"w": ds.W_NS, "r": ds.R_NS})
        doc.append(self.body)
        document = etree.tostring(doc, xml_declaration=True, encoding="UTF-8", standalone=True)
        return zip_parts([
            ("[Content_Types].xml", ds.CONTENT_TYPES_XML.encode("utf-8")),
            ("_rels/.rels", ds.PACKAGE_RELS_XML.encode("utf-8")),
            ("docProps/core.xml", _core(bill)),
            ("docProps/app.xml", ds.APP_XML.encode("utf-8")),
            ("docProps/custom.xml", _custom(bill)),
            ("word/document.xml", document),
            ("word/_rels/document.xml.rels", ds.DOCUMENT_RELS_XML.encode("utf-8")),
            ("word/styles.xml", ds.STYLES_XML.encode("utf-8")),
            ("word/numbering.xml", NUMBERING_XML),
            ("word/settings.xml", ds.SETTINGS_XML.encode("utf-8")),
            ("word/fontTable.xml", ds.FONT_TABLE_XML.encode("utf-8")),
            ("word/header1.xml", _header(bill)),
            ("word/footer1.xml", FOOTER_XML),
        ])


def render_docx(plans: list[Plan], bill: Bill) -> bytes:
    """`bill` gives the document properties (the amending bill's title, jurisdiction, date)."""
    doc = WordDocument(bill.date)
    doc.run(doc.para("Bill Title"), "Keeling schedule")
    doc.run(doc.para("Cover Line"), f"{_title(plans)} as amended by the {bill.short_title}")
    for plan in plans:
        if len(plans) > 1:
            doc.run(doc.para("Part Heading"), plan.act.title)
        for line in keeling_lines(plan):
            p = doc.para(STYLE[line.kind] if line.kind is not Kind.SECTION else "Section Heading",
                         INDENT.get(line.kind))
            for op, text in line.pieces:
                doc.tracked(p, text, op)
            if line.whole:
                doc.mark_paragraph(p, line.whole)
    return doc.package(bill)


def render_keeling(plans: list[Plan], fmt: str, bill: Bill) -> bytes:
    if fmt == "docx":
        return render_docx(plans, bill)
    return render_html(plans) if fmt == "html" else render_markdown(plans)
