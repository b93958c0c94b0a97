"""How fast modellaw starts: `--help` and `--version` against Python's own start-up.

The target is under 60 ms for each.  Medians of interleaved runs are printed, with `python
-c pass` and `python -c "import click"` beside them (no click command can start faster than
the second), then the modules `--help` imports, slowest first (`python -X importtime`).

Every process runs this checkout's code (`src/` first on PYTHONPATH) with compiled bytecode,
as an installed package has it (pip compiles at install): the bytecode goes to a folder of the
run's own (PYTHONPYCACHEPREFIX), never into the source tree, and is made before timing.  A
machine that sets PYTHONDONTWRITEBYTECODE and runs a checkout without `__pycache__` would
otherwise time the compiling of every module of the package on every start.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = 21
# The console script installed beside this interpreter: a version manager's shim on PATH
# (pyenv's adds ~70 ms of shell) would be timed instead of modellaw.
SCRIPT = str(Path(sys.executable).with_name("modellaw"))
COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "python -c 'import click'": [sys.executable, "-c", "import click"],
    "modellaw --help": [SCRIPT, "--help"],
    "modellaw --version": [SCRIPT, "--version"],
}


def child_env(tmp: Path, **extra: str) -> dict[str, str]:
    """The environment every timed process gets: this checkout's code, its bytecode compiled
    once into `tmp`, and `extra`."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(ROOT / "src"), env.get("PYTHONPATH"))))
    env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src" / "modellaw")],
                   check=True, env=env, stdout=subprocess.DEVNULL)
    return {**env, **extra}


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def import_breakdown(env: dict[str, str], args: tuple[str, ...] = ("--help",), top: int = 12
                     ) -> list[tuple[int, str]]:
    """(cumulative microseconds, module) of the slowest imports of `modellaw ARGS`."""
    err = subprocess.run([sys.executable, "-X", "importtime", "-m", "modellaw", *args],
                         check=True, capture_output=True, text=True, env=env, cwd=ROOT).stderr
    rows = []
    for line in err.splitlines()[1:]:
        _, cumulative, name = line.split("|")
        rows.append((int(cumulative), name.rstrip()))
    return sorted(rows, reverse=True)[:top]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = child_env(Path(tmp))
        for cmd in COMMANDS.values():  # warm-up: the bytecode of what each one imports
            timed(cmd, env)
        times: dict[str, list[float]] = {name: [] for name in COMMANDS}
        for _ in range(RUNS):
            for name, cmd in COMMANDS.items():
                times[name].append(timed(cmd, env))
        breakdown = import_breakdown(env)
    for name, values in times.items():
        print(f"{name:28} median {1000 * statistics.median(values):6.1f} ms over {RUNS} runs")
    print("\nslowest imports of `modellaw --help` (cumulative):")
    for micros, name in breakdown:
        print(f"  {micros / 1000:6.1f} ms  {name}")


if __name__ == "__main__":
    main()
