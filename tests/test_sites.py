"""Reading the sites list: tolerant of spreadsheets' habits, loud about real mistakes."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.exceptions import BadInputError, BadSitesFileError
from crawler.sites import PolicyTarget, read_sites, single_policy


def _write(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "sites.csv"
    path.write_text(text, encoding=encoding)
    return path


def test_a_spreadsheet_export_is_read(tmp_path: Path) -> None:
    sites = _write(
        tmp_path,
        "\ufeffDomain,Policy_URL,notes\n"
        "mims.com,http://policy.mims.com/India/Privacy,from the seed\n"
        ",https://blog.careermitra.com/privacy-policy,\n"
        "\n"
        "mims.com,http://policy.mims.com/India/Privacy,listed twice\n",
    )
    assert read_sites(sites) == [
        PolicyTarget("mims.com", "http://policy.mims.com/India/Privacy"),
        PolicyTarget("careermitra.com", "https://blog.careermitra.com/privacy-policy"),
    ]


def test_a_bad_row_names_its_line(tmp_path: Path) -> None:
    sites = _write(tmp_path, "domain,policy_url\na.com,https://a.com/p\nb.com,mailto:x@b.com\n")
    with pytest.raises(BadSitesFileError, match=r"line 3: policy_url 'mailto:x@b.com'"):
        read_sites(sites)


def test_a_file_that_is_not_text_is_refused(tmp_path: Path) -> None:
    sites = tmp_path / "sites.csv"
    sites.write_bytes(b"domain,policy_url\n\xff\xfe\x00garbage\n")
    with pytest.raises(BadSitesFileError, match="not UTF-8 text"):
        read_sites(sites)


def test_one_url_gets_its_registered_domain() -> None:
    assert single_policy("https://www.bbc.co.uk/usingthebbc/privacy/") == PolicyTarget(
        "bbc.co.uk", "https://www.bbc.co.uk/usingthebbc/privacy/"
    )
    with pytest.raises(BadInputError, match="not an http"):
        single_policy("ftp://example.com/privacy")
