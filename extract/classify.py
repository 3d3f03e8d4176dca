"""Is an extracted text a privacy policy? A verdict with a reason a researcher can check.

Two stages. First, detectors for the shapes that non-policies take at policy URLs, each with
its evidence in the detail: a redirect to the home page, parked domains, error and "page moved"
pages, login walls and paywalls, consent banners with nothing else. Then one question about what
is left: does the text read as its author telling the reader how they handle personal
information? That is a weighted sum of signals (`extract.policy_evidence`): hand-made ones counted
from word lists in a dozen and more languages (`extract.lexicon`), the cues of other genres that
speak of personal data, such as forms, contracts and articles (`extract.genres`), and the log-odds
of a learned n-gram model (`extract.text_model`). A text built as another genre is no policy
whatever its score, and one that names itself another document (terms, acceptable use) needs a
strong one. The score must clear a margin above even odds: a false policy costs a researcher more
than a missed one. Nothing here does I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import SplitResult, parse_qsl, unquote, urlsplit

from extract.consent_banner import find_banner
from extract.lexicon import (
    HOME_PAGE_NAMES,
    LANGUAGE_CODES,
    LOGIN_DEMANDS,
    LOGIN_FORM,
    OTHER_DOCUMENT_NAMES,
    PARKED_DOMAIN,
    PASSWORD_FIELDS,
    POLICY_ANNOUNCEMENTS,
    POLICY_NAMES,
    SIGN_IN_CONTROLS,
    SOFT_404,
    URL_POLICY_WORDS,
    Phrasebook,
    fold,
)
from extract.page_lines import Line, Page
from extract.policy_evidence import Evidence, has_byline

# Bump whenever a rule, threshold, weight or word list changes, so that stored verdicts can be
# redone.
CLASSIFIER_VERSION = "9"


class Reason(StrEnum):
    """Why a text is, or is not, a privacy policy."""

    POLICY = "policy"
    EMPTY = "empty"
    TOO_SHORT = "too_short"
    SOFT_404 = "soft_404"
    LOGIN_WALL = "login_wall"
    COOKIE_BANNER_ONLY = "cookie_banner_only"
    HOMEPAGE_REDIRECT = "homepage_redirect"
    NOT_ABOUT_PERSONAL_DATA = "not_about_personal_data"


@dataclass(frozen=True)
class Verdict:
    """Whether a text is a privacy policy, the reason, and one line saying what was found."""

    is_policy: bool
    reason: Reason
    detail: str


# A policy needs a positive score and at least this much to stand on: real policies of 45 words
# exist, but below this a heading and a promise ("Privacy Policy. Coming soon.") would pass.
MIN_POLICY_WORDS = 25
MIN_PRIVACY_TERMS = 3
# A policy overrides a redirect to the home page or an error-page title (a site whose policy
# lives at privacy.example.com/, a broken <title>) only when it is unmistakable: this score and
# length, and a name such as "Privacy Policy" in its title or heading. The score is a log-odds:
# 6 is a policy 400 times out of 401. Announcements of a policy change reach about 2.5.
STRONG_SCORE = 6.0
STRONG_WORDS = 150
# Below this many words, a text that is nothing else is too short to judge. All three writers of
# the labelled sets put their placeholders at 15 words or fewer and the shortest page they judged
# by its content at 28.
TOO_SHORT_WORDS = 20
# Error pages are short; on longer pages "not found" is usually a policy explaining its logs, so
# the text itself (beyond title and headings) is searched only up to this length, in its opening.
SHORT_PAGE_WORDS = 150
OPENING_WORDS = 60
# Login phrases count on pages up to this long: policies say "sign in" and "password" too.
LOGIN_WALL_MAX_WORDS = 200
# A login form's labels and links ("Password", "Forgot your password?") are this short.
FORM_LABEL_WORDS = 5
# A login form drawn on a short page hides no policy, whatever privacy sentence stands under it:
# a page this short that is a password field, another field or a sign-in button is the form.
LOGIN_FORM_MAX_WORDS = 120
# A field's label: "Mot de passe :", "Username:", a few words and a colon, or the label alone.
FIELD_LABEL_WORDS = 4
# A page built around signing in: a demand to sign in ("This content is reserved for members",
# "Du behöver logga in") and at least this many different sign-in controls on lines of their own
# ("Log in with BankID", "Forgot password?", "Create an account"), on a page of at most
# `LOGIN_FORM_MAX_WORDS`. A policy saying "sign in to your account to change your settings" says
# it in a sentence; the seventh writer's walls drew their controls line by line, BankID buttons and
# member-number fields with no password field in the text, and a GDPR paragraph under them.
SIGN_IN_MIN_CONTROLS = 2
# A control's line: a button, a link or a label, not a sentence.
SIGN_IN_LINE_WORDS = 8
# Prose left beside a banner below which the page is only the banner.
BANNER_REMAINDER_WORDS = 60
# The score a text must pass to be called a policy: above even odds, because a false policy
# costs more than a missed one (a researcher counts what is called a policy). Chosen with
# leave-one-writer-out (`bench/classify_eval.py --thresholds`) for version 6: the highest at which
# every writer held out kept a recall of 0.99, which leaves room below the bar of 0.95 for a
# writer nobody has seen (at 1.0 the sixth fell to 0.96). The false policies that new writers
# found for version 5 scored between +0.5 and +1.2.
POLICY_MIN_SCORE = 0.5
# A page that names itself another document (terms of use, acceptable use policy, imprint) is a
# policy only with evidence this strong: a log-odds of 3 is a policy 20 times out of 21. Real
# policies sit inside terms and reach 6 or more; an acceptable use policy served at a privacy URL,
# listing "collecting personal information" among prohibited uses, scored +0.2 with version 5.
OTHER_DOCUMENT_MIN_SCORE = 3.0
# Headings looked at for the name a page gives itself: the first few, where a title goes.
NAMING_HEADINGS = 2
# A title or heading names the page when the name leaves at most this many other words, such as
# the site's name: "Privacy Policy - Northwind Tutoring".
NAME_MAX_OTHER_WORDS = 6
# Quoted titles and headings in details are cut to this length, to keep the detail one line.
QUOTE_CHARS = 60

# A redirect from a policy URL to a sign-in host or path is a login wall, not a home page, however
# short its path: login.example/, tunnistus.example/, mitid.example/login, /inloggen. Words of
# sign-in and of the national eIDs that sites hand their visitors to.
_LOGIN_URL = re.compile(
    r"(?:^|[./_-])(?:login|log-in|logon|signin|sign-in|sso|idp|auth|oauth|inloggen|anmelden|"
    r"connexion|acceso|accedi|entrar|logowanie|tunnistus|tunnistautuminen|mitid|nemid|bankid|"
    r"idporten|digid|smart-id)(?:$|[./_-])",
    re.I,
)
# Wayback URLs wrap the original: https://web.archive.org/web/20010101000000id_/http://a.example/
_WAYBACK = re.compile(r"^https?://[^/]+/web/\d{1,14}[a-z_]*/(?P<original>.+)$")
_LOCALE = re.compile(r"(?P<language>[a-z]{2})(?:[-_][a-z]{2})?")
_LANGUAGE_PARAMETERS = frozenset({"lang", "language", "hl", "locale", "lng"})

_POLICY_NAMES = Phrasebook(POLICY_NAMES)
_ANNOUNCEMENTS = Phrasebook(POLICY_ANNOUNCEMENTS)
_SOFT_404 = Phrasebook(SOFT_404)
_PARKED = Phrasebook(PARKED_DOMAIN)
_LOGIN_DEMANDS = Phrasebook(LOGIN_DEMANDS)
_LOGIN_FORM = Phrasebook(LOGIN_FORM)
_URL_POLICY = Phrasebook(URL_POLICY_WORDS, POLICY_NAMES)
_PASSWORD = Phrasebook(PASSWORD_FIELDS)
_SIGN_IN = Phrasebook(LOGIN_FORM, SIGN_IN_CONTROLS)
_OTHER_DOCUMENTS = Phrasebook(OTHER_DOCUMENT_NAMES)
# "Password:", "Identifiant (numéro d'adhérent) :", "E-mail: ________": a field and its label.
_FIELD_LABEL = re.compile(r"[:\uff1a]\s*(?:_{2,}|\[\s*\])?\s*$|_{3,}\s*$")
# "[Se connecter]", "**Log in**": one button, drawn without a link target.
_LONE_BUTTON = re.compile(r"^(?:\[[^\[\]]+\](?!\()|\*\*[^*]+\*\*)$")


def classify(
    markdown: str,
    *,
    title: str | None = None,
    language: str | None = None,
    requested_url: str | None = None,
    final_url: str | None = None,
) -> Verdict:
    """Decide whether `markdown`, the extracted text of one capture, is a privacy policy.

    `title` is the page's title; `language` its ISO 639-1 code, if known, which only changes how
    words are counted in scripts without spaces; `requested_url` the policy URL asked for and
    `final_url` where redirects ended (Wayback URLs are read as the original they wrap).

    The first check that matches gives the reason: no words (EMPTY); a redirect from a page to the
    site's home page (HOMEPAGE_REDIRECT); a parked or expired domain (NOT_ABOUT_PERSONAL_DATA);
    error or "page moved" wording in the title, a heading or the opening of a short text
    (SOFT_404); a short page asking to log in or subscribe, or drawn as a login form, a password
    field with another field or a button, or demanding to sign in beside sign-in controls on
    lines of their own, whatever privacy sentence stands under it (LOGIN_WALL); a consent banner
    with little else (COOKIE_BANNER_ONLY); a text that reads as a policy, by the weighed signals of
    `extract.policy_evidence`, banners and navigation aside, above `POLICY_MIN_SCORE`, and not as
    a form, contract, article, product, security page or job advertisement, nor named in its
    title or first heading as another document (terms, acceptable use, imprint) without strong
    evidence (POLICY); otherwise, by length, TOO_SHORT or NOT_ABOUT_PERSONAL_DATA. An
    unmistakable policy overrides the redirect, error-title, login-form and announcement checks;
    error wording in the text, login phrases in sentences or a banner never hide a policy.
    """
    page = Page.read(markdown, language=language)
    if page.words == 0:
        return Verdict(False, Reason.EMPTY, "no words in the extracted text")

    banner = find_banner(page.lines)
    evidence = read_evidence(
        page,
        title=title,
        banner_lines=banner.lines if banner else None,
        requested_url=requested_url,
    )
    policy = _reads_as_policy(evidence) and (
        not evidence.signals["named_other"] or evidence.score() >= OTHER_DOCUMENT_MIN_SCORE
    )
    named = evidence.signals["named_heading"] or evidence.signals["named_title"]
    unmistakable = (
        policy and evidence.score() >= STRONG_SCORE and evidence.words >= STRONG_WORDS and named
    )

    if not unmistakable and (sign_in := _login_redirect(requested_url, final_url)):
        return Verdict(False, Reason.LOGIN_WALL, f"login wall: {sign_in}")
    if not unmistakable and (redirect := _homepage_redirect(requested_url, final_url)):
        return Verdict(False, Reason.HOMEPAGE_REDIRECT, redirect)
    if not policy and (parked := _parked(title, page)):
        return Verdict(False, Reason.NOT_ABOUT_PERSONAL_DATA, f"parked domain: {parked}")
    if not unmistakable and (error := _soft_404_named(title, page)):
        return Verdict(False, Reason.SOFT_404, f"soft 404: {error}")
    # In the text itself, error wording counts only against a text that is no policy: policies
    # explain their logs with "the page you called up" and "404 errors".
    if not policy and (error := _soft_404_text(page)):
        return Verdict(False, Reason.SOFT_404, f"soft 404: {error}")
    if not policy and page.words <= LOGIN_WALL_MAX_WORDS and (wall := _login_wall(page)):
        return Verdict(False, Reason.LOGIN_WALL, f"login wall: {wall} in {page.words} words")
    if not unmistakable and page.words <= LOGIN_FORM_MAX_WORDS and (form := _login_form(page)):
        return Verdict(False, Reason.LOGIN_WALL, f"login wall: {form} in {page.words} words")
    if not unmistakable and page.words <= LOGIN_FORM_MAX_WORDS and (wall := _sign_in_page(page)):
        return Verdict(False, Reason.LOGIN_WALL, f"login wall: {wall} in {page.words} words")
    # What is left beside a banner that is no policy: the banner is the page, unless there is
    # more of something else (a home page, an article) than of the banner.
    if (
        not policy
        and banner is not None
        and evidence.words < max(BANNER_REMAINDER_WORDS, banner.words)
    ):
        return Verdict(
            False,
            Reason.COOKIE_BANNER_ONLY,
            f"consent banner only: {_quote(banner.evidence)} in {banner.words} words; "
            f"{evidence.words} words beside it",
        )
    if not unmistakable and (announced := _announcement(title, page)):
        return Verdict(
            False,
            Reason.NOT_ABOUT_PERSONAL_DATA,
            f"announces a change to a policy ({announced}) without stating one",
        )
    if policy:
        return Verdict(True, Reason.POLICY, evidence.describe())
    if genre := evidence.other_genre():
        return Verdict(False, Reason.NOT_ABOUT_PERSONAL_DATA, f"not a policy: {genre}")
    if page.words < TOO_SHORT_WORDS:
        return Verdict(
            False,
            Reason.TOO_SHORT,
            f"{page.words} words, {evidence.counts.get('privacy', 0)} privacy terms, "
            f"policy score {evidence.score():+.1f}",
        )
    return Verdict(False, Reason.NOT_ABOUT_PERSONAL_DATA, f"not a policy: {evidence.describe()}")


def read_evidence(
    page: Page,
    *,
    title: str | None,
    banner_lines: Iterable[int] | None = None,
    requested_url: str | None = None,
) -> Evidence:
    """The policy signals of a page's prose: navigation and the lines of banners left out."""
    kept = page_without(page, banner_lines)
    headings = [line.text for line in page.lines if line.heading][:NAMING_HEADINGS]
    return Evidence.of(
        prose_of(kept),
        named_heading=any(_names_a_policy(heading) for heading in headings),
        named_title=bool(title and _names_a_policy(fold(title))),
        named_other=any(_names_other_document(name) for name in [*headings[:1], fold(title or "")]),
        byline=has_byline(page.lines),
        named_url=_url_names_a_policy(requested_url),
        # A form's send button and a product page's "Download" are often links.
        genre_lines=kept,
    )


