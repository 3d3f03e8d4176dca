"""How strongly a text reads as a privacy policy: a handful of signals, weighed.

A policy is its author telling the reader how they handle personal information: "we collect",
"we never sell your e-mail address", "diese Daten speichern wir", spread over the topics a policy
covers, and often naming itself ("this policy"). Other pages that policy URLs lead to speak of
privacy in another voice: terms of service ("you agree", liability, governing law), articles and
press releases ("said", "according to"), help pages, forms and product pages. Each signal is a
number; the score is a weighted sum of them, so every verdict can say what counted and how much.
The weights were fitted by logistic regression on the team's labelled texts
(`bench/classify_eval.py --fit`); a positive score means "policy".
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from extract.lexicon import (
    BYLINES,
    FIRST_PERSON,
    HANDLING,
    OTHER_PAGE_WORDING,
    PRIVACY_VOCABULARY,
    SELF_REFERENCE,
    TERMS_WORDING,
    Phrasebook,
    Topic,
)
from extract.page_lines import Line

# An article's byline stands in its first lines, is short, and carries a year or a reading time.
BYLINE_LINES = 6
BYLINE_MAX_WORDS = 20
_BYLINE_MARK = re.compile(r"\b(?:19|20)\d\d\b|\bmin(?:ute)?s? read\b|[·|]")

# Rates per 100 words stop counting here: a 40-word text with 10 terms is no more a policy than
# one with 8.
MAX_RATE = 10.0

_PRIVACY_TERMS = Phrasebook(*PRIVACY_VOCABULARY.values())
_TOPICS = {topic: Phrasebook(phrases) for topic, phrases in PRIVACY_VOCABULARY.items()}
_HANDLING = Phrasebook(HANDLING)
_FIRST_PERSON = Phrasebook(FIRST_PERSON)
_BYLINE = Phrasebook(BYLINES)
_SELF_REFERENCE = Phrasebook(SELF_REFERENCE)
_TERMS = Phrasebook(TERMS_WORDING)
_OTHER_PAGE = Phrasebook(OTHER_PAGE_WORDING)

# What each signal measures, as the verdict's detail names it.
SIGNALS: Mapping[str, str] = {
    "handling": "statements of own data handling",
    "handling_rate": "handling statements per 100 words",
    "personal_data": "personal-data terms",
    "topics": "policy topics of 8",
    "density": "privacy terms per 100 words",
    "self_reference": "self-references ('this policy')",
    "named_heading": "heading names a policy",
    "named_title": "title names a policy",
    "terms": "terms-of-service wording",
    "other_page": "article, help or form wording",
    "genre_rate": "other documents' wording per 100 words",
    "first_person": "first-person words per 100 words",
    "byline": "an article's byline",
    "size": "words (log10)",
}


@dataclass(frozen=True)
class Model:
    """Weights of the signals and a bias: the score is their sum, the log-odds of "policy"."""

    weights: Mapping[str, float]
    bias: float


# Fitted by `bench/classify_eval.py --fit` on the author's set and the independent batch.
MODEL = Model(
    weights={
        "handling": 1.235,
        "handling_rate": 0.362,
        "personal_data": 1.323,
        "topics": 0.848,
        "density": 1.206,
        "self_reference": 0.303,
        "named_heading": 1.202,
        "named_title": 1.027,
        "terms": -0.231,
        "other_page": -0.585,
        "genre_rate": -0.126,
        "first_person": -0.082,
        "byline": -0.187,
        "size": 0.759,
    },
    bias=-5.794,
)


@dataclass(frozen=True)
class Evidence:
    """The signals of one text's prose, with the counts behind them for the detail line."""

    words: int
    counts: Mapping[str, int]
    signals: Mapping[str, float]
    topics: frozenset[Topic]

    @classmethod
    def of(
        cls, lines: Sequence[Line], *, named_heading: bool, named_title: bool, byline: bool
    ) -> Evidence:
        words = sum(line.words for line in lines)
        found: Counter[str] = Counter()
        topics: set[Topic] = set()
        for line in lines:
            text = line.text
            for term in _PRIVACY_TERMS.findall(text):
                found["privacy"] += 1
                topics.add(_topic_of(term))
            found["handling"] += len(_HANDLING.findall(text))
            found["first_person"] += len(_FIRST_PERSON.findall(text))
            found["personal_data"] += len(_TOPICS[Topic.PERSONAL_DATA].findall(text))
            found["self_reference"] += len(_SELF_REFERENCE.findall(text))
            found["terms"] += len(_TERMS.findall(text))
            found["other_page"] += len(_OTHER_PAGE.findall(text))

        def rate(count: int) -> float:
            return min(100 * count / words, MAX_RATE) / MAX_RATE if words else 0.0

        signals = {
            "handling": math.log1p(found["handling"]),
            "handling_rate": rate(found["handling"]),
            "personal_data": math.log1p(found["personal_data"]),
            "topics": len(topics) / len(Topic),
            "density": rate(found["privacy"]),
            "self_reference": math.log1p(found["self_reference"]),
            "named_heading": float(named_heading),
            "named_title": float(named_title),
            "terms": math.log1p(found["terms"]),
            "other_page": math.log1p(found["other_page"]),
            "genre_rate": rate(found["terms"] + found["other_page"]),
            "first_person": rate(found["first_person"]),
            "byline": float(byline),
            "size": math.log10(1 + words),
        }
        return cls(words, dict(found), signals, frozenset(topics))

    def contributions(self, model: Model | None = None) -> dict[str, float]:
        weights = (model or MODEL).weights
        return {name: weights.get(name, 0.0) * value for name, value in self.signals.items()}

    def score(self, model: Model | None = None) -> float:
        """Positive for a policy: the log-odds of `model`, by default the fitted one."""
        return (model or MODEL).bias + sum(self.contributions(model).values())

    def describe(self) -> str:
        """The score and the signals that moved it most, in one line."""
        parts = sorted(self.contributions().items(), key=lambda item: -abs(item[1]))
        shown = ", ".join(
            f"{self._amount(name)} {SIGNALS[name]} ({value:+.1f})"
            for name, value in parts[:4]
            if abs(value) >= 0.05
        )
        return f"policy score {self.score():+.1f} in {self.words} words: {shown}"

    def _amount(self, name: str) -> str:
        if name in self.counts and not name.endswith("person"):
            return str(self.counts[name])
        if name == "topics":
            return str(len(self.topics))
        if name.endswith(("_rate", "_person")) or name == "density":
            return f"{self.signals[name] * MAX_RATE:.1f}"
        if name == "size":
            return str(self.words)
        return "yes" if self.signals[name] else "no"


def has_byline(lines: Sequence[Line]) -> bool:
    """Whether one of the first lines is an article's byline."""
    return any(_is_byline(line) for line in lines[:BYLINE_LINES])


def _is_byline(line: Line) -> bool:
    """ "By Morgan Example · 2 February 2021": a short line naming an author and a date."""
    if line.words > BYLINE_MAX_WORDS or not _BYLINE_MARK.search(line.raw.lower()):
        return False
    return any(match.start() == 0 for match in _BYLINE.finditer(line.text))


_TOPIC_CACHE: dict[str, Topic] = {}


def _topic_of(term: str) -> Topic:
    """The topic of a matched term; a phrase listed under two topics counts for the first."""
    if (topic := _TOPIC_CACHE.get(term)) is None:
        topic = next(
            (topic for topic, book in _TOPICS.items() if book.fullmatch(term)), Topic.DOCUMENT
        )
        if len(_TOPIC_CACHE) < 4096:
            _TOPIC_CACHE[term] = topic
    return topic
