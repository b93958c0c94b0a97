"""The rendered-clause cache and templates as data: a clause render is kept under its source
and the values it looks up, so a draft renders again only what changed, with the same text,
the same errors, and no Jinja2 at all when nothing did.

Each test has a cache folder of its own ($MODELLAW_CACHE).  Whether a template rendered
afresh is seen by counting calls of `ClauseTemplate.template`, the only way to Jinja2.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from modellaw.draft.assemble import Override, assemble
from modellaw.errors import InputErrors
from modellaw.library import clause_template, render_cache
from modellaw.library.clause_template import ClauseTemplate, compile_template, literal_text
from modellaw.library.clauses import load_library
from modellaw.library.markers import Helper, join_words
from modellaw.library.profiles import load_profile
from modellaw.library.templating import environment
from modellaw.write.markdown import render_markdown

from tests.conftest import damage_file, spy_on

CLAUSE = "offence-recruitment"
SRC = Path(__file__).resolve().parents[1] / "src"


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The templates rendered by Jinja2 (a render from the cache builds none)."""
    return spy_on(monkeypatch, ClauseTemplate, "template",
                  lambda template: template.filename.rpartition("/")[2])


def draft(mini: Path, *sets: str) -> str:
    profile = load_profile(mini / "jurisdictions" / "model.yaml", mini)
    return render_markdown(assemble(load_library(mini), profile,
                                    [Override.parse(s) for s in sets]))


def test_a_second_draft_renders_nothing_and_reads_the_same(cache: Path, built: list[str],
                                                           mini: Path) -> None:
    first = draft(mini)
    assert built and (cache / "rendered-clauses").is_dir()
    built.clear()
    assert draft(mini) == first and built == []


def test_an_edited_template_alone_renders_again(cache: Path, built: list[str],
                                                mini: Path) -> None:
    before = draft(mini)
    path = mini / "clauses" / f"{CLAUSE}.yaml"
    path.write_text(path.read_text().replace("It is not a defence", "It is no defence"))
    built.clear()
    after = draft(mini)
    assert built == [f"{CLAUSE}.yaml#text"] and "It is no defence" in after
    assert after == before.replace("It is not a defence", "It is no defence")


def test_a_changed_value_renders_the_templates_that_look_it_up(cache: Path, built: list[str],
                                                               mini: Path) -> None:
    before = draft(mini)
    built.clear()
    after = draft(mini, f"{CLAUSE}.max_years=25")
    assert f"{CLAUSE}.yaml#text" in built and f"{CLAUSE}.yaml#heading" not in built
    assert "25 years" in after and "25 years" not in before
    built.clear()
    assert draft(mini, f"{CLAUSE}.max_years=25") == after and built == []


def test_a_changed_profile_value_is_never_served_stale(cache: Path, mini: Path) -> None:
    before = draft(mini)
    base = mini / "jurisdictions" / "_base.yaml"
    text = base.read_text()
    assert "service_provider:" in text
    base.write_text(text.replace("service_provider: ", "service_provider: Edited "))
    after = draft(mini)
    assert after != before and "Edited " in after


def test_a_render_that_failed_fails_again_with_the_same_message(cache: Path, mini: Path
                                                                ) -> None:
    path = mini / "clauses" / f"{CLAUSE}.yaml"
    path.write_text(path.read_text().replace("{{ penalty(max_years) }}", "{{ 1 // 0 }}"))
    messages = []
    for _ in range(2):
        with pytest.raises(InputErrors) as caught:
            draft(mini)
        messages.append([str(e) for e in caught.value.errors])
    assert messages[0] == messages[1] and "division" in messages[0][0]
    assert f"{CLAUSE}.yaml:" in messages[0][0]


@pytest.mark.parametrize("damage", ["truncated", "empty", "foreign"])
def test_a_damaged_entry_is_rendered_again(cache: Path, built: list[str], mini: Path,
                                           damage: str) -> None:
    bill = draft(mini)
    for entry in (cache / "rendered-clauses").glob("*.pickle"):
        if not damage_file(entry, damage):    # "foreign": our magic, no entry of ours
            entry.write_bytes(render_cache.MAGIC + b"\0" * 40)
    built.clear()
    assert draft(mini) == bill and f"{CLAUSE}.yaml#text" in built


