"""The reviewer's diff: a draft against the model (or a profile's bill, or another draft).

`diff_drafts` judges both documents element by element (`elements.judge`, the same judge
`analyze` uses), aligns provisions (`align`: by toolkit id where the draft kept them, else by
element, pairing the provisions the judge cites for an element in the draft with the model's
provisions for it), diffs words inside each aligned pair, runs the review rules (`review`)
and groups the outcome by model element, which is what a reviewer is asked about ("does this
draft meet the child-definition element?").  Unresolved cross-references and unaccepted
tracked changes are findings of their own.  The result is plain
data; `render_diff` and `redline_docx` present it, the CLI turns it into an exit status.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from pathlib import Path
from typing import Callable

from modellaw.judge.align import Alignment, Line, Unit, align, clause_key, fold, similarity, units
from modellaw.judge.elements import Judgement, Verdict, judge
from modellaw.judge.review import (BROKEN_REFERENCE, ELEMENT_WEAKER, MISSING_OFFENCE,
                                   MISSING_PROVISION, RULES, UNACCEPTED_REVISION, Hit, Pair, Rule,
                                   review, review_missing)
from modellaw.library.elements import BY_ID as ELEMENTS
from modellaw.model import Bill
from modellaw.read.blocks import Draft
from modellaw.read.document import read_document
from modellaw.records import record, replace

TOKEN = re.compile(r"\n|[^\S\n]+|\w+(?:['\u2019-]\w+)*|[^\w\s]")
STATUSES = ("unchanged", "modified", "weakened", "missing")


@record
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


@record
class Finding:
    """A rule that fired, with the exact words it fired on (the model's words when the draft
    dropped them, `in_model`)."""

    rule: str
    severity: str
    message: str
    location: str
    explanation: str
    words: str = ""
    in_model: bool = False


@record
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


@record
class ElementDiff:
    """A model element (or a provision that implements none) and its provisions."""

    id: str
    title: str
    is_element: bool
    status: str
    provisions: tuple[ProvisionDiff, ...]
    verdict: Verdict | None = None        # the judge on the draft (as `analyze` gives it)
    reference_verdict: Verdict | None = None
    notes: tuple[Finding, ...] = ()       # findings about the element as a whole

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.notes + tuple(f for p in self.provisions for f in p.findings)


@record
class DiffResult:
    """`provisions` holds every reference provision once, in the reference's order; `date`
    is the reference bill's fixed date, used to stamp tracked changes."""

    draft: str
    against: str
    elements: tuple[ElementDiff, ...]
    additions: tuple[ProvisionDiff, ...]
    provisions: tuple[ProvisionDiff, ...] = ()
    date: str = "2026-01-01"
    notices: tuple[Finding, ...] = ()     # broken cross-references, unaccepted revisions

    @property
    def departs(self) -> bool:
        return bool(self.additions or self.notices) or any(e.status != "unchanged"
                                                           for e in self.elements)

    @property
    def findings(self) -> tuple[Finding, ...]:
        seen: dict[tuple[str, str, str], Finding] = {}
        for element in self.elements:
            for f in element.findings:
                seen.setdefault((f.rule, f.message, f.location), f)
        for p in self.additions:
            for f in p.findings:
                seen.setdefault((f.rule, f.message, f.location), f)
        for f in self.notices:
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
                         _where(draft, unit, hit.offset) if unit else fallback, rule.explanation,
                         hit.words, hit.in_model)
                 for rule, hit in found)


def _provision(ref: Unit, got: Unit | None, draft: Draft, document: str,
               covered: frozenset[str]) -> ProvisionDiff:
    """`covered`: the elements the judge finds in the draft as fully as in the reference; a
    model provision of theirs that the draft words differently (merged, moved) is no loss."""
    if got is None:
        found = [] if set(ref.elements) and set(ref.elements) <= covered else review_missing(ref)
        findings = _findings(found, draft, None,
                             f"{ref.label} of the reference (absent from {draft.name})")
        return ProvisionDiff(ref.clause or ref.id, ref.kind, "missing", ref.label, "",
                             ref.title, (Change("delete", ref.text, ""),), findings, "")
    changes = word_changes(ref.text, got.text)
    if all(c.op == "equal" for c in changes):
        return ProvisionDiff(ref.clause or ref.id, ref.kind, "unchanged", ref.label, got.label,
                             ref.title, changes, (), _where(draft, got, -1))
    pair = Pair(ref, got, fold(ref.text), fold(got.text), fold(_spans(changes, "new")),
                fold(_spans(changes, "old")), document)
    findings = _findings(review(pair), draft, got, "")
    return ProvisionDiff(ref.clause or ref.id, ref.kind, "weakened" if findings else "modified",
                         ref.label, got.label, ref.title, changes, findings,
                         _where(draft, got, -1))


