"""The handout writers: Markdown, self-contained HTML and DOCX, checked on their real output
(the DOCX re-opened with python-docx and converted by LibreOffice) and through the CLI."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from modellaw.cli import main
from modellaw.library.elements import BY_ID, ELEMENT_IDS
from modellaw.write.handout_content import Handout, HandoutData, build_handout, country_profiles
from modellaw.library.project import load
from modellaw.write.handout import (STATUS_LABELS, TEXT_WIDTH_CM, curly, render_handout, render_html_handout,
                                     render_markdown_handout, source_text, statute_lines)

from .test_handout import data, full, project  # noqa: F401  (shared fixtures)
from .conftest import require_tool
from .libreoffice import convert, pdf_text
from .test_print import _squash

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
    assert "A review against the model finds: “Child” defined below 18." in text
    assert "modellaw" not in text.lower() and "profile" not in text.lower()
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
    titles = [curly(f"{i}. {p.element.title}") for i, p in enumerate(full.pages, 1)]
    assert _headings(document, "Heading 1") == (["Contents"] + titles
                                                + ["Answers to the exercises", "Glossary"])
    # contents, the first element, answers and glossary start a page; elements flow
    breaks = [p.text for p in document.paragraphs if p.style.name == "Heading 1"
              and p.paragraph_format.page_break_before]
    assert breaks == ["Contents", titles[0], "Answers to the exercises", "Glossary"]
    paged = docx.Document(io.BytesIO(render_handout(full, "docx", page_per_element=True)))
    assert len([p for p in paged.paragraphs if p.style.name == "Heading 1"
                and p.paragraph_format.page_break_before]) == len(titles) + 3
    text = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "modellaw" not in text.lower() and "profile" not in text.lower()
    assert "'" not in text and '"' not in text  # one quotation style: curly
    names = {s.name for s in document.styles}
    assert {"Statute Heading", "Statute 1", "Statute 2", "Exercise Text", "Handout Quote",
            "Question", "Cover Title", "Glossary Entry"} <= names
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert section.different_first_page_header_footer
    assert "Drafters' workshop" in section.header.paragraphs[0].text
    assert "PAGE" in "".join(t.text for t in section.footer._element.iter(f"{W}instrText"))
    assert [p.text for p in document.paragraphs if p.style.name == "Cover Line"] == [
        "Workshop handout", "Drafters\u2019 workshop", "5 March 2026"]
    assert document.core_properties.title.startswith(full.title)
    # Word joins tables with nothing between them: every box must stay a box of its own
    tags = [child.tag for child in document.element.body]
    assert not [i for i in range(len(tags) - 1) if tags[i] == tags[i + 1] == f"{W}tbl"]


def test_docx_prints_the_drafted_provisions_questions_and_country_tables(
        full: Handout, full_docx: bytes) -> None:  # noqa: F811
    document = docx.Document(io.BytesIO(full_docx))
    cells = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
    boxes = {row[0].replace("\u2060", "") for row in cells if len(row) == 1}  # the joiner
    # that keeps a closing dash on its word's line prints as nothing
    paragraphs = [p.text for p in document.paragraphs]
    for page in full.pages:
        for provision in page.provisions:
            for line in statute_lines(provision, full.bill):
                text = f"{line.label}\t{line.text}" if line.label else line.text
                assert any(curly(text) in box for box in boxes), text
        for i, question in enumerate(page.notes.questions, 1):
            assert curly(f"{i}.\t{question}") in paragraphs
        assert curly(page.notes.exercise.text) in boxes
        rows = [tuple(r) for r in cells if len(r) == 3 and r[0] != "Country"]
        for row in page.countries:
            assert any(r[:2] == (curly(row.name), STATUS_LABELS[row.status]) for r in rows)
    glossary = [p.text for p in document.paragraphs if p.style.name == "Glossary Entry"]
    assert len(glossary) == len(full.glossary) and glossary[0].startswith(full.glossary[0].term)


def test_libreoffice_flows_elements_and_numbers_the_contents(full: Handout, full_docx: bytes,  # noqa: F811
                                                           tmp_path: Path) -> None:
    pages = pdf_text(tmp_path, {"handout": full_docx})["handout"].split("\f")
    # the first line under the running header of each page
    tops = [" ".join(([line.strip() for line in page.splitlines() if line.strip()] + ["", ""])[1]
                     .split()) for page in pages]
    assert tops.count("Answers to the exercises") == tops.count("Glossary") == 1
    # elements flow: some element starts part-way down a page, below the end of the one before
    body = range(2, tops.index("Answers to the exercises"))
    mid_page = [(i, n) for i, page in enumerate(full.pages, start=1) for n in body
                if f"{i}. {page.element.title[:30]}" in " ".join(pages[n].split())
                and not tops[n].startswith(f"{i}. ")]
    assert mid_page
    # the contents' page numbers (PAGEREF fields) are the pages the headings are on
    contents = pages[1]
    for i, page in enumerate(full.pages, 1):
        title = " ".join(curly(page.element.title).split())
        entry = re.search(rf"^\s*{i}\.\s+{re.escape(title[:30])}.*?(\d+)\s*$", contents, re.M)
        assert entry, title
        on = int(entry.group(1))
        assert f"{i}. {title[:30]}" in " ".join(pages[on - 1].split()), (title, on)
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


# --- the provision boxes, as printed ---------------------------------------------------------

def _gray_pages(pdf: Path, folder: Path) -> list[tuple[int, int, bytes]]:
    """Each page of `pdf` at 60 dpi in grey (binary PGM, read without an imaging library)."""
    subprocess.run([require_tool("pdftoppm", "poppler-utils"), "-gray", "-r", "60", str(pdf),
                    str(folder / "page")], check=True, capture_output=True)
    pages = []
    for path in sorted(folder.glob("page-*.pgm"), key=lambda p: int(p.stem.split("-")[1])):
        magic, size, _, pixels = path.read_bytes().split(b"\n", 3)
        assert magic == b"P5"
        width, height = map(int, size.split())
        pages.append((width, height, pixels))
    return pages


def _rules(width: int, height: int, pixels: bytes) -> list[tuple[int, int, int]]:
    """The navy rules down the boxes' left edge on a page, as (x, top, bottom): runs of
    dark-blue grey (about 53) at least 20 px long in one column left of the text."""
    def navy(x: int, y: int) -> bool:
        return 35 < pixels[y * width + x] < 75
    found: list[tuple[int, int, int]] = []
    for x in range(20, width // 5):
        top = None
        for y in range(height + 1):
            if y < height and navy(x, y):
                top = y if top is None else top
                continue
            if top is not None and y - top >= 20:
                found.append((x, top, y - 1))
            top = None
        if found:
            return found
    return found


def test_a_long_box_prints_as_one_box(full_docx: bytes, tmp_path: Path) -> None:
    """The aggravated-penalties box (one table row per paragraph) runs down its page with
    its left rule unbroken and nothing drawn across it between the rows (no border, and no
    fill whose rows a viewer shows apart); its closing dash stays on its word's line."""
    pdf = convert(tmp_path, {"handout": full_docx})["handout"]
    text = pdf_text(tmp_path, {"handout": full_docx})["handout"].split("\f")
    start = next(i for i, page in enumerate(text) if "Aggravating circumstances and" in page)
    # the page the box's subsection (2) prints on: the box's own page, or the next when the
    # box began low on a page and ran on (where it starts depends on the country tables)
    at = next(i for i in (start, start + 1)
              if re.search(r"in place of the imprisonment\s+otherwise", text[i]))
    assert re.search(r"in place of the imprisonment\s+otherwise\s+provided\u2060?\u2014", text[at])
    width, height, pixels = _gray_pages(pdf, tmp_path)[at]
    rules = _rules(width, height, pixels)
    long_box = max(rules, key=lambda r: r[2] - r[1])
    assert long_box[2] - long_box[1] > height / 2   # one rule, not a rule per row
    x, top, bottom = long_box
    right = x + round(TEXT_WIDTH_CM / 2.54 * 60)   # the box's right edge
    for column in range(right - 3, right):         # the cell's margin right of the text
        assert all(pixels[y * width + column] > 250 for y in range(top, bottom + 1)), column


