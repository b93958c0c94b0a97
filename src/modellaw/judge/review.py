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
from functools import lru_cache
from typing import Callable

from modellaw.judge.align import Unit
from modellaw.judge.elements import NUMBER_WORDS, ages, may_match, number
from modellaw.records import record

OFFENCE_ELEMENTS = frozenset({"recruitment-offence", "advertising-offence", "payment-offence",
                              "platform-liability"})
MEANS_ELEMENTS = frozenset({"cst-definition", "penal-code", *OFFENCE_ELEMENTS})
PENALTY_ELEMENTS = frozenset({"penal-code", "aggravated-penalties", *OFFENCE_ELEMENTS})
CHILD = frozenset({"child-definition"})
ISP = frozenset({"isp-duties"})
#: How much of a missing provision's words a finding quotes.
QUOTE = 240


@record
class Hit:
    """A rule's finding before it is placed: the message, the exact words it fired on (in the
    draft, or in the model when the draft dropped them) and where in the draft text."""

    message: str
    words: str
    offset: int = -1  # character offset into the draft unit's text, -1 = the whole unit
    in_model: bool = False  # the words are the model's, which the draft no longer has


@record
class Pair:
    """What the rules see of one aligned provision."""

    ref: Unit | None
    draft: Unit | None
    ref_text: str
    draft_text: str
    inserted: str  # the draft's inserted words, spans joined by " | "
    deleted: str
    document: str = ""  # the whole draft's words: what a provision may rely on elsewhere

    def said_anywhere(self, pattern: str | re.Pattern[str]) -> bool:
        """Whether the draft says it here or anywhere else (a definition applies throughout)."""
        return bool(re.search(pattern, self.document or self.draft_text, re.I))

    @property
    def elements(self) -> frozenset[str]:
        unit = self.ref or self.draft
        return frozenset(unit.elements) if unit else frozenset()

    def is_child_definition(self) -> bool:
        unit = self.ref or self.draft
        return bool(unit) and ("child-definition" in self.elements or (
            unit.kind == "definition" and unit.title.strip().lower() == "child"))


@record
class Rule:
    """`concerns`: the elements a finding of this rule can weaken (empty: any).  A model
    provision may serve several elements (section 3 is both the offence and the definition
    without means); a lower penalty in it weakens the offence, not the definition."""

    id: str
    severity: str  # high | medium | low
    title: str
    explanation: str  # why it matters, in the report's reasoning
    check: Callable[[Pair], list[Hit]]
    concerns: frozenset[str] = frozenset()

    def weakens(self, element: str, provision_elements: tuple[str, ...]) -> bool:
        """Whether a finding on a provision serving `provision_elements` counts against
        `element`: when the rule concerns it, or concerns none of the provision's elements
        (then the provision as a whole is weakened)."""
        if not self.concerns or element in self.concerns:
            return True
        return not self.concerns & set(provision_elements)


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


@lru_cache(maxsize=4096)
def clauses(text: str) -> tuple[tuple[int, str], ...]:
    """The text cut where a statement ends (line, ';', sentence end), each clause carrying the
    chapeau it continues ("It is not a defence that—" over its list): a statement is read
    with the words that govern it, so "it is immaterial whether— (a) force was used" does not
    read as requiring force."""
    out: list[tuple[int, str]] = []
    chapeau, level = "", ""
    pos = 0
    for line in text.split("\n"):
        start = pos
        pos += len(line) + 1
        kind = _label_kind(line)
        if not kind or kind == level:
            chapeau = ""       # a sibling of the chapeau, or unlabelled words: it governs no more
        for piece in re.finditer(r"[^;]+(?:;|$)", line):
            words = piece.group(0)
            for sentence in re.finditer(r".+?(?:\.(?=\s+[A-Z(\"\u201c])|$)", words):
                if sentence.group(0).strip():
                    out.append((start + piece.start() + sentence.start(),
                                f"{chapeau} {sentence.group(0)}".strip()))
        if re.search(r"(?:[\u2014:\-]|\bthat|\bwhether|\bif)\s*$", line):
            chapeau, level = line, kind
    return tuple(out)


