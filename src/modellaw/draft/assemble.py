"""Profile + clause library -> Bill: selection, parameters, rendering, numbering, references.

Pure: reads nothing and writes nothing.  Every problem found is collected and raised together
with the file and line a person must change: an unset parameter is an error, never blank
text; a reference to a clause that is not in the bill is an error, never a dangling number.
"""

from __future__ import annotations

import math
import re
from typing import Any, Iterable

from modellaw.library.clause_template import ClauseTemplate
from modellaw.library.clauses import Clause, Library
from modellaw.errors import InputErrors, Location, ModellawError
from modellaw.model import Bill, Inline, Kind, Node, Provenance, Ref, Style, TermUse, with_eids
from modellaw.labels import letters, number_word, roman
from modellaw.draft.outline import Item, parse_outline
from modellaw.draft.spelling import americanise
from modellaw.library.profiles import ExistingPenalty, Profile, is_placeholder
from modellaw.library.schema import shown, text_problem, unknown_id_message
from modellaw.library.markers import (MARKER, SEP, Helper, Marker, imprisonment_words, join_words,
                                      money, penalty_phrase, ref, refs, split_markers, term)
from modellaw.records import record, replace

INTERPRETATION = "interpretation"
#: The child sex trafficking offence, whose penalty is measured against current law.
CHILD_OFFENCE = "offence-child-sex-trafficking"
#: By how much an aggravating circumstance raises each term (the result is stated in whole
#: years, rounded up, so that the bill never makes a reader compute 22.5 years).
FRACTIONS = {"one third": 4 / 3, "one half": 3 / 2, "two thirds": 5 / 3}
SPACE_BEFORE_PUNCT = re.compile(r" +([,.;:])")


@record
class Override:
    """A `--set clause.param=value` given on the command line (value still a string)."""

    clause: str
    param: str
    value: str

    @classmethod
    def parse(cls, text: str) -> "Override":
        """The value is text a template will print, so it is held to a profile value's rules:
        one line, no control characters, not empty."""
        key, eq, value = text.partition("=")
        clause, dot, param = key.strip().partition(".")
        where = Location(keypath=f"--set {shown(key.strip())}")
        if not eq or not dot or not clause or not param:
            raise ModellawError(f"--set {shown(text)!r}: expected CLAUSE.PARAM=VALUE")
        for what, part in (("the name", key), ("the value", value.strip())):
            if (problem := text_problem(part)) is not None:
                raise ModellawError(f"{what} {problem}", where)
        return cls(clause, param, value.strip())


def _coerce(raw: str, typ: str) -> Any:
    """A --set value as its parameter's type; a number is ASCII digits only (Python's int()
    would also take '٥', '１２' or '1_0'), and anything else stays text for the check to
    refuse."""
    if typ == "int":
        return int(raw) if re.fullmatch(r"[+-]?[0-9]{1,15}", raw) else raw
    if typ == "bool":
        return {"true": True, "yes": True, "1": True, "false": False, "no": False,
                "0": False}.get(raw.lower(), raw)
    return raw


def select_clauses(library: Library, profile: Profile, errors: list[ModellawError],
                   warnings: list[str] | None = None) -> list[Clause]:
    """Core clauses minus the profile's exclusions, plus the optional ones it asks for.

    A core clause listed under `optional` is included anyway (the profile wanted it, and a
    clause made core later must not break the profiles written before): a warning, not an
    error.  Optional definitions come along as candidates: `assemble` keeps those whose term
    the bill uses, so a definition lives in the interpretation section, not in its section.
    A clause of one drafting style (a common-law short title, a civil-law article on
    execution and publication) is drafted only for profiles of that style.
    """
    for key, want_core in (("optional", False), ("exclude", True)):
        for i, clause_id in enumerate(getattr(profile, key)):
            loc = profile.where(f"{key}[{i}]")
            if clause_id not in library.clauses:
                errors.append(ModellawError(unknown_id_message("clause", clause_id,
                                                               library.clauses), loc))
            elif library.clauses[clause_id].core and not want_core:
                if warnings is not None:
                    warnings.append(f"{loc}: clause '{clause_id}' is core and always included; "
                                    "remove it from 'optional' (or list it under 'exclude' to "
                                    "leave it out)")
            elif library.clauses[clause_id].core != want_core:
                errors.append(ModellawError(
                    f"clause '{clause_id}' is optional; leave it out of 'optional' instead", loc))
    style = profile.drafting["style"]
    return [c for c in library.clauses.values() if c.style in ("", style) and (
            (c.core and c.id not in profile.exclude) or (not c.core and c.id in profile.optional)
            or (not c.core and c.kind == "definition"))]


