"""Policy pages from three eras to Markdown, plus decoding, language and the comparison form."""

from __future__ import annotations

import codecs
import dataclasses
import hashlib
import re
from pathlib import Path

import pytest
import trafilatura
from lxml.html import document_fromstring

from extract import markdown as markdown_module
from extract.decode import declared_encoding, decode_html
from extract.fallback import visible_markdown, visible_word_count
from extract.markdown import (
    EXTRACTOR_VERSION,
    TRAFILATURA_EXTRACTOR,
    VISIBLE_TEXT_EXTRACTOR,
    Extraction,
    extract_policy,
    tidy_markdown,
)
from extract.normalize import normalize_text, text_hash, words
from extract.prepare import keep_policy_sections

FIXTURES = Path(__file__).parent / "fixtures" / "extract"

# Enough prose for trafilatura to see a main text in the small inline pages below.
FILLER = (
    "<p>We keep your account details only for as long as your account is open, and we delete "
    "them within thirty days after you close it, unless the law obliges us to keep them.</p>"
)

# trafilatura drops a paragraph that repeats an earlier one, so pages that need two use both.
SECOND_FILLER = (
    "<p>Our servers are located in the European Union, and we do not transfer personal data "
    "outside it except to the support tools listed in the annex to this policy.</p>"
)


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def page(body: str, head: str = "") -> str:
    return f"<html><head>{head}</head><body><article>{body}</article></body></html>"


def share_of_words(markdown: str, phrases: list[str]) -> float:
    """How much of the Markdown, in words, is made of the given boilerplate phrases."""
    found = sum(len(words(p)) for p in phrases if p in markdown)
    return found / max(1, len(words(markdown)))


# --- 1999: table layout, <font>, windows-1252 -------------------------------------------------


@pytest.fixture(scope="module")
def table_layout_1999() -> Extraction:
    return extract_policy(
        fixture("table_layout_1999.html"), url="http://northwind.example/privacy.html"
    )


def test_1999_page_keeps_the_policy_text(table_layout_1999: Extraction) -> None:
    text = table_layout_1999.markdown
    assert "Northwind Traders respects the privacy of every visitor to our web site." in text
    assert "The cookie expires when you close your browser." in text
    assert table_layout_1999.extractor == TRAFILATURA_EXTRACTOR


def test_1999_page_is_decoded_as_windows_1252(table_layout_1999: Extraction) -> None:
    # The page says iso-8859-1 but uses 0x93/0x94 curly quotes, as browsers assume.
    assert "\u201cSend me the catalog\u201d" in table_layout_1999.markdown
    assert "caf\u00e9-sized office" in table_layout_1999.markdown


def test_1999_layout_table_does_not_become_a_markdown_table(table_layout_1999: Extraction) -> None:
    text = table_layout_1999.markdown
    assert not any(line.startswith("|") for line in text.splitlines())
    assert "- Your telephone number" in text.splitlines()
    assert "**Our Privacy Statement**" in text.splitlines()
    assert "**Information we collect**" in text
    assert "[privacy@northwind.example](mailto:privacy@northwind.example)" in text


def test_1999_menu_column_is_left_out(table_layout_1999: Extraction) -> None:
    for menu_item in ("Order Form", "Catalog", "About Us"):
        assert menu_item not in table_layout_1999.markdown


def test_1999_title_and_detected_language(table_layout_1999: Extraction) -> None:
    assert table_layout_1999.title == "Northwind Traders - Privacy Statement"
    assert table_layout_1999.language == "en"  # no lang attribute: detected from the text


# --- 2008: div soup ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def div_soup_2008() -> Extraction:
    return extract_policy(fixture("div_soup_2008.html"), url="http://www.acme.test/privacy")


def test_2008_page_keeps_headings_lists_bold_and_links(div_soup_2008: Extraction) -> None:
    lines = div_soup_2008.markdown.splitlines()
    assert "## 2. Who can see your photos" in lines
    assert "2. people holding the secret album link," in lines
    assert "we **never** hand them your e-mail address" in div_soup_2008.markdown
    # Relative links are resolved against the page's original address.
    assert "[account settings](http://www.acme.test/settings/privacy)" in div_soup_2008.markdown


def test_2008_sidebar_footer_and_scripts_are_left_out(div_soup_2008: Extraction) -> None:
    text = div_soup_2008.markdown
    for boilerplate in (
        "Grandma's birthday",
        "Popular albums",
        "All rights reserved",
        "Take the tour",
    ):
        assert boilerplate not in text
    assert "pageTracker" not in text and "960px" not in text


