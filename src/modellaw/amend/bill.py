"""The amending bill as data: its sections in the Act's order, each instruction worded in
the tradition's form, and the table tying each amendment to the gap it closes.

One amending section per provision of the Act amended (several instructions to the same
section are its lettered items); new sections inserted after the same section are one
amending section.  Commonwealth bills open with the short title and commencement and call
a single Act "the principal Act"; United Kingdom and civil-law bills end with them.  A bill
amending several Acts has one Part per Act, each naming its Act in full.
"""

from __future__ import annotations

import re

from modellaw.amend.apply import Proof
from modellaw.amend.instructions import ARRANGEMENT, LONG_TITLE, Instruction, Locator, quoted
from modellaw.amend.plan import Plan
from modellaw.amend.style import Tradition
from modellaw.labels import letters
from modellaw.model import Kind, Node
from modellaw.library.profiles import Profile
from modellaw.records import record, replace

SUBJECT = "technology-facilitated child sex trafficking"


@record
class Item:
    text: str
    quoted: tuple[Node, ...] = ()
    instruction: Instruction | None = None
    entries: tuple[tuple[str, str], ...] = ()    # arrangement entries quoted


@record
class AmendingSection:
    num: str
    heading: str
    lead: str
    items: tuple[Item, ...]
    part: str = ""                 # the Part it stands in, in a bill amending several Acts
    marks: str = "\u201c\u201d"    # how the Act it amends quotes its defined terms


@record
class Row:
    """One line of the table of amendments: what the amendment does and the gap it closes."""

    section: str
    action: str
    target: str
    element: str
    clause: str
    status: str
    gap: str
    act: str = ""                  # the title of the Act the amendment is made to


@record
class AmendingBill:
    short_title: str
    long_title: str
    enacting_formula: str
    act_title: str
    jurisdiction: str
    date: str
    tradition: Tradition
    sections: tuple[AmendingSection, ...]
    instructions: tuple[Instruction, ...]
    rows: tuple[Row, ...]
    proof: Proof
    acts: tuple[str, ...] = ()     # the titles of the Acts amended, in the bill's order


def short_title(act_title: str, year: str, civil: bool) -> str:
    """"Modern Slavery Act 2015 (c. 30)" -> "Modern Slavery (Amendment) Act 2026";
    several Acts ("A; B") -> "… (Miscellaneous Amendments) Act 2026"."""
    if "; " in act_title:
        return (f"Law amending the laws on {SUBJECT}" if civil else
                f"{SUBJECT.title().replace('-F', '-f')} (Miscellaneous Amendments) Act {year}")
    base = re.sub(r"\s*\([^)]*\)\s*$", "", act_title).strip()
    comma = bool(re.search(r",\s*\d{4}$", base))
    base = re.sub(r",?\s*\d{4}$", "", base).strip()
    if civil:
        return f"Law amending {act_title}"
    stem = base[:-4] if base.endswith(" Act") else base
    return f"{stem} (Amendment) Act{',' if comma else ''} {year}"