def page_without(page: Page, banner_lines: Iterable[int] | None) -> list[Line]:
    """The lines of a page, the banner's left out."""
    skipped = set(banner_lines or ())
    return [line for index, line in enumerate(page.lines) if index not in skipped]


def prose_of(lines: Iterable[Line]) -> list[Line]:
    """The lines that are not navigation: what the policy signals and the n-gram model read."""
    return [line for line in lines if not line.navigation]


def _names_a_policy(folded: str) -> bool:
    """Whether a title or heading is a policy's name ("Privacy Policy | Acme", "Datenschutz"),
    not a sentence that mentions privacy ("Five ways to protect your privacy online")."""
    names = _POLICY_NAMES.findall(folded)
    other_words = len(folded.split()) - sum(len(name.split()) for name in names)
    return bool(names) and other_words <= NAME_MAX_OTHER_WORDS


def _names_other_document(folded: str) -> bool:
    """Whether a title or first heading names a document other than a policy ("Acceptable Use
    Policy", "Nutzungsbedingungen") and no policy beside it ("Terms & Privacy" names both)."""
    names = _OTHER_DOCUMENTS.findall(folded)
    other_words = len(folded.split()) - sum(len(name.split()) for name in names)
    return bool(names) and other_words <= NAME_MAX_OTHER_WORDS and not _POLICY_NAMES.findall(folded)


