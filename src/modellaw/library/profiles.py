"""Jurisdiction profiles: `jurisdictions/<id>.yaml`, resolved through `extends` and validated.

A profile can extend a base (a shared common-law or civil-law frame) so that nothing is
written twice; mappings merge key by key and lists replace.  Every value remembers the file
and line it came from, so an error found later (a parameter out of range, say) still points
at the line a person must change.
"""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path
from typing import Any

from modellaw.library.elements import ELEMENT_IDS
from modellaw.errors import InputErrors, Location, ModellawError
from modellaw.inputs import os_error
from modellaw.library.layers import find_in_layers, layers
from modellaw.library.schema import ListOf, Map, MapOf, Scalar, Validator, unknown_id_message
from modellaw.library.yamlio import Document, keypath, load_yaml
from modellaw.records import field, record, replace

STATUSES = ("met", "partial", "missing", "unknown")
#: Where a status comes from: the ICMEC report's words, a statute read by a person (with a pin
#: cite and the date of the text consulted), or `modellaw analyze`.
STATUS_SOURCES = ("report", "statute", "analyze")
#: The sources an entry may hold a record of each, in the order they are shown.
RECORD_SOURCES = ("statute", "report")
#: How the checklist, the matrix and the handout name each source.
SOURCE_WORDS = {"report": "the report says", "statute": "the statute says",
                "analyze": "modellaw analyze says"}
REPORT_TITLE = "ICMEC report (2018)"
#: A value in brackets is a model law's blank for the drafter ("[currency units]").
PLACEHOLDER = re.compile(r"^\[.*\]$")


def is_placeholder(value: str) -> bool:
    return bool(PLACEHOLDER.match(value))
PROFILE_ID = re.compile(r"^([a-z]{2}|model)$")


def _element_key(key: Any) -> str | None:
    return None if key in ELEMENT_IDS else unknown_id_message("model element", str(key), ELEMENT_IDS)


def _no_article(value: Any) -> str | None:
    """Clause text writes 'the {{ jurisdiction.police }}', so values carry no article."""
    if value.lower().startswith(("the ", "a ", "an ")):
        return f"write '{value}' without its leading article (the clause text supplies it)"
    return None


def date_error(value: Any) -> str | None:
    """Why a value is not an ISO date (YYYY-MM-DD), or None when it is one."""
    try:
        _dt.date.fromisoformat(value)
    except ValueError:
        return f"'{value}' is not a date (YYYY-MM-DD)"
    return None


def _years_or_life(value: Any) -> str | None:
    if value == "life" or (isinstance(value, int) and not isinstance(value, bool) and value > 0):
        return None
    return f"expected a number of years or 'life', got {value!r}"


PENALTY_SCHEMA = Map({"max": Scalar(object, check=_years_or_life), "min_years": Scalar(int, minimum=0),
                      "citation": Scalar(str), "source": Scalar(str, choices=("report", "statute")),
                      "text_date": Scalar(str, check=date_error), "note": Scalar(str)},
                     required=frozenset({"max", "citation", "source"}))
EVIDENCE_SCHEMA = Map({"citation": Scalar(str), "note": Scalar(str, multiline=True),
                       "source": Scalar(str),
                       "origin": Scalar(str)},
                      required=frozenset({"citation"}))
_RECORD_KEYS = {"status": Scalar(str, choices=STATUSES), "text_date": Scalar(str, check=date_error),
                "evidence": ListOf(EVIDENCE_SCHEMA), "note": Scalar(str, multiline=True)}
#: One source's reading of an element, under `report:` or `statute:` of an entry.
RECORD_SCHEMA = Map(_RECORD_KEYS, required=frozenset({"status"}))
#: An entry is one record (`status`, `source`, ...) or one record per source (`report:`,
#: `statute:`), so that what the 2018 report says and what the statute text says stand side
#: by side; which of the two forms is used is checked in `load_profile`.
ENTRY_SCHEMA = Map({**_RECORD_KEYS, "source": Scalar(str, choices=STATUS_SOURCES),
                    **{source: RECORD_SCHEMA for source in RECORD_SOURCES}})
