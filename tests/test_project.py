"""The real clause library and profiles: everything validates, every profile drafts in every
format, and the model bill matches its reviewed golden file.

To accept a deliberate change to the model bill, regenerate the golden file and read the diff
as a drafter would before committing it:
    modellaw draft model --format md -o tests/golden/model.md --force
"""

from __future__ import annotations

import dataclasses
import io

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from modellaw.draft.assemble import assemble
from modellaw.library.clauses import load_library
from modellaw.library.elements import ELEMENTS
from modellaw.errors import InputErrors
from modellaw.model import Ref
from modellaw.library.profiles import list_profiles, load_profile
from modellaw.write.docx import render_docx
from modellaw.write.markdown import escape, render_markdown
from modellaw.draft.validate import validate_project

from .conftest import ROOT

PROFILES = list_profiles(ROOT)
LIBRARY = load_library(ROOT)


def bill_for(pid: str):  # type: ignore[no-untyped-def]
    return assemble(LIBRARY, load_profile(ROOT / "jurisdictions" / f"{pid}.yaml", ROOT))


def test_all_twelve_countries_and_the_model_are_there() -> None:
    assert set(PROFILES) == {"model", "za", "tz", "ug", "zm", "zw", "ph", "ag", "us", "qa",
                             "iq", "au", "sg"}


def test_the_project_validates_without_warnings() -> None:
    report = validate_project(ROOT)
    assert report.warnings == ()


def test_the_model_bill_matches_its_reviewed_golden_file() -> None:
    golden = (ROOT / "tests" / "golden" / "model.md").read_text(encoding="utf-8")
    assert render_markdown(bill_for("model")) == golden


def test_every_model_element_has_a_clause_in_the_model_bill() -> None:
    covered = {e for node in bill_for("model").walk() for e in node.provenance.elements}
    assert covered == {e.id for e in ELEMENTS}


@pytest.mark.parametrize("pid", PROFILES)
def test_every_profile_drafts_in_both_formats(pid: str) -> None:
    bill = bill_for(pid)
    text = render_markdown(bill)
    assert escape(bill.short_title) in text and "\x1e" not in text and "  " not in text.replace("\n  ", "\n")
    document = docx.Document(io.BytesIO(render_docx(bill)))
    headings = [p.text for p in document.paragraphs if p.style.name == "Section Heading"]
    assert len(headings) == sum(1 for _ in bill.sections())
    assert render_docx(bill) == render_docx(bill_for(pid))


def test_civil_law_profiles_draft_articles() -> None:
    text = render_markdown(bill_for("qa"))
    assert "### Article 1. " in text and "is punishable by imprisonment" in text
    assert "commits an offence and is liable" not in text


OPTIONAL = sorted(c.id for c in LIBRARY.clauses.values() if not c.core)
CORE_SECTIONS = sorted(c.id for c in LIBRARY.clauses.values()
                       if c.core and c.kind == "section" and c.id != "interpretation")


@settings(max_examples=40, deadline=None)
@given(st.sets(st.sampled_from(OPTIONAL)), st.sets(st.sampled_from(CORE_SECTIONS), max_size=3))
def test_any_selection_numbers_cleanly_or_says_why_not(optional: set[str], exclude: set[str]) -> None:
    """Switching clauses on and off renumbers everything and every reference follows; a
    selection that leaves a reference dangling is refused with a message, never drafted."""
    profile = dataclasses.replace(load_profile(ROOT / "jurisdictions" / "model.yaml", ROOT),
                                  optional=tuple(sorted(optional)), exclude=tuple(sorted(exclude)))
    try:
        bill = assemble(LIBRARY, profile)
    except InputErrors as exc:
        assert all("not in this bill" in e.message or "does not define" in e.message
                   or "would be empty" in e.message for e in exc.errors), exc
        return
    sections = list(bill.sections())
    assert [s.num for s in sections] == [str(i) for i in range(1, len(sections) + 1)]
    assert {s.id for s in sections} == (
        {c.id for c in LIBRARY.clauses.values() if c.kind == "section"
         and c.style in ("", "common-law") and (c.core or c.id in optional)} - exclude)
    nums = {s.id: s.num for s in sections}
    for node in bill.walk():
        for piece in (*node.text, *node.wrap_up):
            if isinstance(piece, Ref):
                target = bill.find(piece.target)
                assert target is not None
                section_id = piece.target.split(".")[0]
                if section_id != node.id.split(".")[0]:  # in its own section: "subsection (1)"
                    assert nums[section_id] in piece.label


def test_references_inside_a_section_read_as_drafters_write_them() -> None:
    model, qatar = render_markdown(bill_for("model")), render_markdown(bill_for("qa"))
    assert "**(2)** Subsection (1) applies whether" in model
    assert "having preserved it as required by paragraph (b), remove" in model
    assert "of the kind described in subsection (2)(c)." in model
    assert "the maximum fine prescribed by paragraph 1." in qatar
    assert "having preserved it as required by point (b), remove" in qatar


