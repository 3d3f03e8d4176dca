"""Pages that only send the browser elsewhere, which hold no policy text of their own."""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from extract.fallback import visible_word_count

# A refresh this prompt is a redirect; a slow one ("reload every 5 minutes") is not.
_MAX_DELAY_SECONDS = 10
# "You are being redirected; if not, click here" and the like stay well below this.
_MAX_STUB_WORDS = 40
_REFRESH = re.compile(r"^\s*(\d+(?:\.\d*)?)\s*(?:[;,]\s*|\s+)(?:url\s*=\s*)?\S", re.IGNORECASE)


def is_redirect_stub(tree: HtmlElement) -> bool:
    """Whether the page redirects at once with a meta refresh and says next to nothing.

    Such a capture is the site moving the policy (often to the same address with a slash),
    not a version of it: its text is nothing, so it never counts as a change.
    """
    if not any(_prompt_redirect(meta.get("content", "")) for meta in _refresh_metas(tree)):
        return False
    return visible_word_count(tree) <= _MAX_STUB_WORDS


def _refresh_metas(tree: HtmlElement) -> list[HtmlElement]:
    return [
        meta
        for meta in tree.iter("meta")
        if meta.get("http-equiv", "").strip().lower() == "refresh"
    ]


def _prompt_redirect(content: str) -> bool:
    match = _REFRESH.match(content)
    return match is not None and float(match.group(1)) <= _MAX_DELAY_SECONDS
