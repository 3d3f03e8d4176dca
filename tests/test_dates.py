"""Reading the date a policy says it was last updated."""

from __future__ import annotations

from datetime import date

import pytest

from extract.dates import stated_update


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Last updated: February 13, 2024", date(2024, 2, 13)),
        ("*Last revised 3rd March 2021*", date(2021, 3, 3)),
        ("Effective: 25 May 2018 · Last updated: 8 January 2024", date(2024, 1, 8)),
        ("Updated: 2024-02-13", date(2024, 2, 13)),
        ("Dernière mise à jour : 13 février 2024", date(2024, 2, 13)),
        ("Stand: 13. Februar 2024", date(2024, 2, 13)),
        ("Última actualización: 13 de febrero de 2024", date(2024, 2, 13)),
        ("Ultimo aggiornamento: 13 febbraio 2024", date(2024, 2, 13)),
        ("Última atualização: 13 de fevereiro de 2024", date(2024, 2, 13)),
        ("Laatst bijgewerkt op 13 februari 2024", date(2024, 2, 13)),
    ],
)
def test_a_stated_update_is_read_in_many_languages(line: str, expected: date) -> None:
    assert stated_update(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "We keep invoices for ten years from 1 January 2020, as the law requires.",
        "Last updated: soon",
        "Updated: 31 February 2024",
        "Contact us at privacy@example.org.",
    ],
)
def test_other_lines_state_no_update(line: str) -> None:
    assert stated_update(line) is None