class _Words:
    """The tradition's phrasing of each instruction."""

    def __init__(self, t: Tradition) -> None:
        self.t = t

    def place(self, where: Locator) -> str:
        if where.term and where.path:
            return f"the definition of {quoted(where.term)}, {self.t.path(where.path)}"
        if where.term:
            return f"the definition of {quoted(where.term)}"
        return self.t.path(where.path)

    def item(self, ins: Instruction) -> str:
        place = self.place(ins.where)
        key = self.t.key
        old, new = quoted(ins.old), quoted(ins.new)
        if ins.nodes and ins.action == "substitute":
            return {"commonwealth": f"by deleting the definition of {quoted(ins.where.term)} and "
                                    "substituting the following definition\u2014",
                    "uk": f"for the definition of {quoted(ins.where.term)} substitute\u2014",
                    "civil": f"the definition of {quoted(ins.where.term)} is replaced by the "
                             "following:"}[key]
        if ins.action == "repeal":
            gone = self.label(ins.where.path)
            return {"commonwealth": f"by deleting {gone}", "uk": f"omit {gone}",
                    "civil": f"{gone} is deleted"}[key]
        if ins.nodes and ins.nodes[0].kind is not Kind.DEFINITION:
            level = "paragraph" if key == "civil" or ins.nodes[0].kind is not Kind.SUBSECTION \
                else "subsection"
            after = self.label(ins.after.path) if ins.after else ""
            return {"commonwealth": f"by inserting {'after ' + after + ' ' if after else ''}"
                                    f"the following {level}\u2014",
                    "uk": f"{'after ' + after + ' ' if after else ''}insert\u2014",
                    "civil": f"the following {level} is inserted"
                             f"{' after ' + after if after else ''}:"}[key]
        if ins.nodes:
            plural = "s" if len(ins.nodes) > 1 else ""
            after = (f"after the definition of {quoted(ins.after.term)} "
                     if ins.after and ins.after.term else "")
            return {"commonwealth": f"by inserting {after or 'in the appropriate alphabetical order '}"
                                    f"the following definition{plural}\u2014",
                    "uk": "at the appropriate place insert\u2014",
                    "civil": f"the following definition{plural} {'is' if not plural else 'are'} "
                             f"inserted {after.strip() or 'in alphabetical order'}:"}[key]
        marks = {".": "full stop", ";": "semicolon", ",": "comma"}
        if ins.action == "substitute" and ins.old in marks and ins.new in marks:
            at = f"at the end of {place}" if place else "at the end"
            return {"commonwealth": f"by deleting the {marks[ins.old]} {at} and substituting "
                                    f"a {marks[ins.new]}",
                    "uk": f"{at}, for the {marks[ins.old]} substitute a {marks[ins.new]}",
                    "civil": f"{at}, the {marks[ins.old]} is replaced by a "
                             f"{marks[ins.new]}"}[key]
        if key == "commonwealth":
            head = f"in {place}, by " if place else "by "
            return head + {"substitute": f"deleting {old} and substituting {new}",
                           "omit": f"deleting {old}",
                           "insert": f"inserting {new} after {old}"}[ins.action]
        if key == "uk":
            head = f"in {place}, " if place else ""
            return head + {"substitute": f"for {old} substitute {new}", "omit": f"omit {old}",
                           "insert": f"after {old} insert {new}"}[ins.action]
        head = f"in {place}, " if place else ""
        return head + {"substitute": f"the words {old} are replaced by {new}",
                       "omit": f"the words {old} are deleted",
                       "insert": f"the words {new} are inserted after {old}"}[ins.action]

    def label(self, path: tuple[str, ...]) -> str:
        """A provision inside a section by its own level: "subsection (3)", "paragraph (b)
        of subsection (1)", civil "paragraph 3", "point (b) of paragraph 1"."""
        if len(path) <= 1:
            return self.t.path(path)
        inner = "point" if self.t.civil else "paragraph"
        return f"{inner} {path[-1]} of {self.t.path(path[:-1])}"

    def repealed(self, section: str, act: str) -> str:
        """A whole section repealed: its own amending section's words."""
        sec = self.t.section(section, capital=True)
        return {"commonwealth": f"{sec} of {act} is repealed.",
                "uk": f"In {act}, omit {self.t.section(section)}.",
                "civil": f"{sec} of {act} is repealed."}[self.t.key]

    def name(self, where: Locator, capital: bool = False) -> str:
        """What an amending section amends: "Section 3", "the long title"."""
        if where.front:
            return ("The " if capital else "the ") + where.front
        return self.t.section(where.section, capital=capital)

    def amended(self, where: Locator, act: str, items: list[str]) -> tuple[str, list[str]]:
        """The lead of a section amending one provision, and its items as printed."""
        key, sec = self.t.key, self.name(where, capital=True)
        if len(items) == 1:
            one = items[0]
            if key == "commonwealth":
                return f"{sec} of {act} is amended {one}", []
            if key == "uk":
                return f"In {self.name(where)} of {act}, {one}", []
            return f"In {self.name(where) if where.front else sec} of {act}, {one}", []
        lead = {"commonwealth": f"{sec} of {act} is amended\u2014",
                "uk": f"{sec} of {act} is amended as follows.",
                "civil": f"{sec} of {act} is amended as follows:"}[key]
        return lead, items

    def entries(self, name: str, after: str, act: str, count: int) -> str:
        """The lead of a section putting entries into the arrangement of sections."""
        items = "items" if count > 1 else "item"
        entry = f"the item relating to {self.t.section(after)}"
        return {"commonwealth": f"The {name} of {act} is amended by inserting after {entry} "
                                f"the following {items}\u2014",
                "uk": f"In the {name} of {act}, after the entry relating to "
                      f"{self.t.section(after)} insert\u2014",
                "civil": f"In the {name} of {act}, the following entr"
                         f"{'ies are' if count > 1 else 'y is'} inserted after the entry "
                         f"relating to {self.t.section(after)}:"}[self.t.key]

    def inserted(self, after: str, act: str, nums: list[str]) -> str:
        t, key = self.t, self.t.key
        many = len(nums) > 1
        if key == "commonwealth":
            return (f"{act[0].upper() + act[1:]} is amended by inserting after {t.section(after)} "
                    f"the following section{'s' if many else ''}\u2014")
        if key == "uk":
            return f"In {act}, after {t.section(after)} insert\u2014"
        listed = ", ".join(nums[:-1]) + f" and {nums[-1]}" if many else nums[0]
        return (f"The following Article{'s' if many else ''} {listed} "
                f"{'are' if many else 'is'} inserted in {act} after {t.section(after)}:")


