"""HTML pages of legislation websites (legislation.gov.uk, AustLII, Singapore Statutes Online,
Laws.Africa) and HTML a converter wrote -> blocks.

The page's navigation, scripts, styles and forms are dropped; if the page marks where the law
itself is (legislation.gov.uk's `viewLegContents`, Laws.Africa's `akn-akomaNtoso`, a `main` or
`article` element) only that is read.  Each block-level element becomes one block; `<pre>`
keeps its lines.  lxml's HTML parser never fetches anything, and a page that declares
entities is refused, as a legislature's page never does.
"""

from __future__ import annotations

from pathlib import Path

import lxml.html
from lxml import etree

from modellaw.read.blocks import Block, refuse

DROPPED = {"script", "style", "nav", "noscript", "form", "button", "select", "iframe",
           "object", "embed", "svg", "template", "header", "footer", "aside", "head"}
BLOCKS = {"p", "div", "li", "dt", "dd", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6",
          "blockquote", "section", "article", "tr", "table", "ul", "ol", "dl", "main", "body",
          "pre", "br", "hr", "caption", "figcaption", "address", "center"}
#: Laws.Africa renders Akoma Ntoso as spans; these are its paragraphs.
AKN_BLOCKS = ("akn-p", "akn-intro", "akn-wrapUp", "akn-listIntroduction", "akn-listWrapUp",
              "akn-heading", "akn-crossHeading")
CONTENT = ("//*[@id='viewLegContents']", "//*[contains(@class,'akn-akomaNtoso')]",
           "//main", "//article", "//*[@id='content']", "//*[@id='legis']")
HEADING_ROLES = {"h1": "title"}


def read_html(text: str, path: Path) -> tuple[list[Block], str]:
    head = text[:65536].lower()
    if "<!entity" in head:
        raise refuse(path, "declares entities; refused (a web page never needs them)")
    parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True,
                                  recover=True, huge_tree=False)
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise refuse(path, f"is not readable HTML ({exc})") from exc
    title_el = root.find(".//title")
    title = " ".join((title_el.text_content() if title_el is not None else "").split())
    for bad in list(root.iter(*DROPPED)):
        if bad.getparent() is not None:
            bad.drop_tree()
    body = next((found[0] for xpath in CONTENT if (found := root.xpath(xpath))), None)
    if body is None:
        body = root.find("body") if root.find("body") is not None else root
    blocks: list[Block] = []
    buffer: list[str] = []
    line = [0]

    def flush() -> None:
        words = " ".join("".join(buffer).split())
        buffer.clear()
        if words:
            blocks.append(Block(words, f"{path.name}, line {line[0]}"))

    def is_block(el: etree._Element) -> bool:
        if not isinstance(el.tag, str):
            return False
        classes = el.get("class", "")
        return el.tag in BLOCKS or any(c in classes.split() for c in AKN_BLOCKS)

    def walk(el: etree._Element) -> None:
        if is_block(el):
            flush()
            line[0] = el.sourceline or line[0]
        if isinstance(el.tag, str) and el.tag == "pre":
            for number, raw in enumerate((el.text_content() or "").splitlines()):
                if raw.strip():
                    blocks.append(Block(raw, f"{path.name}, line {(el.sourceline or 0) + number}",
                                        soft=True))
        else:
            if isinstance(el.tag, str) and el.text:
                buffer.append(el.text)
            for child in el:
                walk(child)
                if child.tail:
                    buffer.append(child.tail)
        if is_block(el):
            flush()
            if el.tag in HEADING_ROLES and blocks and not title:
                blocks[-1] = Block(blocks[-1].text, blocks[-1].location, role="title")

    walk(body)
    flush()
    return blocks, title
