"""Profile + clause library -> the explanatory memorandum a bill is tabled with.

The memorandum is drafted from the same clauses and profile as the bill, so it can never
describe a section the bill lacks or number it differently: its notes follow the bill's own
order and numbers, its statement of the gap each part fills comes from the gap checklist
(with the citations and the record each status comes from), and the choices it reports are
the parameter values the profile set against the model's defaults.  It lives in judge/
because it reads the checklist.  Pure: no files, no streams.
"""

from __future__ import annotations

from typing import Any, Iterable

from modellaw.draft.assemble import Override, assemble, resolve_parameters
from modellaw.errors import InputErrors, ModellawError
from modellaw.judge.checklist import Row, build_checklist
from modellaw.library.clauses import Clause, Library, Parameter
from modellaw.library.elements import BY_ID, Element
from modellaw.library.profiles import Profile
from modellaw.model import Bill, Kind, Node, Source
from modellaw.records import record

#: Parts whose sections put duties on private bodies: the compliance note lists them.
COMPLIANCE_PARTS = ("service-providers", "financial-institutions", "investigation")


@record
class Choice:
    """One parameter of a section as this bill sets it, against the model's default."""

    description: str
    value: str
    default: str
    set_by: str  # "the model's default" | "the profile" | "--set"
    alternatives: str

    @property
    def departs(self) -> bool:
        return self.value != self.default


@record
class SectionNote:
    """The note on one section: what it does, why, its sources and the drafter's choices."""

    num: str
    heading: str
    part: str  # the part's label and heading, as the bill prints them
    clause: str
    optional: bool
    does: tuple[str, ...]
    why: tuple[str, ...]  # the commentary of the clause (and of each definition it holds)
    sources: tuple[Source, ...]
    choices: tuple[Choice, ...]


@record
class Gap:
    """One model element as current law stands, and the sections of this part that carry it."""

    row: Row  # the checklist's row: status, evidence with citations and their sources
    recorded_at: str  # where the status is recorded: the profile file and line, or ""
    sections: tuple[str, ...]

    @property
    def element(self) -> Element:
        return self.row.element


@record
class PartGaps:
    label: str
    heading: str
    sections: tuple[str, ...]
    gaps: tuple[Gap, ...]


@record
class Omitted:
    """A provision of the model that this bill does not contain, and why."""

    clause: str
    title: str
    reason: str


@record
class Duty:
    """A section placing duties on private bodies, with the limits the profile chose."""

    num: str
    heading: str
    limits: tuple[Choice, ...]


@record
class Memorandum:
    jurisdiction: str
    name: str
    bill: Bill
    purposes: tuple[str, ...]
    parts: tuple[PartGaps, ...]
    notes: tuple[SectionNote, ...]
    omitted: tuple[Omitted, ...]
    duties: tuple[Duty, ...]
    records_law: bool  # whether the profile records any existing law at all

    @property
    def title(self) -> str:
        return f"{self.bill.short_title} {self.bill.year}".strip()

    @property
    def section_word(self) -> str:
        return self.bill.style.section_word


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return f"{value:,}" if isinstance(value, int) else str(value)


def alternatives(param: Parameter, value: Any) -> str:
    """The other values the model allows for a parameter, as a drafter would list them."""
    if param.choices:
        return ", ".join(_text(c) for c in param.choices if c != value)
    if param.type == "bool":
        return _text(not value)
    if param.type == "int":
        low = _text(param.minimum) if param.minimum is not None else "any"
        high = _text(param.maximum) if param.maximum is not None else "no upper limit"
        return f"any whole number from {low} to {high}" if param.maximum is not None else \
            f"any whole number from {low} ({high})"
    return "any wording the drafter chooses"


def _choices(clause: Clause, values: dict[str, Any], profile: Profile,
             overridden: set[tuple[str, str]]) -> tuple[Choice, ...]:
    out = []
    for name, param in clause.parameters.items():
        value = values.get(name)
        set_by = ("--set" if (clause.id, name) in overridden else
                  "the profile" if name in profile.parameters.get(clause.id, {}) else
                  "the model's default")
        out.append(Choice(param.description, _text(value),
                          _text(param.default) if not param.required else "(none: must be set)",
                          set_by, alternatives(param, value)))
    return tuple(out)


def _part_label(bill: Bill, part: Node) -> str:
    return f"{bill.style.part_label} {part.num}".strip()


def _purposes(long_title: str) -> tuple[str, ...]:
    """The long title's purposes ("To a; to b; and to c.") one by one."""
    body = long_title.strip().rstrip(".")
    body = body[3:] if body.startswith("To ") else body
    pieces = [p.strip() for p in body.split("; to ")]
    if pieces and "; and to " in pieces[-1]:
        pieces[-1:] = pieces[-1].split("; and to ")
    return tuple(p for p in pieces if p)


def _definitions(section: Node) -> list[Node]:
    return [n for n in section.walk() if n.kind is Kind.DEFINITION]


