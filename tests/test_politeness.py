"""The politeness defaults: 80% of the Internet Archive's limits, enforced by download slots."""

from __future__ import annotations

from scrapy.settings import Settings

from crawler import settings as project_settings
from crawler.middlewares import ContactUserAgentMiddleware
from crawler.spiders.policies import CDX_SLOT, MEMENTO_SLOT, PoliciesSpider


def _settings(**overrides: object) -> Settings:
    settings = Settings()
    settings.setmodule(project_settings, priority="project")
    settings.update(overrides, priority="cmdline")
    PoliciesSpider.update_settings(settings)
    return settings


def test_default_slots_stay_at_80_percent_of_the_archive_limits() -> None:
    slots = _settings().getdict("DOWNLOAD_SLOTS")
    # 30 CDX calls a minute is 0.5 a second; 80% is 0.4, one every 2.5 s, one at a time.
    assert slots[CDX_SLOT] == {"concurrency": 1, "delay": 2.5, "jitter": 0}
    # 600 mementos a minute is 10 a second; 80% is 8, one every 0.125 s.
    assert slots[MEMENTO_SLOT]["delay"] == 0.125 and slots[MEMENTO_SLOT]["jitter"] == 0


def test_slots_follow_rates_set_on_the_command_line() -> None:
    slots = _settings(CDX_CALLS_PER_SECOND=0.2, MEMENTOS_PER_SECOND=4).getdict("DOWNLOAD_SLOTS")
    assert slots[CDX_SLOT]["delay"] == 5.0 and slots[MEMENTO_SLOT]["delay"] == 0.25


def test_nothing_loosens_the_slots() -> None:
    settings = _settings()
    assert not settings.getbool("AUTOTHROTTLE_ENABLED")
    assert settings.getfloat("DOWNLOAD_DELAY_JITTER") == 0
    assert (
        settings.getdict("DOWNLOADER_MIDDLEWARES")[
            "scrapy.downloadermiddlewares.retry.RetryMiddleware"
        ]
        is None
    )  # its 429 retries would answer a 429 with more requests
    assert settings.getfloat("RATE_LIMIT_PAUSE") >= 60


def test_the_user_agent_names_the_tool_and_the_contact() -> None:
    base = _settings().get("USER_AGENT")
    agent = ContactUserAgentMiddleware(base, "me@example.org").user_agent
    assert agent.startswith("policyarchive/") and agent.endswith("; me@example.org)")
    assert ContactUserAgentMiddleware(base, "").user_agent == base