def _label_kind(line: str) -> str:
    """"digit", "letter", "roman" or "bullet" for a labelled line, "" for running words."""
    match = ITEM.match(line)
    if not match:
        return ""
    label = match.group(0).strip().strip("().")
    if label.isdigit():
        return "digit"
    if re.fullmatch(r"[ivxl]+", label) and label not in ("i", "v", "x", "l") or label == "i":
        return "roman"
    return "letter" if label.isalpha() else "bullet"


def _where(pattern: re.Pattern[str], text: str) -> tuple[int, str]:
    """The first clause of `text` holding the pattern: its offset and its words."""
    for at, clause in clauses(text):
        if pattern.search(clause):
            return at, clause
    return -1, ""


ITEM = _rx(r"^\s*(?:\(\w{1,5}\)|[\u2022\u25cf\u25aa\u00b7\u2013*-]|\d{1,3}[.)]|[a-z][.)])\s")
NEGATION = _rx(r"\b(?:shall not|must not|may not|cannot|can not|is not|are not|will not|"
               r"does not|do not|not be|never)\b|\bno (?:court|person|sentence|one)\b")


# --- the checks -------------------------------------------------------------------------

CONSENT_AGE = _rx(r"age of (?:sexual )?consent|may lawfully consent|capable of consent|"
                  r"consent to sexual")
#: "has not reached the age at which that Act allows a person to consent": the child defined
#: by the age of consent, whatever else the clause says.
BY_CONSENT_AGE = _rx(r"(?:not (?:yet )?(?:reached|attained)|under|below|younger than) the age "
                     r"(?:at which|of (?:sexual )?consent)[^.;]{0,80}?consent")
UNQUALIFIED = _rx(r"regardless|irrespective|notwithstanding|whether or not|whatever|no matter|"
                  r"even (?:if|though|where|when)")


def child_age(pair: Pair) -> list[Hit]:
    if not pair.draft or not pair.is_child_definition():
        return []
    ref_ages = [age for age, _ in ages(pair.ref_text)] or [18]
    for age, at in ages(pair.draft_text):
        if age < min(18, min(ref_ages)):
            return [Hit(f"\u201cchild\u201d is defined as a person under {age}, not under 18",
                        _clause_at(pair.draft_text, at), at)]
    return []


def _clause_at(text: str, offset: int) -> str:
    found = [c for at, c in clauses(text) if at <= offset]
    return found[-1] if found else text


def child_consent(pair: Pair) -> list[Hit]:
    """The age of consent put in, or the model's "regardless of the age of consent" taken out."""
    if not pair.draft or not pair.is_child_definition():
        return []
    tied = [(at, c) for at, c in clauses(pair.draft_text)
            if CONSENT_AGE.search(c) and not UNQUALIFIED.search(c) or BY_CONSENT_AGE.search(c)]
    if tied:
        return [Hit("\u201cchild\u201d is tied to the age of sexual consent instead of applying "
                    "to every person under 18 regardless of it", tied[0][1], tied[0][0])]
    kept = [c for _, c in clauses(pair.ref_text) if CONSENT_AGE.search(c) and UNQUALIFIED.search(c)]
    if kept and not any(CONSENT_AGE.search(c) and UNQUALIFIED.search(c)
                        for _, c in clauses(pair.draft_text)):
        words = UNQUALIFIED.search(kept[0])
        return [Hit("the model's \u201cregardless of the age of consent\u201d is removed, so a "
                    "court may read \u201cchild\u201d down to the age of consent",
                    kept[0][words.start():] if words else kept[0], in_model=True)]
    return []


MEANS = _rx(r"\b(?:force|forcible|threat\w*|coerc\w*|deception|deceiv\w*|deceit|fraud\w*|"
            r"abduct\w*|abuse of (?:power|authority|a position)|intimidat\w*|violence)\b")
