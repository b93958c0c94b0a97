"""DOCX files (Word, LibreOffice, pandoc, Google Docs) -> blocks, safely.

A reviewer opens files that strangers send, so the package is treated as hostile: sizes are
checked in the zip directory *and* every read is capped (the directory can lie), XML with a
DTD or entity declarations is refused before parsing, and the parser never resolves entities
or touches the network.

Text is read from the runs themselves, not through python-docx, whose `Paragraph.text` drops
tracked insertions: the reader takes the *accepted* view (plain and inserted text, never
deleted text or field instructions) or, on request, the *original* one, and records every
unaccepted change with its author either way.  Numbering labels ("(1)", "(a)") that Word draws
from numbering.xml are recomputed by `Numbering` as Word does (counters shared by the lists of
one abstract numbering, restarts, overrides), since they are not in the text at all; every
value in numbering.xml is checked, since a stranger's file may say anything there.  Bullets
are no labels.  Section and definition bookmarks `ml_<clause>` written by `render_docx` give
back the clause ids.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from lxml import etree

from modellaw.errors import Location, ModellawError
from modellaw.labels import letters, roman
from modellaw.read.blocks import Block, Revision, refuse
from modellaw.records import record

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCUMENT = "word/document.xml"
#: Largest uncompressed part read, and largest total; a bill's document.xml is a few MB.
MAX_PART_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 160 * 1024 * 1024
#: A part that expands more than this many times over is a zip bomb, not a document.
MAX_RATIO = 200
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

SKIPPED = frozenset({"instrText", "pPr", "rPr", "fldData", "commentReference",
                     "footnoteReference", "endnoteReference"})
#: Word's own limits: nine list levels, counters up to 32767.
LEVELS = 9
MAX_START = 32767
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

def open_package(data: bytes, path: Path, main: str = DOCUMENT) -> zipfile.ZipFile:
    """The zip package, its directory checked against zip bombs and encryption."""
    if data[:8] == OLE_MAGIC:
        raise refuse(path, "is a password-protected (encrypted) or old-format Word file; "
                           "save it as a .docx without a password and try again")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as exc:
        raise refuse(path, "is not a DOCX file (it is not a zip package)") from exc
    names = set(zf.namelist())
    if main not in names:
        kind = "a Word document" if main == DOCUMENT else "an OpenDocument text"
        raise refuse(path, f"is a zip file but not {kind} (it has no {main})")
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


def read_part(zf: zipfile.ZipFile, name: str, path: Path) -> bytes | None:
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

def _int(el: etree._Element | None, attr: str, default: int, low: int, high: int,
         path: Path, part: str) -> int:
    """An integer attribute inside bounds Word itself keeps, or one located refusal."""
    if el is None:
        return default
    raw = el.get(_q(attr))
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        raise ModellawError(f"w:{_local(el)} w:{attr}={raw[:40]!r} is not a number from {low} "
                            f"to {high}; the file is damaged or crafted",
                            Location(path, keypath=part))
    return value


@record
class _Style:
    name: str
    based_on: str
    num: tuple[str, int] | None  # (numId, ilvl) the style carries


def _styles(root: etree._Element | None, path: Path) -> dict[str, _Style]:
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
            num = (nid.get(_q("val"), "0"), _int(numpr.find(_q("ilvl")), "val", 0, 0,
                                                  LEVELS - 1, path, "word/styles.xml"))
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


@record
class _Level:
    fmt: str
    text: str
    start: int
    restart: int   # the level (0-based) whose use restarts this one; -1 never


class Numbering:
    """Word's list counters, replayed: the label each numbered paragraph prints.

    Lists that share an abstract numbering share counters (Word continues "(3)" after a
    paragraph of another list of the same kind), unless a list overrides its start, which
    makes it a list of its own; a level restarts after a use of the level named by
    `w:lvlRestart` (by default, any higher level)."""

    def __init__(self, root: etree._Element | None, path: Path) -> None:
        part = "word/numbering.xml"
        self.levels: dict[str, dict[int, _Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId -> (abstract, starts)
        self.counters: dict[str, list[int]] = {}
        if root is None:
            return
        for an in root.iter(_q("abstractNum")):
            levels = {}
            for lvl in an.iter(_q("lvl")):
                ilvl = _int(lvl, "ilvl", 0, 0, LEVELS - 1, path, part)
                fmt, text = lvl.find(_q("numFmt")), lvl.find(_q("lvlText"))
                restart = _int(lvl.find(_q("lvlRestart")), "val", ilvl, 0, LEVELS, path, part)
                levels[ilvl] = _Level(
                    fmt.get(_q("val"), "decimal") if fmt is not None else "decimal",
                    (text.get(_q("val"), "") if text is not None else "")[:64],
                    _int(lvl.find(_q("start")), "val", 1, 0, MAX_START, path, part),
                    restart - 1 if restart else -1)
            self.levels[an.get(_q("abstractNumId"), "")] = levels
        for num in root.iter(_q("num")):
            ab = num.find(_q("abstractNumId"))
            starts = {}
            for o in num.iter(_q("lvlOverride")):
                ilvl = _int(o, "ilvl", 0, 0, LEVELS - 1, path, part)
                if (s := o.find(_q("startOverride"))) is not None:
                    starts[ilvl] = _int(s, "val", 1, 0, MAX_START, path, part)
            self.nums[num.get(_q("numId"), "")] = (
                ab.get(_q("val"), "") if ab is not None else "", starts)

    def label(self, num_id: str, ilvl: int) -> tuple[str, bool]:
        """(label, is a bullet) for the next paragraph of list `num_id` at level `ilvl`."""
        if num_id in ("", "0") or num_id not in self.nums:
            return "", False
        abstract, starts = self.nums[num_id]
        levels = self.levels.get(abstract, {})
        if ilvl not in levels:
            return "", False
        if levels[ilvl].fmt == "bullet":
            return "", True
        key = f"num:{num_id}" if starts else f"abstract:{abstract}"
        counters = self.counters.setdefault(key, [0] * LEVELS)

        def start(i: int) -> int:
            return starts.get(i, levels[i].start if i in levels else 1)

        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else start(ilvl)
        for deeper in range(ilvl + 1, LEVELS):
            lvl = levels.get(deeper)
            if lvl is None or lvl.restart < 0 or lvl.restart >= ilvl:
                counters[deeper] = 0
        text = levels[ilvl].text
        for i in range(ilvl + 1):
            fmt = levels[i].fmt if i in levels else "decimal"
            text = text.replace(f"%{i + 1}", _format(counters[i] or start(i), fmt))
        return text.strip(), False


# --- paragraphs ---------------------------------------------------------------------------

_DELETED = frozenset({"del", "moveFrom"})
_INSERTED = frozenset({"ins", "moveTo"})


def paragraph_text(p: etree._Element, view: str = "accepted") -> str:
    """One view of a paragraph's words: "accepted" (plain and inserted text) or "original"
    (plain and deleted text); field codes are never text."""
    out: list[str] = []
    hidden = _INSERTED if view == "original" else _DELETED

    def walk(el: etree._Element) -> None:
        for child in el:
            name = _local(child)
            if name in SKIPPED or name in hidden:
                continue
            if name in ("t", "delText"):
                out.append((child.text or "").replace("\u2060", ""))  # the writer's joiner
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


def _revisions(p: etree._Element, where: str) -> list[Revision]:
    out = []
    for el in p.iter(*(_q(n) for n in ("ins", "del", "moveTo", "moveFrom"))):
        words = " ".join("".join(t.text or "" for t in el.iter(_q("t"), _q("delText"))).split())
        if not words:
            continue
        out.append(Revision("deletion" if _local(el) in _DELETED else "insertion",
                            el.get(_q("author"), "") or "unknown", el.get(_q("date"), ""),
                            words, where))
    return out


def _style_chain(sid: str, styles: dict[str, _Style]) -> list[_Style]:
    chain, seen = [], set()
    while sid and sid in styles and sid not in seen:
        seen.add(sid)
        chain.append(styles[sid])
        sid = styles[sid].based_on
    return chain


def style_role(name: str) -> str:
    """What a paragraph style's name says a paragraph is (Word and LibreOffice alike)."""
    return next((role for regex, role in ROLE_OF_STYLE if regex.search(name)), "")