def _url_names_a_policy(url: str | None) -> bool:
    """Whether the path of the URL asked for names a policy, in whatever language the site
    spells it: the evidence a short text in a language the word lists barely know still has."""
    if not url:
        return False
    try:
        parts = urlsplit(_original(url))
    except ValueError:
        return False
    return bool(_URL_POLICY.findall(fold(unquote(f"{parts.path} {parts.query}"))))


def _reads_as_policy(evidence: Evidence) -> bool:
    return (
        evidence.score() > POLICY_MIN_SCORE
        and evidence.words >= MIN_POLICY_WORDS
        and evidence.counts.get("privacy", 0) >= MIN_PRIVACY_TERMS
        and evidence.other_genre() is None
    )


def _heading_then_title(title: str | None, lines: Sequence[Line]) -> list[tuple[str, str]]:
    places = [("heading", line.raw) for line in lines if line.heading][:1]
    return places + ([("title", title)] if title else [])


def _announcement(title: str | None, page: Page) -> str | None:
    """A title or first heading such as "We're updating our Privacy Policy"."""
    for place, text in _heading_then_title(title, page.lines):
        folded = fold(text)
        if (found := _ANNOUNCEMENTS.findall(folded)) and _POLICY_NAMES.findall(folded):
            return f"{found[0]!r} in the {place} {_cut(text)!r}"
    return None


