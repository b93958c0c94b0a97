"""Drafts for the reviewer-diff tests: the model bill written by the toolkit, then edited with
python-docx the way a person edits in Word (retyping a paragraph, deleting a section,
restyling), or typed from scratch with no toolkit ids at all."""

from __future__ import annotations

import re
from pathlib import Path

import docx
from docx.document import Document

from modellaw.draft.assemble import assemble
from modellaw.model import Bill
from modellaw.library.project import load
from modellaw.write.docx import render_docx
from modellaw.write.markdown import render_markdown

ROOT = Path(__file__).resolve().parents[1]


def model_project(tmp_path: Path) -> Path:
    """The project itself: the tests diff against the model law as drafted."""
    return ROOT


def model_bill(root: Path) -> Bill:
    library, profile = load("model", root)
    return assemble(library, profile)


def write_model(root: Path, folder: Path, fmt: str = "docx") -> Path:
    bill = model_bill(root)
    path = folder / f"draft.{fmt}"
    path.write_bytes(render_docx(bill) if fmt == "docx" else render_markdown(bill).encode())
    return path


def paragraph(doc: Document, pattern: str):  # type: ignore[no-untyped-def]
    """The first paragraph whose text matches `pattern` (python-docx text: no labels)."""
    for p in doc.paragraphs:
        if re.search(pattern, p.text.replace("\u2060", "")):  # the writer's word joiner
            return p
    raise AssertionError(f"no paragraph matches {pattern!r}")


def retype(doc: Document, pattern: str, old: str, new: str) -> None:
    """Retype a paragraph: its runs replaced by one run with the edited words."""
    p = paragraph(doc, pattern)
    text = p.text
    assert re.search(old, text), (old, text)
    edited = re.sub(old, new, text, count=1)
    for run in list(p.runs):
        run._r.getparent().remove(run._r)
    p.add_run(edited)


def delete_section(doc: Document, heading: str) -> None:
    """Select a section from its heading to the next heading and press Delete."""
    paras = doc.paragraphs
    start = next(i for i, p in enumerate(paras)
                 if p.style.name == "Section Heading" and heading in p.text)
    end = next((i for i in range(start + 1, len(paras))
                if paras[i].style.name in ("Section Heading", "Part Heading")), len(paras))
    for p in paras[start:end]:
        p._p.getparent().remove(p._p)


def edit_docx(path: Path, *edits) -> Path:  # type: ignore[no-untyped-def]
    doc = docx.Document(str(path))
    for edit in edits:
        edit(doc)
    out = path.with_name(f"edited-{path.name}")
    doc.save(str(out))
    return out


def from_scratch(path: Path) -> Path:
    """A bill typed in Word by someone else: Heading styles, typed numbers, no ids."""
    doc = docx.Document()
    doc.add_heading("Child Protection (Online Exploitation) Bill", 0)
    doc.add_paragraph("An Act to deal with the online exploitation of children.")
    doc.add_heading("Section 1 \u2014 Definitions", 1)
    doc.add_paragraph("In this Act\u2014")
    doc.add_paragraph("\u201cchild\u201d means a person under the age of 16 years;")
    doc.add_paragraph("\u201cinformation and communication technology\u201d means any device, "
                      "program, equipment, network or service by which information is sent "
                      "or received, including the Internet, email and mobile services;")
    doc.add_heading("Section 2 \u2014 Recruitment of children online", 1)
    doc.add_paragraph("(1) A person who, for financial gain, uses information and "
                      "communication technology to recruit a child for the purpose of "
                      "prostitution commits an offence and is liable on conviction to "
                      "imprisonment for a term not exceeding 5 years or a fine.")
    doc.add_heading("Section 3 \u2014 Duties of service providers", 1)
    doc.add_paragraph("(1) A service provider that becomes aware that information that "
                      "facilitates child sex trafficking is stored on its system shall report "
                      "that fact to the police within a reasonable time.")
    doc.add_heading("Section 4 \u2014 Commencement", 1)
    doc.add_paragraph("This Act comes into force on a date fixed by the Minister.")
    doc.save(str(path))
    return path