def _role(chain: list[_Style]) -> str:
    return style_role(chain[0].name) if chain else ""


def _num_of(p: etree._Element, chain: list[_Style], path: Path) -> tuple[str, int] | None:
    numpr = p.find(f"{_q('pPr')}/{_q('numPr')}")
    style_num = next((s.num for s in chain if s.num), None)
    if numpr is not None:
        nid = numpr.find(_q("numId"))
        ilvl = _int(numpr.find(_q("ilvl")), "val", style_num[1] if style_num else 0, 0,
                    LEVELS - 1, path, DOCUMENT)
        if nid is not None:
            return nid.get(_q("val"), "0"), ilvl
        return (style_num[0], ilvl) if style_num else None
    return style_num


def _label(raw: str) -> str:
    """'(1)', '1.', 'a)' -> the model's '(1)' / '(a)' form; other labels are kept as printed."""
    if m := re.fullmatch(r"\(?([0-9]+[A-Za-z]?|[a-zA-Z]{1,5})[.)]?", raw.strip()):
        return f"({m.group(1)})"
    return raw.strip()


def _run_look(p: etree._Element) -> tuple[bool, float]:
    """(bold, font size in points) of the paragraph's first run with text."""
    for run in p.iter(_q("r")):
        if run.find(_q("t")) is None:
            continue
        rpr = run.find(_q("rPr"))
        if rpr is None:
            return False, 0.0
        bold = rpr.find(_q("b"))
        size = rpr.find(_q("sz"))
        try:
            points = int(size.get(_q("val"), "0")) / 2 if size is not None else 0.0
        except ValueError:
            points = 0.0
        return bold is not None and bold.get(_q("val"), "true") not in ("0", "false"), points
    return False, 0.0