def test_a_box_starts_a_page_with_its_caption_and_first_two_rows(
        project: Path, data: HandoutData, tmp_path: Path) -> None:  # noqa: F811
    """The caption, then the box (a section's, and a definition's, which has no heading
    row): pushed down the page a step at a time until they no longer fit, the caption never
    ends a page and the box's first row is never alone below it: caption, first and
    second rows always print on one page."""
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt

    from modellaw.write.handout import _docx_statute, _new_document, provision_caption

    library, profile = load("model", project)
    handout = build_handout(library, profile, country_profiles(project), data,
                            ("advertising-offence", "cst-definition"))
    boxes = [max(page.provisions, key=lambda p: len(statute_lines(p, handout.bill)))
             for page in handout.pages]
    document = _new_document(handout)
    steps = range(620, 724, 5)   # points of space before the caption (a page holds ~720)
    for n, provision in enumerate(boxes):
        for step in steps:
            spacer = document.add_paragraph(f"Variant {n}-{step} begins")
            spacer.paragraph_format.page_break_before = True
            spacer.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            spacer.paragraph_format.line_spacing = Pt(step)
            _docx_statute(document, provision, handout.bill)
    # Word keeps a row with the next one only by its paragraphs' keep-with-next
    first_rows = [table.rows[0].cells[0].paragraphs[0] for table in document.tables]
    assert first_rows and all(p.paragraph_format.keep_with_next for p in first_rows)
    buffer = io.BytesIO()
    document.save(buffer)
    pages = [_squash(p) for p in pdf_text(tmp_path, {"boxes": buffer.getvalue()})["boxes"]
             .split("\f")]
    split = []
    for n, provision in enumerate(boxes):
        lines = statute_lines(provision, handout.bill)
        assert len(lines) >= 3
        keys = [_squash(provision_caption(provision, handout.bill))] + [
            _squash(curly(line.text))[:30] for line in lines[:2]]
        for step in steps:
            start = next(i for i, page in enumerate(pages) if f"Variant{n}{step}begins" in page)
            found = [next(i for i in range(start, len(pages)) if key in pages[i])
                     for key in keys]
            if len(set(found)) != 1:
                split.append((n, step, found))
    assert not split


def test_only_the_handout_with_its_contents_asks_word_to_update_fields(
        one: Handout, full_docx: bytes) -> None:
    """Word updates fields on opening only when asked, and asks the reader first: the
    handout asks (its contents' pages are PAGEREF fields with estimated results), in the
    place the schema gives the setting; the answer sheet and the bill, whose fields' cached
    results are right, do not."""
    from lxml import etree

    from modellaw.write.docx import render_docx
    from modellaw.write.handout import render_docx_answers

    def settings(data: bytes) -> list[str]:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return [etree.QName(c).localname
                    for c in etree.fromstring(zf.read("word/settings.xml"))]
    handout = settings(full_docx)
    assert "updateFields" in handout and handout.index("updateFields") < handout.index("compat")
    assert "updateFields" not in settings(render_docx_answers(one))
    assert "updateFields" not in settings(render_docx(one.bill))
