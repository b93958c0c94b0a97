"""Reading Word drafts: the toolkit's own DOCX reads back as its bill, tracked changes are read
in their accepted view, numbering labels come from numbering.xml, and hostile files are
refused with one message (exit 2), never a traceback, an entity or a blown-up memory."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from modellaw.cli import main
from modellaw.errors import ModellawError
from modellaw.model import Kind
from modellaw.read.document import read_document
from tests.diff_fixtures import model_bill, model_project, write_model


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return model_project(tmp_path_factory.mktemp("root"))


def test_the_toolkit_docx_reads_back_as_its_bill(root: Path, tmp_path: Path) -> None:
    bill = model_bill(root)
    draft = read_document(write_model(root, tmp_path)).bill
    want = [(n.kind, n.num, n.heading, n.term, n.plain_text) for n in bill.walk()
            if n.kind is not Kind.PART]
    got = [(n.kind, n.num, n.heading, n.term, n.plain_text) for n in draft.walk()
           if n.kind is not Kind.PART]
    assert [g[:4] for g in got] == [w[:4] for w in want]  # labels (1)/(a) from numbering.xml
    sections = {n.provenance.clause for n in draft.sections()}
    assert sections == {n.provenance.clause for n in bill.sections()}  # from ml_ bookmarks


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return out.getvalue()


BODY = (b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
        b'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>3. Heading</w:t></w:r></w:p>'
        b'<w:p><w:r><w:t>(1) Text &ent;</w:t></w:r></w:p></w:body></w:document>')
BILLION_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">'
                  b'<!ENTITY ent "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>' + BODY[21:])
EXTERNAL = (b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY ent SYSTEM "file:///etc/passwd">]>'
            + BODY[21:])

HOSTILE = {
    "empty": (b"", "is empty"),
    "not a zip": (b"Dear reviewer, here is the bill.", "not a DOCX"),
    "zip without document": (_zip({"hello.txt": b"hi"}), "no word/document.xml"),
    "encrypted or legacy": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "password"),
    "zip bomb": (_zip({"word/document.xml": b"<a>" + b" " * (20 * 1024 * 1024) + b"</a>"}),
                 "zip bomb"),
    "entities": (_zip({"word/document.xml": BILLION_LAUGHS}), "entities"),
    "external entity": (_zip({"word/document.xml": EXTERNAL}), "entities"),
    "broken xml": (_zip({"word/document.xml": b"<w:document>"}), "not well-formed"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_files_are_refused_with_one_message(root: Path, tmp_path: Path,
                                                    case: str) -> None:
    data, message = HOSTILE[case]
    path = tmp_path / "draft.docx"
    path.write_bytes(data)
    with pytest.raises(ModellawError, match=message):
        read_document(path)
    result = CliRunner().invoke(main, ["diff", str(path), "--root", str(root)])
    assert result.exit_code == 2
    assert result.output.count("error:") == 1 and "Traceback" not in result.output


def test_a_word_file_without_numbering_is_read_one_provision_per_paragraph(tmp_path: Path
                                                                        ) -> None:
    path = tmp_path / "letter.docx"
    path.write_bytes(_zip({"word/document.xml": BODY.replace(b"3. Heading", b"Hello").replace(
        b"(1) Text &ent;", b"Thanks for the draft")}))
    draft = read_document(path)
    assert [(s.num, s.plain_text) for s in draft.bill.sections()] == [
        ("1", "Hello"), ("2", "Thanks for the draft")]
    assert "no numbered sections" in draft.warnings[0]
    assert draft.locations["sec-2"] == "letter.docx, paragraph 2"


def test_a_zip_directory_that_lies_about_sizes_is_still_capped(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch
                                                               ) -> None:
    from modellaw.read import docx as read_docx
    monkeypatch.setattr(read_docx, "MAX_PART_BYTES", 1000)
    monkeypatch.setattr(read_docx, "MAX_RATIO", 10 ** 9)
    data = bytearray(_zip({"word/document.xml": BODY + b" " * 5000}))
    # shrink the declared size in the central directory (and the local header) to 100
    size = (len(BODY) + 5000).to_bytes(4, "little")
    data = data.replace(size, (100).to_bytes(4, "little"))
    path = tmp_path / "liar.docx"
    path.write_bytes(bytes(data))
    with pytest.raises(ModellawError):
        read_document(path)
