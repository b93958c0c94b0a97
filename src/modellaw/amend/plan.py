"""Plan: for each model element the Acts do not meet, the change that closes the gap.

Nothing where the element is met.  In place where an Act already has the provision: a
"child" defined with a lower age gets 18 in place of the age; a technology definition that
names too few technologies gets the missing ones; a trafficking offence that requires
force, fraud or coercion for every victim gets a subsection lifting the means for a child;
a consent defence for child victims is repealed (and any cross-reference to it amended); a
maximum term below the model's is raised.  The amended Act is then judged again, and only
what is still not met is closed with the model's own clauses, drafted for the profile
(`assemble` renders them) and put where a drafter would: definitions into the Act's
interpretation section in alphabetical order, offences after the related offence, numbered
in the tradition's insertion style.  What a new provision relies on comes too: a term it
uses that the Act does not define, a provision it cites (cited by its new number, or by the
Act's own provision where the Act already meets that element).

With several statutes, each element goes to the Act that holds the provision it amends, or,
for a new provision, to the Act holding the related offence (else the first): one plan per
Act amended.  A plan holds the amended Act itself (`target`): the instructions are derived
from it and must, applied to the Act, give exactly it.
"""

from __future__ import annotations

import re
from typing import Callable, Sequence

from modellaw.amend.basis import Act, Verdict, judge
from modellaw.amend.style import Tradition
from modellaw.amend.tree import (act_order, chain, edit, insert, reference, whole_text,
                                 with_entries)
from modellaw.library.elements import BY_ID
from modellaw.model import Bill, Kind, Node, Ref, TermUse
from modellaw.records import record, replace

AGE = re.compile(r"((?:under|below|less than|younger than)\s+(?:the\s+)?(?:age\s+of\s+)?)"
                 r"(1[0-7]|sixteen|fifteen|fourteen|thirteen|twelve|seventeen)\b")
NOT_MET = ("partial", "missing", "unclear")
#: The technologies the model's ICT definition names, as words to add to an Act's own
#: technology definition (keys as the judge counts them).
TECHNOLOGIES = {"internet": "the Internet", "computer": "computers",
                "mobile": "mobile telephones and services", "email": "email",
                "networks": "chatrooms",
                "software": "software", "camera/scanner": "digital cameras and scanners",
                "encryption": "encryption", "digital currency": "digital currency"}
KINDS = {"internet": r"internet", "computer": r"computer", "mobile": r"mobile|cellular",
         "email": r"e-?mail", "networks": r"network|chat|bulletin|peer|newsgroup|message board",
         "software": r"software|program", "camera/scanner": r"camera|scanner",
         "encryption": r"encrypt", "digital currency": r"digital currenc|crypto|virtual currenc"}
MEANS = re.compile(r"\b(?:force|coercion|fraud|deception|abduction|threat)", re.I)
CONSENT_DEFENCE = re.compile(r"\bconsent\w*\b[^.;]{0,120}\b(?:is|shall be|be) a (?:good )?defen[cs]e|"
                             r"\bdefen[cs]e\b[^.;]{0,120}\bconsent", re.I)
NEGATED = re.compile(r"\b(?:not|no|never)\b[^.;]{0,12}\bdefen[cs]e|irrelevant|immaterial", re.I)
CHILD = re.compile(r"\b(?:child|children|minor|under (?:the age of )?(?:18|eighteen))\b", re.I)
#: A maximum term ("not exceeding 10 years", "not more than 15 years", "for 7 years"); a
#: minimum ("not less than 5 years") is not one.
YEARS = re.compile(r"\b(?:not exceeding|not more than|up to|maximum (?:term )?of|(?<!than )for)"
                   r"\s+(?:a (?:term|period) of\s+)?(\d{1,3})\s+years\b")
TERM = re.compile(r"imprison|sentence", re.I)
#: Changes to the front matter, in the order it is printed.
FRONT = ("long-title", "arrangement")
#: The model long title's purposes for a set of clause ids (what `modellaw draft` would say).
Purposes = Callable[[frozenset[str]], Sequence[str]]


