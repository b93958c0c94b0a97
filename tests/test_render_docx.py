"""The DOCX writer: styles, real Word numbering that prints the model's labels, bookmarks and
REF fields, header/footer fields, properties, identical bytes, and what LibreOffice draws."""

from __future__ import annotations

import io
import re
import time
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from modellaw.model import Bill, Kind, Node
from modellaw.write.docx import Schedule, bookmark_name, render_docx, word_label

from .docx_fixtures import bill_with_odd_numbers, sample_bill
from .libreoffice import pdf_text

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
ROOT = Path(__file__).resolve().parents[1]
LIST_STYLES = {"Subsection": 0, "Paragraph": 1, "Subparagraph": 2}


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def part_xml(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return etree.fromstring(zf.read(name))


def open_docx(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def read(p) -> str:
    """A paragraph's words as a reader compares them: the no-break space that keeps
    "section" on the line of its number read as a space, the joiner that keeps a closing
    dash on its word's line as nothing."""
    return p.text.replace("\u00a0", " ").replace("\u2060", "")


def styled(document, style: str) -> list:
    return [p for p in document.paragraphs if p.style.name == style]


def numbered_nodes(bill: Bill) -> list[Node]:
    """Subsections, paragraphs and subparagraphs, in document order."""
    return [n for n in bill.walk() if n.kind in (Kind.SUBSECTION, Kind.PARAGRAPH,
                                                 Kind.SUBPARAGRAPH)]


def resolve_labels(data: bytes) -> list[str]:
    """The label Word prints for each list paragraph, computed from numbering.xml the way
    Word does (counters per w:num; a level restarts after any higher level), or the typed
    label when numbering is switched off."""
    numbering = part_xml(data, "word/numbering.xml")
    abstract = {a.get(_w("abstractNumId")): a for a in numbering.findall("w:abstractNum", NS)}
    nums = {n.get(_w("numId")): abstract[n.find("w:abstractNumId", NS).get(_w("val"))]
            for n in numbering.findall("w:num", NS)}
    counters: dict[str, list[int]] = {}
    labels = []
    body = part_xml(data, "word/document.xml").find("w:body", NS)
    for p in body.iter(_w("p")):
        style = p.find("w:pPr/w:pStyle", NS)
        if style is None or style.get(_w("val")) not in LIST_STYLES:
            continue
        num_id = p.find("w:pPr/w:numPr/w:numId", NS).get(_w("val"))
        level = int(p.find("w:pPr/w:numPr/w:ilvl", NS).get(_w("val")))
        if num_id == "0":
            labels.append(p.find("w:r/w:t", NS).text)
            continue
        count = counters.setdefault(num_id, [0] * 9)
        count[level] += 1
        count[level + 1:] = [0] * (8 - level)
        lvl = nums[num_id].find(f"w:lvl[@w:ilvl='{level}']", NS)
        fmt = lvl.find("w:numFmt", NS).get(_w("val"))
        n = count[level]
        value = {"decimal": str(n), "lowerLetter": chr(96 + (n - 1) % 26 + 1) * ((n - 1) // 26 + 1),
                 "lowerRoman": ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix",
                                "x"][n]}[fmt]
        labels.append(lvl.find("w:lvlText", NS).get(_w("val")).replace(f"%{level + 1}", value))
    return labels


@pytest.fixture(scope="module")
def bill() -> Bill:
    return sample_bill()


@pytest.fixture(scope="module")
def data(bill: Bill) -> bytes:
    return render_docx(bill, schedules=(Schedule(
        "Gap checklist", ("Element", "Status"), (("Child definition", "met"),
                                                 ("Advertising offence", "missing")),
        intro="What the current law already does."),))


@pytest.fixture(scope="module")
def civil() -> tuple[Bill, bytes]:
    bill = sample_bill("civil-law")
    return bill, render_docx(bill)


# --- styles and structure -----------------------------------------------------------------

def test_named_styles_exist_with_a_serif_font(data: bytes) -> None:
    document = open_docx(data)
    names = {s.name for s in document.styles}
    for name in ("Bill Title", "Long Title", "Enacting Formula", "Arrangement Heading",
                 "toc 2", "Part Heading", "Section Heading", "Subsection",
                 "Paragraph", "Subparagraph", "Definition", "Wrap Up", "Schedule Heading"):
        assert name in names, name
    styles = part_xml(data, "word/styles.xml")
    fonts = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS)
    assert fonts.get(_w("ascii")) == "Times New Roman"
    heading = styles.find("w:style[@w:styleId='SectionHeading']", NS)
    assert heading.find("w:pPr/w:keepNext", NS) is not None
    assert heading.find("w:rPr/w:b", NS) is not None
    for style_id, level in (("Subsection", 0), ("Paragraph", 1), ("Subparagraph", 2)):
        numpr = styles.find(f"w:style[@w:styleId='{style_id}']/w:pPr/w:numPr", NS)
        assert numpr.find("w:ilvl", NS).get(_w("val")) == str(level)
        assert numpr.find("w:numId", NS).get(_w("val")) == "1"


def test_front_matter_in_order(bill: Bill, data: bytes) -> None:
    document = open_docx(data)
    order = [(p.style.name, read(p)) for p in document.paragraphs
             if p.style.name in ("Bill Title", "Long Title", "Preamble", "Enacting Formula",
                                 "Arrangement Heading", "Part Heading")]
    assert order[:5] == [("Bill Title", "Sample Act"),
                         ("Arrangement Heading", "Arrangement of sections"),
                         ("Long Title", bill.long_title),
                         ("Preamble", bill.preamble[0]),
                         ("Enacting Formula", bill.enacting_formula)]
    assert [t for s, t in order if s == "Part Heading"] == ["Part 1\nPreliminary",
                                                            "Part 2\nOffences"]


def test_arrangement_lists_every_section_and_the_schedule(bill: Bill, data: bytes) -> None:
    document = open_docx(data)
    entries = [read(p) for p in styled(document, "toc 2")]
    assert entries == [f"{s.num}.\t{s.heading}" for s in bill.sections()]
    parts = [read(p) for p in styled(document, "toc 1")]
    assert parts == ["Part 1 \u2014 Preliminary", "Part 2 \u2014 Offences",
                     "Schedule \u2014 Gap checklist"]


def test_section_headings_and_text(bill: Bill, data: bytes) -> None:
    document = open_docx(data)
    assert [read(p) for p in styled(document, "Section Heading")] == [
        f"{s.num}.\t{s.heading}" for s in bill.sections()]
    texts = [read(p) for p in styled(document, "Section Text")]
    assert texts == ["This Act may be cited as the Sample Act.", "In this Act\u2014",
                     "A court must consider whether\u2014"]


def test_styles_applied_to_each_level(bill: Bill, data: bytes) -> None:
    document = open_docx(data)
    by_style = {name: [read(p) for p in styled(document, name)] for name in LIST_STYLES}
    for node in numbered_nodes(bill):
        style = {Kind.SUBSECTION: "Subsection", Kind.PARAGRAPH: "Paragraph",
                 Kind.SUBPARAGRAPH: "Subparagraph"}[node.kind]
        assert node.plain_text in by_style[style]
    wrap = [read(p) for p in styled(document, "Wrap Up")]
    assert wrap == ["whether or not for gain;", "commits an offence.", "commits an offence.",
                    "the advertisement commits an offence."]


def test_definitions_bold_term_in_curly_quotes(data: bytes) -> None:
    document = open_docx(data)
    definitions = styled(document, "Definition")
    assert [read(p) for p in definitions] == [
        "\u201cchild\u201d means a person under 18 years;",
        "\u201csexual exploitation\u201d means\u2014",
        "\u201cservice provider\u201d means a person providing a service referred to in "
        "section 3."]
    for p in definitions:
        term_runs = [r for r in p.runs if r.style.name == "Defined Term"]
        assert len(term_runs) == 1 and term_runs[0].text in read(p)
        assert p.runs[0].text == "\u201c" and p.runs[0].bold
    # a definition's own list: numbered (a), (b) below it
    paras = [p for p in document.paragraphs if read(p) in ("prostitution; or", "pornography,")]
    assert {p.style.name for p in paras} >= {"Paragraph"}


# --- numbering ----------------------------------------------------------------------------

def test_list_paragraphs_carry_real_numbering(data: bytes) -> None:
    body = part_xml(data, "word/document.xml")
    for p in body.iter(_w("p")):
        style = p.find("w:pPr/w:pStyle", NS)
        if style is not None and style.get(_w("val")) in LIST_STYLES:
            numpr = p.find("w:pPr/w:numPr", NS)
            assert numpr is not None
            assert numpr.find("w:numId", NS).get(_w("val")) != "0"
            assert numpr.find("w:ilvl", NS).get(_w("val")) == str(
                LIST_STYLES[style.get(_w("val"))])
            assert not re.match(r"\(\w+\)", "".join(p.itertext())), "label typed as text"


def test_word_prints_exactly_the_models_labels(bill: Bill, data: bytes) -> None:
    assert resolve_labels(data) == [n.num for n in numbered_nodes(bill)]


def test_one_list_per_section_each_with_its_own_abstract_num(data: bytes) -> None:
    numbering = part_xml(data, "word/numbering.xml")
    nums = numbering.findall("w:num", NS)
    abstract_ids = [n.find("w:abstractNumId", NS).get(_w("val")) for n in nums]
    assert len(set(abstract_ids)) == len(abstract_ids), "an abstractNum shared between lists"
    assert not numbering.findall(".//w:startOverride", NS)
    assert len({a.find("w:nsid", NS).get(_w("val"))
                for a in numbering.findall("w:abstractNum", NS)}) == len(nums)
    # schema order: every abstractNum before the first num
    tags = [etree.QName(el).localname for el in numbering]
    assert tags == sorted(tags)  # "abstractNum" < "num"
    # which list each section's paragraphs use: distinct lists, so numbering restarts
    body = part_xml(data, "word/document.xml").find("w:body", NS)
    used: dict[str, set[str]] = {}
    section = ""
    for p in body.findall("w:p", NS):
        style = p.find("w:pPr/w:pStyle", NS)
        sid = style.get(_w("val")) if style is not None else ""
        if sid in ("SectionHeading", "Definition"):
            section = "".join(p.itertext())
        elif sid in LIST_STYLES:
            used.setdefault(section, set()).add(
                p.find("w:pPr/w:numPr/w:numId", NS).get(_w("val")))
    assert all(len(ids) == 1 for ids in used.values())
    all_ids = [next(iter(ids)) for ids in used.values()]
    # sections 3, 4 and 5 and the definition of "sexual exploitation": a list each
    assert len(all_ids) == len(set(all_ids)) == 4
    assert len(nums) == 5  # and the base list the styles link to


def test_labels_word_cannot_print_are_typed(bill: Bill) -> None:
    odd = bill_with_odd_numbers()
    data = render_docx(odd)
    assert resolve_labels(data) == [n.num for n in numbered_nodes(odd)]
    body = part_xml(data, "word/document.xml")
    typed = [p for p in body.iter(_w("p"))
             if p.find("w:pPr/w:numPr/w:numId[@w:val='0']", NS) is not None]
    assert [p.find("w:r/w:t", NS).text for p in typed] == ["(c)"]
    assert typed[0].find("w:r/w:tab", NS) is not None  # label, tab, text: as Word would


def test_word_label_formats() -> None:
    assert [word_label(0, n, "common-law") for n in (1, 12)] == ["(1)", "(12)"]
    assert word_label(0, 3, "civil-law") == "3."
    assert [word_label(1, n, "") for n in (1, 26, 27, 28)] == ["(a)", "(z)", "(aa)", "(bb)"]
    assert [word_label(2, n, "") for n in (1, 4, 9, 14)] == ["(i)", "(iv)", "(ix)", "(xiv)"]


# --- bookmarks and cross-references -------------------------------------------------------

def test_bookmarks_balanced_unique_and_named_from_clause_ids(bill: Bill, data: bytes) -> None:
    body = part_xml(data, "word/document.xml")
    starts = body.findall(".//w:bookmarkStart", NS)
    ends = body.findall(".//w:bookmarkEnd", NS)
    start_ids = [s.get(_w("id")) for s in starts]
    assert sorted(start_ids) == sorted(e.get(_w("id")) for e in ends)
    assert len(set(start_ids)) == len(start_ids)
    order = [(etree.QName(el).localname, el.get(_w("id"))) for el in body.iter(
        _w("bookmarkStart"), _w("bookmarkEnd"))]
    for bid in start_ids:
        assert order.index(("bookmarkStart", bid)) < order.index(("bookmarkEnd", bid))
    names = [s.get(_w("name")) for s in starts]
    assert len(set(names)) == len(names)
    assert all(len(n) <= 40 and re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", n) for n in names)
    clauses = {n.provenance.clause for n in bill.walk()
               if n.kind in (Kind.SECTION, Kind.DEFINITION)}
    for clause in clauses:
        assert "ml_" + clause.replace("-", "_") in names
    assert "ml_offence_recruitment_no_consent" in names  # a subsection a Ref targets


def test_ref_fields_have_cached_results_and_read_as_the_label(data: bytes) -> None:
    body = part_xml(data, "word/document.xml")
    instr = [" ".join(t.text.split()) for t in body.iter(_w("instrText"))]
    assert instr.count("REF ml_offence_recruitment \\h") == 2
    assert instr.count("REF ml_interpretation \\h") == 1
    for begin in body.iter(_w("fldChar")):
        if begin.get(_w("fldCharType")) != "separate":
            continue
        result = begin.getparent().getnext()
        assert result.find("w:t", NS).text.strip()  # never an empty result
    # the field covers exactly the bookmarked section number, so updating it changes nothing
    p = next(p for p in open_docx(data).paragraphs if read(p).startswith("See "))
    assert read(p) == "See section 3(2) and section 2."
    section_3 = next(b for b in body.iter(_w("bookmarkStart"))
                     if b.get(_w("name")) == "ml_offence_recruitment")
    seq = section_3.getnext()
    assert "".join(seq.itertext()) == "" and seq.find("w:fldChar", NS) is not None
    assert " ".join(seq.getnext().find("w:instrText", NS).text.split()) == "SEQ Section \\* ARABIC"
    assert seq.getnext().getnext().getnext().find("w:t", NS).text == "3"


def test_bookmark_names() -> None:
    taken: set[str] = set()
    assert bookmark_name("offence-recruitment", taken) == "ml_offence_recruitment"
    long = "a" * 60
    first, second = bookmark_name(long, taken), bookmark_name(long, taken)
    assert len(first) == len(second) == 40 and first != second
    assert bookmark_name("x.y#z", taken) == "ml_x_y_z"


# --- page furniture and properties --------------------------------------------------------

def test_header_and_footer(data: bytes) -> None:
    header = part_xml(data, "word/header1.xml")
    assert "".join(header.itertext()) == "Sampleland \u2014 Sample ActDRAFT"
    assert header.find(".//w:tab", NS) is not None
    footer = part_xml(data, "word/footer1.xml")
    assert [t.text.strip() for t in footer.iter(_w("instrText"))] == ["PAGE", "NUMPAGES"]
    types = [f.get(_w("fldCharType")) for f in footer.iter(_w("fldChar"))]
    assert types == ["begin", "separate", "end"] * 2
    assert "".join(footer.itertext()).replace(" PAGE ", "").replace(" NUMPAGES ", "") \
        == "Page 1 of 1"
    section = open_docx(data).sections[0]
    assert section.page_width.mm == pytest.approx(210, abs=0.5)
    assert section.page_height.mm == pytest.approx(297, abs=0.5)
    assert section.header.paragraphs[0].style.name == "Header"  # python-docx capitalises built-ins


def test_core_and_custom_properties(bill: Bill, data: bytes) -> None:
    props = open_docx(data).core_properties
    assert props.title == "Sample Act"
    assert props.author == props.last_modified_by == "modellaw"
    assert props.revision == 1
    assert props.created.isoformat().startswith("2026-03-04T00:00:00")
    assert props.modified == props.created
    assert "jurisdiction:zz" in props.keywords
    assert props.identifier == "modellaw:zz"
    assert "Sampleland" in props.subject
    custom = part_xml(data, "docProps/custom.xml")
    values = {p.get("name"): "".join(p.itertext()) for p in custom}
    assert values["modellaw.jurisdiction"] == "zz"
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert not [n for n in zf.namelist() if "thumbnail" in n]
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_schedule_table(data: bytes) -> None:
    document = open_docx(data)
    assert [read(p) for p in styled(document, "Schedule Heading")] == ["Schedule\nGap checklist"]
    assert [read(p) for p in styled(document, "Schedule Text")] == [
        "What the current law already does."]
    (table,) = document.tables
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["Element", "Status"], ["Child definition", "met"], ["Advertising offence", "missing"]]
    assert table.style.name == "Schedule Table"
    assert table.rows[0]._tr.find("w:trPr/w:tblHeader", NS) is not None


def test_same_bill_same_bytes_across_two_seconds(bill: Bill) -> None:
    first = render_docx(bill)
    time.sleep(2.1)  # past the zip format's 2-second time resolution
    assert render_docx(bill) == first


# --- civil-law drafting -------------------------------------------------------------------

def test_civil_law_articles_and_numbering(civil: tuple[Bill, bytes]) -> None:
    bill, data = civil
    document = open_docx(data)
    assert [read(p) for p in styled(document, "Section Heading")] == [
        f"Article {s.num}\n{s.heading}" for s in bill.sections()]
    assert [read(p) for p in styled(document, "toc 2")] == [
        f"Article {s.num}\t{s.heading}" for s in bill.sections()]
    assert styled(document, "Arrangement Heading")[0].text == "Arrangement of articles"
    assert styled(document, "Part Heading")[1].text == "Chapter II\nOffences"
    assert resolve_labels(data) == [n.num for n in numbered_nodes(bill)]
    assert "1." in [n.num for n in numbered_nodes(bill)]
    p = next(p for p in document.paragraphs if read(p).startswith("See "))
    assert read(p) == "See Article 3, paragraph 2 and Article 2."


# --- what LibreOffice draws ---------------------------------------------------------------

# a label starts a line and text follows it (a wrapped "section\n3." is not a label);
# a civil-law article number stands alone on its line, its heading below
# (only label shapes: "(12)", "(b)", "(aa)", "(iv)" -- not a wrapped "(Prevention)")
LABEL_LINE = re.compile(r"^\s*(Article \d+(?=\s*$)|(?:\((?:\d+|[a-z]{1,3}|[ivxl]+)\)|\d+\.)(?=\s+\S))")


def _drawn_labels(pdf_text: str, after: str) -> list[str]:
    body = pdf_text[pdf_text.index(after):]
    return [m.group(1) for line in body.splitlines() if (m := LABEL_LINE.match(line))]


def _expected_labels(bill: Bill) -> list[str]:
    out = []
    for node in bill.walk():
        if node.kind is Kind.SECTION:
            out.append(f"Article {node.num}" if bill.style.tradition == "civil-law"
                       else f"{node.num}.")
        elif node.kind in (Kind.SUBSECTION, Kind.PARAGRAPH, Kind.SUBPARAGRAPH) and node.num:
            out.append(node.num)
    return out


def libreoffice_text(tmp_path: Path, files: dict[str, bytes]) -> dict[str, str]:
    return pdf_text(tmp_path, files)


def test_libreoffice_draws_the_models_labels(tmp_path: Path, bill: Bill, data: bytes,
                                             civil: tuple[Bill, bytes]) -> None:
    texts = libreoffice_text(tmp_path, {"common": data, "civil": civil[1]})
    assert _drawn_labels(texts["common"], bill.enacting_formula[:20]) == _expected_labels(bill)
    assert _drawn_labels(texts["civil"], civil[0].enacting_formula[:20]) \
        == _expected_labels(civil[0])
    flat = " ".join(texts["common"].split())
    assert "See section 3(2) and section 2." in flat  # REF fields as LibreOffice computes them
    assert "referred to in section 3." in flat
    assert "See Article 3, paragraph 2 and Article 2." in " ".join(texts["civil"].split())
    assert "Page 2 of" in flat and "ARRANGEMENT OF SECTIONS" in flat


# --- the real model bill ------------------------------------------------------------------

@pytest.fixture(scope="module")
def model_bill() -> Bill:
    """The model bill drafted from the project's clause library through the library API."""
    from modellaw.draft.assemble import assemble
    from modellaw.library.project import load

    library, profile = load("model", ROOT)
    return assemble(library, profile)


def test_real_model_bill_structure(model_bill: Bill) -> None:
    data = render_docx(model_bill)
    document = open_docx(data)
    sections = list(model_bill.sections())
    assert len(sections) >= 8
    assert [read(p) for p in styled(document, "toc 2")] == [
        f"{s.num}.\t{s.heading}" for s in sections]
    assert [read(p) for p in styled(document, "Section Heading")] == [
        f"{s.num}.\t{s.heading}" for s in sections]
    assert len(styled(document, "Part Heading")) == len(model_bill.parts)
    assert resolve_labels(data) == [n.num for n in numbered_nodes(model_bill)]
    # every provision's words, cross-references included, read exactly as the model's
    texts = {read(p) for p in document.paragraphs}
    for node in numbered_nodes(model_bill):
        assert node.plain_text in texts, node.id
    definitions = [n for n in model_bill.walk() if n.kind is Kind.DEFINITION]
    assert [read(p) for p in styled(document, "Definition")] == [
        f"\u201c{d.term}\u201d {d.plain_text}".rstrip() for d in definitions]
    names = {b.get(_w("name")) for b in part_xml(data, "word/document.xml").iter(
        _w("bookmarkStart"))}
    for node in [*sections, *definitions]:
        assert bookmark_name(node.provenance.clause, set()) in names
    assert render_docx(model_bill) == data


def test_real_model_bill_as_libreoffice_draws_it(tmp_path: Path, model_bill: Bill) -> None:
    text = libreoffice_text(tmp_path, {"model": render_docx(model_bill)})["model"]
    assert _drawn_labels(text, model_bill.enacting_formula[:20]) == _expected_labels(model_bill)


def test_schedule_columns_take_their_relative_widths() -> None:
    bill = sample_bill()
    schedule = Schedule("Gap checklist", ("A", "B"), (("x", "y"),), widths=(3, 1))
    with zipfile.ZipFile(io.BytesIO(render_docx(bill, schedules=(schedule,)))) as zf:
        document = etree.fromstring(zf.read("word/document.xml"))
    grid = [int(c.get(f"{{{W}}}w")) for c in document.iter(f"{{{W}}}gridCol")]
    assert len(grid) == 2 and abs(grid[0] - 3 * grid[1]) < 3  # twips, rounded down


def test_a_closing_dash_is_joined_to_its_word_and_read_back_without_the_joiner(
        data: bytes, tmp_path: Path) -> None:
    """LibreOffice may break before an em dash and leave it alone on a line: a WORD JOINER
    binds it to its word; the reader drops the joiner, so the words read as drafted."""
    from modellaw.read.document import read_document

    texts = ["".join(t.text or "" for t in p.iter(_w("t")))
             for p in part_xml(data, "word/document.xml").iter(_w("p"))]
    lead_ins = [t for t in texts if re.search(r"\w\u2060?\u2014$", t)]
    assert lead_ins and all(t.endswith("\u2060\u2014") for t in lead_ins)
    path = tmp_path / "bill.docx"
    path.write_bytes(data)
    read = read_document(path).bill
    words = [n.plain_text for n in read.walk()]
    assert "In this Act\u2014" in words and not any("\u2060" in w for w in words)


def test_a_dash_after_a_cross_referenced_number_is_joined_to_it() -> None:
    """"any of sections 3 to 7—": the 7 is a REF field's result and the dash opens the next
    run, so the joiner goes at the start of that run."""
    from tests.diff_fixtures import ROOT, model_bill

    body = part_xml(render_docx(model_bill(ROOT)), "word/document.xml")
    texts = ["".join(t.text or "" for t in p.iter(_w("t"))) for p in body.iter(_w("p"))]
    lead_in = [t for t in texts if t.startswith("Each of the following is an aggravating")]
    assert lead_in and lead_in[0].endswith("3 to\u00a07\u2060\u2014")
