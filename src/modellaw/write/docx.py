"""Bill -> DOCX bytes that open in Word as a real bill a drafter can keep editing.

The package is written directly (lxml for the body, constant text for the fixed parts in
`docx_styles`), not through python-docx: importing and driving python-docx would cost more
than the whole render, and writing every part ourselves keeps the bytes identical run to run
(fixed zip timestamps, fixed properties, no template leftovers such as a thumbnail).

Design, as Word sees it:

* Named paragraph styles ("Section Heading", "Subsection", "Definition", ...), set as
  `w:pStyle` on every paragraph; direct formatting only where the place in the tree decides
  (a wrap-up's indent, a civil-law article heading).
* Subsections, paragraphs and subparagraphs carry real Word numbering.  The styles are
  linked to a base list (numId 1) so a drafter who applies "Subsection" gets "(1)"; each
  section (and each definition with a list) has its own `w:num` over its own `w:abstractNum`,
  so numbering restarts per section in Word as well as in LibreOffice.  Before emitting a
  number the writer simulates Word's counters: if Word would not print exactly the model's
  label, that paragraph gets the label typed instead (numbering switched off), so what is
  printed always equals `Node.num`.
* Section (article) and Part numbers are `SEQ Section` / `SEQ Part` fields whose cached
  result is the model's number, inside a bookmark `ml_<clause>`: a drafter who inserts a
  section (copying a heading) and updates fields renumbers every later section, and
  LibreOffice recomputes them on load.  A number the sequence cannot produce ("6A") is typed.
  A cross-reference is its words as text with the section number as a
  `REF ml_<clause> \\h` field (cached result = the number): Word and LibreOffice compute a
  REF field as the bookmarked text, i.e. the SEQ result, so references follow renumbering.
  Definitions are bookmarked on their term; any other node a reference targets is
  bookmarked over its whole paragraph.
* The arrangement of sections is a `TOC` field over the Part and Section Heading styles,
  without page numbers (as bills print it), its cached result written out in the "toc 1" /
  "toc 2" styles Word itself regenerates it with, so it reads right before any update.
* Print rules a counsel's office expects: headings keep with the next paragraph, a lead-in
  ending in a dash keeps with its first item, short provisions keep their lines together,
  a WORD JOINER binds a closing dash to its word (LibreOffice would otherwise put it alone on
  a line; the reader drops the joiner), the word before a cross-referenced number is joined
  by a no-break space, and table rows never split, their heading row repeated on each page.
* A redline is the same bill with `Marks` laid over it (`write.redline` builds them): whole
  provisions inserted or deleted (runs in `w:ins` / `w:del`, the paragraph mark too, so
  accepting or rejecting leaves no empty paragraph), words changed inside a provision, and
  Word comments anchored on a provision's first paragraph.  In a changed provision the
  changed words are tracked runs and the words left alone are written as in any bill, so a
  cross-reference among them stays a REF field; the title, long title, recitals and
  enacting formula carry tracked changes the same way (keys in `FRONT`, `recital_key`).
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Mapping

from lxml import etree

from modellaw.records import field, record
from modellaw.write import docx_styles as ds
from modellaw.labels import letters, roman
from modellaw.model import Bill, Inline, Kind, Node, Ref, TermUse

__all__ = ["Schedule", "Comment", "Marks", "render_docx", "bookmark_name", "join_dashes",
           "FRONT", "recital_key"]


@record
class Schedule:
    """A table appended after the body as a SCHEDULE (e.g. a gap checklist)."""

    title: str
    heading_row: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    intro: str = ""
    widths: tuple[int, ...] = ()  # relative column widths; equal when not given


@record
class Comment:
    """A Word comment: a bold first line, then paragraphs."""

    heading: str
    paragraphs: tuple[str, ...] = ()


#: Keys of `Marks.pieces` for the lines before section 1 (no node holds them).
FRONT = {name: (f"front:{name}", "text") for name in ("short_title", "long_title",
                                                     "enacting_formula")}


def recital_key(index: int) -> tuple[str, str]:
    """The `Marks` key of the bill's `index`-th recital (its id in `whole` is the first)."""
    return (f"front:preamble.{index}", "text")


#: A stretch of words in a changed provision: ("equal" | "ins" | "del", text).
Piece = tuple[str, str]


@record
class Marks:
    """Tracked changes and comments over a bill, by node id.  `whole`: a node (with all below
    it) inserted ("ins") or deleted ("del"); `pieces`: the words of a node's "heading",
    "text" or "wrap" (its wrap-up) as tracked stretches; `comments`: anchored on the node's
    first paragraph.  `date` is an ISO date; every revision and comment carries `author`."""

    author: str
    date: str
    whole: Mapping[str, str] = field(default_factory=dict)
    pieces: Mapping[tuple[str, str], tuple[Piece, ...]] = field(default_factory=dict)
    comments: Mapping[str, tuple[Comment, ...]] = field(default_factory=dict)


