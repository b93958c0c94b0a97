"""Shared fixtures: the real project root, a small hand-made library, and a guard that keeps
tests from writing into the project's own drafts/ folder."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from modellaw import output

ROOT = Path(__file__).resolve().parents[1]
MINI = Path(__file__).parent / "data" / "mini"


@pytest.fixture(autouse=True)
def _no_writes_into_the_project(monkeypatch: pytest.MonkeyPatch) -> None:
    real = output._atomic_write

    def guarded(path: Path, data: bytes) -> None:
        if ROOT / "drafts" in path.resolve().parents:
            raise AssertionError(f"a test tried to write into the project's drafts/: {path}")
        real(path, data)

    monkeypatch.setattr(output, "_atomic_write", guarded)


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A copy of the small library in tests/data/mini that a test may change."""
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    return root


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path
