"""Each review rule on its own: it fires on the weakening it names, stays silent when the
draft repeats the model, and reads the model's own wording ("as soon as practicable" for
removal, the listed means declared immaterial) without false alarms."""

from __future__ import annotations

import pytest

from modellaw.judge.align import Line, Unit
from modellaw.judge.diff import word_changes
from modellaw.judge.review import BY_ID, RULES, Pair, review


def pair(elements: tuple[str, ...], ref: str, draft: str, kind: str = "section",
         title: str = "Offence") -> Pair:
    def unit(text: str) -> Unit:
        return Unit(kind, "x", "x", elements, "section 1", title,
                    tuple(Line("x", "section 1", t) for t in text.split("\n")))
    changes = word_changes(ref, draft)
    return Pair(unit(ref), unit(draft), ref, draft,
                " | ".join(c.new for c in changes if c.op != "equal" and c.new),
                " | ".join(c.old for c in changes if c.op != "equal" and c.old))


CHILD = '"child" means any person under the age of 18 years, regardless of the age of consent'
CST = ("(1) A person who intentionally engages in child sex trafficking commits an offence and "
       "is liable to imprisonment for a term of not less than 5 years and not more than 20 "
       "years.\n(2) It is not necessary to prove the threat or use of force.\n(3) It is not a "
       "defence that the child consented.")
ICT = "(d) other tools, such as encryption, peer-to-peer networks and digital currency"
ISP = ("(1) A service provider shall take all reasonable steps to prevent hosting.\n(2) It "
       "shall (a) report that fact to the police without delay, and in any event within 24 "
       "hours; (b) preserve the information; and (c) as soon as practicable remove it.")
EXT = ("(1) A person who, outside Utopia, does any act that would constitute an offence under "
       "this Act if done within Utopia commits that offence.\n(2) This section applies whether "
       "or not the act constitutes an offence under the law of the place where it was done.")
REC = ("(1) A person who intentionally uses information and communication technology to "
       "recruit a child for the purpose of\n(a) prostitution;\n(b) child sex trafficking; or\n"
       "(c) any other sexual activity")

CASES = [
    ("child-age-below-18", ("child-definition",), CHILD, CHILD.replace("18", "16"), "definition"),
    ("child-age-below-18", ("child-definition",), CHILD,
     CHILD.replace("18 years", "sixteen years"), "definition"),
    ("child-age-of-consent", ("child-definition",), CHILD,
     '"child" means a person under the age of sexual consent', "definition"),
    ("means-required", ("penal-code",), CST,
     CST.replace("intentionally engages", "by force or deception engages"), "section"),
    ("means-required", ("penal-code",), CST,
     CST.replace("It is not necessary to prove", "The prosecution must prove"), "section"),
    ("consent-relevant", ("penal-code",), CST, CST.replace("not a defence", "a defence"),
     "section"),
    ("technologies-dropped", ("tech-definition",), ICT,
     "(d) other tools, such as encryption", "definition"),
    ("offence-narrowed", ("recruitment-offence",), REC,
     REC.replace("intentionally", "for financial gain"), "section"),
    ("offence-narrowed", ("recruitment-offence",), REC,
     REC.replace("\n(c) any other sexual activity", ""), "section"),
    ("penalty-lower", ("penal-code",), CST, CST.replace("not more than 20", "not more than 12"),
     "section"),
    ("penalty-lower", ("penal-code",), CST, CST.replace("not less than 5 years and ", ""),
     "section"),
    ("fine-instead-of-prison", ("penal-code",), CST,
     CST.replace("to imprisonment", "to a fine or to imprisonment"), "section"),
    ("report-delay-softened", ("isp-duties",), ISP,
     ISP.replace("without delay, and in any event within 24 hours", "within a reasonable time"),
     "section"),
    ("report-delay-softened", ("isp-duties",), ISP, ISP.replace("24 hours", "72 hours"),
     "section"),
    ("provider-duty-dropped", ("isp-duties",), ISP,
     ISP.replace("(b) preserve the information; and ", ""), "section"),
    ("provider-duty-dropped", ("isp-duties",), ISP,
     ISP.replace("shall take all reasonable steps to", "may"), "section"),
    ("dual-criminality-required", ("extraterritorial-jurisdiction",), EXT,
     EXT.replace("whether or not the act constitutes", "only if the act also constitutes"),
     "section"),
    ("dual-criminality-required", ("extraterritorial-jurisdiction",), EXT,
     EXT.split("\n")[0], "section"),
]


@pytest.mark.parametrize("rule,elements,ref,draft,kind", CASES)
def test_rule_fires_on_its_weakening(rule: str, elements: tuple[str, ...], ref: str,
                                     draft: str, kind: str) -> None:
    fired = {r.id for r, _ in review(pair(elements, ref, draft, kind, "child"
                                          if kind == "definition" else "Offence"))}
    assert rule in fired


@pytest.mark.parametrize("elements,text", [(("child-definition",), CHILD), (("penal-code",), CST),
                                           (("tech-definition",), ICT), (("isp-duties",), ISP),
                                           (("recruitment-offence",), REC),
                                           (("extraterritorial-jurisdiction",), EXT)])
def test_no_rule_fires_when_the_draft_repeats_the_model(elements: tuple[str, ...],
                                                        text: str) -> None:
    assert review(pair(elements, text, text)) == []


def test_a_stronger_draft_is_not_weakened() -> None:
    stronger = CST.replace("not more than 20", "not more than 25")
    assert review(pair(("penal-code",), CST, stronger)) == []
    assert review(pair(("child-definition",), CHILD, CHILD.replace("18", "21"),
                       "definition", "child")) == []


def test_every_rule_explains_itself() -> None:
    assert len(BY_ID) == len(RULES) >= 10
    for rule in RULES:
        assert rule.severity in ("high", "medium", "low")
        assert len(rule.explanation) > 60
