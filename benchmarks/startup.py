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


def start_up_code() -> list[str]:
    """The `.pth` files of this interpreter's site-packages that run code at every start (a
    line starting `import`).  Their time is in every process timed here, ours and `python -c
    pass` alike, but not in pandoc's: run the benchmarks from a virtual environment without
    them (as pipx installs a tool) to time what a user's machine does."""
    import site
    found = []
    for folder in {*site.getsitepackages(), site.getusersitepackages()}:
        for pth in sorted(Path(folder).glob("*.pth")):
            try:
                lines = pth.read_text(encoding="utf-8", errors="replace").splitlines()
            except OSError:
                continue
            if any(line.startswith(("import ", "import\t")) for line in lines):
                found.append(str(pth))
    return found


def warn_start_up_code(runs: int = 9) -> None:
    """Say so when this interpreter's `site` costs more than a plain one's would (`python -c
    pass` against `python -S -c pass`, which skips site-packages)."""
    plain = statistics.median(_started([sys.executable, "-S", "-c", "pass"]) for _ in range(runs))
    full = statistics.median(_started([sys.executable, "-c", "pass"]) for _ in range(runs))
    if full - plain > SITE_NOTICE:
        print(f"note: site-packages cost {1000 * (full - plain):.0f} ms at every Python start, "
              f"timed as ours; code runs from {', '.join(start_up_code()) or 'no .pth file'} "
              f"(see docs/speed.md)")


#: Seconds of site-packages start-up worth a note (a plain venv's is 2-5 ms).
SITE_NOTICE = 0.010


def _started(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True)
    return time.perf_counter() - start


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
    warn_start_up_code()
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
