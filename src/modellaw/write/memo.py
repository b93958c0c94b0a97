"""Explanatory memorandum -> Markdown, or a DOCX to table with the bill.

Both formats print the same things in the same order, from the same wording functions: the
purpose of the bill, the gap in current law each part fills (with the citations and where each
status is recorded), a note on every section in the bill's order and numbering, the model's
provisions the bill leaves out, and a compliance note only when the bill puts duties on
private bodies.  The DOCX is built with python-docx, on the bill's A4 page and with its
footer, and re-zipped with render_docx's fixed timestamps so the same input gives the same
bytes.
"""

from __future__ import annotations

import datetime as _dt
import io
import zipfile
from typing import Any

from modellaw.judge.memo import Choice, Gap, Memorandum, PartGaps, SectionNote
from modellaw.model import Source
from modellaw.write.checklist import evidence_lines
from modellaw.write.markdown import escape

SUFFIXES = {"md": ".md", "docx": ".docx"}
TITLE = "Explanatory Memorandum"
STATUS = {"met": "current law already meets it", "partial": "current law meets it in part",
          "missing": "current law has no such provision",
          "unknown": "unknown (nothing is recorded about current law)"}
HEADINGS = ("Purpose of the Bill", "The gap in current law", "Notes on {sections}",
            "Provisions of the model not in this Bill", "Compliance")


# --- shared wording ----------------------------------------------------------------------------

def headings(memo: Memorandum) -> tuple[str, ...]:
    word = memo.section_word.lower() if memo.section_word == "section" else memo.section_word
    return tuple(h.format(sections=f"{word}s") for h in HEADINGS)


def subtitle(memo: Memorandum) -> str:
    return f"{memo.title} \u2014 {memo.name}"


def provenance(memo: Memorandum) -> str:
    return (f"Drafted by modellaw from the clause library and the profile \u2018{memo.jurisdiction}\u2019, "
            "the same sources as the Bill; section numbers are the Bill's.")


def purpose_intro(memo: Memorandum) -> str:
    sections = sum(len(p.sections) for p in memo.parts)
    return (f"The Bill has {sections} {memo.section_word.lower()}s in {len(memo.parts)} "
            f"{memo.bill.style.part_label.lower()}s. It would:")


def gap_intro(memo: Memorandum) -> str:
    if not memo.records_law:
        return (f"The profile for {memo.name} records no existing law, so every element below is "
                "unknown: the notes do not assume that current law lacks it. A jurisdiction's own "
                "memorandum states what its law already provides.")
    return ("What current law already provides, element by element, as the profile records it "
            "with its citations and their sources. An element the profile does not record is "
            "unknown, not missing.")


def part_title(memo: Memorandum, part: PartGaps) -> str:
    return f"{part.label} \u2014 {part.heading}"


def furniture(memo: Memorandum, part: PartGaps) -> str:
    verb = "implements" if len(part.sections) == 1 else "implement"
    return (f"{numbers(memo, part.sections).capitalize()} {verb} no element of the model: "
            "the Bill's furniture.")


def numbers(memo: Memorandum, nums: tuple[str, ...]) -> str:
    word = memo.section_word.lower() if memo.section_word == "section" else memo.section_word
    if len(nums) == 1:
        return f"{word} {nums[0]}"
    return f"{word}s {', '.join(nums[:-1])} and {nums[-1]}"


def gap_head(gap: Gap) -> str:
    return f"{gap.element.title} \u2014 {STATUS[gap.row.status]}"


def gap_lines(memo: Memorandum, gap: Gap) -> list[str]:
    lines = [f"Provided for in {numbers(memo, gap.sections)}."]
    if gap.row.evidence or gap.row.note:
        lines += evidence_lines(gap.row)
    if gap.recorded_at:
        lines.append(f"Status recorded in {gap.recorded_at}.")
    return lines


def note_title(memo: Memorandum, note: SectionNote) -> str:
    return f"{memo.section_word.capitalize()} {note.num} \u2014 {note.heading}"


def note_caption(note: SectionNote) -> str:
    kind = ("Optional provision of the model, included at the profile's request" if note.optional
            else "Core provision of the model")
    return f"{note.part}. {kind}."


def source_text(source: Source) -> str:
    return f"{source.cite()} \u2014 {source.note}" if source.note else source.cite()


