"""Drafts as people hand them in (DOCX or Markdown) -> the document model, telling the formats
apart by content rather than by name."""

from __future__ import annotations

from pathlib import Path

from modellaw.inputs import read_input
from modellaw.read.blocks import Draft, refuse
from modellaw.read.docx import read_docx
from modellaw.read.markdown import read_markdown

#: Drafts larger than this are refused before they are read (a bill is well under 5 MB).
MAX_DRAFT_BYTES = 50_000_000


def read_draft(path: Path) -> Draft:
    """Read a DOCX or Markdown draft, telling them apart by content rather than name."""
    data = read_input(path, MAX_DRAFT_BYTES, "drafts that large are refused")
    if data[:4] == b"PK\x03\x04" or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" or \
            path.suffix.lower() in (".docx", ".docm", ".doc"):
        return read_docx(data, path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise refuse(path, "is neither a DOCX file nor UTF-8 Markdown text") from exc
    if "\x00" in text:
        raise refuse(path, "is neither a DOCX file nor UTF-8 Markdown text")
    return read_markdown(text, path)
