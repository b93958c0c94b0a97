"""Plan: for each model element the Act does not meet, the change that closes the gap.

Nothing where the element is met.  In place where the Act already has the provision: a
"child" defined with a lower age gets 18 in place of the age; a definition of the model's
own term that falls short is replaced.  New provisions where the Act lacks one, drafted from
the model's clauses for the profile (`assemble` renders them) and put where a drafter would:
definitions into the Act's interpretation section in alphabetical order, offences after the
related offence, numbered in the tradition's insertion style.  What a new provision relies
on comes too: a term it uses that the Act does not define, a provision it cites (cited by
its new number, or by the Act's own provision where the Act already meets that element).

The plan holds the amended Act itself (`target`): the instructions are derived from it and
must, applied to the Act, give exactly it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from modellaw.amend.basis import Act, Verdict
from modellaw.amend.style import Tradition
from modellaw.amend.tree import edit, insert
from modellaw.library.elements import BY_ID
from modellaw.model import Bill, Kind, Node, Ref, TermUse

AGE = re.compile(r"((?:under|below|less than|younger than)\s+(?:the\s+)?(?:age\s+of\s+)?)"
                 r"(1[0-7]|sixteen|fifteen|fourteen|thirteen|twelve|seventeen)\b")
NOT_MET = ("partial", "missing", "unclear")


@dataclass(frozen=True)
class Change:
    """One planned change.  `kind`: edit (words of an existing provision), replace (a whole
    provision), insert (new provisions into `parent` after `after`, '' = first)."""

    element: str
    clause: str
    kind: str
    target: str                    # the node edited or replaced; for insert, the parent
    nodes: tuple[Node, ...]        # the new node(s)
    after: str = ""
    elements: tuple[str, ...] = ()  # every element the change serves


@dataclass(frozen=True)
class Plan:
    act: Act
    tradition: Tradition
    verdicts: dict[str, Verdict]
    changes: tuple[Change, ...]
    target: Bill
    left: tuple[tuple[str, str], ...]     # (element, why it is not amended)


def _key(term: str) -> str:
    return term.casefold().strip()


def _clauses(model: Bill) -> dict[str, Node]:
    """The model bill's sections and definitions by clause id, in the bill's order."""
    return {n.provenance.clause: n for n in model.walk()
            if n.kind in (Kind.SECTION, Kind.DEFINITION) and n.provenance.clause
            and n.provenance.elements}


class _Planner:
    def __init__(self, act: Act, model: Bill, verdicts: dict[str, Verdict],
                 tradition: Tradition) -> None:
        self.act, self.model, self.verdicts, self.tradition = act, model, verdicts, tradition
        self.clauses = _clauses(model)
        self.model_nums = {n.provenance.clause: n.num for n in model.sections()}
        self.bill = act.bill
        self.defs = {_key(n.term): n for n in self.bill.walk() if n.kind is Kind.DEFINITION}
        self.labels = {v: k for k, v in act.citations.items()}
        self.new_nums: dict[str, str] = {}
        self.changes: list[Change] = []
        first = next(iter(self.defs.values()), None)
        straight = first is not None and first.plain_text.startswith('"')
        self.quotes = ('"', '"') if straight else ("\u201c", "\u201d")

    # --- what each element needs -----------------------------------------------------------
    def element_clauses(self, element: str) -> list[str]:
        return [c for c, n in self.clauses.items() if element in n.provenance.elements]

    def needs(self, clause: str) -> set[str]:
        """Clauses a model clause cannot stand without in this Act: terms it uses that the
        Act does not define, provisions it cites that the Act does not already meet."""
        out = set()
        for n in self.clauses[clause].walk():
            for part in n.text + n.wrap_up:
                if isinstance(part, TermUse) and _key(part.term) not in self.defs:
                    owner = next((c for c, d in self.clauses.items() if d.kind is Kind.DEFINITION
                                  and _key(d.term) == _key(part.term)), None)
                    if owner:
                        out.add(owner)
                elif isinstance(part, Ref):
                    target = part.target.split(".")[0]
                    if target in self.clauses and not self._met_node(target):
                        out.add(target)
        return out - {clause}

    def _met_node(self, clause: str) -> str:
        """The Act's provision meeting every element of `clause`, if there is one."""
        elements = self.clauses[clause].provenance.elements
        verdicts = [self.verdicts.get(e) for e in elements]
        if all(v and v.status == "met" and v.nodes for v in verdicts):
            return verdicts[0].nodes[0]  # type: ignore[union-attr]
        return ""

    # --- text of the model, made the Act's -------------------------------------------------
    def words(self, parts: tuple) -> str:
        out = []
        for part in parts:
            if isinstance(part, Ref):
                out.append(self.relabel(part))
            else:
                out.append(part if isinstance(part, str) else part.text)
        return "".join(out)

    def relabel(self, ref: Ref) -> str:
        clause = ref.target.split(".")[0]
        num = self.model_nums.get(clause)
        if clause in self.new_nums and num:
            return re.sub(rf"\b(section|Article)s? {re.escape(num)}\b",
                          lambda m: f"{m.group(1)} {self.new_nums[clause]}", ref.label, count=1)
        met = self._met_node(clause) if clause in self.clauses else ""
        if met and met in self.labels:
            cite = self.labels[met]
            return self.tradition.section(cite.split(" ", 1)[1]) if " " in cite else cite
        return ref.label

    def adopt(self, node: Node, node_id: str, num: str = "") -> Node:
        """A model provision as a provision of the Act: its words with the Act's numbers."""
        text = self.words(node.text)
        if node.kind is Kind.DEFINITION:
            text = f"{self.quotes[0]}{node.term}{self.quotes[1]} {text}"
        children = tuple(self.adopt(c, f"{node_id}.{c.num.strip('()') or i}", c.num)
                         for i, c in enumerate(node.children, start=1))
        wrap = self.words(node.wrap_up)
        return Node(node.kind, node_id, num=num or node.num, heading=node.heading,
                    term=node.term, text=(text,) if text else (), children=children,
                    wrap_up=(wrap,) if wrap else (), provenance=node.provenance)

    # --- the plan --------------------------------------------------------------------------
    def plan(self) -> Plan:
        wanted: dict[str, str] = {}       # clause -> the element it is brought in for
        left: list[tuple[str, str]] = []
        for element, verdict in self.verdicts.items():
            if verdict.status not in NOT_MET:
                continue
            clauses = self.element_clauses(element)
            if not clauses:
                left.append((element, "the profile's bill has no clause for it"))
                continue
            if element == "child-definition" and self.age_edit(verdict):
                continue
            for clause in clauses:
                wanted.setdefault(clause, element)
        pending = list(wanted)
        while pending:
            for need in sorted(self.needs(pending.pop())):
                if need not in wanted:
                    wanted[need] = wanted.get(need, "") or self.clauses[need].provenance.elements[0]
                    pending.append(need)
        order = list(self.clauses)
        chosen = sorted(wanted, key=order.index)
        sections = [c for c in chosen if self.clauses[c].kind is Kind.SECTION]
        definitions = [c for c in chosen if self.clauses[c].kind is Kind.DEFINITION]
        home = next((s for s in self.bill.sections()
                     if any(c.kind is Kind.DEFINITION for c in s.children)), None)
        if home is None and definitions:
            self.new_interpretation(definitions, wanted)   # the definitions go in with it
        self.number_sections(sections, wanted)
        if home is not None:
            self.definitions(home, definitions, wanted)
        for clause in sections:
            self.section(clause, wanted[clause])
        return Plan(self.act, self.tradition, self.verdicts, tuple(self.changes), self.bill,
                    tuple(left))

    def record(self, change: Change) -> None:
        self.changes.append(change)
        if change.kind == "insert":
            self.bill = insert(self.bill, change.target, change.after, change.nodes)
        else:
            self.bill = edit(self.bill, change.target, lambda _: change.nodes)

    def age_edit(self, verdict: Verdict) -> bool:
        """"under the age of 16" -> 18 in the provision the judge relied on."""
        for node_id in verdict.nodes:
            node = self.bill.find(node_id)
            if node is None or not AGE.search(node.plain_text):
                continue
            new = AGE.sub(lambda m: m.group(1) + ("18" if m.group(2).isdigit() else "eighteen"),
                          node.plain_text, count=1)
            clause = self.element_clauses("child-definition")[0]
            self.record(Change("child-definition", clause, "edit", node.id,
                               (replace(node, text=(new,)),), elements=("child-definition",)))
            return True
        return False

    def anchor(self, element: str) -> str:
        """The section a new offence follows: the one the judge relied on for the element,
        else the Act's trafficking offence, else the Act's last section."""
        for key in (element, "penal-code", "recruitment-offence", "advertising-offence"):
            verdict = self.verdicts.get(key)
            if verdict and verdict.nodes:
                return verdict.nodes[0].split(".")[0]
        return list(self.act.bill.sections())[-1].id

    def number_sections(self, sections: list[str], wanted: dict[str, str]) -> None:
        """New numbers for the new sections, grouped by the section each follows."""
        taken = {s.num for s in self.bill.sections()}
        groups: dict[str, list[str]] = {}
        for clause in sections:
            groups.setdefault(self.anchor(wanted[clause]), []).append(clause)
        self.anchors: dict[str, str] = {}
        for anchor_id, clauses in groups.items():
            anchor = self.act.bill.find(anchor_id)
            assert anchor is not None
            after, nums = self.tradition.inserted(anchor.num, taken, len(clauses))
            taken |= set(nums)
            previous = f"sec-{after}"
            for clause, num in zip(clauses, nums):
                self.new_nums[clause] = num
                self.anchors[clause] = previous
                previous = f"sec-{num}"

    def section(self, clause: str, element: str) -> None:
        num = self.new_nums[clause]
        node = self.adopt(self.clauses[clause], f"sec-{num}", num)
        parent = next(p for p in self.bill.parts
                      if any(c.id == self.anchors[clause] for c in p.children))
        self.record(Change(element, clause, "insert", parent.id, (node,),
                           after=self.anchors[clause], elements=node.provenance.elements))

    def definitions(self, home: Node, clauses: list[str], wanted: dict[str, str]) -> None:
        for clause in clauses:
            model = self.clauses[clause]
            existing = self.defs.get(_key(model.term))
            if existing is not None:
                node = self.adopt(model, existing.id)
                node = replace(node, text=(_ending(node.plain_text, existing.plain_text),))
                self.record(Change(wanted[clause], clause, "replace", existing.id, (node,),
                                   elements=model.provenance.elements))
                continue
            section = self.bill.find(home.id)
            assert section is not None
            defs = [c for c in section.children if c.kind is Kind.DEFINITION]
            before = [d for d in defs if _key(d.term) < _key(model.term)]
            after = before[-1].id if before else ""
            last = not before or before[-1] is defs[-1]
            node = self.adopt(model, f"{home.id}.def-new-{clause}")
            if last and defs and defs[-1].plain_text.rstrip().endswith("."):
                self.closing_stop(defs[-1], wanted[clause], clause)
                node = replace(node, text=(_ending(node.plain_text, "."),))
            else:
                node = replace(node, text=(_ending(node.plain_text, ";"),))
            self.record(Change(wanted[clause], clause, "insert", home.id, (node,), after=after,
                               elements=model.provenance.elements))

    def closing_stop(self, last: Node, element: str, clause: str) -> None:
        """The last definition ends the list with a full stop; one added after it takes the
        stop, and the old last definition a semicolon (a consequential amendment)."""
        text = last.plain_text.rstrip()[:-1] + ";"
        self.record(Change(element, clause, "edit", last.id, (replace(last, text=(text,)),),
                           elements=(element,)))

    def new_interpretation(self, clauses: list[str], wanted: dict[str, str]) -> None:
        """An Act with no definitions gets an interpretation section, after its first
        section, holding every definition the amendments need."""
        first = next(self.act.bill.sections())
        taken = {s.num for s in self.act.bill.sections()}
        after, (num,) = self.tradition.inserted(first.num, taken, 1)
        lead = ("For the purposes of this Law:" if self.tradition.civil else "In this Act\u2014")
        defs = [self.adopt(self.clauses[c], f"sec-{num}.def-{c}") for c in clauses]
        defs.sort(key=lambda d: _key(d.term))
        defs = [replace(d, text=(_ending(d.plain_text, "." if i == len(defs) - 1 else ";"),))
                for i, d in enumerate(defs)]
        node = Node(Kind.SECTION, f"sec-{num}", num=num, heading="Interpretation",
                    text=(lead,), children=tuple(defs))
        parent = next(p for p in self.bill.parts
                      if any(c.id == f"sec-{after}" for c in p.children))
        elements = tuple(dict.fromkeys(e for d in defs for e in d.provenance.elements))
        self.record(Change(wanted[clauses[0]], "interpretation", "insert", parent.id, (node,),
                           after=f"sec-{after}", elements=elements))


def _ending(text: str, like: str) -> str:
    """`text` ending as `like` ends (';' inside a list of definitions, '.' at its end)."""
    mark = like.rstrip()[-1:] if like.rstrip()[-1:] in ";." else ";"
    if text.rstrip().endswith(("\u2014", ":")):    # a list follows: its last item ends it
        return text
    return text.rstrip().rstrip(";.,") + mark


def plan_amendments(act: Act, model: Bill, verdicts: dict[str, Verdict],
                    tradition: Tradition) -> Plan:
    """The changes that make `act` meet the model, and the Act as they leave it."""
    core_first = dict(sorted(verdicts.items(), key=lambda kv: not BY_ID[kv[0]].core))
    return _Planner(act, model, core_first, tradition).plan()
