"""DOCX drafts -> the document model, safely.

A reviewer opens files that strangers send, so the package is treated as hostile: sizes are
checked in the zip directory *and* every read is capped (the directory can lie), XML with a
DTD or entity declarations is refused before parsing, and the parser never resolves entities
or touches the network.

Text is read from the runs themselves, not through python-docx, whose `Paragraph.text` drops
tracked insertions: the reader takes the *accepted* view (plain and inserted text, never
deleted text or field instructions).  Numbering labels ("(1)", "(a)") that Word draws from
numbering.xml are recomputed by `Numbering`, since they are not in the text at all.  Section
and definition bookmarks `ml_<clause>` written by `render_docx` give back the clause ids.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from modellaw.labels import letters, roman
from modellaw.read.blocks import SECTION_RE, Block, Draft, build_bill, refuse

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCUMENT = "word/document.xml"
#: Largest uncompressed part read, and largest total; a bill's document.xml is a few MB.
MAX_PART_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 160 * 1024 * 1024
#: A part that expands more than this many times over is a zip bomb, not a document.
MAX_RATIO = 200
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

SKIPPED = frozenset({"del", "moveFrom", "delText", "instrText", "pPr", "rPr", "fldData",
                     "commentReference", "footnoteReference", "endnoteReference"})
ROLE_OF_STYLE = (
    (re.compile(r"^(arrangement|toc|table of contents|cover|bill title|long title|preamble|"
                r"enacting|header|footer|title$|subtitle)", re.I), "skip"),
    (re.compile(r"^part heading|^chapter heading", re.I), "part"),
    (re.compile(r"^(section heading|article heading|heading [1-3])$", re.I), "section"),
    (re.compile(r"^definition", re.I), "definition"),
    (re.compile(r"^wrap", re.I), "wrap"),
)


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _local(el: etree._Element) -> str:
    tag = el.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


# --- the package --------------------------------------------------------------------------

def _open_package(data: bytes, path: Path) -> zipfile.ZipFile:
    if data[:8] == OLE_MAGIC:
        raise refuse(path, "is a password-protected (encrypted) or old-format Word file; "
                           "save it as a .docx without a password and try again")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as exc:
        raise refuse(path, "is not a DOCX file (it is not a zip package)") from exc
    names = set(zf.namelist())
    if DOCUMENT not in names:
        raise refuse(path, f"is a zip file but not a Word document (it has no {DOCUMENT})")
    total = 0
    for info in zf.infolist():
        total += info.file_size
        if info.file_size > MAX_PART_BYTES or total > MAX_TOTAL_BYTES or (
                info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1)):
            raise refuse(path, f"part {info.filename} would expand to {info.file_size} bytes; "
                               "refused as a possible zip bomb")
        if info.flag_bits & 0x1:
            raise refuse(path, "is encrypted; save it without a password and try again")
    return zf


def _read_part(zf: zipfile.ZipFile, name: str, path: Path) -> bytes | None:
    """A part's bytes, reading at most MAX_PART_BYTES whatever the directory claims."""
    if name not in zf.namelist():
        return None
    try:
        with zf.open(name) as handle:
            data = handle.read(MAX_PART_BYTES + 1)
    except (zipfile.BadZipFile, RuntimeError, OSError, EOFError, NotImplementedError) as exc:
        raise refuse(path, f"part {name} cannot be read ({exc})") from exc
    except Exception as exc:  # zlib.error and friends: a damaged package, not a program bug
        raise refuse(path, f"part {name} is damaged ({exc.__class__.__name__})") from exc
    if len(data) > MAX_PART_BYTES:
        raise refuse(path, f"part {name} is larger than its zip entry says; refused")
    return data


def parse_xml(data: bytes, path: Path, name: str) -> etree._Element:
    """Parse a part; DTDs and entity declarations are refused, never resolved."""
    head = data[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in data.lower():
        raise refuse(path, f"part {name} declares a DTD or entities; refused (a Word document "
                           "never has them)")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                             load_dtd=False, dtd_validation=False, remove_comments=True)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise refuse(path, f"part {name} is not well-formed XML (line {exc.lineno}: "
                           f"{exc.msg})") from exc


