"""Writing files as a careful user expects: permissions kept, read-only and input files
left alone, OS errors as one message, and the record of written files never out of step with
the files, even with twenty drafts written into one folder at once."""

from __future__ import annotations

import itertools
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from modellaw import output
from modellaw.cli import main
from modellaw.errors import ModellawError, OverwriteRefused
from modellaw.output import MANIFEST, _digest, check_writable, write_output

from .conftest import MINI

SRC = Path(__file__).resolve().parents[1] / "src"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def record(folder: Path) -> dict[str, str]:
    return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))


def test_a_redraft_keeps_the_files_permissions(tmp_path: Path) -> None:
    path = tmp_path / "bill.md"
    write_output(path, b"one\n")
    path.chmod(0o600)
    write_output(path, b"two\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and path.read_bytes() == b"two\n"


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_new_file_gets_what_the_umask_allows(tmp_path: Path, umask: int, mode: int) -> None:
    old = os.umask(umask)
    try:
        write_output(tmp_path / "bill.md", b"text\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "bill.md").stat().st_mode) == mode


def test_a_read_only_draft_is_replaced_only_with_force(tmp_path: Path) -> None:
    path = tmp_path / "bill.md"
    write_output(path, b"one\n")
    path.chmod(0o444)
    with pytest.raises(OverwriteRefused, match="is read-only"):
        write_output(path, b"two\n")
    assert path.read_bytes() == b"one\n"
    write_output(path, b"two\n", force=True)
    assert path.read_bytes() == b"two\n" and stat.S_IMODE(path.stat().st_mode) == 0o444


def test_the_output_is_never_an_input(mini: Path, tmp_path: Path) -> None:
    draft = tmp_path / "mine.md"
    assert run("draft", "model", "--root", str(mini), "-o", str(draft)).exit_code == 0
    before = draft.read_bytes()
    result = run("diff", str(draft), "--root", str(mini), "--format", "md", "-o", str(draft),
                 "--force")
    assert result.exit_code == 2 and "is also what this command reads" in result.stderr
    assert draft.read_bytes() == before
    profile = mini / "jurisdictions" / "xc.yaml"
    result = run("draft", str(profile), "--root", str(mini), "-o", str(profile), "--format",
                 "md", "--force")
    assert result.exit_code == 2 and "is also what this command reads" in result.stderr


def test_a_name_at_the_limit_works_and_one_past_it_is_one_message(tmp_path: Path) -> None:
    path = tmp_path / ("b" * 246 + ".md")
    write_output(path, b"text\n")
    assert path.read_bytes() == b"text\n" and record(tmp_path)[path.name] == _digest(b"text\n")
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []
    long = tmp_path / ("c" * 257 + ".md")
    for step in (lambda: check_writable(long), lambda: write_output(long, b"x")):
        with pytest.raises(ModellawError, match="cannot write: File name too long"):
            step()


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_a_folder_without_permission_is_one_message(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o500)
    with pytest.raises(ModellawError, match="cannot write: Permission denied"):
        write_output(folder / "bill.md", b"x")


def test_an_os_error_while_writing_is_one_message_and_leaves_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def denied(path: Path, data: bytes) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(output, "_atomic_write", denied)
    result = run("draft", "model", "--root", str(MINI), "-o", str(tmp_path / "bill.md"))
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.stderr == f"error: {tmp_path / 'bill.md'}: cannot write: Permission denied\n"
    assert list(tmp_path.iterdir()) == []


def test_a_fifo_or_device_as_output_is_refused_not_hung(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    for target, why in ((fifo, "named pipe"), (Path("/dev/null"), "device"),
                        (tmp_path, "folder")):
        with pytest.raises(ModellawError, match=why):
            write_output(target, b"x", force=True)
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_record_that_cannot_be_replaced_leaves_no_output(tmp_path: Path) -> None:
    (tmp_path / MANIFEST).mkdir()
    with pytest.raises(ModellawError, match="cannot"):
        write_output(tmp_path / "bill.md", b"x")
    assert not (tmp_path / "bill.md").exists()


@pytest.mark.parametrize("failing", [1, 2])
def test_a_failed_record_update_leaves_the_old_output(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      failing: int) -> None:
    """The record is written twice per redraft (old and new digest, then the new one); if
    either write fails, the draft is the old one and the next run accepts it."""
    write_output(tmp_path / "bill.md", b"old\n")
    real = output._atomic_write
    records = itertools.count(1)

    def full_disk(path: Path, data: bytes) -> None:
        if path.name == MANIFEST and next(records) == failing:
            raise OSError(28, "No space left on device")
        real(path, data)

    monkeypatch.setattr(output, "_atomic_write", full_disk)
    with pytest.raises(ModellawError, match="No space left on device"):
        write_output(tmp_path / "bill.md", b"new\n")
    assert (tmp_path / "bill.md").read_bytes() == b"old\n"
    write_output(tmp_path / "bill.md", b"newer\n")
    assert record(tmp_path)["bill.md"] == _digest(b"newer\n")


@pytest.mark.parametrize("killed_at", [1, 2, 3])
def test_a_run_killed_mid_write_leaves_a_file_its_record_accepts(tmp_path: Path,
                                                                 killed_at: int) -> None:
    """kill -9 before the 1st, 2nd or 3rd replace of a redraft: the next run still takes the
    file for the toolkit's own, whichever version it holds."""
    path = tmp_path / "bill.md"
    write_output(path, b"old\n")
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child dies mid-write
        steps = iter(range(1, 4))
        real = output._atomic_write

        def dying(target: Path, data: bytes) -> None:
            if next(steps) == killed_at:
                os._exit(9)
            real(target, data)

        output._atomic_write = dying
        write_output(path, b"new\n")
        os._exit(0)
    _, status = os.waitpid(pid, 0)
    assert os.WEXITSTATUS(status) == 9
    assert path.read_bytes() == (b"new\n" if killed_at == 3 else b"old\n")
    write_output(path, b"newer\n")
    assert record(tmp_path)["bill.md"] == _digest(b"newer\n")


def test_a_damaged_record_is_reported_not_silently_reset(tmp_path: Path) -> None:
    write_output(tmp_path / "a.md", b"a\n")
    (tmp_path / MANIFEST).write_text("{not json", encoding="utf-8")
    with pytest.raises(ModellawError, match="record of files modellaw wrote is damaged"):
        write_output(tmp_path / "b.md", b"b\n")
    assert not (tmp_path / "b.md").exists()


def test_twenty_parallel_drafts_into_one_folder_keep_every_record(mini: Path,
                                                                  tmp_path: Path) -> None:
    out = tmp_path / "drafts"
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    commands = [[sys.executable, "-m", "modellaw", "draft", "model", "--root", str(mini), "-o",
                 str(out / f"d{i}.md"), "--set", f"offence-recruitment.max_years={i + 1}"]
                for i in range(14)]
    commands += [[sys.executable, "-m", "modellaw", "draft", "model", "--root", str(mini), "-o",
                  str(out / "same.md"), "--set", f"offence-recruitment.max_years={i + 30}"]
                 for i in range(6)]
    procs = [subprocess.Popen(c, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for c in commands]
    results = [(p.wait(timeout=120), p.stderr.read().decode()) for p in procs]
    for p in procs:
        p.stdout.close()
        p.stderr.close()
    assert [r for r in results if r[0] != 0] == []
    recorded = record(out)
    files = sorted(p.name for p in out.iterdir() if p.suffix == ".md")
    assert sorted(recorded) == files == sorted([f"d{i}.md" for i in range(14)] + ["same.md"])
    for name in files:
        assert recorded[name] == _digest((out / name).read_bytes()), name
    assert [p.name for p in out.iterdir() if p.suffix == ".tmp"] == []