PROFILE_SCHEMA = Map({
    "name": Scalar(str),
    "territory": Scalar(str),
    "extends": Scalar(str),
    "legal_tradition": Scalar(str, choices=("common-law", "civil-law", "mixed")),
    "drafting": Map({
        "style": Scalar(str, choices=("common-law", "civil-law")),
        "act_word": Scalar(str), "part_label": Scalar(str),
        "part_numbering": Scalar(str, choices=("arabic", "roman", "words")),
        "fine_unit": Scalar(str), "fine_unit_position": Scalar(str, choices=("before", "after")),
        "fine_unit_source": Scalar(str),
        "spelling": Scalar(str, choices=("british", "american")),
        "paper": Scalar(str, choices=("a4", "letter")),
        "title_style": Scalar(str, choices=("comma-year", "of-year", "year")),
    }),
    "institutions": Map({k: Scalar(str, check=_no_article) for k in
                         ("minister", "police", "court", "regulator", "service_provider",
                          "reporting_body", "prosecutor", "committee")}),
    "bill": Map({"short_title": Scalar(str), "year": Scalar(int, minimum=1900, maximum=2200),
                 "date": Scalar(str, check=date_error), "enacting_formula": Scalar(str),
                 "preamble": ListOf(Scalar(str)),
                 # a civil-law law: "Law No. <number> of <year> <subject>", the promulgating
                 # authority's opening words, and Iraq's closing statement of reasons
                 "number": Scalar(str), "subject": Scalar(str), "authority": Scalar(str),
                 "reasons": Scalar(bool)}),
    "parameters": MapOf(MapOf(Scalar(object))),
    "optional": ListOf(Scalar(str)),
    "exclude": ListOf(Scalar(str)),
    "existing_law": MapOf(ENTRY_SCHEMA, key_check=_element_key),
    "existing_penalties": Map({"child": PENALTY_SCHEMA, "adult": PENALTY_SCHEMA}),
})
REQUIRED = ("name", "legal_tradition", "drafting.style", "drafting.act_word",
            "drafting.part_label", "drafting.part_numbering", "drafting.fine_unit",
            "drafting.fine_unit_position", "institutions.minister", "institutions.police",
            "institutions.court", "institutions.regulator", "institutions.service_provider",
            "bill.short_title", "bill.year", "bill.enacting_formula")


@record
class Evidence:
    citation: str
    note: str = ""
    source: str = ""
    origin: str = ""


def disagreement(records: tuple["ExistingLaw", ...]) -> str:
    """"the statute says met; the report says partial" when two sources' known statuses
    differ, else "" (a source that knows nothing does not disagree)."""
    known = [r for r in records if r.status != "unknown"]
    if len({r.status for r in known}) < 2:
        return ""
    return "; ".join(f"{SOURCE_WORDS.get(r.source, r.source)} {r.status}" for r in known)


@record
class ExistingLaw:
    """What a country's current law does for one model element, and where the status comes
    from (`source`: report, statute or analyze; a statute's text date in `text_date`).

    An entry holding both a report record and a statute record is the statute's reading
    (the current text), with the report's in `others`, so that a disagreement between the
    2018 report and the statute is shown rather than hidden; a statute record of `unknown`
    (the text needed was not held) leaves the report's reading in front.
    """

    status: str
    evidence: tuple[Evidence, ...] = ()
    note: str = ""
    source: str = ""
    text_date: str = ""
    others: tuple["ExistingLaw", ...] = ()

    @property
    def records(self) -> tuple["ExistingLaw", ...]:
        """This record and the other sources' records, the one in front first."""
        return (replace(self, others=()), *self.others)

    def record(self, source: str) -> "ExistingLaw | None":
        """The record of one source (the report's, the statute's), if the entry has one."""
        return next((r for r in self.records if r.source == source), None)

    @property
    def label(self) -> str:
        """Where this one record comes from, in words: "the statute says (text as at ...)"."""
        if self.source == "statute":
            return "the statute says" + (f" (text as at {self.text_date})" if self.text_date else "")
        if self.source == "report":
            return f"the report says ({REPORT_TITLE})"
        return SOURCE_WORDS.get(self.source, "the profile records")

    @property
    def disagreement(self) -> str:
        return disagreement(self.records)

    @property
    def basis(self) -> str:
        """Where the status comes from, in words for a checklist or a handout; a second
        source's differing reading is named beside it."""
        here = {"statute": "statute text" + (f" as at {self.text_date}" if self.text_date else ""),
                "report": REPORT_TITLE, "analyze": "modellaw analyze"}.get(self.source, "")
        other = [f"{r.label}: {r.status}" for r in self.others]
        return "; ".join(w for w in (here, *other) if w)

    @property
    def all_evidence(self) -> tuple[Evidence, ...]:
        """Every record's citations, the one in front first (a handout cites both)."""
        return tuple(e for r in self.records for e in r.evidence)


