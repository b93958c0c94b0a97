"""The handout writers: Markdown, self-contained HTML and DOCX, checked on their real output
(the DOCX re-opened with python-docx and converted by LibreOffice) and through the CLI."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from modellaw.cli import main
from modellaw.library.elements import BY_ID, ELEMENT_IDS
from modellaw.write.handout_content import Handout, HandoutData, build_handout, country_profiles
from modellaw.library.project import load
from modellaw.write.handout import (STATUS_LABELS, render_handout, render_html_handout,
                                     render_markdown_handout, source_text, statute_lines)

from .test_handout import data, full, project  # noqa: F401  (shared fixtures)
from .libreoffice import pdf_text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def one(project: Path, data: HandoutData) -> Handout:  # noqa: F811
    library, profile = load("model", project)
    return build_handout(library, profile, country_profiles(project), data,
                         ("advertising-offence",), workshop="Session 3 <advertising> & ads")


@pytest.fixture(scope="module")
def full_docx(full: Handout) -> bytes:  # noqa: F811
    return render_handout(full, "docx")


def _headings(document: docx.document.Document, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == style]


# --- Markdown and HTML ---------------------------------------------------------------------------

def test_markdown_has_every_element_with_sources_questions_and_countries(full: Handout) -> None:  # noqa: F811
    text = render_markdown_handout(full).replace("\\", "")  # as a viewer shows it
    for page in full.pages:
        assert f"## {ELEMENT_IDS.index(page.element.id) + 1}. {page.element.title}" in text
        for source in page.sources:
            assert f"- {source_text(source)}" in text
        for i, question in enumerate(page.notes.questions, 1):
            assert f"{i}. {question}" in text
        for row in page.countries:
            assert f"| {row.name} | {STATUS_LABELS[row.status]} |" in text
    assert text.index("## Answers to the exercises") < text.index("## Glossary")
    assert "modellaw diff reports: “Child” defined below 18." in text
    assert "2011/92" not in text


def test_one_element_markdown_holds_only_that_element(one: Handout) -> None:
    text = render_markdown_handout(one).replace("\\", "")
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == ["## Contents", f"## 1. {BY_ID['advertising-offence'].title}",
                        "## Answers to the exercises", "## Glossary"]
    assert "Advertising the sexual services of children" in text
    assert "Payments by means of ICTs" not in text
    # the glossary explains the terms this handout uses, not the whole model's
    assert "**CSAM**" in text and "**Dual criminality**" not in text


def test_html_is_self_contained_and_escaped(one: Handout) -> None:
    text = render_html_handout(one)
    assert "Session 3 &lt;advertising&gt; &amp; ads" in text
    assert "<advertising>" not in text
    assert not re.search(r"<(link|script|img)\b", text)
    assert "page-break-before: always" in text and "@page { size: A4" in text
    assert text.count('<section class="element"') == 1


def test_same_input_gives_the_same_bytes(full: Handout, full_docx: bytes) -> None:  # noqa: F811
    assert render_handout(full, "docx") == full_docx
    assert render_handout(full, "html") == render_handout(full, "html")


# --- DOCX ----------------------------------------------------------------------------------------

def test_docx_reopens_with_page_breaks_styles_and_a4(full: Handout, full_docx: bytes) -> None:  # noqa: F811
    document = docx.Document(io.BytesIO(full_docx))
    titles = [f"{i}. {p.element.title}" for i, p in enumerate(full.pages, 1)]
    assert _headings(document, "Heading 1") == (["Contents"] + titles
                                                + ["Answers to the exercises", "Glossary"])
    # every Heading 1 starts a page: one element per page, answers on a page of their own
    assert document.styles["Heading 1"].paragraph_format.page_break_before is True
    names = {s.name for s in document.styles}
    assert {"Statute Heading", "Statute 1", "Statute 2", "Exercise Text", "Handout Quote",
            "Question", "Cover Title", "Glossary Entry"} <= names
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert section.different_first_page_header_footer
    assert "Drafters' workshop" in section.header.paragraphs[0].text
    assert "PAGE" in "".join(t.text for t in section.footer._element.iter(f"{W}instrText"))
    assert [p.text for p in document.paragraphs if p.style.name == "Cover Line"] == [
        "Workshop handout", "Drafters' workshop", "5 March 2026"]
    assert document.core_properties.title.startswith(full.title)
    # Word joins tables with nothing between them: every box must stay a box of its own
    tags = [child.tag for child in document.element.body]
    assert not [i for i in range(len(tags) - 1) if tags[i] == tags[i + 1] == f"{W}tbl"]


def test_docx_prints_the_drafted_provisions_questions_and_country_tables(
        full: Handout, full_docx: bytes) -> None:  # noqa: F811
    document = docx.Document(io.BytesIO(full_docx))
    cells = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
    boxes = {row[0] for row in cells if len(row) == 1}
    paragraphs = [p.text for p in document.paragraphs]
    for page in full.pages:
        for provision in page.provisions:
            for line in statute_lines(provision, full.bill):
                text = f"{line.label}\t{line.text}" if line.label else line.text
                assert any(text in box for box in boxes), text
        for i, question in enumerate(page.notes.questions, 1):
            assert f"{i}.\t{question}" in paragraphs
        assert page.notes.exercise.text in boxes
        rows = [tuple(r) for r in cells if len(r) == 3 and r[0] != "Country"]
        for row in page.countries:
            assert any(r[:2] == (row.name, STATUS_LABELS[row.status]) for r in rows)
    glossary = [p.text for p in document.paragraphs if p.style.name == "Glossary Entry"]
    assert len(glossary) == len(full.glossary) and glossary[0].startswith(full.glossary[0].term)


def test_libreoffice_starts_each_element_on_a_new_page(full: Handout, full_docx: bytes,  # noqa: F811
                                                       tmp_path: Path) -> None:
    text = pdf_text(tmp_path, {"handout": full_docx})["handout"]
    pages = text.split("\f")
    # the first line under the running header of each page
    tops = [" ".join(([line.strip() for line in page.splitlines() if line.strip()] + ["", ""])[1]
                     .split()) for page in pages]
    assert tops.count("Answers to the exercises") == tops.count("Glossary") == 1
    body = tops[:tops.index("Answers to the exercises")]  # answers repeat the headings
    for i, page in enumerate(full.pages, 1):
        assert body.count(f"{i}. {page.element.title}") == 1, page.element.id
    assert "The model law, provision by provision" in pages[0] and "Page" not in pages[0]
    assert "Page 2 of" in pages[1]


# --- the command ---------------------------------------------------------------------------------

def test_cli_writes_each_format_and_refuses_bad_input(project: Path, tmp_path: Path) -> None:  # noqa: F811
    runner = CliRunner()
    for name in ("h.md", "h.html", "h.docx"):
        result = runner.invoke(main, ["handout", "recruitment-offence", "--root", str(project),
                                      "-o", str(tmp_path / name), "--workshop", "W",
                                      "--date", "2026-03-05"])
        assert result.exit_code == 0, result.output
        assert "wrote" in result.output and (tmp_path / name).stat().st_size > 1000
    md = (tmp_path / "h.md").read_text(encoding="utf-8")
    assert "Recruiting a child by means of ICTs" in md and "Glossary" in md
    for args, message in (
            (["bogus"], "unknown model element 'bogus'"),
            (["--date", "March"], "is not a date"),
            (["--jurisdictions", "zz"], "unknown jurisdiction 'zz'"),
            (["-o", str(tmp_path / "h.pdf")], "cannot tell the format")):
        out = args if "-o" in args else args + ["-o", str(tmp_path / "bad.md")]
        result = runner.invoke(main, ["handout", "--root", str(project)] + out)
        assert result.exit_code == 2 and message in result.output, result.output
        assert "Traceback" not in result.output
    assert not (tmp_path / "bad.md").exists()
    (tmp_path / "h.md").write_text(md + "my notes\n", encoding="utf-8")
    result = runner.invoke(main, ["handout", "--root", str(project), "-o", str(tmp_path / "h.md")])
    assert result.exit_code == 2 and "edited" in result.output
