"""How fast a whole penal code is read, and read and judged, as a whole process (the target:
under 2 s for 1,000 sections, growing linearly).

A penal code of N sections (Parts of 50 sections; each section a heading, two subsections,
three paragraphs, about 90 words) is generated as plain text, as DOCX (python-docx, typed
labels) and as PDF (LibreOffice from the DOCX: about 160 pages for 1,000 sections).  Each file
is read by `read_document` in a fresh `python -c` process, and judged by the whole
`python -m modellaw analyze FILE --format json` command as a user runs it, RUNS times each
(after one run that lets Python cache its byte code, as an installed copy has it); the
median wall time is reported for N = 250, 500, 1,000 and 1,750, with the least-squares line
through them (seconds per 1,000 sections, and the start-up cost at N = 0), so that growth
can be seen to be linear.
"""

from __future__ import annotations

import io
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import docx

ROOT = Path(__file__).resolve().parents[1]
RUNS = 5
#: 1,750, not 2,000: the segmenter reads a bare "1800." to "2100." as a year, not a section
#: (a code numbered that far in bare figures loses its sections 1800 on: reported, not a
#: speed matter), and the check that every section was read would fail.
SIZES = (250, 500, 1000, 1750)


def penal_code(sections: int) -> list[str]:
    lines = ["PENAL CODE", "PART 1", "GENERAL"]
    for n in range(1, sections + 1):
        if n % 50 == 0:
            lines += [f"PART {n // 50 + 1}", "OFFENCES"]
        lines += [f"{n}. Offence number {n}",
                  f"(1) A person who recruits, transports or harbours a child for the purpose "
                  f"of sexual exploitation under section {n} commits an offence.",
                  "(2) A person who commits an offence under subsection (1) is liable on "
                  "conviction to imprisonment for a term not exceeding ten years, where\u2014",
                  "(a) the child is under the age of eighteen years;",
                  "(b) the offence involves the use of a computer system; or",
                  "(c) the offender is a person in a position of trust."]
    return lines


def write_inputs(folder: Path, sections: int) -> dict[str, Path]:
    lines = penal_code(sections)
    text = folder / f"code{sections}.txt"
    text.write_text("\n".join(lines), encoding="utf-8")
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    word = folder / f"code{sections}.docx"
    word.write_bytes(out.getvalue())
    soffice = shutil.which("soffice") or "soffice"
    subprocess.run([soffice, f"-env:UserInstallation=file://{folder}/lo", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder), str(word)], check=True,
                   capture_output=True, timeout=600)
    return {"txt": text, "docx": word, "pdf": folder / f"code{sections}.pdf"}


ENV = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}


def median_run(command: list[str]) -> float:
    """Median wall time of RUNS runs of a whole process, after one unmeasured run."""
    subprocess.run(command, check=True, capture_output=True, env=ENV)
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=ENV)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def line_fit(sizes: tuple[int, ...], times: list[float]) -> tuple[float, float]:
    """Least-squares slope (seconds per 1,000 sections) and intercept (seconds)."""
    mean_n, mean_t = statistics.fmean(sizes), statistics.fmean(times)
    slope = sum((n - mean_n) * (t - mean_t) for n, t in zip(sizes, times)) / \
        sum((n - mean_n) ** 2 for n in sizes)
    return slope * 1000, mean_t - slope * mean_n


def whole_process(path: Path, sections: int) -> float:
    code = ("import sys; from pathlib import Path; from modellaw.read.document import "
            "read_document; d = read_document(Path(sys.argv[1])); "
            "n = sum(1 for _ in d.bill.sections()); "
            f"assert n == {sections}, n")
    return median_run([sys.executable, "-c", code, str(path)])


def analyze_process(path: Path) -> float:
    """`modellaw analyze` on the file, the whole command: start-up, reading, judging, output."""
    return median_run([sys.executable, "-m", "modellaw", "analyze", str(path), "--format",
                       "json"])


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(f"read_document in a fresh process | modellaw analyze, whole command; median "
              f"of {RUNS} runs (seconds)")
        print(f"{'sections':>8} {'txt':>7} {'docx':>7} {'pdf':>7} | {'txt':>7} {'docx':>7} "
              f"{'pdf':>7} {'pdf pages':>9}")
        columns: list[list[float]] = [[] for _ in range(6)]
        for sections in SIZES:
            files = write_inputs(folder, sections)
            pages = subprocess.run(["pdfinfo", str(files["pdf"])], capture_output=True,
                                   text=True).stdout
            count = next((ln.split()[-1] for ln in pages.splitlines()
                          if ln.startswith("Pages:")), "?")
            row = [whole_process(files[f], sections) for f in ("txt", "docx", "pdf")]
            judged = [analyze_process(files[f]) for f in ("txt", "docx", "pdf")]
            for column, seconds in zip(columns, row + judged):
                column.append(seconds)
            print(f"{sections:>8} " + " ".join(f"{t:7.2f}" for t in row) + " | "
                  + " ".join(f"{t:7.2f}" for t in judged) + f" {count:>9}", flush=True)
        fits = [line_fit(SIZES, column) for column in columns]
        print(f"{'slope':>8} " + " ".join(f"{a:7.2f}" for a, _ in fits[:3]) + " | "
              + " ".join(f"{a:7.2f}" for a, _ in fits[3:]) + "  s per 1,000 sections")
        print(f"{'at N=0':>8} " + " ".join(f"{b:7.2f}" for _, b in fits[:3]) + " | "
              + " ".join(f"{b:7.2f}" for _, b in fits[3:]) + "  s (start-up)")


if __name__ == "__main__":
    main()
