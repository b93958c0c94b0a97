"""Clause and profile loading: every kind of bad input gets one located message."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from modellaw.library.clauses import load_library
from modellaw.errors import InputErrors, ModellawError
from modellaw.library.profiles import load_profile

from .conftest import write


def profile_errors(root: Path, text: str) -> list[str]:
    path = write(root / "jurisdictions" / "xx.yaml", text)
    with pytest.raises(ModellawError) as exc:
        load_profile(path, root)
    errors = exc.value.errors if isinstance(exc.value, InputErrors) else [exc.value]
    return [str(e).replace(str(root) + "/", "") for e in errors]


def test_unknown_key_with_did_you_mean(mini: Path) -> None:
    assert profile_errors(mini, """
        name: X
        extends: _base
        drafting:
          style: common-law
          fine_units: rand
        """) == ["jurisdictions/xx.yaml:5:3: drafting.fine_units: unknown key 'fine_units' "
                 "(did you mean 'fine_unit'?)"]


def test_wrong_type_and_choice_and_range(mini: Path) -> None:
    assert profile_errors(mini, """
        name: 12
        extends: _base
        legal_tradition: roman
        bill:
          year: 1066
        """) == [
        "jurisdictions/xx.yaml:1:1: name: expected a string, got an integer",
        "jurisdictions/xx.yaml:3:1: legal_tradition: 'roman' is not one of 'common-law', "
        "'civil-law', 'mixed'",
        "jurisdictions/xx.yaml:5:3: bill.year: 1066 is below the minimum 1900"]


def test_malformed_yaml_names_the_line(mini: Path) -> None:
    (msg,) = profile_errors(mini, "name: X\ndrafting: [unclosed\n")
    assert msg.startswith("jurisdictions/xx.yaml:3:1: invalid YAML")


@pytest.mark.parametrize("text, opened", [
    ("name: X\ndrafting: [unclosed\n", "a flow sequence that starts at line 2, column 11"),
    ("name: \"X\nlegal_tradition: common-law\n",
     "a quoted scalar that starts at line 1, column 7"),
])
def test_what_is_left_open_is_named_where_it_opened(mini: Path, text: str, opened: str) -> None:
    """libyaml finds an unclosed '[' or quote only where the file ends; the message also says
    where it was opened, which is the line to fix."""
    (msg,) = profile_errors(mini, text)
    assert msg.endswith(f"(while parsing {opened})") or msg.endswith(f"(while scanning {opened})")


def test_existing_law_unknown_element_and_status(mini: Path) -> None:
    assert profile_errors(mini, """
        name: X
        extends: _base
        existing_law:
          advertizing-offence:
            status: met
          recruitment-offence:
            status: done
        """) == [
        "jurisdictions/xx.yaml:4:3: existing_law.advertizing-offence: unknown model element "
        "'advertizing-offence' (did you mean 'advertising-offence'?)",
        "jurisdictions/xx.yaml:7:5: existing_law.recruitment-offence.status: 'done' is not one of "
        "'met', 'partial', 'missing', 'unknown'"]


def test_status_other_than_unknown_needs_evidence(mini: Path) -> None:
    assert profile_errors(mini, """
        name: X
        extends: _base
        existing_law:
          advertising-offence:
            status: met
        """) == ["jurisdictions/xx.yaml:4:3: existing_law.advertising-offence: status 'met' "
                 "needs evidence (a citation)"]


def test_extends_merges_and_cycles_are_caught(mini: Path) -> None:
    prof = load_profile(mini / "jurisdictions" / "xc.yaml", mini)
    assert prof.drafting["style"] == "civil-law" and prof.institutions["court"] == "High Court"
    assert prof.status("advertising-offence").status == "partial"
    assert prof.status("isp-duties").status == "unknown"
    write(mini / "jurisdictions" / "_loop.yaml", "name: L\nextends: _loop\n")
    assert profile_errors(mini, "name: X\nextends: _loop\n") == [
        "jurisdictions/_loop.yaml: profile extends itself (a cycle of 'extends')"]


def test_control_characters_in_values_are_refused(mini: Path) -> None:
    (msg,) = profile_errors(mini, 'name: "X\\x1eT\\x1fchild"\nextends: _base\n')
    assert msg == "jurisdictions/xx.yaml:1:1: name: contains a control character (U+001E)"


def test_clause_errors_are_located(mini: Path) -> None:
    write(mini / "clauses" / "bad-one.yaml", """
        id: bad-one
        title: Bad
        elements: [recruitment-ofence]
        core: yes
        kind: section
        part: offences
        order: 1
        heading: Bad
        text: |
          {% if x %}unclosed
        commentary: x
        sources: []
        """)
    with pytest.raises(InputErrors) as exc:
        load_library(mini)
    assert [str(e).replace(str(mini) + "/", "") for e in exc.value.errors] == [
        "clauses/bad-one.yaml:3:12: elements[0]: unknown model element 'recruitment-ofence' "
        "(did you mean 'recruitment-offence'?)",
        "clauses/bad-one.yaml:4:1: core: expected true or false, got a string"]


def test_jinja_syntax_error_names_the_line(mini: Path) -> None:
    write(mini / "clauses" / "bad-two.yaml", """
        id: bad-two
        title: Bad
        elements: []
        core: true
        kind: section
        part: offences
        order: 1
        heading: Bad
        text: |
          line one
          {% if x %}unclosed
        commentary: x
        sources: []
        """)
    with pytest.raises(InputErrors) as exc:
        load_library(mini)
    (msg,) = [str(e).replace(str(mini) + "/", "") for e in exc.value.errors]
    assert msg.startswith("clauses/bad-two.yaml:11: text: template error: Unexpected end of template")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=200))
def test_arbitrary_profile_text_never_escapes_as_a_bug(mini: Path, text: str) -> None:
    path = mini / "jurisdictions" / "fuzz.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        load_profile(path, mini)
    except ModellawError:
        pass


def test_modest_anchors_and_merge_keys_still_load(tmp_path: Path) -> None:
    from modellaw.library.yamlio import load_yaml

    path = write(tmp_path / "a.yaml", """
        base: &base {police: police, court: High Court}
        here:
          <<: *base
          court: Supreme Court
        list: [*base, *base]
        """)
    data = load_yaml(path).data
    assert data["here"] == {"police": "police", "court": "Supreme Court"}
    assert data["list"] == [data["base"], data["base"]]


@settings(max_examples=40, deadline=None)
@given(levels=st.integers(1, 12), width=st.integers(2, 12))
def test_alias_expansion_is_capped_whatever_its_shape(tmp_path_factory, levels: int, width: int) -> None:
    from modellaw.library.yamlio import load_yaml
    from modellaw.library.yamlparse import MAX_NODES

    lines = ["l0: &l0 [x]"] + [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * width)}]"
                               for i in range(1, levels + 1)]
    path = tmp_path_factory.mktemp("alias") / "a.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    sizes = [2]  # each list: itself plus its items, aliases expanded
    for _ in range(levels):
        sizes.append(1 + width * sizes[-1])
    expanded = 1 + sum(1 + size for size in sizes)  # the mapping, its keys and values
    try:
        load_yaml(path)
    except ModellawError as exc:
        assert "once aliases are expanded" in str(exc) and exc.location.line > 1
        assert expanded > MAX_NODES
    else:
        assert expanded <= MAX_NODES
