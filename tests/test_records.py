"""`records.record` must behave as the dataclass it stands in for: the same class made with
`@dataclass(frozen=True)` (or `@dataclass`) is the oracle, field for field."""

from __future__ import annotations

import copy
import dataclasses
import pickle
import importlib
import pkgutil

import pytest
from hypothesis import given, strategies as st

import modellaw
from modellaw.records import field, record, replace


@record
class Point:
    """A frozen record with every kind of field a record may have."""

    x: int
    y: str = "y"
    tags: tuple[str, ...] = ()
    extra: dict[str, int] = field(default_factory=dict)
    note: str = field(default="", compare=False, repr=False)


@dataclasses.dataclass(frozen=True)
class PointOracle:
    x: int
    y: str = "y"
    tags: tuple[str, ...] = ()
    extra: dict[str, int] = field(default_factory=dict)
    note: str = field(default="", compare=False, repr=False)


@record(frozen=False)
class Open:
    name: str
    items: list[int] = field(default_factory=list)


@record
class Pair:
    x: int
    y: str


@dataclasses.dataclass(frozen=True)
class PairOracle:
    x: int
    y: str


def _hash(value: object) -> int | str:
    try:
        return hash(value)
    except TypeError as error:
        return str(error)


values = st.fixed_dictionaries(
    {"x": st.integers()},
    optional={"y": st.text(max_size=5), "tags": st.tuples(st.text(max_size=3)),
              "note": st.text(max_size=5)})


@given(values, values)
def test_equality_hash_and_repr_are_the_dataclass_ones(a: dict, b: dict) -> None:
    ours, theirs = (Point(**a), Point(**b)), (PointOracle(**a), PointOracle(**b))
    assert (ours[0] == ours[1]) == (theirs[0] == theirs[1])
    assert _hash(ours[0]) == _hash(theirs[0])  # a dict field makes both unhashable
    assert _hash(Pair(a["x"], a.get("y", ""))) == _hash(PairOracle(a["x"], a.get("y", "")))
    assert repr(ours[0]) == repr(theirs[0]).replace("PointOracle", "Point")
    assert dataclasses.asdict(ours[0]) == dataclasses.asdict(theirs[0])


def test_a_record_is_a_dataclass_to_the_standard_library() -> None:
    point = Point(1, "a", ("t",), {"k": 1}, "n")
    assert dataclasses.is_dataclass(point)
    assert [f.name for f in dataclasses.fields(point)] == ["x", "y", "tags", "extra", "note"]
    moved = dataclasses.replace(point, x=2)
    assert (moved.x, moved.y, moved.extra, moved.note) == (2, "a", {"k": 1}, "n")
    assert pickle.loads(pickle.dumps(point)) == point
    assert copy.deepcopy(point) == point and copy.copy(point) == point
    match point:
        case Point(1, "a"):
            matched = True
        case _:
            matched = False
    assert matched


@given(values, values)
def test_replace_is_the_dataclass_replace(a: dict, b: dict) -> None:
    changes = {k: v for k, v in b.items() if k != "x"}
    ours, theirs = replace(Point(**a), **changes), dataclasses.replace(PointOracle(**a), **changes)
    assert repr(ours) == repr(theirs).replace("PointOracle", "Point")
    assert ours == dataclasses.replace(Point(**a), **changes)
    assert replace(Point(**a)) == Point(**a)


def test_replace_refuses_what_is_not_a_field_and_leaves_the_original() -> None:
    point = Point(1)
    with pytest.raises(TypeError, match="unexpected keyword argument 'z'"):
        replace(point, z=1)
    moved = replace(point, y="b")
    assert (point.y, moved.y) == ("y", "b")
    with pytest.raises(dataclasses.FrozenInstanceError):
        moved.y = "c"  # type: ignore[misc]
    opened = replace(Open("a", [1]), name="b")
    opened.name = "c"
    assert opened == Open("c", [1])


def test_defaults_and_factories_fill_what_a_call_leaves_out() -> None:
    first, second = Point(1), Point(1)
    assert (first.y, first.tags, first.note) == ("y", (), "")
    assert first.extra == {} and first.extra is not second.extra
    assert Point(1, note="a") == Point(1, note="b")  # compare=False
    assert "note" not in repr(Point(1, note="secret"))  # repr=False


@pytest.mark.parametrize("call, message", [
    (lambda: Point(), "missing required argument 'x'"),
    (lambda: Point(1, z=2), "unexpected keyword argument 'z'"),
    (lambda: Point(1, x=2), "multiple values for argument 'x'"),
    (lambda: Point(1, "a", (), {}, "n", 6), "takes 5 positional arguments but 6"),
])
def test_bad_calls_fail_as_a_dataclass_call_would(call, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        call()


def test_frozen_records_refuse_changes_and_open_ones_take_them() -> None:
    point = Point(1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        point.x = 2  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del point.x  # type: ignore[misc]
    opened = Open("a")
    opened.items.append(1)
    opened.name = "b"
    assert opened == Open("b", [1]) and opened != Open("b")
    with pytest.raises(TypeError, match="unhashable"):
        hash(opened)


def test_what_a_record_cannot_be_is_refused_when_the_class_is_made() -> None:
    with pytest.raises(TypeError, match="follows one with a default"):
        @record
        class _Order:
            a: int = 0
            b: int
    with pytest.raises(TypeError, match="every field of a record is an argument"):
        @record
        class _Hidden:
            a: int = field(default=0, init=False)
    with pytest.raises(TypeError, match="__post_init__"):
        @record
        class _After:
            a: int

            def __post_init__(self) -> None:
                pass


def test_a_method_of_the_class_own_is_kept() -> None:
    @record
    class Named:
        name: str

        def __repr__(self) -> str:
            return f"<{self.name}>"

    assert repr(Named("n")) == "<n>" and Named("n") == Named("n")


def test_the_package_makes_its_records_one_way() -> None:
    """Every dataclass of modellaw is a record: one `@dataclass` left would cost a cold draft
    its compile again, and two ways of making the same thing is one too many."""
    records = 0
    for info in pkgutil.walk_packages(modellaw.__path__, "modellaw."):
        if info.name == "modellaw.__main__":
            continue
        module = importlib.import_module(info.name)
        for cls in vars(module).values():
            if isinstance(cls, type) and cls.__module__ == module.__name__ \
                    and dataclasses.is_dataclass(cls):
                assert "__record__" in cls.__dict__, f"{cls.__qualname__} is a plain dataclass"
                records += 1
    assert records >= 60
