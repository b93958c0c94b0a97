"""Plain text (a statute pasted from a PDF or a web page, a draft typed in a text editor) ->
blocks, one per line.

Lines are kept as they are broken: the segmenter joins a line to the provision before it
unless the line opens a new one, and undoes line-end hyphenation.  Text is UTF-8 (with or
without a BOM) or, failing that, Windows-1252, the two encodings such files arrive in; binary
data is refused rather than read as words.
"""

from __future__ import annotations

from pathlib import Path

from modellaw.read.blocks import Block, refuse


def decode_text(data: bytes, path: Path) -> str:
    """The file's text; ModellawError for a file that is not text at all."""
    if b"\x00" in data[:4096]:
        raise refuse(path, "is binary, not text (give a .txt, .md, .html, .docx, .odt, .pdf "
                           "or Akoma Ntoso .xml file)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", "replace")
    sample = text[:20000]
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    if control > 20 or sample.count("\ufffd") > 20:
        raise refuse(path, "is binary, not text")
    return text


def text_blocks(text: str, path: Path) -> list[Block]:
    """One soft block per non-blank line, remembering whether a blank line came before."""
    blocks: list[Block] = []
    gap = True
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            gap = True
            continue
        blocks.append(Block(line, f"{path.name}, line {number}", soft=True, gap=gap))
        gap = False
    return blocks
