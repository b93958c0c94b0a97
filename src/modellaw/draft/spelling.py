"""American spelling for a bill whose profile asks for it (`drafting.spelling: american`).

The clause library is written in British spelling, as most of the report's sample countries
legislate; a United States bill that says "offence", "defence" and "criminalise" reads as
foreign to Congress.  The words are the library's own, listed once; each is replaced whole,
keeping its capital, so no other word is touched.
"""

from __future__ import annotations

import re

AMERICAN = {
    "offence": "offense", "offences": "offenses", "defence": "defense", "defences": "defenses",
    "criminalise": "criminalize", "criminalises": "criminalizes", "criminalising": "criminalizing",
    "criminalised": "criminalized", "organised": "organized", "recognises": "recognizes",
    "favour": "favor", "favours": "favors", "labour": "labor", "modelling": "modeling",
    "harbouring": "harboring", "programme": "program", "programmes": "programs",
    "licence": "license", "behaviour": "behavior", "judgement": "judgment",
}
WORD = re.compile(r"\b(" + "|".join(sorted(AMERICAN, key=len, reverse=True)) + r")\b", re.I)
#: An outline anchor (`(1)[#offence]`) is a name, not a word.
ANCHOR = re.compile(r"(\[#[a-z0-9-]+\])")


def americanise(text: str) -> str:
    """`Offence` -> `Offense`: each listed word, keeping an initial capital."""
    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        new = AMERICAN[word.lower()]
        return new[0].upper() + new[1:] if word[0].isupper() else new
    return "".join(piece if ANCHOR.fullmatch(piece) else WORD.sub(swap, piece)
                   for piece in ANCHOR.split(text))
