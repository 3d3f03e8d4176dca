"""The extracted Markdown of a capture read as a reader sees it: lines of words, link targets gone.

Each line knows whether it is a heading, navigation (mostly links, or a menu of short items), a
table row, and which short items it holds: link texts, checkbox labels, or the line itself when it
is as short as a button. `extract.classify` and its helpers count words and phrases on these.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.lexicon import CJK, fold

# A heading in bold or capitals is at most this many words; longer, it is a shouted sentence.
HEADING_MAX_WORDS = 10
# A line this short may be a button or a label on its own ("Accept all", "Password").
ITEM_MAX_WORDS = 6
# Languages written without spaces whose letters `CJK` does not cover; there a word is counted
# as three characters.
UNSPACED_LANGUAGES = frozenset({"th", "lo", "km", "my", "bo"})

# Link text holds no brackets and targets no spaces or parentheses: unbounded, these patterns
# take quadratic time on junk lines of unmatched brackets.
_IMAGE = re.compile(r"!\[([^\[\]]*)\]\([^()\s]*\)")
_LINK = re.compile(r"\[([^\[\]]*)\]\([^()\s]*\)")
_CHECKBOX = re.compile(r"\[[ xX✓✔]?\]\s*([^\[\]]+)")
_BARE_URL = re.compile(r"(?:https?://|www\.)\S+")
# "privacy@shop.example", "shop.example", "acme.co.uk".
_ADDRESS = re.compile(r"\S+@\S+|\b(?:[\w-]+\.)+[a-z]{2,}\b", re.IGNORECASE)
_HEADING = re.compile(r"^#{1,6}\s")
_BOLD_LINE = re.compile(r"^(\*\*|__)[^*_]+(\*\*|__)$")
# "Home | About", "Accept all   Only necessary   Save": a bar, a dot or a wide gap between items.
# Sentences are parted by one or two spaces, never three.
_MENU_SEPARATOR = re.compile(r"\s[|·•>»/]\s|(?<=\S) {3,}(?=\S)")
# "**Reject** **Settings** **Accept**": buttons drawn as bold runs side by side, nothing between.
_BOLD_RUNS = re.compile(r"^(?:(?:\*\*|__)[^*_]+(?:\*\*|__)\s*){2,}$")
_BOLD_RUN = re.compile(r"(?:\*\*|__)([^*_]+)(?:\*\*|__)")
# "[I accept] [More options] [Disagree]": buttons drawn as bracketed labels with no target.
_BRACKET_RUNS = re.compile(r"^(?:\[[^\[\]]+\]\s*){2,}$")
_BRACKET_RUN = re.compile(r"\[([^\[\]]+)\]")
_CJK_CHAR = re.compile(f"[{CJK}]")
_OTHER_WORD = re.compile(f"(?:(?![{CJK}])\\w)+")


@dataclass(frozen=True)
class Line:
    """One line of the Markdown: its raw text, its folded words, and what kind of line it is."""

    raw: str
    text: str  # folded, as phrases are matched
    wording: str  # `text` without e-mail addresses and domain names, which name a site, not a genre
    words: int
    heading: bool
    navigation: bool  # mostly link text, or a menu of short items
    table: bool
    items: tuple[str, ...]  # folded link texts, checkbox labels, or the whole line if short


@dataclass(frozen=True)
class Page:
    """The lines of a text that hold words, and how many words there are in all."""

    lines: tuple[Line, ...]
    words: int

    @classmethod
    def read(cls, markdown: str, *, language: str | None = None) -> Page:
        unspaced = (language or "").lower() in UNSPACED_LANGUAGES
        lines = tuple(
            line
            for raw in markdown.splitlines()
            if (line := read_line(raw.strip(), unspaced=unspaced)) is not None
        )
        return cls(lines, sum(line.words for line in lines))

    def opening(self, words: int) -> str:
        """The folded text of the first lines, up to about `words` words."""
        taken: list[str] = []
        count = 0
        for line in self.lines:
            if count >= words:
                break
            taken.append(line.text)
            count += line.words
        return "\n".join(taken)


def read_line(raw: str, *, unspaced: bool = False) -> Line | None:
    """A line as a reader sees it, or None when it holds no words."""
    visible = _IMAGE.sub(r"\1", raw)
    links = [match.group(1) for match in _LINK.finditer(visible)]
    visible = _BARE_URL.sub(" ", _LINK.sub(r"\1", visible))
    text = fold(visible)
    words = count_words(text, unspaced=unspaced)
    if words == 0:
        return None
    heading = bool(
        _HEADING.match(raw)
        or (_BOLD_LINE.match(raw) and words <= HEADING_MAX_WORDS)
        or (visible.isupper() and words <= 8)
    )
    table = raw.startswith("|")
    if _BOLD_RUNS.match(visible):
        items = _BOLD_RUN.findall(visible)
    elif _BRACKET_RUNS.match(visible.strip()):
        items = _BRACKET_RUN.findall(visible)
    else:
        items = _MENU_SEPARATOR.split(visible)
    # Table rows are excluded: policies set out retention periods and legal bases in tables.
    menu = not table and len(items) >= 3 and words <= 3 * len(items)
    link_words = count_words(fold(" ".join(links)), unspaced=unspaced)
    linked = link_words >= 0.6 * words
    return Line(
        raw=raw,
        text=text,
        wording=fold(_ADDRESS.sub(" ", visible)) if _ADDRESS.search(visible) else text,
        words=words,
        heading=heading,
        navigation=not heading and (linked or menu),
        table=table,
        items=_items(visible, links, items, linked=linked, words=words),
    )


def _items(
    visible: str, links: list[str], parts: list[str], *, linked: bool, words: int
) -> tuple[str, ...]:
    """The short things a line offers to click or tick, folded."""
    if boxes := _CHECKBOX.findall(visible):
        return tuple(folded for box in boxes if (folded := fold(box)))
    if linked and links:
        return tuple(folded for link in links if (folded := fold(link)))
    # "**Accept all** | **Reject all** | **Settings**": buttons set out as a menu or side by side.
    if len(parts) >= 2:
        folded_parts = [fold(part) for part in parts]
        if all(0 < count_words(part) <= ITEM_MAX_WORDS for part in folded_parts):
            return tuple(folded_parts)
    if words <= ITEM_MAX_WORDS:
        return (fold(visible),)
    return ()


def count_words(folded: str, *, unspaced: bool = False) -> int:
    """Words in folded text; Chinese and Japanese characters count as half a word each."""
    if unspaced:
        return (len(folded.replace(" ", "")) + 2) // 3
    return len(_OTHER_WORD.findall(folded)) + (len(_CJK_CHAR.findall(folded)) + 1) // 2
