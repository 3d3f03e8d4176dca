"""The comparison form of a policy's text: two captures hold the same version when it is equal.

Per text, `normalize_text` removes what changes between visits without changing what a reader is
told: spacing, invisible characters, session and tracking tokens in link URLs, and page furniture
such as copyright footers. Across the captures of one policy, `rotating_lines` finds short lines
that come and go again and again (ads, tips, teasers), which no single text can reveal.
`word_changes` says how many words a change added and removed.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher
from itertools import pairwise

# Bump whenever a rule here changes which texts compare equal: the store re-normalizes texts
# saved under another version before it compares them with new ones.
NORMALIZER_VERSION = "2"

# Invisible characters that templates sprinkle into text and that never change what a reader sees.
# ZWNJ and ZWJ are kept: they change how Persian, Indic and emoji text is spelled.
_INVISIBLE = dict.fromkeys(
    map(ord, "\u200b\u2060\ufeff\u00ad"),  # zero-width space, word joiner, BOM, soft hyphen
    None,
)

# Query parameters that name a visitor, a visit or a page load, never the page itself: sessions,
# click and mail trackers, cache busters, form tokens and the signatures of expiring links.
# `v`, `ver` and `t` are left out on purpose: they also carry real content (a video, a version).
_VOLATILE_PARAMETER = re.compile(
    r"(?i)^(?:phpsessid|jsessionid|aspsessionid\w*|cfid|cftoken|sid|sessionid|session_id|"
    r"utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|twclid|ttclid|yclid|igshid|srsltid|"
    r"mc_cid|mc_eid|_ga|_gl|_hsenc|_hsmi|__hstc|__hssc|__hsfp|mkt_tok|ref_src|"
    r"_|cb|cachebust(?:er)?|cache_?bust(?:er)?|nocache|rnd|rand|random|nonce|"
    r"token|_token|csrf(?:_?token)?|_csrf|xsrf(?:_?token)?|authenticity_token|"
    r"x-amz-\w+|signature|sig|expires|key-pair-id)$"
)
# An absolute URL, the target of a Markdown link (which may be relative), or a path from the root.
_URL = re.compile(r"https?://[^\s()<>\[\]]+|(?<=\]\()[^\s()<>]+|(?<![\w/])/[^\s()<>\[\]]+")
# Java servlets put the session in the path (/account;jsessionid=ABC123), ASP.NET's cookieless
# sessions a segment of their own (/(S(lit3py55t21z5v55vlm25s55))/page.aspx), whose brackets
# end a URL for _URL, so that one is removed from the whole text first.
_PATH_SESSION = re.compile(r"(?i);jsessionid=[^/?#]*")
_ASPNET_SESSION = re.compile(r"/\((?:[A-Z]\([A-Za-z0-9]+\))+\)/")
# Candidates for generated ids inside a URL: runs of letters, digits, "-" and "_".
_ID_RUN = re.compile(r"[A-Za-z0-9_-]+")
_HEX_ID = re.compile(r"[0-9a-fA-F-]+")
_ID_PLACEHOLDER = "{id}"
_TOKEN_SWITCH_RATE = 0.4

# A Markdown link whose text is its own target: [https://a.example](https://a.example) or
# [a@b.example](mailto:a@b.example), or an autolink <https://a.example>.
_SELF_LINK = re.compile(
    r"\[(?P<text>[^\]\n]+)\]\((?P<target>[^\s()]+)\)|<(?P<auto>https?://[^>\s]+)>"
)
_MAIL_OR_PHONE = re.compile(r"(?i)^(?:mailto|tel):")

# Lines that are page furniture and change without the policy changing: a copyright footer (its
# year moves every January), a render timer, a visitor counter. A footer that also dates the
# policy ("© 2024 Acme, last updated 1 May 2024") is kept, since the date is policy news.
_FURNITURE_LINE = re.compile(
    r"(?i)^(?:\W*(?:copyright\s*)?(?:©|\(c\)|copyright)\s*(?:19|20)\d\d\b.*"
    r"|(?:this )?page (?:was )?(?:generated|rendered|created|served|built) in [\d.,]+ ?"
    r"(?:s|secs?|seconds|ms|milliseconds)\b.*"
    r"|you are visitor (?:number |no\.? ?|#)?[\d.,]+\W*)$"
)
_DATING_WORD = re.compile(
    r"(?i)updated|effective|revised|modified|amended|aktualisiert|stand\b|mis à jour|"
    r"actualiza|aggiornat|bijgewerkt"
)
_FURNITURE_MAX_WORDS = 20
# A line of a text that rotates between captures is at most this many words long: an ad, a tip
# or a teaser, never a paragraph of policy.
ROTATING_MAX_WORDS = 12
# ...and it must appear and disappear at least this many times over the policy's captures. Four
# switches (in, out, in, out, in) rule out a sentence that was added, dropped and restored once.
ROTATING_MIN_SWITCHES = 4

# A Markdown link's target, for counting only the words a reader sees.
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
# Every kind of white space but the no-break space.
_SPACES = re.compile(r"[^\S\u00a0]+")
# A "word" for counting and scoring: the same regex the evaluation uses, so that counts agree.
_WORD = re.compile(r"\w+")


def normalize_text(markdown: str) -> str:
    """The text as compared between captures: NFC, one space between words, no blank lines.

    Runs of spaces become one; a no-break space stays itself, since an editor typed it and
    curated corpora count it as an edit. Zero-width characters are removed,
    session ids, trackers, cache busters and generated ids in link URLs are dropped or masked,
    links whose text is their own address become that text, and furniture lines (copyright
    footers, render timers, visitor counters) are left out.
    """
    text = unicodedata.normalize("NFC", markdown).translate(_INVISIBLE)
    text = _SELF_LINK.sub(_unlink_self_link, _ASPNET_SESSION.sub("/", text))
    text = _URL.sub(_stable_url, text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line and not is_furniture(line))


def comparison_form(lines: Iterable[str]) -> str:
    """Normalized lines as one string: where a paragraph breaks is layout, not wording."""
    return " ".join(lines)


def text_hash(markdown: str) -> str:
    """SHA-256 (hex) of the normalized text; equal hashes mean the same policy version."""
    form = comparison_form(normalize_text(markdown).splitlines())
    return hashlib.sha256(form.encode("utf-8")).hexdigest()


def words(text: str) -> list[str]:
    """The words of a text, as `\\w+` runs; used for word counts and for scoring extractions."""
    return _WORD.findall(text)


def is_furniture(line: str) -> bool:
    """Whether a normalized line is page furniture that changes without the policy changing."""
    return (
        _FURNITURE_LINE.match(line) is not None
        and len(words(line)) <= _FURNITURE_MAX_WORDS
        and _DATING_WORD.search(line) is None
    )


def _unlink_self_link(match: re.Match[str]) -> str:
    if match.group("auto") is not None:
        return match.group("auto")
    text, target = match.group("text"), match.group("target")
    if _bare_address(text) == _bare_address(target):
        return text
    return match.group(0)


def _bare_address(address: str) -> str:
    # The web scheme is kept: a link moving from https to http is a change of the text.
    return _MAIL_OR_PHONE.sub("", address.strip()).rstrip("/")


def _stable_url(match: re.Match[str]) -> str:
    url, _, fragment = match.group(0).partition("#")
    path, _, query = url.partition("?")
    path = _mask_ids(_PATH_SESSION.sub("", path))
    kept = [
        _mask_ids(pair)
        for pair in query.split("&")
        if pair and not _VOLATILE_PARAMETER.match(pair.split("=", 1)[0])
    ]
    return path + ("?" + "&".join(kept) if kept else "") + ("#" + fragment if fragment else "")


def _mask_ids(part: str) -> str:
    return _ID_RUN.sub(_mask_id, part)


def _mask_id(match: re.Match[str]) -> str:
    run = match.group(0)
    return _ID_PLACEHOLDER if is_generated_id(run) else run


def is_generated_id(run: str) -> bool:
    """Whether a run of letters, digits, "-" and "_" from a URL looks machine-made.

    That is 16 or more hex digits mixing digits and letters (hashes, UUIDs), or 24 or more
    characters mixing upper case, lower case and digits that switch between the three at least
    every 2.5 characters on average (base64 tokens switch about every 1.6; CamelCase titles
    with a year, every 3 or more). Words, slugs, dates and short ids such as a video's do not
    qualify.
    """
    if _HEX_ID.fullmatch(run):
        digits = run.replace("-", "")
        return (
            len(digits) >= 16
            and any(c.isdigit() for c in digits)
            and any(c.isalpha() for c in digits)
        )
    kinds = [_character_kind(c) for c in run if c.isalnum()]
    if len(kinds) < 24 or len(set(kinds)) < 3:
        return False
    switches = sum(a != b for a, b in pairwise(kinds))
    return switches / len(kinds) >= _TOKEN_SWITCH_RATE


def _character_kind(character: str) -> int:
    return 0 if character.isdigit() else 1 if character.isupper() else 2


def rotating_lines(texts: Sequence[Sequence[str]]) -> set[str]:
    """The short lines that come and go between a policy's captures, given each capture's
    normalized lines in time order.

    A line rotates when it has at most ROTATING_MAX_WORDS words and its presence switches at
    least ROTATING_MIN_SWITCHES times along the captures. A line that changes once and stays
    changed (a new "last updated" date, an added sentence) never qualifies.
    """
    present: list[set[str]] = [set(lines) for lines in texts]
    candidates = {
        line for lines in present for line in lines if len(words(line)) <= ROTATING_MAX_WORDS
    }
    rotating: set[str] = set()
    for line in candidates:
        switches = sum((line in before) != (line in after) for before, after in pairwise(present))
        if switches >= ROTATING_MIN_SWITCHES:
            rotating.add(line)
    return rotating


def word_changes(old: Sequence[str], new: Sequence[str]) -> tuple[int, int]:
    """How many words went in and out between two versions, given their normalized lines.

    Lines are matched first and words only inside the lines that differ, so a rewrite of one
    paragraph is not compared with the whole text. Link targets are not counted as words.
    """
    added = removed = 0
    lines = SequenceMatcher(None, old, new, autojunk=False)
    for tag, old_start, old_end, new_start, new_end in lines.get_opcodes():
        if tag == "equal":
            continue
        before = _visible_words(old[old_start:old_end])
        after = _visible_words(new[new_start:new_end])
        matched = sum(
            block.size
            for block in SequenceMatcher(None, before, after, autojunk=False).get_matching_blocks()
        )
        added += len(after) - matched
        removed += len(before) - matched
    return added, removed


def _visible_words(lines: Sequence[str]) -> list[str]:
    return words(_LINK_TARGET.sub("]", " ".join(lines)))
