"""`scrapy crawl`, with bad input and unreachable archives reported as one line, not a traceback."""

from __future__ import annotations

import argparse
import sys

from scrapy.commands.crawl import Command as ScrapyCrawl
from scrapy.crawler import Crawler

from crawler.exceptions import PolicyArchiveError

# How a crawl that ended early explains itself to the person who started it.
FAILED_ENDINGS = {
    "rate_limited": "the archive kept answering 429 Too Many Requests; wait an hour and rerun",
}


class Command(ScrapyCrawl):
    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)
        # Checked before Scrapy starts logging, so bad input prints one line and nothing else.
        if args == ["policies"]:
            from crawler.spiders.policies import check_spider_args

            try:
                check_spider_args({k: str(v) for k, v in opts.spargs.items()})
            except PolicyArchiveError as error:
                print(f"Error: {error}", file=sys.stderr)
                sys.exit(2)

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1:
            super().run(args, opts)
            return
        assert self.crawler_process is not None
        crawler = self._create_crawler(args[0])
        self.crawler_process.crawl(crawler, **opts.spargs)
        self.crawler_process.start()
        if self.crawler_process.bootstrap_failed:
            self.exitcode = 1
        self._report(crawler)

    def _report(self, crawler: Crawler) -> None:
        stats = crawler.stats
        reason = stats.get_value("finish_reason") if stats is not None else None
        unreachable = getattr(crawler.spider, "unreachable", None)
        if unreachable:
            print(f"Error: {unreachable}", file=sys.stderr)
            self.exitcode = 1
        elif reason in FAILED_ENDINGS:
            print(f"Error: {FAILED_ENDINGS[reason]}", file=sys.stderr)
            self.exitcode = 1
