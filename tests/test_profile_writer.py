"""Recording findings in a profile: a round trip that keeps comments, order and every entry a
person wrote, replaces only the analysis's own entries, and yields a profile that still loads."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from modellaw.judge.elements import judge
from modellaw.cli import main
from modellaw.errors import ModellawError
from modellaw.write.profile import (ORIGIN, is_analysis_entry, profile_status, record_findings,
                                    record_profile)
from modellaw.library.profiles import load_profile
from modellaw.read.document import read_documents

STATUTES = Path(__file__).parent / "data" / "statutes"
ZA = STATUTES / "za-pctip-2013.txt"


def za_analysis():  # type: ignore[no-untyped-def]
    return judge(read_documents([ZA]))


def test_new_findings_are_added_with_their_evidence_and_origin(mini: Path) -> None:
    path = mini / "jurisdictions" / "xc.yaml"
    before = path.read_text(encoding="utf-8")
    result = record_findings(before, za_analysis(), path)
    text = result.data.decode("utf-8")
    assert text.startswith(before.rsplit("\n", 1)[0])        # everything a person wrote, as written
    assert "# A civil-law profile that switches the optional clause on." in text
    data = YAML(typ="safe").load(text)
    isp = data["existing_law"]["isp-duties"]
    assert isp["status"] == "met" and isp["note"].startswith("modellaw analyze: met.")
    assert isp["evidence"] == [{
        "citation": "Prevention and Combating of Trafficking in Persons Act, 2013 (Act No. 7 of "
                    "2013), s 8(2)(a)",
        "note": "An electronic communications service provider operating in the Republic must "
                "take all reasonable steps to prevent the use of its service for the hosting of "
                "information referred to in subsection (1)(c).",
        "source": "za-pctip-2013.txt", "origin": ORIGIN}]
    assert "isp-duties" in result.added and "advertising-offence" not in result.added


def test_an_excerpt_never_records_missing_and_says_what_was_read(mini: Path) -> None:
    """An element not found in an excerpt stays unknown, with the text read named; never
    "missing (whole text read)"."""
    path = mini / "jurisdictions" / "xc.yaml"
    data = YAML(typ="safe").load(record_findings(path.read_text(), za_analysis(), path).data)
    statuses = {k: v["status"] for k, v in data["existing_law"].items()}
    assert "missing" not in statuses.values()
    tech = data["existing_law"]["platform-liability"]
    assert tech["status"] == "unknown" and tech["source"] == "analyze" and "evidence" not in tech
    assert "not found in the text read (Prevention and Combating of Trafficking in Persons " \
           "Act, 2013 (Act No. 7 of 2013) (za-pctip-2013.txt))" in tech["note"]
    assert "whole text read" not in path.read_text() + str(data)
    assert profile_status("missing") == "unknown" and profile_status("met") == "met"


def test_missing_only_from_the_whole_act_with_its_date(mini: Path) -> None:
    path = mini / "jurisdictions" / "xc.yaml"
    result = record_findings(path.read_text(), za_analysis(), path, whole_act="2017-05-01")
    tech = YAML(typ="safe").load(result.data)["existing_law"]["platform-liability"]
    assert tech["status"] == "missing" and tech["text_date"] == "2017-05-01"
    assert tech["note"].startswith("modellaw analyze: missing from the whole Act as at 2017-05-01.")


def test_a_persons_entry_is_kept_and_shown_as_a_disagreement(mini: Path) -> None:
    path = mini / "jurisdictions" / "xc.yaml"
    result = record_findings(path.read_text(encoding="utf-8"), za_analysis(), path)
    data = YAML(typ="safe").load(result.data)
    assert data["existing_law"]["advertising-offence"] == {
        "status": "partial", "evidence": [{"citation": "Law 1 of 2000, art 3",
                                           "note": "Advertising by any means, no mention of technology."}]}
    [disagreement] = result.disagreements
    assert (disagreement.element, disagreement.recorded, disagreement.found) == (
        "advertising-offence", "partial", "met")
    assert disagreement.recorded_citations == ("Law 1 of 2000, art 3",)


def test_rerunning_replaces_only_analysis_entries_and_is_idempotent(mini: Path) -> None:
    path = mini / "jurisdictions" / "xc.yaml"
    first = record_findings(path.read_text(encoding="utf-8"), za_analysis(), path)
    second = record_findings(first.data.decode("utf-8"), za_analysis(), path)
    assert second.data == first.data and not second.added and "isp-duties" in second.updated
    other = judge(read_documents([STATUTES / "sg-phta-2014.txt"]))
    third = YAML(typ="safe").load(record_findings(first.data.decode(), other, path).data)
    assert third["existing_law"]["isp-duties"]["status"] == "unknown"
    assert "evidence" not in third["existing_law"]["isp-duties"]
    assert third["existing_law"]["advertising-offence"]["status"] == "partial"


def test_unclear_is_recorded_as_unknown_with_its_evidence(mini: Path) -> None:
    path = mini / "jurisdictions" / "xc.yaml"
    analysis = judge(read_documents([STATUTES / "ke-ctipa-2010.txt"]))
    data = YAML(typ="safe").load(record_findings(path.read_text(), analysis, path).data)
    child = data["existing_law"]["child-definition"]
    assert child["status"] == "unknown" and "Children Act" in child["evidence"][0]["note"]
    assert child["note"].startswith("modellaw analyze: unclear.")


def test_comments_and_order_inside_existing_law_survive(tmp_path: Path, mini: Path) -> None:
    path = mini / "jurisdictions" / "xc.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "existing_law:\n", "existing_law:  # checked by the ministry, 2025\n"
        "  # from the 2018 report\n  payment-offence:\n    status: missing\n"
        "    evidence:\n      - citation: 'ICMEC 2018: nothing found'\n")
    out = record_findings(text, za_analysis(), path).data.decode("utf-8")
    assert "existing_law:  # checked by the ministry, 2025\n  # from the 2018 report\n" \
           "  payment-offence:" in out
    assert "citation: 'ICMEC 2018: nothing found'" in out
    keys = list(YAML(typ="safe").load(out)["existing_law"])
    assert keys[:2] == ["payment-offence", "advertising-offence"]


def test_written_profile_loads_and_the_file_is_written_in_place(mini: Path) -> None:
    path = mini / "jurisdictions" / "xc.yaml"
    result = record_profile(path, za_analysis(), write=True)
    assert path.read_bytes() == result.data
    profile = load_profile(path, mini)
    assert profile.existing_law["isp-duties"].status == "met"
    assert profile.existing_law["isp-duties"].evidence[0].origin == ORIGIN
    assert is_analysis_entry({"evidence": [{"citation": "x", "origin": ORIGIN}]})
    assert not is_analysis_entry({"evidence": [{"citation": "x"}, {"citation": "y", "origin": ORIGIN}]})


def test_without_write_nothing_changes(mini: Path) -> None:
    path = mini / "jurisdictions" / "xc.yaml"
    before = path.read_bytes()
    result = record_profile(path, za_analysis(), write=False)
    assert path.read_bytes() == before and result.disagreements


def test_bad_profiles_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    for text, message in (("a: [", "invalid YAML"), ("- 1\n", "not a mapping"),
                          ("existing_law: [1]\n", "existing_law is not a mapping")):
        with pytest.raises(ModellawError, match=message):
            record_findings(text, za_analysis(), path)


def test_cli_write_and_disagreement(mini: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["analyze", str(ZA), "--profile", "xc", "--write",
                                  "--root", str(mini)])
    assert result.exit_code == 0, result.output
    assert "DISAGREEMENT: the profile records 'partial' (Law 1 of 2000, art 3)" in result.output
    assert "Profile: recorded 17 new" in result.output  # one per element analyzed but the one hand-written
    assert load_profile(mini / "jurisdictions" / "xc.yaml", mini).existing_law["isp-duties"].status == "met"
    result = runner.invoke(main, ["analyze", str(ZA), "--write"])
    assert result.exit_code == 2 and "--write needs --profile" in result.output
