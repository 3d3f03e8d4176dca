"""Section headings that trafilatura lost, put back above the text they introduce.

When trafilatura finds no content container it falls back to collecting loose paragraphs, and
that path drops every heading: a policy then reads as one run of paragraphs, and a page that
holds several documents can no longer be told apart. A heading of the page is restored when
the block that follows it on the page was kept and the heading itself was not.
"""

from __future__ import annotations

import re

from lxml.etree import Element, _Element
from lxml.html import HtmlElement

_HEADINGS = {f"h{level}": level for level in range(1, 7)}
# The blocks that can follow a heading, on the page and in trafilatura's output.
_PAGE_BLOCKS = {"p", "ul", "ol", "dl", "table", "blockquote", "pre", "li", "dd", "dt", "div"}
_OUTPUT_BLOCKS = {"p", "list", "table", "quote", "code"}
# Outside these the heading names a menu or a footer column, not a section of the text.
_CHROME = {"nav", "header", "footer", "aside", "form"}
# Blocks are matched on the opening of their text; long enough to tell paragraphs apart.
_KEY_CHARS = 80
_WORD = re.compile(r"\w+")


def restore_headings(body: _Element, page: HtmlElement) -> None:
    """Insert into trafilatura's `body` the page headings it dropped, before their next block."""
    missing = _headings_before_blocks(page)
    if not missing:
        return
    present = {_heading_key("".join(head.itertext())) for head in body.iter("head")}
    for block in list(body.iter(*_OUTPUT_BLOCKS)):
        headings = missing.pop(_block_key("".join(block.itertext())), None)
        parent = block.getparent()
        if not headings or parent is None or parent.tag in ("item", "cell", "list"):
            continue
        position = parent.index(block)
        for level, text in reversed(headings):
            if _heading_key(text) in present:
                continue
            head = Element("head", rend=f"h{level}")
            head.text = text
            parent.insert(position, head)
            present.add(_heading_key(text))


def _headings_before_blocks(page: HtmlElement) -> dict[str, list[tuple[int, str]]]:
    """Each text block of the page that follows headings, keyed by its opening words."""
    following: dict[str, list[tuple[int, str]]] = {}
    pending: list[tuple[int, str]] = []
    body = page.find("body")
    for element in (body if body is not None else page).iter():
        tag = element.tag
        if not isinstance(tag, str):
            continue
        if tag in _HEADINGS:
            text = " ".join(element.text_content().split())
            if text and not _in_chrome(element):
                pending.append((_HEADINGS[tag], text))
            continue
        if pending and tag in _PAGE_BLOCKS and not _inside_heading(element):
            key = _block_key(element.text_content())
            if key:
                following.setdefault(key, pending)
                pending = []
    return following


def _in_chrome(element: HtmlElement) -> bool:
    return any(ancestor.tag in _CHROME for ancestor in element.iterancestors())


def _inside_heading(element: HtmlElement) -> bool:
    return any(ancestor.tag in _HEADINGS for ancestor in element.iterancestors())


def _block_key(text: str) -> str:
    return " ".join(text.split())[:_KEY_CHARS]


def _heading_key(text: str) -> str:
    return " ".join(_WORD.findall(text)).casefold()
