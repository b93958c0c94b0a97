"""The one adapter between amendment mode and the reader and judge beneath it.

Amendment mode needs two things from below: the Act as a tree of provisions with the numbers
it prints (to quote, locate and insert), and, per model element, a verdict with the
provisions it relies on.  The statute reader gives flat `Provision`s; this module builds the
tree the planner amends, has the one judge read that very tree (so its quotes name the
tree's own node ids), and hands the planner `Act`s and `Verdict`s.

The tree keeps a definition's words as printed, term and quotation marks included
(`"child" means …;`), because an amending instruction quotes the Act as it reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from modellaw.judge.elements import judge as judge_drafts
from modellaw.model import Bill, Kind, Node, Style, with_eids
from modellaw.read.blocks import Draft
from modellaw.read.statute import Item, Provision, Statute, read_statutes

DEFINED = re.compile(r"[\"\u201c]([^\"\u201c\u201d]{1,80})[\"\u201d](?=[^\"\u201c]{0,60}?\b(?:means|includes|"
                     r"has the (?:same )?meaning|refers to|shall mean)\b)")
INTERPRETATION = re.compile(r"interpretation|definition", re.I)


@dataclass(frozen=True)
class Act:
    """One statute as amendment mode sees it: its tree and its title as the judge cites it."""

    path: Path
    title: str
    bill: Bill
    citations: dict[str, str]        # "s 8(1)(c)" -> node id


@dataclass(frozen=True)
class Verdict:
    element: str
    status: str                      # met | partial | missing | unclear
    reason: str
    nodes: tuple[str, ...]           # node ids the verdict relies on, deepest first found
    quotes: tuple[str, ...]


def _items(items: list[Item], base: str, citations: dict[str, str], cite: str) -> tuple[Node, ...]:
    nodes = []
    for item in items:
        kind = (Kind.SUBSECTION, Kind.PARAGRAPH, Kind.SUBPARAGRAPH)[min(item.level, 3) - 1]
        node_id = f"{base}.{item.marker}"
        here = f"{cite}({item.marker})"
        citations[here] = node_id
        nodes.append(Node(kind, node_id, num=f"({item.marker})",
                          text=(item.text,) if item.text else (),
                          children=_items(item.children, node_id, citations, here)))
    return tuple(nodes)


def _definitions(provision: Provision, base: str, citations: dict[str, str],
                 cite: str) -> tuple[str, tuple[Node, ...]]:
    """A definitions section's chapeau and its definitions; the section's lettered items
    belong to the definition that ends in a dash (its list), as the statute reader keeps
    them at the section's level."""
    starts = [m for m in DEFINED.finditer(provision.text)]
    chapeau = provision.text[:starts[0].start()].strip()
    items = _items(provision.items, base, citations, cite)
    nodes = []
    for index, match in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(provision.text)
        words = provision.text[match.start():end].strip()
        node_id = f"{base}.def-{'-'.join(re.findall(r'[a-z0-9]+', match.group(1).lower()))}"
        own = ()
        if items and words.endswith(("\u2014", "-", ":")):
            own, items = tuple(_reparent(i, node_id) for i in items), ()
        nodes.append(Node(Kind.DEFINITION, node_id, term=match.group(1), text=(words,),
                          children=own))
    return chapeau, tuple(nodes) + items


def _reparent(node: Node, parent: str) -> Node:
    node_id = f"{parent}.{node.num.strip('()')}"
    return Node(node.kind, node_id, num=node.num, text=node.text,
                children=tuple(_reparent(c, node_id) for c in node.children))


def act_from_statute(statute: Statute) -> Act:
    """The statute as a tree: parts as printed, sections with their printed numbers."""
    citations: dict[str, str] = {}
    parts: list[tuple[str, list[Node]]] = []
    civil = any(p.prefix == "Article " for p in statute.provisions)
    for provision in statute.provisions:
        base, cite = f"sec-{provision.number}", provision.citation()
        citations[cite] = base
        if DEFINED.search(provision.text) and (INTERPRETATION.search(provision.heading)
                                               or len(DEFINED.findall(provision.text)) > 1):
            text, children = _definitions(provision, base, citations, cite)
        else:
            text, children = provision.text, _items(provision.items, base, citations, cite)
        section = Node(Kind.SECTION, base, num=provision.number, heading=provision.heading,
                       text=(text,) if text else (), children=children)
        if not parts or parts[-1][0] != provision.part:
            parts.append((provision.part, []))
        parts[-1][1].append(section)
    style = Style(tradition="civil-law", section_word="Article") if civil else Style()
    bill = Bill(jurisdiction="", jurisdiction_name="", short_title=statute.title, long_title="",
                enacting_formula="", style=style,
                parts=tuple(with_eids(Node(Kind.PART, f"part-{i}", num=str(i), heading=heading,
                                           children=tuple(sections)))
                            for i, (heading, sections) in enumerate(parts, start=1)))
    return Act(statute.path, statute.title, bill, citations)


def read_acts(paths: Sequence[Path]) -> list[Act]:
    return [act_from_statute(s) for s in read_statutes(list(paths))]


def _normal(text: str) -> str:
    return " ".join(text.replace("\u201c", '"').replace("\u201d", '"').split())


def _holder(act: Act, node_id: str, quote: str) -> str:
    """The deepest node at or below the cited one whose words hold the quote."""
    node = act.bill.find(node_id)
    if node is None:
        return node_id
    words = _normal(quote.strip("\u2026 ").split(" \u2026")[0])[:80]
    best = node_id
    for sub in node.walk():
        if words and words in _normal(sub.plain_text):
            best = sub.id
    return best


def judge(acts: Sequence[Act]) -> dict[str, Verdict]:
    """Every element's verdict over all the statutes, with the nodes of the first (the Act
    to be amended) that its quoted words stand in."""
    judgement = judge_drafts([Draft(a.bill, a.path, name=a.path.name) for a in acts])
    verdicts = {}
    for verdict in judgement.verdicts:
        nodes = [_holder(acts[0], quote.node, quote.quote) for quote in verdict.evidence
                 if quote.document == acts[0].title]     # amendments go to the first Act
        verdicts[verdict.element] = Verdict(verdict.element, verdict.status, verdict.reason,
                                            tuple(nodes), tuple(q.quote for q in verdict.evidence))
    return verdicts
