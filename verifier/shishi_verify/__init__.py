"""shishi_verify: an independent verifier of shishi vote folders, written from docs/ballot-format.md
and docs/tally.md (not from shishi's Swift code)."""

from .verify import Report, Unreadable, verify

__all__ = ["verify", "Report", "Unreadable"]
