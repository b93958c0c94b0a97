"""The one Jinja2 environment, bounded, and the markers templates leave for the assembler.

Clause text is trusted template code; profile values are data.  The sandbox and
StrictUndefined make a misspelt parameter an error instead of blank text, and values are
inserted once and never rendered again, so `{{ 7*7 }}` in a profile stays literal.
`term()` and `ref()` cannot be resolved while a single clause renders (numbers are known
only once the whole bill is assembled), so they leave markers made of control characters,
which validated profile values can never contain.

Trusted is not the same as harmless: a clause file can still divide by zero, recurse, build a
gigabyte string, or loop for ever, and the drafter must get a message naming the clause and
line rather than a traceback or a hang.  So every render is bounded in time (MAX_SECONDS),
in the text it produces (MAX_OUTPUT) and, where the platform allows, in the memory it may
take (MAX_MEMORY); the operators and filters that turn a few bytes into gigabytes (`*`, `**`,
`%`, `format`, `center`, `indent`, ...) check their operands first, which also stops Jinja
from folding such constants while *compiling* (where no time limit could reach them); and
every failure, at compile or render time, is a Jinja error that callers map to the clause
file's line.
"""

from __future__ import annotations

import functools
import math
import re
import signal
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

from jinja2 import StrictUndefined, Template, TemplateError, TemplateSyntaxError
from jinja2.exceptions import TemplateRuntimeError
from jinja2.sandbox import SandboxedEnvironment

from modellaw.errors import Location, ModellawError

MARK = "\x1e"
SEP = "\x1f"
MARKER = re.compile(f"{MARK}([TRL]){SEP}([^{MARK}]*){MARK}")

MAX_SECONDS = 2.0          # one template render; a real clause takes a millisecond
MAX_OUTPUT = 50_000        # characters one render may produce; the longest clause is ~2,000
MAX_VALUE = 100_000        # characters (or items) any value inside a template may reach
MAX_RANGE = 10_000         # items in range(); a bill has dozens of provisions
MAX_WIDTH = 1_000          # a field width in format(), center(), indent() ...
MAX_MEMORY = 512 << 20     # bytes of address space one render may add (Linux only)
_WIDTHS = re.compile(r"\d{4,}|\*")


class TemplateFault(TemplateRuntimeError, ModellawError):  # type: ignore[misc]
    """A template that failed or exceeded a limit while rendering.

    It is a Jinja error, so the assembler maps it to the clause file's line, and a
    ModellawError, so that a template rendered elsewhere still reaches the user as one
    located message rather than a traceback.
    """

    def __init__(self, message: str, location: Location | None = None) -> None:
        Exception.__init__(self, " ".join(message.split()))
        self.location = location or Location()

    def __str__(self) -> str:
        return ModellawError.__str__(self)


def _check_size(value: Any) -> Any:
    if isinstance(value, (str, list, tuple, dict)) and len(value) > MAX_VALUE:
        raise TemplateFault(f"a value of more than {MAX_VALUE:,} characters or items; a clause "
                            "never needs one")
    return value


def _check_format(fmt: Any) -> None:
    """Refuse a format string asking for enormous field widths ('%999999999d')."""
    if isinstance(fmt, str):
        specs = re.findall(r"%[^a-zA-Z%]*", fmt) + re.findall(r"\{[^{}]*:([^{}]*)\}", fmt)
        if any(_WIDTHS.search(spec) for spec in specs) or re.search(r"\{[^}]*\{", fmt):
            raise TemplateFault(f"a format with a field width of {MAX_WIDTH:,} or more (or a width "
                                "taken from a value) is refused")


def _check_width(width: Any) -> None:
    if isinstance(width, int) and abs(width) > MAX_WIDTH:
        raise TemplateFault(f"a width of {width:,} characters is refused (at most {MAX_WIDTH:,})")


def _repeat(left: Any, right: Any) -> Any:
    """`*`, with repetition of text or lists capped."""
    for seq, count in ((left, right), (right, left)):
        if isinstance(seq, (str, list, tuple)) and isinstance(count, int):
            if len(seq) * max(count, 0) > MAX_VALUE:
                raise TemplateFault(f"repeating a value {count:,} times makes more than "
                                    f"{MAX_VALUE:,} characters or items")
    if isinstance(left, int) and isinstance(right, int) and \
            left.bit_length() + right.bit_length() > 4 * MAX_VALUE:
        raise TemplateFault("a number too large for a bill")
    return left * right