def _items(words: list[str], key: str) -> list[str]:
    """Lettered (Commonwealth, civil) or numbered (UK subsections) items with their stops."""
    out = []
    for i, text in enumerate(words, start=1):
        label = f"({i + 1})" if key == "uk" else (f"({i})" if key == "civil" else f"({letters(i)})")
        last = i == len(words)
        if key == "uk":
            text = text[0].upper() + text[1:]
            end = "" if text.endswith("\u2014") else "."
        else:
            end = "" if text.endswith(("\u2014", ":")) else ("." if last else ";")
        out.append(f"{label} {text}{end}")
    return out


def _groups(plan: Plan, instructions: list[Instruction]) -> list[tuple[tuple[str, str], list[Instruction]]]:
    """The instructions of one Act in amending sections: those amending one provision
    together, and new sections inserted one after another together, in the Act's order."""
    order = {s.num: i for i, s in enumerate(plan.target.sections())}
    order.update({LONG_TITLE: -2, ARRANGEMENT: -1})      # the front matter comes first
    groups: dict[tuple[str, str], list[Instruction]] = {}
    runs: dict[str, tuple[str, str]] = {}     # a new section's number -> its run's group
    for ins in instructions:
        if ins.nodes and not ins.where.section and ins.after:
            key = runs.get(ins.after.section, ("insert", ins.after.section))
            runs[ins.nodes[0].num] = key
        elif ins.entries:
            key = ("entries", ins.where.front)
        elif ins.action == "repeal" and not ins.where.path and not ins.where.term:
            key = ("repeal", ins.where.section)
        else:
            key = ("amend", ins.where.front or ins.where.section)
        groups.setdefault(key, []).append(ins)
    return sorted(groups.items(), key=lambda kv: (order.get(kv[0][1], 0), kv[0][0]))


def _act_name(plan: Plan, single: bool, named: bool) -> str:
    """How a section names the Act it amends: Commonwealth "the principal Act" once a single
    Act has been named; the Act's title otherwise (UK without its chapter number)."""
    t = plan.tradition
    if t.key == "commonwealth":
        if single:
            return "the principal Act" if named else (f"the {plan.act.title} (in this Act "
                                                      "referred to as \u201cthe principal "
                                                      "Act\u201d)")
        return f"the {plan.act.title}"
    bare = re.sub(r"\s*\(c\. \d+\)$", "", plan.act.title)   # UK: no chapter number
    return f"the {bare}" if not t.civil else plan.act.title


