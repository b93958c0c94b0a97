"""The one judge: each model-law element met, partial or missing in a document, with the
provisions and the exact words it relies on.

A country's statute and a reviewer's draft are the same kind of document (a `Bill` read by
whichever reader), so `analyze`, `diff` and `gaps` all ask this module.  It reads the way a
reviewer reads a law, by substance, not by keyword: an age of 18 written inside an offence
defines a child ("under 18", "below the age of eighteen years", "has not attained the age of
18 years", a "child" that "means a minor" defined as under 18); "by any means", "even if none
of the means" or "it is not necessary to prove ... force" lift the means element, while
"consent is no defence" is not a means; a recruitment or advertising offence that never names
technology only partly meets a technology-specific element; a service provider's
"shall"/"must" is a duty but a defence is not; a higher penalty "where the victim is a child"
is an aggravated penalty; payments that are only a *means* of trafficking are not a payment
offence.  Offences are recognised in every drafting tradition: "commits an offence",
"shall be punished by", "shall be fined under this title or imprisoned".

Evidence first (ContractNLI style): a verdict of met or partial always quotes the words it
rests on, with the node, its citation ("s 8(1)(c)", "Article 3", "§ 1591(a)") and where the
words are in the file; without quoted words the verdict is missing.  Nothing here reads files.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, Iterator, Sequence

from modellaw.library.elements import ELEMENTS
from modellaw.model import Bill, Kind, Node
from modellaw.read.blocks import Draft
from modellaw.records import record

#: `unclear`: the words found point to another law for their meaning ("has the meaning given in
#: the Children Act"), which was not given; a profile records it as `unknown`.
STATUSES = ("met", "partial", "missing", "unclear")
QUOTE_LIMIT = 320


@record
class Quote:
    """Words a verdict relies on: which node, how the document cites it, where it is."""

    node: str                  # node id in the document's bill
    provision: str             # "s 8(1)(c)", "Article 3(2)", "§ 1591(a)"
    document: str              # the document's title
    quote: str
    location: str              # "act.docx, paragraph 12"

    @property
    def citation(self) -> str:
        return f"{self.document}, {self.provision}" if self.document else self.provision


@record
class Verdict:
    element: str
    status: str
    evidence: tuple[Quote, ...]
    reason: str


@record
class Judgement:
    """The verdicts on one document (or several read together), in the model's order."""

    sources: tuple[tuple[str, str], ...]       # (file name, title)
    verdicts: tuple[Verdict, ...]

    def verdict(self, element: str) -> Verdict:
        return next(v for v in self.verdicts if v.element == element)


@record
class Unit:
    """A node with its own words, the lead-in above it and its whole section's words."""

    node: Node
    section: Node
    provision: str             # its citation
    document: str
    location: str
    text: str                  # own words (a definition's with its term in quotes)
    lead: str                  # the words of the nodes above it inside the section
    full: str                  # own words and every node's below it
    whole: str                 # the section's heading and all its words
    scope: str                 # lead-in and own words: what a test reads

    @property
    def is_definition(self) -> bool:
        return self.node.kind is Kind.DEFINITION


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_Q = "\"\u201c\u201d'\u2018\u2019"   # quotation marks around a defined term
NUMBER_WORDS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split())}
NUMBER_WORDS.update({"twenty-one": 21, "twenty-four": 24, "twenty-five": 25, "thirty": 30,
                     "forty": 40, "fifty": 50})
_NUMBER = r"(\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
#: "not less than fifteen years" is a term of imprisonment, not an age: "under" and "less
#: than" after "not", or before "years'/years of imprisonment", never set an age.
_BELOW = (r"(?:(?<!not )(?<!no )(?<!be )(?:under|below|less than)|younger than|not (?:yet )?(?:attained|"
          r"reached|completed|achieved)|(?:has|have) not (?:yet )?(?:attained|reached|completed))")
_NOT_TERM = r"(?!\s*(?:\(\d+\)\s*)?(?:years?'?|yrs)\s+(?:of\s+)?(?:imprisonment|in prison|and not exceeding))"
_AGE = r"\s+(?:the\s+)?(?:full\s+)?(?:age\s+of\s+)?"
AGE18 = _rx(_BELOW + _AGE + r"(?:18|eighteen)\b")
AGE_OTHER = _rx(_BELOW + _AGE + r"(\d{1,2}|seventeen|sixteen|fifteen|fourteen|thirteen|"
                r"twelve)\b" + _NOT_TERM + r"\s*(?:\(\d+\)\s*)?(?:years|yrs)")
#: Any age limit, in figures or words: "under 16", "below the age of eighteen (18) years",
#: "has not attained the age of sixteen years", "a person who is less than 16".
AGE_LIMIT = _rx(_BELOW + _AGE + _NUMBER + r"\b" + _NOT_TERM)


def number(word: str) -> int:
    """A number as statutes write it, in figures or in words."""
    return int(word) if word.isdigit() else NUMBER_WORDS[word.lower()]


def ages(text: str) -> list[tuple[int, int]]:
    """Every age limit in `text` with its offset; "(18)" after a number in words is the same
    age written twice."""
    return [(number(m.group(1)), m.start()) for m in AGE_LIMIT.finditer(text)]
CHILD = _rx(r"\b(?:child|children|minor|minors|juvenile|young person|mineurs?)\b|" + AGE18.pattern)
NOT_CHILD = _rx(r"\(?\s*other than a child\s*\)?|not being a child|except a child")
#: The acts of trafficking, in English and in the French of civil-law codes ("de recruter une
#: personne, de la transporter, de la transférer, de l'héberger ou de l'accueillir").
ACTS = {"recruit": _rx(r"\brecruit|\brecrut"), "transport": _rx(r"\btransport"),
        "transfer": _rx(r"\btransfer|\btransf[eé]r"), "harbour": _rx(r"\bharbou?r|h[eé]berg"),
        "receive": _rx(r"\breceiv|\breceipt\b|\baccueill")}
SEXUAL = _rx(r"sexual exploitation|prostitution|commercial sex|sexual (?:act|activit|services|"
             r"conduct|purpose)|pornograph|sexually exploit|proxénétisme|sexuelle")
EXPLOITATION = _rx(r"exploitation|exploited|\bexploit\b")
TRAFFICKING = _rx(r"\btraffick|\btraffic\b|\btraite des (?:êtres humains|personnes)")
#: An offence named for children: "engages in child sex trafficking", "trafficking in a minor".
CHILD_TRAFFICKING = _rx(r"\bchild (?:sex )?trafficking|traffic\w* (?:in |of )?(?:a |any )?"
                        r"(?:child|minor)s?\b")
#: A penalty graded for one case of an offence defined elsewhere ("Where the offence involves
#: the trafficking of a child, it shall be punishable ..."): an aggravation, not an offence.
GRADING = _rx(r"^\W*(?:where|when|if) (?:(?:the|such|that) (?:offen[cs]e|crime)\b|"
              r"(?:a|any|the) person is (?:again )?convicted)")
#: An offence that is trafficking by name: "commits the offence of trafficking", "is guilty of
#: promoting human trafficking", "Human trafficking is a Class C felony", "shall not traffic";
#: not "in furtherance of the offence of trafficking", which is another offence's condition.
TRAFFICKING_OFFENCE = _rx(
    r"(?:commits?|guilty of) (?:the |an )?(?:offen[cs]e|crime) of (?:human |child )?traffick|"
    r"guilty of (?:promoting )?(?:human |child )?traffick|shall not traffic|"
    r"offen[cs]e if (?:the person |he or she |he |she )?(?:knowingly|intentionally)?\s*:?\s*"
    r"(?:\(\d+\)\s*)?traffics\b|"
    r"^(?:promoting )?(?:human )?trafficking (?:in persons )?is (?:a|an) (?:class|offen|felon|crime)")
