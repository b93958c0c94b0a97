"""The reviewer's diff: a draft against the model (or a profile's bill, or another draft).

`diff_drafts` aligns provisions (`align`), diffs words inside each aligned pair, runs the
review rules (`review`) and groups the outcome by model element, which is what a reviewer
is asked about ("does this draft meet the child-definition element?").  The result is plain
data; `render_diff` and `redline_docx` present it, the CLI turns it into an exit status.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Callable

from modellaw.judge.align import Unit, align, fold, units
from modellaw.library.elements import BY_ID as ELEMENTS
from modellaw.model import Bill
from modellaw.read.blocks import Draft
from modellaw.read.document import read_document
from modellaw.judge.review import Hit, Pair, Rule, review, review_missing

TOKEN = re.compile(r"\n|[^\S\n]+|\w+(?:['\u2019-]\w+)*|[^\w\s]")
STATUSES = ("unchanged", "modified", "weakened", "missing")


@dataclass(frozen=True)
class Change:
    """One stretch of a word diff: `equal`, `insert`, `delete` or `replace`."""

    op: str
    old: str
    new: str


def word_changes(old: str, new: str) -> tuple[Change, ...]:
    """Word-level changes from `old` to `new`; adjacent edits separated only by spaces are
    joined, so "10 years" -> "5 months" reads as one replacement, not two."""
    if old == new:
        return (Change("equal", old, new),) if old else ()
    a, b = TOKEN.findall(old), TOKEN.findall(new)
    raw: list[Change] = []
    # tokens are compared folded (a curly quote matches a straight one) but reported as
    # written; spaces are junk: never anchors for a match (statute text is mostly spaces)
    matcher = SequenceMatcher(str.isspace, [fold(t) for t in a], [fold(t) for t in b],
                              autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        raw.append(Change(tag, "".join(a[i1:i2]), "".join(b[j1:j2])))
    merged: list[Change] = []
    for index, change in enumerate(raw):
        between = (change.op == "equal" and not change.old.strip() and "\n" not in change.old
                   and 0 < index < len(raw) - 1)
        if between or change.op != "equal":
            if merged and merged[-1].op != "equal":
                last = merged.pop()
                change = Change("replace", last.old + change.old, last.new + change.new)
            elif between:
                change = Change("replace", change.old, change.new)
        merged.append(change)
    return tuple(Change("insert" if not c.old else "delete" if not c.new else c.op, c.old, c.new)
                 if c.op != "equal" else c for c in merged)


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    message: str
    location: str
    explanation: str


@dataclass(frozen=True)
class ProvisionDiff:
    """One model provision and what the draft made of it (or one provision the draft added)."""

    id: str
    kind: str
    status: str  # unchanged | modified | weakened | missing | added
    reference: str  # its label in the reference, "" for an addition
    draft: str  # its label in the draft, "" when missing
    title: str
    changes: tuple[Change, ...]
    findings: tuple[Finding, ...]
    location: str


@dataclass(frozen=True)
class ElementDiff:
    """A model element (or a provision that implements none) and its provisions."""

    id: str
    title: str
    is_element: bool
    status: str
    provisions: tuple[ProvisionDiff, ...]

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for p in self.provisions for f in p.findings)


@dataclass(frozen=True)
class DiffResult:
    """`provisions` holds every reference provision once, in the reference's order; `date`
    is the reference bill's fixed date, used to stamp tracked changes."""

    draft: str
    against: str
    elements: tuple[ElementDiff, ...]
    additions: tuple[ProvisionDiff, ...]
    provisions: tuple[ProvisionDiff, ...] = ()
    date: str = "2026-01-01"

    @property
    def departs(self) -> bool:
        return bool(self.additions) or any(e.status != "unchanged" for e in self.elements)

    @property
    def findings(self) -> tuple[Finding, ...]:
        seen: dict[tuple[str, str, str], Finding] = {}
        for element in self.elements:
            for f in element.findings:
                seen.setdefault((f.rule, f.message, f.location), f)
        for p in self.additions:
            for f in p.findings:
                seen.setdefault((f.rule, f.message, f.location), f)
        return tuple(seen.values())


def _spans(changes: tuple[Change, ...], side: str) -> str:
    return " | ".join(getattr(c, side) for c in changes if c.op != "equal" and getattr(c, side))


def _where(draft: Draft, unit: Unit, offset: int) -> str:
    """'section 4(1)(b) (bill.docx: paragraph 57)': the label and the place in the file."""
    line = unit.lines[0]
    if offset >= 0:
        pos = 0
        for candidate in unit.lines:
            if offset < pos + len(candidate.text) + 1:
                line = candidate
                break
            pos += len(candidate.text) + 1
    where = draft.locations.get(line.node_id) or draft.locations.get(unit.id) or draft.name
    return f"{line.label} ({where})"


