"""A workshop scenario: a profile, the options a group chose, and what follows from them.

The scenario lives in the URL (`?profile=za&set=definition-child.age=16&on=…&off=…`, the
CLI's `--set CLAUSE.PARAM=VALUE` syntax) so a group can bookmark or share it.  `evaluate` is
one pure function from a scenario to the bill, its gap checklist and its review against the
model, through the same assembler, checklist and review rules as `draft`, `gaps` and `diff`;
the web layer only renders what it returns.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from pathlib import Path
from typing import Iterable
from urllib.parse import urlencode

from modellaw.draft.assemble import Override, assemble, resolve_parameters
from modellaw.errors import InputErrors, Location, ModellawError
from modellaw.judge.checklist import Checklist, build_checklist
from modellaw.judge.diff import DiffResult, diff_drafts
from modellaw.library.clauses import Clause, Library, Parameter, load_library
from modellaw.library.profiles import Profile, find_profile, list_profiles, load_profile
from modellaw.model import Bill
from modellaw.read.blocks import Draft
from modellaw.records import record, replace

#: What a profile id in a URL may look like: never a path, never anything a file name could
#: be made from other than a profile the library already has.
PROFILE_ID = re.compile(r"^[a-z][a-z0-9-]{0,31}$")
#: Bounds on what one request may ask for (a scenario sets a few dozen values at most).
MAX_VALUES = 200
MAX_VALUE_CHARS = 200
MODEL = "model"


@record
class Scenario:
    """The options of one scenario, in the order a canonical URL lists them."""

    profile: str = MODEL
    sets: tuple[tuple[str, str], ...] = ()      # (CLAUSE.PARAM, value as typed)
    on: tuple[str, ...] = ()                    # optional clauses switched on
    off: tuple[str, ...] = ()                   # optional clauses switched off

    def query(self) -> str:
        """The canonical query string: the same scenario always gives the same URL."""
        items = [("profile", self.profile)]
        items += [("set", f"{key}={value}") for key, value in sorted(self.sets)]
        items += [("on", c) for c in sorted(self.on)] + [("off", c) for c in sorted(self.off)]
        return urlencode(items)

    def value(self, key: str) -> str | None:
        return dict(self.sets).get(key)


def _bounded(items: list[tuple[str, str]]) -> None:
    if len(items) > MAX_VALUES:
        raise ModellawError(f"too many values in one request (at most {MAX_VALUES})")
    for key, value in items:
        if len(key) > MAX_VALUE_CHARS or len(value) > MAX_VALUE_CHARS:
            raise ModellawError(f"{key[:40]}: value too long (at most {MAX_VALUE_CHARS} "
                                "characters)", Location(keypath=key[:80]))


def parse_query(items: list[tuple[str, str]]) -> Scenario:
    """A scenario from a URL's query: `profile`, repeated `set=CLAUSE.PARAM=VALUE`, `on`, `off`."""
    _bounded(items)
    profile, sets, on, off = MODEL, {}, [], []
    for key, value in items:
        if key == "profile":
            profile = value
        elif key == "set":
            name, eq, typed = value.partition("=")
            if not eq or "." not in name:
                raise ModellawError(f"set={value!r}: expected CLAUSE.PARAM=VALUE",
                                    Location(keypath=name))
            sets[name.strip()] = typed.strip()
        elif key == "on":
            on.append(value)
        elif key == "off":
            off.append(value)
    return Scenario(profile, tuple(sets.items()), tuple(dict.fromkeys(on)),
                    tuple(dict.fromkeys(off)))


@record
class Outcome:
    """Everything the three panes show for one scenario."""

    scenario: Scenario
    profile: Profile
    bill: Bill
    checklist: Checklist
    review: DiffResult


