"""How fast drafting is, measured against pandoc on the same machine in the same minute.

1. The whole process `modellaw draft model --format docx` against `pandoc` converting the
   same bill's Markdown to DOCX, each of our runs followed by one of pandoc's (so both see the
   same machine load), four ways:
   - cold: the bill cache emptied before the run, the other caches (YAML, clauses, compiled
     templates, rendered clauses) kept: what a draft costs whose bill was never made;
   - edited: a workspace whose copy of one clause is edited before every run (its heading
     changes, so the bill does): what the first draft after editing a clause costs;
   - warm: the bill cache holds this draft and its DOCX (what drafting the same inputs
     again costs);
   - no cache at all (`MODELLAW_CACHE=`): YAML parsed, templates compiled, nothing kept.
   Each is reported as its median and as the median of the per-pair ratios ours / pandoc
   (at most 1.0 is the target).  Cold and warm output is checked to be byte-identical.
2. Where one such process spends its time, step by step, on the cold path (a bill-cache
   miss with the other caches warm) and on the bill-cache hit, and the slowest imports of a
   cold draft (`python -X importtime`, cumulative).
3. Drafting every profile in both formats in one process (the target is under 2 seconds).

The time of `python -c pass` is printed beside them: no Python command can start faster.
Processes run this checkout's code with its compiled bytecode, as an installed package has
it (see startup.py).  docs/speed.md keeps the figures measured before and after each change.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from startup import ROOT, SCRIPT, child_env, import_breakdown, timed, warn_start_up_code

RUNS = 15
DRAFT = [SCRIPT, "-q", "draft", "model", "--format", "docx", "--force", "-o"]
#: The clause the "edited" runs change, and the line of it they change.
EDITED = "offence-recruitment"
HEADING = "heading: "


def workspace(tmp: Path, env: dict[str, str]) -> tuple[Path, str]:
    """A workspace holding its own copy of EDITED (which replaces the built-in clause)."""
    folder = tmp / "workspace"
    subprocess.run([SCRIPT, "-q", "init", str(folder)], check=True, env=env,
                   stdout=subprocess.DEVNULL)
    text = (ROOT / "clauses" / f"{EDITED}.yaml").read_text(encoding="utf-8")
    if text.count(f"\n{HEADING}") != 1:
        raise SystemExit(f"{EDITED}.yaml has no single '{HEADING}' line to edit")
    return folder, text


def edit(folder: Path, text: str, run: int) -> None:
    """A new heading for EDITED, never used before: every run is the first after an edit."""
    path = folder / "clauses" / f"{EDITED}.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text.replace(f"\n{HEADING}", f"\n{HEADING}Edit {run} of "), encoding="utf-8")


def whole_process(tmp: Path) -> dict[str, tuple[list[float], list[float]]]:
    """For each way of running: (our times, pandoc's times right after each)."""
    cache = tmp / "cache"
    env = child_env(tmp, MODELLAW_CACHE=str(cache))
    no_cache = {**env, "MODELLAW_CACHE": ""}
    md = tmp / "model.md"
    subprocess.run([sys.executable, "-m", "modellaw", "-q", "draft", "model", "-o", str(md)],
                   check=True, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    pandoc = ["pandoc", str(md), "-o", str(tmp / "pandoc.docx")]
    folder, text = workspace(tmp, env)
    edited = [*DRAFT[:3], "--root", str(folder), *DRAFT[3:]]
    for cmd in (DRAFT + [str(tmp / "warmup.docx")], edited + [str(tmp / "warmup.docx")],
                pandoc):  # bytecode, page cache, the library's caches
        timed(cmd, env)
    runs: dict[str, tuple[list[float], list[float]]] = {
        "cold": ([], []), "edited": ([], []), "warm": ([], []), "no cache": ([], [])}
    for i in range(RUNS):
        shutil.rmtree(cache / "bills", ignore_errors=True)
        edit(folder, text, i)
        cold, warm = tmp / f"cold{i}.docx", tmp / f"warm{i}.docx"
        for name, cmd, environ in (("cold", DRAFT + [str(cold)], env),
                                   ("edited", edited + [str(tmp / f"edited{i}.docx")], env),
                                   ("warm", DRAFT + [str(warm)], env),
                                   ("no cache", DRAFT + [str(tmp / f"none{i}.docx")], no_cache)):
            runs[name][0].append(timed(cmd, environ))
            runs[name][1].append(timed(pandoc, env))
        if cold.read_bytes() != warm.read_bytes():
            raise SystemExit(f"cold and warm drafts differ: {cold} {warm}")
    return runs


#: Run in a fresh interpreter: the time of each step of `draft model --format docx` on the
#: cold path (a bill-cache miss, the YAML, clause, template and render caches warm, so
#: neither PyYAML nor Jinja2 is imported).  The second step imports the CLI and builds the
#: `draft` command (code before the commands were loaded lazily built it at import).
PHASES = """
import gc; gc.set_threshold(NEW_OBJECTS, *gc.get_threshold()[1:])  # as the program does
import time; t = [time.perf_counter()]
import click; t.append(time.perf_counter())
import modellaw.cli; cli = modellaw.cli.main
cli.get_command(click.Context(cli), "draft"); t.append(time.perf_counter())
from modellaw.draft import bill_cache; from modellaw.library.project import find_root, load
from modellaw.output import check_writable, write_output; t.append(time.perf_counter())
from modellaw.draft.assemble import assemble; t.append(time.perf_counter())
from modellaw.write.bill import render_bill; import modellaw.write.docx
t.append(time.perf_counter())
from pathlib import Path
request = bill_cache.Request("model", find_root()); digest, entry = bill_cache.lookup(request)
assert entry is None; t.append(time.perf_counter())
library, profile = load("model", find_root()); t.append(time.perf_counter())
bill = assemble(library, profile); t.append(time.perf_counter())
check_writable(Path(OUT), force=True); data = render_bill(bill, "docx")
t.append(time.perf_counter())
write_output(Path(OUT), data, force=True); t.append(time.perf_counter())
bill_cache.store(digest, bill_cache.entry(bill, profile, request)); t.append(time.perf_counter())
import shutil, sys; shutil.rmtree(BILLS); assert not {"yaml", "jinja2"} & set(sys.modules)
print(" ".join(f"{1000 * (b - a):.2f}" for a, b in zip(t, t[1:])))
"""
PHASE_NAMES = ("import click", "modellaw.cli + draft command",
               "import bill_cache, output", "import library, assemble",
               "import writers (lxml)", "lookup (code digest, key)",
               "load library + profile", "assemble", "check output, render docx", "write file",
               "store the bill")

#: The same on a bill-cache hit (the cache filled beforehand, this format rendered before).
HIT_PHASES = """
import gc; gc.set_threshold(NEW_OBJECTS, *gc.get_threshold()[1:])  # as the program does
import time; t = [time.perf_counter()]
import click; t.append(time.perf_counter())
import modellaw.cli; cli = modellaw.cli.main
cli.get_command(click.Context(cli), "draft"); t.append(time.perf_counter())
from modellaw.draft import bill_cache; from modellaw.library.project import find_root
from modellaw.output import check_writable, write_output; t.append(time.perf_counter())
import modellaw.model; t.append(time.perf_counter())
request = bill_cache.Request("model", find_root()); bill_cache.key(request)
t.append(time.perf_counter())
digest, entry = bill_cache.lookup(request); assert entry is not None; t.append(time.perf_counter())
from pathlib import Path
check_writable(Path(OUT), force=True); data = bill_cache.rendered(digest, "docx", False)
assert data is not None; t.append(time.perf_counter())
write_output(Path(OUT), data, force=True); t.append(time.perf_counter())
import sys; assert "lxml" not in sys.modules
print(" ".join(f"{1000 * (b - a):.2f}" for a, b in zip(t, t[1:])))
"""
HIT_PHASE_NAMES = ("import click", "modellaw.cli + draft command", "import bill_cache, output",
                   "import model (dataclasses)", "cache key (code digest, SHA-256)",
                   "lookup (key again, read, unpickle)", "check output, rendered bytes",
                   "write file")


def phases(tmp: Path, script: str, names: tuple[str, ...], *, miss: bool) -> dict[str, float]:
    """Median milliseconds of each step, over RUNS fresh processes (the caches filled first
    by one whole draft; with `miss`, the bill cache emptied)."""
    env = child_env(tmp, MODELLAW_CACHE=str(tmp / "cache"))
    bills = tmp / "cache" / "bills"
    sys.path.insert(0, str(ROOT / "src"))
    from modellaw.program import NEW_OBJECTS
    code = (script.replace("OUT", repr(str(tmp / "p.docx"))).replace("BILLS", repr(str(bills)))
            .replace("NEW_OBJECTS", str(NEW_OBJECTS)))
    subprocess.run(DRAFT + [str(tmp / "p.docx")], check=True, cwd=ROOT, env=env)
    if miss:
        shutil.rmtree(bills)
    runs = [subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, env=env,
                           capture_output=True, text=True).stdout.split()
            for _ in range(RUNS)]
    return {name: statistics.median(float(r[i]) for r in runs) for i, name in enumerate(names)}


def every_profile_in_process() -> tuple[float, int]:
    sys.path.insert(0, str(ROOT / "src"))
    from modellaw.draft.assemble import assemble
    from modellaw.library.clauses import load_library
    from modellaw.library.profiles import list_profiles, load_profile
    from modellaw.write.docx import render_docx
    from modellaw.write.markdown import render_markdown

    start = time.perf_counter()
    library = load_library(ROOT)
    ids = list_profiles(ROOT)
    for pid in ids:
        bill = assemble(library, load_profile(ROOT / "jurisdictions" / f"{pid}.yaml", ROOT))
        render_markdown(bill)
        render_docx(bill)
    return time.perf_counter() - start, len(ids)


def _steps(title: str, steps: dict[str, float]) -> None:
    print(f"{title} (median ms):")
    for name, ms in steps.items():
        print(f"  {name:30} {ms:6.1f}")
    print(f"  {'sum':30} {sum(steps.values()):6.1f}  (+ Python start-up)")


def cold_imports(tmp: Path) -> list[tuple[int, str]]:
    """The slowest imports of a cold draft (cumulative), the other caches warm.  The command's
    own module (modellaw.commands.draft, imported by importlib) is not listed: -X importtime
    times `import` statements only, so what it imports is listed at the top level."""
    env = child_env(tmp, MODELLAW_CACHE=str(tmp / "cache"))
    args = ("-q", "draft", "model", "--format", "docx", "--force", "-o", str(tmp / "i.docx"))
    subprocess.run([sys.executable, "-m", "modellaw", *args], check=True, cwd=ROOT, env=env)
    shutil.rmtree(tmp / "cache" / "bills")
    return import_breakdown(env, args, top=16)


def main() -> None:
    warn_start_up_code()
    with tempfile.TemporaryDirectory() as tmp:
        runs = whole_process(Path(tmp))
        slow = phases(Path(tmp), PHASES, PHASE_NAMES, miss=True)
        hit = phases(Path(tmp), HIT_PHASES, HIT_PHASE_NAMES, miss=False)
        imports = cold_imports(Path(tmp))
        env = child_env(Path(tmp))
        floor = statistics.median(timed([sys.executable, "-c", "pass"], env) for _ in range(RUNS))
    print(f"modellaw draft model --format docx against pandoc model.md -o model.docx, "
          f"{RUNS} interleaved pairs each:")
    for name, (ours, theirs) in runs.items():
        ratio = statistics.median(o / p for o, p in zip(ours, theirs))
        print(f"  {name:9} ours {1000 * statistics.median(ours):6.1f} ms, pandoc "
              f"{1000 * statistics.median(theirs):6.1f} ms, ratio {ratio:.2f} (median of pairs)")
    print(f"python -c pass (start-up alone): median {1000 * floor:.1f} ms")
    _steps("cold path (bill-cache miss), one process, step by step", slow)
    _steps("bill-cache hit, one process, step by step", hit)
    print("slowest imports of a cold draft (cumulative, under -X importtime):")
    for micros, name in imports:
        print(f"  {micros / 1000:6.1f} ms  {name}")
    seconds, count = every_profile_in_process()
    print(f"all {count} profiles, md + docx, one process: {seconds:.3f} s")


if __name__ == "__main__":
    main()
