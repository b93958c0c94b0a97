"""Which provision of a draft answers which provision of the model.

Provisions are sections and definitions (a definition is compared on its own, wherever the
draft put it).  They are paired first by the clause ids the toolkit embeds, then definitions
by their term, then what is left by heading and wording (difflib ratio on normalised words),
best pairs first.  Words are compared only inside each pair afterwards: one sequence diff over
a whole bill is slow on statute text and pairs unrelated sentences.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from modellaw.model import Bill, Kind, Node
from modellaw.records import record

#: Below this similarity two provisions are not the same provision.
THRESHOLD = 0.4
#: Candidates per provision that get the (slow) full ratio after the (fast) word-set filter.
CANDIDATES = 3

_TYPOGRAPHY = (("\u201c", '"'), ("\u201d", '"'), ("\u201e", '"'), ("\u2018", "'"),
               ("\u2019", "'"), ("\u2013", "-"), ("\u2014", "-"), ("\u2011", "-"))
_SPACES = str.maketrans({"\u00a0": " ", "\u2009": " ", "\t": " "})
_WORD = re.compile(r"\w+")


def tidy(text: str) -> str:
    """Spaces collapsed, typography kept: the words as a reviewer should see them."""
    return " ".join(text.translate(_SPACES).split())


def fold(text: str) -> str:
    """Curly quotes and dashes folded to plain ones, character for character (so offsets
    into the text still hold): what comparisons and review rules look at.  One `replace`
    per mark: `str.translate` with a table looks up every character of a whole draft in
    Python, and fold is asked of whole drafts for every pair."""
    for mark, plain in _TYPOGRAPHY:
        if mark in text:
            text = text.replace(mark, plain)
    return text


def normalise(text: str) -> str:
    """Tidied and folded, so that a draft retyped in another editor compares equal to the
    words it repeats."""
    return fold(tidy(text))


def clause_key(clause: str) -> str:
    """A clause id as it survives in a DOCX bookmark name (`ml_` + 37 characters)."""
    return re.sub(r"[^a-z0-9]", "_", clause.lower())[:37]


@record
class Line:
    """One printed provision inside a unit: its node, its full label and its words."""

    node_id: str
    label: str
    text: str


@record
class Unit:
    """A section (without its definitions) or a definition, flattened for comparison."""

    kind: str  # "section" | "definition"
    id: str
    clause: str
    elements: tuple[str, ...]
    label: str  # "section 4", "definition of "child""
    title: str  # heading or term
    lines: tuple[Line, ...]

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    def words(self) -> list[str]:
        return _WORD.findall(self.text.lower())


def _lines(node: Node, prefix: str, out: list[Line]) -> None:
    for child in node.children:
        if child.kind is Kind.DEFINITION:
            continue
        label = prefix + child.num
        words = tidy(f"{child.num} {child.plain_text}")
        out.append(Line(child.id, label, words))
        _lines(child, label, out)
        if child.wrap_up:
            out.append(Line(child.id, label, tidy(child.plain_wrap_up)))


def units(bill: Bill) -> list[Unit]:
    """The bill's provisions in document order."""
    word = bill.style.section_word
    found: list[Unit] = []
    for section in bill.sections():
        label = f"{word} {section.num}".strip()
        lines = [Line(section.id, label, tidy(section.heading))]
        if section.text:
            lines.append(Line(section.id, label, tidy(section.plain_text)))
        _lines(section, label, lines)
        if section.wrap_up:
            lines.append(Line(section.id, label, tidy(section.plain_wrap_up)))
        found.append(Unit("section", section.id, section.provenance.clause,
                          section.provenance.elements, label, section.heading, tuple(lines)))
        for node in section.walk():
            if node.kind is not Kind.DEFINITION:
                continue
            dlabel = f"definition of \u201c{node.term}\u201d"
            dlines = [Line(node.id, dlabel, tidy(f"\u201c{node.term}\u201d {node.plain_text}"))]
            _lines(node, dlabel + " ", dlines)
            if node.wrap_up:
                dlines.append(Line(node.id, dlabel, tidy(node.plain_wrap_up)))
            found.append(Unit("definition", node.id, node.provenance.clause,
                              node.provenance.elements, dlabel, node.term, tuple(dlines)))
    return found


@record
class Alignment:
    """Reference units each with their draft counterpart (or None), and the draft's extras."""

    pairs: tuple[tuple[Unit, Unit | None], ...]
    additions: tuple[Unit, ...]


