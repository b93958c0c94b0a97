"""Bill -> Markdown that reads as a bill on any common Markdown viewer.

Subsections are paragraphs with their label in bold; paragraphs and subparagraphs are nested
list items, so viewers indent them.  Each section and definition is preceded by an HTML
comment carrying its clause id and stable id (invisible when rendered) so that the reviewer's
Markdown reader can recognise provisions after people edit the text.
"""

from __future__ import annotations

import re

from modellaw.model import Bill, Inline, Kind, Node, plain

ESCAPE = re.compile(r"([\\`*_\[\]<>|#])")
#: What would start a list, quote or heading at the start of a line ("1." or "2)" too).
LINE_START = re.compile(r"^([+\-=>])", re.M)
ORDERED = re.compile(r"^(\d+)([.)])", re.M)


def escape(text: str) -> str:
    """Backslash-escape what Markdown would read as markup, so text shows as written."""
    text = ESCAPE.sub(r"\\\1", text)
    return ORDERED.sub(r"\1\\\2", LINE_START.sub(r"\\\1", text))


def inline(parts: tuple[Inline, ...]) -> str:
    return escape(plain(parts))


def part_title(bill: Bill, part: Node) -> str:
    """`PART 2`; a civil-law law's `Chapter Two`."""
    label = bill.style.part_label
    return f"{label if bill.civil else label.upper()} {part.num}"


def section_title(bill: Bill, section: Node) -> str:
    if bill.style.tradition == "civil-law":
        return f"Article {section.num}. {section.heading}"
    return f"{section.num}. {section.heading}"


def provenance_comment(node: Node) -> str:
    elements = ",".join(node.provenance.elements)
    return f"<!-- modellaw: clause={node.provenance.clause} id={node.id} elements={elements} -->"


def _item(node: Node, depth: int) -> list[str]:
    """A paragraph or subparagraph as a (nested) list item."""
    pad = "  " * depth
    label = f"**{node.num}** " if node.num else ""
    lines = [f"{pad}- {label}{inline(node.text)}".rstrip()]
    for child in node.children:
        lines += _item(child, depth + 1)
    if node.wrap_up:
        lines += ["", f"{pad}  {inline(node.wrap_up)}", ""]
    return lines


def provision_lines(node: Node) -> list[str]:
    """A subsection (or a section's own text) as a paragraph, with its list below it."""
    out: list[str] = []
    label = f"**{node.num}** " if node.kind is Kind.SUBSECTION else ""
    if node.text or label:
        out += [f"{label}{inline(node.text)}".rstrip(), ""]
    items: list[str] = []
    for child in node.children:
        if child.kind is Kind.SUBSECTION:
            out += provision_lines(child)
        elif child.kind is Kind.DEFINITION:
            items += definition_lines(child)
        else:
            items += _item(child, 0)
    if items:
        out += items + [""]
    if node.wrap_up:
        out += [inline(node.wrap_up), ""]
    return out


def definition_lines(node: Node) -> list[str]:
    lines = [provenance_comment(node),
             f"- \u201c**{escape(node.term)}**\u201d {inline(node.text)}".rstrip()]
    for child in node.children:
        lines += _item(child, 1)
    if node.wrap_up:
        lines += ["", f"  {inline(node.wrap_up)}", ""]
    return lines


def front_matter(bill: Bill) -> list[str]:
    """A bill's title, "A BILL", long title, recitals and enacting formula; a civil-law law's
    number and title, then its preamble: the promulgating authority, the visas and the
    formula that closes them."""
    if not bill.civil:
        lines = [f"# {escape(bill.short_title)}", "",
                 f"*Draft bill \u2014 {escape(bill.jurisdiction_name)}*", "",
                 "**A BILL**", "", f"*{escape(bill.long_title)}*", ""]
        lines += [escape(recital) + "\n" for recital in bill.preamble]
        return lines + [f"**{escape(bill.enacting_formula)}**", "",
                        "## Arrangement of sections", ""]
    lines = [f"# {escape(bill.short_title)}", "", f"*Draft law \u2014 {escape(bill.jurisdiction_name)}*",
             ""]
    if bill.authority:
        lines += [f"**{escape(bill.authority)}**", ""]
    lines += [escape(visa) + "\n" for visa in bill.preamble]
    return lines + [f"**{escape(bill.enacting_formula)}**", "", "## Table of contents", ""]


def render_markdown(bill: Bill) -> str:
    lines = front_matter(bill)
    for part in bill.parts:
        lines.append(f"- {part_title(bill, part)} \u2014 {escape(part.heading)}")
        for section in part.children:
            lines.append(f"  - {escape(section_title(bill, section))}")
    lines.append("")
    for part in bill.parts:
        lines += [f"## {part_title(bill, part)} \u2014 {escape(part.heading)}", ""]
        for section in part.children:
            lines += [provenance_comment(section),
                      f"### {escape(section_title(bill, section))}", ""]
            lines += provision_lines(section)
    if bill.civil and bill.reasons:
        lines += ["## Justifying reasons", "", escape(bill.reasons), ""]
    while lines and lines[-1] == "":
        lines.pop()
    text = "\n".join(lines) + "\n"
    return re.sub(r"\n{3,}", "\n\n", text)
