"""A DiffResult as a terminal summary, a Markdown or HTML report, or JSON for pipelines.

All four say the same things in the same order: one line per element with the judge's
verdict on the draft and on the reference, the provisions that depart with their word-level
redline, the provisions the draft added, and the findings with the words each fired on and
the report's reasoning.  A reviewer checks a finding against its quoted words, and an
element against the words the judge relied on in each document, so both are shown.  Output
is a pure function of the result (identical bytes per run).
"""

from __future__ import annotations

import html
import json
from typing import Any

from modellaw.judge.diff import (Change, DiffResult, ElementDiff, Finding, ProvisionDiff,
                                 summary_line)
from modellaw.judge.elements import Verdict
from modellaw.write.markdown import escape as md_escape

SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}


def _sorted(findings: tuple[Finding, ...]) -> list[Finding]:
    return sorted(findings, key=lambda f: SEVERITY_ORDER.get(f.severity, 9))


def _words(f: Finding) -> str:
    """The words a finding fired on, on one line, saying whose words they are."""
    words = " ".join(f.words.split())
    if not words:
        return ""
    return f"\u201c{words}\u201d" + (" (the reference's words, gone from the draft)"
                                     if f.in_model else "")


def _verdicts(e: ElementDiff) -> str:
    """"draft partial, reference met": the judge's status on each side."""
    if e.verdict is None or e.reference_verdict is None:
        return ""
    return f"draft {e.verdict.status}, reference {e.reference_verdict.status}"


def _evidence(verdict: Verdict) -> list[tuple[str, str]]:
    """(where, quoted words) for each quote a verdict relies on."""
    return [(f"{q.provision} ({q.location})", q.quote) for q in verdict.evidence]


def _notes(result: DiffResult) -> list[Finding]:
    """Findings about a whole element, or about the file, which no provision holds."""
    return _sorted(tuple(f for e in result.elements for f in e.notes) + result.notices)


# --- terminal -----------------------------------------------------------------------------

def render_text(result: DiffResult) -> str:
    lines = [f"{result.draft} against {result.against}", ""]
    for e in result.elements:
        where = ", ".join(p.draft for p in e.provisions if p.draft) or "-"
        verdicts = _verdicts(e)
        lines.append(f"{e.status:10} {e.id:32} {where}" + (f"  [{verdicts}]" if verdicts else ""))
    for p in result.additions:
        lines.append(f"{'added':10} {p.draft:32} {p.title}")
    findings = _sorted(result.findings)
    if findings:
        lines += ["", "Findings:"]
        for f in findings:
            lines += [f"  [{f.severity}] {f.rule}: {f.message}", f"      at {f.location}"]
            if _words(f):
                lines.append(f"      on {_words(f)}")
    lines += ["", summary_line(result)]
    return "\n".join(lines) + "\n"


# --- Markdown and HTML share one walk ------------------------------------------------------

def _departing(result: DiffResult) -> list[ProvisionDiff]:
    seen: dict[str, ProvisionDiff] = {}
    for e in result.elements:
        for p in e.provisions:
            if p.status != "unchanged":
                seen.setdefault(p.id, p)
    return list(seen.values()) + list(result.additions)


def _redline(changes: tuple[Change, ...], esc: Any, ins: str, dele: str, br: str) -> str:
    out = []
    for c in changes:
        if c.op in ("delete", "replace"):
            out.append(dele.format(esc(c.old)))
        if c.op in ("insert", "replace"):
            out.append(ins.format(esc(c.new)))
        if c.op == "equal":
            out.append(esc(c.old))
    return "".join(out).replace("\n", br)


def _heading(p: ProvisionDiff) -> str:
    if p.status == "added":
        return f"{p.draft} \u2014 {p.title} (added)"
    if p.status == "missing":
        return f"{p.reference} \u2014 {p.title} (missing from the draft)"
    moved = "" if p.reference == p.draft else f" (draft: {p.draft})"
    return f"{p.reference} \u2014 {p.title}{moved}: {p.status}"


def _md_finding(f: Finding) -> list[str]:
    out = [f"- **{f.severity}** `{f.rule}`: {md_escape(f.message)} ({md_escape(f.location)})  "]
    if _words(f):
        out.append(f"  *On:* {md_escape(_words(f))}  ")
    return out + [f"  *Why:* {md_escape(f.explanation)}"]


def render_md(result: DiffResult) -> str:
    lines = [f"# Review of {md_escape(result.draft)} against {md_escape(result.against)}", "",
             md_escape(summary_line(result)), "",
             "| element | status | draft | reference | findings |", "|---|---|---|---|---|"]
    for e in result.elements:
        draft, ref = (e.verdict.status, e.reference_verdict.status) \
            if e.verdict and e.reference_verdict else ("", "")
        lines.append(f"| {md_escape(e.title)} (`{e.id}`) | {e.status} | {draft} | {ref} | "
                     f"{len(e.findings)} |")
    lines.append("")
    notes = _notes(result)
    if notes:
        lines += ["## Findings on whole elements and on the file", ""]
        for f in notes:
            lines += _md_finding(f)
        lines.append("")
    for p in _departing(result):
        lines += [f"## {md_escape(_heading(p))}", ""]
        if p.changes:
            lines += [_redline(p.changes, md_escape, "<ins>{}</ins>", "<del>{}</del>",
                               "<br>\n"), ""]
        for f in _sorted(p.findings):
            lines += _md_finding(f)
        if p.findings:
            lines.append("")
    lines += ["## What the judge relied on, element by element", ""]
    for e in result.elements:
        if e.verdict is None or e.reference_verdict is None:
            continue
        lines.append(f"- `{e.id}`: {_verdicts(e)}. {md_escape(e.verdict.reason)}")
        for side, verdict in (("draft", e.verdict), ("reference", e.reference_verdict)):
            for where, words in _evidence(verdict):
                lines.append(f"  - {side}, {md_escape(where)}: \u201c{md_escape(words)}\u201d")
    return "\n".join(lines) + "\n"


