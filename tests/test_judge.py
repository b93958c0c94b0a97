"""The one judge and the reviewer on the labelled corpus (working part only: the held-out part
is for the benchmark, once), and the traps a reviewer meets, each on its exact words."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from modellaw.judge.diff import diff_drafts
from modellaw.judge.elements import judge
from modellaw.judge.review import BY_ID
from modellaw.read.blocks import BrokenRef, Draft, Revision
from modellaw.read.document import read_document
from modellaw.read.document import read_string

from .diff_fixtures import ROOT, model_bill
from .test_review import pair

_spec = importlib.util.spec_from_file_location("judge_agreement",
                                               ROOT / "benchmarks" / "judge_agreement.py")
assert _spec and _spec.loader
bench = importlib.util.module_from_spec(_spec)
sys.modules["judge_agreement"] = bench
_spec.loader.exec_module(bench)

#: Reached on the working part in the second round (statute cells 386/390 = 99.0 %, every
#: file read; draft cells 363/363); the issue's target is 95 %, and they must not fall.
STATUTE_FLOOR = 0.98
DRAFT_FLOOR = 0.99


def test_statute_agreement_on_the_working_part_does_not_fall() -> None:
    tally = bench.statute_agreement("working")
    assert tally.total >= 300 and not tally.refused
    assert tally.agree / tally.total >= STATUTE_FLOOR, "\n".join(tally.misses)
    assert tally.agree > tally.baseline


def test_draft_agreement_on_the_working_part_does_not_fall() -> None:
    review = bench.draft_review("working")
    assert review.cells.agree / review.cells.total >= DRAFT_FLOOR, "\n".join(review.cells.misses)


def test_no_false_high_finding_on_a_faithful_element_and_no_planted_weakening_missed() -> None:
    review = bench.draft_review("working")
    assert review.faithful >= 300 and review.planted >= 30
    assert review.false_high == 0, "\n".join(review.alarms)
    assert review.missed == 0, "\n".join(review.silent)


CHILD = ("\u201cchild\u201d means any person under the age of 18 years, regardless of the age "
         "at which a person may lawfully consent to sexual activity under any other law;")
SENTENCING = ("(2) A court sentencing an individual for an offence under sections 3 to 7 shall "
              "not\u2014\n(a) suspend the whole or any part of a sentence of imprisonment; or\n"
              "(b) impose a fine, a community sentence or an administrative or other "
              "non-custodial penalty in place of a sentence of imprisonment.")
CST = ("(1) A person who intentionally engages in child sex trafficking commits an offence.\n"
       "(2) It is not necessary to prove the threat or use of force or any other form of "
       "coercion, abduction, fraud or deception.\n(3) It is not a defence to a charge under "
       "this section that\u2014\n(a) the child consented to the conduct;")


@pytest.mark.parametrize("rule, elements, ref, draft", [
    ("fine-instead-of-prison", ("aggravated-penalties",), SENTENCING,
     "(2) The court shall not suspend a sentence of imprisonment for such an offence, and shall "
     "not impose a fine instead of imprisonment."),
    ("consent-relevant", ("penal-code",), CST,
     "(1) A person who engages in child sex trafficking commits an offence.\n(2) Force, fraud "
     "or coercion need not be proved.\n(3) Consent is no defence."),
    ("means-required", ("cst-definition",),
     "\u201cchild sex trafficking\u201d means the recruitment, transportation, transfer, "
     "harbouring or receipt of a child, by any means, for the purpose of sexual exploitation",
     "\u201cchild sex trafficking\u201d means recruiting, transporting, transferring, harbouring "
     "or receiving a child for the purpose of sexual exploitation, whether or not by force, "
     "fraud or coercion or any other means;"),
    ("means-required", ("penal-code",), CST, CST.replace(
        "It is not necessary to prove", "The prosecution need not prove")),
    ("child-age-below-18", ("child-definition",), CHILD,
     "\u201cchild\u201d means a person below the age of eighteen years, whatever the age of "
     "consent;"),
    ("child-age-below-18", ("child-definition",), CHILD,
     "\u201cchild\u201d means a person who has not attained the age of 18 years, regardless of "
     "the age of consent;"),
])
def test_faithful_words_raise_no_finding(rule: str, elements: tuple[str, ...], ref: str,
                                         draft: str) -> None:
    kind = "definition" if elements == ("child-definition",) else "section"
    assert BY_ID[rule].check(pair(elements, ref, draft, kind)) == []


@pytest.mark.parametrize("rule, draft, words", [
    ("child-age-below-18",
     "\u201cchild\u201d means a person who has not attained the age of 16 years;",
     "\u201cchild\u201d means a person who has not attained the age of 16 years;"),
    ("child-age-below-18",
     "\u201cchild\u201d means a person who has not attained the age of sixteen years;",
     "\u201cchild\u201d means a person who has not attained the age of sixteen years;"),
    ("child-age-of-consent", "\u201cchild\u201d means any person under the age of 18 years;",
     "regardless of the age at which a person may lawfully consent to sexual activity under "
     "any other law;"),
])
def test_child_weakenings_are_found_with_the_words_they_rest_on(rule: str, draft: str,
                                                                words: str) -> None:
    hits = BY_ID[rule].check(pair(("child-definition",), CHILD, draft, "definition", "child"))
    assert [h.words for h in hits] == [words]


def test_consent_made_a_defence_and_a_fine_allowed_are_found() -> None:
    consent = BY_ID["consent-relevant"].check(pair(("penal-code",), CST, CST.replace(
        "It is not a defence", "It is a defence")))
    assert consent and consent[0].words.startswith("(3) It is a defence")
    fine = BY_ID["fine-instead-of-prison"].check(pair(("aggravated-penalties",), SENTENCING,
                                                      SENTENCING.replace("shall not", "may")))
    assert {h.message for h in fine} >= {"drops the bar on suspended sentences"}


def _labelled_drafts() -> list[Path]:
    labels = bench._yaml(bench.DRAFTS / "labels.yaml")
    return [bench.DRAFTS / f"{name}{suffix}" for name, entry in sorted(labels.items())
            if entry.get("split") == "working" for suffix in bench.DRAFT_FORMATS]


def test_diff_and_analyze_give_the_same_verdicts_on_every_document() -> None:
    model = model_bill(ROOT)
    checked = 0
    for path in _labelled_drafts():
        try:
            draft = read_document(path)
        except Exception:  # a file today's reader refuses gives no verdicts to compare
            continue
        verdicts = {v.element: v for v in judge([draft]).verdicts}
        for element in diff_drafts(draft, model, "model").elements:
            if element.is_element:
                assert element.verdict == verdicts[element.id], (path.name, element.id)
                checked += 1
    assert checked > 300


def test_the_model_meets_every_element_and_quotes_its_words() -> None:
    from modellaw.write.markdown import render_markdown

    bill = model_bill(ROOT)
    draft = read_string(render_markdown(bill), Path("model.md"))
    for verdict in judge([draft]).verdicts:
        assert verdict.status == "met", verdict
        assert all(q.quote and q.node and q.location for q in verdict.evidence)


def test_broken_references_and_unaccepted_revisions_are_findings() -> None:
    bill = model_bill(ROOT)
    draft = Draft(bill=bill, path=Path("d.docx"), name="d.docx",
                  revisions=(Revision("insertion", "B. Drafter", "2026-02-01", " or store",
                                      "d.docx: paragraph 80"),),
                  broken_refs=(BrokenRef("Error! Reference source not found.",
                                         "d.docx: paragraph 70"),))
    result = diff_drafts(draft, bill, "model")
    rules = {f.rule: f for f in result.findings}
    assert rules["broken-reference"].words == "Error! Reference source not found."
    assert "B. Drafter" in rules["unaccepted-revision"].message
    assert rules["unaccepted-revision"].words == " or store" and result.departs


@pytest.mark.parametrize("view", ["accepted", "original"])
def test_diff_reports_unaccepted_revisions_with_their_authors_and_the_view_read(view: str) -> None:
    from click.testing import CliRunner

    from modellaw.cli import main

    tracked = bench.DRAFTS / "d06-us-texas-style-tracked.lo.docx"
    result = CliRunner().invoke(main, ["diff", str(tracked), "--revisions", view])
    assert result.exit_code == 1
    assert f"unaccepted deletion by A. Reviewer on 2026-11-30T10:00:00Z, read as {view}" \
        in result.output
    assert f"unaccepted insertion by B. Drafter on 2026-11-30T11:00:00Z, read as {view}" \
        in result.output


@pytest.mark.parametrize("text, expected", [
    # a term of imprisonment is not an age
    ("5. Destruction of documents\nA person who destroys the travel document of a victim "
     "commits an offence and is liable to imprisonment for a term of not less than fifteen "
     "years.\n", {"child-definition": "missing"}),
    # a penalty graded for child victims is an aggravation, not an offence of its own
    ("143. Trafficking of person\n(1) Whoever, for the purpose of sexual exploitation, "
     "recruits, transports or harbours a person commits the offence of trafficking.\n(2) Where "
     "the offence involves the trafficking of a child, it shall be punishable with rigorous "
     "imprisonment for not less than ten years.\n",
     {"penal-code": "partial", "aggravated-penalties": "met"}),
    # a platform allowing advertisements to appear facilitates; it does not advertise
    ("4. Service providers\nA service provider that knowingly facilitates child sex "
     "trafficking, including by allowing advertisements for the sexual services of a child to "
     "appear on its website, commits an offence.\n", {"advertising-offence": "missing"}),
    # a defence elsewhere in a merged section does not hide a provider's duty
    ("1. Offences and duties\nA person who engages in child sex trafficking commits an "
     "offence. Consent is no defence. A service provider shall take all reasonable steps to "
     "prevent the hosting of such information on its service.\n", {"isp-duties": "met"}),
    # a duty only to report once aware leaves the service free to host: the model also asks
    # for steps to prevent
    ("1. Offences and duties\nA person who engages in child sex trafficking commits an "
     "offence. A service provider shall report such information to the police without "
     "delay.\n", {"isp-duties": "partial"}),
])
def test_the_judge_reads_what_the_words_do(tmp_path: Path, text: str,
                                           expected: dict[str, str]) -> None:
    path = tmp_path / "act.txt"
    path.write_text(text, encoding="utf-8")
    statuses = {v.element: v.status for v in judge([read_document(path)]).verdicts}
    assert {e: statuses[e] for e in expected} == expected


def test_the_child_defined_by_the_age_of_consent_is_found() -> None:
    hits = BY_ID["child-age-of-consent"].check(pair(
        ("child-definition",), CHILD, "\u201cchild\u201d means a person who has not reached the "
        "age at which the Children Act allows a person to consent to sexual activity, whatever "
        "the age at which any other law allows consent;", "definition", "child"))
    assert hits and "has not reached the age at which" in hits[0].words


def test_an_offence_narrowed_to_deception_is_found() -> None:
    ref = ("(1) A person who intentionally uses information and communication technology to "
           "recruit a child for the purpose of prostitution commits an offence.")
    hits = BY_ID["offence-narrowed"].check(pair(("recruitment-offence",), ref, ref.replace(
        "to recruit a child", "to recruit a child by deception")))
    assert [h.message for h in hits] == [
        "narrows the offence to conduct \u201cby deception\u201d, which the model does not require"]


def test_a_lower_penalty_in_the_offence_section_weakens_the_offence_not_the_definition() -> None:
    rule = BY_ID["penalty-lower"]
    assert rule.weakens("penal-code", ("penal-code", "cst-definition"))
    assert not rule.weakens("cst-definition", ("penal-code", "cst-definition"))
    assert BY_ID["technologies-dropped"].weakens("cst-definition", ("cst-definition",))
