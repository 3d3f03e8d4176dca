"""Plain visible text of a page, as light Markdown, for when trafilatura finds no main content.

It keeps everything a reader would see in the body except scripts and the page's navigation,
header and footer, so it is noisy but never empty when the page has text.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString, PageElement, Tag
from lxml.html import HtmlElement

_INVISIBLE = ("script", "style", "noscript", "template", "head", "title", "svg", "iframe", "object")
_CHROME = ("nav", "header", "footer")
_SKIPPED = frozenset((*_INVISIBLE, *_CHROME))
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_BLOCKS = {
    "address", "article", "aside", "blockquote", "br", "center", "dd", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "form", "hr", "li", "main", "ol", "p", "pre", "section",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", *_HEADINGS,
}  # fmt: skip
_BOLD = ("b", "strong")
_WORD = re.compile(r"\w+")


def visible_markdown(html: str) -> str:
    """The visible text of the page body: headings as `#`, list items as `-`, bold, links."""
    soup = BeautifulSoup(html, "lxml")
    for tag in soup.find_all([*_INVISIBLE, *_CHROME]):
        tag.decompose()
    writer = _Writer()
    writer.walk(soup.body or soup)
    return writer.markdown()


def visible_word_count(tree: HtmlElement) -> int:
    """How many words `visible_markdown` would find in the page, counted without writing them.

    Cheap enough to run on every page, so that a main text far shorter than the page can be
    noticed. Walks with its own stack, like the writer below.
    """
    body = tree.find("body")
    stack = [body if body is not None else tree]
    count = 0
    while stack:
        element = stack.pop()
        if isinstance(element.tag, str) and element.tag not in _SKIPPED:
            count += len(_WORD.findall(element.text or ""))
            stack.extend(element)
        if element is not tree and element is not body:
            count += len(_WORD.findall(element.tail or ""))
    return count


class _Writer:
    """Gathers inline text until a block boundary ends the paragraph.

    The walk keeps its own stack rather than recursing, so that deeply nested junk cannot
    exhaust Python's recursion limit.
    """

    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.inline: list[str] = []
        self.marker = ""

    def walk(self, root: Tag) -> None:
        # Entries are nodes to enter, or blocks whose end has been reached (leaving=True).
        stack: list[tuple[PageElement, bool]] = [(root, False)]
        while stack:
            node, leaving = stack.pop()
            if leaving:
                self.end_block()
                self.marker = ""
            elif isinstance(node, Tag):
                if node.name in _BLOCKS:
                    self.start_block(node.name)
                    stack.append((node, True))
                if not self.inline_markup(node):
                    stack.extend((child, False) for child in reversed(node.contents))
            # Comments, doctypes and CDATA are NavigableString subclasses that nobody sees.
            elif type(node) is NavigableString:
                self.inline.append(str(node))
        self.end_block()

    def start_block(self, name: str) -> None:
        self.end_block()
        if name in _HEADINGS:
            self.marker = "#" * int(name[1]) + " "
        elif name == "li":
            self.marker = "- "

    def end_block(self) -> None:
        text = " ".join("".join(self.inline).split())
        if text:
            self.blocks.append(f"{self.marker}{text}")
            self.marker = ""
        self.inline = []

    def inline_markup(self, tag: Tag) -> bool:
        """Write bold text or a link as Markdown; False if `tag` is neither (or has no text)."""
        if tag.name not in _BOLD and tag.name != "a":
            return False
        text = _inline_text(tag)
        if not text:
            return False
        if tag.name in _BOLD:
            self.inline.append(_spaced(tag, f"**{text}**"))
            return True
        if tag.name == "a":
            href = str(tag.get("href") or "").strip()
            keep = href and not href.lower().startswith("javascript:")
            self.inline.append(_spaced(tag, f"[{text}]({href})" if keep else text))
            return True
        return False

    def markdown(self) -> str:
        parts: list[str] = []
        for previous, block in zip(["", *self.blocks], self.blocks, strict=False):
            # Items of one list sit on consecutive lines; every other block gets a blank line.
            tight = previous.startswith("- ") and block.startswith("- ")
            parts.append(("\n" if tight else "\n\n") + block if parts else block)
        return "".join(parts)


def _inline_text(tag: Tag) -> str:
    return " ".join(tag.get_text(" ").split())


def _spaced(tag: Tag, markup: str) -> str:
    """`markup` with the spaces that the tag's own text had at either end, now outside it."""
    raw = tag.get_text()
    before = " " if raw[:1].isspace() else ""
    after = " " if raw[-1:].isspace() else ""
    return f"{before}{markup}{after}"
