"""How often the judge agrees with careful human labels, cell by cell, and how often the
reviewer cries wolf or stays silent.

Two labelled sets, each with a working part (rules may be tuned on it) and a held-out part
(kept from the rules until they were final; run on it once and report what came out):

* statutes: `tests/data/statutes/corpus.yaml`, one status per element per real excerpt.  The
  judge's verdict (what `analyze` prints) is compared with each label, beside the baseline
  that answers "missing" everywhere.  A file no reader reads gives no verdict: its cells count
  as "missing", which is what its user learns from the tool.
* drafts: `tests/data/drafts/labels.yaml`, a verdict per element (faithful / weakened /
  missing) and the review rules that must fire, for drafts in three files each (Markdown, a
  pandoc DOCX, a LibreOffice DOCX).  `diff` against the model: unchanged or modified is
  faithful.  False alarms: findings on elements labelled faithful (high ones apart).  Misses:
  planted weakenings whose element is not found weakened or whose required rule stays silent.

Usage: python benchmarks/judge_agreement.py [working|heldout|all]
"""

from __future__ import annotations

import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ruamel.yaml import YAML  # noqa: E402

from modellaw.draft.assemble import assemble  # noqa: E402
from modellaw.errors import ModellawError  # noqa: E402
from modellaw.judge.diff import diff_drafts  # noqa: E402
from modellaw.judge.elements import judge  # noqa: E402
from modellaw.library.project import load  # noqa: E402
from modellaw.read.document import read_document, read_documents  # noqa: E402

STATUTES = ROOT / "tests" / "data" / "statutes"
DRAFTS = ROOT / "tests" / "data" / "drafts"
DRAFT_FORMATS = (".md", ".pandoc.docx", ".lo.docx")
FAITHFUL = {"unchanged": "faithful", "modified": "faithful", "weakened": "weakened",
            "missing": "missing"}


@dataclass
class Tally:
    """Agreeing cells out of all, per format, and what disagreed."""

    agree: int = 0
    total: int = 0
    baseline: int = 0
    refused: list[str] = field(default_factory=list)
    by_format: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    misses: list[str] = field(default_factory=list)

    def add(self, fmt: str, got: str, want: str, what: str) -> None:
        self.total += 1
        self.agree += got == want
        self.baseline += want == "missing"
        self.by_format[fmt][0] += got == want
        self.by_format[fmt][1] += 1
        if got != want:
            self.misses.append(f"{what}: {got} (label: {want})")

    def line(self, name: str) -> str:
        if not self.total:
            return f"{name}: no labelled cells"
        formats = ", ".join(f"{f} {a}/{n}" for f, (a, n) in sorted(self.by_format.items()))
        return (f"{name}: {self.agree}/{self.total} = {self.agree / self.total:.1%} "
                f"(all-missing baseline {self.baseline / self.total:.1%}); {formats}"
                + (f"; refused: {', '.join(self.refused)}" if self.refused else ""))


def _yaml(path: Path) -> dict:  # type: ignore[type-arg]
    return YAML(typ="safe").load(path.read_text(encoding="utf-8")) or {}


def _in_split(entry: dict, split: str) -> bool:  # type: ignore[type-arg]
    return split == "all" or entry.get("split") == split


def statute_agreement(split: str) -> Tally:
    """The judge's verdicts against corpus.yaml, cell by cell."""
    tally = Tally()
    for name, entry in sorted(_yaml(STATUTES / "corpus.yaml").items()):
        if not _in_split(entry, split):
            continue
        path = STATUTES / name
        fmt = entry.get("format") or path.suffix.lstrip(".")
        try:
            verdicts = {v.element: v.status for v in judge(read_documents([path])).verdicts}
        except ModellawError:
            tally.refused.append(name)
            verdicts = {}
        for element, label in entry["labels"].items():
            tally.add(fmt, verdicts.get(element, "missing"), label["status"],
                      f"{name} {element}")
    return tally


@dataclass
class Review:
    """The reviewer on the labelled drafts."""

    cells: Tally = field(default_factory=Tally)
    faithful: int = 0
    false_alarms: int = 0
    false_high: int = 0
    planted: int = 0
    missed: int = 0
    alarms: list[str] = field(default_factory=list)
    silent: list[str] = field(default_factory=list)
    per_format: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0] * 5))

    def lines(self) -> list[str]:
        out = [self.cells.line("drafts, element cells")]
        if self.faithful:
            out.append(f"false alarms: {self.false_alarms}/{self.faithful} faithful elements "
                       f"flagged ({self.false_high} with a high finding)")
        if self.planted:
            out.append(f"misses: {self.missed}/{self.planted} planted weakenings not found")
        for fmt, (faithful, alarms, high, planted, missed) in sorted(self.per_format.items()):
            out.append(f"  {fmt}: false alarms {alarms}/{faithful} ({high} high), "
                       f"misses {missed}/{planted}")
        return out


def draft_review(split: str) -> Review:
    library, profile = load("model", ROOT)
    model = assemble(library, profile)
    result = Review()
    for name, entry in sorted(_yaml(DRAFTS / "labels.yaml").items()):
        if not _in_split(entry, split):
            continue
        for suffix in DRAFT_FORMATS:
            path = DRAFTS / f"{name}{suffix}"
            fmt = suffix.lstrip(".")
            tallies = result.per_format[fmt]
            try:
                diff = diff_drafts(read_document(path), model, "the model")
            except ModellawError:
                result.cells.refused.append(path.name)
                diff = None
            elements = {e.id: e for e in diff.elements} if diff else {}
            for element, label in entry["labels"].items():
                got = elements.get(element)
                status = FAITHFUL[got.status] if got else "missing"
                result.cells.add(fmt, status, label["verdict"], f"{path.name} {element}")
                fired = {f.rule for f in got.findings} if got else set()
                if label["verdict"] == "faithful":
                    result.faithful += 1
                    tallies[0] += 1
                    if fired:
                        high = any(f.severity == "high" for f in got.findings)  # type: ignore[union-attr]
                        result.false_alarms += 1
                        result.false_high += high
                        tallies[1] += 1
                        tallies[2] += high
                        result.alarms.append(f"{path.name} {element}: " + "; ".join(
                            f"{f.rule} on \u201c{f.words[:80]}\u201d" for f in got.findings))  # type: ignore[union-attr]
                elif label["verdict"] == "weakened":
                    result.planted += 1
                    tallies[3] += 1
                    wanted = set(label.get("rules") or ())
                    if status != "weakened" or (wanted and not wanted & fired):
                        result.missed += 1
                        tallies[4] += 1
                        result.silent.append(f"{path.name} {element}: {status}, fired "
                                             f"{sorted(fired)}, wanted {sorted(wanted)}")
    return result


def main(split: str) -> int:
    statutes = statute_agreement(split)
    review = draft_review(split)
    print(f"== {split} ==")
    print(statutes.line("statutes, element cells"))
    for line in review.lines():
        print(line)
    if "-v" in sys.argv:
        for miss in statutes.misses + review.cells.misses + review.alarms + review.silent:
            print("  ", miss)
    return 0


if __name__ == "__main__":
    sys.exit(main(next((a for a in sys.argv[1:] if not a.startswith("-")), "working")))
