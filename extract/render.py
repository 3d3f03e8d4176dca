"""trafilatura's XML of a page's main text to Markdown, written the way policy texts need it.

trafilatura's own Markdown flattens what policies hold in tables and definition lists: list items
inside a cell run together, and a `<dl>` becomes a flat list where terms and definitions look
alike. Here cells keep their items and paragraphs (joined by `<br>`, as GitHub Markdown tables
allow), terms are bold before their definitions, emphasis is `_x_` and bold `**x**`.
"""

from __future__ import annotations

import re

from lxml.etree import _Element

_HEADING_LEVELS = {f"h{level}": level for level in range(1, 7)}
# A `<head>` without a level comes from a `<summary>` or a bold line standing alone.
_DEFAULT_HEADING_LEVEL = 3
_BLOCKS = {"head", "p", "list", "item", "table", "row", "cell", "quote", "div", "body", "main"}
_EMPHASIS = {"#b": "**", "#i": "_", "#t": "`"}

# White space as a browser collapses it: the no-break space is text, and stays.
_SPACES = re.compile(r"[^\S\u00a0]+")
# Characters that would start Markdown syntax in running text.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]])")
# ... and at the start of a line: headings, quotes, list markers, "1." numbering.
_LINE_START_SPECIAL = re.compile(r"^(#{1,6}(?=\s|$)|>|[-+](?=\s))")
_ORDINAL_START = re.compile(r"^(\d{1,9})[.)](?=\s|$)")
_URL_UNSAFE = {" ": "%20", "<": "%3C", ">": "%3E"}
_PARENTHESES = {"(": "%28", ")": "%29"}
_CELL_BREAK = "<br>"
# A line break inside a table cell, as `extract.prepare` writes it for trafilatura to pass on:
# a private-use character, which no page shows as text.
LINE_BREAK = "\ue000"


def render_markdown(body: _Element) -> str:
    """Markdown for the `<body>` of trafilatura's XML output."""
    # Code keeps its text as it is, so a cell's line break can only be settled at the end.
    return "\n\n".join(_Renderer().blocks(body)).replace(LINE_BREAK, "\n")


class _Renderer:
    """Turns containers into lists of Markdown blocks, and inline runs into one line of text."""

    def blocks(self, container: _Element) -> list[str]:
        """The Markdown blocks of a container whose children may mix text and blocks."""
        blocks: list[str] = []
        run: list[str] = [_text(container.text)]
        for child in container:
            if _is_block(child):
                self._flush(run, blocks)
                blocks.extend(self.block(child))
                run = [_text(child.tail)]
            else:
                run.append(self.inline(child))
        self._flush(run, blocks)
        return blocks

    def block(self, element: _Element) -> list[str]:
        tag = element.tag
        if tag == "head":
            return self.heading(element)
        if tag == "p":
            text = self.line(element)
            return [text] if text else []
        if tag == "list":
            return self.definitions(element) if element.get("rend") == "dl" else self.items(element)
        if tag == "table":
            table = self.table(element)
            return [table] if table else []
        if tag == "quote":
            return [_prefix_lines("\n\n".join(self.blocks(element)), "> ")]
        if tag == "code":
            return [_fenced(element)]
        return self.blocks(element)

    def heading(self, element: _Element) -> list[str]:
        level = _HEADING_LEVELS.get(element.get("rend") or "", _DEFAULT_HEADING_LEVEL)
        # Bold adds nothing to a heading; keep its links and other emphasis. A heading cannot
        # be misread as a list item, so "1. Scope" needs no escaping.
        text = _join_inline(self.inline_parts(element, skip_bold=True))
        return [f"{'#' * level} {text}"] if text else []

    def items(self, element: _Element) -> list[str]:
        ordered = element.get("rend") == "ol"
        lines = []
        number = 0
        for item in element:
            if item.tag != "item":
                continue
            blocks = self.blocks(item)
            if not blocks:
                continue
            number += 1
            marker = f"{number}. " if ordered else "- "
            lines.append(_hang(blocks, marker))
        return ["\n".join(lines)] if lines else []

    def definitions(self, element: _Element) -> list[str]:
        """A `<dl>`: each term as a bold line of its own, then its definitions."""
        blocks: list[str] = []
        for item in element:
            parts = self.blocks(item)
            if parts and (item.get("rend") or "").startswith("dt"):
                term = " ".join(parts)
                blocks.append(term if term.startswith("**") else f"**{term}**")
            else:
                blocks.extend(parts)
        return blocks

    def table(self, element: _Element) -> str:
        rows = [
            [self.cell(cell) for cell in row if cell.tag == "cell"]
            for row in element.iter("row")
            if _own_row(row, element)
        ]
        rows = [row for row in rows if any(row)]
        if not rows:
            return ""
        width = max(len(row) for row in rows)
        lines = [_table_row(row + [""] * (width - len(row))) for row in rows]
        lines.insert(1, _table_row(["---"] * width))
        return "\n".join(lines)

    def cell(self, element: _Element) -> str:
        """A cell on one line: paragraphs apart by an empty line, list items each on their own."""
        parts = []
        for block in self.blocks(element):
            lines = [line.strip() for line in block.split("\n") if line.strip()]
            parts.append(_CELL_BREAK.join(lines))
        return (_CELL_BREAK * 2).join(parts).replace("|", "\\|")

    def line(self, element: _Element) -> str:
        """The inline content of a block element, as one paragraph (line breaks kept)."""
        return _paragraph(self.inline_parts(element))

    def inline_parts(self, element: _Element, *, skip_bold: bool = False) -> list[str]:
        return [
            _text(element.text),
            *(self.inline(child, skip_bold=skip_bold) for child in element),
        ]

    def inline(self, element: _Element, *, skip_bold: bool = False) -> str:
        """An inline element with its tail."""
        tail = _text(element.tail)
        tag = element.tag
        if tag == "lb":
            return "\n" + tail.lstrip()
        if tag == "graphic" or not isinstance(tag, str):
            return tail
        # Spaces at either end are kept here and settled by the paragraph around it.
        inner = "".join(self.inline_parts(element, skip_bold=skip_bold))
        if tag == "code":
            return _code_span(element) + tail
        if tag == "hi":
            marker = _EMPHASIS.get(element.get("rend") or "", "")
            if marker == "`":
                return _code_span(element) + tail
            if marker == "**" and skip_bold:
                marker = ""
            return _wrap(inner, marker) + tail
        if tag == "ref":
            return _link(inner, element.get("target")) + tail
        return inner + tail

    def _flush(self, run: list[str], blocks: list[str]) -> None:
        text = _paragraph(run)
        if text:
            blocks.append(text)
        run.clear()


