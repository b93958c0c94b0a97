"""Markdown drafts -> the document model.

Reads what `render_markdown` writes (clause ids in `<!-- modellaw: ... -->` comments, bold
labels, definitions as list items, backslash escapes) and also Markdown a person typed:
"## Section 3 — Recruitment", "(1) A person who …", "1. A person …", plain list items.
Soft-wrapped lines are joined into one paragraph, as a Markdown viewer would show them.
"""

from __future__ import annotations

import re
from pathlib import Path

from modellaw.read.blocks import Block, Draft, build_bill

COMMENT_RE = re.compile(r"^<!--\s*modellaw:\s*(.*?)\s*-->\s*$")
HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
ITEM_RE = re.compile(r"^(\s*)([-*+]|\d+[.)])\s+(.*)$")
BOLD_LABEL_RE = re.compile(r"^\*\*(\([^)]{1,6}\)|\d+\.)\*\*\s*(.*)$", re.S)
ESCAPED = re.compile(r"\\([\\`*_\[\]<>|#+\-=.!{}()])")
EMPHASIS = re.compile(r"\*\*|__|(?<!\w)[*_]|[*_](?!\w)")
ARRANGEMENT = re.compile(r"^(arrangement of (sections|articles)|contents|table of contents)$", re.I)


def unmark(text: str) -> str:
    """Markdown inline text as it reads: emphasis markers dropped, escapes undone."""
    held: list[str] = []

    def hold(m: re.Match[str]) -> str:
        held.append(m.group(1))
        return f"\ue000{len(held) - 1}\ue001"

    text = EMPHASIS.sub("", ESCAPED.sub(hold, text))
    text = re.sub(r"<!--.*?-->", "", text)
    return re.sub("\ue000(\\d+)\ue001", lambda m: held[int(m.group(1))], text).strip()


def _ids(comment: str) -> tuple[str, tuple[str, ...]]:
    fields = dict(f.split("=", 1) for f in comment.split() if "=" in f)
    elements = tuple(e for e in fields.get("elements", "").split(",") if e)
    return fields.get("clause", ""), elements


def _blocks(text: str, path: Path) -> list[Block]:
    blocks: list[Block] = []
    pending: tuple[str, tuple[str, ...]] = ("", ())
    para: list[str] = []
    para_line = 0
    para_indent = 0
    in_arrangement = False

    def flush() -> None:
        nonlocal para
        if para:
            blocks.append(_paragraph(" ".join(para), para_indent, f"{path.name}:{para_line}",
                                     "skip" if in_arrangement else ""))
        para = []

    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        where = f"{path.name}:{lineno}"
        if not line.strip():
            flush()
            continue
        if m := COMMENT_RE.match(line.strip()):
            flush()
            pending = _ids(m.group(1))
            continue
        if m := HEADING_RE.match(line):
            flush()
            level, words = len(m.group(1)), unmark(m.group(2))
            in_arrangement = bool(ARRANGEMENT.match(words))
            role = "skip" if in_arrangement or level == 1 else "part" if level == 2 else "section"
            if role == "part" and not re.match(r"(?i)^(part|chapter|title)\b", words):
                role = "section" if re.match(r"(?i)^(section|article|\d)", words) else "part"
            clause, elements = pending if role == "section" else ("", ())
            blocks.append(Block(words, where, role=role, clause=clause, elements=elements))
            pending = ("", ())
            continue
        if m := ITEM_RE.match(line):
            flush()
            body = m.group(3)
            if m.group(2)[0].isdigit():  # "1. A person …": the number is the label
                body = f"**({m.group(2)[:-1]})** {body}"
            role = "skip" if in_arrangement else ""
            clause, elements = ("", ())
            if body.lstrip().startswith(("\u201c**", '"**', "\u201c", '"')) and pending[0]:
                role, (clause, elements) = role or "definition", pending
                pending = ("", ())
            para, para_line, para_indent = [body], lineno, len(m.group(1))
            if clause:
                blocks.append(Block(unmark(body), where, role=role, clause=clause,
                                    elements=elements))
                para = []
            elif role == "skip":
                para = []
            continue
        if para:
            para.append(line.strip())  # a soft-wrapped continuation line
        else:
            para, para_line = [line.strip()], lineno
            para_indent = len(line) - len(line.lstrip())
            # an indented line right after a list closes that list ("…, commits an offence")
            para_indent = -para_indent if para_indent else 0
    flush()
    return blocks


def _paragraph(text: str, indent: int, where: str, role: str) -> Block:
    if m := BOLD_LABEL_RE.match(text.strip()):
        label = m.group(1)
        label = f"({label[:-1]})" if label.endswith(".") else label
        return Block(unmark(m.group(2)), where, role=role or "item", label=label)
    if indent < 0 and not role:
        return Block(unmark(text), where, role="wrap")
    return Block(unmark(text), where, role=role)


def read_markdown(text: str, path: Path) -> Draft:
    """A Markdown draft as a bill; the first '# ' heading is its title."""
    title = next((unmark(m.group(2)) for line in text.splitlines()
                  if (m := HEADING_RE.match(line)) and len(m.group(1)) == 1), "")
    civil = bool(re.search(r"(?m)^#{2,6}\s+Article\s+\d", text))
    return build_bill(_blocks(text, path), path, title=title, civil=civil)
