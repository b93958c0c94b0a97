"""A DiffResult as a terminal summary, a Markdown or HTML report, or JSON for pipelines.

All four say the same things in the same order: one line per element, the provisions that
depart with their word-level redline, the provisions the draft added, and the findings with
the report's reasoning.  Output is a pure function of the result (identical bytes per run).
"""

from __future__ import annotations

import html
import json
from typing import Any

from modellaw.judge.diff import Change, DiffResult, Finding, ProvisionDiff, summary_line
from modellaw.write.markdown import escape as md_escape

SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}


def _sorted(findings: tuple[Finding, ...]) -> list[Finding]:
    return sorted(findings, key=lambda f: SEVERITY_ORDER.get(f.severity, 9))


# --- terminal -----------------------------------------------------------------------------

def render_text(result: DiffResult) -> str:
    lines = [f"{result.draft} against {result.against}", ""]
    for e in result.elements:
        where = ", ".join(p.draft for p in e.provisions if p.draft) or "-"
        lines.append(f"{e.status:10} {e.id:32} {where}")
    for p in result.additions:
        lines.append(f"{'added':10} {p.draft:32} {p.title}")
    findings = _sorted(result.findings)
    if findings:
        lines += ["", "Findings:"]
        for f in findings:
            lines += [f"  [{f.severity}] {f.rule}: {f.message}", f"      at {f.location}"]
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


def render_md(result: DiffResult) -> str:
    lines = [f"# Review of {md_escape(result.draft)} against {md_escape(result.against)}", "",
             md_escape(summary_line(result)), "", "| element | status | findings |",
             "|---|---|---|"]
    for e in result.elements:
        lines.append(f"| {md_escape(e.title)} (`{e.id}`) | {e.status} | {len(e.findings)} |")
    lines.append("")
    for p in _departing(result):
        lines += [f"## {md_escape(_heading(p))}", ""]
        if p.changes:
            lines += [_redline(p.changes, md_escape, "<ins>{}</ins>", "<del>{}</del>",
                               "<br>\n"), ""]
        for f in _sorted(p.findings):
            lines += [f"- **{f.severity}** `{f.rule}`: {md_escape(f.message)} "
                      f"({md_escape(f.location)})  ", f"  *Why:* {md_escape(f.explanation)}"]
        if p.findings:
            lines.append("")
    while lines and not lines[-1]:
        lines.pop()
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
           "<table><tr><th>element</th><th>status</th><th>findings</th></tr>"]
    for e in result.elements:
        out.append(f'<tr><td>{e_(e.title)} (<code>{e_(e.id)}</code>)</td>'
                   f'<td class="{e.status}">{e.status}</td><td>{len(e.findings)}</td></tr>')
    out.append("</table>")
    for p in _departing(result):
        out.append(f"<h2>{e_(_heading(p))}</h2>")
        if p.changes:
            out.append('<p class="redline">' + _redline(p.changes, e_, "<ins>{}</ins>",
                                                        "<del>{}</del>", "<br>") + "</p>")
        if p.findings:
            out.append("<ul>")
            for f in _sorted(p.findings):
                out.append(f'<li><span class="{f.severity}">{f.severity}</span> '
                           f"<code>{e_(f.rule)}</code>: {e_(f.message)} ({e_(f.location)})"
                           f"<br><em>Why:</em> {e_(f.explanation)}</li>")
            out.append("</ul>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


# --- JSON ----------------------------------------------------------------------------------

def _finding(f: Finding) -> dict[str, str]:
    return {"rule": f.rule, "severity": f.severity, "message": f.message,
            "location": f.location, "explanation": f.explanation}


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
            "findings": [_finding(f) for f in e.findings],
            "changes": [{"provision": p.id, "reference": p.reference, "draft": p.draft,
                         "status": p.status, "location": p.location, "ops": _ops(p.changes)}
                        for p in e.provisions if p.status != "unchanged"],
        } for e in result.elements],
        "additions": [{"provision": p.id, "draft": p.draft, "title": p.title,
                       "location": p.location, "text": p.changes[0].new if p.changes else "",
                       "findings": [_finding(f) for f in p.findings]}
                      for p in result.additions],
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
