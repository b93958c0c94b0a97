"""Hostile and odd input to the reader: crafted numbering.xml values give one located
ModellawError (never ValueError, IndexError, MemoryError or a hang), patterns stay linear on
pathological lines, a scanned PDF is told to get OCR, and random keyword soup never raises
anything but ModellawError while every word of it lands in the bill."""

from __future__ import annotations

import io
import re
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from modellaw.errors import ModellawError
from modellaw.read.document import read_document, read_string

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
DOCUMENT = (f'<?xml version="1.0"?><w:document {W}><w:body>'
            '<w:p><w:r><w:t>3. Offence</w:t></w:r></w:p>'
            '<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="1"/></w:numPr></w:pPr>'
            '<w:r><w:t>A person who recruits a child commits an offence.</w:t></w:r></w:p>'
            '</w:body></w:document>')
NUMBERING = (f'<?xml version="1.0"?><w:numbering {W}><w:abstractNum w:abstractNumId="0">'
             '<w:lvl w:ilvl="{lvl}"><w:start w:val="{start}"/><w:numFmt w:val="lowerRoman"/>'
             '<w:lvlText w:val="(%1)"/></w:lvl></w:abstractNum>'
             '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')


def _docx(tmp_path: Path, ilvl: str = "0", lvl: str = "0", start: str = "1") -> Path:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("word/document.xml", DOCUMENT.replace("{ilvl}", ilvl))
        zf.writestr("word/numbering.xml", NUMBERING.replace("{lvl}", lvl)
                    .replace("{start}", start))
    path = tmp_path / "crafted.docx"
    path.write_bytes(out.getvalue())
    return path


def test_sound_word_numbering_is_computed(tmp_path: Path) -> None:
    draft = read_document(_docx(tmp_path, start="4"))
    assert [c.num for c in next(draft.bill.sections()).children] == ["(iv)"]


@pytest.mark.parametrize("field, value", [("ilvl", "abc"), ("ilvl", "12"), ("lvl", "-1"),
                                          ("start", "99999999999999999999"), ("start", "x")])
def test_crafted_numbering_values_are_one_located_error(tmp_path: Path, field: str,
                                                        value: str) -> None:
    path = _docx(tmp_path, **{field: value})
    started = time.perf_counter()
    with pytest.raises(ModellawError) as caught:
        read_document(path)
    assert time.perf_counter() - started < 1
    assert str(path) in str(caught.value) and "xml" in str(caught.value)


@pytest.mark.parametrize("text", [
    "#" + " " * 40_000 + "x",
    "## " + " " * 40_000 + "#" * 3 + " " * 40_000 + "!",
    "<!--" + " modellaw: clause=x" * 4_000,
    ("<!-- " * 10_000) + "text",
    "1. " + "(" * 30_000,
    "Section " + "1" * 30_000 + " " * 30_000 + "x",
    "\u201c" + "a" * 40_000 + " means",
])
@pytest.mark.parametrize("suffix", [".md", ".txt"])
def test_pathological_lines_take_milliseconds(text: str, suffix: str) -> None:
    started = time.perf_counter()
    read_string(text + "\n" + text, Path(f"x{suffix}"))
    assert time.perf_counter() - started < 1


def test_a_scanned_pdf_is_told_to_get_ocr(tmp_path: Path) -> None:
    pdf = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
           b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
           b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
           b"trailer<</Root 1 0 R>>\n%%EOF\n")
    path = tmp_path / "scan.pdf"
    path.write_bytes(pdf)
    with pytest.raises(ModellawError, match="no text layer; run OCR first"):
        read_document(path)
    path.write_bytes(b"%PDF-1.4 garbage")
    with pytest.raises(ModellawError, match="not a readable PDF"):
        read_document(path)


def test_html_with_entities_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text('<!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]><html>'
                    "<body><p>1. Offence &x;</p></body></html>")
    with pytest.raises(ModellawError, match="entities"):
        read_document(path)


WORDS = ["Section", "SECTION", "Article", "Art.", "§", "PART", "Chapter", "1.", "2.", "3.—",
         "(1)", "(2)", "(a)", "(b)", "(i)", "(ii)", "(A)", "1°", "bis", "—", "means",
         "\u201cchild\u201d", "shall", "offence", "63AB", "529.100", "(1-a)", "l.", "( f)",
         "Interpretation", "commits", "\u201c", "person", "#", "##", "-", "*", "**", "\\"]


def _words_of(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z]{2,}", text)}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join),
                min_size=1, max_size=25), st.sampled_from([".txt", ".md"]))
# words once lost: a keyword moved to the front matter, a body taken for an arrangement
# entry, a heading over a dotted heading, a line left to a section already moved away
@example(["Section (2) \u00a7 2. 1."], ".txt")
@example(["1. (1) Article", "Section 1. 1. Section"], ".txt")
@example(["Section", "1. Art."], ".txt")
@example(["1. Section", "Article", "1. Section"], ".txt")
@example(["Section", "## 1. bis"], ".md")
def test_keyword_soup_reads_without_surprise_and_loses_no_word(lines: list[str],
                                                               suffix: str) -> None:
    text = "\n".join(lines)
    try:
        draft = read_string(text, Path(f"soup{suffix}"))
    except ModellawError:
        return
    bill = draft.bill
    kept = " ".join([bill.short_title, *bill.preamble, *draft.keywords.values(),
                     *(f"{n.num} {n.heading} {n.term} {n.plain_text} {n.plain_wrap_up}"
                       for n in bill.walk())])
    assert _words_of(text) <= _words_of(kept)
