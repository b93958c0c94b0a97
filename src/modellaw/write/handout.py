"""Handout -> Markdown, self-contained HTML, or DOCX a trainer can print as it is.

All three formats print the same things in the same order (see `handout.ElementPage`): the
model provision set apart as statutory text, what it means, why it matters with the report's
words attributed, the drafter's commentary and choices, the sources, the country table, the
discussion questions and the exercise; then the answers and the glossary.  The DOCX is built
with python-docx (A4, named styles, one element per page, a header and a page-numbered
footer) and re-zipped with render_docx's fixed timestamps so that the same input gives the
same bytes.
"""

from __future__ import annotations

import datetime as _dt
import html
import io
import re
import zipfile
from typing import Any, Iterator

from modellaw.records import record
from modellaw.write.docx import join_dashes
from modellaw.write.docx_styles import use_font
from modellaw.write.handout_content import ElementPage, Handout, Provision, Quote
from modellaw.model import Bill, Kind, Node, Source
from modellaw.write.markdown import (provision_lines, definition_lines, escape as md_escape, part_title,
                              section_title)

STATUS_LABELS = {"met": "Meets the model", "partial": "Partly meets the model",
                 "missing": "No such provision", "unknown": "Not stated in the report"}
ANSWERS = "Answers to the exercises"
GLOSSARY = "Glossary"
EXERCISE_PROMPT = ("This weakened version of the provision appeared in a draft bill. Compare it "
                   "with the model provision above: what has been lost, and who would escape "
                   "prosecution or protection as a result? (Answer at the end of the handout.)")


# --- shared wording ----------------------------------------------------------------------------

def long_date(iso: str) -> str:
    """`2026-03-05` -> `5 March 2026`, as dates are written on a cover page."""
    day = _dt.date.fromisoformat(iso)
    return f"{day.day} {day.strftime('%B')} {day.year}"


def element_heading(number: int, page: ElementPage) -> str:
    return f"{number}. {page.element.title}"


def kind_label(page: ElementPage) -> str:
    return "Core element of the model law" if page.element.core else \
        "Optional element (the report motivates it; drafters may leave it out)"


def provision_caption(provision: Provision, bill: Bill) -> str:
    """Where the provision sits in the drafted bill: its part, or a definition's section."""
    if provision.container is not None:
        return f"From {section_title(bill, provision.container)}"
    part = next(p for p in bill.parts if provision.node in p.children)
    return f"From {part_title(bill, part)} \u2014 {part.heading}"


def quote_text(quote: Quote) -> str:
    """The report's words in quotation marks, with an ellipsis where a sentence is cut."""
    text = quote.text
    if text[:1].islower():
        text = "\u2026" + text
    if text[-1:] not in ".?!":
        text += "\u2026"
    return f"\u201c{text}\u201d"


def source_text(source: Source) -> str:
    return f"{source.cite()} \u2014 {source.note}" if source.note else source.cite()


_ZERO_MEANS = re.compile(r"\s*\(0 = ([^)]*)\)")


def option_text(option: Any) -> str:
    """A parameter in a participant's words: no mention of profiles, a 0 said as what it
    means ("no fine"), not as a code."""
    description = option.description.replace("the profile's fine unit", "the currency unit")
    zero = _ZERO_MEANS.search(description)
    description = _ZERO_MEANS.sub("", description).rstrip(".")
    value = {True: "yes", False: "no"}.get(option.value, option.value) \
        if isinstance(option.value, bool) else option.value
    if zero and option.value == 0 and not isinstance(option.value, bool):
        value = zero.group(1)
    return f"{description}: {value} in this draft"


def curly(text: str) -> str:
    """Straight quotation marks and apostrophes as the curly ones the rest of the text uses."""
    text = re.sub(r"(^|[\s(\[\u2014])'", "\\1\u2018", text)
    text = text.replace("'", "\u2019")
    text = re.sub(r'(^|[\s(\[\u2014])"', "\\1\u201c", text)
    return text.replace('"', "\u201d")


def silent_line(page: ElementPage) -> str:
    """Below the table: the countries the report says nothing about for this element."""
    if not page.countries and not page.silent:
        return "No country profiles selected."
    if not page.silent:
        return ""
    return f"The report states nothing on this for: {', '.join(page.silent)}."


def _evidence(evidence: Any) -> str:
    said = "; ".join(x.rstrip(".") for x in (evidence.note, evidence.source) if x)
    return f"{evidence.citation} ({said})" if said else evidence.citation


def country_cells(row: Any) -> tuple[str, str, str]:
    """Country, status and the provisions cited (with what the report says of them)."""
    parts = [p for p in ("; ".join(_evidence(e) for e in row.evidence), row.note,
                         f"Status from: {row.basis}" if row.basis else "") if p]
    # one full stop between sentences, even after a note that ends in its own
    cited = ". ".join([p.rstrip(".") for p in parts[:-1]] + parts[-1:])
    return row.name, STATUS_LABELS[row.status], cited or "\u2014"


