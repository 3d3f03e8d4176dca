"""Archived HTML bytes to text: byte-order mark, valid UTF-8, the page's own charset, a guess.

Mementos in `id_` mode come without the original HTTP headers we could trust, so the page itself
is the best witness of its encoding.
"""

from __future__ import annotations

import codecs
import re

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE, whose BOM is its prefix
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Browsers look for the declaration in the first 1024 bytes; old pages with long heads put it later.
_SNIFF_BYTES = 4096
_DECLARED = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_.:-]+)"""
    rb"""|<\?xml[^>]+encoding\s*=\s*["']([a-z0-9_.:-]+)""",
    re.IGNORECASE,
)

# Labels that browsers (WHATWG Encoding) read as a superset: 1990s pages that say iso-8859-1 are
# full of windows-1252 curly quotes in bytes 0x80-0x9F, and the CJK labels likewise.
_BROWSER_ALIASES = {
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
    "iso8859-9": "cp1254",
    "gb2312": "gbk",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
}

# A page cannot really be UTF-16 if its declaration was readable as ASCII; browsers use UTF-8.
_ASCII_INCOMPATIBLE = {"utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"}


def decode_html(data: bytes) -> str:
    """Decode an HTML page, never failing: undecodable bytes become U+FFFD.

    Order: byte-order mark; UTF-8 if every byte sequence is valid UTF-8 (legacy text almost never
    is, while many UTF-8 pages wrongly declare iso-8859-1); the page's meta or XML charset
    declaration; finally windows-1252, the usual encoding of undeclared 1990s pages.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return data.decode(declared_encoding(data) or "cp1252", errors="replace")


def declared_encoding(data: bytes) -> str | None:
    """The Python codec named by the page's charset declaration, or None if absent or unknown."""
    match = _DECLARED.search(data[:_SNIFF_BYTES])
    if not match:
        return None
    label = (match.group(1) or match.group(2)).decode("ascii")
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    if name in _ASCII_INCOMPATIBLE:
        return "utf-8"
    return _BROWSER_ALIASES.get(name, name)
