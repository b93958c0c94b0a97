"""The one Jinja2 environment, and the markers templates leave for the assembler.

Clause text is trusted template code; profile values are data.  The sandbox and
StrictUndefined make a misspelt parameter an error instead of blank text, and values are
inserted once and never rendered again, so `{{ 7*7 }}` in a profile stays literal.
`term()` and `ref()` cannot be resolved while a single clause renders (numbers are known
only once the whole bill is assembled), so they leave markers made of control characters,
which validated profile values can never contain.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

MARK = "\x1e"
SEP = "\x1f"
MARKER = re.compile(f"{MARK}([TRL]){SEP}([^{MARK}]*){MARK}")


@functools.lru_cache(maxsize=None)
def environment() -> SandboxedEnvironment:
    """The one environment every clause template is compiled in (built once per process)."""
    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=False, trim_blocks=True,
                                lstrip_blocks=True, keep_trailing_newline=False,
                                extensions=["jinja2.ext.do"])


def join_words(items: list[str], conjunction: str = "and") -> str:
    """`a, b and c`: how a drafter lists things in a sentence."""
    items = [str(i) for i in items]
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def term(name: str, text: str | None = None) -> str:
    """Mark a use of a defined term; `text` is the words as they read (e.g. a plural)."""
    return f"{MARK}T{SEP}{name}{SEP}{text if text is not None else name}{MARK}"


def ref(clause_id: str, anchor: str = "", capital: bool = False) -> str:
    """Mark a cross-reference to a clause's section, or to an anchored provision in it.

    From inside the same section the reference reads as drafters write it ("subsection (1)",
    "paragraph 1"); `capital` capitalises it to open a sentence.
    """
    return f"{MARK}R{SEP}{clause_id}{SEP}{anchor}{SEP if capital else ''}{'1' if capital else ''}{MARK}"


def refs(*clause_ids: str, conjunction: str = "or") -> str:
    """Mark a list of references ("sections 3, 4 and 6"); clauses not in the bill are left
    out of the list, since a list of offences naturally follows the bill's selection."""
    return f"{MARK}L{SEP}{','.join(clause_ids)}{SEP}{conjunction}{MARK}"


@dataclass(frozen=True)
class Marker:
    kind: str  # "T" term, "R" reference, "L" list of references
    name: str
    extra: str


def split_markers(text: str) -> list[str | Marker]:
    """Text with markers as a list of plain strings and Marker records."""
    out: list[str | Marker] = []
    pos = 0
    for match in MARKER.finditer(text):
        if match.start() > pos:
            out.append(text[pos:match.start()])
        name, _, extra = match.group(2).partition(SEP)
        out.append(Marker(match.group(1), name, extra))
        pos = match.end()
    if pos < len(text):
        out.append(text[pos:])
    return out


def grouped(amount: int) -> str:
    """Thousands grouped with commas, as most drafting offices print sums."""
    return f"{amount:,}"


def money(fine_unit: str, unit_before: bool, amount: Any) -> str:
    """A sum in the profile's fine unit, placed as the profile says ("USD 10,000" or
    "10,000 penalty units")."""
    grouped_amount = grouped(int(amount))
    return f"{fine_unit} {grouped_amount}" if unit_before else f"{grouped_amount} {fine_unit}"


def imprisonment_words(max_years: int, min_years: int = 0, life: bool = False) -> str:
    """`imprisonment for a term of not less than 5 years and not more than 20 years`, or for
    life; a term is always stated in years, never as a fraction of another."""
    def years(n: int) -> str:
        return f"{n} year" if n == 1 else f"{n} years"

    if life:
        return "imprisonment for life" + (
            f" or for a term of not less than {years(min_years)}" if min_years else "")
    if min_years:
        return (f"imprisonment for a term of not less than {years(min_years)} and not more "
                f"than {years(max_years)}")
    return f"imprisonment for a term not exceeding {years(max_years)}"


def penalty_phrase(tradition: str, fine_unit: str, unit_before: bool, max_years: Any,
                   min_years: Any = 0, fine: Any = 0, life: bool = False) -> str:
    """The penalty clause of an offence in the jurisdiction's drafting style.

    For an offence by an individual, imprisonment is always stated and a fine is only ever
    added to it, never offered in its place: the report asks that fines not replace prison for
    child sex trafficking.  `max_years` 0 (with no life term) is a fine alone, for the duties
    that bind companies, which cannot be imprisoned.
    """
    sum_words = money(fine_unit, unit_before, fine) if fine else ""
    prison = imprisonment_words(max_years, min_years, life) if (max_years or life) else ""
    civil = tradition == "civil-law"
    lead = "is punishable by " if civil else "commits an offence and is liable on conviction to "
    if not prison:
        return lead + (f"a fine of up to {sum_words}" if civil
                       else f"a fine not exceeding {sum_words}")
    if not sum_words:
        return lead + prison
    return lead + prison + (f" and a fine of up to {sum_words}" if civil
                            else f" and to a fine not exceeding {sum_words}")
