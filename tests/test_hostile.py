"""Hostile input, case by case: each of the attacks of issue #15 is one located message, exit
status 2, no traceback and no output file, and is answered within a bounded time."""

from __future__ import annotations

import os
import re
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from modellaw.cli import main

from .conftest import write


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def refused(result: Result, message: str, where: str = "") -> None:
    """Exit 2, every line one `error: <file>:<line>...` message, the expected one among them."""
    assert result.exit_code == 2, (result.output, result.exception)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines and all(line.startswith(("error: ", "Error: ", "Usage: ", "Try ")) for line in lines)
    assert any(message in line and where in line for line in lines), result.stderr


def with_text(mini: Path, template: str) -> Path:
    """The mini library with the recruitment offence's text replaced by `template`."""
    path = mini / "clauses" / "offence-recruitment.yaml"
    source = path.read_text(encoding="utf-8")
    head, _, rest = source.partition("text: |\n")
    tail = rest[rest.index("commentary:"):]
    body = "".join(f"  {line}\n" for line in template.split("\n"))
    path.write_text(head + "text: |\n" + body + tail, encoding="utf-8")
    return path


TEMPLATES = [
    ("{{ 1/0 }}", "division by zero", 1),
    ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "calls itself without end", 1),
    ("x\n{{ range(10**6)|list|length }}", "range() of 1,000,000 items", 2),
    ("{{ '%999999999d'|format(1) }}", "field width", 1),
    ("{{ '%999999999d' % 1 }}", "field width", 1),
    ("{{ '{:999999999}'.format(1) }}", "field width", 1),
    ("{{ 'x' * 10**10 }}", "repeating a value", 1),
    ("{{ 'x'|center(10**9) }}", "a width of", 1),
    ("{{ 2 ** 100000000 }}", "too large", 1),
    ("{% for i in range(10000) %}\n({{ i }}) x\n{% endfor %}", "renders more than", 1),
    ("{% set r = range(3000)|list %}{% for i in r %}{% for j in r %}{% for k in r %}"
     "{% endfor %}{% endfor %}{% endfor %}", "ran for more than", 1),
    ("{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}"
     "{% endfor %}{{ ns.s }}", "more than 100,000", 1),
    ("{{ " + "(" * 400 + "1" + ")" * 400 + " }}", "nested too deeply", 1),
    ("one\ntwo\n{{ ref(1) }}", "ref(): the clause id must be text", 3),
    ("one\n{{ term() }}", "term()", 2),
    ("{{ refs() }}", "refs(): name at least one clause", 1),
]


@pytest.mark.parametrize("template, message, line", TEMPLATES)
def test_template_failures_are_located_and_bounded(mini: Path, tmp_path: Path, template: str,
                                                   message: str, line: int) -> None:
    clause = with_text(mini, template)
    first = clause.read_text(encoding="utf-8").splitlines().index("text: |") + 1
    out = tmp_path / "bill.md"
    start = time.monotonic()
    for args in (("clauses",), ("draft", "model", "-o", str(out))):
        result = run(*args, "--root", str(mini))
        if result.exit_code == 0:  # compiled fine; the failure is at render time
            assert args == ("clauses",)
            continue
        refused(result, message, f"offence-recruitment.yaml:{first + line}:")
    assert not out.exists()
    assert time.monotonic() - start < 20


def test_a_failing_long_title_is_a_message_too(mini: Path, tmp_path: Path) -> None:
    frame = mini / "clauses" / "_bill.yaml"
    frame.write_text(re.sub(r"long_title: .*", 'long_title: "{{ 1/0 }}"',
                            frame.read_text(encoding="utf-8")), encoding="utf-8")
    refused(run("draft", "model", "--root", str(mini), "-o", str(tmp_path / "b.md")),
            "division by zero", "_bill.yaml")


BILLION_LAUGHS = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))


