"""Every format of the gap checklist and matrix, read back; the `gaps` command's exit codes
and errors; `draft --only-gaps --with-checklist` in Markdown and DOCX."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner, Result

from modellaw.judge.checklist import build_checklist
from modellaw.cli import main
from modellaw.library.elements import ELEMENTS
from modellaw.write.checklist import render

from .test_checklist import load, make_root, profile_text
from .conftest import write
from .libreoffice import convert

IDS = [e.id for e in ELEMENTS]
OPTIONAL = sum(not e.core for e in ELEMENTS)


@pytest.fixture
def proj(tmp_path: Path) -> Path:
    root = make_root(tmp_path)
    hostile = {"advertising-offence": "partial", "recruitment-offence": "met"}
    text = profile_text("<b>Ruritania</b> & \"Co\" | x", hostile)
    write(root / "jurisdictions" / "xd.yaml",
          text.replace("note: Note on advertising-offence.",
                       "note: \"<script>alert(1)</script> | *not* markup\""))
    return root


def run(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, [*args, "--root", str(root)], catch_exceptions=False)


def checklists(root: Path, *pids: str) -> list:
    return [build_checklist(*load(root, pid)) for pid in pids]


# --- JSON ----------------------------------------------------------------------------------

def test_json_shape_and_key_order(proj: Path) -> None:
    result = run(proj, "gaps", "xa", "--format", "json")
    assert result.exit_code == 0  # written; the gap status is --check's
    data = json.loads(result.stdout)
    assert list(data) == ["jurisdiction", "summary", "elements"]
    assert data["jurisdiction"] == {"id": "xa", "name": "Atlantis"}
    assert data["summary"] == {"core": {"met": 8, "partial": 1, "missing": 1, "unknown": 0},
                               "optional": {"met": 0, "partial": 0, "missing": 0, "unknown": OPTIONAL},
                               "core_met": False}
    assert [e["id"] for e in data["elements"]] == IDS
    for element in data["elements"]:
        assert list(element) == ["id", "title", "core", "status", "source", "text_date", "evidence",
                                 "records", "disagreement", "proposed"]
        assert list(element["proposed"]) == ["clause", "section"]
        for evidence in element["evidence"]:
            assert list(evidence) == ["citation", "note"]
    payment = data["elements"][IDS.index("payment-offence")]
    assert payment["status"] == "missing" and payment["proposed"]["clause"] == "offence-payment"
    assert payment["proposed"]["section"].isdigit()
    ext = data["elements"][IDS.index("extraterritorial-jurisdiction")]
    assert ext["proposed"] == {"clause": "extraterritorial-jurisdiction", "section": None}


def test_json_of_several_is_a_list_and_stable(proj: Path) -> None:
    first = run(proj, "gaps", "xa", "xc", "--format", "json").stdout
    assert first == run(proj, "gaps", "xa", "xc", "--format", "json").stdout
    data = json.loads(first)
    assert [d["jurisdiction"]["id"] for d in data] == ["xa", "xc"]


# --- CSV -----------------------------------------------------------------------------------

def test_csv_has_one_layout_for_one_country_or_many(proj: Path) -> None:
    one = run(proj, "gaps", "xa", "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(one)))
    assert [r["element"] for r in rows] == IDS
    assert rows[IDS.index("payment-offence")]["proposed_clause"] == "offence-payment"
    many = run(proj, "gaps", "--all", "--format", "csv").stdout
    assert many.splitlines()[0] == one.splitlines()[0]
    rows = list(csv.DictReader(io.StringIO(many)))
    assert [r["jurisdiction"] for r in rows] == [j for j in ("xa", "xb", "xc", "xd") for _ in IDS]
    assert many.startswith(one)
    assert {r["status"] for r in rows if r["jurisdiction"] == "xc"} == {"unknown"}


# --- text and Markdown ---------------------------------------------------------------------

def test_text_has_summary_groups_and_proposals(proj: Path) -> None:
    out = run(proj, "gaps", "xa").stdout
    assert out.startswith("GAP CHECKLIST: Atlantis (xa)\n")
    assert "Core elements (10): 8 met, 1 partial, 1 missing, 0 unknown" in out
    assert f"Optional elements ({OPTIONAL}): 0 met, 0 partial, 0 missing, {OPTIONAL} unknown" in out
    assert out.index("Core elements\n---") < out.index("Optional elements\n---")
    assert re.search(r"MISSING +payment-offence", out)
    assert re.search(r"Draft: +section \d+ \(offence-payment\)", out)


def test_text_matrix_has_a_mark_per_cell_and_a_legend(proj: Path) -> None:
    result = run(proj, "gaps", "xa", "xb", "--check")
    assert result.exit_code == 1  # xa has gaps
    lines = result.stdout.splitlines()
    rows = [line for line in lines if line.startswith(("xa ", "xb "))]
    assert len(rows) == 2
    assert all(len(re.findall(r"[\u2713\u00bd\u2717?]", r)) == len(IDS) for r in rows)
    assert "Legend:" in result.stdout and "13 extraterritorial-jurisdiction" in result.stdout


def test_markdown_tables_escape_text(proj: Path) -> None:
    out = run(proj, "gaps", "xd", "--format", "md").stdout
    assert out.startswith("# Gap checklist: \\<b\\>Ruritania\\</b\\> & \"Co\" \\| x\n")
    table = [line for line in out.splitlines() if line.startswith("| **")]
    assert len(table) == len(IDS)
    assert all(line.count(" | ") == 4 for line in table)  # no stray cell separators
    assert "\\<script\\>" in out and "<script>" not in out
    matrix = run(proj, "gaps", "xa", "xd", "--format", "md").stdout
    assert sum(1 for line in matrix.splitlines() if line.startswith("| ")) == 3


# --- HTML ----------------------------------------------------------------------------------

def test_html_is_self_contained_and_escaped(proj: Path) -> None:
    for args in (("xd",), ("xa", "xd")):
        page = run(proj, "gaps", *args, "--format", "html").stdout
        assert page.startswith("<!DOCTYPE html>") and "<style>" in page
        assert not re.search(r"(src|href)=", page)
        assert "<script>" not in page and "&lt;b&gt;Ruritania" in page
    single = run(proj, "gaps", "xd", "--format", "html").stdout
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in single
    assert single.count('class="s-') == len(IDS)


# --- DOCX ----------------------------------------------------------------------------------

def _docx_text(document: docx.document.Document) -> str:
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_docx_checklist_reads_back(proj: Path, tmp_path: Path) -> None:
    out = tmp_path / "xa.docx"
    assert run(proj, "gaps", "xa", "-o", str(out)).exit_code == 0
    document = docx.Document(str(out))
    section = document.sections[0]
    assert section.page_width < section.page_height  # portrait
    assert section.header.paragraphs[0].text.startswith("Gap checklist: Atlantis")
    summary, core, optional = document.tables
    assert [c.text for c in summary.rows[1].cells] == ["Core elements (10)", "8", "1", "1", "0"]
    assert len(core.rows) == 1 + 10 and len(optional.rows) == 1 + OPTIONAL
    payment = next(r for r in core.rows if "(payment-offence)" in r.cells[0].text)
    assert payment.cells[1].text == "Missing"
    assert re.fullmatch(r"section \d+ \(offence-payment\); section \d+ \(definition-benefit\)",
                        payment.cells[3].text)
    assert "Penal Code s" in payment.cells[2].text
    assert document.core_properties.title == "Gap checklist: Atlantis"


def test_docx_matrix_is_landscape_with_a_cell_per_element(proj: Path, tmp_path: Path) -> None:
    out = tmp_path / "matrix.docx"
    assert run(proj, "gaps", "--all", "-o", str(out)).exit_code == 0
    document = docx.Document(str(out))
    section = document.sections[0]
    assert section.page_width > section.page_height
    matrix, key = document.tables
    assert len(matrix.columns) == 1 + len(IDS) and len(matrix.rows) == 1 + 4
    assert [r.cells[0].text.split("\n")[0].split(" (")[-1] for r in matrix.rows[1:]] == \
        ["xa)", "xb)", "xc)", "xd)"]
    assert all(r.cells[0].text.split("\n")[1].startswith("statute texts as at ")
               for r in matrix.rows[1:])
    assert {c.text for c in matrix.rows[3].cells[1:]} == {"?"}
    assert [r.cells[1].text for r in key.rows[1:]] == IDS
    assert "Legend:" in _docx_text(document)


def test_docx_is_byte_identical_and_opens_in_libreoffice(proj: Path, tmp_path: Path) -> None:
    lists = checklists(proj, "xa", "xd")
    one, matrix = render(lists[:1], "docx", matrix=False), render(lists, "docx", matrix=True)
    assert one == render(lists[:1], "docx", matrix=False)
    assert matrix == render(lists, "docx", matrix=True)
    for name, data in (("one", one), ("matrix", matrix)):
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            assert zf.testzip() is None
    convert(tmp_path, {"one": one, "matrix": matrix}, "txt:Text")
    assert "Gap checklist: <b>Ruritania</b>" not in (tmp_path / "one.txt").read_text()
    assert "Gap checklist: Atlantis" in (tmp_path / "one.txt").read_text()
    assert "<b>Ruritania</b> & \"Co\" | x" in (tmp_path / "matrix.txt").read_text()


# --- the command: exit codes and bad input -------------------------------------------------

def test_check_exits_0_when_every_core_element_is_met(proj: Path) -> None:
    result = run(proj, "gaps", "xb", "--check")
    assert result.exit_code == 0, result.output
    assert "Core elements (10): 10 met" in result.stdout


@pytest.mark.parametrize("args, message", [
    (("gaps", "zz"), "error: unknown jurisdiction 'zz'"),
    (("gaps",), "error: name at least one profile"),
    (("gaps", "xa", "--format", "docx"), "error: --format docx writes a file"),
    (("gaps", "xa", "-o", "out.pdf"), "error: cannot tell the format from '.pdf'"),
])
def test_bad_input_exits_2_and_writes_nothing(proj: Path, args: tuple[str, ...],
                                              message: str) -> None:
    result = run(proj, *args)
    assert result.exit_code == 2
    assert result.stderr.startswith(message) and result.stdout == ""
    assert not (proj / "out.pdf").exists() and not (proj / "drafts").exists()


@pytest.mark.parametrize("record, message", [
    ("  no-such-element:\n    status: met\n", "unknown model element 'no-such-element'"),
    ("  penal-code:\n    status: maybe\n", "maybe"),
    ("  penal-code:\n    status: met\n", "status 'met' needs evidence"),
])
def test_bad_existing_law_names_file_and_line(proj: Path, tmp_path: Path, record: str,
                                              message: str) -> None:
    path = proj / "jurisdictions" / "xe.yaml"
    path.write_text(profile_text("Elbonia", {}) + "existing_law:\n" + record)
    out = tmp_path / "out.json"
    result = run(proj, "gaps", "xa", "xe", "-o", str(out))
    assert result.exit_code == 2
    assert re.search(rf"^error: {re.escape(str(path))}:\d+.*{re.escape(message)}", result.stderr,
                     re.M), result.stderr
    assert not out.exists()


def test_gaps_refuses_to_overwrite_an_edited_file(proj: Path, tmp_path: Path) -> None:
    out = tmp_path / "gaps.md"
    out.write_text("my notes")
    result = run(proj, "gaps", "xa", "-o", str(out))
    assert result.exit_code == 2 and out.read_text() == "my notes"


# --- draft --only-gaps --with-checklist ----------------------------------------------------

def test_draft_only_gaps_with_checklist_markdown(proj: Path, tmp_path: Path) -> None:
    out = tmp_path / "xa.md"
    result = run(proj, "draft", "xa", "--only-gaps", "--with-checklist", "-o", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text()
    bill, schedule = text.split("\n## Schedule \u2014 Gap checklist: Atlantis\n")
    assert "clause=offence-payment" in bill and "clause=offence-recruitment" not in bill
    number = re.search(r"clause=offence-payment .*-->\n### (\d+)\\?\. ", bill).group(1)
    assert f"section {number} (offence-payment)" in schedule
    assert "**Core elements**" in schedule and "#" not in schedule


def test_draft_only_gaps_default_path_and_docx_schedule(proj: Path) -> None:
    result = run(proj, "draft", "xa", "--only-gaps", "--with-checklist")
    assert result.exit_code == 0, result.output
    path = proj / "drafts" / "xa-gaps.docx"
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    assert any(t.startswith("Schedule") and "Gap checklist: Atlantis" in t for t in texts)
    table = document.tables[-1]
    assert [c.text for c in table.rows[0].cells] == ["Model element", "Status", "Existing law",
                                                      "This draft"]
    assert len(table.rows) == 1 + len(IDS)


def test_draft_only_gaps_with_no_gaps_is_an_error(proj: Path) -> None:
    statuses = {e.id: "met" for e in ELEMENTS}
    write(proj / "jurisdictions" / "xf.yaml", profile_text("Freedonia", statuses))
    result = run(proj, "draft", "xf", "--only-gaps")
    assert result.exit_code == 2 and "no gaps to draft" in result.stderr
    assert not (proj / "drafts").exists()


def test_evidence_recorded_by_statute_analysis_says_so(proj: Path) -> None:
    path = proj / "jurisdictions" / "xa.yaml"
    path.write_text(path.read_text().replace(
        "        note: Note on advertising-offence.",
        "        note: Note on advertising-offence.\n        origin: analysis"))
    text = render(checklists(proj, "xa"), "md", matrix=False).decode()
    line = next(l for l in text.splitlines() if "Note on advertising-offence" in l)
    assert "recorded by modellaw analyze" in line
    assert "recorded by modellaw analyze" not in text.replace(line, "")
