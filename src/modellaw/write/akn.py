"""Bill -> Akoma Ntoso 3.0 (OASIS LegalDocML) XML, for drafting systems that keep law as AKN.

Indigo, LEOS and legal publishers read AKN; a draft they can load with its definitions and
cross-references already marked up saves a drafting office the markup work.  The document
model already carries everything AKN wants: eIds (model.with_eids), defined terms as
`TermUse`, cross-references as `Ref` by stable id.  This module only maps it onto elements:

- parts / sections / subsections / paragraphs / subparagraphs keep their AKN names; a
  definition is `<hcontainer name="definition">` (the schema allows hcontainer anywhere in a
  hierarchy), opening with `<def refersTo="#term-…">` as Laws.Africa marks definitions;
- each defined term has a `TLCTerm` in `<references>`; each use is `<term refersTo eId>`;
- each section and definition says where it came from: `refersTo` lists a `TLCConcept` per
  model element (so any AKN tool sees the link) and `modellaw:clause` names the clause
  template (an attribute in our own namespace, which the schema admits on every element).

FRBR identification: country = the profile id, except the pure model law, which belongs to
no country and takes `aa`, an ISO 3166-1 code reserved for user assignment (never a real
country; cobalt's FRBR URI grammar needs two letters); work date = the bill's year; number =
the short title as a slug, since a draft has no official number yet.
"""

from __future__ import annotations

import re
from typing import Iterable

from lxml import etree

from modellaw.library.elements import BY_ID
from modellaw.model import Bill, Inline, Kind, Node, Ref, TermUse

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
MODELLAW_NS = "urn:modellaw:akn:1.0"
NSMAP = {None: AKN_NS, "modellaw": MODELLAW_NS}
DOC_TYPES = ("bill", "act")
#: The FRBR country of the model law, which is no country's: ISO 3166-1 user-assigned.
MODEL_COUNTRY = "aa"
LANGUAGE = "eng"
SOURCE = "modellaw"
#: Ontology IRIs of the things `refersTo` points at.
TERM_PREFIX, CONCEPT_PREFIX = "term-", "element-"
CONCEPT_HREF = "/ontology/concept/modellaw."
CLAUSE_ATTR = f"{{{MODELLAW_NS}}}clause"
OPEN_QUOTE, CLOSE_QUOTE = "\u201c", "\u201d"


def akn(tag: str) -> str:
    """The qualified name of an AKN element."""
    return f"{{{AKN_NS}}}{tag}"


def slug(text: str, sep: str) -> str:
    return sep.join(re.findall(r"[a-z0-9]+", text.casefold()))


def term_id(term: str) -> str:
    """The TLCTerm eId of a defined term: `term-information_and_communication_technology`."""
    return TERM_PREFIX + slug(term, "_")


def concept_id(element: str) -> str:
    """The TLCConcept eId of a model element."""
    return CONCEPT_PREFIX + element


def frbr_country(bill: Bill) -> str:
    return MODEL_COUNTRY if bill.jurisdiction == "model" else bill.jurisdiction


def work_uri(bill: Bill, doctype: str = "bill") -> str:
    """`/akn/za/bill/2026/prevention-of-…-act`: the FRBR work URI of the draft."""
    name = slug(bill.short_title, "-") or doctype
    return f"/akn/{frbr_country(bill)}/{doctype}/{bill.year}/{name}"


def expression_uri(bill: Bill, doctype: str = "bill") -> str:
    return f"{work_uri(bill, doctype)}/{LANGUAGE}@{bill.date}"


def section_num(bill: Bill, node: Node) -> str:
    """`6.` in the common-law style, `Article 6` in the civil-law style, as the bill prints."""
    return f"Article {node.num}" if bill.style.tradition == "civil-law" else f"{node.num}."


