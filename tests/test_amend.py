"""Amendment mode: plans, instructions, the uniqueness rule, insertion numbering, the round
trip, and the amending bill and Keeling schedule on real statutes."""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from modellaw.amend.apply import apply_one, prove
from modellaw.amend.basis import read_acts
from modellaw.amend.instructions import Instruction, Locator, derive
from modellaw.amend.plan import Change
from modellaw.amend.run import amend
from modellaw.amend.style import Tradition
from modellaw.amend.tree import edit
from modellaw.cli import main
from modellaw.judge.elements import judge
from modellaw.library.elements import BY_ID
from modellaw.library.project import load
from modellaw.read.document import read_document
from modellaw.write.akn_checks import check_akn, parse_akn, schema_findings
from modellaw.write.keeling import keeling_lines, render_markdown

ROOT = Path(__file__).resolve().parents[1]
STATUTES = ROOT / "tests" / "data" / "statutes"
AGE16 = ROOT / "tests" / "data" / "amend" / "age16-act.txt"
PARTIAL = ROOT / "tests" / "data" / "amend" / "partial-act.txt"


def _amend(path: Path, profile: str, style: str | None = None):
    library, prof = load(profile, ROOT)
    return amend([path], library, prof, style)


def test_age_is_substituted_in_place_and_the_quote_widened_until_unique():
    plan, bill = _amend(AGE16, "model")
    first = next(i for i in bill.instructions if i.where.term == "child")
    assert (first.action, first.where.term) == ("substitute", "child")
    # "16" occurs twice in the definition: the quote grows to words that occur once
    assert first.old == "of 16 years" and first.new == "of 18 years"
    assert "for \u201cof 16 years\u201d" not in first.text   # Commonwealth words, not UK
    assert "by deleting \u201cof 16 years\u201d and substituting \u201cof 18 years\u201d" \
        in first.text
    assert bill.proof.holds


def _plan_with(change: Change):
    (plan,), _ = _amend(AGE16, "model")
    target = edit(plan.act.bill, change.target, lambda _: change.nodes)
    return replace(plan, changes=(change,), target=target)


def _edited(node_id: str, old: str, new: str) -> Change:
    (plan,), _ = _amend(AGE16, "model")
    node = plan.act.bill.find(node_id)
    assert node is not None
    return Change("aggravated-penalties", "aggravated-penalties", "edit", node_id,
                  (replace(node, text=(node.plain_text.replace(old, new),)),))


def test_words_not_unique_in_the_section_narrow_the_locator_to_the_subsection():
    plan = _plan_with(_edited("sec-5.2", "for 16 years", "for 25 years"))
    (ins,) = derive(plan)
    assert ins.where == Locator("5", "", ("(2)",)) and ins.old == "for 16 years"
    assert prove(plan, [ins]).holds


def test_omit_and_insert_of_words_are_derived_and_apply():
    omitted = _plan_with(_edited("sec-5.1", " by means of force or fraud", ""))
    (ins,) = derive(omitted)
    assert ins.action == "omit" and ins.old == "by means of force or fraud"
    assert prove(omitted, [ins]).holds
    added = _plan_with(_edited("sec-5.1", "recruits,", "recruits, advertises,"))
    (ins,) = derive(added)
    assert ins.action == "insert" and "advertises" in ins.new and ins.old.startswith("recruits")
    assert prove(added, [ins]).holds


def test_an_instruction_whose_words_are_not_unique_is_refused_and_named():
    (plan,), bill = _amend(AGE16, "model")
    bad = Instruction("child-definition", "definition-child", "substitute",
                      Locator("5"), old="16", new="18")
    proof = prove(plan, [bad])
    assert not proof.holds and proof.failed is bad and "not once" in proof.why


@pytest.mark.parametrize("key,hyphen,after,taken,want", [
    ("commonwealth", False, "8", set(), ["8A", "8B"]),
    ("commonwealth", False, "8", {"8A"}, ["8B", "8C"]),
    ("uk", False, "63AB", set(), ["63AC", "63AD"]),
    ("civil", False, "5", set(), ["5 bis", "5 ter"]),
    ("civil", False, "5", {"5 bis"}, ["5 ter", "5 quater"]),
    ("civil", True, "23", set(), ["23-1", "23-2"]),
    ("civil", True, "225-4-1", set(), ["225-4-2", "225-4-3"]),
])
def test_insertion_numbering_never_renumbers(key, hyphen, after, taken, want):
    _, nums = Tradition(key, hyphen).inserted(after, taken, 2)
    assert nums == want


