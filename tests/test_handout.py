"""The handout record: built from the real clause library, the handout notes and the profiles,
so that what a trainer prints is what the toolkit drafts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from modellaw.judge.align import normalise, units
from modellaw.draft.assemble import assemble
from modellaw.judge.diff import word_changes
from modellaw.library.elements import ELEMENT_IDS
from modellaw.errors import InputErrors, ModellawError
from modellaw.write.handout_content import (Handout, HandoutData, build_handout, country_profiles,
                              load_handout_data)
from modellaw.library.project import load
from modellaw.judge.review import BY_ID as RULES, Pair, review

from .conftest import ROOT, write

@pytest.fixture(scope="session")
def project() -> Path:
    """The real clauses, handout notes and profiles."""
    return ROOT


@pytest.fixture(scope="session")
def data(project: Path) -> HandoutData:
    return load_handout_data(project)


@pytest.fixture(scope="session")
def full(project: Path, data: HandoutData) -> Handout:
    library, profile = load("model", project)
    return build_handout(library, profile, country_profiles(project), data,
                         workshop="Drafters' workshop", date="2026-03-05")


def test_every_element_has_notes_questions_and_an_exercise(data: HandoutData) -> None:
    assert set(data.notes) == set(ELEMENT_IDS)
    for element, notes in data.notes.items():
        assert len(notes.questions) >= 2, element
        assert notes.quotes and all(q.text and q.section for q in notes.quotes), element
        assert notes.meaning and notes.why and notes.exercise.text and notes.exercise.answer
    terms = {g.term.lower() for g in data.glossary}
    assert {"ict", "csam", "means element", "dual criminality", "service provider",
            "sexual exploitation"} <= terms


def test_every_element_is_printed_with_its_drafted_provisions_and_sources(
        project: Path, full: Handout) -> None:
    assert [p.element.id for p in full.pages] == list(ELEMENT_IDS)
    library, profile = load("model", project)
    for page in full.pages:
        assert page.provisions, page.element.id
        for provision in page.provisions:
            assert page.element.id in provision.node.provenance.elements
            # one source: the sources printed are the clause's own
            assert set(provision.clause.sources) <= set(page.sources)
        assert page.exercise_model in page.provisions
    # the provisions are the bill's own nodes (core clauses drafted exactly as `draft` does)
    bill = assemble(library, profile)
    for page in full.pages:
        for provision in page.provisions:
            if provision.clause.core:
                assert bill.find(provision.node.id).plain_text == provision.node.plain_text


def test_no_source_repeats_the_reports_directive_slip(full: Handout) -> None:
    cited = [s.cite() + s.note for page in full.pages for s in page.sources]
    assert not [c for c in cited if "2011/92" in c]


def test_country_table_matches_the_profiles(project: Path, full: Handout) -> None:
    profiles = country_profiles(project)
    assert profiles and "model" not in {p.id for p in profiles}
    by_id = {p.id: p for p in profiles}
    for page in full.pages:
        # the table: the countries the report says something about, in the profiles' order;
        # every other country named below it, none lost
        order = [p.id for p in profiles]
        assert [row.profile for row in page.countries] == sorted(
            (row.profile for row in page.countries), key=order.index)
        assert sorted([row.name for row in page.countries] + list(page.silent)) == sorted(
            p.name for p in profiles)
        for row in page.countries:
            law = by_id[row.profile].status(page.element.id)
            assert (row.name, row.status, row.evidence) == (by_id[row.profile].name,
                                                            law.status, law.all_evidence)
            assert row.status != "unknown" or row.evidence
        for name in page.silent:
            profile = next(p for p in profiles if p.name == name)
            law = profile.status(page.element.id)
            assert law.status == "unknown" and not law.evidence


def test_chosen_jurisdictions_in_the_order_given(project: Path, data: HandoutData) -> None:
    ids = tuple(p.id for p in country_profiles(project))[:2]
    library, profile = load("model", project)
    chosen = country_profiles(project, tuple(reversed(ids)))
    handout = build_handout(library, profile, chosen, data, ("advertising-offence",),
                            full_table=True)
    assert [r.profile for r in handout.pages[0].countries] == list(reversed(ids))
    with pytest.raises(ModellawError, match="unknown jurisdiction 'zz'"):
        country_profiles(project, ("zz",))


def test_one_element_holds_only_that_element(project: Path, data: HandoutData) -> None:
    library, profile = load("model", project)
    handout = build_handout(library, profile, (), data, ("recruitment-offence",))
    assert [p.element.id for p in handout.pages] == ["recruitment-offence"]
    assert [p.clause.id for p in handout.pages[0].provisions] == ["offence-recruitment"]


def test_bad_element_and_date_are_input_errors(project: Path, data: HandoutData) -> None:
    library, profile = load("model", project)
    with pytest.raises(InputErrors, match="unknown model element 'recruitment' "
                                          r"\(did you mean 'recruitment-offence'\?\)"):
        build_handout(library, profile, (), data, ("recruitment",))
    with pytest.raises(ModellawError, match="is not a date"):
        build_handout(library, profile, (), data, (), date="5 March 2026")


def _notes_copy(tmp_path: Path) -> Path:
    root = tmp_path / "root"
    shutil.copytree(ROOT / "handouts", root / "handouts")
    return root


def test_bad_notes_are_reported_with_file_and_line(tmp_path: Path) -> None:
    root = _notes_copy(tmp_path)
    path = write(root / "handouts" / "penal-code.yaml", """
        element: penal-code
        meaning: x
        why: y
        quotes: []
        questions: [only one]
        exercise: {provision: offence-child-sex-trafficking, text: t, answer: a, hint: h}
        """)
    with pytest.raises(InputErrors) as caught:
        load_handout_data(root)
    messages = [str(e) for e in caught.value.errors]
    assert f"{path}:6:" in "\n".join(messages) and "unknown key 'hint'" in "\n".join(messages)
    (root / "handouts" / "penal-code.yaml").write_text(
        (ROOT / "handouts" / "penal-code.yaml").read_text(encoding="utf-8")
        .replace("questions:\n", "questions:\n  - only one\nunused:\n"), encoding="utf-8")
    (root / "handouts" / "child-definition.yaml").unlink()
    with pytest.raises(InputErrors) as caught:
        load_handout_data(root)
    text = str(caught.value)
    assert "no handout notes for element 'child-definition'" in text
    assert "penal-code.yaml" in text


def test_too_few_questions_is_an_error(tmp_path: Path) -> None:
    root = _notes_copy(tmp_path)
    source = (ROOT / "handouts" / "non-punishment.yaml").read_text(encoding="utf-8")
    head, _, rest = source.partition("questions:\n")
    _, _, tail = rest.partition("exercise:\n")
    (root / "handouts" / "non-punishment.yaml").write_text(
        head + "questions:\n  - Only one?\nexercise:\n" + tail, encoding="utf-8")
    with pytest.raises(InputErrors, match=r"non-punishment\.yaml:\d+:\d+: questions: needs at "
                                          "least 2 discussion questions"):
        load_handout_data(root)


def test_an_exercise_must_weaken_a_provision_of_its_element(project: Path, tmp_path: Path
                                                            ) -> None:
    root = _notes_copy(tmp_path)
    path = root / "handouts" / "child-definition.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "provision: definition-child", "provision: offence-recruitment"), encoding="utf-8")
    library, profile = load("model", project)
    with pytest.raises(InputErrors, match=r"child-definition\.yaml:\d+:\d+: exercise\.provision"
                                          ": unknown provision for 'child-definition'"):
        build_handout(library, profile, (), load_handout_data(root), ("child-definition",))


# --- the exercises, run through the reviewer's rules ---------------------------------------------

def _findings(handout: Handout, element: str) -> set[str]:
    """The review rules that fire when the exercise replaces the model provision in a draft."""
    page = next(p for p in handout.pages if p.element.id == element)
    ref = next(u for u in units(handout.bill) if u.clause == page.notes.exercise.provision)
    lines = ref.lines[:1] if ref.kind == "section" else ()
    draft = type(ref)(ref.kind, ref.id, ref.clause, ref.elements, ref.label, ref.title,
                      tuple(lines) + (type(ref.lines[0])(ref.id, ref.label,
                                                         normalise(page.notes.exercise.text)),))
    changes = word_changes(ref.text, draft.text)
    pair = Pair(ref, draft, ref.text, draft.text,
                " | ".join(c.new for c in changes if c.op != "equal" and c.new),
                " | ".join(c.old for c in changes if c.op != "equal" and c.old))
    return {rule.id for rule, _ in review(pair)}


@pytest.mark.parametrize("element", ELEMENT_IDS)
def test_each_exercise_weakness_is_found_by_the_review_rules(full: Handout, element: str) -> None:
    exercise = full.pages[ELEMENT_IDS.index(element)].notes.exercise
    assert set(exercise.rules) <= set(RULES), exercise.rules
    assert exercise.rules, element
    assert set(exercise.rules) <= _findings(full, element)


def test_an_exercise_names_only_existing_review_rules(tmp_path: Path) -> None:
    root = _notes_copy(tmp_path)
    path = root / "handouts" / "child-definition.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "rules: [child-age-below-18]", "rules: [child-age-below-16]"), encoding="utf-8")
    with pytest.raises(InputErrors, match=r"child-definition\.yaml:\d+:\d+: exercise\.rules\[0\]: "
                                          "unknown review rule 'child-age-below-16'"):
        load_handout_data(root)