def _soft_404_named(title: str | None, page: Page) -> str | None:
    """Error wording in the title or a heading."""
    return _named(_SOFT_404, title, page)


def _soft_404_text(page: Page) -> str | None:
    """Error wording in the opening of a short text."""
    if page.words <= SHORT_PAGE_WORDS and (found := _SOFT_404.findall(page.opening(OPENING_WORDS))):
        return f"{found[0]!r} in a {page.words}-word text"
    return None


def _parked(title: str | None, page: Page) -> str | None:
    """A registrar's page for a domain for sale or expired, in its title, headings or text."""
    if named := _named(_PARKED, title, page):
        return named
    if page.words <= SHORT_PAGE_WORDS and (found := _PARKED.findall(page.opening(OPENING_WORDS))):
        return f"{found[0]!r} in a {page.words}-word text"
    return None


def _named(book: Phrasebook, title: str | None, page: Page) -> str | None:
    if title and (found := book.findall(fold(title))):
        return f"{found[0]!r} in the title {_cut(title)!r}"
    for line in page.lines:
        if line.heading and (found := book.findall(line.text)):
            return f"{found[0]!r} in the heading {_cut(line.raw)!r}"
    return None


def _login_wall(page: Page) -> str | None:
    text = "\n".join(line.text for line in page.lines)
    if demands := _LOGIN_DEMANDS.findall(text):
        return repr(demands[0])
    # Form words count as a form's labels and buttons, not in sentences ("click Forgot password").
    labels = "\n".join(line.text for line in page.lines if line.words <= FORM_LABEL_WORDS)
    form = sorted(set(_LOGIN_FORM.findall(labels)))
    if len(form) >= 2:
        return f"a login form ({_quote(form[:3])})"
    return None