def choice_text(choice: Choice) -> str:
    what = choice.description.rstrip(".")
    if choice.departs:
        return (f"{what}: {choice.value} (set by {choice.set_by}; the model's default is "
                f"{choice.default}).")
    return f"{what}: {choice.value} (the model's default, kept)."


def alternative_text(choice: Choice) -> str:
    return f"{choice.description.rstrip('.')}: {choice.alternatives}."


NO_CHOICES = "None: the section has no options and is drafted as the model drafts it."


def omitted_text(clause: str, title: str, reason: str) -> str:
    return f"{title} ({clause}): {reason}."


def duty_intro(memo: Memorandum) -> str:
    return ("The Bill places duties on private bodies in the sections below; the limits it sets "
            "are what those bodies must plan for. The memorandum makes no estimate of cost.")


def duty_text(memo: Memorandum, num: str, heading: str, limits: tuple[Choice, ...]) -> str:
    chosen = "; ".join(f"{c.description.rstrip('.')}: {c.value}" for c in limits)
    return f"{memo.section_word.capitalize()} {num} ({heading})" + (f" \u2014 {chosen}." if chosen else ".")


# --- Markdown ----------------------------------------------------------------------------------

def _md_note(memo: Memorandum, note: SectionNote) -> list[str]:
    lines = [f"### {escape(note_title(memo, note))}", "", f"*{escape(note_caption(note))}*", "",
             "**What it does.** " + escape(" ".join(note.does)), ""]
    lines += ["**Why.** " + escape(" ".join(note.why[0].split())), ""]
    lines += [escape(" ".join(w.split())) + "\n" for w in note.why[1:]]
    lines += ["**Sources.**", ""] + [f"- {escape(source_text(s))}" for s in note.sources] + [""]
    if note.choices:
        lines += ["**Choices made.**", ""] + [f"- {escape(choice_text(c))}" for c in note.choices]
        lines += ["", "**Alternatives.**", ""]
        lines += [f"- {escape(alternative_text(c))}" for c in note.choices] + [""]
    else:
        lines += [f"**Choices made.** {escape(NO_CHOICES)}", ""]
    return lines


def render_markdown_memo(memo: Memorandum) -> str:
    purpose, gap, notes, omitted, compliance = headings(memo)
    lines = [f"# {TITLE}", "", f"**{escape(subtitle(memo))}**", "", f"*{escape(provenance(memo))}*",
             "", f"## {purpose}", "", escape(purpose_intro(memo)), ""]
    lines += [f"- {escape(p)}" for p in memo.purposes] + ["", f"## {gap}", "",
                                                          escape(gap_intro(memo)), ""]
    for part in memo.parts:
        lines += [f"### {escape(part_title(memo, part))}", ""]
        for item in part.gaps:
            lines.append(f"- **{escape(gap_head(item))}.** "
                         + " ".join(escape(line) for line in gap_lines(memo, item)))
        if not part.gaps:
            lines.append(f"- {escape(furniture(memo, part))}")
        lines.append("")
    lines += [f"## {notes}", ""]
    for note in memo.notes:
        lines += _md_note(memo, note)
    if memo.omitted:
        lines += [f"## {omitted}", ""] + [f"- {escape(omitted_text(o.clause, o.title, o.reason))}"
                                          for o in memo.omitted] + [""]
    if memo.duties:
        lines += [f"## {compliance}", "", escape(duty_intro(memo)), ""]
        lines += [f"- {escape(duty_text(memo, d.num, d.heading, d.limits))}" for d in memo.duties]
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"


# --- DOCX --------------------------------------------------------------------------------------

def _para(document: Any, text: str, *, style: str = "Normal", lead: str = "") -> Any:
    paragraph = document.add_paragraph(style=style)
    if lead:
        paragraph.add_run(lead).bold = True
    paragraph.add_run(text)
    return paragraph


#: The styles the memorandum prints in, all in the bill's font and black, as a paper tabled
#: with the bill (python-docx's template would print them in its theme's fonts and blues).
MEMO_STYLES = ("Normal", "Title", "Heading 1", "Heading 2", "List Bullet", "Header", "Footer")