def test_2008_counts_and_hash(div_soup_2008: Extraction) -> None:
    assert div_soup_2008.word_count == len(re.findall(r"\w+", div_soup_2008.markdown))
    assert div_soup_2008.word_count > 150
    assert div_soup_2008.text_hash == text_hash(div_soup_2008.markdown)
    assert div_soup_2008.title == "Privacy Policy | Acme Photo Share"


# --- 2024: cookie banner and mega-footer -------------------------------------------------------


@pytest.fixture(scope="module")
def modern_2024() -> Extraction:
    return extract_policy(
        fixture("modern_cookie_banner_2024.html"), url="https://lumen-notes.example/privacy"
    )


def test_2024_policy_keeps_its_own_cookie_section(modern_2024: Extraction) -> None:
    # The section's id is "cookies", which generic boilerplate rules would throw away.
    assert "## Cookies" in modern_2024.markdown.splitlines()
    assert "an analytics cookie that counts page visits" in modern_2024.markdown


def test_2024_structure_survives(modern_2024: Extraction) -> None:
    text = modern_2024.markdown
    assert "- **Account data**: your name, work e-mail address and team name." in text.splitlines()
    assert "[data processing addendum](https://lumen-notes.example/dpa)" in text
    assert "## Your rights" in text.splitlines()


def test_2024_banner_and_footer_do_not_dominate(modern_2024: Extraction) -> None:
    banner = ["By clicking Accept all", "Accept all", "Reject all", "Manage preferences"]
    footer = [
        "Press kit",
        "Webinars",
        "For nonprofits",
        "Brand assets",
        "Subscribe",
        "Start free trial",
    ]
    assert share_of_words(modern_2024.markdown, banner + footer) == 0
    assert "Registered in England and Wales" not in modern_2024.markdown


def test_2024_language_and_title(modern_2024: Extraction) -> None:
    assert modern_2024.language == "en"  # from lang="en-GB"
    assert modern_2024.title == "Privacy Notice \u2013 Lumen Notes"


def test_template_indentation_does_not_reach_the_markdown(modern_2024: Extraction) -> None:
    assert "\n      " not in modern_2024.markdown
    assert "This notice explains what personal data we process" in modern_2024.markdown


# --- trafilatura pitfalls that the preparation step fixes --------------------------------------


def test_heading_with_permalink_icon_keeps_its_text() -> None:
    html = page(
        FILLER + '<h2 id="sharing"><a href="#sharing" aria-hidden="true"><svg></svg></a>'
        "Sharing your data</h2>" + SECOND_FILLER
    )
    lines = extract_policy(html).markdown.splitlines()
    assert "## Sharing your data" in lines
    assert "##" not in lines


def test_heading_inside_summary_is_not_doubled() -> None:
    html = page(
        FILLER + "<details><summary><h2>Your choices</h2></summary>" + SECOND_FILLER + "</details>"
    )
    text = extract_policy(html).markdown
    assert "## Your choices" in text.splitlines()
    assert "## ##" not in text


def test_section_whose_id_names_sharing_is_kept() -> None:
    section = (
        '<div id="how-we-share-your-information"><h2>How we share your information</h2>'
        "<p>We share personal information with payment processors and with nobody else.</p></div>"
    )
    text = extract_policy(page(FILLER + section + SECOND_FILLER)).markdown
    assert "## How we share your information" in text.splitlines()
    assert "We share personal information with payment processors" in text


def test_only_policy_sections_lose_their_boilerplate_labels() -> None:
    tree = document_fromstring(
        page(
            '<div id="cookie-use"><h2>Cookies</h2><p>We set one cookie to keep you signed in and, '
            "if you agree, another one that counts visits to each page.</p></div>"
            '<div class="newsletter"><h3>Stay in the loop</h3><p>Product news and tips from our '
            'team, once a month, straight to your inbox.</p><form><input type="email"></form></div>'
            '<div class="social-links"><h3>Follow us</h3><a href="/x">X</a> <a href="/y">Y</a>'
            "</div>"
            '<div id="sidebar"><div class="share-box"><h3>About us</h3><p>We are a small team of '
            "people who care about note taking, based in Leeds since 2019.</p></div></div>"
        )
    )
    keep_policy_sections(tree)
    assert tree.find(".//div[@id='cookie-use']") is None  # label removed: trafilatura keeps it
    assert tree.find(".//div[@class='newsletter']") is not None  # has a form
    assert tree.find(".//div[@class='social-links']") is not None  # mostly links
    assert tree.find(".//div[@class='share-box']") is not None  # inside the sidebar


