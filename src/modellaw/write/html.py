"""Bill -> HTML that looks like a bill in a browser: the workbench's preview and its HTML
download.

Labels hang in their own column, as in print; every section, subsection, paragraph and
definition carries its clause, element and sources (shown when the pointer rests on it), and
the words that changed since a previous version of the same bill can be marked, so a
workshop sees what the option it just changed did to the text.
"""

from __future__ import annotations

import html
from typing import Iterator

from modellaw.judge.diff import word_changes
from modellaw.model import Bill, Kind, Node, plain

#: Styles for a bill on screen and on paper; the workbench page includes them too.
CSS = """
.bill{font-family:Georgia,'Times New Roman',serif;line-height:1.45;max-width:44em}
.bill h1{font-size:1.35em;text-align:center;margin:.2em 0}
.bill .kind{text-align:center;font-weight:bold;letter-spacing:.08em;margin:.6em 0}
.bill .long-title{text-align:center;font-style:italic}
.bill .enacting{font-weight:bold;margin:1em 0}
.bill .authority{font-weight:bold;margin:1em 0 .6em}
.bill .visa{margin:.2em 0}
.bill h2{font-size:1.05em;text-align:center;margin:1.4em 0 .4em}
.bill h2 .ph{display:block;font-weight:normal;font-variant:small-caps}
.bill h3{font-size:1em;margin:1em 0 .3em}
.bill .p{display:grid;grid-template-columns:3.2em 1fr;margin:.25em 0}
.bill .p>.num{font-weight:normal}
.bill .p>.body>.p{margin-left:0}
.bill .def>.body>.t{font-weight:bold}
.bill .wrap{margin:.2em 0 .2em 3.2em}
.bill [data-clause]:hover{background:#f4f1e6}
.bill mark{background:#fff0a6;padding:0 .1em}
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _marked(old: str | None, new: str) -> str:
    """`new` escaped, with the words that are not in `old` marked (nothing marked when there
    is no previous version to compare with, or the provision is new)."""
    if old is None or old == new:
        return _e(new)
    out = []
    for change in word_changes(old, new):
        if change.op == "equal":
            out.append(_e(change.new))
        elif change.new:
            out.append(f"<mark>{_e(change.new)}</mark>")
    return "".join(out)


def _about(node: Node) -> str:
    """The hover text: which clause drafted the provision, which element it implements, and
    the instruments it comes from."""
    p = node.provenance
    lines = [f"Clause: {p.clause}"]
    if p.elements:
        lines.append(f"Element: {', '.join(p.elements)}")
    if p.sources:
        lines.append("Sources: " + "; ".join(s.cite() for s in p.sources))
    return "\n".join(lines)


class _Writer:
    def __init__(self, bill: Bill, previous: Bill | None) -> None:
        self.bill = bill
        self.previous = {n.id: n for n in previous.walk()} if previous is not None else None

    def text(self, node: Node, which: str = "text") -> str:
        new = plain(getattr(node, which))
        if self.previous is None:
            return _e(new)
        before = self.previous.get(node.id)
        if before is None:
            return f"<mark>{_e(new)}</mark>" if new else ""
        return _marked(plain(getattr(before, which)), new)

    def attrs(self, node: Node) -> str:
        return (f' id="{_e(node.eid or node.id)}" data-id="{_e(node.id)}"'
                f' data-clause="{_e(node.provenance.clause)}"'
                f' data-elements="{_e(" ".join(node.provenance.elements))}"'
                f' title="{_e(_about(node))}"')

    def provision(self, node: Node) -> Iterator[str]:
        label = node.num if node.kind is not Kind.SECTION else ""
        cls = "p def" if node.kind is Kind.DEFINITION else "p"
        yield f'<div class="{cls}"{self.attrs(node)}><span class="num">{_e(label)}</span><div class="body">'
        if node.kind is Kind.DEFINITION:
            yield f'<span class="t">\u201c{_e(node.term)}\u201d</span> {self.text(node)}'
            yield from self.contents(node, "", '<div class="wrap">{}</div>')
        else:
            yield from self.contents(node, "<span>{}</span>", '<div class="wrap">{}</div>')
        yield "</div></div>"

    def contents(self, node: Node, text_form: str, wrap_form: str) -> Iterator[str]:
        """A provision's own words (in `text_form`), its children, then its closing words."""
        if node.text and text_form:
            yield text_form.format(self.text(node))
        for child in node.children:
            yield from self.provision(child)
        if node.wrap_up:
            yield wrap_form.format(self.text(node, "wrap_up"))

    def section(self, section: Node) -> Iterator[str]:
        word = "Article " if self.bill.style.tradition == "civil-law" else ""
        yield (f'<section class="sec"{self.attrs(section)}>'
               f"<h3>{_e(word + section.num)}. {_e(section.heading)}</h3>")
        yield from self.contents(section, "<p>{}</p>", "<p>{}</p>")
        yield "</section>"

    def bill_html(self) -> Iterator[str]:
        b = self.bill
        yield f'<article class="bill" lang="en"><h1>{_e(b.short_title)}</h1>'
        if b.civil:
            yield from self.preamble()
        else:
            yield '<p class="kind">A BILL</p>'
            yield f'<p class="long-title">{_e(b.long_title)}</p>'
            for recital in b.preamble:
                yield f"<p>{_e(recital)}</p>"
            yield f'<p class="enacting">{_e(b.enacting_formula)}</p>'
        label = b.style.part_label if b.civil else b.style.part_label.upper()
        for part in b.parts:
            yield (f'<h2 id="{_e(part.eid or part.id)}">{_e(label)} '
                   f'{_e(part.num)}<span class="ph">{_e(part.heading)}</span></h2>')
            for section in part.children:
                yield from self.section(section)
        if b.civil and b.reasons:
            yield f'<h2 class="reasons">Justifying reasons</h2><p>{_e(b.reasons)}</p>'
        yield "</article>"

    def preamble(self) -> Iterator[str]:
        """A civil-law law's preamble: the promulgating authority, the visas, the formula."""
        b = self.bill
        yield '<div class="preamble">'
        if b.authority:
            yield f'<p class="authority">{_e(b.authority)}</p>'
        for visa in b.preamble:
            yield f'<p class="visa">{_e(visa)}</p>'
        yield f'<p class="enacting">{_e(b.enacting_formula)}</p></div>'


def render_html_fragment(bill: Bill, previous: Bill | None = None) -> str:
    """The bill as an `<article>`; with `previous`, the words changed since it are marked."""
    return "\n".join(_Writer(bill, previous).bill_html())


def render_html(bill: Bill) -> bytes:
    """A self-contained page (no scripts, no external files) for download or print."""
    page = ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{_e(bill.short_title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
            f"{render_html_fragment(bill)}\n</body>\n</html>\n")
    return page.encode("utf-8")
