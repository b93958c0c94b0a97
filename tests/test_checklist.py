"""Gap checklists built from profiles and the real clause library: statuses, evidence, the
section each element gets in the draft, and drafts of gaps only (dependency closure and
numbering)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from modellaw.draft.assemble import assemble
from modellaw.judge.checklist import build_checklist, gap_elements, section_of_clauses
from modellaw.library.clauses import Library, load_library
from modellaw.library.elements import ELEMENTS
from modellaw.model import Bill, Kind, Ref, TermUse
from modellaw.library.profiles import Profile, load_profile

from .conftest import ROOT, write

CORE = [e.id for e in ELEMENTS if e.core]

HEAD = """\
name: {name}
legal_tradition: {style}
drafting: {{style: {style}, act_word: Act, part_label: Part, part_numbering: arabic,
           fine_unit: penalty units, fine_unit_position: after}}
institutions: {{minister: Minister of Justice, police: Police Service, court: High Court,
               regulator: Communications Authority,
               service_provider: electronic communications service provider}}
bill: {{short_title: Child Protection (Online Trafficking) Act, year: 2026,
       enacting_formula: "BE IT ENACTED by the Parliament:"}}
"""


def profile_text(name: str, statuses: dict[str, str], style: str = "common-law",
                 extra: str = "") -> str:
    """A profile whose existing law records `statuses` (element -> status), each cited."""
    lines = [HEAD.format(name=name, style=style), extra]
    if statuses:
        lines.append("existing_law:")
    for i, (element, status) in enumerate(statuses.items(), start=1):
        lines.append(f"  {element}:\n    status: {status}")
        if status != "unknown":
            lines.append(f"    evidence:\n      - citation: Penal Code s {i}\n"
                         f"        note: Note on {element}.")
    return "\n".join(lines) + "\n"


def make_root(tmp_path: Path) -> Path:
    """A project with the real clause library and three made-up countries:
    xa (two gaps), xb (every core element met), xc (civil law, nothing recorded)."""
    root = tmp_path / "proj"
    shutil.copytree(ROOT / "clauses", root / "clauses")
    statuses = dict.fromkeys(CORE, "met")
    statuses.update({"advertising-offence": "partial", "payment-offence": "missing"})
    write(root / "jurisdictions" / "xa.yaml", profile_text("Atlantis", statuses))
    write(root / "jurisdictions" / "xb.yaml", profile_text("Borduria", dict.fromkeys(CORE, "met")))
    write(root / "jurisdictions" / "xc.yaml",
          profile_text("Syldavia", {}, style="civil-law", extra="optional: [non-punishment]"))
    return root


@pytest.fixture
def proj(tmp_path: Path) -> Path:
    return make_root(tmp_path)


def load(root: Path, pid: str) -> tuple[Library, Profile]:
    return load_library(root), load_profile(root / "jurisdictions" / f"{pid}.yaml", root)


def test_one_row_per_element_core_first_with_statuses_and_evidence(proj: Path) -> None:
    library, profile = load(proj, "xa")
    checklist = build_checklist(library, profile)
    assert [r.element.id for r in checklist.rows] == \
        [e.id for e in ELEMENTS if e.core] + [e.id for e in ELEMENTS if not e.core]
    row = {r.element.id: r for r in checklist.rows}
    assert row["advertising-offence"].status == "partial"
    assert row["advertising-offence"].evidence[0].citation.startswith("Penal Code s ")
    assert row["payment-offence"].status == "missing"
    assert row["non-punishment"].status == "unknown" and row["non-punishment"].evidence == ()
    assert checklist.counts(True) == {"met": 8, "partial": 1, "missing": 1, "unknown": 0}
    assert checklist.counts(False) == {"met": 0, "partial": 0, "missing": 0,
                                        "unknown": sum(not e.core for e in ELEMENTS)}
    assert not checklist.core_met
    assert gap_elements(profile) == {"advertising-offence", "payment-offence"} | {
        e.id for e in ELEMENTS if not e.core}


def test_nothing_recorded_is_unknown_not_missing(proj: Path) -> None:
    checklist = build_checklist(*load(proj, "xc"))
    assert {r.status for r in checklist.rows} == {"unknown"}


def test_all_core_met_means_core_met(proj: Path) -> None:
    checklist = build_checklist(*load(proj, "xb"))
    assert checklist.core_met and checklist.counts(True)["met"] == len(CORE)


def test_proposed_sections_are_the_drafts_numbers(proj: Path) -> None:
    library, profile = load(proj, "xc")
    bill = assemble(library, profile)
    checklist = build_checklist(library, profile)
    row = {r.element.id: r for r in checklist.rows}
    numbers = {s.id: s.num for s in bill.sections()}
    assert row["advertising-offence"].primary.clause == "offence-advertising"
    assert row["advertising-offence"].primary.section == numbers["offence-advertising"]
    # a definition's section is the interpretation section
    assert row["child-definition"].primary.clause == "definition-child"
    assert row["child-definition"].primary.section == numbers["interpretation"]
    assert row["tech-definition"].primary.clause == "definition-technology-facilitated"
    assert row["cst-definition"].primary.clause == "definition-child-sex-trafficking"
    assert row["isp-duties"].primary.clause == "service-provider-duties"
    # an optional clause the profile asks for is numbered; one it does not ask for is not
    assert row["non-punishment"].primary.section == numbers["non-punishment"]
    assert row["extraterritorial-jurisdiction"].primary.clause == "extraterritorial-jurisdiction"
    assert row["extraterritorial-jurisdiction"].primary.section == ""
    assert checklist.section_word == "Article"
    # every provision named is a clause implementing the element
    for r in checklist.rows:
        for provision in r.proposed:
            assert r.element.id in library.clauses[provision.clause].elements


def _check_bill_is_whole(bill: Bill) -> None:
    """Sections numbered 1..n without gaps; every reference and defined term resolves."""
    sections = list(bill.sections())
    assert [s.num for s in sections] == [str(i) for i in range(1, len(sections) + 1)]
    by_id = {n.id: n for n in bill.walk()}
    section_of = {n.id: s.num for s in sections for n in s.walk()}
    defined = {n.term for n in bill.walk() if n.kind is Kind.DEFINITION}
    for node in bill.walk():
        for seg in (*node.text, *node.wrap_up):
            if isinstance(seg, Ref):
                assert seg.target in by_id, seg
                if section_of[seg.target] != section_of[node.id]:  # else "subsection (1)"
                    assert section_of[seg.target] in seg.label, seg
            elif isinstance(seg, TermUse):
                assert seg.term in defined, seg


def test_only_gaps_holds_the_gaps_and_all_they_depend_on(proj: Path) -> None:
    library, profile = load(proj, "xa")
    full = assemble(library, profile)
    bill = assemble(library, profile, only_elements=gap_elements(profile))
    clauses = {n.provenance.clause for n in bill.walk() if n.provenance.clause}
    assert {"offence-advertising", "offence-payment", "definition-advertisement",
            "definition-benefit"} <= clauses
    assert {"short-title", "interpretation"} <= clauses
    # met elements' own provisions are left out ...
    assert not {"offence-recruitment", "platform-liability", "aggravated-penalties",
                "service-provider-duties", "offence-child-sex-trafficking"} & clauses
    # ... except definitions the gaps use
    used = {seg.term for n in bill.walk() for seg in (*n.text, *n.wrap_up)
            if isinstance(seg, TermUse)}
    assert "child" in used and "definition-child" in clauses
    assert len(list(bill.sections())) < len(list(full.sections()))
    _check_bill_is_whole(bill)
    _check_bill_is_whole(full)


def test_checklist_of_a_gaps_draft_cites_that_drafts_numbers(proj: Path) -> None:
    library, profile = load(proj, "xa")
    bill = assemble(library, profile, only_elements=gap_elements(profile))
    checklist = build_checklist(library, profile, bill)
    row = {r.element.id: r for r in checklist.rows}
    sections = section_of_clauses(bill)
    assert row["payment-offence"].primary.section == sections["offence-payment"]
    assert row["recruitment-offence"].primary.section == ""  # met: not in this draft
    assert checklist.bill_title == "Child Protection (Online Trafficking) Act 2026"