NO_MEANS = _rx(r"\b(?:immaterial|irrelevant|not (?:necessary|required|needed)|need not|"
               r"needs? not|does not need|no need|without (?:the )?(?:need|proof|having)|"
               r"by any means|no defence|not a defence|not be (?:a )?defence)\b|"
               r"(?:whether or not|regardless of|irrespective of|even (?:if|though|where)|with or "
               r"without)[^.;]{0,80}(?:means|force|threat|coerc|fraud|decei|decept|consent)")
#: Words saying that the means must be proved.
PROOF = _rx(r"\b(?:must|shall|is required to|has to) (?:be )?(?:prove|establish|show)\w*|"
            r"\bby (?:means of )?(?:the )?(?:use of )?(?:force|threat|coercion|fraud|deception)")


def _means_needed(text: str) -> list[tuple[int, str]]:
    """Clauses that make force, fraud or coercion a condition: they name a means and nothing
    in them (or their chapeau) declares it immaterial; or they say it must be proved."""
    return [(at, c) for at, c in clauses(text)
            if MEANS.search(c) and not NO_MEANS.search(c)
            and not re.search(r"\b(?:aggravat|increas|higher|heavier)", c, re.I)]


def means_required(pair: Pair) -> list[Hit]:
    if not pair.draft or not (pair.elements & MEANS_ELEMENTS):
        return []
    model = [_stems(c) for _, c in _means_needed(pair.ref_text)]
    # a clause the model has too ("an offer that is false or fraudulent") is no new condition
    needed = [(at, c) for at, c in _means_needed(pair.draft_text)
              if not any(len(_stems(c) & m) * 2 >= len(_stems(c) | m) for m in model)]
    if not needed:
        return []
    at, words = needed[0]
    return [Hit("the provision makes force, threat, coercion or deception a condition, so it "
                "may have to be proved for a child victim", words, at)]


NO_CONSENT = _rx(r"(?:not a defence|no defence|not be a defence|not constitute a defence|"
                 r"immaterial|irrelevant|not relevant|whether or not|with or without|"
                 r"regardless of|irrespective of|even (?:if|though|where))[^.]{0,240}?consent|"
                 r"consent\w*[^.;]{0,80}?(?:is|shall be|does|be) (?:not a defence|no defence|"
                 r"immaterial|irrelevant|not relevant|not (?:constitute|amount to) a defence)")
CONSENT_DEFENCE = _rx(r"\b(?:is|shall be) a (?:good |valid |complete )?defence[^.]{0,200}consent|"
                      r"\bwithout (?:the|his or her|their|the child's|its|that person's) consent|"
                      r"against (?:the|his or her|their) will|consent\w*[^.;]{0,60}(?:is|shall "
                      r"be) a (?:good |valid |complete )?defence")


@lru_cache(maxsize=1024)
def _consent_matters(text: str) -> tuple[tuple[int, str], ...]:
    """Clauses that make the child's consent (or its absence) a condition or a defence; asked
    of every pair about the whole draft, so remembered."""
    return tuple((at, c) for at, c in clauses(text)
                 if CONSENT_DEFENCE.search(c) and not NO_CONSENT.search(c)
                 and not re.search(r"\b(?:not|no) (?:a )?(?:good |valid )?defen[cs]e", c, re.I))


def consent_relevant(pair: Pair) -> list[Hit]:
    if not pair.draft or pair.is_child_definition():
        return []
    matters = _consent_matters(pair.draft_text)
    if len(matters) > len(_consent_matters(pair.ref_text)):
        return [Hit("the draft makes the child's consent (or its absence) relevant to the "
                    "offence", matters[0][1], matters[0][0])]
    said = [c for _, c in clauses(pair.ref_text) if NO_CONSENT.search(c)]
    # where the draft makes consent a defence, that is the finding, at the words saying so
    elsewhere = bool(pair.document) and bool(_consent_matters(pair.document))
    if said and not elsewhere and not any(NO_CONSENT.search(c) for _, c in
                                          clauses(pair.document or pair.draft_text)):
        return [Hit("the model's statement that the child's consent is no defence is removed",
                    said[0], in_model=True)]
    return []