W = ds.W_NS


def escape(text: str) -> str:
    """XML character data (xml.sax.saxutils would import urllib: 20 ms of CLI start-up)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace(
        '"', "&quot;")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


P, PPR, R, RPR, T, TAB, BR = (_q(t) for t in ("p", "pPr", "r", "rPr", "t", "tab", "br"))
PSTYLE, VAL, ID, NAME = _q("pStyle"), _q("val"), _q("id"), _q("name")
SUB = etree.SubElement

LEVEL = {Kind.SUBSECTION: 0, Kind.PARAGRAPH: 1, Kind.SUBPARAGRAPH: 2}
STYLE_OF = {Kind.SUBSECTION: "Subsection", Kind.PARAGRAPH: "Paragraph",
            Kind.SUBPARAGRAPH: "Subparagraph"}
INDENT_OF = {Kind.SECTION: ds.TEXT_INDENT["section"], Kind.SUBSECTION: ds.TEXT_INDENT["subsection"],
             Kind.PARAGRAPH: ds.TEXT_INDENT["paragraph"],
             Kind.SUBPARAGRAPH: ds.TEXT_INDENT["subparagraph"],
             Kind.DEFINITION: ds.TEXT_INDENT["definition"]}
_NOT_NAME = re.compile(r"[^A-Za-z0-9_]")
#: A dash that closes a word ("whether\u2014"): LibreOffice may break before it.
_CLOSING_DASH = re.compile(r"(?<=\S)\u2014")
WORD_JOINER = "\u2060"


def join_dashes(text: str, before: str = "") -> str:
    """Each closing em dash bound to its word by a WORD JOINER: LibreOffice would otherwise
    break before it and print the dash alone on a line (any writer of statutory text needs
    this; the reader drops the joiner).  `before`: what prints just before `text` (a field's
    number, another run), for a dash that opens it."""
    joined = _CLOSING_DASH.sub(WORD_JOINER + "\u2014", text)
    return WORD_JOINER + joined if joined.startswith("\u2014") and before[-1:].strip() \
        else joined


def _slice(segments: tuple[Inline, ...], start: int, end: int) -> tuple[Inline, ...]:
    """The segments' characters from `start` to `end` of their plain text: a reference
    wholly inside stays a reference, a part of one is only words."""
    out: list[Inline] = []
    at = 0
    for seg in segments:
        text = seg if isinstance(seg, str) else seg.label if isinstance(seg, Ref) else seg.text
        lo, hi = max(at, start), min(at + len(text), end)
        if lo < hi:
            whole = isinstance(seg, Ref) and (lo, hi) == (at, at + len(text))
            out.append(seg if whole else text[lo - at:hi - at])
        at += len(text)
    return tuple(out)
#: A provision this short (characters) is kept on one page rather than split.
SHORT_PROVISION = 400
#: The characters that, before a number, make it part of a longer word or number.
_ASCII_ALNUM = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _number_at(label: str, num: str) -> int:
    """Where section number `num` first stands on its own in `label` (not inside 16 or A6),
    or -1: a plain search, since a pattern per number would be compiled once per section."""
    at = label.find(num)
    while at >= 0:
        end = at + len(num)
        if (at == 0 or label[at - 1] not in _ASCII_ALNUM) and \
                (end == len(label) or not "0" <= label[end] <= "9"):
            return at
        at = label.find(num, at + 1)
    return -1


# --- labels Word would print -------------------------------------------------------------

def word_label(level: int, n: int, tradition: str) -> str:
    """The label Word prints for the n-th item at a level of one of our lists."""
    value = str(n) if level == 0 else letters(n) if level == 1 else roman(n).lower()
    return ds.level_text(level, tradition).replace(f"%{level + 1}", value)


class _List:
    """One Word list (a w:num over its own w:abstractNum) and Word's counters for it."""

    def __init__(self, num_id: int) -> None:
        self.num_id = num_id
        self.counters = [0, 0, 0]

    def place(self, level: int, label: str, tradition: str) -> bool:
        """Count an item; False (and nothing counted) if Word would not print `label`."""
        n = self.counters[level] + 1
        if word_label(level, n, tradition) != label:
            return False
        self.counters[level] = n
        for deeper in range(level + 1, 3):
            self.counters[deeper] = 0
        return True


# --- bookmarks ----------------------------------------------------------------------------

def bookmark_name(key: str, taken: set[str]) -> str:
    """`ml_` + key with every other character as '_', at most 40 characters, unique."""
    base = ("ml_" + _NOT_NAME.sub("_", key))[:40]
    name, n = base, 1
    while name in taken:
        n += 1
        suffix = f"_{n}"
        name = base[:40 - len(suffix)] + suffix
    taken.add(name)
    return name


