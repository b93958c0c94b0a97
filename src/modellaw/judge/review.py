"""Review rules: which departures from the model weaken the protection of children, and why.

Each rule compares one model provision with its counterpart in the draft (both as
normalised text, plus the words the draft inserted and deleted) and says, in the report's
reasoning, why the change matters.  Rules compare rather than merely search: the model
itself says "as soon as practicable" for removal and lists means of coercion in order to
declare them immaterial, so a phrase is only a finding when the draft *departs* from the
model with it.  A rule that fires makes its element `weakened`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from modellaw.judge.align import Unit

OFFENCE_ELEMENTS = frozenset({"recruitment-offence", "advertising-offence", "payment-offence",
                              "platform-liability"})
MEANS_ELEMENTS = frozenset({"cst-definition", "penal-code", *OFFENCE_ELEMENTS})

NUMBER_WORDS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split())}
NUMBER_WORDS.update({"twenty-five": 25, "thirty": 30, "forty": 40, "fifty": 50})
_NUM = r"(\d+|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"


def _number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word.lower()]


@dataclass(frozen=True)
class Hit:
    """A rule's finding before it is placed: the message and where in the draft text."""

    message: str
    offset: int = -1  # character offset into the draft unit's text, -1 = the whole unit


@dataclass(frozen=True)
class Pair:
    """What the rules see of one aligned provision."""

    ref: Unit | None
    draft: Unit | None
    ref_text: str
    draft_text: str
    inserted: str  # the draft's inserted words, spans joined by " | "
    deleted: str

    @property
    def elements(self) -> frozenset[str]:
        unit = self.ref or self.draft
        return frozenset(unit.elements) if unit else frozenset()

    def is_child_definition(self) -> bool:
        unit = self.ref or self.draft
        return bool(unit) and ("child-definition" in self.elements or (
            unit.kind == "definition" and unit.title.strip().lower() == "child"))


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str  # high | medium | low
    title: str
    explanation: str  # why it matters, in the report's reasoning
    check: Callable[[Pair], list[Hit]]


def _count(pattern: str, text: str) -> int:
    return len(re.findall(pattern, text, re.I))


def _first(pattern: str, text: str) -> int:
    m = re.search(pattern, text, re.I)
    return m.start() if m else -1


# --- the checks -------------------------------------------------------------------------

AGE = re.compile(r"\b(?:under|below|less than|younger than)\s+(?:the\s+age\s+of\s+)?" + _NUM
                 + r"\b", re.I)
CONSENT_AGE = r"age of (sexual )?consent|may lawfully consent|capable of consent|consent to sexual"
UNQUALIFIED = r"regardless|irrespective|notwithstanding|whether or not"


def child_age(pair: Pair) -> list[Hit]:
    if not pair.draft or not pair.is_child_definition():
        return []
    ages = [(_number(m.group(1)), m.start()) for m in AGE.finditer(pair.draft_text)]
    ref_ages = [_number(m.group(1)) for m in AGE.finditer(pair.ref_text)] or [18]
    low = [(age, at) for age, at in ages if age < min(18, min(ref_ages))]
    return [Hit(f"\u201cchild\u201d is defined as a person under {age}, not under 18", at)
            for age, at in low[:1]]


def child_consent(pair: Pair) -> list[Hit]:
    if not pair.draft or not pair.is_child_definition():
        return []
    at = _first(CONSENT_AGE, pair.draft_text)
    if at < 0 or re.search(UNQUALIFIED, pair.draft_text, re.I):
        return []
    return [Hit("\u201cchild\u201d is tied to the age of sexual consent instead of applying to "
                "every person under 18 regardless of it", at)]


MEANS = (r"\b(force|forcible|threat\w*|coerc\w*|deception|deceiv\w*|deceit|fraud\w*|abduct\w*|"
         r"abuse of (power|authority|a position)|intimidat\w*|violence)\b")
NO_MEANS = (r"\b(immaterial|irrelevant|not necessary to prove|need not (be )?prove|"
            r"by any means|whether or not|regardless|irrespective)\b")