def _power(left: Any, right: Any) -> Any:
    if isinstance(left, int) and isinstance(right, int) and abs(left) > 1 and \
            right * math.log2(abs(left)) > 1_000:
        raise TemplateFault("a power too large for a bill")
    return left ** right


def _modulo(left: Any, right: Any) -> Any:
    _check_format(left)
    return left % right


def _bounded_range(*args: int) -> range:
    rng = range(*args)
    if len(rng) > MAX_RANGE:
        raise TemplateFault(f"range() of {len(rng):,} items; at most {MAX_RANGE:,} are allowed")
    return rng


_WIDTH_METHODS = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs"})


class _Deadline:
    """When the render running in this thread must stop (0: none running)."""

    def __init__(self) -> None:
        self.local = threading.local()

    def check(self) -> None:
        due = getattr(self.local, "due", 0.0)
        if due and time.monotonic() > due:
            self.local.due = 0.0
            raise TemplateFault(f"the template ran for more than {MAX_SECONDS:g} seconds "
                                "(a loop or a recursion without end?)")


_DEADLINE = _Deadline()


class BoundedEnvironment(SandboxedEnvironment):
    """The sandbox with every operation that can explode checked first."""

    intercepted_binops = frozenset({"*", "**", "%"})

    def call_binop(self, context: Any, op: str, left: Any, right: Any) -> Any:
        _DEADLINE.check()
        return _check_size(self.binop_table[op](left, right))

    def getattr(self, obj: Any, attribute: str) -> Any:
        _DEADLINE.check()
        return _check_size(super().getattr(obj, attribute))

    def getitem(self, obj: Any, argument: Any) -> Any:
        _DEADLINE.check()
        return _check_size(super().getitem(obj, argument))

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        _DEADLINE.check()
        if getattr(__obj, "__name__", "") in _WIDTH_METHODS and isinstance(
                getattr(__obj, "__self__", None), str):
            for width in args[:1] + tuple(kwargs.values()):
                _check_width(width)
        return _check_size(SandboxedEnvironment.call(__self, __context, __obj, *args, **kwargs))

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        _check_format(getattr(value, "__self__", None))
        return wrapped

    def compile(self, source: Any, name: str | None = None, filename: str | None = None,
                raw: bool = False, defer_init: bool = False) -> Any:
        """Compile, with every failure (a parser recursing on deep nesting, Python's own
        compiler refusing) reported as a syntax error at a template line."""
        try:
            return super().compile(source, name, filename, raw, defer_init)
        except TemplateSyntaxError:
            raise
        except RecursionError as exc:
            raise TemplateSyntaxError("the template is nested too deeply", 1, name,
                                      filename) from exc
        except (SyntaxError, MemoryError, ValueError, TypeError, OverflowError) as exc:
            line = getattr(exc, "lineno", None) or 1
            raise TemplateSyntaxError(f"the template cannot be compiled: {exc}", line, name,
                                      filename) from exc


def _bounded_filter(original: Callable[..., Any], check: Callable[..., None]) -> Callable[..., Any]:
    @functools.wraps(original)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        check(*args, **kwargs)
        return _check_size(original(*args, **kwargs))
    return bounded


def _format_args(value: Any, *args: Any, **kwargs: Any) -> None:
    _check_format(value)


def _width_args(value: Any, width: Any = 0, *args: Any, **kwargs: Any) -> None:
    _check_width(width)
    _check_width(kwargs.get("width", 0))