@record(frozen=False)
class _Target:
    bookmark: str
    section_bookmark: str
    section_num: str


class _Writer:
    def __init__(self, bill: Bill, marks: Marks | None = None) -> None:
        self.bill = bill
        self.marks = marks
        self.comments: list[tuple[int, Comment]] = []
        self.tradition = bill.style.tradition
        self.civil = self.tradition == "civil-law"
        self.body = etree.Element(_q("body"), nsmap={"w": W, "r": ds.R_NS})
        self.lists: list[_List] = []
        self.bookmark_id = 0
        self.sequences: dict[str, int] = {}
        self.targets: dict[str, _Target] = {}
        self._plan_bookmarks()

    # bookmarks: sections and definitions by clause id, other targets by node id
    def _plan_bookmarks(self) -> None:
        wanted = {seg.target for node in self.bill.walk()
                  for seg in (*node.text, *node.wrap_up) if isinstance(seg, Ref)}
        taken: set[str] = set()
        for part in self.bill.parts:
            if part.id in wanted:
                self.targets[part.id] = _Target(bookmark_name(part.id, taken), "", "")
            for section in part.children:
                sec_bm = bookmark_name(section.provenance.clause or section.id, taken)
                for node in section.walk():
                    if node is section:
                        bm = sec_bm
                    elif node.kind is Kind.DEFINITION:
                        bm = bookmark_name(node.provenance.clause or node.id, taken)
                    elif node.id in wanted:
                        bm = bookmark_name(node.id, taken)
                    else:
                        continue
                    self.targets.setdefault(node.id, _Target(bm, sec_bm, section.num))

    # --- paragraph building -------------------------------------------------------------
    def para(self, style: str, *, ind: tuple[int, int] | None = None, num: tuple[int, int] | None
             = None, page_break: bool = False, parent: etree._Element | None = None,
             keep: tuple[Inline, ...] = ()) -> etree._Element:
        """A paragraph; `keep` is its text, to decide whether it keeps with the next one
        (a lead-in ending in a dash) and keeps its lines together (a short provision)."""
        p = SUB(self.body if parent is None else parent, P)
        ppr = SUB(p, PPR)
        SUB(ppr, PSTYLE).set(VAL, ds.STYLE_IDS[style])
        if keep:
            plain = "".join(seg if isinstance(seg, str) else getattr(seg, "text", "")
                            or getattr(seg, "label", "") for seg in keep).rstrip()
            if plain.endswith(("\u2014", ":", "-")):
                SUB(ppr, _q("keepNext"))
            if len(plain) <= SHORT_PROVISION:
                SUB(ppr, _q("keepLines"))
        if page_break:
            SUB(ppr, _q("pageBreakBefore"))
        if num is not None:
            numpr = SUB(ppr, _q("numPr"))
            SUB(numpr, _q("ilvl")).set(VAL, str(num[0]))
            SUB(numpr, _q("numId")).set(VAL, str(num[1]))
        if ind is not None:
            el = SUB(ppr, _q("ind"))
            el.set(_q("left"), str(ind[0]))
            el.set(_q("hanging") if ind[1] else _q("firstLine"), str(ind[1]))
        return p

    @staticmethod
    def run(p: etree._Element, text: str, *, bold: bool = False, char_style: str = ""
            ) -> etree._Element:
        r = SUB(p, R)
        if bold or char_style:
            rpr = SUB(r, RPR)
            if char_style:
                SUB(rpr, _q("rStyle")).set(VAL, char_style)
            if bold:
                SUB(rpr, _q("b"))
        t = SUB(r, T)
        t.text = text
        t.set(_XML_SPACE, "preserve")
        return r

    @staticmethod
    def tab(p: etree._Element) -> None:
        SUB(SUB(p, R), TAB)

    @staticmethod
    def line_break(p: etree._Element) -> None:
        SUB(SUB(p, R), BR)

    def next_id(self) -> int:
        """One counter for bookmark, revision and comment ids: unique across annotations."""
        self.bookmark_id += 1
        return self.bookmark_id

    def bookmark_start(self, p: etree._Element, name: str) -> int:
        self.next_id()
        el = SUB(p, _q("bookmarkStart"))
        el.set(ID, str(self.bookmark_id))
        el.set(NAME, name)
        return self.bookmark_id

    @staticmethod
    def bookmark_end(p: etree._Element, bid: int) -> None:
        SUB(p, _q("bookmarkEnd")).set(ID, str(bid))

    def field(self, p: etree._Element, instr: str, result: str) -> None:
        """A complex field with its cached result (an empty result makes Word repair it)."""
        self.field_start(p, instr)
        self.run(p, result)
        self.field_end(p)

    @staticmethod
    def field_start(p: etree._Element, instr: str) -> None:
        """Begin a field; its result is whatever follows, up to `field_end` (which may be in
        a later paragraph, as a TOC's is)."""
        SUB(SUB(p, R), _q("fldChar")).set(_q("fldCharType"), "begin")
        it = SUB(SUB(p, R), _q("instrText"))
        it.text = f" {instr} "
        it.set(_XML_SPACE, "preserve")
        SUB(SUB(p, R), _q("fldChar")).set(_q("fldCharType"), "separate")

    @staticmethod
    def field_end(p: etree._Element) -> None:
        SUB(SUB(p, R), _q("fldChar")).set(_q("fldCharType"), "end")

    def number(self, p: etree._Element, sequence: str, num: str) -> None:
        """A Part or section number: a SEQ field while the sequence can print it, else typed."""
        counter = self.sequences.get(sequence, 0) + 1
        fmt = "ROMAN" if sequence == "Part" and self.bill.style.part_numbering == "roman" \
            else "ARABIC"
        if (roman(counter) if fmt == "ROMAN" else str(counter)) != num:
            self.run(p, num)
            return
        self.sequences[sequence] = counter
        self.field(p, f"SEQ {sequence} \\* {fmt}", num)

    def inlines(self, p: etree._Element, segments: tuple[Inline, ...], before: str = ""
                ) -> None:
        """Provision text: closing dashes joined to their word (`before`: what prints
        before it), each cross-referenced section number a REF field after a no-break
        space."""
        pending = ""
        for seg in segments:
            if isinstance(seg, str):
                pending += seg
            elif isinstance(seg, TermUse):
                pending += seg.text
            elif isinstance(seg, Ref):
                target = self.targets.get(seg.target)
                at = (_number_at(seg.label, target.section_num)
                      if target and target.section_num else -1)
                if at < 0:
                    pending += seg.label
                    continue
                pending += seg.label[:at]
                if pending.endswith(" "):
                    pending = pending[:-1] + "\u00a0"
                if pending:
                    self.run(p, join_dashes(pending, before))
                self.field(p, f"REF {target.section_bookmark} \\h", target.section_num)
                pending, before = seg.label[at + len(target.section_num):], target.section_num
        if pending:
            self.run(p, join_dashes(pending, before))

    # --- revision marks and comments (a redline) ------------------------------------------
    def revision(self, op: str) -> etree._Element:
        """An empty w:ins / w:del with the next id and the redline's author and date."""
        el = etree.Element(_q(op))
        el.set(ID, str(self.next_id()))
        el.set(_q("author"), self.marks.author)
        el.set(_q("date"), f"{self.marks.date}T00:00:00Z")
        return el

    def words(self, p: etree._Element, key: tuple[str, str],
              segments: tuple[Inline, ...]) -> None:
        """A node's heading, text or wrap-up (`key`: its id and which), or a line of the
        front matter: as tracked pieces where the redline changed them, else as written.
        The words a change leaves alone keep their cross-references as REF fields."""
        pieces = self.marks.pieces.get(key) if self.marks else None
        if pieces is None:
            self.inlines(p, segments)
            return
        at, before = 0, ""   # where in `segments` the laid-out bill's words are; last char
        for op, text in pieces:
            if op == "equal":
                self.inlines(p, _slice(segments, at, at + len(text)), before)
            else:
                wrapper = self.revision(op)
                p.append(wrapper)
                r = self.run(wrapper, join_dashes(text, before))
                if op == "del":
                    r.find(T).tag = _q("delText")
            if op != "ins":
                at += len(text)
            before = text[-1:] or before

    def mark_whole(self, paragraphs: list[etree._Element], op: str, *,
                   text_only: bool = False) -> None:
        """Every run of the paragraphs, and their paragraph marks, inserted or deleted;
        `text_only` leaves field characters alone (the arrangement's TOC field spans its
        entries: deleting its start with one entry would break it)."""
        for p in paragraphs:
            if p.tag != P:
                continue
            wrapper = None
            for child in list(p):
                field_char = child.find(_q("fldChar")) is not None or child.find(
                    _q("instrText")) is not None
                if child.tag != R or (text_only and field_char):
                    if child.tag != PPR:
                        wrapper = None
                    continue
                if wrapper is None:
                    wrapper = self.revision(op)
                    child.addprevious(wrapper)
                wrapper.append(child)
                if op == "del":
                    for t in child.iter(T):
                        t.tag = _q("delText")
                    for instr in child.iter(_q("instrText")):
                        instr.tag = _q("delInstrText")
            ppr = p.find(PPR)
            rpr = ppr.find(RPR)
            (SUB(ppr, RPR) if rpr is None else rpr).append(self.revision(op))

    def whole(self, key: str, start: int, *, text_only: bool = False) -> None:
        """Mark what was written for the node (or front-matter line) `key` (body children
        from `start`) if the redline inserts or deletes it whole."""
        op = self.marks.whole.get(key) if self.marks else None
        if op:
            self.mark_whole(list(self.body)[start:], op, text_only=text_only)

    def anchor(self, p: etree._Element, node: Node) -> None:
        """The redline's comments on `node`, anchored on its (finished) paragraph."""
        for comment in self.marks.comments.get(node.id, ()) if self.marks else ():
            cid = self.next_id()
            self.comments.append((cid, comment))
            p.find(PPR).addnext(etree.Element(_q("commentRangeStart")))
            p.find(PPR).getnext().set(ID, str(cid))
            SUB(p, _q("commentRangeEnd")).set(ID, str(cid))
            SUB(SUB(p, R), _q("commentReference")).set(ID, str(cid))

    def comments_xml(self) -> bytes:
        parts = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 f'<w:comments xmlns:w="{W}">']
        author, when = escape(self.marks.author), f"{self.marks.date}T00:00:00Z"
        initials = escape("".join(w[0] for w in self.marks.author.split() if w)[:4].upper())
        for cid, comment in self.comments:
            body = f'<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">' \
                   f"{escape(comment.heading)}</w:t></w:r></w:p>" + "".join(
                       f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'
                       for text in comment.paragraphs)
            parts.append(f'<w:comment w:id="{cid}" w:author="{author}" w:date="{when}" '
                         f'w:initials="{initials}">{body}</w:comment>')
        parts.append("</w:comments>")
        return "".join(parts).encode("utf-8")

    # --- the bill -----------------------------------------------------------------------
    def front(self) -> None:
        """The cover, the arrangement and the words before section 1; in a redline the
        title, long title, recitals and enacting formula carry their tracked changes."""
        bill = self.bill
        self.run(self.para("Cover Line"), bill.jurisdiction_name)
        self.words(self.para("Bill Title"), FRONT["short_title"], (bill.short_title,))
        self.arrangement()
        if bill.civil:  # a law: its title, the promulgating authority, the visas, the formula
            self.run(self.para("Cover Line", page_break=True), bill.short_title)
            if bill.authority:
                self.run(self.para("Enacting Formula"), bill.authority)
        else:
            self.run(self.para("Cover Line", page_break=True), "A Bill")
            self.words(self.para("Long Title"), FRONT["long_title"], (bill.long_title,))
        for index, recital in enumerate(bill.preamble):
            start = len(self.body)
            self.words(self.para("Preamble"), recital_key(index), (recital,))
            self.whole(recital_key(index)[0], start)
        self.words(self.para("Enacting Formula"), FRONT["enacting_formula"],
                   (bill.enacting_formula,))

    def section_label(self, section: Node) -> str:
        return f"{self.bill.style.section_word} {section.num}" if self.civil else f"{section.num}."

    def arrangement(self) -> None:
        """The arrangement as a TOC field over the heading styles, its result written out."""
        word = self.bill.style.section_word.upper()
        self.run(self.para("Arrangement Heading"), f"Arrangement of {word.lower()}s")
        hang = 2 * ds.STEP if self.civil else ds.STEP
        whole = self.marks.whole if self.marks else {}
        entries: list[tuple[str, tuple[str, ...], str]] = []  # style, texts, revision
        for part in self.bill.parts:
            entries.append(("Arrangement Part", (self.part_label(part) + (
                f" \u2014 {part.heading}" if part.heading else ""),), whole.get(part.id, "")))
            entries += [("Arrangement Entry", (self.section_label(section), section.heading),
                         whole.get(part.id) or whole.get(section.id, ""))
                        for section in part.children]
        entries += [("Arrangement Part", (f"{self.schedule_label(index)} \u2014 {schedule.title}",),
                     "") for index, schedule in enumerate(self.schedules)]
        levels = ",".join(f"{name},{level}" for name, level in (
            ("Part Heading", 1), ("Section Heading", 2), ("Schedule Heading", 1)))
        for index, (style, texts, op) in enumerate(entries):
            p = self.para(style, ind=(hang, hang) if self.civil and style == "Arrangement Entry"
                          else None)
            if index == 0:
                self.field_start(p, f'TOC \\n \\t "{levels}"')
            self.run(p, texts[0])
            for text in texts[1:]:
                self.tab(p)
                self.run(p, text)
            if index == len(entries) - 1:
                self.field_end(p)
            if op:
                self.mark_whole([p], op, text_only=True)

    def part_label(self, part: Node) -> str:
        return f"{self.bill.style.part_label} {part.num}".strip()

    def parts(self) -> None:
        for part in self.bill.parts:
            start = len(self.body)
            p = self.para("Part Heading")
            target = self.targets.get(part.id)
            bid = self.bookmark_start(p, target.bookmark) if target else 0
            label = self.bill.style.part_label
            if label and part.num:
                self.run(p, f"{label} ")
                self.number(p, "Part", part.num)
            else:
                self.run(p, self.part_label(part))
            if part.heading:
                self.line_break(p)
                self.run(p, part.heading)
            if bid:
                self.bookmark_end(p, bid)
            self.anchor(p, part)
            for section in part.children:
                self.section(section)
            self.whole(part.id, start)

    def section(self, section: Node) -> None:
        start = len(self.body)
        p = self.para("Section Heading", ind=(0, 0) if self.civil else None)
        if self.civil:
            self.run(p, f"{self.bill.style.section_word} ")
        bid = self.bookmark_start(p, self.targets[section.id].bookmark)
        self.number(p, "Section", section.num)
        self.bookmark_end(p, bid)
        if self.civil:
            if section.heading:
                self.line_break(p)
                self.words(p, (section.id, "heading"), (section.heading,))
        else:
            self.run(p, ".")
            self.tab(p)
            self.words(p, (section.id, "heading"), (section.heading,))
        self.anchor(p, section)
        if section.text:
            self.words(self.para("Section Text", keep=section.text), (section.id, "text"),
                       section.text)
        holder: list[_List] = []  # the section's list, made when first needed
        for child in section.children:
            self.node(child, holder)
        if section.wrap_up:
            self.words(self.para("Wrap Up", ind=(INDENT_OF[Kind.SECTION], 0),
                                 keep=section.wrap_up), (section.id, "wrap"), section.wrap_up)
        self.whole(section.id, start)

    def new_list(self) -> _List:
        lst = _List(len(self.lists) + 2)  # numId 1 is the base list the styles link to
        self.lists.append(lst)
        return lst

    def node(self, node: Node, holder: list[_List]) -> None:
        start = len(self.body)
        if node.kind is Kind.DEFINITION:
            self.definition(node)
            self.whole(node.id, start)
            return
        level = LEVEL.get(node.kind)
        if level is None:  # not a level this writer knows: its text, then its children
            p = self.para("Section Text", keep=node.text)
            self.words(p, (node.id, "text"), node.text)
            self.anchor(p, node)
        else:
            if not holder and node.num:
                holder.append(self.new_list())
            numbered = bool(node.num) and holder[0].place(level, node.num, self.tradition)
            style = STYLE_OF[node.kind]
            if numbered:
                p = self.para(style, num=(level, holder[0].num_id), keep=node.text)
            else:
                p = self.para(style, num=(0, 0), keep=node.text,
                              ind=(INDENT_OF[node.kind], ds.STEP) if node.num else
                              (INDENT_OF[node.kind], 0))
                if node.num:
                    self.run(p, node.num)
                    self.tab(p)
            target = self.targets.get(node.id)
            bid = self.bookmark_start(p, target.bookmark) if target else 0
            self.words(p, (node.id, "text"), node.text)
            if bid:
                self.bookmark_end(p, bid)
            self.anchor(p, node)
        for child in node.children:
            self.node(child, holder)
        if node.wrap_up:
            self.words(self.para("Wrap Up", ind=(INDENT_OF.get(node.kind, 0), 0),
                                 keep=node.wrap_up), (node.id, "wrap"), node.wrap_up)
        self.whole(node.id, start)

    def definition(self, node: Node) -> None:
        p = self.para("Definition", keep=node.text)
        self.run(p, "\u201c", bold=True)
        bid = self.bookmark_start(p, self.targets[node.id].bookmark)
        self.run(p, node.term, char_style="DefinedTerm")
        self.bookmark_end(p, bid)
        self.run(p, "\u201d", bold=True)
        if node.text:
            self.run(p, " ")
            self.words(p, (node.id, "text"), node.text)
        self.anchor(p, node)
        holder: list[_List] = []
        for child in node.children:
            self.node(child, holder)
        if node.wrap_up:
            self.words(self.para("Wrap Up", ind=(INDENT_OF[Kind.DEFINITION], 0),
                                 keep=node.wrap_up), (node.id, "wrap"), node.wrap_up)

    def schedule_label(self, index: int) -> str:
        return "Schedule" if len(self.schedules) == 1 else f"Schedule {index + 1}"

    def schedule(self, index: int, schedule: Schedule) -> None:
        p = self.para("Schedule Heading")
        self.run(p, self.schedule_label(index))
        self.line_break(p)
        self.run(p, schedule.title)
        if schedule.intro:
            self.run(self.para("Schedule Text"), schedule.intro)
        columns = max([len(schedule.heading_row), *(len(r) for r in schedule.rows)] or [1])
        weights = schedule.widths if len(schedule.widths) == columns else (1,) * columns
        widths = [ds.TEXT_WIDTH * w // sum(weights) for w in weights]
        tbl = SUB(self.body, _q("tbl"))
        tblpr = SUB(tbl, _q("tblPr"))
        SUB(tblpr, _q("tblStyle")).set(VAL, "ScheduleTable")
        tw = SUB(tblpr, _q("tblW"))
        tw.set(_q("w"), "5000")
        tw.set(_q("type"), "pct")
        look = SUB(tblpr, _q("tblLook"))
        look.set(VAL, "0020")
        look.set(_q("firstRow"), "1" if schedule.heading_row else "0")
        for attr in ("lastRow", "firstColumn", "lastColumn", "noHBand", "noVBand"):
            look.set(_q(attr), "0" if attr in ("lastRow", "firstColumn", "lastColumn") else "1")
        grid = SUB(tbl, _q("tblGrid"))
        for width in widths:
            SUB(grid, _q("gridCol")).set(_q("w"), str(width))
        rows = ([(schedule.heading_row, True)] if schedule.heading_row else []) + \
            [(row, False) for row in schedule.rows]
        for cells, header in rows:
            tr = SUB(tbl, _q("tr"))
            row_props(tr, header)
            for i in range(columns):
                tc = SUB(tr, _q("tc"))
                tcw = SUB(SUB(tc, _q("tcPr")), _q("tcW"))
                tcw.set(_q("w"), str(widths[i]))
                tcw.set(_q("type"), "dxa")
                cp = SUB(tc, P)
                text = cells[i] if i < len(cells) else ""
                if text:
                    self.run(cp, text, bold=header)
        SUB(self.body, P)  # Word needs a paragraph after a table before the section end

    def document(self, schedules: tuple[Schedule, ...]) -> bytes:
        self.schedules = schedules
        self.front()
        self.parts()
        if self.bill.civil and self.bill.reasons:  # Iraq's laws end with their reasons
            self.run(self.para("Part Heading"), "Justifying reasons")
            self.run(self.para("Section Text"), self.bill.reasons)
        for index, schedule in enumerate(schedules):
            self.schedule(index, schedule)
        append_section_properties(self.body, title_page=True, paper=self.bill.style.paper)
        doc = etree.Element(_q("document"), nsmap={"w": W, "r": ds.R_NS})
        doc.append(self.body)
        return etree.tostring(doc, xml_declaration=True, encoding="UTF-8", standalone=True)

    def numbering(self) -> bytes:
        parts = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 f'<w:numbering xmlns:w="{W}">']
        ids = [(0, 1, True)] + [(i + 1, lst.num_id, False) for i, lst in enumerate(self.lists)]
        for abstract_id, _, linked in ids:
            parts.append(f'<w:abstractNum w:abstractNumId="{abstract_id}">'
                         f'<w:nsid w:val="{0x4D4C0000 + abstract_id:08X}"/>'
                         '<w:multiLevelType w:val="multilevel"/>')
            for level, (style, fmt) in enumerate(ds.LIST_LEVELS):
                indent = ds.TEXT_INDENT[style.lower()]
                parts.append(
                    f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                    + (f'<w:pStyle w:val="{ds.STYLE_IDS[style]}"/>' if linked else "")
                    + f'<w:lvlText w:val="{ds.level_text(level, self.tradition)}"/>'
                    '<w:lvlJc w:val="left"/>'
                    f'<w:pPr><w:ind w:left="{indent}" w:hanging="{ds.STEP}"/></w:pPr></w:lvl>')
            parts.append("</w:abstractNum>")
        for abstract_id, num_id, _ in ids:
            parts.append(f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>')
        parts.append("</w:numbering>")
        return "".join(parts).encode("utf-8")


def _header(bill: Bill) -> bytes:
    text = escape(f"{bill.jurisdiction_name} \u2014 {bill.short_title}")
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:hdr xmlns:w="{W}"><w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr>'
            f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r><w:r><w:tab/></w:r>'
            '<w:r><w:rPr><w:b/></w:rPr><w:t>DRAFT</w:t></w:r></w:p></w:hdr>').encode("utf-8")


