"""The tracked-changes redline: it re-opens in python-docx and LibreOffice, carries w:ins and
w:del by author "modellaw" with a fixed date, accepting all gives the draft's words and
rejecting all gives the model's, and findings are Word comments and a closing table."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from lxml import etree

from modellaw.cli import main
from tests.diff_fixtures import delete_section, edit_docx, model_project, retype, write_model
from tests.libreoffice import pdf_text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def redline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("redline")
    root = model_project(tmp)
    draft = edit_docx(write_model(root, tmp),
                      lambda d: retype(d, r"^\u201cchild\u201d", r"18 years", "16 years"),
                      lambda d: delete_section(d, "Recruitment of children"))
    out = tmp / "redline.docx"
    result = CliRunner().invoke(main, ["diff", str(draft), "--format", "docx", "-o", str(out),
                                       "--root", str(root)])
    assert result.exit_code == 1, result.output
    second = tmp / "again.docx"
    CliRunner().invoke(main, ["diff", str(draft), "-o", str(second), "--root", str(root)])
    assert second.read_bytes() == out.read_bytes()
    return out


def _view(p: etree._Element, accept: bool) -> str:
    skip = f"{W}del" if accept else f"{W}ins"
    text = []
    for el in p.iter(f"{W}t", f"{W}delText"):
        if any(a.tag == skip for a in el.iterancestors()):
            continue
        text.append(el.text or "")
    return "".join(text)


def test_changes_are_native_revisions_with_author_and_date(redline: Path) -> None:
    docx.Document(str(redline))  # opens
    root = etree.fromstring(zipfile.ZipFile(redline).read("word/document.xml"))
    ins, dels = root.findall(f".//{W}ins"), root.findall(f".//{W}del")
    assert ins and dels
    for rev in ins + dels:
        assert rev.get(f"{W}author") == "modellaw"
        assert rev.get(f"{W}date", "").endswith("T00:00:00Z")
    ids = [rev.get(f"{W}id") for rev in ins + dels]
    assert len(ids) == len(set(ids))
    child = next(p for p in root.iter(f"{W}p") if _view(p, True).startswith("\u201cchild\u201d"))
    assert "under the age of 16" in _view(child, True)
    assert "under the age of 18" in _view(child, False)


def test_a_missing_section_is_a_deletion_including_its_paragraph_marks(redline: Path) -> None:
    root = etree.fromstring(zipfile.ZipFile(redline).read("word/document.xml"))
    gone = [p for p in root.iter(f"{W}p") if "Recruitment of children" in _view(p, False)]
    assert gone and _view(gone[0], True).strip().rstrip(".\t").isdigit()
    assert gone[0].find(f"{W}pPr/{W}rPr/{W}del") is not None


def test_findings_are_comments_and_a_closing_table(redline: Path) -> None:
    package = zipfile.ZipFile(redline)
    comments = package.read("word/comments.xml").decode()
    assert "child-age-below-18" in comments and "offence-missing" in comments
    document = package.read("word/document.xml").decode()
    assert "commentReference" in document and "<w:tbl>" in document


def test_libreoffice_renders_it(redline: Path, tmp_path: Path) -> None:
    text = pdf_text(tmp_path, {"redline": redline.read_bytes()})["redline"]
    assert "FINDINGS" in text.upper() and "child-age-below-18" in text
    assert "Review of" in text
