"""Turn a rendered clause's text into a tree of provisions.

Templates write outline markers, `(1)`, `(a)`, `(i)`, at the start of lines; the marker says
the level and the assembler computes the number, so a conditional that drops a subsection
leaves no gap.  Indentation separates a continuation of an item from the wrap-up words of
its parent (`…, commits an offence`).
"""

from __future__ import annotations

import re

from modellaw.model import Kind
from modellaw.records import field, record

# Spaces are matched as [ \t], never \s: \s would swallow the \x1e that starts a term marker.
MARKER = re.compile(r"^\((\d+|[a-z]{1,4})\)(?:\[#([a-z0-9-]+)\])?(?:[ \t]+|$)(.*)$")
ROMAN = re.compile(r"^(?=[ivxl]+$)l?x{0,3}(ix|iv|v?i{0,3})$")
LEVEL_KIND = {1: Kind.SUBSECTION, 2: Kind.PARAGRAPH, 3: Kind.SUBPARAGRAPH}


@record(frozen=False)
class Item:
    """A provision as parsed, before numbering: raw text (with markers) and children."""

    level: int
    indent: int
    anchor: str = ""
    text: list[str] = field(default_factory=list)
    wrap_up: list[str] = field(default_factory=list)
    children: list["Item"] = field(default_factory=list)

    @property
    def kind(self) -> Kind:
        return LEVEL_KIND[self.level]

    def joined_text(self) -> str:
        return " ".join(self.text)

    def joined_wrap_up(self) -> str:
        return " ".join(self.wrap_up)


def _level(label: str, indent: int, stack: list[Item]) -> int:
    if label.isdigit():
        return 1
    if ROMAN.match(label) and len(label) > 1:
        return 3
    if label in ("i", "v", "x"):
        paragraph = next((it for it in reversed(stack) if it.level == 2), None)
        if paragraph is not None and indent > paragraph.indent:
            return 3
    return 2


def parse_outline(text: str) -> Item:
    """The root item (level 0) of a rendered template."""
    root = Item(level=0, indent=-1)
    stack: list[Item] = []
    for raw_line in text.split("\n"):  # not splitlines(): it splits at \x1e, our marker
        line = raw_line.strip(" \t")  # not strip(): \x1e and \x1f count as whitespace
        if not line:
            continue
        indent = len(raw_line) - len(raw_line.lstrip(" "))
        match = MARKER.match(line)
        if match:
            level = _level(match.group(1), indent, stack)
            while stack and stack[-1].level >= level:
                stack.pop()
            item = Item(level=level, indent=indent, anchor=match.group(2) or "")
            if match.group(3):
                item.text.append(match.group(3).strip(" \t"))
            (stack[-1] if stack else root).children.append(item)
            stack.append(item)
            continue
        while stack and indent <= stack[-1].indent:
            stack.pop()
        owner = stack[-1] if stack else root
        target = owner.wrap_up if owner.children else owner.text
        target.append(line)
    return root
