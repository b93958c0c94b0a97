"""Reading Markdown drafts: the toolkit's own (ids in comments, escapes, bold labels) and one
typed by hand with "Section N" headings and an ordered list for subsections."""

from __future__ import annotations

from pathlib import Path

import pytest

from modellaw.judge.diff import diff_drafts
from modellaw.model import Kind
from modellaw.read.document import read_document
from modellaw.read.document import read_string
from modellaw.read.markdown import unmark
from tests.diff_fixtures import model_bill, model_project, write_model

DATA = Path(__file__).parent / "data" / "diff"


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return model_project(tmp_path_factory.mktemp("root"))


def test_the_toolkit_markdown_reads_back_with_its_ids(root: Path, tmp_path: Path) -> None:
    bill = model_bill(root)
    draft = read_document(write_model(root, tmp_path, "md"))
    want = [(n.kind, n.id, n.num, n.term, n.plain_text, n.provenance.elements)
            for n in bill.walk() if n.kind in (Kind.SECTION, Kind.DEFINITION)]
    got = [(n.kind, n.id, n.num, n.term, n.plain_text, n.provenance.elements)
           for n in draft.bill.walk() if n.kind in (Kind.SECTION, Kind.DEFINITION)]
    assert got == want
    assert draft.locations["definition-child"].startswith("draft.md, line ")


def test_escapes_and_emphasis_are_undone() -> None:
    assert unmark(r"**(a)** a \*starred\* word, a\_b and 1\. \# sign") == \
        "(a) a *starred* word, a_b and 1. # sign"


def test_a_hand_typed_markdown_draft_aligns_and_is_reviewed(root: Path) -> None:
    draft = read_string((DATA / "scratch.md").read_text(encoding="utf-8"),
                          DATA / "scratch.md")
    sections = list(draft.bill.sections())
    assert [s.num for s in sections] == ["1", "2"]
    assert [c.num for c in sections[1].children] == ["(1)", "(2)"]
    result = diff_drafts(draft, model_bill(root), "model")
    status = {e.id: e.status for e in result.elements}
    rules = {f.rule for f in result.findings}
    assert status["recruitment-offence"] == "weakened"
    assert status["child-definition"] == "weakened"
    assert {"child-age-below-18", "child-age-of-consent", "means-required", "consent-relevant",
            "penalty-lower"} <= rules
    child = next(f for f in result.findings if f.rule == "child-age-below-18")
    assert "scratch.md, line " in child.location
