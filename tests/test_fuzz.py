"""Fuzzing every door a user's file comes through: profiles, clause files, `--set` values,
DOCX parts and Markdown drafts.  The promise checked for every generated input is the
README's: exit 0, 1 or 2; with 2, one message per problem naming the file (or option) at
fault, no traceback and no output file; and an answer within a time and memory limit.

Each run is a forked copy of this process (cheap: modellaw is already imported) with its
address space capped by RLIMIT_AS and killed when it overstays, so a hang or a memory bomb
fails the test instead of stopping the suite.  CI runs a few examples per target;
`HYPOTHESIS_PROFILE=long` runs thousands (`MODELLAW_FUZZ_EXAMPLES` sets the count).
"""

from __future__ import annotations

import io
import json
import os
import re
import resource
import select
import shutil
import signal
import tempfile
import traceback
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from modellaw.cli import main

from .conftest import MINI

# CI examples are the same on every run (no flaky failures, no replay of a long run's finds);
# the long profile explores afresh and keeps what it finds in .hypothesis/ to reproduce.
settings.register_profile("ci", max_examples=int(os.environ.get("MODELLAW_FUZZ_EXAMPLES", 12)),
                          deadline=None, suppress_health_check=list(HealthCheck),
                          derandomize=True, database=None)
settings.register_profile("long", max_examples=int(os.environ.get("MODELLAW_FUZZ_EXAMPLES", 2000)),
                          deadline=None, suppress_health_check=list(HealthCheck))
FUZZ = settings(settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci")))

SECONDS = 30.0           # a run far slower than this hangs, as far as a user can tell
MEMORY = 1 << 30         # bytes a run may add to the address space


@dataclass(frozen=True)
class Outcome:
    exit_code: int | None
    stderr: str
    traceback: str
    timed_out: bool = False


def _child(args: list[str], write_end: int) -> None:
    """Run the CLI in the forked child under the memory cap; report and never return."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            used = int(handle.read().split()[0]) * resource.getpagesize()
        resource.setrlimit(resource.RLIMIT_AS, (used + MEMORY, resource.getrlimit(resource.RLIMIT_AS)[1]))
        result = CliRunner().invoke(main, args)
        exc = result.exception
        trace = ("".join(traceback.format_exception(exc))
                 if exc is not None and not isinstance(exc, SystemExit) else "")
        payload = {"exit": result.exit_code, "stderr": result.stderr[-6000:],
                   "traceback": trace[-8000:]}
    except BaseException as exc:  # noqa: BLE001 - report whatever escaped the runner
        payload = {"exit": None, "stderr": "", "traceback": repr(exc)}
    finally:
        data = json.dumps(payload).encode()
        while data:
            data = data[os.write(write_end, data):]
        os._exit(0)


def run_limited(args: list[str]) -> Outcome:
    """The CLI's outcome for `args`, in a forked process bounded in time and memory."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child reports through the pipe
        os.close(read_end)
        _child(args, write_end)
    os.close(write_end)
    chunks: list[bytes] = []
    timed_out = False
    with os.fdopen(read_end, "rb", buffering=0) as pipe:
        while True:
            ready, _, _ = select.select([pipe], [], [], SECONDS)
            if not ready:
                timed_out = True
                os.kill(pid, signal.SIGKILL)
                break
            chunk = pipe.read(65536)
            if not chunk:
                break
            chunks.append(chunk)
    _, status = os.waitpid(pid, 0)
    if timed_out or not chunks:
        why = "timed out" if timed_out else f"died with status {status}"
        return Outcome(None, "", why, timed_out=timed_out)
    payload = json.loads(b"".join(chunks))
    return Outcome(payload["exit"], payload["stderr"], payload["traceback"])


def keeps_the_promise(outcome: Outcome, blamed: str, out: Path | None = None) -> None:
    assert not outcome.timed_out, f"no answer within {SECONDS:g} s"
    assert not outcome.traceback, outcome.traceback
    assert outcome.exit_code in (0, 1, 2), outcome
    if outcome.exit_code == 2:
        lines = [line for line in outcome.stderr.splitlines()
                 if line.strip() and not line.startswith("warning: ")]
        assert lines and all(line.startswith("error: ") for line in lines), outcome.stderr
        assert any(blamed in line for line in lines), outcome.stderr
        if out is not None:
            assert not out.exists(), "a refused input left an output file"


def fresh_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz") / "mini"
    shutil.copytree(MINI, root)
    return root


# ---------------------------------------------------------------------------------------------
# Profiles and clause files

NASTY = st.sampled_from([
    "\x00", "\x01", "\x1e", "\x1f", "\x7f", "\x85", "\u2028", "\ufffe", "\uffff", "\\ud800",
    "\\x01", "\\0", "\n", "\r", "\t", "&a ", "*a", "<<: *a", "!!python/object:os.system",
    "{{ 7*7 }}", "[", "]", "{", "}", ": ", "- ", "'", '"', "#", "|", ">", "9" * 40, "-1",
    "1e999", ".nan", "~", "null", "yes", "0x" + "f" * 30, "  ", "%", "@", "`"])
TEXT = st.lists(st.one_of(NASTY, st.text(max_size=8)), max_size=6).map("".join)


@st.composite
def mutated_lines(draw: st.DrawFn, source: str) -> str:
    lines = source.splitlines()
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines)))
        op = draw(st.sampled_from(["insert", "replace-value", "delete", "duplicate", "indent"]))
        if op == "insert" or i == len(lines):
            lines.insert(i, draw(TEXT))
        elif op == "replace-value":
            key, sep, _ = lines[i].partition(":")
            lines[i] = f"{key}{sep or ':'} {draw(TEXT)}"
        elif op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        else:
            lines[i] = " " * draw(st.integers(1, 9)) + lines[i]
    return "\n".join(lines) + "\n"


