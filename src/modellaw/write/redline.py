"""A DiffResult as a Word redline that looks like the bill under review.

The review DOCX is one bill laid out by the bill writer (`write.docx`: its Parts, long title,
enacting formula, styles, numbering, hanging indents), with the other text's words as native
tracked changes over it.  By default the bill is the draft under review and the changes are
the model's words: rejecting every change gives the draft, accepting every change gives the
model.  With `on_model` it is the reverse: the model bill laid out, the draft's words as the
changes.  Numbering is the laid-out bill's alone: a provision only the other text has is
inserted under a number the laid-out bill would give it ("12A" after section 12, "(aa)"
after paragraph (a), "A1" before section 1), never under its number in the other text.

Provisions are paired as the diff paired them (sections and definitions, by their labels);
inside a pair, subsections, paragraphs and subparagraphs are paired by their words, and the
words of each pair are diffed.  Findings are Word comments on the provision they concern,
broken cross-references in the draft are comments on their provision, and every finding
(unaccepted revisions in the draft among them, with their authors) is listed again in a
closing "Findings" schedule for printing.  Revisions and comments carry the reviewer's name
and date, given by the caller, so the same input and options give the same bytes.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from lxml import etree

from modellaw.judge.align import fold, tidy, units
from modellaw.judge.diff import DiffResult, Finding, ProvisionDiff, summary_line, word_changes
from modellaw.labels import letters, roman
from modellaw.model import Bill, Inline, Kind, Node, Ref
from modellaw.read.blocks import Draft
from modellaw.records import field, record, replace
from modellaw.write import docx_styles as ds
from modellaw.write.docx import FRONT, Comment, Marks, Piece, Schedule, recital_key, render_docx

W = ds.W_NS
#: Who the Keeling schedule's revisions are by (the redline's are by the reviewer).
AUTHOR = "modellaw"
SUB = etree.SubElement
#: Below this likeness two subsections (paragraphs, ...) are not the same provision.
THRESHOLD = 0.4
#: Front matter a reader keeps as untyped lines, told apart by their words.
_ENACTING = re.compile(r"^(?:BE IT ENACTED|Be it enacted|NOW,? THEREFORE|The (?:\[?Parliament"
                       r"\]?|National Assembly|Congress|Legislature)\b.{0,80}\benacts?\b)", re.I)
_LONG_TITLE = re.compile(r"^(?:An? )?(?:Act|Bill|Law)?\s*to\b", re.I)
_RECITAL = re.compile(r"^WHEREAS\b", re.I)
_PREFIX = "other:"


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


class _Redline:
    """Word primitives for a tracked-changes document built paragraph by paragraph (the
    Keeling schedule): styled paragraphs with typed labels, runs, revision marks."""

    author = AUTHOR

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
        el.set(_q("author"), self.author)
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


NUMBERING_XML = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 f'<w:numbering xmlns:w="{W}"/>').encode("utf-8")


# --- the laid-out bill -----------------------------------------------------------------------

def with_front_matter(bill: Bill) -> Bill:
    """A bill read from a file keeps its front matter as untyped lines (`preamble`): the
    jurisdiction line and title, the arrangement, "A Bill", the long title, the enacting
    formula.  Typed again here, so the redline prints the draft's own front matter.  The
    reader also keeps a Part left with no sections as such a line after the formula: it is
    a Part again here, empty, where its number puts it."""
    if bill.jurisdiction or bill.enacting_formula:     # a bill assembled, not read
        return bill
    lines = list(bill.preamble)
    formula = next((i for i, line in enumerate(lines) if _ENACTING.match(line)), None)
    before = lines[:formula] if formula is not None else lines
    title = next((i for i in range(len(before) - 1, -1, -1) if _LONG_TITLE.match(before[i])
                  and len(before[i].split()) > 4), None)
    heading = lines.index(bill.short_title) if bill.short_title in lines else None
    empty = re.compile(rf"^{re.escape(bill.style.part_label)}\s+([0-9IVXLC]+[A-Z]?)\s+(\S.*)$",
                       re.I) if formula is not None and bill.style.part_label else None
    parts = list(bill.parts)
    ids = {node.id for node in bill.walk()}
    for line in lines[formula + 1:] if empty else ():
        found = empty.match(line)
        if found:
            num, words = found.groups()
            ids.add(part_id := next(f"part-empty-{num}-{n}" for n in range(1, len(ids) + 2)
                                    if f"part-empty-{num}-{n}" not in ids))
            at = next((i for i, p in enumerate(parts) if _order(p.num) > _order(num)),
                      len(parts))
            parts.insert(at, Node(Kind.PART, part_id, num, heading=words))
    return replace(
        bill,
        jurisdiction_name=bill.jurisdiction_name or (lines[heading - 1] if heading else ""),
        long_title=lines[title] if title is not None else "",
        enacting_formula=lines[formula] if formula is not None else "",
        preamble=tuple(line for line in lines if _RECITAL.match(line)), parts=tuple(parts))


def _order(num: str) -> tuple[int, str]:
    """Where a Part number sorts: 4 and IV alike, "4A" after 4; one not a number last."""
    core = re.match(r"^([0-9]+|[IVXLC]+)(.*)$", num.upper())
    if core is None:
        return (10 ** 6, num)
    head, tail = core.groups()
    value = int(head) if head.isdigit() else next(
        (n for n in range(1, 400) if roman(n) == head), 10 ** 6)
    return (value, tail)


@record(frozen=False)
class _Overlay:
    """What the laid-out ("base") bill becomes: its tree with the other text's provisions
    inserted, and the marks the bill writer lays over it."""

    pairs: dict[str, Node]                    # base node id -> the other text's node
    paired_other: set[str]                    # ids of other nodes that have a base node
    whole: dict[str, str] = field(default_factory=dict)
    pieces: dict[tuple[str, str], tuple[Piece, ...]] = field(default_factory=dict)
    foreign: dict[str, str] = field(default_factory=dict)  # other node id -> inserted id

    def words(self, key: tuple[str, str], base: str, other: str) -> None:
        """Base words to other words, as tracked pieces (nothing when they agree)."""
        if tidy(base) == tidy(other):
            return
        pieces: list[Piece] = []
        for change in word_changes(base, other):
            if change.op == "equal":
                pieces.append(("equal", change.old))
                continue
            if change.old:
                pieces.append(("del", change.old))
            if change.new:
                pieces.append(("ins", change.new))
        self.pieces[key] = tuple(pieces)

    def merge(self, base: Node, other: Node) -> Node:
        """The base node with the other's words as changes and the other's extra children
        inserted (under the base's numbering)."""
        self.words((base.id, "heading"), base.heading, other.heading)
        self.words((base.id, "text"), base.plain_text, other.plain_text)
        self.words((base.id, "wrap"), base.plain_wrap_up, other.plain_wrap_up)
        children: list[Node] = []
        for b, o in self.align(base.children, other.children):
            if b is not None and o is not None:
                children.append(self.merge(b, o))
            elif b is not None:
                self.whole[b.id] = "del"
                children.append(b)
            elif o.id not in self.paired_other:  # a definition paired elsewhere stays there
                children.append(self.insert(o, children))
        return replace(base, children=tuple(children))

    def align(self, base: tuple[Node, ...], other: tuple[Node, ...]
              ) -> list[tuple[Node | None, Node | None]]:
        """Children in order, paired where they are the same provision: definitions as the
        diff paired them, other levels by likeness of words (the best-scoring order-keeping
        pairing), the rest on their own."""
        def likeness(b: Node, o: Node) -> float:
            if b.kind is not o.kind:
                return 0.0
            if b.kind is Kind.DEFINITION:
                return 1.0 if self.pairs.get(b.id) is o else 0.0
            ratio = SequenceMatcher(None, _words(b), _words(o), autojunk=False).ratio()
            return ratio if ratio >= THRESHOLD else 0.0
        n, m = len(base), len(other)
        score = [[0.0] * (m + 1) for _ in range(n + 1)]
        for i in range(n - 1, -1, -1):
            for j in range(m - 1, -1, -1):
                like = likeness(base[i], other[j])
                score[i][j] = max(score[i + 1][j], score[i][j + 1],
                                  score[i + 1][j + 1] + like if like else 0.0)
        out: list[tuple[Node | None, Node | None]] = []
        i = j = 0
        while i < n or j < m:
            like = likeness(base[i], other[j]) if i < n and j < m else 0.0
            if like and score[i][j] == score[i + 1][j + 1] + like:
                out.append((base[i], other[j]))
                i, j = i + 1, j + 1
            elif j >= m or (i < n and score[i][j] == score[i + 1][j]):
                out.append((base[i], None))
                i += 1
            else:
                out.append((None, other[j]))
                j += 1
        return out

    def insert(self, other: Node, siblings: list[Node]) -> Node:
        """The other text's node, inserted whole after `siblings`, numbered as the base bill
        would number an insertion there."""
        inserted = _foreign(other, _inserted_label(other, siblings))
        self.whole[inserted.id] = "ins"
        for node, copy in zip(other.walk(), inserted.walk()):
            self.foreign[node.id] = copy.id
        return inserted


def _words(node: Node) -> list[str]:
    return fold(" ".join(n.plain_text + " " + n.plain_wrap_up for n in node.walk())).lower(
    ).split()


def _plain(segments: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """A cross-reference into the other text is only words here."""
    return tuple(seg.label if isinstance(seg, Ref) else seg for seg in segments)


def _foreign(node: Node, num: str) -> Node:
    """A copy of the other text's node with ids of its own and its references as words."""
    def copy(n: Node, label: str) -> Node:
        return replace(n, id=_PREFIX + n.id, num=label, text=_plain(n.text),
                       wrap_up=_plain(n.wrap_up),
                       children=tuple(copy(c, c.num) for c in n.children))
    return copy(node, num)


def _inserted_label(node: Node, siblings: list[Node]) -> str:
    """"12A" after 12, "(1A)" after (1), "(aa)" after (a), "(ia)" after (i); the next letter
    for each further insertion at the same place; "A1", "A2" / "(A1)" / "(za)", "(zb)" before
    the first."""
    if not node.num:
        return ""
    same = [s for s in siblings if s.kind is node.kind and s.num]
    run = 0
    while run < len(same) and same[len(same) - 1 - run].id.startswith(_PREFIX):
        run += 1
    anchor = same[len(same) - 1 - run] if run < len(same) else None
    head, core, tail = re.match(r"^(\W*)(.*?)(\W*)$", (anchor or node).num).groups()
    if anchor is None:
        return f"{head}A{run + 1}{tail}" if core[:1].isdigit() else \
            f"{head}z{letters(run + 1)}{tail}"
    extra = letters(run + 1)
    return f"{head}{core}{extra.upper() if core[-1:].isdigit() else extra}{tail}"


def _labelled(bill: Bill) -> dict[str, Node]:
    """Each provision (section, definition) by the label the diff gives it."""
    by_id = {node.id: node for node in bill.walk()}
    return {unit.label: by_id[unit.id] for unit in reversed(units(bill))}


def _overlay(result: DiffResult, base: Bill, other: Bill, on_model: bool
             ) -> tuple[Bill, _Overlay]:
    base_at, other_at = _labelled(base), _labelled(other)
    pairs: dict[str, Node] = {}
    for p in (*result.provisions, *result.additions):
        b_label, o_label = (p.reference, p.draft) if on_model else (p.draft, p.reference)
        if b_label in base_at and o_label in other_at:
            pairs[base_at[b_label].id] = other_at[o_label]
    overlay = _Overlay(pairs, {node.id for node in pairs.values()})
    # where each unpaired section of the other text goes: after the base section paired
    # with the nearest paired section before it (or first), Parts with no pair whole
    other_parent = {s.id: part for part in other.parts for s in part.children}
    after: dict[str, list[Node]] = {}     # base section id ("" = the start) -> inserts
    anchor = ""
    for part in other.parts:
        for section in part.children:
            paired = next((b for b, o in pairs.items() if o is section), None)
            if paired is not None:
                anchor = paired
            else:
                after.setdefault(anchor, []).append(section)
    same_part = _part_pairs(base, other)  # other Part id -> the base Part of that heading
    later: dict[str, list[Node]] = {}     # base Part id -> sections to open it with
    written: list[Node] = []              # sections laid out so far, inserted ones too
    parts: list[Node] = []
    for index, part in enumerate(base.parts):
        children: list[Node] = []
        homes: list[Node] = []            # Parts only the other text has, after this one
        to_come = {p.id for p in base.parts[index + 1:]}

        def place(extra: Node) -> None:
            home = other_parent[extra.id]
            if same_part.get(home.id) in to_come:  # its Part is further on (emptied, say)
                later.setdefault(same_part[home.id], []).append(extra)
            elif home.id in same_part or any(s.id in overlay.paired_other
                                               for s in home.children):
                children.append(overlay.insert(extra, written + children))
            elif home not in homes:
                homes.append(home)

        for extra in later.pop(part.id, ()):
            children.append(overlay.insert(extra, written + children))
        for extra in after.get("", ()) if index == 0 else ():
            place(extra)
        for section in part.children:
            other_section = pairs.get(section.id)
            if other_section is not None:
                children.append(overlay.merge(section, other_section))
            else:
                overlay.whole[section.id] = "del"
                children.append(section)
            for extra in after.get(section.id, ()):
                place(extra)
        if children and part.id not in same_part.values() and all(
                overlay.whole.get(c.id) == "del" for c in children):
            for c in children:  # a Part whose every section goes goes with them
                del overlay.whole[c.id]
            overlay.whole[part.id] = "del"
        parts.append(replace(part, children=tuple(children)))
        written += children
        for run, home in enumerate(homes):
            inserted = _part(overlay, home, parts[-1], run, written)
            parts.append(inserted)
            written += inserted.children
    return _front(overlay, replace(base, parts=tuple(parts)), other), overlay


def _part_pairs(base: Bill, other: Bill) -> dict[str, str]:
    """Each Part of the other text to the base Part of the same heading (in order, each
    once): where the other text's sections go when the base has emptied that Part."""
    def key(part: Node) -> str:
        return fold(tidy(part.heading)).lower()
    free = [p for p in base.parts if key(p)]
    out: dict[str, str] = {}
    for part in other.parts:
        match = next((p for p in free if key(p) == key(part)), None)
        if match is not None:
            out[part.id] = match.id
            free.remove(match)
    return out


def _front(overlay: _Overlay, base: Bill, other: Bill) -> Bill:
    """The title, long title, recitals and enacting formula: the other text's words as
    tracked changes over the base's; a recital only one text has inserted or deleted."""
    for name, key in FRONT.items():
        overlay.words(key, getattr(base, name), getattr(other, name))
    recitals: list[str] = []
    matcher = SequenceMatcher(None, [fold(tidy(r)).lower() for r in base.preamble],
                              [fold(tidy(r)).lower() for r in other.preamble], autojunk=False)
    for _, i1, i2, j1, j2 in matcher.get_opcodes():
        ours, theirs = base.preamble[i1:i2], other.preamble[j1:j2]
        for k in range(max(len(ours), len(theirs))):
            key = recital_key(len(recitals))
            if k < len(ours) and k < len(theirs):
                overlay.words(key, ours[k], theirs[k])
            else:
                overlay.whole[key[0]] = "del" if k < len(ours) else "ins"
            recitals.append(ours[k] if k < len(ours) else theirs[k])
    return replace(base, preamble=tuple(recitals))


def _part(overlay: _Overlay, part: Node, anchor: Node, run: int, written: list[Node]
          ) -> Node:
    """A Part only the other text has, inserted whole after the base Part `anchor`, numbered
    as the base bill would number it ("3A") and its sections after the last one written."""
    num = f"{anchor.num}{letters(run + 1).upper()}" if anchor.num else part.num
    sections: list[Node] = []
    for section in part.children:
        sections.append(_foreign(section, _inserted_label(section, written + sections)))
    inserted = replace(_foreign(part, num), children=tuple(sections))
    overlay.whole[inserted.id] = "ins"
    for node, copy in zip(part.walk(), inserted.walk()):
        overlay.foreign[node.id] = copy.id
    return inserted


# --- comments and the findings schedule ------------------------------------------------------

def _comment(f: Finding) -> Comment:
    return Comment(f"{f.severity}: {f.rule}", (f"{f.message.rstrip('.')}.", f.explanation))


def _comments(result: DiffResult, draft: Draft, base: Bill, other: Bill, overlay: _Overlay,
              on_model: bool) -> dict[str, tuple[Comment, ...]]:
    """Each finding on the provision it concerns, as laid out (a provision the base lacks is
    the one inserted for it); broken cross-references on the draft's provision."""
    base_at, other_at = _labelled(base), _labelled(other)

    def where(p: ProvisionDiff) -> str:
        b_label, o_label = (p.reference, p.draft) if on_model else (p.draft, p.reference)
        if b_label in base_at:
            return base_at[b_label].id
        return overlay.foreign.get(other_at[o_label].id, "") if o_label in other_at else ""

    out: dict[str, list[Comment]] = {}
    for element in result.elements:
        anchors = [a for a in (where(p) for p in element.provisions) if a]
        for f in element.notes:
            if anchors:
                out.setdefault(anchors[0], []).append(_comment(f))
        for p in element.provisions:
            for f in p.findings:
                if where(p):
                    out.setdefault(where(p), []).append(_comment(f))
    for p in result.additions:
        for f in p.findings:
            if where(p):
                out.setdefault(where(p), []).append(_comment(f))
    # a broken reference sits on a draft node: in the model's layout, on its provision's pair
    in_draft = {line.node_id: unit for unit in units(draft.bill) for line in unit.lines}
    back = {o.id: b for b, o in overlay.pairs.items()}
    for ref in draft.broken_refs:
        node = ref.node_id
        if on_model:
            unit = in_draft.get(node)
            node = back.get(unit.id, "") if unit else ""
        if node:
            out.setdefault(node, []).append(Comment(
                "high: broken-reference", (f"A cross-reference no longer resolves: "
                                           f"\u201c{ref.text}\u201d ({ref.location}).",)))
    return {node: tuple(comments) for node, comments in out.items()}


def _schedule(result: DiffResult, on_model: bool) -> Schedule:
    how = ("The model law laid out as its bill; struck words are the model's that the draft "
           "does not have, underlined words the draft's own. Accepting every change gives the "
           "draft's wording, rejecting every change the model's." if on_model else
           "The draft laid out as its own bill; struck words are the draft's that the model "
           "does not have, underlined words the model's. Accepting every change gives the "
           "model's wording, rejecting every change the draft.")
    rows = tuple((f.severity, f.rule, f.location, f"{f.message.rstrip('.')}. {f.explanation}")
                 for f in result.findings)
    return Schedule(f"Findings of the review against {result.against}",
                    ("Severity", "Rule", "Where", "Finding and why it matters"),
                    rows or (("", "", "", "No rule found a weakened protection."),),
                    f"{summary_line(result)}. {how}", (11, 19, 24, 46))


def redline_docx(result: DiffResult, draft: Draft, reference: Bill, *, author: str, date: str,
                 on_model: bool = False) -> bytes:
    """The redline as the bytes of a .docx file: `draft` laid out with `reference`'s words
    as tracked changes (or, `on_model`, the reverse), by `author` on `date` (ISO)."""
    if on_model:
        base, other = reference, with_front_matter(draft.bill)
    else:
        base, other = with_front_matter(draft.bill), reference
    bill, overlay = _overlay(result, base, other, on_model)
    marks = Marks(author, date, overlay.whole, overlay.pieces,
                  _comments(result, draft, base, other, overlay, on_model))
    return render_docx(replace(bill, date=date), schedules=(_schedule(result, on_model),),
                       marks=marks)
