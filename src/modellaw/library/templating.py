"""The one Jinja2 environment, bounded (the helpers templates call are in `markers`).

Clause text is trusted template code; profile values are data.  The sandbox and
StrictUndefined make a misspelt parameter an error instead of blank text, and values are
inserted once and never rendered again, so `{{ 7*7 }}` in a profile stays literal.
Only a template compiled or rendered afresh imports this module (`clause_template`).

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
from pathlib import Path
from typing import Any, Callable, Iterator

from jinja2 import StrictUndefined, Template, TemplateError, TemplateSyntaxError
from jinja2.exceptions import TemplateRuntimeError
from jinja2.sandbox import SandboxedEnvironment

from modellaw.errors import Location, ModellawError

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