def _indent(p: etree._Element) -> float:
    ind = p.find(f"{_q('pPr')}/{_q('ind')}")
    if ind is None:
        return 0.0
    raw = ind.get(_q("left")) or ind.get(_q("start")) or "0"
    return float(raw) / 20 if re.fullmatch(r"-?\d{1,6}", raw) else 0.0


@record
class WordDocument:
    """What the reader takes from a Word file: its blocks, its title and the tracked changes
    nobody accepted."""

    blocks: list[Block]
    title: str
    revisions: list[Revision]


def read_docx(data: bytes, path: Path, revisions: str = "accepted") -> WordDocument:
    """Every paragraph of a DOCX (tables and text boxes included) as blocks, read safely."""
    zf = open_package(data, path)
    document = parse_xml(read_part(zf, DOCUMENT, path) or b"", path, DOCUMENT)
    styles_xml = read_part(zf, "word/styles.xml", path)
    numbering_xml = read_part(zf, "word/numbering.xml", path)
    styles = _styles(parse_xml(styles_xml, path, "word/styles.xml") if styles_xml else None,
                     path)
    numbering = Numbering(parse_xml(numbering_xml, path, "word/numbering.xml")
                          if numbering_xml else None, path)
    body = document.find(_q("body"))
    if body is None:
        raise refuse(path, f"{DOCUMENT} has no body")
    blocks: list[Block] = []
    changes: list[Revision] = []
    title = ""
    for index, p in enumerate(body.iter(_q("p")), start=1):
        where = f"{path.name}, paragraph {index}"
        sid_el = p.find(f"{_q('pPr')}/{_q('pStyle')}")
        chain = _style_chain(sid_el.get(_q("val"), "") if sid_el is not None else "", styles)
        num = _num_of(p, chain, path)
        label, bullet = numbering.label(*num) if num else ("", False)
        text = paragraph_text(p, revisions)
        changes.extend(_revisions(p, where))
        style = chain[0].name if chain else ""
        if not text:
            continue
        if style.lower() in ("bill title", "title") and not title:
            title = text
        role = _role(chain)
        clause = next((b[3:].replace("_", "-") for b in
                       (el.get(_q("name"), "") for el in p.iter(_q("bookmarkStart")))
                       if b.startswith("ml_")), "")
        if role == "section" and label:
            text, label = f"{label} {text}", ""
        bold, size = _run_look(p)
        blocks.append(Block(text, where, role=role, label=_label(label) if label else "",
                            clause=clause if role in ("section", "definition", "") else "",
                            style=style, bold=bold, indent=_indent(p), size=size,
                            bullet=bullet))
    return WordDocument(blocks, title, changes)