def _findings(found: list[tuple[Rule, Hit]], draft: Draft, unit: Unit | None,
              fallback: str) -> tuple[Finding, ...]:
    return tuple(Finding(rule.id, rule.severity, hit.message,
                         _where(draft, unit, hit.offset) if unit else fallback, rule.explanation)
                 for rule, hit in found)


def _provision(ref: Unit, got: Unit | None, draft: Draft) -> ProvisionDiff:
    if got is None:
        findings = _findings(review_missing(ref), draft, None,
                             f"{ref.label} of the reference (absent from {draft.name})")
        return ProvisionDiff(ref.clause or ref.id, ref.kind, "missing", ref.label, "",
                             ref.title, (Change("delete", ref.text, ""),), findings, "")
    changes = word_changes(ref.text, got.text)
    if all(c.op == "equal" for c in changes):
        return ProvisionDiff(ref.clause or ref.id, ref.kind, "unchanged", ref.label, got.label,
                             ref.title, changes, (), _where(draft, got, -1))
    pair = Pair(ref, got, fold(ref.text), fold(got.text), fold(_spans(changes, "new")),
                fold(_spans(changes, "old")))
    findings = _findings(review(pair), draft, got, "")
    return ProvisionDiff(ref.clause or ref.id, ref.kind, "weakened" if findings else "modified",
                         ref.label, got.label, ref.title, changes, findings,
                         _where(draft, got, -1))


def _addition(unit: Unit, draft: Draft) -> ProvisionDiff:
    pair = Pair(None, unit, "", fold(unit.text), fold(unit.text), "")
    return ProvisionDiff(unit.clause or unit.id, unit.kind, "added", "", unit.label, unit.title,
                         (Change("insert", "", unit.text),),
                         _findings(review(pair), draft, unit, ""), _where(draft, unit, -1))


def _status(provisions: list[ProvisionDiff]) -> str:
    if all(p.status == "missing" for p in provisions):
        return "missing"
    if any(p.findings for p in provisions):
        return "weakened"
    if all(p.status == "unchanged" for p in provisions):
        return "unchanged"
    return "modified"


def diff_drafts(draft: Draft, reference: Bill, against: str) -> DiffResult:
    """Compare a draft with a reference bill, provision by provision, element by element."""
    alignment = align(units(reference), units(draft.bill))
    groups: dict[str, list[ProvisionDiff]] = {}
    in_order = []
    for ref, got in alignment.pairs:
        provision = _provision(ref, got, draft)
        in_order.append(provision)
        for key in ref.elements or (f"provision:{ref.clause or ref.id}",):
            groups.setdefault(key, []).append(provision)
    rank = {element_id: i for i, element_id in enumerate(ELEMENTS)}
    elements = []
    for key, provisions in sorted(groups.items(), key=lambda kv: rank.get(kv[0], len(rank))):
        element = ELEMENTS.get(key)
        title = element.title if element else provisions[0].title
        elements.append(ElementDiff(key.removeprefix("provision:"), title, element is not None,
                                    _status(provisions), tuple(provisions)))
    additions = tuple(_addition(u, draft) for u in alignment.additions)
    return DiffResult(draft.name, against, tuple(elements), additions, tuple(in_order),
                      reference.date)


DRAFT_SUFFIXES = (".docx", ".docm", ".doc", ".md", ".markdown", ".txt", ".odt", ".pdf", ".html",
                  ".htm", ".xml")


def summary_line(result: DiffResult) -> str:
    departing = sum(1 for e in result.elements if e.status != "unchanged")
    findings = result.findings
    high = sum(1 for f in findings if f.severity == "high")
    if not result.departs:
        return f"{result.draft} matches {result.against}: nothing departs"
    return (f"{departing} of {len(result.elements)} elements "
            f"{'departs' if departing == 1 else 'depart'} from {result.against}, "
            f"{_count(len(result.additions), 'provision')} added; "
            f"{_count(len(findings), 'finding')} ({high} high)")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def reference_bill(against: str, root: Callable[[], Path]) -> tuple[Bill, str]:
    """What `--against` names: another draft (a file), else a profile id or YAML path whose
    bill is drafted from the library under `root()`; with a label for reports."""
    path = Path(against)
    if path.suffix.lower() in DRAFT_SUFFIXES or (path.is_file() and
                                                 path.suffix.lower() not in (".yaml", ".yml")):
        other = read_document(path)
        return other.bill, other.name
    from modellaw.draft.assemble import assemble
    from modellaw.library.project import load

    library, profile = load(against, root())
    return assemble(library, profile), f"{profile.name} ({profile.id})"