TECHNOLOGIES = {
    "digital currency": r"digital currenc|crypto", "encryption": r"encrypt",
    "peer-to-peer networks": r"peer[- ]to[- ]peer", "the Internet": r"\binternet\b",
    "email": r"\be-?mail|electronic mail", "chatrooms": r"chat ?rooms?", "mobile services": r"\bmobile",
    "wireless networks": r"wireless", "video conferencing": r"video ?(?:conferenc|call|chat|link)",
    "newsgroups": r"news ?groups?|usenet", "bulletin boards": r"bulletin board|message board|forum",
    "file transfer (FTP)": r"file transfer|\bftp\b", "scanners": r"scanner",
    "digital cameras": r"digital camera", "personal computers": r"computer",
    "social media": r"social (media|network)", "online payment systems": r"online payment",
    "gift cards": r"gift card", "credit cards": r"credit\b", "wire transfers": r"wire transfer",
    "live streaming": r"live ?stream|streamed live",
}


def technologies_dropped(pair: Pair) -> list[Hit]:
    if not pair.draft:
        return []
    gone = [(name, m) for name, pat in TECHNOLOGIES.items()
            if (m := re.search(pat, pair.ref_text, re.I)) and not pair.said_anywhere(pat)]
    if not gone:
        return []
    return [Hit(f"no longer names {', '.join(n for n, _ in gone)}; offenders move to the "
                "technologies a law leaves out", _clause_at(pair.ref_text, gone[0][1].start()),
                in_model=True)]


NARROWING = _rx(r"for (?:financial|commercial|material|monetary|pecuniary)? ?(?:gain|profit|"
                r"reward|benefit)|for (?:commercial|business) purposes|in the course of (?:a |any )?"
                r"business|habitually|repeatedly|on more than one occasion|with intent to "
                r"(?:profit|make)|wilfully and|knowing that the (?:person|victim) (?:is|was) "
                r"(?:under|a child)|(?<!not )\bsolely\b|(?<!not )\bonly (?:if|where|when)\b")
#: The act tied to a means: "to recruit a child by deception".
BY_MEANS = _rx(r"\bby (?:means of )?(?:the )?(?:use of )?(?:deception|deceit|force|threats?|fraud|"
               r"coercion|abduction)\b")
MENS_REA = _rx(r"reasonable grounds to (?:believe|suspect)|ought reasonably to have known|"
               r"recklessly|has reason to (?:believe|suspect)|reckless")


def offence_narrowed(pair: Pair) -> list[Hit]:
    if not pair.draft or not (pair.elements & (OFFENCE_ELEMENTS | {"penal-code"})):
        return []
    hits = []
    narrower = [(at, c) for at, c in clauses(pair.draft_text) if NARROWING.search(c)
                and not any(NARROWING.search(r).group(0).lower() == NARROWING.search(c).group(0)
                            .lower() for _, r in clauses(pair.ref_text) if NARROWING.search(r))]
    if narrower and NARROWING.search(pair.inserted):
        at, words = narrower[0]
        hits.append(Hit(f"narrows the offence with \u201c{NARROWING.search(words).group(0)}\u201d",
                        words, at))
    by_means = [(at, c) for at, c in clauses(pair.draft_text)
                if BY_MEANS.search(c) and not NO_MEANS.search(c)]
    if by_means and pair.elements & OFFENCE_ELEMENTS and not any(
            BY_MEANS.search(c) for _, c in clauses(pair.ref_text)):
        at, words = by_means[0]
        hits.append(Hit(f"narrows the offence to conduct \u201c{BY_MEANS.search(words).group(0)}"
                        "\u201d, which the model does not require", words, at))
    ref_mens = [c for _, c in clauses(pair.ref_text) if MENS_REA.search(c)]
    if ref_mens and not MENS_REA.search(pair.draft_text):
        hits.append(Hit("requires more knowledge of the offender than the model (\u201creasonable "
                        "grounds to believe\u201d dropped)", ref_mens[0], in_model=True))
    dropped = _forms_dropped(pair)
    if dropped:
        hits.append(Hit(f"leaves out {len(dropped)} of the forms of the conduct the model lists",
                        dropped[0], in_model=True))
    return hits