@record
class Change:
    """One planned change.  `kind`: edit (words of an existing provision), replace (a whole
    provision), insert (new provisions into `target` after `after`, '' = first), repeal (the
    provision `target` taken out); in the front matter, long-title (the long title becomes
    `words`) and arrangement (`entries` into the arrangement of sections after the entry
    numbered `after`).  `gap` says why, where no verdict does."""

    element: str
    clause: str
    kind: str
    target: str                    # the node edited, replaced or repealed; for insert, the parent
    nodes: tuple[Node, ...]        # the new node(s)
    after: str = ""
    elements: tuple[str, ...] = ()  # every element the change serves
    gap: str = ""
    words: str = ""                # long-title: the long title as amended
    entries: tuple[tuple[str, str], ...] = ()   # arrangement: the entries inserted


@record
class Plan:
    act: Act
    tradition: Tradition
    verdicts: dict[str, Verdict]
    changes: tuple[Change, ...]
    target: Bill
    left: tuple[tuple[str, str], ...]     # (element, why it is not amended)
    index: int = 0                        # the Act's place among the statutes given

    def marks(self, node: Node) -> str:
        """The quotation marks this Act prints around the term of `node`."""
        return self.act.marks(node.id)


def _key(term: str) -> str:
    return term.casefold().strip()


def _clauses(model: Bill) -> dict[str, Node]:
    """The model bill's sections and definitions by clause id, in the bill's order."""
    return {n.provenance.clause: n for n in model.walk()
            if n.kind in (Kind.SECTION, Kind.DEFINITION) and n.provenance.clause
            and n.provenance.elements}


def _terms(text: str) -> set[int]:
    """Every maximum term of imprisonment, in years, the words set."""
    return {int(m.group(1)) for m in YEARS.finditer(text)} if TERM.search(text) else set()


