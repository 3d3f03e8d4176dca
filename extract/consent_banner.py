"""Find the consent banner or cookie preference centre in a page's lines, if there is one.

A banner is recognised by its controls, not its prose: lines made only of buttons ("Accept all",
"Reject", or "**Disagree** **Agree**" side by side), ticked categories ("[x] Statistics"), switches
("Performance cookies — off", "Allow sale/sharing ● On") or table rows of a category and its
switch ("| Analytics | ○ |"). Around
them, the block grows over the banner's own sentences ("We use cookies", "We and our partners",
anything speaking of cookies or consent) and short labels, and stops at the first line that is
neither: a policy's text before or after a banner stays outside it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from extract.lexicon import (
    BANNER_BUTTONS,
    BANNER_LINKS,
    BANNER_SENTENCES,
    CONSENT_CATEGORIES,
    CONSENT_SWITCHES,
    CONSENT_WORDS,
    GAP,
    PRIVACY_VOCABULARY,
    SELF_REFERENCE,
    Phrasebook,
    Phrases,
    Topic,
    fold,
)
from extract.page_lines import Line

# A short line beside the controls ("Cookie settings", "Your choices") belongs to the banner.
LABEL_MAX_WORDS = 6
# A banner's own paragraphs are a few sentences; a longer paragraph is a policy's.
PARAGRAPH_MAX_WORDS = 120
# Extraction sometimes drops a banner's buttons: a text this short made only of banner sentences
# is still a banner, when it says two of them or one and a word of consent.
BUTTONLESS_MAX_WORDS = 150


def _with_switches(categories: Phrases, switches: Phrases) -> Phrases:
    """Each category with each switch of a language ("statistics ~ off"), as preference centres
    show them."""
    return {
        language: tuple(
            f"{category} {GAP} {switch}"
            for category in names
            for switch in switches.get(language, ())
        )
        for language, names in categories.items()
    }


_BUTTONS = Phrasebook(BANNER_BUTTONS)
_CHOICES = Phrasebook(CONSENT_CATEGORIES, _with_switches(CONSENT_CATEGORIES, CONSENT_SWITCHES))
_LINKS = Phrasebook(BANNER_LINKS)
_SENTENCES = Phrasebook(BANNER_SENTENCES)
_CONSENT = Phrasebook(
    CONSENT_WORDS, BANNER_SENTENCES, {"": ("cookie*",)}, PRIVACY_VOCABULARY[Topic.TRACKING]
)
_CONSENT_ONLY = Phrasebook(CONSENT_WORDS)
_SWITCH_STATES = Phrasebook(CONSENT_SWITCHES)
# A switch drawn as text after a purpose: "[ON]", "[OFF]", "[Legitimate interest: OBJECT]", or a
# knob at the end of a short line: "Allow sale/sharing ● On", "Analytics ○".
_SWITCH = re.compile(r"\[(?:on|off|an|aus|toggle|switch|legitimate interest: object)\]", re.I)
_KNOB = re.compile(r"[●○◯◉⬤⚪⚫]\s*(?:on|off|an|aus|aan|uit)?\s*$", re.I)
# A table cell that is only a knob, a tick or a dash: a switch in a table of consent categories.
_KNOB_CELL = re.compile(r"^[\s●○◯◉⬤⚪⚫✓✔✗✘☐☑☒xX\u2014\u2013-]*$")
_SELF_REFERENCE = Phrasebook(SELF_REFERENCE)


@dataclass(frozen=True)
class Banner:
    """The lines of a page's consent banners, and the controls and sentences that gave them away."""

    lines: frozenset[int]
    words: int
    evidence: tuple[str, ...]


