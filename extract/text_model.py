"""A learned second opinion on a text's wording: its words, word pairs and letter runs, weighed.

The hand signals of `extract.policy_evidence` count phrases from word lists; this model reads
every word, word pair and run of three to five letters instead, so it hears a policy's wording in
phrasings and languages the lists never wrote down. It is a logistic regression over the folded
text's n-grams, fitted by `bench/classify_eval.py --fit`; only the n-grams with the largest
weights are kept (`extract.fitted_weights`). Its log-odds enters the policy score as one signal.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

# Characters of a text read for its n-grams: the opening of a long policy says what it is, and
# reading a 20,000-word text letter by letter would cost more than the rest of the classifier.
MAX_CHARS = 12_000
CHAR_SIZES = (3, 4, 5)
WORD_SIZES = (1, 2)
# Word n-grams named in a verdict's detail.
NAMED_NGRAMS = 2


def ngrams(folded_lines: Iterable[str]) -> Counter[str]:
    """The word n-grams ("w:we collect") and the letter runs, spaces included (" we c"), of
    folded text. Folded text has no colons, so the two kinds cannot meet."""
    text = " ".join(" ".join(folded_lines).split())[:MAX_CHARS]
    words = text.split()
    padded = f" {text} "
    # zip and map keep the loops in C: this is most of the classifier's time on long texts.
    found = Counter(
        "w:" + " ".join(gram)
        for size in WORD_SIZES
        for gram in zip(*(words[offset:] for offset in range(size)), strict=False)
    )
    for size in CHAR_SIZES:
        found.update(map("".join, zip(*(padded[offset:] for offset in range(size)), strict=False)))
    return found


def weighted(counts: Mapping[str, int], only: Iterable[str] | None = None) -> dict[str, float]:
    """Each n-gram's value (of those in `only`, by default all): its count dampened by a
    logarithm, the whole scaled to length one, so that long and short texts read on one scale."""
    repeated = [count for count in counts.values() if count > 1]
    # An n-gram seen once is worth 1 before scaling; most are.
    norm = math.sqrt(len(counts) - len(repeated) + sum(_damped(c) ** 2 for c in repeated)) or 1.0
    return {gram: _damped(counts[gram]) / norm for gram in (counts if only is None else only)}


def _damped(count: int) -> float:
    return 1.0 + math.log(count)


@dataclass(frozen=True)
class Reading:
    """The model's log-odds for a text, and the word n-grams that spoke most for "policy"."""

    score: float
    strongest: tuple[str, ...]


@dataclass(frozen=True)
class TextModel:
    """Weights of n-grams and a bias: the score is a log-odds of "policy"."""

    weights: Mapping[str, float]
    bias: float

    def read(self, folded_lines: Iterable[str]) -> Reading:
        counts = ngrams(folded_lines)
        values = weighted(counts, only=counts.keys() & self.weights.keys())
        pushes = {gram: self.weights[gram] * value for gram, value in values.items()}
        # Named are words of four letters or more: "e" (of "e-mail") and "we" explain little.
        words = sorted(
            (push, gram[2:])
            for gram, push in pushes.items()
            if push > 0 and gram[:2] == "w:" and len(gram) >= 6
        )
        return Reading(
            self.bias + sum(pushes.values()),
            tuple(gram for _, gram in reversed(words[-NAMED_NGRAMS:])),
        )