def means_required(pair: Pair) -> list[Hit]:
    if not pair.draft or not (pair.elements & MEANS_ELEMENTS):
        return []
    dropped = _count(NO_MEANS, pair.draft_text) < _count(NO_MEANS, pair.ref_text)
    added = [s for s in pair.inserted.split(" | ") if re.search(MEANS, s, re.I)
             and not re.search(NO_MEANS, s, re.I)]
    if not (added or (dropped and re.search(MEANS, pair.draft_text, re.I))):
        return []
    at = _first(MEANS, pair.draft_text)
    what = f"adds \u201c{added[0].strip()}\u201d" if added else \
        "drops the statement that the means used are immaterial"
    return [Hit(f"the provision {what}, so force, threat, coercion or deception may have to be "
                "proved for a child victim", at)]


NO_CONSENT = (r"(not a defence|no defence|immaterial|irrelevant|whether or not)[^.]{0,240}?"
              r"consent|consent\w*[^.;]{0,80}?(is|shall be) (not a defence|no defence|"
              r"immaterial|irrelevant)")
CONSENT_DEFENCE = (r"(?<!not )\b(is|shall be) a (good |valid )?defence[^.]{0,200}consent|"
                   r"\bwithout (the|his or her|their|the child's|its) consent|"
                   r"against (the|his or her|their) will|consent\w*[^.;]{0,60}(is|shall be) "
                   r"a (good |valid )?defence")


def consent_relevant(pair: Pair) -> list[Hit]:
    if not pair.draft or pair.is_child_definition():
        return []
    hits = []
    if _count(CONSENT_DEFENCE, pair.draft_text) > _count(CONSENT_DEFENCE, pair.ref_text):
        hits.append(Hit("the draft makes the child's consent (or its absence) relevant to "
                        "the offence", _first(CONSENT_DEFENCE, pair.draft_text)))
    elif _count(NO_CONSENT, pair.ref_text) and (
            _count(NO_CONSENT, pair.draft_text) < _count(NO_CONSENT, pair.ref_text)
            or _count(r"\bconsent", pair.draft_text) < _count(r"\bconsent", pair.ref_text)):
        hits.append(Hit("the model's statement that the child's consent is no defence is "
                        "removed or weakened", _first(r"\bconsent", pair.draft_text)))
    return hits


TECHNOLOGIES = {
    "digital currency": r"digital currenc|crypto", "encryption": r"encrypt",
    "peer-to-peer networks": r"peer[- ]to[- ]peer", "the Internet": r"\binternet\b",
    "email": r"\be-?mail", "chatrooms": r"chat ?rooms?", "mobile services": r"\bmobile",
    "wireless networks": r"wireless", "video conferencing": r"video ?conferenc",
    "newsgroups": r"newsgroup", "bulletin boards": r"bulletin board",
    "file transfer (FTP)": r"file transfer|\bftp\b", "scanners": r"scanner",
    "digital cameras": r"digital camera", "personal computers": r"computer",
    "social media": r"social (media|network)", "online payment systems": r"online payment",
    "gift cards": r"gift card", "credit cards": r"credit\b", "wire transfers": r"wire transfer",
    "live streaming": r"live ?stream",
}


def technologies_dropped(pair: Pair) -> list[Hit]:
    if not pair.draft:
        return []
    gone = [name for name, pat in TECHNOLOGIES.items()
            if re.search(pat, pair.ref_text, re.I) and not re.search(pat, pair.draft_text, re.I)]
    if not gone:
        return []
    return [Hit(f"no longer names {', '.join(gone)}; offenders move to the technologies a law "
                "leaves out")]


NARROWING = (r"for (financial|commercial|material|monetary|pecuniary)? ?(gain|profit|reward|"
             r"benefit)|for (commercial|business) purposes|in the course of (a |any )?business|"
             r"habitually|repeatedly|on more than one occasion|with intent to (profit|make)|"
             r"wilfully and|knowing that the (person|victim) (is|was) (under|a child)|"
             r"\bsolely\b|\bonly\b")
