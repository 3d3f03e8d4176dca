"""The comparison form of a text: what must and must not make two captures differ, which
lines rotate between captures, and how many words a change moved."""

from __future__ import annotations

from extract.normalize import (
    is_furniture,
    is_generated_id,
    normalize_text,
    rotating_lines,
    text_hash,
    word_changes,
)


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
    assert text_hash("We  share\tdata.\n\n\nContact us.") == text_hash(
        "We share data.\nContact us.\u200b"
    )


def test_a_no_break_space_typed_by_an_editor_is_a_change() -> None:
    # Curated corpora (Open Terms Archive) record such an edit as a new version.
    assert text_hash("including\u00a0[our site](https://a.example/)") != text_hash(
        "including [our site](https://a.example/)"
    )


def test_cache_busters_and_form_tokens_are_dropped_but_real_parameters_kept() -> None:
    a = "[PDF](https://example.org/privacy.pdf?_=1699999999999&lang=en&csrf_token=k2J9x)"
    b = "[PDF](https://example.org/privacy.pdf?_=1700000123456&lang=en&csrf_token=Qm3Pz)"
    assert text_hash(a) == text_hash(b)
    assert normalize_text(a) == "[PDF](https://example.org/privacy.pdf?lang=en)"
    # `v` names a video here, not a build: it stays, and another video is another text.
    video = "[our video](https://video.example/watch?v=dQw4w9WgXcQ)"
    assert normalize_text(video) == video
    assert text_hash(video) != text_hash(video.replace("dQw4w9WgXcQ", "kXYiU_JCYtU"))


def test_generated_ids_in_link_paths_are_masked() -> None:
    a = "[Unsubscribe](https://mail.example/u/3f9a1c2b7d4e5f6071829a0b/confirm)"
    b = "[Unsubscribe](https://mail.example/u/91c04be77a2f3d58e6b0c1d2/confirm)"
    assert text_hash(a) == text_hash(b)
    assert normalize_text(a) == "[Unsubscribe](https://mail.example/u/{id}/confirm)"
    token = "[Manage](/prefs/eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9?lang=en)"
    assert normalize_text(token) == "[Manage](/prefs/{id}?lang=en)"


def test_slugs_dates_and_titles_in_links_are_kept() -> None:
    for url in [
        "https://example.org/legal/privacy-policy-2019",
        "https://example.org/docs/PrivacyPolicy2019FinalVersion.pdf",
        "https://example.org/archive/2019/05/17/policy",
    ]:
        assert normalize_text(f"[old policy]({url})") == f"[old policy]({url})"
    assert text_hash("[old](/legal/policy-2019)") != text_hash("[old](/legal/policy-2020)")


def test_generated_ids_and_words_told_apart() -> None:
    assert is_generated_id("550e8400-e29b-41d4-a716-446655440000")
    assert is_generated_id("9e9c95d4755f41fc113bd289fbd8f29b")
    assert is_generated_id("MxmFS6y1QCj5yhb4XkTREFJZqukQJmU")
    assert not is_generated_id("deadbeefcafebabe")  # hex letters, but no digit: a word game
    assert not is_generated_id("2019-2020-2021-2022-2023")
    assert not is_generated_id("dQw4w9WgXcQ")
    assert not is_generated_id("Privacy_Policy_2019_Final_Version_v2")


def test_aspnet_cookieless_sessions_are_dropped() -> None:
    a = "[Help](https://example.org/(S(lit3py55t21z5v55vlm25s55))/help.aspx)"
    assert normalize_text(a) == "[Help](https://example.org/help.aspx)"


def test_a_link_to_its_own_address_reads_as_the_address() -> None:
    assert text_hash("Stored in a Brevo list (https://brevo.com).") == text_hash(
        "Stored in a Brevo list ([https://brevo.com](https://brevo.com))."
    )
    assert normalize_text("Write to [dpo@example.org](mailto:dpo@example.org).") == (
        "Write to dpo@example.org."
    )
    assert (
        normalize_text("See <https://example.org/privacy>.") == "See https://example.org/privacy."
    )
    kept = "[our partners](https://example.org/partners)"
    assert normalize_text(kept) == kept


def test_where_a_paragraph_breaks_is_not_a_change() -> None:
    assert text_hash("We collect your email.\nIt is stored in a list.") == text_hash(
        "We collect your email. It is stored in a list."
    )
    assert normalize_text("One.\nTwo.") == "One.\nTwo."


def test_copyright_footers_are_furniture_but_policy_sentences_are_not() -> None:
    policy = "We share data with no one.\n\n"
    assert text_hash(policy + "© 2003-2023 Acme Inc. All rights reserved.") == text_hash(
        policy + "© 2003-2024 Acme Inc. All rights reserved."
    )
    assert text_hash(policy + "Copyright 2019 Acme") == text_hash(
        policy + "Copyright (c) 2020 Acme"
    )
    # A footer that dates the policy is news, and so is a sentence that starts with "Copyright".
    assert text_hash(policy + "© 2024 Acme. Last updated May 2024") != text_hash(
        policy + "© 2024 Acme. Last updated June 2024"
    )
    assert text_hash(policy + "Copyright notices go to our agent.") != text_hash(
        policy + "Copyright notices go to our lawyer."
    )


def test_render_timers_and_visitor_counters_are_furniture() -> None:
    assert normalize_text("We keep logs.\nPage generated in 0.0123 seconds") == "We keep logs."
    assert normalize_text("We keep logs.\nYou are visitor number 12,345") == "We keep logs."
    assert is_furniture("This page was rendered in 12 ms.")
    assert not is_furniture("We keep logs for 12 ms.")


def test_rotating_lines_come_and_go_repeatedly() -> None:
    body = ["# Privacy", "We keep logs for 30 days."]
    tips = ["Tip: pack a rain jacket.", "Tip: members ship free."]
    texts = [[*body, tips[n % 2]] for n in range(6)]
    assert rotating_lines(texts) == set(tips)


def test_a_line_that_changes_once_or_returns_once_does_not_rotate() -> None:
    body = ["# Privacy", "We keep logs for 30 days."]
    dated = [[*body, f"Last updated: {year}"] for year in (2018, 2018, 2019, 2020, 2021, 2022)]
    assert rotating_lines(dated) == set()
    extra = "We delete inactive accounts."
    restored = [body, [*body, extra], body, [*body, extra], [*body, extra]]
    assert rotating_lines(restored) == set()  # in, out, in: three switches
    long = "We may share data with partners who deliver orders, take payments and answer mail."
    assert rotating_lines([[long], [], [long], [], [long], []]) == set()


def test_word_changes_count_words_in_and_out() -> None:
    old = ["# Privacy", "Last updated: May 1, 2018", "We keep logs."]
    assert word_changes(old, old) == (0, 0)
    assert word_changes(old, [old[0], "Last updated: June 12, 2019", old[2]]) == (3, 3)
    assert word_changes(old, [*old, "We sell nothing."]) == (3, 0)
    assert word_changes(old, old[:2]) == (0, 3)
    # Changed link targets are no changed words.
    assert word_changes(["[us](https://a.example)"], ["[us](https://b.example/x)"]) == (0, 0)
