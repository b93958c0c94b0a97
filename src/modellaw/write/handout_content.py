"""The workshop handout: the annotated edition of the model law, built from the same clauses
and profiles as the bill.

One source, two outputs: the provision printed in a handout is the provision the assembler
drafts, its commentary and sources are the clause's own, and the country table is read from
the jurisdiction profiles, so a change to a clause or a profile shows up in the next bill and
the next handout alike.  Only the teaching material (plain-language meaning, quotations from
the report, discussion questions, the weakened-provision exercise) is written for the
handout, as data in `handouts/<element-id>.yaml`, with a glossary in `handouts/_glossary.yaml`.

This module is pure: it takes loaded models and returns a `Handout` record for the writers.
"""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path
from typing import Any

from modellaw.library.layers import find_in_layers
from modellaw.draft.assemble import assemble, resolve_parameters
from modellaw.library.clauses import Clause, Library
from modellaw.library.elements import BY_ID, ELEMENT_IDS, Element
from modellaw.errors import InputErrors, Location, ModellawError, collecting
from modellaw.model import Bill, Kind, Node, Source
from modellaw.library.profiles import Evidence, Profile
from modellaw.library.schema import ListOf, Map, Scalar, Validator, unknown_id_message
from modellaw.library.yamlio import Document, load_yaml
from modellaw.records import record, replace

FOLDER = "handouts"
GLOSSARY = "_glossary.yaml"
MIN_QUESTIONS = 2
REPORT = "ICMEC 2018"
TITLE = "Technology-facilitated child sex trafficking"
SUBTITLE = "The model law, provision by provision"

def _rule_check(value: Any) -> str | None:
    """An exercise names the review rules that must find its weakness: they must exist."""
    from modellaw.judge.review import BY_ID as RULES

    return None if value in RULES else unknown_id_message("review rule", value, RULES)


NOTES_SCHEMA = Map(
    {"element": Scalar(str), "meaning": Scalar(str, multiline=True),
     "why": Scalar(str, multiline=True),
     "quotes": ListOf(Map({"text": Scalar(str), "section": Scalar(str)},
                          required=frozenset({"text", "section"}))),
     "questions": ListOf(Scalar(str)),
     "exercise": Map({"provision": Scalar(str), "text": Scalar(str, multiline=True),
                      "answer": Scalar(str, multiline=True),
                      "rules": ListOf(Scalar(str, check=_rule_check))},
                     required=frozenset({"provision", "text", "answer"}))},
    required=frozenset({"element", "meaning", "why", "quotes", "questions", "exercise"}))
GLOSSARY_SCHEMA = Map({"terms": ListOf(Map({"term": Scalar(str), "meaning": Scalar(str),
                                            "also": ListOf(Scalar(str))},
                                           required=frozenset({"term", "meaning"})))},
                      required=frozenset({"terms"}))


@record
class Quote:
    """Words of the report, exactly as printed, and the section they come from."""

    text: str
    section: str

    @property
    def attribution(self) -> str:
        return f"{REPORT}, \u201c{self.section}\u201d"


@record
class Exercise:
    """A weakened version of one model provision; `rules` are the reviewer rules (ids in
    review.py) that must find its weakness, so the answer is checked, not just asserted."""

    provision: str  # the clause id it weakens
    text: str
    answer: str
    rules: tuple[str, ...]
    location: Location

    @property
    def flags(self) -> tuple[str, ...]:
        """What `modellaw diff` reports for this weakening: the titles of its rules."""
        from modellaw.judge.review import BY_ID as RULES

        return tuple(RULES[rule].title for rule in self.rules)


@record
class Notes:
    """The teaching material for one element, from `handouts/<element>.yaml`."""

    element: str
    meaning: str
    why: str
    quotes: tuple[Quote, ...]
    questions: tuple[str, ...]
    exercise: Exercise
    path: Path


@record
class GlossaryEntry:
    """A term explained for participants; `also` are other words for it that the handout may
    use instead (a plural, the words an abbreviation stands for)."""

    term: str
    meaning: str
    also: tuple[str, ...] = ()


@record
class HandoutData:
    notes: dict[str, Notes]
    glossary: tuple[GlossaryEntry, ...]


@record
class Provision:
    """A model provision as drafted: a section, or a definition with the section holding it."""

    node: Node
    clause: Clause
    container: Node | None = None  # the interpretation section of a definition


@record
class Option:
    """A parameter a drafter may set for the provision, with the value used here."""

    clause: str
    description: str
    value: Any


@record
class CountryRow:
    profile: str
    name: str
    status: str
    evidence: tuple[Evidence, ...]
    note: str
    basis: str = ""  # where the status comes from (the report, a statute, analyze)


@record
class ElementPage:
    """Everything the handout says about one element, in the order it is printed."""

    element: Element
    provisions: tuple[Provision, ...]
    options: tuple[Option, ...]
    sources: tuple[Source, ...]
    countries: tuple[CountryRow, ...]
    notes: Notes
    exercise_model: Provision | None  # the provision the exercise weakens, as drafted
    silent: tuple[str, ...] = ()  # countries left out of the table: the report says nothing