def resolve_parameters(library: Library, profile: Profile, overrides: Iterable[Override],
                       errors: list[ModellawError], warnings: list[str] | None = None
                       ) -> dict[str, dict[str, Any]]:
    """Defaults, then the profile, then --set; each value checked against its parameter.

    Then each clause's values are checked together: a minimum above its maximum is an error
    at the line that set it, and a value that weakens the model (a lower age or term, a fine
    in place of prison) is kept, as asked, with a warning naming the clause, the parameter,
    the value and the model's own value.
    """
    values = {cid: {p.name: p.default for p in c.parameters.values() if not p.required}
              for cid, c in library.clauses.items()}
    where: dict[tuple[str, str], Location] = {}
    layers: list[tuple[str, str, Any, Location]] = [
        (cid, name, value, profile.where(f"parameters.{cid}.{name}"))
        for cid, params in profile.parameters.items() for name, value in params.items()]
    layers += [(o.clause, o.param, o, Location(keypath=f"--set {o.clause}.{o.param}"))
               for o in overrides]
    for cid, name, value, loc in layers:
        clause = library.clauses.get(cid)
        if clause is None:
            loc = loc if isinstance(value, Override) else profile.where(f"parameters.{cid}")
            errors.append(ModellawError(unknown_id_message("clause", cid, library.clauses), loc))
            continue
        param = clause.parameters.get(name)
        if param is None:
            errors.append(ModellawError(
                unknown_id_message(f"parameter of clause '{cid}'", name, clause.parameters), loc))
            continue
        if isinstance(value, Override):
            value = _coerce(value.value, param.type)
        if (msg := param.check(value)) is not None:
            errors.append(ModellawError(f"{cid}.{name}: {msg}", loc))
            continue
        values[cid][name] = value
        where[cid, name] = loc
    for cid, clause in library.clauses.items():
        _check_together(clause, values[cid], where, errors, warnings)
    return values


def _check_together(clause: Clause, values: dict[str, Any],
                    where: dict[tuple[str, str], Location], errors: list[ModellawError],
                    warnings: list[str] | None) -> None:
    """A clause's values against each other and against the model's own values."""
    for name, param in clause.parameters.items():
        value = values.get(name)
        set_at = where.get((clause.id, name))
        if param.at_most and value is not None and not values.get("life"):
            limit = values.get(param.at_most)
            if limit is not None and value > limit:
                errors.append(ModellawError(
                    f"{clause.id}.{name}: {value} is above {clause.id}.{param.at_most} "
                    f"({limit}); a minimum cannot exceed its maximum",
                    set_at or where.get((clause.id, param.at_most)) or param.location))
        if warnings is not None and value is not None and param.weakens(value):
            place = f"{set_at}: " if set_at else ""
            warnings.append(
                f"{place}{clause.id}.{name} = {value!r} weakens the model law, whose value is "
                f"{param.model_value!r} ({param.description})")


@record(frozen=False)
class Context:
    """What templates may see, built once per bill."""

    profile: Profile
    included: frozenset[str]
    params: dict[str, dict[str, Any]] | None = None  # every clause's values, for cross-references

    @property
    def style(self) -> Style:
        drafting = self.profile.drafting
        civil = drafting["style"] == "civil-law"
        return Style(tradition=drafting["style"], section_word="Article" if civil else "section",
                     act_word=drafting["act_word"], part_label=drafting["part_label"],
                     part_numbering=drafting["part_numbering"],
                     paper=drafting.get("paper", "a4"))

    def variables(self, params: dict[str, Any]) -> dict[str, Any]:
        """What one clause's templates see: its parameters, the profile's words, and the
        functions they call, bound to plain data (so that a render can be cached)."""
        drafting, style = self.profile.drafting, self.style
        unit = (drafting["fine_unit"], drafting["fine_unit_position"] == "before")
        bill = self.profile.bill
        institutions = self.profile.institutions
        return {**params, "term": term, "ref": ref, "refs": refs,
                "penalty": Helper(penalty, style.tradition, *unit),
                "aggravated": Helper(aggravated, self.params or {}),
                "money": Helper(money, *unit), "join_words": join_words,
                "short_title": bill["short_title"], "year": bill["year"],
                "title_style": drafting.get("title_style", "comma-year"),
                "included": Helper(included, self.included),
                "this_act": f"this {style.act_word}", "style": style.tradition,
                "this_section": f"this {style.section_word}",
                "jurisdiction": {"name": self.profile.name, "territory": self.profile.territory,
                                 **institutions,
                                 "reporting_body": institutions.get("reporting_body",
                                                                    institutions["police"]),
                                 "prosecutor": institutions.get("prosecutor", "prosecution")}}