def _login_form(page: Page) -> str | None:
    """A login form by its shape: a password field's label, and another field or a lone button.
    Sentences never count; the labels and the button stand on lines of their own."""
    labels = [line for line in page.lines if line.words <= FIELD_LABEL_WORDS and not line.heading]
    # "Mot de passe:", or "Senha" alone on its line: a field's label either way.
    password = [
        line
        for line in labels
        if _PASSWORD.findall(line.text)
        and (_FIELD_LABEL.search(line.raw) or _PASSWORD.fullmatch(line.text))
    ]
    if not password:
        return None
    fields = [line for line in labels if _FIELD_LABEL.search(line.raw) and line not in password]
    # The button drawn as one ("[Log in]"), or a sign-in verb alone on its line ("Inloggen").
    buttons = [
        line
        for line in labels
        if line not in password
        and (_LONE_BUTTON.match(line.raw.strip()) or _SIGN_IN.fullmatch(line.text))
    ]
    if not fields and not buttons:
        return None
    shown = [line.raw.strip() for line in (*password[:1], *fields[:1], *buttons[:1])]
    return f"a login form ({_quote(shown)})"


def _sign_in_page(page: Page) -> str | None:
    """A short page that demands signing in and is drawn around it: the demand, and sign-in
    controls on lines of their own (buttons, eID and "continue with" choices, "Forgot password?",
    "Create an account"), whatever privacy paragraph stands beside them."""
    demands = _LOGIN_DEMANDS.findall("\n".join(line.text for line in page.lines))
    if not demands:
        return None
    controls = {
        phrase
        for line in page.lines
        if line.words <= SIGN_IN_LINE_WORDS
        for phrase in _SIGN_IN.findall(line.text)
    }
    if len(controls) < SIGN_IN_MIN_CONTROLS:
        return None
    return f"{demands[0]!r} and sign-in controls ({_quote(sorted(controls)[:3])})"


