"""Markdown (drafts and statutes) -> blocks.

Reads what `render_markdown` writes (clause ids in `<!-- modellaw: ... -->` comments, bold
labels, definitions as list items, backslash escapes) and also Markdown a person typed:
"## Section 3 — Recruitment", "(1) A person who …", "1. A person …", plain list items.
Soft-wrapped lines are joined into one paragraph, as a Markdown viewer would show them.
Every pattern here is linear in the line's length: a stranger's file may hold a heading of
40,000 spaces or a comment that never ends.
"""

from __future__ import annotations

import re
from pathlib import Path

from modellaw.read.blocks import Block

ITEM_RE = re.compile(r"^(\s*)([-*+]|\d+[.)])\s+(.*)$")
BOLD_LABEL_RE = re.compile(r"^\*\*(\([^)]{1,6}\)|\d+\.)\*\*\s*(.*)$", re.S)
ESCAPED = re.compile(r"\\([\\`*_\[\]<>|#+\-=.!{}()])")
EMPHASIS = re.compile(r"\*\*|__|(?<!\w)[*_]|[*_](?!\w)")
ARRANGEMENT = re.compile(r"^(arrangement of (sections|articles)|contents|table of contents)$", re.I)


def _comment(line: str) -> str | None:
    """The fields of a `<!-- modellaw: … -->` line, else None."""
    if not (line.startswith("<!--") and line.endswith("-->")):
        return None
    inner = line[4:-3].strip()
    return inner[len("modellaw:"):].strip() if inner.startswith("modellaw:") else None


def _heading(line: str) -> tuple[int, str] | None:
    """(level, words) of an ATX heading ("### 3\\. Heading ##"), else None."""
    hashes = len(line) - len(line.lstrip("#"))
    if not 1 <= hashes <= 6 or line[hashes:hashes + 1] not in (" ", "\t"):
        return None
    words = line[hashes:].strip()
    closing = words.rstrip("#")
    if closing != words and (not closing or closing[-1] in " \t"):
        words = closing.rstrip()
    return hashes, words


def _strip_comments(text: str) -> str:
    """Text without HTML comments; an unclosed one runs to the end, as in a browser."""
    out, at = [], 0
    while (start := text.find("<!--", at)) >= 0:
        out.append(text[at:start])
        end = text.find("-->", start + 4)
        if end < 0:
            return "".join(out)
        at = end + 3
    out.append(text[at:])
    return "".join(out)


def unmark(text: str) -> str:
    """Markdown inline text as it reads: emphasis markers dropped, escapes undone."""
    held: list[str] = []

    def hold(m: re.Match[str]) -> str:
        held.append(m.group(1))
        return f"\ue000{len(held) - 1}\ue001"

    text = _strip_comments(EMPHASIS.sub("", ESCAPED.sub(hold, text)))
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
            blocks.append(_paragraph(" ".join(para), para_indent, f"{path.name}, line {para_line}",
                                     "skip" if in_arrangement else ""))
        para = []

    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        where = f"{path.name}, line {lineno}"
        if not line.strip():
            flush()
            continue
        if (fields := _comment(line.strip())) is not None:
            flush()
            pending = _ids(fields)
            continue
        if (heading := _heading(line)) is not None:
            flush()
            level, words = heading[0], unmark(heading[1])
            in_arrangement = bool(ARRANGEMENT.match(words))
            role = "skip" if in_arrangement else "title" if level == 1 else \
                "part" if level == 2 else "section"
            if role == "part" and not re.match(r"(?i)^(part|chapter|title)\b", words):
                role = "section" if re.match(r"(?i)^(section|sec\.|article|art\.|\u00a7|\d)",
                                             words) else "part"
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


def read_markdown(text: str, path: Path) -> tuple[list[Block], str]:
    """A Markdown file's blocks and its title (the first '# ' heading)."""
    title = next((unmark(h[1]) for line in text.splitlines()
                  if (h := _heading(line)) is not None and h[0] == 1), "")
    return _blocks(text, path), title