def _is_block(element: _Element) -> bool:
    if element.tag == "code":
        # trafilatura nests a block of code as <code><code>...</code></code>.
        return len(element) > 0 or "\n" in (element.text or "").strip()
    return isinstance(element.tag, str) and element.tag in _BLOCKS


def _own_row(row: _Element, table: _Element) -> bool:
    return next(row.iterancestors("table")) is table


def _text(text: str | None) -> str:
    """Running text with its whitespace collapsed and Markdown syntax escaped."""
    if not text:
        return ""
    text = _INLINE_SPECIAL.sub(r"\\\1", _SPACES.sub(" ", text))
    return text.replace(LINE_BREAK, "\n")


def _join_inline(parts: list[str]) -> str:
    """Inline pieces as one run of text: spaces collapsed, line breaks (from `<br>`) kept."""
    lines = (_SPACES.sub(" ", line).strip(" ") for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _paragraph(parts: list[str]) -> str:
    """A paragraph whose lines cannot be misread as headings, quotes or list items."""
    return "\n".join(_escape_line_start(line) for line in _join_inline(parts).split("\n"))


def _escape_line_start(line: str) -> str:
    if match := _ORDINAL_START.match(line):
        return f"{match.group(1)}\\{line[match.end(1) :]}"
    return _LINE_START_SPECIAL.sub(r"\\\1", line, count=1)


def _wrap(text: str, marker: str) -> str:
    """Emphasis markers hug the text; spaces at either end move outside them."""
    core = text.strip()
    if not core or not marker:
        return text
    before = " " if text[:1].isspace() else ""
    after = " " if text[-1:].isspace() else ""
    return f"{before}{marker}{core}{marker}{after}"


def _link(text: str, target: str | None) -> str:
    core = text.strip()
    target = (target or "").strip()
    if not core:
        return ""
    if not target or target.lower().startswith("javascript:"):
        return text
    for unsafe, escaped in _URL_UNSAFE.items():
        target = target.replace(unsafe, escaped)
    # Markdown allows balanced parentheses in a link target ("Cookie_(computing)"), not others.
    if not _balanced(target):
        for unsafe, escaped in _PARENTHESES.items():
            target = target.replace(unsafe, escaped)
    before = " " if text[:1].isspace() else ""
    after = " " if text[-1:].isspace() else ""
    return f"{before}[{core}]({target}){after}"


def _balanced(target: str) -> bool:
    if "(" not in target and ")" not in target:
        return True
    depth = 0
    for character in target:
        depth += {"(": 1, ")": -1}.get(character, 0)
        if depth < 0:
            return False
    return depth == 0


def _code_span(element: _Element) -> str:
    code = " ".join("".join(element.itertext()).split())
    if not code:
        return ""
    fence = "``" if "`" in code else "`"
    return f"{fence}{code}{fence}"


def _fenced(element: _Element) -> str:
    code = "".join(element.itertext()).strip("\n")
    fence = "````" if "```" in code else "```"
    return f"{fence}\n{code}\n{fence}"


def _hang(blocks: list[str], marker: str) -> str:
    """A list item: its first block after the marker, the rest indented under it."""
    indent = " " * len(marker)
    first, *rest = blocks
    text = marker + _prefix_lines(first, indent)[len(indent) :]
    for block in rest:
        text += "\n" + _prefix_lines(block, indent)
    return text


def _prefix_lines(text: str, prefix: str) -> str:
    return "\n".join(prefix + line if line else prefix.rstrip() for line in text.split("\n"))


def _table_row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"
