"""The tracked-changes redline is the bill under review laid out as that bill (Parts, long
title, enacting formula, its styles and numbering) with the other text's words as native
w:ins / w:del by the reviewer on the given date: by default the draft laid out (rejecting
every change gives the draft, accepting every change the model), with --on-model the
reverse.  Findings and broken references are comments anchored on their provision, and a
Findings schedule closes the document."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from lxml import etree

from modellaw.cli import main
from modellaw.read.document import read_document
from tests.diff_fixtures import delete_section, edit_docx, model_project, retype, write_model
from tests.libreoffice import pdf_text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WHO, WHEN = "A. Reviewer", "2026-12-01"


@pytest.fixture(scope="module")
def draft(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("redline")
    root = model_project(tmp)
    path = edit_docx(write_model(root, tmp),
                     lambda d: retype(d, r"^\u201cchild\u201d", r"18 years", "16 years"),
                     lambda d: delete_section(d, "Recruitment of children"))
    return path, root


def _redline(draft: tuple[Path, Path], name: str, *extra: str) -> Path:
    path, root = draft
    out = path.with_name(name)
    result = CliRunner().invoke(main, ["diff", str(path), "--format", "docx", "-o", str(out),
                                       "--root", str(root), "--author", WHO, "--date", WHEN,
                                       "--force", *extra])
    assert result.exit_code == 1, result.output
    return out


@pytest.fixture(scope="module")
def redline(draft: tuple[Path, Path]) -> Path:
    out = _redline(draft, "review.docx")
    assert _redline(draft, "again.docx").read_bytes() == out.read_bytes()
    return out


@pytest.fixture(scope="module")
def on_model(draft: tuple[Path, Path]) -> Path:
    return _redline(draft, "review-on-model.docx", "--on-model")


def _body(path: Path) -> etree._Element:
    return etree.fromstring(zipfile.ZipFile(path).read("word/document.xml")).find(f"{W}body")


def _view(p: etree._Element, accept: bool) -> str:
    """A paragraph's words with every change accepted (or rejected)."""
    skip = f"{W}del" if accept else f"{W}ins"
    return "".join(el.text or "" for el in p.iter(f"{W}t", f"{W}delText")
                   if not any(a.tag == skip for a in el.iterancestors()))


def _style(p: etree._Element) -> str:
    style = p.find(f"{W}pPr/{W}pStyle")
    return style.get(f"{W}val") if style is not None else ""


def _section_numbers(body: etree._Element, accept: bool) -> list[str]:
    """The section numbers as printed in one view (headings whose mark survives it)."""
    gone = f"{W}del" if accept else f"{W}ins"
    out = []
    for p in body.iter(f"{W}p"):
        if _style(p) != "SectionHeading" or p.find(f"{W}pPr/{W}rPr/{gone}") is not None:
            continue
        out.append(_view(p, accept).split(".")[0])
    return out


def test_it_is_the_draft_laid_out_as_its_bill(redline: Path, draft: tuple[Path, Path]) -> None:
    docx.Document(str(redline))  # opens
    body = _body(redline)
    styles = [_style(p) for p in body.iter(f"{W}p")]
    for style in ("BillTitle", "LongTitle", "EnactingFormula", "PartHeading", "TOC2",
                  "Subsection", "Definition", "ScheduleHeading"):
        assert style in styles, style
    parts = [_view(p, False) for p in body.iter(f"{W}p") if _style(p) == "PartHeading"]
    assert parts[0].startswith("Part 1") and "Preliminary" in parts[0]
    # numbering is the draft's alone (its cached numbers: 1, 2, 3, 5, ... after the
    # deletion), the model's section the draft lacks inserted as "3A", not as the model's 4
    draft_numbers = [s.num for s in read_document(draft[0]).bill.sections()]
    assert draft_numbers[:4] == ["1", "2", "3", "5"]
    assert _section_numbers(body, accept=False) == draft_numbers
    assert _section_numbers(body, accept=True) == draft_numbers[:3] + ["3A"] + draft_numbers[3:]
    # subsections keep Word numbering (hanging indents from the numbering definitions)
    assert body.find(f".//{W}p/{W}pPr/{W}numPr/{W}numId") is not None


def test_the_models_words_are_tracked_changes_by_the_reviewer(redline: Path) -> None:
    body = _body(redline)
    revisions = body.findall(f".//{W}ins") + body.findall(f".//{W}del")
    assert revisions
    for rev in revisions:
        assert rev.get(f"{W}author") == WHO and rev.get(f"{W}date") == f"{WHEN}T00:00:00Z"
    ids = [rev.get(f"{W}id") for rev in revisions]
    assert len(ids) == len(set(ids))
    child = next(p for p in body.iter(f"{W}p") if _view(p, False).startswith("\u201cchild\u201d"))
    assert "under the age of 16" in _view(child, False)   # the draft
    assert "under the age of 18" in _view(child, True)    # the model
    inserted = next(p for p in body.iter(f"{W}p") if _style(p) == "SectionHeading"
                    and "Recruitment of children" in _view(p, True))
    assert inserted.find(f"{W}pPr/{W}rPr/{W}ins") is not None and not _view(inserted, False)