RULES_BY_ID = {rule.id: rule for rule in (*RULES, MISSING_OFFENCE, MISSING_PROVISION)}


def _concerning(provision: ProvisionDiff, element: str,
                elements: tuple[str, ...]) -> ProvisionDiff:
    """The provision as one of its elements sees it: only the findings that weaken that
    element (a lower penalty in the offence section is no flaw of the definition it holds)."""
    kept = tuple(f for f in provision.findings
                 if f.rule not in RULES_BY_ID or RULES_BY_ID[f.rule].weakens(element, elements))
    if len(kept) == len(provision.findings):
        return provision
    status = "modified" if provision.status == "weakened" and not kept else provision.status
    return replace(provision, findings=kept, status=status)


def _addition(unit: Unit, draft: Draft) -> ProvisionDiff:
    pair = Pair(None, unit, "", fold(unit.text), fold(unit.text), "")
    return ProvisionDiff(unit.clause or unit.id, unit.kind, "added", "", unit.label, unit.title,
                         (Change("insert", "", unit.text),),
                         _findings(review(pair), draft, unit, ""), _where(draft, unit, -1))


RANK = {"missing": 0, "unclear": 1, "partial": 1, "met": 2}


def _status(provisions: list[ProvisionDiff], verdict: Verdict | None,
            reference: Verdict | None, notes: tuple[Finding, ...]) -> str:
    if (all(p.status == "missing" for p in provisions) and not (verdict and reference and RANK[
            verdict.status] >= RANK[reference.status] != 0)) or (
            verdict and reference and verdict.status == "missing" != reference.status):
        return "missing"
    if notes or any(p.findings for p in provisions):
        return "weakened"
    if all(p.status == "unchanged" for p in provisions):
        return "unchanged"
    return "modified"


def _weaker(verdict: Verdict, reference: Verdict, draft: Draft) -> tuple[Finding, ...]:
    """The judge finds less of the element in the draft than in the reference: say what and
    quote the words the judge read (the draft's, else the reference's it no longer meets)."""
    if RANK[verdict.status] >= RANK[reference.status] or verdict.status == "missing":
        return ()
    quoted = verdict.evidence[0]
    message = (f"the element is {verdict.status} in the draft ({reference.status} in the "
               f"reference): {verdict.reason}")
    return (Finding(ELEMENT_WEAKER.id, ELEMENT_WEAKER.severity, message,
                    f"{quoted.provision} ({quoted.location})", ELEMENT_WEAKER.explanation,
                    quoted.quote),)


def _cited(judgement: Judgement, element: str, found: list[Unit]) -> tuple[int, ...]:
    """The provisions (sections or definitions) holding the nodes the judge cites."""
    where: dict[str, int] = {}
    for index, unit in enumerate(found):
        for line in unit.lines:
            where.setdefault(line.node_id, index)
    cited = [where[q.node] for q in judgement.verdict(element).evidence if q.node in where]
    return tuple(dict.fromkeys(cited))


#: A stretch of a merged section stands in for a model provision only if it reads like a
#: rewording of it (rewordings score 0.3 to 0.5; a mention of recruitment in a list of
#: payments, 0.15): otherwise the provision is missing, as it is.
STRETCH_THRESHOLD = 0.25


def _merged(alignment: Alignment, groups: tuple[tuple[tuple[int, ...], tuple[int, ...]], ...],
            judgement: Judgement, ref_units: list[Unit], draft_units: list[Unit]) -> Alignment:
    """A draft that runs several model provisions into one section pairs as a whole with
    only one of them.  The judge's quotes mark where each element's words begin in such a
    section; the stretch from one element's quote to the next stands in for that element's
    provision, so the review rules compare like with like."""
    starts: dict[int, set[int]] = {}       # draft unit index -> where quoted words begin
    found: dict[str, tuple[int, int]] = {}  # element -> (draft unit index, start)
    for element, (_, cited) in zip(ELEMENTS, groups):
        for q in judgement.verdict(element).evidence:
            key = q.quote.removeprefix("\u2026 ").split(" \u2026")[0]
            for j in cited:
                at = draft_units[j].text.find(key)
                if at >= 0:
                    starts.setdefault(j, set()).add(at)
                    found.setdefault(element, (j, at))
    # a unit is merged when an element the judge found in it is left without a pair; a unit
    # the draft's own ids tie to a model provision is that provision, whatever it mentions
    # (a financial duty naming "recruitment agencies" is not the recruitment offence)
    own = {id(got) for ref, got in alignment.pairs
           if got is not None and got.clause and clause_key(got.clause) == clause_key(ref.clause)}
    merged = {j for element, (refs, _) in zip(ELEMENTS, groups)
              if element in found and refs and len(starts[found[element][0]]) > 1
              and all(alignment.pairs[i][1] is None for i in refs)
              and id(draft_units[found[element][0]]) not in own
              for j in (found[element][0],)}
    if not merged:
        return alignment
    whole = {id(draft_units[j]) for j in merged}
    pairs = [(ref, None if got is not None and id(got) in whole else got)
             for ref, got in alignment.pairs]
    for element, (refs, _) in zip(ELEMENTS, groups):
        # an element paired elsewhere is answered there
        if element not in found or found[element][0] not in merged or not refs or \
                any(pairs[i][1] is not None for i in refs):
            continue
        j, at = found[element]
        unit = draft_units[j]
        end = min((s for s in starts[j] if s > at), default=len(unit.text))
        node = next((line.node_id for line in unit.lines), unit.id)
        words = Unit(unit.kind, unit.id, unit.clause, unit.elements, unit.label, unit.title,
                     (Line(node, unit.label, unit.text[at:end].strip()),))
        score, best = max((similarity(ref_units[i], words), -i) for i in refs)
        if score >= STRETCH_THRESHOLD:
            pairs[-best] = (pairs[-best][0], words)
    return Alignment(tuple(pairs), alignment.additions)


