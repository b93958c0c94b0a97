"""How provisions are lettered and numbered: shared by the assembler, which prints labels,
and by the Word writer and readers, which must predict or read back the labels Word draws."""

from __future__ import annotations

_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def roman(n: int) -> str:
    """Upper-case roman numerals (part numbers: PART IV); `.lower()` for subparagraphs."""
    out = ""
    for value, numeral in _ROMAN:
        while n >= value:
            out, n = out + numeral, n - value
    return out


def letters(n: int) -> str:
    """a, b, … z, aa, bb, …: Word's lowerLetter, and how drafters letter paragraphs."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


#: Chapter numbers written out, as civil-law laws number them ("Chapter Five: Penalties").
NUMBER_WORDS = ("One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten",
                "Eleven", "Twelve", "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen",
                "Eighteen", "Nineteen", "Twenty")


def number_word(n: int) -> str:
    """One, Two, … Twenty; past twenty (no law has that many chapters) roman numerals."""
    return NUMBER_WORDS[n - 1] if n <= len(NUMBER_WORDS) else roman(n)