def penalty(tradition: str, fine_unit: str, unit_before: bool, max_years: Any,
            min_years: Any = 0, fine: Any = 0, life: bool = False) -> str:
    """`penalty(...)` in a template: the penalty clause in the profile's style and unit."""
    return penalty_phrase(tradition, fine_unit, unit_before, max_years, min_years or 0,
                          fine or 0, life)


def aggravated(params: dict[str, dict[str, Any]], clause_id: str, fraction: str) -> str:
    """`aggravated(clause, fraction)` in a template: the terms of an offence raised by
    `fraction`, stated in whole years."""
    values = params.get(clause_id, {})
    factor = FRACTIONS[fraction]
    return imprisonment_words(math.ceil(values["max_years"] * factor),
                              math.ceil((values.get("min_years") or 0) * factor),
                              bool(values.get("life")))


def included(chosen: frozenset[str], clause_id: str) -> bool:
    """`included(id)` in a template: whether the bill holds that clause."""
    return clause_id in chosen


def render_template(template: ClauseTemplate, variables: dict[str, Any], clause: Clause,
                    what: str) -> str:
    """Render one template; errors point at the template line in the clause file."""
    try:
        return template.render(variables)
    except Exception as exc:
        from jinja2 import TemplateError  # raised only by a render, so already loaded
        from jinja2.exceptions import SecurityError
        if not isinstance(exc, (TemplateError, SecurityError, TypeError, ValueError)):
            raise
        line = _template_line(exc, template)
        first = clause.first_lines[what]
        loc = Location(clause.path, first + line - 1 if line else first)
        message = getattr(exc, "message", None) or str(exc)
        raise ModellawError(f"{what}: template error: {message}", loc) from exc


def _template_line(exc: BaseException, template: ClauseTemplate) -> int | None:
    tb, line = exc.__traceback__, None
    name = template.filename
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == name:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _words(text: str) -> str:
    """Headings and terms are plain words: a term() inside them reads as its text."""
    pieces = split_markers(text)
    return " ".join("".join(p if isinstance(p, str) else p.extra for p in pieces).split())


@record(frozen=False)
class Draft:
    """A clause rendered: its node tree before numbering."""

    clause: Clause
    root: Item
    heading: str
    term: str
    rendered: str

    def dependencies(self, term_owners: dict[str, str]) -> set[str]:
        """Clause ids this clause's text needs: the definitions of the terms it uses, the
        clauses it refers to, and the interpretation section that holds definitions."""
        needs: set[str] = set()
        for piece in split_markers(self.rendered):
            if isinstance(piece, Marker):
                if piece.kind == "T":
                    needs.add(term_owners.get(piece.name, ""))
                elif piece.kind == "R":
                    needs.add(piece.name)
        if self.clause.kind == "definition":
            needs.add(INTERPRETATION)
        return needs - {""}


def _provenance(clause: Clause) -> Provenance:
    return Provenance(clause.id, clause.elements, clause.sources)


