"""Render documents the way a user's office suite does: LibreOffice converts, poppler reads.

One private LibreOffice profile per call, so conversions running at the same time (or a
stray soffice left by another program) cannot interfere.  Missing tools fail the test with
the install command: a DOCX nobody looked at is not a passing test.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

INSTALL = "apt-get install -y libreoffice-writer-nogui poppler-utils"


def _tool(*names: str) -> str:
    found = next((shutil.which(n) for n in names if shutil.which(n)), None)
    if found is None:
        pytest.fail(f"{names[0]} is needed to check what a document looks like: {INSTALL}")
    return found


def convert(folder: Path, files: dict[str, bytes], target: str = "pdf") -> dict[str, Path]:
    """Write each `name.docx` into `folder` and convert it (`pdf`, `txt:Text`, ...)."""
    for name, data in files.items():
        (folder / f"{name}.docx").write_bytes(data)
    subprocess.run([_tool("soffice", "libreoffice"), f"-env:UserInstallation=file://{folder}/lo",
                    "--headless", "--convert-to", target, "--outdir", str(folder),
                    *(str(folder / f"{name}.docx") for name in files)],
                   check=True, capture_output=True, timeout=300)
    suffix = target.split(":")[0]
    return {name: folder / f"{name}.{suffix}" for name in files}


def pdf_text(folder: Path, files: dict[str, bytes]) -> dict[str, str]:
    """The text LibreOffice lays out for each DOCX, page breaks as form feeds."""
    pdftotext = _tool("pdftotext")
    return {name: subprocess.run([pdftotext, "-layout", str(pdf), "-"], check=True,
                                 capture_output=True, text=True).stdout
            for name, pdf in convert(folder, files).items()}
