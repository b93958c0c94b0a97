"""The one adapter between amendment mode and the reader and judge beneath it.

Amendment mode needs two things from below: each Act as a tree of provisions with the
numbers it prints (to quote, locate and insert), and, per model element, a verdict with the
provisions it relies on.  The one reader (`read_document`) gives the tree, whatever the
file's format; the one judge reads those very trees, so the node ids its quotes name are
nodes of the Act that will be amended, and every verdict says which Act holds them.

A definition's term is the node's `term`, its words the node's text ("means …"); the
quotation marks the Act prints around its terms come with the reader's keywords, so an
inserted definition is quoted as the Act quotes (`"advertisement"`, not `“"advertisement"`).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Mapping, Sequence

from modellaw.judge.elements import judge as judge_drafts
from modellaw.model import Bill, Kind
from modellaw.read.blocks import Draft
from modellaw.read.document import read_document
from modellaw.read.segment import ARRANGEMENT
from modellaw.records import record, replace

CURLY = "\u201c\u201d"


@record
class Act:
    """One statute as amendment mode sees it: the reader's Draft and the marks it quotes in."""

    draft: Draft

    @property
    def path(self) -> Path:
        return self.draft.path

    @property
    def title(self) -> str:
        return self.draft.bill.short_title

    @property
    def bill(self) -> Bill:
        return self.draft.bill

    @property
    def quotes(self) -> str:
        """The two marks most of the Act's definitions are quoted in (curly when it has none)."""
        marks = Counter(self.draft.keywords.get(n.id, "") for n in self.bill.walk()
                        if n.kind is Kind.DEFINITION)
        marks.pop("", None)
        found = marks.most_common(1)
        return found[0][0] if found and len(found[0][0]) == 2 else CURLY

    @property
    def arrangement_name(self) -> str:
        """What the Act calls its arrangement ("arrangement of sections", "table of
        contents"), from the heading it prints over it."""
        heading = next((line for line in self.bill.preamble if ARRANGEMENT.match(line)),
                       "arrangement of sections").lower()
        return "table of contents" if heading == "contents" else heading

    def marks(self, node_id: str) -> str:
        """How this Act quotes the term of definition `node_id` (its own marks if the Act
        printed them, else the Act's usual ones)."""
        own = self.draft.keywords.get(node_id, "")
        return own if len(own) == 2 else self.quotes


@record
class Verdict:
    """An element's verdict over every Act, with the nodes it relies on as (Act, node id)."""

    element: str
    status: str                      # met | partial | missing | unclear
    reason: str
    where: tuple[tuple[int, str], ...]
    quotes: tuple[str, ...]

    def nodes_in(self, act: int) -> tuple[str, ...]:
        return tuple(node for index, node in self.where if index == act)


def read_acts(paths: Sequence[Path]) -> list[Act]:
    """Each statute through the one reader, in the order given."""
    return [Act(read_document(Path(p))) for p in paths]


def judge(acts: Sequence[Act], amended: Mapping[int, Bill] | None = None) -> dict[str, Verdict]:
    """Every element's verdict over all the statutes read together, each quote traced to
    the Act whose bill holds the node it names; `amended` puts an Act's amended text in
    place of what was read (the planner asks what its changes already close)."""
    bills = {i: (amended or {}).get(i, a.bill) for i, a in enumerate(acts)}
    judgement = judge_drafts([replace(a.draft, bill=bills[i]) for i, a in enumerate(acts)])
    verdicts = {}
    for verdict in judgement.verdicts:
        where = []
        for quote in verdict.evidence:
            index = next((i for i, a in enumerate(acts) if a.title == quote.document
                          and bills[i].find(quote.node) is not None), None)
            if index is not None:
                where.append((index, quote.node))
        verdicts[verdict.element] = Verdict(verdict.element, verdict.status, verdict.reason,
                                            tuple(where), tuple(q.quote for q in verdict.evidence))
    return verdicts
