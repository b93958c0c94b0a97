"""Judge a country's statutes against each model-law element, with the words relied on.

The judgement is by substance, the way a reviewer reads a law, not by keyword: an age of 18
written inside an offence defines a child; "even if none of the means" removes the means
element; a recruitment or advertising offence that never names technology only partly meets a
technology-specific element; a service provider's "shall"/"must" is a duty but a defence is
not; a higher penalty "where the victim is a child" is an aggravated penalty; and payments
that are only a *means* of trafficking are not a payment offence.

Every finding carries the provisions relied on (cited as the statute prints them) and the
quoted words, so a drafter can check each one.  Nothing here reads files or prints.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Sequence

from modellaw.library.elements import ELEMENTS
from modellaw.read.statute import Item, Provision, Statute

STATUSES = ("met", "partial", "missing", "unclear")
QUOTE_LIMIT = 320


@dataclass(frozen=True)
class Quote:
    citation: str
    quote: str


@dataclass(frozen=True)
class Finding:
    element: str
    status: str
    evidence: tuple[Quote, ...]
    reason: str


@dataclass(frozen=True)
class Analysis:
    """The findings for one country's statutes, in the model's element order."""

    sources: tuple[tuple[str, str], ...]       # (file name, title)
    findings: tuple[Finding, ...]

    def finding(self, element: str) -> Finding:
        return next(f for f in self.findings if f.element == element)


@dataclass(frozen=True)
class Unit:
    """A provision or one of its items: its own words, the lead-in above it, its section."""

    statute: Statute
    provision: Provision
    path: tuple[str, ...]
    text: str
    lead: str
    section: str
    scope: str = field(init=False)      # lead-in and own words: what a test reads

    def __post_init__(self) -> None:
        object.__setattr__(self, "scope", f"{self.lead} {self.text}".strip())

    @property
    def citation(self) -> str:
        return f"{self.statute.title}, {self.provision.citation(self.path)}"


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


AGE18 = _rx(r"(?:under|below|less than|not (?:yet )?attained|younger than)\s+(?:the\s+)?"
            r"(?:full\s+)?(?:age\s+of\s+)?(?:18|eighteen)\b")
AGE_OTHER = _rx(r"(?:under|below|less than|not (?:yet )?attained|younger than)\s+(?:the\s+)?"
                r"(?:age\s+of\s+)?(\d{1,2}|sixteen|fifteen|fourteen|twelve|thirteen|seventeen)"
                r"\b\s*(?:\(\d+\)\s*)?years")
CHILD = _rx(r"\b(?:child|children|minor|minors|juvenile|young person)\b|" + AGE18.pattern)
NOT_CHILD = _rx(r"\(?\s*other than a child\s*\)?|not being a child|except a child")
ACTS = {"recruit": _rx(r"\brecruit"), "transport": _rx(r"\btransport"),
        "transfer": _rx(r"\btransfer"), "harbour": _rx(r"\bharbou?r"),
        "receive": _rx(r"\breceiv|\breceipt\b")}
SEXUAL = _rx(r"sexual exploitation|prostitution|commercial sex|sexual (?:act|activit|services|"
             r"conduct|purpose)|pornograph|sexually exploit")
EXPLOITATION = _rx(r"exploitation|exploited|\bexploit\b")
TRAFFICKING = _rx(r"\btraffick|\btraffic\b")
MEANS = _rx(r"by means of|\bthreat|use of force|coercion|abduction|\bfraud|deception|"
            r"abuse of (?:power|(?:a |the )?position of vulnerability)")
# Words that lift the means element outright, strongest first (they are what to quote) ...
MEANS_LIFTED = _rx(r"even if (?:it does not involve |none of )?(?:any of )?the means|"
                   r"(?:the )?means [^.;]{0,60}shall not be (?:considered|required|necessary)|"
                   r"regardless of (?:the )?(?:use of )?(?:any )?means|irrespective of (?:the )?"
                   r"means|without (?:the )?(?:need|necessity) (?:to prove|of proving) (?:any )?means")
# ... and words that make the means or the victim's consent beside the point.
NO_MEANS = _rx(MEANS_LIFTED.pattern + r"|\bby any means\b|with or without (?:the )?"
               r"(?:victim'?s? )?consent|(?:consent|consents)[^.;]{0,80}(?:is|shall be) "
               r"irrelevant|it is irrelevant whether [^.;]{0,40}consent")
TECH = _rx(r"\binternet\b|\bonline\b|electronic communication|information (?:and communications? )?"
           r"technolog|\bcomputer|\bwebsite|\bweb ?site|social media|\bdigital\b|mobile (?:phone|"
           r"device)|cellular|e-?mail|interactive computer service|telecommunication|\bcyber|"
           r"chat ?room|carriage service|\bICTs?\b|electronic (?:means|device|system|medium)")
ICT_KINDS = {"internet": r"internet", "computer": r"computer", "mobile": r"mobile|cellular",
             "email": r"e-?mail", "networks": r"network|chat|bulletin|peer|newsgroup|message board",
             "software": r"software|program", "camera/scanner": r"camera|scanner",
             "encryption": r"encrypt", "digital currency": r"digital currenc|crypto|virtual currenc",
             "wireless": r"wireless|radio|electromagnetic"}
OFFENCE = _rx(r"\bwhoever\b|guilty of (?:an|the) offen[cs]e|commits? (?:an|the) offen[cs]e|shall be unlawful|"
              r"\bbe punished\b|\bshall be fined\b|\bbe fined under\b|\bliable\b|punishable|"
              r"shall not traffic|\bimprisoned\b|shall suffer the penalty")
PENALTY = _rx(r"imprison|\bpunish|penalt|sentenc|\bfine[sd]?\b|aggravat|qualified trafficking")
RECRUIT = _rx(r"\brecruit|\bentic|\blur(?:e|es|ing)\b|\bgroom")
ADVERT = _rx(r"advertis|\bpublish|publicis|publiciz|\bbroadcast")
PROVIDER = _rx(r"service provider|internet service|electronic communications service|"
               r"interactive computer service|hosting (?:service|provider)|online platform")
DUTY = _rx(r"\b(?:shall|must|is required to|has a duty to|is obliged to)\b(?! not be liable)")
DUTY_ACT = _rx(r"prevent|report|remove|block|take down|take-down|preserve|notify|disable")
DEFENCE = _rx(r"\bdefen[cs]e\b|shall not be (?:held )?liable|is not liable|no liability")
OPERATOR = _rx(r"\b(?:owns?|manages?|operates?|establish(?:es)?|runs?)\b[^.;]{0,60}"
               r"(?:interactive computer service|website|web site|platform|online service|"
               r"internet service|electronic communications service)")
FACILITATE = _rx(r"promot|facilitat|advertis|allow|permit")
PAYMENT = _rx(r"benefit(?:s|ed|ing|ting|ted)? (?:financially |in any way |by receiving "
              r"anything of value )?from|receives? (?:any )?(?:payment|money|benefit)|"
              r"(?:receives?|derives?)(?: or (?:receives?|derives?))? an? (?:financial )?benefit|"
              r"(?:gives?|offers?|promises?)[^.;]{0,30}\bbenefit for|"
              r"\bpays? (?:for|any|money)|payment (?:for|in connection)|"
              r"arrang\w*[^.;]{0,80}?\bpayment\b|provides? (?:any )?(?:benefit|payment) for")
#: Payments as one of the Palermo *means* ("the giving or receiving of payments or benefits to
#: achieve the consent of a person having control"), which is not a payment offence.
MEANS_OF_CONSENT = _rx(r"payments? or benefits? to (?:achieve|obtain|secure) (?:the )?consent|"
                       r"to (?:obtain|achieve|secure) (?:the |that )?(?:other person'?s? )?consent")
CHILD_AGGRAVATION = _rx(
    r"(?:where|when|if)\s+(?:the |such |that )?(?:offen[cs]e|crime|victim|trafficked person|"
    r"person trafficked|person)[^.;]{0,80}?(?:\bchild\b|\bminor\b|under the age of (?:18|"
    r"eighteen)|below the age of (?:18|eighteen))|in respect of a child|against a child|"
    r"aggravat\w*[^.;]{0,120}\b(?:child|minor)\b|\b(?:child|minor)\b[^.;]{0,120}aggravat")
REFERENCE = _rx(r"(?:has|have|bears?) the (?:same )?meaning (?:assigned|given|ascribed)[^.;]{0,30}"
                r"(?:in|by|under)|as defined (?:in|by|under)|within the meaning of")
TRAFFIC_REF = _rx(r"\btraffick?\w*[^.;]{0,60}(?:within the meaning of|as defined in|has the "
                  r"meaning (?:assigned|given))")
CHILD_DEF = _rx(r"[\"“”'‘’]?\b(child|minor|children)\b[\"“”'‘’]?\s*(?:[-–—:,]\s*)?"
                r"(means|refers to|shall mean|includes|is a person|has the (?:same )?meaning|"
                r"bears the meaning)")
ICT_DEF = _rx(r"[\"“”'‘’]?((?<![\w ])[^\"“”'‘’;:.]{0,60}?(?:technolog|electronic communication|"
              r"computer|internet|\bICT|cyber|digital|online|carriage service)[^\"“”'‘’;:.]{0,40}?)"
              r"[\"“”'‘’]?\s*(?:[-–—:,]\s*)?(means|refers to|shall mean|includes|has the (?:same )?"
              r"meaning)")
NON_PUNISH = _rx(r"(?:victim|trafficked person)[^.;]{0,120}(?:shall not|not be|is not|cannot be)"
                 r" (?:held )?(?:criminally )?(?:liable|punish|prosecut|detain)|"
                 r"(?:not|no) (?:be )?(?:held )?(?:criminally )?(?:liable|punish\w*|prosecut\w*)"
                 r"[^.;]{0,80}victim")
EXTRATERRITORIAL = _rx(r"regardless of[^.;]{0,30}where|extra-?territorial|outside (?:the )?"
                       r"(?:Republic|country|territory|jurisdiction|[A-Z]\w+)|committed abroad|"
                       r"outside [A-Z][a-z]+")
DUAL_CRIMINALITY = _rx(r"dual criminality|whether or not [^.;]{0,60}offen[cs]e (?:in|under the "
                       r"law of) (?:that|the) (?:place|country)|regardless of[^.;]{0,30}where")
FINANCIAL = _rx(r"financial institution|\bbank|financial intelligence|suspicious transaction")


# ---------------------------------------------------------------------------------------------
# Walking the statutes

def _units(statutes: Sequence[Statute]) -> list[Unit]:
    units: list[Unit] = []
    for statute in statutes:
        for provision in statute.provisions:
            section = f"{provision.heading} {provision.full_text()}"
            units.append(Unit(statute, provision, (), provision.text, "", section))
            lead_base = provision.text if len(provision.text) < 600 else ""

            def walk(items: list[Item], path: tuple[str, ...], lead: str) -> None:
                for item in items:
                    here = path + (item.marker,)
                    units.append(Unit(statute, provision, here, item.text, lead, section))
                    walk(item.children, here, f"{lead} {item.text}".strip())
            walk(provision.items, (), lead_base)
    return [u for u in units if u.text or u.lead]


def _quote(unit: Unit, pattern: re.Pattern[str] | None = None) -> Quote:
    """The clause of the unit holding the match (or the unit's text), capped in length."""
    text = unit.text or unit.lead
    match = pattern.search(text) if pattern else None
    if match is None and pattern is not None and unit.lead and pattern.search(unit.lead):
        text, match = unit.lead, pattern.search(unit.lead)
    if match is not None and text[match.start()] in "\"“”'‘’":
        # A definition: quote from its term, not from the end of the definition before it.
        end = text.find(";", match.end())
        text = text[match.start():end + 1 if end != -1 else len(text)].strip()
    elif match is not None:
        start = max(text.rfind(";", 0, match.start()) + 1,
                    max((m.end() for m in re.finditer(r"\.\s+(?=[A-Z“\"])",
                                                     text[:match.start()])), default=0))
        end_candidates = [i for i in (text.find(";", match.end()),
                                      _sentence_end(text, match.end())) if i != -1]
        end = min(end_candidates) + 1 if end_candidates else len(text)
        text = text[start:end].strip()
    if len(text) > QUOTE_LIMIT:
        centre = pattern.search(text) if pattern else None
        first = max(0, (centre.start() if centre else 0) - QUOTE_LIMIT // 3)
        first = text.rfind(" ", 0, first) + 1 if first else 0
        cut = text[first:first + QUOTE_LIMIT].rsplit(" ", 1)[0]
        text = ("… " if first else "") + cut + " …"
    return Quote(unit.citation, text)


def _sentence_end(text: str, at: int) -> int:
    match = re.compile(r"\.(?=\s+[A-Z“\"]|\s*$)").search(text, at)
    return match.start() if match else -1


@lru_cache(maxsize=200_000)
def _found(rx: re.Pattern[str], text: str) -> bool:
    """Whether `rx` occurs in `text`, remembered: every rule asks it of the same sections."""
    return rx.search(text) is not None


def _first(units: list[Unit], test: Callable[[Unit], bool]) -> Unit | None:
    """The first unit that passes, preferring one about children (the model's concern)."""
    passing = [u for u in units if test(u)]
    return next((u for u in passing if _child_specific(u.scope)), passing[0] if passing else None)


@lru_cache(maxsize=200_000)
def _child_specific(text: str) -> bool:
    return bool(CHILD.search(NOT_CHILD.sub(" ", text)))


def _acts(text: str) -> set[str]:
    return {name for name, rx in ACTS.items() if rx.search(text)}


def _years(text: str) -> float:
    """The longest term of imprisonment a penalty clause allows (life = 1000)."""
    if re.search(r"\bfor life\b|life imprisonment|imprisonment for life|\blife\b", text, re.I):
        return 1000
    numbers = [int(n) for n in re.findall(r"(\d{1,3})\s+years", text)]
    return max(numbers, default=0)


# ---------------------------------------------------------------------------------------------
# The element rules: each returns (status, evidence, reason)

Result = tuple[str, tuple[Quote, ...], str]


@dataclass(frozen=True)
class Step:
    """One rung of a rule: the first unit passing `test` gives this status and reason."""

    status: str
    test: Callable[[Unit], bool]
    quote: re.Pattern[str] | None
    reason: str


def _ladder(units: list[Unit], steps: tuple[Step, ...], otherwise: str) -> Result:
    """Try each step in order (strongest finding first); `missing` with `otherwise` if none."""
    for step in steps:
        unit = _first(units, step.test)
        if unit:
            return step.status, (_quote(unit, step.quote),), step.reason
    return "missing", (), otherwise


def _penal_code(units: list[Unit]) -> Result:
    def child_offence(u: Unit) -> bool:
        return (bool(_found(OFFENCE, u.section)) and _child_specific(u.scope)
                and bool(_acts(u.scope) or _found(RECRUIT, u.scope))
                and bool(_found(SEXUAL, u.scope) or _found(EXPLOITATION, u.scope)))
    unit = _first(units, child_offence)
    if unit:
        return ("met", (_quote(unit, CHILD),),
                f"{unit.provision.citation(unit.path)} is an offence of its own for trafficking "
                "a child for sexual exploitation.")
    unit = _first(units, lambda u: bool(_found(OFFENCE, u.section)) and (
        bool(_acts(u.scope) and (_found(SEXUAL, u.section) or _found(EXPLOITATION, u.section)))
        or bool(re.search(r"shall not traffic|offen[cs]e of trafficking", u.scope, re.I))))
    if unit:
        return ("partial", (_quote(unit, TRAFFICKING if TRAFFICKING.search(unit.text) else None),),
                f"{unit.provision.citation(unit.path)} is a general trafficking offence; "
                "child sex trafficking is not an offence of its own.")
    return "missing", (), "No trafficking offence was found in the text."


def _child_definition(units: list[Unit]) -> Result:
    for unit in units:
        match = CHILD_DEF.search(unit.text)
        if not match:
            continue
        rest = unit.text[match.end():match.end() + 250]
        quote = _quote(unit, CHILD_DEF)
        if REFERENCE.search(rest[:120]) or "meaning" in match.group(2).lower():
            return ("unclear", (quote,),
                    "\u201cChild\u201d takes its meaning from another law, which was not given.")
        if AGE18.search(rest) or re.search(r"\b18\b|eighteen", rest[:120], re.I):
            return "met", (quote,), "\u201cChild\u201d is defined as a person under 18."
        other = AGE_OTHER.search(rest)
        if other:
            return ("partial", (quote,),
                    f"\u201cChild\u201d is defined with an age of {other.group(1)}, not 18.")
    return _ladder(units, (
        Step("met", lambda u: bool(_found(AGE18, u.text)) and bool(_found(OFFENCE, u.section)),
             AGE18, "The age of 18 is written into the offence itself, which protects every "
             "person under 18."),
        Step("partial", lambda u: bool(_found(AGE_OTHER, u.text))
             and bool(_found(OFFENCE, u.section)), AGE_OTHER,
             "The offence protects children only up to an age below 18.")),
        "\u201cChild\u201d is not defined and no age of 18 appears in an offence.")


def _cst_definition(units: list[Unit]) -> Result:
    def child_no_means(u: Unit) -> bool:
        own = NOT_CHILD.sub(" ", u.scope)
        return (_child_specific(own) and len(_acts(own)) >= 1
                and bool(SEXUAL.search(own) or EXPLOITATION.search(own))
                and (not MEANS.search(own) or bool(NO_MEANS.search(own))))
    unit = _first(units, child_no_means)
    if unit:
        acts = _acts(unit.scope)
        quote = _quote(unit, next((rx for rx in (MEANS_LIFTED, NO_MEANS)
                                   if rx.search(unit.text)), CHILD))
        if len(acts) >= 3:
            return ("met", (quote,),
                    "Trafficking a child for exploitation needs none of the means (force, "
                    "fraud, coercion): a child cannot consent.")
        return ("partial", (quote,),
                f"No means are required for a child, but only {', '.join(sorted(acts))} is "
                "covered, not recruitment, harbouring and receipt.")

    def anyone_no_means(u: Unit) -> bool:
        return (bool(_acts(u.scope) or _found(RECRUIT, u.scope))
                and bool(_found(SEXUAL, u.section) or _found(EXPLOITATION, u.section))
                and bool(_found(OFFENCE, u.section) or re.search(r"refers to|means", u.section))
                and not _found(MEANS, u.section))
    unit = _first(units, anyone_no_means)
    if unit:
        return ("partial", (_quote(unit, NO_MEANS if NO_MEANS.search(unit.text) else None),),
                "Trafficking needs no means for any victim, so children are covered, but "
                "there is no definition specific to children.")
    unit = _first(units, lambda u: bool(_found(TRAFFIC_REF, u.text)))
    if unit:
        return ("unclear", (_quote(unit, TRAFFIC_REF),),
                "Trafficking is defined by reference to a provision that was not given.")
    return ("missing", (),
            "No definition treats trafficking of a child as complete without force, fraud or "
            "coercion.")


def _definition_text(unit: Unit, match: re.Match[str], units: list[Unit]) -> str:
    """One definition's words: up to the next quoted term, and, where it ends in a list
    ("including—"), the list's items, which the reader keeps as items of the section."""
    following = re.compile(r"[\"\u201c]").search(unit.text, match.end())
    text = unit.text[match.start():following.start() if following else match.start() + 1200]
    if text.rstrip().endswith(("\u2014", "-", ":")):
        text += " " + " ".join(u.text for u in units if u.provision is unit.provision and u.path)
    return text[:1500]


def _tech_definition(units: list[Unit]) -> Result:
    """The best of every technology definition found: an Act defining "digital currency"
    before "information and communication technology" still meets the element."""
    best: Result | None = None
    for unit in units:
        for match in ICT_DEF.finditer(unit.text):
            here = re.compile(re.escape(match.group(0)))
            rest = _definition_text(unit, match, units)
            kinds = [k for k, rx in ICT_KINDS.items() if re.search(rx, rest, re.I)]
            term = match.group(1).strip()
            if re.search(r"technolog|facilitat", term, re.I) and len(kinds) >= 4:
                return ("met", (_quote(unit, here),),
                        f"\u201c{term}\u201d is defined and names {', '.join(kinds)}.")
            if best is not None:
                continue
            if REFERENCE.search(rest[:160]) or "meaning" in match.group(2).lower():
                best = ("unclear", (_quote(unit, here),),
                        f"\u201c{term}\u201d takes its meaning from another law, which was not "
                        "given.")
            else:
                best = ("partial", (_quote(unit, here),),
                        f"\u201c{term}\u201d is defined, but not as technology-facilitated "
                        "trafficking naming the ICTs the model lists.")
    return best or ("missing", (), "No definition of technology or technology-facilitated conduct.")


def _ict_offence(units: list[Unit], verb: re.Pattern[str], what: str,
                 trafficking_act: bool) -> Result:
    """Shared by recruitment and advertising: the act as an offence, with or without ICTs.

    `trafficking_act`: the act is one of trafficking's own acts (recruitment is, advertising
    is not), so an offence of "trafficking" defined elsewhere leaves it unclear, not missing.
    """
    def offence(u: Unit) -> bool:
        return (bool(verb.search(u.text) or (not u.text and verb.search(u.lead)))
                and bool(_found(OFFENCE, u.section))
                and bool(_found(SEXUAL, u.section) or _found(EXPLOITATION, u.section)
                         or _found(TRAFFICKING, u.section) or _child_specific(u.section)))
    unit = _first(units, lambda u: offence(u) and bool(_found(TECH, u.scope)))
    if unit:
        return ("met", (_quote(unit, verb),),
                f"{what.capitalize()} is an offence that expressly reaches the Internet or "
                "other information technology.")
    unit = _first(units, offence)
    if unit:
        return ("partial", (_quote(unit, verb),),
                f"{what.capitalize()} is an offence, but the provision never mentions the "
                "Internet or other technology.")
    unit = _first(units, lambda u: trafficking_act and bool(_found(TRAFFIC_REF, u.text))
                  and bool(_found(OFFENCE, u.section)))
    if unit:
        return ("unclear", (_quote(unit, TRAFFIC_REF),),
                f"Whether {what} is covered depends on a definition that was not given.")
    return "missing", (), f"No offence of {what} was found."


def _platform_liability(units: list[Unit]) -> Result:
    return _ladder(units, (
        Step("met", lambda u: bool(_found(OPERATOR, u.scope)) and bool(_found(FACILITATE, u.scope))
             and bool(_found(OFFENCE, u.section)) and not _found(DEFENCE, u.text), OPERATOR,
             "Owning, managing or operating an online service to promote or facilitate the "
             "conduct is an offence."),),
        "No offence reaches ICT companies or those who own, manage or operate them.")


def _payment_offence(units: list[Unit]) -> Result:
    def paying(u: Unit) -> bool:
        return (bool(_found(PAYMENT, u.text)) and bool(_found(OFFENCE, u.section))
                and not _found(MEANS_OF_CONSENT, u.scope))
    return _ladder(units, (
        Step("met", lambda u: paying(u) and bool(_found(TECH, u.scope)), PAYMENT,
             "Paying for or benefiting from a trafficked child through a technology-facilitated "
             "transaction is an offence."),
        Step("partial", paying, PAYMENT,
             "Benefiting from or paying for exploitation is an offence, but not by reference to "
             "online payments or other technology.")),
        "Payments appear, if at all, only as a means of trafficking, not as an offence.")


def _aggravated(units: list[Unit]) -> Result:
    unit = _first(units, lambda u: bool(_found(CHILD_AGGRAVATION, u.text))
                  and bool(_found(PENALTY, u.section)))
    if unit:
        return ("met", (_quote(unit, CHILD_AGGRAVATION),),
                "A heavier penalty applies where the victim is a child.")
    penalised = [u for u in units if _found(OFFENCE, u.text) and _years(u.text)]
    child = [u for u in penalised if AGE18.search(NOT_CHILD.sub(" ", u.scope))]
    adult = [u for u in penalised if not _child_specific(u.scope)]
    for c in child:
        heavier = [a for a in adult if _years(c.text) > _years(a.text)
                   and (SEXUAL.search(a.scope) and SEXUAL.search(c.scope))]
        if heavier:
            return ("met", (_quote(c, AGE18), _quote(heavier[0], None)),
                    "The offence against a person under 18 carries a heavier penalty than the "
                    "same conduct against an adult.")
    unit = _first(units, lambda u: bool(re.search(r"age of the (?:victim|complainant)|"
                                                  r"vulnerab", u.text, re.I))
                  and bool(re.search(r"sentenc|aggravat", u.section, re.I)))
    if unit:
        return ("partial", (_quote(unit, None),),
                "The victim's age or vulnerability is a sentencing factor, not a fixed "
                "enhancement for child victims.")
    return "missing", (), "No heavier penalty for child victims was found."


def _isp_duties(units: list[Unit]) -> Result:
    def provider(rx: re.Pattern[str]) -> Callable[[Unit], bool]:
        return lambda u: bool(_found(PROVIDER, u.text)) and bool(rx.search(u.text))
    return _ladder(units, (
        Step("met", lambda u: provider(DUTY)(u) and bool(_found(DUTY_ACT, u.text))
             and not _found(DEFENCE, u.text), DUTY,
             "Service providers are under a duty (\u201cshall\u201d/\u201cmust\u201d) to "
             "prevent or report."),
        Step("missing", provider(DEFENCE), DEFENCE,
             "Service providers appear only in a defence, which is not a duty."),
        Step("partial", provider(DUTY_ACT), DUTY_ACT,
             "Service providers may prevent or report, but the text sets no duty.")),
        "No duty on service providers was found.")


def _financial(units: list[Unit]) -> Result:
    return _ladder(units, (
        Step("met", lambda u: bool(_found(FINANCIAL, u.text)) and bool(_found(DUTY, u.text))
             and bool(re.search(r"report", u.text, re.I)), FINANCIAL,
             "Financial institutions must report suspicious transactions."),),
        "No reporting duty on financial institutions was found.")


def _non_punishment(units: list[Unit]) -> Result:
    return _ladder(units, (
        Step("met", lambda u: bool(_found(NON_PUNISH, u.text)), NON_PUNISH,
             "Victims are not punished or prosecuted for what they were made to do."),),
        "No non-punishment provision for victims was found.")


def _extraterritorial(units: list[Unit]) -> Result:
    return _ladder(units, (
        Step("met", lambda u: bool(_found(DUAL_CRIMINALITY, u.text))
             and bool(_found(OFFENCE, u.section)), DUAL_CRIMINALITY,
             "Offences committed abroad are triable without requiring them to be crimes where "
             "committed."),
        Step("partial", lambda u: bool(_found(EXTRATERRITORIAL, u.text))
             and bool(_found(OFFENCE, u.section)), EXTRATERRITORIAL,
             "Conduct partly or wholly outside the country is reached, but dual criminality is "
             "not excluded.")),
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


def analyze_statutes(statutes: Sequence[Statute]) -> Analysis:
    """Every model element judged against the statutes taken together."""
    units = _units(statutes)
    findings = []
    for element in ELEMENTS:
        status, evidence, reason = RULES[element.id](units)
        findings.append(Finding(element.id, status, evidence, reason))
    return Analysis(tuple((s.path.name, s.title) for s in statutes), tuple(findings))