def cover_lines(handout: Handout) -> list[str]:
    lines = ["Workshop handout"]
    if handout.workshop:
        lines.append(handout.workshop)
    if handout.date:
        lines.append(long_date(handout.date))
    return lines


def flagged(page: ElementPage) -> str:
    """The answer's last line: what a review against the model finds in the weakened text."""
    flags = [f.replace("the profile's", "the model's") for f in page.notes.exercise.flags]
    return f"A review against the model finds: {'; '.join(flags)}." if flags else ""


def drafted_from(handout: Handout) -> str:
    drafted = "the Model Law" if handout.profile_id == "model" else \
        f"the draft for {handout.profile_name}"
    return (f"Provisions as set out in {drafted}, with every optional provision included. "
            "Teaching notes follow ICMEC, Technology-Facilitated Child Sex Trafficking (2018), "
            "quoted as \u201cICMEC 2018\u201d.")


@record
class Line:
    """One printed line of statutory text: its depth (0 = section heading), label and words."""

    depth: int
    label: str
    text: str
    bold: bool = False


def statute_lines(provision: Provision, bill: Bill) -> list[Line]:
    """A provision as indented lines, for the writers that do not reuse the Markdown bill."""
    node = provision.node
    if node.kind is Kind.DEFINITION:
        lines = [Line(1, "", f"\u201c{node.term}\u201d {node.plain_text}".rstrip())]
        lines += [line for child in node.children for line in _lines(child, 2)]
        return lines + ([Line(1, "", node.plain_wrap_up)] if node.wrap_up else [])
    lines = [Line(0, "", section_title(bill, node), bold=True)]
    if node.text:
        lines.append(Line(1, "", node.plain_text))
    for child in node.children:
        lines += _lines(child, 1)
    return lines + ([Line(1, "", node.plain_wrap_up)] if node.wrap_up else [])


def _lines(node: Node, depth: int) -> Iterator[Line]:
    yield Line(depth, node.num, node.plain_text)
    for child in node.children:
        yield from _lines(child, depth + 1)
    if node.wrap_up:
        yield Line(depth, "", node.plain_wrap_up)


# --- Markdown ----------------------------------------------------------------------------------

def _md_statute(provision: Provision, bill: Bill) -> list[str]:
    if provision.node.kind is Kind.DEFINITION:
        body = definition_lines(provision.node)
    else:
        body = [f"**{md_escape(section_title(bill, provision.node))}**", ""] + provision_lines(
            provision.node)
    body = [line for line in body if not line.startswith("<!-- modellaw")]
    while body and not body[-1]:
        body.pop()
    return [f"*{md_escape(provision_caption(provision, bill))}*", ""] + [
        f"> {line}".rstrip() for line in body] + [""]


def _md_page(number: int, page: ElementPage, bill: Bill) -> list[str]:
    notes = page.notes
    out = [f"## {md_escape(element_heading(number, page))}", "",
           f"*{kind_label(page)}.* {md_escape(page.element.requirement)}", "",
           "### The model provision", ""]
    for provision in page.provisions:
        out += _md_statute(provision, bill)
    out += ["### What it means", "", md_escape(notes.meaning), "",
            "### Why it matters", "", md_escape(notes.why), ""]
    for quote in notes.quotes:
        out += [f"> {md_escape(quote_text(quote))}", ">", f"> \u2014 {md_escape(quote.attribution)}",
                ""]
    out += ["### Drafter\u2019s commentary", ""]
    for provision in page.provisions:
        out += [f"**{md_escape(provision.clause.title)}.** "
                f"{md_escape(' '.join(provision.clause.commentary.split()))}", ""]
    if page.options:
        out += ["### Choices for drafters", ""]
        out += [f"- {md_escape(option_text(o))}" for o in page.options] + [""]
    out += ["### Where it comes from", ""]
    out += [f"- {md_escape(source_text(s))}" for s in page.sources] + [""]
    out += ["### How countries compare", ""]
    if page.countries:
        out += ["| Country | Status | Provision cited |", "|---|---|---|"]
        out += ["| " + " | ".join(md_escape(c) for c in country_cells(row)) + " |"
                for row in page.countries] + [""]
    if line := silent_line(page):
        out.append(f"*{md_escape(line)}*")
    out += ["", "### Discussion questions", ""]
    out += [f"{i}. {md_escape(q)}" for i, q in enumerate(notes.questions, 1)] + [""]
    out += ["### Exercise: find the weakness", "", md_escape(EXERCISE_PROMPT), "",
            f"> {md_escape(notes.exercise.text)}", ""]
    return out