_STOP = frozenset("which where their there other under with from that this into such shall "
                  "person child section".split())


@lru_cache(maxsize=1024)
def _stems(text: str) -> frozenset[str]:
    return frozenset(w[:5] for w in re.findall(r"[a-z]+", text.lower())
                     if len(w) > 4 and w not in _STOP)


def _forms_dropped(pair: Pair) -> list[str]:
    """The model's listed forms of the conduct ("(a) prostitution", "(b) a dating service")
    whose words the draft no longer has, in a list or in running text."""
    have = _stems(pair.document or pair.draft_text)
    dropped = []
    for line in pair.ref_text.split("\n"):
        stems = _stems(ITEM.sub("", line))
        if _label_kind(line) in ("letter", "roman", "bullet") and stems and \
                len(stems & have) * 3 < len(stems):
            dropped.append(line.strip())
    return dropped


_N = r"(\d+|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
YEARS_MAX = _rx(r"(?:not exceeding|not more than|up to|maximum (?:term )?of|at most|no more than|"
                r"to)\s+" + _N + r"\s+years")
YEARS_MIN = _rx(r"(?:not less than|minimum (?:term )?of|at least|no less than|from)\s+" + _N +
                r"\s+(?:years|to\b|and\b|nor\b)")
LIFE = _rx(r"\bfor life\b|life imprisonment|imprisonment for life")
PERMITS_FINE = _rx(r"imprisonment[^.;]{0,100}?\bor\b[^.;]{0,40}?\bfine\b|\bfine\b[^.;]{0,60}?\bor\b"
                   r"[^.;]{0,40}?imprison|\bor both\b|\bfined?\b[^.;]{0,40}(?:instead of|in place of|"
                   r"in lieu of|rather than)[^.;]{0,30}imprison|(?:instead of|in place of|in lieu "
                   r"of)[^.;]{0,30}imprisonment[^.;]{0,40}\bfine")


def _years(regex: re.Pattern[str], text: str) -> list[int]:
    found = [number(m.group(1)) for m in regex.finditer(text)] if may_match(regex, text) \
        else []
    return found + ([1000] if regex is YEARS_MAX and LIFE.search(text) else [])


#: An aggravated term stated relative to the offence's own ("increased by half", "doubled"):
#: its figures follow from the offences' terms, which are compared where they stand.
RELATIVE_TERM = re.compile(r"\bincreased by (?:one[- ]|a )?(?:half|third|quarter|\d+ ?(?:%|per ?cent))"
                           r"|\bdoubled\b|\b(?:one and a half|twice) times\b", re.I)


def penalty_lower(pair: Pair) -> list[Hit]:
    if not pair.draft:
        return []
    hits = []
    ref_max, draft_max = _years(YEARS_MAX, pair.ref_text), _years(YEARS_MAX, pair.draft_text)
    if not draft_max and not _years(YEARS_MIN, pair.draft_text) and \
            RELATIVE_TERM.search(pair.draft_text):
        return []
    if ref_max and not draft_max and not _years(YEARS_MIN, pair.draft_text) and \
            re.search(r"offen[cs]e|liable|punish", pair.draft_text, re.I):
        hits.append(Hit(f"the model's term of imprisonment (up to {max(ref_max)} years) is gone",
                        _where(YEARS_MAX, pair.ref_text)[1], in_model=True))
    elif ref_max and draft_max and max(draft_max) < max(ref_max):
        at, words = _where(YEARS_MAX, pair.draft_text)
        hits.append(Hit(f"the maximum term is {max(draft_max)} years, below the "
                        f"{max(ref_max)} years of the model", words, at))
    ref_min, draft_min = _years(YEARS_MIN, pair.ref_text), _years(YEARS_MIN, pair.draft_text)
    if ref_min and (not draft_min or min(draft_min) < min(ref_min)):
        now = f"{min(draft_min)} years" if draft_min else "none"
        at, words = _where(YEARS_MIN, pair.draft_text) if draft_min else \
            (-1, _where(YEARS_MIN, pair.ref_text)[1])
        hits.append(Hit(f"the minimum term is {now}, not the model's {min(ref_min)} years",
                        words, at, in_model=not draft_min))
    return hits


