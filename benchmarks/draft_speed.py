"""How fast drafting is, measured against pandoc on the same machine in the same minute.

1. The whole process `modellaw draft model --format docx` against `pandoc` converting the
   same bill's Markdown to DOCX (runs interleaved so both see the same machine load).
2. Where one such process spends its time: each import, loading the library (with the
   compiled-template cache warm), assembling, rendering, writing.
3. Drafting every profile in both formats in one process (the target is under 2 seconds).

Medians are quoted; the ratio is ours over pandoc's (at most 1.0 is the target).  The
time of `python -c pass` is printed beside them: no Python command can start faster.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = 15
# The console script installed beside this interpreter: a version manager's shim on PATH
# (pyenv's adds ~70 ms of shell) would be timed instead of modellaw.
SCRIPT = str(Path(sys.executable).with_name("modellaw"))


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def whole_process(tmp: Path) -> tuple[float, float, float]:
    md = tmp / "model.md"
    subprocess.run([sys.executable, "-m", "modellaw", "-q", "draft", "model", "-o", str(md)],
                   check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    ours, theirs, floor = [], [], []
    for i in range(RUNS):
        out = tmp / f"ours{i}.docx"
        ours.append(timed([SCRIPT, "-q", "draft", "model", "--format", "docx", "-o", str(out)]))
        theirs.append(timed(["pandoc", str(md), "-o", str(tmp / f"pandoc{i}.docx")]))
        floor.append(timed([sys.executable, "-c", "pass"]))
    return statistics.median(ours), statistics.median(theirs), statistics.median(floor)


#: Run in a fresh interpreter: the time of each step of `draft model --format docx`.
PHASES = """
import time; t = [time.perf_counter()]
import click; t.append(time.perf_counter())
import jinja2; t.append(time.perf_counter())
import yaml; t.append(time.perf_counter())
import modellaw.cli; t.append(time.perf_counter())
from modellaw.library.project import find_root, load; t.append(time.perf_counter())
from modellaw.draft.assemble import assemble; t.append(time.perf_counter())
from modellaw.write.bill import render_bill; import modellaw.write.docx; t.append(time.perf_counter())
from modellaw.output import write_output; from pathlib import Path
library, profile = load("model", find_root()); t.append(time.perf_counter())
bill = assemble(library, profile); t.append(time.perf_counter())
data = render_bill(bill, "docx"); t.append(time.perf_counter())
write_output(Path(OUT), data, force=True); t.append(time.perf_counter())
print(" ".join(f"{1000 * (b - a):.2f}" for a, b in zip(t, t[1:])))
"""
PHASE_NAMES = ("import click", "import jinja2", "import yaml", "import modellaw.cli",
               "import library modules", "import assemble", "import writers (lxml)",
               "load library + profile", "assemble", "render docx", "write file")


def phases(tmp: Path) -> dict[str, float]:
    """Median milliseconds of each step, over RUNS fresh processes."""
    runs = [subprocess.run([sys.executable, "-c", PHASES.replace("OUT", repr(str(tmp / "p.docx")))],
                           check=True, cwd=ROOT, capture_output=True, text=True).stdout.split()
            for _ in range(RUNS)]
    return {name: statistics.median(float(r[i]) for r in runs)
            for i, name in enumerate(PHASE_NAMES)}


def every_profile_in_process() -> tuple[float, int]:
    from modellaw.draft.assemble import assemble
    from modellaw.library.clauses import load_library
    from modellaw.library.profiles import list_profiles, load_profile
    from modellaw.write.docx import render_docx
    from modellaw.write.markdown import render_markdown

    start = time.perf_counter()
    library = load_library(ROOT)
    ids = list_profiles(ROOT)
    for pid in ids:
        bill = assemble(library, load_profile(ROOT / "jurisdictions" / f"{pid}.yaml", ROOT))
        render_markdown(bill)
        render_docx(bill)
    return time.perf_counter() - start, len(ids)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ours, pandoc, floor = whole_process(Path(tmp))
        steps = phases(Path(tmp))
    print(f"modellaw draft model --format docx: median {ours:.3f} s over {RUNS} runs")
    print(f"pandoc model.md -o model.docx:      median {pandoc:.3f} s over {RUNS} runs")
    print(f"ratio (ours / pandoc):              {ours / pandoc:.2f}")
    print(f"python -c pass (start-up alone):    median {floor:.3f} s, "
          f"{floor / pandoc:.2f} of pandoc")
    print("one process, step by step (median ms):")
    for name, ms in steps.items():
        print(f"  {name:26} {ms:6.1f}")
    print(f"  {'sum':26} {sum(steps.values()):6.1f}  (+ Python start-up)")
    seconds, count = every_profile_in_process()
    print(f"all {count} profiles, md + docx, one process: {seconds:.3f} s")


if __name__ == "__main__":
    main()