MENS_REA = r"reasonable grounds to (believe|suspect)|ought reasonably to have known|recklessly"


def offence_narrowed(pair: Pair) -> list[Hit]:
    if not pair.draft or not (pair.elements & (OFFENCE_ELEMENTS | {"penal-code"})):
        return []
    hits = []
    added = [s for s in pair.inserted.split(" | ") if re.search(NARROWING, s, re.I)]
    if added:
        hits.append(Hit(f"narrows the offence with \u201c{added[0].strip()}\u201d",
                        _first(re.escape(added[0].strip()), pair.draft_text)))
    if _count(MENS_REA, pair.draft_text) < _count(MENS_REA, pair.ref_text):
        hits.append(Hit("requires more knowledge of the offender than the model (\u201creasonable "
                        "grounds to believe\u201d dropped)"))
    ref_items = _count(r"(^|\n)\([a-z]{1,4}\) ", pair.ref_text)
    draft_items = _count(r"(^|\n)\([a-z]{1,4}\) ", pair.draft_text)
    if draft_items < ref_items:
        hits.append(Hit(f"lists {draft_items} of the model's {ref_items} forms of the conduct"))
    return hits


YEARS_MAX = re.compile(r"(?:not exceeding|not more than|up to|maximum (?:term )?of|at most|"
                       r"no more than)\s+" + _NUM + r"\s+years", re.I)
YEARS_MIN = re.compile(r"(?:not less than|minimum (?:term )?of|at least|no less than)\s+" + _NUM
                       + r"\s+years", re.I)
FINE_OR_PRISON = (r"imprisonment[^.;]{0,100}?\bor\b[^.;]{0,40}?\bfine\b|\bfine\b[^.;]{0,60}?\bor\b"
                  r"[^.;]{0,40}?imprisonment|\bor both\b|\bin lieu of imprisonment")


def _years(regex: re.Pattern[str], text: str) -> list[int]:
    return [_number(m.group(1)) for m in regex.finditer(text)]


def penalty_lower(pair: Pair) -> list[Hit]:
    if not pair.draft:
        return []
    hits = []
    ref_max, draft_max = _years(YEARS_MAX, pair.ref_text), _years(YEARS_MAX, pair.draft_text)
    if ref_max and not draft_max and not _years(YEARS_MIN, pair.draft_text):
        hits.append(Hit(f"the model's term of imprisonment (up to {max(ref_max)} years) is gone"))
    elif ref_max and draft_max and max(draft_max) < max(ref_max):
        hits.append(Hit(f"the maximum term is {max(draft_max)} years, below the "
                        f"{max(ref_max)} years of the model", _first(YEARS_MAX.pattern,
                                                                     pair.draft_text)))
    ref_min, draft_min = _years(YEARS_MIN, pair.ref_text), _years(YEARS_MIN, pair.draft_text)
    if ref_min and (not draft_min or min(draft_min) < min(ref_min)):
        now = f"{min(draft_min)} years" if draft_min else "none"
        hits.append(Hit(f"the minimum term is {now}, not the model's {min(ref_min)} years"))
    return hits


def fine_instead(pair: Pair) -> list[Hit]:
    if not pair.draft:
        return []
    hits = []
    if _count(FINE_OR_PRISON, pair.draft_text) > _count(FINE_OR_PRISON, pair.ref_text):
        hits.append(Hit("allows a fine instead of imprisonment",
                        _first(FINE_OR_PRISON, pair.draft_text)))
    for words, what in ((r"\bsuspend", "the bar on suspended sentences"),
                        (r"in place of (a sentence of )?imprisonment|non-custodial",
                         "the bar on fines and non-custodial penalties in place of prison")):
        if "aggravated-penalties" in pair.elements and re.search(words, pair.ref_text, re.I) \
                and not re.search(words, pair.draft_text, re.I):
            hits.append(Hit(f"drops {what}"))
    if "aggravated-penalties" in pair.elements and \
            _count(r"\bshall not\b", pair.draft_text) < _count(r"\bshall not\b", pair.ref_text):
        hits.append(Hit("turns a prohibition on lenient sentences into a discretion "
                        "(\u201cshall not\u201d removed)"))
    return hits