#: Who a fine falls on: a company (which cannot be imprisoned, so a fine alone is right) or
#: a person (for whom the report forbids a fine in place of prison).
FINED = re.compile(r"(body corporate|company|legal person|corporation)|(director|officer|"
                   r"manager|secretary|individual|natural person|employee)", re.I)


def _fines_a_company(clause: str, at: int) -> bool:
    """Whether the nearest subject named before the fine words is a company."""
    subjects = list(FINED.finditer(clause[:at]))
    return bool(subjects) and subjects[-1].group(1) is not None


def _permitted(text: str) -> list[tuple[int, str]]:
    """Clauses that allow a fine or a lesser sentence in place of prison for a person: not
    those a negation governs ("the court shall not impose a fine instead of imprisonment"),
    nor a fine on a company."""
    found = []
    for at, c in clauses(text):
        match = PERMITS_FINE.search(c)
        if match and not NEGATION.search(c[:match.start()]) and \
                not _fines_a_company(c, match.start()):
            found.append((at, c))
    return found


def _bars(text: str, words: str) -> list[str]:
    return [c for _, c in clauses(text) if re.search(words, c, re.I) and NEGATION.search(c)]


def fine_instead(pair: Pair) -> list[Hit]:
    if not pair.draft:
        return []
    hits = []
    allowed = _permitted(pair.draft_text)
    if len(allowed) > len(_permitted(pair.ref_text)):
        hits.append(Hit("allows a fine instead of imprisonment", allowed[0][1], allowed[0][0]))
    if "aggravated-penalties" in pair.elements:
        for words, what in ((r"\bsuspen", "the bar on suspended sentences"),
                            (r"in place of|instead of|in lieu of|non-custodial",
                             "the bar on fines and non-custodial penalties in place of prison")):
            barred = _bars(pair.ref_text, words)
            if barred and not _bars(pair.draft_text, words):
                hits.append(Hit(f"drops {what}", barred[0], in_model=True))
    return hits


SOFT_DELAY = _rx(r"reasonable (?:time|period)|as soon as (?:reasonably )?(?:practicable|possible)|"
                 r"in due course|when (?:it|the service provider) (?:considers|deems)|"
                 r"within \d+ (?:days|weeks|months)|promptly")
IMMEDIATE = _rx(r"without (?:undue )?delay|immediately|forthwith|at once|without any delay")
HOURS = _rx(r"within\s+" + _N + r"\s+hours")
DEADLINE = _rx(r"within\s+" + _N + r"\s+(?:hours|days|working days)")


def delay_softened(pair: Pair) -> list[Hit]:
    if not pair.draft:
        return []
    reported = [c for _, c in clauses(pair.ref_text) if re.search(r"\breport", c, re.I)
                and IMMEDIATE.search(c)]
    hits = []
    if reported and not any(IMMEDIATE.search(c) for _, c in clauses(pair.draft_text)
                            if re.search(r"\breport|notif|inform", c, re.I)):
        at, words = _where(SOFT_DELAY, pair.draft_text)
        how = f"\u201c{SOFT_DELAY.search(words).group(0)}\u201d" if words else \
            "a looser time limit"
        hits.append(Hit(f"the duty to report \u201cwithout delay\u201d is softened to {how}",
                        words or reported[0], at, in_model=not words))
    deadline = [c for _, c in clauses(pair.ref_text) if re.search(r"\breport", c, re.I)
                and DEADLINE.search(c)]
    at, words = _where(SOFT_DELAY, pair.draft_text)
    if not hits and deadline and words and not DEADLINE.search(pair.draft_text):
        hits.append(Hit(f"the deadline to report is softened to "
                        f"\u201c{SOFT_DELAY.search(words).group(0)}\u201d", words, at))
    ref_h = [number(m.group(1)) for m in HOURS.finditer(pair.ref_text)]
    draft_h = [number(m.group(1)) for m in HOURS.finditer(pair.draft_text)]
    if ref_h and draft_h and max(draft_h) > max(ref_h):
        at, words = _where(HOURS, pair.draft_text)
        hits.append(Hit(f"the report is due within {max(draft_h)} hours, not {max(ref_h)}",
                        words, at))
    return hits