def _elements(path: Path) -> dict[str, str]:
    """What `analyze` finds, through the one reader and the one judge."""
    return {v.element: v.status for v in judge([read_document(path)]).verdicts}


@pytest.mark.parametrize("name,profile,style", [
    ("za-pctip-2013.txt", "za", None), ("sg-phta-2014.txt", "sg", None),
    ("ke-ctipa-2010.txt", "model", None), ("gb-msa-2015.txt", "model", "uk"),
    ("us-tx-penal-20a01.docx", "us", None), ("ng-tippea-2015-s13.pdf", "model", None),
    ("au-sa-clca-65a.html", "au", None), ("qa-law15-2011-art2-3.docx", "qa", None)])
def test_keeling_schedule_read_back_meets_every_core_element(tmp_path, name, profile, style):
    before = _elements(STATUTES / name)
    out, keeling = tmp_path / "bill.json", tmp_path / "keeling.docx"
    args = ["amend", str(STATUTES / name), "--profile", profile, "-o", str(out),
            "--keeling", str(keeling), "--root", str(ROOT)] + (["--style", style] if style else [])
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["round_trip"] is True and data["instructions"]
    assert {i["action"] for i in data["instructions"]} <= {"substitute", "insert", "omit",
                                                          "repeal"}
    after = _elements(keeling)
    lacked = [e for e, s in before.items() if s != "met" and BY_ID[e].core]
    assert lacked and all(after[e] == "met" for e in lacked), after
    document = zipfile.ZipFile(keeling).read("word/document.xml").decode("utf-8")
    assert "<w:ins " in document and 'w:author="modellaw"' in document
    assert 'w:date="2026-01-01T00:00:00Z"' in document


def test_kenya_child_defined_by_another_law_is_replaced_and_uk_words_are_uk(tmp_path):
    _, bill = _amend(STATUTES / "ke-ctipa-2010.txt", "model")
    replaced = [i for i in bill.instructions if i.where.term == "child"]
    assert replaced[0].text.endswith("by deleting the definition of \u201cchild\u201d and "
                                     "substituting the following definition\u2014")
    _, bill = _amend(STATUTES / "gb-msa-2015.txt", "model", "uk")
    assert bill.sections[0].lead.startswith("In the Modern Slavery Act 2015, after section 2 insert")
    assert bill.sections[-1].heading == "Commencement and short title"


def test_word_revisions_rejected_give_the_act_and_accepted_the_amended_act():
    (plan,), bill = _amend(STATUTES / "za-pctip-2013.txt", "za")
    kept = [" ".join(t for op, t in line.pieces if op != "delete") for line in keeling_lines(plan)]
    orig = [" ".join(t for op, t in line.pieces if op != "insert") for line in keeling_lines(plan)
            if line.whole != "insert"]
    accepted, rejected = " ".join(kept), " ".join(orig)
    assert all(n.plain_text in accepted for n in plan.target.walk())
    assert all(n.plain_text in rejected for n in plan.act.bill.walk())
    assert accepted != rejected


@pytest.mark.parametrize("path,profile,style", [
    (STATUTES / "za-pctip-2013.txt", "za", None), (PARTIAL, "model", "uk"),
    (STATUTES / "qa-law15-2011-art2-3.docx", "qa", None),
    (STATUTES / "fr-cp-225-4.odt", "model", None)])
def test_amending_bill_akn_passes_the_schema_and_the_projects_own_checks(path, profile, style):
    plans, bill = _amend(path, profile, style)
    from modellaw.write.amending_akn import render_amending_akn
    data = render_amending_akn(plans, bill)
    assert schema_findings(parse_akn(data)) == []
    assert [f for f in check_akn(data) if f.severity == "error"] == []
    text = data.decode("utf-8")
    assert "<textualMod" in text and "<quotedStructure" in text and "#part_1__sec_" in text
    # inserted defined terms are declared; quoted provisions are named inside the quotation
    assert "<TLCTerm" in text and "__qstr_1__" in text