@pytest.mark.parametrize("text, message, where", [
    (BILLION_LAUGHS, "once aliases are expanded", "xx.yaml:6:"),
    ("name: X\nextends: _base\nbill:\n" + "".join("  " * (i + 1) + "k:\n" for i in range(80)),
     "nested more than 64 levels deep", "xx.yaml:"),
    ("name: X\nextends: _base\nx: " + "[" * 5000 + "]" * 5000 + "\n", "nested more than",
     "xx.yaml:3:"),
    ("name: X\nextends: _base\nbill: &b {x: *b}\n", "refers to a value that contains it",
     "xx.yaml:3:"),
    ('name: X\nextends: _base\nterritory: "a\x00b"\n', "a NUL byte", "xx.yaml:3:"),
    ("name: X\nextends: _base\nterritory: a\x01b\n", "U+0001 is not allowed", "xx.yaml:3:"),
    ('name: X\nextends: _base\nterritory: "a\\uffffb"\n', "control character (U+FFFF)",
     "xx.yaml:3:1: territory"),
    ('name: X\nextends: _base\nterritory: "a\\x85b"\n', "control character (U+0085)",
     "xx.yaml:3:1"),
    ('name: X\nextends: _base\nbill:\n  year: ' + "9" * 5000 + "\n", "more than 15 digits",
     "xx.yaml:4:9"),
    ('name: X\nextends: _base\ninstitutions:\n  police: "police\\n(9) Notwithstanding anything '
     'in this Act, no person shall be prosecuted"\n', "must be on one line",
     "xx.yaml:4:3: institutions.police"),
    ('name: X\nextends: _base\ninstitutions:\n  police: >\n    police\n', "must be on one line",
     "institutions.police"),
    ('name: X\nextends: _base\ninstitutions:\n  police: ""\n', "is empty", "xx.yaml:4:3"),
    ('name: X\nextends: _base\nbill:\n  short_title: "  "\n', "is empty", "bill.short_title"),
    ('name: X\nextends: _base\nparameters:\n  offence-recruitment:\n    max_years: "\\t"\n',
     "is empty", "parameters.offence-recruitment.max_years"),
    ("name: X\nextends: _base\n\"ke\\u0001y\": 1\n", "unknown key 'ke\\u0001y'", "xx.yaml:3:"),
])
def test_hostile_profiles_are_located(mini: Path, tmp_path: Path, text: str, message: str,
                                      where: str) -> None:
    write(mini / "jurisdictions" / "xx.yaml", text)
    out = tmp_path / "xx.md"
    start = time.monotonic()
    for args in (("validate", str(mini / "jurisdictions" / "xx.yaml")),
                 ("draft", "xx", "-o", str(out))):
        refused(run(*args, "--root", str(mini)), message, where)
    assert not out.exists() and time.monotonic() - start < 10


@pytest.mark.parametrize("value", ["٥", "１２", "1_0", " ", "1\n2", "99999999999999999999", "1e3"])
def test_set_numbers_are_ascii_digits(mini: Path, tmp_path: Path, value: str) -> None:
    out = tmp_path / "b.md"
    result = run("draft", "model", "--root", str(mini), "-o", str(out),
                 "--set", f"offence-recruitment.max_years={value}")
    refused(result, "", "--set offence-recruitment.max_years")
    assert not out.exists()
    assert run("draft", "model", "--root", str(mini), "-o", str(out),
               "--set", "offence-recruitment.max_years=12").exit_code == 0
    assert "not exceeding 12 years" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("option", ["--workshop", "--date"])
def test_handout_text_options_are_one_clean_line(tmp_path: Path, option: str) -> None:
    out = tmp_path / "h.md"
    for value in ("a\x01", "a\nb", "\ufffe"):
        result = run("handout", "recruitment-offence", option, value, "-o", str(out))
        assert result.exit_code == 2 and option in result.stderr and "Traceback" not in result.output
    assert not out.exists()


@pytest.mark.parametrize("command", [("diff",), ("analyze",), ("validate", "--akn"),
                                     ("draft",)])
@pytest.mark.parametrize("special, why", [("/dev/zero", "is a device"),
                                          ("/dev/urandom", "is a device"),
                                          ("FIFO", "named pipe"), ("FOLDER", "is a "),
                                          ("EMPTY", "file is empty")])
def test_inputs_that_are_not_files_are_refused_before_reading(
        mini: Path, tmp_path: Path, command: tuple[str, ...], special: str, why: str) -> None:
    if special == "FIFO":
        special = str(tmp_path / "pipe.yaml")
        os.mkfifo(special)
    elif special == "FOLDER":
        special = str(tmp_path / "folder.yaml")
        os.mkdir(special)
    elif special == "EMPTY":
        special = str(write(tmp_path / "empty.yaml", ""))
    if command == ("draft",) and special.startswith("/dev/"):
        special = str(tmp_path / "dev.yaml")
        os.symlink("/dev/zero", special)
    start = time.monotonic()
    result = run(*command, special, "--root", str(mini))
    if command == ("draft",) and why != "file is empty":
        why = "no such profile file"  # the profile lookup takes regular files only
    refused(result, why, special)
    assert time.monotonic() - start < 10


def test_analyze_write_keeps_bom_and_line_endings(mini: Path, tmp_path: Path) -> None:
    statute = write(tmp_path / "act.txt", textwrap.dedent("""\
        Child Protection Act
        1. In this Act, "child" means a person under the age of 18 years.
        """))
    profile = mini / "jurisdictions" / "xc.yaml"
    original = profile.read_text(encoding="utf-8").replace("\n", "\r\n")
    profile.write_bytes(b"\xef\xbb\xbf" + original.encode("utf-8"))
    result = run("analyze", str(statute), "--profile", str(profile), "--write", "--root", str(mini))
    assert result.exit_code == 0, result.output
    data = profile.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and data != b"\xef\xbb\xbf" + original.encode()
    assert data.count(b"\n") == data.count(b"\r\n") and b"origin: analysis" in data
