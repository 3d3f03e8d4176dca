"""How hard we may press the Internet Archive, with the reason for each number.

Both the Scrapy settings and the blocking client read these, so there is one place to change.
"""

from __future__ import annotations

# Internet Archive staff asked clients to stay at 80% of the hard limits per IP, which are about
# 30 CDX calls and 600 memento fetches a minute: 0.4 CDX calls and 8 mementos a second.
CDX_CALLS_PER_SECOND = 0.4
MEMENTOS_PER_SECOND = 8.0

# The Wayback Machine answers 429 without Retry-After, and an IP that keeps asking for more than
# a minute after a 429 is blocked for an hour. So every request waits at least this long.
RATE_LIMIT_PAUSE = 60.0

# A 429 again after this many pauses means the archive still wants us gone: stop the crawl.
RATE_LIMIT_MAX_PAUSES = 2
