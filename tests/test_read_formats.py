"""Every format reads the model bill back as the Markdown says it is: the toolkit's DOCX, a
pandoc DOCX of the Markdown (bullet glyphs where labels were), LibreOffice's DOCX, ODT and PDF
of it, pandoc's HTML, and Akoma Ntoso.  Then what Word files carry besides words: tracked
changes (both views, with authors) and broken cross-references."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from modellaw.read.document import read_document, read_documents
from modellaw.write.akn import render_akn
from modellaw.write.docx import render_docx
from modellaw.write.markdown import render_markdown
from tests.diff_fixtures import model_bill, paragraph
from tests.conftest import ROOT, require_tool
from tests.libreoffice import convert



def signature(path: Path) -> list[tuple[str, str, tuple[str, ...]]]:
    """Sections with their headings and every label below them."""
    return [(s.num, s.heading, tuple(n.num for n in s.walk() if n is not s and n.num))
            for s in read_document(path).bill.sections()]


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("model")
    bill = model_bill(ROOT)
    (folder / "model.md").write_bytes(render_markdown(bill).encode())
    (folder / "model.xml").write_bytes(render_akn(bill))
    files = {"model": folder / "model.md", "akn": folder / "model.xml",
             "docx": folder / "toolkit.docx"}
    files["docx"].write_bytes(render_docx(bill))
    pandoc = require_tool("pandoc")
    for target in ("docx", "html"):
        out = folder / f"pandoc.{target}"
        subprocess.run([pandoc, str(folder / "model.md"), "-s", "--metadata", "title=Model",
                        "-o", str(out)], check=True, capture_output=True, timeout=120)
        files[f"pandoc-{target}"] = out
    lo = folder / "lo"
    lo.mkdir()
    files["lo-odt"] = convert(lo, {"model": render_docx(bill)}, "odt")["model"]
    files["lo-pdf"] = convert(lo, {"model": render_docx(bill)}, "pdf")["model"]
    again = folder / "again"
    again.mkdir()
    (again / "model.docx").write_bytes(files["lo-odt"].read_bytes())
    subprocess.run([require_tool("soffice"), f"-env:UserInstallation=file://{again}/p",
                    "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir",
                    str(again / "out"), str(files["lo-odt"])], check=True, capture_output=True,
                   timeout=300)
    files["lo-docx"] = again / "out" / "model.docx"
    return files


@pytest.mark.parametrize("form", ["akn", "docx", "pandoc-docx", "pandoc-html", "lo-odt",
                                  "lo-pdf", "lo-docx"])
def test_every_format_reads_the_model_bill_as_the_markdown(model: dict[str, Path],
                                                           form: str) -> None:
    want = signature(model["model"])
    sections = list(model_bill(ROOT).sections())
    assert [w[0] for w in want] == [s.num for s in sections]
    assert [w[1] for w in want] == [s.heading for s in sections]
    assert signature(model[form]) == want


def test_pandoc_bullets_are_no_labels_and_locations_name_the_page(model: dict[str, Path]
                                                                  ) -> None:
    draft = read_document(model["pandoc-docx"])
    assert not [n for n in draft.bill.walk() if n.num in ("\u2022", "-", "\u25cf")]
    assert {n.term for n in draft.bill.walk() if n.term} >= {"child", "advertisement"}
    pdf = read_document(model["lo-pdf"])
    assert pdf.format == "pdf" and pdf.locations["sec-4"].startswith("model.pdf, page ")
    assert any("header, footer" in w for w in pdf.warnings)


def _tracked(kind: str, text: str, author: str) -> OxmlElement:
    wrapper = OxmlElement(kind)
    for key, value in (("w:id", str(len(text) + len(author))), ("w:author", author),
                       ("w:date", "2026-01-02T00:00:00Z")):
        wrapper.set(qn(key), value)
    run = OxmlElement("w:r")
    t = OxmlElement("w:delText" if kind == "w:del" else "w:t")
    t.text = text
    run.append(t)
    wrapper.append(run)
    return wrapper


def test_tracked_changes_are_recorded_with_authors_in_either_view(tmp_path: Path) -> None:
    path = tmp_path / "tracked.docx"
    path.write_bytes(render_docx(model_bill(ROOT)))
    doc = docx.Document(str(path))
    p = paragraph(doc, r"^\u201cchild\u201d")
    p._p.append(_tracked("w:del", " 18 years", "Ana"))
    p._p.append(_tracked("w:ins", " 16 years", "Ben"))
    assert "18" not in p.text[-9:] and "16" not in p.text[-9:]  # python-docx drops both
    doc.save(str(path))
    accepted = read_document(path)
    original = read_document(path, revisions="original")
    child = {d.revisions_view: next(n for n in d.bill.walk() if n.term == "child")
             for d in (accepted, original)}
    assert child["accepted"].plain_text.endswith("16 years")
    assert child["original"].plain_text.endswith("18 years")
    assert [(r.kind, r.author, r.text) for r in accepted.revisions] == [
        ("deletion", "Ana", "18 years"), ("insertion", "Ben", "16 years")]
    assert accepted.revisions[0].location.startswith("tracked.docx, paragraph ")
    assert "by Ana, Ben" in accepted.warnings[0] and "read as accepted" in accepted.warnings[0]
    assert "read as original" in original.warnings[0]


def test_broken_cross_references_are_recorded_on_their_node(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(render_docx(model_bill(ROOT)))
    doc = docx.Document(str(path))
    paragraph(doc, r"^\u201cchild\u201d").add_run(
        " as in section Error! Reference source not found.")
    doc.save(str(path))
    draft = read_document(path)
    (broken,) = draft.broken_refs
    assert broken.node_id == "definition-child" and "Error! Reference" in broken.text
    assert any("cross-reference" in w for w in draft.warnings)


def test_html_pages_drop_navigation_and_read_the_law(tmp_path: Path) -> None:
    page = tmp_path / "act.html"
    page.write_text("""<!DOCTYPE html><html><head><title>Modern Slavery Act 2015</title>
      <script>var x = "1. Not a section";</script><style>p {}</style></head><body>
      <nav><ul><li>1. Home</li><li>2. Browse legislation</li></ul></nav>
      <div id="viewLegContents"><h2>PART 1 Offences</h2>
      <h3>2 Human trafficking</h3>
      <p class="LegP1"><span>(1)</span> A person commits an offence if the person arranges
      or facilitates the travel of another person with a view to exploitation.</p>
      <p><span class="akn-num">(2)</span><span class="akn-p">It is irrelevant whether the
      person consents.</span></p></div><footer>© Crown copyright</footer></body></html>""",
                    encoding="utf-8")
    draft = read_document(page)
    (section,) = draft.bill.sections()
    assert (section.num, section.heading) == ("2", "Human trafficking")
    assert [c.num for c in section.children] == ["(1)", "(2)"]
    assert draft.bill.short_title == "Modern Slavery Act 2015" and draft.format == "html"
    assert "Crown" not in str(draft.bill) and "Home" not in str(draft.bill)


def test_several_files_and_none(tmp_path: Path) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.md"
    first.write_text("1. Offence\n(1) A person who recruits a child commits an offence.\n")
    second.write_text("## Article 2\n\nWhoever advertises a child shall be punished.\n")
    assert [d.format for d in read_documents([first, second])] == ["txt", "md"]
    with pytest.raises(Exception, match="at least one"):
        read_documents([])


def test_a_page_copied_line_by_line_into_paragraphs_reads_as_sentences(tmp_path: Path) -> None:
    lines = ["529.100 Human trafficking.",
             "(1) A person is guilty of human trafficking when the person intentionally",
             "subjects one or more persons to engage in:",
             "(a) Forced labor or services; or",
             "(b) Commercial sexual activity through the use of force, fraud, or coercion,",
             "except that if the person is under the age of eighteen (18), the commercial",
             "sexual activity need not involve force, fraud, or coercion.",
             "(2) Human trafficking is a Class C felony unless it involves serious physical",
             "injury to a trafficked person, in which case it is a Class B felony."]
    page = tmp_path / "krs.html"
    page.write_text("<html><body>" + "".join(f"<p>{ln}</p>" for ln in lines) + "</body></html>",
                    encoding="utf-8")
    section = next(read_document(page).bill.sections())
    first, second = section.children
    assert first.plain_text == ("A person is guilty of human trafficking when the person "
                                "intentionally subjects one or more persons to engage in:")
    assert first.children[1].plain_text.endswith("need not involve force, fraud, or coercion.")
    assert second.plain_text.endswith("injury to a trafficked person, in which case it is a "
                                      "Class B felony.")
    # paragraphs that end their sentences are left as they are
    whole = tmp_path / "whole.html"
    whole.write_text("<html><body><p>1. Short title</p><p>This Act is the Act.</p>"
                     "<p>2. Offence</p><p>a person who recruits a child commits an offence.</p>"
                     "</body></html>", encoding="utf-8")
    assert [s.plain_text for s in read_document(whole).bill.sections()] == [
        "This Act is the Act.", "a person who recruits a child commits an offence."]
