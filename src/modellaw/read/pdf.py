"""PDF (gazettes, official prints, a Word file printed to PDF) -> blocks, one per line.

The text layer is read with PDFium (through pypdfium2: BSD-3/Apache-2.0, the engine Chrome
uses), which reads a 200-page code in a fraction of a second where the pure-Python parsers
take several.  PDFium gives text runs with their boxes; this module makes a page of them
readable as a statute:

* runs on one baseline are one line, read left to right;
* a page in two columns (most lines ending before the middle, many starting after it) is
  read column by column;
* running headers and footers are lines near the top or bottom that repeat on most pages
  once digits are normalised ("Page 3 of 40", "Act 7 of 2013  4"), and a line that is only a
  page number: both are dropped;
* a marginal note (smaller type outside the body column) becomes the heading of the
  provision beside it;
* line-end hyphenation is undone by the segmenter, only where the joined word occurs
  elsewhere in the document.

A PDF with no text layer (a scan) is refused with "run OCR first"; an encrypted one is refused.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from modellaw.read.blocks import Block, refuse

MAX_PAGES = 5000
_PAGE_NUMBER = re.compile(r"^(?:page )?[-\u2013\u2014 ]*\d{1,4}[-\u2013\u2014 ]*(?:of \d{1,4})?$",
                          re.I)


@dataclass
class _Line:
    x0: float
    x1: float
    top: float      # distance from the top of the page
    height: float
    text: str


def _lines(page: object, height: float) -> list[_Line]:
    textpage = page.get_textpage()  # type: ignore[attr-defined]
    runs: list[_Line] = []
    try:
        for index in range(textpage.count_rects()):
            left, bottom, right, top = textpage.get_rect(index)
            text = textpage.get_text_bounded(left, bottom, right, top)
            if text.strip():
                runs.append(_Line(left, right, height - top, top - bottom, text.strip()))
    finally:
        textpage.close()
    runs.sort(key=lambda r: (round(r.top), r.x0))
    lines: list[_Line] = []
    for run in runs:
        last = lines[-1] if lines else None
        if last is not None and abs(last.top - run.top) < max(2.0, 0.4 * run.height) and \
                run.x0 >= last.x1 - 1:
            gap = " " if run.x0 - last.x1 > 0.15 * run.height else ""
            last.text, last.x1 = f"{last.text}{gap}{run.text}", run.x1
            last.height = max(last.height, run.height)
        else:
            lines.append(run)
    return lines


def _columns(lines: list[_Line], width: float) -> list[_Line]:
    """Two-column pages read column by column; others top to bottom."""
    middle = width / 2
    left = [ln for ln in lines if ln.x1 < middle + 0.02 * width]
    right = [ln for ln in lines if ln.x0 > middle - 0.02 * width]
    if len(left) >= 5 and len(right) >= 5 and len(left) + len(right) >= 0.8 * len(lines):
        rest = [ln for ln in lines if ln not in left and ln not in right]
        return sorted(rest + left, key=lambda ln: ln.top) + [ln for ln in right if ln not in left]
    return lines


def _furniture(pages: list[list[_Line]]) -> set[str]:
    """Keys of lines that repeat at the top or bottom of most pages."""
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        edge = lines[:2] + lines[-2:]
        counts.update({_key(ln) for ln in edge})
    return {key for key, n in counts.items() if n >= max(3, len(pages) // 2)}


def _key(line: _Line) -> str:
    return re.sub(r"\d+", "#", line.text.lower()) + f"@{round(line.top / 10)}"


def read_pdf(data: bytes, path: Path) -> tuple[list[Block], list[str]]:
    import pypdfium2 as pdfium

    if data[:5] != b"%PDF-":
        raise refuse(path, "is not a PDF file")
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise refuse(path, "is an encrypted PDF; save it without a password and try "
                               "again") from exc
        raise refuse(path, f"is not a readable PDF ({exc})") from exc
    try:
        if len(document) > MAX_PAGES:
            raise refuse(path, f"has more than {MAX_PAGES} pages; give the relevant parts")
        pages: list[list[_Line]] = []
        for page in document:
            width, height = page.get_size()
            pages.append(_columns(_lines(page, height), width))
            page.close()
    finally:
        document.close()
    if not any(pages):
        raise refuse(path, "has no text layer; run OCR first")
    furniture = _furniture(pages)
    body = [ln for lines in pages for ln in lines]
    heights = [ln.height for ln in body] or [10.0]
    usual = statistics.median(heights)
    starts = Counter(round(ln.x0) for ln in body if ln.height >= 0.9 * usual)
    left_edge = min((x for x, n in starts.items() if n >= 0.05 * len(body)), default=0)
    blocks: list[Block] = []
    dropped = 0
    for number, lines in enumerate(pages, start=1):
        previous: _Line | None = None
        for line in lines:
            if _key(line) in furniture or _PAGE_NUMBER.match(line.text):
                dropped += 1
                continue
            note = line.height < 0.85 * usual and line.x1 < left_edge - 2
            gap = previous is None or line.top - previous.top > 1.8 * max(previous.height, 1)
            blocks.append(Block(line.text, f"{path.name}, page {number}",
                                role="note" if note else "", size=line.height,
                                indent=line.x0 - left_edge, page=number, soft=True, gap=gap))
            if not note:
                previous = line
    warnings = [f"{dropped} running header, footer or page-number line(s) left out"] \
        if dropped else []
    return blocks, warnings