@record
class Handout:
    title: str
    subtitle: str
    workshop: str
    date: str  # ISO date printed on the cover ("" = none)
    doc_date: str  # ISO date written into document properties
    profile_id: str
    profile_name: str
    bill: Bill
    pages: tuple[ElementPage, ...]
    glossary: tuple[GlossaryEntry, ...]


# --- loading the handout data ----------------------------------------------------------------

def _strip(text: str) -> str:
    return " ".join(text.split())


def _validated(path: Path, schema: Map) -> Document:
    doc = load_yaml(path)
    validator = Validator(doc)
    validator.validate(schema, doc.data)
    if validator.errors:
        raise InputErrors(validator.errors)
    return doc


def load_notes(path: Path) -> Notes:
    """One element's notes; the file name must be the element id it explains."""
    doc = _validated(path, NOTES_SCHEMA)
    data = doc.data
    errors: list[ModellawError] = []
    if data["element"] != path.stem:
        errors.append(ModellawError(f"element '{data['element']}' must match the file name "
                                    f"'{path.stem}'", doc.where(("element",))))
    if data["element"] not in ELEMENT_IDS:
        errors.append(ModellawError(unknown_id_message("model element", data["element"],
                                                       ELEMENT_IDS), doc.where(("element",))))
    if len(data["questions"]) < MIN_QUESTIONS:
        errors.append(ModellawError(f"needs at least {MIN_QUESTIONS} discussion questions",
                                    doc.where(("questions",))))
    for key in ("meaning", "why"):
        if not data[key].strip():
            errors.append(ModellawError(f"'{key}' is empty", doc.where((key,))))
    if errors:
        raise InputErrors(errors)
    ex = data["exercise"]
    return Notes(
        element=data["element"], meaning=_strip(data["meaning"]), why=_strip(data["why"]),
        quotes=tuple(Quote(_strip(q["text"]), q["section"]) for q in data["quotes"]),
        questions=tuple(_strip(q) for q in data["questions"]),
        exercise=Exercise(ex["provision"], _strip(ex["text"]), _strip(ex["answer"]),
                          tuple(ex.get("rules", ())), doc.where(("exercise", "provision"))),
        path=path)


def load_handout_data(root: Path) -> HandoutData:
    """Every element's notes and the glossary, with every bad file reported together."""
    folder = find_in_layers(root, FOLDER)  # a workspace's own, else the built-in notes
    errors: list[ModellawError] = []
    notes: dict[str, Notes] = {}
    for element in ELEMENT_IDS:
        path = folder / f"{element}.yaml"
        if not path.is_file():
            errors.append(ModellawError(f"no handout notes for element '{element}'",
                                        Location(path)))
            continue
        with collecting(errors):
            notes[element] = load_notes(path)
    for path in sorted(folder.glob("*.yaml")):
        if not path.name.startswith("_") and path.stem not in ELEMENT_IDS:
            errors.append(ModellawError(unknown_id_message("model element", path.stem,
                                                           ELEMENT_IDS), Location(path)))
    glossary: tuple[GlossaryEntry, ...] = ()
    with collecting(errors):
        doc = _validated(folder / GLOSSARY, GLOSSARY_SCHEMA)
        glossary = tuple(GlossaryEntry(t["term"], _strip(t["meaning"]), tuple(t.get("also", ())))
                         for t in doc.data["terms"])
    if errors:
        raise InputErrors(errors)
    return HandoutData(notes, tuple(sorted(glossary, key=lambda g: g.term.lower())))


# --- building the handout --------------------------------------------------------------------

def check_date(value: str) -> str:
    """An ISO date (YYYY-MM-DD), or a ModellawError saying what is wrong with it."""
    try:
        _dt.date.fromisoformat(value)
    except ValueError:
        raise ModellawError(f"'{value}' is not a date (YYYY-MM-DD)",
                            Location(keypath="--date")) from None
    return value


def select_elements(requested: tuple[str, ...]) -> tuple[str, ...]:
    """The requested element ids in the model's order (all of them if none is given)."""
    unknown = [e for e in requested if e not in BY_ID]
    if unknown:
        raise InputErrors([ModellawError(unknown_id_message("model element", e, ELEMENT_IDS))
                           for e in unknown])
    wanted = set(requested)
    return tuple(e for e in ELEMENT_IDS if not wanted or e in wanted)


def _with_every_option(library: Library, profile: Profile) -> Profile:
    """The profile with every optional clause switched on: the handout explains the whole
    model, optional provisions included (marked as such), whatever one bill chose."""
    optional = tuple(c.id for c in library.clauses.values() if not c.core)
    return replace(profile, optional=tuple(dict.fromkeys(profile.optional + optional)))


