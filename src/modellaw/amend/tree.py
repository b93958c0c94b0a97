"""Surgery on an immutable bill tree, shared by the planner (which knows node ids) and the
applier (which finds nodes by the numbers an instruction prints)."""

from __future__ import annotations

from typing import Callable

from modellaw.model import Bill, Kind, Node, with_eids
from modellaw.records import replace


def _map(node: Node, node_id: str, change: Callable[[Node], tuple[Node, ...]]) -> tuple[Node, ...]:
    if node.id == node_id:
        return change(node)
    kids = tuple(k for c in node.children for k in _map(c, node_id, change))
    return (node if kids == node.children else replace(node, children=kids),)


def edit(bill: Bill, node_id: str, change: Callable[[Node], tuple[Node, ...]]) -> Bill:
    """The bill with node `node_id` replaced by what `change` makes of it (none: removed)."""
    parts = tuple(with_eids(p) for part in bill.parts for p in _map(part, node_id, change))
    return replace(bill, parts=parts)


def insert(bill: Bill, parent_id: str, after_id: str, nodes: tuple[Node, ...]) -> Bill:
    """`nodes` put into `parent_id`'s children after `after_id` ('' = first)."""
    def put(parent: Node) -> tuple[Node, ...]:
        kids = list(parent.children)
        at = next((i + 1 for i, c in enumerate(kids) if c.id == after_id), 0)
        return (replace(parent, children=tuple(kids[:at]) + nodes + tuple(kids[at:])),)
    return edit(bill, parent_id, put)


def parent_of(bill: Bill, node_id: str) -> Node | None:
    return next((n for n in bill.walk() if any(c.id == node_id for c in n.children)), None)


def whole_text(node: Node) -> str:
    """Every word of a provision, its children's included, as one searchable string."""
    return " ".join(t for n in node.walk() for t in (n.heading, n.plain_text, n.plain_wrap_up)
                    if t)


def with_entries(bill: Bill, after: str, entries: tuple[tuple[str, str], ...]) -> Bill:
    """The Act with `entries` in its arrangement of sections after the entry numbered
    `after` (KeyError if it has none)."""
    at = next((i + 1 for i, (num, _) in enumerate(bill.arrangement) if num == after), None)
    if at is None:
        raise KeyError(after)
    return replace(bill, arrangement=bill.arrangement[:at] + entries + bill.arrangement[at:])


def lines(bill: Bill, word: str) -> list[str]:
    """The Act as text lines, its long title and arrangement first, then one per
    provision: what the round trip compares."""
    out = [f"long title: {bill.long_title}"] + [f"entry: {n} {h}" for n, h in bill.arrangement]
    for part in bill.parts:
        for node in part.children:
            for n in node.walk():
                label = f"{word} {n.num} {n.heading}".strip() if n is node else \
                    f"{n.num} [{n.term}]".strip() if n.term else n.num
                out.append(" ".join(x for x in (label, n.plain_text, n.plain_wrap_up) if x))
    return out


def chain(bill: Bill, node_id: str) -> list[Node]:
    """The nodes from the node's section down to the node itself ([] if it is not in a
    section): what a citation of it prints."""
    out: list[Node] = []
    node = bill.find(node_id)
    while node is not None and node.kind is not Kind.PART:
        out.append(node)
        node = parent_of(bill, node.id)
    return out[::-1] if out and out[-1].kind is Kind.SECTION else []


def reference(bill: Bill, node_id: str, word: str) -> str:
    """How the Act's own text cites a node: "section 4(1)(a)", "Article 3(2)"."""
    nodes = chain(bill, node_id)
    if not nodes:
        return ""
    labels = "".join(n.num if n.num.startswith("(") else f"({n.num})"
                     for n in nodes[1:] if n.num and n.kind is not Kind.DEFINITION)
    return f"{word} {nodes[0].num}{labels}"


def with_repealed(old: Node, new: Node, kept: set[str]) -> list[Node]:
    """`new`'s children with those of `old` that were repealed put back where they stood
    (after the last earlier sibling still there)."""
    out = list(new.children)
    for i, child in enumerate(old.children):
        if child.id in kept:
            continue
        earlier = {c.id for c in old.children[:i]}
        at = max((j + 1 for j, c in enumerate(out) if c.id in earlier), default=0)
        out.insert(at, child)
    return out


def act_order(act: Bill, amended: Bill) -> dict[str, int]:
    """Every provision of the Act as amended, and of the Act as read where one was
    repealed, by its place in the document: where the Act's reader meets it."""
    kept = {n.id for n in amended.walk()}
    order: dict[str, int] = {}

    def visit(node: Node) -> None:
        if node.id not in kept:                 # repealed: it and all below it, as read
            for gone in node.walk():
                order.setdefault(gone.id, len(order))
            return
        order.setdefault(node.id, len(order))
        old = act.find(node.id)
        for child in with_repealed(old, node, kept) if old is not None else node.children:
            visit(child)

    for part in amended.parts:
        visit(part)
    return order