class _Planner:
    def __init__(self, acts: Sequence[Act], index: int, model: Bill,
                 verdicts: dict[str, Verdict], assigned: list[str], tradition: Tradition,
                 purposes: Purposes) -> None:
        self.acts, self.index, self.purposes = acts, index, purposes
        self.act, self.model, self.verdicts, self.tradition = acts[index], model, verdicts, tradition
        self.assigned = assigned
        self.word = tradition.section("").strip()
        self.clauses = _clauses(model)
        self.model_nums = {n.provenance.clause: n.num for n in model.sections()}
        self.bill = self.act.bill
        self.defs = {_key(n.term): n for n in self.bill.walk() if n.kind is Kind.DEFINITION}
        self.new_nums: dict[str, str] = {}
        self.changes: list[Change] = []
        self.left: list[tuple[str, str]] = []

    def nodes(self, element: str) -> tuple[str, ...]:
        verdict = self.verdicts.get(element)
        return verdict.nodes_in(self.index) if verdict else ()

    # --- what each element needs -----------------------------------------------------------
    def element_clauses(self, element: str) -> list[str]:
        return [c for c, n in self.clauses.items() if element in n.provenance.elements]

    def needs(self, clause: str) -> set[str]:
        """Clauses a model clause cannot stand without in this Act: terms it uses that the
        Act does not define, provisions it cites that the Acts do not already meet."""
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

    def _met_node(self, clause: str) -> tuple[int, str] | None:
        """The provision (Act, node) meeting every element of `clause`, if there is one."""
        verdicts = [self.verdicts.get(e) for e in self.clauses[clause].provenance.elements]
        if all(v and v.status == "met" and v.where for v in verdicts):
            return verdicts[0].where[0]  # type: ignore[union-attr]
        return None

    # --- text of the model, made the Act's -------------------------------------------------
    def words(self, parts: tuple) -> str:
        return "".join(self.relabel(p) if isinstance(p, Ref) else
                       (p if isinstance(p, str) else p.text) for p in parts)

    def relabel(self, ref: Ref) -> str:
        """A model cross-reference as this Act must print it: the new provision's number,
        or the Act's own provision (in another Act: with that Act's title) where it is met."""
        clause = ref.target.split(".")[0]
        num = self.model_nums.get(clause)
        if clause in self.new_nums and num:
            return re.sub(rf"\b(section|Article)s? {re.escape(num)}\b",
                          lambda m: f"{m.group(1)} {self.new_nums[clause]}", ref.label, count=1)
        met = self._met_node(clause) if clause in self.clauses else None
        if met:
            index, node_id = met
            cite = reference(self.acts[index].bill, node_id, self.word)
            if cite and index != self.index:
                cite += f" of the {self.acts[index].title}"
            return cite or ref.label
        return ref.label

    def adopt(self, node: Node, node_id: str, num: str = "") -> Node:
        """A model provision as a provision of the Act: its words with the Act's numbers."""
        text = self.words(node.text)
        children = tuple(self.adopt(c, f"{node_id}.{c.num.strip('()') or i}", c.num)
                         for i, c in enumerate(node.children, start=1))
        wrap = self.words(node.wrap_up)
        return Node(node.kind, node_id, num=num or node.num, heading=node.heading,
                    term=node.term, text=(text,) if text else (), children=children,
                    wrap_up=(wrap,) if wrap else (), provenance=node.provenance)

    # --- the plan --------------------------------------------------------------------------
    def plan(self) -> Plan:
        for element in self.assigned:
            if not self.element_clauses(element):
                self.left.append((element, "the profile's bill has no clause for it"))
            elif element == "child-definition":
                self.age_edit()
            elif element == "tech-definition":
                self.add_technologies()
            elif element == "cst-definition":
                self.lift_means()
        self.repeal_consent_defences()
        self.raise_penalty()
        still = judge(self.acts, {self.index: self.bill}) if self.changes else self.verdicts
        wanted: dict[str, str] = {}       # clause -> the element it is brought in for
        for element in self.assigned:
            if still[element].status in NOT_MET:
                for clause in self.element_clauses(element):
                    wanted.setdefault(clause, element)
        pending = list(wanted)
        self.why: dict[str, str] = {}     # clause brought in only because another needs it
        while pending:
            needer = pending.pop()
            for need in sorted(self.needs(needer)):
                if need not in wanted:
                    wanted[need] = self.clauses[need].provenance.elements[0]
                    what = "a term" if self.clauses[need].kind is Kind.DEFINITION else "a provision"
                    self.why[need] = f"{what} the new {needer} clause uses"
                    pending.append(need)
        order = list(self.clauses)
        chosen = sorted(wanted, key=order.index)
        sections = [c for c in chosen if self.clauses[c].kind is Kind.SECTION]
        definitions = [c for c in chosen if self.clauses[c].kind is Kind.DEFINITION]
        home = next((n for n in self.bill.walk()
                     if any(c.kind is Kind.DEFINITION for c in n.children)), None)
        if home is None and definitions:
            self.new_interpretation(definitions, wanted)   # the definitions go in with it
        self.number_sections(sections, wanted)
        if home is not None:
            self.definitions(home, definitions, wanted)
        for clause in sections:
            self.section(clause, wanted[clause])
        self.front_matter()
        return Plan(self.act, self.tradition, self.verdicts, tuple(self.changes), self.bill,
                    tuple(self.left), self.index)

    def record(self, change: Change) -> None:
        self.changes.append(change)
        if change.kind in FRONT:
            self.bill = in_front(self.bill, change)
        elif change.kind == "insert":
            self.bill = insert(self.bill, change.target, change.after, change.nodes)
        else:
            self.bill = edit(self.bill, change.target, lambda _: change.nodes)

    def _first_clause(self, element: str) -> str:
        return self.element_clauses(element)[0]

    # --- in place --------------------------------------------------------------------------
    def age_edit(self) -> None:
        """"under the age of 16" -> 18 in the provision the judge relied on."""
        for node_id in self.nodes("child-definition"):
            node = self.bill.find(node_id)
            if node is None or not AGE.search(node.plain_text):
                continue
            new = AGE.sub(lambda m: m.group(1) + ("18" if m.group(2).isdigit() else "eighteen"),
                          node.plain_text, count=1)
            self.record(Change("child-definition", self._first_clause("child-definition"),
                               "edit", node.id, (replace(node, text=(new,)),),
                               elements=("child-definition",)))
            return

    def add_technologies(self) -> None:
        """An Act's own technology definition that names too few technologies gets those of
        the model it lacks, before its closing mark: "…, including the Internet, email …"."""
        for node_id in self.nodes("tech-definition"):
            node = self.bill.find(node_id)
            if node is None or node.kind is not Kind.DEFINITION or node.children or \
                    not re.search(r"technolog", node.term, re.I):
                continue
            text = node.plain_text.rstrip()
            have = [k for k, rx in KINDS.items() if re.search(rx, text, re.I)]
            missing = [TECHNOLOGIES[k] for k in KINDS if k not in have]
            if not missing:
                continue
            stop = text[-1] if text[-1:] in ";.," else ""
            listed = ", ".join(missing[:-1]) + f" and {missing[-1]}" if len(missing) > 1 \
                else missing[0]
            new = f"{text[:len(text) - len(stop)]}, including {listed}{stop}"
            self.record(Change("tech-definition", "definition-ict", "edit", node.id,
                               (replace(node, text=(new,)),), elements=("tech-definition",)))
            return

    def lift_means(self) -> None:
        """A trafficking offence whose means (force, fraud, coercion …) bind every victim
        gets a subsection after its last: for a child no means need be used."""
        for node_id in self.nodes("penal-code") + self.nodes("recruitment-offence"):
            path = chain(self.bill, node_id)
            if not path:
                continue
            section = path[0]
            offence = path[1] if len(path) > 1 and path[1].kind is Kind.SUBSECTION else None
            subsections = [c for c in section.children if c.kind is Kind.SUBSECTION]
            if offence is None or not subsections or not MEANS.search(whole_text(offence)) \
                    or not subsections[-1].num.strip("()").isdigit():
                continue
            num = f"({int(subsections[-1].num.strip('()')) + 1})"
            cited = offence.num
            text = (f"Where the person recruited, transported, transferred, harboured or received "
                    f"for the purpose of exploitation is a child, subsection {cited} applies "
                    f"whether or not any of the means referred to in it is used, and the consent "
                    f"of the child is no defence.")
            node = Node(Kind.SUBSECTION, f"{section.id}.new-{num.strip('()')}", num=num,
                        text=(text,))
            self.record(Change("cst-definition", self._first_clause("cst-definition"), "insert",
                               section.id, (node,), after=subsections[-1].id,
                               elements=("cst-definition",)))
            return

    def repeal_consent_defences(self) -> None:
        """A provision making a child's consent a defence contradicts the model (a child
        cannot consent): it is repealed, and a cross-reference to it amended."""
        for node in list(self.bill.walk()):
            own = node.plain_text
            if node.kind in (Kind.PART, Kind.DEFINITION) or node.children or \
                    not CONSENT_DEFENCE.search(own) or NEGATED.search(own) or \
                    not CHILD.search(whole_text(node)):
                continue
            path = chain(self.bill, node.id)
            if not path:
                continue
            cited = reference(self.bill, node.id, self.word)
            self.record(Change("cst-definition", self._first_clause("cst-definition"), "repeal",
                               node.id, (), elements=("cst-definition",),
                               gap=f"{cited} makes a child's consent a defence; the model "
                                   "says a child cannot consent"))
            self.references_to(path)

    def references_to(self, path: list[Node]) -> None:
        """Words elsewhere in the Act citing a repealed provision lose the citation with
        the word joining it to the next ("subsection (2) or (3)" -> "subsection (2)",
        "sections 4 and 5(3)" -> "sections 4"); a citation standing alone is left for the
        drafter to redraft, and said."""
        section, labels = path[0], "".join(n.num for n in path[1:])
        join = r"(?P<join>,? (?:or|and) |, )"
        cited = [re.escape(f"{self.word} {section.num}{labels}")]
        local = [re.escape(f"{k} {labels}") for k in ("subsection", "paragraph") if labels]
        local += [rf"(?<=\)) (?:or|and) {re.escape(labels)}"] if labels else []
        inside = {n.id for n in section.walk()}
        for node in list(self.bill.walk()):
            words = cited + (local if node.id in inside else [])
            match = re.search(rf"{join}?(?:{'|'.join(words)})(?![\w(])", node.plain_text)
            if match is None:
                continue
            where = reference(self.bill, node.id, self.word)
            if match.group("join") or match.group(0).startswith((" or", " and")):
                text = node.plain_text[:match.start()] + node.plain_text[match.end():]
                self.record(Change("cst-definition", "consequential", "edit", node.id,
                                   (replace(node, text=(text,)),), elements=("cst-definition",),
                                   gap=f"{where} cites the provision repealed"))
            else:
                self.left.append(("cst-definition", f"{where} cites the repealed "
                                  f"{self.word} {section.num}{labels}; the drafter must redraft it"))

    def raise_penalty(self) -> None:
        """The Act's child trafficking offence allows less imprisonment than the model's
        offence: its maximum term is raised to the model's (the years substituted)."""
        model = self.clauses.get("offence-child-sex-trafficking")
        if model is None or re.search(r"for life", whole_text(model)):
            return
        ceiling = max((y for n in model.walk() for y in _terms(n.plain_text)), default=0)
        for node_id in self.nodes("penal-code"):
            path = chain(self.bill, node_id)
            for node in path[0].walk() if path else ():
                terms = _terms(node.plain_text)
                if not terms or max(terms) >= ceiling or re.search(r"for life", node.plain_text):
                    continue
                most = max(terms)
                at = next(m for m in YEARS.finditer(node.plain_text) if int(m.group(1)) == most)
                new = (node.plain_text[:at.start(1)] + str(ceiling)
                       + node.plain_text[at.end(1):])
                self.record(Change("penal-code", "offence-child-sex-trafficking", "edit", node.id,
                                   (replace(node, text=(new,)),), elements=("penal-code",),
                                   gap=f"at most {most} years' imprisonment, below the model's "
                                       f"{ceiling}"))
                return

    # --- consequential: the front matter --------------------------------------------------
    def front_matter(self) -> None:
        """The sections inserted get their entries in the arrangement of sections and their
        purposes in the long title, where the Act has them."""
        added = [c for c in self.changes if c.kind == "insert" and c.nodes[0].kind is Kind.SECTION]
        if not added:
            return
        elements = tuple(dict.fromkeys(e for c in added for e in c.elements))
        if self.act.bill.arrangement:
            self.arrangement(added, elements)
        clauses = frozenset(c.clause for c in added)
        new = [p for p in self.purposes(clauses) if not p.startswith("provide for matters")]
        if self.act.bill.long_title and new:
            self.record(Change(added[0].element, "consequential", "long-title", "long-title", (),
                               elements=elements, words=extended_title(self.bill.long_title, new),
                               gap="consequential: the long title states the purposes of the "
                                   "sections inserted"))

    def arrangement(self, added: list[Change], elements: tuple[str, ...]) -> None:
        """An entry for each inserted section after the entry of the section it follows,
        in the case the Act's entries are printed in; a run of sections one entry group."""
        entries = self.act.bill.arrangement
        upper = all(h.isupper() for n, h in entries if n and h)
        runs: list[tuple[str, list[tuple[str, str]]]] = []
        numbers = {n.id: n.num for n in self.bill.walk() if n.kind is Kind.SECTION}
        for change in added:
            after, node = numbers.get(change.after, ""), change.nodes[0]
            entry = (node.num, node.heading.upper() if upper else node.heading)
            if runs and runs[-1][1][-1][0] == after:
                runs[-1][1].append(entry)
            elif any(n == after for n, _ in entries):
                runs.append((after, [entry]))
            else:
                self.left.append((change.element, f"the arrangement of sections has no entry for "
                                  f"{self.word} {after}; the entry for {self.word} {node.num} "
                                  "is for the drafter to place"))
        for after, new in runs:
            self.record(Change(added[0].element, "consequential", "arrangement", "arrangement",
                               (), after=after, elements=elements, entries=tuple(new),
                               gap="consequential: the arrangement of sections lists the "
                                   "sections inserted"))

    # --- new provisions --------------------------------------------------------------------
    def anchor(self, element: str) -> str:
        """The section a new offence follows: the one the judge relied on for the element,
        else the Act's trafficking offence, else the Act's last section."""
        for key in (element, "penal-code", "recruitment-offence", "advertising-offence"):
            for node_id in self.nodes(key):
                path = chain(self.bill, node_id)
                if path and self.act.bill.find(path[0].id) is not None:
                    return path[0].id
        return list(self.act.bill.sections())[-1].id

    def number_sections(self, sections: list[str], wanted: dict[str, str]) -> None:
        """New numbers for the new sections, grouped by the section each follows."""
        taken = {s.num for s in self.bill.sections()}
        groups: dict[str, list[str]] = {}
        for clause in sections:
            groups.setdefault(self.anchor(wanted[clause]), []).append(clause)
        self.anchors: dict[str, str] = {}
        ids = {s.num: s.id for s in self.bill.sections()}
        for anchor_id, clauses in groups.items():
            anchor = self.act.bill.find(anchor_id)
            assert anchor is not None
            after, nums = self.tradition.inserted(anchor.num, taken, len(clauses))
            taken |= set(nums)
            previous = ids.get(after, f"sec-{after}")
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
                           after=self.anchors[clause], elements=node.provenance.elements,
                           gap=self.why.get(clause, "")))

    def definitions(self, home: Node, clauses: list[str], wanted: dict[str, str]) -> None:
        for clause in clauses:
            model = self.clauses[clause]
            existing = self.defs.get(_key(model.term))
            if existing is not None:
                node = self.adopt(model, existing.id)
                node = replace(node, text=(_ending(node.plain_text, existing.plain_text),))
                self.record(Change(wanted[clause], clause, "replace", existing.id, (node,),
                                   elements=model.provenance.elements,
                                   gap=self.why.get(clause, "")))
                continue
            holder = self.bill.find(home.id)
            assert holder is not None
            defs = [c for c in holder.children if c.kind is Kind.DEFINITION]
            before = [d for d in defs if _key(d.term) < _key(model.term)]
            after = before[-1].id if before else ""
            last = not defs or bool(before) and before[-1] is defs[-1]
            node = self.adopt(model, f"def-new-{clause}")
            if last and defs and _closing(defs[-1]).endswith("."):
                self.closing_stop(defs[-1], wanted[clause], clause)
                node = _ended(node, ".")
            else:
                node = _ended(node, ";")
            self.record(Change(wanted[clause], clause, "insert", home.id, (node,), after=after,
                               elements=model.provenance.elements, gap=self.why.get(clause, "")))

    def closing_stop(self, last: Node, element: str, clause: str) -> None:
        """The last definition ends the list with a full stop; one added after it takes the
        stop, and the old last definition a semicolon (a consequential amendment; for one
        this plan inserted, its own words are changed before they are quoted)."""
        if self.act.bill.find(last.id) is None:
            fixed = _ended(last, ";")
            at = next(i for i, c in enumerate(self.changes) if c.nodes[:1] and
                      c.nodes[0].id == last.id)
            self.changes[at] = replace(self.changes[at], nodes=(fixed,))
            self.bill = edit(self.bill, last.id, lambda _: (fixed,))
            return
        self.record(Change(element, "consequential", "edit", _last_words(last).id,
                           (_ended(_last_words(last), ";"),), elements=(element,),
                           gap="consequential: the list of definitions now ends with the "
                               "definition inserted after it"))

    def new_interpretation(self, clauses: list[str], wanted: dict[str, str]) -> None:
        """An Act whose definitions the amendments cannot join gets an interpretation
        section after its first section, holding every definition the amendments need; if
        it has an interpretation section already (whose definitions were not read apart),
        the new one says it adds to it."""
        first = next(self.act.bill.sections())
        existing = next((s for s in self.act.bill.sections()
                         if re.search(r"interpretation|definition", s.heading, re.I)), None)
        base = existing or first
        taken = {s.num for s in self.act.bill.sections()}
        after, (num,) = self.tradition.inserted(base.num, taken, 1)
        if self.tradition.civil:
            lead = "For the purposes of this Law:"
        elif existing is not None:
            lead = f"In this Act, in addition to the definitions in {self.word} {existing.num}\u2014"
        else:
            lead = "In this Act\u2014"
        defs = [self.adopt(self.clauses[c], f"def-new-{c}") for c in clauses]
        defs.sort(key=lambda d: _key(d.term))
        defs = [_ended(d, "." if i == len(defs) - 1 else ";") for i, d in enumerate(defs)]
        node = Node(Kind.SECTION, f"sec-{num}", num=num,
                    heading="Further interpretation" if existing is not None else "Interpretation",
                    text=(lead,), children=tuple(defs))
        anchor = next((s.id for s in self.bill.sections() if s.num == after), base.id)
        parent = next(p for p in self.bill.parts if any(c.id == anchor for c in p.children))
        elements = tuple(dict.fromkeys(e for d in defs for e in d.provenance.elements))
        self.record(Change(wanted[clauses[0]], "interpretation", "insert", parent.id, (node,),
                           after=anchor, elements=elements))