def test_the_numbering_check_accepts_insertion_numbers_and_still_finds_gaps():
    from modellaw.write.akn_checks import _inserted
    assert _inserted("4A", "4") and _inserted("4B", "4A") and _inserted("5ter", "5bis")
    assert _inserted("23-2", "23-1") and _inserted("20A-02A", "20A-02")
    assert not _inserted("6", "4") and not _inserted("7A", "5")
    assert not _inserted("II", "I") and not _inserted("IV", "I")   # Parts in roman


def test_amend_format_akn_writes_only_what_validate_accepts(tmp_path):
    out = tmp_path / "amending.xml"
    result = CliRunner().invoke(main, ["amend", str(PARTIAL), "--profile", "model", "--format",
                                       "akn", "-o", str(out), "--root", str(ROOT)])
    assert result.exit_code == 0, result.output
    checked = CliRunner().invoke(main, ["validate", "--akn", str(out)])
    assert checked.exit_code == 0, checked.output


def test_markdown_and_word_bills_are_byte_identical_and_end_with_the_table(tmp_path):
    runner = CliRunner()
    outs = []
    for n in (1, 2):
        out = tmp_path / f"b{n}.docx"
        assert runner.invoke(main, ["amend", str(STATUTES / "sg-phta-2014.txt"), "--profile",
                                    "sg", "-o", str(out), "--root", str(ROOT)]).exit_code == 0
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    document = zipfile.ZipFile(io.BytesIO(outs[0])).read("word/document.xml").decode("utf-8")
    assert "Table of amendments" in document and "<w:tbl>" in document
    md = runner.invoke(main, ["amend", str(STATUTES / "sg-phta-2014.txt"), "--profile", "sg",
                              "--root", str(ROOT)])
    assert "| Section | Action |" in md.output and "recruitment-offence" in md.output


def test_a_failed_round_trip_exits_2_and_writes_nothing(tmp_path, monkeypatch):
    from modellaw.amend import run
    monkeypatch.setattr(run, "prove", lambda plan, ins: replace(
        prove(plan, ins), holds=False, failed=ins[0], why="broken on purpose"))
    out, keeling = tmp_path / "b.md", tmp_path / "k.md"
    result = CliRunner().invoke(main, ["amend", str(AGE16), "--profile", "model", "-o", str(out),
                                       "--keeling", str(keeling), "--root", str(ROOT)])
    assert result.exit_code == 2 and "round trip fails" in result.output
    assert not out.exists() and not keeling.exists()


def test_section_numbers_the_reader_recovered_are_kept():
    """Singapore's "3." stands alone on its line, then "—(1)": the reader recovers s 3."""
    acts = read_acts([STATUTES / "sg-phta-2014.txt"])
    assert [s.num for s in acts[0].bill.sections()] == ["2", "3"]
    plan, bill = _amend(STATUTES / "sg-phta-2014.txt", "sg")
    assert [n.num for i in bill.instructions for n in i.nodes if n.num][:2] == ["3A", "3B"]


@pytest.mark.parametrize("name,profile,first", [
    ("us-tx-penal-20a01.docx", "us", "20A.02"),     # printed "Sec. 20A.02." in Word
    ("au-sa-clca-65a.html", "au", "65A")])          # printed "65A—Heading" on a web page
def test_numbers_the_reader_had_to_recover_are_amended_as_printed(name, profile, first):
    plans, bill = _amend(STATUTES / name, profile)
    nums = [s.num for s in plans[0].act.bill.sections()]
    assert first in nums
    inserted = [n.num for i in bill.instructions for n in i.nodes if n.kind.value == "section"]
    after = {i.after.section for i in bill.instructions if i.after and not i.where.section}
    assert after - set(inserted) <= set(nums) and inserted
    # every new number follows an existing one in the insertion style: never a renumbering
    follows = {n for old in nums for n in Tradition("commonwealth").successors(old)}
    assert set(inserted) <= follows and not set(inserted) & set(nums), inserted
    assert bill.proof.holds


def test_apply_one_inserts_provisions_after_the_named_section():
    (plan,), bill = _amend(AGE16, "model")
    ins = next(i for i in bill.instructions if i.nodes and not i.where.section)
    amended = apply_one(plan.act.bill, ins)
    nums = [s.num for s in amended.sections()]
    assert nums.index(ins.nodes[0].num) == nums.index(ins.after.section) + 1


