"""The clause cache: a clause loaded before comes back equal, with working templates, and
anything `load_clause` depends on (the file, the frame's parts) misses it.

Each test has a cache folder of its own ($MODELLAW_CACHE).  Whether a clause was loaded afresh
is seen by counting calls of `clauses._load_clause`, the only way to a clause on a miss.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from modellaw.errors import InputErrors
from modellaw.library import clauses
from modellaw.library.clauses import load_library
from modellaw.library.profiles import load_profile
from modellaw.draft.assemble import assemble
from modellaw.write.markdown import render_markdown

from tests.conftest import damage_file, spy_on

CLAUSE = "offence-recruitment"


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The clause files loaded afresh, in order (a hit loads none)."""
    return spy_on(monkeypatch, clauses, "_load_clause", lambda path, raw, parts: path.stem)


def draft(mini: Path) -> str:
    profile = load_profile(mini / "jurisdictions" / "model.yaml", mini)
    return render_markdown(assemble(load_library(mini), profile))


def test_a_cached_clause_is_the_same_clause_and_drafts_the_same_bill(
        cache: Path, fresh: list[str], mini: Path) -> None:
    first = load_library(mini)
    count = len(fresh)
    bill, second = draft(mini), load_library(mini)
    assert count == len(first.clauses) and len(fresh) == count  # both from the cache
    assert second.clauses == first.clauses and draft(mini) == bill and len(fresh) == count
    assert set(second.clauses[CLAUSE].templates) == set(first.clauses[CLAUSE].templates)


def test_an_edited_clause_alone_is_loaded_again(cache: Path, fresh: list[str],
                                                mini: Path) -> None:
    before = draft(mini)
    path = mini / "clauses" / f"{CLAUSE}.yaml"
    path.write_text(path.read_text().replace("heading: ", "heading: Edited "))
    fresh.clear()
    after = draft(mini)
    assert fresh == [CLAUSE] and after != before and "Edited " in after


def test_a_clause_whose_part_left_the_frame_is_an_error_though_its_file_is_unchanged(
        cache: Path, fresh: list[str], mini: Path) -> None:
    load_library(mini)
    frame = mini / "clauses" / "_bill.yaml"
    frame.write_text(frame.read_text().replace("id: offences", "id: crimes"))
    with pytest.raises(InputErrors) as caught:
        load_library(mini)
    assert any("part" in str(e) and "offences" in str(e) for e in caught.value.errors)


def test_a_template_error_is_never_cached(cache: Path, fresh: list[str], mini: Path) -> None:
    path = mini / "clauses" / f"{CLAUSE}.yaml"
    path.write_text(path.read_text().replace("heading: ", "heading: Bad {{ ( "))
    messages = []
    for _ in range(2):
        with pytest.raises(InputErrors) as caught:
            load_library(mini)
        messages.append([str(e) for e in caught.value.errors])
    assert messages[0] == messages[1] and "template error" in messages[0][0]
    others = len(list((mini / "clauses").glob("[!_]*.yaml"))) - 1  # the sound ones are kept
    assert fresh.count(CLAUSE) == 2 and len(list((cache / "clauses").glob("*.pickle"))) == others


@pytest.mark.parametrize("damage", ["truncated", "empty"])
def test_a_damaged_entry_is_a_miss(cache: Path, fresh: list[str], mini: Path,
                                   damage: str) -> None:
    bill = draft(mini)
    for entry in (cache / "clauses").glob("*.pickle"):
        damage_file(entry, damage)
    fresh.clear()
    assert draft(mini) == bill and CLAUSE in fresh
