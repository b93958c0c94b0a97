"""The judge on real statutes (tests/data/statutes; agreement with corpus.yaml is in
test_judge.py), and the judgement rules the issue spells out, each on the real words that
raise it."""

from __future__ import annotations

from pathlib import Path

import pytest

from modellaw.judge.elements import STATUSES, judge
from modellaw.library.elements import ELEMENT_IDS
from modellaw.read.document import read_document, read_documents

from .conftest import write

STATUTES = Path(__file__).parent / "data" / "statutes"
def analyse(*names: str):  # type: ignore[no-untyped-def]
    return judge(read_documents([STATUTES / n for n in names]))


def test_every_element_is_judged_with_a_reason_and_cited_words() -> None:
    analysis = analyse("za-pctip-2013.txt")
    assert [f.element for f in analysis.verdicts] == list(ELEMENT_IDS)
    for finding in analysis.verdicts:
        assert finding.status in STATUSES and finding.reason.endswith(".")
        for quote in finding.evidence:
            assert quote.citation.startswith("Prevention and Combating of Trafficking")
            assert quote.quote


def test_technology_named_in_an_advertising_offence_meets_it() -> None:
    finding = analyse("za-pctip-2013.txt").verdict("advertising-offence")
    assert finding.status == "met"
    assert finding.evidence[0].citation.endswith("s 8(1)(c)")
    assert "including the use of the internet" in finding.evidence[0].quote


def test_a_must_on_service_providers_is_a_duty() -> None:
    finding = analyse("za-pctip-2013.txt").verdict("isp-duties")
    assert finding.status == "met" and finding.evidence[0].citation.endswith("s 8(2)(a)")


def test_a_service_provider_defence_is_not_a_duty(tmp_path: Path) -> None:
    path = write(tmp_path / "act.txt", """
        5. Defence for service providers
        (1) A person who publishes an advertisement for the sexual services of a child commits an offence.
        (2) It is a defence for an internet service provider charged under subsection (1) to prove that it took steps to remove the advertisement.
        """)
    assert judge([read_document(path)]).verdict("isp-duties").status == "missing"


def test_recruitment_without_technology_is_partial() -> None:
    finding = analyse("sg-phta-2014.txt").verdict("recruitment-offence")
    assert finding.status == "partial"
    assert finding.evidence[0].citation.endswith("s 3(2)")


def test_age_18_inside_an_offence_defines_a_child() -> None:
    finding = analyse("us-18usc-ch117.txt").verdict("child-definition")
    assert finding.status == "met" and "has not attained the age of 18 years" in finding.evidence[0].quote


def test_a_child_defined_by_another_act_is_unclear() -> None:
    finding = analyse("ke-ctipa-2010.txt").verdict("child-definition")
    assert finding.status == "unclear" and "Children Act" in finding.evidence[0].quote


def test_under_16_is_partial() -> None:
    assert analyse("au-criminal-code-474.txt").verdict("child-definition").status == "partial"


def test_even_if_none_of_the_means_is_no_means_element() -> None:
    finding = analyse("ph-ra9208-2003.txt").verdict("cst-definition")
    assert finding.status == "met" and finding.evidence[0].citation.endswith("Sec. 3(a)")
    assert "even if it does not involve any of the means" in finding.evidence[0].quote


def test_means_required_for_children_is_missing() -> None:
    assert analyse("za-pctip-2013.txt").verdict("cst-definition").status == "missing"


def test_the_means_shall_not_be_considered_a_prerequisite(tmp_path: Path) -> None:
    path = write(tmp_path / "act.txt", """
        Article 2
        1. Trafficking in children means the recruitment, transportation, transfer, harbouring or receipt of a child for the purpose of sexual exploitation; the means set out in Article 1 shall not be considered a prerequisite.
        """)
    assert judge([read_document(path)]).verdict("cst-definition").status == "met"


def test_where_the_victim_is_a_child_is_an_aggravated_penalty() -> None:
    finding = analyse("lk-penal-code-360c.txt").verdict("aggravated-penalties")
    assert finding.status == "met" and "in respect of a child" in finding.evidence[0].quote


def test_a_heavier_offence_for_minors_than_for_adults_is_an_aggravated_penalty() -> None:
    finding = analyse("us-18usc-ch117.txt").verdict("aggravated-penalties")
    assert finding.status == "met"
    assert [q.citation.rsplit(", ", 1)[-1] for q in finding.evidence] == ["Sec. 2423(a)", "§ 2421(a)"]


def test_payments_that_are_only_a_means_are_not_a_payment_offence() -> None:
    for name in ("za-pctip-2013.txt", "sg-phta-2014.txt"):
        assert analyse(name).verdict("payment-offence").status == "missing"


def test_benefiting_online_is_a_payment_offence(tmp_path: Path) -> None:
    path = write(tmp_path / "act.txt", """
        7. Benefiting from child sex trafficking
        (1) A person who knowingly benefits financially from the sexual exploitation of a child through an online payment system or digital currency commits an offence.
        """)
    assert judge([read_document(path)]).verdict("payment-offence").status == "met"


def test_operating_a_service_to_facilitate_prostitution_is_platform_liability_in_part(
        tmp_path: Path) -> None:
    """The model's operator facilitates child sex trafficking: promoting the prostitution of
    any person reaches operators, but not as an offence about children."""
    section = ("§ 2421A. Promotion or facilitation of prostitution\n(a) Whoever owns, manages, or "
               "operates an interactive computer service with the intent to promote or "
               "facilitate the prostitution of {whom} shall be fined or imprisoned.\n")
    anyone = write(tmp_path / "anyone.txt", section.format(whom="another person"))
    child = write(tmp_path / "child.txt", section.format(whom="a child"))
    assert judge([read_document(anyone)]).verdict("platform-liability").status == "partial"
    assert judge([read_document(child)]).verdict("platform-liability").status == "met"