@record
class ExistingPenalty:
    """A penalty current law already imposes for trafficking: `max` in years or "life"."""

    max: int | str
    citation: str
    source: str
    min_years: int = 0
    text_date: str = ""
    note: str = ""

    @property
    def max_years(self) -> float:
        return float("inf") if self.max == "life" else float(self.max)

    def words(self) -> str:
        top = "imprisonment for life" if self.max == "life" else f"{self.max} years' imprisonment"
        return (f"{top}, not less than {self.min_years} years" if self.min_years else top)


@record
class Profile:
    """A resolved jurisdiction profile. `origins` maps dotted key paths to where each was set."""

    id: str
    name: str
    territory: str  # the country as clause text names it ("Zambia", "[the State]")
    path: Path
    legal_tradition: str
    drafting: dict[str, str]
    institutions: dict[str, str]
    bill: dict[str, Any]
    parameters: dict[str, dict[str, Any]]
    optional: tuple[str, ...]
    exclude: tuple[str, ...]
    existing_law: dict[str, ExistingLaw]
    origins: dict[str, Location] = field(compare=False, repr=False)
    existing_penalties: dict[str, ExistingPenalty] = field(default_factory=dict)
    #: What the profile takes from another country's profile that still speaks of that
    #: country (see `_borrowed`): drafted as written, and warned about.
    warnings: tuple[str, ...] = field(default=(), compare=False, repr=False)

    def where(self, keypath: str) -> Location:
        """The location of a key path, or of its nearest recorded ancestor."""
        probe = keypath
        while probe:
            if probe in self.origins:
                return self.origins[probe]
            probe = probe.rpartition(".")[0]
        return Location(self.path, keypath=keypath)

    def status(self, element: str) -> ExistingLaw:
        return self.existing_law.get(element, ExistingLaw("unknown"))


def _merge(base: Any, over: Any) -> Any:
    if isinstance(base, dict) and isinstance(over, dict):
        merged = dict(base)
        for key, value in over.items():
            merged[key] = _merge(base[key], value) if key in base else value
        return merged
    return over


def _resolve_extends(name: str, current: Path, root: Path) -> Path:
    """A path (with '/' or '.yaml') is relative to the profile; a bare name is a base in
    jurisdictions/bases/ (common-law, civil-law) or another profile in jurisdictions/, the
    workspace's first, then the built-in ones.  A profile never extends its own file, so a
    workspace's `za.yaml` can say `extends: za` and mean the built-in South Africa."""
    if "/" in name or name.endswith(".yaml"):
        return (current.parent / name).resolve()
    here = current.resolve()
    candidates = [layer / "jurisdictions" / sub / f"{name}.yaml"
                  for layer in layers(root) for sub in ("bases", ".")]
    found = [c for c in candidates if c.is_file()]
    others = [c for c in found if c.resolve() != here]
    return (others or found or candidates)[0]


def find_profile(name: str, root: Path) -> Path:
    """A profile given as an id in `jurisdictions/` or as a path to a YAML file."""
    candidate = Path(name)
    if candidate.suffix in (".yaml", ".yml") or "/" in name:
        try:
            is_file = candidate.is_file()
        except OSError as exc:  # a name longer than the system allows, say
            raise os_error("read file", exc, candidate) from exc
        if not is_file:
            raise ModellawError("no such profile file", Location(candidate))
        return candidate
    path = find_in_layers(root, Path("jurisdictions") / f"{name}.yaml")
    if not path.is_file():
        known = list_profiles(root)
        raise ModellawError(unknown_id_message("jurisdiction", name, known)
                            + f"; known: {', '.join(known)}")
    return path