def _redirect(
    requested_url: str | None, final_url: str | None
) -> tuple[SplitResult, SplitResult] | None:
    """The original URLs asked for and landed on, when both are known and can be read."""
    if not requested_url or not final_url:
        return None
    try:
        return urlsplit(_original(requested_url)), urlsplit(_original(final_url))
    except ValueError:  # "http://[bad": a URL that cannot be read says nothing of a redirect
        return None


def _homepage_redirect(requested_url: str | None, final_url: str | None) -> str | None:
    if (urls := _redirect(requested_url, final_url)) is None:
        return None
    requested, final = urls
    if _is_home_page(requested.path, requested.query):
        return None
    if not _is_home_page(final.path, final.query):
        return None
    return f"redirected from {requested.path or '/'} to the home page {final.geturl()}"


def _login_redirect(requested_url: str | None, final_url: str | None) -> str | None:
    """A redirect from the page asked for to a sign-in host or path."""
    if (urls := _redirect(requested_url, final_url)) is None:
        return None
    requested, final = urls
    if (requested.hostname, requested.path) == (final.hostname, final.path):
        return None
    if _LOGIN_URL.search(requested.path) or not (
        _LOGIN_URL.search(final.hostname or "") or _LOGIN_URL.search(final.path)
    ):
        return None
    return f"redirected from {requested.path or '/'} to the sign-in page {final.geturl()}"


def _original(url: str) -> str:
    match = _WAYBACK.match(url)
    original = match.group("original") if match else url
    return original if "://" in original else f"http://{original}"


def _is_home_page(path: str, query: str) -> bool:
    """Whether a URL path and query name a site's home page: /, /index.html, /en/, /home ..."""
    if any(name.lower() not in _LANGUAGE_PARAMETERS for name, _ in parse_qsl(query)):
        return False
    segments = [segment for segment in path.split("/") if segment]
    locale = _LOCALE.fullmatch(segments[0].lower()) if segments else None
    if locale and locale.group("language") in LANGUAGE_CODES:
        segments = segments[1:]
    if not segments:
        return True
    return len(segments) == 1 and segments[0].rsplit(".", 1)[0].lower() in HOME_PAGE_NAMES


def _cut(text: str) -> str:
    text = " ".join(text.lstrip("#*_ ").rstrip("*_ ").split())
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1] + "…"


def _quote(phrases: Iterable[str]) -> str:
    return ", ".join(repr(phrase) for phrase in phrases)
