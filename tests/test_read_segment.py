"""The one segmenter on the numbering styles of the world: each fixture under tests/data/read/
is read and its tree (kinds, keywords, labels, headings, nesting) compared with the
`.expected` file beside it, written by hand from the printed text."""

from __future__ import annotations

from pathlib import Path

import pytest

from modellaw.model import Kind
from modellaw.read.blocks import Draft
from modellaw.read.document import read_document

DATA = Path(__file__).parent / "data" / "read"


def outline(draft: Draft) -> list[str]:
    """One line per node: indentation for nesting, kind, keyword and label, heading or term,
    and the first words of its text."""
    lines = []
    for part in draft.bill.parts:
        if draft.keywords.get(part.id):
            lines.append(f"part {draft.keywords[part.id]} {part.num} | {part.heading}")
        for section in part.children:
            for node in section.walk():
                depth = node.id.count(".") + (1 if node.kind is Kind.DEFINITION else 0)
                label = f"{draft.keywords.get(node.id, '')} {node.num}".strip() \
                    if node.kind is not Kind.DEFINITION else f"“{node.term}”"
                words = " ".join(node.plain_text.split()[:6])
                lines.append(f"{'  ' * depth}{node.kind.value} {label} | "
                             f"{node.heading} | {words}".rstrip(" |"))
    return lines


FIXTURES = sorted(p for p in DATA.iterdir() if p.with_suffix(".expected").exists()
                  and p.suffix != ".expected")


@pytest.mark.parametrize("path", FIXTURES, ids=[p.name for p in FIXTURES])
def test_numbering_styles_segment_as_printed(path: Path) -> None:
    expected = path.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    assert outline(read_document(path)) == expected
