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
from modellaw.read.document import read_documents
from modellaw.library.elements import BY_ID
from modellaw.library.project import load
from modellaw.write.akn_checks import parse_akn, schema_findings

ROOT = Path(__file__).resolve().parents[1]
STATUTES = ROOT / "tests" / "data" / "statutes"
AGE16 = ROOT / "tests" / "data" / "amend" / "age16-act.txt"


def _amend(path: Path, profile: str, style: str | None = None):
    library, prof = load(profile, ROOT)
    return amend([path], library, prof, style)


def test_age_is_substituted_in_place_and_the_quote_widened_until_unique():
    plan, bill = _amend(AGE16, "model")
    first = bill.instructions[0]
    assert (first.action, first.where.term) == ("substitute", "child")
    # "16" occurs twice in the definition: the quote grows to words that occur once
    assert first.old == "of 16 years" and first.new == "of 18 years"
    assert "for \u201cof 16 years\u201d" not in first.text   # Commonwealth words, not UK
    assert "by deleting \u201cof 16 years\u201d and substituting \u201cof 18 years\u201d" \
        in first.text
    assert bill.proof.holds


def _plan_with(change: Change):
    plan, _ = _amend(AGE16, "model")
    target = edit(plan.act.bill, change.target, lambda _: change.nodes)
    return replace(plan, changes=(change,), target=target)


def _edited(node_id: str, old: str, new: str) -> Change:
    plan, _ = _amend(AGE16, "model")
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
    plan, bill = _amend(AGE16, "model")
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


def _keeling_elements(path: Path) -> dict[str, str]:
    return {v.element: v.status for v in judge(read_documents([path])).verdicts}


@pytest.mark.parametrize("name,profile,style", [
    ("za-pctip-2013.txt", "za", None), ("sg-phta-2014.txt", "sg", None),
    ("ke-ctipa-2010.txt", "model", None), ("gb-msa-2015.txt", "model", "uk")])
def test_keeling_schedule_read_back_meets_every_core_element(tmp_path, name, profile, style):
    before = _keeling_elements(STATUTES / name)
    out, keeling = tmp_path / "bill.json", tmp_path / "keeling.docx"
    args = ["amend", str(STATUTES / name), "--profile", profile, "-o", str(out),
            "--keeling", str(keeling), "--root", str(ROOT)] + (["--style", style] if style else [])
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["round_trip"] is True and data["instructions"]
    assert {i["action"] for i in data["instructions"]} <= {"substitute", "insert", "omit"}
    after = _keeling_elements(keeling)
    lacked = [e for e, s in before.items() if s != "met" and BY_ID[e].core]
    assert lacked and all(after[e] == "met" for e in lacked), after
    document = zipfile.ZipFile(keeling).read("word/document.xml").decode("utf-8")
    assert "<w:ins " in document and 'w:author="modellaw"' in document
    assert 'w:date="2026-01-01T00:00:00Z"' in document


def test_kenya_child_defined_by_another_law_is_replaced_and_uk_words_are_uk(tmp_path):
    plan, bill = _amend(STATUTES / "ke-ctipa-2010.txt", "model")
    replaced = [i for i in bill.instructions if i.where.term == "child"]
    assert replaced[0].text.endswith("by deleting the definition of \u201cchild\u201d and "
                                     "substituting the following definition\u2014")
    plan, bill = _amend(STATUTES / "gb-msa-2015.txt", "model", "uk")
    assert bill.sections[0].lead.startswith("In the Modern Slavery Act 2015, after section 2 insert")
    assert bill.sections[-1].heading == "Commencement and short title"


def test_word_revisions_rejected_give_the_act_and_accepted_the_amended_act():
    plan, bill = _amend(STATUTES / "za-pctip-2013.txt", "za")
    from modellaw.write.keeling import keeling_lines
    kept = [" ".join(t for op, t in line.pieces if op != "delete") for line in keeling_lines(plan)]
    orig = [" ".join(t for op, t in line.pieces if op != "insert") for line in keeling_lines(plan)
            if line.whole != "insert"]
    accepted, rejected = " ".join(kept), " ".join(orig)
    assert all(n.plain_text in accepted for n in plan.target.walk())
    assert all(n.plain_text in rejected for n in plan.act.bill.walk())
    assert accepted != rejected


def test_amending_bill_akn_is_valid_against_the_schema_and_points_at_the_act():
    plan, bill = _amend(STATUTES / "za-pctip-2013.txt", "za")
    from modellaw.write.amending_akn import render_amending_akn
    data = render_amending_akn(plan, bill)
    root = parse_akn(data)
    assert schema_findings(root) == []
    text = data.decode("utf-8")
    assert "<textualMod" in text and "<quotedStructure" in text and "eng#part_1__sec_1" in text


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


def test_apply_one_inserts_provisions_after_the_named_section():
    plan, bill = _amend(AGE16, "model")
    ins = next(i for i in bill.instructions if i.nodes and not i.where.section)
    amended = apply_one(plan.act.bill, ins)
    nums = [s.num for s in amended.sections()]
    assert nums.index(ins.nodes[0].num) == nums.index(ins.after.section) + 1
