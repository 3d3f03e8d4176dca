"""Find the consent banner or cookie preference centre in a page's lines, if there is one.

A banner is recognised by its controls, not its prose: lines made only of buttons ("Accept all",
"Reject", or "**Disagree** **Agree**" side by side), ticked categories ("[x] Statistics"), switches
("Performance cookies — off", "Allow sale/sharing ● On", "**Analytics** — [ off ]",
"Necessary ✔ · Analytics ☐") or table rows of a category and its switch ("| Analytics | ○ |").
Some controls are known by their shape alone, in any language: two to four short bracketed or
bold labels side by side ("[Settings] [Reject] [Accept all]"). Around
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
# A button's label is one of the known ones, or begins with one and adds at most this many words:
# "Akceptuję wszystkie", "Ustawienia plików cookie", "Reject non-essential". The lists cannot hold
# every way a site completes "Accept" or "Settings"; the seventh writer's Polish banner, buttons
# on lines of their own, went unread for it.
BUTTON_TAIL_WORDS = 3
# A row of buttons drawn by its shape: this many labels side by side, each this short.
ROW_MIN_ITEMS = 2
ROW_MAX_ITEMS = 4
ROW_ITEM_MAX_WORDS = 5
# A short text that ends in consent controls and speaks of cookies and consent this often is a
# preference centre as a whole, its category descriptions and cookie tables included. Cookie
# policies are longer, and do not end in buttons.
CONTROLLED_MAX_WORDS = 300
CONTROLLED_MIN_RATE = 3.0  # consent and cookie words per 100 words
# The controls of such a text stand in its last lines ("[Save] [Accept all]", then "Back").
CONTROLLED_LAST_LINES = 2


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
# "[ desligado ]", "[x]", "[ ]" closing a short line: a switch in any language. A link has a target.
_BRACKET_SWITCH = re.compile(r"\[\s*[^\[\]\s]{0,15}\s*\]\s*$")
# "Necessary ✔ · Analytics ☐ · Marketing ☐": categories, each with its tick, on one line.
_TICKED = re.compile(r"^(?:[^·|•✓✔✗✘☐☑☒●○]{1,40}[✓✔✗✘☐☑☒●○]\s*(?:[·|•]\s*)?){2,}$")
# "**Strictly necessary** — Always active": a label, a dash or colon, the switch's state.
_STATE_TAIL = re.compile(r"[\u2014\u2013:|-]\s*([^\u2014\u2013:|-]+)$")
# Buttons drawn without a link target, bracketed or bold, two to four side by side.
_BUTTON_ROW = re.compile(r"^(?:\[[^\[\]]+\](?!\()\s*){2,4}$|^(?:\*\*[^*]+\*\*\s*){2,4}$")
_SELF_REFERENCE = Phrasebook(SELF_REFERENCE)
# "Statistieken (5)", "Marketing (14)": preference centres count the cookies of each category.
_CATEGORY_COUNT = re.compile(r"\s+\d{1,3}$")


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
    if whole := _controlled(lines, controls, block):
        return whole
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
    short = line.words <= LABEL_MAX_WORDS + 2
    if short and (knob := _KNOB.search(line.raw)):
        return (knob.group(0).strip().lower(),)
    if line.items and _is_button_row(line):
        return tuple(line.items)
    if short and (state := _switch_state(line.raw)):
        return (state,)
    if _TICKED.match(line.raw.strip()):
        return tuple(line.items) or (line.text,)
    if not line.items:
        return ()
    found: list[str] = []
    for item in line.items:
        if _is_button(item) or _CHOICES.fullmatch(_CATEGORY_COUNT.sub("", item)):
            found.append(item)
        elif not _LINKS.fullmatch(item):
            return ()
    return tuple(found)


def _is_button(item: str) -> bool:
    """A known button's label, alone or followed by a few words ("accept all cookies")."""
    words = item.split()
    return any(
        _BUTTONS.fullmatch(" ".join(words[:size]))
        for size in range(max(1, len(words) - BUTTON_TAIL_WORDS), len(words) + 1)
    )


def _switch_state(raw: str) -> str | None:
    """The state of a switch closing a short line: "[ off ]", "— Always active"."""
    if len(raw) > 2 and (bracket := _BRACKET_SWITCH.search(raw)) and bracket.start() > 0:
        return bracket.group(0).strip().lower()
    if (tail := _STATE_TAIL.search(raw)) and _SWITCH_STATES.fullmatch(fold(tail.group(1))):
        return fold(tail.group(1))
    return None


def _is_button_row(line: Line) -> bool:
    """Two to four short labels drawn as buttons, side by side and leading nowhere."""
    items = line.items
    return (
        ROW_MIN_ITEMS <= len(items) <= ROW_MAX_ITEMS
        and all(0 < len(item.split()) <= ROW_ITEM_MAX_WORDS for item in items)
        and bool(_BUTTON_ROW.match(line.raw.strip()))
    )


def _controlled(
    lines: Sequence[Line], controls: dict[int, tuple[str, ...]], block: set[int]
) -> Banner | None:
    """A short text organised around consent controls and ending in them: the whole of it is a
    preference centre, its cookie tables and category descriptions included. What lies outside
    the banner's own block must speak of cookies and consent as densely as a banner does: a
    short policy with a banner under it does not."""
    words = sum(line.words for line in lines)
    if words > CONTROLLED_MAX_WORDS or not any(
        index >= len(lines) - CONTROLLED_LAST_LINES for index in controls
    ):
        return None
    rest = [line for index, line in enumerate(lines) if index not in block]
    rest_words = sum(line.words for line in rest)
    consent = sum(len(_CONSENT.findall(line.text)) for line in rest)
    if rest_words and 100 * consent < CONTROLLED_MIN_RATE * rest_words:
        return None
    buttons = [item for index in sorted(controls) for item in controls[index]]
    if len(buttons) < 2:
        return None
    return Banner(frozenset(range(len(lines))), words, tuple(dict.fromkeys(buttons))[:3])


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