def test_heading_whose_slug_mentions_a_consent_banner_is_kept() -> None:
    section = (
        '<h3 id="why-no-consent-banner-for-cookies">'
        "Why is there no consent banner for cookies?</h3>"
    )
    text = extract_policy(page(FILLER + section + SECOND_FILLER)).markdown
    assert "Why is there no consent banner for cookies?" in text


def test_consent_dialog_is_removed() -> None:
    banner = (
        '<div id="gdpr-notice" role="dialog"><p>This site uses cookies to give you the best '
        "experience on our website.</p><button>Got it</button></div>"
    )
    html = f"<html><body>{banner}<div>{FILLER}{SECOND_FILLER}</div></body></html>"
    text = extract_policy(html).markdown
    assert "best experience" not in text
    assert "Our servers are located in the European Union" in text


def test_links_within_the_page_stay_fragments() -> None:
    html = page(
        FILLER + '<p>See <a href="#rights">your rights</a> and <a href="/terms">terms</a>.</p>'
    )
    text = extract_policy(html, url="https://a.example/legal/privacy").markdown
    assert "[your rights](#rights)" in text
    assert "[terms](https://a.example/terms)" in text


def test_a_data_table_stays_a_table() -> None:
    table = (
        "<table><tr><th>Cookie</th><th>Purpose</th></tr>"
        "<tr><td>session</td><td>keeps you signed in</td></tr></table>"
    )
    text = extract_policy(page(FILLER + table + SECOND_FILLER)).markdown
    assert "| session | keeps you signed in |" in text


# --- fallback and bad input --------------------------------------------------------------------


def test_fallback_when_trafilatura_finds_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(markdown_module, "_trafilatura_markdown", lambda tree: "")
    result = extract_policy(fixture("table_layout_1999.html"))
    assert result.extractor == VISIBLE_TEXT_EXTRACTOR
    assert "We never rent or sell our customer list to anybody." in result.markdown
    assert "- Your e-mail address" in result.markdown.splitlines()


def test_fallback_when_trafilatura_keeps_a_sliver_of_a_long_page(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(markdown_module, "_trafilatura_markdown", lambda tree: "Privacy policy")
    long_page = page(FILLER * 30 + "<p>The last paragraph names our data protection officer.</p>")
    result = extract_policy(long_page)
    assert result.extractor == VISIBLE_TEXT_EXTRACTOR
    assert "names our data protection officer" in result.markdown


def test_no_fallback_for_a_short_page_with_a_short_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(markdown_module, "_trafilatura_markdown", lambda tree: "Privacy policy")
    result = extract_policy(page(FILLER))
    assert (result.extractor, result.markdown) == (TRAFILATURA_EXTRACTOR, "Privacy policy")


def test_visible_word_count_counts_what_a_reader_sees() -> None:
    tree = document_fromstring(
        "<html><head><title>Not counted</title></head><body><nav>Menu items</nav>"
        "<p>Three seen <b>words</b></p><script>var hidden = 1;</script>tail here</body></html>"
    )
    assert visible_word_count(tree) == 5  # "Three seen words" and "tail here"


def test_visible_markdown_skips_scripts_navigation_and_footer() -> None:
    html = (
        "<html><head><title>T</title><style>p{}</style></head><body>"
        "<nav><a href='/'>Home</a></nav><h1>Privacy</h1><script>var x = 1;</script>"
        "<p>We keep <b>no</b> logs. Ask <a href='mailto:a@b.example'>us</a>.</p>"
        "<ul><li>one</li><li>two</li></ul><footer>Copyright</footer></body></html>"
    )
    assert visible_markdown(html) == (
        "# Privacy\n\nWe keep **no** logs. Ask [us](mailto:a@b.example).\n\n- one\n- two"
    )


@pytest.mark.parametrize(
    "html",
    [
        b"",
        "",
        "   ",
        "<html></html>",
        "<<<<>>>>",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
        "text with a lone surrogate \ud800 and a NUL \x00",
        "<div>" * 3000 + "deep",
    ],
)
def test_unusable_input_gives_an_extraction_not_an_error(html: bytes | str) -> None:
    result = extract_policy(html, url="http://[broken")
    assert isinstance(result, Extraction)
    assert result.word_count == len(words(result.markdown))
    if not result.markdown:
        assert result.text_hash == hashlib.sha256(b"").hexdigest()
        assert result.language is None


def test_extractor_names_method_and_versions() -> None:
    expected = f"trafilatura {trafilatura.__version__}; policyarchive-extract {EXTRACTOR_VERSION}"
    assert expected == TRAFILATURA_EXTRACTOR
    assert dataclasses.is_dataclass(Extraction)
    with pytest.raises(dataclasses.FrozenInstanceError):
        extract_policy(page(FILLER)).markdown = "changed"  # type: ignore[misc]


def test_tidy_markdown() -> None:
    assert tidy_markdown("\n\n# Title  \n##\n\n\n\nText\n### \n") == "# Title\n\nText"


# --- decoding ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (codecs.BOM_UTF8 + "<p>caf\u00e9</p>".encode(), "<p>caf\u00e9</p>"),
        (codecs.BOM_UTF16_LE + "<p>caf\u00e9</p>".encode("utf-16-le"), "<p>caf\u00e9</p>"),
        # Undeclared and not UTF-8: windows-1252, the 1990s default.
        ("<p>\u201ccaf\u00e9\u201d</p>".encode("cp1252"), "<p>\u201ccaf\u00e9\u201d</p>"),
        # Declared iso-8859-1 but really UTF-8: valid UTF-8 wins.
        ('<meta charset="iso-8859-1"><p>caf\u00e9</p>'.encode(),
         '<meta charset="iso-8859-1"><p>caf\u00e9</p>'),
        # A declared legacy encoding is honoured.
        ("<meta charset=koi8-r><p>\u043f\u0440\u0438\u0432\u0435\u0442</p>".encode("koi8-r"),
         "<meta charset=koi8-r><p>\u043f\u0440\u0438\u0432\u0435\u0442</p>"),
    ],
)  # fmt: skip
def test_decode_html(data: bytes, expected: str) -> None:
    assert decode_html(data) == expected