# --- where the library comes from: --root, a workspace, the built-in library ---------------

def test_root_is_the_env_then_the_nearest_workspace_then_the_built_in_library(
        tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from modellaw.library.layers import builtin_root
    from modellaw.library.project import find_root

    monkeypatch.delenv("MODELLAW_ROOT", raising=False)
    (tmp_path / "ws" / "deep" / "er").mkdir(parents=True)
    assert find_root(tmp_path) == builtin_root() == ROOT
    (tmp_path / "ws" / "modellaw.yaml").write_text("# workspace\n")
    assert find_root(tmp_path / "ws" / "deep" / "er") == tmp_path / "ws"
    monkeypatch.setenv("MODELLAW_ROOT", str(tmp_path / "elsewhere"))
    assert find_root(tmp_path / "ws") == tmp_path / "elsewhere"


def _workspace(tmp_path):  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from modellaw.cli import main

    ws = tmp_path / "ws"
    result = CliRunner().invoke(main, ["init", str(ws), "--extends", "za"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert sorted(p.relative_to(ws).as_posix() for p in ws.rglob("*") if p.is_file()
                  and p.name != ".modellaw-written.json") == [
        "README.md", "jurisdictions/za.yaml", "modellaw.yaml"]
    return ws


def test_a_workspace_profile_extends_the_built_in_one_it_shadows(tmp_path) -> None:  # type: ignore[no-untyped-def]
    ws = _workspace(tmp_path)
    profile = ws / "jurisdictions" / "za.yaml"
    profile.write_text("extends: za\nparameters:\n  offence-recruitment:\n    max_years: 25\n")
    za = load_profile(ROOT / "jurisdictions" / "za.yaml", ROOT)
    mine = load_profile(profile, ws)
    assert mine.name == za.name and mine.existing_law == za.existing_law
    assert mine.parameters["offence-recruitment"]["max_years"] == 25
    assert mine.where("parameters.offence-recruitment.max_years").path == profile
    assert set(list_profiles(ws)) == set(PROFILES)


def test_a_profile_for_another_country_is_warned_of_what_it_inherits(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """`extends: za` for Namibia keeps South Africa's enacting words and law unless set: each
    is drafted as inherited, and named in a warning of every command that uses the profile."""
    from click.testing import CliRunner

    from modellaw.cli import main

    ws = _workspace(tmp_path)
    profile = ws / "jurisdictions" / "na.yaml"
    profile.write_text("name: Namibia\nextends: za\nbill:\n  enacting_formula: BE IT ENACTED "
                       "by the Parliament of the Republic of Namibia as follows:—\n")
    na = load_profile(profile, ws)
    assert not any("enacting_formula" in w for w in na.warnings)  # its own, not inherited
    assert any(w.startswith(f"{profile}: drafting.fine_unit_source names South Africa "
                            "(inherited from za.yaml, line ") for w in na.warnings)
    law = [w for w in na.warnings if "existing law recorded for" in w]
    assert len(law) == 1 and "recruitment-offence" in law[0] and "Namibia's own" in law[0]
    assert load_profile(ws / "jurisdictions" / "za.yaml", ws).warnings == ()  # same country
    for command in (["draft", "na", "--format", "md", "-o", "-"], ["gaps", "na", "-o", "-"],
                    ["memo", "na", "--format", "md", "-o", str(tmp_path / "memo.md")],
                    ["handout", "recruitment-offence", "--format", "md",
                     "-o", str(tmp_path / "handout.md")]):
        result = CliRunner().invoke(main, [*command, "--root", str(ws)], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        assert f"warning: {profile}: the existing law recorded for " in result.stderr, command
    assert all(not load_profile(ROOT / "jurisdictions" / f"{p}.yaml", ROOT).warnings
               for p in PROFILES)


def test_a_workspace_clause_replaces_the_built_in_clause_of_its_id(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from modellaw.library.layers import origin

    ws = _workspace(tmp_path)
    (ws / "clauses").mkdir()
    mine = ws / "clauses" / "short-title.yaml"
    mine.write_text((ROOT / "clauses" / "short-title.yaml").read_text().replace(
        "comes into operation on the date of its publication",
        "comes into force on the day it is published"))
    library = load_library(ws)
    assert set(library.clauses) == set(LIBRARY.clauses)
    assert library.clauses["short-title"].path == mine
    assert origin(library.clauses["short-title"].path) == str(mine.resolve())
    assert origin(library.clauses["definition-child"].path) == "built-in"
    text = render_markdown(assemble(library, load_profile(ws / "jurisdictions" / "za.yaml", ws)))
    assert "comes into force on the day it is published" in text
    assert "comes into operation on the date of its publication" not in text


def test_init_will_not_turn_a_full_library_into_a_workspace() -> None:
    from modellaw.errors import ModellawError
    from modellaw.library.project import workspace_files

    with pytest.raises(ModellawError, match="already a full clause library"):
        workspace_files(ROOT)
