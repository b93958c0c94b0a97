"""Read statutes as legislatures publish them and cut them into numbered provisions.

A drafter hands the toolkit whatever they have: a text file pasted from a PDF (lines broken
mid-sentence, a section number alone on its line), Markdown, a Word file, or Akoma Ntoso XML.
Analysis needs the same thing from all of them: each section with its number *as the statute
writes it* (so evidence can be cited as `s 8(1)(c)`, `§ 2423(a)`, `Sec. 3(a)`, `Article 5(2)`),
its heading, the Part or Chapter it sits in, and its subsections and paragraphs as a tree whose
markers survive, so that a quoted phrase can be pinned to the exact paragraph that holds it.

Nothing here judges content; a file that yields no numbered provision is reported as "not a
statute" rather than analysed as an empty law.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from modellaw.errors import Location, ModellawError
from modellaw.inputs import read_input

MAX_FILE_BYTES = 10_000_000          # a whole penal code in text is a few MB
MAX_PROVISIONS = 20_000

# How each numbering style is cited: (pattern, citation prefix).  Order matters: the specific
# forms first, the bare `4.` last.
_NUM = r"(\d{1,4}(?:\.\d{1,3})?[A-Z]{0,2})(?![a-z\d])"
_SECTION_STYLES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"^(?:SECTION|Section|SEC\.|Sec\.|Sect\.)\s*{_NUM}\.?\s*(.*)$"), "Sec. "),
    (re.compile(rf"^§+\s*{_NUM}\.?\s*(.*)$"), "§ "),
    (re.compile(rf"^(?:ARTICLE|Article|Art\.)\s+{_NUM}\.?\s*(.*)$"), "Article "),
    (re.compile(rf"^s\.?\s+{_NUM}\s+(.*)$"), "s "),
    (re.compile(rf"^{_NUM}\.(?!\d)\s*(.*)$"), "s "),
    # Decimal numbering (Australia, Canada): "473.1" alone or before its heading.
    (re.compile(r"^(\d{1,4}\.\d{1,3}[A-Z]{0,2})(?![\d.])\s*((?:[A-Z(].*)?)$"), "s "),
    # UK style: "2 Human trafficking" / "1Offence of human trafficking" (number glued to a
    # heading line with no final punctuation).
    (re.compile(rf"^{_NUM}\s?([A-Z][A-Za-z’'\-]+(?: [\w’'\-,()]+){{0,12}})$"), "s "),
)
_PART = re.compile(r"^(?:PART|Part|CHAPTER|Chapter|TITLE|Title|DIVISION|Division|"
                   r"SUBDIVISION|Subdivision)\s+([IVXLC]+|\d+(?:\.\d+)?[A-Z]?|[A-Z])\b"
                   r"\s*[:.\-—–]?\s*(.*)$")
_MARKER = re.compile(r"^[\"“']?\(\s*(\d{1,3}[A-Z]?|[a-z]{1,4})\s*\)\s*(.*)$")
_HEADING_TEXT = re.compile(r"^(.{2,90}?)\.\s*[—–-]+\s*(.+)$")   # "Definition of Terms. — As used"
_DASH_LEAD = re.compile(r"^[—–-]+\s*")
_TITLE = re.compile(
    r"((?:[A-Z][\w’'\-]*|of|and|in|for|the|on|to|against)"
    r"(?: (?:[A-Z][\w’'\-]*|of|and|in|for|the|on|to|against|\((?:[\w ]+)\)))*"
    r" (?:Act|Code|Law|Decree|Ordinance|Proclamation)(?: No\. \d+)?(?:,? \d{4})?"
    r"(?: \((?:Act |No\. |c\. |asp |Cap\. )[^)]{1,30}\))?)")
_DEFINITION_START = re.compile(r"^[\"“”'‘’]\s*[\w][^\"“”]{0,60}[\"“”'’]")
# Words no statute does without; a numbered list that has none of them is not one.
_LEGAL_WORDS = re.compile(r"\b(shall|must|offen[cs]e|person|means|act|law|court|penalty|liable|"
                          r"guilty|whoever|section|article|punish\w*|unlawful)\b", re.IGNORECASE)
_TERMINAL = (".", ";", ":", ",", "—", "–", "-")
_ROMAN = re.compile(r"^(?:i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii)$")


@dataclass
class Item:
    """A subsection, paragraph or subparagraph: its marker, its own words, its children."""

    marker: str
    level: int
    text: str = ""
    children: list["Item"] = field(default_factory=list)


@dataclass
class Provision:
    """One section or article: number as written, heading, Part, own text and items."""

    number: str
    prefix: str                    # "s ", "§ ", "Sec. ", "Article "
    heading: str = ""
    part: str = ""
    text: str = ""                 # words before the first marker (and unmarked sections)
    items: list[Item] = field(default_factory=list)

    def citation(self, path: tuple[str, ...] = ()) -> str:
        """`s 8(1)(c)`: the number and the markers of the item, as the statute prints them."""
        return self.prefix + self.number + "".join(f"({m})" for m in path)

    def full_text(self) -> str:
        parts = [self.text]

        def walk(items: list[Item]) -> None:
            for item in items:
                parts.append(f"({item.marker}) {item.text}")
                walk(item.children)
        walk(self.items)
        return " ".join(p for p in parts if p)


@dataclass
class Statute:
    """One file: its title (as found in it, else the file name) and its provisions."""

    path: Path
    title: str
    provisions: list[Provision]


# ---------------------------------------------------------------------------------------------
# Loading files into lines

def _fail(message: str, path: Path) -> ModellawError:
    return ModellawError(message, Location(path))


def read_bounded(path: Path) -> bytes:
    return read_input(path, MAX_FILE_BYTES,
                      "give the relevant acts or parts of the code separately")


def _decode_text(data: bytes, path: Path) -> str:
    if b"\x00" in data[:4096]:
        raise _fail("file is binary, not text (give a .txt, .md, .docx or Akoma Ntoso .xml "
                    "file)", path)
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 leaves only five bytes undefined
        raise _fail("file is not text in UTF-8 or Windows-1252", path)
    control = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\t\n\r\f")
    if control > 20:
        raise _fail("file is binary, not text", path)
    return text


def _markdown_to_lines(text: str) -> list[str]:
    """Headings and emphasis are typography; the numbering is what segments a statute."""
    lines = []
    for line in text.splitlines():
        line = re.sub(r"^\s{0,3}#{1,6}\s+", "", line)
        line = re.sub(r"^\s*>\s?", "", line)
        line = line.replace("**", "").replace("__", "")
        line = re.sub(r"\\([\\`*_{}\[\]()#+\-.!])", r"\1", line)
        lines.append(line)
    return lines


def _docx_lines(data: bytes, path: Path) -> list[str]:
    """A Word statute's paragraphs as lines, with the numbers Word draws ("4.", "(1)") put
    back in front: they are in numbering.xml, not in the text.  Paragraphs whose style marks
    them as front matter (title, arrangement of sections) are left out."""
    from modellaw.read.docx import docx_paragraphs

    return [f"{p.label} {p.text}".strip() for p in docx_paragraphs(data, path)
            if p.role != "skip"]  # a cover, title or table of contents is not enacted text


# ---------------------------------------------------------------------------------------------
# Akoma Ntoso

_AKN_SECTIONS = {"section", "article", "rule", "regulation"}
_AKN_ITEMS = {"subsection", "paragraph", "subparagraph", "point", "item", "clause",
              "subclause", "list", "indent", "alinea"}
_AKN_PARTS = {"part", "chapter", "title", "division", "book"}


def _akn_provisions(data: bytes, path: Path) -> list[Provision]:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise _fail(f"invalid XML: {exc}", path) from exc

    def local(el: etree._Element) -> str:
        return el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""

    def child_text(el: etree._Element, name: str) -> str:
        for sub in el:
            if local(sub) == name:
                return " ".join("".join(sub.itertext()).split())
        return ""

    def own_text(el: etree._Element) -> str:
        """The words of an element that are not in its numbered children."""
        out = []
        for sub in el:
            name = local(sub)
            if name in ("num", "heading") or name in _AKN_ITEMS or name in _AKN_SECTIONS:
                if name == "list":
                    out.append(own_text(sub))
                continue
            out.append(" ".join("".join(sub.itertext()).split()))
        return " ".join(t for t in out if t)

    def items(el: etree._Element, level: int) -> list[Item]:
        found = []
        for sub in el:
            name = local(sub)
            if name == "list" or (name in _AKN_ITEMS and not child_text(sub, "num")):
                found.extend(items(sub, level))
            elif name in _AKN_ITEMS:
                marker = child_text(sub, "num").strip("()., ")
                found.append(Item(marker, level, own_text(sub), items(sub, level + 1)))
        return found

    if local(root) != "akomaNtoso":
        raise _fail("XML file is not Akoma Ntoso (its root element is not <akomaNtoso>)", path)
    provisions = []
    for el in root.iter():
        if local(el) not in _AKN_SECTIONS:
            continue
        part = ""
        for anc in el.iterancestors():
            if local(anc) in _AKN_PARTS:
                part = " ".join(t for t in (local(anc).capitalize(), child_text(anc, "num"),
                                            child_text(anc, "heading")) if t)
                break
        number = child_text(el, "num").rstrip(".").strip()
        prefix = "Article " if local(el) == "article" else "s "
        if number.lower().startswith("article"):
            number = number.split(None, 1)[-1]
        provisions.append(Provision(number, prefix, child_text(el, "heading"), part,
                                    own_text(el), items(el, 1)))
    return provisions


# ---------------------------------------------------------------------------------------------
# Segmenting lines into provisions

def _section_start(line: str) -> tuple[str, str, str] | None:
    """(number, prefix, rest of line) when a line opens a section, else None."""
    for pattern, prefix in _SECTION_STYLES:
        match = pattern.match(line)
        if match:
            number, rest = match.group(1), match.group(2).strip()
            digits = int(re.match(r"\d+", number).group())  # type: ignore[union-attr]
            if prefix == "s " and 1800 <= digits <= 2100 and not number[-1].isalpha():
                return None     # a year at the start of a wrapped line, not a section
            if pattern is _SECTION_STYLES[-1][0] and line.endswith(_TERMINAL):
                return None
            return number, prefix, rest
    return None


def _looks_like_heading(line: str, limit: int = 12) -> bool:
    words = line.split()
    return (0 < len(words) <= limit and not line.endswith(_TERMINAL) and line[:1].isalpha()
            and not _MARKER.match(line) and not line.startswith(("[", "(")))


def _level(marker: str, stack: list[Item]) -> int:
    if marker[0].isdigit():
        return 1
    if _ROMAN.match(marker):
        parent_letters = [i for i in stack if i.level == 2]
        previous = parent_letters[-1].marker if parent_letters else ""
        sequel = {"i": "h", "v": "u", "x": "w"}
        if not (marker in sequel and previous == sequel[marker]) and stack:
            return 3
    return 2


class _Builder:
    """Accumulates lines of one provision into own text and an item tree."""

    def __init__(self, provision: Provision) -> None:
        self.provision = provision
        self.stack: list[Item] = []

    def add(self, line: str) -> None:
        line = _DASH_LEAD.sub("", line) if not self.stack and not self.provision.text else line
        match = _MARKER.match(line)
        if _DEFINITION_START.match(line):
            # Definitions are unnumbered paragraphs: "child" after item (g) of the previous
            # definition is not part of (g).
            self.stack.clear()
        if match:
            marker, rest = match.group(1), match.group(2)
            item = Item(marker, _level(marker, self.stack), rest.strip())
            while self.stack and self.stack[-1].level >= item.level:
                self.stack.pop()
            (self.stack[-1].children if self.stack else self.provision.items).append(item)
            self.stack.append(item)
        elif self.stack:
            self.stack[-1].text = _join(self.stack[-1].text, line)
        else:
            self.provision.text = _join(self.provision.text, line)


def _join(text: str, line: str) -> str:
    """Join a continuation line; a hyphen at a PDF line end joins the word back."""
    if not text:
        return line
    if text.endswith("-") and line[:1].islower():
        return text[:-1] + line
    return f"{text} {line}"


def _segment(lines: list[str]) -> list[Provision]:
    provisions: list[Provision] = []
    builder: _Builder | None = None
    part = ""
    pending_heading = ""
    previous_blank = True
    for raw in lines:
        line = " ".join(raw.replace("\u00a0", " ").split())
        if not line:
            previous_blank = True
            continue
        part_match = _PART.match(line)
        if part_match and len(line) < 120:
            part = line
            pending_heading = ""
            builder = None
            previous_blank = False
            continue
        start = _section_start(line)
        if start:
            number, prefix, rest = start
            provision = Provision(number, prefix, part=part)
            heading_text = _HEADING_TEXT.match(rest)
            if heading_text and _looks_like_heading(heading_text.group(1)):
                provision.heading, rest = heading_text.group(1), heading_text.group(2)
            elif rest and _looks_like_heading(rest, 18):
                provision.heading, rest = rest, ""
            elif not re.search(r"\d", pending_heading):   # not a title line like "ACT No. 5"
                provision.heading = pending_heading
            provisions.append(provision)
            if len(provisions) > MAX_PROVISIONS:
                raise ModellawError(f"more than {MAX_PROVISIONS} sections; give the relevant "
                                    "acts separately")
            builder = _Builder(provision)
            pending_heading = ""
            if rest:
                builder.add(rest)
            previous_blank = False
            continue
        if (builder is not None and _looks_like_heading(line) and not builder.provision.heading
                and not builder.provision.text and not builder.provision.items):
            builder.provision.heading = line      # "1." alone, then its heading (Kenya)
            previous_blank = False
            continue
        if pending_heading and builder is not None and not previous_blank:
            builder.add(pending_heading)         # two short lines in a row: text, not a heading
            pending_heading = ""
        if _looks_like_heading(line) and (previous_blank or builder is None
                                          or _ends_item(builder)):
            # A short unpunctuated line between provisions is the next section's heading
            # (Singapore, the UK); if no section follows it is harmless.
            pending_heading = line
            previous_blank = False
            continue
        if builder is not None:
            if pending_heading:
                builder.add(pending_heading)
                pending_heading = ""
            builder.add(line)
        previous_blank = False
    return provisions


def _ends_item(builder: _Builder) -> bool:
    """Whether the text so far ends a sentence, so a short line after it may be a heading."""
    last = builder.stack[-1].text if builder.stack else builder.provision.text
    return not last or last.endswith((".", ";", "]"))


def _title(text: str, path: Path) -> str:
    cited = re.search(r"(?:may be cited as|shall be known as|is cited as)\s+(?:the\s+)?[\"“]?"
                      r"([^\"”\n]{3,120}?)[\"”]?[.;]?\s*(?:and|$|\n)", text[:20000])
    if cited:
        return cited.group(1).strip().rstrip(".")
    found = _TITLE.search(text[:3000])
    return found.group(1) if found else path.stem


def read_statute(path: Path) -> Statute:
    """One file as a Statute; ModellawError (exit 2) for anything that is not a statute."""
    data = read_bounded(path)
    suffix = path.suffix.lower()
    if suffix == ".docx" or data[:4] == b"PK\x03\x04":
        lines = _docx_lines(data, path)
        provisions = _segment(lines)
        text = "\n".join(lines)
    elif suffix in (".xml", ".akn") or data.lstrip()[:5] == b"<?xml":
        provisions = _akn_provisions(data, path)
        text = data[:20000].decode("utf-8", "replace")
    else:
        text = _decode_text(data, path)
        lines = (_markdown_to_lines(text) if suffix in (".md", ".markdown")
                 else text.splitlines())
        provisions = _segment(lines)
    provisions = _without_arrangement([p for p in provisions if p.text or p.items or p.heading])
    words = {w.lower() for p in provisions[:400] for w in _LEGAL_WORDS.findall(p.full_text())}
    if not provisions or len(words) < 2:
        raise _fail("no numbered sections or articles found; this does not look like a statute "
                    "(sections should start a line: '4.', '4.—(1)', 'Section 4', 'Article 3', "
                    "'§ 2421A')", path)
    return Statute(path, _title(text, path), provisions)


def _without_arrangement(provisions: list[Provision]) -> list[Provision]:
    """Acts open with an arrangement of sections ("4. Recruitment of children …"): a number
    met again later with a body is the section itself, so its bodiless entry goes."""
    seen: dict[tuple[str, str], int] = {}
    for p in provisions:
        key = (p.prefix, p.number)
        seen[key] = seen.get(key, 0) + 1
    return [p for p in provisions if seen[(p.prefix, p.number)] == 1 or p.text or p.items]


def read_statutes(paths: list[Path] | tuple[Path, ...]) -> list[Statute]:
    """Several files that together form one country's law, each read on its own."""
    if not paths:
        raise ModellawError("give at least one statute file")
    return [read_statute(p) for p in paths]
