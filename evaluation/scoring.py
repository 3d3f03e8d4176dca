"""Scores, as pure functions: word-level precision and recall, and change-point agreement."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

from extract.normalize import words


@dataclass(frozen=True)
class WordOverlap:
    """Counts of words kept right (true positives), kept wrongly, and missed."""

    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0

    def __add__(self, other: WordOverlap) -> WordOverlap:
        return WordOverlap(
            self.true_positive + other.true_positive,
            self.false_positive + other.false_positive,
            self.false_negative + other.false_negative,
        )

    @property
    def precision(self) -> float:
        kept = self.true_positive + self.false_positive
        return self.true_positive / kept if kept else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positive + self.false_negative
        return self.true_positive / wanted if wanted else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def word_overlap(extracted: str, gold: str) -> WordOverlap:
    """Compare the multisets of words (`\\w+` runs, case kept) of an extraction and its gold."""
    ours, theirs = Counter(words(extracted)), Counter(words(gold))
    shared = sum((ours & theirs).values())
    return WordOverlap(shared, sum(ours.values()) - shared, sum(theirs.values()) - shared)


def total(overlaps: Iterable[WordOverlap]) -> WordOverlap:
    """Micro-average: add the counts of every document, then compute the scores once."""
    result = WordOverlap()
    for overlap in overlaps:
        result += overlap
    return result


def change_points(labels: Sequence[Hashable]) -> set[int]:
    """Indexes of the captures whose version differs from the previous capture's."""
    return {i for i in range(1, len(labels)) if labels[i] != labels[i - 1]}


@dataclass(frozen=True)
class ChangeAgreement:
    """Change points found, true ones, and those both agree on."""

    found: int = 0
    true: int = 0
    agreed: int = 0

    def __add__(self, other: ChangeAgreement) -> ChangeAgreement:
        return ChangeAgreement(
            self.found + other.found, self.true + other.true, self.agreed + other.agreed
        )

    @property
    def precision(self) -> float:
        return self.agreed / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.agreed / self.true if self.true else 1.0


def change_agreement(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> ChangeAgreement:
    """How the change points of one capture sequence agree with the gold's."""
    if len(predicted) != len(gold):
        raise ValueError(f"{len(predicted)} predicted labels for {len(gold)} gold captures")
    found, true = change_points(predicted), change_points(gold)
    return ChangeAgreement(len(found), len(true), len(found & true))
