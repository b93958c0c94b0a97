"""The clause library: `clauses/*.yaml` loaded, validated and compiled into Clause records.

Templates are compiled at load time so that a Jinja syntax error is reported against the
clause file's own line, before anything is drafted.  A clause loaded before (the same bytes at
the same path) comes from `clause_cache`, so a draft does not check and compile again the
clauses a drafter did not touch; a template compiled before, from `template_cache`.  Neither
needs Jinja2, which only a template compiled or rendered afresh imports (`clause_template`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from modellaw.library import clause_cache
from modellaw.library.clause_template import ClauseTemplate
from modellaw.library.clause_template import compile_template as compile_source
from modellaw.library.elements import ELEMENT_IDS
from modellaw.errors import InputErrors, Location, ModellawError, collecting
from modellaw.model import Source
from modellaw.library.layers import find_in_layers, layers
from modellaw.library.schema import CONTROL_CHARS, ListOf, Map, MapOf, Scalar, Validator, unknown_id_message
from modellaw.library.yamlio import Document, load_yaml, parse_yaml, read_yaml
from modellaw.records import field, record

CLAUSE_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
BILL_FRAME = "_bill.yaml"
PARAM_TYPES = {"int": int, "str": str, "bool": bool}
#: How a value departs from the model in the direction that weakens protection: a lower age
#: or term ("below"), a longer reporting time ("above"), or any other value ("differs").
WEAKENS = ("below", "above", "differs")


def _id_check(value: Any) -> str | None:
    return None if CLAUSE_ID.match(value) else f"'{value}' is not an id (lower-case words joined by '-')"


def _element_check(value: Any) -> str | None:
    return None if value in ELEMENT_IDS else unknown_id_message("model element", value, ELEMENT_IDS)


PARAMETER_SCHEMA = Map(
    {"type": Scalar(str, choices=tuple(PARAM_TYPES)), "default": Scalar(object, empty=True),
     "choices": ListOf(Scalar(object)), "min": Scalar(int), "max": Scalar(int),
     "description": Scalar(str), "model_value": Scalar(object),
     "weakens_if": Scalar(str, choices=WEAKENS), "at_most": Scalar(str)},
    required=frozenset({"type", "description"}))
SOURCE_SCHEMA = Map({"instrument": Scalar(str), "article": Scalar(str, empty=True),
                     "note": Scalar(str)},
                    required=frozenset({"instrument"}))
CLAUSE_SCHEMA = Map(
    {"id": Scalar(str, check=_id_check), "title": Scalar(str),
     "elements": ListOf(Scalar(str, check=_element_check)), "core": Scalar(bool),
     "kind": Scalar(str, choices=("section", "definition")), "part": Scalar(str),
     "style": Scalar(str, choices=("common-law", "civil-law")),
     "order": Scalar(int, minimum=0), "heading": Scalar(str), "term": Scalar(str),
     "parameters": MapOf(PARAMETER_SCHEMA, key_check=lambda k: None if isinstance(k, str)
                         and re.match(r"^[a-z_][a-z0-9_]*$", k) else
                         f"parameter name '{k}' must be lower_case_with_underscores"),
     "text": Scalar(str, multiline=True), "commentary": Scalar(str, multiline=True),
     "sources": ListOf(SOURCE_SCHEMA)},
    required=frozenset({"id", "title", "elements", "core", "kind", "text",
                        "commentary", "sources"}))
FRAME_SCHEMA = Map(
    {"long_title": Scalar(str, multiline=True),
     "parts": ListOf(Map({"id": Scalar(str, check=_id_check), "heading": Scalar(str),
                          "civil_law_heading": Scalar(str)},
                         required=frozenset({"id", "heading"})))},
    required=frozenset({"long_title", "parts"}))


@record
class Parameter:
    """A typed parameter of a clause: the model law's bracketed alternatives."""

    name: str
    type: str
    description: str
    default: Any = None
    required: bool = False
    choices: tuple[Any, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    model_value: Any = None  # the model law's own value, when a departure can weaken it
    weakens_if: str = ""  # one of WEAKENS, with model_value
    at_most: str = ""  # the name of a parameter this one may not exceed (a minimum's maximum)
    location: Location = field(default_factory=Location)

    def check(self, value: Any) -> str | None:
        """Why `value` is not acceptable, or None."""
        typ = PARAM_TYPES[self.type]
        if not isinstance(value, typ) or (typ is int and isinstance(value, bool)):
            return f"expected {self.type}, got {value!r}"
        if isinstance(value, str) and CONTROL_CHARS.search(value):
            return "contains a control character"
        if self.choices and value not in self.choices:
            return f"{value!r} is not one of {', '.join(repr(c) for c in self.choices)}"
        if self.minimum is not None and value < self.minimum:
            return f"{value} is below the minimum {self.minimum}"
        if self.maximum is not None and value > self.maximum:
            return f"{value} is above the maximum {self.maximum}"
        return None

    def weakens(self, value: Any) -> bool:
        """Whether `value` falls short of the model's own value in the weakening direction."""
        if not self.weakens_if or value == self.model_value:
            return False
        if self.weakens_if == "differs":
            return True
        below = value < self.model_value
        return below if self.weakens_if == "below" else not below


@record
class Clause:
    """One clause template with everything needed to draft, explain and cite it."""

    id: str
    title: str
    elements: tuple[str, ...]
    core: bool
    kind: str
    part: str
    order: int
    heading: str
    term: str
    parameters: dict[str, Parameter]
    text: str
    commentary: str
    sources: tuple[Source, ...]
    path: Path
    first_lines: dict[str, int]  # template name -> the file line its first line is on
    templates: dict[str, ClauseTemplate] = field(compare=False, repr=False, default_factory=dict)
    #: The one drafting style the clause belongs to ("" = every style): a civil-law law ends
    #: with an article on execution and publication, a common-law Act opens with a short title.
    style: str = ""


@record
class Part:
    id: str
    heading: str
    civil_law_heading: str = ""  # the chapter's name in a civil-law law ("Penalties")

    def heading_for(self, tradition: str) -> str:
        return self.civil_law_heading if tradition == "civil-law" and self.civil_law_heading \
            else self.heading


@record
class Library:
    """All clauses plus the bill frame (long title, parts in order)."""

    clauses: dict[str, Clause]
    parts: tuple[Part, ...]
    long_title: ClauseTemplate = field(compare=False, repr=False)
    root: Path

    def clause(self, clause_id: str) -> Clause:
        return self.clauses[clause_id]


def compile_template(source: str, path: Path, first_line: int, what: str) -> ClauseTemplate:
    """Compile a template; a syntax error names the line in the YAML file."""
    try:
        return compile_source(source, f"{path}#{what}")
    except Exception as exc:
        from jinja2 import TemplateSyntaxError  # raised only by a compile, so already loaded
        if not isinstance(exc, TemplateSyntaxError):
            raise
        line = first_line + (exc.lineno or 1) - 1
        raise ModellawError(f"{what}: template error: {exc.message}", Location(path, line)) from exc


def _value_line(doc: Document, key: str, lines: list[str]) -> int:
    """The first line of a value: for a block scalar (`key: |`), the line after the key."""
    line = doc.where((key,)).line
    block = re.search(r":\s*[|>][-+0-9]*\s*(#.*)?$", lines[line - 1]) if line else None
    return line + 1 if block else line


def _parameters(doc: Document, errors: list[ModellawError]) -> dict[str, Parameter]:
    params: dict[str, Parameter] = {}
    for name, spec in doc.data.get("parameters", {}).items():
        loc = doc.where(("parameters", name))
        param = Parameter(name=name, type=spec["type"], description=spec["description"],
                          default=spec.get("default"), required="default" not in spec,
                          choices=tuple(spec.get("choices", ())), minimum=spec.get("min"),
                          maximum=spec.get("max"), model_value=spec.get("model_value"),
                          weakens_if=spec.get("weakens_if", ""), at_most=spec.get("at_most", ""),
                          location=loc)
        for value in ((param.default,) if not param.required else ()) + param.choices:
            if (msg := param.check(value)) is not None:
                errors.append(ModellawError(f"default or choice {msg}", loc))
        if ("model_value" in spec) != ("weakens_if" in spec):
            errors.append(ModellawError("model_value and weakens_if go together: the model's "
                                        "value and the direction in which a departure weakens "
                                        "it", loc))
        elif "model_value" in spec and (msg := param.check(spec["model_value"])) is not None:
            errors.append(ModellawError(f"model_value {msg}", loc))
        params[name] = param
    for name, param in params.items():
        other = params.get(param.at_most) if param.at_most else None
        if param.at_most and (other is None or other.type != "int" or param.type != "int"):
            errors.append(ModellawError(f"at_most: '{param.at_most}' is not an int parameter "
                                        "of this clause", doc.where(("parameters", name))))
    return params


def load_clause(path: Path, part_ids: tuple[str, ...]) -> Clause:
    """One clause file, validated, its templates compiled; from the clause cache when these
    bytes at this path loaded before (`clause_cache` says why that is never stale)."""
    raw = read_yaml(path)
    name = clause_cache.key(path, raw, part_ids)
    found = clause_cache.lookup(name)
    if isinstance(found, Clause):
        return found
    clause = _load_clause(path, raw, part_ids)
    clause_cache.store(name, clause)
    return clause


def _load_clause(path: Path, raw: bytes, part_ids: tuple[str, ...]) -> Clause:
    doc = parse_yaml(path, raw)
    validator = Validator(doc)
    validator.validate(CLAUSE_SCHEMA, doc.data)
    errors = validator.errors
    if errors:
        raise InputErrors(errors)
    data = doc.data
    if data["id"] != path.stem:
        errors.append(ModellawError(f"id '{data['id']}' must match the file name '{path.stem}'",
                                    doc.where(("id",))))
    if data["kind"] == "section":
        for key in ("part", "heading", "order"):
            if key not in data:
                errors.append(ModellawError(f"missing required key '{key}' (sections need it)",
                                            Location(path, 1, 1, key)))
        if data.get("part") and data["part"] not in part_ids:
            errors.append(ModellawError(unknown_id_message("part", data["part"], part_ids),
                                        doc.where(("part",))))
    elif "term" not in data:
        errors.append(ModellawError("missing required key 'term' (definitions need it)",
                                    Location(path, 1, 1, "term")))
    params = _parameters(doc, errors)
    templates: dict[str, ClauseTemplate] = {}
    lines = raw.decode("utf-8").splitlines()  # it parsed, so it is UTF-8
    first_lines = {what: _value_line(doc, what, lines) for what in ("text", "heading", "term")
                   if what in data}
    for what, first in first_lines.items():
        try:
            templates[what] = compile_template(data[what], path, first, what)
        except ModellawError as exc:
            errors.append(exc)
    if errors:
        raise InputErrors(errors)
    return Clause(
        id=data["id"], title=data["title"], elements=tuple(data["elements"]), core=data["core"],
        kind=data["kind"], part=data.get("part", "preliminary"), order=data.get("order", 0),
        heading=data.get("heading", ""), term=data.get("term", ""), parameters=params,
        text=data["text"], commentary=data["commentary"].strip(),
        sources=tuple(Source(s["instrument"], s.get("article", ""), s.get("note", ""))
                      for s in data["sources"]),
        path=path, first_lines=first_lines, templates=templates, style=data.get("style", ""))


def clause_files(root: Path) -> dict[str, Path]:
    """Each clause id's file: a workspace's `clauses/<id>.yaml` replaces the built-in one."""
    files: dict[str, Path] = {}
    for layer in reversed(layers(root)):
        files.update((p.stem, p) for p in sorted((layer / "clauses").glob("*.yaml"))
                     if not p.name.startswith("_"))
    return dict(sorted(files.items()))


def load_library(root: Path) -> Library:
    """Load every clause of `root` (and, for a workspace, the built-in clauses it does not
    replace), reporting all bad files together."""
    frame_path = find_in_layers(root, Path("clauses") / BILL_FRAME)
    if not frame_path.is_file():
        raise ModellawError("the clause library has no bill frame", Location(frame_path))
    doc = load_yaml(frame_path)
    validator = Validator(doc)
    validator.validate(FRAME_SCHEMA, doc.data)
    if validator.errors:
        raise InputErrors(validator.errors)
    parts = tuple(Part(p["id"], p["heading"], p.get("civil_law_heading", ""))
                  for p in doc.data["parts"])
    long_title = compile_template(doc.data["long_title"], frame_path,
                                  doc.where(("long_title",)).line, "long_title")
    clauses: dict[str, Clause] = {}
    errors: list[ModellawError] = []
    for path in clause_files(root).values():
        with collecting(errors):
            clause = load_clause(path, tuple(p.id for p in parts))
            clauses[clause.id] = clause
    if errors:
        raise InputErrors(errors)
    return Library(clauses=clauses, parts=parts, long_title=long_title, root=root)