def _last_words(node: Node) -> Node:
    """The node whose words end a provision (its last descendant, if it has a list)."""
    return _last_words(node.children[-1]) if node.children and not node.plain_wrap_up else node


def _closing(node: Node) -> str:
    return _last_words(node).plain_text.rstrip()


def _ended(node: Node, mark: str) -> Node:
    """The provision ending with `mark` (';' inside a list of definitions, '.' at its end):
    on its own words, or on its list's last item."""
    last = _last_words(node)
    if last is not node:
        return replace(node, children=node.children[:-1] + (_ended(node.children[-1], mark),))
    text = node.plain_text.rstrip()
    if text.endswith(("\u2014", ":")):
        return node
    return replace(node, text=(text.rstrip(";.,") + mark,))


def _ending(text: str, like: str) -> str:
    """`text` ending as `like` ends (';' inside a list of definitions, '.' at its end)."""
    mark = like.rstrip()[-1:] if like.rstrip()[-1:] in ";." else ";"
    if text.rstrip().endswith(("\u2014", ":")):    # a list follows: its last item ends it
        return text
    return text.rstrip().rstrip(";.,") + mark


def in_front(bill: Bill, change: Change) -> Bill:
    """The Act with a change to its front matter made: the long title replaced, or entries
    put into the arrangement after the entry numbered `change.after`."""
    if change.kind == "long-title":
        return replace(bill, long_title=change.words)
    return with_entries(bill, change.after, change.entries)


