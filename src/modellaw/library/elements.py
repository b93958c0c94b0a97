"""The model law's elements: the stable ids that clauses, profiles, checklists, diffs and
handouts all speak in (see the report's "Model Law Provisions")."""

from __future__ import annotations

from modellaw.records import record



@record
class Element:
    id: str
    title: str
    requirement: str
    core: bool = True


ELEMENTS: tuple[Element, ...] = (
    Element("penal-code", "Distinct offence in the penal code",
            "Child sex trafficking is its own criminal offence with specific sanctions."),
    Element("child-definition", "\u201cChild\u201d means a person under 18",
            "Any person under 18, regardless of the age of sexual consent."),
    Element("cst-definition", "\u201cChild sex trafficking\u201d without a means element",
            "Recruitment, transportation, transfer, harbouring or receipt of a person under 18, "
            "by any means, for the purpose of sexual exploitation."),
    Element("tech-definition", "\u201cTechnology-facilitated\u201d and the ICTs it names",
            "Assisted by the Internet and related technologies, naming hardware, software, "
            "communications equipment, networks, encryption and digital currency."),
    Element("recruitment-offence", "Recruiting a child by means of ICTs",
            "Using the Internet and related technologies to recruit a child into sex "
            "trafficking, prostitution or other sexual activity is an offence."),
    Element("advertising-offence", "Advertising a child's sexual services by means of ICTs",
            "Using ICTs to advertise the sexual services of a child is an offence."),
    Element("platform-liability", "Liability of ICT companies and their operators",
            "ICT companies and those who own, manage or operate them are liable for knowingly "
            "promoting or facilitating child sex trafficking, including by allowing "
            "advertisements."),
    Element("payment-offence", "Payments by means of ICTs",
            "Benefiting from, providing a benefit for, or arranging a payment for the services "
            "of a trafficked child through a technology-facilitated transaction is an offence."),
    Element("aggravated-penalties", "Aggravated penalties for child victims",
            "A sentencing enhancement distinguishes child from adult sex trafficking; no "
            "suspended sentence or fine in place of imprisonment."),
    Element("isp-duties", "Duties of service providers",
            "Service providers take reasonable steps to prevent hosting, report to law "
            "enforcement without delay, and remove or block content (the report's three duties; "
            "the model's clause adds the preservation of evidence, the model's addition, which a "
            "country's law is not rated short for lacking alone)."),
    Element("financial-reporting", "Reporting by financial institutions",
            "Financial institutions report suspicious transactions linked to child sex "
            "trafficking to the financial intelligence unit.", core=False),
    Element("non-punishment", "Non-punishment of child victims",
            "Child victims are not punished or prosecuted for acts they were made to commit "
            "as a result of being trafficked.", core=False),
    Element("extraterritorial-jurisdiction", "Extraterritorial jurisdiction",
            "Courts may try offences committed abroad by nationals or residents without "
            "requiring dual criminality.", core=False),
    Element("ancillary-liability", "Attempt, conspiracy and complicity",
            "Attempting, conspiring to commit, inciting, and aiding, abetting, counselling or "
            "procuring an offence of the model law are punishable as the offence itself.",
            core=False),
    Element("corporate-liability", "Liability of legal persons",
            "A body corporate is liable, and fined, for an offence committed for its benefit by "
            "a person who leads it or made possible by a lack of supervision; officers who "
            "consent or connive are liable with it.", core=False),
    Element("confiscation", "Confiscation of proceeds and instrumentalities",
            "The proceeds of the offences, property of corresponding value, and the devices, "
            "accounts, digital currency and premises used to commit them can be seized and "
            "confiscated.", core=False),
    Element("data-preservation", "Preservation and production of stored computer data",
            "Stored computer data, traffic data and subscriber information can be preserved "
            "quickly and then produced for an investigation (Budapest Convention arts. 16-18).",
            core=False),
    Element("international-cooperation", "Mutual legal assistance and extradition",
            "The offences are extraditable, and assistance and extradition for them are not "
            "refused for want of dual criminality.", core=False),
)

ELEMENT_IDS: tuple[str, ...] = tuple(e.id for e in ELEMENTS)
BY_ID: dict[str, Element] = {e.id: e for e in ELEMENTS}
