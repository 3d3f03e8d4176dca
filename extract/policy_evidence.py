"""How strongly a text reads as a privacy policy: a handful of signals, weighed.

A policy is its author telling the reader how they handle personal information: "we collect",
"we never sell your e-mail address", "diese Daten speichern wir", spread over the topics a policy
covers, and often naming itself ("this policy"). Other pages that policy URLs lead to speak of
privacy in another voice or another shape: terms of service ("you agree", liability), articles
and press releases ("said", a byline), forms, contracts, product and security pages
(`extract.genres`). A learned n-gram model (`extract.text_model`) adds its own reading of the
wording. Each signal is a number; the score is a weighted sum of them, so every verdict can say
what counted and how much. The weights are fitted by logistic regression
(`bench/classify_eval.py --fit`, written to `extract.fitted_weights`); a positive score means
"policy".
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from extract import fitted_weights
from extract.genres import Genre, GenreCues, read_genres
from extract.lexicon import (
    BYLINES,
    CONTACT_FOR_DATA,
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
from extract.text_model import TextModel

# An article's byline stands in its first lines, is short, and carries a year or a reading time.
BYLINE_LINES = 6
BYLINE_MAX_WORDS = 20
_BYLINE_MARK = re.compile(r"\b(?:19|20)\d\d\b|\bmin(?:ute)?s? read\b|[·|]")

# A text reads as another genre, whatever its vocabulary, when one genre's cues are at least this
# many and this dense, the lines that carry them hold this share of its words, and they outnumber
# its statements of own data handling. A data-request form is fields from top to bottom, with one
# "we will reply"; a policy that ends with a contact form keeps most of its words in prose. (The
# share: 0.15 kept every product page and form of the labelled sets out in leave-one-writer-out,
# 0.20 let a privacy tool's product page through; a five-field contact form appended to the
# labelled policies turned 15 of 234 into forms at 0.15, 6 at 0.25, all under 110 words.)
GENRE_MIN_CUES = 3
GENRE_MIN_RATE = 1.0  # cues per 100 words
GENRE_MIN_SHARE = 0.15

# Hand signals named in a verdict's detail, beside the n-gram model.
SHOWN_SIGNALS = 3

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
_CONTACT = Phrasebook(CONTACT_FOR_DATA)
# An e-mail address, in any language: where a policy sends the reader who asks about their data.
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

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
    "named_url": "URL names a policy",
    "named_other": "title or heading names another document",
    "contact": "ways to reach the author about data",
    "terms": "terms-of-service wording",
    "other_page": "article, help or form wording",
    "other_wording_rate": "other documents' wording per 100 words",
    "first_person": "first-person words per 100 words",
    "byline": "an article's byline",
    "size": "words (log10)",
    **{f"{genre.value}_cues": f"{genre.value} cues per 100 words" for genre in Genre},
    "text": "n-gram model log-odds",
}


@dataclass(frozen=True)
class Model:
    """Weights of the signals and a bias: the score is their sum, the log-odds of "policy"."""

    weights: Mapping[str, float]
    bias: float


# Fitted together by `bench/classify_eval.py --fit`: the signals' weights and the n-gram model
# whose log-odds is the "text" signal.
MODEL = Model(weights=fitted_weights.SIGNAL_WEIGHTS, bias=fitted_weights.SIGNAL_BIAS)
TEXT_MODEL = TextModel(weights=fitted_weights.NGRAM_WEIGHTS, bias=fitted_weights.NGRAM_BIAS)


@dataclass(frozen=True)
class Evidence:
    """The signals of one text's prose, with the counts behind them for the detail line."""

    words: int
    counts: Mapping[str, int]
    signals: Mapping[str, float]
    topics: frozenset[Topic]
    genres: GenreCues
    ngrams: tuple[str, ...]  # the n-grams that spoke most for "policy"

    @classmethod
    def of(
        cls,
        lines: Sequence[Line],
        *,
        named_heading: bool,
        named_title: bool,
        byline: bool,
        named_url: bool = False,
        named_other: bool = False,
        genre_lines: Sequence[Line] | None = None,
    ) -> Evidence:
        """The signals of `lines`, a page's prose; `genre_lines` are read for other genres' cues
        (by default the prose)."""
        words = sum(line.words for line in lines)
        found: Counter[str] = Counter()
        topics: set[Topic] = set()
        for line in lines:
            text = line.text
            for term in _PRIVACY_TERMS.findall(text):
                found["privacy"] += 1
                topics.add(_topic_of(term))
            handling = len(_HANDLING.findall(text))
            first_person = len(_FIRST_PERSON.findall(text))
            self_reference = len(_SELF_REFERENCE.findall(text))
            found["handling"] += handling
            # In the author's own voice: "we store", not "a company must say how long it stores".
            if first_person or self_reference:
                found["own_handling"] += handling
            found["first_person"] += first_person
            found["personal_data"] += len(_TOPICS[Topic.PERSONAL_DATA].findall(text))
            found["self_reference"] += self_reference
            found["terms"] += len(_TERMS.findall(text))
            found["other_page"] += len(_OTHER_PAGE.findall(text))
            found["contact"] += len(_CONTACT.findall(text)) + len(_EMAIL.findall(line.raw))

        def rate(count: int, per: int = words) -> float:
            return min(100 * count / per, MAX_RATE) / MAX_RATE if per else 0.0

        signals = {
            "handling": math.log1p(found["handling"]),
            "handling_rate": rate(found["handling"]),
            "personal_data": math.log1p(found["personal_data"]),
            "topics": len(topics) / len(Topic),
            "density": rate(found["privacy"]),
            "self_reference": math.log1p(found["self_reference"]),
            "named_heading": float(named_heading),
            "named_title": float(named_title),
            "named_url": float(named_url),
            "named_other": float(named_other),
            # Language-independent: an address to write to, beside words of personal data.
            "contact": math.log1p(found["contact"]) if found["privacy"] else 0.0,
            "terms": math.log1p(found["terms"]),
            "other_page": math.log1p(found["other_page"]),
            "other_wording_rate": rate(found["terms"] + found["other_page"]),
            "first_person": rate(found["first_person"]),
            "byline": float(byline),
            "size": math.log10(1 + words),
        }
        genres = read_genres(lines if genre_lines is None else genre_lines)
        # Rates, not counts: a 5,000-word policy gathers a numbered clause or a "Download" link
        # here and there; a form is made of fields.
        for genre, count in genres.counts.items():
            signals[f"{genre.value}_cues"] = math.log1p(100 * count / max(genres.words, 1))
        # Looked up at call time, so that the bench can measure a model it has just fitted.
        reading = TEXT_MODEL.read(line.wording for line in lines)
        signals["text"] = reading.score
        return cls(words, dict(found), signals, frozenset(topics), genres, reading.strongest)

    def other_genre(self) -> str | None:
        """What other kind of page the text reads as, when its cues outweigh a policy's voice."""
        strongest = self.genres.strongest()
        if strongest is None:
            return None
        genre, cues = strongest
        words = max(self.genres.words, 1)
        # An article tells of what companies do with data, in the third person; only what the
        # author says of its own handling answers its cues. A policy's numbered clauses are a
        # shape it shares with contracts: a contract also binds its parties in words.
        handling = self.counts.get("own_handling" if genre is Genre.ARTICLE else "handling", 0)
        if (
            cues < GENRE_MIN_CUES
            or 100 * cues < GENRE_MIN_RATE * words
            or self.genres.cue_words[genre] < GENRE_MIN_SHARE * words
            or cues <= handling
            or (genre is Genre.CONTRACT and not self.genres.worded[genre])
        ):
            return None
        return (
            f"reads as {genre.described}: {cues} cues such as "
            f"{self.genres.examples[genre]!r}, {handling} statements of own data handling"
        )

    def contributions(self, model: Model | None = None) -> dict[str, float]:
        weights = (model or MODEL).weights
        return {name: weights.get(name, 0.0) * value for name, value in self.signals.items()}

    def score(self, model: Model | None = None) -> float:
        """Positive for a policy: the log-odds of `model`, by default the fitted one."""
        return (model or MODEL).bias + sum(self.contributions(model).values())

    def describe(self) -> str:
        """The score, the hand signals that moved it most and the n-gram model's say, in one
        line. Length is left out: it moves every score alike, as a baseline does."""
        contributions = self.contributions()
        text = contributions.pop("text", 0.0)
        contributions.pop("size", None)
        parts = sorted(contributions.items(), key=lambda item: -abs(item[1]))
        shown = [
            f"{self._amount(name)} {SIGNALS[name]} ({value:+.1f})"
            for name, value in parts[:SHOWN_SIGNALS]
            if abs(value) >= 0.05
        ]
        grams = f" {', '.join(repr(gram) for gram in self.ngrams)}" if self.ngrams else ""
        shown.append(f"n-grams{grams} ({text:+.1f})")
        return f"policy score {self.score():+.1f} in {self.words} words: {', '.join(shown)}"

    def _amount(self, name: str) -> str:
        if name in self.counts and not name.endswith("person"):
            return str(self.counts[name])
        if name == "topics":
            return str(len(self.topics))
        if name.endswith("_cues"):
            genre = Genre(name.removesuffix("_cues"))
            return f"{100 * self.genres.counts[genre] / max(self.genres.words, 1):.1f}"
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