def _field_xml(instr: str, result: str) -> str:
    return (f'<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>'
            f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            f'<w:r><w:t>{result}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>')


FOOTER_XML = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              f'<w:ftr xmlns:w="{W}"><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>'
              '<w:r><w:t xml:space="preserve">Page </w:t></w:r>' + _field_xml("PAGE", "1")
              + '<w:r><w:t xml:space="preserve"> of </w:t></w:r>'
              + _field_xml("NUMPAGES", "1") + "</w:p></w:ftr>").encode("utf-8")


def _core(bill: Bill) -> bytes:
    when = f"{bill.date}T00:00:00Z"
    keywords = "; ".join(("model law", "technology-facilitated child sex trafficking",
                          f"jurisdiction:{bill.jurisdiction}"))
    fields = (("dc:title", bill.short_title),
              ("dc:subject", f"Draft bill for {bill.jurisdiction_name}: {bill.long_title}"),
              ("dc:creator", "modellaw"), ("cp:keywords", keywords),
              ("dc:identifier", f"modellaw:{bill.jurisdiction}"),
              ("dc:language", "en"), ("cp:category", "Draft bill"),
              ("cp:lastModifiedBy", "modellaw"), ("cp:revision", "1"))
    body = "".join(f"<{k}>{escape(v)}</{k}>" for k, v in fields)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/'
            'dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f'{body}<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>'
            "</cp:coreProperties>").encode("utf-8")


