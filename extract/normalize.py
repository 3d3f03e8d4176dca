"""The comparison form of a policy's text: two captures hold the same version when it is equal.

Everything here is deliberately one pass over the text, so that later rules (tracking parameters
in links, rotating boilerplate) can be added to `normalize_text` without changing its callers.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

# Invisible characters that templates sprinkle into text and that never change what a reader sees.
# ZWNJ and ZWJ are kept: they change how Persian, Indic and emoji text is spelled.
_INVISIBLE = dict.fromkeys(
    map(ord, "\u200b\u2060\ufeff\u00ad"),  # zero-width space, word joiner, BOM, soft hyphen
    None,
)

# Query parameters that name a visitor or a visit, not a page: session ids and click trackers.
_VOLATILE_PARAMETER = re.compile(
    r"(?i)^(phpsessid|jsessionid|aspsessionid\w*|cfid|cftoken|sid|sessionid|session_id|"
    r"utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_ga|_gl|yclid|igshid|ref_src)$"
)
# A URL inside Markdown link syntax or on its own: up to whitespace or a closing bracket.
_URL_WITH_QUERY = re.compile(
    r"(?P<path>(?:https?://|/)[^\s()<>\[\]?#]*)\?(?P<query>[^\s()<>\[\]#]*)"
)
# Java servlets put the session in the path: /account;jsessionid=ABC123
_PATH_SESSION = re.compile(r"(?i);jsessionid=[^\s()<>\[\]?#]*")

# A "word" for counting and scoring: the same regex the evaluation uses, so that counts agree.
_WORD = re.compile(r"\w+")


def normalize_text(markdown: str) -> str:
    """The text as compared between captures: NFC, one space between words, no blank lines.

    Non-breaking and other Unicode spaces count as spaces, zero-width characters are removed, and
    session ids and click trackers are dropped from link URLs, since they change on every visit.
    """
    text = unicodedata.normalize("NFC", markdown).translate(_INVISIBLE)
    text = _PATH_SESSION.sub("", _URL_WITH_QUERY.sub(_drop_volatile_parameters, text))
    # str.split() with no argument splits on every Unicode space, no-break spaces included.
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _drop_volatile_parameters(match: re.Match[str]) -> str:
    kept = [
        pair
        for pair in match.group("query").split("&")
        if pair and not _VOLATILE_PARAMETER.match(pair.split("=", 1)[0])
    ]
    return match.group("path") + ("?" + "&".join(kept) if kept else "")


def text_hash(markdown: str) -> str:
    """SHA-256 (hex) of the normalized text; equal hashes mean the same policy version."""
    return hashlib.sha256(normalize_text(markdown).encode("utf-8")).hexdigest()


def words(text: str) -> list[str]:
    """The words of a text, as `\\w+` runs; used for word counts and for scoring extractions."""
    return _WORD.findall(text)
