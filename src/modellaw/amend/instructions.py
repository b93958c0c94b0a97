"""Amending instructions derived from the plan: the words each amendment quotes, where it
points, and how the tradition says it.

An edit's instruction comes from a word diff of the provision before and after: the quoted
words are the smallest run that changes, widened only until they occur once in the provision
the instruction names.  The instruction first names the section (or, for a definition, the
definition); if the words occur more than once there, or are only a number or a citation
("10", "or (3)") a reader could not place, it narrows to the subsection or paragraph that
holds them, and only then widens the quote.
"""

from __future__ import annotations

import re

from modellaw.amend.plan import FRONT, Change, Plan, in_front
from modellaw.amend.style import Tradition
from modellaw.amend.tree import chain, edit, insert, whole_text
from modellaw.model import Bill, Kind, Node
from modellaw.records import record, replace

OPEN, CLOSE = "\u201c", "\u201d"
TOKEN = re.compile(r"\s+|[\w\u2019'-]+|[^\w\s]")


LONG_TITLE, ARRANGEMENT = "long title", "arrangement of sections"


@record
class Locator:
    """A place in the Act as an instruction prints it: section, definition, labels below;
    or in its front matter (`front`: the long title, the arrangement of sections, where
    `section` is the number of an entry)."""

    section: str
    term: str = ""
    path: tuple[str, ...] = ()
    front: str = ""


@record
class Instruction:
    element: str
    clause: str
    action: str                    # substitute | insert | omit | repeal
    where: Locator                 # the provision amended (for insert: the one it goes into)
    old: str = ""                  # words quoted: replaced, omitted, or inserted after
    new: str = ""                  # words substituted or inserted
    nodes: tuple[Node, ...] = ()   # whole provisions substituted or inserted
    after: Locator | None = None   # inserted provisions follow this one (None: first)
    elements: tuple[str, ...] = ()
    text: str = ""                 # as printed
    gap: str = ""                  # why, where the judge's verdict does not say
    entries: tuple[tuple[str, str], ...] = ()   # arrangement entries inserted

    @property
    def target(self) -> str:
        return cite(self.where, None)


def quoted(words: str) -> str:
    return f"{OPEN}{words}{CLOSE}"


def cite(where: Locator, tradition: Tradition | None) -> str:
    t = tradition or Tradition("commonwealth")
    if where.front:
        return where.front + (f", entry for {t.section(where.section)}" if where.section else "")
    out = t.section(where.section)
    if where.term:
        out += f", definition of {quoted(where.term)}"
    if where.path:
        out += f", {t.path(where.path)}"
    return out


def count(words: str, text: str) -> int:
    """How often `words` occur in `text` as whole words."""
    left = r"(?<![\w])" if words[:1].isalnum() else ""
    right = r"(?![\w])" if words[-1:].isalnum() else ""
    return len(re.findall(left + re.escape(words) + right, text))


def locate(bill: Bill, node_id: str) -> Locator:
    """The printed place of a node: its section's number, the definition it sits in, and
    the labels from there down (or from the section down, outside a definition)."""
    nodes = chain(bill, node_id)
    assert nodes, node_id
    kinds = [n.kind for n in nodes]
    term = next((n.term for n in nodes if n.kind is Kind.DEFINITION), "")
    below = nodes[kinds.index(Kind.DEFINITION) + 1:] if term else nodes[1:]
    return Locator(nodes[0].num, term, tuple(n.num for n in below))


class NotApplicable(Exception):
    """An instruction that cannot be carried out on the text it names."""


def find(bill: Bill, where: Locator) -> Node:
    section = next((s for s in bill.sections() if s.num == where.section), None)
    if section is None:
        raise NotApplicable(f"the Act has no section {where.section}")
    node = section
    if where.term:
        node = next((c for c in node.walk() if c.kind is Kind.DEFINITION
                     and c.term.casefold() == where.term.casefold()), None)
        if node is None:
            raise NotApplicable(f"section {where.section} defines no \u201c{where.term}\u201d")
    for num in where.path:
        node = next((c for c in node.children if c.num == num), None)
        if node is None:
            raise NotApplicable(f"no {num} where the instruction points")
    return node


def bare_number(words: str) -> bool:
    """Whether quoted words are only a number or a citation ("10", "or (3)"): unique in the
    section, they still leave a reader asking which "10", so the instruction names the
    subsection that holds them."""
    return bool(re.fullmatch(r"(?:[\d()\[\].,;\s-]|\b(?:or|and|to)\b)*\d[\d()\s.,-]*\)?", words.strip()))


def _span(a: list[str], b: list[str]) -> tuple[int, int, int, int]:
    """The one run of tokens that differs between `a` and `b` (a[lo:hi] -> b[blo:bhi]):
    what is the same at the start and at the end is left out, so words inserted in one
    place are one insertion even where they repeat words around them ("… and …")."""
    same = 0
    while same < min(len(a), len(b)) and a[same] == b[same]:
        same += 1
    tail = 0
    while tail < min(len(a), len(b)) - same and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    return same, len(a) - tail, same, len(b) - tail


def _balanced(text: str) -> bool:
    """Whether every bracket in `text` closes after it opens: "or (3)", not ") or (3"."""
    depth = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