def _partial():
    (plan,), bill = _amend(PARTIAL, "model")
    return plan, bill


def test_partial_elements_are_amended_in_place_each_action_proved():
    plan, bill = _partial()
    by = {(i.element, i.action): i for i in bill.instructions}
    tech = next(i for i in bill.instructions if i.where.term == "information technology"
                and i.action == "insert")
    assert tech.old == "Internet" and "email" in tech.new and "encryption" in tech.new
    assert "computer" not in tech.new                     # the Act names it already
    penalty = by[("penal-code", "substitute")]
    assert (penalty.old, penalty.new) == ("10", "20") and "10 years" in penalty.gap
    repeal = by[("cst-definition", "repeal")]
    assert repeal.where == Locator("3", "", ("(3)",))
    assert repeal.text == "(b) by deleting subsection (3);"
    omit = by[("cst-definition", "omit")]
    assert omit.old == "or (3)" and omit.clause == "consequential"
    means = next(i for i in bill.instructions if i.nodes and i.nodes[0].num == "(5)")
    assert "whether or not any of the means" in means.nodes[0].plain_text
    assert bill.proof.holds
    target = {n.id: n.plain_text for n in plan.target.walk()}
    assert target["sec-3.4"] == "Subsection (2) does not affect any other law."
    assert "sec-3.3" not in target


def test_partial_act_keeling_meets_the_model_and_shows_the_repeal_struck_through(tmp_path):
    plan, bill = _partial()
    lines = keeling_lines(plan)
    gone = [line for line in lines if line.whole == "delete"]
    assert len(gone) == 1 and "the child consented" in gone[0].pieces[0][1]
    keeling = tmp_path / "k.docx"
    result = CliRunner().invoke(main, ["amend", str(PARTIAL), "--profile", "model", "-o",
                                       str(tmp_path / "b.md"), "--keeling", str(keeling),
                                       "--root", str(ROOT)])
    assert result.exit_code == 0, result.output
    before, after = _elements(PARTIAL), _elements(keeling)
    assert before["tech-definition"] == "partial" and after["tech-definition"] == "met"
    assert all(after[e] == "met" for e, s in before.items() if s != "met" and BY_ID[e].core)
    document = zipfile.ZipFile(keeling).read("word/document.xml").decode("utf-8")
    assert "<w:del " in document and "consented" in document


def test_an_act_in_straight_quotes_is_quoted_in_its_own_style():
    plan, bill = _partial()
    from modellaw.write.amending import render_markdown as bill_markdown
    text = bill_markdown(bill).decode("utf-8")
    assert "\u201c\"advertisement\"" not in text and "\u201c\u201cadvertisement" not in text
    assert "'\"advertisement\" means" in text       # outer single marks, inner the Act's own
    keeling = render_markdown([plan]).decode("utf-8")
    assert '<ins>"advertisement" means' in keeling
    (sg,), sg_bill = _amend(STATUTES / "sg-phta-2014.txt", "sg")
    assert sg.act.quotes == "\u201c\u201d"
    assert "\u2018\u201cadvertisement\u201d means" in bill_markdown(sg_bill).decode("utf-8")


def test_several_statutes_each_amended_in_its_own_part(tmp_path):
    paths = [STATUTES / "ke-ctipa-2010.txt", STATUTES / "ke-cmca-2018-s2.md"]
    library, prof = load("model", ROOT)
    plans, bill = amend(paths, library, prof)
    assert [p.act.path for p in plans] == paths and bill.proof.holds
    assert [s.part for s in bill.sections if s.part] and len({s.part for s in bill.sections}) == 3
    assert "(Miscellaneous Amendments) Act 2026" in bill.short_title
    out = tmp_path / "b.json"
    result = CliRunner().invoke(main, ["amend", *map(str, paths), "--profile", "model", "-o",
                                       str(out), "--root", str(ROOT)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["statute"] == [p.act.title for p in plans]
    assert {i["statute"] for i in data["instructions"]} == set(data["statute"])
    # the technology definition the judge found in the cybercrimes Act is amended there
    tech = [i for i in data["instructions"] if i["element"] == "tech-definition"]
    assert {i["statute"] for i in tech} >= {plans[1].act.title}
