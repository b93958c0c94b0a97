"""`modellaw memo`: the explanatory memorandum, drafted from the same clauses and profile as
the bill, written through the CLI and read back."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from click.testing import CliRunner, Result

from modellaw.cli import main
from modellaw.draft.assemble import assemble
from modellaw.judge.memo import alternatives, build_memo
from modellaw.library.project import load

from .conftest import ROOT


def run(*args: str) -> Result:
    return CliRunner().invoke(main, [*args, "--root", str(ROOT)])


@pytest.fixture(scope="module")
def za_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("memo") / "za-memo.docx"
    result = run("memo", "za", "-o", str(out))
    assert result.exit_code == 0, result.output
    library, profile = load("za", ROOT)
    sections = sum(1 for _ in build_memo(library, profile).bill.sections())
    assert result.output.startswith(f"wrote {out} ({sections} notes, South Africa)")
    return out


def _headings(document: docx.document.Document, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def test_docx_has_a_note_for_every_section_numbered_as_the_bill(za_docx: Path) -> None:
    library, profile = load("za", ROOT)
    bill = assemble(library, profile)
    document = docx.Document(str(za_docx))
    assert _headings(document, 1) == ["Purpose of the Bill", "The gap in current law",
                                      "Notes on sections",
                                      "Provisions of the model not in this Bill", "Compliance"]
    notes = [h for h in _headings(document, 2) if h.startswith("Section ")]
    assert notes == [f"Section {s.num} \u2014 {s.heading}" for s in bill.sections()]
    parts = [h for h in _headings(document, 2) if h.startswith("Part ")]
    assert parts == [f"Part {p.num} \u2014 {p.heading}" for p in bill.parts]
    text = "\n".join(p.text for p in document.paragraphs)
    # the gap statement carries the profile's citations and where each status is recorded
    assert "Prevention and Combating of Trafficking in Persons Act 7 of 2013" in text
    assert "Status recorded in za.yaml:" in text
    assert "current law meets it in part" in text
    section = document.sections[0]
    assert section.page_width < section.page_height
    assert section.header.paragraphs[0].text.startswith("Explanatory Memorandum")


def test_docx_notes_say_what_why_sources_choices_and_alternatives(za_docx: Path) -> None:
    document = docx.Document(str(za_docx))
    leads = [p.runs[0].text for p in document.paragraphs if p.runs and p.runs[0].bold]
    sections = sum(1 for h in _headings(document, 2) if h.startswith("Section "))
    for lead in ("What it does. ", "Why. ", "Sources."):
        assert leads.count(lead) == sections, lead
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Maximum term of imprisonment, in years: 20 (the model's default, kept)." in text
    assert "any whole number from 1 to 99" in text  # an alternative: the parameter's range


def test_same_input_gives_the_same_bytes(za_docx: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.docx"
    assert run("memo", "za", "-o", str(again)).exit_code == 0
    assert again.read_bytes() == za_docx.read_bytes()
    md1, md2 = tmp_path / "a.md", tmp_path / "b.md"
    assert run("memo", "za", "-o", str(md1)).exit_code == 0
    assert run("memo", "za", "--format", "md", "-o", str(md2)).exit_code == 0
    assert md1.read_bytes() == md2.read_bytes()


def test_markdown_follows_the_bill_and_reports_the_profiles_choices(tmp_path: Path) -> None:
    out = tmp_path / "qa.md"
    assert run("memo", "qa", "-o", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8")
    library, profile = load("qa", ROOT)
    bill = assemble(library, profile)
    titles = [line[4:] for line in text.splitlines() if line.startswith("### Article ")]
    assert titles == [f"Article {s.num} \u2014 {s.heading}" for s in bill.sections()]
    assert "## Notes on Articles" in text
    assert "Liability of legal persons" in text
    for purpose in bill.long_title[3:].split("; "):
        assert purpose.removeprefix("and to ").removeprefix("to ").rstrip(".") in text


def test_choices_that_depart_from_the_model_name_who_set_them() -> None:
    library, profile = load("us", ROOT)  # the profile that sets parameters of its own
    memo = build_memo(library, profile)
    departed = [c for n in memo.notes for c in n.choices if c.departs]
    assert departed and all(c.set_by == "the profile" for c in departed)
    assert {c.set_by for n in memo.notes for c in n.choices if not c.departs} <= {
        "the model's default", "the profile"}


def test_alternatives_are_the_parameters_other_values() -> None:
    library, _ = load("model", ROOT)
    clause = library.clause("international-cooperation")
    assert alternatives(clause.parameters["dual_criminality"], "not required") == "conduct test"
    assert alternatives(library.clause("confiscation").parameters["mandatory"], True) == "no"


def test_model_memo_says_nothing_is_recorded_and_omits_only_the_federal_nexus() -> None:
    library, profile = load("model", ROOT)
    memo = build_memo(library, profile)
    # the model asks for every optional provision but the one only a federal State needs
    assert not memo.records_law and [o.clause for o in memo.omitted] == ["federal-nexus"]
    assert all(g.row.status == "unknown" for p in memo.parts for g in p.gaps)
    assert [n.num for n in memo.notes] == [str(i) for i in range(1, len(memo.notes) + 1)]
    assert {d.num for d in memo.duties} == {n.num for n in memo.notes if n.clause in (
        "service-provider-duties", "financial-reporting", "preservation-orders")}


def test_each_element_in_the_bill_is_stated_once_under_one_part() -> None:
    library, profile = load("za", ROOT)
    memo = build_memo(library, profile)
    stated = [g.element.id for p in memo.parts for g in p.gaps]
    assert len(stated) == len(set(stated))
    advertising = next(g for p in memo.parts for g in p.gaps if g.element.id == "advertising-offence")
    assert advertising.row.status == "partial" and advertising.recorded_at.startswith("za.yaml:")


def test_unknown_profile_is_one_message_and_exit_2(tmp_path: Path) -> None:
    out = tmp_path / "xx.docx"
    result = run("memo", "xx", "-o", str(out))
    assert result.exit_code == 2
    assert result.output.count("error:") == 1 and "unknown jurisdiction 'xx'" in result.output
    assert "Traceback" not in result.output and not out.exists()


def test_bad_format_and_edited_file_are_refused(tmp_path: Path) -> None:
    result = run("memo", "za", "-o", str(tmp_path / "memo.pdf"))
    assert result.exit_code == 2 and "cannot tell the format" in result.output
    out = tmp_path / "memo.md"
    assert run("memo", "za", "-o", str(out)).exit_code == 0
    out.write_text(out.read_text(encoding="utf-8") + "\nA note by counsel.\n", encoding="utf-8")
    assert run("memo", "za", "-o", str(out)).exit_code == 2
    assert "A note by counsel." in out.read_text(encoding="utf-8")
    assert run("memo", "za", "-o", str(out), "--force").exit_code == 0


def _fallback_outside_arabic(pdf: Path) -> dict[str, int]:
    """Characters printed in a font other than the bill's serif (and LibreOffice's symbol
    font for bullets), counted by font, leaving out Arabic script: Qatar's records quote the
    official Arabic, which Liberation Serif cannot draw, so the system's Arabic font (DejaVu
    Sans here) stands in for those words alone."""
    import ctypes
    import unicodedata

    import pypdfium2
    import pypdfium2.raw as pdfium_c

    found: dict[str, int] = {}
    name = ctypes.create_string_buffer(256)
    document = pypdfium2.PdfDocument(str(pdf))
    for page in document:
        text = page.get_textpage()
        for index in range(pdfium_c.FPDFText_CountChars(text)):
            char = chr(pdfium_c.FPDFText_GetUnicode(text, index))
            pdfium_c.FPDFText_GetFontInfo(text, index, name, len(name), None)
            font = name.value.decode("ascii", "replace")
            if "LiberationSerif" in font or "OpenSymbol" in font or not char.strip() or \
                    unicodedata.name(char, "").startswith("ARABIC") or \
                    unicodedata.category(char) in ("Cf", "Cc"):
                continue
            found[font] = found.get(font, 0) + 1
    document.close()
    return found


def test_docx_prints_in_the_bills_font_under_a_one_line_header(za_docx: Path,
                                                               tmp_path: Path) -> None:
    """The memorandum is tabled with the bill: the same serif (no theme font left for Word
    or LibreOffice to substitute) and a running header that fits on one line, for the za
    and qa memoranda alike."""
    import re
    import subprocess

    from modellaw.write.docx_styles import FONT
    from .libreoffice import convert

    qa = tmp_path / "qa-memo.docx"
    assert run("memo", "qa", "-o", str(qa)).exit_code == 0
    files = {"za": za_docx.read_bytes(), "qa": qa.read_bytes()}
    for path in (za_docx, qa):
        document = docx.Document(str(path))
        used = {p.style.name: p.style for p in (*document.paragraphs,
                                                *document.sections[0].header.paragraphs)}
        assert set(used) >= {"Title", "Heading 1", "Heading 2", "List Bullet"}
        fonts = [s.element.rPr.rFonts for s in used.values()] + document.styles.element.findall(
            "{*}docDefaults//{*}rFonts")
        assert not [f for f in fonts if any(a.endswith("Theme") for a in f.attrib)]
        assert {f.get(docx.oxml.ns.qn("w:ascii")) for f in fonts} == {FONT}
    for name, pdf in convert(tmp_path, files).items():
        used = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                              check=True).stdout
        assert _fallback_outside_arabic(pdf) == {}, used
        title = docx.Document(str(za_docx if name == "za" else qa)).sections[0].header \
            .paragraphs[0].text
        pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                               text=True, check=True).stdout.split("\f")
        for page in pages[:-1]:
            first = next(line for line in page.splitlines() if line.strip())
            assert re.sub(r"\s+", " ", first).strip() == title, (name, first)
