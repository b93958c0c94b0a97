"""Every document modellaw writes, printed through LibreOffice and read page by page the way
its user would: no heading left standing at the foot of a page with its text overleaf, no
table row broken across two pages.  The bills (model, South Africa, Qatar, United States),
the gap schedule, the checklist matrix, the handout and the redline (both ways) are written
through the CLI exactly as a user asks for them."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from modellaw.cli import main
from tests.diff_fixtures import delete_section, edit_docx, retype, write_model
from tests.libreoffice import convert

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
ROOT = Path(__file__).resolve().parents[1]
#: Styles whose paragraphs head what follows them.
HEADINGS = {"PartHeading", "SectionHeading", "ScheduleHeading", "Heading1", "Heading2",
            "StatuteCaption"}
COMMANDS = {
    "model": ["draft", "model"], "za": ["draft", "za"], "qa": ["draft", "qa"],
    "us": ["draft", "us"], "za-gaps": ["draft", "za", "--only-gaps", "--with-checklist"],
    "matrix": ["gaps", "--all", "--format", "docx"], "handout": ["handout"],
    "handout-one": ["handout", "child-definition"],
}


def _squash(text: str) -> str:
    """Text with every space, joiner, line end, hyphen and tab leader gone: how a paragraph
    is found on a page however LibreOffice wraps it (pdftotext drops a hyphen that ends a
    line; a contents entry's tab prints as a row of dots)."""
    return re.sub(r"[\s\u2060\u00ad-]+|\.{4,}", "", text)


def _text(el: etree._Element) -> str:
    """What prints of a paragraph: its text and deleted text, no field instructions."""
    return "".join(t.text or "" for t in el.iter(f"{{{W}}}t", f"{{{W}}}delText"))


def _blocks(data: bytes) -> list[tuple[str, str, int]]:
    """The body in order as (kind, printed text, table-row id): paragraphs with their style
    id ('' for none), table rows as kind 'row'."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        body = etree.fromstring(zf.read("word/document.xml")).find(f"{{{W}}}body")
    out: list[tuple[str, str, int]] = []
    for n, el in enumerate(body.iter(f"{{{W}}}p", f"{{{W}}}tr")):
        if etree.QName(el).localname == "tr":
            cells = el.findall(f"{{{W}}}tc")
            out += [("cell" if len(cells) > 1 and len(_squash(_text(tc))) >= 25 else "",
                     _text(tc), n) for tc in cells]
            continue
        if el.getparent().tag == f"{{{W}}}tc":
            continue
        style = el.find(f"{{{W}}}pPr/{{{W}}}pStyle")
        out.append((style.get(f"{{{W}}}val") if style is not None else "", _text(el), n))
    return out


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    return [_squash(page) for page in text.split("\f")]


def layout_faults(data: bytes, pages: list[str]) -> list[str]:
    """Headings last on their page, and table cells (rows) not wholly on one page.  A cell
    is checked only when its text is long enough to be found in one place (not "Unknown"),
    and one-cell tables (the handout's boxes of statutory text) may run over a page."""
    faults: list[str] = []
    page, at = 0, 0
    row_start, last_row = (0, 0), -1
    found: list[tuple[str, str, int, int]] = []  # kind, text, row, page
    for kind, text, row in _blocks(data):
        if row != last_row:
            row_start, last_row = (page, at), row
        squashed = _squash(text)
        if not squashed:
            continue
        # the next place this text prints, from where the previous block was found; a
        # table row's cells from where the row began: pdftotext reads a row line by line,
        # so a cell may start before its left neighbour's last line.  The longest opening
        # that prints unbroken is the key: cells of one table often share their first words.
        first_page, first_at = row_start
        key = next((k for k in (squashed[:80], squashed[:40])
                    if any(pages[p].find(k, first_at if p == first_page else 0) >= 0
                           for p in range(first_page, len(pages)))), squashed[:40])
        for p in range(first_page, len(pages)):
            i = pages[p].find(key, first_at if p == first_page else 0)
            if i >= 0:
                # a short text (a country's name, a status) prints in many places: it is
                # placed, but only a text long enough to be found in one place moves on
                if len(squashed) >= 25 or kind in HEADINGS:
                    page, at = max((page, at), (p, i + len(key)))
                # a cell's lines may print between its neighbours', so it is whole when
                # its last words are on this page too
                whole = _squash(text)[-25:] in pages[p]
                if kind == "cell" and not whole:
                    faults.append(f"row split: {text[:60]!r} (page {p + 1})")
                found.append((kind, text, row, p))
                break
    for (kind, text, _, p), (next_kind, _, _, next_p) in zip(found, found[1:]):
        if kind in HEADINGS and next_p != p:
            faults.append(f"heading last on page {p + 1}: {text[:60]!r}")
    rows: dict[int, set[int]] = {}
    for kind, _, row, p in found:
        if kind == "cell":
            rows.setdefault(row, set()).add(p)
    faults += [f"row {row} across pages {sorted(ps)}" for row, ps in rows.items() if len(ps) > 1]
    return faults


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[bytes, Path]]:
    folder = tmp_path_factory.mktemp("print")
    runner = CliRunner()
    files: dict[str, bytes] = {}
    for name, args in COMMANDS.items():
        out = folder / f"{name}-out.docx"
        result = runner.invoke(main, [*args, "--root", str(ROOT), "-o", str(out), "--force"])
        assert result.exit_code in (0, 1), result.output
        files[name] = out.read_bytes()
    draft = edit_docx(write_model(ROOT, folder),
                      lambda d: retype(d, r"^\u201cchild\u201d", r"18 years", "16 years"),
                      lambda d: delete_section(d, "Duties of service providers"))
    for name, extra in (("redline", ()), ("redline-on-model", ("--on-model",))):
        out = folder / f"{name}-out.docx"
        result = runner.invoke(main, ["diff", str(draft), "--root", str(ROOT), "--format",
                                      "docx", "-o", str(out), "--author", "A. Reviewer",
                                      "--date", "2026-12-01", *extra])
        assert result.exit_code == 1, result.output
        files[name] = out.read_bytes()
    pdfs = convert(folder, files)
    return {name: (files[name], pdfs[name]) for name in files}


@pytest.mark.parametrize("name", [*COMMANDS, "redline", "redline-on-model"])
def test_no_heading_ends_a_page_and_no_row_splits(printed: dict[str, tuple[bytes, Path]],
                                                   name: str) -> None:
    data, pdf = printed[name]
    assert layout_faults(data, _pages(pdf)) == []


def test_the_check_sees_a_heading_left_at_a_page_foot() -> None:
    """The check itself, on pages laid out by hand: a section heading printed at the foot of
    page 1 with its text on page 2 is reported; the same bill laid out whole is not."""
    from modellaw.write.docx import render_docx
    from tests.docx_fixtures import sample_bill

    data = render_docx(sample_bill())
    printed = [_squash(text) for _, text, _ in _blocks(data)]
    cut = len(printed) - printed[::-1].index(_squash("3.Recruitment of children"))  # not the
    # arrangement's entry: the heading itself
    assert layout_faults(data, ["".join(printed)]) == []
    faults = layout_faults(data, ["".join(printed[:cut]), "".join(printed[cut:])])
    assert len(faults) == 1 and faults[0].startswith("heading last on page 1")
    assert "Recruitment of children" in faults[0]


def test_the_check_sees_a_row_split_though_cells_print_interleaved() -> None:
    """A row whose cells pdftotext reads line by line (the second cell's first line before
    the first cell's last) is whole; the same row with its long cell's end overleaf is not."""
    from modellaw.write.docx import Schedule, render_docx
    from tests.docx_fixtures import sample_bill

    first = "Singapore, where the statute says a great deal about the matter at hand"
    second = ("Prevention of Human Trafficking Act 2014, s 3(2), (3)(a), and a long note after "
              "it that runs onto further lines of the cell")
    data = render_docx(sample_bill(), schedules=(Schedule("Table", ("Country", "Provision"),
                                                          ((first, second),)),))
    body = "".join(_squash(text) for kind, text, _ in _blocks(data) if kind != "cell")
    a, b = _squash(first), _squash(second)
    interleaved = body + a[:30] + b[:45] + a[30:] + b[45:]
    assert layout_faults(data, [interleaved]) == []
    faults = layout_faults(data, [body + a + b[:45], b[45:]])
    assert any("Prevention of Human" in f for f in faults)
