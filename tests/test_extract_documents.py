"""Pages with several legal documents keep only the privacy ones; single policies stay whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.documents import is_privacy_related, names_document, privacy_documents
from extract.markdown import Extraction, extract_policy

FIXTURES = Path(__file__).parent / "fixtures" / "extract"

# Enough words for a section to count as a document of its own.
PROSE = " ".join(["Every clause here binds the customer and the company alike."] * 12)


def extract(name: str, url: str) -> Extraction:
    return extract_policy((FIXTURES / name).read_bytes(), url=url)


def headings(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("#")]


# --- an English collection of documents ------------------------------------------------------


@pytest.fixture(scope="module")
def legal_en() -> Extraction:
    return extract("legal_collection_en_2025.html", "https://quillmate.example/legal")


def test_collection_keeps_the_privacy_documents_whole(legal_en: Extraction) -> None:
    assert headings(legal_en.markdown) == [
        "## Privacy Policy",
        "### Information we collect",
        "### Cookies",
        "### Your rights",
        "### Changes to this policy",
        "## Cookie Notice",
        "## Data Retention Notice",
    ]
    assert "qm_visits counts visits to our marketing pages" in legal_en.markdown.replace("\\", "")
    assert "Invoices are kept for seven years" in legal_en.markdown


def test_collection_drops_terms_acceptable_use_dmca_and_the_rest(legal_en: Extraction) -> None:
    for other in (
        "By creating a Quillmate account you agree",
        "Do not use Quillmate to store or share material",
        "infringes your copyright",
        "This page collects every agreement",
        "Planned maintenance",
        "Legal documents",
    ):
        assert other not in legal_en.markdown


# --- a French page ---------------------------------------------------------------------------


def test_french_page_keeps_the_privacy_policy_and_the_cookie_policy() -> None:
    result = extract("mentions_legales_fr_2024.html", "https://ateliers-vernier.example/legal")
    assert headings(result.markdown) == [
        "## Politique de confidentialité",
        "### Vos droits",
        "### Durée de conservation",
        "## Politique relative aux cookies",
    ]
    assert "SARL au capital" not in result.markdown  # mentions légales
    assert "droit de rétractation" not in result.markdown  # conditions générales de vente


# --- terms and privacy on one page, where trafilatura loses every heading --------------------


def test_terms_and_privacy_page_keeps_the_privacy_policy_only() -> None:
    result = extract("terms_and_privacy_one_page_2024.html", "https://harbor-chat.example/legal")
    assert headings(result.markdown) == [
        "## Privacy Policy",
        "### Information you provide",
        "### Information we may share",
        "### Updates",
        "### Contact us",
    ]
    assert result.markdown.startswith("## Privacy Policy\n\nHarbor Chat is designed so that")
    for other in ("Minimum age", "Limitation of liability", "Our Terms of Service and our Privacy"):
        assert other not in result.markdown


# --- one policy whose sections sound like documents ------------------------------------------


def test_single_policy_with_tricky_headings_is_never_cut() -> None:
    result = extract(
        "single_policy_tricky_headings_2022.html", "https://tidewater-tickets.example/privacy"
    )
    assert headings(result.markdown) == [
        "# Privacy Policy",
        "## 1. Information we collect",
        "## 2. Cookies",
        "## 3. Cookie Policy",
        "## 4. Your rights",
        "## 5. Event organisers' terms",
        "## 6. Terms of Service",
        "## 7. Children's privacy",
        "## 8. Changes to this policy",
        "## 9. Contact us",
    ]
    assert "Last revised: 14 June 2022" in result.markdown


def test_a_short_terms_section_inside_a_policy_is_not_a_document() -> None:
    markdown = (
        "# Privacy Policy\n\nWe run a small shop.\n\n## Cookie Policy\n\nOne cookie.\n\n"
        "## Terms of Service\n\nSee our terms of service for refunds.\n\n## Contact\n\nWrite to us."
    )
    assert privacy_documents(markdown) == markdown


def test_two_privacy_documents_are_not_a_collection() -> None:
    markdown = f"## Privacy Policy\n\n{PROSE}\n\n## California Privacy Notice\n\n{PROSE}"
    assert privacy_documents(markdown) == markdown


# --- German, and documents written as separate top-level headings ------------------------------


def test_german_collection_in_markdown() -> None:
    markdown = (
        f"# Impressum\n\n{PROSE}\n\n# Allgemeine Geschäftsbedingungen\n\n{PROSE}\n\n"
        "# Datenschutzerklärung\n\nWir verarbeiten Ihre Daten.\n\n## Ihre Rechte\n\nAuskunft.\n\n"
        f"# Widerrufsbelehrung\n\n{PROSE}\n\n# Cookie-Richtlinie\n\nEin Cookie."
    )
    assert privacy_documents(markdown) == (
        "# Datenschutzerklärung\n\nWir verarbeiten Ihre Daten.\n\n## Ihre Rechte\n\nAuskunft.\n\n"
        "# Cookie-Richtlinie\n\nEin Cookie."
    )


def test_a_privacy_title_above_the_documents_is_kept() -> None:
    terms = f"## Terms of Use\n\n{PROSE}"
    markdown = f"# Privacy at Lumen\n\n{terms}\n\n## Privacy Notice\n\nWe collect little."
    assert (
        privacy_documents(markdown)
        == "# Privacy at Lumen\n\n## Privacy Notice\n\nWe collect little."
    )


@pytest.mark.parametrize(
    "title",
    [
        "Terms of Service",
        "Current Terms of Use",
        "API Terms",
        "DMCA Takedown Policy",
        "Data Privacy Frameworks Policy (DPFs Policy)",
        "2. Cookie Notice",
        "[Acceptable Use Policy](#aup)",
        "Conditions générales d'utilisation",
        "Mentions légales",
        "Datenschutzerklärung",
        "Nutzungsbedingungen",
        "Política de privacidad",
        "Términos y condiciones",
        "Informativa sulla privacy",
        "Algemene voorwaarden",
    ],
)
def test_names_document(title: str) -> None:
    assert names_document(title)


@pytest.mark.parametrize(
    "title",
    [
        "Changes to this policy",
        "Updates to This Privacy Notice",
        "Our cookie policy",
        "Cookies",
        "Your rights",
        "Security",
        "How we share your information",
        "Änderungen dieser Datenschutzerklärung",
        "Modifications de cette politique",
    ],
)
def test_section_titles_do_not_name_documents(title: str) -> None:
    assert not names_document(title)


@pytest.mark.parametrize(
    ("title", "privacy"),
    [
        ("GDPR compliance", True),
        ("Buffer California Resident Privacy Notice", True),
        ("Data Retention Notice", True),
        ("Politique de confidentialité", True),
        ("Datenschutzhinweise", True),
        ("Cookiebeleid", True),
        ("List of sub-processors", True),
        ("Terms of Service", False),
        ("DMCA Takedown Policy", False),
        ("Security", False),
        ("Mentions légales", False),
    ],
)
def test_is_privacy_related(title: str, privacy: bool) -> None:
    assert is_privacy_related(title) is privacy
