"""The bill cache: a second draft of the same inputs is served from it, byte for byte the same,
and anything that could change the bill (a clause, a profile, a --set, the code) misses it.

Each test has a cache folder of its own ($MODELLAW_CACHE).  Whether a run was a hit is seen
from the outside: the slow path is the only caller of `project.load`, which a spy counts.
"""

from __future__ import annotations

import hashlib
import io
import pickle
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner, Result

from modellaw.cli import main
from modellaw.draft import bill_cache
from modellaw.library import cache_files, project

from tests.conftest import ROOT, damage_file, spy_on


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The profiles the slow path loaded, in order (a hit loads none)."""
    return spy_on(monkeypatch, project, "load", lambda profile, root: profile)


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def bills(cache: Path) -> list[Path]:
    return sorted((cache / "bills").glob("*.pickle"))


@pytest.mark.parametrize("fmt", ["docx", "md", "akn"])
def test_a_warm_draft_is_byte_identical_to_the_cold_one(cache: Path, loads: list[str],
                                                        tmp_path: Path, fmt: str) -> None:
    cold, warm = tmp_path / f"cold.{fmt}", tmp_path / f"warm.{fmt}"
    first = run("draft", "za", "--root", str(ROOT), "--format", fmt, "-o", str(cold))
    assert first.exit_code == 0, first.output
    assert loads == ["za"] and len(bills(cache)) == 1
    second = run("draft", "za", "--root", str(ROOT), "--format", fmt, "-o", str(warm))
    assert second.exit_code == 0, second.output
    assert loads == ["za"], "the second draft was not served from the cache"
    assert warm.read_bytes() == cold.read_bytes()
    assert second.stderr == first.stderr.replace(str(cold), str(warm))
    if fmt == "docx":
        document = docx.Document(io.BytesIO(warm.read_bytes()))
        headings = [p.text for p in document.paragraphs if p.style.name == "Section Heading"]
        assert len(headings) >= 10
        assert zipfile.ZipFile(warm).testzip() is None


def test_one_cached_bill_serves_every_format(cache: Path, loads: list[str], tmp_path: Path
                                             ) -> None:
    assert run("draft", "model", "--root", str(ROOT), "-o", str(tmp_path / "a.md")).exit_code == 0
    result = run("draft", "model", "--root", str(ROOT), "-o", str(tmp_path / "a.xml"))
    assert result.exit_code == 0, result.output
    assert loads == ["model"] and (tmp_path / "a.xml").read_bytes().startswith(b"<?xml")


def test_messages_and_warnings_are_the_same_on_a_hit(cache: Path, loads: list[str], mini: Path,
                                                     tmp_path: Path) -> None:
    profile = mini / "jurisdictions" / "model.yaml"
    profile.write_text(profile.read_text() + "exclude: [offence-recruitment]\n")
    out = tmp_path / "b.md"
    first = run("draft", "model", "--root", str(mini), "-o", str(out))
    second = run("draft", "model", "--root", str(mini), "-o", str(out))
    assert first.exit_code == second.exit_code == 0, second.output
    assert loads == ["model"]
    assert "warning:" in first.stderr and second.stderr == first.stderr


def test_the_output_is_still_checked_on_a_hit(cache: Path, loads: list[str], mini: Path,
                                              tmp_path: Path) -> None:
    out = tmp_path / "b.md"
    assert run("draft", "model", "--root", str(mini), "-o", str(out)).exit_code == 0
    out.write_text("a drafter's edits\n")
    refused = run("draft", "model", "--root", str(mini), "-o", str(out))
    assert refused.exit_code == 2 and "edited" in refused.stderr
    assert out.read_text() == "a drafter's edits\n"
    assert loads == ["model"]
    wrong = run("draft", "model", "--root", str(mini), "--format", "md", "--act",
                "-o", str(tmp_path / "c.md"))
    assert wrong.exit_code == 2 and "--act applies to Akoma Ntoso drafts only" in wrong.stderr


@pytest.mark.parametrize("change", ["clause", "new clause file", "profile", "base profile"])
def test_a_changed_library_file_misses(cache: Path, loads: list[str], mini: Path,
                                       tmp_path: Path, change: str) -> None:
    out = tmp_path / "b.md"
    assert run("draft", "model", "--root", str(mini), "-o", str(out)).exit_code == 0
    before = out.read_text()
    if change == "clause":
        clause = mini / "clauses" / "offence-recruitment.yaml"
        clause.write_text(clause.read_text().replace("heading: ", "heading: Edited "))
    elif change == "new clause file":
        shutil.copy(mini / "clauses" / "offence-advertising.yaml",
                    mini / "clauses" / "offence-copied.yaml")
        copied = mini / "clauses" / "offence-copied.yaml"
        copied.write_text(copied.read_text().replace("id: offence-advertising",
                                                     "id: offence-copied"))
    elif change == "profile":
        profile = mini / "jurisdictions" / "model.yaml"
        profile.write_text(profile.read_text().replace("name: Model", "name: Changed"))
    else:
        base = mini / "jurisdictions" / "_base.yaml"
        base.write_text(base.read_text().replace("short_title: Test Act", "short_title: New Act"))
    result = run("draft", "model", "--root", str(mini), "-o", str(out), "--force")
    assert result.exit_code == 0, result.output
    assert loads == ["model", "model"], "a changed library was served from the cache"
    after = out.read_text()
    assert change == "new clause file" or after != before
    if change == "base profile":
        assert after.startswith("# New Act\n")


def test_a_different_set_value_or_only_gaps_misses(cache: Path, loads: list[str], mini: Path,
                                                   tmp_path: Path) -> None:
    out = tmp_path / "b.md"
    for args in ([], ["--set", "offence-recruitment.max_years=12"],
                 ["--set", "offence-recruitment.max_years=13"], []):
        result = run("draft", "xc", "--root", str(mini), "-o", str(out), "--force", *args)
        assert result.exit_code == 0, result.output
        if args:
            assert f"{args[1].rpartition('=')[2]} years" in out.read_text()
    assert loads == ["xc", "xc", "xc"]  # the last run is the first one again: a hit
    result = run("draft", "xc", "--root", str(mini), "--only-gaps", "-o", str(tmp_path / "g.md"))
    assert result.exit_code == 0, result.output
    assert loads == ["xc"] * 4


def test_a_changed_source_file_changes_the_key(monkeypatch: pytest.MonkeyPatch, mini: Path,
                                               tmp_path: Path) -> None:
    package = tmp_path / "package"
    shutil.copytree(Path(bill_cache.__file__).parents[1], package,
                    ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(bill_cache, "PACKAGE", package)
    request = bill_cache.Request("model", mini)
    key = bill_cache.key(request)
    assert bill_cache.key(request) == key
    source = package / "draft" / "assemble.py"
    source.write_text(source.read_text() + "\n# an edit\n")
    cache_files._code_digest.cache_clear()  # a process's code does not change under it
    assert bill_cache.key(request) != key
    (package / "draft" / "assemble.py").unlink()
    cache_files._code_digest.cache_clear()
    assert bill_cache.key(request) != key


def test_a_profile_outside_the_library_is_checked_with_what_it_extends(
        cache: Path, loads: list[str], mini: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    base = elsewhere / "base.yaml"
    shutil.copy(mini / "jurisdictions" / "_base.yaml", base)
    (elsewhere / "mine.yaml").write_text("name: Mine\nextends: base.yaml\n")
    out = tmp_path / "mine.md"
    args = ("draft", str(elsewhere / "mine.yaml"), "--root", str(mini), "-o", str(out), "--force")
    assert run(*args).exit_code == 0 and run(*args).exit_code == 0
    assert len(loads) == 1
    base.write_text(base.read_text().replace("short_title: Test Act", "short_title: Other Act"))
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert len(loads) == 2 and out.read_text().startswith("# Other Act\n")


@pytest.mark.parametrize("damage", ["truncated", "flipped byte", "empty", "foreign pickle",
                                    "not an entry"])
def test_a_damaged_cache_file_is_ignored(cache: Path, loads: list[str], mini: Path,
                                         tmp_path: Path, damage: str) -> None:
    out = tmp_path / "b.docx"
    assert run("draft", "xc", "--root", str(mini), "-o", str(out)).exit_code == 0
    good = out.read_bytes()
    (entry,) = bills(cache)
    if not damage_file(entry, damage):
        # A sound file around a payload that is no entry: the digest matches, the value not.
        body = pickle.dumps({"bill": "nothing"}) if damage == "not an entry" else b"\x80\x05junk."
        entry.write_bytes(bill_cache.MAGIC + hashlib.sha256(body).digest() + body)
    result = run("draft", "xc", "--root", str(mini), "-o", str(out), "--force")
    assert result.exit_code == 0, result.output
    assert loads == ["xc", "xc"] and out.read_bytes() == good
    _, found = bill_cache.lookup(bill_cache.Request("xc", mini))
    assert found is not None and found.profile_name == "Civilia"  # written afresh, whole


def test_an_empty_modellaw_cache_switches_it_off(monkeypatch: pytest.MonkeyPatch,
                                                 loads: list[str], mini: Path,
                                                 tmp_path: Path) -> None:
    monkeypatch.setenv("MODELLAW_CACHE", "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    for _ in range(2):
        assert run("draft", "model", "--root", str(mini), "-o", str(tmp_path / "b.md"),
                   "--force").exit_code == 0
    assert loads == ["model", "model"] and not (tmp_path / "xdg").exists()


def test_an_unwritable_cache_folder_is_no_cache_and_no_error(
        monkeypatch: pytest.MonkeyPatch, loads: list[str], mini: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("MODELLAW_CACHE", str(blocker / "cache"))
    for _ in range(2):
        result = run("draft", "model", "--root", str(mini), "-o", str(tmp_path / "b.md"),
                     "--force")
        assert result.exit_code == 0 and result.stderr.startswith("wrote "), result.output
    assert loads == ["model", "model"]


def test_an_error_is_never_cached(cache: Path, loads: list[str], mini: Path,
                                  tmp_path: Path) -> None:
    bad = ("draft", "xc", "--root", str(mini), "--set", "offence-recruitment.max_years=0",
           "-o", str(tmp_path / "b.md"))
    first, second = run(*bad), run(*bad)
    assert first.exit_code == second.exit_code == 2 and second.stderr == first.stderr
    assert loads == ["xc", "xc"] and not bills(cache)
    # An error after assembling (a bill that cannot be written in the format asked) too.
    late = ("draft", "xc", "--root", str(mini), "--format", "md", "--act",
            "-o", str(tmp_path / "c.md"))
    assert run(*late).exit_code == 2 and not bills(cache)


def test_a_hit_imports_no_loader(tmp_path: Path) -> None:
    """The second of two processes drafts without YAML, Jinja2, Akoma Ntoso's schemas, and for
    Markdown without lxml; a format drafted before from the same bill, without its writer."""
    code = ("import sys; from modellaw.cli import main\n"
            "try:\n    main(sys.argv[1:])\nexcept SystemExit as exc:\n    assert not exc.code\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & "
            "{'yaml', 'jinja2', 'ruamel', 'cobalt', 'lxml', 'docx'}))")
    env = {"MODELLAW_CACHE": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin",
           "PYTHONPATH": str(Path(bill_cache.__file__).parents[2]), "PYTHONDONTWRITEBYTECODE": "1"}
    seen = []
    for fmt in ("md", "md", "docx", "docx"):
        out = subprocess.run([sys.executable, "-c", code, "-q", "draft", "model", "--root",
                              str(ROOT), "--force", "--format", fmt,
                              "-o", str(tmp_path / f"b.{fmt}")],
                             capture_output=True, text=True, env=env, cwd=tmp_path, check=True)
        seen.append(out.stdout.strip())
    assert "jinja2" in seen[0] and "yaml" in seen[0]
    assert seen[1:] == ["[]", "['lxml']", "[]"]


def test_a_checklist_schedule_is_cached_with_its_bill(cache: Path, loads: list[str], mini: Path,
                                                      tmp_path: Path) -> None:
    outs = [tmp_path / "one.docx", tmp_path / "two.docx"]
    for out in outs:
        result = run("draft", "xc", "--root", str(mini), "--with-checklist", "-o", str(out))
        assert result.exit_code == 0, result.output
    assert loads == ["xc"] and outs[0].read_bytes() == outs[1].read_bytes()
    text = "\n".join(p.text for p in docx.Document(str(outs[1])).paragraphs)
    assert "(10): 0 met, 1 partial, 0 missing, 9 unknown" in text  # the schedule's summary


def test_a_workspace_profile_over_the_built_in_library(cache: Path, loads: list[str],
                                                       tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    workspace = tmp_path / "ws"
    assert run("init", str(workspace), "--extends", "za").exit_code == 0
    monkeypatch.chdir(workspace)
    profile = workspace / "jurisdictions" / "za.yaml"
    out = tmp_path / "za.md"
    for years in (None, "25", "25"):
        if years:
            profile.write_text(profile.read_text().replace(
                "# parameters:\n#   offence-recruitment:\n#     max_years: 25",
                "parameters:\n  offence-recruitment:\n    max_years: 25"))
        result = run("draft", "za", "-o", str(out), "--force")
        assert result.exit_code == 0, result.output
    assert loads == ["za", "za"]  # the edit missed; drafting it again did not
    assert "not more than 25 years" in out.read_text()


@pytest.mark.parametrize("damage", ["truncated", "not bytes"])
def test_rendered_bytes_are_the_writer_s_and_a_damaged_copy_is_rendered_again(
        cache: Path, loads: list[str], mini: Path, tmp_path: Path, damage: str) -> None:
    outs = [tmp_path / f"{i}.docx" for i in range(3)]
    assert run("draft", "xc", "--root", str(mini), "-o", str(outs[0])).exit_code == 0
    assert run("draft", "xc", "--root", str(mini), "-o", str(outs[1])).exit_code == 0
    (kept,) = (cache / "rendered").glob("*-docx.pickle")
    if damage == "truncated":
        kept.write_bytes(kept.read_bytes()[:100])
    else:
        kept.unlink()
        cache_files.write(cache / "rendered", kept.stem, bill_cache.RENDERED_MAGIC, "text", 9)
    assert run("draft", "xc", "--root", str(mini), "-o", str(outs[2])).exit_code == 0
    assert loads == ["xc"] and outs[0].read_bytes() == outs[1].read_bytes() == outs[2].read_bytes()
    assert bill_cache.rendered(kept.stem.removesuffix("-docx"), "docx", False) == \
        outs[0].read_bytes()  # written afresh