def list_profiles(root: Path) -> list[str]:
    """Profile ids of the root and, for a workspace, of the built-in library."""
    return sorted({p.stem for layer in layers(root) for p in (layer / "jurisdictions").glob("*.yaml")
                   if not p.name.startswith("_")})


def check_base(path: Path) -> None:
    """A base profile on its own: its keys and values (what a base lacks, such as a name,
    each profile extending it supplies)."""
    doc = load_yaml(path)
    validator = Validator(doc)
    validator.validate(PROFILE_SCHEMA, doc.data if doc.data is not None else {})
    if validator.errors:
        raise InputErrors(validator.errors)


def is_base(path: Path, root: Path) -> bool:
    return any(path.resolve().parent == (layer / "jurisdictions" / "bases").resolve()
               for layer in layers(root))


def load_profile(path: Path, root: Path) -> Profile:
    """Load a profile and its bases; every error in every file is reported at once."""
    chain: list[Document] = []
    seen: set[Path] = set()
    current: Path | None = path
    errors: list[ModellawError] = []
    while current is not None:
        resolved = current.resolve()
        if resolved in seen:
            raise ModellawError("profile extends itself (a cycle of 'extends')", Location(current))
        seen.add(resolved)
        doc = load_yaml(current)
        if doc.data is None:
            raise ModellawError("the profile is empty", Location(current))
        validator = Validator(doc)
        validator.validate(PROFILE_SCHEMA, doc.data)
        errors.extend(validator.errors)
        chain.append(doc)
        parent = doc.data.get("extends") if isinstance(doc.data, dict) else None
        if isinstance(parent, str) and not validator.errors:
            nxt = _resolve_extends(parent, current, root)
            if not nxt.is_file():
                errors.append(ModellawError(f"cannot find base profile '{parent}'",
                                            doc.where(("extends",))))
                break
            current = nxt
        else:
            current = None
    if errors:
        raise InputErrors(errors)
    origins: dict[str, Location] = {}
    merged: dict[str, Any] = {}
    for doc in reversed(chain):
        origins.update({keypath(keys): doc.where(keys) for keys in doc.positions if keys})
        merged = _merge(merged, doc.data)
    for required in REQUIRED:
        node: Any = merged
        for part in required.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        if node is None:
            errors.append(ModellawError(f"missing required key '{required}'",
                                        Location(path, keypath=required)))
    profile_id = path.stem
    if path.parent.resolve() == (root / "jurisdictions").resolve() and not PROFILE_ID.match(profile_id):
        errors.append(ModellawError(
            f"profile file name '{profile_id}' must be an ISO 3166 alpha-2 code in lower case "
            "or 'model'", Location(path)))
    for element, entry in merged.get("existing_law", {}).items():
        errors.extend(_entry_errors(f"existing_law.{element}", entry, origins, path))
    for kind, record in merged.get("existing_penalties", {}).items():
        if record["source"] == "statute" and not record.get("text_date"):
            errors.append(ModellawError("a penalty read from a statute says the date of the text "
                                        "consulted (text_date: YYYY-MM-DD)",
                                        origins.get(f"existing_penalties.{kind}", Location(path))))
    if errors:
        raise InputErrors(errors)
    return Profile(
        id=profile_id, name=merged["name"], territory=merged.get("territory", merged["name"]),
        path=path,
        legal_tradition=merged["legal_tradition"], drafting=merged["drafting"],
        institutions=merged["institutions"], bill=merged["bill"],
        parameters=merged.get("parameters", {}), optional=tuple(merged.get("optional", [])),
        exclude=tuple(merged.get("exclude", [])),
        existing_law={k: _existing_law(v) for k, v in merged.get("existing_law", {}).items()},
        origins=origins,
        existing_penalties={k: ExistingPenalty(**v)
                            for k, v in merged.get("existing_penalties", {}).items()},
        warnings=_borrowed(chain, merged, origins))