def render_markdown_handout(handout: Handout) -> str:
    out = [f"# {md_escape(handout.title)}", "", f"**{md_escape(handout.subtitle)}**", ""]
    out += [f"*{md_escape(line)}*" + "  " for line in cover_lines(handout)] + [""]
    out += [md_escape(drafted_from(handout)), "", "## Contents", ""]
    out += [f"{i}. {md_escape(p.element.title)}" for i, p in enumerate(handout.pages, 1)]
    out += ["", f"{ANSWERS} \u00b7 {GLOSSARY}", ""]
    for i, page in enumerate(handout.pages, 1):
        out += _md_page(i, page, handout.bill)
    out += [f"## {ANSWERS}", ""]
    for i, page in enumerate(handout.pages, 1):
        out += [f"### {md_escape(element_heading(i, page))}", "",
                f"> {md_escape(page.notes.exercise.text)}", "", md_escape(page.notes.exercise.answer),
                ""] + ([f"*{md_escape(flagged(page))}*", ""] if flagged(page) else [])
    out += [f"## {GLOSSARY}", ""]
    out += [f"- **{md_escape(g.term)}**: {md_escape(g.meaning)}" for g in handout.glossary]
    return "\n".join(out).rstrip("\n") + "\n"


# --- HTML --------------------------------------------------------------------------------------

