"""Render documents the way a user's office suite does: LibreOffice converts, poppler reads.

One private LibreOffice profile per call, so conversions running at the same time (or a
stray soffice left by another program) cannot interfere.  Without LibreOffice or poppler the
check is skipped, naming the package to install (and fails under MODELLAW_REQUIRE_TOOLS, as
in CI): see conftest.require_tool.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from .conftest import require_tool


def convert(folder: Path, files: dict[str, bytes], target: str = "pdf") -> dict[str, Path]:
    """Write each `name.docx` into `folder` and convert it (`pdf`, `txt:Text`, ...)."""
    for name, data in files.items():
        (folder / f"{name}.docx").write_bytes(data)
    subprocess.run([require_tool("soffice", "libreoffice"), f"-env:UserInstallation=file://{folder}/lo",
                    "--headless", "--convert-to", target, "--outdir", str(folder),
                    *(str(folder / f"{name}.docx") for name in files)],
                   check=True, capture_output=True, timeout=300)
    suffix = target.split(":")[0]
    return {name: folder / f"{name}.{suffix}" for name in files}


def pdf_text(folder: Path, files: dict[str, bytes]) -> dict[str, str]:
    """The text LibreOffice lays out for each DOCX, page breaks as form feeds."""
    pdftotext = require_tool("pdftotext")
    return {name: subprocess.run([pdftotext, "-layout", str(pdf), "-"], check=True,
                                 capture_output=True, text=True).stdout
            for name, pdf in convert(folder, files).items()}
