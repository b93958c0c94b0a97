"""How each drafting tradition cites, numbers inserted provisions and words its amendments.

Three families, from the conventions in the research notes: the Commonwealth "principal Act"
form (African and Asian Commonwealth: "Section 2 of the principal Act is amended by deleting
… and substituting …"); the United Kingdom form ("In section 2, for "16" substitute "18"";
"After section 8 insert—"); and the civil-law form of the EU Joint Practical Guide ("Article 3
is replaced by the following:").  Inserted provisions are never renumbering: Commonwealth 8A,
8B (8AA before an existing 8A), UK 8A (8ZA before an existing 8A), civil law 5 bis, 5 ter or,
in a code numbered with hyphens, 23-1, 23-2.
"""

from __future__ import annotations

import re

from modellaw.errors import ModellawError
from modellaw.records import record

#: The Latin ordinals of inserted articles, 2nd to 20th, as French, Belgian and Italian
#: legislation writes them ("5 bis" … "5 vicies").
LATIN = ("bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies",
         "decies", "undecies", "duodecies", "terdecies", "quaterdecies", "quinquiesdecies",
         "sexiesdecies", "septiesdecies", "octiesdecies", "noviesdecies", "vicies")
STYLES = ("commonwealth", "uk", "civil")
#: Profiles drafted in the United Kingdom's form.
UK_PROFILES = frozenset({"gb", "uk"})


@record
class Tradition:
    key: str                      # commonwealth | uk | civil
    hyphenated: bool = False      # civil law: the Act numbers articles 225-4, so 225-4-1

    @property
    def civil(self) -> bool:
        return self.key == "civil"

    def section(self, num: str, capital: bool = False) -> str:
        word = "Article" if self.civil else ("Section" if capital else "section")
        return f"{word} {num}"

    def path(self, nums: tuple[str, ...]) -> str:
        """`subsection (1)(a)` / `paragraph 1, point (a)`: a place inside a provision."""
        if not nums:
            return ""
        if self.civil:
            names = ("paragraph", "point", "sub-point")
            return ", ".join(f"{names[min(i, 2)]} {n.strip('()') if i == 0 else n}"
                             for i, n in enumerate(nums))
        first = "subsection" if nums[0].strip("()")[:1].isdigit() else "paragraph"
        return f"{first} {''.join(nums)}"

    def successors(self, after: str) -> list[str]:
        """The numbers that follow `after` without renumbering: 8 -> 8A, 8B …; 8A -> 8B …;
        5 -> 5 bis, 5 ter …; 23 -> 23-1, 23-2 … in a code numbered with hyphens."""
        if self.civil and self.hyphenated:
            stem, _, last = after.rpartition("-") if after.count("-") > 1 else (after, "", "0")
            return [f"{stem}-{n}" for n in range(int(last) + 1, 100)]
        if self.civil:
            words = after.split()
            start = LATIN.index(words[-1]) + 1 if words[-1] in LATIN else 0
            return [f"{words[0]} {w}" for w in LATIN[start:]]
        letters = [chr(c) for c in range(ord("A"), ord("Z") + 1)]
        if after[-1:].isalpha():
            return [after[:-1] + c for c in letters[letters.index(after[-1].upper()) + 1:]]
        return [after + c for c in letters]

    def inserted(self, after: str, taken: set[str], count: int) -> tuple[str, list[str]]:
        """Where `count` new provisions go and their numbers: after `after`, or after the
        provisions already inserted after it (8A, 8B exist: the new ones are 8C, 8D)."""
        while (following := self.successors(after)) and following[0] in taken:
            after = following[0]
        if len(following) < count:
            raise ModellawError(f"cannot number {count} new provisions after "
                                f"{self.section(after)} without renumbering the Act")
        return after, following[:count]


def tradition_for(profile_id: str, drafting_style: str, numbers: list[str],
                  choice: str | None = None, act_tradition: str = "") -> Tradition:
    """The amending tradition: chosen (`--style`), else the profile's (UK profiles in the UK
    form, civil-law drafting in the civil form), else the Act's own (a code of Articles is
    amended in the civil form whatever the profile), the rest Commonwealth."""
    civil = "civil-law" in (drafting_style, act_tradition)
    key = choice or ("uk" if profile_id in UK_PROFILES else
                     "civil" if civil else "commonwealth")
    return Tradition(key, hyphenated=any(re.fullmatch(r"\d+(?:-\d+)+", n) for n in numbers))
