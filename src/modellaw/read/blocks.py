"""What every reader hands the segmenter, and what the segmenter hands back.

A reader reduces its format to a flat list of `Block`s (one per paragraph, or per line for
line-broken text such as PDF pages and pasted statutes) carrying what the file itself says:
a style, a label Word or a list style draws, bold, indentation, font size, the page, an
embedded clause id.  `read.segment` turns the blocks into the bill tree; the result is a
`Draft`, whatever the format and whether it is a reviewer's draft or a country's statute.
"""

from __future__ import annotations

from pathlib import Path

from modellaw.errors import Location, ModellawError
from modellaw.model import Bill
from modellaw.records import field, record


@record
class Block:
    """One paragraph (or line) of a document, as its reader saw it.

    `role` is what the file says for certain ("section", "part", "definition", "item",
    "wrap", "skip", "title", "note" for a marginal note) or "" when the segmenter must tell
    from the words.  `label` is a numbering label the application draws (the text then carries
    none); with role "section" it is the section number and `text` its heading.  `soft` marks
    a line of line-broken text, which continues the provision before it unless it opens a new
    one; `gap` says a blank line or a paragraph gap came before it.
    """

    text: str
    location: str
    role: str = ""
    label: str = ""
    clause: str = ""
    elements: tuple[str, ...] = ()
    style: str = ""
    bold: bool = False
    indent: float = 0.0
    size: float = 0.0
    page: int = 0
    soft: bool = False
    gap: bool = True
    bullet: bool = False


@record
class Revision:
    """A tracked change the word processor left unaccepted in the file: the reader reads one
    view of it (accepted or original) and says so, naming who made it."""

    kind: str                      # "insertion" | "deletion"
    author: str
    date: str
    text: str
    location: str


@record
class BrokenRef:
    """A cross-reference the word processor could not resolve ("Error! Reference source not
    found."): the provision no longer says what it points at, which a reviewer must see."""

    text: str
    location: str
    node_id: str = ""


@record
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
    #: node id -> the keyword the document prints before that section or part number
    #: ("Sec.", "§", "Article", "Chapter"; "" for a bare "8."), so citations read as printed;
    #: for a definition, the quotation marks around its term ('“”', '""').
    keywords: dict[str, str] = field(default_factory=dict)


def refuse(path: Path, message: str) -> ModellawError:
    return ModellawError(message, Location(path))