def _does(section: Node, clause: Clause) -> tuple[str, ...]:
    lines = [f"{clause.title}."]
    for element_id in clause.elements:
        element = BY_ID[element_id]
        lines.append(f"It implements the model element \u201c{element.title}\u201d: "
                     f"{element.requirement}")
    definitions = _definitions(section)
    if definitions:
        terms = ", ".join(f"\u201c{d.term}\u201d" for d in definitions)
        lines.append(f"It defines {terms}.")
    return tuple(lines)


def _notes(bill: Bill, library: Library, profile: Profile, values: dict[str, dict[str, Any]],
           overridden: set[tuple[str, str]]) -> tuple[SectionNote, ...]:
    notes = []
    for part in bill.parts:
        for section in part.children:
            clause = library.clause(section.provenance.clause)
            held = [library.clause(d.provenance.clause) for d in _definitions(section)]
            why = (clause.commentary,) + tuple(f"\u201c{d.term}\u201d: {c.commentary}" for d, c
                                               in zip(_definitions(section), held))
            sources = tuple(dict.fromkeys(s for c in (clause, *held) for s in c.sources))
            choices = sum((_choices(c, values[c.id], profile, overridden) for c in (clause, *held)),
                          ())
            notes.append(SectionNote(
                num=section.num, heading=section.heading,
                part=f"{_part_label(bill, part)} \u2014 {part.heading}", clause=clause.id,
                optional=not clause.core, does=_does(section, clause), why=why,
                sources=sources, choices=choices))
    return tuple(notes)


def _gap(row: Row, profile: Profile, sections: tuple[str, ...]) -> Gap:
    recorded = row.element.id in profile.existing_law
    where = profile.where(f"existing_law.{row.element.id}") if recorded else None
    at = f"{where.path.name}:{where.line}" if where and where.path and where.line else ""
    return Gap(row, at, sections)


def _parts(bill: Bill, rows: tuple[Row, ...], profile: Profile) -> tuple[PartGaps, ...]:
    """Each element once, under the part of the section that chiefly carries it (the
    checklist's first provision), with every section of the bill that carries it."""
    order = [s.num for s in bill.sections()]
    part_of = {s.num: part.id for part in bill.parts for s in part.children}
    gaps: dict[str, list[tuple[int, Gap]]] = {}
    for row in rows:
        nums = tuple(sorted(dict.fromkeys(p.section for p in row.proposed if p.section),
                            key=order.index))
        if nums:
            primary = row.proposed[0].section or nums[0]
            gaps.setdefault(part_of[primary], []).append(
                (order.index(primary), _gap(row, profile, nums)))
    return tuple(PartGaps(_part_label(bill, part), part.heading,
                          tuple(s.num for s in part.children),
                          tuple(g for _, g in sorted(gaps.get(part.id, []), key=lambda x: x[0])))
                 for part in bill.parts)


def _omitted(library: Library, profile: Profile, bill: Bill) -> tuple[Omitted, ...]:
    present = {n.provenance.clause for n in bill.walk() if n.provenance.clause}
    out = []
    for clause in sorted(library.clauses.values(), key=lambda c: (c.kind, c.part, c.order, c.id)):
        if clause.id in present or (clause.kind == "definition" and not clause.core) \
                or clause.style not in ("", profile.drafting["style"]):  # another style's
            continue
        reason = ("a core provision of the model, left out by the profile's \u2018exclude\u2019"
                  if clause.core else "an optional provision of the model that the profile "
                  "does not ask for")
        out.append(Omitted(clause.id, clause.title, reason))
    return tuple(out)


def _duties(bill: Bill, notes: tuple[SectionNote, ...], library: Library) -> tuple[Duty, ...]:
    by_num = {n.num: n for n in notes}
    return tuple(Duty(s.num, s.heading, by_num[s.num].choices)
                 for s in bill.sections()
                 if library.clause(s.provenance.clause).part in COMPLIANCE_PARTS)


def build_memo(library: Library, profile: Profile, overrides: Iterable[Override] = ()
               ) -> Memorandum:
    """The memorandum for the bill `assemble` drafts from the same library, profile and
    overrides.  Raises InputErrors on the same bad input as the bill itself."""
    overrides = tuple(overrides)
    bill = assemble(library, profile, overrides)
    errors: list[ModellawError] = []
    values = resolve_parameters(library, profile, overrides, errors)
    if errors:
        raise InputErrors(errors)
    checklist = build_checklist(library, profile, bill)
    overridden = {(o.clause, o.param) for o in overrides}
    notes = _notes(bill, library, profile, values, overridden)
    return Memorandum(
        jurisdiction=profile.id, name=profile.name, bill=bill,
        purposes=_purposes(bill.long_title), parts=_parts(bill, checklist.rows, profile),
        notes=notes,
        omitted=_omitted(library, profile, bill), duties=_duties(bill, notes, library),
        records_law=bool(profile.existing_law))
