"""The code digest in every cache key: remembered under the source files' names, sizes and
modification times, and computed afresh from their bytes whenever one of those changes or
the remembered value is damaged, so a cache never outlives the code that filled it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from modellaw.library import cache_files

from tests.conftest import damage_file


@pytest.fixture
def package(tmp_path: Path) -> Path:
    folder = tmp_path / "pkg"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.py").write_text("A = 1\n")
    (folder / "sub" / "b.py").write_text("B = 2\n")
    (folder / "notes.txt").write_text("not code")
    return folder


def digest(package: Path) -> bytes:
    cache_files._code_digest.cache_clear()   # a new process, as far as the memo is concerned
    return cache_files.code_digest(package)


def memos(cache: Path) -> list[Path]:
    return sorted((cache / "code").glob(f"*{cache_files.SUFFIX}"))


def test_the_digest_is_remembered_and_is_the_digest_of_the_bytes(cache: Path,
                                                                 package: Path) -> None:
    first = digest(package)
    assert len(memos(cache)) == 1
    assert digest(package) == first == cache_files._hash_files(
        cache_files._code_files(package))
    (package / "notes.txt").write_text("still not code")    # only .py files count
    assert digest(package) == first and len(memos(cache)) == 1


def test_an_edit_of_the_same_size_is_a_new_digest(cache: Path, package: Path) -> None:
    first = digest(package)
    source = package / "sub" / "b.py"
    before = source.stat()
    source.write_text("B = 3\n")
    os.utime(source, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000))
    assert digest(package) != first and len(memos(cache)) == 2


def test_moving_a_file_is_a_new_digest(cache: Path, package: Path) -> None:
    first = digest(package)
    (package / "sub" / "b.py").rename(package / "b.py")
    assert digest(package) != first


@pytest.mark.parametrize("how", ["truncated", "flipped byte", "empty"])
def test_a_damaged_memo_is_computed_again(cache: Path, package: Path, how: str) -> None:
    first = digest(package)
    (memo,) = memos(cache)
    assert damage_file(memo, how)
    assert digest(package) == first


def test_without_a_cache_the_digest_is_computed_every_time(
        monkeypatch: pytest.MonkeyPatch, package: Path, tmp_path: Path) -> None:
    monkeypatch.setenv("MODELLAW_CACHE", "")
    assert digest(package) == digest(package)
    assert not (tmp_path / "cache").exists()