DUTIES = {"prevent": r"\bprevent", "report": r"\breport|\bnotif", "preserve": r"\bpreserv|\bretain|\bkeep|\bstore",
          "remove or block": r"\b(?:remov|block|disabl|take down|takedown|take-down)"}
OBLIGED = _rx(r"\b(?:shall|must|is required to|are required to|is obliged to|has a duty to)\b"
              r"(?! not)")
DISCRETION = _rx(r"\bmay\b(?! not)(?! request)")


def duty_dropped(pair: Pair) -> list[Hit]:
    if not pair.draft or "isp-duties" not in pair.elements:
        return []
    hits = []
    for duty, pat in DUTIES.items():
        had = re.search(pat, pair.ref_text, re.I)
        if had and not re.search(pat, pair.draft_text, re.I) and not any(
                re.search(pat, c, re.I) and OBLIGED.search(c) for _, c in clauses(pair.document)):
            hits.append(Hit(f"the service provider's duty to {duty} is dropped",
                            _clause_at(pair.ref_text, had.start()), in_model=True))
    weaker = [(at, c) for at, c in clauses(pair.draft_text)
              if DISCRETION.search(c) and not OBLIGED.search(c)]
    if weaker and len(OBLIGED.findall(pair.draft_text)) < len(OBLIGED.findall(pair.ref_text)) \
            and len(weaker) > len([c for _, c in clauses(pair.ref_text)
                                   if DISCRETION.search(c) and not OBLIGED.search(c)]):
        hits.append(Hit("a duty (\u201cshall\u201d) becomes a discretion (\u201cmay\u201d)",
                        weaker[0][1], weaker[0][0]))
    return hits


DUAL_REQUIRED = _rx(r"(?:also|is|constitutes)\s+(?:also\s+)?an\s+offence\s+(?:under|by|in)\s+the\s+"
                    r"law\s+of\s+the\s+(?:place|state|country)|dual\s+criminality|punishable\s+"
                    r"(?:also\s+)?(?:under|by)\s+the\s+law\s+of\s+the\s+(?:place|state|country)")
DUAL_WAIVED = _rx(r"whether or not the (?:act|conduct) (?:constitutes|is) an offence|without "
                  r"(?:any |the )?(?:requirement of )?dual criminality|irrespective of whether "
                  r"the (?:act|conduct) is an offence|regardless of whether the (?:act|conduct)")


def dual_criminality(pair: Pair) -> list[Hit]:
    """The model tries offences committed abroad whether or not they are crimes there."""
    if not pair.draft or "extraterritorial-jurisdiction" not in pair.elements:
        return []
    at_ref, waived = _where(DUAL_WAIVED, pair.ref_text)
    if not waived or DUAL_WAIVED.search(pair.draft_text):
        return []
    at, words = _where(DUAL_REQUIRED, pair.draft_text)
    if at >= 0:
        return [Hit("the act must also be an offence where it was done (dual criminality)",
                    words, at)]
    return [Hit("the statement that dual criminality is not required is dropped", waived,
                in_model=True)]


