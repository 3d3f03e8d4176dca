"""Scrapy settings for the policy crawler.

Configuration flows one way: the defaults below, then environment variables read here, then
`scrapy crawl -s NAME=VALUE` options. Components read the result from `crawler.settings`.
"""

from __future__ import annotations

import os

from crawler import politeness
from policyarchive import __version__

BOT_NAME = "policyarchive"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"
COMMANDS_MODULE = "crawler.commands"

# --- which archive -------------------------------------------------------------------------------

# Any Wayback-compatible archive. A pywb collection is its server plus the collection name,
# e.g. http://127.0.0.1:8080/sample; ARCHIVE_DIALECT "auto" tells the two apart by the path.
WAYBACK_URL = os.environ.get("WAYBACK_URL", "https://web.archive.org")
ARCHIVE_DIALECT = os.environ.get("ARCHIVE_DIALECT", "auto")

# --- politeness ----------------------------------------------------------------------------------

# The Internet Archive's limits, 80% of its hard limits, and the 429 pause: see politeness.py.
CDX_CALLS_PER_SECOND = politeness.CDX_CALLS_PER_SECOND
MEMENTOS_PER_SECOND = politeness.MEMENTOS_PER_SECOND
RATE_LIMIT_PAUSE = politeness.RATE_LIMIT_PAUSE
RATE_LIMIT_MAX_PAUSES = politeness.RATE_LIMIT_MAX_PAUSES

# Server errors and timeouts are retried with exponential backoff: 5 s, 10 s, 20 s.
RETRY_TIMES = 3
RETRY_BACKOFF_BASE = 5.0
RETRY_BACKOFF_MAX = 120.0
RETRY_HTTP_CODES = [500, 502, 503, 504, 520, 522, 524, 408]

DOWNLOAD_TIMEOUT = 120

# Identify ourselves, with a way to reach whoever runs the crawl.
WAYBACK_CONTACT = os.environ.get("WAYBACK_CONTACT", "")
USER_AGENT = (
    f"policyarchive/{__version__} (+https://github.com/policyarchive/policyarchive; "
    "privacy-policy research crawler)"
)

# The download slots carry the limits; Scrapy's own throttles must not loosen them.
DOWNLOAD_DELAY = 1.0 / MEMENTOS_PER_SECOND
DOWNLOAD_DELAY_JITTER = 0
AUTOTHROTTLE_ENABLED = False
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 16
ROBOTSTXT_OBEY = False  # the archive's robots.txt is for its own pages, not for its APIs
COOKIES_ENABLED = False
REDIRECT_ENABLED = False  # archive redirects are followed by the spider, inside a window
TELNETCONSOLE_ENABLED = False

# --- mementos ------------------------------------------------------------------------------------

# Follow an archive redirect to another capture only when it lies this close to the one asked for.
MEMENTO_WINDOW = 24 * 3600
MEMENTO_MAX_HOPS = 10

# --- storage -------------------------------------------------------------------------------------

POLICYARCHIVE_DB = os.environ.get("POLICYARCHIVE_DB", "data/policies.db")
WARC_DIR = os.environ.get("WARC_DIR", "data/warcs")
# Start a new WARC file once the current one is this large.
WARC_MAX_SIZE = 1_000_000_000

# Processes that extract text while the crawl goes on; 0 extracts in the crawl's own process.
EXTRACT_WORKERS = max(1, (os.cpu_count() or 2) - 1)

# --- components ----------------------------------------------------------------------------------

DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "crawler.middlewares.ContactUserAgentMiddleware": 400,
    "crawler.middlewares.BackoffRetryMiddleware": 550,
    "crawler.middlewares.RateLimitPauseMiddleware": 590,
}
ITEM_PIPELINES = {
    "crawler.pipelines.WarcPipeline": 300,
    "crawler.pipelines.StorePipeline": 500,
}
EXTENSIONS = {
    "scrapy.extensions.logstats.LogStats": None,
    "scrapy.extensions.remote_control.RemoteControl": None,  # no open ports during a crawl
    "crawler.progress.CrawlProgress": 500,
}
PROGRESS_INTERVAL = 10.0

LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
FEED_EXPORT_ENCODING = "utf-8"