#: A definition of trafficking itself: "'Traffic' means to transport, entice, recruit ...".
TRAFFIC_DEF = _rx(rf"^\W*(?:\(\w+\)\s*)?[{_Q}]?\s*traffic(?:k?ing)?\s*[{_Q}]?\s*(?:means|"
                  r"refers to|includes)")
#: The means element, with the remuneration some codes require instead ("en échange d'une
#: rémunération ou de tout autre avantage").
MEANS = _rx(r"en échange d'une rémunération|in (?:exchange|return) for (?:a )?(?:remuneration|reward)|"
            r"by means of (?:threat|force|coercion|fraud|deception|abduction)|\bthreat|use of "
            r"force|coercion|abduction|\bfraud|deception|abuse of (?:power|(?:a |the )?position "
            r"of vulnerability)")
# Words that lift the means element outright, strongest first (they are what to quote) ...
MEANS_LIFTED = _rx(r"even if (?:it does not involve |none of )?(?:any of )?the means|"
                   r"(?:the )?means [^.;]{0,60}shall not be (?:considered|required|necessary)|"
                   r"regardless of (?:the )?(?:use of )?(?:any )?means|irrespective of (?:the )?"
                   r"means|without (?:the )?(?:need|necessity) (?:to prove|of proving) (?:any )?"
                   r"means|(?:it is )?not necessary to prove (?:the )?(?:threat|use of force|"
                   r"force|coercion|any of the means)|need not (?:be )?prove[dn]?[^.;]{0,40}"
                   r"(?:force|means|coercion)|it is immaterial whether[^.;]{0,40}(?:threat|force|"
                   r"coercion|means)|without (?:proof|proving) of (?:any )?(?:the )?(?:force|"
                   r"threat|coercion|fraud|means)")
# ... and words that make the means or the victim's consent beside the point.
NO_MEANS = _rx(MEANS_LIFTED.pattern + r"|\bby any means\b|(?:whether or not|regardless of|"
               r"irrespective of|with or without|even if|even without)[^.;]{0,40}(?:means|"
               r"force|threat|coerc|fraud|decei|decept)|need not (?:be )?prove|with or without (?:the )?"
               r"(?:victim'?s? )?consent|(?:consent|consents)[^.;]{0,80}(?:is|shall be) "
               r"irrelevant|it is irrelevant whether [^.;]{0,40}consent")
TECH = _rx(r"\binternet\b|\bonline\b|electronic communication|information (?:and communications? )?"
           r"technolog|\bcomputer|\bwebsite|\bweb ?site|social media|\bdigital\b|mobile (?:phone|"
           r"device)|cellular|e-?mail|interactive computer service|telecommunication|\bcyber|"
           r"chat ?room|carriage service|\bICTs?\b|electronic (?:means|device|system|medium)|"
           r"technology-facilitated|facility or means of interstate")
ICT_KINDS = {"internet": r"internet", "computer": r"computer", "mobile": r"mobile|cellular",
             "email": r"e-?mail", "networks": r"network|chat|bulletin|peer|newsgroup|message board",
             "software": r"software|program", "camera/scanner": r"camera|scanner",
             "encryption": r"encrypt", "digital currency": r"digital currenc|crypto|virtual currenc",
             "wireless": r"wireless|radio|electromagnetic"}
OFFENCE = _rx(r"\bwhoever\b|guilty of (?:an|the) offen[cs]e|commits? (?:an|the) offen[cs]e|"
              r"shall be unlawful|\bbe punished\b|\bshall be fined\b|\bbe fined under\b|"
              r"\bliable\b|punishable|shall not traffic|\bimprisoned\b|shall suffer the penalty|"
              r"is guilty of|commits? (?:a|the|that) (?:crime|offen[cs]e)|\bpunished\b|"
              r"\best punie? de|\bsont punis de")
PENALTY = _rx(r"imprison|\bpunish|penalt|sentenc|\bfine[sd]?\b|aggravat|qualified trafficking|"
              r"\bfelony|misdemeanou?r|emprisonnement")
RECRUIT = _rx(r"\brecruit|\bentic|\blur(?:e|es|ing)\b|\bgroom|\brecrut")
#: Advertising as an act ("advertises", "publishes", "places an advertisement"), not a
#: platform "allowing advertisements to appear", which is facilitation.
ADVERT = _rx(r"\badvertis(?:e|es|ed|ing)\b|\b(?:plac|print|distribut|disseminat|post)\w*[^.;]{0,40}"
             r"\badvertisement|\bpublish|publicis|publiciz|\bbroadcast")
#: Publishing pornography is an offence of its own, not advertising a child's sexual services.
PORNOGRAPHY_ONLY = _rx(r"pornograph|obscen|indecent (?:image|material|photograph)")
PROVIDER = _rx(r"service provider|internet service|electronic communications service|"
               r"interactive computer service|hosting (?:service|provider)|online platform")
DUTY = _rx(r"\b(?:shall|must|is required to|has a duty to|is obliged to)\b(?! not be liable)")
#: What a service provider's duty is to do about trafficking content (keeping data for an
#: investigation is data preservation, another element).
DUTY_ACT = _rx(r"prevent|report|remove|block|take down|take-down|notify|disable")
#: The model's first duty: steps to keep the content off the service, not only to act on it
#: once known.
PREVENT = _rx(r"\bprevent|reasonable steps")
DEFENCE = _rx(r"\bdefen[cs]e\b|shall not be (?:held )?liable|is not liable|no liability|"
              r"no (?:civil or criminal )?proceedings lie")
OPERATOR = _rx(r"\b(?:owns?|manages?|operates?|establish(?:es)?|runs?)\b[^.;]{0,60}"
               r"(?:interactive computer service|website|web site|platform|online service|"
               r"internet service|electronic communications service|service provider)")
#: A company or its managers answering for the offences, whatever the company does.
COMPANY_LIABLE = _rx(r"(?:responsible for the (?:actual )?management|director|manager|officer)"
                     r"[^.;]{0,60}\b(?:body corporate|company|legal person|juristic person)\b"
                     r"[^.;]{0,40}\b(?:punish|liable|guilty)|(?:body corporate|legal person|"
                     r"juristic person|juridical person|company)[^.;]{0,40}\b(?:is|shall be) "
                     r"(?:held )?(?:jointly )?(?:criminally )?(?:liable|punish)|"
                     # "concerned with the management of, the corporate body", "directs the
                     # activities of an institution which is involved in the commission of an
                     # offence", "may be attributed to the employer or principal"
                     r"concerned with the management of,? the (?:body corporate|corporate body|"
                     r"company)|directs the activities of an? (?:institution|organi[sz]ation|body)|"
                     r"attributed to the employer")