SOFT_DELAY = (r"reasonable (time|period)|as soon as (reasonably )?(practicable|possible)|"
              r"in due course|when (it|the service provider) (considers|deems)|"
              r"within \d+ (days|weeks|months)|promptly")
HOURS = re.compile(r"within\s+" + _NUM + r"\s+hours", re.I)


def delay_softened(pair: Pair) -> list[Hit]:
    if not pair.draft or not re.search(r"\breport", pair.ref_text, re.I):
        return []
    hits = []
    soft = [s for s in pair.inserted.split(" | ") if re.search(SOFT_DELAY, s, re.I)]
    lost = _count(r"without delay|immediately", pair.draft_text) < _count(
        r"without delay|immediately", pair.ref_text)
    if soft or lost:
        how = f"\u201c{soft[0].strip()}\u201d" if soft else "a looser time limit"
        hits.append(Hit(f"the duty to report \u201cwithout delay\u201d is softened to {how}",
                        _first(SOFT_DELAY, pair.draft_text)))
    ref_h, draft_h = [_number(m.group(1)) for m in HOURS.finditer(pair.ref_text)], \
        [_number(m.group(1)) for m in HOURS.finditer(pair.draft_text)]
    if ref_h and draft_h and max(draft_h) > max(ref_h):
        hits.append(Hit(f"the report is due within {max(draft_h)} hours, not {max(ref_h)}"))
    return hits


DUTIES = {"prevent": r"\bprevent", "report": r"\breport", "preserve": r"\bpreserv",
          "remove or block": r"\b(remov|block|disabl|take down|takedown)"}


def duty_dropped(pair: Pair) -> list[Hit]:
    if not pair.draft or "isp-duties" not in pair.elements:
        return []
    hits = [Hit(f"the service provider's duty to {duty} is dropped")
            for duty, pat in DUTIES.items()
            if re.search(pat, pair.ref_text, re.I) and not re.search(pat, pair.draft_text, re.I)]
    if _count(r"\bshall\b", pair.draft_text) < _count(r"\bshall\b", pair.ref_text) and \
            _count(r"\bmay\b", pair.draft_text) > _count(r"\bmay\b", pair.ref_text):
        hits.append(Hit("a duty (\u201cshall\u201d) becomes a discretion (\u201cmay\u201d)",
                        _first(r"\bmay\b", pair.draft_text)))
    return hits


DUAL_REQUIRED = (r"(?:also|is|constitutes)\s+(?:also\s+)?an\s+offence\s+(?:under|by)\s+the\s+law\s+"
                 r"of\s+the\s+(?:place|state|country)|dual\s+criminality|punishable\s+(?:also\s+)?"
                 r"(?:under|by)\s+the\s+law\s+of\s+the\s+(?:place|state|country)")
DUAL_WAIVED = (r"whether or not the act constitutes an offence|without (?:any |the )?(?:requirement "
               r"of )?dual criminality|irrespective of whether the act is an offence")


def dual_criminality(pair: Pair) -> list[Hit]:
    """The model tries offences committed abroad whether or not they are crimes there."""
    if not pair.draft or "extraterritorial-jurisdiction" not in pair.elements:
        return []
    if not re.search(DUAL_WAIVED, pair.ref_text, re.I) or re.search(DUAL_WAIVED, pair.draft_text,
                                                                    re.I):
        return []
    at = _first(DUAL_REQUIRED, pair.draft_text)
    if at >= 0:
        return [Hit("the act must also be an offence where it was done (dual criminality)", at)]
    return [Hit("the statement that dual criminality is not required is dropped")]