def _ratio(a: list[str] | str, b: list[str] | str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _body(a: list[str], b: list[str]) -> float:
    """Half ratio, half containment: a draft that keeps a third of a long model provision in
    fewer words is still that provision, which ratio alone would deny."""
    if not a or not b:
        return 0.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    return 0.5 * matcher.ratio() + 0.5 * matched / min(len(a), len(b))


STOP = frozenset({"with", "from", "into", "under", "using", "other", "their", "section",
                  "article", "this", "that", "which"})


def _stems(title: str) -> set[str]:
    return {w[:5] for w in _WORD.findall(title.lower()) if len(w) > 3 and w not in STOP}


def _title(a: str, b: str) -> float:
    """Headings are short and retyped freely ("Recruiting children by computer"), so shared
    word stems count as much as spelling."""
    stems_a, stems_b = _stems(a), _stems(b)
    shared = len(stems_a & stems_b) / min(len(stems_a), len(stems_b)) if stems_a and stems_b \
        else 0.0
    return max(shared, _ratio(normalise(a).lower(), normalise(b).lower()))


def similarity(ref: Unit, draft: Unit) -> float:
    """How alike two provisions are, headings and words (0 to 1)."""
    return _score(ref, draft, ref.words(), draft.words())


def _score(ref: Unit, draft: Unit, ref_words: list[str], draft_words: list[str]) -> float:
    title = _title(ref.title, draft.title)
    body = _body(ref_words, draft_words)
    weight = 0.5 if ref.kind == "definition" else 0.35
    return weight * title + (1 - weight) * body


#: Two provisions the judge cites for the same element are the same provision from this
#: similarity on (the element already says they do the same work).
ELEMENT_THRESHOLD = 0.1


def align(reference: list[Unit], draft: list[Unit],
          groups: tuple[tuple[tuple[int, ...], tuple[int, ...]], ...] = ()) -> Alignment:
    """Pair reference and draft provisions: by clause id, by defined term, by identical
    words, then inside each of `groups` (the reference's and the draft's provisions for one
    model element, as the judge cites them), then by similarity."""
    match: dict[int, int] = {}  # reference index -> draft index
    taken: set[int] = set()

    def pair(i: int, j: int) -> None:
        match[i] = j
        taken.add(j)

    by_clause: dict[str, list[int]] = {}
    for j, unit in enumerate(draft):
        if unit.clause:
            by_clause.setdefault(f"{unit.kind}:{clause_key(unit.clause)}", []).append(j)
    for i, unit in enumerate(reference):
        free = [j for j in by_clause.get(f"{unit.kind}:{clause_key(unit.clause)}", [])
                if j not in taken] if unit.clause else []
        if free:
            pair(i, free[0])
    terms = {normalise(u.title).lower(): j for j, u in enumerate(draft) if u.kind == "definition"}
    for i, unit in enumerate(reference):
        j = terms.get(normalise(unit.title).lower()) if unit.kind == "definition" else None
        if i not in match and j is not None and j not in taken:
            pair(i, j)
    _identical(reference, draft, match, taken)
    # one pool for every element, best pairs first: a draft section the judge cites for two
    # elements goes to the model provision it resembles most
    _pair_best(reference, draft, {(i, j) for refs, drafts in groups for i in refs
                                  if i not in match for j in drafts if j not in taken},
               match, taken, ELEMENT_THRESHOLD)
    _by_similarity(reference, draft, match, taken)
    pairs = tuple((unit, draft[match[i]] if i in match else None)
                  for i, unit in enumerate(reference))
    return Alignment(pairs, tuple(u for j, u in enumerate(draft) if j not in taken))


def _identical(reference: list[Unit], draft: list[Unit], match: dict[int, int],
               taken: set[int]) -> None:
    """Provisions the draft repeats word for word pair up at once, in order."""
    free: dict[tuple[str, str], list[int]] = {}
    for j, unit in enumerate(draft):
        if j not in taken:
            free.setdefault((unit.kind, fold(unit.text)), []).append(j)
    for i, unit in enumerate(reference):
        same = free.get((unit.kind, fold(unit.text)))
        if i not in match and same:
            j = same.pop(0)
            match[i] = j
            taken.add(j)


def _by_similarity(reference: list[Unit], draft: list[Unit], match: dict[int, int],
                   taken: set[int]) -> None:
    """Greedy best-first pairing of what ids and terms left unpaired."""
    refs = [i for i in range(len(reference)) if i not in match]
    drafts = [j for j in range(len(draft)) if j not in taken]
    if not refs or not drafts:
        return
    sets = {("r", i): set(reference[i].words()) for i in refs}
    sets.update({("d", j): set(draft[j].words()) for j in drafts})
    shortlist: set[tuple[int, int]] = set()
    for i in refs:
        ranked = sorted((j for j in drafts if draft[j].kind == reference[i].kind),
                        key=lambda j: -_jaccard(sets[("r", i)], sets[("d", j)]))
        shortlist.update((i, j) for j in ranked[:CANDIDATES])
    for j in drafts:
        ranked = sorted((i for i in refs if reference[i].kind == draft[j].kind),
                        key=lambda i: -_jaccard(sets[("r", i)], sets[("d", j)]))
        shortlist.update((i, j) for i in ranked[:CANDIDATES])
    _pair_best(reference, draft, shortlist, match, taken, THRESHOLD)


def _pair_best(reference: list[Unit], draft: list[Unit], candidates: set[tuple[int, int]],
               match: dict[int, int], taken: set[int], threshold: float) -> None:
    ref_words = {i: reference[i].words() for i in {i for i, _ in candidates}}
    draft_words = {j: draft[j].words() for j in {j for _, j in candidates}}
    scored = sorted(((_score(reference[i], draft[j], ref_words[i], draft_words[j]), i, j)
                     for i, j in candidates), key=lambda s: (-s[0], s[1], s[2]))
    for score, i, j in scored:
        if score < threshold:
            break
        if i not in match and j not in taken:
            match[i] = j
            taken.add(j)


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0
