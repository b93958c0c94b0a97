"""A statute as a flat list of provisions with their items, built from the one reader's
Draft: a test view that lets the reader's segmentation of real statutes be checked citation
by citation ("s 8(1)(c)", "Sec. 2423(a)") as the statute prints them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from modellaw.errors import Location, ModellawError
from modellaw.model import Kind, Node
from modellaw.read.blocks import Draft
from modellaw.read.document import MAX_DOCUMENT_BYTES, read_document

MAX_FILE_BYTES = MAX_DOCUMENT_BYTES
# Words no statute does without; a text that has none of them is not one.
_LEGAL_WORDS = re.compile(r"\b(shall|must|offen[cs]e|person|means|act|law|court|penalty|liable|"
                          r"guilty|whoever|section|article|punish\w*|unlawful)\b", re.IGNORECASE)
#: How each printed keyword is cited.
_PREFIX = {"section": "Sec. ", "sec.": "Sec. ", "sect.": "Sec. ", "§": "§ ", "§§": "§ "}


@dataclass
class Item:
    """A subsection, paragraph or subparagraph: its marker, its own words, its children."""

    marker: str
    level: int
    text: str = ""
    children: list["Item"] = field(default_factory=list)


@dataclass
class Provision:
    """One section or article: number as written, heading, Part, own text and items."""

    number: str
    prefix: str                    # "s ", "§ ", "Sec. ", "Article "
    heading: str = ""
    part: str = ""
    text: str = ""                 # words before the first marker, and the definitions
    items: list[Item] = field(default_factory=list)

    def citation(self, path: tuple[str, ...] = ()) -> str:
        """`s 8(1)(c)`: the number and the markers of the item, as the statute prints them."""
        return self.prefix + self.number + "".join(f"({m})" for m in path)

    def full_text(self) -> str:
        parts = [self.text]

        def walk(items: list[Item]) -> None:
            for item in items:
                parts.append(f"({item.marker}) {item.text}")
                walk(item.children)
        walk(self.items)
        return " ".join(p for p in parts if p)


@dataclass
class Statute:
    """One file: its title (as found in it, else the file name) and its provisions."""

    path: Path
    title: str
    provisions: list[Provision]


def _prefix(keyword: str) -> str:
    low = keyword.lower()
    if low.startswith(("art", "règle")):
        return "Article "
    return _PREFIX.get(low, "s ")


def _words(node: Node) -> str:
    return " ".join(t for t in (node.plain_text, node.plain_wrap_up) if t)


def _item(node: Node, level: int) -> Item:
    return Item(node.num.strip("()."), level, _words(node),
                [_item(c, level + 1) for c in node.children if c.kind is not Kind.DEFINITION])


def _provision(section: Node, part: str, draft: Draft) -> Provision:
    provision = Provision(section.num, _prefix(draft.keywords.get(section.id, "")),
                          section.heading, part)
    text = [section.plain_text]
    for child in section.children:
        if child.kind is Kind.DEFINITION:
            quotes = draft.keywords.get(child.id) or '""'
            text.append(f"{quotes[0]}{child.term}{quotes[-1]} {_words(child)}".strip())
            provision.items.extend(_item(c, 1) for c in child.children)
        else:
            provision.items.append(_item(child, 1))
    text.append(section.plain_wrap_up)
    provision.text = " ".join(t for t in text if t)
    return provision


def statute_of(draft: Draft) -> Statute:
    """The provisions of a read document, cited as it prints them."""
    provisions = []
    for part in draft.bill.parts:
        keyword = draft.keywords.get(part.id, "")
        name = " ".join(t for t in (keyword, part.num, part.heading) if t) if keyword else ""
        provisions.extend(_provision(s, name, draft) for s in part.children)
    words = {w.lower() for p in provisions[:400] for w in _LEGAL_WORDS.findall(p.full_text())}
    if len(words) < 2:
        raise ModellawError("no numbered sections or articles, and none of the words a law "
                            "uses; this does not look like a statute", Location(draft.path))
    return Statute(draft.path, draft.bill.short_title, provisions)


def read_statute(path: Path) -> Statute:
    """One file as a Statute; ModellawError (exit 2) only for a file with no text or a
    hostile one."""
    return statute_of(read_document(path))


def read_statutes(paths: list[Path] | tuple[Path, ...]) -> list[Statute]:
    """Several files that together form one country's law, each read on its own."""
    if not paths:
        raise ModellawError("give at least one statute file")
    return [read_statute(p) for p in paths]
