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
from pathlib import Path

from modellaw.read.blocks import Block, refuse
from modellaw.records import record

MAX_PAGES = 5000
_PAGE_NUMBER = re.compile(r"^(?:page )?[-\u2013\u2014 ]*\d{1,4}[-\u2013\u2014 ]*(?:of \d{1,4})?$",
                          re.I)


@record(frozen=False)
class _Line:
    x0: float
    x1: float
    top: float      # distance from the top of the page
    height: float
    text: str


def _lines(page: object, height: float) -> list[_Line]:
    """The page's text runs grouped into lines (runs whose boxes overlap vertically), each
    line's words taken from PDFium over the line's box, so its spacing is PDFium's.

    PDFium is called directly rather than through pypdfium2's helpers: a 200-page code has
    some 8,000 lines, and the helpers' checks and their two-pass text call (size, then text)
    were a third of the reading time."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    textpage = page.get_textpage()  # type: ignore[attr-defined]
    raw = textpage.raw
    try:
        runs: list[tuple[float, float, float, float, float]] = []
        left_, bottom_, right_, top_ = (ctypes.c_double(), ctypes.c_double(), ctypes.c_double(),
                                        ctypes.c_double())
        for index in range(textpage.count_rects()):
            if not pdfium_c.FPDFText_GetRect(raw, index, left_, top_, right_, bottom_):
                continue
            left, bottom, right, top = left_.value, bottom_.value, right_.value, top_.value
            char = pdfium_c.FPDFText_GetCharIndexAtPos(raw, (left + right) / 2,
                                                       (bottom + top) / 2, 2, 2)
            size = pdfium_c.FPDFText_GetFontSize(raw, char) if char >= 0 else 0.0
            runs.append((left, bottom, right, top, size or top - bottom))
        runs.sort(key=lambda r: (-r[3], r[0]))
        boxes: list[list[float]] = []   # left, bottom, right, top, size
        for left, bottom, right, top, size in runs:
            # runs on one baseline join unless a gutter parts two runs of words (two
            # columns, a marginal note beside the body); a label ("(1)", "3.") before its
            # tab stop is narrow and joins its text
            em = max(size, top - bottom, 4.0)
            box = next((b for b in reversed(boxes[-3:]) if
                        min(b[3], top) - max(b[1], bottom) > 0.5 * min(b[3] - b[1], top - bottom)
                        and (b[2] - 1 <= left and (left < b[2] + em or b[2] - b[0] < 4 * em)
                             or right <= b[0] + 1 and (right > b[0] - em
                                                       or right - left < 4 * em))), None)
            if box is None:
                boxes.append([left, bottom, right, top, size])
            else:
                box[0], box[1] = min(box[0], left), min(box[1], bottom)
                box[2], box[3], box[4] = max(box[2], right), max(box[3], top), max(box[4], size)
        lines = []
        # one call per line into a buffer that holds any line: the page's characters (and
        # the spaces and line breaks PDFium adds) with room to spare
        room = 2 * pdfium_c.FPDFText_CountChars(raw) + 64
        buffer = (ctypes.c_ushort * room)()
        for left, bottom, right, top, size in boxes:
            written = pdfium_c.FPDFText_GetBoundedText(raw, left - 0.5, top + 0.5, right + 0.5,
                                                       bottom - 0.5, buffer, room)
            units = written - 1 if written and buffer[written - 1] == 0 else written
            words = ctypes.string_at(buffer, 2 * units).decode("utf-16-le", "ignore")
            if written >= room or len(words) != units:
                # a line too long for the buffer, or with characters beyond the BMP (which
                # PDFium counts differently): read the way pypdfium2 reads it
                words = textpage.get_text_bounded(left - 0.5, bottom - 0.5, right + 0.5,
                                                  top + 0.5)
            text = " ".join(words.split())
            if text:
                lines.append(_Line(left, right, height - top, size, text))
    finally:
        textpage.close()
    lines.sort(key=lambda ln: (round(ln.top), ln.x0))
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


_LINE_NUMBER = re.compile(r" (\d{1,3})$")


def _strip_line_numbers(lines: list[_Line]) -> int:
    """A bill printed with numbered lines ("... as follows: 3", "... intentionally: 4"):
    a number ending a line that runs on from the line before's, or into the next's, is the
    line's number, not its words.  Returns how many were taken out."""
    found = [(i, int(m.group(1))) for i, ln in enumerate(lines)
             if (m := _LINE_NUMBER.search(ln.text))]
    if len(found) < 5:
        return 0
    numbered = {i for k, (i, n) in enumerate(found)
                if k and found[k - 1][1] == n - 1 or k + 1 < len(found) and found[k + 1][1] == n + 1}
    if len(numbered) * 2 < len(found):
        return 0
    for i in numbered:
        lines[i].text = _LINE_NUMBER.sub("", lines[i].text)
    return len(numbered)


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
    numbers = sum(_strip_line_numbers(lines) for lines in pages)
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
            stray = len(line.text) <= 2 and not any(ch.isalnum() for ch in line.text)
            if _key(line) in furniture or _PAGE_NUMBER.match(line.text) or stray:
                dropped += 1
                continue
            note = line.height < 0.85 * usual and line.x1 < left_edge - 2
            gap = previous is None or line.top - previous.top > 1.8 * max(previous.height, 1)
            blocks.append(Block(line.text, f"{path.name}, page {number}",
                                role="note" if note else "", size=line.height,
                                indent=line.x0 - left_edge, page=number, soft=True, gap=gap))
            if not note:
                previous = line
    warnings = [f"{dropped} running header, footer, page-number or stray-mark line(s) left out"] \
        if dropped else []
    if numbers:
        warnings.append(f"{numbers} printed line number(s) left out")
    return blocks, warnings