def test_on_model_lays_out_the_model_with_the_drafts_words(on_model: Path) -> None:
    body = _body(on_model)
    child = next(p for p in body.iter(f"{W}p") if _view(p, True).startswith("\u201cchild\u201d"))
    assert "under the age of 18" in _view(child, False)   # the model
    assert "under the age of 16" in _view(child, True)    # the draft
    gone = next(p for p in body.iter(f"{W}p") if _style(p) == "SectionHeading"
                and "Recruitment of children" in _view(p, False))
    assert gone.find(f"{W}pPr/{W}rPr/{W}del") is not None
    assert _view(gone, False).startswith("4.")   # the model's own number
    numbers = _section_numbers(body, accept=False)
    assert numbers == [str(n) for n in range(1, len(numbers) + 1)]


def test_findings_are_comments_on_their_provision_and_a_schedule(redline: Path) -> None:
    package = zipfile.ZipFile(redline)
    comments = etree.fromstring(package.read("word/comments.xml"))
    by_id = {c.get(f"{W}id"): "".join(c.itertext()) for c in comments}
    assert all(c.get(f"{W}author") == WHO for c in comments)
    body = _body(redline)
    anchored = {}
    for p in body.iter(f"{W}p"):
        for start in p.iter(f"{W}commentRangeStart"):
            assert p.find(f".//{W}commentRangeEnd[@{W}id='{start.get(f'{W}id')}']") is not None
            anchored[start.get(f"{W}id")] = _view(p, True)
    assert set(anchored) == set(by_id)
    child = [cid for cid, text in by_id.items() if "child-age-below-18" in text]
    assert child and anchored[child[0]].startswith("\u201cchild\u201d")
    missing = [cid for cid, text in by_id.items() if "offence-missing" in text]
    assert missing and "Recruitment of children" in anchored[missing[0]]
    schedule = [_view(p, True) for p in body.iter(f"{W}p") if _style(p) == "ScheduleHeading"]
    assert schedule and "Findings" in schedule[-1]
    assert body.find(f"{W}tbl") is not None


def test_broken_references_are_comments_and_revisions_are_findings(
        draft: tuple[Path, Path], tmp_path: Path) -> None:
    """A draft with a reference Word could not resolve and an insertion nobody accepted."""
    path, root = draft

    def break_and_revise(d) -> None:  # type: ignore[no-untyped-def]
        from tests.diff_fixtures import paragraph
        p = paragraph(d, "^This Act comes into operation")
        p.add_run(" See Error! Reference source not found.")
        ins = p._p.makeelement(f"{W}ins", {f"{W}id": "901", f"{W}author": "B. Clerk",
                                           f"{W}date": "2026-11-30T00:00:00Z"})
        run = p._p.makeelement(f"{W}r", {})
        text = run.makeelement(f"{W}t", {})
        text.text = " Unaccepted words."
        run.append(text)
        ins.append(run)
        p._p.append(ins)

    edited = edit_docx(path, break_and_revise)
    out = tmp_path / "broken.docx"
    result = CliRunner().invoke(main, ["diff", str(edited), "--format", "docx", "-o", str(out),
                                       "--root", str(root), "--author", WHO, "--date", WHEN])
    assert result.exit_code == 1, result.output
    comments = zipfile.ZipFile(out).read("word/comments.xml").decode()
    assert "cross-reference no longer resolves" in comments
    body = _body(out)
    table = "".join(body.find(f"{W}tbl").itertext())
    assert "B. Clerk" in table


def test_date_must_be_a_date(draft: tuple[Path, Path], tmp_path: Path) -> None:
    path, root = draft
    out = tmp_path / "x.docx"
    result = CliRunner().invoke(main, ["diff", str(path), "-o", str(out), "--root", str(root),
                                       "--date", "1 December"])
    assert result.exit_code == 2 and "--date" in result.output and not out.exists()


def test_libreoffice_renders_it_as_the_bill(redline: Path, tmp_path: Path) -> None:
    text = pdf_text(tmp_path, {"redline": redline.read_bytes()})["redline"]
    assert "FINDINGS" in text.upper() and "child-age-below-" in text  # the rule wraps
    assert re.search(r"PART 1\s+PRELIMINARY", text) and "BE IT ENACTED" in text
    assert re.search(r"3A\.\s+Recruitment of children", text)