def _provisions(bill: Bill, library: Library, element: str) -> tuple[Provision, ...]:
    found: list[Provision] = []
    for section in bill.sections():
        if element in section.provenance.elements:
            found.append(Provision(section, library.clause(section.provenance.clause)))
        for node in section.walk():
            if node.kind is Kind.DEFINITION and element in node.provenance.elements:
                found.append(Provision(node, library.clause(node.provenance.clause), section))
    return tuple(found)


def _sources(provisions: tuple[Provision, ...]) -> tuple[Source, ...]:
    """Every clause's sources, each once (two sections of the report are two sources)."""
    return tuple(dict.fromkeys(s for p in provisions for s in p.clause.sources))


def _options(provisions: tuple[Provision, ...], values: dict[str, dict[str, Any]]
             ) -> tuple[Option, ...]:
    return tuple(Option(p.clause.id, param.description, values[p.clause.id].get(name))
                 for p in provisions for name, param in p.clause.parameters.items())


def _countries(element: str, countries: tuple[Profile, ...]) -> tuple[CountryRow, ...]:
    rows = []
    for profile in countries:
        law = profile.status(element)
        rows.append(CountryRow(profile.id, profile.name, law.status, law.all_evidence, law.note,
                               law.basis))
    return tuple(rows)


def _has_something(row: CountryRow) -> bool:
    """A row worth a trainer's table: a known status, or a provision cited."""
    return row.status != "unknown" or bool(row.evidence)


def country_profiles(root: Path, ids: tuple[str, ...] | None = None) -> tuple[Profile, ...]:
    """The profiles to compare: those named (in that order), or every country in
    `jurisdictions/` (the pure model is not a country)."""
    from modellaw.library.profiles import find_profile, list_profiles, load_profile

    names = ids if ids is not None else tuple(p for p in list_profiles(root) if p != "model")
    return tuple(load_profile(find_profile(name, root), root) for name in dict.fromkeys(names))


def _page_text(page: ElementPage) -> str:
    notes = page.notes
    parts = [page.element.title, page.element.requirement, notes.meaning, notes.why,
             *notes.questions, notes.exercise.text, notes.exercise.answer,
             *(q.text for q in notes.quotes), *(s.cite() + " " + s.note for s in page.sources)]
    for provision in page.provisions:
        parts += [provision.clause.commentary, provision.node.term, provision.node.heading]
        parts += [n.plain_text + " " + n.plain_wrap_up for n in provision.node.walk()]
    return " ".join(parts)


def _terms_used(glossary: tuple[GlossaryEntry, ...], pages: list[ElementPage]
                ) -> tuple[GlossaryEntry, ...]:
    """The glossary entries whose term (or its plural) the printed pages use."""
    text = " ".join(_page_text(p) for p in pages)
    return tuple(g for g in glossary if any(
        re.search(rf"\b{re.escape(words)}(s|es)?\b", text, re.IGNORECASE)
        for words in (g.term, *g.also)))


def build_handout(library: Library, profile: Profile, countries: tuple[Profile, ...],
                  data: HandoutData, elements: tuple[str, ...] = (), *, workshop: str = "",
                  date: str = "", full_table: bool = False) -> Handout:
    """The handout for `elements` (all of them if empty), drafted from `profile` and compared
    across `countries` -- only those the report says something about, unless `full_table`
    (a table of "not stated" rows teaches nothing; the others are named below it).  Raises
    InputErrors if an exercise names a clause that does not implement its element."""
    chosen = select_elements(elements)
    if date:
        check_date(date)
    full = _with_every_option(library, profile)
    bill = assemble(library, full)
    errors: list[ModellawError] = []
    values = resolve_parameters(library, full, (), errors)
    if errors:
        raise InputErrors(errors)
    pages: list[ElementPage] = []
    for element in chosen:
        notes = data.notes[element]
        provisions = _provisions(bill, library, element)
        exercise = notes.exercise
        model = next((p for p in provisions if p.clause.id == exercise.provision), None)
        if model is None:
            known = [p.clause.id for p in provisions]
            errors.append(ModellawError(
                unknown_id_message(f"provision for '{element}'", exercise.provision, known)
                + f"; the exercise must weaken one of: {', '.join(known) or '(none drafted)'}",
                exercise.location))
            continue
        rows = _countries(element, countries)
        shown = rows if full_table else tuple(r for r in rows if _has_something(r))
        pages.append(ElementPage(
            element=BY_ID[element], provisions=provisions, options=_options(provisions, values),
            sources=_sources(provisions), countries=shown, notes=notes, exercise_model=model,
            silent=tuple(r.name for r in rows if r not in shown)))
    if errors:
        raise InputErrors(errors)
    return Handout(
        title=TITLE, subtitle=SUBTITLE, workshop=workshop, date=date,
        doc_date=date or bill.date, profile_id=profile.id,
        profile_name=profile.name, bill=bill, pages=tuple(pages),
        glossary=_terms_used(data.glossary, pages))
