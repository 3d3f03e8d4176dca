"""policyarchive: every version of a privacy policy, from the Wayback Machine, in SQLite."""

__version__ = "0.1.0"
