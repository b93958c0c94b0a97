"""How fast the reviewer diff is on a 300-section bill (the target: under a second).

The bill repeats the model law's sections (each copy with its own clause ids) to 300
sections, is written as DOCX by the toolkit, then every tenth section is retyped with a
weakening edit and three sections are deleted.  Timed in-process, median of RUNS:

1. read the edited DOCX + align + word diff + review rules (clause ids in bookmarks);
2. the same bill as Markdown with the id comments removed, so alignment has only headings
   and wording to go on (a draft typed from scratch);
3. the whole `modellaw diff` command, as a user runs it (start-up, assembling the model from
   jurisdictions/model.yaml, reading, judging both, aligning, reviewing, writing the report).
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
RUNS = 7
SECTIONS = 300

from modellaw.judge.diff import diff_drafts  # noqa: E402
from modellaw.model import Bill, Kind, Node, Provenance, with_eids  # noqa: E402
from modellaw.read.document import read_document, read_string  # noqa: E402
from modellaw.write.docx import render_docx  # noqa: E402
from modellaw.write.markdown import render_markdown  # noqa: E402
from tests.diff_fixtures import model_bill, model_project  # noqa: E402


def renamed(node: Node, suffix: str) -> Node:
    prov = node.provenance
    return replace(node, id=f"{node.id}-{suffix}",
                   provenance=Provenance(f"{prov.clause}-{suffix}", prov.elements, prov.sources),
                   children=tuple(renamed(c, suffix) for c in node.children))


def big_bill(model: Bill) -> Bill:
    base = [s for s in model.sections() if not any(n.kind is Kind.DEFINITION for n in s.walk())]
    sections = []
    copy = 0
    while len(sections) < SECTIONS:
        for s in base:
            if len(sections) < SECTIONS:
                sections.append(replace(renamed(s, f"c{copy}"), num=str(len(sections) + 1)))
        copy += 1
    part = with_eids(Node(Kind.PART, "part-1", "1", heading="Offences", children=tuple(sections)))
    return replace(model, parts=(part,))


def weaken(markdown: str) -> str:
    """Every tenth section retyped (penalties cut), three sections deleted."""
    chunks = re.split(r"(?m)^(?=<!-- modellaw)", markdown)
    out = []
    for index, chunk in enumerate(chunks):
        if index in (50, 150, 250):
            continue
        if index % 10 == 0:
            chunk = re.sub(r"not more than (\d+) years", "not more than 2 years", chunk)
            chunk = chunk.replace("intentionally", "for financial gain")
        out.append(chunk)
    return "".join(out)


def median_time(action) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="diff300-"))
    try:
        root = model_project(tmp)
        reference = big_bill(model_bill(root))
        md = weaken(render_markdown(reference))
        edited = read_string(md, tmp / "edited.md").bill
        docx_path = tmp / "edited.docx"
        docx_path.write_bytes(render_docx(edited))
        plain = tmp / "plain.md"
        plain.write_text(re.sub(r"(?m)^<!-- modellaw:.*-->\n", "", md), encoding="utf-8")
        result = diff_drafts(read_document(docx_path), reference, "model")
        departing = sum(1 for p in result.provisions if p.status != "unchanged")
        print(f"bill: {sum(1 for _ in reference.sections())} sections; edited draft: "
              f"{departing} provisions depart, {len(result.findings)} findings")
        with_ids = median_time(lambda: diff_drafts(read_document(docx_path), reference, "model"))
        without = median_time(lambda: diff_drafts(read_document(plain), reference, "model"))
        print(f"read DOCX + diff (ids):          median {with_ids * 1000:7.1f} ms")
        print(f"read Markdown + diff (no ids):   median {without * 1000:7.1f} ms")
        if root != ROOT:
            print("(the whole-command time needs jurisdictions/model.yaml; skipped)")
        else:
            cmd = [sys.executable, "-m", "modellaw", "diff", str(docx_path), "--format", "json",
                   "-o", str(tmp / "r.json"), "--force"]
            # as an installed copy runs: with Python's byte-code cache (written by a first,
            # unmeasured run), whatever the calling shell says about it
            env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
            env["PYTHONPATH"] = str(ROOT / "src")
            subprocess.run(cmd, cwd=ROOT, capture_output=True, env=env)
            whole = median_time(lambda: subprocess.run(cmd, cwd=ROOT, capture_output=True,
                                                       env=env))
            print(f"modellaw diff (whole command):   median {whole * 1000:7.1f} ms")
        print("target: under 1000 ms", "OK" if max(with_ids, without) < 1 else "MISSED")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
