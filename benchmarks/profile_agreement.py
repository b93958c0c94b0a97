"""How often the judge agrees with the profiles' careful reading of the statutes in
`statutes/<id>/`, core element by core element, and in which direction it errs.

The profiles in `jurisdictions/*.yaml` record, per country and core element, a lawyer's
reading of the texts in `statutes/<id>/` (the `statute` record).  The judge reads the same
files, as `modellaw analyze statutes/<id>/* --profile <id>` does (the folder's README is not a
text; a verdict of missing from an excerpt is recorded as unknown).  Each disagreement is one
of two kinds:

* over-generous: the judge ranks the element higher than the reading (met where the reading
  says partial or unknown).  The dangerous direction: a drafter is told her law is complete.
* under: the judge ranks it lower (unknown or partial where the reading says met or partial).

The countries are split before any rule is tuned on them: a working half (rules may be tuned
on it) and a held-out half (run once, when the rules are final, and reported as it comes out).

Usage: python benchmarks/profile_agreement.py [working|heldout|all] [-v]
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from modellaw.judge.elements import judge  # noqa: E402
from modellaw.library.elements import ELEMENTS  # noqa: E402
from modellaw.library.profiles import load_profile  # noqa: E402
from modellaw.read.document import read_documents  # noqa: E402
from modellaw.write.profile import profile_status  # noqa: E402

SPLITS = {"working": ("za", "tz", "ug", "zm", "us", "ph", "qa"),
          "heldout": ("zw", "sg", "au", "iq", "ag")}
SPLITS["all"] = SPLITS["working"] + SPLITS["heldout"]
CORE = tuple(e.id for e in ELEMENTS if e.core)
#: How much of an element a status grants: an unknown and a missing both grant none of it.
RANK = {"unknown": 0, "missing": 0, "partial": 1, "met": 2}


@dataclass
class Tally:
    """Agreeing cells out of all, and the disagreements by direction."""

    agree: int = 0
    total: int = 0
    over: list[str] = field(default_factory=list)
    under: list[str] = field(default_factory=list)
    other: list[str] = field(default_factory=list)

    def add(self, got: str, want: str, what: str) -> None:
        self.total += 1
        if got == want:
            self.agree += 1
            return
        kind = self.over if RANK[got] > RANK[want] else \
            self.under if RANK[got] < RANK[want] else self.other
        kind.append(f"{what}: judge {got}, reading {want}")

    def line(self, name: str) -> str:
        return (f"{name}: {self.agree}/{self.total} = {self.agree / self.total:.1%} agree; "
                f"over-generous {len(self.over)}, under {len(self.under)}"
                + (f", other {len(self.other)}" if self.other else ""))


def judged(country: str) -> dict[str, str]:
    """The statuses `analyze statutes/<id>/* --profile <id>` records for the country."""
    texts = sorted(p for p in (ROOT / "statutes" / country).iterdir()
                   if p.name.lower() != "readme.md")
    return {v.element: profile_status(v.status) for v in judge(read_documents(texts)).verdicts}


def recorded(country: str) -> dict[str, str]:
    """The profile's statute record per core element (unknown where it has none)."""
    profile = load_profile(ROOT / "jurisdictions" / f"{country}.yaml", ROOT)
    records = {e: profile.status(e).record("statute") for e in CORE}
    return {e: r.status if r else "unknown" for e, r in records.items()}


def agreement(split: str) -> Tally:
    tally = Tally()
    for country in SPLITS[split]:
        got, want = judged(country), recorded(country)
        for element in CORE:
            tally.add(got[element], want[element], f"{country} {element}")
    return tally


def main(split: str) -> int:
    tally = agreement(split)
    print(f"== {split} ==")
    print(tally.line("profile cells"))
    if "-v" in sys.argv:
        for kind, cells in (("over-generous", tally.over), ("under", tally.under),
                            ("other", tally.other)):
            for cell in cells:
                print(f"   {kind}: {cell}")
    return 0


if __name__ == "__main__":
    sys.exit(main(next((a for a in sys.argv[1:] if not a.startswith("-")), "working")))
