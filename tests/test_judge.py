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

#: Reached on the working part (statute cells 350/390 with 16 files the readers do not read
#: yet, draft cells 312/363); they must not fall.
STATUTE_FLOOR = 0.89
DRAFT_FLOOR = 0.85


def test_statute_agreement_on_the_working_part_does_not_fall() -> None:
    tally = bench.statute_agreement("working")
    assert tally.total >= 300
    assert tally.agree / tally.total >= STATUTE_FLOOR, "\n".join(tally.misses)
    assert tally.agree > tally.baseline


def test_draft_agreement_on_the_working_part_does_not_fall() -> None:
    review = bench.draft_review("working")
    assert review.cells.agree / review.cells.total >= DRAFT_FLOOR, "\n".join(review.cells.misses)


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