#: "In order to establish liability in terms of section 4, 5, 6 ... of an employer": the
#: offences named by their sections.
LIABILITY_FOR = _rx(r"\bliability (?:in terms of|under|for (?:an )?offen[cs]es? under) sections?\b")
FACILITATE = _rx(r"promot|facilitat|advertis|allow|permit")
PAYMENT = _rx(r"benefit(?:s|ed|ing|ting|ted)? (?:financially |in any way |by receiving "
              r"anything of value )?(?:or receives? anything of value )?from|receives? (?:any )?(?:payment|money|benefit)|"
              r"(?:receives?|derives?)(?: or (?:receives?|derives?))? an? (?:financial )?benefit|"
              r"(?:gives?|offers?|promises?)[^.;]{0,30}\bbenefit for|"
              r"\bpays? (?:for|any|money)|payment (?:for|in connection)|"
              r"arrang\w*[^.;]{0,80}?\bpayment\b|provides? (?:any )?(?:benefit|payment) for|"
              # "benefits, financially or otherwise, from"; "profiting themselves ... by the
              # effects of the crime"
              r"\bbenefits?, financially or [^.;,]{0,40}, from|"
              r"\bprofit(?:s|ing)? (?:themselves|himself|herself|from)\b")
#: Payments as one of the Palermo *means* ("the giving or receiving of payments or benefits to
#: achieve the consent of a person having control"), which is not a payment offence.
MEANS_OF_CONSENT = _rx(r"payments? or benefits? (?:to|in exchange for|for) (?:achiev|obtain|secur)"
                       r"\w* (?:the )?consent|"
                       r"to (?:obtain|achieve|secure) (?:the |that )?(?:other person'?s? )?consent")
CHILD_AGGRAVATION = _rx(
    r"(?:where|when|if|unless)\s+(?:the |such |that |a |any )?(?:offen[cs]e|crime|victim|"
    r"trafficked person|"
    r"person trafficked|person)[^.;]{0,80}?(?:\bchild\b|\bminor\b|" + _BELOW + _AGE +
    r"(?:18|eighteen))|in respect of a child|against a child|"
    r"aggravat\w*[^.;]{0,120}\b(?:child|minor)\b|\b(?:child|minor)\b[^.;]{0,120}aggravat")
#: A penalty's lead-in over a list of the cases it applies in: "... is punishable by ten
#: years' imprisonment where the offence is committed—", "... est punie de ... lorsqu'elle est
#: commise :".
PENALTY_CASES = _rx(r"(?:imprison|emprisonnement|punish|punie?)[^.;]{0,160}\b(?:where|when|if|"
                    r"lorsqu\w*)\b[^.;]{0,60}[:\u2014\u2013-]\s*$")
#: "Severe trafficking" (Tanzania) and "qualified trafficking" (the Philippines) are named
#: aggravated forms.
AGGRAVATING = _rx(r"aggravat|enhance|\bincreased?\b|heavier|higher (?:penalty|sentence)|"
                  r"\bsevere trafficking|\bqualified trafficking")
REFERENCE = _rx(r"(?:has|have|bears?) the (?:same )?meaning (?:assigned|given|ascribed)[^.;]{0,30}"
                r"(?:in|by|under)|as defined (?:in|by|under)|within the meaning of")
TRAFFIC_REF = _rx(r"\btraffick?\w*[^.;]{0,60}(?:within the meaning of|as defined in|has the "
                  r"meaning (?:assigned|given))")
CHILD_DEF = _rx(rf"[{_Q}]?\b(child|minor|children)\b[{_Q}]?\s*(?:[-\u2013\u2014:,]\s*)?"
                r"(means|refers to|shall mean|includes|is a person|has the (?:same )?meaning|"
                r"bears the meaning|shall be (?:every|any) person)")
ICT_DEF = _rx(rf"[{_Q}]?((?<![\w ])[^{_Q};:.]{{0,60}}?(?:technolog|electronic communication|"
              r"computer|internet|\bICT|cyber|digital|online|carriage service)"
              rf"[^{_Q};:.]{{0,40}}?)[{_Q}]?\s*(?:[-\u2013\u2014:,]\s*)?(means|refers to|"
              r"shall mean|includes|has the (?:same )?meaning)")
#: The words a definition turns on: a quick test before the costly ICT_DEF.
DEFINING = _rx(r"\bmeans\b|refers to|shall mean|includes|has the (?:same )?meaning|"
               r"is defined as")
SYNONYM = _rx(r"^\W*(?:means|refers to|shall mean|is)\s+(?:a|an|any)\s+(minor|juvenile|"
              r"young person)\b")
NON_PUNISH = _rx(r"(?:victim|trafficked person)[^.;]{0,120}(?:shall not|not be|is not|cannot be)"
                 r" \[?(?:held )?(?:criminally )?(?:liable|punish|prosecut|detain)|"
                 r"(?:not|no) (?:be )?(?:held )?(?:criminally )?(?:liable|punish\w*|prosecut\w*)"
                 r"[^.;]{0,80}victim")
EXTRATERRITORIAL = _rx(r"regardless of[^.;]{0,30}where|extra-?territorial|outside (?:the )?"
                       r"(?:Republic|country|territory|jurisdiction|State|[A-Z]\w+)|\babroad\b|outside \[?(?:the )?[A-Z][a-z]+")
DUAL_CRIMINALITY = _rx(r"dual criminality|whether or not [^.;]{0,60}offen[cs]e (?:in|under the "
                       r"law of) (?:that|the) (?:place|country)|regardless of[^.;]{0,30}where")
FINANCIAL = _rx(r"financial institution|\bbank|financial intelligence|suspicious transaction")


# ---------------------------------------------------------------------------------------------
# Walking the documents

#: How a printed section keyword is cited: "SECTION 4." and "Sec. 4" are both "Sec. 4".
CITED_KEYWORDS = {"section": "Sec.", "sec.": "Sec.", "sect.": "Sec.", "§§": "§"}


def cite(bill: Bill, section: Node, path: Sequence[Node], printed: str = "") -> str:
    """`s 8(1)(c)`, `Article 3(2)`, `§ 1591(a)`: the keyword as the document prints it before
    the section (`printed`, else the bill's style), the number and the labels of the nodes
    down to the one cited."""
    if printed:
        low = printed.lower()
        keyword = "Article" if low.startswith(("art", "règle")) else \
            CITED_KEYWORDS.get(low, printed)
    else:
        word = bill.style.section_word
        keyword = "s" if word.lower() == "section" else word
    labels = "".join(n.num if n.num.startswith("(") else f"({n.num.strip('.')})"
                     for n in path if n.num)
    term = next((n.term for n in reversed(path) if n.kind is Kind.DEFINITION), "")
    base = f"{keyword} {section.num}".strip() + labels
    return f"{base}, definition of \u201c{term}\u201d" if term else base


def _own(node: Node) -> str:
    words = " ".join(w for w in (node.plain_text, node.plain_wrap_up) if w)
    if node.kind is Kind.DEFINITION:
        return f"\u201c{node.term}\u201d {words}".strip()
    return words


def _full(node: Node, memo: dict[str, str]) -> str:
    """A node's words and every node's below it (each node's worked out once: `memo`)."""
    if node.id not in memo:
        memo[node.id] = " ".join(w for w in (_own(node), *(_full(c, memo)
                                                           for c in node.children)) if w)
    return memo[node.id]


