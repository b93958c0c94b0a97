"""Civil-law drafts are laws, not bills with Articles: a numbered law with a preamble of
visas between the promulgating authority and its formula, civil-law wording, a closing
article on execution and publication, and each country's own institutions and forms.

Each test fails on the text drafted before (issue 11, "Civil-law drafting that is civil law").
"""

from __future__ import annotations

import io
import re

import docx
import pytest
from lxml import etree

from modellaw.draft.assemble import assemble
from modellaw.library.project import load
from modellaw.model import Bill, plain
from modellaw.write.akn import AKN_NS, render_akn
from modellaw.write.akn_checks import check_akn
from modellaw.write.docx import render_docx
from modellaw.write.html import render_html
from modellaw.write.markdown import render_markdown

from .conftest import ROOT

CIVIL = ("qa", "iq")
NS = {"a": AKN_NS}


def _bill(profile: str) -> Bill:
    library, prof = load(profile, ROOT)
    return assemble(library, prof)


def _body(bill: Bill) -> str:
    """Every provision's words, nothing of the front matter."""
    return " ".join(plain(n.text) + " " + plain(n.wrap_up) + " " + n.heading for n in bill.walk())


@pytest.mark.parametrize("pid", CIVIL)
def test_a_civil_law_draft_is_a_numbered_law_with_a_preamble_not_a_bill(pid: str) -> None:
    bill = _bill(pid)
    text = render_markdown(bill)
    assert "A BILL" not in text and bill.long_title not in text
    assert text.startswith("# Law No. \\[..\\] of 2026 on Combating Technology-Facilitated Child "
                           "Sex Trafficking\n")
    assert "*Draft law \u2014 " in text and "## Table of contents" in text
    assert "## Chapter One \u2014 Definitions" in text and "## Chapter Three \u2014 Penalties" in text
    front = text[:text.index("## Table of contents")]
    assert f"**{bill.authority}**" in front and f"**{bill.enacting_formula}**" in front
    assert front.index(bill.authority) < front.index(bill.enacting_formula)
    assert bill.preamble and all(re.sub(r"([\[\]])", r"\\\1", v) in front for v in bill.preamble)


def test_each_civil_law_profile_has_its_own_visas_authority_and_formula() -> None:
    qa, iq = _bill("qa"), _bill("iq")
    assert qa.authority == "We, Tamim bin Hamad Al Thani, Emir of the State of Qatar,"
    assert "Having regard to the Constitution;" in qa.preamble
    assert "Having regard to Law No. 15 of 2011 on Combating Trafficking in Human Beings;" in qa.preamble
    assert qa.enacting_formula == "Have decreed the following Law:"
    # what the sources do not show is left in brackets for the drafter
    assert any(v.startswith("[") and "Shura Council" in v for v in qa.preamble)
    assert iq.authority == "In the name of the people"
    assert "item (First) of Article (61) and item (Third) of Article (73) of the Constitution" in iq.preamble[0]
    assert not set(qa.preamble) & set(iq.preamble)


def test_civil_law_wording_not_common_law_wording() -> None:
    for pid in CIVIL:
        text = _body(_bill(pid))
        for common in ("not a defence", "a charge", "body corporate", "community sentence",
                       "the accused", "proceedings lie", "commits an offence and is liable",
                       "Short title", "may be cited as"):
            assert common not in text, (pid, common)
        assert "legal person" in text and "is punishable by imprisonment" in text
        assert "to the conduct or to the intended sexual exploitation shall have no effect" in text
        assert "The perpetrator is punishable even if the advertisement did not state" in text
        assert "on the application of the Public Prosecution" in text
        assert "is punishable by a fine not exceeding 10,000,000" in text
    # the common-law bill keeps its own words
    za = _body(_bill("za"))
    assert "It is not a defence to a charge under this section" in za and "body corporate" in za
    assert "a community sentence" in za and "Official Gazette" not in za.split("Short title")[0]


def test_a_civil_law_law_ends_with_execution_and_publication_and_has_no_short_title() -> None:
    qa, iq, za = _bill("qa"), _bill("iq"), _bill("za")
    last = list(qa.sections())[-1]
    assert last.id == "execution-and-publication" and last.heading == "Execution and publication"
    assert plain(last.text) == ("The competent authorities, each within its jurisdiction, shall "
                                "implement this Law, which shall be published in the Official "
                                "Gazette and come into force [thirty days] after the date of its "
                                "publication.")
    iq_last = list(iq.sections())[-1]
    assert iq_last.heading == "Entry into force"
    assert plain(iq_last.text) == ("This Law shall come into force [thirty days] after the date of "
                                   "its publication in the Official Gazette.")
    assert qa.find("short-title") is None and iq.find("short-title") is None
    assert za.find("short-title") is not None and za.find("execution-and-publication") is None


