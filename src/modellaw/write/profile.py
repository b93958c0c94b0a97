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
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from modellaw.judge.elements import Judgement, Verdict
from modellaw.errors import InputErrors, Location, ModellawError
from modellaw.inputs import read_input
from modellaw.library.profiles import PROFILE_SCHEMA, RECORD_SOURCES, entry_status
from modellaw.library.schema import Validator
from modellaw.library.yamlio import MAX_YAML_BYTES, Document
from modellaw.records import record, replace

ORIGIN = "analysis"
# A verdict of `unclear` is recorded as the profile's `unknown`: the law points elsewhere.
PROFILE_STATUS = {"met": "met", "partial": "partial", "missing": "missing", "unclear": "unknown"}


def profile_status(verdict: str, whole_act: str = "") -> str:
    """The status a verdict is recorded as.  Words found show an element met or partial in
    any text; their absence shows it missing only from the whole Act (`whole_act`: the date
    of that text), never from an excerpt, where it stays unknown."""
    status = PROFILE_STATUS[verdict]
    return "unknown" if status == "missing" and not whole_act else status


@record
class Disagreement:
    """A person's entry and the analysis's finding differ; the person's entry stays."""

    element: str
    recorded: str
    found: str
    recorded_citations: tuple[str, ...]


@record
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
    """True when an existing-law entry was written by the analysis: it says `source: analyze`,
    or every piece of its evidence says `origin: analysis` (entries of earlier versions)."""
    if not isinstance(entry, dict):
        return False
    if entry.get("source") == "analyze":
        return True
    evidence = entry.get("evidence")
    return bool(evidence) and all(isinstance(e, dict) and e.get("origin") == ORIGIN
                                  for e in evidence)


def _read(analysis: Judgement) -> str:
    """What was read, for the record: each file's title and name."""
    return "; ".join(f"{title} ({name})" for name, title in analysis.sources)


def _entry(finding: Verdict, analysis: Judgement, whole_act: str) -> CommentedMap:
    files = ", ".join(name for name, _ in analysis.sources)
    status = profile_status(finding.status, whole_act)
    evidence = CommentedSeq()
    for quote in finding.evidence:
        evidence.append(CommentedMap([("citation", quote.citation), ("note", quote.quote),
                                      ("source", files), ("origin", ORIGIN)]))
    if evidence:
        note = f"modellaw analyze: {finding.status}. {finding.reason} Text read: {_read(analysis)}."
    elif status == "missing":
        note = (f"modellaw analyze: missing from the whole Act as at {whole_act}. "
                f"{finding.reason} Text read: {_read(analysis)}.")
    else:
        note = (f"modellaw analyze: not found in the text read ({_read(analysis)}). "
                f"{finding.reason} An excerpt cannot show that an element is missing, so it "
                "stays unknown until the whole Act is read.")
    entry = CommentedMap([("status", status), ("source", "analyze")])
    if whole_act:
        entry["text_date"] = whole_act
    if evidence:
        entry["evidence"] = evidence
    entry["note"] = note
    return entry


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


def record_findings(text: str, analysis: Judgement, path: Path,
                    whole_act: str = "") -> WriteResult:
    """The profile text with the findings recorded, and what happened to each element.

    `whole_act`: the files hold the whole Act, as at this date (YYYY-MM-DD); only then is an
    element the analysis does not find recorded as missing."""
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
    for finding in analysis.verdicts:
        entry = existing.get(finding.element)
        status = profile_status(finding.status, whole_act)
        if entry is None:
            existing[finding.element] = _entry(finding, analysis, whole_act)
            added.append(finding.element)
        elif is_analysis_entry(entry):
            fresh = _entry(finding, analysis, whole_act)
            for key in [k for k in entry if k not in fresh]:
                del entry[key]
            for key, value in fresh.items():
                entry[key] = value
            updated.append(finding.element)
        elif isinstance(entry, dict) and entry_status(entry) == status:
            agreed.append(finding.element)
        else:
            recorded = entry_status(entry) if isinstance(entry, dict) else "?"
            cites = tuple(str(e.get("citation", "")) for e in _evidence(entry))
            disagreements.append(Disagreement(finding.element, str(recorded), status, cites))
    _validate(data, path)
    out = io.StringIO()
    yaml.dump(data, out)
    return WriteResult(out.getvalue().encode("utf-8"), tuple(added), tuple(updated),
                       tuple(agreed), tuple(disagreements))


def _evidence(entry: Any) -> list[dict[str, Any]]:
    """Every citation of an entry, in either form (one record, or one per source)."""
    if not isinstance(entry, dict):
        return []
    records = [entry[s] for s in RECORD_SOURCES if isinstance(entry.get(s), dict)] or [entry]
    return [e for r in records for e in (r.get("evidence") or []) if isinstance(e, dict)]


def record_profile(path: Path, analysis: Judgement, *, write: bool,
                   whole_act: str = "") -> WriteResult:
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
    result = record_findings(text.replace("\r\n", "\n"), analysis, path, whole_act)
    data = result.data.replace(b"\n", b"\r\n") if crlf else result.data
    result = replace(result, data=codecs.BOM_UTF8 + data if bom else data)
    if write and result.data != before:
        update_in_place(path, result.data, expected=before)
    return result
