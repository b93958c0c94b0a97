from modellaw.model import Kind
from modellaw.draft.outline import parse_outline


def test_levels_continuations_and_wrap_up() -> None:
    root = parse_outline(
        "(1) A person who—\n"
        "    (a) recruits\n"
        "        a child; or\n"
        "    (b) arranges—\n"
        "        (i) one; or\n"
        "        (ii) two,\n"
        "  commits an offence.\n"
        "(2)[#consent] Consent is no defence.\n")
    first, second = root.children
    assert first.kind is Kind.SUBSECTION and first.joined_text() == "A person who—"
    a, b = first.children
    assert a.joined_text() == "recruits a child; or"
    assert [c.kind for c in b.children] == [Kind.SUBPARAGRAPH, Kind.SUBPARAGRAPH]
    assert first.joined_wrap_up() == "commits an offence."
    assert second.anchor == "consent"


def test_letter_i_is_a_paragraph_unless_indented_under_one() -> None:
    lines = "".join(f"(a) item {n}\n" for n in range(8)) + "(i) ninth\n"
    root = parse_outline(lines)
    assert [c.kind for c in root.children] == [Kind.PARAGRAPH] * 9


def test_text_before_markers_is_the_section_text() -> None:
    root = parse_outline("In this Act—\n(a) one;\n(b) two.\n")
    assert root.joined_text() == "In this Act—" and len(root.children) == 2
