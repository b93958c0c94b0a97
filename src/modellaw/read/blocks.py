"""Blocks of a draft -> the document model.

The readers reduce a file to a flat list of `Block`s (one per paragraph or line, with what
the file itself says about it: a style, a Word numbering label, an embedded clause id) and
this module builds the bill tree from them.  The tree is rebuilt from labels and wording,
not from the toolkit's own styles, so a draft typed from scratch in another office's house
style ("Section 3 — Recruitment", "3. Recruitment", typed "(1)" labels) reads the same way
as one the toolkit wrote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from modellaw.errors import Location, ModellawError
from modellaw.model import Bill, Kind, Node, Provenance, Style, with_eids

PART_RE = re.compile(r"^(part|chapter|title)\s+([ivxlcdm]+|\d+)\b[\s.:\u2014\u2013-]*(.*)$", re.I)
SECTION_RE = re.compile(
    r"^(?:(?:section|article|art\.|sec\.|s\.|\u00a7)\s*(\d+[A-Za-z]?)\b\.?|(\d+[A-Za-z]?)\.)"
    r"\s*[.:\u2014\u2013-]?\s*(.*)$", re.I)
LABEL_RE = re.compile(r"^\((\d+[A-Za-z]?|[a-z]{1,5})\)\s*(.*)$", re.S)
TYPED_SUBSECTION_RE = re.compile(r"^(\d+)\.\s+(.*)$", re.S)
DEFINITION_RE = re.compile(
    r"^[\u201c\u201d\"\u2018'\u00ab]\s*([^\u201c\u201d\"\u2019'\u00bb]{1,80}?)\s*"
    r"[\u201d\u201c\"\u2019'\u00bb]\s*(.*)$", re.S)
DEFINING_WORDS = re.compile(r"^(,\s*)?(means|includes|shall mean|has the meaning|refers)\b", re.I)
ROMAN = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii",
         "xiv", "xv"}


@dataclass(frozen=True)
class Block:
    """One paragraph of a draft, as its reader saw it.

    `role` is what the file says for certain ("section", "part", "definition", "wrap",
    "skip") or "" when the builder must tell from the words.  `label` is a numbering label
    Word printed (the text itself then carries none).
    """

    text: str
    location: str
    role: str = ""
    label: str = ""
    clause: str = ""
    elements: tuple[str, ...] = ()


@dataclass(frozen=True)
class Revision:
    """A tracked change the word processor left unaccepted in the file: the reader reads one
    view of it (accepted or original) and says so, naming who made it."""

    kind: str                      # "insertion" | "deletion"
    author: str
    date: str
    text: str
    location: str


@dataclass(frozen=True)
class BrokenRef:
    """A cross-reference the word processor could not resolve ("Error! Reference source not
    found."): the provision no longer says what it points at, which a reviewer must see."""

    text: str
    location: str
    node_id: str = ""


@dataclass(frozen=True)
class Draft:
    """A document read from a file (a reviewer's draft or a country's statute): the bill, and
    where each of its provisions is in that file.

    `locations` maps a node id to where it stands ("act.pdf, page 3", "draft.docx, paragraph
    12").  Node numbers are as printed without the keyword ("8", "63AB", "20A.02", "3 bis");
    `bill.style.section_word` is the keyword the document uses.  `warnings` say what the
    reader had to guess (no numbering found, tracked changes read as accepted, …).
    """

    bill: Bill
    path: Path
    locations: dict[str, str] = field(default_factory=dict)
    name: str = ""
    format: str = ""               # docx | odt | md | txt | html | pdf | akn
    warnings: tuple[str, ...] = ()
    revisions: tuple[Revision, ...] = ()
    revisions_view: str = "accepted"   # which view of tracked changes `bill` holds
    broken_refs: tuple[BrokenRef, ...] = ()


def refuse(path: Path, message: str) -> ModellawError:
    return ModellawError(message, Location(path))


# --- building the tree ------------------------------------------------------------------

@dataclass
class _Open:
    """A node being built."""

    kind: Kind
    num: str = ""
    heading: str = ""
    term: str = ""
    text: list[str] = field(default_factory=list)
    children: list["_Open"] = field(default_factory=list)
    wrap: list[str] = field(default_factory=list)
    clause: str = ""
    elements: tuple[str, ...] = ()
    location: str = ""


def _level(label: str, current: list[_Open]) -> int:
    """0 subsection, 1 paragraph, 2 subparagraph; (i) is a letter after (h), else roman."""
    core = label.strip("()")
    if core[:1].isdigit():
        return 0
    if core in ROMAN:
        letters = [n for n in current if n.kind is Kind.PARAGRAPH]
        follows = letters and len(core) == 1 and letters[-1].num.strip("()") == chr(ord(core) - 1)
        if not follows and letters:
            return 2
    return 1


def classify(text: str) -> tuple[str, str, str]:
    """(role, label, rest) for a paragraph with no help from styles: the words decide."""
    if m := PART_RE.match(text):
        return "part", m.group(2), m.group(3)
    if (m := SECTION_RE.match(text)) and _heading_like(m.group(3)):
        return "section", m.group(1) or m.group(2), m.group(3)
    if (m := DEFINITION_RE.match(text)) and DEFINING_WORDS.match(m.group(2)):
        return "definition", m.group(1), m.group(2)
    if m := LABEL_RE.match(text):
        return "item", f"({m.group(1)})", m.group(2)
    if m := TYPED_SUBSECTION_RE.match(text):
        return "item", f"({m.group(1)})", m.group(2)
    return "", "", text


def _heading_like(rest: str) -> bool:
    words = rest.split()
    return 0 < len(words) <= 16 and not rest.rstrip().endswith((".", ";", ",", ":", "\u2014"))


class _Builder:
    def __init__(self) -> None:
        self.parts: list[_Open] = []
        self.section: _Open | None = None
        self.stack: list[_Open] = []  # open nodes below the section, outermost first
        self.definition: _Open | None = None

    def add(self, block: Block) -> None:
        role, label, text = block.role, block.label, block.text.strip()
        if role == "skip" or (not text and not label):
            return
        if role in ("", "item") and not label:
            role, label, text = classify(text)
        elif role == "definition" and (m := DEFINITION_RE.match(text)):
            label, text = m.group(1), m.group(2)
        elif role in ("section", "part"):
            regex = SECTION_RE if role == "section" else PART_RE
            if m := regex.match(text):
                label = label or (m.group(1) or m.group(2) if role == "section" else m.group(2))
                text = m.group(3)
        elif label and not role:
            role = "item"
        if role == "part":
            self.parts.append(_Open(Kind.PART, num=label, heading=text, location=block.location))
            self.section = None
        elif role == "section":
            self._section(label, text, block)
        elif self.section is None:
            return  # front matter: title, long title, arrangement of sections
        elif role == "definition":
            self.definition = _Open(Kind.DEFINITION, term=label, text=[text], clause=block.clause,
                                    elements=block.elements, location=block.location)
            self.section.children.append(self.definition)
            self.stack = []
        elif role == "item":
            self._item(label, text, block.location)
        elif role == "wrap":
            self._wrap(text)
        else:
            self._loose(text)

    def _section(self, num: str, heading: str, block: Block) -> None:
        if not self.parts:
            self.parts.append(_Open(Kind.PART))
        self.section = _Open(Kind.SECTION, num=num, heading=heading, clause=block.clause,
                             elements=block.elements, location=block.location)
        self.parts[-1].children.append(self.section)
        self.stack, self.definition = [], None

    def _item(self, label: str, text: str, location: str) -> None:
        assert self.section is not None
        level = _level(label, self.stack)
        kind = (Kind.SUBSECTION, Kind.PARAGRAPH, Kind.SUBPARAGRAPH)[level]
        if kind is Kind.SUBSECTION:
            self.definition = None
        node = _Open(kind, num=label, text=[text], location=location)
        while self.stack and _depth(self.stack[-1].kind) >= level:
            self.stack.pop()
        parent = self.stack[-1] if self.stack else (self.definition or self.section)
        parent.children.append(node)
        self.stack.append(node)

    def _owner(self) -> _Open:
        """The deepest open node whose list a wrap-up closes."""
        assert self.section is not None
        for node in reversed(self.stack):
            if node.children:
                return node
        return self.definition if self.definition and self.definition.children else self.section

    def _wrap(self, text: str) -> None:
        self._owner().wrap.append(text)

    def _loose(self, text: str) -> None:
        """Unlabelled words: the section's own text before any list, else the words after one."""
        assert self.section is not None
        if not self.stack and not self.section.children:
            self.section.text.append(text)
        else:
            self._wrap(text)


def _depth(kind: Kind) -> int:
    return {Kind.SUBSECTION: 0, Kind.PARAGRAPH: 1, Kind.SUBPARAGRAPH: 2}.get(kind, -1)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def _freeze(node: _Open, node_id: str, ids: set[str], locations: dict[str, str],
            inherited: Provenance) -> Node:
    base, n = node_id, 1
    while node_id in ids:
        n += 1
        node_id = f"{base}-{n}"
    ids.add(node_id)
    if node.location:
        locations[node_id] = node.location
    prov = Provenance(node.clause, node.elements) if node.clause or node.elements else inherited
    children = tuple(
        _freeze(c, f"{node_id}.{c.num.strip('().') or _slug(c.term)}" if c.kind is not Kind.DEFINITION
                else (c.clause or f"def-{_slug(c.term)}"), ids, locations, prov)
        for c in node.children)
    return Node(kind=node.kind, id=node_id, num=node.num, heading=node.heading, term=node.term,
                text=(" ".join(node.text),) if node.text else (), children=children,
                wrap_up=(" ".join(node.wrap),) if node.wrap else (), provenance=prov)


def build_bill(blocks: list[Block], path: Path, *, title: str = "", civil: bool = False) -> Draft:
    """The bill tree of a draft's blocks; provisions before the first section are front matter."""
    builder = _Builder()
    for block in blocks:
        builder.add(block)
    # an arrangement of sections typed as headings reads as empty sections before the body
    for part in builder.parts:
        part.children = [s for s in part.children if s.text or s.children or s.clause]
    parts_open = [p for p in builder.parts if p.children]
    if not parts_open:
        raise refuse(path, "has no sections that modellaw can recognise (headings such as "
                           "'3. Recruitment' or 'Section 3', and labels such as (1), (a))")
    ids: set[str] = set()
    locations: dict[str, str] = {}
    parts = []
    for index, part in enumerate(parts_open, start=1):
        sections = tuple(_freeze(s, s.clause or f"sec-{_slug(s.num) if s.num else index}", ids,
                                 locations, Provenance()) for s in part.children)
        parts.append(with_eids(Node(Kind.PART, id=f"part-{index}", num=part.num or str(index),
                                    heading=part.heading, children=sections)))
    style = Style(tradition="civil-law", section_word="Article") if civil else Style()
    bill = Bill(jurisdiction="", jurisdiction_name="", short_title=title or path.stem,
                long_title="", enacting_formula="", parts=tuple(parts), style=style)
    return Draft(bill=bill, path=path, locations=locations, name=path.name)
