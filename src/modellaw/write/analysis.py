"""Statute findings for people (terminal text, Markdown) and for pipelines (JSON).

A drafter must be able to check every finding against the statute book, so each element shows
the provision relied on and the quoted words, not just a verdict; and where the profile
records something different, the disagreement is shown beside the finding, because the
profile keeps the person's entry.
"""

from __future__ import annotations

import json
import textwrap
from typing import Any

from modellaw.judge.elements import Judgement, Verdict
from modellaw.library.elements import BY_ID
from modellaw.write.profile import WriteResult
from modellaw.write.markdown import escape

MARK = {"met": "MET", "partial": "PARTIAL", "missing": "MISSING", "unclear": "UNCLEAR"}


def _disagreement(result: WriteResult | None, element: str) -> str:
    if result is None:
        return ""
    for d in result.disagreements:
        if d.element == element:
            cites = "; ".join(c for c in d.recorded_citations if c) or "no citation"
            return (f"the profile records '{d.recorded}' ({cites}); the statutes read as "
                    f"'{d.found}'. The profile's entry was kept.")
    return ""


def _profile_lines(result: WriteResult | None, wrote: bool) -> list[str]:
    if result is None:
        return []
    verb = "recorded" if wrote else "would record"
    lines = [f"Profile: {verb} {len(result.added)} new, {'updated' if wrote else 'would update'} "
             f"{len(result.updated)} earlier analysis entries; {len(result.agreed)} hand-written "
             f"entries agree, {len(result.disagreements)} disagree."]
    return lines


def render_text(analysis: Judgement, result: WriteResult | None = None,
                wrote: bool = False) -> str:
    """A block per element: status, reason, and each provision with its quoted words."""
    out = ["Statutes read: " + "; ".join(f"{title} ({name})" for name, title in analysis.sources),
           ""]
    for finding in analysis.verdicts:
        element = BY_ID[finding.element]
        optional = "" if element.core else " (optional)"
        out.append(f"{finding.element}{optional}: {MARK[finding.status]}  {element.title}")
        out.extend(textwrap.wrap(finding.reason, 92, initial_indent="  ",
                                 subsequent_indent="  "))
        for quote in finding.evidence:
            out.append(f"  - {quote.citation} ({quote.location}):")
            out.extend(textwrap.wrap(f"\u201c{quote.quote}\u201d", 90, initial_indent="      ",
                                     subsequent_indent="      "))
        note = _disagreement(result, finding.element)
        if note:
            out.extend(textwrap.wrap("DISAGREEMENT: " + note, 92, initial_indent="  ",
                                     subsequent_indent="  "))
        out.append("")
    out.extend(_profile_lines(result, wrote))
    return "\n".join(out).rstrip() + "\n"


def _cell(text: str) -> str:
    return escape(text).replace("\n", " ")


def render_markdown(analysis: Judgement, result: WriteResult | None = None,
                    wrote: bool = False) -> str:
    """A summary table, then one table per element with the provisions and quoted words."""
    out = ["# Existing law against the model", "",
           "Statutes read: " + "; ".join(f"{_cell(t)} (`{n}`)" for n, t in analysis.sources), "",
           "| Element | Status | Provisions relied on |", "|---|---|---|"]
    for f in analysis.verdicts:
        cites = "; ".join(_cell(q.citation) for q in f.evidence) or "—"
        out.append(f"| {_cell(BY_ID[f.element].title)} (`{f.element}`) | {f.status} | {cites} |")
    for f in analysis.verdicts:
        out += ["", f"## {_cell(BY_ID[f.element].title)} (`{f.element}`): {f.status}", "",
                _cell(f.reason), ""]
        if f.evidence:
            out += ["| Provision | Where | Quoted words |", "|---|---|---|"]
            out += [f"| {_cell(q.citation)} | {_cell(q.location)} | \u201c{_cell(q.quote)}\u201d |"
                    for q in f.evidence]
        else:
            out.append("No provision was found.")
        note = _disagreement(result, f.element)
        if note:
            out += ["", f"**Disagreement:** {_cell(note)}"]
    profile = _profile_lines(result, wrote)
    if profile:
        out += ["", *profile]
    return "\n".join(out) + "\n"


def _finding_json(f: Verdict) -> dict[str, Any]:
    return {"id": f.element, "status": f.status,
            "evidence": [{"citation": q.citation, "provision": q.provision, "node": q.node,
                          "location": q.location, "quote": q.quote} for q in f.evidence],
            "reason": f.reason}


def render_json(analysis: Judgement, result: WriteResult | None = None,
                wrote: bool = False) -> str:
    """`{"elements": [{"id", "status", "evidence": [{"citation", "provision", "node",
    "location", "quote"}], "reason"}]}`."""
    data: dict[str, Any] = {
        "statutes": [{"file": n, "title": t} for n, t in analysis.sources],
        "elements": [_finding_json(f) for f in analysis.verdicts]}
    if result is not None:
        data["profile"] = {
            "written": wrote, "added": list(result.added), "updated": list(result.updated),
            "agreed": list(result.agreed),
            "disagreements": [{"id": d.element, "recorded": d.recorded, "found": d.found,
                               "recorded_citations": list(d.recorded_citations)}
                              for d in result.disagreements]}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


RENDERERS = {"text": render_text, "md": render_markdown, "json": render_json}
