"""Drafting checks no schema expresses, run alike over the document model and over AKN.

A bill can be valid XML and still send a reader to a provision that does not exist, use a
term it never defines, define one it never uses, impose a duty on nobody, or create an
offence with no penalty.  These checks look at a neutral view of a draft (`DocumentView`:
its provisions with their own words, the terms they use and the targets they cite), which
`bill_view` builds from the document model and `akn_checks` builds from an AKN file, so Markdown,
Word and Akoma Ntoso drafts are held to the same rules by the same code.
"""

from __future__ import annotations

import re
from typing import Iterator

from modellaw.library.clauses import Library
from modellaw.errors import Location, ModellawError
from modellaw.model import Bill, Inline, Kind, Node, Ref, TermUse, plain
from modellaw.records import field, record

#: Model elements the model law makes criminal offences with their own sanctions: a section
#: implementing one must state a penalty (the report: "specific sanctions").
OFFENCE_ELEMENTS = frozenset({"penal-code", "recruitment-offence", "advertising-offence",
                              "payment-offence", "platform-liability"})
PENALTY = re.compile(r"\b(liable|punishable)\b[^.;]*\b(imprisonment|fine)\b", re.I)
CREATES_OFFENCE = re.compile(r"\b(commits|is guilty of|shall be guilty of) an offence\b", re.I)
SHALL = re.compile(r"\bshall\b", re.I)
SENTENCE_END = re.compile(r"[.;:](?=\s|$)")
#: A sentence opening with a condition ("Where …, the court shall") has its subject after it.
CONDITION = re.compile(r"^\s*(where|if|when|whenever|unless|once)\b[^,\u2014]*[,\u2014]", re.I)
CONNECTORS = frozenset({"and", "or", "but", "then", "also", "further", "not"})

ERROR, WARNING = "error", "warning"


@record
class Finding:
    """One problem in a draft: which check, where (file and line, or clause), which eId."""

    level: int  # 1 schema, 2 naming, 3 drafting
    check: str
    message: str
    eid: str = ""
    where: Location = field(default_factory=Location)
    severity: str = ERROR

    def __str__(self) -> str:
        parts = [str(self.where), f"<{self.eid}>" if self.eid else "",
                 f"{self.message} [level {self.level}: {self.check}]"]
        return ": ".join(p for p in parts if p)

    def error(self) -> ModellawError:
        """As bad input, for the CLI's one error boundary."""
        where = self.where
        keypath = f"{where.keypath} <{self.eid}>".strip() if self.eid else where.keypath
        return ModellawError(f"{self.message} [level {self.level}: {self.check}]",
                             Location(where.path, where.line, where.col, keypath))


@record
class Provision:
    """One provision as the checks see it; `lead` is the words of the chapeaux above it
    (where the subject of a duty in a paragraph usually stands)."""

    eid: str
    where: Location
    section: str  # the eId of its section
    elements: tuple[str, ...] = ()
    heading_terms: tuple[str, ...] = ()
    lead: str = ""
    texts: tuple[str, ...] = ()  # its own words: chapeau or content, and wrap-up
    terms: tuple[tuple[str, str], ...] = ()  # (key, words as they read)
    refs: tuple[tuple[str, str, int], ...] = ()  # (target, label, line or 0)
    defines: tuple[str, str] = ("", "")  # (key, term) of a definition


@record
class DocumentView:
    provisions: tuple[Provision, ...]
    targets: frozenset[str]  # everything a reference may point at


def check_view(view: DocumentView) -> list[Finding]:
    """Every drafting finding, in document order of the provisions."""
    defined = {p.defines[0]: p for p in view.provisions if p.defines[0]}
    used = {key for p in view.provisions for key, _ in p.terms}
    findings: list[Finding] = []
    for p in view.provisions:
        findings += _references(p, view.targets)
        findings += [Finding(3, "undefined-term", f"'{words}' is marked as a defined term but "
                             "the bill does not define it", p.eid, p.where)
                     for key, words in p.terms if key not in defined]
        findings += [Finding(3, "term-in-heading", f"the defined term '{words}' is marked up in "
                             "a heading; headings are not operative text", p.eid, p.where)
                     for words in p.heading_terms]
        findings += _duties(p)
        if p.defines[0] and p.defines[0] not in used:
            findings.append(Finding(3, "unused-definition", f"the definition of "
                                    f"'{p.defines[1]}' is never used in the bill", p.eid,
                                    p.where, WARNING))
        findings += _offence_penalty(p)
    findings += _sections_with_penalties(view)
    return findings


