"""The document model of a bill: the one representation every reader and writer shares.

A bill is a tree (bill -> parts -> sections -> subsections -> paragraphs -> subparagraphs,
with definitions as nodes of their own).  Writers render this tree and never re-parse
text; readers (DOCX, Markdown) build it so that drafts can be compared provision by
provision.  Text is kept as inline segments so that cross-references and uses of defined
terms stay structured all the way to Akoma Ntoso.
"""

from __future__ import annotations

from enum import Enum
from typing import Iterator, Union

from modellaw.records import field, record, replace


class Kind(str, Enum):
    """Structural levels, named as Akoma Ntoso names them."""

    PART = "part"
    SECTION = "section"
    SUBSECTION = "subsection"
    PARAGRAPH = "paragraph"
    SUBPARAGRAPH = "subparagraph"
    DEFINITION = "definition"


#: The Akoma Ntoso eId prefix of each level (definitions are unnumbered hcontainers).
EID_PREFIX = {
    Kind.PART: "part",
    Kind.SECTION: "sec",
    Kind.SUBSECTION: "subsec",
    Kind.PARAGRAPH: "para",
    Kind.SUBPARAGRAPH: "subpara",
    Kind.DEFINITION: "hcontainer",
}


@record
class Source:
    """Where a provision comes from: an instrument and article, or a section of the report."""

    instrument: str
    article: str = ""
    note: str = ""

    def cite(self) -> str:
        return f"{self.instrument}, art. {self.article}" if self.article else self.instrument


@record
class Provenance:
    """Which clause and model elements a node came from, so a diff can align on them."""

    clause: str = ""
    elements: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()


@record
class Ref:
    """A cross-reference to another node, by stable id; `label` is the rendered citation."""

    target: str
    label: str


@record
class TermUse:
    """A use of a defined term; `term` is the defined term, `text` the words as they read."""

    term: str
    text: str


Inline = Union[str, Ref, TermUse]


def plain(inlines: tuple[Inline, ...]) -> str:
    """The text of inline segments as a reader sees it."""
    return "".join(i if isinstance(i, str) else (i.label if isinstance(i, Ref) else i.text)
                   for i in inlines)


@record
class Node:
    """One provision.

    `text` is the chapeau (the words before any children), `wrap_up` the words after them
    ("..., commits an offence").  `id` is stable across renumbering (clause id plus the
    provision's place inside its clause); `eid` is the Akoma Ntoso display id computed from
    the node's position in the bill.  `num` is the label as printed ("6", "(2)", "(a)").
    """

    kind: Kind
    id: str
    num: str = ""
    heading: str = ""
    term: str = ""
    text: tuple[Inline, ...] = ()
    children: tuple["Node", ...] = ()
    wrap_up: tuple[Inline, ...] = ()
    eid: str = ""
    provenance: Provenance = field(default_factory=Provenance)

    def walk(self) -> Iterator["Node"]:
        """This node and every node below it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    @property
    def plain_text(self) -> str:
        return plain(self.text)

    @property
    def plain_wrap_up(self) -> str:
        return plain(self.wrap_up)


@record
class Style:
    """How a jurisdiction prints structure, as the writers need it."""

    tradition: str = "common-law"  # common-law | civil-law
    section_word: str = "section"  # "section" | "Article"
    act_word: str = "Act"
    part_label: str = "Part"
    part_numbering: str = "arabic"  # arabic | roman | words ("Chapter One")
    paper: str = "a4"  # a4 | letter: the page the Word draft is laid out on


@record
class Bill:
    """A whole draft bill with its front matter.

    `jurisdiction` is the profile id (e.g. "za", "model"); `date` is the ISO date written
    into document properties, fixed so that output is byte-identical run to run.
    """

    jurisdiction: str
    jurisdiction_name: str
    short_title: str
    long_title: str
    enacting_formula: str
    parts: tuple[Node, ...]
    preamble: tuple[str, ...] = ()
    year: str = ""
    date: str = "2026-01-01"
    style: Style = field(default_factory=Style)
    warnings: tuple[str, ...] = ()
    #: A civil-law law's front matter.  `number` is the law's number ("[..]" until it is
    #: numbered): a law is named by its number and title, "Law No. [..] of 2026 on Combating
    #: …" (its `short_title`), and has no long title and no "A BILL".  `authority` opens the
    #: preamble with the promulgating authority ("We, …, Emir of the State of Qatar,"); the
    #: visas ("Having regard to …") are `preamble`, and `enacting_formula` closes it.
    #: `reasons` is a closing statement of the reasons for the law, where the country's laws
    #: end with one (Iraq's "Justifying reasons").
    number: str = ""
    authority: str = ""
    reasons: str = ""
    #: A statute read from a file: its arrangement of sections (table of contents) as
    #: (number, heading) entries in the order printed, a Part's line as ("", its words).
    #: Kept so an amendment can insert the entries of the sections it inserts; the lines
    #: themselves stay in `preamble` as read.
    arrangement: tuple[tuple[str, str], ...] = ()

    @property
    def civil(self) -> bool:
        """Whether the bill has civil-law front matter (a numbered law, not "A BILL")."""
        return self.style.tradition == "civil-law" and bool(self.number)

    def walk(self) -> Iterator[Node]:
        for part in self.parts:
            yield from part.walk()

    def sections(self) -> Iterator[Node]:
        return (n for n in self.walk() if n.kind is Kind.SECTION)

    def find(self, node_id: str) -> Node | None:
        return next((n for n in self.walk() if n.id == node_id), None)


def with_eids(node: Node, parent_eid: str = "", counters: dict[Kind, int] | None = None) -> Node:
    """Return the node with Akoma Ntoso eIds computed from its position.

    Numbered levels use their printed number stripped of punctuation
    (`part_1__sec_3__subsec_2__para_a`); definitions are numbered hcontainers in document
    order, as AKN names unnumbered items.
    """
    counters = counters if counters is not None else {}
    counters[node.kind] = counters.get(node.kind, 0) + 1
    token = node.num.strip("().") or str(counters[node.kind])
    own = f"{EID_PREFIX[node.kind]}_{token}"
    eid = f"{parent_eid}__{own}" if parent_eid else own
    child_counters: dict[Kind, int] = {}
    children = tuple(with_eids(c, eid, child_counters) for c in node.children)
    return replace(node, eid=eid, children=children)
