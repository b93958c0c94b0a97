"""The investigation and prosecution clauses, drafted from the real library in every profile:
they draft cleanly, follow each drafting style, and cite only articles checked against the
instruments."""

from __future__ import annotations

import pytest

from modellaw.draft.assemble import Override, assemble
from modellaw.library.elements import BY_ID
from modellaw.library.profiles import list_profiles
from modellaw.library.project import load
from modellaw.model import Bill, plain

from .conftest import ROOT

NEW = {"ancillary-liability": ("ancillary-liability", True),
       "corporate-liability": ("corporate-liability", True),
       "confiscation": ("confiscation", True),
       "preservation-orders": ("data-preservation", False),
       "international-cooperation": ("international-cooperation", False)}


def _bill(profile: str, *sets: str) -> Bill:
    library, prof = load(profile, ROOT)
    return assemble(library, prof, [Override.parse(s) for s in sets])


def _text(bill: Bill, clause: str) -> str:
    section = bill.find(clause)
    assert section is not None, clause
    return " ".join(plain(n.text) + " " + plain(n.wrap_up) for n in section.walk())


def test_core_and_optional_as_counsel_decided_with_their_own_optional_elements() -> None:
    library, _ = load("model", ROOT)
    for clause_id, (element, core) in NEW.items():
        clause = library.clause(clause_id)
        assert clause.elements == (element,) and clause.core is core
        assert not BY_ID[element].core  # new elements are optional; the report lists ten
        assert ("core" if core else "optional") in clause.commentary  # the reason is given


@pytest.mark.parametrize("profile", list_profiles(ROOT))
def test_core_clauses_draft_in_every_profile(profile: str) -> None:
    bill = _bill(profile)
    for clause_id, (_, core) in NEW.items():
        if core:
            assert bill.find(clause_id) is not None, (profile, clause_id)


def test_the_model_bill_holds_every_new_clause_in_its_parts() -> None:
    bill = _bill("model")
    part_of = {s.id: p.heading for p in bill.parts for s in p.children}
    assert part_of["ancillary-liability"] == part_of["corporate-liability"] == "Offences"
    assert part_of["confiscation"] == "Sentencing"
    assert part_of["preservation-orders"] == "Investigation"
    assert part_of["international-cooperation"] == "International cooperation"
    assert "confiscation of the proceeds and instrumentalities" in bill.long_title


def test_ancillary_liability_reaches_every_offence_with_its_penalty() -> None:
    bill = _bill("model")
    text = _text(bill, "ancillary-liability")
    offences = [bill.find(c).num for c in ("offence-child-sex-trafficking", "offence-recruitment",
                                           "offence-advertising", "offence-payment",
                                           "platform-liability")]
    assert offences == [str(n) for n in range(int(offences[0]), int(offences[-1]) + 1)]
    assert f"any of sections {offences[0]} to {offences[-1]}" in text
    assert "imprisonment and fine prescribed for the offence itself" in text
    assert "was an adult or a law enforcement officer" in text  # the sting operation
    without = _text(_bill("model", "ancillary-liability.conspiracy=false"), "ancillary-liability")
    assert "conspires" not in without and "conspiracy" not in without


def test_civil_law_drafting_uses_legal_persons_and_is_punishable_by() -> None:
    bill = _bill("qa")
    ancillary, corporate = _text(bill, "ancillary-liability"), _text(bill, "corporate-liability")
    assert "is punishable by the penalty prescribed for the completed offence" in ancillary
    assert "commits an offence" not in ancillary
    assert "legal person" in corporate and "body corporate" not in corporate
    assert bill.find("corporate-liability").heading == "Liability of legal persons"
    common = _text(_bill("za"), "corporate-liability")
    assert "body corporate" in common and "legal person" not in common