def _references(p: Provision, targets: frozenset[str]) -> Iterator[Finding]:
    for target, label, line in p.refs:
        if target not in targets:
            where = Location(p.where.path, line or p.where.line, keypath=p.where.keypath)
            yield Finding(3, "dangling-ref", f"the reference '{label}' points at '{target}', "
                          "which is not in the bill", p.eid, where)


def _duties(p: Provision) -> Iterator[Finding]:
    """'shall' must have someone who shall: words before it in its own sentence."""
    for text in p.texts:
        for match in SHALL.finditer(text):
            sentence = SENTENCE_END.split(f"{p.lead} {text[:match.start()]}")[-1]
            sentence = CONDITION.sub("", sentence)
            words = [w for w in re.findall(r"[^\W\d_]+", sentence) if w.lower() not in CONNECTORS]
            if not words:
                yield Finding(3, "duty-without-subject", "'shall' without a subject: the "
                              "provision does not say who has the duty", p.eid, p.where)


def _offence_penalty(p: Provision) -> Iterator[Finding]:
    words = " ".join(p.texts)
    if CREATES_OFFENCE.search(words) and not PENALTY.search(words):
        yield Finding(3, "offence-without-penalty", "creates an offence but states no penalty",
                      p.eid, p.where)


def _sections_with_penalties(view: DocumentView) -> Iterator[Finding]:
    """A section implementing an offence of the model law must state its penalty."""
    by_section: dict[str, list[Provision]] = {}
    for p in view.provisions:
        by_section.setdefault(p.section, []).append(p)
    for eid, provisions in by_section.items():
        head = next((p for p in provisions if p.eid == eid), provisions[0])
        offences = sorted(set(head.elements) & OFFENCE_ELEMENTS)
        if offences and not any(PENALTY.search(t) for p in provisions for t in p.texts):
            yield Finding(3, "offence-without-penalty", f"implements {', '.join(offences)}, "
                          "which the model law makes an offence with its own penalty, but "
                          "states no penalty", eid, head.where)


# --- the document model as a view ------------------------------------------------------------

def _terms(parts: tuple[Inline, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((p.term, p.text) for p in parts if isinstance(p, TermUse))


def _refs(parts: tuple[Inline, ...]) -> tuple[tuple[str, str, int], ...]:
    return tuple((p.target, p.label, 0) for p in parts if isinstance(p, Ref))


def bill_view(bill: Bill, library: Library | None = None) -> DocumentView:
    """The bill's provisions; with the library, each is located at its clause's text."""
    def where(node: Node) -> Location:
        clause = library.clauses.get(node.provenance.clause) if library else None
        if clause is None:
            return Location(keypath=f"clause {node.provenance.clause}")
        return Location(clause.path, clause.first_lines.get("text", 0))

    provisions: list[Provision] = []

    def visit(node: Node, section: str, lead: str) -> None:
        if node.kind is Kind.SECTION:
            section = node.eid
        provisions.append(Provision(
            eid=node.eid, where=where(node), section=section,
            elements=node.provenance.elements if node.kind is Kind.SECTION else (),
            lead=lead, texts=tuple(plain(t) for t in (node.text, node.wrap_up) if t),
            terms=_terms(node.text + node.wrap_up), refs=_refs(node.text + node.wrap_up),
            defines=(node.term, node.term) if node.kind is Kind.DEFINITION else ("", "")))
        for child in node.children:
            visit(child, section, f"{lead} {node.plain_text}".strip())

    for part in bill.parts:
        for section in part.children:
            visit(section, section.eid, "")
    return DocumentView(tuple(provisions), frozenset(n.id for n in bill.walk()))


def check_bill(bill: Bill, library: Library | None = None) -> list[Finding]:
    """The drafting checks over a bill as assembled (for Markdown and Word drafts, which are
    written from it).  Errors have severity ERROR; an unused definition is a WARNING."""
    return check_view(bill_view(bill, library))
