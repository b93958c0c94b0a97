"""Apply amending instructions to the Act as read, and prove the result is the plan's.

The applier knows nothing of the plan: it finds each provision by the numbers the
instruction prints, refuses words that do not occur exactly once there, and edits.  The
proof is that every instruction applies and the Act they leave, line for line, is the
amended Act the plan intended; the first that fails is named.
"""

from __future__ import annotations

import re

from modellaw.amend.instructions import (ARRANGEMENT, Instruction, NotApplicable, cite, count,
                                         find)
from modellaw.amend.plan import Plan
from modellaw.amend.tree import edit, insert, lines, whole_text, with_entries
from modellaw.model import Bill, Node
from modellaw.records import record, replace


def _holder(scope: Node, words: str) -> Node:
    """The one node inside `scope` whose own words hold `words` exactly once."""
    if count(words, whole_text(scope)) != 1:
        raise NotApplicable(f"\u201c{words}\u201d occurs {count(words, whole_text(scope))} "
                            "times where the instruction points, not once")
    return next(n for n in scope.walk() if count(words, n.plain_text) == 1)


def _join(head: str, tail: str) -> str:
    return head + ("" if re.match(r"[,.;:)\u2014]", tail) else " ") + tail


def _changed(text: str, ins: Instruction) -> str:
    """`text` with the instruction's quoted words omitted, followed by its words, or
    replaced by them."""
    new = {"omit": "", "insert": _join(ins.old, ins.new)}.get(ins.action, ins.new)
    left = r"(?<![\w])" if ins.old[:1].isalnum() else ""
    right = r"(?![\w])" if ins.old[-1:].isalnum() else ""
    text = re.sub(left + re.escape(ins.old) + right, lambda _: new, text, count=1)
    return re.sub(r" {2,}", " ", text).strip()


def _front(bill: Bill, ins: Instruction) -> Bill:
    """An instruction to the long title or the arrangement of sections carried out."""
    if ins.where.front == ARRANGEMENT:
        assert ins.after is not None
        try:
            return with_entries(bill, ins.after.section, ins.entries)
        except KeyError:
            raise NotApplicable(f"the arrangement has no entry for {ins.after.section}") from None
    times = count(ins.old, bill.long_title)
    if times != 1:
        raise NotApplicable(f"\u201c{ins.old}\u201d occurs {times} times in the long title, "
                            "not once")
    return replace(bill, long_title=_changed(bill.long_title, ins))


def apply_one(bill: Bill, ins: Instruction) -> Bill:
    """The Act with one instruction carried out on the provision it names; NotApplicable
    if the provision or its quoted words are not there exactly once."""
    if ins.where.front:
        return _front(bill, ins)
    if ins.action == "repeal":
        return edit(bill, find(bill, ins.where).id, lambda _: ())
    if ins.nodes and ins.action == "substitute":
        target = find(bill, ins.where)
        return edit(bill, target.id, lambda old: (replace(ins.nodes[0], id=old.id),))
    if ins.nodes:                                   # whole provisions inserted
        if ins.where.section:
            parent = find(bill, ins.where)
        else:
            anchor = find(bill, ins.after) if ins.after else None
            parent = next(p for p in bill.parts if anchor is None or anchor in p.children)
        after = find(bill, ins.after).id if ins.after else ""
        return insert(bill, parent.id, after, ins.nodes)
    holder = _holder(find(bill, ins.where), ins.old)
    return edit(bill, holder.id, lambda n: (replace(n, text=(_changed(n.plain_text, ins),)),))


@record
class Proof:
    holds: bool
    failed: Instruction | None = None
    why: str = ""


def prove(plan: Plan, instructions: list[Instruction]) -> Proof:
    """Apply every instruction to the Act as read; the result must be the plan's Act."""
    bill, word = plan.act.bill, plan.tradition.section("").strip()
    for ins in instructions:
        try:
            bill = apply_one(bill, ins)
        except NotApplicable as exc:
            return Proof(False, ins, f"{cite(ins.where, plan.tradition)}: {exc}")
    got, want = lines(bill, word), lines(plan.target, word)
    if got != want:
        first = next((i for i, (g, w) in enumerate(zip(got, want)) if g != w),
                     min(len(got), len(want)))
        line = want[first] if first < len(want) else got[first]
        culprit = next((i for i in instructions if i.nodes and i.nodes[0].num in line
                        or i.new and i.new in line), instructions[-1])
        return Proof(False, culprit, f"the Act as amended differs from the plan at "
                                     f"\u201c{line[:80]}\u201d")
    return Proof(True)
