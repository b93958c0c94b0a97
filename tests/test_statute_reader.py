"""The statute reader on real excerpts (tests/data/statutes) and on every input form: the
numbering styles legislatures use, PDF-broken lines, Markdown, Word and Akoma Ntoso, and the
bad input that must stop with a clear message instead of an analysis of nothing."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from modellaw.errors import ModellawError
from .statute_view import MAX_FILE_BYTES, Provision, read_statute, read_statutes

from .conftest import write

STATUTES = Path(__file__).parent / "data" / "statutes"


def citations(path: Path) -> list[str]:
    """Every provision and item, cited as the statute prints it."""
    out = []
    for p in read_statute(path).provisions:
        out.append(p.citation())

        def walk(items, trail):  # type: ignore[no-untyped-def]
            for item in items:
                out.append(p.citation(trail + (item.marker,)))
                walk(item.children, trail + (item.marker,))
        walk(p.items, ())
    return out


def provision(path: Path, number: str) -> Provision:
    return next(p for p in read_statute(path).provisions if p.number == number)


@pytest.mark.parametrize("name, expected", [
    ("za-pctip-2013.txt", ["s 1", "s 4", "s 4(1)(j)", "s 8(1)(c)", "s 8(2)(a)"]),
    ("sg-phta-2014.txt", ["s 2", "s 3(1)(f)", "s 3(2)", "s 3(3)(a)"]),       # "3." then "—(1)"
    ("gb-nir-hte-2015.txt", ["s 2(1)", "s 2(8)(c)", "s 2(9)"]),              # "2.—(1)"
    ("gb-msa-2015.txt", ["s 2(3)", "s 2(7)(b)"]),                            # "2 Human trafficking"
    ("gb-sct-hte-2015.txt", ["s 1(2)(a)", "s 1(6)(b)"]),                     # "1Offence of …"
    ("ph-ra9208-2003.txt", ["Sec. 1", "Sec. 3(a)"]),                         # "Sec. 3. Heading. —"
    ("ph-ra10364-2012.txt", ["Sec. 4(a)", "Sec. 4(e)"]),                     # quoted amendment
    ("us-18usc-ch117.txt", ["§ 2421(a)", "Sec. 2423(a)", "Sec. 2423(e)"]),
    ("lk-penal-code-360c.txt", ["s 360C(1)(c)", "s 360C(2)"]),
    ("au-criminal-code-474.txt", ["s 473.1", "Sec. 474.27A(d)"]),           # decimal numbers
])
def test_numbering_styles_are_cited_as_the_statute_writes_them(name: str, expected: list[str]) -> None:
    found = citations(STATUTES / name)
    assert set(expected) <= set(found), found


def test_headings_parts_and_titles() -> None:
    za = read_statute(STATUTES / "za-pctip-2013.txt")
    assert za.title == "Prevention and Combating of Trafficking in Persons Act, 2013 (Act No. 7 of 2013)"
    s8 = provision(STATUTES / "za-pctip-2013.txt", "8")
    assert s8.heading == "Conduct facilitating trafficking in persons"
    assert s8.part.startswith("Chapter 2")
    assert provision(STATUTES / "sg-phta-2014.txt", "3").heading == "Trafficking in persons"
    assert provision(STATUTES / "ph-ra9208-2003.txt", "3").heading == "Definition of Terms"
    assert provision(STATUTES / "ke-ctipa-2010.txt", "2").heading == "Interpretation"
    assert read_statute(STATUTES / "ph-ra9208-2003.txt").title == "Anti-Trafficking in Persons Act of 2003"


def test_pdf_broken_lines_are_joined_and_paragraph_i_after_h_is_a_letter() -> None:
    s3 = provision(STATUTES / "ph-ra9208-2003.txt", "3")
    text = s3.items[0].text
    assert "transfer or harboring, or receipt of arsons with or without" in text
    assert "even if it does not involve any of the means" in text
    s4 = provision(STATUTES / "za-pctip-2013.txt", "4")
    markers = [i.marker for i in s4.items[0].children]
    assert markers == ["a", "b", "d", "e", "f", "g", "h", "i", "j"]   # (c) is missing in the source


def test_definitions_after_a_lettered_list_are_not_part_of_its_last_item() -> None:
    s1 = provision(STATUTES / "za-pctip-2013.txt", "1")
    assert s1.items[-1].text == "economic circumstances;"
    assert '"child" means a person under the age of 18 years;' in s1.text


def test_hyphenated_line_ends_rejoin_words_the_document_uses(tmp_path: Path) -> None:
    path = write(tmp_path / "act.txt", """
        1. Offence
        (1) A person who recruits a child for sexual exploi-
        tation commits an offence.
        (2) Exploitation includes non-
        custodial sentences.
        """)
    items = read_statute(path).provisions[0].items
    assert "sexual exploitation commits" in items[0].text
    assert "non-custodial" in items[1].text   # "noncustodial" is no word of this Act


def test_article_style_and_markdown(tmp_path: Path) -> None:
    path = write(tmp_path / "law.md", """
        # Law on Trafficking

        ## Article 3. Definitions

        **1.** text

        ## Article 4

        (1) Whoever recruits a child shall be punished.
        """)
    statute = read_statute(path)
    assert [p.citation() for p in statute.provisions] == ["Article 3", "Article 4"]
    assert statute.provisions[0].citation(("1",)) == "Article 3(1)"   # "1." under an Article
    assert statute.provisions[1].items[0].text == "Whoever recruits a child shall be punished."


def _docx_bytes(lines: list[str]) -> bytes:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0).text = "9. Penalty"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_word_files_are_read_paragraph_by_paragraph(tmp_path: Path) -> None:
    lines = (STATUTES / "sg-phta-2014.txt").read_text(encoding="utf-8").splitlines()[2:]
    path = tmp_path / "sg.docx"
    path.write_bytes(_docx_bytes(lines))
    statute = read_statute(path)
    assert [p.citation() for p in statute.provisions] == ["s 2", "s 3", "s 9"]
    assert statute.provisions[1].items[1].text.startswith("Any person who recruits")


def test_akoma_ntoso_without_entities(tmp_path: Path) -> None:
    path = write(tmp_path / "act.xml", """
        <?xml version="1.0"?>
        <!DOCTYPE akomaNtoso [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
        <akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
          <act><body><chapter><num>2</num><heading>Offences</heading>
            <section eId="sec_3"><num>3.</num><heading>Trafficking in persons</heading>
              <subsection><num>(2)</num><content><p>Any person who recruits a child
                for the purpose of the exploitation of the child shall be guilty of an
                offence. &secret;</p></content></subsection>
            </section></chapter></body></act>
        </akomaNtoso>
        """)
    section = read_statute(path).provisions[0]
    assert section.citation(("2",)) == "s 3(2)"
    assert section.heading == "Trafficking in persons" and section.part == "Chapter 2 Offences"
    assert "root:" not in section.full_text() and "recruits a child" in section.full_text()


@pytest.mark.parametrize("content, message", [
    (b"", "file is empty"),
    (b"   \n\n", "file is empty"),
    (bytes(range(256)) * 20, "binary"),
    (b"PK\x03\x04not really a zip", "is not a DOCX file"),
    (b"<?xml version='1.0'?><law/>", "not Akoma Ntoso"),
    (b"<?xml version='1.0'?><akomaNtoso><unclosed>", "invalid XML"),
])
def test_bad_input_is_refused_with_a_message(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    with pytest.raises(ModellawError, match=message):
        read_statute(path)


def test_huge_files_and_zip_bombs_are_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(ModellawError, match="larger than"):
        read_statute(big)
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"0" * 70_000_000)
    with pytest.raises(ModellawError, match="zip bomb"):
        read_statute(bomb)


def test_several_files_and_none() -> None:
    statutes = read_statutes([STATUTES / "za-pctip-2013.txt", STATUTES / "sg-phta-2014.txt"])
    assert [s.path.name for s in statutes] == ["za-pctip-2013.txt", "sg-phta-2014.txt"]
    with pytest.raises(ModellawError, match="at least one"):
        read_statutes([])


def test_word_numbering_labels_are_read_back_from_numbering_xml(tmp_path: Path) -> None:
    """A Word statute numbers its subsections with automatic numbering: the numbers are not
    in the text, only in numbering.xml, and must not be lost."""
    from modellaw.draft.assemble import assemble
    from modellaw.library.project import load
    from modellaw.write.docx import render_docx

    from .conftest import ROOT

    library, profile = load("model", ROOT)
    path = tmp_path / "act.docx"
    path.write_bytes(render_docx(assemble(library, profile)))
    statute = read_statute(path)
    (section,) = [p for p in statute.provisions if p.number == "4"]  # not the arrangement's
    assert "Recruitment of children" in section.heading
    assert section.items[0].marker == "1" and section.items[0].children[0].marker == "a"
    assert section.items[0].children[0].text == "child sex trafficking;"