PROFILE = (MINI / "jurisdictions" / "xc.yaml").read_text(encoding="utf-8") + \
    (MINI / "jurisdictions" / "_base.yaml").read_text(encoding="utf-8").replace("name: Base\n", "")


@FUZZ
@given(text=mutated_lines(PROFILE))
def test_fuzzed_profiles(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    root = fresh_root(tmp_path_factory)
    (root / "jurisdictions" / "xx.yaml").write_bytes(text.encode("utf-8", "surrogatepass"))
    out = root / "out.md"
    keeps_the_promise(run_limited(["draft", "xx", "--root", str(root), "-o", str(out)]),
                      "xx.yaml", out)


TEMPLATE_BITS = st.sampled_from([
    "{{ ", " }}", "{% ", " %}", "for i in range(", "endfor", "if ", "endif", "macro m(n)",
    "endmacro", "m(n)", "1/0", "10**", " * ", "999999", "'%9999d'|format(1)", "'x'|center(",
    "ref(", "term(", "refs(", "'child'", "'offence-recruitment'", ")", "(1) ", "(a) ", "\n",
    "\n  ", "namespace(s='x')", "set ns.s = ns.s ~ ns.s", "ns.s", "~", "x", "loop.index",
    "caller()", "penalty(", "max_years", ", ", "|list", "|join", "'a'", "-", "(((", ")))",
    "jurisdiction.police", "included('x')", "[1]", "{}", "|length", "nosuch", "|nosuch"])


@FUZZ
@given(template=st.lists(st.one_of(TEMPLATE_BITS, st.text(max_size=4)), max_size=25).map("".join))
def test_fuzzed_clause_templates(tmp_path_factory: pytest.TempPathFactory, template: str) -> None:
    root = fresh_root(tmp_path_factory)
    clause = root / "clauses" / "offence-recruitment.yaml"
    head, _, rest = clause.read_text(encoding="utf-8").partition("text: |\n")
    body = "".join(f"  {line}\n" for line in template.split("\n"))
    clause.write_text(head + "text: |\n" + body + rest[rest.index("commentary:"):],
                      encoding="utf-8", errors="surrogatepass")
    out = root / "out.md"
    keeps_the_promise(run_limited(["clauses", "--root", str(root)]), "offence-recruitment.yaml")
    keeps_the_promise(run_limited(["draft", "model", "--root", str(root), "-o", str(out)]),
                      "offence-recruitment.yaml", out)


@FUZZ
@given(param=st.sampled_from(["max_years", "nosuch", ""]), value=TEXT)
def test_fuzzed_set_values(tmp_path_factory: pytest.TempPathFactory, param: str, value: str) -> None:
    root = fresh_root(tmp_path_factory)
    out = root / "out.md"
    value = value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    keeps_the_promise(run_limited(["draft", "model", "--root", str(root), "-o", str(out),
                                   "--set", f"offence-recruitment.{param}={value}"]), "--set", out)


# ---------------------------------------------------------------------------------------------
# Drafts: DOCX parts and Markdown

@lru_cache(maxsize=None)
def drafted(fmt: str) -> bytes:
    """The mini model bill as the toolkit writes it, the seed every mutation starts from."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / f"bill.{fmt}"
        result = CliRunner().invoke(main, ["draft", "model", "--root", str(MINI), "-o", str(out)])
        assert result.exit_code == 0, result.output
        return out.read_bytes()


ATTRIBUTE = re.compile(rb'(w:(?:val|ilvl|numId|start|abstractNumId|styleId|left|hanging)=")([^"]*)(")')
XML_BITS = st.sampled_from([b"abc", b"-1", b"12", b"999999999999", b"0", b"", b"&amp;", b"<", b">",
                            b"\x00", b"\xff", b"%1.%2", b"lowerRoman", b"bullet", b"&#0;",
                            b"<w:p>", b"</w:p>", b"<!DOCTYPE x [<!ENTITY a 'b'>]>", b"&a;"])


@st.composite
def mutated_part(draw: st.DrawFn, data: bytes) -> bytes:
    for _ in range(draw(st.integers(1, 5))):
        op = draw(st.sampled_from(["attribute", "insert", "truncate", "delete"]))
        if op == "attribute":
            matches = list(ATTRIBUTE.finditer(data))
            if matches:
                m = draw(st.sampled_from(matches))
                value = draw(st.one_of(XML_BITS, st.binary(max_size=6),
                                       st.integers(-10**12, 10**12).map(lambda n: str(n).encode())))
                data = data[:m.start(2)] + value + data[m.end(2):]
        elif op == "insert":
            i = draw(st.integers(0, len(data)))
            data = data[:i] + draw(st.one_of(XML_BITS, st.binary(max_size=8))) + data[i:]
        elif op == "truncate":
            data = data[:draw(st.integers(0, len(data)))]
        else:
            i = draw(st.integers(0, len(data)))
            data = data[:i] + data[i + draw(st.integers(1, 40)):]
    return data


def rezip(seed: bytes, part: str, data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(seed)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, data if info.filename == part else zin.read(info.filename))
    return out.getvalue()


PARTS = ["word/document.xml", "word/numbering.xml", "word/styles.xml"]


@FUZZ
@given(data=st.data(), part=st.sampled_from(PARTS))
def test_fuzzed_docx_parts(tmp_path_factory: pytest.TempPathFactory, data: st.DataObject,
                           part: str) -> None:
    seed = drafted("docx")
    with zipfile.ZipFile(io.BytesIO(seed)) as archive:
        original = archive.read(part)
    folder = tmp_path_factory.mktemp("docx")
    draft = folder / "their.docx"
    draft.write_bytes(rezip(seed, part, data.draw(mutated_part(original))))
    out = folder / "report.json"
    for args in (["diff", str(draft), "--root", str(MINI), "-o", str(out)],
                 ["analyze", str(draft), "--root", str(MINI)]):
        keeps_the_promise(run_limited(args), "their.docx", out)


MARKDOWN_BITS = st.sampled_from([
    "#", "##", "### ", " " * 200, "<!--", "-->", "<!-- modellaw: clause=x id=y -->", "(1) ",
    "(a) ", "(i) ", "**", "*", "_", "\\", "|", "- ", "1. ", "Section 1.", "\n", "\n\n", "\t",
    "\x00", "\ufeff", "\r", "`", "[", "](", ")", "PART 1", "—", "“", "”"])


@FUZZ
@given(data=st.data())
def test_fuzzed_markdown_drafts(tmp_path_factory: pytest.TempPathFactory, data: st.DataObject) -> None:
    lines = drafted("md").decode("utf-8").splitlines()
    for _ in range(data.draw(st.integers(1, 6))):
        i = data.draw(st.integers(0, len(lines)))
        noise = data.draw(st.lists(st.one_of(MARKDOWN_BITS, st.text(max_size=6)), max_size=8)
                          .map("".join))
        if i < len(lines) and data.draw(st.booleans()):
            lines[i] = noise + lines[i]
        else:
            lines.insert(i, noise)
    folder = tmp_path_factory.mktemp("md")
    draft = folder / "their.md"
    draft.write_bytes("\n".join(lines).encode("utf-8", "surrogatepass"))
    out = folder / "report.json"
    keeps_the_promise(run_limited(["diff", str(draft), "--root", str(MINI), "-o", str(out)]),
                      "their.md", out)