class Numberer:
    """Assigns printed numbers and collects the labels references will need."""

    def __init__(self, style: Style) -> None:
        self.style = style
        self.labels: dict[str, tuple[str, ...]] = {}  # node id -> number path
        self.kinds: dict[str, Kind] = {}  # node id -> its level

    def subsection(self, n: int) -> str:
        return f"{n}." if self.style.tradition == "civil-law" else f"({n})"

    def label(self, path: tuple[str, ...]) -> str:
        """`section 6(2)(a)` or `Article 6, paragraph 2, point (a)`."""
        section, rest = path[0], path[1:]
        if self.style.tradition == "civil-law":
            out = f"Article {section}"
            names = ("paragraph", "point", "sub-point")
            for depth, num in enumerate(rest):
                out += f", {names[min(depth, 2)]} {num.rstrip('.')}"
            return out
        return f"section {section}" + "".join(rest)

    def local_label(self, source: str, target: str) -> str:
        """A provision cited from elsewhere in its own section, named from the first level
        where the two part: `subsection (2)(c)`, or `paragraph (b)` beside (c) in the same
        subsection; in civil-law style `paragraph 2, point (c)`, `point (b)`."""
        path, here = self.labels[target], self.labels.get(source, ())
        common = 1
        while common < min(len(path), len(here)) and path[common] == here[common]:
            common += 1
        common = min(common, len(path) - 1)
        rest = path[common:]
        first = self.kinds[".".join(target.split(".")[:common + 1])]
        depth = {Kind.SUBSECTION: 0, Kind.PARAGRAPH: 1, Kind.SUBPARAGRAPH: 2}[first]
        if self.style.tradition == "civil-law":
            names = ("paragraph", "point", "sub-point")
            return ", ".join(f"{names[min(depth + d, 2)]} {num.rstrip('.')}"
                             for d, num in enumerate(rest))
        word = ("subsection", "paragraph", "subparagraph")[depth]
        return f"{word} {''.join(rest)}"


def build_items(items: list[Item], base_id: str, path: tuple[str, ...], numberer: Numberer,
                prov: Provenance, anchors: dict[str, str]) -> tuple[Node, ...]:
    counters: dict[int, int] = {}
    nodes = []
    for index, item in enumerate(items, start=1):
        counters[item.level] = counters.get(item.level, 0) + 1
        n = counters[item.level]
        num = (numberer.subsection(n) if item.kind is Kind.SUBSECTION else
               f"({letters(n)})" if item.kind is Kind.PARAGRAPH else f"({roman(n).lower()})")
        node_id = f"{base_id}.{item.anchor or index}"
        numberer.labels[node_id] = path + (num,)
        numberer.kinds[node_id] = item.kind
        if item.anchor:
            anchors[item.anchor] = node_id
        children = build_items(item.children, node_id, path + (num,), numberer, prov, anchors)
        nodes.append(Node(kind=item.kind, id=node_id, num=num,
                          text=(item.joined_text(),), wrap_up=(item.joined_wrap_up(),) if item.wrap_up else (),
                          children=children, provenance=prov))
    return tuple(nodes)


def _unwrap_lone_subsection(root: Item) -> Item:
    """A section with a single subsection and no words of its own is not numbered (1)."""
    if not root.text and len(root.children) == 1 and root.children[0].level == 1 and not root.wrap_up:
        only = root.children[0]
        return Item(level=0, indent=-1, text=only.text, wrap_up=only.wrap_up,
                    children=only.children)
    return root