def test_qatar_and_iraq_differ_in_substance_not_only_in_the_formula() -> None:
    qa, iq = _bill("qa"), _bill("iq")
    qa_text, iq_text = _body(qa), _body(iq)
    assert qa_text.replace("Riyals", "").replace("Qatar", "") != \
        iq_text.replace("Iraqi dinars", "").replace("Iraq", "")
    assert "National Committee to Combat Human Trafficking, established by Council of Ministers " \
           "Decision No. 15 of 2017" in qa_text
    assert "Central Committee to Prevent Human Trafficking, formed within the Ministry of " \
           "Interior under Article 2 of Law No. 28 of 2012" in iq_text
    assert "report that fact to the Ministry of Interior" in qa_text
    # Iraq's laws end with their reasons; Qatar's do not
    assert iq.reasons.startswith("In order to criminalise child sex trafficking") and \
        iq.reasons.endswith(", this Law has been enacted.")
    assert "matters connected therewith" not in iq.reasons
    assert qa.reasons == ""
    assert render_markdown(iq).rstrip().endswith(iq.reasons)
    assert "Justifying reasons" in render_markdown(iq) and "Justifying reasons" not in render_markdown(qa)


@pytest.mark.parametrize("pid", CIVIL)
def test_word_prints_the_law_title_authority_visas_and_formula(pid: str) -> None:
    bill = _bill(pid)
    document = docx.Document(io.BytesIO(render_docx(bill)))
    paras = [(p.style.name, p.text) for p in document.paragraphs]
    assert ("Cover Line", "A Bill") not in paras and not any(s == "Long Title" for s, _ in paras)
    assert ("Bill Title", bill.short_title) in paras and ("Cover Line", bill.short_title) in paras
    assert [t for s, t in paras if s == "Preamble"] == list(bill.preamble)
    formulas = [t for s, t in paras if s == "Enacting Formula"]
    assert formulas == [bill.authority, bill.enacting_formula]
    assert ("Part Heading", "Chapter One\nDefinitions") in paras
    if bill.reasons:
        assert paras[-2:] == [("Part Heading", "Justifying reasons"), ("Section Text", bill.reasons)]


@pytest.mark.parametrize("pid", CIVIL)
def test_akoma_ntoso_carries_the_number_the_visas_as_citations_and_stays_valid(pid: str) -> None:
    bill = _bill(pid)
    for doctype in ("bill", "act"):
        data = render_akn(bill, doctype)
        assert check_akn(data) == []  # schema, naming convention and drafting checks
        root = etree.fromstring(data)
        assert root.find(".//a:longTitle", NS) is None
        assert root.findtext(".//a:preface//a:docNumber", namespaces=NS) == "Law No. [..] of 2026"
        assert root.findtext(".//a:preface//a:docTitle", namespaces=NS) == \
            "on Combating Technology-Facilitated Child Sex Trafficking"
        citations = root.findall(".//a:preamble/a:citations/a:citation", NS)
        assert [c.findtext("a:p", namespaces=NS) for c in citations] == list(bill.preamble)
        assert [c.get("eId") for c in citations] == [f"cit_{i}" for i in range(1, len(citations) + 1)]
        assert root.findtext(".//a:preamble/a:p[@class='authority']", namespaces=NS) == bill.authority
        assert root.find(".//a:recitals", NS) is None
        reasons = root.find(".//a:conclusions/a:container[@name='reasons']", NS)
        assert (reasons is not None) == bool(bill.reasons)
        chapters = [p.findtext("a:num", namespaces=NS) for p in root.findall(".//a:body/a:part", NS)]
        assert chapters[:3] == ["One", "Two", "Three"]


def test_akn_check_still_finds_a_gap_in_chapters_numbered_in_words() -> None:
    data = render_akn(_bill("qa")).replace(b"<num>Two</num>", b"<num>Four</num>", 1)
    found = [f for f in check_akn(data) if f.check == "numbering"]
    assert found and "'Two' comes next" in found[0].message


def test_html_prints_the_civil_law_front_matter() -> None:
    bill = _bill("qa")
    page = render_html(bill).decode()
    assert "A BILL" not in page and 'class="long-title"' not in page
    assert '<p class="authority">We, Tamim bin Hamad Al Thani, Emir of the State of Qatar,</p>' in page
    assert page.count('<p class="visa">') == len(bill.preamble)
    assert ">Chapter One<span" in page
    assert "A BILL" in render_html(_bill("za")).decode()
