"""Any legal document -> the one document model.

A reviewer's draft and a country's statute are the same kind of document, and are read the
same way: the format is told from the content (a zip package, a PDF header, XML, HTML) and
only then from the file name; one reader per format reduces the file to blocks; the one
segmenter (`read.segment`) builds the bill tree.  A file with text is never refused; one with
no text (a scan), an encrypted one, or a hostile one is refused with one located message.
"""

from __future__ import annotations

import re
from pathlib import Path

from modellaw.errors import ModellawError
from modellaw.inputs import read_input
from modellaw.read.blocks import Draft, Revision, refuse
from modellaw.read.segment import segment
from modellaw.records import replace

#: Files larger than this are refused before they are read (a whole penal code as a PDF is
#: a few MB; a Word bill well under 5 MB).
MAX_DOCUMENT_BYTES = 50_000_000
VIEWS = ("accepted", "original")
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


#: a Markdown heading line, '#### § 1591. Sex trafficking …'
_ATX_HEADING = re.compile(rb"(?m)^#{1,6} +\S")


def sniff(data: bytes, path: Path) -> str:
    """The format of a file: docx | odt | pdf | akn | html | md | txt."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    suffix = path.suffix.lower()
    if data[:4] == _ZIP:
        return "odt" if b"application/vnd.oasis.opendocument" in data[:200] or \
            suffix == ".odt" else "docx"
    if data[:8] == _OLE:
        return "docx"  # an encrypted or old-format Word file: the DOCX reader says which
    if data[:5] == b"%PDF-" or suffix == ".pdf":
        return "pdf"
    if suffix in (".docx", ".docm", ".doc", ".odt"):
        return "odt" if suffix == ".odt" else "docx"   # the reader says what it is not
    if head.startswith((b"<!doctype html", b"<html")) or suffix in (".html", ".htm"):
        return "html"
    if head.startswith(b"<?xml") or b"<akomantoso" in head or suffix in (".xml", ".akn"):
        return "html" if b"<html" in head else "akn"
    if suffix in (".md", ".markdown") or len(_ATX_HEADING.findall(data[:16384])) >= 2:
        return "md"     # Markdown saved as .txt (a chunk of a code copied from a Git host)
    return "txt"


def read_bounded(path: Path) -> bytes:
    """A user's file, size-capped and refused if it is not a regular file with bytes in it."""
    return read_input(path, MAX_DOCUMENT_BYTES, "give the relevant acts or parts separately")


def read_document(path: Path, *, revisions: str = "accepted") -> Draft:
    """Read one file of any supported format into a Draft; ModellawError (exit 2) for a file
    with no text, an encrypted file or a hostile one."""
    if revisions not in VIEWS:
        raise ModellawError(f"--revisions must be one of {', '.join(VIEWS)}, not {revisions!r}")
    data = read_bounded(path)
    fmt = sniff(data, path)
    title = ""
    warnings: list[str] = []
    changes: tuple[Revision, ...] = ()
    if fmt == "docx":
        from modellaw.read.docx import read_docx

        word = read_docx(data, path, revisions)
        blocks, title, changes = word.blocks, word.title, tuple(word.revisions)
        if changes:
            authors = ", ".join(sorted({c.author for c in changes}))
            other = "original" if revisions == "accepted" else "accepted"
            warnings.append(f"{len(changes)} tracked change(s) by {authors} not accepted in the "
                            f"file; read as {revisions} (--revisions {other} reads the {other} "
                            "text)")
    elif fmt == "odt":
        from modellaw.read.odt import read_odt

        blocks, title = read_odt(data, path)
    elif fmt == "pdf":
        from modellaw.read.pdf import read_pdf

        blocks, pdf_warnings = read_pdf(data, path)
        warnings.extend(pdf_warnings)
    elif fmt == "akn":
        from modellaw.read.akn import read_akn

        blocks, title = read_akn(data, path)
    else:
        from modellaw.read.text import decode_text

        text = decode_text(data, path)
        if fmt == "html":
            from modellaw.read.html import read_html

            blocks, title = read_html(text, path)
        elif fmt == "md":
            from modellaw.read.markdown import read_markdown

            blocks, title = read_markdown(text, path)
        else:
            from modellaw.read.text import text_blocks

            blocks = text_blocks(text, path)
    if not any(b.text.strip() for b in blocks):
        raise refuse(path, "has no text to read" + ("; run OCR first" if fmt == "pdf" else ""))
    draft = segment(blocks, path, fmt=fmt, title=title, warnings=tuple(warnings))
    return replace(draft, revisions=changes, revisions_view=revisions) if changes else draft


def read_string(text: str, path: Path) -> Draft:
    """Markdown or plain text already in memory (by `path`'s suffix), read as a file would be."""
    if sniff(text[:2048].encode("utf-8", "replace"), path) == "md":
        from modellaw.read.markdown import read_markdown

        blocks, title = read_markdown(text, path)
        return segment(blocks, path, fmt="md", title=title)
    from modellaw.read.text import text_blocks

    return segment(text_blocks(text, path), path, fmt="txt")


def read_documents(paths: list[Path] | tuple[Path, ...], *,
                   revisions: str = "accepted") -> list[Draft]:
    """Several files that together form one law (or several drafts), each read on its own."""
    if not paths:
        raise ModellawError("give at least one file")
    return [read_document(p, revisions=revisions) for p in paths]
