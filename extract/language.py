"""The language of a policy: what the page declares, else what its text looks like."""

from __future__ import annotations

import re

import py3langid
from lxml.html import HtmlElement

# Below this many letters a statistical guess is mostly noise.
MIN_LETTERS_TO_DETECT = 40
# The opening of a long policy says as much about its language as the whole, far faster.
_SAMPLE_CHARS = 20_000

_PRIMARY_SUBTAG = re.compile(r"^([a-z]{2})(?:[-_]|$)", re.IGNORECASE)
_LETTER = re.compile(r"[^\W\d_]")


def declared_language(tree: HtmlElement) -> str | None:
    """The ISO 639-1 code in ``<html lang>``, ``xml:lang`` or a Content-Language meta, if any."""
    candidates = [
        tree.get("lang"),
        tree.get("{http://www.w3.org/XML/1998/namespace}lang"),
        tree.get("xml:lang"),
    ]
    for meta in tree.iterfind(".//meta[@http-equiv]"):
        if meta.get("http-equiv", "").strip().lower() == "content-language":
            # The header form allows a list ("en, fr"); the first is the page's main language.
            candidates.append(meta.get("content", "").split(",")[0])
    for value in candidates:
        if value and (match := _PRIMARY_SUBTAG.match(value.strip())):
            return match.group(1).lower()
    return None


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code py3langid guesses for `text`, or None when there is too little text."""
    sample = text[:_SAMPLE_CHARS]
    if len(_LETTER.findall(sample)) < MIN_LETTERS_TO_DETECT:
        return None
    code, _score = py3langid.classify(sample)
    return str(code) if len(code) == 2 else None
