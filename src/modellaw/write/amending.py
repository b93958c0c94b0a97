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
from modellaw.write.keeling import INDENT, WordDocument, label, provision_lines
from modellaw.write.markdown import escape

FORMATS = {"md": ".md", "docx": ".docx", "akn": ".xml", "json": ".json"}
TABLE = ("Section", "Action", "Provision of the Act", "Model element", "Model clause",
         "Before", "Gap it closes")


def outer_marks(section: AmendingSection, nodes: tuple[Node, ...]) -> str:
    """The marks around a quoted provision: the Act's own double marks, or, where the
    quotation opens with a defined term (itself in double marks), single ones of the same
    kind, as South African and other Commonwealth amending bills print ('"child" means…')."""
    straight = section.marks == '""'
    if nodes and nodes[0].kind is Kind.DEFINITION:
        return "''" if straight else "\u2018\u2019"
    return '""' if straight else "\u201c\u201d"


def quoted_lines(bill: AmendingBill, section: AmendingSection,
                 nodes: tuple[Node, ...]) -> list[tuple[Kind, str]]:
    """Inserted provisions as printed inside the bill: opening mark on the first line,
    closing mark and stop on the last; defined terms in the Act's own marks."""
    word = bill.tradition.section("").strip()
    lines = [(k, t) for n in nodes
             for k, t in provision_lines(n, word, bill.tradition.civil, lambda _: section.marks)]
    if lines:
        mark = outer_marks(section, nodes)
        lines[0] = (lines[0][0], mark[0] + lines[0][1])
        lines[-1] = (lines[-1][0], lines[-1][1] + mark[1] + ".")
    return lines


def entry_lines(bill: AmendingBill, section: AmendingSection,
                entries: tuple[tuple[str, str], ...]) -> list[str]:
    """Arrangement entries as quoted in the bill, one a line, as the Act prints its own
    ("3A. Child sex trafficking"): opening mark on the first, closing mark on the last."""
    word = bill.tradition.section("").strip()
    lines = [label(Node(Kind.SECTION, "entry", num=num, heading=heading), word,
                   bill.tradition.civil) for num, heading in entries]
    if lines:
        mark = outer_marks(section, ())
        lines[0], lines[-1] = mark[0] + lines[0], lines[-1] + mark[1] + "."
    return lines


def section_title(bill: AmendingBill, section: AmendingSection) -> str:
    if bill.tradition.civil:
        return f"Article {section.num} \u2014 {section.heading}"
    return f"{section.num}. {section.heading}"


def part_openings(bill: AmendingBill) -> list[str]:
    """For each section, the Part heading that opens before it ("" where none does): a
    bill amending several Acts has one Part per Act."""
    out, current, number = [], "", 0
    for section in bill.sections:
        if section.part and section.part != current:
            number += 1
            word = "Chapter" if bill.tradition.civil else "Part"
            out.append(f"{word} {number} \u2014 {section.part}")
        else:
            out.append("")
        current = section.part or current
    return out


def rows(bill: AmendingBill) -> list[tuple[str, ...]]:
    return [(r.section, r.action, r.target, r.element, r.clause, r.status, r.gap)
            for r in bill.rows]


def render_markdown(bill: AmendingBill) -> bytes:
    out = [f"# {escape(bill.short_title)}", "", f"*{escape(bill.long_title)}*", "",
           f"**{escape(bill.enacting_formula)}**", ""]
    for section, part in zip(bill.sections, part_openings(bill)):
        if part:
            out += [f"## {escape(part)}", ""]
        out += [f"### {escape(section_title(bill, section))}", ""]
        if section.lead:
            out += [escape(section.lead), ""]
        for item in section.items:
            if item.text:
                out += [escape(item.text), ""]
            out += [f"> {escape(text)}\n" for text in entry_lines(bill, section, item.entries)]
            for kind, text in quoted_lines(bill, section, item.quoted):
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
    data = {"statute": bill.acts[0] if len(bill.acts) == 1 else list(bill.acts),
            "amending_act": bill.short_title, "tradition": bill.tradition.key,
            "instructions": [{"element": i.element, "clause": i.clause, "action": i.action,
                              "statute": row.act,
                              "target": i.target if i.where.section or i.where.front else
                              bill.tradition.section(i.nodes[0].num),
                              "text": i.text} for i, row in zip(bill.instructions, bill.rows)],
            "round_trip": bill.proof.holds}
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def properties(bill: AmendingBill) -> Bill:
    """What the Word package's properties and running header need, as a Bill."""
    return Bill(jurisdiction=bill.jurisdiction, jurisdiction_name=bill.act_title,
                short_title=bill.short_title, long_title=bill.long_title,
                enacting_formula=bill.enacting_formula, parts=(), date=bill.date)


def render(plans: list[Plan], bill: AmendingBill, fmt: str) -> bytes:
    if fmt == "akn":
        return render_amending_akn(plans, bill)
    return {"md": render_markdown, "docx": render_docx, "json": render_json}[fmt](bill)


def render_docx(bill: AmendingBill) -> bytes:
    doc = WordDocument(bill.date)
    doc.run(doc.para("Bill Title"), bill.short_title)
    doc.run(doc.para("Long Title"), bill.long_title)
    doc.run(doc.para("Enacting Formula"), bill.enacting_formula)
    for section, part in zip(bill.sections, part_openings(bill)):
        if part:
            doc.run(doc.para("Part Heading"), part)
        doc.run(doc.para("Section Heading"), section_title(bill, section))
        if section.lead:
            doc.run(doc.para("Section Text"), section.lead)
        for item in section.items:
            if item.text:
                doc.run(doc.para("Subsection", ds.TEXT_INDENT["section"]), item.text)
            for text in entry_lines(bill, section, item.entries):
                doc.run(doc.para("Section Text", 2 * ds.TEXT_INDENT["section"]), text)
            for kind, text in quoted_lines(bill, section, item.quoted):
                # quoted provisions sit one step further in than the bill's own words
                indent = INDENT.get(kind, 0) + ds.TEXT_INDENT["section"]
                p = doc.para("Section Heading" if kind is Kind.SECTION else "Section Text",
                             indent)
                doc.run(p, text, bold=kind is Kind.SECTION)
    doc.run(doc.para("Schedule Heading"), "Table of amendments")
    doc.table(TABLE, rows(bill), (700, 900, 1700, 1400, 1500, 800))
    return doc.package(properties(bill))