class _Writer:
    """Builds the tree; keeps the per-container counters that number `<term>` eIds."""

    def __init__(self, bill: Bill) -> None:
        self.bill = bill
        self.eids = {n.id: n.eid for n in bill.walk()}
        self.term_counts: dict[str, int] = {}

    def element(self, parent: etree._Element, tag: str, text: str = "",
                **attrs: str) -> etree._Element:
        el = etree.SubElement(parent, akn(tag), {k: v for k, v in attrs.items() if v})
        if text:
            el.text = text
        return el

    def inlines(self, p: etree._Element, parts: Iterable[Inline], owner: str) -> None:
        """Mixed content: text, `<ref>` and `<term>` elements, tails in between."""
        last = p[-1] if len(p) else None
        for part in parts:
            if isinstance(part, str):
                if last is None:
                    p.text = (p.text or "") + part
                else:
                    last.tail = (last.tail or "") + part
                continue
            if isinstance(part, Ref):
                # An unknown target keeps its stable id so the check can name it, not vanish.
                last = self.element(p, "ref", part.label,
                                    href=f"#{self.eids.get(part.target) or part.target}")
            elif isinstance(part, TermUse):
                count = self.term_counts[owner] = self.term_counts.get(owner, 0) + 1
                last = self.element(p, "term", part.text, refersTo=f"#{term_id(part.term)}",
                                    eId=f"{owner}__term_{count}")

    def block(self, parent: etree._Element, tag: str, parts: tuple[Inline, ...], owner: str,
              defines: str = "") -> None:
        """`<intro>`, `<content>` or `<wrapUp>` holding one `<p>`; a definition's opens with
        the defined term: “<def>child</def>” means …"""
        p = self.element(self.element(parent, tag), "p")
        if defines:
            p.text = OPEN_QUOTE
            self.element(p, "def", defines, refersTo=f"#{term_id(defines)}").tail = CLOSE_QUOTE + " "
        self.inlines(p, parts, owner)

    def provenance(self, node: Node, extra: tuple[str, ...] = ()) -> dict[str, str]:
        refers = extra + tuple(f"#{concept_id(e)}" for e in node.provenance.elements)
        return {"refersTo": " ".join(refers), CLAUSE_ATTR: node.provenance.clause}

    def node(self, parent: etree._Element, node: Node) -> None:
        if node.kind is Kind.DEFINITION:
            self.definition(parent, node)
            return
        attrs = self.provenance(node) if node.kind is Kind.SECTION else {}
        el = self.element(parent, node.kind.value, eId=node.eid, **attrs)
        num = section_num(self.bill, node) if node.kind is Kind.SECTION else node.num
        if num:
            self.element(el, "num", num)
        if node.heading:
            self.element(el, "heading", node.heading)
        self.body(el, node)

    def body(self, el: etree._Element, node: Node, defines: str = "") -> None:
        """`<content>` for a leaf; else `<intro>`, the children, `<wrapUp>`."""
        if not node.children:
            self.block(el, "content", node.text, node.eid, defines)
            return
        if node.text or defines:
            self.block(el, "intro", node.text, node.eid, defines)
        for child in node.children:
            self.node(el, child)
        if node.wrap_up:
            self.block(el, "wrapUp", node.wrap_up, node.eid)

    def definition(self, parent: etree._Element, node: Node) -> None:
        el = self.element(parent, "hcontainer", eId=node.eid, name="definition",
                          **self.provenance(node, (f"#{term_id(node.term)}",)))
        self.body(el, node, node.term)

    def meta(self, main: etree._Element, doctype: str) -> None:
        bill = self.bill
        meta = self.element(main, "meta")
        ident = self.element(meta, "identification", source=f"#{SOURCE}")
        work, expr = work_uri(bill, doctype), expression_uri(bill, doctype)
        levels = (("FRBRWork", work), ("FRBRExpression", expr), ("FRBRManifestation", expr))
        for level, uri in levels:
            frbr = self.element(ident, level)
            self.element(frbr, "FRBRthis", value=f"{uri}/!main")
            self.element(frbr, "FRBRuri", value=uri)
            if level == "FRBRWork":
                self.element(frbr, "FRBRalias", value=bill.short_title, name="title")
            self.element(frbr, "FRBRdate", date=bill.date, name="Generation")
            self.element(frbr, "FRBRauthor", href=f"#{SOURCE}")
            if level == "FRBRWork":
                self.element(frbr, "FRBRcountry", value=frbr_country(bill))
                self.element(frbr, "FRBRnumber", value=work.rsplit("/", 1)[1])
            elif level == "FRBRExpression":
                self.element(frbr, "FRBRlanguage", language=LANGUAGE)
        refs = self.element(meta, "references", source=f"#{SOURCE}")
        self.element(refs, "TLCOrganization", eId=SOURCE, href=f"/ontology/organization/{SOURCE}",
                     showAs=SOURCE)
        nodes = list(bill.walk())
        elements = dict.fromkeys(e for n in nodes for e in n.provenance.elements)
        for element in elements:
            self.element(refs, "TLCConcept", eId=concept_id(element),
                         href=f"{CONCEPT_HREF}{element}",
                         showAs=BY_ID[element].title if element in BY_ID else element)
        for node in nodes:
            if node.kind is Kind.DEFINITION:
                self.element(refs, "TLCTerm", eId=term_id(node.term),
                             href=f"/ontology/term/this.{LANGUAGE}.{slug(node.term, '_')}",
                             showAs=node.term)

    def document(self, doctype: str) -> etree._Element:
        bill = self.bill
        root = etree.Element(akn("akomaNtoso"), nsmap=NSMAP)
        main = self.element(root, doctype, name=doctype)
        self.meta(main, doctype)
        preface = self.element(main, "preface")
        if bill.civil:
            self.law_title(preface)
        else:
            self.element(self.element(preface, "longTitle"), "p", bill.long_title)
            self.element(self.element(preface, "p", **{"class": "shortTitle"}), "shortTitle",
                         bill.short_title)
        stage = self.element(preface, "p", **{"class": "draft"})
        self.element(stage, "docStage", "Draft").tail = " \u2014 "
        self.element(stage, "docJurisdiction", bill.jurisdiction_name)
        preamble = self.element(main, "preamble")
        if bill.civil and bill.authority:
            self.element(preamble, "p", bill.authority, **{"class": "authority"})
        if bill.preamble:
            # a civil-law law's visas ("Having regard to …") are citations; a bill's
            # "WHEREAS" clauses are recitals
            group, item, prefix = (("citations", "citation", "cit") if bill.civil
                                   else ("recitals", "recital", "rec"))
            holder = self.element(preamble, group)
            for i, text in enumerate(bill.preamble, start=1):
                self.element(self.element(holder, item, eId=f"{prefix}_{i}"), "p", text)
        self.element(self.element(preamble, "formula", name="enactingFormula"), "p",
                     bill.enacting_formula)
        body = self.element(main, "body")
        for part in bill.parts:
            self.node(body, part)
        if bill.civil and bill.reasons:
            reasons = self.element(self.element(main, "conclusions"), "container",
                                   name="reasons", eId="container_reasons")
            self.element(reasons, "p", "Justifying reasons", **{"class": "heading"})
            self.element(reasons, "p", bill.reasons)
        return root

    def law_title(self, preface: etree._Element) -> None:
        """`<docNumber>Law No. [..] of 2026</docNumber> <docTitle>on Combating …</docTitle>`:
        a civil-law law is named by its number and title."""
        bill = self.bill
        number = f"{bill.style.act_word} No. {bill.number} of {bill.year}"
        title = self.element(preface, "p", **{"class": "title"})
        self.element(title, "docNumber", number).tail = " "
        self.element(title, "docTitle", bill.short_title.removeprefix(number).strip())


def render_akn(bill: Bill, doctype: str = "bill") -> bytes:
    """The bill as a pretty-printed UTF-8 AKN 3.0 document (`<bill>`, or `<act>` as enacted).

    Same bill, same bytes: nothing here reads the clock or depends on dict order of input.
    """
    if doctype not in DOC_TYPES:
        raise ValueError(f"doctype must be one of {DOC_TYPES}, not {doctype!r}")
    root = _Writer(bill).document(doctype)
    return etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="UTF-8")
