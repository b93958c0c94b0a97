"""The YAML cache: a file's bytes parsed once, kept under their digest, never stale.

Each test has a cache folder of its own ($MODELLAW_CACHE).  Whether a load was served from the
cache is seen by counting calls of the parser (`yamlparse.parse`), the only way to a value on
a miss.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from modellaw.errors import ModellawError
from modellaw.library import yamlio, yamlparse
from modellaw.library.clauses import load_library

from tests.conftest import ROOT, damage_file, spy_on

CLAUSE = "offence-recruitment.yaml"


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files the parser was given, in order (a hit parses none)."""
    return spy_on(monkeypatch, yamlparse, "parse", lambda raw, path: path.name)


def entries(cache: Path) -> list[Path]:
    return sorted((cache / "yaml").glob("*.pickle"))


def test_a_second_load_is_served_from_the_cache_with_the_same_values(
        cache: Path, parses: list[str], mini: Path) -> None:
    path = mini / "clauses" / CLAUSE
    first = yamlio.load_yaml(path)
    second = yamlio.load_yaml(path)
    assert parses == [CLAUSE] and len(entries(cache)) == 1
    assert second == first and second.path == path
    assert second.where(("text",)) == first.where(("text",)) and second.where(("text",)).line > 1


def test_an_edited_file_is_parsed_again(cache: Path, parses: list[str], mini: Path) -> None:
    path = mini / "clauses" / CLAUSE
    before = yamlio.load_yaml(path).data["heading"]
    path.write_text(path.read_text().replace("heading: ", "heading: Edited "))
    after = yamlio.load_yaml(path).data["heading"]
    assert parses == [CLAUSE, CLAUSE] and after == f"Edited {before}"
    assert load_library(mini).clauses["offence-recruitment"].heading == after


def test_the_same_bytes_elsewhere_share_an_entry_and_keep_their_own_path(
        cache: Path, parses: list[str], mini: Path, tmp_path: Path) -> None:
    copy = tmp_path / "elsewhere.yaml"
    shutil.copy(mini / "clauses" / CLAUSE, copy)
    yamlio.load_yaml(mini / "clauses" / CLAUSE)
    doc = yamlio.load_yaml(copy)
    assert parses == [CLAUSE] and doc.path == copy and doc.where(("id",)).path == copy


def test_a_file_that_does_not_parse_is_never_cached(cache: Path, parses: list[str],
                                                    tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("a: [1, 2\n")
    messages = []
    for _ in range(2):
        with pytest.raises(ModellawError) as caught:
            yamlio.load_yaml(bad)
        messages.append(str(caught.value))
    assert parses == ["bad.yaml", "bad.yaml"] and messages[0] == messages[1]
    assert "bad.yaml:" in messages[0] and not entries(cache)


@pytest.mark.parametrize("damage", ["truncated", "flipped byte", "empty", "not a document"])
def test_a_damaged_entry_is_a_miss(cache: Path, parses: list[str], mini: Path,
                                   damage: str) -> None:
    path = mini / "clauses" / CLAUSE
    good = yamlio.load_yaml(path)
    (entry,) = entries(cache)
    if not damage_file(entry, damage):
        from modellaw.library import cache_files
        entry.unlink()
        cache_files.write(cache / "yaml", entry.stem, yamlio.MAGIC, ["no", "document"], 9)
    assert yamlio.load_yaml(path) == good and parses == [CLAUSE, CLAUSE]
    assert yamlio.load_yaml(path) == good and parses == [CLAUSE, CLAUSE]  # written afresh


def test_an_unwritable_cache_folder_is_no_cache_and_no_error(
        monkeypatch: pytest.MonkeyPatch, parses: list[str], mini: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("MODELLAW_CACHE", str(blocker / "cache"))
    docs = [yamlio.load_yaml(mini / "clauses" / CLAUSE) for _ in range(2)]
    assert docs[0] == docs[1] and parses == [CLAUSE, CLAUSE]


def test_an_empty_modellaw_cache_switches_it_off(monkeypatch: pytest.MonkeyPatch,
                                                 parses: list[str], mini: Path,
                                                 tmp_path: Path) -> None:
    monkeypatch.setenv("MODELLAW_CACHE", "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    for _ in range(2):
        yamlio.load_yaml(mini / "clauses" / CLAUSE)
    assert parses == [CLAUSE, CLAUSE] and not (tmp_path / "xdg").exists()


def test_a_draft_whose_files_were_all_parsed_before_imports_no_yaml(tmp_path: Path) -> None:
    """With the bill cache emptied (a new --set value would do the same), the second process
    assembles the bill again but never imports PyYAML."""
    code = ("import sys; from modellaw.cli import main\n"
            "try:\n    main(sys.argv[1:])\nexcept SystemExit as exc:\n    assert not exc.code\n"
            "print('yaml' in sys.modules)")
    cache = tmp_path / "cache"
    env = {"MODELLAW_CACHE": str(cache), "PATH": "/usr/bin:/bin",
           "PYTHONPATH": str(Path(yamlio.__file__).parents[2]), "PYTHONDONTWRITEBYTECODE": "1"}
    seen, outputs = [], []
    for run in range(2):
        shutil.rmtree(cache / "bills", ignore_errors=True)
        out = tmp_path / f"b{run}.md"
        done = subprocess.run([sys.executable, "-c", code, "-q", "draft", "model", "--root",
                               str(ROOT), "--format", "md", "-o", str(out)],
                              capture_output=True, text=True, env=env, cwd=tmp_path, check=True)
        seen.append(done.stdout.strip())
        outputs.append(out.read_bytes())
    assert seen == ["True", "False"] and outputs[0] == outputs[1]


def test_the_folder_keeps_at_most_its_bound(cache: Path, parses: list[str], tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlio, "STORE", replace(yamlio.STORE, keep=3))
    files = []
    for i in range(5):
        path = tmp_path / f"f{i}.yaml"
        path.write_text(f"n: {i}\n")
        files.append(path)
        yamlio.load_yaml(path)
        assert len(entries(cache)) == min(i + 1, 3)
    assert [yamlio.load_yaml(f).data["n"] for f in files] == [0, 1, 2, 3, 4]
