"""Shared fixtures: the real project root, a small hand-made library, a guard that keeps
tests from writing into the project's own drafts/ folder, and the one way a test asks for an
outside program (LibreOffice, poppler, pandoc, Chromium).

A fresh machine has none of those programs, and `pip install -e '.[test]' && python -m
pytest` must still pass there: a check that needs one is skipped, naming the Debian package
that brings it, and the run ends with a count of what was skipped and why.  CI installs them
all and sets MODELLAW_REQUIRE_TOOLS=1, under which a missing program fails the test instead.
"""

from __future__ import annotations

import collections
import os
import shutil
import tempfile
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from modellaw import output

ROOT = Path(__file__).resolve().parents[1]
MINI = Path(__file__).parent / "data" / "mini"
REQUIRE_TOOLS = "MODELLAW_REQUIRE_TOOLS"
#: Each outside program and the Debian package that installs it.
PACKAGES = {"soffice": "libreoffice-writer-nogui", "pdftotext": "poppler-utils",
            "pdftoppm": "poppler-utils", "pandoc": "pandoc", "chromium": "chromium"}
MISSING = "needs {tool}, not installed: apt-get install {package}"

# Compiled templates go to a cache folder of the run's own, never the user's ~/.cache.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="modellaw-test-cache-")
os.environ.pop("MODELLAW_CACHE", None)


def require_tool(tool: str, *alternatives: str) -> str:
    """The path of `tool` (or of an alternative name); if none is installed, skip the test
    with the package to install, or fail it when $MODELLAW_REQUIRE_TOOLS is set."""
    found = next((shutil.which(n) for n in (tool, *alternatives) if shutil.which(n)), None)
    if found is not None:
        return found
    message = MISSING.format(tool=tool, package=PACKAGES[tool])
    if os.environ.get(REQUIRE_TOOLS):
        pytest.fail(f"{message} ({REQUIRE_TOOLS} is set)")
    pytest.skip(message)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """How many checks were skipped and why, in one line each, at the end of every run."""
    reasons: collections.Counter[str] = collections.Counter()
    for report in terminalreporter.stats.get("skipped", []):
        longrepr = report.longrepr
        reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
        reasons[reason.removeprefix("Skipped: ")] += 1
    if not reasons:
        return
    total = sum(reasons.values())
    terminalreporter.write_sep("-", f"{total} check{'s' if total != 1 else ''} skipped")
    for reason, count in sorted(reasons.items()):
        terminalreporter.write_line(f"{count:4} skipped: {reason}")
    if any("not installed" in r for r in reasons):
        terminalreporter.write_line(f"     (CI installs them all and sets {REQUIRE_TOOLS}=1: "
                                    "see .ci/run)")


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


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of the test's own (MODELLAW_CACHE), so no test sees another's entries."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("MODELLAW_CACHE", str(folder))
    return folder


def spy_on(monkeypatch: pytest.MonkeyPatch, owner: object, name: str,
           label: Callable[..., str]) -> list[str]:
    """Wrap `owner.name` so each call is recorded, as `label(*args)`, before it runs: how the
    cache tests tell a hit (no call) from the slow path it saves."""
    calls: list[str] = []
    real = getattr(owner, name)

    def spy(*args: Any) -> Any:
        calls.append(label(*args))
        return real(*args)

    monkeypatch.setattr(owner, name, spy)
    return calls


def damage_file(entry: Path, how: str) -> bool:
    """Damage a cache entry the ways a disk or a killed run does ("truncated", "flipped
    byte", "empty"); False for any other `how`, which the test does itself."""
    raw = entry.read_bytes()
    if how == "truncated":
        entry.write_bytes(raw[:len(raw) // 2])
    elif how == "flipped byte":
        entry.write_bytes(raw[:-10] + bytes([raw[-10] ^ 0xFF]) + raw[-9:])
    elif how == "empty":
        entry.write_bytes(b"")
    else:
        return False
    return True