class Resolver:
    """Turns marked text into inline segments once every number is known."""

    def __init__(self, numberer: Numberer, sections: set[str],
                 anchors: dict[str, dict[str, str]], defined: dict[str, str]) -> None:
        self.numberer, self.sections, self.anchors, self.defined = numberer, sections, anchors, defined
        self.used_terms: set[str] = set()
        self.errors: list[tuple[str, str]] = []  # (message, the clause whose text says it)
        self.source = ""  # the node whose text is being resolved

    def inlines(self, text: str) -> tuple[Inline, ...]:
        out: list[Inline] = []
        for piece in split_markers(text):
            if isinstance(piece, str):
                out.append(piece)
            elif piece.kind == "T":
                out.append(self._term(piece))
            elif piece.kind == "R":
                out.append(self._ref(piece))
            else:
                out.extend(self._ref_list(piece))
        return _tidy(out)

    def error(self, message: str) -> None:
        self.errors.append((message, self.source.split(".")[0]))

    def _term(self, marker: Marker) -> Inline:
        if marker.name not in self.defined:
            self.error(f"the term '{marker.name}' is used as defined but this bill "
                               "does not define it")
            return marker.extra
        self.used_terms.add(marker.name)
        return TermUse(marker.name, marker.extra)

    def _ref(self, marker: Marker) -> Inline:
        clause_id, anchor = marker.name, marker.extra
        anchor, _, capital = anchor.partition(SEP)
        if clause_id not in self.sections:
            self.error(f"a reference to clause '{clause_id}', which is not in this bill")
            return f"[{clause_id}]"
        target = clause_id  # a section's stable id is its clause id
        if anchor:
            target = self.anchors.get(clause_id, {}).get(anchor, "")
            if not target:
                self.error(f"a reference to '{clause_id}#{anchor}': no such anchor")
                return f"[{clause_id}#{anchor}]"
        if anchor and clause_id == self.source.split(".")[0]:
            label = self.numberer.local_label(self.source, target)
        else:
            label = self.numberer.label(self.numberer.labels[target])
        return Ref(target, label[0].upper() + label[1:] if capital else label)

    def _ref_list(self, marker: Marker) -> list[Inline]:
        """`sections 3, 4 and 6` / `Articles 3, 4 and 6`, each number its own reference; a run
        of three or more consecutive sections reads `any of sections 3 to 7` (or `sections 3
        to 7` with "and"), as drafters write it."""
        present = [c for c in marker.name.split(",") if c in self.sections]
        if not present:
            self.error(f"none of the clauses {marker.name.replace(',', ', ')} is in "
                               "this bill, so the list of references would be empty")
            return []
        word = self.numberer.style.section_word
        numbers = [int(self.numberer.labels[c][0]) for c in present]
        if len(present) >= 3 and numbers == list(range(numbers[0], numbers[0] + len(numbers))):
            lead = "any of " if marker.extra == "or" else ""
            return [f"{lead}{word}s ", Ref(present[0], str(numbers[0])), " to ",
                    Ref(present[-1], str(numbers[-1]))]
        out: list[Inline] = [f"{word}s " if len(present) > 1 else f"{word} "]
        for i, clause_id in enumerate(present):
            if i:
                out.append(f" {marker.extra} " if i == len(present) - 1 else ", ")
            out.append(Ref(clause_id, self.numberer.labels[clause_id][0]))
        return out


def _template_location(library: Library, clause_id: str, profile: Profile) -> Location:
    """Where a reference or term the resolver cannot place was written: the clause's text
    template (the profile only when no clause's text holds it)."""
    clause = library.clauses.get(clause_id)
    if clause is None:
        return Location(profile.path)
    return Location(clause.path, clause.first_lines.get("text", 0), keypath="text")


def _tidy(parts: list[Inline]) -> tuple[Inline, ...]:
    """Merge adjacent strings and fold the spaces that template line breaks leave behind."""
    merged: list[Inline] = []
    for part in parts:
        if isinstance(part, str) and merged and isinstance(merged[-1], str):
            merged[-1] += part
        else:
            merged.append(part)
    out = [SPACE_BEFORE_PUNCT.sub(r"\1", " ".join(p.split(" ")).replace("\n", " "))
           if isinstance(p, str) else p for p in merged]
    out = [re.sub(r" {2,}", " ", p) if isinstance(p, str) else p for p in out]
    if out and isinstance(out[0], str):
        out[0] = out[0].lstrip()
    if out and isinstance(out[-1], str):
        out[-1] = out[-1].rstrip()
    return tuple(p for p in out if p != "")


def _resolve_node(node: Node, resolver: Resolver) -> Node:
    """Resolve a node's words, its children's, then its wrap-up (each knowing where it is)."""
    resolver.source = node.id
    text = resolver.inlines("".join(t for t in node.text if isinstance(t, str)))
    children = tuple(_resolve_node(c, resolver) for c in node.children)
    resolver.source = node.id
    wrap_up = resolver.inlines("".join(t for t in node.wrap_up if isinstance(t, str)))
    return replace(node, text=text, wrap_up=wrap_up, children=children)


