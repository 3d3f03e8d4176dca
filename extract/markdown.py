"""A captured policy page to Markdown: main text with headings, lists, bold, links and tables.

The steps: `extract.prepare` fixes what policy pages trip trafilatura on (consent banners, folded
sections, hidden e-mail addresses, layout tables); trafilatura finds the main text, with the
policy's own outline shielded from it (`extract.toc`); `extract.render` writes its XML as
Markdown; `extract.documents` keeps only the privacy documents of a page that holds several.
A page that only redirects has no text; where trafilatura finds nothing, or far less than the
page shows, the page's visible text is used instead. Nothing here does I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import bs4
import trafilatura
from lxml import etree
from lxml.html import HtmlElement, HTMLParser, document_fromstring, tostring

from extract.decode import decode_html
from extract.documents import privacy_documents
from extract.fallback import visible_markdown, visible_word_count
from extract.headings import restore_headings
from extract.language import declared_language, detect_language
from extract.normalize import text_hash, words
from extract.prepare import prepare_tree
from extract.redirect import is_redirect_stub
from extract.render import render_markdown
from extract.toc import restore_outlines, shield_outlines

# Bump whenever a change here can change the Markdown of a page already extracted.
EXTRACTOR_VERSION = "2"

# The values of Extraction.extractor: which method made the Markdown, with the versions involved.
_OURS = f"policyarchive-extract {EXTRACTOR_VERSION}"
TRAFILATURA_EXTRACTOR = f"trafilatura {trafilatura.__version__}; {_OURS}"
VISIBLE_TEXT_EXTRACTOR = f"visible-text (beautifulsoup4 {bs4.__version__}); {_OURS}"
# A page that only redirects elsewhere: no text, and no version of the policy.
REDIRECT_EXTRACTOR = f"redirect-stub; {_OURS}"

# No huge_tree: libxml2's default depth limit keeps absurdly nested junk from reaching code that
# recurses over the tree.
_PARSER = HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# Characters XML cannot hold, which lxml refuses in text: C0 controls, lone surrogates, U+FFFE/F.
# Binary junk and broken pages carry them; to a reader they are at most a space.
_NOT_XML_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# Titles that HTML editors fill in by default; they name no document.
_PLACEHOLDER_TITLES = {"untitled", "untitled document", "untitled page", "new page 1", "document"}

# trafilatura's text is suspect when it holds less than this share of the words a reader sees on
# the page (outside navigation, header and footer); on short pages the share says little.
_MIN_SHARE = 0.3
_SHORT_CHECK_MIN_WORDS = 300

_EMPTY_HEADING = re.compile(r"^#{1,6}\s*$")
_BLANK_LINES = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class Extraction:
    """The text of one capture and what we know about it."""

    markdown: str
    title: str | None
    language: str | None  # ISO 639-1, such as "en"
    word_count: int  # \w+ runs in `markdown`, as the evaluation counts them
    text_hash: str  # sha256 of the normalized text; equal hashes mean the same version
    extractor: str  # method and versions that produced `markdown`


def extract_policy(html: bytes | str, url: str | None = None) -> Extraction:
    """Extract the policy text of a page as Markdown.

    `html` is the capture's payload; bytes are decoded as `extract.decode.decode_html` explains.
    `url` is the page's original address (not the memento's); links are made absolute against it.
    Never raises on bad HTML: a page with no text gives an Extraction whose markdown is "".
    """
    text = decode_html(html) if isinstance(html, bytes) else html
    tree = _parse(text)
    if tree is None:
        return _extraction("", None, None, TRAFILATURA_EXTRACTOR)
    title = page_title(tree)
    language = declared_language(tree)
    if is_redirect_stub(tree):
        return _extraction("", title, language, REDIRECT_EXTRACTOR)
    prepare_tree(tree, url)
    page_words = visible_word_count(tree)
    main_text, extractor = _trafilatura_markdown(tree), TRAFILATURA_EXTRACTOR
    if _falls_short(main_text, page_words):
        main_text, extractor = _visible_text(text, url), VISIBLE_TEXT_EXTRACTOR
    markdown = tidy_markdown(privacy_documents(main_text))
    return _extraction(markdown, title, language or detect_language(markdown), extractor)


def page_title(tree: HtmlElement) -> str | None:
    """The page's ``<title>``, else its ``og:title``, else its first ``<h1>``, else None."""
    candidates = [
        tree.findtext(".//title"),
        *(meta.get("content") for meta in tree.iterfind(".//meta[@property='og:title']")),
        *(h1.text_content() for h1 in tree.iter("h1")),
    ]
    for candidate in candidates:
        title = " ".join((candidate or "").split())
        if title and title.casefold() not in _PLACEHOLDER_TITLES:
            return title
    return None


def tidy_markdown(markdown: str) -> str:
    """Trim line ends, drop headings left without text, and allow at most one blank line."""
    lines = (line.rstrip() for line in markdown.splitlines())
    kept = "\n".join(line for line in lines if not _EMPTY_HEADING.match(line))
    return _BLANK_LINES.sub("\n\n", kept).strip("\n")


def _parse(text: str) -> HtmlElement | None:
    # lxml refuses str input that still carries an XML encoding declaration.
    text = _NOT_XML_TEXT.sub(" ", _XML_DECLARATION.sub("", text, count=1))
    try:
        return document_fromstring(text, parser=_PARSER)
    except (etree.ParserError, ValueError):
        return None


def _trafilatura_markdown(tree: HtmlElement) -> str:
    outlines = shield_outlines(tree)
    # No url for trafilatura: `prepare_tree` has resolved the links already, and trafilatura
    # would resolve "#section" against the site's home page.
    # favor_recall: on pages without a recognisable content container, trafilatura's default
    # keeps only paragraphs and drops every heading and list.
    document = trafilatura.bare_extraction(
        tree,
        include_formatting=True,
        include_links=True,
        include_tables=True,
        include_comments=False,
        favor_recall=True,
    )
    if document is None or isinstance(document, dict) or document.body is None:
        return ""
    # Headings first: the placeholders of the outlines still match the page here.
    restore_headings(document.body, tree)
    restore_outlines(document.body, outlines)
    return render_markdown(document.body)


def _falls_short(main_text: str, page_words: int) -> bool:
    """Whether trafilatura kept so little of a wordy page that it must have missed the policy."""
    if not main_text.strip():
        return True
    return page_words >= _SHORT_CHECK_MIN_WORDS and len(words(main_text)) < _MIN_SHARE * page_words


def _visible_text(text: str, url: str | None) -> str:
    # A fresh tree: `shield_outlines` has left placeholders in the first one.
    tree = _parse(text)
    if tree is None:
        return ""
    prepare_tree(tree, url)
    return visible_markdown(tostring(tree, encoding="unicode"))


def _extraction(markdown: str, title: str | None, language: str | None, how: str) -> Extraction:
    return Extraction(
        markdown=markdown,
        title=title,
        language=language,
        word_count=len(words(markdown)),
        text_hash=text_hash(markdown),
        extractor=how,
    )
