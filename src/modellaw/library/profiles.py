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
from modellaw.inputs import os_error
from modellaw.library.schema import ListOf, Map, MapOf, Scalar, Validator, unknown_id_message
from modellaw.library.yamlio import Document, keypath, load_yaml

STATUSES = ("met", "partial", "missing", "unknown")
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


EVIDENCE_SCHEMA = Map({"citation": Scalar(str), "note": Scalar(str, multiline=True),
                       "source": Scalar(str),
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
        "part_numbering": Scalar(str, choices=("arabic", "roman")),
        "fine_unit": Scalar(str), "fine_unit_position": Scalar(str, choices=("before", "after")),
    }),
    "institutions": Map({k: Scalar(str, check=_no_article) for k in
                         ("minister", "police", "court", "regulator", "service_provider")}),
    "bill": Map({"short_title": Scalar(str), "year": Scalar(int, minimum=1900, maximum=2200),
                 "date": Scalar(str, check=_date_check), "enacting_formula": Scalar(str),
                 "preamble": ListOf(Scalar(str))}),
    "parameters": MapOf(MapOf(Scalar(object))),
    "optional": ListOf(Scalar(str)),
    "exclude": ListOf(Scalar(str)),
    "existing_law": MapOf(Map({"status": Scalar(str, choices=STATUSES),
                               "evidence": ListOf(EVIDENCE_SCHEMA),
                               "note": Scalar(str, multiline=True)},
                              required=frozenset({"status"})), key_check=_element_key),
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
    """What a country's current law does for one model element."""

    status: str
    evidence: tuple[Evidence, ...] = ()
    note: str = ""


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


def _resolve_extends(name: str, current: Path, folder: Path) -> Path:
    """A path (with '/' or '.yaml') is relative to the profile; a bare name is a base in
    jurisdictions/bases/ (common-law, civil-law) or another profile in jurisdictions/."""
    if "/" in name or name.endswith(".yaml"):
        return (current.parent / name).resolve()
    base = folder / "bases" / f"{name}.yaml"
    return base if base.is_file() else folder / f"{name}.yaml"


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
    path = root / "jurisdictions" / f"{name}.yaml"
    if not path.is_file():
        known = list_profiles(root)
        raise ModellawError(unknown_id_message("jurisdiction", name, known)
                            + f"; known: {', '.join(known)}")
    return path


def list_profiles(root: Path) -> list[str]:
    return sorted(p.stem for p in (root / "jurisdictions").glob("*.yaml")
                  if not p.name.startswith("_"))


def check_base(path: Path) -> None:
    """A base profile on its own: its keys and values (what a base lacks, such as a name,
    each profile extending it supplies)."""
    doc = load_yaml(path)
    validator = Validator(doc)
    validator.validate(PROFILE_SCHEMA, doc.data if doc.data is not None else {})
    if validator.errors:
        raise InputErrors(validator.errors)


def is_base(path: Path, root: Path) -> bool:
    return path.resolve().parent == (root / "jurisdictions" / "bases").resolve()


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
            nxt = _resolve_extends(parent, current, root / "jurisdictions")
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
    for key in ("existing_law",):
        for element, record in merged.get(key, {}).items():
            if record["status"] != "unknown" and not record.get("evidence"):
                errors.append(ModellawError(
                    f"status '{record['status']}' needs evidence (a citation)",
                    origins.get(f"existing_law.{element}", Location(path))))
    if errors:
        raise InputErrors(errors)
    return Profile(
        id=profile_id, name=merged["name"], territory=merged.get("territory", merged["name"]),
        path=path,
        legal_tradition=merged["legal_tradition"], drafting=merged["drafting"],
        institutions=merged["institutions"], bill=merged["bill"],
        parameters=merged.get("parameters", {}), optional=tuple(merged.get("optional", [])),
        exclude=tuple(merged.get("exclude", [])),
        existing_law={k: ExistingLaw(v["status"], tuple(Evidence(**e) for e in v.get("evidence", [])),
                                     v.get("note", ""))
                      for k, v in merged.get("existing_law", {}).items()},
        origins=origins)
