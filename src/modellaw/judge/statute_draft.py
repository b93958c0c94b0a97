"""A statute as `read/statute.py` cuts it, as the one document model the judge reads.

The judge takes a `Draft` (a bill tree with where each node came from), whichever reader
made it.  Until the one reader (`read.document.read_document`) reads statutes, `analyze`
reads them with `read_statutes` and hands them over through this function, so that a
country's law and a reviewer's draft are judged by the same rules on the same structure.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Sequence

from modellaw.model import Bill, Kind, Node, Style, with_eids
from modellaw.read.blocks import Draft
from modellaw.read.statute import Item, Provision, Statute, read_statutes

#: How statute.py's citation prefixes print as a bill's section keyword.
SECTION_WORDS = {"s ": "section", "§ ": "§", "Sec. ": "Sec.", "Article ": "Article"}
LEVELS = {1: Kind.SUBSECTION, 2: Kind.PARAGRAPH, 3: Kind.SUBPARAGRAPH}


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-") or "x"


def _items(items: list[Item], parent: str, where: str, locations: dict[str, str]) -> tuple[Node, ...]:
    nodes = []
    seen: Counter[str] = Counter()
    for item in items:
        seen[item.marker] += 1
        node_id = f"{parent}.{_slug(item.marker)}" + (f"-{seen[item.marker]}"
                                                      if seen[item.marker] > 1 else "")
        locations[node_id] = f"{where}({item.marker})"
        nodes.append(Node(LEVELS.get(item.level, Kind.SUBPARAGRAPH), node_id,
                          num=f"({item.marker})", text=(item.text,) if item.text else (),
                          children=_items(item.children, node_id, f"{where}({item.marker})",
                                          locations)))
    return tuple(nodes)


def statute_draft(statute: Statute) -> Draft:
    """The statute's provisions as sections of one bill; each node located as "file, s 8(1)"."""
    name = statute.path.name
    locations: dict[str, str] = {}
    sections = []
    seen: Counter[str] = Counter()
    for provision in statute.provisions:
        seen[provision.number] += 1
        node_id = f"sec-{_slug(provision.number)}" + (f"-{seen[provision.number]}"
                                                      if seen[provision.number] > 1 else "")
        where = f"{name}, {provision.citation()}"
        locations[node_id] = where
        sections.append(_section(provision, node_id, where, locations))
    word = Counter(p.prefix for p in statute.provisions).most_common(1)
    style = Style(section_word=SECTION_WORDS.get(word[0][0], "section") if word else "section")
    part = with_eids(Node(Kind.PART, "part-1", num="1", children=tuple(sections)))
    bill = Bill(jurisdiction="", jurisdiction_name="", short_title=statute.title, long_title="",
                enacting_formula="", parts=(part,), style=style)
    return Draft(bill=bill, path=statute.path, locations=locations, name=name, format="txt")


def _section(provision: Provision, node_id: str, where: str,
             locations: dict[str, str]) -> Node:
    return Node(Kind.SECTION, node_id, num=provision.number, heading=provision.heading,
                text=(provision.text,) if provision.text else (),
                children=_items(provision.items, node_id, where, locations))


def read_statute_drafts(paths: Sequence[Path]) -> list[Draft]:
    """The statute files a user names, read and handed over as Drafts (see the module's
    docstring: this is the one place to change when `read_document` reads statutes)."""
    return [statute_draft(s) for s in read_statutes(list(paths))]
