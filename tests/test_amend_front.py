"""Amendment mode's front matter: the long title and the arrangement of sections, read into
the model and amended consequentially; instructions in the Act's order; numbers quoted
where a reader can tell which they are."""

from __future__ import annotations

from pathlib import Path

from modellaw.read.document import read_document

ROOT = Path(__file__).resolve().parents[1]
STATUTES = ROOT / "tests" / "data" / "statutes"
ARRANGED = ROOT / "tests" / "data" / "amend" / "arranged-act.txt"


def test_the_reader_types_the_long_title_and_the_arrangement():
    bill = read_document(ARRANGED).bill
    assert bill.long_title == ("An Act to provide for the protection of children online and "
                               "for the prohibition of trafficking in persons; and for "
                               "connected purposes.")
    assert bill.arrangement == (("", "PART I PRELIMINARY"), ("1", "Short title"),
                                ("2", "Interpretation"), ("", "PART II OFFENCES"),
                                ("3", "Trafficking in persons"), ("4", "Jurisdiction"))
    # the body is read as before: the entries are not sections, the front lines are kept
    assert [s.num for s in bill.sections()] == ["1", "2", "3", "4"]
    assert [p.heading for p in bill.parts] == ["PRELIMINARY", "OFFENCES"]
    assert "ARRANGEMENT OF SECTIONS" in bill.preamble
    assert any(line.startswith(bill.long_title) for line in bill.preamble)


def test_long_titles_of_real_statutes_run_on_or_over_lines():
    zambia = read_document(STATUTES / "zm-ahta-2008.html").bill.long_title
    # a web page runs "ACTAn Act to …" and "….ENACTED by …" on: the title alone is taken
    assert zambia.startswith("An Act to provide for the prohibition, prevention")
    assert zambia.endswith("incidental to the foregoing.")
    ph = read_document(STATUTES / "ph-ra11930-2022-ocr.txt").bill.long_title
    assert ph.startswith("AN ACT PUNISHING ONLINE") and ph.endswith("ACT OF 2009\u201d")
    assert read_document(STATUTES / "za-pctip-2013.txt").bill.long_title == ""


PARTIAL = ROOT / "tests" / "data" / "amend" / "partial-act.txt"


def _amend(path: Path, profile: str = "model"):
    from modellaw.amend.run import amend
    from modellaw.library.project import load
    library, prof = load(profile, ROOT)
    return amend([path], library, prof)


def test_the_items_of_one_amending_section_run_in_the_acts_order():
    _, bill = _amend(PARTIAL)
    section = next(s for s in bill.sections if s.heading == "Amendment of section 3")
    texts = [item.text for item in section.items]
    assert [t[:3] for t in texts] == ["(a)", "(b)", "(c)", "(d)"]
    # subsection (2), then (3), then (4), then the new (5) after it
    assert "\u201c10\u201d" in texts[0] and "subsection (3)" in texts[1]
    assert "\u201cor (3)\u201d" in texts[2] and "after subsection (4)" in texts[3]
    assert bill.proof.holds
    definitions = next(s for s in bill.sections if s.heading == "Amendment of section 2")
    words = [item.text for item in definitions.items]
    # the technology definition's own amendments stand where it does, among the insertions
    tech = [i for i, t in enumerate(words) if "definition of \u201cinformation technology\u201d"
            in t and not t.startswith(f"({chr(97 + i)}) by inserting after")]
    after = next(i for i, t in enumerate(words)
                 if "after the definition of \u201cfinancial institution\u201d" in t)
    assert tech and all(i > after for i in tech)


def test_a_number_is_quoted_in_the_subsection_that_holds_it():
    _, bill = _amend(PARTIAL)
    penalty = next(i for i in bill.instructions if i.old == "10")
    assert penalty.where.path == ("(2)",)            # unique in s 3, but which "10"?
    assert "in subsection (2), by deleting \u201c10\u201d and substituting \u201c20\u201d" \
        in penalty.text
    cited = next(i for i in bill.instructions if i.action == "omit")
    assert cited.where.path == ("(4)",) and cited.text.startswith("(c) in subsection (4), by")
    # words a reader can place stay at the section's level
    tech = next(i for i in bill.instructions if i.where.term == "information technology"
                and i.action == "insert")
    assert tech.where.path == ()