CSS = """
@page { size: A4; margin: 2cm; }
body { font-family: Arial, "Liberation Sans", sans-serif; font-size: 10.5pt; line-height: 1.45;
       color: #1a1a1a; max-width: 46em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 22pt; color: #1f3864; margin-bottom: .2em; }
h2 { font-size: 16pt; color: #1f3864; border-bottom: 2px solid #1f3864; padding-bottom: .2em;
     margin-top: 2.5em; }
h3 { font-size: 11.5pt; color: #1f3864; margin: 1.4em 0 .4em; }
.cover { text-align: center; margin: 4em 0; }
.cover .sub { font-size: 14pt; } .cover .line { font-size: 12pt; margin: .3em 0; }
.kind { color: #555; font-style: italic; }
.statute { font-family: "Times New Roman", "Liberation Serif", serif; font-size: 11pt;
           background: #f2f2f2; border-left: 4px solid #1f3864; padding: .6em 1em; margin: .4em 0 1em; }
.statute p { margin: .25em 0; text-align: justify; }
.statute p.hang { padding-left: 2.4em; text-indent: -2.4em; }
.statute .label { display: inline-block; width: 2.4em; text-indent: 0; }
.caption { font-size: 9pt; color: #555; margin: .8em 0 0; }
blockquote { font-style: italic; border-left: 3px solid #bbb; margin: .6em 0 .6em 1em;
             padding-left: .8em; } blockquote .by { font-style: normal; font-size: 9pt; color: #555; }
.exercise { font-family: "Times New Roman", "Liberation Serif", serif; font-size: 11pt;
            background: #fff8e1; border: 1px dashed #b58900; padding: .6em 1em; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; }
th, td { border: 1px solid #999; padding: .3em .5em; vertical-align: top; text-align: left; }
th { background: #d9e2f3; }
.element, .answers, .glossary { page-break-before: always; break-before: page; }
dt { font-weight: bold; } dd { margin: 0 0 .5em 1.5em; }
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _html_statute(provision: Provision, bill: Bill) -> list[str]:
    out = [f'<p class="caption">{_e(provision_caption(provision, bill))}</p>',
           '<div class="statute">']
    for line in statute_lines(provision, bill):
        style = f' style="margin-left:{max(line.depth - 1, 0) * 2.4}em"'
        style += ' class="hang"' if line.label else ""
        label = f'<span class="label">{_e(line.label)}</span>' if line.label else ""
        text = f"<strong>{_e(line.text)}</strong>" if line.bold else _e(line.text)
        out.append(f"<p{style}>{label}{text}</p>")
    return out + ["</div>"]


def _html_page(number: int, page: ElementPage, bill: Bill) -> list[str]:
    notes = page.notes
    out = [f'<section class="element" id="{_e(page.element.id)}">',
           f"<h2>{_e(element_heading(number, page))}</h2>",
           f'<p><span class="kind">{_e(kind_label(page))}.</span> {_e(page.element.requirement)}</p>',
           "<h3>The model provision</h3>"]
    for provision in page.provisions:
        out += _html_statute(provision, bill)
    out += ["<h3>What it means</h3>", f"<p>{_e(notes.meaning)}</p>",
            "<h3>Why it matters</h3>", f"<p>{_e(notes.why)}</p>"]
    out += [f'<blockquote>{_e(quote_text(q))}<br><span class="by">\u2014 {_e(q.attribution)}'
            "</span></blockquote>" for q in notes.quotes]
    out.append("<h3>Drafter\u2019s commentary</h3>")
    out += [f"<p><strong>{_e(p.clause.title)}.</strong> {_e(' '.join(p.clause.commentary.split()))}"
            "</p>" for p in page.provisions]
    if page.options:
        out += ["<h3>Choices for drafters</h3>", "<ul>"]
        out += [f"<li>{_e(option_text(o))}</li>" for o in page.options] + ["</ul>"]
    out += ["<h3>Where it comes from</h3>", "<ul>"]
    out += [f"<li>{_e(source_text(s))}</li>" for s in page.sources] + ["</ul>"]
    out.append("<h3>How countries compare</h3>")
    if page.countries:
        out.append("<table><thead><tr><th>Country</th><th>Status</th><th>Provision cited</th>"
                   "</tr></thead><tbody>")
        out += ["<tr>" + "".join(f"<td>{_e(c)}</td>" for c in country_cells(row)) + "</tr>"
                for row in page.countries]
        out.append("</tbody></table>")
    if line := silent_line(page):
        out.append(f"<p><em>{_e(line)}</em></p>")
    out += ["<h3>Discussion questions</h3>", "<ol>"]
    out += [f"<li>{_e(q)}</li>" for q in notes.questions] + ["</ol>"]
    out += ["<h3>Exercise: find the weakness</h3>", f"<p>{_e(EXERCISE_PROMPT)}</p>",
            f'<div class="exercise">{_e(notes.exercise.text)}</div>', "</section>"]
    return out


def render_html_handout(handout: Handout) -> str:
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           f"<title>{_e(handout.title)} \u2014 {_e(handout.subtitle)}</title>",
           f"<style>{CSS}</style>", "</head>", "<body>", '<div class="cover">',
           f"<h1>{_e(handout.title)}</h1>", f'<p class="sub">{_e(handout.subtitle)}</p>']
    out += [f'<p class="line">{_e(line)}</p>' for line in cover_lines(handout)]
    out += [f"<p>{_e(drafted_from(handout))}</p>", "</div>", "<h2>Contents</h2>", "<ol>"]
    out += [f'<li><a href="#{_e(p.element.id)}">{_e(p.element.title)}</a></li>'
            for p in handout.pages]
    out += ["</ol>", f'<p><a href="#answers">{ANSWERS}</a> \u00b7 '
            f'<a href="#glossary">{GLOSSARY}</a></p>']
    for i, page in enumerate(handout.pages, 1):
        out += _html_page(i, page, handout.bill)
    out += ['<section class="answers" id="answers">', f"<h2>{ANSWERS}</h2>"]
    for i, page in enumerate(handout.pages, 1):
        out += [f"<h3>{_e(element_heading(i, page))}</h3>",
                f'<div class="exercise">{_e(page.notes.exercise.text)}</div>',
                f"<p>{_e(page.notes.exercise.answer)}</p>"]
        out += [f'<p class="kind">{_e(flagged(page))}</p>'] if flagged(page) else []
    out += ["</section>", '<section class="glossary" id="glossary">', f"<h2>{GLOSSARY}</h2>",
            "<dl>"]
    out += [f"<dt>{_e(g.term)}</dt><dd>{_e(g.meaning)}</dd>" for g in handout.glossary]
    out += ["</dl>", "</section>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


# --- DOCX --------------------------------------------------------------------------------------

FONT, STATUTE_FONT = "Arial", "Times New Roman"
TEXT_WIDTH_CM = 16.6  # A4 less 2.2 cm margins
NAVY, GREY, AMBER = "1F3864", "595959", "B58900"
EXERCISE_FILL, HEADER_FILL = "FFF8E1", "D9E2F3"
#: name -> (font, size pt, bold, italic, colour, left indent cm, hanging cm, before pt,
#:          after pt, keep with next)
_STYLES: dict[str, tuple[Any, ...]] = {
    "Cover Title": (FONT, 26, True, False, NAVY, 0, 0, 150, 12, True),
    "Cover Subtitle": (FONT, 16, False, False, NAVY, 0, 0, 0, 36, True),
    "Cover Line": (FONT, 13, False, False, "000000", 0, 0, 0, 6, True),
    "Cover Note": (FONT, 9.5, False, True, GREY, 0, 0, 180, 0, False),
    "Element Summary": (FONT, 10.5, False, True, GREY, 0, 0, 0, 8, True),
    "Contents Entry": (FONT, 11, False, False, "000000", 0.8, 0.8, 0, 4, False),
    "Statute Caption": (FONT, 8.5, True, False, GREY, 0, 0, 6, 2, True),
    "Statute Heading": (STATUTE_FONT, 11, True, False, "000000", 0, 0, 2, 4, True),
    "Statute 1": (STATUTE_FONT, 11, False, False, "000000", 1.0, 1.0, 0, 4, False),
    "Statute 2": (STATUTE_FONT, 11, False, False, "000000", 2.0, 1.0, 0, 4, False),
    "Statute 3": (STATUTE_FONT, 11, False, False, "000000", 3.0, 1.0, 0, 4, False),
    "Handout Text": (FONT, 10.5, False, False, "000000", 0, 0, 0, 6, False),
    "Handout Quote": (FONT, 10, False, True, "262626", 0.6, 0, 4, 0, True),
    "Quote Source": (FONT, 8.5, False, False, GREY, 0.6, 0, 0, 8, False),
    "Handout Bullet": (FONT, 10, False, False, "000000", 0.6, 0.4, 0, 3, False),
    "Question": (FONT, 10.5, False, False, "000000", 0.6, 0.6, 0, 6, False),
    "Exercise Text": (STATUTE_FONT, 11, False, False, "000000", 0, 0, 2, 4, False),
    "Answer Text": (FONT, 10.5, False, False, "000000", 0, 0, 0, 10, False),
    "Glossary Entry": (FONT, 10, False, False, "000000", 0.6, 0.6, 0, 5, False),
    "Table Text": (FONT, 8.5, False, False, "000000", 0, 0, 0, 0, False),
}


def _shade(cell: Any, fill: str, rule: str) -> None:
    """Rule a box's cell on its left edge (and fill it, given a `fill`): text set apart from
    comment (a table, not paragraph borders, so that indented levels stay inside one box).
    No other edge has a border: a border between rows would print as a line across the box."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tcpr = cell._tc.get_or_add_tcPr()
    borders = OxmlElement("w:tcBorders")
    for side in ("top", "left", "bottom", "right"):
        edge = OxmlElement(f"w:{side}")
        for key, value in ((("val", "single"), ("sz", "24"), ("space", "0"), ("color", rule))
                           if side == "left" else (("val", "nil"),)):
            edge.set(qn(f"w:{key}"), value)
        borders.append(edge)
    tcpr.append(borders)
    if fill:
        _fill(cell, fill)