# --- styles and numbering ----------------------------------------------------------------

@dataclass(frozen=True)
class _Style:
    name: str
    based_on: str
    num: tuple[str, int] | None  # (numId, ilvl) the style carries


def _styles(root: etree._Element | None) -> dict[str, _Style]:
    styles: dict[str, _Style] = {}
    if root is None:
        return styles
    for st in root.iter(_q("style")):
        sid = st.get(_q("styleId"), "")
        name = st.find(_q("name"))
        based = st.find(_q("basedOn"))
        numpr = st.find(f"{_q('pPr')}/{_q('numPr')}")
        num = None
        if numpr is not None and (nid := numpr.find(_q("numId"))) is not None:
            lvl = numpr.find(_q("ilvl"))
            num = (nid.get(_q("val"), "0"), int(lvl.get(_q("val"), "0")) if lvl is not None else 0)
        styles[sid] = _Style(name.get(_q("val"), sid) if name is not None else sid,
                             based.get(_q("val"), "") if based is not None else "", num)
    return styles


def _format(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        return letters(n).upper() if fmt == "upperLetter" else letters(n)
    if fmt in ("lowerRoman", "upperRoman"):
        return roman(n) if fmt == "upperRoman" else roman(n).lower()
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


class Numbering:
    """Word's list counters, replayed: the label each numbered paragraph prints."""

    def __init__(self, root: etree._Element | None) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # abstractId -> lvl
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId -> (abstract, overrides)
        self.counters: dict[str, list[int]] = {}
        if root is None:
            return
        for an in root.iter(_q("abstractNum")):
            levels = {}
            for lvl in an.iter(_q("lvl")):
                fmt, text, start = lvl.find(_q("numFmt")), lvl.find(_q("lvlText")), \
                    lvl.find(_q("start"))
                levels[int(lvl.get(_q("ilvl"), "0"))] = (
                    fmt.get(_q("val"), "decimal") if fmt is not None else "decimal",
                    text.get(_q("val"), "") if text is not None else "",
                    int(start.get(_q("val"), "1")) if start is not None else 1)
            self.levels[an.get(_q("abstractNumId"), "")] = levels
        for num in root.iter(_q("num")):
            ab = num.find(_q("abstractNumId"))
            overrides = {int(o.get(_q("ilvl"), "0")): int(s.get(_q("val"), "1"))
                         for o in num.iter(_q("lvlOverride"))
                         if (s := o.find(_q("startOverride"))) is not None}
            self.nums[num.get(_q("numId"), "")] = (
                ab.get(_q("val"), "") if ab is not None else "", overrides)

    def label(self, num_id: str, ilvl: int) -> str:
        if num_id in ("", "0") or num_id not in self.nums:
            return ""
        abstract, overrides = self.nums[num_id]
        levels = self.levels.get(abstract, {})
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, [0] * 9)
        start = {i: overrides.get(i, levels[i][2]) for i in levels}
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else start[ilvl]
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        text = levels[ilvl][1]
        for i in range(ilvl + 1):
            value = _format(counters[i] or start.get(i, 1), levels.get(i, ("decimal", "", 1))[0])
            text = text.replace(f"%{i + 1}", value)
        return text


# --- paragraphs ---------------------------------------------------------------------------

def paragraph_text(p: etree._Element) -> str:
    """The accepted view: plain and inserted text; deletions and field codes left out."""
    out: list[str] = []

    def walk(el: etree._Element) -> None:
        for child in el:
            name = _local(child)
            if name in SKIPPED:
                continue
            if name == "t":
                out.append(child.text or "")
            elif name in ("tab", "br", "cr"):
                out.append(" ")
            elif name == "noBreakHyphen":
                out.append("-")
            elif name == "p":
                continue  # a paragraph inside a text box is read on its own
            else:
                walk(child)

    walk(p)
    return re.sub(r"\s+", " ", "".join(out)).strip()