def keep_only(drafts: list[Draft], elements: frozenset[str]) -> list[Draft]:
    """The drafts implementing `elements`, the bill's furniture, and all they depend on.

    Furniture that only applies to a list of other sections (the rule on belief as to age,
    the federal nexus) comes only if one of those sections does; a definition that serves no
    element comes only if a clause in the bill uses its term.
    """
    term_owners = {d.term: d.clause.id for d in drafts if d.clause.kind == "definition"}
    by_id = {d.clause.id: d for d in drafts}
    wanted: set[str] = set()

    def add(ids: set[str]) -> None:
        pending = list(ids - wanted)
        wanted.update(ids)
        while pending:
            for need in by_id[pending.pop()].dependencies(term_owners):
                if need in by_id and need not in wanted:
                    wanted.add(need)
                    pending.append(need)

    add({d.clause.id for d in drafts if set(d.clause.elements) & elements
         or (not d.clause.elements and d.clause.kind == "section" and not _listed(d))})
    add({d.clause.id for d in drafts if not d.clause.elements and d.clause.kind == "section"
         and _listed(d) & wanted})
    return [d for d in drafts if d.clause.id in wanted]


def _listed(draft: Draft) -> set[str]:
    """The clauses a draft refers to in lists (`refs(...)`)."""
    return {name for piece in split_markers(draft.rendered)
            if isinstance(piece, Marker) and piece.kind == "L" for name in piece.name.split(",")}


def assemble(library: Library, profile: Profile, overrides: Iterable[Override] = (),
             only_elements: frozenset[str] | None = None) -> Bill:
    """Draft the bill for a profile. Raises InputErrors listing every problem found.

    With `only_elements`, the bill holds only the clauses implementing those elements (a
    country's gaps), the furniture, and every clause they depend on, numbered afresh.
    """
    errors: list[ModellawError] = []
    warnings: list[str] = list(profile.warnings)
    chosen = select_clauses(library, profile, errors, warnings)
    params = resolve_parameters(library, profile, overrides, errors, warnings)
    for clause in chosen:
        for p in clause.parameters.values():
            if p.required and params[clause.id].get(p.name) is None:
                errors.append(ModellawError(
                    f"parameter '{clause.id}.{p.name}' has no default and {profile.path} does "
                    f"not set it ({p.description})", p.location))
    if CHILD_OFFENCE in {c.id for c in chosen}:
        _check_existing_penalties(profile, params[CHILD_OFFENCE], errors, warnings)
    warnings += _fine_unit_warnings(profile)
    if errors:
        raise InputErrors(errors)
    context = Context(profile, frozenset(c.id for c in chosen), params)
    style = context.style
    spell = americanise_marked if profile.drafting.get("spelling") == "american" else str
    drafts: list[Draft] = []
    for clause in chosen:
        variables = context.variables(params[clause.id])
        try:
            text = spell(render_template(clause.templates["text"], variables, clause, "text"))
            heading = spell(render_template(clause.templates["heading"], variables, clause,
                                            "heading") if "heading" in clause.templates else "")
            term_text = (render_template(clause.templates["term"], variables, clause, "term")
                         if "term" in clause.templates else "")
        except ModellawError as exc:
            errors.append(exc)
            continue
        drafts.append(Draft(clause, parse_outline(text), _words(heading), _words(term_text), text))
    if errors:
        raise InputErrors(errors)
    drafts = _used_candidates(drafts, profile)
    if only_elements is not None:
        drafts = keep_only(drafts, only_elements)
    return _number_and_resolve(library, profile, drafts, style, tuple(warnings), spell)


def americanise_marked(text: str) -> str:
    """American spelling for the words of rendered text, never for the clause ids and term
    keys inside its markers (a reference to 'offence-recruitment' must still resolve)."""
    out, pos = [], 0
    for match in MARKER.finditer(text):
        out.append(americanise(text[pos:match.start()]))
        marker = match.group(0)
        if match.group(1) == "T":
            name, _, words = match.group(2).partition(SEP)
            marker = term(name, americanise(words))
        out.append(marker)
        pos = match.end()
    out.append(americanise(text[pos:]))
    return "".join(out)


def _used_candidates(drafts: list[Draft], profile: Profile) -> list[Draft]:
    """Optional definitions the profile did not ask for stay only if the bill uses their term."""
    candidates = {d.clause.id for d in drafts if not d.clause.core
                  and d.clause.kind == "definition" and d.clause.id not in profile.optional}
    used = {piece.name for d in drafts if d.clause.id not in candidates
            for piece in split_markers(d.rendered) if isinstance(piece, Marker) and piece.kind == "T"}
    return [d for d in drafts if d.clause.id not in candidates or d.term in used]


