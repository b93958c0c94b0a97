"""How fast modellaw starts: `--help` and `--version` against Python's own start-up.

The target is under 60 ms for each.  Medians of interleaved runs are printed, with `python
-c pass` and `python -c "import click"` beside them (no click command can start faster than
the second), then the modules `--help` imports, slowest first (`python -X importtime`).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

RUNS = 21
SCRIPT = str(Path(sys.executable).with_name("modellaw"))
COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "python -c 'import click'": [sys.executable, "-c", "import click"],
    "modellaw --help": [SCRIPT, "--help"],
    "modellaw --version": [SCRIPT, "--version"],
}


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def import_breakdown(top: int = 12) -> list[tuple[int, str]]:
    """(cumulative microseconds, module) of the slowest imports of `modellaw --help`."""
    err = subprocess.run([sys.executable, "-X", "importtime", "-m", "modellaw", "--help"],
                         check=True, capture_output=True, text=True).stderr
    rows = []
    for line in err.splitlines()[1:]:
        _, cumulative, name = line.split("|")
        rows.append((int(cumulative), name.rstrip()))
    return sorted(rows, reverse=True)[:top]


def main() -> None:
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(RUNS):
        for name, cmd in COMMANDS.items():
            times[name].append(timed(cmd))
    for name, values in times.items():
        print(f"{name:28} median {1000 * statistics.median(values):6.1f} ms over {RUNS} runs")
    print("\nslowest imports of `modellaw --help` (cumulative):")
    for micros, name in import_breakdown():
        print(f"  {micros / 1000:6.1f} ms  {name}")


if __name__ == "__main__":
    main()