def _style_chain(sid: str, styles: dict[str, _Style]) -> list[_Style]:
    chain, seen = [], set()
    while sid and sid in styles and sid not in seen:
        seen.add(sid)
        chain.append(styles[sid])
        sid = styles[sid].based_on
    return chain


def _role(chain: list[_Style]) -> str:
    for style in chain[:1]:
        for regex, role in ROLE_OF_STYLE:
            if regex.search(style.name):
                return role
    return ""


def _num_of(p: etree._Element, chain: list[_Style]) -> tuple[str, int] | None:
    numpr = p.find(f"{_q('pPr')}/{_q('numPr')}")
    if numpr is not None:
        nid, lvl = numpr.find(_q("numId")), numpr.find(_q("ilvl"))
        style_num = next((s.num for s in chain if s.num), None)
        ilvl = int(lvl.get(_q("val"), "0")) if lvl is not None else (style_num[1] if style_num else 0)
        if nid is not None:
            return nid.get(_q("val"), "0"), ilvl
        return (style_num[0], ilvl) if style_num else None
    return next((s.num for s in chain if s.num), None)


def _label(raw: str) -> str:
    """'(1)', '1.', 'a)' -> the model's '(1)' / '(a)' form; other labels are kept as printed."""
    if m := re.fullmatch(r"\(?([0-9]+[A-Za-z]?|[a-z]{1,5})[.)]?", raw.strip()):
        return f"({m.group(1)})"
    return raw.strip()


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a Word file as a reader needs it: its style, its role in a bill, the
    label Word draws for it, its accepted text and its bookmarks."""

    index: int
    style: str
    role: str
    label: str
    text: str
    bookmarks: tuple[str, ...]


def docx_paragraphs(data: bytes, path: Path) -> list[Paragraph]:
    """Every paragraph of a DOCX (tables and text boxes included), read safely: the one way
    into Word files for drafts and statutes alike."""
    zf = _open_package(data, path)
    document = parse_xml(_read_part(zf, DOCUMENT, path) or b"", path, DOCUMENT)
    styles_xml = _read_part(zf, "word/styles.xml", path)
    numbering_xml = _read_part(zf, "word/numbering.xml", path)
    styles = _styles(parse_xml(styles_xml, path, "word/styles.xml") if styles_xml else None)
    numbering = Numbering(parse_xml(numbering_xml, path, "word/numbering.xml")
                          if numbering_xml else None)
    body = document.find(_q("body"))
    if body is None:
        raise refuse(path, f"{DOCUMENT} has no body")
    out = []
    for index, p in enumerate(body.iter(_q("p")), start=1):
        sid_el = p.find(f"{_q('pPr')}/{_q('pStyle')}")
        chain = _style_chain(sid_el.get(_q("val"), "") if sid_el is not None else "", styles)
        num = _num_of(p, chain)
        out.append(Paragraph(index, chain[0].name if chain else "", _role(chain),
                             numbering.label(*num) if num else "", paragraph_text(p),
                             tuple(b.get(_q("name"), "") for b in p.iter(_q("bookmarkStart")))))
    return out


def read_docx(data: bytes, path: Path) -> Draft:
    """A Word draft as a bill (raises ModellawError for anything that is not a sound DOCX)."""
    blocks: list[Block] = []
    title = ""
    for para in docx_paragraphs(data, path):
        role, label, text = para.role, para.label, para.text
        if para.style.lower() == "bill title" and text and not title:
            title = text
        if not text:
            continue
        clause = next((b[3:].replace("_", "-") for b in para.bookmarks if b.startswith("ml_")), "")
        if role == "section" and label:
            text, label = f"{label} {text}", ""
        elif role == "section" and not SECTION_RE.match(text) and re.match(
                r"(?i)^(part|chapter)\b", text):
            role = "part"
        blocks.append(Block(text, f"{path.name}: paragraph {para.index}", role=role,
                            label=_label(label) if label and role != "section" else "",
                            clause=clause if role in ("section", "definition", "") else ""))
    civil = any(re.match(r"(?i)^article\s+\d", b.text) for b in blocks if b.role == "section")
    return build_bill(blocks, path, title=title, civil=civil)