def test_a_cache_that_cannot_be_written_drafts_the_same(tmp_path: Path, mini: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MODELLAW_CACHE", "")
    expected = draft(mini)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("MODELLAW_CACHE", str(blocker))
    assert draft(mini) == expected == draft(mini)


def test_the_key_tells_apart_what_a_template_can(cache: Path) -> None:
    names = frozenset({"x"})

    def key(value: object) -> str:
        return render_cache.key("{{ x }}", names, {"x": value, "unused": object()})

    distinct = [key(v) for v in ([1, 2], (1, 2), 1, True, 1.0, "1", {"a": 1}, [[1, 2]],
                                 Helper(join_words, ["a"]), join_words)]
    assert "" not in distinct and len(set(distinct)) == len(distinct)
    assert key({"a", "b"}) == key({"b", "a"}) and key({"b": 1, "a": 2}) == key({"a": 2, "b": 1})
    assert key(lambda: 1) == "" and key(object()) == "" and key({1: "a"}) == ""
    assert render_cache.key("{{ lipsum() }}", frozenset({"lipsum"}), {}) == ""
    assert render_cache.key("{{ x }}", None, {"x": 1}) == ""
    assert key(1) != render_cache.key("{{ x }}\n", names, {"x": 1})


def test_only_the_names_a_template_looks_up_are_in_its_key(cache: Path) -> None:
    template = compile_template("{% if y is defined %}{{ x }}{% endif %}{{ range(2)|list }}",
                                "t#text")
    assert template.names == frozenset({"x", "y", "range"})
    assert template.render({"x": 1, "y": 0, "z": 5}) == "1[0, 1]"
    assert template.render({"x": 1, "z": 6}) == "[0, 1]"  # y's absence is a different key


def test_a_value_that_hides_a_global_is_in_the_key(cache: Path, built: list[str]) -> None:
    """A parameter named like one of Jinja2's globals (`range`) is looked up all the same."""
    template = compile_template("{{ range }}", "t#text")
    assert template.render({"range": 1}) == "1" and template.render({"range": 2}) == "2"
    assert compile_template("{{ lipsum(1) }}", "t#text").names == frozenset({"lipsum"})
    built.clear()
    assert template.render({"range": 1}) == "1" and built == []


@pytest.mark.parametrize("source", ["Plain heading", "Two\nlines\n", "Ends\n\n", "CR\r\nLF\rx",
                                    "  spaced  ", "", "\n", "tab\there 100% # not a comment",
                                    "Unicode — ‘quotes’ é\u2028sep"])
def test_text_without_markup_renders_as_jinja_renders_it(source: str) -> None:
    expected = environment().from_string(source).render()
    assert literal_text(source) == expected
    assert compile_template(source, "t#heading").render({}) == expected


def test_markup_or_an_overlong_text_is_a_template() -> None:
    assert literal_text("a {{ b }}") is None and literal_text("{# c #}") is None
    assert literal_text("x" * (clause_template.MAX_OUTPUT + 1)) is None


def test_a_draft_from_cached_renders_imports_no_jinja(tmp_path: Path) -> None:
    """A bill not in the bill cache, whose clause renders all are: neither Jinja2 nor YAML."""
    code = ("import sys; from modellaw.cli import main\n"
            "try:\n    main(sys.argv[1:])\nexcept SystemExit as exc:\n    assert not exc.code\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'yaml', 'jinja2'}))")
    cache = tmp_path / "cache"
    env = {"MODELLAW_CACHE": str(cache), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(SRC),
           "PYTHONDONTWRITEBYTECODE": "1"}
    seen, outputs = [], []
    for run in range(2):
        out = tmp_path / f"b{run}.docx"
        result = subprocess.run([sys.executable, "-c", code, "-q", "draft", "model", "--force",
                                 "--format", "docx", "-o", str(out)], capture_output=True,
                                text=True, env=env, cwd=tmp_path, check=True)
        seen.append(result.stdout.strip())
        outputs.append(out.read_bytes())
        for kept in ("bills", "rendered"):
            for entry in (cache / kept).glob("*"):
                entry.unlink()
    assert seen == ["['jinja2', 'yaml']", "[]"] and outputs[0] == outputs[1]
