"""What the workbench's pages show, as plain data for its templates: the options panel from
the clause library's typed parameters, and the three panes of one scenario."""

from __future__ import annotations

from typing import Any

from modellaw.judge.diff import DiffResult
from modellaw.judge.review import (BROKEN_REFERENCE, ELEMENT_WEAKER, MISSING_OFFENCE,
                                   MISSING_PROVISION, RULES, UNACCEPTED_REVISION)
from modellaw.records import record
from modellaw.serve.scenario import Outcome, Workbench
from modellaw.write.checklist import LABEL, evidence_lines, proposed_text
from modellaw.write.html import CSS as BILL_CSS
from modellaw.write.html import render_html_fragment

RULE_TITLES = {r.id: r.title for r in (*RULES, MISSING_OFFENCE, MISSING_PROVISION, ELEMENT_WEAKER,
                                       BROKEN_REFERENCE, UNACCEPTED_REVISION)}


@record
class Field:
    """One input of the options panel, named `CLAUSE.PARAM` as `--set` names it."""

    name: str
    label: str
    description: str
    kind: str                 # number | select | checkbox | text
    value: str
    minimum: int | None
    maximum: int | None
    choices: tuple[str, ...]
    changed: bool             # the scenario sets it (it differs from the profile)


def _fields(workbench: Workbench, outcome: Outcome) -> list[dict[str, Any]]:
    groups = []
    chosen = {c for c in outcome.profile.optional}
    for clause in sorted(workbench.library.clauses.values(), key=lambda c: (c.part, c.order)):
        if not clause.parameters or (not clause.core and clause.id not in chosen):
            continue
        fields = []
        for param in clause.parameters.values():
            value = workbench.effective(outcome.scenario, clause, param)
            kind = ("checkbox" if param.type == "bool" else "select" if param.choices
                    else "number" if param.type == "int" else "text")
            shown = ("true" if value else "false") if isinstance(value, bool) else (
                "" if value is None else str(value))
            fields.append(Field(f"{clause.id}.{param.name}", param.name, param.description,
                                kind, shown, param.minimum, param.maximum,
                                tuple(str(c) for c in param.choices),
                                outcome.scenario.value(f"{clause.id}.{param.name}") is not None))
        groups.append({"clause": clause, "fields": fields})
    return groups


def _switches(workbench: Workbench, outcome: Outcome) -> list[dict[str, Any]]:
    return [{"clause": c, "on": c.id in outcome.profile.optional}
            for c in workbench.optional_clauses()]


def review_items(review: DiffResult) -> list[dict[str, Any]]:
    """The review pane: each element a rule found something in, with every finding (the
    rule, the words it fired on, the report's reasoning and the provision it touches).
    Elements only worded differently are listed apart (`reworded`)."""
    items = []
    for element in review.elements:
        if not element.findings:
            continue
        findings = [{"severity": f.severity, "title": RULE_TITLES.get(f.rule, f.rule),
                     "rule": f.rule, "message": f.message, "explanation": f.explanation,
                     "location": f.location, "weakens": f.severity == "high"}
                    for f in element.findings]
        items.append({"id": element.id, "title": element.title, "status": element.status,
                      "findings": findings})
    return items


def checklist_rows(outcome: Outcome) -> list[dict[str, Any]]:
    checklist = outcome.checklist
    return [{"element": r.element, "status": r.status, "label": LABEL[r.status],
             "evidence": evidence_lines(r), "proposed": proposed_text(checklist, r)}
            for r in checklist.rows]


def panes_view(workbench: Workbench, outcome: Outcome, previous: Outcome | None = None
               ) -> dict[str, Any]:
    review = outcome.review
    return {
        "query": outcome.scenario.query(),
        "bill_html": render_html_fragment(outcome.bill,
                                          previous.bill if previous is not None else None),
        "checklist": checklist_rows(outcome),
        "profile_name": outcome.profile.name,
        "review": review_items(review),
        "reworded": [e.title for e in review.elements
                     if e.status != "unchanged" and not e.findings],
        "weakening": sum(1 for f in review.findings if f.severity == "high"),
        "findings": len(review.findings),
        "fields": [f.name for g in _fields(workbench, outcome) for f in g["fields"]]
                  + [c.id for c in workbench.optional_clauses()],
    }


def page_view(workbench: Workbench, outcome: Outcome) -> dict[str, Any]:
    return panes_view(workbench, outcome) | {
        "bill_css": BILL_CSS,
        "profiles": [(pid, workbench.profile(pid).name) for pid in workbench.profile_ids],
        "profile": outcome.profile.id,
        "groups": _fields(workbench, outcome),
        "switches": _switches(workbench, outcome),
    }


def compare_view(a: Outcome, b: Outcome) -> dict[str, Any]:
    """Two scenarios side by side; the second bill marks the words it does differently."""
    return {
        "bill_css": BILL_CSS,
        "sides": [
            {"name": "A", "query": a.scenario.query(), "profile_name": a.profile.name,
             "bill_html": render_html_fragment(a.bill), "review": review_items(a.review)},
            {"name": "B", "query": b.scenario.query(), "profile_name": b.profile.name,
             "bill_html": render_html_fragment(b.bill, a.bill), "review": review_items(b.review)},
        ],
    }
