"""Assembly: numbering, references, renumbering, parameters and the errors a drafter meets."""

from __future__ import annotations

from pathlib import Path

import pytest

from modellaw.draft.assemble import Override, assemble
from modellaw.library.clauses import load_library
from modellaw.errors import InputErrors
from modellaw.model import Kind, Ref, TermUse
from modellaw.library.profiles import load_profile

from .conftest import write


def draft(root: Path, pid: str, overrides: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    return assemble(load_library(root), load_profile(root / "jurisdictions" / f"{pid}.yaml", root),
                    [Override.parse(o) for o in overrides])


def messages(exc: pytest.ExceptionInfo[InputErrors]) -> list[str]:
    return [str(e) for e in exc.value.errors]


def test_sections_numbered_across_parts_with_eids(mini: Path) -> None:
    bill = draft(mini, "model")
    assert [(s.num, s.id) for s in bill.sections()] == [("1", "interpretation"),
                                                        ("2", "offence-recruitment")]
    sec = bill.find("offence-recruitment")
    assert sec is not None
    assert [c.num for c in sec.children] == ["(1)", "(2)", "(3)"]
    para = sec.children[0].children[1].children[0]
    assert (para.kind, para.num, para.eid) == (Kind.SUBPARAGRAPH, "(i)",
                                               "part_2__sec_2__subsec_1__para_b__subpara_i")
    assert sec.provenance.clause == "offence-recruitment"
    assert sec.provenance.elements == ("recruitment-offence",)


def test_references_resolve_to_final_numbers(mini: Path) -> None:
    sec = draft(mini, "model").find("offence-recruitment")
    assert sec is not None
    refs = [i for i in sec.children[2].text if isinstance(i, Ref)]
    # within its own section a provision is "subsection (2)", elsewhere "section 2(2)"
    assert [(r.target, r.label) for r in refs] == [("offence-recruitment.consent", "subsection (2)"),
                                                   ("interpretation", "section 1")]


def test_switching_an_optional_clause_on_renumbers_and_references_follow(mini: Path) -> None:
    bill = draft(mini, "xc")
    assert [s.id for s in bill.sections()] == ["interpretation", "offence-advertising",
                                               "offence-recruitment"]
    sec = bill.find("offence-recruitment")
    assert sec is not None and sec.num == "3" and sec.eid == "part_II__sec_3"
    labels = [i.label for i in sec.children[2].text if isinstance(i, Ref)]
    assert labels == ["paragraph 2", "Article 1"]
    assert bill.find("offence-recruitment.consent") is not None
    stable_before = {n.id for n in draft(mini, "model").walk()}
    assert stable_before <= {n.id for n in bill.walk()}


def test_terms_are_marked_and_definitions_sit_in_interpretation(mini: Path) -> None:
    bill = draft(mini, "model")
    interp = bill.find("interpretation")
    assert interp is not None
    assert [(d.kind, d.term) for d in interp.children] == [(Kind.DEFINITION, "child")]
    uses = [i for n in bill.walk() for i in n.text if isinstance(i, TermUse)]
    assert {u.term for u in uses} == {"child"}


def test_parameters_defaults_then_profile_then_set(mini: Path) -> None:
    text = lambda b: " ".join(n.plain_text for n in b.walk())  # noqa: E731
    assert "not more than 10 years" in text(draft(mini, "xc"))
    bill = draft(mini, "xc", ("offence-advertising.max_years=12",
                              "offence-advertising.protection=non-prosecution"))
    assert "not more than 12 years" in text(bill) and "(non-prosecution)" in text(bill)


@pytest.mark.parametrize("override, expected", [
    ("offence-advertising.max_years=200", "--set offence-advertising.max_years: "
     "offence-advertising.max_years: 200 is above the maximum 99"),
    ("offence-advertising.max_yeras=3", "--set offence-advertising.max_yeras: unknown parameter "
     "of clause 'offence-advertising' 'max_yeras' (did you mean 'max_years'?)"),
    ("offence-advertsing.max_years=3", "--set offence-advertsing.max_years: unknown clause "
     "'offence-advertsing' (did you mean 'offence-advertising'?)"),
    ("offence-advertising.protection=both", "--set offence-advertising.protection: "
     "offence-advertising.protection: 'both' is not one of 'non-punishment', 'non-prosecution'"),
])
def test_bad_overrides_are_reported(mini: Path, override: str, expected: str) -> None:
    with pytest.raises(InputErrors) as exc:
        draft(mini, "xc", (override,))
    assert messages(exc) == [expected]


def test_unset_required_parameter_is_an_error_not_blank_text(mini: Path) -> None:
    write(mini / "jurisdictions" / "xd.yaml", """
        name: No wording
        extends: _base
        optional: [offence-advertising]
        """)
    with pytest.raises(InputErrors) as exc:
        draft(mini, "xd")
    (msg,) = messages(exc)
    assert msg.startswith(f"{mini / 'clauses' / 'offence-advertising.yaml'}:21:3: parameters.wording: "
                          "parameter 'offence-advertising.wording' has no default")


def test_reference_to_a_clause_not_in_the_bill_is_an_error(mini: Path) -> None:
    path = mini / "clauses" / "offence-recruitment.yaml"
    path.write_text(path.read_text().replace("ref('interpretation')", "ref('offence-advertising')"))
    with pytest.raises(InputErrors) as exc:
        draft(mini, "model")
    # named where it was written: the clause's text template, not the profile
    line = next(i for i, text in enumerate(path.read_text().splitlines(), start=1)
                if text.startswith("text:")) + 1
    assert f"{path}:{line}: text: a reference to clause 'offence-advertising', which is not in " \
           "this bill" in messages(exc)


def test_undefined_term_is_an_error_and_unused_definition_a_warning(mini: Path) -> None:
    path = mini / "clauses" / "offence-recruitment.yaml"
    original = path.read_text()
    path.write_text(original.replace("term('child')", "term('minor')"))
    with pytest.raises(InputErrors) as exc:
        draft(mini, "model")
    assert any("the term 'minor' is used as defined but this bill does not define it" in m
               for m in messages(exc))
    path.write_text(original.replace("{{ term('child') }}", "child"))
    assert draft(mini, "model").warnings == (
        "the definition of 'child' (definition-child) is never used in the bill",)


def test_template_errors_name_the_clause_file_and_line(mini: Path) -> None:
    path = mini / "clauses" / "offence-recruitment.yaml"
    path.write_text(path.read_text().replace("{{ penalty(max_years) }}", "{{ penalty(max_yeers) }}"))
    with pytest.raises(InputErrors) as exc:
        draft(mini, "model")
    assert messages(exc) == [f"{path}:23: text: template error: 'max_yeers' is undefined"]


def test_profile_values_are_data_not_templates(mini: Path) -> None:
    assert draft(mini, "model").jurisdiction_name == "Model {{ 7*7 }}"


def test_sandbox_blocks_unsafe_template_code(mini: Path) -> None:
    path = mini / "clauses" / "offence-recruitment.yaml"
    path.write_text(path.read_text().replace("{{ penalty(max_years) }}",
                                             "{{ penalty.__globals__ }}"))
    with pytest.raises(InputErrors) as exc:
        draft(mini, "model")
    assert "template error" in messages(exc)[0]


def test_only_elements_keeps_dependencies_and_renumbers(mini: Path) -> None:
    library = load_library(mini)
    profile = load_profile(mini / "jurisdictions" / "xc.yaml", mini)
    bill = assemble(library, profile, only_elements=frozenset({"recruitment-offence"}))
    assert [(s.num, s.id) for s in bill.sections()] == [("1", "interpretation"),
                                                        ("2", "offence-recruitment")]
    interp = bill.find("interpretation")
    assert interp is not None and [d.term for d in interp.children] == ["child"]
    sec = bill.find("offence-recruitment")
    assert sec is not None
    assert [i.label for i in sec.children[2].text if isinstance(i, Ref)] == [
        "paragraph 2", "Article 1"]
    nothing = assemble(library, profile, only_elements=frozenset())
    assert [s.id for s in nothing.sections()] == ["interpretation"]


def test_a_list_of_references_follows_the_selection(mini: Path) -> None:
    path = mini / "clauses" / "offence-recruitment.yaml"
    path.write_text(path.read_text().replace(
        "{{ ref('interpretation') }}", "{{ refs('interpretation', 'offence-advertising', 'offence-recruitment') }}"))
    def text(pid: str) -> str:
        sec = draft(mini, pid).find("offence-recruitment")
        assert sec is not None
        return sec.children[2].plain_text
    assert text("model") == "See subsection (2) and sections 1 or 2."
    assert text("xc") == "See paragraph 2 and any of Articles 1 to 3."


def test_heading_template_errors_name_the_heading_line(mini: Path) -> None:
    path = mini / "clauses" / "offence-recruitment.yaml"
    path.write_text(path.read_text().replace("{{ jurisdiction.service_provider }}",
                                             "{{ jurisdiction.isp }}"))
    with pytest.raises(InputErrors) as exc:
        draft(mini, "model")
    assert messages(exc) == [f"{path}:8: heading: template error: 'dict object' has no "
                             "attribute 'isp'"]


def test_references_from_another_section_and_capitalised(mini: Path) -> None:
    path = mini / "clauses" / "offence-advertising.yaml"
    path.write_text(path.read_text().replace(
        "({{ protection }})", "({{ protection }}; {{ ref('offence-recruitment', 'consent', capital=True) }})"))
    sec = draft(mini, "xc").find("offence-advertising")
    assert sec is not None
    assert [i.label for i in sec.text if isinstance(i, Ref)] == ["Article 3, paragraph 2"]
    path.write_text(path.read_text().replace("'offence-recruitment', 'consent', capital=True",
                                             "'offence-advertising', 'nowhere'"))
    with pytest.raises(InputErrors) as exc:
        draft(mini, "xc")
    assert any("'offence-advertising#nowhere': no such anchor" in m for m in messages(exc))


def test_optional_and_exclude_take_the_right_kind_of_clause(mini: Path) -> None:
    write(mini / "jurisdictions" / "xd.yaml", """
        name: Mixed up
        extends: _base
        optional: [offence-recruitment]
        exclude: [offence-advertising]
        """)
    with pytest.raises(InputErrors) as exc:
        draft(mini, "xd")
    assert [m.split(": ", 2)[-1] for m in messages(exc)] == [
        "clause 'offence-advertising' is optional; leave it out of 'optional' instead"]
    (mini / "jurisdictions" / "xd.yaml").write_text(
        "name: Mixed up\nextends: _base\noptional: [offence-recruitment]\n")
    warnings = draft(mini, "xd").warnings
    assert any(w.endswith("clause 'offence-recruitment' is core and always included; remove it "
                          "from 'optional' (or list it under 'exclude' to leave it out)")
               for w in warnings)