def extended_title(title: str, purposes: list[str]) -> str:
    """A long title with new purposes, worded as it words its own: "; to …" where its
    purposes after the first open with "to", bare ("; provide for …", Zambia) where they do
    not; before its closing purpose ("; and for connected purposes"), or after its last with
    the "and" ("…; to a; and to b"); in capitals if it is printed in capitals."""
    stop = "." if title.rstrip().endswith(".") else ""
    pieces = title.rstrip().removesuffix(".").split("; ")
    closing = len(pieces) > 1 and pieces[-1].lower().startswith("and ")
    own = pieces[1:-1] if closing else pieces[1:]      # its purposes after the first
    to = not own or any(p.lower().startswith(("to ", "and to ")) for p in own)
    new = [("to " if to else "") + p for p in purposes]
    if title.isupper():
        new = [p.upper() for p in new]
    if closing:
        pieces[-1:-1] = new
    else:
        pieces += new[:-1] + [("AND " if title.isupper() else "and ") + new[-1]]
    return "; ".join(pieces) + stop


def assign(verdicts: dict[str, Verdict], count: int) -> dict[int, list[str]]:
    """Which Act each element not met is amended in: the one holding the words the verdict
    relies on, else the one holding the trafficking offence, else the first; core first."""
    home = next((i for key in ("penal-code", "recruitment-offence", "cst-definition")
                 for i, _ in verdicts[key].where), 0) if verdicts else 0
    out: dict[int, list[str]] = {}
    for element, verdict in sorted(verdicts.items(), key=lambda kv: not BY_ID[kv[0]].core):
        if verdict.status in NOT_MET:
            index = verdict.where[0][0] if verdict.where else home
            out.setdefault(min(index, count - 1), []).append(element)
    return out