def build_bill(plans: list[Plan], instructions: list[list[Instruction]], proof: Proof,
               profile: Profile) -> AmendingBill:
    t = plans[0].tradition
    words = _Words(t)
    year = str(profile.bill["year"])
    titles = tuple(p.act.title for p in plans)
    title = short_title("; ".join(titles), year, t.civil)
    first_num = 2 if t.key == "commonwealth" else 1
    sections: list[AmendingSection] = []
    printed: list[Instruction] = []
    rows: list[Row] = []
    single = len(plans) == 1
    for index, (plan, ins_list) in enumerate(zip(plans, instructions), start=1):
        part = "" if single else f"Amendment of the {plan.act.title}"
        for (kind, section), group in _groups(plan, ins_list):
            num = str(first_num + len(sections))
            act = _act_name(plan, single, named=bool(sections))
            if kind == "insert":
                nodes = tuple(n for ins in group for n in ins.nodes)
                lead = words.inserted(section, act, [n.num for n in nodes])
                span = nodes[0].num + (f" to {nodes[-1].num}" if len(nodes) > 1 else "")
                heading = (f"Insertion of {'sections' if len(nodes) > 1 else 'section'} {span}"
                           if not t.civil else "Insertion of new Articles")
                items: tuple[Item, ...] = (Item("", nodes),)
                texts = [lead] * len(group)
            elif kind == "entries":
                (ins,) = group
                assert ins.after is not None
                lead = words.entries(plan.act.arrangement_name, ins.after.section, act,
                                     len(ins.entries))
                heading = f"Amendment of the {plan.act.arrangement_name}"
                items, texts = (Item("", (), ins, ins.entries),), [lead]
            elif kind == "repeal":
                lead, heading = words.repealed(section, act), f"Repeal of {t.section(section)}"
                items, texts = (Item("", (), group[0]),), [lead]
            else:
                phrases = [words.item(i) for i in group]
                lead, listed = words.amended(group[0].where, act, _items(phrases, t.key)
                                             if len(group) > 1 else phrases)
                if not listed and not lead.endswith(("\u2014", ":")):
                    lead += "."
                heading = f"Amendment of {words.name(group[0].where)}"
                items = tuple(Item(text, i.nodes, i) for text, i in zip(listed, group)) \
                    if listed else (Item("", group[0].nodes, group[0]),)
                texts = listed or [lead]
            sections.append(AmendingSection(num, heading, lead, items, part, plan.act.quotes))
            for ins, text in zip(group, texts):
                printed.append(replace(ins, text=text))
                verdict = plan.verdicts.get(ins.element)
                target = ins.target if ins.where.section or ins.where.front else \
                    t.section(ins.nodes[0].num)
                rows.append(Row(num, ins.action, target if single else
                                f"{target} ({plan.act.title})", ins.element, ins.clause,
                                verdict.status if verdict else "",
                                ins.gap or (verdict.reason if verdict else ""), plan.act.title))
    commencement = _commencement(t, title, profile, str(first_num + len(sections)))
    sections = [commencement] + sections if t.key == "commonwealth" else sections + [commencement]
    amended = titles[0] if single else ", the ".join(titles[:-1]) + f" and the {titles[-1]}"
    long_title = (f"to amend the {amended} to provide for offences, definitions and duties "
                  f"against {SUBJECT}; and for connected purposes")
    long_title = {"commonwealth": f"An Act {long_title}.", "uk": f"A Bill to {long_title[3:]}.",
                  "civil": f"Law amending {amended} on {SUBJECT}."}[t.key]
    return AmendingBill(title, long_title, profile.bill["enacting_formula"], "; ".join(titles),
                        profile.id, profile.bill.get("date", f"{year}-01-01"), t,
                        tuple(sections), tuple(printed), tuple(rows), proof, titles)


def _commencement(t: Tradition, title: str, profile: Profile, last: str) -> AmendingSection:
    minister = profile.institutions["minister"]
    if t.key == "commonwealth":
        return AmendingSection("1", "Short title and commencement",
                               f"This Act may be cited as the {title} and comes into operation "
                               f"on a date fixed by the {minister} by notice in the Gazette.", ())
    if t.key == "uk":
        return AmendingSection(last, "Commencement and short title", "", (
            Item("(1) This Act comes into force at the end of the period of two months "
                 "beginning with the day on which it is passed."),
            Item(f"(2) This Act may be cited as the {title}.")))
    return AmendingSection(last, "Entry into force",
                           "This Law enters into force on the day following that of its "
                           "publication in the official journal.", ())
