"""How fast drafting is, measured against pandoc on the same machine in the same minute.

1. The whole process `modellaw draft model --format docx` against `pandoc` converting the
   same bill's Markdown to DOCX (runs interleaved so both see the same machine load).
2. Drafting every profile in both formats in one process (the target is under 2 seconds).

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
    subprocess.run([sys.executable, "-m", "modellaw", "draft", "model", "-o", str(md)],
                   check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    ours, theirs, floor = [], [], []
    for i in range(RUNS):
        out = tmp / f"ours{i}.docx"
        ours.append(timed([SCRIPT, "draft", "model", "--format", "docx", "-o", str(out)]))
        theirs.append(timed(["pandoc", str(md), "-o", str(tmp / f"pandoc{i}.docx")]))
        floor.append(timed([sys.executable, "-c", "pass"]))
    return statistics.median(ours), statistics.median(theirs), statistics.median(floor)


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
    print(f"modellaw draft model --format docx: median {ours:.3f} s over {RUNS} runs")
    print(f"pandoc model.md -o model.docx:      median {pandoc:.3f} s over {RUNS} runs")
    print(f"ratio (ours / pandoc):              {ours / pandoc:.2f}")
    print(f"python -c pass (start-up alone):    median {floor:.3f} s, "
          f"{floor / pandoc:.2f} of pandoc")
    seconds, count = every_profile_in_process()
    print(f"all {count} profiles, md + docx, one process: {seconds:.3f} s")


if __name__ == "__main__":
    main()