def _notices(draft: Draft) -> tuple[Finding, ...]:
    """What the file itself says is unfinished: references Word could not resolve, and
    tracked changes nobody accepted (read as accepted or original, as the reader says)."""
    broken = tuple(Finding(BROKEN_REFERENCE.id, BROKEN_REFERENCE.severity,
                           f"a cross-reference no longer resolves: \u201c{ref.text}\u201d",
                           ref.location, BROKEN_REFERENCE.explanation, ref.text)
                   for ref in draft.broken_refs)
    revised = tuple(Finding(UNACCEPTED_REVISION.id, UNACCEPTED_REVISION.severity,
                            f"unaccepted {rev.kind} by {rev.author or 'an unnamed author'}"
                            f"{' on ' + rev.date if rev.date else ''}, read as "
                            f"{draft.revisions_view}", rev.location,
                            UNACCEPTED_REVISION.explanation, rev.text)
                    for rev in draft.revisions)
    return broken + revised


_REFERENCE: dict[tuple[int, str], tuple[Bill, list[Unit], Judgement]] = {}


def _judged_reference(reference: Bill, against: str) -> tuple[list[Unit], Judgement]:
    """The reference's provisions and the judge's verdicts on it, worked out once per
    reference: a reviewer (or the workbench) compares many drafts with the same model.  The
    bill is kept with its entry, so its id cannot be reused while the entry lives."""
    key = (id(reference), against)
    if key not in _REFERENCE or _REFERENCE[key][0] is not reference:
        _REFERENCE.clear()
        _REFERENCE[key] = (reference, units(reference),
                           judge([Draft(bill=reference, path=Path(against), name=against)]))
    _, found, judgement = _REFERENCE[key]
    return found, judgement


def diff_drafts(draft: Draft, reference: Bill, against: str) -> DiffResult:
    """Compare a draft with a reference bill, element by element, provision by provision."""
    ref_units, ref_judgement = _judged_reference(reference, against)
    draft_units = units(draft.bill)
    judgement = judge([draft])
    groups = tuple((tuple(i for i, u in enumerate(ref_units) if element in u.elements)
                    or _cited(ref_judgement, element, ref_units),
                    _cited(judgement, element, draft_units)) for element in ELEMENTS)
    alignment = _merged(align(ref_units, draft_units, groups), groups, judgement, ref_units,
                        draft_units)
    document = fold("\n".join(u.text for u in draft_units))
    covered = frozenset(e for e in ELEMENTS if RANK[judgement.verdict(e).status]
                        >= RANK[ref_judgement.verdict(e).status])
    grouped: dict[str, list[ProvisionDiff]] = {}
    in_order = []
    for ref, got in alignment.pairs:
        provision = _provision(ref, got, draft, document, covered)
        in_order.append(provision)
        for key in ref.elements or (f"provision:{ref.clause or ref.id}",):
            grouped.setdefault(key, []).append(_concerning(provision, key, ref.elements))
    rank = {element_id: i for i, element_id in enumerate(ELEMENTS)}
    elements = []
    for key, provisions in sorted(grouped.items(), key=lambda kv: rank.get(kv[0], len(rank))):
        element = ELEMENTS.get(key)
        verdict = judgement.verdict(key) if element else None
        before = ref_judgement.verdict(key) if element else None
        notes = _weaker(verdict, before, draft) if verdict and before else ()
        elements.append(ElementDiff(key.removeprefix("provision:"),
                                    element.title if element else provisions[0].title,
                                    element is not None,
                                    _status(provisions, verdict, before, notes),
                                    tuple(provisions), verdict, before, notes))
    additions = tuple(_addition(u, draft) for u in alignment.additions)
    return DiffResult(draft.name, against, tuple(elements), additions, tuple(in_order),
                      reference.date, _notices(draft))


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
