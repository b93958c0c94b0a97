"""The amending bill as an Akoma Ntoso 3.0 amending act.

Each amending section is a `<section>` whose words carry a `<mod>`: quoted words as
`<quotedText>`, inserted or substituted provisions as `<quotedStructure>` (written with the
bill writer's own element mapping, their eIds named inside the quotation, their defined
terms declared as TLCTerms).  `<analysis><activeModifications>` lists a `<textualMod>` per
instruction, typed substitution / insertion / repeal, whose `destination` is the eId of the
Act's provision (`#part_1__sec_2__hcontainer_2`) and whose `source` is the `<mod>`.  A bill
amending several Acts has one `<part>` per Act.  What is written has passed the project's
own checks (`ensure_valid`), as `draft --format akn` does.
"""

from __future__ import annotations


from lxml import etree

from modellaw.amend.bill import AmendingBill, AmendingSection
from modellaw.amend.instructions import Instruction, NotApplicable, find
from modellaw.amend.plan import Plan
from modellaw.model import EID_PREFIX, Bill, Kind, Node
from modellaw.records import replace
from modellaw.write.akn import LANGUAGE, NSMAP, SOURCE, _Writer, akn, slug
from modellaw.write.akn_checks import ensure_valid, num_token

MOD_TYPES = {"substitute": "substitution", "insert": "insertion", "omit": "repeal",
             "repeal": "repeal"}


def _named(node: Node, prefix: str, counters: dict[Kind, int] | None = None) -> Node:
    """The quoted provision with eIds named inside its quotation, by the naming convention
    the checks apply (`473.1A` -> `sec_473-1A`; unnumbered definitions counted)."""
    counters = counters if counters is not None else {}
    counters[node.kind] = counters.get(node.kind, 0) + 1
    own = f"{EID_PREFIX[node.kind]}_{num_token(node.num) or counters[node.kind]}"
    eid = f"{prefix}__{own}"
    inner: dict[Kind, int] = {}
    return replace(node, eid=eid, children=tuple(_named(c, eid, inner) for c in node.children))


def _quoted(bill: AmendingBill) -> tuple[Node, ...]:
    return tuple(n for s in bill.sections for item in s.items for n in item.quoted)


def _destination(plan: Plan, ins: Instruction) -> str:
    """The eId, in the Act as read, of the provision an instruction amends (or follows)."""
    where = ins.where if ins.where.section else ins.after
    if where is None:
        return ""
    try:
        return find(plan.act.bill, where).eid
    except NotApplicable:            # a provision this bill inserts earlier
        return find(plan.target, where).eid


class _AmendingWriter:
    def __init__(self, plans: list[Plan], bill: AmendingBill) -> None:
        self.plans, self.bill = plans, bill
        quoted = Node(Kind.PART, "quoted", children=_quoted(bill))
        self.frame = Bill(jurisdiction=bill.jurisdiction, jurisdiction_name=bill.act_title,
                          short_title=bill.short_title, long_title=bill.long_title,
                          enacting_formula=bill.enacting_formula, parts=(quoted,),
                          year=bill.date[:4], date=bill.date, style=plans[0].act.bill.style)
        self.writer = _Writer(self.frame)
        self.count = 0
        self.by_act = {p.act.title: p for p in plans}

    def section(self, parent: etree._Element, section: AmendingSection, prefix: str,
                mods: etree._Element) -> None:
        w = self.writer
        eid = f"{prefix}sec_{section.num}"
        sec = w.element(parent, "section", eId=eid)
        w.element(sec, "num", f"{section.num}.")
        w.element(sec, "heading", section.heading)
        content = w.element(sec, "content")
        if section.lead:
            w.element(content, "p", section.lead)
        for item in section.items:
            ins = item.instruction or next((i for i in self.bill.instructions
                                            if item.quoted and i.nodes[:1] == item.quoted[:1]),
                                           None)
            if ins is None:
                w.element(content, "p", item.text)
                continue
            self.mod(w.element(content, "p"), eid, item.text, item.quoted or ins.nodes, ins,
                     section, mods)

    def mod(self, p: etree._Element, owner: str, text: str, nodes: tuple[Node, ...],
            ins: Instruction, section: AmendingSection, mods: etree._Element) -> None:
        w = self.writer
        self.count += 1
        mod = w.element(p, "mod", eId=f"{owner}__mod_{self.count}")
        mod.text = text + (" " if text else "")
        if ins.old and not ins.nodes:
            w.element(mod, "quotedText", ins.old, eId=f"{mod.get('eId')}__qtext_1")
        if ins.new:
            w.element(mod, "quotedText", ins.new, eId=f"{mod.get('eId')}__qtext_2")
        for n, node in enumerate(nodes, start=1):
            qeid = f"{mod.get('eId')}__qstr_{n}"
            quoted = w.element(mod, "quotedStructure", eId=qeid)
            named = _named(node, qeid)
            w.eids.update({x.id: x.eid for x in named.walk()})
            w.node(quoted, named)
        plan = self.by_act[next(r.act for r, i in zip(self.bill.rows, self.bill.instructions)
                                if i == ins or i.nodes == ins.nodes and i.where == ins.where)]
        tm = w.element(mods, "textualMod", type=MOD_TYPES[ins.action], eId=f"amod_{self.count}")
        w.element(tm, "source", href=f"#{mod.get('eId')}")
        act_uri = f"/akn/{self.bill.jurisdiction}/act/{slug(plan.act.title, '-')}"
        w.element(tm, "destination", href=f"{act_uri}/{LANGUAGE}#{_destination(plan, ins)}")

    def document(self) -> bytes:
        bill, w = self.bill, self.writer
        root = etree.Element(akn("akomaNtoso"), nsmap=NSMAP)
        main = w.element(root, "bill", name="amendmentAct")
        w.meta(main, "bill")
        meta = main.find(akn("meta"))
        analysis = etree.Element(akn("analysis"), source=f"#{SOURCE}")
        meta.insert(1, analysis)
        mods = w.element(analysis, "activeModifications")
        preface = w.element(main, "preface")
        w.element(w.element(preface, "longTitle"), "p", bill.long_title)
        w.element(w.element(preface, "p", **{"class": "shortTitle"}), "shortTitle",
                  bill.short_title)
        preamble = w.element(main, "preamble")
        w.element(w.element(preamble, "formula", name="enactingFormula"), "p",
                  bill.enacting_formula)
        body = w.element(main, "body")
        parts: dict[str, etree._Element] = {}
        for section in bill.sections:
            parent, prefix = body, ""
            if section.part:
                if section.part not in parts:
                    number = str(len(parts) + 1)
                    parts[section.part] = w.element(body, "part", eId=f"part_{number}")
                    w.element(parts[section.part], "num", number)
                    w.element(parts[section.part], "heading", section.part)
                parent = parts[section.part]
                prefix = f"{parent.get('eId')}__"
            self.section(parent, section, prefix, mods)
        return etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="UTF-8")


def render_amending_akn(plans: list[Plan], bill: AmendingBill) -> bytes:
    """The amending act, checked by the schema, the naming convention and the drafting
    checks before it is returned (an invalid one is an error, never a file)."""
    data = _AmendingWriter(plans, bill).document()
    ensure_valid(data)
    return data
