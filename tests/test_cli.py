"""The CLI as a drafter meets it: outputs, errors, exit codes, and never losing an edit."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from modellaw.cli import main


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def test_version_and_help() -> None:
    assert run("--version").output.startswith("modellaw, version ")
    for command in ("draft", "clauses", "jurisdictions", "validate"):
        result = run(command, "--help")
        assert result.exit_code == 0 and "Usage:" in result.output


def test_draft_markdown_by_extension_and_default_folder(mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "bill.md"
    result = run("draft", "model", "--root", str(mini), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_text().startswith("# Test Act\n")
    result = run("draft", "model", "--root", str(mini), "--format", "md")
    assert result.exit_code == 0 and (mini / "drafts" / "model.md").is_file()


def test_profile_by_path(mini: Path, tmp_path: Path) -> None:
    result = run("draft", str(mini / "jurisdictions" / "xc.yaml"), "--root", str(mini),
                 "-o", str(tmp_path / "xc.md"))
    assert result.exit_code == 0, result.output
    assert "Article 3" in (tmp_path / "xc.md").read_text()


@pytest.mark.parametrize("args, message", [
    (("draft", "zz"), "error: unknown jurisdiction 'zz'"),
    (("draft", "xc", "--set", "offence-advertising.max_years=ten"),
     "error: --set offence-advertising.max_years: offence-advertising.max_years: expected int, "
     "got 'ten'"),
    (("draft", "xc", "--set", "nonsense"), "error: --set 'nonsense': expected CLAUSE.PARAM=VALUE"),
    (("draft", "model", "-o", "bill.pdf"), "error: cannot tell the format from '.pdf'"),
])
def test_bad_input_exits_2_with_one_message_and_no_file(mini: Path, tmp_path: Path,
                                                        args: tuple[str, ...], message: str) -> None:
    result = CliRunner().invoke(main, [*args, "--root", str(mini)], catch_exceptions=False)
    assert result.exit_code == 2
    assert result.stderr.startswith(message)
    assert "Traceback" not in result.output
    assert not (mini / "drafts").exists()


def test_broken_profile_writes_nothing(mini: Path, tmp_path: Path) -> None:
    (mini / "jurisdictions" / "xb.yaml").write_text("name: [broken\n")
    out = tmp_path / "xb.md"
    result = run("draft", "xb", "--root", str(mini), "-o", str(out))
    assert result.exit_code == 2 and "xb.yaml:2:1: invalid YAML" in result.stderr
    assert not out.exists()


def test_edited_draft_is_not_overwritten_without_force(mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "bill.md"
    assert run("draft", "model", "--root", str(mini), "-o", str(out)).exit_code == 0
    assert run("draft", "model", "--root", str(mini), "-o", str(out)).exit_code == 0
    out.write_text(out.read_text() + "\nA drafter's note.\n")
    result = run("draft", "model", "--root", str(mini), "-o", str(out))
    assert result.exit_code == 2
    assert "has been edited since modellaw wrote it" in result.stderr
    assert out.read_text().endswith("A drafter's note.\n")
    assert run("draft", "model", "--root", str(mini), "-o", str(out), "--force").exit_code == 0
    assert "A drafter's note." not in out.read_text()


def test_a_file_modellaw_did_not_write_is_kept(mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "mine.md"
    out.write_text("someone's own bill\n")
    result = run("draft", "model", "--root", str(mini), "-o", str(out))
    assert result.exit_code == 2 and "was not written by modellaw" in result.stderr
    assert out.read_text() == "someone's own bill\n"


def test_same_input_same_bytes(mini: Path, tmp_path: Path) -> None:
    for name in ("a.md", "b.md"):
        assert run("draft", "xc", "--root", str(mini), "-o", str(tmp_path / name)).exit_code == 0
    assert (tmp_path / "a.md").read_bytes() == (tmp_path / "b.md").read_bytes()


def test_listings_and_validate(mini: Path) -> None:
    result = run("clauses", "--root", str(mini))
    assert result.exit_code == 0 and "offence-advertising" in result.output
    assert "optional" in result.output
    result = run("jurisdictions", "--root", str(mini))
    assert result.exit_code == 0 and "xc     Civilia" in result.output
    result = run("validate", "--root", str(mini))
    assert result.exit_code == 0 and "2 profiles drafted cleanly" in result.output


def test_validate_reports_every_bad_profile(mini: Path) -> None:
    (mini / "jurisdictions" / "xb.yaml").write_text("name: B\nextends: _base\noptional: [nope]\n")
    result = run("validate", "--root", str(mini))
    assert result.exit_code == 2
    assert "xb.yaml:3:12: optional[0]: unknown clause 'nope'" in result.stderr


def test_validate_runs_the_drafting_checks_over_every_profile(mini: Path) -> None:
    path = mini / "clauses" / "offence-recruitment.yaml"
    path.write_text(path.read_text().replace("{{ penalty(max_years) }}", "commits an offence"))
    result = run("validate", "--root", str(mini))
    assert result.exit_code == 2
    assert "offence-recruitment.yaml" in result.stderr and "penalty" in result.stderr


def test_template_syntax_in_a_profile_value_is_printed_literally(mini: Path, tmp_path: Path) -> None:
    import docx

    for name in ("bill.md", "bill.docx"):
        assert run("draft", "model", "--root", str(mini), "-o", str(tmp_path / name)).exit_code == 0
    assert "Model {{ 7\\*7 }}" in (tmp_path / "bill.md").read_text()
    header = docx.Document(str(tmp_path / "bill.docx")).sections[0].header
    assert "Model {{ 7*7 }}" in " ".join(p.text for p in header.paragraphs)


def test_validate_checks_base_profiles_on_their_own(mini: Path) -> None:
    (mini / "jurisdictions" / "bases").mkdir()
    (mini / "jurisdictions" / "bases" / "odd.yaml").write_text("legal_tradition: roman\n")
    result = run("validate", "--root", str(mini))
    assert result.exit_code == 2
    assert "odd.yaml:1:1: legal_tradition: 'roman' is not one of" in result.stderr
    (mini / "jurisdictions" / "bases" / "odd.yaml").write_text("legal_tradition: civil-law\n")
    result = run("validate", "--root", str(mini), str(mini / "jurisdictions" / "bases" / "odd.yaml"))
    assert result.exit_code == 0 and "1 base profile(s)" in result.output


# --- conventions of a command-line tool ----------------------------------------------------

def test_dash_writes_the_document_to_stdout_and_notes_to_stderr(mini: Path) -> None:
    result = CliRunner().invoke(main, ["draft", "model", "--root", str(mini), "--format", "md",
                                       "-o", "-"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Test Act\n")
    assert result.stderr == "wrote standard output (2 sections, Model {{ 7*7 }})\n"
    assert not (mini / "drafts").exists() and not Path("-").exists()


def test_quiet_says_nothing_but_the_document(mini: Path) -> None:
    result = CliRunner().invoke(main, ["-q", "draft", "model", "--root", str(mini),
                                       "--format", "md", "-o", "-"], catch_exceptions=False)
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout.startswith("# Test Act\n")


def test_quiet_after_the_command_means_quiet_before_it(mini: Path) -> None:
    clause = mini / "clauses" / "offence-recruitment.yaml"
    clause.write_text(clause.read_text().replace("    default: 15\n",
                                                 "    default: 15\n    model_value: 15\n"
                                                 "    weakens_if: below\n"))
    args = ["draft", "model", "--root", str(mini), "--format", "md", "-o", "-",
            "--set", "offence-recruitment.max_years=2"]
    loud = CliRunner().invoke(main, args, catch_exceptions=False)
    # about the command line, so named by its option, not by the profile's file
    assert loud.stderr.startswith("warning: --set offence-recruitment.max_years: offence-"
                                  "recruitment.max_years = 2 weakens the model law, whose value "
                                  "is 15"), loud.stderr
    result = CliRunner().invoke(main, [*args, "-q"], catch_exceptions=False)
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout == loud.stdout


@pytest.mark.parametrize("command", [
    ["memo", "za", "-o", "OUT.docx"],
    ["amend", "--profile", "tz", "STATUTES/tz/act-6-2008.txt", "-o", "OUT.md"],
])
def test_a_written_file_is_said_on_stderr_and_quiet_says_nothing(
        tmp_path: Path, command: list[str]) -> None:
    from .conftest import ROOT
    args = [a.replace("OUT", str(tmp_path / "out")).replace("STATUTES", str(ROOT / "statutes"))
            for a in command] + ["--root", str(ROOT)]
    loud = CliRunner().invoke(main, args, catch_exceptions=False)
    assert loud.exit_code == 0 and loud.stdout == "" and loud.stderr.startswith("wrote ")
    quiet = CliRunner().invoke(main, ["-q", *args, "--force"], catch_exceptions=False)
    assert quiet.exit_code == 0 and quiet.stdout == "" and quiet.stderr == ""


def test_every_command_takes_quiet() -> None:
    from modellaw.cli import COMMANDS
    for name in COMMANDS:
        result = CliRunner().invoke(main, [name, "--help"])
        assert result.exit_code == 0 and "-q, --quiet" in result.output, name


def test_a_binary_format_is_refused_on_a_terminal_but_goes_into_a_pipe(
        mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    import docx
    piped = CliRunner().invoke(main, ["draft", "model", "--root", str(mini), "-o", "-"],
                               catch_exceptions=False)
    assert piped.exit_code == 0
    assert len(docx.Document(io.BytesIO(piped.stdout_bytes)).paragraphs) > 5
    monkeypatch.setattr("sys.stdout.isatty", lambda: True, raising=False)
    runner = CliRunner()
    with runner.isolation() as (out, err, _):
        monkeypatch.setattr("sys.stdout.isatty", lambda: True)
        with pytest.raises(SystemExit) as stop:
            main(["draft", "model", "--root", str(mini), "-o", "-"])
        assert stop.value.code == 2
        assert out.getvalue() == b""
        assert err.getvalue().startswith(b"error: docx is a binary format; not writing it to a "
                                         b"terminal")


def test_dev_stdout_is_written_straight_through_never_read_or_replaced(
        mini: Path, tmp_path: Path) -> None:
    """/dev/stdout (here a FIFO, as a pipe is) is neither read to compare nor renamed over."""
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = run("draft", "model", "--root", str(mini), "--format", "md", "-o", str(fifo))
    reader.join(timeout=30)
    assert result.exit_code == 0, result.output
    assert received[0].startswith(b"# Test Act\n")
    assert fifo.is_fifo() and not (tmp_path / ".modellaw-written.json").exists()


def _program(*args: str, stdout: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "modellaw", *args], stdout=stdout,
                          stderr=subprocess.PIPE)


NO_DEV_FD = pytest.mark.skipif(not Path("/dev/stdout").exists() or sys.platform == "win32",
                               reason="no /dev/stdout on this system")


@NO_DEV_FD
@pytest.mark.parametrize("force", [(), ("--force",)])
def test_dev_stdout_redirected_to_a_file_writes_into_that_file(
        mini: Path, tmp_path: Path, force: tuple[str, ...]) -> None:
    """`-o /dev/stdout > file` (and `>>`) writes the draft into the file through the stream
    itself: nothing is refused as "not written by modellaw", and nothing in /dev is renamed
    over (as root a rename would replace the /dev/stdout link)."""
    target = tmp_path / "out.md"
    target.write_bytes(b"kept\n")
    link = os.readlink("/dev/stdout") if os.path.islink("/dev/stdout") else None
    with open(target, "ab") as handle:
        done = _program("draft", "model", "--root", str(mini), "--format", "md",
                        "-o", "/dev/stdout", *force, stdout=handle)
    assert done.returncode == 0, done.stderr
    data = target.read_bytes()
    assert data.startswith(b"kept\n# Test Act\n")
    assert (os.readlink("/dev/stdout") if os.path.islink("/dev/stdout") else None) == link
    assert not Path("/dev/.modellaw-written.json").exists()


@NO_DEV_FD
def test_a_binary_format_to_dev_stdout_on_a_terminal_is_refused(mini: Path) -> None:
    import pty
    main_fd, terminal = pty.openpty()
    try:
        done = _program("draft", "model", "--root", str(mini), "--format", "docx",
                        "-o", "/dev/stdout", stdout=terminal)
    finally:
        os.close(terminal)
        os.close(main_fd)
    assert done.returncode == 2
    assert done.stderr.startswith(b"error: docx is a binary format; not writing it to a "
                                  b"terminal")


@NO_DEV_FD
def test_dev_stderr_is_the_error_stream(mini: Path) -> None:
    done = _program("-q", "draft", "model", "--root", str(mini), "--format", "md",
                    "-o", "/dev/stderr", stdout=subprocess.PIPE)
    assert done.returncode == 0 and done.stdout == b""
    assert done.stderr.startswith(b"# Test Act\n")


def test_one_clause_shows_its_parameters(mini: Path) -> None:
    result = run("clauses", "offence-recruitment", "--root", str(mini))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "offence-recruitment: Recruitment"
    assert lines[1] == "  core section, part offences; elements: recruitment-offence"
    assert lines[2] == f"  from: {(mini / 'clauses' / 'offence-recruitment.yaml').resolve()}"
    assert "  max_years: int  1..99  default 15" in lines
    assert lines[lines.index("  max_years: int  1..99  default 15") + 1] == "      Max years."
    result = run("clauses", "offence-recruitmen", "--root", str(mini))
    assert result.exit_code == 2
    assert "unknown clause 'offence-recruitmen' (did you mean 'offence-recruitment'?)" \
        in result.stderr


def test_warnings_name_the_file_they_are_about(mini: Path, tmp_path: Path) -> None:
    profile = mini / "jurisdictions" / "model.yaml"
    profile.write_text(profile.read_text() + "exclude: [offence-recruitment]\n")
    result = run("draft", "model", "--root", str(mini), "-o", str(tmp_path / "b.md"))
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert warnings and all(line.startswith(f"warning: {profile}: ") for line in warnings)


def test_completion_scripts_and_completing_profile_ids(mini: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    result = run("completion", "bash")
    assert result.exit_code == 0 and "_MODELLAW_COMPLETE=bash_complete" in result.output
    monkeypatch.setenv("MODELLAW_ROOT", str(mini))
    monkeypatch.setenv("COMP_WORDS", "modellaw draft x")
    monkeypatch.setenv("COMP_CWORD", "2")
    result = CliRunner().invoke(main, [], prog_name="modellaw",
                                env={"_MODELLAW_COMPLETE": "bash_complete"})
    assert result.output.split() == ["plain,xc"]
    monkeypatch.setenv("COMP_WORDS", "modellaw dr")
    monkeypatch.setenv("COMP_CWORD", "1")
    result = CliRunner().invoke(main, [], prog_name="modellaw",
                                env={"_MODELLAW_COMPLETE": "bash_complete"})
    assert result.output.split() == ["plain,draft"]


def test_the_cli_module_imports_no_library_at_start_up() -> None:
    """--help, --version and completion pay for Python and click only."""
    code = ("import sys, modellaw.cli; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('jinja2', 'yaml', 'ruamel', 'lxml', 'docx', 'cobalt') "
            "or m.startswith(('modellaw.library', 'modellaw.commands'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def _commands_built(*args: str) -> list[str]:
    """The modules of modellaw.commands that one run of `modellaw ARGS` imports."""
    code = ("import sys; from modellaw.cli import main\n"
            f"main({list(args)!r}, standalone_mode=False)\n"
            "print(sorted(m for m in sys.modules if m.startswith('modellaw.commands')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return out.stdout.splitlines()[-1:]


def test_a_command_is_built_only_when_it_runs(mini: Path, tmp_path: Path) -> None:
    """`modellaw draft` builds draft alone; `--help` lists every command and builds none."""
    assert _commands_built("-q", "draft", "model", "--root", str(mini),
                           "-o", str(tmp_path / "b.md")) == \
        ["['modellaw.commands', 'modellaw.commands.common', 'modellaw.commands.draft']"]
    assert _commands_built("--help") == ["[]"]


def test_the_command_table_is_each_commands_own() -> None:
    """`--help` lists the commands from a table, not the commands: it must say what click
    would say from the commands themselves, at every width, and name every command there is."""
    import importlib
    import pkgutil

    import click

    from modellaw import commands
    from modellaw.cli import COMMANDS

    ctx = click.Context(main)
    for width in (50, 60, 78, 120):
        ours, clicks = click.HelpFormatter(width=width), click.HelpFormatter(width=width)
        main.format_commands(ctx, ours)
        click.Group.format_commands(main, ctx, clicks)  # click's own: builds each command
        assert ours.getvalue() == clicks.getvalue()
    built = {name: main.get_command(ctx, name) for name in COMMANDS}
    assert all(command is not None and command.name == name for name, command in built.items())
    defined = {value.name for info in pkgutil.iter_modules(commands.__path__)
               for value in vars(importlib.import_module(f"modellaw.commands.{info.name}")).values()
               if isinstance(value, click.Command)}
    assert defined == set(COMMANDS)


def test_an_unknown_command_is_refused_with_the_likeliest_one() -> None:
    result = run("drat")
    assert result.exit_code == 2
    assert "Error: No such command 'drat'. Did you mean 'draft'?" in result.output