def _fill(cell: Any, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    for key, value in (("val", "clear"), ("color", "auto"), ("fill", fill)):
        shading.set(qn(f"w:{key}"), value)
    cell._tc.get_or_add_tcPr().append(shading)


def _box(document: Any, fill: str, rule: str, rows: int = 1) -> list[Any]:
    """A one-column, full-width table to write boxed text into; returns its cells.  The
    statutory text has one row per paragraph so that a long provision breaks between its
    paragraphs at a page foot (a single row holding it all is moved whole to the next page,
    leaving its caption alone).  Such a box has no `fill`: LibreOffice paints each row's
    fill a twip short of the next, which screens and PDF viewers show as a white seam
    across the box; the rule down its left edge prints unbroken."""
    from docx.shared import Cm

    table = document.add_table(rows=rows, cols=1)
    table.autofit = False
    table.columns[0].width = Cm(TEXT_WIDTH_CM)
    cells = [row.cells[0] for row in table.rows]
    for cell in cells:
        cell.width = Cm(TEXT_WIDTH_CM)
        _shade(cell, fill, rule)
    return cells


def _styles(document: Any) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt, RGBColor

    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(10.5)
    for name, size, before in (("Heading 1", 16, 18), ("Heading 2", 11.5, 10)):
        heading = document.styles[name]
        use_font(heading, FONT)
        heading.font.size, heading.font.bold = Pt(size), True
        heading.font.color.rgb = RGBColor.from_string(NAVY)
        heading.paragraph_format.space_before = Pt(before)
        heading.paragraph_format.space_after = Pt(6)
        heading.paragraph_format.keep_with_next = True
    for name, (font, size, bold, italic, colour, left, hanging, before, after,
               keep) in _STYLES.items():
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.font.name, style.font.size = font, Pt(size)
        style.font.bold, style.font.italic = bold, italic
        style.font.color.rgb = RGBColor.from_string(colour)
        fmt = style.paragraph_format
        fmt.left_indent, fmt.first_line_indent = Cm(left), Cm(-hanging)
        fmt.space_before, fmt.space_after, fmt.keep_with_next = Pt(before), Pt(after), keep
        if name.startswith(("Statute ", "Exercise")):
            fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if name.startswith("Cover"):
            fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _page_setup(document: Any, handout: Handout) -> None:
    """A4, a header naming the handout and workshop, `Page n of m` below; none on the cover."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
    from docx.shared import Cm, Pt, RGBColor
    from lxml import etree

    from modellaw.write.docx import FOOTER_XML, W

    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2.0)
    section.different_first_page_header_footer = True
    for name in ("Header", "Footer"):
        document.styles[name].font.size = Pt(8.5)
        document.styles[name].font.color.rgb = RGBColor.from_string(GREY)
    document.styles["Header"].paragraph_format.tab_stops.clear_all()
    document.styles["Footer"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    header = section.header.paragraphs[0]
    header.style = document.styles["Header"]
    header.paragraph_format.tab_stops.add_tab_stop(Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT)
    header.text = f"{handout.title}: workshop handout"
    if handout.workshop:
        header.add_run("\t" + handout.workshop)
    footer = section.footer.paragraphs[0]
    page_numbers = etree.fromstring(FOOTER_XML).find(f"{{{W}}}p")
    footer._p.addnext(page_numbers)
    footer._p.getparent().remove(footer._p)


def _para(document: Any, style: str, text: str = "", *, bold_prefix: str = "") -> Any:
    paragraph = document.add_paragraph(style=style)
    if bold_prefix:
        paragraph.add_run(curly(bold_prefix)).bold = True
    if text:
        paragraph.add_run(curly(text))
    return paragraph


def _docx_statute(document: Any, provision: Provision, bill: Bill) -> None:
    # the caption also keeps two boxes apart: Word joins tables with nothing between them
    _para(document, "Statute Caption", provision_caption(provision, bill))
    lines = statute_lines(provision, bill)
    for index, (cell, line) in enumerate(zip(_box(document, "", NAVY,
                                                  rows=len(lines)), lines)):
        style = "Statute Heading" if line.depth == 0 else f"Statute {min(line.depth, 3)}"
        paragraph = _para(cell, style, join_dashes(line.text),
                          bold_prefix=f"{line.label}\t" if line.label else "")
        if line.bold:
            for run in paragraph.runs:
                run.bold = True
        if not line.label and line.depth:
            paragraph.paragraph_format.first_line_indent = 0
        if index == 0:  # the caption and the box's first two rows start a page together
            paragraph.paragraph_format.keep_with_next = True
            paragraph.paragraph_format.keep_together = True
        _drop_first(cell)


def _exercise_box(document: Any, text: str) -> None:
    """The weakened provision, in a box that a page break never splits."""
    from docx.oxml import OxmlElement

    cell, = _box(document, EXERCISE_FILL, AMBER)
    cell._tc.getparent().get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    _para(cell, "Exercise Text", join_dashes(text))
    _drop_first(cell)


def _drop_first(cell: Any) -> None:
    """Remove the empty paragraph python-docx puts in every new cell."""
    first = cell.paragraphs[0]._p
    first.getparent().remove(first)


def _docx_table(document: Any, page: ElementPage) -> None:
    from docx.oxml import OxmlElement
    from docx.shared import Cm

    table = document.add_table(rows=1, cols=3)
    table.style = document.styles["Table Grid"]
    table.autofit = False
    widths = (Cm(3.4), Cm(3.4), Cm(TEXT_WIDTH_CM - 6.8))
    for column, width in zip(table.columns, widths):
        column.width = width
    header_row = table.rows[0]
    header_props = header_row._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    header_props.append(repeat)
    for cell, text, width in zip(header_row.cells, ("Country", "Status", "Provision cited"),
                                 widths):
        cell.width = width
        cell.paragraphs[0].style = document.styles["Table Text"]
        cell.paragraphs[0].add_run(text).bold = True
        _fill(cell, HEADER_FILL)
    header_props.append(OxmlElement("w:cantSplit"))
    for row in page.countries:
        added = table.add_row()
        added._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        cells = added.cells
        for cell, text, width in zip(cells, country_cells(row), widths):
            cell.width = width
            cell.paragraphs[0].style = document.styles["Table Text"]
            cell.paragraphs[0].add_run(curly(text))


def _chapter(document: Any, text: str, bookmark: str, new_page: bool) -> None:
    """A Heading 1 with a bookmark the contents' PAGEREF fields point at."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    heading = document.add_heading(curly(text), level=1)
    heading.paragraph_format.page_break_before = new_page
    start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
    bid = str(len(list(document.element.body.iter(qn("w:bookmarkStart")))) + 1)
    start.set(qn("w:id"), bid)
    start.set(qn("w:name"), bookmark)
    end.set(qn("w:id"), bid)
    heading._p.insert(1, start)
    heading._p.append(end)


def _field_runs(paragraph: Any, instr: str, result: str) -> None:
    """A complex field with its cached result."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for kind, text in (("begin", None), ("instr", instr), ("separate", None), ("result", result),
                       ("end", None)):
        if kind == "result":
            paragraph.add_run(text)
            continue
        run = paragraph.add_run()._r
        if text is None:
            run.append(OxmlElement("w:fldChar"))
            run[-1].set(qn("w:fldCharType"), kind)
        else:
            it = OxmlElement("w:instrText")
            it.set(qn("xml:space"), "preserve")
            it.text = f" {text} "
            run.append(it)


#: Characters of handout text a printed A4 page holds, for the contents' cached page numbers
#: (LibreOffice recomputes the PAGEREF fields; Word updates them when it opens the file).
PAGE_CHARS = 3800


def _page_estimates(handout: Handout, page_per_element: bool, answers: bool) -> list[int]:
    """The page each chapter is expected to start on: the contents' cached results."""
    sizes = [len(" ".join(_page_text_for(p))) + 900 * len(p.countries) + 1500 for p in
             handout.pages]
    pages, at, starts = 3, 0.0, []
    for size in sizes:
        if page_per_element and starts:
            pages, at = pages + 1, 0.0
        starts.append(pages + int(at))
        at += size / PAGE_CHARS
    pages += int(at) + 1
    if answers:
        starts.append(pages)
        pages += max(1, len(handout.pages) // 2)
    starts.append(pages)
    return starts


def _page_text_for(page: ElementPage) -> list[str]:
    notes = page.notes
    return [notes.meaning, notes.why, *notes.questions, notes.exercise.text,
            *(q.text for q in notes.quotes), *(p.clause.commentary for p in page.provisions),
            *(n.plain_text for p in page.provisions for n in p.node.walk())]


def _contents(document: Any, handout: Handout, page_per_element: bool, answers: bool) -> None:
    """The contents, each entry's page a PAGEREF field to its heading's bookmark.  Not
    wrapped in a TOC field: LibreOffice keeps a TOC's result as written and would print the
    estimates, while it computes PAGEREF fields itself; Word updates them on opening
    (`w:updateFields`), so both print the right pages."""
    from docx.shared import Cm
    from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER

    _chapter(document, "Contents", "_Toc_ml_contents", True)
    entries = [(f"{i}.", p.element.title, f"_Toc_ml_{i}") for i, p in enumerate(handout.pages, 1)]
    if answers:
        entries.append(("", ANSWERS, "_Toc_ml_answers"))
    entries.append(("", GLOSSARY, "_Toc_ml_glossary"))
    estimates = _page_estimates(handout, page_per_element, answers)
    for index, ((number, title, bookmark), page) in enumerate(zip(entries, estimates)):
        paragraph = document.add_paragraph(style="Contents Entry")
        paragraph.paragraph_format.tab_stops.add_tab_stop(
            Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        paragraph.add_run(f"{number}\t{curly(title)}\t")
        _field_runs(paragraph, f"PAGEREF {bookmark} \\h", str(page))


def _docx_page(document: Any, number: int, page: ElementPage, bill: Bill, *,
               new_page: bool, answers_apart: bool = False) -> None:
    notes = page.notes
    _chapter(document, element_heading(number, page), f"_Toc_ml_{number}", new_page)
    _para(document, "Element Summary", f"{kind_label(page)}. {page.element.requirement}")
    document.add_heading("The model provision", level=2)
    for provision in page.provisions:
        _docx_statute(document, provision, bill)
    document.add_heading("What it means", level=2)
    _para(document, "Handout Text", notes.meaning)
    document.add_heading("Why it matters", level=2)
    _para(document, "Handout Text", notes.why)
    for quote in notes.quotes:
        _para(document, "Handout Quote", quote_text(quote))
        _para(document, "Quote Source", f"— {quote.attribution}")
    document.add_heading("Drafter’s commentary", level=2)
    for provision in page.provisions:
        _para(document, "Handout Text", " ".join(provision.clause.commentary.split()),
              bold_prefix=f"{provision.clause.title}. ")
    if page.options:
        document.add_heading("Choices for drafters", level=2)
        for option in page.options:
            _para(document, "Handout Bullet", f"\u2022\t{option_text(option)}")
    document.add_heading("Where it comes from", level=2)
    for source in page.sources:
        _para(document, "Handout Bullet", f"\u2022\t{source_text(source)}")
    document.add_heading("How countries compare", level=2)
    if page.countries:
        _docx_table(document, page)
    if line := silent_line(page):
        _para(document, "Handout Text", line)
    document.add_heading("Discussion questions", level=2)
    for i, question in enumerate(notes.questions, 1):
        _para(document, "Question", f"{i}.\t{question}")
    document.add_heading("Exercise: find the weakness", level=2)
    prompt = EXERCISE_PROMPT.replace("at the end of the handout", "on the answer sheet") \
        if answers_apart else EXERCISE_PROMPT
    _para(document, "Handout Text", prompt).paragraph_format.keep_with_next = True
    _exercise_box(document, notes.exercise.text)


def _properties(document: Any, handout: Handout) -> None:
    """Fixed document properties (from the handout's date), so output is identical per input."""
    when = _dt.datetime.fromisoformat(handout.doc_date)
    core = document.core_properties
    core.title = f"{handout.title}: {handout.subtitle}"
    core.subject = "Workshop handout" + (f": {handout.workshop}" if handout.workshop else "")
    core.author = core.last_modified_by = "modellaw"
    core.keywords = "model law; technology-facilitated child sex trafficking; handout"
    core.category = "Workshop handout"
    core.created = core.modified = core.last_printed = when
    core.revision = 1
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):  # the template's picture of a blank page
            del package.rels[rel_id]


def _new_document(handout: Handout) -> Any:
    import docx

    document = docx.Document()
    _styles(document)
    _page_setup(document, handout)
    _properties(document, handout)
    return document


#: Settings that the schema puts after `w:updateFields` (Word rejects a settings part whose
#: elements are out of order).
_AFTER_UPDATE_FIELDS = ("hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars",
                        "rsids", "mathPr", "attachedSchema", "themeFontLang",
                        "clrSchemeMapping", "doNotIncludeSubdocsInStats",
                        "doNotAutoCompressPictures", "forceUpgrade", "captions",
                        "readModeInkLockDown", "smartTagType", "schemaLibrary",
                        "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol",
                        "listSeparator")


def _update_fields_on_open(document: Any) -> None:
    """Ask Word to update fields when it opens the file: only a document whose contents
    are PAGEREF fields needs it (their cached pages are estimates; Word asks the reader's
    leave first), and LibreOffice computes them itself.  Bills, whose fields' cached
    results are already right, and the answer sheet never ask."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from lxml import etree

    settings = document.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    later = next((c for c in settings if etree.QName(c).localname in _AFTER_UPDATE_FIELDS),
                 None)
    if later is None:
        settings.append(update)
    else:
        later.addprevious(update)


def _answers(document: Any, handout: Handout, new_page: bool) -> None:
    _chapter(document, ANSWERS, "_Toc_ml_answers", new_page)
    for i, page in enumerate(handout.pages, 1):
        document.add_heading(curly(element_heading(i, page)), level=2)
        _exercise_box(document, page.notes.exercise.text)
        _para(document, "Answer Text", page.notes.exercise.answer)
        if flags := flagged(page):
            _para(document, "Quote Source", flags)


def build_document(handout: Handout, *, page_per_element: bool = False,
                   answers_apart: bool = False) -> Any:
    """The handout as a python-docx Document (cover, contents, pages, answers, glossary).
    Elements flow one after another unless `page_per_element`; with `answers_apart` the
    answers are left for `build_answers`, so participants' copies do not carry them."""
    document = _new_document(handout)
    _para(document, "Cover Title", handout.title)
    _para(document, "Cover Subtitle", handout.subtitle)
    for line in cover_lines(handout):
        _para(document, "Cover Line", line)
    _para(document, "Cover Note", drafted_from(handout))
    _contents(document, handout, page_per_element, not answers_apart)
    _update_fields_on_open(document)
    for i, page in enumerate(handout.pages, 1):
        _docx_page(document, i, page, handout.bill, new_page=page_per_element or i == 1,
                   answers_apart=answers_apart)
    if not answers_apart:
        _answers(document, handout, True)
    _chapter(document, GLOSSARY, "_Toc_ml_glossary", True)
    for entry in handout.glossary:
        _para(document, "Glossary Entry", entry.meaning, bold_prefix=f"{entry.term}. ")
    return document


def build_answers(handout: Handout) -> Any:
    """The trainer's answer sheet: each exercise, its answer and what a review finds."""
    document = _new_document(handout)
    _para(document, "Cover Title", handout.title)
    _para(document, "Cover Subtitle", "Answers to the exercises (for the trainer)")
    for line in cover_lines(handout)[1:]:
        _para(document, "Cover Line", line)
    _answers(document, handout, False)
    return document


def _docx_bytes(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip(buffer.getvalue())


def render_docx_handout(handout: Handout, *, page_per_element: bool = False,
                        answers_apart: bool = False) -> bytes:
    """The handout as .docx bytes (python-docx is imported only when this format is asked)."""
    return _docx_bytes(build_document(handout, page_per_element=page_per_element,
                                      answers_apart=answers_apart))


def render_docx_answers(handout: Handout) -> bytes:
    """The answer sheet as .docx bytes."""
    return _docx_bytes(build_answers(handout))


def _fixed_zip(data: bytes) -> bytes:
    """The same parts re-zipped with render_docx's fixed timestamps: identical bytes per input."""
    from modellaw.write.docx import zip_parts

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        parts = [(name, zf.read(name)) for name in zf.namelist()]
    return zip_parts(parts)


RENDERERS = {"md": lambda h: render_markdown_handout(h).encode("utf-8"),
             "html": lambda h: render_html_handout(h).encode("utf-8"),
             "docx": render_docx_handout}


SUFFIXES = {"md": ".md", "html": ".html", "docx": ".docx"}


def default_name(elements: tuple[str, ...], fmt: str) -> str:
    """`handout.docx`, or `handout-recruitment-offence.docx` for a one-session handout."""
    return "-".join(("handout",) + tuple(dict.fromkeys(elements))) + SUFFIXES[fmt]


def render_handout(handout: Handout, fmt: str, *, page_per_element: bool = False,
                   answers_apart: bool = False) -> bytes:
    """The handout in one of RENDERERS' formats, as the bytes of the file.  The page and
    answer-sheet options shape a printed document, so they need DOCX."""
    if fmt != "docx" and (page_per_element or answers_apart):
        from modellaw.errors import ModellawError
        raise ModellawError("--page-per-element and --answers shape a printed handout: "
                            "use --format docx")
    if fmt == "docx":
        return render_docx_handout(handout, page_per_element=page_per_element,
                                   answers_apart=answers_apart)
    return RENDERERS[fmt](handout)