RULES: tuple[Rule, ...] = (
    Rule("child-age-below-18", "high", "\u201cChild\u201d defined below 18",
         "The model law defines a child as any person under 18. A lower age leaves 16- and "
         "17-year-olds outside the child protections and breaks the uniform age that dual "
         "criminality needs across borders.", child_age),
    Rule("child-age-of-consent", "high", "\u201cChild\u201d tied to the age of consent",
         "The report asks for 18 regardless of the age of sexual consent: a child above that "
         "age can still be trafficked and cannot consent to being exploited.", child_consent),
    Rule("means-required", "high", "A means element required for child victims",
         "For children the Palermo Protocol (art. 3(c)) requires no force, fraud or coercion: "
         "the model defines child sex trafficking 'by any means'. Requiring proof of means "
         "makes the hardest-to-prove element a condition of conviction.", means_required),
    Rule("consent-relevant", "high", "The child's consent treated as relevant",
         "A child cannot consent to sexual exploitation; the model says consent is no defence "
         "(Palermo Protocol art. 3(b)-(c)).", consent_relevant),
    Rule("technologies-dropped", "medium", "Technologies dropped",
         "The report asks laws to name ICTs expressly, including encryption, digital currency "
         "and peer-to-peer networks, so that courts do not read the offences narrowly.",
         technologies_dropped),
    Rule("offence-narrowed", "high", "A model offence narrowed",
         "The model's offences reach anyone who intentionally recruits, advertises or pays by "
         "means of ICTs; conditions such as financial gain or fewer forms of the conduct leave "
         "the everyday cases the report describes unpunished.", offence_narrowed),
    Rule("penalty-lower", "high", "Penalty lower than the profile's",
         "The report asks for aggravated penalties that distinguish child from adult sex "
         "trafficking; a lower term undoes the distinction.", penalty_lower),
    Rule("fine-instead-of-prison", "high", "A fine allowed instead of imprisonment",
         "The report's prosecution guidance: no suspended sentences, fines or administrative "
         "penalties in place of prison for child sex trafficking.", fine_instead),
    Rule("report-delay-softened", "high", "Reporting \u201cwithout delay\u201d softened",
         "Service providers must report to law enforcement without delay once aware (South "
         "Africa, Zambia, Zimbabwe); a child advertised online is moved within hours.",
         delay_softened),
    Rule("provider-duty-dropped", "high", "A service-provider duty dropped",
         "The report asks providers to take reasonable steps to prevent hosting, report, "
         "preserve evidence and remove or block content quickly.", duty_dropped),
    Rule("dual-criminality-required", "medium", "Dual criminality required",
         "Age limits and offences differ between countries; requiring that the act also be a "
         "crime where it was done lets offenders exploit the country with the weakest law, "
         "which is why the report calls for a uniform definition of the child.",
         dual_criminality),
)
BY_ID = {rule.id: rule for rule in RULES}

MISSING_OFFENCE = Rule(
    "offence-missing", "high", "A model offence missing",
    "The report's model law criminalises recruiting, advertising, paying and platform "
    "facilitation by means of ICTs; without the offence that conduct is not a crime.",
    lambda pair: [])
MISSING_PROVISION = Rule(
    "provision-missing", "medium", "A model provision missing",
    "A provision that implements a model law element is absent from the draft.",
    lambda pair: [])


def review(pair: Pair) -> list[tuple[Rule, Hit]]:
    """Every rule that fires on an aligned (or added) provision."""
    return [(rule, hit) for rule in RULES for hit in rule.check(pair)]


def review_missing(unit: Unit) -> list[tuple[Rule, Hit]]:
    """Findings for a model provision the draft lacks (none for bill furniture)."""
    if set(unit.elements) & OFFENCE_ELEMENTS and unit.kind == "section":
        return [(MISSING_OFFENCE, Hit(f"{unit.label} ({unit.title}) has no counterpart in the "
                                      "draft"))]
    if unit.elements:
        return [(MISSING_PROVISION, Hit(f"{unit.label} ({unit.title}) has no counterpart in "
                                        "the draft"))]
    return []