class BoundedTemplate(Template):
    """A template whose render is bounded in time, output and memory."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        context = self.new_context(dict(*args, **kwargs))
        pieces: list[str] = []
        size = 0
        try:
            with _time_limit(), _memory_limit():
                try:
                    for piece in self.root_render_func(context):
                        size += len(piece)
                        if size > MAX_OUTPUT:
                            raise TemplateFault(f"the template renders more than {MAX_OUTPUT:,} "
                                                "characters; a clause is far shorter")
                        pieces.append(piece)
                except Exception:
                    self.environment.handle_exception()
        except TemplateFault as exc:
            raise self._located(exc) from None
        except RecursionError as exc:
            raise self._fault("the template calls itself without end", exc) from None
        except MemoryError as exc:
            raise self._fault("the template needs more memory than a clause may use", exc) from None
        except Exception as exc:  # noqa: BLE001 - any failure of template code is the clause's
            message = str(exc) if isinstance(exc, TemplateError) else (
                f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__)
            raise self._fault(message, exc) from None
        return self.environment.concat(pieces)  # type: ignore[attr-defined]

    def _where(self) -> Location:
        path, _, what = (self.filename or "").rpartition("#")
        return Location(Path(path), keypath=what) if path else Location()

    def _located(self, exc: TemplateFault) -> TemplateFault:
        if not exc.location.path:
            exc.location = self._where()
        return exc

    def _fault(self, message: str, exc: BaseException) -> TemplateFault:
        """The failure as a TemplateFault carrying the original traceback, whose frames
        Jinja has rewritten to the template's own lines (callers read the line from it)."""
        return TemplateFault(message, self._where()).with_traceback(exc.__traceback__)


@contextmanager
def _time_limit() -> Iterator[None]:
    """A deadline checked by the sandbox's hooks in any thread, and in the main thread an
    alarm as well, which also stops loops that call nothing."""
    if getattr(_DEADLINE.local, "due", 0.0):  # a render within a render: the outer one bounds it
        yield
        return
    _DEADLINE.local.due = time.monotonic() + MAX_SECONDS
    use_alarm = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    previous: Any = None
    if use_alarm:
        def on_alarm(signum: int, frame: Any) -> None:
            if getattr(_DEADLINE.local, "due", 0.0):
                _DEADLINE.local.due = time.monotonic() - 1
                _DEADLINE.check()
        previous = signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, MAX_SECONDS)
    try:
        yield
    finally:
        _DEADLINE.local.due = 0.0
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


@contextmanager
def _memory_limit() -> Iterator[None]:
    """Cap the address space for the render at its current size plus MAX_MEMORY, so that a
    runaway allocation is a MemoryError at once instead of the machine swapping (Linux)."""
    try:
        import resource
        with open("/proc/self/statm", encoding="ascii") as handle:
            used = int(handle.read().split()[0]) * resource.getpagesize()
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    except (ImportError, OSError, ValueError, IndexError):
        yield
        return
    cap = used + MAX_MEMORY
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    lowered = soft == resource.RLIM_INFINITY or soft > cap
    if lowered:
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        yield
    finally:
        if lowered:
            resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


@functools.lru_cache(maxsize=None)
def environment() -> SandboxedEnvironment:
    """The one environment every clause template is compiled in (built once per process)."""
    env = BoundedEnvironment(undefined=StrictUndefined, autoescape=False, trim_blocks=True,
                             lstrip_blocks=True, keep_trailing_newline=False,
                             extensions=["jinja2.ext.do"])
    env.template_class = BoundedTemplate
    env.globals["range"] = _bounded_range
    env.binop_table = {**env.binop_table, "*": _repeat, "**": _power, "%": _modulo}
    env.filters["format"] = _bounded_filter(env.filters["format"], _format_args)
    for name in ("center", "indent"):
        env.filters[name] = _bounded_filter(env.filters[name], _width_args)
    return env


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
        raise TemplateFault(f"{function}(): {what} must be text, got {value!r}")
    if is_id and not _ID.match(value):
        raise TemplateFault(f"{function}(): '{value}' is not a clause id (lower-case words "
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
        raise TemplateFault(f"ref(): capital must be true or false, got {capital!r}")
    return f"{MARK}R{SEP}{clause_id}{SEP}{anchor}{SEP if capital else ''}{'1' if capital else ''}{MARK}"


def refs(*clause_ids: str, conjunction: str = "or") -> str:
    """Mark a list of references ("sections 3, 4 and 6"); clauses not in the bill are left
    out of the list, since a list of offences naturally follows the bill's selection."""
    ids = [_argument("refs", "each clause id", c, is_id=True) for c in clause_ids]
    if not ids:
        raise TemplateFault("refs(): name at least one clause")
    conjunction = _argument("refs", "the conjunction", conjunction)
    return f"{MARK}L{SEP}{','.join(ids)}{SEP}{conjunction}{MARK}"


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