@pytest.fixture(scope="module")
def emptied(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A draft whose long title, enacting formula and a provision citing section 15 were
    retyped, and whose Part 4 lost its one section (the Part heading left standing)."""
    tmp = tmp_path_factory.mktemp("emptied")
    root = model_project(tmp)
    path = edit_docx(write_model(root, tmp),
                     lambda d: retype(d, "^To criminalise child sex", "^To criminalise",
                                      "To prohibit"),
                     lambda d: retype(d, "^BE IT ENACTED", r"\[Parliament\]",
                                      "[National Assembly]"),
                     lambda d: retype(d, "^Nothing in this section affects", "the law that",
                                      "the law which"),
                     lambda d: delete_section(d, "Duties of service providers"))
    return path, root


def _paragraph(body: etree._Element, pattern: str, accept: bool) -> etree._Element:
    return next(p for p in body.iter(f"{W}p") if re.search(pattern, _view(p, accept)))


def test_a_changed_provision_keeps_its_cross_references_as_fields(
        emptied: tuple[Path, Path]) -> None:
    """The model laid out, the draft's retyped words tracked: the provision's reference to
    section 15 stays a REF field (it follows renumbering), not a typed number."""
    body = _body(_redline(emptied, "fields-on-model.docx", "--on-model"))
    p = _paragraph(body, "^Nothing in this section affects", accept=False)
    assert "the law that applies" in _view(p, False) and "the law which" in _view(p, True)
    fields = ["".join(i.itertext()) for i in p.iter(f"{W}instrText")]
    assert fields == [" REF ml_non_punishment \\h "]
    assert "section\u00a015" in _view(p, False)  # the field's cached number, bound to its word


def test_the_long_title_and_enacting_formula_differences_are_tracked(
        emptied: tuple[Path, Path]) -> None:
    body = _body(_redline(emptied, "front.docx"))
    title = next(p for p in body.iter(f"{W}p") if _style(p) == "LongTitle")
    assert _view(title, False).startswith("To prohibit child sex trafficking")   # the draft
    assert _view(title, True).startswith("To criminalise child sex trafficking")  # the model
    formula = next(p for p in body.iter(f"{W}p") if _style(p) == "EnactingFormula")
    assert "[National Assembly]" in _view(formula, False)
    assert "[Parliament]" in _view(formula, True)
    for p in (title, formula):
        assert p.find(f"{W}ins") is not None and p.find(f"{W}del") is not None


def test_a_part_the_draft_emptied_still_stands(emptied: tuple[Path, Path]) -> None:
    """Part 4 kept its heading in the draft: the redline prints it where it was, the
    model's section inserted into it (default) or deleted from it (--on-model), the
    heading itself unmarked both ways."""
    for name, extra, mark in (("emptied.docx", (), "ins"),
                              ("emptied-on-model.docx", ("--on-model",), "del")):
        body = _body(_redline(emptied, name, *extra))
        paragraphs = [p for p in body.iter(f"{W}p")
                      if _style(p) in ("PartHeading", "SectionHeading")]
        texts = [_view(p, False) + _view(p, True) for p in paragraphs]
        at = next(i for i, t in enumerate(texts) if t.startswith("Part 4Duties of service"))
        part, section, after = paragraphs[at:at + 3]
        assert part.find(f"{W}pPr/{W}rPr/{W}{mark}") is None and part.find(f".//{W}{mark}") \
            is None, name
        assert "Duties of service providers" in texts[at + 1]
        assert section.find(f"{W}pPr/{W}rPr/{W}{mark}") is not None, name
        assert texts[at + 2].startswith("Part 5")


@pytest.mark.parametrize("kind, num, siblings, expected", [
    ("section", "9", ["11", "12"], "12A"), ("section", "9", ["12", "+12A"], "12B"),
    ("subsection", "(2)", ["(1)"], "(1A)"), ("paragraph", "(b)", ["(a)"], "(aa)"),
    ("subparagraph", "(ii)", ["(i)"], "(ia)"), ("subsection", "2.", ["1."], "1A."),
    ("section", "1", [], "A1"), ("section", "2", ["+A1"], "A2"), ("paragraph", "(a)", [], "(za)"),
])
def test_an_inserted_provision_is_numbered_as_the_laid_out_bill_would(
        kind: str, num: str, siblings: list[str], expected: str) -> None:
    """A provision only the other text has gets the number a drafter gives an insertion in
    the laid-out bill, never its number in the other text ("+": itself an insertion)."""
    from modellaw.model import Kind, Node
    from modellaw.write.redline import _PREFIX, _inserted_label

    def node(label: str) -> Node:
        inserted = label.startswith("+")
        return Node(Kind(kind), (_PREFIX if inserted else "") + label, label.lstrip("+"))
    assert _inserted_label(node(num), [node(s) for s in siblings]) == expected