def _document_units(draft: Draft) -> Iterator[Unit]:
    bill = draft.bill
    memo: dict[str, str] = {}
    for section in bill.sections():
        whole = f"{section.heading} {_full(section, memo)}".strip()
        here = draft.locations.get(section.id, draft.name)
        printed = draft.keywords.get(section.id, "")

        def walk(node: Node, path: tuple[Node, ...], lead: str, where: str) -> Iterator[Unit]:
            where = draft.locations.get(node.id, where)
            own = _own(node)
            yield Unit(node, section, cite(bill, section, path, printed), bill.short_title,
                       where, own, lead, _full(node, memo), whole, f"{lead} {own}".strip())
            # a section's long chapeau is words of its own, not the lead-in of a list
            below = (own if len(own) < 600 else "") if node is section else f"{lead} {own}".strip()
            for child in node.children:
                yield from walk(child, path + (child,), below, where)
        yield from walk(section, (), "", here)


def units(drafts: Sequence[Draft]) -> list[Unit]:
    """Every node of every document with words, in document order."""
    return [u for d in drafts for u in _document_units(d) if u.text or u.lead]


def _sentence_end(text: str, at: int) -> int:
    match = re.compile(r"\.(?=\s+[A-Z\u201c\"]|\s*$)").search(text, at)
    return match.start() if match else -1


def _clause(text: str, match: re.Match[str]) -> str:
    """The clause of `text` holding the match: from the last ';' or sentence end before it
    to the next; a definition from its quoted term."""
    if text[match.start()] in _Q:
        end = text.find(";", match.end())
        return text[match.start():end + 1 if end != -1 else len(text)].strip()
    start = max(text.rfind(";", 0, match.start()) + 1,
                max((m.end() for m in re.finditer(r"\.\s+(?=[A-Z\u201c\"])",
                                                 text[:match.start()])), default=0))
    ends = [i for i in (text.find(";", match.end()), _sentence_end(text, match.end())) if i != -1]
    return text[start:min(ends) + 1 if ends else len(text)].strip()


