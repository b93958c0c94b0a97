"""Akoma Ntoso XML -> blocks, mapped from its elements rather than guessed from words.

Grouping units (part, chapter, title, division) become part blocks; sections, articles, rules
and regulations become section blocks with their number and heading; numbered items
(subsection, paragraph, point …) become labelled item blocks; intros, contents and wrap-ups
become words.  The parser never resolves entities, loads a DTD or touches the network.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from modellaw.read.blocks import Block, refuse

SECTIONS = {"section", "article", "rule", "regulation"}
ITEMS = {"subsection", "paragraph", "subparagraph", "point", "item", "clause", "subclause",
         "indent", "alinea", "hcontainer", "level"}
PARTS = {"part", "chapter", "title", "division", "subdivision", "book", "subpart", "subtitle"}
SKIP = {"meta", "num", "heading", "subheading", "authorialNote", "remark"}


def _local(el: etree._Element) -> str:
    return el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""


def _words(el: etree._Element | None) -> str:
    return " ".join("".join(el.itertext()).split()) if el is not None else ""


def _child(el: etree._Element, name: str) -> etree._Element | None:
    return next((c for c in el if _local(c) == name), None)


def read_akn(data: bytes, path: Path) -> tuple[list[Block], str]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise refuse(path, f"is invalid XML ({exc})") from exc
    if _local(root) != "akomaNtoso":
        raise refuse(path, "is XML but not Akoma Ntoso (its root element is not <akomaNtoso>)")
    blocks: list[Block] = []
    title = ""
    for el in root.iter():
        if _local(el) in ("shortTitle", "docTitle") and not title:
            title = _words(el)

    def where(el: etree._Element) -> str:
        return f"{path.name}, line {el.sourceline or 0}"

    def structure(el: etree._Element) -> None:
        """Numbered items and wrap-ups below a section or item, wherever lists put them."""
        for sub in el:
            name = _local(sub)
            if name in ITEMS and _child(sub, "num") is not None:
                blocks.append(Block(_own_words(sub), where(sub), role="item",
                                    label=_words(_child(sub, "num")).strip(" .")))
                structure(sub)
            elif name in ("wrapUp", "listWrapUp"):
                blocks.append(Block(_words(sub), where(sub), role="wrap"))
            elif name not in SKIP:
                structure(sub)

    def walk(el: etree._Element) -> None:
        for sub in el:
            name = _local(sub)
            if name in SKIP or not name:
                continue
            num, heading = _words(_child(sub, "num")), _words(_child(sub, "heading"))
            if name in PARTS:
                blocks.append(Block(f"{name.capitalize()} {num} {heading}".strip(), where(sub),
                                    role="part"))
                walk(sub)
            elif name in SECTIONS:
                number = num.rstrip(".").strip()
                if number.lower().startswith(("article", "section")):
                    number = number.split(None, 1)[-1] if " " in number else ""
                text = f"Article {number} {heading}" if name == "article" else \
                    f"{number}. {heading}"
                blocks.append(Block(text.strip() if number else heading, where(sub),
                                    role="section"))
                if own := _own_words(sub):
                    blocks.append(Block(own, where(sub), role="text"))
                structure(sub)
            else:
                walk(sub)

    walk(root)
    return [b for b in blocks if b.text or b.label], title


def _own_words(el: etree._Element) -> str:
    """The words an item says before any numbered item inside it."""
    out = []
    for sub in el:
        name = _local(sub)
        if name in SKIP or name in ITEMS or name in SECTIONS or name in ("wrapUp",
                                                                         "listWrapUp"):
            continue
        if any(_local(c) in ITEMS for c in sub.iter() if c is not sub):
            intro = _child(sub, "intro") or _child(sub, "listIntroduction")
            out.append(_words(intro))
            continue
        out.append(_words(sub))
    return " ".join(t for t in out if t)
