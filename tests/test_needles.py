"""The judge's quick test before a pattern is run (the words every match must contain) never
hides a match: checked on every rule pattern against the working corpus's words, on
generated texts, and on the characters that case-blind matching folds to ASCII."""

from __future__ import annotations

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from modellaw.judge import elements, review
from modellaw.judge.elements import _ASCII_FOLDS, _Asked, needles, units
from modellaw.read.document import read_document

from .test_judge import bench

PATTERNS = sorted(((f"{module.__name__}.{name}", rx) for module in (elements, review)
                   for name, rx in vars(module).items() if isinstance(rx, re.Pattern)),
                  key=lambda nr: nr[0]) + \
    [(f"ACTS.{name}", rx) for name, rx in sorted(elements.ACTS.items())]


def _agrees(rx: re.Pattern[str], text: str) -> bool:
    return _Asked(rx).search(text) == (rx.search(text) is not None)


def test_needles_of_literal_runs_and_alternations() -> None:
    assert needles(re.compile(r"\bweb ?site|e-?mail", re.I)) == {"site", "mail"}
    # the longest certain run wins: "liable" over " not "
    assert needles(re.compile(r"(?:shall|must) not (?:be )?liable", re.I)) == {"liable"}
    assert needles(re.compile(r"(?:abc)?d*|x", re.I)) == frozenset()    # nothing certain
    assert needles(re.compile(r"(?:Child){2,}", re.I)) == {"child"}
    assert needles(re.compile(r"proxénétisme", re.I)) == {"tisme"}       # ASCII runs only


def test_folds_are_every_non_ascii_character_matching_an_ascii_letter() -> None:
    letters = re.compile("[a-z]", re.I)
    folding = {chr(c) for c in range(128, sys.maxunicode + 1) if letters.fullmatch(chr(c))}
    assert folding == set(_ASCII_FOLDS)


def test_every_rule_pattern_agrees_on_the_working_corpus() -> None:
    texts: set[str] = set()
    for name, entry in sorted(bench._yaml(bench.STATUTES / "corpus.yaml").items()):
        if entry.get("split") != "working":
            continue
        found = units([read_document(bench.STATUTES / name)])
        texts.update(t for u in found for t in (u.text, u.scope, u.whole))
    assert len(texts) > 500
    wrong = [(name, t[:60]) for name, rx in PATTERNS for t in texts if not _agrees(rx, t)]
    assert wrong == []


_WORDS = sorted({w for _, rx in PATTERNS for w in needles(rx)})
_PIECES = st.one_of(st.sampled_from(_WORDS), st.sampled_from(list(_ASCII_FOLDS)),
                    st.sampled_from([" ", ".", ";", "\u2014", "18", "(a)", "Child", "not "]),
                    st.text(max_size=6))


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=12), st.sampled_from(PATTERNS), st.booleans())
def test_every_rule_pattern_agrees_on_generated_text(pieces: list[str],
                                                     named: tuple[str, re.Pattern[str]],
                                                     upper: bool) -> None:
    text = "".join(pieces)
    text = text.upper() if upper else text
    assert _agrees(named[1], text), (named[0], text)


def test_remembered_answers_are_bounded_and_still_right(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(elements, "_ANSWERS_KEPT", 3)
    monkeypatch.setattr(elements, "_answers_kept", 0)
    texts = ["a child under 16", "an adult", "the Internet", "a minor online", "nothing"]
    for _ in range(2):
        got = [elements._found(elements.CHILD, t) for t in texts]
        assert got == [True, False, False, True, False]
    assert elements._answers_kept <= 3
    assert sum(len(a.answers) for a in elements._ASKED.values()) <= 3