def _custom(bill: Bill) -> bytes:
    props = (("modellaw.jurisdiction", bill.jurisdiction),
             ("modellaw.jurisdiction_name", bill.jurisdiction_name),
             ("modellaw.style", bill.style.tradition))
    body = "".join(
        f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{i + 2}" '
        f'name="{escape(k)}"><vt:lpwstr>{escape(v)}</vt:lpwstr></property>'
        for i, (k, v) in enumerate(props))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
            'custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
            f'2006/docPropsVTypes">{body}</Properties>').encode("utf-8")


_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def row_props(tr: etree._Element, header: bool) -> None:
    """A table row that never splits across pages; a heading row repeats on each page."""
    trpr = SUB(tr, _q("trPr"))
    SUB(trpr, _q("cantSplit"))
    if header:
        SUB(trpr, _q("tblHeader"))


#: US Letter (8.5 x 11 in), in twentieths of a point, for a profile whose `drafting.paper` is letter.
LETTER = (12240, 15840)


def append_section_properties(body: etree._Element, *, title_page: bool = False,
                              paper: str = "a4") -> None:
    """A4 page (or US Letter), the bill's margins, the running header and footer; with
    `title_page`, the first page (a cover) carries neither."""
    sect = SUB(body, _q("sectPr"))
    for tag, rid in (("headerReference", ds.HEADER_REL), ("footerReference", ds.FOOTER_REL)):
        ref = SUB(sect, _q(tag))
        ref.set(_q("type"), "default")
        ref.set(f"{{{ds.R_NS}}}id", rid)
    size = SUB(sect, _q("pgSz"))
    width, height = LETTER if paper == "letter" else (ds.PAGE_WIDTH, ds.PAGE_HEIGHT)
    size.set(_q("w"), str(width))
    size.set(_q("h"), str(height))
    mar = SUB(sect, _q("pgMar"))
    for attr, value in (("top", ds.MARGIN), ("right", ds.MARGIN), ("bottom", ds.MARGIN),
                        ("left", ds.MARGIN), ("header", 708), ("footer", 708), ("gutter", 0)):
        mar.set(_q(attr), str(value))
    if title_page:
        SUB(sect, _q("titlePg"))


