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
    # Tables, indexes and triggers against what the migrations make for this version.
    schema_ok: bool
    schema_text: str  # the verdict in Chinese
    schema_problems: tuple[str, ...]  # "缺少触发器 …（已关闭期间的锁定：…）", one each
    # Period closes and accounts against the audit log's history of them.
    records_ok: bool
    records_text: str
    records_problems: tuple[str, ...]  # a row deleted, inserted or changed, one each

    def lines(self, limit: int | None = None) -> list[str]:
        """The findings after the integrity and version lines, in Chinese, problems
        indented under their verdict (the command line and the screen show these);
        `limit` caps the problems listed under each verdict (a message box)."""
        return [
            self.schema_text,
            *_listed(self.schema_problems, limit),
            self.chain_text,
            self.records_text,
            *_listed(self.records_problems, limit),
        ]


def _listed(problems: tuple[str, ...], limit: int | None) -> list[str]:
    shown = problems if limit is None else problems[:limit]
    more = len(problems) - len(shown)
    return [f"  {p}" for p in shown] + ([f"  ……另有 {more} 处"] if more else [])
