"""The reviewer diff end to end: toolkit drafts edited the way people edit them, drafts typed
from scratch, the CLI's exit codes and report formats, and properties of the word diff."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from modellaw.cli import main
from modellaw.judge.diff import diff_drafts, word_changes
from modellaw.model import Bill, Kind, Node, Provenance, with_eids
from modellaw.read.blocks import Draft
from modellaw.read.document import read_string
from modellaw.write.markdown import render_markdown
from tests.diff_fixtures import (delete_section, edit_docx, from_scratch, model_project, retype,
                                 write_model)


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return model_project(tmp_path_factory.mktemp("root"))


def run(root: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["diff", *args, "--root", str(root)])


def findings(root: Path, draft: Path) -> dict[str, list[dict]]:
    result = run(root, str(draft), "--format", "json")
    assert result.exit_code == 1, result.output
    data = json.loads(result.output)
    out: dict[str, list[dict]] = {}
    for element in data["elements"]:
        for f in element["findings"]:
            out.setdefault(f["rule"], []).append({**f, "element": element["id"],
                                                  "status": element["status"]})
    for addition in data["additions"]:
        for f in addition["findings"]:
            out.setdefault(f["rule"], []).append(f)
    return out


@pytest.mark.parametrize("fmt", ["docx", "md"])
def test_an_unedited_draft_is_clean(root: Path, tmp_path: Path, fmt: str) -> None:
    draft = write_model(root, tmp_path, fmt)
    result = run(root, str(draft))
    assert result.exit_code == 0, result.output
    assert "nothing departs" in result.output
    assert "weakened" not in result.output and "missing" not in result.output


EDITS = {
    "child-age-below-18": lambda d: retype(d, r"^\u201cchild\u201d", r"18 years", "16 years"),
    "offence-narrowed": lambda d: retype(d, r"intentionally uses .* to recruit",
                                         r"intentionally uses", "for financial gain uses"),
    "penalty-lower": lambda d: retype(d, r"intentionally engages in child sex trafficking",
                                      r"not more than \d+ years", "not more than 7 years"),
    "fine-instead-of-prison": lambda d: retype(
        d, r"to place, publish", r"imprisonment for a term", "a fine or imprisonment for a term"),
    "report-delay-softened": lambda d: retype(d, r"^report that fact", r"without delay.*?(?=;|$)",
                                              "within a reasonable time"),
    "technologies-dropped": lambda d: retype(d, r"^other tools, such as encryption",
                                             r"encryption and digital currency", "software"),
    "consent-relevant": lambda d: retype(d, r"^It is not a defence to a charge under this section "
                                         r"that\u2014", r"It is not a defence", "It is a defence"),
    "means-required": lambda d: retype(d, r"intentionally engages in child sex trafficking",
                                       r"intentionally engages", "by force, threat or deception "
                                       "engages"),
    "provider-duty-dropped": lambda d: retype(d, r"take all reasonable steps to prevent",
                                              r"shall take all reasonable steps to prevent the use "
                                              r"of its service for",
                                              "may discourage"),
}


@pytest.mark.parametrize("rule", sorted(EDITS))
def test_each_weakening_edit_is_found(root: Path, tmp_path: Path, rule: str) -> None:
    draft = edit_docx(write_model(root, tmp_path), EDITS[rule])
    found = findings(root, draft)
    assert rule in found, found
    assert all(f["status"] == "weakened" for f in found[rule] if "status" in f)
    assert "paragraph" in found[rule][0]["location"]


def test_a_deleted_offence_is_missing(root: Path, tmp_path: Path) -> None:
    draft = edit_docx(write_model(root, tmp_path),
                      lambda d: delete_section(d, "Recruitment of children"))
    data = json.loads(run(root, str(draft), "--format", "json").output)
    element = next(e for e in data["elements"] if e["id"] == "recruitment-offence")
    assert element["status"] == "missing"
    # the offence is gone; what is left of the element (recruiting in the general child sex
    # trafficking offence, with no technology) is less than the model has
    assert [f["rule"] for f in element["findings"]] == ["element-weakened", "offence-missing"]
    assert "partial in the draft (met in the reference)" in element["findings"][0]["message"]
    # the sections after it are renumbered in Word's eyes only; they still align
    others = {e["id"]: e["status"] for e in data["elements"]}
    assert others["advertising-offence"] == "unchanged"


def test_restyled_renumbered_and_retyped_without_change_is_clean(root: Path,
                                                                  tmp_path: Path) -> None:
    def restyle(doc):  # type: ignore[no-untyped-def]
        for p in doc.paragraphs:
            if p.style.name == "Section Heading":
                p.style = doc.styles["Normal"]
                for run in p.runs:
                    run.text = run.text.replace(".", "")
                p.runs[0].text = "Section " + p.runs[0].text

    draft = edit_docx(write_model(root, tmp_path), restyle)
    result = run(root, str(draft))
    assert result.exit_code == 0, result.output


def test_a_draft_written_from_scratch_still_aligns(root: Path, tmp_path: Path) -> None:
    draft = from_scratch(tmp_path / "scratch.docx")
    result = run(root, str(draft), "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    by_id = {e["id"]: e for e in data["elements"]}
    rules = {f["rule"] for e in data["elements"] for f in e["findings"]}
    assert by_id["recruitment-offence"]["status"] == "weakened"
    assert by_id["child-definition"]["status"] == "weakened"
    assert by_id["advertising-offence"]["status"] == "missing"
    assert {"child-age-below-18", "offence-narrowed", "penalty-lower", "fine-instead-of-prison",
            "report-delay-softened", "offence-missing"} <= rules
    assert by_id["recruitment-offence"]["changes"][0]["draft"] == "section 2"


def test_json_shape(root: Path, tmp_path: Path) -> None:
    draft = edit_docx(write_model(root, tmp_path), EDITS["child-age-below-18"])
    data = json.loads(run(root, str(draft), "--format", "json").output)
    assert set(data) >= {"against", "elements", "additions"}
    element = data["elements"][0]
    assert set(element) >= {"id", "status", "findings", "changes"}
    child = next(e for e in data["elements"] if e["id"] == "child-definition")
    assert set(child["findings"][0]) >= {"rule", "severity", "message", "location"}
    assert child["changes"][0]["ops"] == [{"op": "replace", "old": "18", "new": "16"}]


@pytest.mark.parametrize("fmt,marker", [("md", "<del>18</del><ins>16</ins>"),
                                        ("html", "<del>18</del><ins>16</ins>"),
                                        ("text", "child-age-below-18")])
def test_report_formats_show_the_redline(root: Path, tmp_path: Path, fmt: str,
                                         marker: str) -> None:
    draft = edit_docx(write_model(root, tmp_path), EDITS["child-age-below-18"])
    out = tmp_path / f"report.{'txt' if fmt == 'text' else fmt}"
    result = run(root, str(draft), "-o", str(out))
    assert result.exit_code == 1, result.output
    assert marker in out.read_text(encoding="utf-8")
    first = out.read_bytes()
    run(root, str(draft), "-o", str(out))
    assert out.read_bytes() == first


def test_against_another_draft(root: Path, tmp_path: Path) -> None:
    base = write_model(root, tmp_path, "md")
    edited = edit_docx(write_model(root, tmp_path), EDITS["penalty-lower"])
    result = run(root, str(edited), "--against", str(base))
    assert result.exit_code == 1
    assert "penalty-lower" in result.output
    assert run(root, str(base), "--against", str(base)).exit_code == 0


def test_additions_are_listed_and_reviewed(root: Path, tmp_path: Path) -> None:
    md = write_model(root, tmp_path, "md")
    md.write_text(md.read_text(encoding="utf-8") + "\n### 99. Defence of consent\n\n"
                  "**(1)** It is a defence to a charge under this Act that the child consented."
                  "\n", encoding="utf-8")
    data = json.loads(run(root, str(md), "--format", "json").output)
    assert [a["draft"] for a in data["additions"]] == ["section 99"]
    assert data["additions"][0]["findings"][0]["rule"] == "consent-relevant"


def test_bad_output_and_format_choices_exit_2(root: Path, tmp_path: Path) -> None:
    draft = write_model(root, tmp_path, "md")
    result = run(root, str(draft), "--format", "docx")
    assert result.exit_code == 2 and "-o" in result.output
    result = run(root, str(draft), "-o", str(tmp_path / "x.pdf"))
    assert result.exit_code == 2 and "format" in result.output
    result = run(root, str(tmp_path / "nope.docx"))
    assert result.exit_code == 2 and "Traceback" not in result.output


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["a", "child", "18", "years", ",", "shall", "\n", "not"]),
                max_size=30),
       st.lists(st.sampled_from(["a", "child", "16", "years", ";", "may", "\n", "not"]),
                max_size=30))
def test_word_changes_rebuild_both_sides(old_words: list[str], new_words: list[str]) -> None:
    old, new = " ".join(old_words), " ".join(new_words)
    changes = word_changes(old, new)
    assert "".join(c.old for c in changes) == old
    assert "".join(c.new for c in changes) == new
    assert all(c.op == "equal" for c in word_changes(old, old))


WORDS = st.sampled_from(["child", "person", "shall", "not", "18", "years", "(b)", "means",
                         "offence", "Internet", "\u2014", "*", "#", "1.", "_x_"])
# a sentence that opens with "1." or "(b)" is a list item to any Markdown reader (and to the
# toolkit's writer, which does not escape those), so sentences open with a word
SENTENCE = st.lists(WORDS, min_size=1, max_size=12).map(lambda w: "The " + " ".join(w))


@st.composite
def bills(draw):  # type: ignore[no-untyped-def]
    sections = []
    for s_num in range(1, draw(st.integers(1, 6)) + 1):
        subs = tuple(Node(Kind.SUBSECTION, f"c{s_num}.{n}", f"({n})", text=(draw(SENTENCE),))
                     for n in range(1, draw(st.integers(0, 3)) + 1))
        sections.append(Node(Kind.SECTION, f"c{s_num}", str(s_num),
                             heading=draw(SENTENCE).replace("#", "hash"),  # closing #s
                             text=(draw(SENTENCE),) if not subs else (), children=subs,
                             provenance=Provenance(f"c{s_num}", ())))
    part = with_eids(Node(Kind.PART, "part-1", "1", heading="General",
                          children=tuple(sections)))
    return Bill("model", "Model", "Test Act", "A Bill", "BE IT ENACTED", (part,))


@settings(max_examples=40, deadline=None)
@given(bills())
def test_a_bill_diffed_against_itself_is_empty(bill: Bill) -> None:
    assert not diff_drafts(Draft(bill, Path("self")), bill, "itself").departs
    written = read_string(render_markdown(bill), Path("self.md"))
    result = diff_drafts(written, bill, "itself")
    assert not result.departs, [(p.reference, p.changes) for p in result.provisions
                                if p.status != "unchanged"]


@pytest.mark.parametrize("fmt, words, verdicts", [
    ("text", "      on \u201c\u201cchild\u201d means any person under the age of 16 years",
     "[draft partial, reference met]"),
    ("md", "  *On:* \u201c\u201cchild\u201d means any person under the age of 16 years",
     "| weakened | partial | met |"),
    ("html", "<em>On:</em> \u201c\u201cchild\u201d means any person under the age of 16 years",
     "<td>partial</td><td>met</td>")])
def test_reports_quote_the_words_each_finding_fired_on_and_both_verdicts(
        root: Path, tmp_path: Path, fmt: str, words: str, verdicts: str) -> None:
    draft = edit_docx(write_model(root, tmp_path), EDITS["child-age-below-18"])
    out = run(root, str(draft), "--format", fmt).output
    assert words in out and verdicts in out
    if fmt != "text":   # the words the judge relied on, in the draft and in the reference
        assert "What the judge relied on, element by element" in out
        assert "reference, s 2, definition of \u201cchild\u201d" in out


def test_json_carries_the_words_and_both_verdicts(root: Path, tmp_path: Path) -> None:
    draft = edit_docx(write_model(root, tmp_path), EDITS["child-age-below-18"])
    data = json.loads(run(root, str(draft), "--format", "json").output)
    child = next(e for e in data["elements"] if e["id"] == "child-definition")
    assert child["verdict"]["status"] == "partial"
    assert child["reference_verdict"]["status"] == "met"
    assert child["verdict"]["evidence"][0]["quote"].startswith(
        "\u201cchild\u201d means any person under the age of 16 years")
    below = next(f for f in child["findings"] if f["rule"] == "child-age-below-18")
    assert below["words"].startswith('"child" means any person under the age of 16 years')
    assert below["in_model"] is False and data["notices"] == []