def zip_parts(parts: list[tuple[str, bytes]]) -> bytes:
    """A zip with fixed entry times and attributes: the same parts give the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            zf.writestr(info, data, compresslevel=6)
    return out.getvalue()


COMMENTS_CT = ('<Override PartName="/word/comments.xml" ContentType="application/vnd.'
               'openxmlformats-officedocument.wordprocessingml.comments+xml"/>')
COMMENTS_REL = ('<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/'
                'officeDocument/2006/relationships/comments" Target="comments.xml"/>')


def render_docx(bill: Bill, *, schedules: tuple[Schedule, ...] = (),
                marks: Marks | None = None) -> bytes:
    """The bill (and any schedules after it) as the bytes of a .docx file; with `marks`, a
    redline: the bill with those tracked changes and comments."""
    writer = _Writer(bill, marks)
    document = writer.document(tuple(schedules))
    content_types, rels = ds.CONTENT_TYPES_XML, ds.DOCUMENT_RELS_XML
    comments = []
    if writer.comments:
        content_types = content_types.replace("</Types>", COMMENTS_CT + "</Types>")
        rels = rels.replace("</Relationships>", COMMENTS_REL + "</Relationships>")
        comments = [("word/comments.xml", writer.comments_xml())]
    return zip_parts([
        ("[Content_Types].xml", content_types.encode("utf-8")),
        ("_rels/.rels", ds.PACKAGE_RELS_XML.encode("utf-8")),
        ("docProps/core.xml", _core(bill)),
        ("docProps/app.xml", ds.APP_XML.encode("utf-8")),
        ("docProps/custom.xml", _custom(bill)),
        ("word/document.xml", document),
        ("word/_rels/document.xml.rels", rels.encode("utf-8")),
        ("word/styles.xml", ds.STYLES_XML.encode("utf-8")),
        ("word/numbering.xml", writer.numbering()),
        ("word/settings.xml", ds.SETTINGS_XML.encode("utf-8")),
        ("word/fontTable.xml", ds.FONT_TABLE_XML.encode("utf-8")),
        ("word/header1.xml", _header(bill)),
        ("word/footer1.xml", FOOTER_XML),
        *comments,
    ])
