"""The program (console script, `python -m modellaw`) collects garbage less often; the
library, imported by another program, leaves the collector as it found it."""

from __future__ import annotations

import gc
import subprocess
import sys
import types

import pytest

from modellaw import program


@pytest.fixture
def threshold():
    saved = gc.get_threshold()
    yield
    gc.set_threshold(*saved)


def test_the_program_sets_the_collector_before_the_cli_is_imported(monkeypatch, threshold):
    seen = []
    fake = types.ModuleType("modellaw.cli")
    fake.main = lambda: seen.append(gc.get_threshold())  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "modellaw.cli", fake)
    gc.set_threshold(700, 10, 10)
    program.run()
    assert seen == [(program.NEW_OBJECTS, 10, 10)]


def test_importing_the_library_and_its_cli_leaves_the_collector_alone():
    code = ("import gc; before = gc.get_threshold()\n"
            "import modellaw, modellaw.cli, modellaw.draft.assemble, modellaw.program\n"
            "assert gc.get_threshold() == before, gc.get_threshold()\n"
            "import sys; assert 'modellaw.cli' in sys.modules\n")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_python_dash_m_runs_the_program():
    done = subprocess.run([sys.executable, "-m", "modellaw", "--version"], check=True,
                          capture_output=True, text=True)
    assert done.stdout.startswith("modellaw, version ")
