"""OpenDocument text (LibreOffice's .odt) -> blocks, safely.

content.xml is read with the DOCX reader's safeguards (size caps, no DTD, no entities).  List
labels are not in the text; they are computed from the list styles as LibreOffice draws them:
counters per list style and level, restarted by a new list unless it continues another
(`text:continue-numbering`, `text:continue-list`), honouring `text:start-value`, with the
style's prefix and suffix ("(" and ")").  A cached `text:number`, when present, wins.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from modellaw.errors import Location, ModellawError
from modellaw.labels import letters, roman
from modellaw.read.blocks import Block, refuse
from modellaw.read.docx import open_package, parse_xml, read_part, style_role
from modellaw.records import record

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
XML = "http://www.w3.org/XML/1998/namespace"
CONTENT = "content.xml"
MAX_START = 32767


def _t(tag: str) -> str:
    return f"{{{TEXT}}}{tag}"


@record
class _ListLevel:
    fmt: str       # "1", "a", "A", "i", "I", "" (bullet or none)
    prefix: str
    suffix: str
    start: int


def _number(n: int, fmt: str) -> str:
    if fmt in ("a", "A"):
        return letters(n).upper() if fmt == "A" else letters(n)
    if fmt in ("i", "I"):
        return roman(n) if fmt == "I" else roman(n).lower()
    return str(n) if fmt == "1" else ""


def _start(raw: str | None, path: Path) -> int:
    if raw is None:
        return 1
    if not raw.isdigit() or int(raw) > MAX_START:
        raise ModellawError(f"text:start-value={raw[:40]!r} is not a number from 0 to "
                            f"{MAX_START}; the file is damaged or crafted",
                            Location(path, keypath=CONTENT))
    return int(raw)


def _list_styles(root: etree._Element, path: Path) -> dict[str, dict[int, _ListLevel]]:
    styles: dict[str, dict[int, _ListLevel]] = {}
    for ls in root.iter(_t("list-style")):
        levels = {}
        for lvl in ls:
            raw = lvl.get(_t("level"), "1")
            if not raw.isdigit() or not 1 <= int(raw) <= 10:
                raise ModellawError(f"text:level={raw[:40]!r} is not a list level from 1 to 10",
                                    Location(path, keypath=CONTENT))
            number = lvl.tag == _t("list-level-style-number")
            levels[int(raw)] = _ListLevel(
                lvl.get(f"{{{STYLE}}}num-format", "") if number else "",
                lvl.get(f"{{{STYLE}}}num-prefix", "") if number else "",
                lvl.get(f"{{{STYLE}}}num-suffix", "") if number else "",
                _start(lvl.get(_t("start-value")), path) if number else 1)
        styles[ls.get(f"{{{STYLE}}}name", "")] = levels
    return styles


def _style_names(roots: list[etree._Element]) -> dict[str, str]:
    """Paragraph style name -> the name a person sees ("P12" -> "Arrangement Entry")."""
    names: dict[str, str] = {}
    parents: dict[str, str] = {}
    for root in roots:
        for st in root.iter(f"{{{STYLE}}}style"):
            name = st.get(f"{{{STYLE}}}name", "")
            names[name] = st.get(f"{{{STYLE}}}display-name") or name.replace("_20_", " ")
            if parent := st.get(f"{{{STYLE}}}parent-style-name"):
                parents[name] = parent
    for name, parent in parents.items():
        if re.fullmatch(r"P\d+", name):
            names[name] = names.get(parent, parent.replace("_20_", " "))
    return names


def _words(el: etree._Element) -> str:
    out: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.text and node.tag not in (_t("number"), _t("note-citation")):
            out.append(node.text)
        for child in node:
            if child.tag in (_t("s"), _t("tab"), _t("line-break")):
                out.append(" ")
            elif child.tag not in (_t("note"), _t("number"), _t("tracked-changes")):
                walk(child)
            if child.tail:
                out.append(child.tail)

    walk(el)
    return " ".join("".join(out).split())


def read_odt(data: bytes, path: Path) -> tuple[list[Block], str]:
    zf = open_package(data, path, CONTENT)
    root = parse_xml(read_part(zf, CONTENT, path) or b"", path, CONTENT)
    styles_xml = read_part(zf, "styles.xml", path)
    styles = _list_styles(root, path)
    roots = [root]
    if styles_xml:
        roots.append(parse_xml(styles_xml, path, "styles.xml"))
        for name, levels in _list_styles(roots[1], path).items():
            styles.setdefault(name, levels)
    names = _style_names(roots)
    body = root.find(f"{{{OFFICE}}}body/{{{OFFICE}}}text")
    if body is None:
        raise refuse(path, f"{CONTENT} has no text body")
    blocks: list[Block] = []
    counters: dict[str, list[int]] = {}
    ids: dict[str, str] = {}   # xml:id of a list -> its style, for continue-list
    title = ""
    count = [0]

    def paragraph(el: etree._Element, label: str) -> None:
        nonlocal title
        count[0] += 1
        text = _words(el)
        cached = el.find(_t("number"))
        if cached is not None and (cached.text or "").strip():
            label = cached.text.strip()
        style = names.get(el.get(_t("style-name"), ""), el.get(_t("style-name"), ""))
        if not text:
            return
        role = style_role(style)
        if el.tag == _t("h") and not role:
            role = "section" if el.get(_t("outline-level"), "1") != "1" else "title"
        if style.lower() in ("title", "bill title") and not title:
            title, role = text, "title"
        if role == "section" and label:
            text, label = f"{label} {text}", ""
        blocks.append(Block(text, f"{path.name}, paragraph {count[0]}", role=role,
                            label=label, style=style))

    def walk(el: etree._Element, style: str, level: int) -> None:
        for child in el:
            if child.tag in (_t("p"), _t("h")):
                paragraph(child, "")
            elif child.tag == _t("list"):
                list_(child, style, level)
            elif child.tag in (_t("tracked-changes"),):
                continue
            else:
                walk(child, style, level)

    def list_(el: etree._Element, style: str, level: int) -> None:
        style = el.get(_t("style-name"), style)
        if level == 0:
            continues = el.get(_t("continue-numbering")) == "true" or \
                ids.get(el.get(_t("continue-list"), ""), "") == style
            if not continues:
                counters[style] = [0] * 11
            if (xml_id := el.get(f"{{{XML}}}id")):
                ids[xml_id] = style
        levels = styles.get(style, {})
        fmt = levels.get(level + 1, _ListLevel("", "", "", 1))
        for item in el:
            if item.tag not in (_t("list-item"), _t("list-header")):
                continue
            own = [c for c in item if c.tag in (_t("p"), _t("h"))]
            label = ""
            if own and item.tag == _t("list-item") and fmt.fmt:
                row = counters.setdefault(style, [0] * 11)
                override = item.get(_t("start-value"))
                row[level] = _start(override, path) if override is not None else \
                    (row[level] + 1 if row[level] else fmt.start)
                for deeper in range(level + 1, 11):
                    row[deeper] = 0
                label = f"{fmt.prefix}{_number(row[level], fmt.fmt)}{fmt.suffix}"
            for index, child in enumerate(item):
                if child.tag in (_t("p"), _t("h")):
                    paragraph(child, label if index == 0 or child is own[0] else "")
                    label = ""
                elif child.tag == _t("list"):
                    list_(child, style, level + 1)

    walk(body, "", 0)
    return blocks, title