class Workbench:
    """One clause library and its profiles, loaded once per server, and the outcomes of the
    scenarios asked for recently (a workshop goes back and forth between a few)."""

    def __init__(self, root: Path, cache_size: int = 64) -> None:
        self.root = root
        self.library: Library = load_library(root)
        self.profile_ids = tuple(list_profiles(root))
        self._profiles: dict[str, Profile] = {}
        self._outcomes: OrderedDict[str, Outcome] = OrderedDict()
        self._cache_size = cache_size
        self.model_bill = assemble(self.library, self.profile(MODEL))

    def profile(self, profile_id: str) -> Profile:
        """A profile by id only: what a browser sends never names a file."""
        if not PROFILE_ID.match(profile_id) or profile_id not in self.profile_ids:
            raise ModellawError(f"unknown profile {profile_id[:40]!r}; known: "
                                f"{', '.join(self.profile_ids)}", Location(keypath="profile"))
        if profile_id not in self._profiles:
            self._profiles[profile_id] = load_profile(find_profile(profile_id, self.root),
                                                      self.root)
        return self._profiles[profile_id]

    def optional_clauses(self) -> list[Clause]:
        return sorted((c for c in self.library.clauses.values() if not c.core),
                      key=lambda c: (c.part, c.order))

    def variant(self, scenario: Scenario) -> Profile:
        """The scenario's profile: its parameters set and its optional clauses switched, every
        value checked as `--set` checks it (errors carry `--set CLAUSE.PARAM` as key path)."""
        base = self.profile(scenario.profile)
        errors: list[ModellawError] = []
        optional = list(base.optional)
        for i, clause_id in enumerate((*scenario.on, *scenario.off)):
            clause = self.library.clauses.get(clause_id)
            if clause is None or clause.core:
                errors.append(ModellawError(f"{clause_id[:40]!r} is not an optional clause",
                                            Location(keypath=f"on/off {clause_id[:40]}")))
        for clause_id in scenario.on:
            if clause_id not in optional:
                optional.append(clause_id)
        optional = [c for c in optional if c not in scenario.off]
        overrides = [Override(*key.split(".", 1), value) for key, value in scenario.sets]
        values = resolve_parameters(self.library, base, overrides, errors)
        if errors:
            raise InputErrors(errors)
        parameters = {cid: dict(vals) for cid, vals in base.parameters.items()}
        for o in overrides:
            parameters.setdefault(o.clause, {})[o.param] = values[o.clause][o.param]
        return replace(base, optional=tuple(optional), parameters=parameters)

    def evaluate(self, scenario: Scenario) -> Outcome:
        """The bill, checklist and review of a scenario (cached by its canonical query)."""
        key = scenario.query()
        if key in self._outcomes:
            self._outcomes.move_to_end(key)
            return self._outcomes[key]
        profile = self.variant(scenario)
        bill = assemble(self.library, profile)
        checklist = build_checklist(self.library, profile, bill)
        draft = Draft(bill, Path(f"{profile.id}.scenario"), name=f"the {profile.name} scenario")
        review = diff_drafts(draft, self.model_bill, "the model law")
        outcome = Outcome(scenario, profile, bill, checklist, review)
        self._outcomes[key] = outcome
        if len(self._outcomes) > self._cache_size:
            self._outcomes.popitem(last=False)
        return outcome

    def effective(self, scenario: Scenario, clause: Clause, param: Parameter) -> object:
        """The value a field shows: the scenario's, else the profile's, else the default."""
        typed = scenario.value(f"{clause.id}.{param.name}")
        if typed is not None:
            return typed
        profile = self.profile(scenario.profile)
        return profile.parameters.get(clause.id, {}).get(param.name, param.default)


def from_form(workbench: Workbench, items: Iterable[tuple[str, str]]) -> Scenario:
    """A scenario from the options panel, which names its fields `CLAUSE.PARAM` (the last
    value of a field wins, so a checkbox can follow a hidden "false") and lists the optional
    clauses that are on as `clause=ID`.  Only values that differ from the profile's are kept,
    so the URL says what the group changed and nothing else."""
    items = list(items)
    _bounded(items)
    fields: dict[str, str] = {}
    profile_id, switched_on = MODEL, []
    for key, value in items:
        if key == "profile":
            profile_id = value
        elif key == "clause":
            switched_on.append(value)
        elif "." in key:
            fields[key] = value
    profile = workbench.profile(profile_id)
    sets = []
    for key, value in fields.items():
        clause_id, _, name = key.partition(".")
        clause = workbench.library.clauses.get(clause_id)
        param = clause.parameters.get(name) if clause else None
        if param is None:
            sets.append((key, value))          # reported by `variant` as --set reports it
            continue
        current = profile.parameters.get(clause_id, {}).get(name, param.default)
        if value.strip() != _typed(current):
            sets.append((key, value.strip()))
    on = tuple(c for c in switched_on if c not in profile.optional)
    off = tuple(c.id for c in workbench.optional_clauses()
                if c.id in profile.optional and c.id not in switched_on)
    return Scenario(profile_id, tuple(sets), on, off)


def _typed(value: object) -> str:
    """A parameter value as the options panel types it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)
