"""Hand-built bills for the DOCX writer's tests: every level, definitions with lists, terms,
cross-references to a section, a definition's section and an anchored subsection."""

from __future__ import annotations

from dataclasses import replace

from modellaw.model import Bill, Kind, Node, Provenance, Ref, Style, TermUse, with_eids


def _n(kind: Kind, node_id: str, num: str = "", text=(), children=(), wrap_up=(), **kw) -> Node:
    clause = node_id.split(".")[0]
    text = (text,) if isinstance(text, str) else tuple(text)
    wrap_up = (wrap_up,) if isinstance(wrap_up, str) else tuple(wrap_up)
    return Node(kind=kind, id=node_id, num=num, text=text, children=tuple(children),
                wrap_up=wrap_up, provenance=Provenance(clause, ()), **kw)


def sample_bill(tradition: str = "common-law") -> Bill:
    civil = tradition == "civil-law"

    def sub(n: int) -> str:
        return f"{n}." if civil else f"({n})"

    def label(section: str, *rest: str) -> str:
        if civil:
            names = ("paragraph", "point")
            return f"Article {section}" + "".join(
                f", {names[i]} {r.rstrip('.')}" for i, r in enumerate(rest))
        return f"section {section}" + "".join(rest)

    S, SS, P, SP, D = (Kind.SECTION, Kind.SUBSECTION, Kind.PARAGRAPH, Kind.SUBPARAGRAPH,
                       Kind.DEFINITION)
    short = _n(S, "short-title", "1", "This Act may be cited as the Sample Act.",
               heading="Short title")
    interpretation = _n(S, "interpretation", "2", "In this Act\u2014", heading="Interpretation",
                        children=[
        _n(D, "definition-child", term="child", text="means a person under 18 years;"),
        _n(D, "definition-exploitation", term="sexual exploitation", text="means\u2014",
           children=[_n(P, "definition-exploitation.1", "(a)", "prostitution; or"),
                     _n(P, "definition-exploitation.2", "(b)", "pornography,")],
           wrap_up="whether or not for gain;"),
        _n(D, "definition-service-provider", term="service provider",
           text=("means a person providing a service referred to in ",
                 Ref("offence-recruitment", label("3")), ".")),
    ])
    recruitment = _n(S, "offence-recruitment", "3", heading="Recruitment of children", children=[
        _n(SS, "offence-recruitment.1", sub(1), ("A person who recruits a ",
                                                 TermUse("child", "child"), "\u2014"), children=[
            _n(P, "offence-recruitment.1.1", "(a)", "by any means; or"),
            _n(P, "offence-recruitment.1.2", "(b)", "for\u2014", children=[
                _n(SP, "offence-recruitment.1.2.1", "(i)", "prostitution; or"),
                _n(SP, "offence-recruitment.1.2.2", "(ii)", "pornography,"),
            ]),
        ], wrap_up="commits an offence."),
        _n(SS, "offence-recruitment.no-consent", sub(2),
           ("It is not a defence that the ", TermUse("child", "child"), " consented.")),
        _n(SS, "offence-recruitment.3", sub(3),
           ("See ", Ref("offence-recruitment.no-consent", label("3", sub(2))), " and ",
            Ref("interpretation", label("2")), ".")),
    ])
    advertising = _n(S, "offence-advertising", "4", heading="Advertising", children=[
        _n(SS, "offence-advertising.1", sub(1), "A person who advertises\u2014", children=[
            _n(P, "offence-advertising.1.1", "(a)", "a child; or"),
            _n(P, "offence-advertising.1.2", "(b)", "a service,"),
        ], wrap_up="commits an offence."),
        _n(SS, "offence-advertising.2", sub(2), "A service provider who\u2014", children=[
            _n(P, "offence-advertising.2.1", "(a)", "hosts; or"),
            _n(P, "offence-advertising.2.2", "(b)", "publishes,"),
            _n(P, "offence-advertising.2.3", "(c)", "links to,"),
        ], wrap_up="the advertisement commits an offence."),
    ])
    penalties = _n(S, "aggravated-penalties", "5", "A court must consider whether\u2014",
                   heading="Aggravating circumstances", children=[
        _n(P, "aggravated-penalties.1", "(a)", "the child was under 12; or"),
        _n(P, "aggravated-penalties.2", "(b)", "the offender was a service provider."),
    ])
    parts = (
        with_eids(Node(kind=Kind.PART, id="part-preliminary", num="I" if civil else "1",
                       heading="Preliminary", children=(short, interpretation))),
        with_eids(Node(kind=Kind.PART, id="part-offences", num="II" if civil else "2",
                       heading="Offences", children=(recruitment, advertising, penalties))),
    )
    style = (Style("civil-law", "Article", "Law", "Chapter", "roman") if civil else Style())
    return Bill(jurisdiction="xc" if civil else "zz",
                jurisdiction_name="Civilia" if civil else "Sampleland",
                short_title="Sample Law" if civil else "Sample Act",
                long_title="To criminalise the recruitment of children; and for connected "
                           "matters.",
                enacting_formula="BE IT ENACTED by the Parliament of Sampleland, as follows:\u2014",
                parts=parts, preamble=("WHEREAS children must be protected;",),
                year="2026", date="2026-03-04", style=style)


def bill_with_odd_numbers() -> Bill:
    """Labels Word's numbering cannot print in sequence: (a), (c) — must come out typed."""
    bill = sample_bill()
    part = bill.parts[1]
    section = part.children[2]
    odd = replace(section.children[1], num="(c)")
    section = replace(section, children=(section.children[0], odd))
    part = replace(part, children=part.children[:2] + (section,))
    return replace(bill, parts=(bill.parts[0], with_eids(part)))