def find_banner(lines: Sequence[Line]) -> Banner | None:
    """The consent banners among `lines`: their controls, and the sentences and labels around."""
    controls = {index: found for index, line in enumerate(lines) if (found := _controls(line))}
    if not controls:
        return _buttonless(lines)
    block: set[int] = set()
    for index in sorted(controls):
        if index in block:
            continue
        block.add(index)
        for step in (-1, 1):
            other = index + step
            while 0 <= other < len(lines) and (other in controls or _belongs(lines[other])):
                block.add(other)
                other += step
    _fill_between_controls(lines, sorted(controls), block)
    buttons = [item for index in sorted(controls) for item in controls[index]]
    sentences = [
        phrase for index in sorted(block) for phrase in _SENTENCES.findall(lines[index].text)
    ]
    consent = any(_CONSENT.findall(lines[index].text) for index in block)
    # One "OK" or "Continue" line is no banner; buttons with consent words around them are.
    if not consent or (len(buttons) < 2 and not sentences):
        return None
    evidence = tuple(dict.fromkeys(sentences[:2] + buttons))[:3]
    return Banner(frozenset(block), sum(lines[index].words for index in block), evidence)


def _fill_between_controls(lines: Sequence[Line], controls: list[int], block: set[int]) -> None:
    """Add to `block` what lies between two controls when it is tables and banner lines: the
    cookies and vendors a preference centre lists, with purposes and durations, between its
    buttons and switches. A policy's cookie table stands among its prose, not between buttons."""
    for start, end in pairwise(controls):
        between = range(start + 1, end)
        if any(lines[i].table for i in between) and all(
            i in block or lines[i].table or _belongs(lines[i]) for i in between
        ):
            block.update(between)


def _controls(line: Line) -> tuple[str, ...]:
    """The buttons, categories and switches of a line made of nothing else, or ()."""
    if line.table:
        return _table_switch(line)
    # "**Precise location** — Your location may be used. [ON]": a purpose and its switch.
    if switch := _SWITCH.search(line.raw):
        return (switch.group(0).lower(),)
    if line.words <= LABEL_MAX_WORDS + 2 and (knob := _KNOB.search(line.raw)):
        return (knob.group(0).strip().lower(),)
    if not line.items:
        return ()
    found: list[str] = []
    for item in line.items:
        if _BUTTONS.fullmatch(item) or _CHOICES.fullmatch(item):
            found.append(item)
        elif not _LINKS.fullmatch(item):
            return ()
    return tuple(found)


def _table_switch(line: Line) -> tuple[str, ...]:
    """A table row of a preference centre: a consent category and its switch ("| Analytics | ○ |"),
    nothing else. A policy's cookie table names cookies, purposes and durations in its rows."""
    cells = [cell.strip() for cell in line.raw.strip("|").split("|")]
    folded = [fold(cell) for cell in cells]
    category = [cell for cell in folded if cell and _CHOICES.fullmatch(cell)]
    switches = [
        cell
        for cell, raw in zip(folded, cells, strict=True)
        if _KNOB_CELL.match(raw) or (cell and _SWITCH_STATES.fullmatch(cell))
    ]
    if category and len(category) + len(switches) == len(cells) and switches:
        return (category[0],)
    return ()


def _belongs(line: Line) -> bool:
    """Whether a line next to a banner is part of it: its prose, a heading or a label."""
    if line.table:
        # The header and the short rows of a table of consent categories.
        return line.words <= LABEL_MAX_WORDS
    if line.words <= PARAGRAPH_MAX_WORDS and _SENTENCES.findall(line.text):
        return True
    # Italian banners call themselves "questa informativa"; a policy's text says "this policy".
    if _SELF_REFERENCE.findall(line.text):
        return False
    if line.navigation and all(_LINKS.fullmatch(item) for item in line.items):
        return True
    if line.words <= LABEL_MAX_WORDS and not line.navigation:
        return True
    return line.words <= PARAGRAPH_MAX_WORDS and bool(_CONSENT.findall(line.text))


def _buttonless(lines: Sequence[Line]) -> Banner | None:
    """A short text that is all banner prose, its buttons lost in extraction."""
    prose = [line for line in lines if not line.navigation]
    words = sum(line.words for line in prose)
    if not prose or words > BUTTONLESS_MAX_WORDS or not all(_belongs(line) for line in prose):
        return None
    sentences = list(dict.fromkeys(p for line in prose for p in _SENTENCES.findall(line.text)))
    consent = any(_CONSENT_ONLY.findall(line.text) for line in prose)
    if len(sentences) < 2 and not (sentences and consent):
        return None
    return Banner(frozenset(range(len(lines))), words, tuple(sentences[:3]))