def _drafted_range(values: dict[str, Any]) -> tuple[float, float, str]:
    """(minimum, maximum, words) of the child offence as drafted; life is an infinite maximum."""
    life, low, top = bool(values.get("life")), values.get("min_years") or 0, values["max_years"]
    words = imprisonment_words(top, low, life).removeprefix("imprisonment ")
    return float(low), float("inf") if life else float(top), words


def _check_existing_penalties(profile: Profile, values: dict[str, Any],
                              errors: list[ModellawError], warnings: list[str]) -> None:
    """Penalties never fall: the child offence may not be lower than the penalty current law
    already imposes for child trafficking (an error, naming both and the citation), and should
    be higher than current law's penalty for trafficking adults (a loud warning if not)."""
    low, top, words = _drafted_range(values)
    where = profile.where(f"parameters.{CHILD_OFFENCE}")
    child = profile.existing_penalties.get("child")
    if child is not None and (top < child.max_years or low < child.min_years):
        errors.append(ModellawError(
            f"{CHILD_OFFENCE}: the drafted penalty (imprisonment {words}) is lower than current "
            f"law's for trafficking a child ({child.words()}: {child.citation}); raise max_years, "
            "min_years or set life so that the new offence does not lower the penalty", where))
    adult = profile.existing_penalties.get("adult")
    if adult is not None and not _higher((low, top), adult):
        warnings.append(
            f"{where}: WARNING: {CHILD_OFFENCE}: the drafted penalty (imprisonment {words}) is not "
            f"higher than current law's for trafficking adults ({adult.words()}: "
            f"{adult.citation}); the report asks for penalties that distinguish child from adult "
            "sex trafficking")


def _higher(drafted: tuple[float, float], adult: ExistingPenalty) -> bool:
    """Higher at one end of the range and lower at neither."""
    low, top = drafted
    return (low >= adult.min_years and top >= adult.max_years
            and (low > adult.min_years or top > adult.max_years))


def _fine_unit_warnings(profile: Profile) -> list[str]:
    """A country's bill that still says '[currency units]' (the model law's blank)."""
    unit, where = profile.drafting["fine_unit"], profile.where("drafting.fine_unit")
    if is_placeholder(unit) and not is_placeholder(profile.territory):
        return [f"{where}: the model law's blank '{unit}'; fill in the country's currency or "
                "penalty units, with fine_unit_source to say where they come from"]
    return []


