"""The date a policy says it was last updated, read from one of its lines, in several languages."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

# Words that introduce the date a policy says it last changed or took effect.
_STATED = re.compile(
    r"(?i)\b("
    r"last\s+(updated|modified|revised|changed)|updated(\s+on)?|revised|effective(\s+date)?|"
    r"(date\s+of\s+)?last\s+revision|version\s+date|"
    r"derni[eè]re\s+mise\s+[aà]\s+jour|mis\s+[aà]\s+jour\s+le|en\s+vigueur|"
    r"zuletzt\s+(aktualisiert|ge[aä]ndert)|stand|g[uü]ltig\s+ab|"
    r"[uú]ltima\s+(actualizaci[oó]n|modificaci[oó]n|atualiza[cç][aã]o|revis[aã]o)|"
    r"actualizad[oa]|atualizad[oa]|"
    r"ultimo\s+aggiornamento|aggiornat[oa]|"
    r"laatst\s+(bijgewerkt|gewijzigd)|bijgewerkt\s+op"
    r")\b"
)

_MONTHS = {
    # en
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
    # fr
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
    # de
    "januar": 1, "februar": 2, "marz": 3, "juni": 6, "juli": 7, "oktober": 10, "dezember": 12,
    # es
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
    "diciembre": 12,
    # it
    "gennaio": 1, "febbraio": 2, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7,
    "settembre": 9, "ottobre": 10, "dicembre": 12,
    # pt
    "janeiro": 1, "fevereiro": 2, "marco": 3, "maio": 5, "junho": 6, "julho": 7,
    "setembro": 9, "outubro": 10, "dezembro": 12,
    # nl
    "januari": 1, "februari": 2, "maart": 3, "mei": 5, "augustus": 8,
}  # fmt: skip

_MONTH = r"(?P<month>[^\W\d_]{3,10})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th|er|\.|º)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DATE_FORMS = (
    re.compile(rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}"),  # February 13, 2024
    re.compile(rf"{_DAY}\s+(?:de\s+)?{_MONTH}\s+(?:de\s+)?{_YEAR}"),  # 13 (de) febrero (de) 2024
    re.compile(r"(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)"),  # 2024-02-13
)


def _plain(text: str) -> str:
    """Lower case without accents, so that "Février" and "fevrier" are one month."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _read_dates(text: str) -> list[date]:
    found = []
    for form in _DATE_FORMS:
        for match in form.finditer(text):
            month_text = match.group("month")
            month = int(month_text) if month_text.isdigit() else _MONTHS.get(_plain(month_text))
            if month is None:
                continue
            try:
                found.append(date(int(match.group("year")), month, int(match.group("day"))))
            except ValueError:
                continue
    return found


def stated_update(line: str) -> date | None:
    """The date in a line such as "Last updated: February 13, 2024", or None.

    Only short lines that introduce the date count: a sentence of the policy that happens to
    hold a date is not a statement of when the policy changed. With several dates ("Effective
    25 May 2018 · Last updated 8 January 2024") the latest is the one that says when.
    """
    if len(line) > 160 or not _STATED.search(line):
        return None
    return max(_read_dates(line), default=None)
