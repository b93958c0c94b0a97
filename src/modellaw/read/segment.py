"""The one segmenter: blocks of any format -> the bill tree.

Every reader (DOCX, ODT, Markdown, text, HTML, PDF, Akoma Ntoso) ends here, so a statute and
a reviewer's draft, a Word file and its PDF, are cut into provisions by the same rules:

1. *Lexing.*  Each block is cleaned (ligatures, non-breaking spaces, OCR's "( f)") and its
   opening is matched against the numbering grammars legislatures use: a grouping unit
   ("PART 2", "Chapter 1 : Definitions"), a section or article ("3.", "3.—(1)", "63AB—",
   "Sec. 20A.02.", "§ 1591", "529.100 Heading", "Art. 3.-", "Article (2)", "Article 3 bis",
   "279.011 (1)"), then item markers ("(1)", "(a)", "(i)", "(A)", "1°", "a)", "(1-a)",
   "A.(1)") and definitions ('"child" means').
2. *Section or subsection?*  A bare "3." is a section in a document numbered that way, but a
   subsection under "Article 3" or "Section 3"; the document's own keyword sections decide,
   and a bare number must run on from the last section (so "1." inside section 8 is an item).
3. *Depth.*  Item markers are placed eregs-style: each marker may be several things ("(i)" a
   letter after "(h)" or the first roman numeral), and the reading that continues an open
   sequence, with the next marker as tie-breaker, wins; a type already open never opens
   again deeper.
4. *Headings* are taken after the number, or from a short line before it, or from a marginal
   note, whichever the document gives.

Nothing is refused here: a document with text and no recognisable numbering comes back as one
provision per paragraph, with a warning.  Words before the first section (title, long title,
arrangement) are kept as the bill's front matter, line by line as read; the long title and the
arrangement of sections are also typed (`long_title`, `arrangement`), for an amendment to amend.
"""

from __future__ import annotations

import re
from pathlib import Path

from modellaw.model import Bill, Kind, Node, Provenance, Style, with_eids
from modellaw.read.blocks import Block, BrokenRef, Draft
from modellaw.records import field, record, replace

# --- cleaning ------------------------------------------------------------------------------

_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
                            "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st", "\u00a0": " ",
                            "\u2009": " ", "\u202f": " ", "\u200b": "", "\ufeff": "",
                            "\u00ad": "", "\t": " "})
_OCR_MARKER = re.compile(r"^\(\s([0-9a-zA-Z]{1,5})\s?\)|^\(([0-9a-zA-Z]{1,5})\s\)")
_SPACES = re.compile(r"\s+")
_OCR_ONE = re.compile(r"^l(?=\. [A-Z]|\d)")    # OCR's "l." for "1." opening a section


def clean(text: str) -> str:
    """One line of words as a reader sees them: spaces collapsed, ligatures spelt out, OCR's
    spaced-out markers ("( f)") closed up."""
    text = _OCR_ONE.sub("1", _SPACES.sub(" ", text.translate(_LIGATURES)).strip())
    return _OCR_MARKER.sub(lambda m: f"({m.group(1) or m.group(2)})", text)


# --- lexing --------------------------------------------------------------------------------

# "4-B" (the Philippines' inserted sections), "20A.02", "529.100", "63AB"
_NUM = r"\d{1,5}[A-Za-z]{0,3}(?:-[A-Z]{1,2}(?![A-Za-z]))?(?:[.\-]\d{1,4}[A-Za-z]{0,3}){0,2}"
_BARE_NUM = r"\d{1,5}[A-Z]{0,3}(?:\.\d{1,4}[A-Z]{0,3}){0,2}"
_LATIN = r"bis|ter|quater|quinquies|sexies|septies|octies|novies|decies"
KEYWORD_RE = re.compile(
    rf"^(?P<kw>SECTION|Section|SEC\.|Sec\.|Sect\.|§§?|ARTICLE|Article|ART\.|Art\.|"
    rf"ARTÍCULO|Artículo|Articulo|Artigo|Règle|Rule|RULE|Regulation|REGULATION)"
    rf" ?\(?(?P<num>{_NUM}|premier|1er)\)?(?P<latin> (?:{_LATIN})\b)?(?P<rest>.*)$")
PART_RE = re.compile(
    r"^(?P<kw>PART|Part|CHAPTER|Chapter|TITLE|Title|DIVISION|Division|SUBDIVISION|"
    r"Subdivision|BOOK|Book|SUBPART|Subpart|CHAPITRE|Chapitre|TITRE|Titre|CAPÍTULO|Capítulo)"
    r" (?P<num>[IVXLCDM]{1,8}|\d{1,4}(?:\.\d{1,3})?[A-Z]{0,2}|[A-Z])\b(?P<rest>.*)$")
