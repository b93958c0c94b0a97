"""The amending bill as Markdown, Word and JSON.

It reads like an amending bill: each amending section's words, then the provisions it
inserts or substitutes, quoted and indented in the style of the Act; at the end a table of
amendments saying which model element and clause each implements and what gap it closes.
"""

from __future__ import annotations

import json

from modellaw.amend.bill import AmendingBill, AmendingSection
from modellaw.amend.plan import Plan
from modellaw.model import Bill, Kind, Node
from modellaw.write import docx_styles as ds
from modellaw.write.amending_akn import render_amending_akn
from modellaw.write.keeling import INDENT, WordDocument, provision_lines
from modellaw.write.markdown import escape

FORMATS = {"md": ".md", "docx": ".docx", "akn": ".xml", "json": ".json"}
TABLE = ("Section", "Action", "Provision of the Act", "Model element", "Model clause",
         "Before", "Gap it closes")


def quoted_lines(bill: AmendingBill, nodes: tuple[Node, ...]) -> list[tuple[Kind, str]]:
    """Inserted provisions as printed inside the bill: opening quote on the first line,
    closing quote and stop on the last."""
    word = bill.tradition.section("").strip()
    lines = [(k, t) for n in nodes for k, t in provision_lines(n, word, bill.tradition.civil)]
    if lines:
        lines[0] = (lines[0][0], "\u201c" + lines[0][1])
        lines[-1] = (lines[-1][0], lines[-1][1] + "\u201d.")
    return lines


def section_title(bill: AmendingBill, section: AmendingSection) -> str:
    if bill.tradition.civil:
        return f"Article {section.num} \u2014 {section.heading}"
    return f"{section.num}. {section.heading}"


def rows(bill: AmendingBill) -> list[tuple[str, ...]]:
    return [(r.section, r.action, r.target, r.element, r.clause, r.status, r.gap)
            for r in bill.rows]


def render_markdown(bill: AmendingBill) -> bytes:
    out = [f"# {escape(bill.short_title)}", "", f"*{escape(bill.long_title)}*", "",
           f"**{escape(bill.enacting_formula)}**", ""]
    for section in bill.sections:
        out += [f"### {escape(section_title(bill, section))}", ""]
        if section.lead:
            out += [escape(section.lead), ""]
        for item in section.items:
            if item.text:
                out += [escape(item.text), ""]
            for kind, text in quoted_lines(bill, item.quoted):
                indent = "> " if kind in (Kind.SECTION, Kind.SUBSECTION) else "> > "
                out += [indent + ("**" + escape(text) + "**" if kind is Kind.SECTION
                                  else escape(text)), ""]
    out += ["## Table of amendments", "",
            "Each amendment, the model element and clause it implements, and the gap in the "
            "Act it closes (the finding of `modellaw analyze`).", "",
            "| " + " | ".join(TABLE) + " |", "|" + "---|" * len(TABLE)]
    out += ["| " + " | ".join(escape(c) for c in row) + " |" for row in rows(bill)]
    out += ["", f"Round trip: the instructions, applied to the Act as read, give exactly the "
                f"amended text ({len(bill.instructions)} instructions).", ""]
    return "\n".join(out).encode("utf-8")


def render_json(bill: AmendingBill) -> bytes:
    data = {"statute": bill.act_title, "amending_act": bill.short_title,
            "tradition": bill.tradition.key,
            "instructions": [{"element": i.element, "clause": i.clause, "action": i.action,
                              "target": i.target if i.where.section else
                              bill.tradition.section(i.nodes[0].num),
                              "text": i.text} for i in bill.instructions],
            "round_trip": bill.proof.holds}
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def properties(bill: AmendingBill) -> Bill:
    """What the Word package's properties and running header need, as a Bill."""
    return Bill(jurisdiction=bill.jurisdiction, jurisdiction_name=bill.act_title,
                short_title=bill.short_title, long_title=bill.long_title,
                enacting_formula=bill.enacting_formula, parts=(), date=bill.date)


def render(plan: Plan, bill: AmendingBill, fmt: str) -> bytes:
    if fmt == "akn":
        return render_amending_akn(plan, bill)
    return {"md": render_markdown, "docx": render_docx, "json": render_json}[fmt](bill)


def render_docx(bill: AmendingBill) -> bytes:
    doc = WordDocument(bill.date)
    doc.run(doc.para("Bill Title"), bill.short_title)
    doc.run(doc.para("Long Title"), bill.long_title)
    doc.run(doc.para("Enacting Formula"), bill.enacting_formula)
    for section in bill.sections:
        doc.run(doc.para("Section Heading"), section_title(bill, section))
        if section.lead:
            doc.run(doc.para("Section Text"), section.lead)
        for item in section.items:
            if item.text:
                doc.run(doc.para("Subsection", ds.TEXT_INDENT["section"]), item.text)
            for kind, text in quoted_lines(bill, item.quoted):
                # quoted provisions sit one step further in than the bill's own words
                indent = INDENT.get(kind, 0) + ds.TEXT_INDENT["section"]
                p = doc.para("Section Heading" if kind is Kind.SECTION else "Section Text",
                             indent)
                doc.run(p, text, bold=kind is Kind.SECTION)
    doc.run(doc.para("Schedule Heading"), "Table of amendments")
    doc.table(TABLE, rows(bill), (700, 900, 1700, 1400, 1500, 800))
    return doc.package(properties(bill))
