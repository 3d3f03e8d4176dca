"""The comparison form of a text: what must and must not make two captures differ."""

from __future__ import annotations

from extract.normalize import normalize_text, text_hash


def test_session_ids_in_links_do_not_make_a_new_version() -> None:
    a = "You can update your details from [My Account](/account/?PHPSESSID=3e9b0f5d21c84a7f)."
    b = "You can update your details from [My Account](/account/?PHPSESSID=a17c44e09bd2f386)."
    assert text_hash(a) == text_hash(b)
    assert normalize_text(a).endswith("[My Account](/account/).")


def test_click_trackers_are_dropped_but_real_parameters_kept() -> None:
    text = "[form](https://example.org/contact?topic=privacy&utm_source=footer&fbclid=AbC#form)"
    assert normalize_text(text) == "[form](https://example.org/contact?topic=privacy#form)"


def test_servlet_sessions_in_paths_are_dropped() -> None:
    assert normalize_text("/help;jsessionid=0AB12CD?lang=en") == "/help?lang=en"


def test_a_changed_word_or_date_is_still_a_change() -> None:
    assert text_hash("Last updated: 1 May 2018") != text_hash("Last updated: 2 May 2018")
    assert text_hash("We share data.") != text_hash("We never share data.")


def test_whitespace_and_invisible_characters_are_not_a_change() -> None:
    assert text_hash("We  share\u00a0data.\n\n\nContact us.") == text_hash(
        "We share data.\nContact us.\u200b"
    )