def test_corporate_fine_is_in_the_profiles_unit_and_officers_who_connive_are_liable() -> None:
    text = _text(_bill("model"), "corporate-liability")
    assert "fine not exceeding 10,000,000 [currency units]" in text
    assert "consent or connivance of a director" in text and "neglect" not in text
    assert "neglect" in _text(_bill("model", "corporate-liability.officer_neglect=true"),
                              "corporate-liability")
    administrative = _text(_bill("qa", "corporate-liability.liability=administrative"),
                           "corporate-liability")
    assert "administrative fine imposed by the competent court" in administrative


def test_confiscation_names_the_instruments_of_online_trafficking() -> None:
    text = _text(_bill("model"), "confiscation")
    for thing in ("mobile telephone", "digital currency", "domain name", "corresponding value",
                  "seizure or freezing", "closure"):
        assert thing in text, thing
    assert "the court shall order" in text
    assert "the court may order the confiscation" in _text(
        _bill("model", "confiscation.mandatory=false"), "confiscation")


def test_preservation_follows_budapest_16_to_18() -> None:
    text = _text(_bill("model"), "preservation-orders")
    assert "shall not exceed 90 days" in text and "renewed" in text  # art. 16(2)
    assert "whether or not other service providers were involved" in text  # art. 17
    assert "subscriber's identity, postal or geographic address" in text  # art. 18(3)
    assert "confidential" in text  # art. 16(3)
    police = _text(_bill("model", "preservation-orders.subscriber_by=police"), "preservation-orders")
    assert "The police may, on the same grounds and by notice in writing, require" in police


def test_cooperation_waives_dual_criminality_and_refers_to_preservation_only_if_drafted() -> None:
    bill = _bill("model")
    model = _text(bill, "international-cooperation")
    assert "shall not be refused for want of dual criminality" in model
    assert "e-mail" in model and "age at which a person may lawfully consent" in model
    # the preservation powers, by their number
    assert f"section {bill.find('preservation-orders').num}(1)" in model
    conduct = _text(_bill("model", "international-cooperation.dual_criminality=conduct test"),
                    "international-cooperation")
    assert "however the law of the requesting State describes" in conduct
    library, prof = load("model", ROOT)
    from dataclasses import replace
    alone = assemble(library, replace(prof, optional=("international-cooperation",)))
    assert "may be exercised on it" not in _text(alone, "international-cooperation")


def test_sources_cite_only_checked_articles() -> None:
    library, _ = load("model", ROOT)
    cited = {(s.instrument.split(" (")[0].split(",")[0], s.article)
             for c in NEW for s in library.clause(c).sources if s.article}
    checked = {("Palermo Protocol", "5(2)"),
               ("Optional Protocol to the CRC on the Sale of Children", "3(2)"),
               ("Optional Protocol to the CRC on the Sale of Children", "3(4)"),
               ("Optional Protocol to the CRC on the Sale of Children", "5"),
               ("Optional Protocol to the CRC on the Sale of Children", "6"),
               ("Optional Protocol to the CRC on the Sale of Children", "7"),
               ("Council of Europe Convention on the Protection of Children against Sexual "
                "Exploitation and Sexual Abuse", "24"),
               ("Council of Europe Convention on the Protection of Children against Sexual "
                "Exploitation and Sexual Abuse", "26"),
               ("Council of Europe Convention on the Protection of Children against Sexual "
                "Exploitation and Sexual Abuse", "27(2)"),
               ("Council of Europe Convention on the Protection of Children against Sexual "
                "Exploitation and Sexual Abuse", "27(3)"),
               ("Budapest Convention on Cybercrime", "11"), ("Budapest Convention on Cybercrime", "12"),
               ("Budapest Convention on Cybercrime", "16"), ("Budapest Convention on Cybercrime", "17"),
               ("Budapest Convention on Cybercrime", "18"), ("Budapest Convention on Cybercrime", "25"),
               ("Budapest Convention on Cybercrime", "29(3)")}
    assert cited <= checked, cited - checked