def test_statutes_are_read_together() -> None:
    analysis = analyse("ph-ra9208-2003.txt", "ph-ra10364-2012.txt")
    assert analysis.verdict("cst-definition").status == "met"       # from RA 9208
    assert analysis.verdict("penal-code").status == "partial"       # from RA 10364
    assert [name for name, _ in analysis.sources] == ["ph-ra9208-2003.txt", "ph-ra10364-2012.txt"]


def test_same_input_same_findings() -> None:
    assert analyse("za-pctip-2013.txt") == analyse("za-pctip-2013.txt")


def run(*args: str):  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from modellaw.cli import main
    return CliRunner().invoke(main, ["analyze", *args])


def test_cli_json_for_pipelines() -> None:
    import json

    result = run(str(STATUTES / "za-pctip-2013.txt"), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [e["id"] for e in data["elements"]] == list(ELEMENT_IDS)
    advertising = next(e for e in data["elements"] if e["id"] == "advertising-offence")
    assert set(advertising) == {"id", "status", "evidence", "reason"}
    assert advertising["evidence"][0]["citation"].endswith("s 8(1)(c)")
    assert set(advertising["evidence"][0]) == {"citation", "provision", "node", "location", "quote"}
    assert advertising["evidence"][0]["location"] == "za-pctip-2013.txt, line 56"
    assert "profile" not in data
    assert run(str(STATUTES / "za-pctip-2013.txt"), "--format", "json").output == result.output


def test_cli_markdown_has_a_table_per_element_with_quoted_words() -> None:
    result = run(str(STATUTES / "sg-phta-2014.txt"), "--format", "md")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "| Element | Status | Provisions relied on |" in out
    assert out.count("| Provision | Where | Quoted words |") == sum(
        1 for f in analyse("sg-phta-2014.txt").verdicts if f.evidence)
    assert "## “Child” means a person under 18 (`child-definition`): met" in out
    assert "| Prevention of Human Trafficking Act 2014 (No. 45 of 2014), s 2, definition of " \
           "“child” | sg-phta-2014.txt, line 8 | ““child” means an individual below the age of 18 " \
           "years;” |" in out


def test_cli_text_shows_status_reason_and_quote() -> None:
    result = run(str(STATUTES / "lk-penal-code-360c.txt"))
    assert result.exit_code == 0
    assert "aggravated-penalties: MET" in result.output
    assert "s 360C(2) (lk-penal-code-360c.txt, line 11):" in result.output
    assert "extraterritorial-jurisdiction (optional):" in result.output


@pytest.mark.parametrize("content, message", [
    (b"", "file is empty"), (b"\x00\x01\x02binary", "binary")])
def test_cli_bad_input_exits_2_without_traceback(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    result = run(str(path))
    assert result.exit_code == 2 and message in result.output
    assert "Traceback" not in result.output


def test_capitalised_refers_to_definitions(tmp_path: Path) -> None:
    path = write(tmp_path / "ra.txt", """
        SEC. 3. Definition of Terms. - As used in this Act:
        (b) CHILD – refers to a person below eighteen (18) years of age or one who is over
        eighteen (18) but is unable to fully take care or protect himself/herself;
        """)
    finding = judge([read_document(path)]).verdict("child-definition")
    assert finding.status == "met" and finding.evidence[0].citation.endswith("Sec. 3(b)")


def test_the_model_law_read_as_a_word_statute_meets_every_core_element(tmp_path: Path) -> None:
    """The toolkit's own bill is the plainest statute there is: Word numbering, an
    arrangement of sections, definitions with lists. Reading it back must find the model."""
    from modellaw.draft.assemble import assemble
    from modellaw.library.elements import ELEMENTS
    from modellaw.library.project import load
    from modellaw.write.docx import render_docx

    from .conftest import ROOT

    library, profile = load("model", ROOT)
    act = tmp_path / "model-act.docx"
    act.write_bytes(render_docx(assemble(library, profile)))
    statuses = {f.element: f.status for f in judge(read_documents([act])).verdicts}
    assert {e.id: statuses[e.id] for e in ELEMENTS if e.core} == {
        e.id: "met" for e in ELEMENTS if e.core}


def test_cli_reads_a_text_with_no_numbering_one_provision_per_paragraph(tmp_path: Path) -> None:
    path = write(tmp_path / "letter.txt", "Dear Sir,\n\nthanks for the lunch.\n")
    result = run(str(path))
    assert result.exit_code == 0
    assert "no numbered sections or articles were recognised" in result.output
    assert "penal-code: MISSING" in result.output


@pytest.mark.parametrize("view, other", [("accepted", "original"), ("original", "accepted")])
def test_cli_reads_the_view_of_tracked_changes_asked_for_and_names_the_authors(
        view: str, other: str) -> None:
    tracked = Path(__file__).parent / "data" / "drafts" / "d06-us-texas-style-tracked.lo.docx"
    result = run(str(tracked), "--revisions", view)
    assert result.exit_code == 0
    assert (f"2 tracked change(s) by A. Reviewer, B. Drafter not accepted in the file; read as "
            f"{view} (--revisions {other} reads the {other} text)") in result.output