def _number_and_resolve(library: Library, profile: Profile, drafts: list[Draft],
                        style: Style, earlier: tuple[str, ...] = (),
                        spell: Any = str) -> Bill:
    part_order = {p.id: i for i, p in enumerate(library.parts)}
    sections = sorted((d for d in drafts if d.clause.kind == "section"),
                      key=lambda d: (part_order[d.clause.part], d.clause.order, d.clause.id))
    definitions = sorted((d for d in drafts if d.clause.kind == "definition"),
                         key=lambda d: d.term.casefold())
    problems: list[ModellawError] = []
    if definitions and INTERPRETATION not in {d.clause.id for d in sections}:
        problems.append(ModellawError(
            f"the bill has definitions but no '{INTERPRETATION}' section to hold them",
            profile.where("exclude")))
    numberer = Numberer(style)
    anchors: dict[str, dict[str, str]] = {}
    section_ids: set[str] = set()
    nodes_by_part: dict[str, list[Node]] = {}
    for number, draft in enumerate(sections, start=1):
        clause, num = draft.clause, str(number)
        root = _unwrap_lone_subsection(draft.root)
        prov = _provenance(clause)
        numberer.labels[clause.id] = (num,)
        section_ids.add(clause.id)
        clause_anchors = anchors.setdefault(clause.id, {})
        children = build_items(root.children, clause.id, (num,), numberer, prov, clause_anchors)
        if clause.id == INTERPRETATION:
            children = tuple(_punctuate(_definition_node(d, (num,), numberer, anchors),
                                        "." if i == len(definitions) - 1 else ";")
                             for i, d in enumerate(definitions))
        nodes_by_part.setdefault(clause.part, []).append(Node(
            kind=Kind.SECTION, id=clause.id, num=num, heading=draft.heading,
            text=(root.joined_text(),), wrap_up=(root.joined_wrap_up(),) if root.wrap_up else (),
            children=children, provenance=prov))
    defined = {d.term: d.clause.id for d in definitions}
    resolver = Resolver(numberer, section_ids, anchors, defined)
    parts = []
    for index, part in enumerate(p for p in library.parts if p.id in nodes_by_part):
        num = _part_number(index + 1, style.part_numbering)
        resolved = tuple(_resolve_node(n, resolver) for n in nodes_by_part[part.id])
        parts.append(with_eids(Node(kind=Kind.PART, id=f"part-{part.id}", num=num,
                                    heading=spell(part.heading_for(style.tradition)),
                                    children=resolved)))
    problems += [ModellawError(msg, _template_location(library, clause_id, profile))
                 for msg, clause_id in dict.fromkeys(resolver.errors)]
    if problems:
        raise InputErrors(problems)
    warnings = earlier + tuple(f"the definition of '{t}' ({cid}) is never used in the bill"
                               for t, cid in defined.items() if t not in resolver.used_terms)
    warnings += tuple(f"core clause '{cid}' is left out by the profile's 'exclude'"
                      for cid in profile.exclude)
    bill_info = profile.bill
    kept = frozenset(d.clause.id for d in drafts)
    variables = Context(profile, kept).variables

    def frame(as_reasons: bool = False) -> str:
        return spell(" ".join(library.long_title.render(
            variables({"as_reasons": True} if as_reasons else {})).split()))

    return Bill(jurisdiction=profile.id, jurisdiction_name=profile.name,
                short_title=_law_title(profile) or bill_info["short_title"], long_title=frame(),
                enacting_formula=bill_info["enacting_formula"], parts=tuple(parts),
                preamble=tuple(bill_info.get("preamble", ())), year=str(bill_info["year"]),
                date=bill_info.get("date", f"{bill_info['year']}-01-01"), style=style,
                warnings=warnings, number=bill_info.get("number", "") if _law_title(profile) else "",
                authority=bill_info.get("authority", ""),
                reasons=frame(as_reasons=True) if bill_info.get("reasons") else "")


def _part_number(n: int, numbering: str) -> str:
    return {"words": number_word, "roman": roman}.get(numbering, str)(n)


def _law_title(profile: Profile) -> str:
    """A civil-law law's name, "Law No. [..] of 2026 on Combating …": its number (left in
    brackets for the drafter until the law is numbered), year and subject; "" for a bill."""
    bill = profile.bill
    if profile.drafting["style"] != "civil-law" or "number" not in bill or "subject" not in bill:
        return ""
    return f"{profile.drafting['act_word']} No. {bill['number']} of {bill['year']} {bill['subject']}"


def _punctuate(node: Node, mark: str) -> Node:
    """End a definition with ';' (or '.' for the last), on whichever words come last."""
    if node.wrap_up:
        return replace(node, wrap_up=_end_with(node.wrap_up, mark))
    if node.children:
        return replace(node, children=node.children[:-1] + (_punctuate(node.children[-1], mark),))
    return replace(node, text=_end_with(node.text, mark))


def _end_with(text: tuple[str, ...], mark: str) -> tuple[str, ...]:
    last = text[-1].rstrip(" ") if text else ""  # not rstrip(): it strips the \x1e of a marker
    return text[:-1] + (last.rstrip(";.,") + mark,)


def _definition_node(draft: Draft, path: tuple[str, ...], numberer: Numberer,
                     anchors: dict[str, dict[str, str]]) -> Node:
    clause = draft.clause
    prov = _provenance(clause)
    numberer.labels[clause.id] = path
    clause_anchors = anchors.setdefault(clause.id, {})
    children = build_items(draft.root.children, clause.id, path, numberer, prov, clause_anchors)
    return Node(kind=Kind.DEFINITION, id=clause.id, term=draft.term,
                text=(draft.root.joined_text(),),
                wrap_up=(draft.root.joined_wrap_up(),) if draft.root.wrap_up else (),
                children=children, provenance=prov)
