"""What clause templates call and leave behind, without Jinja2: markers, helpers, sums, terms.

`term()` and `ref()` cannot be resolved while a single clause renders (numbers are known only
once the whole bill is assembled), so they leave markers made of control characters, which
validated profile values can never contain; the assembler splits rendered text at them.
Nothing here imports Jinja2, so that a draft whose every clause render is cached
(`render_cache`) never does: the one error these helpers raise, a TemplateFault, is only ever
raised while a template renders, when Jinja2 is loaded.
"""

from __future__ import annotations

import re
from typing import Any, Callable

from modellaw.records import record

MARK = "\x1e"
SEP = "\x1f"
MARKER = re.compile(f"{MARK}([TRL]){SEP}([^{MARK}]*){MARK}")


def _fault(message: str) -> Exception:
    """A TemplateFault (a Jinja error, so the assembler finds the template's line)."""
    from modellaw.library.templating import TemplateFault
    return TemplateFault(message)


class Helper:
    """A function templates call, bound to profile data: `penalty(5)` in a template is
    `penalty_for(tradition, unit, before, 5)`.  Unlike a closure, what it is bound to can be
    written down, so a render that receives it can still be cached (`render_cache.canonical`);
    the bound values are not attributes a template can reach."""

    __slots__ = ("_function", "_bound")

    def __init__(self, function: Callable[..., Any], *bound: Any) -> None:
        self._function = function
        self._bound = bound

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._function(*self._bound, *args, **kwargs)

    def parts(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        """(the function, the values bound to it), for a cache key."""
        return self._function, self._bound


def join_words(items: list[str], conjunction: str = "and") -> str:
    """`a, b and c`: how a drafter lists things in a sentence."""
    items = [str(i) for i in items]
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


def _argument(function: str, what: str, value: Any, *, is_id: bool = False) -> str:
    """A marker's argument checked where the template calls it, so that a wrong one is an
    error at the clause's own line instead of a garbled marker found later."""
    if not isinstance(value, str) or not value.strip() or MARK in value or SEP in value:
        raise _fault(f"{function}(): {what} must be text, got {value!r}")
    if is_id and not _ID.match(value):
        raise _fault(f"{function}(): '{value}' is not a clause id (lower-case words "
                            "joined by '-')")
    return value


def term(name: str, text: str | None = None) -> str:
    """Mark a use of a defined term; `text` is the words as they read (e.g. a plural)."""
    name = _argument("term", "the term", name)
    text = name if text is None else _argument("term", "the words", text)
    return f"{MARK}T{SEP}{name}{SEP}{text}{MARK}"


def ref(clause_id: str, anchor: str = "", capital: bool = False) -> str:
    """Mark a cross-reference to a clause's section, or to an anchored provision in it.

    From inside the same section the reference reads as drafters write it ("subsection (1)",
    "paragraph 1"); `capital` capitalises it to open a sentence.
    """
    clause_id = _argument("ref", "the clause id", clause_id, is_id=True)
    if anchor != "":
        anchor = _argument("ref", "the anchor", anchor)
    if not isinstance(capital, bool):
        raise _fault(f"ref(): capital must be true or false, got {capital!r}")
    return f"{MARK}R{SEP}{clause_id}{SEP}{anchor}{SEP if capital else ''}{'1' if capital else ''}{MARK}"


def refs(*clause_ids: str, conjunction: str = "or") -> str:
    """Mark a list of references ("sections 3, 4 and 6"); clauses not in the bill are left
    out of the list, since a list of offences naturally follows the bill's selection."""
    ids = [_argument("refs", "each clause id", c, is_id=True) for c in clause_ids]
    if not ids:
        raise _fault("refs(): name at least one clause")
    conjunction = _argument("refs", "the conjunction", conjunction)
    return f"{MARK}L{SEP}{','.join(ids)}{SEP}{conjunction}{MARK}"


@record
class Marker:
    """A term, reference or list of references that a template wrote into its text."""

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
