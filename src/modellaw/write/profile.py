"""Record statute findings in a profile's `existing_law`, never over a person's judgement.

A profile is a file people write and comment by hand, so it is edited with ruamel.yaml's round
trip: comments, key order, quoting and every hand-written entry survive.  An entry is the
analysis's own when each piece of its evidence says `origin: analysis`; only such entries are
replaced on a later run (so re-running is idempotent).  Where a person's entry and a finding
differ, the file keeps the person's entry and the difference is returned as a disagreement
for the command to show.

The functions here turn text into bytes; the command line does the reading and writing.
"""

from __future__ import annotations

import codecs
import io
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from modellaw.judge.analyze import Analysis, Finding
from modellaw.errors import InputErrors, Location, ModellawError
from modellaw.inputs import read_input
from modellaw.library.profiles import PROFILE_SCHEMA
from modellaw.library.schema import Validator
from modellaw.library.yamlio import MAX_YAML_BYTES, Document

ORIGIN = "analysis"
# A finding of `unclear` is recorded as the profile's `unknown`: the law points elsewhere.
PROFILE_STATUS = {"met": "met", "partial": "partial", "missing": "missing", "unclear": "unknown"}


@dataclass(frozen=True)
class Disagreement:
    """A person's entry and the analysis's finding differ; the person's entry stays."""

    element: str
    recorded: str
    found: str
    recorded_citations: tuple[str, ...]


@dataclass(frozen=True)
class WriteResult:
    data: bytes
    added: tuple[str, ...]          # elements the analysis recorded for the first time
    updated: tuple[str, ...]        # analysis entries replaced by this run's findings
    agreed: tuple[str, ...]         # a person's entry with the same status as the finding
    disagreements: tuple[Disagreement, ...]


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096               # never re-fold a person's long lines
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def is_analysis_entry(entry: Any) -> bool:
    """True when every piece of evidence of an existing-law entry was written by the analysis."""
    evidence = entry.get("evidence") if isinstance(entry, dict) else None
    return bool(evidence) and all(isinstance(e, dict) and e.get("origin") == ORIGIN
                                  for e in evidence)


def _entry(finding: Finding, analysis: Analysis) -> CommentedMap:
    files = ", ".join(name for name, _ in analysis.sources)
    evidence = CommentedSeq()
    for quote in finding.evidence:
        evidence.append(CommentedMap([("citation", quote.citation), ("note", quote.quote),
                                      ("source", files), ("origin", ORIGIN)]))
    if not evidence:
        read = "; ".join(title for _, title in analysis.sources)
        evidence.append(CommentedMap([("citation", f"{read} (whole text read)"),
                                      ("note", "no provision found"), ("source", files),
                                      ("origin", ORIGIN)]))
    note = f"modellaw analyze: {finding.status}. {finding.reason}"
    return CommentedMap([("status", PROFILE_STATUS[finding.status]), ("evidence", evidence),
                         ("note", note)])


def _plain(value: Any) -> Any:
    """ruamel's commented containers and scalar subclasses as the loader's plain values."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    return str(value) if not isinstance(value, float) else float(value)


def _validate(data: Any, path: Path) -> None:
    plain = _plain(data)
    validator = Validator(Document(path, plain, {}))
    validator.validate(PROFILE_SCHEMA, plain)
    if validator.errors:  # pragma: no cover - our own entries follow the schema
        raise InputErrors(validator.errors)


def record_findings(text: str, analysis: Analysis, path: Path) -> WriteResult:
    """The profile text with the findings recorded, and what happened to each element."""
    yaml = _yaml()
    try:
        data = yaml.load(text)
    except YAMLError as exc:
        raise ModellawError(f"invalid YAML: {exc}", Location(path)) from exc
    if not isinstance(data, CommentedMap):
        raise ModellawError("the profile is not a mapping", Location(path))
    existing = data.get("existing_law")
    if existing is None:
        existing = CommentedMap()
        data["existing_law"] = existing
    elif not isinstance(existing, CommentedMap):
        raise ModellawError("existing_law is not a mapping", Location(path, keypath="existing_law"))
    added, updated, agreed, disagreements = [], [], [], []
    for finding in analysis.findings:
        entry = existing.get(finding.element)
        status = PROFILE_STATUS[finding.status]
        if entry is None:
            existing[finding.element] = _entry(finding, analysis)
            added.append(finding.element)
        elif is_analysis_entry(entry):
            fresh = _entry(finding, analysis)
            for key in ("status", "evidence", "note"):
                entry[key] = fresh[key]
            updated.append(finding.element)
        elif isinstance(entry, dict) and entry.get("status") == status:
            agreed.append(finding.element)
        else:
            recorded = entry.get("status", "?") if isinstance(entry, dict) else "?"
            cites = tuple(str(e.get("citation", "")) for e in (entry.get("evidence") or [])
                          if isinstance(e, dict)) if isinstance(entry, dict) else ()
            disagreements.append(Disagreement(finding.element, str(recorded), status, cites))
    _validate(data, path)
    out = io.StringIO()
    yaml.dump(data, out)
    return WriteResult(out.getvalue().encode("utf-8"), tuple(added), tuple(updated),
                       tuple(agreed), tuple(disagreements))


def record_profile(path: Path, analysis: Analysis, *, write: bool) -> WriteResult:
    """Compare the findings with a profile file and, with `write`, record them in it.

    The file is left alone if it changed while it was analysed, so an edit a person saves
    meanwhile is never lost.  It is written back as it was saved: with its byte-order mark if
    it had one, and with Windows line endings if its lines ended so (ruamel.yaml writes
    neither, and a file whose old lines end in CRLF and new ones in LF confuses editors and
    diffs alike).
    """
    from modellaw.output import update_in_place

    before = read_input(path, MAX_YAML_BYTES, "a profile is far smaller")
    bom = before.startswith(codecs.BOM_UTF8)
    try:
        text = before.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ModellawError("file is not UTF-8 text", Location(path)) from exc
    crlf = text.count("\r\n") * 2 > text.count("\n")
    result = record_findings(text.replace("\r\n", "\n"), analysis, path)
    data = result.data.replace(b"\n", b"\r\n") if crlf else result.data
    result = replace(result, data=codecs.BOM_UTF8 + data if bom else data)
    if write and result.data != before:
        update_in_place(path, result.data, expected=before)
    return result
