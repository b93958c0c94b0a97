"""The amending bill as an Akoma Ntoso 3.0 amending act.

Each amending section is a `<section>` whose words carry a `<mod>`: quoted words as
`<quotedText>`, inserted or substituted provisions as `<quotedStructure>` (written with the
bill writer's own element mapping).  `<analysis><activeModifications>` lists a `<textualMod>`
per instruction, typed substitution / insertion / repeal, whose `destination` is the eId of
the Act's provision (`#sec_1__hcontainer_2`) and whose `source` is the `<mod>`.
"""

from __future__ import annotations

from lxml import etree

from modellaw.amend.apply import find
from modellaw.amend.bill import AmendingBill
from modellaw.amend.plan import Plan
from modellaw.model import Bill, Kind, Node
from modellaw.write.akn import LANGUAGE, NSMAP, SOURCE, _Writer, akn, slug

MOD_TYPES = {"substitute": "substitution", "insert": "insertion", "omit": "repeal"}


def _eid_of(act: Bill, node: Node) -> str:
    """The Act's eId of a provision, by the AKN convention (`sec_4__subsec_1__para_a`)."""
    return node.eid


def render_amending_akn(plan: Plan, bill: AmendingBill) -> bytes:
    frame = Bill(jurisdiction=bill.jurisdiction, jurisdiction_name=bill.act_title,
                 short_title=bill.short_title, long_title=bill.long_title,
                 enacting_formula=bill.enacting_formula, parts=(), year=bill.date[:4],
                 date=bill.date, style=plan.act.bill.style)
    writer = _Writer(frame)
    root = etree.Element(akn("akomaNtoso"), nsmap=NSMAP)
    main = writer.element(root, "bill", name="amendmentAct")
    writer.meta(main, "bill")
    meta = main.find(akn("meta"))
    analysis = etree.Element(akn("analysis"), source=f"#{SOURCE}")
    meta.insert(1, analysis)
    mods = writer.element(analysis, "activeModifications")
    preface = writer.element(main, "preface")
    writer.element(writer.element(preface, "longTitle"), "p", bill.long_title)
    writer.element(writer.element(preface, "p", **{"class": "shortTitle"}), "shortTitle",
                   bill.short_title)
    preamble = writer.element(main, "preamble")
    writer.element(writer.element(preamble, "formula", name="enactingFormula"), "p",
                   bill.enacting_formula)
    body = writer.element(main, "body")
    act_uri = f"/akn/{bill.jurisdiction}/act/{slug(bill.act_title, '-')}"
    count = 0
    for section in bill.sections:
        sec = writer.element(body, "section", eId=f"sec_{section.num}")
        writer.element(sec, "num", f"{section.num}.")
        writer.element(sec, "heading", section.heading)
        content = writer.element(sec, "content")
        if section.lead:
            writer.element(content, "p", section.lead)
        for item in section.items:
            ins = item.instruction or next((i for i in bill.instructions
                                            if item.quoted and i.nodes[:1] == item.quoted[:1]),
                                           None)
            p = writer.element(content, "p")
            if ins is None:
                p.text = item.text
                continue
            count += 1
            mod = writer.element(p, "mod", eId=f"sec_{section.num}__mod_{count}")
            mod.text = item.text + (" " if item.text else "")
            if ins.old and not ins.nodes:
                writer.element(mod, "quotedText", ins.old, eId=f"{mod.get('eId')}__qtext_1")
            if ins.new:
                writer.element(mod, "quotedText", ins.new, eId=f"{mod.get('eId')}__qtext_2")
            for n, node in enumerate(item.quoted or ins.nodes, start=1):
                quoted = writer.element(mod, "quotedStructure",
                                        eId=f"{mod.get('eId')}__qstr_{n}")
                writer.node(quoted, node)
            target = (find(plan.act.bill, ins.where) if ins.where.section else
                      find(plan.act.bill, ins.after) if ins.after else None)
            where = target.eid if target is not None else ""
            tm = writer.element(mods, "textualMod", type=MOD_TYPES[ins.action],
                                eId=f"amod_{count}")
            writer.element(tm, "source", href=f"#{mod.get('eId')}")
            writer.element(tm, "destination", href=f"{act_uri}/{LANGUAGE}#{where}")
    return etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="UTF-8")
