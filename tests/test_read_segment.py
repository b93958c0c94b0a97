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


def test_inserted_sections_with_a_letter_after_a_hyphen_keep_their_number() -> None:
    """Republic Act No. 9208 as amended inserts "SEC. 4-A" to "4-C" after section 4: each is a
    section of its own, not more words of section 4."""
    from modellaw.read.document import read_string

    text = ("SEC. 4. Acts of Trafficking in Persons. – It shall be unlawful for any person to "
            "commit any of the following acts:\n"
            "SEC. 4-B. Accomplice Liability. – Whoever knowingly aids, abets, cooperates in the "
            "execution of the offense shall be punished.\n"
            "SEC. 4-C. Accessories. – Whoever has the knowledge of the commission of the crime "
            "shall be punished.\n")
    bill = read_string(text, Path("ra-9208.txt")).bill
    sections = [(n.num, n.heading) for n in bill.walk() if n.kind is Kind.SECTION]
    assert sections == [("4", "Acts of Trafficking in Persons"), ("4-B", "Accomplice Liability"),
                        ("4-C", "Accessories")]


def test_markdown_saved_as_text_is_read_as_markdown(tmp_path: Path) -> None:
    """A chunk of the U.S. Code copied from a Git host keeps its Markdown headings in a .txt
    file: its sections are §§ 1591 and 1594, not one provision per paragraph."""
    path = tmp_path / "usc.txt"
    path.write_text("#### § 1591. Sex trafficking of children\n###### (a) Whoever knowingly\n\n"
                    "(1) recruits, entices, harbors a person;\n\n"
                    "#### § 1594. General provisions\n###### (a) Whoever attempts to violate "
                    "section 1591 shall be punishable in the same manner.\n", encoding="utf-8")
    draft = read_document(path)
    assert [(n.num, n.heading) for n in draft.bill.walk() if n.kind is Kind.SECTION] == [
        ("1591", "Sex trafficking of children"), ("1594", "General provisions")]
    assert not draft.warnings
