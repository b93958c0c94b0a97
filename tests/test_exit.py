"""Run as a program, modellaw ends without Python's teardown: with the same status, the same
output, its atexit functions run, and Python's own exit wherever that would do more."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

#: `modellaw ARGS` as the console script runs it, with an atexit function that says it ran.
PROGRAM = ("import atexit, sys\n"
           "atexit.register(lambda: print('atexit ran', flush=True))\n"
           "{before}\n"
           "from modellaw.cli import main\n"
           "sys.argv[0] = 'modellaw'\n"
           "main()\n")


def modellaw(*args: str, before: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-c", PROGRAM.format(before=before), *args],
                          capture_output=True, text=True, env=env, cwd=ROOT)


def test_the_status_the_output_and_atexit_are_as_python_s_exit_leaves_them(
        tmp_path: Path) -> None:
    done = modellaw("--version")
    assert (done.returncode, done.stdout) == (0, "modellaw, version 0.1.0\natexit ran\n")
    bad = modellaw("draft", "nosuch", "-o", str(tmp_path / "x.md"))
    assert bad.returncode == 2 and bad.stdout == "atexit ran\n"
    assert bad.stderr.startswith("error: unknown jurisdiction 'nosuch'")
    checked = modellaw("gaps", "za", "--check")
    assert checked.returncode == 1 and checked.stdout.endswith("\natexit ran\n")


def test_a_document_on_stdout_is_whole(tmp_path: Path) -> None:
    done = modellaw("-q", "draft", "model", "--format", "md", "-o", "-")
    expected = (ROOT / "tests" / "golden" / "model.md").read_text(encoding="utf-8")
    assert done.returncode == 0 and done.stdout == expected + "atexit ran\n"


def test_another_thread_is_waited_for_as_python_does() -> None:
    thread = ("import threading, time\n"
              "threading.Thread(target=lambda: (time.sleep(0.3), print('thread done', "
              "flush=True))).start()")
    done = modellaw("--version", before=thread)
    assert done.returncode == 0 and "thread done" in done.stdout


def test_a_program_that_passes_arguments_gets_click_s_system_exit() -> None:
    code = ("from modellaw.cli import main\n"
            "try:\n    main(['--version'])\nexcept SystemExit as exc:\n"
            "    print('caught', exc.code)\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert done.stdout.endswith("caught 0\n")