RULES: tuple[Rule, ...] = (
    Rule("child-age-below-18", "high", "\u201cChild\u201d defined below 18",
         "The model law defines a child as any person under 18. A lower age leaves 16- and "
         "17-year-olds outside the child protections and breaks the uniform age that dual "
         "criminality needs across borders.", child_age, CHILD),
    Rule("child-age-of-consent", "high", "\u201cChild\u201d tied to the age of consent",
         "The report asks for 18 regardless of the age of sexual consent: a child above that "
         "age can still be trafficked and cannot consent to being exploited.", child_consent,
         CHILD),
    Rule("means-required", "high", "A means element required for child victims",
         "For children the Palermo Protocol (art. 3(c)) requires no force, fraud or coercion: "
         "the model defines child sex trafficking 'by any means'. Requiring proof of means "
         "makes the hardest-to-prove element a condition of conviction.", means_required,
         MEANS_ELEMENTS),
    Rule("consent-relevant", "high", "The child's consent treated as relevant",
         "A child cannot consent to sexual exploitation; the model says consent is no defence "
         "(Palermo Protocol art. 3(b)-(c)).", consent_relevant,
         frozenset({"penal-code", *OFFENCE_ELEMENTS})),
    Rule("technologies-dropped", "medium", "Technologies dropped",
         "The report asks laws to name ICTs expressly, including encryption, digital currency "
         "and peer-to-peer networks, so that courts do not read the offences narrowly.",
         technologies_dropped),
    Rule("offence-narrowed", "high", "A model offence narrowed",
         "The model's offences reach anyone who intentionally recruits, advertises or pays by "
         "means of ICTs; conditions such as financial gain or fewer forms of the conduct leave "
         "the everyday cases the report describes unpunished.", offence_narrowed,
         frozenset({"penal-code", *OFFENCE_ELEMENTS})),
    Rule("penalty-lower", "high", "Penalty lower than the profile's",
         "The report asks for aggravated penalties that distinguish child from adult sex "
         "trafficking; a lower term undoes the distinction.", penalty_lower, PENALTY_ELEMENTS),
    Rule("fine-instead-of-prison", "high", "A fine allowed instead of imprisonment",
         "The report's prosecution guidance: no suspended sentences, fines or administrative "
         "penalties in place of prison for child sex trafficking.", fine_instead,
         PENALTY_ELEMENTS),
    Rule("report-delay-softened", "high", "Reporting \u201cwithout delay\u201d softened",
         "Service providers must report to law enforcement without delay once aware (South "
         "Africa, Zambia, Zimbabwe); a child advertised online is moved within hours.",
         delay_softened, ISP),
    Rule("provider-duty-dropped", "high", "A service-provider duty dropped",
         "The report asks providers to take reasonable steps to prevent hosting, report, "
         "preserve evidence and remove or block content quickly.", duty_dropped, ISP),
    Rule("dual-criminality-required", "medium", "Dual criminality required",
         "Age limits and offences differ between countries; requiring that the act also be a "
         "crime where it was done lets offenders exploit the country with the weakest law, "
         "which is why the report calls for a uniform definition of the child.",
         dual_criminality, frozenset({"extraterritorial-jurisdiction"})),
)
BY_ID = {rule.id: rule for rule in RULES}

MISSING_OFFENCE = Rule(
    "offence-missing", "high", "A model offence missing",
    "The report's model law criminalises recruiting, advertising, paying and platform "
    "facilitation by means of ICTs; without the offence that conduct is not a crime.",
    lambda pair: [])
ELEMENT_WEAKER = Rule(
    "element-weakened", "medium", "The draft meets less of a model element",
    "Read element by element, the draft does less than the model (an offence without the "
    "technology it names, a definition without the age of 18): the element is no longer "
    "fully met.", lambda pair: [])
BROKEN_REFERENCE = Rule(
    "broken-reference", "medium", "A cross-reference that no longer resolves",
    "Word prints \u201cError! Reference source not found.\u201d where a cross-reference lost "
    "its target: the provision no longer says which offence or definition it means, and a "
    "court may read it narrowly or not at all.", lambda pair: [])
UNACCEPTED_REVISION = Rule(
    "unaccepted-revision", "medium", "A tracked change nobody accepted",
    "The file holds tracked changes that were neither accepted nor rejected: the text "
    "reviewed may not be the text adopted.  Each is named with its author.", lambda pair: [])
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
                                      "draft", unit.text[:QUOTE], in_model=True))]
    if unit.elements:
        return [(MISSING_PROVISION, Hit(f"{unit.label} ({unit.title}) has no counterpart in "
                                        "the draft", unit.text[:QUOTE], in_model=True))]
    return []
