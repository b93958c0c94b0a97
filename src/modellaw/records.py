"""Records: dataclasses whose methods are shared rather than generated, because start-up counts.

Python 3.11 builds each `@dataclass(frozen=True)` by writing out and compiling six functions
(`__init__`, `__repr__`, `__eq__`, `__hash__`, `__setattr__`, `__delattr__`): 0.6-1.4 ms a
class.  A cold `modellaw draft` defines 36 of them before it does any work, which was a sixth
of its whole run and most of what kept it slower than pandoc (docs/speed.md).  `record`
makes the same class, a dataclass to `dataclasses.fields`, `replace`, `is_dataclass`, pickle,
`copy` and `match`: dataclasses is asked only for the fields, and the methods are these,
reading a table of the fields made once per class.  Making an instance costs ~2 microseconds
more, which the few thousand of a draft do not notice.

What is not supported fails when the class is made (`field(init=False)`, `InitVar`,
`__post_init__`, `kw_only`), not later in some instance.
"""

from __future__ import annotations

import dataclasses
import sys
from dataclasses import MISSING, field
from typing import Any, Callable, TypeVar

T = TypeVar("T")

if sys.version_info >= (3, 11):
    from typing import dataclass_transform
else:  # only type checkers read it, and they run on a newer Python
    def dataclass_transform(**_: Any) -> Callable[[T], T]:
        return lambda decorated: decorated

__all__ = ["record", "field", "replace"]
_FROZEN = dataclasses.FrozenInstanceError


class _Table:
    """One class's fields, in the forms its methods need them."""

    __slots__ = ("names", "known", "fill", "compare", "shown")

    def __init__(self, fields: tuple[dataclasses.Field[Any], ...]) -> None:
        self.names = tuple(f.name for f in fields)
        self.known = frozenset(self.names)
        #: (name, default, factory) of each field, to fill in what a call left out
        self.fill = tuple((f.name, f.default, f.default_factory) for f in fields)
        self.compare = tuple(f.name for f in fields if f.compare)
        self.shown = tuple(f.name for f in fields if f.repr)


def _init(self: Any, *args: Any, **kwargs: Any) -> None:
    table: _Table = type(self).__record__
    values = self.__dict__
    if args:
        if len(args) > len(table.names):
            raise TypeError(f"{type(self).__qualname__}() takes {len(table.names)} positional "
                            f"arguments but {len(args)} were given")
        values.update(zip(table.names, args))
    if kwargs:
        if not table.known.issuperset(kwargs) or not values.keys().isdisjoint(kwargs):
            _refuse(self, kwargs)
        values.update(kwargs)
    if len(values) == len(table.names):
        return
    for name, default, factory in table.fill:
        if name in values:
            continue
        if factory is not MISSING:
            values[name] = factory()
        elif default is not MISSING:
            values[name] = default
        else:
            raise TypeError(f"{type(self).__qualname__}() missing required argument {name!r}")


def _refuse(self: Any, kwargs: dict[str, Any]) -> None:
    for name in kwargs:
        if name not in type(self).__record__.known:
            raise TypeError(f"{type(self).__qualname__}() got an unexpected keyword "
                            f"argument {name!r}")
        if name in self.__dict__:
            raise TypeError(f"{type(self).__qualname__}() got multiple values for argument "
                            f"{name!r}")


def _key(self: Any) -> tuple[Any, ...]:
    values = self.__dict__
    return tuple(values[name] for name in type(self).__record__.compare)


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is self.__class__:
        return _key(self) == _key(other)
    return NotImplemented


def _hash(self: Any) -> int:
    return hash(_key(self))


def _repr(self: Any) -> str:
    values = self.__dict__
    shown = ", ".join(f"{name}={values[name]!r}" for name in type(self).__record__.shown)
    return f"{type(self).__qualname__}({shown})"


def _setattr(self: Any, name: str, value: Any) -> None:
    raise _FROZEN(f"cannot assign to field {name!r}")


def _delattr(self: Any, name: str) -> None:
    raise _FROZEN(f"cannot delete field {name!r}")


def _make(cls: type[T], frozen: bool) -> type[T]:
    if "__post_init__" in cls.__dict__:
        raise TypeError(f"{cls.__qualname__}: a record has no __post_init__")
    if not cls.__doc__:  # dataclass would call inspect.signature for one: ~5 ms, once
        cls.__doc__ = f"{cls.__name__}({', '.join(cls.__dict__.get('__annotations__', ()))})"
    cls = dataclasses.dataclass(init=False, repr=False, eq=False)(cls)
    fields = dataclasses.fields(cls)
    if any("InitVar" in str(f.type) for f in cls.__dataclass_fields__.values()):  # type: ignore[attr-defined]
        raise TypeError(f"{cls.__qualname__}: a record has no InitVar fields")
    required_after_default = False
    for f in fields:
        if not f.init or f.kw_only:
            raise TypeError(f"{cls.__qualname__}.{f.name}: every field of a record is an "
                            f"argument, in order")
        has_default = f.default is not MISSING or f.default_factory is not MISSING
        if not has_default and required_after_default:
            raise TypeError(f"{cls.__qualname__}.{f.name}: a field without a default "
                            f"follows one with a default")
        required_after_default |= has_default
    cls.__record__ = _Table(fields)  # type: ignore[attr-defined]
    methods: dict[str, Any] = {"__init__": _init, "__repr__": _repr, "__eq__": _eq}
    if frozen:
        methods.update(__hash__=_hash, __setattr__=_setattr, __delattr__=_delattr)
    else:
        methods["__hash__"] = None  # equal by value and changeable: not hashable
    own = cls.__dict__
    explicit_hash = own.get("__hash__", MISSING) is not (None if "__eq__" in own else MISSING)
    for name, method in methods.items():
        if name not in own or (name == "__hash__" and not explicit_hash):
            setattr(cls, name, method)
    return cls


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def record(cls: type[T] | None = None, /, *, frozen: bool = True) -> Any:
    """`@dataclass(frozen=True)` (or, with `frozen=False`, `@dataclass`), made faster."""
    if cls is None:
        return lambda inner: _make(inner, frozen)
    return _make(cls, frozen)


def replace(obj: T, /, **changes: Any) -> T:
    """`dataclasses.replace` for a record: a copy with `changes`, without passing every field
    through `__init__` again (a draft makes some 400 of them)."""
    table: _Table = type(obj).__record__  # type: ignore[attr-defined]
    if not table.known.issuperset(changes):
        unknown = next(name for name in changes if name not in table.known)
        raise TypeError(f"{type(obj).__qualname__}() got an unexpected keyword argument "
                        f"{unknown!r}")
    new = object.__new__(type(obj))
    values = new.__dict__
    values.update(obj.__dict__)
    values.update(changes)
    return new
