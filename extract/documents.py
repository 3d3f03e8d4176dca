"""Pages that hold several legal documents: keep the privacy ones, drop terms, DMCA and the like.

Some sites publish one "Legal" page with the terms of use, the privacy policy, a DMCA policy and
API terms one after another. Only the privacy documents belong in a privacy-policy archive. The
page counts as a collection when, at one heading level, most headings name legal documents and
both kinds occur; otherwise the Markdown is returned untouched. Works on Markdown, so it does not
depend on how the page nests its sections.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Headings that name a document on their own ("Terms of Use", "Cookie Policy", "Impressum").
# English and German put the document noun last, the Romance languages first.
_DOCUMENT_LAST = re.compile(
    r"(?:\b(?:policy|policies|notice|statement|terms|agreement|conditions|addendum|charter"
    r"|guidelines|disclosures?|eula|dmca|imprint|disclaimer)"
    r"|(?:richtlinien?|bedingungen|erkl[äa]rung|hinweise|vereinbarung|impressum|agb"
    r"|belehrung|voorwaarden|verklaring|beleid|reglement))$",
    re.IGNORECASE,
)
_DOCUMENT_FIRST = re.compile(
    r"^(?:terms|conditions|notice of|politi[qc]ue|pol[íi]tica|mentions|charte"
    r"|avis|d[ée]claration|r[èe]glement|t[ée]rminos|condiciones|aviso|termos|condi[çc][õo]es"
    r"|informativa|termini|condizioni|note legali|allgemeine|dmca)\b",
    re.IGNORECASE,
)
# Document names that can sit anywhere in a title ("Partner Program Terms of Use").
_DOCUMENT_ANYWHERE = re.compile(
    r"\bterms (?:of|and)\b|\bconditions of\b|\bdmca\b|\bnotice of privacy\b", re.IGNORECASE
)
_DOCUMENT_TITLES = (_DOCUMENT_LAST, _DOCUMENT_FIRST, _DOCUMENT_ANYWHERE)
# Words that make a heading refer to the page's own document instead of naming another one:
# "Changes to this policy", "Our cookie policy", "Änderungen dieser Erklärung".
_REFERS_TO_ITSELF = re.compile(
    r"\b(?:this|these|our|changes?|updates?|amendments?|modifications?|contact|questions?"
    r"|cette|ces|notre|nos|mises? à jour|dieser|diese|unsere|änderungen"
    r"|esta|nuestra|cambios|questa|nostra|modifiche|deze|onze|wijzigingen)\b",
    re.IGNORECASE,
)
# A document title is short; a longer heading is a sentence or a question.
_TITLE_MAX_WORDS = 10
# The terms or DMCA policy next to a privacy policy is a document in its own right; a policy's
# own two-line section called "Terms of Service" only points to it.
_MIN_OTHER_DOCUMENT_WORDS = 100

# Words that name documents other than privacy ones, in a title that names several.
_OTHER_DOCUMENTS = re.compile(
    r"\bterms\b|conditions|agreement|\bdmca\b|\beula\b|imprint|impressum|mentions l[ée]gales"
    r"|bedingungen|\bagb\b|t[ée]rminos|termini|termos|condizioni|condiciones|condi[çc][õo]es"
    r"|voorwaarden",
    re.IGNORECASE,
)

# What makes a document part of the privacy policy, in the languages policies are written in.
_PRIVACY = re.compile(
    r"privacy|privacidad|privacidade|privatsph[äa]re|personal (?:data|information)"
    r"|data (?:protection|processing|retention|privacy|subject)|\bretention\b|\bgdpr\b|\brgpd\b"
    r"|\bdsgvo\b|\bccpa\b|\bcpra\b|california|\bcookie|tracker|tracking|privacy shield"
    r"|sub-?processor"
    r"|\bdpfs?\b|confidentialit|donn[ée]es personnelles|protection des donn[ée]es|vie priv[ée]e"
    r"|datenschutz|personenbezogen|datos personales|protecci[óo]n de datos|dados pessoais"
    r"|prote[çc][ãa]o de dados|riservatezza|dati personali|protezione dei dati"
    r"|persoonsgegevens|gegevensbescherming|prywatno|danych osobowych",
    re.IGNORECASE,
)

_WORD = re.compile(r"\w+")
# What frames a title without being part of it: spaces, colons, dots, hyphens and dashes.
_TRIM = " :.-\u2013\u2014"
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"[*_`\\]")
# "1.", "2a.", "IV.", "A)" and "§ 3" before a title.
_NUMBERING = re.compile(r"^(?:§\s*)?(?:\d+[a-z]?|[ivxlc]+|[a-z])[.)]\s+|^\d+\s+", re.IGNORECASE)
_PARENTHESIS = re.compile(r"\s*\([^)]*\)\s*$")


@dataclass(frozen=True)
class _Heading:
    line: int
    level: int
    title: str


def privacy_documents(markdown: str) -> str:
    """The privacy-related documents of a page that holds several legal documents.

    A page with one document, or whose headings do not read as a collection of documents, is
    returned as it is, so a policy's own "Cookies" or "Changes to this policy" sections stay.
    """
    lines = markdown.split("\n")
    headings = _headings(lines)
    for level in sorted({heading.level for heading in headings}):
        sections = _sections(lines, headings, level)
        if _is_collection(sections, lines):
            return _keep_privacy_sections(lines, sections)
    return markdown


def names_document(title: str) -> bool:
    """Whether a heading is the title of a legal document, not a section of one."""
    title = _plain(title)
    if not title or len(title.split()) > _TITLE_MAX_WORDS or _REFERS_TO_ITSELF.search(title):
        return False
    return any(pattern.search(title) for pattern in _DOCUMENT_TITLES)


def is_privacy_related(title: str) -> bool:
    """Whether a heading names privacy, personal data, cookies or a privacy law."""
    return bool(_PRIVACY.search(_plain(title)))


@dataclass(frozen=True)
class _Section:
    heading: _Heading
    end: int  # the line after the section's last

    def words(self, lines: list[str]) -> int:
        return len(_WORD.findall(" ".join(lines[self.heading.line + 1 : self.end])))


def _sections(lines: list[str], headings: list[_Heading], level: int) -> list[_Section]:
    """The sections that open with a heading of `level` (or a higher one, after the first)."""
    first = next((h.line for h in headings if h.level == level), len(lines))
    starts = [h for h in headings if h.level <= level and h.line >= first]
    ends = [h.line for h in starts[1:]] + [len(lines)]
    return [_Section(heading, end) for heading, end in zip(starts, ends, strict=True)]


def _is_collection(sections: list[_Section], lines: list[str]) -> bool:
    """Whether most sections name documents, privacy ones and at least one substantial other."""
    titles = [section.heading.title for section in sections]
    documents = [title for title in titles if names_document(title)]
    others = [
        section
        for section in sections
        if names_document(section.heading.title) and not is_privacy_related(section.heading.title)
    ]
    return (
        len(documents) >= 2
        and 2 * len(documents) >= len(titles)
        and any(is_privacy_related(title) for title in titles)
        and any(section.words(lines) >= _MIN_OTHER_DOCUMENT_WORDS for section in others)
    )


def _keep_privacy_sections(lines: list[str], sections: list[_Section]) -> str:
    """The privacy sections, after the text before them if a privacy title heads it."""
    # That text introduces the collection ("# Legal", "# Terms & Privacy", a list of the
    # documents), unless it is the opening of a privacy policy that the documents continue.
    preamble = lines[: sections[0].heading.line]
    kept = ["\n".join(preamble)] if _is_privacy_title(preamble) else []
    for section in sections:
        if is_privacy_related(section.heading.title):
            kept.append("\n".join(lines[section.heading.line : section.end]))
    return "\n\n".join(chunk.strip("\n") for chunk in kept if chunk.strip())


def _is_privacy_title(preamble: list[str]) -> bool:
    """Whether the first heading of the text before the documents is about privacy alone."""
    first = next((match for line in preamble if (match := _HEADING.match(line))), None)
    if first is None:
        return False
    title = _plain(first.group(2))
    return is_privacy_related(title) and not _OTHER_DOCUMENTS.search(title)


def _headings(lines: list[str]) -> list[_Heading]:
    headings = []
    fenced = False
    for number, line in enumerate(lines):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced and (match := _HEADING.match(line)):
            headings.append(_Heading(number, len(match.group(1)), match.group(2)))
    return headings


def _plain(title: str) -> str:
    """A heading's words without links, emphasis, numbering or a trailing parenthesis."""
    title = _MARKUP.sub("", _LINK.sub(r"\1", title)).strip(_TRIM)
    title = _NUMBERING.sub("", title)
    return _PARENTHESIS.sub("", title).strip(_TRIM)
