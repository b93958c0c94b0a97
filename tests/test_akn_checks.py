"""The three levels of AKN checking on hand-made documents (tests/data/akn), and the same
drafting checks over the document model."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from modellaw.write.akn_checks import check_akn, ensure_valid, num_token
from modellaw.draft.assemble import assemble
from modellaw.cli import main
from modellaw.draft.checks import WARNING, check_bill
from modellaw.errors import InputErrors, ModellawError
from modellaw.model import Bill, Node, Provenance, Ref, TermUse
from modellaw.library.project import load

from .conftest import MINI

DATA = Path(__file__).parent / "data" / "akn"
VALID = (DATA / "valid.xml").read_text(encoding="utf-8")


def findings_of(name: str) -> list[tuple[int, str, str, int]]:
    path = DATA / name
    return [(f.level, f.check, f.eid, f.where.line) for f in check_akn(path.read_bytes(), path)]


def edited(old: str, new: str) -> list[tuple[int, str, str, int]]:
    assert VALID.count(old) == 1, old
    return [(f.level, f.check, f.eid, f.where.line)
            for f in check_akn(VALID.replace(old, new).encode("utf-8"))]


def test_the_hand_made_bill_is_valid() -> None:
    assert findings_of("valid.xml") == []


def test_missing_eid() -> None:
    assert findings_of("missing-eid.xml") == [(2, "missing-eid", "part_2__sec_2", 62)]
    path = DATA / "missing-eid.xml"
    with pytest.raises(InputErrors) as caught:
        ensure_valid(path.read_bytes(), path)
    assert str(caught.value).startswith(f"{path}:62: <part_2__sec_2>: <subsection> numbered "
                                        "'(2)' has no eId (by the naming convention: "
                                        "'part_2__sec_2__subsec_2')")


def test_duplicate_eid_fails_the_schema_and_the_naming_check() -> None:
    assert findings_of("duplicate-eid.xml") == [
        (1, "schema", "", 62),
        (2, "duplicate-eid", "part_2__sec_2__subsec_1", 62),
        (2, "eid-convention", "part_2__sec_2__subsec_1", 62)]


def test_dangling_reference() -> None:
    assert findings_of("dangling-ref.xml") == [(3, "dangling-ref", "part_2__sec_2__subsec_2", 64)]


def test_unused_definition_is_a_warning() -> None:
    path = DATA / "unused-definition.xml"
    assert findings_of("unused-definition.xml") == [
        (3, "unused-definition", "part_1__sec_1__hcontainer_1", 47)]
    assert [f.severity for f in check_akn(path.read_bytes())] == [WARNING]
    assert ensure_valid(path.read_bytes(), path) == [
        f"{path}:47: <part_1__sec_1__hcontainer_1>: the definition of 'child' is never used in "
        "the bill [level 3: unused-definition]"]


def test_numbering_gap_and_repeat() -> None:
    gap = edited('<num>(2)</num>', '<num>(3)</num>')
    assert (2, "numbering", "part_2__sec_2__subsec_2", 62) in gap
    repeat = edited('<section eId="part_2__sec_2">\n          <num>2.</num>',
                    '<section eId="part_2__sec_1">\n          <num>1.</num>')
    assert (2, "numbering", "part_2__sec_1", 55) in repeat
    assert (2, "eid-convention", "part_2__sec_1", 55) not in repeat  # its eId follows its num


def test_eid_convention_is_judged_from_the_top() -> None:
    """A misnamed section is one finding, not one per provision below it."""
    found = edited('<section eId="part_2__sec_2">', '<section eId="sec_2">')
    assert found == [(2, "eid-convention", "sec_2", 55)]
    found = edited('eId="part_2__sec_2__subsec_1__term_1"', 'eId="term_9"')
    assert found == [(2, "eid-convention", "term_9", 60)]


@pytest.mark.parametrize("old, new, check", [
    ('<heading>Recruitment</heading>',
     '<heading>Recruitment of a <term refersTo="#term-child" eId="x">child</term></heading>',
     "term-in-heading"),
    ('Consent is no defence', 'Shall not be a defence. Consent is no defence',
     "duty-without-subject"),
    ('commits an offence and is liable on conviction to imprisonment for a term not exceeding '
     '15 years', 'commits an offence', "offence-without-penalty"),
])
def test_drafting_checks_in_xml(old: str, new: str, check: str) -> None:
    assert check in [f[1] for f in edited(old, new)]


def test_terms_must_be_defined_and_declared() -> None:
    found = edited('<term refersTo="#term-child"', '<term refersTo="#term-adult"')
    assert [f[:3] for f in found] == [
        (3, "unused-definition", "part_1__sec_1__hcontainer_1"),
        (3, "undefined-term", "part_2__sec_2__subsec_1"),
        (3, "undeclared-term", "part_2__sec_2__subsec_1__term_1")]


def test_not_akn_and_hostile_xml_are_refused() -> None:
    assert [f[1] for f in [(f.level, f.check) for f in check_akn(b"<html/>")]] == ["schema"]
    with pytest.raises(ModellawError, match="line 2"):
        check_akn(b"<akomaNtoso>\n<bill></akomaNtoso>", Path("x.xml"))
    xxe = (b'<?xml version="1.0"?>\n<!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
           b'<akomaNtoso>&e;</akomaNtoso>')
    with pytest.raises(ModellawError, match="DTD or entities"):
        check_akn(xxe)


def test_num_token() -> None:
    assert [num_token(n) for n in ("(a)", "1.", "Article 6", "(iv)", "1.2.", "3A", "PART IV")] == [
        "a", "1", "6", "iv", "1-2", "3A", "IV"]


# --- the same checks over the document model -------------------------------------------------

def mini_bill() -> Bill:
    return assemble(*load("model", MINI))


def _swap_last_section(bill: Bill, section: Node) -> Bill:
    part = bill.parts[-1]
    return replace(bill, parts=bill.parts[:-1] + (
        replace(part, children=part.children[:-1] + (section,)),))


def test_model_checks_clean_on_the_mini_bill() -> None:
    library, profile = load("model", MINI)
    assert check_bill(assemble(library, profile), library) == []


def test_model_checks_find_what_the_xml_checks_find() -> None:
    library, _ = load("model", MINI)
    bill = mini_bill()
    section = bill.parts[-1].children[-1]
    sub = section.children[-1]
    bad = replace(sub, text=("Shall report it under ", Ref("gone", "section 9"), " to the ",
                             TermUse("police", "police"), "."))
    penalty_free = replace(section, children=section.children[1:-1] + (bad,),
                           provenance=section.provenance)
    findings = check_bill(_swap_last_section(bill, penalty_free), library)
    checks = {(f.check, f.eid) for f in findings}
    assert checks == {("dangling-ref", bad.eid), ("undefined-term", bad.eid),
                      ("duty-without-subject", bad.eid), ("offence-without-penalty", section.eid)}
    clause = library.clauses["offence-recruitment"]
    assert all(f.where.path == clause.path and f.where.line == clause.first_lines["text"]
               for f in findings)


def test_model_checks_without_a_library_name_the_clause() -> None:
    bill = mini_bill()
    section = bill.parts[-1].children[-1]
    odd = replace(section, provenance=Provenance("offence-x", ("advertising-offence",)),
                  children=section.children[1:])
    (finding,) = check_bill(_swap_last_section(bill, odd))
    assert str(finding).startswith(f"clause offence-x: <{section.eid}>: implements "
                                   "advertising-offence")


# --- the command ------------------------------------------------------------------------------

def test_cli_validate_akn() -> None:
    runner = CliRunner()
    ok = runner.invoke(main, ["validate", "--akn", str(DATA / "valid.xml")])
    assert ok.exit_code == 0 and ok.output.startswith("ok: 1 Akoma Ntoso file(s) pass")
    warned = runner.invoke(main, ["validate", "--akn", str(DATA / "unused-definition.xml")])
    assert warned.exit_code == 0 and "warning: " in warned.output and "never used" in warned.output
    bad = runner.invoke(main, ["validate", "--akn", str(DATA / "dangling-ref.xml"),
                               "--akn", str(DATA / "missing-eid.xml")])
    assert bad.exit_code == 2
    assert bad.output.splitlines() == [
        f"error: {DATA / 'dangling-ref.xml'}:64: <part_2__sec_2__subsec_2>: the reference "
        "'subsection (3)' points at 'part_2__sec_2__subsec_3', which is not in the bill "
        "[level 3: dangling-ref]",
        f"error: {DATA / 'missing-eid.xml'}:62: <part_2__sec_2>: <subsection> numbered '(2)' "
        "has no eId (by the naming convention: 'part_2__sec_2__subsec_2') "
        "[level 2: missing-eid]"]
    assert "Traceback" not in bad.output
    both = runner.invoke(main, ["validate", str(DATA), "--akn", str(DATA / "valid.xml")])
    assert both.exit_code == 2 and "not both" in both.output