def _page(document: Any, memo: Memorandum) -> None:
    """The bill's A4 page, margins and font; a header naming the memorandum on one line in
    the bill's header size; `Page n of m` below."""
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor, Twips
    from lxml import etree

    from modellaw.write import docx_styles as ds
    from modellaw.write.docx import FOOTER_XML, W

    section = document.sections[0]
    section.page_width, section.page_height = Twips(ds.PAGE_WIDTH), Twips(ds.PAGE_HEIGHT)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Twips(ds.MARGIN))
    for name in MEMO_STYLES:
        style = document.styles[name]
        ds.use_font(style)
        style.font.color.rgb = RGBColor(0, 0, 0)
    for fonts in document.styles.element.iterfind(f"{qn('w:docDefaults')}//{qn('w:rFonts')}"):
        ds.set_fonts(fonts)   # what the template's other styles fall back on
    document.styles["Normal"].font.size = Pt(11)
    for name in ("Header", "Footer"):
        document.styles[name].font.size = Pt(9)
    section.header.paragraphs[0].text = f"{TITLE} \u2014 {memo.title}"
    footer = section.footer.paragraphs[0]
    footer._p.addnext(etree.fromstring(FOOTER_XML).find(f"{{{W}}}p"))
    footer._p.getparent().remove(footer._p)


def _properties(document: Any, memo: Memorandum) -> None:
    """Fixed properties from the bill's date, so the same input gives the same bytes."""
    when = _dt.datetime.fromisoformat(memo.bill.date)
    core = document.core_properties
    core.title = f"{TITLE}: {memo.title}"
    core.subject = f"Explanatory memorandum for {memo.name}"
    core.author = core.last_modified_by = "modellaw"
    core.keywords = f"explanatory memorandum; jurisdiction:{memo.jurisdiction}"
    core.category = TITLE
    core.created = core.modified = core.last_printed = when
    core.revision = 1
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del package.rels[rel_id]


def _docx_note(document: Any, memo: Memorandum, note: SectionNote) -> None:
    document.add_heading(note_title(memo, note), level=2)
    _para(document, note_caption(note)).runs[0].italic = True
    _para(document, " ".join(note.does), lead="What it does. ")
    _para(document, " ".join(note.why[0].split()), lead="Why. ")
    for more in note.why[1:]:
        _para(document, " ".join(more.split()))
    _para(document, "", lead="Sources.")
    for source in note.sources:
        _para(document, source_text(source), style="List Bullet")
    if not note.choices:
        _para(document, NO_CHOICES, lead="Choices made. ")
        return
    _para(document, "", lead="Choices made.")
    for choice in note.choices:
        _para(document, choice_text(choice), style="List Bullet")
    _para(document, "", lead="Alternatives.")
    for choice in note.choices:
        _para(document, alternative_text(choice), style="List Bullet")


def build_document(memo: Memorandum) -> Any:
    """The memorandum as a python-docx Document: one Heading 1 per division, one Heading 2 per
    part of the gap statement and per section note."""
    import docx

    document = docx.Document()
    _page(document, memo)
    _properties(document, memo)
    purpose, gap, notes, omitted, compliance = headings(memo)
    document.add_heading(TITLE, level=0)
    _para(document, subtitle(memo)).runs[0].bold = True
    _para(document, provenance(memo)).runs[0].italic = True
    document.add_heading(purpose, level=1)
    _para(document, purpose_intro(memo))
    for item in memo.purposes:
        _para(document, item, style="List Bullet")
    document.add_heading(gap, level=1)
    _para(document, gap_intro(memo))
    for part in memo.parts:
        document.add_heading(part_title(memo, part), level=2)
        for item in part.gaps:
            _para(document, " ".join(gap_lines(memo, item)), lead=f"{gap_head(item)}. ")
        if not part.gaps:
            _para(document, furniture(memo, part))
    document.add_heading(notes, level=1)
    for note in memo.notes:
        _docx_note(document, memo, note)
    if memo.omitted:
        document.add_heading(omitted, level=1)
        for o in memo.omitted:
            _para(document, omitted_text(o.clause, o.title, o.reason), style="List Bullet")
    if memo.duties:
        document.add_heading(compliance, level=1)
        _para(document, duty_intro(memo))
        for d in memo.duties:
            _para(document, duty_text(memo, d.num, d.heading, d.limits), style="List Bullet")
    return document


def render_docx_memo(memo: Memorandum) -> bytes:
    from modellaw.write.docx import zip_parts

    buffer = io.BytesIO()
    build_document(memo).save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as zf:
        return zip_parts([(name, zf.read(name)) for name in zf.namelist()])


def render_memo(memo: Memorandum, fmt: str) -> bytes:
    """The memorandum as the bytes of a .md or .docx file."""
    if fmt == "docx":
        return render_docx_memo(memo)
    return render_markdown_memo(memo).encode("utf-8")