_BARE_FORMS = (
    # 3.—(1) / 3—(1) / 3.(1): a section whose first subsection shares its line
    re.compile(rf"^(?P<num>{_BARE_NUM})\.? ?[\u2014\u2013-]+ ?(?P<rest>\(\d.*)$"),
    re.compile(rf"^(?P<num>{_BARE_NUM})\.(?P<rest>\(\d.*)$"),
    # 63AB—Offences relating to websites
    re.compile(rf"^(?P<num>{_BARE_NUM}) ?[\u2014\u2013] ?(?P<rest>\S.*)$"),
    # 3. Heading / 3. Whoever … / 3.
    re.compile(rf"^(?P<num>{_BARE_NUM})\.(?: (?P<rest>.*))?$"),
    # 1.Short title (typed with no space)
    re.compile(rf"^(?P<num>\d{{1,4}}[A-Z]{{0,2}})\.(?P<rest>[A-Z][a-z].*)$"),
    # 279.011 (1) …
    re.compile(rf"^(?P<num>{_BARE_NUM}) (?P<rest>\(\d.*)$"),
    # 2 Human trafficking / 529.100 Heading / 1Offence of human trafficking / 473.1
    re.compile(rf"^(?P<num>{_BARE_NUM})(?: |(?<=\d))(?P<rest>[A-Z][^ ]*(?: [^ ]+){{0,14}})$"),
    re.compile(r"^(?P<num>\d{1,5}\.\d{1,4}[A-Z]{0,3})(?P<rest>)$"),
)
_ROMAN_RE = re.compile(r"^m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
_MARKERS = (
    re.compile(r"^\((?P<m>\d{1,3}[A-Za-z]{0,2}(?:-[a-zA-Z0-9]{1,2})?|[a-zA-Z]{1,7})\) ?"),
    re.compile(r"^(?P<m>\d{1,3}) ?[\u00b0\u00ba](?:[ .\u2014\u2013-]+|$)"),
    re.compile(r"^(?P<m>[a-z]{1,4}|\d{1,3})\) "),
    re.compile(r"^(?P<m>[A-Z])\.(?=\(| )\s?"),
)
_TYPED_ITEM = re.compile(r"^(?P<m>\d{1,3})\. ")
_QUOTE_OPEN = "\"\u201c\u201d\u2018'\u00ab\u201e"
_QUOTE_CLOSE = "\"\u201d\u201c\u2019'\u00bb"
DEFINITION_RE = re.compile(
    rf"^(?P<open>[{_QUOTE_OPEN}]) ?(?P<term>[^{_QUOTE_CLOSE}]{{1,80}}?) ?(?P<close>[{_QUOTE_CLOSE}])"
    rf"(?P<rest>.*)$")
DEFINING_WORDS = re.compile(r"^[^.;\"\u201c\u201d]{0,80}?\b(means|includes|shall mean|has the meaning|"
                            r"refers to|shall include|is defined|denotes)\b", re.I)
_TERMINAL = (".", ";", ":", ",", "\u2014", "\u2013", "-")
_NOT_HEADING = re.compile(r"\b(shall|must|may|will|who|whoever|which|means|is|are|has|have|be|"
                          r"commits)\b")
_BROKEN_REF = re.compile(r"Error[!:] Reference source not found\.?", re.I)
MAX_NODES = 200_000


def heading_like(text: str, limit: int = 16) -> bool:
    """A short unpunctuated line that names a provision rather than saying something."""
    words = text.split()
    return (0 < len(words) <= limit and not text.endswith(_TERMINAL) and text[:1].isalpha()
            and text[:1].isupper() and not _NOT_HEADING.search(text))


def dotted_heading(text: str) -> bool:
    """"Human trafficking." / "SEXUAL TRAFFICKING.": a heading that ends in a full stop."""
    return text.endswith(".") and heading_like(text[:-1], 8)


def _is_year(num: str) -> bool:
    return num.isdigit() and 1800 <= int(num) <= 2100


@record
class _Section:
    num: str
    keyword: str
    rest: str
    strong: bool     # unambiguous ("3.—(1)", "Section 4", "2 Human trafficking")


def keyword_section(text: str) -> _Section | None:
    m = KEYWORD_RE.match(text)
    if not m:
        return None
    rest = m.group("rest")
    if rest[:1] == " " and rest[1:2].islower():
        return None  # "Section 4 of this Act applies …": a sentence citing a section
    if rest[:1].isalnum():
        return None  # "Article 30A" is caught whole by the number; "Section4x" is noise
    num = m.group("num") + (m.group("latin") or "")
    rest = rest.lstrip(" .:\u2014\u2013-)")
    kw = m.group("kw")
    return _Section(num, kw, rest, True)


def bare_section(text: str) -> _Section | None:
    for index, form in enumerate(_BARE_FORMS):
        m = form.match(text)
        if not m:
            continue
        num, rest = m.group("num"), (m.group("rest") or "").strip()
        if _is_year(num) and index >= 3:
            return None
        if index == 6 and not (heading_like(rest) or dotted_heading(rest) and not num.isdigit()):
            return None
        if index in (3, 4):
            return _Section(num, "", rest, not rest or heading_like(rest) or rest[:3] == "(1)"
                            or bool(re.match(r"^[^.]{2,90}\. ?[\u2014\u2013-]", rest)))
        return _Section(num, "", rest, True)
    return None


def markers(text: str) -> tuple[list[str], str]:
    """The item markers a line opens with ("(1)(a) Any person" -> ["1", "a"]) and the rest."""
    found: list[str] = []
    while len(found) < 4:
        for form in _MARKERS:
            m = form.match(text)
            if m and _plausible(m.group("m")):
                found.append(m.group("m"))
                text = text[m.end():].lstrip(" \u2014\u2013-") if form is not _MARKERS[0] \
                    else text[m.end():]
                break
        else:
            break
    return found, text.strip()


def _plausible(marker: str) -> bool:
    if marker[:1].isdigit():
        return True
    low = marker.lower()
    return len(set(low)) == 1 and len(low) <= 3 or bool(_ROMAN_RE.match(low))


def definition(text: str) -> tuple[str, str, str] | None:
    """(term, what it means, the quotation marks around the term) of a definition."""
    m = DEFINITION_RE.match(text)
    if m and DEFINING_WORDS.match(m.group("rest")):
        return m.group("term").strip(), m.group("rest").strip(), m.group("open") + m.group("close")
    return None


# --- item types ----------------------------------------------------------------------------

_ROMAN_VALUE = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


def roman_value(text: str) -> int:
    total, last = 0, 0
    for ch in reversed(text.lower()):
        value = _ROMAN_VALUE[ch]
        total = total - value if value < last else total + value
        last = max(last, value)
    return total


def _letter_value(text: str) -> int:
    return (len(text) - 1) * 26 + ord(text[0].lower()) - 96


def readings(marker: str) -> list[tuple[str, float]]:
    """(type, ordinal) for every way a marker can be read, likeliest first."""
    if marker[0].isdigit():
        number = re.match(r"\d+", marker).group()  # type: ignore[union-attr]
        # "(1A)", "(1-a)": inserted after (1), before (2)
        return [("int", int(number) + (0.5 if len(number) < len(marker) else 0))]
    out: list[tuple[str, float]] = []
    upper = marker.isupper()
    kind = "upper" if upper else "lower"
    is_letter = len(set(marker.lower())) == 1
    is_roman = bool(_ROMAN_RE.match(marker.lower()))
    if is_letter and (len(marker) == 1 or not is_roman):
        out.append((kind, _letter_value(marker)))
    if is_roman:
        out.append((f"{kind}-roman", roman_value(marker)))
    if is_letter and len(marker) > 1 and is_roman:
        out.append((kind, _letter_value(marker)))
    if marker == "l":
        out.append(("int", 1))  # OCR's "l" for "1"
    return out


# --- building ------------------------------------------------------------------------------

@record(frozen=False)
class _Open:
    kind: Kind
    num: str = ""
    heading: str = ""
    term: str = ""
    keyword: str = ""
    text: list[str] = field(default_factory=list)
    children: list["_Open"] = field(default_factory=list)
    wrap: list[str] = field(default_factory=list)
    clause: str = ""
    elements: tuple[str, ...] = ()
    location: str = ""
    type: str = ""
    ordinal: float = 0
    soft: bool = False


class _Builder:
    def __init__(self, keyword_mode: bool, vocabulary: frozenset[str]) -> None:
        self.keyword_mode = keyword_mode
        self.vocabulary = vocabulary
        self.front: list[str] = []
        self.arrangement: list[tuple[str, str]] = []
        self.parts: list[_Open] = []
        self.section: _Open | None = None
        self.stack: list[_Open] = []
        self.definition: _Open | None = None
        self.last: _Open | None = None          # the node the last words went to
        self.pending: tuple[str, str] | None = None  # (heading-like line, location)
        self.note: str = ""                     # a marginal note waiting for its section
        self.last_num: tuple[int, str] = (0, "")
        self.sections_seen: list[_Open] = []
        self.count = 0
        self.broken: list[tuple[str, str]] = []

    # -- entry ------------------------------------------------------------------------
    def add(self, block: Block, text: str, lookahead: str) -> None:
        role = block.role
        if _BROKEN_REF.search(text):
            self.broken.append((text, block.location))
        if role == "skip":
            self.front.append(text)
            return
        if role == "note":
            self.note = text
            return
        if role == "title":
            self.front.append(text)
            return
        if role == "part" or (role in ("", "section") and not block.label
                              and (m := PART_RE.match(text)) and len(text) < 160
                              and not text.endswith((";", ","))):
            self._part(block, text)
            return
        if role == "section":
            self._hinted_section(block, text)
            return
        if role == "text":
            if self.section is None:
                self.front.append(text)
            else:
                self._loose(block, text)
            return
        if role == "wrap" and self.section is not None:
            self._owner().wrap.append(text)
            return
        if role == "definition" and self.section is not None:
            self._definition(*(definition(text) or _bare_term(text)), block)
            return
        if block.label and role in ("", "item"):
            self._items([block.label.strip("().")], text, block)
            return
        self._words(block, text, lookahead)

    def _words(self, block: Block, text: str, lookahead: str) -> None:
        if text[:1] in _QUOTE_OPEN and definition(text) is None and (
                keyword_section(text[1:].lstrip()) or markers(text[1:].lstrip())[0]):
            text = text[1:].lstrip()     # a quoted amendment: '"SEC. 4. …', '"(a) To recruit'
        sec = keyword_section(text)
        if sec is None and not block.bullet:
            bare = bare_section(text)
            if bare is not None and self._bare_is_section(bare, text):
                sec = bare
        if sec is not None:
            self._flush_pending(sec)
            self._section(sec, block)
            return
        if self.section is None:
            self._front_or_pending(block, text)
            return
        if self._part_heading_wanted() and heading_like(text, 12) and not markers(text)[0]:
            self.parts[-1].heading = text
            return
        if not self.section.text and not self.section.children and text[:1] in "\u2014\u2013-":
            text = re.sub(r"^[\u2014\u2013-]+ ?", "", text)   # "3." then "—(1) Any person"
        if (found := definition(text)) is not None:
            self._flush_pending(None)
            self._definition(*found, block)
            return
        found_markers, rest = markers(text)
        if not found_markers and (self.keyword_mode or self._in_list()) \
                and (m := _TYPED_ITEM.match(text)):
            found_markers, rest = [m.group("m")], text[m.end():]
        if found_markers:
            self._flush_pending(None)
            self._items(found_markers, rest, block, lookahead)
            return
        self._loose(block, text)

    # -- grouping units and sections ----------------------------------------------------
    def _part(self, block: Block, text: str) -> None:
        m = PART_RE.match(text)
        num, kw, heading = (m.group("num"), m.group("kw"), m.group("rest").strip(" .:\u2014\u2013-")) \
            if m else (block.label, "", text)
        self._flush_pending(None)
        self.parts.append(_Open(Kind.PART, num=num, heading=heading, keyword=kw,
                                location=block.location))
        self.section, self.stack, self.definition, self.last = None, [], None, self.parts[-1]

    def _hinted_section(self, block: Block, text: str) -> None:
        if block.label:
            sec = _Section(block.label, "", text, True)
        else:
            sec = keyword_section(text) or bare_section(text)
            if sec is None:
                # a heading with no number (Word "Heading 3", Markdown "###"): it names the
                # section that follows, or is the section when none does
                self._flush_pending(None)
                self.pending = (text, block.location)
                return
            sec = replace(sec, strong=True)
        # a line above names the section only when the heading gives none of its own
        self._flush_pending(None if sec.rest else sec)
        self._section(sec, block, heading_only=True)

    def _bare_is_section(self, sec: _Section, text: str) -> bool:
        if self.keyword_mode:
            return False
        value = _int_prefix(sec.num)
        last_value, last_num = self.last_num
        runs_on = value > last_value or (value == last_value and sec.num > last_num)
        if self.section is not None and self.section.soft and not sec.strong and \
                self.stack and value <= 3:
            return False
        if runs_on:
            return sec.strong or self.section is None or value - last_value <= 5
        # a restart is a new run of sections only after an arrangement of bodiless headings
        bodiless = sum(1 for s in self.sections_seen if not s.children)
        if sec.strong and heading_like(sec.rest) and self.sections_seen and value == 1 and \
                bodiless * 2 >= len(self.sections_seen):
            self._arrangement()
            return True
        return False

    def _arrangement(self) -> None:
        """The sections so far were an arrangement of sections (a table of contents): their
        numbers and headings, with the Parts they stand in, are the arrangement, and words
        run on after an entry (the long title, the enacting formula) are front matter of
        their own; the body starts again at section 1, in the Part just opened (if any)."""
        for part in (p for p in self.parts if p.children):
            if part.num or part.heading:
                line = " ".join(t for t in (part.keyword, part.num, part.heading) if t)
                self.front.append(line)
                self.arrangement.append(("", line))
            for section in part.children:
                self.front.append(" ".join(t for t in (section.keyword, section.num,
                                                       section.heading) if t))
                self.front.extend(section.text)
                self.front.extend(_lines_below(section) + section.wrap)
                self.arrangement.append((section.num, section.heading))
        self.parts = [p for p in self.parts if not p.children]
        self.sections_seen, self.last_num = [], (0, "")
        self.section, self.stack, self.definition = None, [], None

    def _section(self, sec: _Section, block: Block, heading_only: bool = False) -> None:
        if not self.parts:
            self.parts.append(_Open(Kind.PART))
        node = _Open(Kind.SECTION, num=sec.num, keyword=sec.keyword, clause=block.clause,
                     elements=block.elements, location=block.location, soft=block.soft)
        if self.note:
            node.heading, self.note = self.note, ""
        self.count += 1
        if self.count > MAX_NODES:
            from modellaw.errors import Location, ModellawError
            raise ModellawError(f"more than {MAX_NODES} provisions; give the relevant acts "
                                "separately", Location(Path(block.location.split(",")[0])))
        self.parts[-1].children.append(node)
        self.sections_seen.append(node)
        self.section, self.stack, self.definition, self.last = node, [], None, node
        self.last_num = (_int_prefix(sec.num), sec.num)
        rest = sec.rest
        if heading_only:
            node.heading = node.heading or rest
            return
        head = re.match(r"^(?P<h>[^.]{2,90}?)\. ?[\u2014\u2013-]+ ?(?P<t>.*)$", rest) or \
            re.match(r"^(?P<h>[^.]{2,90}?)\.(?: (?P<t>.*))?$", rest)
        if node.heading:
            pass    # the line above named the section: what follows the number is its text
        elif head and heading_like(head.group("h"), 8):
            node.heading, rest = head.group("h"), head.group("t") or ""
        elif rest and heading_like(rest) and (not block.soft or rest[:1].isupper()):
            node.heading, rest = rest, ""
        if rest:
            rest = re.sub(r"^[\u2014\u2013-]+ ?", "", rest)
            self._words(replace(block, role=""), rest, "")

    def _flush_pending(self, sec: _Section | None) -> None:
        """A short line before a section is its heading; before anything else it is text."""
        if self.pending is None:
            return
        text, location = self.pending
        self.pending = None
        if sec is not None and not (sec.rest and heading_like(sec.rest)) and \
                not re.search(r"\d", text):
            self.note = text.rstrip(".")
            return
        if self.section is None:
            self.front.append(text)
        else:
            self._loose(Block(text, location), text)

    def _part_heading_wanted(self) -> bool:
        return bool(self.parts) and self.last is self.parts[-1] and not self.parts[-1].heading

    def _front_or_pending(self, block: Block, text: str) -> None:
        if self._part_heading_wanted() and heading_like(text.title(), 12):
            self.parts[-1].heading = text     # "PART 1" then "PRELIMINARY"
            return
        title = text.isupper() and not self.parts   # "PENAL CODE": the document's title
        if not title and (heading_like(text, 12) or dotted_heading(text)) and \
                (block.gap or block.soft):
            self._flush_pending(None)
            self.pending = (text, block.location)
        else:
            self._flush_pending(None)
            self.front.append(text)

    # -- definitions and items ------------------------------------------------------------
    def _definition(self, term: str, rest: str, quotes: str, block: Block) -> None:
        assert self.section is not None
        node = _Open(Kind.DEFINITION, term=term, text=[rest] if rest else [], keyword=quotes,
                     clause=block.clause, elements=block.elements, location=block.location)
        self.section.children.append(node)
        self.definition, self.stack, self.last = node, [], node

    def _in_list(self) -> bool:
        return bool(self.stack) and self.stack[0].type == "int"

    def _items(self, found: list[str], rest: str, block: Block, lookahead: str = "") -> None:
        if self.section is None:    # a numbered list before any section: front matter
            self.front.append(" ".join([*found, rest]))
            return
        for index, marker in enumerate(found):
            nxt = found[index + 1] if index + 1 < len(found) else lookahead
            self._item(marker, rest if index == len(found) - 1 else "", block, nxt)

    def _item(self, marker: str, text: str, block: Block, lookahead: str) -> None:
        assert self.section is not None
        depth, kind, ordinal = self._place(marker, lookahead)
        del self.stack[depth:]
        parent = self.stack[-1] if self.stack else (self.definition or self.section)
        if self.stack:
            level = min(_LEVEL[self.stack[-1].kind] + 1, 2)
        else:
            level = {"int": 0, "lower": 1}.get(kind, 2) if parent.kind is Kind.SECTION else 1
            if parent.kind is Kind.DEFINITION:
                level = 1 if kind != "int" else 0
        node = _Open(_KINDS[level], num=f"({marker})" if marker != "l" or kind != "int"
                     else "(1)", text=[text] if text else [], location=block.location,
                     type=kind, ordinal=ordinal)
        self.count += 1
        parent.children.append(node)
        self.stack.append(node)
        self.last = node

    def _place(self, marker: str, lookahead: str) -> tuple[int, str, float]:
        """(depth in the stack, type, ordinal): the cheapest reading of the marker."""
        options = readings(marker)
        ahead = readings(lookahead) if lookahead and _plausible(lookahead) else []
        best: tuple[float, int, str, float] | None = None
        for order, (kind, ordinal) in enumerate(options):
            open_types = [n.type for n in self.stack]
            cost: float
            for depth in range(len(self.stack) - 1, -1, -1):
                node = self.stack[depth]
                if node.type == kind and node.ordinal < ordinal <= node.ordinal + 3:
                    cost = ordinal - node.ordinal - 1
                    break
                if node.type == kind:
                    cost, depth = (4 if ordinal == 1 else 6), depth  # a restart in place
                    break
            else:
                depth = len(self.stack)
                cost = 1 if ordinal == 1 else 5
                if not self.stack and kind in ("int", "lower"):
                    cost -= 0.5
                elif self.stack and ordinal != 1 and _RANK[kind] < _RANK[self.stack[0].type]:
                    depth, cost = 0, 2   # "(2)" after "(a)"…"(f)": (1) was not printed
            if kind in open_types[:depth] and depth == len(self.stack):
                cost += 10
            for akind, aord in ahead:
                if akind == kind and aord == ordinal + 1:
                    cost -= 1.5
                    break
            cost += order * 0.1
            if best is None or cost < best[0]:
                best = (cost, depth, kind, ordinal)
        assert best is not None
        return best[1], best[2], best[3]

    # -- loose words ------------------------------------------------------------------------
    def _loose(self, block: Block, text: str) -> None:
        assert self.section is not None
        if block.soft:
            if self.pending is not None:
                self._flush_pending(None)
            target = self.last or self.section
            if target.kind is Kind.SECTION and not target.text and not target.children:
                if not target.heading and heading_like(text, 18):
                    target.heading = text    # "1." alone, then its heading (Kenya)
                    return
                if target.heading and text[:1].islower() and len(text.split()) <= 6 and \
                        not text.endswith(_TERMINAL):
                    target.heading = f"{target.heading} {text}"   # a heading broken in two
                    return
            if (heading_like(text, 12) or dotted_heading(text)) and not self._ends_open(target):
                self.pending = (text, block.location)
                return
            _append(target.wrap if target.children and target is not self.last else target.text,
                    text, self.vocabulary)
            return
        self._flush_pending(None)
        if not self.stack and not self.section.children:
            self.section.text.append(text)
        else:
            self._owner().wrap.append(text)

    def _ends_open(self, node: _Open) -> bool:
        """Whether the words so far stop mid-sentence, so the next line must continue them."""
        words = node.text[-1] if node.text else ""
        return bool(words) and not words.endswith((".", ";", "]", ":"))

    def _owner(self) -> _Open:
        assert self.section is not None
        for node in reversed(self.stack):
            if node.children:
                return node
        return self.definition if self.definition and self.definition.children else self.section

    def finish(self) -> None:
        if self.pending is not None:
            text, location = self.pending
            self.pending = None
            if self.section is None:
                self.front.append(text)
            else:
                self._loose(Block(text, location), text)
        if self.note:
            (self.section.text if self.section else self.front).append(self.note)
            self.note = ""


_RANK = {"int": 0, "lower": 1, "lower-roman": 2, "upper": 3, "upper-roman": 4}
_KINDS = (Kind.SUBSECTION, Kind.PARAGRAPH, Kind.SUBPARAGRAPH)
_LEVEL = {Kind.SUBSECTION: 0, Kind.PARAGRAPH: 1, Kind.SUBPARAGRAPH: 2, Kind.DEFINITION: 0,
          Kind.SECTION: -1}


def _int_prefix(num: str) -> int:
    m = re.match(r"\d+", num)
    return int(m.group()) if m else 0


def _bare_term(text: str) -> tuple[str, str, str]:
    m = DEFINITION_RE.match(text)
    return (m.group("term").strip(), m.group("rest").strip(), m.group("open") + m.group("close")) \
        if m else (text, "", "")


def _append(texts: list[str], line: str, vocabulary: frozenset[str]) -> None:
    """Join a continuation line; a hyphen at a line end is taken out only when the joined
    word occurs elsewhere in the document ("exploi-" + "tation"), and kept otherwise
    ("non-" + "custodial")."""
    if not texts:
        texts.append(line)
        return
    last = texts[-1]
    if last.endswith("-") and line[:1].islower() and len(last) > 1 and last[-2].isalpha():
        head = last.rsplit(" ", 1)[-1][:-1]
        tail = line.split(" ", 1)[0]
        joined = (head + tail).strip(".,;:").lower()
        if joined in vocabulary:
            texts[-1] = last[:-1] + line
            return
        texts[-1] = last + line
        return
    texts[-1] = f"{last} {line}"


# --- freezing ------------------------------------------------------------------------------

def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "x"


class _Freezer:
    def __init__(self) -> None:
        self.ids: set[str] = set()
        self.locations: dict[str, str] = {}
        self.keywords: dict[str, str] = {}
        self.by_location: dict[str, str] = {}

    def unique(self, node_id: str) -> str:
        base, n = node_id, 1
        while node_id in self.ids:
            n += 1
            node_id = f"{base}-{n}"
        self.ids.add(node_id)
        return node_id

    def freeze(self, node: _Open, node_id: str, inherited: Provenance) -> Node:
        node_id = self.unique(node_id)
        if node.location:
            self.locations[node_id] = node.location
            self.by_location.setdefault(node.location, node_id)
        if node.kind in (Kind.SECTION, Kind.PART, Kind.DEFINITION):
            self.keywords[node_id] = node.keyword
        prov = Provenance(node.clause, node.elements) if node.clause or node.elements \
            else inherited
        children = tuple(
            self.freeze(c, f"{node_id}.{c.num.strip('().') or _slug(c.term)}"
                        if c.kind is not Kind.DEFINITION else (c.clause or f"def-{_slug(c.term)}"),
                        prov)
            for c in node.children)
        return Node(kind=node.kind, id=node_id, num=node.num, heading=node.heading,
                    term=node.term, text=(" ".join(node.text),) if node.text else (),
                    children=children,
                    wrap_up=(" ".join(node.wrap),) if node.wrap else (), provenance=prov)


_CITED = re.compile(r"(?:may be cited as|shall be known as|is cited as) (?:the )?[\"\u201c]?"
                    r"([^\"\u201d\n]{3,120}?)[\"\u201d]?[.;]? ?(?:and|$)")
_TITLE = re.compile(
    r"((?:[A-Z][\w\u2019'\-]*|of|and|in|for|the|on|to|against)"
    r"(?: (?:[A-Z][\w\u2019'\-]*|of|and|in|for|the|on|to|against|\((?:[\w ]+)\)))*"
    r" (?:Act|Code|Law|Decree|Ordinance|Proclamation)(?: No\. \d+)?(?:,? \d{4})?"
    r"(?: \((?:Act |No\. |c\. |asp |Cap\. )[^)]{1,30}\))?)")


#: The heading of an arrangement of sections (a statute's table of contents).
ARRANGEMENT = re.compile(r"^(?:arrangement of (?:sections|articles|clauses)|(?:table of )?"
                         r"contents)$", re.I)
#: "An Act to provide for …", "AN ACT TO INSTITUTE …", "An Act of Parliament to …",
#: "AN ACT PUNISHING …"; also where a web page runs it on from "ACT" ("ACTAn Act to").
_LONG_TITLE = re.compile(r"(?:(?<![A-Za-z])|(?<=[A-Z]))(?:An|AN) (?:Act|ACT)"
                         r"(?: (?:of|OF) (?:Parliament|PARLIAMENT))?(?= (?:to|TO)\b| [A-Z]{4,}\b)")
#: What follows a long title: the enacting formula, a recital, the date of assent.
_AFTER_TITLE = re.compile(r"(?:(?:BE IT )?ENACTED|Be it enacted|WHEREAS|Whereas|NOW,? THEREFORE|"
                          r"\[|The (?:Parliament|National Assembly|Congress)\b)")


def long_title(front: list[str]) -> str:
    """The Act's long title among the words before its first section: from "An Act" to its
    full stop, or, printed over several lines without one, to the enacting formula, a
    recital, a Part or the arrangement ("" where the Act has none).  A note in brackets
    ("[Source: … An Act to …]") is not the Act's own words."""
    for index, line in enumerate(front):
        found = next((m for m in _LONG_TITLE.finditer(line)
                      if line[:m.start()].count("[") <= line[:m.start()].count("]")), None)
        if found is None:
            continue
        text = line[found.start():]
        for following in front[index + 1:index + 16]:
            if re.search(r"\.$|\.\s*(?=" + _AFTER_TITLE.pattern + ")", text) or \
                    _AFTER_TITLE.match(following) or PART_RE.match(following) or \
                    ARRANGEMENT.match(following):
                break
            text = f"{text} {following}"
        end = re.search(r"\.\s*(?=" + _AFTER_TITLE.pattern + ")", text)
        return (text[:end.start() + 1] if end else text).strip()
    return ""


def _title(hint: str, front: list[str], bill_texts: list[str], path: Path) -> str:
    if hint:
        return hint
    for text in bill_texts[:400]:
        if (m := _CITED.search(text)):
            return m.group(1).strip().rstrip(".")
    found = _TITLE.search(" ".join(front)[:3000])
    return found.group(1) if found else path.stem


def segment(blocks: list[Block], path: Path, *, fmt: str, title: str = "",
            warnings: tuple[str, ...] = ()) -> Draft:
    """The bill tree of a document's blocks, with where each node came from."""
    cleaned = [(b, clean(b.text)) for b in blocks]
    cleaned = _merge(_rejoin(cleaned))
    vocabulary: set[str] = set()
    for _, text in cleaned:
        vocabulary.update(w.lower() for w in re.findall(r"[A-Za-z]{3,}", text))
    keyword_sections = sum(1 for b, t in cleaned if b.role != "skip" and keyword_section(t))
    bare = sum(1 for b, t in cleaned if b.role != "skip" and not keyword_section(t)
               and (s := bare_section(t)) is not None and s.strong)
    builder = _Builder(keyword_mode=keyword_sections >= 2 and keyword_sections * 2 >= bare or
                       keyword_sections >= 1 and bare == 0, vocabulary=frozenset(vocabulary))
    for index, (block, text) in enumerate(cleaned):
        if not text and not block.label:
            continue
        lookahead = _next_marker(cleaned, index)
        builder.add(block, text, lookahead)
    builder.finish()
    draft_warnings = list(warnings)
    for part in builder.parts:
        if not part.children and (part.num or part.heading):   # a Part with no sections
            builder.front.append(" ".join(t for t in (part.keyword, part.num, part.heading) if t))
    parts = [p for p in builder.parts if p.children]
    listed = any(ARRANGEMENT.match(line) for line in builder.front)
    for part in parts:
        kept = []
        for s in part.children:
            if s.text or s.children or s.wrap or s.clause or _later_same(s, builder.sections_seen) is None:
                kept.append(s)
            else:
                builder.front.append(" ".join(t for t in (s.keyword, s.num, s.heading) if t))
                if listed:      # entries under "ARRANGEMENT OF SECTIONS", the body after
                    builder.arrangement.append((s.num, s.heading))
        part.children = kept
    parts = [p for p in parts if p.children]
    if not parts:
        parts = _one_per_paragraph(builder.front, cleaned)
        builder.front = []
        draft_warnings.append("no numbered sections or articles were recognised; each "
                              "paragraph is read as a provision of its own")
    freezer = _Freezer()
    frozen = []
    for index, part in enumerate(parts, start=1):
        sections = tuple(freezer.freeze(s, s.clause or f"sec-{_slug(s.num) if s.num else index}",
                                        Provenance()) for s in part.children)
        part_id = freezer.unique(f"part-{index}")
        freezer.keywords[part_id] = part.keyword
        if part.location:
            freezer.locations[part_id] = part.location
        frozen.append(with_eids(Node(Kind.PART, id=part_id, num=part.num or str(index),
                                     heading=part.heading, children=sections)))
    keywords = [freezer.keywords[n.id] for p in frozen for n in p.children]
    civil = any(k.lower().startswith(("art", "règle")) for k in keywords if k)
    section_word = next((k for k in keywords if k), "section")
    style = Style(tradition="civil-law" if civil else "common-law",
                  section_word="Article" if civil else
                  ("section" if section_word.lower().startswith("sec") else section_word),
                  part_label=next((p.keyword for p in parts if p.keyword), "Part"))
    texts = [t for p in frozen for n in p.walk() for t in (n.plain_text,) if t]
    bill = Bill(jurisdiction="", jurisdiction_name="",
                short_title=_title(title, builder.front, texts, path),
                long_title=long_title(builder.front), enacting_formula="", parts=tuple(frozen),
                preamble=tuple(builder.front), style=style,
                arrangement=tuple(builder.arrangement))
    broken = tuple(BrokenRef(text, where, freezer.by_location.get(where, ""))
                   for text, where in builder.broken)
    if broken:
        draft_warnings.append(f"{len(broken)} cross-reference(s) broken in the file "
                              "(\"Error! Reference source not found.\")")
    return Draft(bill=bill, path=path, locations=freezer.locations, name=path.name, format=fmt,
                 warnings=tuple(draft_warnings), broken_refs=broken, keywords=freezer.keywords)


def _lines_below(node: _Open) -> list[str]:
    """The words under an entry taken for an arrangement of sections, one line per item, so
    that reading a body as a table of contents by mistake moves words but never drops them."""
    lines = []
    for child in node.children:
        lines.append(" ".join(t for t in (child.num, child.heading, child.term, *child.text)
                              if t))
        lines.extend(_lines_below(child))
        lines.extend(child.wrap)
    return lines


def _later_same(section: _Open, sections: list[_Open]) -> _Open | None:
    """The same number met again with a body: `section` was an arrangement entry."""
    seen = False
    for other in sections:
        if other is section:
            seen = True
        elif seen and other.num == section.num and (other.text or other.children):
            return other
    return None


def _one_per_paragraph(front: list[str], cleaned: list[tuple[Block, str]]) -> list[_Open]:
    """A document with no numbering: every paragraph a provision, numbered in order."""
    part = _Open(Kind.PART)
    locations = {t: b.location for b, t in cleaned}
    for number, text in enumerate((t for t in front if t), start=1):
        part.children.append(_Open(Kind.SECTION, num=str(number), text=[text],
                                   location=locations.get(text, "")))
    return [part] if part.children else []


def _next_marker(cleaned: list[tuple[Block, str]], index: int) -> str:
    """The first item marker among the next few blocks: the tie-breaker for "(i)"."""
    for block, text in cleaned[index + 1:index + 4]:
        if block.label:
            return block.label.strip("().")
        found, _ = markers(text)
        if found:
            return found[0]
    return ""


def _plain(block: Block) -> bool:
    """A paragraph the file says nothing about (no numbering label, bullet or role), not a
    line of line-broken text, which the segmenter joins itself."""
    return not (block.soft or block.label or block.bullet or block.role)


def _opens(text: str) -> bool:
    """Whether a paragraph opens something of its own: a section, Part, item or definition."""
    bare = bare_section(text)
    return bool(keyword_section(text) or (bare and bare.strong) or PART_RE.match(text)
                or markers(text)[0] or definition(text))


def _rejoin(cleaned: list[tuple[Block, str]]) -> list[tuple[Block, str]]:
    """A file that puts every printed line in a paragraph of its own (a page copied line by
    line into Word or a web page): if a quarter of its paragraphs stop mid-sentence and the
    next runs on in lower case, each paragraph that does not end a sentence is joined by the
    one after it, unless that one opens a provision of its own.  Other files are untouched."""
    plain = [t for b, t in cleaned if _plain(b) and t]
    broken = sum(1 for a, b in zip(plain, plain[1:]) if a[-1:].isalnum() and b[:1].islower())
    if len(plain) < 8 or broken * 4 < len(plain):
        return cleaned
    out: list[tuple[Block, str]] = []
    for block, text in cleaned:
        if out and text and _plain(block) and _plain(out[-1][0]) and out[-1][1] and \
                not out[-1][1].endswith((".", ";", ":", "\u2014")) and not _opens(text):
            first, head = out[-1]
            joined = f"{head}{text}" if head.endswith("-") and text[:1].islower() \
                else f"{head} {text}"
            out[-1] = (replace(first, text=joined), joined)
            continue
        out.append((block, text))
    return out


def _merge(cleaned: list[tuple[Block, str]]) -> list[tuple[Block, str]]:
    """Blocks that are only half of a line: a lone marker ("(1)" in a table cell or an HTML
    span) joins the block after it; a lone quoted term joins the "means …" line after it."""
    out: list[tuple[Block, str]] = []
    carry: tuple[Block, str] | None = None
    for block, text in cleaned:
        if carry is not None:
            first, head = carry
            carry = None
            out.append((replace(block, text=f"{head} {text}", location=first.location,
                                gap=first.gap), f"{head} {text}"))
            continue
        found, rest = markers(text)
        lone_marker = found and not rest and not block.label and block.role in ("", "item")
        lone_term = (DEFINITION_RE.match(text) is not None and
                     not DEFINITION_RE.match(text).group("rest").strip())  # type: ignore[union-attr]
        if lone_marker or lone_term:
            carry = (block, text)
            continue
        out.append((block, text))
    if carry is not None:
        out.append((carry[0], carry[1]))
    return out