def _borrowed(chain: list[Document], merged: dict[str, Any],
              origins: dict[str, Location]) -> tuple[str, ...]:
    """A profile that extends another country's (`extends: za` for Namibia) inherits its
    words and its law: text naming that country (its enacting formula, its police) and its
    existing-law records, which would put South Africa's statutes in Namibia's checklist.
    Each is warned about, with the line that set it, for the profile to set its own."""
    own, name = chain[0].path, merged["name"]
    found: list[str] = []
    for base in chain[1:]:
        other = base.data.get("name") if isinstance(base.data, dict) else None
        if not isinstance(other, str) or other == name:
            continue  # a base of no country (bases/), or the same country's own
        taken = [key for key, loc in origins.items() if loc.path == base.path]
        for key in taken:
            value: Any = merged
            for part in key.split("."):
                value = value.get(part) if isinstance(value, dict) else None
            if isinstance(value, str) and other in value and not key.startswith("existing_"):
                found.append(f"{own}: {key} names {other} (inherited from {base.path.name}, "
                             f"line {origins[key].line}); set {name}'s own")
        for table, what, how in (
                ("existing_law", "existing law recorded for", ", status unknown where no "
                 "source says"), ("existing_penalties", "existing penalties for", "")):
            entries = sorted({key.split(".")[1] for key in taken
                              if key.startswith(f"{table}.")})
            if entries:
                found.append(f"{own}: the {what} {', '.join(entries)} are {other}'s "
                             f"(inherited from {base.path.name}); record {name}'s own{how}")
    return tuple(found)


def _entry_errors(key: str, entry: dict[str, Any], origins: dict[str, Location],
                  path: Path) -> list[ModellawError]:
    """An entry is one record or records per source, never both; each record with a status
    other than unknown cites its evidence, and a statute's says the date of its text."""
    where = origins.get(key, Location(path, keypath=key))
    per_source = [s for s in RECORD_SOURCES if s in entry]
    if per_source and "status" in entry:
        return [ModellawError(f"give the status inside '{per_source[0]}:' (an entry holds one "
                              "record, or one record per source, not both)", where)]
    if not per_source and "status" not in entry:
        return [ModellawError("an existing_law entry needs a status, or a 'report:' or "
                              "'statute:' record with one", where)]
    records = ([(f"{key}.{s}", entry[s], s) for s in per_source] if per_source
               else [(key, entry, entry.get("source"))])
    errors = []
    for at, record, source in records:
        here = origins.get(at, where)
        if record["status"] != "unknown" and not record.get("evidence"):
            errors.append(ModellawError(f"status '{record['status']}' needs evidence (a citation)",
                                        here))
        if source == "statute" and not record.get("text_date"):
            errors.append(ModellawError("a status read from a statute says the date of the "
                                        "text consulted (text_date: YYYY-MM-DD)", here))
    return errors


def _record(data: dict[str, Any], source: str) -> ExistingLaw:
    evidence = tuple(Evidence(**e) for e in data.get("evidence", []))
    return ExistingLaw(data["status"], evidence, data.get("note", ""),
                       source or _inferred_source(evidence), data.get("text_date", ""))


def entry_status(entry: dict[str, Any]) -> str:
    """The status an entry shows (its statute record's unless that is unknown), read from the
    raw mapping, so that a writer can compare without loading the whole profile."""
    records = [entry[s] for s in RECORD_SOURCES if isinstance(entry.get(s), dict)] or [entry]
    known = [r["status"] for r in records if r.get("status") not in (None, "unknown")]
    return known[0] if known else str(records[0].get("status", "?"))


def _existing_law(entry: dict[str, Any]) -> ExistingLaw:
    """The record in front (the statute's unless it is unknown) with the others beside it."""
    records = [_record(entry[s], s) for s in RECORD_SOURCES if s in entry]
    if not records:
        return _record(entry, entry.get("source", ""))
    front = next((r for r in records if r.status != "unknown"), records[0])
    return replace(front, others=tuple(r for r in records if r is not front))


def _inferred_source(evidence: tuple[Evidence, ...]) -> str:
    """A record `modellaw analyze --write` added (every citation its own) comes from analyze."""
    return "analyze" if evidence and all(e.origin == "analysis" for e in evidence) else ""
