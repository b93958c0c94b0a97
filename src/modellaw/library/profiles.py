"""Jurisdiction profiles: `jurisdictions/<id>.yaml`, resolved through `extends` and validated.

A profile can extend a base (a shared common-law or civil-law frame) so that nothing is
written twice; mappings merge key by key and lists replace.  Every value remembers the file
and line it came from, so an error found later (a parameter out of range, say) still points
at the line a person must change.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from modellaw.library.elements import ELEMENT_IDS
from modellaw.errors import InputErrors, Location, ModellawError
from modellaw.library.layers import find_in_layers, layers
from modellaw.library.schema import ListOf, Map, MapOf, Scalar, Validator, unknown_id_message
from modellaw.library.yamlio import Document, keypath, load_yaml

STATUSES = ("met", "partial", "missing", "unknown")
#: Where a status comes from: the ICMEC report's words, a statute read by a person (with a pin
#: cite and the date of the text consulted), or `modellaw analyze`.
STATUS_SOURCES = ("report", "statute", "analyze")
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


def _date_check(value: Any) -> str | None:
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
                      "text_date": Scalar(str, check=_date_check), "note": Scalar(str)},
                     required=frozenset({"max", "citation", "source"}))
EVIDENCE_SCHEMA = Map({"citation": Scalar(str), "note": Scalar(str), "source": Scalar(str),
                       "origin": Scalar(str)},
                      required=frozenset({"citation"}))
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
                 "date": Scalar(str, check=_date_check), "enacting_formula": Scalar(str),
                 "preamble": ListOf(Scalar(str)),
                 # a civil-law law: "Law No. <number> of <year> <subject>", the promulgating
                 # authority's opening words, and Iraq's closing statement of reasons
                 "number": Scalar(str), "subject": Scalar(str), "authority": Scalar(str),
                 "reasons": Scalar(bool)}),
    "parameters": MapOf(MapOf(Scalar(object))),
    "optional": ListOf(Scalar(str)),
    "exclude": ListOf(Scalar(str)),
    "existing_law": MapOf(Map({"status": Scalar(str, choices=STATUSES),
                               "source": Scalar(str, choices=STATUS_SOURCES),
                               "text_date": Scalar(str, check=_date_check),
                               "evidence": ListOf(EVIDENCE_SCHEMA), "note": Scalar(str)},
                              required=frozenset({"status"})), key_check=_element_key),
    "existing_penalties": Map({"child": PENALTY_SCHEMA, "adult": PENALTY_SCHEMA}),
})
REQUIRED = ("name", "legal_tradition", "drafting.style", "drafting.act_word",
            "drafting.part_label", "drafting.part_numbering", "drafting.fine_unit",
            "drafting.fine_unit_position", "institutions.minister", "institutions.police",
            "institutions.court", "institutions.regulator", "institutions.service_provider",
            "bill.short_title", "bill.year", "bill.enacting_formula")


@dataclass(frozen=True)
class Evidence:
    citation: str
    note: str = ""
    source: str = ""
    origin: str = ""


@dataclass(frozen=True)
class ExistingLaw:
    """What a country's current law does for one model element, and where the status comes
    from (`source`: report, statute or analyze; a statute's text date in `text_date`)."""

    status: str
    evidence: tuple[Evidence, ...] = ()
    note: str = ""
    source: str = ""
    text_date: str = ""

    @property
    def basis(self) -> str:
        """Where the status comes from, in words for a checklist or a handout."""
        if self.source == "statute":
            return "statute text" + (f" as at {self.text_date}" if self.text_date else "")
        return {"report": "ICMEC report", "analyze": "modellaw analyze"}.get(self.source, "")


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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
        if not candidate.is_file():
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
    for element, record in merged.get("existing_law", {}).items():
        where = origins.get(f"existing_law.{element}", Location(path))
        if record["status"] != "unknown" and not record.get("evidence"):
            errors.append(ModellawError(
                f"status '{record['status']}' needs evidence (a citation)", where))
        if record.get("source") == "statute" and not record.get("text_date"):
            errors.append(ModellawError("a status read from a statute says the date of the "
                                        "text consulted (text_date: YYYY-MM-DD)", where))
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
        existing_law={k: ExistingLaw(v["status"], evidence := tuple(Evidence(**e) for e in v.get("evidence", [])),
                                     v.get("note", ""), v.get("source") or _inferred_source(evidence),
                                     v.get("text_date", ""))
                      for k, v in merged.get("existing_law", {}).items()},
        origins=origins,
        existing_penalties={k: ExistingPenalty(**v)
                            for k, v in merged.get("existing_penalties", {}).items()})


def _inferred_source(evidence: tuple[Evidence, ...]) -> str:
    """A record `modellaw analyze --write` added (every citation its own) comes from analyze."""
    return "analyze" if evidence and all(e.origin == "analysis" for e in evidence) else ""
