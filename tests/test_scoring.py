"""The evaluation's scores: word-level precision and recall, and change-point agreement."""

from __future__ import annotations

import pytest

from evaluation.scoring import ChangeAgreement, change_agreement, change_points, total, word_overlap


def test_word_overlap_counts_words_as_a_multiset() -> None:
    overlap = word_overlap("we share data data with partners", "We share data with partners")
    # "we" and "We" differ (case is kept); the second "data" is one word too many.
    assert (overlap.true_positive, overlap.false_positive, overlap.false_negative) == (4, 2, 1)
    assert overlap.precision == pytest.approx(4 / 6)
    assert overlap.recall == pytest.approx(4 / 5)
    assert overlap.f1 == pytest.approx(2 * (4 / 6) * (4 / 5) / (4 / 6 + 4 / 5))


def test_markdown_syntax_is_not_a_word_but_link_targets_are() -> None:
    overlap = word_overlap(
        "## Cookies\n\n- **one** [two](https://x.org)", "Cookies one two https x org"
    )
    assert overlap.f1 == 1.0


def test_micro_average_weighs_long_documents_more() -> None:
    long = word_overlap("a " * 90 + "b " * 10, "a " * 100)  # 90 right, 10 wrong, 10 missed
    short = word_overlap("c", "d")  # all wrong
    both = total([long, short])
    assert both.precision == pytest.approx(90 / 101)
    assert both.recall == pytest.approx(90 / 101)


def test_change_points_are_where_the_version_differs_from_the_previous_capture() -> None:
    assert change_points([1, 1, 2, 2, 1]) == {2, 4}
    assert change_points(["x"]) == set()


def test_change_agreement_scores_found_against_true_change_points() -> None:
    agreement = change_agreement(["a", "b", "b", "c", "d"], [1, 2, 2, 2, 3])
    # Found at 1, 3, 4; true at 1, 4.
    assert agreement == ChangeAgreement(found=3, true=2, agreed=2)
    assert agreement.precision == pytest.approx(2 / 3) and agreement.recall == 1.0
    assert change_agreement([1, 1], [1, 1]).precision == 1.0  # nothing found, nothing wrong
    with pytest.raises(ValueError, match="2 predicted labels for 3 gold captures"):
        change_agreement([1, 2], [1, 2, 3])