def test_decode_html_never_fails() -> None:
    assert decode_html(b"<meta charset=utf-8><p>\xff\xfe\x81 bad</p>").endswith("bad</p>")


@pytest.mark.parametrize(
    ("head", "codec"),
    [
        (b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">', "cp1252"),
        (b"<meta charset='Shift_JIS'>", "cp932"),
        (b'<?xml version="1.0" encoding="windows-1251"?>', "cp1251"),
        (b'<meta charset="utf-16">', "utf-8"),
        (b'<meta charset="no-such-thing">', None),
        (b"<p>no declaration</p>", None),
    ],
)
def test_declared_encoding(head: bytes, codec: str | None) -> None:
    assert declared_encoding(head + b"<title>x</title>") == codec


# --- language ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("attributes", "expected"),
    [
        ('lang="pt-BR"', "pt"),
        ('lang="DE"', "de"),
        ('xml:lang="fr"', "fr"),
        ('lang="x-default"', "it"),
    ],
)
def test_language_from_the_page(attributes: str, expected: str) -> None:
    italian = (
        "<p>Trattiamo i tuoi dati personali soltanto per fornirti il servizio richiesto e non li "
        "cediamo mai a terzi senza il tuo consenso esplicito. Puoi chiedere in qualsiasi momento "
        "la cancellazione dei tuoi dati scrivendo al nostro responsabile della protezione.</p>"
    )
    html = f"<html {attributes}><body><article>{italian * 2}</article></body></html>"
    assert extract_policy(html).language == expected


def test_language_is_none_for_too_little_text() -> None:
    assert extract_policy("<html><body><p>Hello</p></body></html>").language is None


# --- the comparison form -----------------------------------------------------------------------


def test_normalize_text_rules() -> None:
    messy = "  Cafe\u0301 \u00a0and\u200bterms  \n\n\n\tSecond\u2003 line \r\n\u2028Third"
    # A no-break space is kept: an editor typed it, and curated corpora count it as an edit.
    assert normalize_text(messy) == "Caf\u00e9 \u00a0andterms\nSecond line\nThird"


def test_text_hash_ignores_layout_but_not_wording() -> None:
    assert text_hash("# Title\n\nWe  keep data.\n") == text_hash("# Title\n\n\n  We keep\tdata.")
    assert text_hash("We keep data.") != text_hash("We sell data.")
    assert text_hash("x") == hashlib.sha256(b"x").hexdigest()


def test_words_are_unicode_word_runs() -> None:
    assert words("Don't e-mail caf\u00e9_1 [link](https://a.example)") == [
        "Don", "t", "e", "mail", "caf\u00e9_1", "link", "https", "a", "example",
    ]  # fmt: skip
