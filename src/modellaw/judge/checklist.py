"""Profiles + clause library -> gap checklists and a country-by-country matrix.

A drafter's first question is "what does our law already do, and what must the bill add?";
a trainer's is "how do the sample countries compare?".  Both are answered here from each
profile's record of existing law (`existing_law`, where anything unrecorded is `unknown`)
and from the bill the toolkit drafts for that country, which says which clause and which
section carries each model element.  Pure: no files, no streams.
"""

from __future__ import annotations


from modellaw.draft.assemble import assemble
from modellaw.library.clauses import Library
from modellaw.library.elements import ELEMENTS, Element
from modellaw.model import Bill, Kind
from modellaw.library.profiles import STATUSES, Evidence, ExistingLaw, Profile, disagreement
from modellaw.records import record

#: Statuses that leave work for the bill: everything short of `met`.
GAP_STATUSES = frozenset(s for s in STATUSES if s != "met")


@record
class Provision:
    """A clause of the library that implements an element, and where the draft puts it.

    `section` is the printed number of the section holding it (a definition's is the
    interpretation section's), or "" when the clause is not in this draft (an optional
    clause the profile does not ask for, a core clause it excludes, a met element left out
    of a draft of gaps only).
    """

    clause: str
    section: str = ""


@record
class Row:
    """One model element as it stands in one country."""

    element: Element
    status: str
    evidence: tuple[Evidence, ...]
    note: str
    proposed: tuple[Provision, ...]
    basis: str = ""  # where the status comes from: report, statute text (as at), analyze
    #: every source's record, the one in front first (the report's beside the statute's)
    records: tuple[ExistingLaw, ...] = ()

    @property
    def source(self) -> str:
        return self.records[0].source if self.records else ""

    @property
    def text_date(self) -> str:
        return self.records[0].text_date if self.records else ""

    @property
    def disagreement(self) -> str:
        """"the report says partial; the statute says met" where two sources differ."""
        return disagreement(self.records)

    @property
    def primary(self) -> Provision | None:
        """The provision to name when only one fits (JSON's `proposed`)."""
        return self.proposed[0] if self.proposed else None


@record
class Checklist:
    """A country's rows, core elements first, in the model's order."""

    jurisdiction: str
    name: str
    section_word: str  # "section" | "Article": how the draft's numbers are cited
    bill_title: str
    rows: tuple[Row, ...]

    def group(self, core: bool) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if r.element.core is core)

    def counts(self, core: bool) -> dict[str, int]:
        """How many elements of the group have each status, in the order of STATUSES."""
        rows = self.group(core)
        return {s: sum(1 for r in rows if r.status == s) for s in STATUSES}

    @property
    def core_met(self) -> bool:
        return all(r.status == "met" for r in self.group(True))


@record
class Matrix:
    """Several checklists side by side: one row per country, one column per element."""

    checklists: tuple[Checklist, ...]
    elements: tuple[Element, ...] = ELEMENTS


def gap_elements(profile: Profile) -> frozenset[str]:
    """The elements a draft of gaps only must hold: all not recorded as met."""
    return frozenset(e.id for e in ELEMENTS if profile.status(e.id).status in GAP_STATUSES)


def section_of_clauses(bill: Bill) -> dict[str, str]:
    """Clause id -> the printed number of the section that holds it in this bill."""
    found: dict[str, str] = {}
    for section in bill.sections():
        for node in section.walk():
            if node.kind in (Kind.SECTION, Kind.DEFINITION) and node.provenance.clause:
                found.setdefault(node.provenance.clause, section.num)
    return found


def _provisions(library: Library, element: str, sections: dict[str, str]) -> tuple[Provision, ...]:
    """The clauses implementing an element, the one to name first first: those in the draft,
    then those dedicated to this element alone, sections before definitions, then the
    library's order (so "technology-facilitated" comes before the ICTs it lists)."""
    clauses = [c for c in library.clauses.values() if element in c.elements]
    order = {p.id: i for i, p in enumerate(library.parts)}
    clauses.sort(key=lambda c: (c.id not in sections, len(c.elements), c.kind != "section",
                                order.get(c.part, len(order)), c.order, c.id))
    return tuple(Provision(c.id, sections.get(c.id, "")) for c in clauses)


def build_checklist(library: Library, profile: Profile, bill: Bill | None = None) -> Checklist:
    """The checklist of one country against `bill` (by default, the full draft for it).

    Pass the bill actually being issued (a draft of gaps only, say) so that the section
    numbers the checklist cites are the ones printed in it.
    """
    bill = bill if bill is not None else assemble(library, profile)
    sections = section_of_clauses(bill)
    rows = tuple(Row(element=e, status=(law := profile.status(e.id)).status,
                     evidence=law.evidence, note=law.note,
                     proposed=_provisions(library, e.id, sections), basis=law.basis,
                     records=law.records)
                 for e in sorted(ELEMENTS, key=lambda e: not e.core))
    return Checklist(jurisdiction=profile.id, name=profile.name,
                     section_word=bill.style.section_word,
                     bill_title=f"{bill.short_title} {bill.year}".strip(), rows=rows)

