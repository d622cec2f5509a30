"""Read models handed to the screens: plain, immutable, no ORM rows."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DataFileCheck:
    """Result of the full check of a data file (the `kaohe check` report)."""

    ok: bool
    integrity: tuple[str, ...]  # ("ok",) when sound
    identity_ok: bool  # application_id says this is our file
    schema_version: int
    chain_ok: bool
    chain_text: str  # the audit chain's verdict in Chinese, naming the first broken row