def _cap(text: str, pattern: re.Pattern[str] | None) -> str:
    if len(text) <= QUOTE_LIMIT:
        return text
    centre = pattern.search(text) if pattern else None
    first = max(0, (centre.start() if centre else 0) - QUOTE_LIMIT // 3)
    first = text.rfind(" ", 0, first) + 1 if first else 0
    cut = text[first:first + QUOTE_LIMIT].rsplit(" ", 1)[0]
    return ("\u2026 " if first else "") + cut + " \u2026"


def _offence_clause(clause: str) -> bool:
    return _found(OFFENCE, clause)


def quote(unit: Unit, pattern: re.Pattern[str] | None = None,
          within: Callable[[str], bool] = _offence_clause) -> Quote:
    """The exact words of the unit that hold the match (the clause around it), capped.  Of
    several matches, the first whose clause passes `within` (by default: it states an
    offence): a section that runs a definition and an offence together is quoted at the
    offence, not at the definition that names the same act."""
    text = unit.text or unit.lead
    match = pattern.search(text) if pattern else None
    if match is None and pattern is not None and unit.lead and pattern.search(unit.lead):
        text, match = unit.lead, pattern.search(unit.lead)
    if match is not None and pattern is not None:
        match = next((m for m in pattern.finditer(text) if within(_clause(text, m))), match)
        text = _clause(text, match)
    return Quote(unit.node.id, unit.provision, unit.document, _cap(text, pattern), unit.location)


def clauses_of(text: str) -> list[str]:
    """A unit's words cut at each ';' and sentence end: what one statement says, so that a
    draft running many provisions together is read statement by statement."""
    return [c for c in _CLAUSE_END.split(text) if c.strip()]


_CLAUSE_END = re.compile(r"(?<=;)\s+|(?<=\.)\s+(?=[A-Z\u201c\"(])")


def _one_clause(text: str, needs: tuple[re.Pattern[str], ...],
                never: re.Pattern[str] | None = None) -> bool:
    """Whether one statement of `text` says all of `needs` and not `never`."""
    return any(all(_found(rx, c) for rx in needs) and not (never and _found(never, c))
               for c in clauses_of(text))


def _found(rx: re.Pattern[str], text: str) -> bool:
    """Whether `rx` occurs in `text`, remembered: every rule asks it of the same sections.

    Most of the rules' patterns are long case-blind alternations that Python's engine tries
    at every position of the text; most texts hold none of the words such a pattern needs.
    So the words one of which every match must contain (`needles`) are looked for first, in
    the lower-cased text, and the pattern is run only where one is there.  Answers are kept
    per pattern by its id: hashing a compiled pattern hashes its whole program, which made
    a remembered answer cost more than many a search."""
    global _answers_kept
    asked = _asked(rx)
    answer = asked.answers.get(text)
    if answer is None:
        if _answers_kept >= _ANSWERS_KEPT:     # a long-running workbench starts again
            for other in _ASKED.values():
                other.answers.clear()
            _answers_kept = 0
        answer = asked.answers[text] = asked.search(text)
        _answers_kept += 1
    return answer


class _Asked:
    """One pattern's needles and its answers so far (the pattern kept, so its id stays its)."""

    __slots__ = ("rx", "words", "answers")

    def __init__(self, rx: re.Pattern[str]) -> None:
        self.rx = rx
        self.words = needles(rx)
        self.answers: dict[str, bool] = {}

    def search(self, text: str) -> bool:
        return self.possible(text) and self.rx.search(text) is not None

    def possible(self, text: str) -> bool:
        """False only where no match can be: none of the needles is in the text."""
        if self.words and not any(ch in text for ch in _ASCII_FOLDS):
            low = _lower(text)
            return any(w in low for w in self.words)
        return True


def may_match(rx: re.Pattern[str], text: str) -> bool:
    """Whether `rx` can match in `text` at all (False: certainly not), for callers that want
    every match, which `_found` does not give."""
    return _asked(rx).possible(text)


def _asked(rx: re.Pattern[str]) -> _Asked:
    asked = _ASKED.get(id(rx))
    if asked is None:
        asked = _ASKED[id(rx)] = _Asked(rx)
    return asked


_ASKED: dict[int, _Asked] = {}
_ANSWERS_KEPT = 300_000      # answers remembered, all patterns together
_answers_kept = 0
#: Characters other than ASCII that a case-blind pattern matches to an ASCII letter ("ı" to
#: "i", the Kelvin sign to "k"): in a text holding one, lower-casing does not show what the
#: pattern sees, so the needles are not looked for.
_ASCII_FOLDS = "\u0130\u0131\u017f\u212a"


@lru_cache(maxsize=20_000)
def _lower(text: str) -> str:
    return text.lower()


def needles(rx: re.Pattern[str]) -> frozenset[str]:
    """Lower-case ASCII words one of which occurs in every match of `rx` (empty when no word
    is certain): the longest run of literal characters the pattern cannot match without, or
    for an alternation the union of each branch's words."""
    from re import _parser   # the standard library's own parse of a pattern

    return _needles(_parser.parse(rx.pattern, rx.flags)) or frozenset()


def _needles(items: Sequence[tuple[object, object]]) -> frozenset[str] | None:
    from re import _constants as op

    best: frozenset[str] | None = None

    def take(found: frozenset[str] | None) -> None:
        nonlocal best
        if found and (best is None or min(map(len, found)) > min(map(len, best))):
            best = found
    run: list[str] = []
    for code, arg in items:
        if code is op.LITERAL and arg < 128:     # type: ignore[operator]
            run.append(chr(arg).lower())         # type: ignore[arg-type]
            continue
        if run:
            take(frozenset({"".join(run)}))
            run = []
        if code is op.BRANCH:
            branches = [_needles(b) for b in arg[1]]     # type: ignore[index]
            if all(branches):
                take(frozenset().union(*branches))       # type: ignore[arg-type]
        elif code is op.SUBPATTERN:
            take(_needles(arg[3]))                       # type: ignore[index]
        elif code is op.ATOMIC_GROUP:
            take(_needles(arg))                          # type: ignore[arg-type]
        elif code in (op.MAX_REPEAT, op.MIN_REPEAT, op.POSSESSIVE_REPEAT) and arg[0] >= 1:  # type: ignore[index]
            take(_needles(arg[2]))                       # type: ignore[index]
    if run:
        take(frozenset({"".join(run)}))
    return best


def _first(units: list[Unit], test: Callable[[Unit], bool]) -> Unit | None:
    """The first unit that passes, preferring one about children (the model's concern)."""
    first = None
    for unit in units:     # stop at the first one about children: a code has thousands
        if test(unit):
            if _child_specific(unit.scope):
                return unit
            first = first or unit
    return first


@lru_cache(maxsize=200_000)
def _child_specific(text: str) -> bool:
    return _found(CHILD, _adults_out(text))


@lru_cache(maxsize=50_000)
def _adults_out(text: str) -> str:
    """The words with "other than a child" and the like taken out; asked of every unit by
    several rules."""
    return NOT_CHILD.sub(" ", text)


@lru_cache(maxsize=50_000)
def _acts(text: str) -> frozenset[str]:
    return frozenset(name for name, rx in ACTS.items() if _found(rx, text))


#: An offence of trafficking a child as such: "A person who recruits, transports ... a child
#: ... commits an offence".
CHILD_TRAFFICKING_OFFENCE = _rx(r"\b(?:recruit|transport|transfer|harbou?r|receiv)\w*[^.;]{0,80}?"
                                r"\ba (?:child|minor)\b[^.;]{0,200}?\bcommits an offen[cs]e")


def _conduct(text: str) -> frozenset[str]:
    """The acts of trafficking a text names, enticing and persuading among recruiting."""
    return _acts(text) | ({"recruit"} if _found(RECRUIT, text) else frozenset())


def _term(text: str) -> tuple[float, int]:
    """The longest term a penalty clause allows, then the shortest it requires ("not less than
    thirty years"): a higher minimum is a heavier penalty where both allow life."""
    floors = [int(n) for n in re.findall(r"not less than (\d{1,3})\s+years", text)]
    words = [NUMBER_WORDS[w.lower()] for w in re.findall(
        r"not less than ([a-z-]+) (?:\(\d+\) )?years", text, re.I) if w.lower() in NUMBER_WORDS]
    return _years(text), min(floors + words, default=0)


@lru_cache(maxsize=50_000)
def _years(text: str) -> float:
    """The longest term of imprisonment a penalty clause allows (life = 1000)."""
    if re.search(r"\bfor life\b|life imprisonment|imprisonment for life|\blife\b", text, re.I):
        return 1000
    # "has not attained the age of 18 years" is an age, not a term
    numbers = [int(n) for n in re.findall(r"(\d{1,3})\s+years", AGE_LIMIT.sub(" ", text))]
    return max(numbers, default=0)


# ---------------------------------------------------------------------------------------------
# The element rules: each returns (status, evidence, reason)

Result = tuple[str, tuple[Quote, ...], str]


@record
class Step:
    """One rung of a rule: the first unit passing `test` gives this status and reason."""

    status: str
    test: Callable[[Unit], bool]
    quote: re.Pattern[str] | None
    reason: str
    within: Callable[[str], bool] = _offence_clause   # which clause to quote, of several


def _ladder(units: list[Unit], steps: tuple[Step, ...], otherwise: str) -> Result:
    """Try each step in order (strongest finding first); `missing` with `otherwise` if none."""
    for step in steps:
        unit = _first(units, step.test)
        if unit:
            return step.status, (quote(unit, step.quote, step.within),), step.reason
    return "missing", (), otherwise


#: Children named as one purpose among many ("exploitation of children in such acts and in
#: pornography") of an offence against any person: no offence specific to children.
CHILD_PURPOSE = _rx(r"exploitation of (?:children|minors)\b")


#: The sexual purposes of child sex trafficking; pornography alone is an offence of its own
#: (recruiting a child for a pornographic performance is not trafficking her for sex).
SEX_PURPOSE = _rx(r"sexual exploitation|prostitution|commercial sex|sexual (?:act|activit|"
                  r"services|conduct|purpose|intercourse)|sexually exploit|proxénétisme|"
                  r"exploitation sexuelle")
TRAFFICKING_ACT = _rx("|".join(rx.pattern for rx in (*ACTS.values(), RECRUIT)))
#: "'exploitation' means sexual exploitation, forced labour ...": a definition of exploitation.
EXPLOITATION_DEF = _rx(rf"[{_Q}]exploitation[{_Q}]\s*(?:means|includes|refers to)")


def _exploitation_is_sexual(units: list[Unit]) -> bool:
    """Whether the document defines exploitation to include sexual exploitation, so that a
    purpose "of exploitation" names the sexual purpose too."""
    return any(_found(EXPLOITATION_DEF, u.text) and _found(SEX_PURPOSE, u.full) for u in units)


def _penal_code(units: list[Unit]) -> Result:
    # the model's offence is trafficking a child for a *sexual* purpose: a child and that
    # purpose in one statement (or "exploitation", where the document defines it to include
    # sexual exploitation), of a trafficking law or with an act of trafficking; a child or a
    # sexual purpose elsewhere in the section is a general offence that a child case falls
    # under, or an offence of another kind (recruiting a child for pornography beside
    # soliciting her)
    purpose = (SEX_PURPOSE, EXPLOITATION) if _exploitation_is_sexual(units) else (SEX_PURPOSE,)

    def child_offence(u: Unit) -> bool:
        own = CHILD_PURPOSE.sub(" ", _adults_out(u.scope))
        if not (_found(OFFENCE, u.whole) and _child_specific(own)):
            return False
        if _found(CHILD_TRAFFICKING, u.text) and _found(OFFENCE, u.scope) \
                and not u.is_definition and not _found(GRADING, u.text):
            return any(_one_clause(own, (CHILD, rx)) for rx in purpose)
        if not (_acts(u.scope) or _found(RECRUIT, u.scope)):
            return False
        needs = (CHILD,) if _found(TRAFFICKING, f"{u.document} {u.whole}") else \
            (CHILD, TRAFFICKING_ACT)
        return any(_one_clause(own, (*needs, rx)) for rx in purpose)
    unit = _first(units, child_offence)
    if unit:
        return ("met", (quote(unit, CHILD),),
                f"{unit.provision} is an offence of its own for trafficking a child for sexual "
                "exploitation.")
    unit = _first(units, lambda u: _found(OFFENCE, u.whole) and (
        bool(_acts(u.scope) and (_found(SEXUAL, u.whole) or _found(EXPLOITATION, u.whole)))
        or _found(TRAFFICKING_OFFENCE, u.scope)))
    if unit:
        return ("partial", (quote(unit, TRAFFICKING if TRAFFICKING.search(unit.text) else None),),
                f"{unit.provision} is a general trafficking offence; child sex trafficking is "
                "not an offence of its own.")
    return "missing", (), "No trafficking offence was found in the text."


def _definition_rest(unit: Unit, end: int) -> str:
    """What a definition says after its defining word, with its list if it has one."""
    rest = unit.text[end:]
    return f"{rest} {unit.full[len(unit.text):]}" if unit.is_definition else rest


def _child_definition(units: list[Unit]) -> Result:
    defined = [(u, m) for u in units if (m := CHILD_DEF.search(u.text))]
    # "child" means a minor, and "minor" means a person under 18: the child is under 18
    meaning = {m.group(1).lower(): _definition_rest(u, m.end()) for u, m in reversed(defined)}
    defined.sort(key=lambda um: um[1].group(1).lower() == "minor")
    for unit, match in defined:
        rest = _definition_rest(unit, match.end())[:250]
        same = SYNONYM.search(rest)
        if same and same.group(1).lower() in meaning:
            rest = meaning[same.group(1).lower()][:250]
        found = quote(unit, CHILD_DEF)
        if REFERENCE.search(rest[:120]) or "meaning" in match.group(2).lower():
            return ("unclear", (found,),
                    "\u201cChild\u201d takes its meaning from another law, which was not given.")
        if AGE18.search(rest) or re.search(r"\b18\b|eighteen", rest[:120], re.I):
            return "met", (found,), "\u201cChild\u201d is defined as a person under 18."
        other = AGE_OTHER.search(rest)
        if other:
            return ("partial", (found,),
                    f"\u201cChild\u201d is defined with an age of {other.group(1)}, not 18.")
    return _ladder(units, (
        Step("met", lambda u: _found(AGE18, u.text) and _found(OFFENCE, u.whole),
             AGE18, "The age of 18 is written into the offence itself, which protects every "
             "person under 18."),
        Step("partial", lambda u: _found(AGE_OTHER, u.text) and _found(OFFENCE, u.whole),
             AGE_OTHER, "The offence protects children only up to an age below 18.")),
        "\u201cChild\u201d is not defined and no age of 18 appears in an offence.")


def _cst_definition(units: list[Unit]) -> Result:
    def child_no_means(u: Unit) -> bool:
        own = _adults_out(u.scope)
        return (_child_specific(own) and len(_acts(own)) >= 1
                and (_found(SEXUAL, own) or _found(EXPLOITATION, own))
                and (not _found(MEANS, own) or _found(NO_MEANS, own)))
    passing = [u for u in units if child_no_means(u)]
    # the fullest statement first: a definition naming every act beats an offence naming one
    unit = max(passing, key=lambda u: (len(_acts(u.scope)) >= 3, u.is_definition),
               default=None)
    if unit:
        acts = _acts(unit.scope)
        found = quote(unit, next((rx for rx in (MEANS_LIFTED, NO_MEANS)
                                  if rx.search(unit.text)), CHILD))
        if len(acts) >= 3:
            return ("met", (found,),
                    "Trafficking a child for exploitation needs none of the means (force, "
                    "fraud, coercion): a child cannot consent.")
        return ("partial", (found,),
                f"No means are required for a child, but only {', '.join(sorted(acts))} is "
                "covered, not recruitment, harbouring and receipt.")

    referred = _means_lifted_by_reference(units)
    if referred:
        return referred

    def anyone_no_means(u: Unit) -> bool:
        return (bool(_acts(u.scope) or _found(RECRUIT, u.scope))
                and (_found(SEXUAL, u.whole) or _found(EXPLOITATION, u.whole))
                and (_found(OFFENCE, u.whole) or _found(DEFINING, u.whole))
                and not _found(MEANS, u.whole))
    unit = _first(units, anyone_no_means)
    if unit:
        return ("partial", (quote(unit, NO_MEANS if NO_MEANS.search(unit.text) else None),),
                "Trafficking needs no means for any victim, so children are covered, but "
                "there is no definition specific to children.")
    unit = _first(units, lambda u: _found(TRAFFIC_REF, u.text))
    if unit:
        return ("unclear", (quote(unit, TRAFFIC_REF),),
                "Trafficking is defined by reference to a provision that was not given.")
    return ("missing", (),
            "No definition treats trafficking of a child as complete without force, fraud or "
            "coercion.")


_CITED_PROVISION = _rx(r"\b(?:Article|section|§)\s*(\d+[A-Za-z]{0,3})\b")


def _means_lifted_by_reference(units: list[Unit]) -> Result | None:
    """"The use of any of the means referred to in Article 2 shall not be considered a
    prerequisite ... of trafficking in children": the acts and purposes are those of the
    provision cited, read there."""
    sections = {u.section.num: u for u in units if u.node is u.section}
    for unit in units:
        if not _one_clause(unit.text, (MEANS_LIFTED, CHILD)):
            continue
        for num in _CITED_PROVISION.findall(unit.text):
            target = sections.get(num)
            if target is None or target.section is unit.section or not (
                    _found(SEXUAL, target.whole) or _found(EXPLOITATION, target.whole)):
                continue
            acts = _acts(target.whole)
            if not acts:
                continue
            found = (quote(unit, MEANS_LIFTED, lambda c: _found(CHILD, c)), quote(target, None))
            if len(acts) >= 3:
                return ("met", found, f"For children none of the means of {target.provision} "
                        "need be used: trafficking a child for exploitation is complete without "
                        "force, fraud or coercion.")
            return ("partial", found, f"For children no means are needed, but "
                    f"{target.provision} covers only {', '.join(sorted(acts))}.")
    return None


def _tech_definition(units: list[Unit]) -> Result:
    """The best of every technology definition found: an Act defining "digital currency"
    before "information and communication technology" still meets the element."""
    best: Result | None = None
    for unit in units:
        if not _found(DEFINING, unit.text):
            continue
        for match in ICT_DEF.finditer(unit.text):
            here = re.compile(re.escape(match.group(0)))
            following = re.compile(f"[{_Q[:2]}]").search(unit.text, match.end())
            rest = unit.text[match.start():following.start() if following else None][:1200]
            if rest.rstrip().endswith(("\u2014", "-", ":")) or unit.is_definition:
                rest += " " + unit.full[len(unit.text):]
            kinds = [k for k, rx in ICT_KINDS.items() if re.search(rx, rest[:1500], re.I)]
            term = match.group(1).strip()
            if re.search(r"technolog|facilitat", term, re.I) and len(kinds) >= 4:
                return ("met", (quote(unit, here),),
                        f"\u201c{term}\u201d is defined and names {', '.join(kinds)}.")
            if best is None and (REFERENCE.search(rest[:160]) or "meaning" in
                                 match.group(2).lower()):
                best = ("unclear", (quote(unit, here),),
                        f"\u201c{term}\u201d takes its meaning from another law, which was not "
                        "given.")
            elif best is None:
                best = ("partial", (quote(unit, here),),
                        f"\u201c{term}\u201d is defined, but not as technology-facilitated "
                        "trafficking naming the ICTs the model lists.")
    if best:
        return best
    # no definition, but an offence names the internet as one of its means
    return _ladder(units, (
        Step("partial", lambda u: _found(ICT_MEANS, u.text) and _found(OFFENCE, u.whole),
             ICT_MEANS, "An offence names the internet or information technology as a means, "
             "but nothing defines technology-facilitated conduct or the ICTs the model lists.",
             lambda c: True),),
        "No definition of technology or technology-facilitated conduct.")


#: "by any means, including the use of the internet or other information technology".
ICT_MEANS = _rx(r"by any means,? including (?:the use of )?(?:the )?(?:internet|information "
                r"(?:and communications? )?technolog)")


def _through_ict(u: Unit, act: re.Pattern[str]) -> bool:
    """Whether the technology is the act's own means ("recruits ... through a computer
    system", or a lead-in "using a computer system—" over it), not another paragraph's:
    a section naming the internet for advertising does not recruit or pay through it."""
    lead = clauses_of(u.lead)[-1] if u.lead else ""
    return _one_clause(u.text, (act, TECH)) or (_found(TECH, lead) and (
        _found(act, u.text) or (not u.text and _found(act, lead))))


_ADVERTISING_WORDS = _rx(r"advertis|traffick|sexual services")


def _ict_offence(units: list[Unit], verb: re.Pattern[str], what: str,
                 trafficking_act: bool) -> Result:
    """Shared by recruitment and advertising: the act as an offence, with or without ICTs.

    `trafficking_act`: the act is one of trafficking's own acts (recruitment is, advertising
    is not), so an offence of "trafficking" defined elsewhere leaves it unclear, not missing.
    """
    def offence(u: Unit) -> bool:
        # the section's tests first: they are worked out once per section, not per unit
        if not (_found(OFFENCE, u.whole)
                and (_found(SEXUAL, u.whole) or _found(EXPLOITATION, u.whole)
                     or _found(TRAFFICKING, u.whole) or _child_specific(u.whole))):
            return False
        if verb is ADVERT and _found(PORNOGRAPHY_ONLY, u.full) \
                and not _found(_ADVERTISING_WORDS, u.full):
            return False
        return _found(verb, u.text) or (not u.text and _found(verb, u.lead))
    found = _ladder(units, (
        Step("met", lambda u: offence(u) and _found(TECH, u.scope) and _through_ict(u, verb),
             verb,
             f"{what.capitalize()} is an offence that expressly reaches the Internet or other "
             "information technology."),
        Step("partial", offence, verb,
             f"{what.capitalize()} is an offence, but the provision never mentions the Internet "
             "or other technology.")), "")
    if found[0] != "missing":
        return found
    # "'Traffic' means to transport, entice, recruit ..." and "commits an offense if the
    # person knowingly traffics": the offence reaches the act through the defined verb
    defined = _first(units, lambda u: _found(TRAFFIC_DEF, u.text) and _found(verb, u.text)) \
        if trafficking_act else None
    charged = _first(units, lambda u: _found(TRAFFICKING_OFFENCE, u.scope)) if defined else None
    if defined and charged:
        return ("partial", (quote(charged, TRAFFICKING_OFFENCE), quote(defined, verb)),
                f"Trafficking is an offence and is defined to include {what}, but neither "
                "mentions the Internet or other technology.")
    return _ladder(units, (
        Step("unclear", lambda u: trafficking_act and _found(TRAFFIC_REF, u.text)
             and _found(OFFENCE, u.whole), TRAFFIC_REF,
             f"Whether {what} is covered depends on a definition that was not given."),),
        f"No offence of {what} was found.")


def _platform_liability(units: list[Unit]) -> Result:
    def operating(u: Unit) -> bool:
        return _found(OFFENCE, u.whole) and _one_clause(
            u.scope if _found(OPERATOR, u.text) else u.lead + " " + u.text,
            (OPERATOR, FACILITATE), DEFENCE)
    # the model's operator facilitates child sex trafficking: an operator promoting the
    # prostitution of any person is reached, but not for the children the model protects
    return _ladder(units, (
        Step("met", lambda u: operating(u) and _child_specific(u.scope), OPERATOR,
             "Owning, managing or operating an online service to promote or facilitate the "
             "conduct against a child is an offence.", lambda c: not _found(DEFENCE, c)),
        Step("partial", operating, OPERATOR,
             "Owning, managing or operating an online service to promote or facilitate the "
             "conduct is an offence, but not one about children.",
             lambda c: not _found(DEFENCE, c)),
        Step("partial", lambda u: _found(COMPANY_LIABLE, u.text) and (
                 _found(OFFENCE, u.whole) or _found(LIABILITY_FOR, u.text)),
             COMPANY_LIABLE, "Companies or those who manage them are liable for the offences, "
             "but not as operators of online services.")),
        "No offence reaches ICT companies or those who own, manage or operate them.")


def _payment_offence(units: list[Unit]) -> Result:
    def paying(u: Unit) -> bool:
        return (_found(PAYMENT, u.text) and _found(OFFENCE, u.whole)
                and not _found(MEANS_OF_CONSENT, u.scope) and not u.is_definition)
    return _ladder(units, (
        Step("met", lambda u: paying(u) and _found(TECH, u.scope) and _through_ict(u, PAYMENT),
             PAYMENT,
             "Paying for or benefiting from a trafficked child through a technology-facilitated "
             "transaction is an offence."),
        Step("partial", paying, PAYMENT,
             "Benefiting from or paying for exploitation is an offence, but not by reference to "
             "online payments or other technology.")),
        "Payments appear, if at all, only as a means of trafficking, not as an offence.")


#: A fine that may be imposed instead of prison ("a fine ... or imprisonment", "imprisonment
#: ... or a fine"), which the report's prosecution guidance rules out; "imprisonment and a
#: fine" and "without the option of a fine" are not.
FINE_INSTEAD = _rx(r"\bfine\b[^.;]{0,160}?\bor (?:to |by )?(?:a term of |such )?imprison|"
                   r"imprison\w*[^.;]{0,160}?\bor (?:to |by |with )?(?:a |such )?fine\b")
#: A list of what the court weighs in sentencing, not a fixed enhancement.
SENTENCING_FACTORS = _rx(r"\b(?:consider|take into account|have regard to|regard must be had)\b|"
                         r"\bfactors?\b")


def _aggravated(units: list[Unit]) -> Result:
    found = _child_enhancement(units)
    if found is None:
        return _sentencing_factor(units)
    unit, evidence, reason = found
    if _found(SENTENCING_FACTORS, f"{unit.section.heading} {unit.lead}"):
        return ("partial", evidence, "The victim being a child is a factor the court weighs in "
                "sentencing, not a fixed enhancement.")
    if _found(FINE_INSTEAD, unit.whole):
        return ("partial", evidence, f"{reason[:-1]}, but a fine may be imposed instead of "
                "imprisonment.")
    return "met", evidence, reason


def _child_enhancement(units: list[Unit]) -> tuple[Unit, tuple[Quote, ...], str] | None:
    """The provision that makes a child victim aggravate the penalty, its words, and why."""
    # the child case and the penalty in one statement: "where the victim is a child" beside a
    # consent rule or a referral to a social worker is no penalty
    unit = _first(units, lambda u: _found(CHILD_AGGRAVATION, u.text) and _found(PENALTY, u.scope)
                  and _one_clause(u.scope, (CHILD_AGGRAVATION, PENALTY)))
    if unit:
        return (unit, (quote(unit, CHILD_AGGRAVATION),),
                "A heavier penalty applies where the victim is a child.")
    # "... est punie de dix ans d'emprisonnement lorsqu'elle est commise : 1° A l'égard d'un
    # mineur": a child among the cases a heavier penalty lists
    unit = _first(units, lambda u: _found(PENALTY_CASES, u.lead) and _child_specific(u.text))
    if unit:
        return (unit, (quote(unit, CHILD, lambda c: True),),
                "A heavier penalty applies where the victim is a child.")
    unit = _first(units, lambda u: _found(AGGRAVATING, f"{u.section.heading} {u.scope}")
                  and _child_specific(u.text) and _found(PENALTY, u.whole))
    if unit:
        return (unit, (quote(unit, CHILD, lambda c: _found(AGGRAVATING, c)),),
                "A circumstance about the child victim aggravates the penalty.")
    penalised = [u for u in units if _found(OFFENCE, u.text) and _years(u.text)]
    child = [u for u in penalised if _found(AGE18, _adults_out(u.scope))
             or _found(CHILD_TRAFFICKING_OFFENCE, u.text)]
    adult = [u for u in penalised if not _child_specific(u.scope)]
    for c in child:
        # the same conduct: a shared act for a sexual purpose (transporting a minor and an
        # adult for prostitution; not enticing a minor and operating a website), or
        # trafficking offences both
        heavier = [a for a in adult if _term(c.text) > _term(a.text)
                   and ((_found(SEXUAL, a.scope) and _found(SEXUAL, c.scope)
                         and _conduct(a.scope) & _conduct(c.scope))
                        or (_found(TRAFFICKING, a.whole) and _found(TRAFFICKING, c.whole)))]
        if heavier:
            return (c, (quote(c, AGE18), quote(heavier[0], None)),
                    "The offence against a child carries a heavier penalty than the same "
                    "conduct against an adult.")
    return None


def _sentencing_factor(units: list[Unit]) -> Result:
    unit = _first(units, lambda u: bool(re.search(r"age of the (?:victim|complainant)|"
                                                  r"vulnerab", u.text, re.I))
                  and bool(re.search(r"sentenc|aggravat", u.whole, re.I)))
    if unit:
        return ("partial", (quote(unit, None),),
                "The victim's age or vulnerability is a sentencing factor, not a fixed "
                "enhancement for child victims.")
    return "missing", (), "No heavier penalty for child victims was found."


def _isp_duties(units: list[Unit]) -> Result:
    def provider(needs: tuple[re.Pattern[str], ...]) -> Callable[[Unit], bool]:
        # the provider named in the statement, or in the lead-in over it
        return lambda u: _found(PROVIDER, u.scope) and _one_clause(
            u.text, needs if _found(PROVIDER, u.lead) else (PROVIDER, *needs), DEFENCE)

    def duty(act: re.Pattern[str]) -> Callable[[str], bool]:
        return lambda clause: (_found(DUTY, clause) and _found(act, clause)
                               and not _found(DEFENCE, clause))
    # met: a duty to prevent the hosting; a duty only to report or remove once aware leaves
    # the service free to host until someone notices
    return _ladder(units, (
        Step("met", provider((DUTY, PREVENT)), DUTY,
             "Service providers are under a duty (\u201cshall\u201d/\u201cmust\u201d) to "
             "take steps to prevent the conduct on their services.", duty(PREVENT)),
        Step("partial", provider((DUTY, DUTY_ACT)), DUTY,
             "Service providers must report or remove once aware, but are under no duty to "
             "prevent their services being used.", duty(DUTY_ACT)),
        Step("partial", provider((DUTY_ACT,)), DUTY_ACT,
             "Service providers may prevent or report, but the text sets no duty.",
             lambda c: not _found(DEFENCE, c))),
        "No duty on service providers was found (a defence for them is not a duty).")


def _financial(units: list[Unit]) -> Result:
    return _ladder(units, (
        Step("met", lambda u: _found(FINANCIAL, u.scope) and _found(DUTY, u.text)
             and bool(re.search(r"report", u.text, re.I)), DUTY,
             "Financial institutions must report suspicious transactions."),),
        "No reporting duty on financial institutions was found.")


def _non_punishment(units: list[Unit]) -> Result:
    return _ladder(units, (
        Step("met", lambda u: _found(NON_PUNISH, u.text), NON_PUNISH,
             "Victims are not punished or prosecuted for what they were made to do."),),
        "No non-punishment provision for victims was found.")


def _extraterritorial(units: list[Unit]) -> Result:
    return _ladder(units, (
        Step("met", lambda u: _found(DUAL_CRIMINALITY, u.text) and _found(OFFENCE, u.whole),
             DUAL_CRIMINALITY, "Offences committed abroad are triable without requiring them "
             "to be crimes where committed."),
        Step("partial", lambda u: _found(EXTRATERRITORIAL, u.text) and _found(OFFENCE, u.whole),
             EXTRATERRITORIAL, "Conduct partly or wholly outside the country is reached, but "
             "dual criminality is not excluded.")),
        "No extraterritorial jurisdiction was found.")


ANCILLARY = _rx(r"\battempt\w*\b[^.;]{0,80}\b(?:offence|commit)|\b(?:aids?|abets?|abetting|counsels?|"
                r"procures?|conspir\w*|accomplice|incite\w*)\b")
CORPORATE = _rx(r"\bbody corporate\b|\blegal person\b|\bjuristic person\b|\bcorporate (?:criminal )?"
                r"liability\b")
CONFISCATION = _rx(r"\b(?:confiscat\w*|forfeit\w*)\b")
PRESERVATION = _rx(r"\bpreserv\w*\b[^.;]{0,80}\b(?:data|records?)\b|\bproduction order\b|"
                   r"\bsubscriber information\b")
COOPERATION = _rx(r"\bextradit\w*\b|\bmutual (?:legal )?assistance\b")


def _mentions(rx: re.Pattern[str], found: str, otherwise: str) -> Callable[[list[Unit]], Result]:
    """A rule for a prosecution tool that a statute either provides or does not: its words."""
    return lambda units: _ladder(units, (Step("met", lambda u: _found(rx, u.text), rx, found),),
                                 otherwise)


RULES: dict[str, Callable[[list[Unit]], Result]] = {
    "penal-code": _penal_code,
    "child-definition": _child_definition,
    "cst-definition": _cst_definition,
    "tech-definition": _tech_definition,
    "recruitment-offence": lambda units: _ict_offence(units, RECRUIT, "recruitment", True),
    "advertising-offence": lambda units: _ict_offence(units, ADVERT, "advertising", False),
    "platform-liability": _platform_liability,
    "payment-offence": _payment_offence,
    "aggravated-penalties": _aggravated,
    "isp-duties": _isp_duties,
    "financial-reporting": _financial,
    "non-punishment": _non_punishment,
    "extraterritorial-jurisdiction": _extraterritorial,
    "ancillary-liability": _mentions(ANCILLARY, "Attempt or complicity in the offences is punished.",
                                     "No provision on attempt or complicity was found."),
    "corporate-liability": _mentions(CORPORATE, "Bodies corporate or legal persons are made liable.",
                                     "No provision on the liability of legal persons was found."),
    "confiscation": _mentions(CONFISCATION, "Proceeds or instrumentalities can be confiscated.",
                              "No confiscation or forfeiture provision was found."),
    "data-preservation": _mentions(PRESERVATION, "Stored data can be preserved or produced.",
                                   "No power to preserve or produce stored data was found."),
    "international-cooperation": _mentions(COOPERATION, "Extradition or mutual assistance is "
                                           "provided for.", "No provision on extradition or "
                                           "mutual legal assistance was found."),
}


def _verdict(element: str, result: Result) -> Verdict:
    status, evidence, reason = result
    evidence = tuple(q for q in evidence if q.quote)
    if status != "missing" and not evidence:   # no quoted words, no verdict of met or partial
        return Verdict(element, "missing", (), reason)
    return Verdict(element, status, evidence, reason)


def judge(drafts: Sequence[Draft]) -> Judgement:
    """Every model element judged against the documents taken together."""
    found = units(drafts)
    return Judgement(tuple((d.name, d.bill.short_title) for d in drafts),
                     tuple(_verdict(e.id, RULES[e.id](found)) for e in ELEMENTS))
