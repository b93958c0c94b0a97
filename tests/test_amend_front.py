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