class _Deriver:
    def __init__(self, plan: Plan) -> None:
        self.plan, self.bill = plan, plan.act.bill

    def node(self, node_id: str) -> Node:
        node = self.bill.find(node_id)
        assert node is not None, node_id
        return node

    def scope(self, where: Locator) -> str:
        """Every word of what a locator names (a section, a definition, a labelled
        provision, the long title): where quoted words must occur once."""
        return self.bill.long_title if where.front == LONG_TITLE else \
            whole_text(find(self.bill, where))

    def edit(self, change: Change) -> Instruction:
        if change.kind == "long-title":
            where = Locator("", front=LONG_TITLE)
            return self.words(change, self.bill.long_title, change.words, where, where)
        before = self.node(change.target)
        where = locate(self.bill, before.id)
        return self.words(change, before.plain_text, change.nodes[0].plain_text, where,
                          Locator(where.section, where.term))

    def words(self, change: Change, old: str, new: str, where: Locator,
              wide: Locator) -> Instruction:
        """The instruction changing `old` words into `new`, quoted at `wide` (the section)
        if the words are unique there, else at `where` (the provision holding them)."""
        a, b = TOKEN.findall(old), TOKEN.findall(new)
        lo, hi, blo, bhi = _span(a, b)
        if blo == bhi:                     # a pure omission: whole brackets, not ") or (3"
            while hi < len(a) and a[lo] == a[hi] and not _balanced("".join(a[lo:hi])):
                lo, hi, blo, bhi = lo + 1, hi + 1, blo + 1, bhi + 1
        inserting = lo == hi
        if inserting:                      # a pure insertion quotes the word before it
            lo, blo = self._back(a, lo), self._back(b, blo)
        if self._unique(wide, a, lo, hi, inserting) and not bare_number("".join(a[lo:hi])):
            return self._word_instruction(change, wide, a, b, lo, hi, blo, bhi)
        while not self._unique(where, a, lo, hi, inserting):
            if lo == 0 and hi == len(a):
                raise AssertionError(f"{change.target}: no words to quote occur only once")
            lo, hi, blo, bhi = self._widen(a, lo, hi, blo, bhi, inserting)
        return self._word_instruction(change, where, a, b, lo, hi, blo, bhi)

    @staticmethod
    def _back(tokens: list[str], at: int) -> int:
        """The start of the word before position `at` (spaces skipped)."""
        at -= 1
        while at > 0 and not tokens[at].strip():
            at -= 1
        return max(at, 0)

    def _unique(self, where: Locator, a: list[str], lo: int, hi: int, word: bool) -> bool:
        """Whether the quote occurs once where it points (and, with `word`, holds a word:
        words are inserted after "persons;", not after ";")."""
        words = "".join(a[lo:hi]).strip()
        return bool(words) and count(words, self.scope(where)) == 1 and \
            (not word or bool(re.search(r"\w", words)))

    @staticmethod
    def _widen(a: list[str], lo: int, hi: int, blo: int, bhi: int, left: bool
               ) -> tuple[int, int, int, int]:
        """One more word on each side (`left`: before it only, so an insertion still
        follows the words quoted), taken from the text around the change (which is the
        same before and after), so the quote stays whole words."""
        step_lo = 1 if lo > 0 else 0
        while lo - step_lo > 0 and not a[lo - step_lo].strip():
            step_lo += 1
        step_hi = 1 if hi < len(a) and not left else 0
        while 0 < step_hi and hi + step_hi < len(a) and not a[hi + step_hi - 1].strip():
            step_hi += 1
        return lo - step_lo, hi + step_hi, blo - step_lo, bhi + step_hi

    def _word_instruction(self, change: Change, where: Locator, a: list[str], b: list[str],
                          lo: int, hi: int, blo: int, bhi: int) -> Instruction:
        old = "".join(a[lo:hi]).strip()
        new = "".join(b[blo:bhi]).strip()
        if old and new.startswith(old) and new != old:
            return Instruction(change.element, change.clause, "insert", where, old=old,
                               new=new[len(old):].strip(), elements=change.elements)
        if not new:
            return Instruction(change.element, change.clause, "omit", where, old=old,
                               elements=change.elements)
        return Instruction(change.element, change.clause, "substitute", where, old=old, new=new,
                           elements=change.elements)

    def derive(self, change: Change) -> Instruction:
        if change.kind in ("edit", "long-title"):
            return self.edit(change)
        if change.kind == "arrangement":
            return Instruction(change.element, change.clause, "insert",
                               Locator("", front=ARRANGEMENT),
                               after=Locator(change.after, front=ARRANGEMENT),
                               entries=change.entries, elements=change.elements)
        if change.kind == "repeal":
            return Instruction(change.element, change.clause, "repeal",
                               locate(self.bill, change.target), elements=change.elements)
        if change.kind == "replace":
            return Instruction(change.element, change.clause, "substitute",
                               locate(self.bill, change.target), nodes=change.nodes,
                               elements=change.elements)
        parent = self.plan.target.find(change.target)
        assert parent is not None
        into = (Locator("") if parent.kind is Kind.PART     # a Part: sections go into the Act
                else locate(self.plan.target, parent.id))
        after = locate(self.plan.target, change.after) if change.after else None
        return Instruction(change.element, change.clause, "insert", into, nodes=change.nodes,
                           after=after, elements=change.elements)


def derive(plan: Plan) -> list[Instruction]:
    """One instruction per planned change, in the plan's order, each worded against the
    Act as the instructions before it leave it (two changes to one provision are two
    instructions, the second quoting the first's words)."""
    deriver = _Deriver(plan)
    out = []
    for change in plan.changes:
        out.append(replace(deriver.derive(change), gap=change.gap))
        if change.kind in FRONT:
            deriver.bill = in_front(deriver.bill, change)
        elif change.kind == "insert":
            deriver.bill = insert(deriver.bill, change.target, change.after, change.nodes)
        elif change.kind == "edit":        # an edit changes a provision's own words only
            deriver.bill = edit(deriver.bill, change.target,
                                lambda old, c=change: (replace(c.nodes[0], children=old.children),))
        else:
            deriver.bill = edit(deriver.bill, change.target, lambda _, c=change: c.nodes)
    return out
