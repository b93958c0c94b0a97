"""The package as a drafter gets it: built, checked, installed into a fresh environment, and
run in an empty folder far from this checkout.

`python -m build` makes the sdist and then the wheel from the sdist, so a file missing from
either shows up here.  The fresh venv sees the already-installed dependencies
(`--system-site-packages`) and gets the wheel with `--no-deps`: nothing is downloaded.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import docx
import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow


def _clean_env(**extra: str) -> dict[str, str]:
    """The environment without anything that would point Python at this checkout."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "MODELLAW_ROOT", "PYTHONHOME", "VIRTUAL_ENV")}
    return env | extra


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out),
                    str(ROOT)], check=True, capture_output=True, env=_clean_env(), timeout=300)
    return out


@pytest.fixture(scope="module")
def venv(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    env_dir = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(env_dir)],
                   check=True, capture_output=True, timeout=300)
    (wheel,) = dist.glob("*.whl")
    subprocess.run([str(env_dir / "bin" / "python"), "-m", "pip", "install", "--no-deps",
                    "--no-index", "--quiet", str(wheel)],
                   check=True, capture_output=True, env=_clean_env(), timeout=300)
    return env_dir


def test_sdist_and_wheel_pass_twine_check(dist: Path) -> None:
    files = sorted(str(p) for p in dist.iterdir())
    assert sorted(Path(f).suffix for f in files) == [".gz", ".whl"]
    result = subprocess.run([sys.executable, "-m", "twine", "check", "--strict", *files],
                            capture_output=True, text=True, env=_clean_env(), timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("PASSED") == 2


def test_the_wheel_carries_the_library_and_the_licence(dist: Path) -> None:
    (wheel,) = dist.glob("*.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        metadata = zf.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    for folder in ("clauses", "jurisdictions", "handouts"):
        shipped = {n.split("/")[-1] for n in names if n.startswith(f"modellaw/_library/{folder}/")}
        assert shipped >= {p.name for p in (ROOT / folder).glob("*.yaml")}, folder
    assert "modellaw/_library/jurisdictions/bases/common-law.yaml" in names
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert not any("__pycache__" in n or n.endswith(".modellaw-written.json") for n in names)
    from modellaw import __version__
    assert f"\nVersion: {__version__}\n" in metadata and "License-Expression: MIT" in metadata
    assert "\nProject-URL: Source report (ICMEC, 2018), https://www.icmec.org/\n" in metadata
    (sdist,) = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as tf:
        members = {m.name.split("/", 1)[1] for m in tf.getmembers() if "/" in m.name}
    assert {"clauses/_bill.yaml", "LICENSE", "tests/conftest.py", "src/modellaw/cli.py"} <= members


def test_installed_wheel_drafts_in_an_empty_folder(venv: Path, tmp_path: Path) -> None:
    work = tmp_path / "elsewhere"
    work.mkdir()
    script = venv / "bin" / "modellaw"
    env = _clean_env(XDG_CACHE_HOME=str(tmp_path / "cache"))
    where = subprocess.run([str(venv / "bin" / "python"), "-c",
                            "import modellaw; print(modellaw.__file__)"],
                           capture_output=True, text=True, env=env, cwd=work, check=True)
    assert Path(where.stdout.strip()).is_relative_to(venv)
    result = subprocess.run([str(script), "draft", "za"], capture_output=True, text=True,
                            env=env, cwd=work, timeout=300)
    assert result.returncode == 0, result.stderr
    out = work / "drafts" / "za.docx"
    assert "wrote drafts/za.docx" in result.stderr
    document = docx.Document(io.BytesIO(out.read_bytes()))
    headings = [p.text for p in document.paragraphs if p.style.name == "Section Heading"]
    assert len(headings) >= 10 and "South Africa" in document.sections[0].header.paragraphs[0].text

    # A workspace: one profile of its own extending the built-in South Africa.
    result = subprocess.run([str(script), "init", "ws", "--extends", "za"], capture_output=True,
                            text=True, env=env, cwd=work, timeout=300)
    assert result.returncode == 0, result.stderr
    profile = work / "ws" / "jurisdictions" / "za.yaml"
    profile.write_text(profile.read_text().replace(
        "# parameters:\n#   offence-recruitment:\n#     max_years: 25",
        "parameters:\n  offence-recruitment:\n    max_years: 25"))
    listing = subprocess.run([str(script), "jurisdictions"], capture_output=True, text=True,
                             env=env, cwd=work / "ws", check=True).stdout
    assert "[jurisdictions/za.yaml]" in listing and "[built-in]" in listing
    bill = subprocess.run([str(script), "draft", "za", "-o", "-", "--format", "md"],
                          capture_output=True, text=True, env=env, cwd=work / "ws", check=True)
    assert "imprisonment for a term of not less than 3 years and not more than 25 years" \
        in bill.stdout
    assert not (work / "ws" / "drafts").exists()  # -o - wrote nothing to disk