CSS = ("body{font-family:Georgia,serif;max-width:52em;margin:2em auto;line-height:1.45}"
       "ins{background:#d7f5dd;text-decoration:underline}del{background:#fbe0e0;color:#8a1c1c}"
       "table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:.2em .5em}"
       ".high{color:#a40000;font-weight:bold}.medium{color:#8a5a00}.weakened,.missing"
       "{color:#a40000}.redline{border-left:3px solid #ccc;padding-left:1em}")


def render_html(result: DiffResult) -> str:
    e_ = html.escape
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>Review of {e_(result.draft)}</title><style>{CSS}</style></head><body>",
           f"<h1>Review of {e_(result.draft)} against {e_(result.against)}</h1>",
           f"<p>{e_(summary_line(result))}</p>",
           "<table><tr><th>element</th><th>status</th><th>draft</th><th>reference</th>"
           "<th>findings</th></tr>"]
    for e in result.elements:
        draft, ref = (e.verdict.status, e.reference_verdict.status) \
            if e.verdict and e.reference_verdict else ("", "")
        out.append(f'<tr><td>{e_(e.title)} (<code>{e_(e.id)}</code>)</td>'
                   f'<td class="{e.status}">{e.status}</td><td>{draft}</td><td>{ref}</td>'
                   f"<td>{len(e.findings)}</td></tr>")
    out.append("</table>")

    def findings(found: list[Finding]) -> None:
        if not found:
            return
        out.append("<ul>")
        for f in found:
            on = f"<br><em>On:</em> {e_(_words(f))}" if _words(f) else ""
            out.append(f'<li><span class="{f.severity}">{f.severity}</span> '
                       f"<code>{e_(f.rule)}</code>: {e_(f.message)} ({e_(f.location)})"
                       f"{on}<br><em>Why:</em> {e_(f.explanation)}</li>")
        out.append("</ul>")
    notes = _notes(result)
    if notes:
        out.append("<h2>Findings on whole elements and on the file</h2>")
        findings(notes)
    for p in _departing(result):
        out.append(f"<h2>{e_(_heading(p))}</h2>")
        if p.changes:
            out.append('<p class="redline">' + _redline(p.changes, e_, "<ins>{}</ins>",
                                                        "<del>{}</del>", "<br>") + "</p>")
        findings(_sorted(p.findings))
    out += ["<h2>What the judge relied on, element by element</h2>", "<ul>"]
    for e in result.elements:
        if e.verdict is None or e.reference_verdict is None:
            continue
        quotes = "".join(f"<li>{side}, {e_(where)}: \u201c{e_(words)}\u201d</li>"
                         for side, verdict in (("draft", e.verdict),
                                               ("reference", e.reference_verdict))
                         for where, words in _evidence(verdict))
        out.append(f"<li><code>{e_(e.id)}</code>: {e_(_verdicts(e))}. {e_(e.verdict.reason)}"
                   + (f"<ul>{quotes}</ul>" if quotes else "") + "</li>")
    out += ["</ul>", "</body></html>"]
    return "\n".join(out) + "\n"


# --- JSON ----------------------------------------------------------------------------------

def _finding(f: Finding) -> dict[str, Any]:
    return {"rule": f.rule, "severity": f.severity, "message": f.message,
            "location": f.location, "explanation": f.explanation, "words": f.words,
            "in_model": f.in_model}


def _verdict(verdict: Verdict | None) -> dict[str, Any] | None:
    if verdict is None:
        return None
    return {"status": verdict.status, "reason": verdict.reason,
            "evidence": [{"provision": q.provision, "node": q.node, "location": q.location,
                          "quote": q.quote} for q in verdict.evidence]}


def _ops(changes: tuple[Change, ...]) -> list[dict[str, str]]:
    return [{"op": c.op, "old": c.old, "new": c.new} for c in changes if c.op != "equal"]


def to_data(result: DiffResult) -> dict[str, Any]:
    return {
        "draft": result.draft,
        "against": result.against,
        "departs": result.departs,
        "elements": [{
            "id": e.id, "title": e.title, "kind": "element" if e.is_element else "provision",
            "status": e.status,
            "verdict": _verdict(e.verdict),
            "reference_verdict": _verdict(e.reference_verdict),
            "findings": [_finding(f) for f in e.findings],
            "changes": [{"provision": p.id, "reference": p.reference, "draft": p.draft,
                         "status": p.status, "location": p.location, "ops": _ops(p.changes)}
                        for p in e.provisions if p.status != "unchanged"],
        } for e in result.elements],
        "additions": [{"provision": p.id, "draft": p.draft, "title": p.title,
                       "location": p.location, "text": p.changes[0].new if p.changes else "",
                       "findings": [_finding(f) for f in p.findings]}
                      for p in result.additions],
        "notices": [_finding(f) for f in result.notices],
    }


def render_json(result: DiffResult) -> str:
    return json.dumps(to_data(result), indent=2, ensure_ascii=False) + "\n"


RENDERERS = {"text": render_text, "md": render_md, "html": render_html, "json": render_json}
SUFFIXES = {".txt": "text", ".md": "md", ".html": "html", ".htm": "html", ".json": "json",
            ".docx": "docx"}
FORMATS = (*RENDERERS, "docx")


def render(result: DiffResult, fmt: str) -> bytes:
    """The result in one of RENDERERS, as the bytes to write (the docx redline also needs
    the two bills: `write.redline`)."""
    return RENDERERS[fmt](result).encode("utf-8")