def plan_amendments(acts: Sequence[Act], model: Bill, verdicts: dict[str, Verdict],
                    tradition: Tradition, purposes: Purposes = lambda _: ()) -> list[Plan]:
    """The changes that make the Acts meet the model, one plan per Act amended, in the
    order the Acts were given; `purposes` gives the model long title's purposes for the
    clauses inserted (for the Act's long title)."""
    plans = []
    for index, elements in sorted(assign(verdicts, len(acts)).items()):
        plan = _Planner(acts, index, model, verdicts, elements, tradition, purposes).plan()
        if plan.changes:
            plans.append(replace(plan, changes=in_act_order(plan)))
    return plans


def in_act_order(plan: Plan) -> tuple[Change, ...]:
    """The changes in the order the Act prints what they amend, so each amending section's
    items run down the provision as counsel's do ((2), then (3), then (4)); two changes to
    one provision keep the order they were planned in (the second quotes the first)."""
    order = act_order(plan.act.bill, plan.target)

    def place(change: Change) -> int:
        if change.kind in FRONT:                 # printed before section 1
            return FRONT.index(change.kind) - len(FRONT) - 1
        if change.kind == "insert":
            return order[change.nodes[0].id]
        return order.get(change.target, -1)

    return tuple(sorted(plan.changes, key=place))
