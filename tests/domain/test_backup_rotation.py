"""domain/backup_rotation: keep the newest backup of each of the last 14 days that have
one and of each of the last 12 months that have one; everything else goes.

Expected sets are written out by hand (dates, not loops over the rule)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from kaohe_desktop.domain.backup_rotation import (
    DAILY_KEPT,
    MONTHLY_KEPT,
    BackupEntry,
    stale_leftovers,
    to_delete,
)


def _entry(when: datetime) -> BackupEntry:
    return BackupEntry(f"考核台账-{when:%Y%m%d-%H%M%S}-自动.kaohe", when)


def _daily(first: date, last: date, hour: int = 9) -> list[BackupEntry]:
    """One backup a day at `hour`, from `first` to `last` inclusive."""
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    return [_entry(datetime(d.year, d.month, d.day, hour)) for d in days]


def _days(deleted: list[BackupEntry]) -> set[date]:
    return {entry.taken_at.date() for entry in deleted}


def test_the_rule_is_fourteen_days_and_twelve_months() -> None:
    assert (DAILY_KEPT, MONTHLY_KEPT) == (14, 12)


def test_nothing_to_rotate() -> None:
    assert to_delete([]) == []
    only = _entry(datetime(2026, 3, 1, 8))
    assert to_delete([only]) == []


def test_several_backups_a_day_keep_the_newest() -> None:
    morning = _entry(datetime(2026, 3, 1, 8, 0, 0))
    noon = _entry(datetime(2026, 3, 1, 12, 0, 0))
    evening = _entry(datetime(2026, 3, 1, 18, 30, 5))
    yesterday_early = _entry(datetime(2026, 2, 28, 7, 0, 0))
    yesterday_late = _entry(datetime(2026, 2, 28, 23, 59, 59))
    deleted = to_delete([noon, yesterday_early, evening, morning, yesterday_late])
    # Newest first, the kept ones (evening, yesterday_late) left out.
    assert deleted == [noon, morning, yesterday_early]


def test_a_forty_day_span_within_two_months() -> None:
    # 2026-01-01 … 2026-02-09, one a day: the 14 newest days are Jan 27 … Feb 9, and the
    # newest of January (Jan 31) and of February (Feb 9) are among them already.
    entries = _daily(date(2026, 1, 1), date(2026, 2, 9))
    assert len(entries) == 40
    deleted = to_delete(entries)
    assert len(deleted) == 26
    assert _days(deleted) == {date(2026, 1, d) for d in range(1, 27)}


def test_a_forty_day_span_keeps_the_newest_of_the_older_month() -> None:
    # 2025-12-10 … 2026-01-18: the 14 newest days are Jan 5 … Jan 18; December's newest
    # (Dec 31) is outside them, so the monthly rule keeps it as well.
    entries = _daily(date(2025, 12, 10), date(2026, 1, 18))
    assert len(entries) == 40
    deleted = to_delete(entries)
    kept = {e.taken_at.date() for e in entries} - _days(deleted)
    assert kept == {date(2025, 12, 31)} | {date(2026, 1, d) for d in range(5, 19)}
    assert len(deleted) == 25


def test_a_two_year_span() -> None:
    # 2024-01-01 … 2025-12-31 (731 days). Kept: Dec 18 … Dec 31 2025, and the last day of
    # each month of 2025 (December's, Dec 31, is already a daily one). All of 2024 goes.
    entries = _daily(date(2024, 1, 1), date(2025, 12, 31))
    assert len(entries) == 731
    deleted = to_delete(entries)
    month_ends = {
        date(2025, 1, 31),
        date(2025, 2, 28),
        date(2025, 3, 31),
        date(2025, 4, 30),
        date(2025, 5, 31),
        date(2025, 6, 30),
        date(2025, 7, 31),
        date(2025, 8, 31),
        date(2025, 9, 30),
        date(2025, 10, 31),
        date(2025, 11, 30),
    }
    last_days = {date(2025, 12, d) for d in range(18, 32)}
    kept = {e.taken_at.date() for e in entries} - _days(deleted)
    assert kept == month_ends | last_days
    assert len(deleted) == 731 - 25


def test_exactly_fourteen_days_keep_all() -> None:
    entries = _daily(date(2026, 3, 1), date(2026, 3, 14))
    assert to_delete(entries) == []


def test_the_fifteenth_day_goes_when_its_month_has_a_newer_backup() -> None:
    entries = _daily(date(2026, 3, 1), date(2026, 3, 15))
    deleted = to_delete(entries)
    assert [e.taken_at.date() for e in deleted] == [date(2026, 3, 1)]


def test_the_fifteenth_day_stays_when_it_is_the_newest_of_its_month() -> None:
    # Feb 28 + Mar 1 … Mar 14: the daily rule keeps March, the monthly rule Feb 28.
    entries = _daily(date(2026, 2, 28), date(2026, 3, 14))
    assert to_delete(entries) == []
    # One more February day: Feb 27 is neither a daily nor February's newest.
    entries = _daily(date(2026, 2, 27), date(2026, 3, 14))
    assert [e.taken_at.date() for e in to_delete(entries)] == [date(2026, 2, 27)]


def test_exactly_twelve_months_are_kept() -> None:
    # Mar 1 … Mar 14 2026 every day, and the 15th of each month from 2025-01 to 2026-02.
    # Months kept: 2026-03 back to 2025-04 (twelve); 2025-01 … 2025-03 go.
    entries = _daily(date(2026, 3, 1), date(2026, 3, 14))
    monthly = [
        _entry(datetime(year, month, 15, 9))
        for year, month in [(2025, m) for m in range(1, 13)] + [(2026, 1), (2026, 2)]
    ]
    deleted = to_delete(entries + monthly)
    assert _days(deleted) == {date(2025, 1, 15), date(2025, 2, 15), date(2025, 3, 15)}


def test_days_without_a_backup_do_not_count() -> None:
    # Fourteen backups spread over two months: "the last 14 days that have one".
    entries = _daily(date(2026, 1, 1), date(2026, 1, 7)) + _daily(
        date(2026, 2, 20), date(2026, 2, 26)
    )
    assert to_delete(entries) == []


def test_the_limits_are_parameters() -> None:
    entries = _daily(date(2026, 1, 30), date(2026, 2, 2))  # Jan 30, 31, Feb 1, 2
    deleted = to_delete(entries, daily=1, monthly=2)
    # Daily keeps Feb 2; monthly keeps Feb 2 and Jan 31.
    assert [e.taken_at.date() for e in deleted] == [date(2026, 2, 1), date(2026, 1, 30)]
    assert len(to_delete(entries, daily=0, monthly=0)) == 4


# --- what a killed backup leaves behind ----------------------------------------------------

NOW = 1_800_000_000.0
DAY = 24 * 3600.0


def test_a_killed_copy_goes_with_its_journal_after_a_day() -> None:
    left = {
        "a-20260101-080000-自动.1-x.partial": NOW - 2 * DAY,
        "a-20260101-080000-自动.1-x.partial-journal": NOW - 2 * DAY,
        "b-20260102-080000-自动.2-y.partial-journal": NOW - DAY - 1,  # its copy already gone
    }
    assert stale_leftovers(left, NOW) == sorted(left)


def test_a_copy_or_journal_still_written_keeps_both() -> None:
    left = {
        "c.partial": NOW - 60,  # being written
        "c.partial-journal": NOW - 3 * DAY,
        "d.partial": NOW - 3 * DAY,
        "d.partial-journal": NOW - 60,  # being written
        "e.partial-journal": NOW - DAY + 1,  # not yet a day
    }
    assert stale_leftovers(left, NOW) == []


def test_only_partial_copies_and_their_journals_are_ever_named() -> None:
    left = {
        "考核台账.kaohe-journal": NOW - 9 * DAY,  # the data file's own journal: never
        "考核台账-20260101-080000-自动.kaohe": NOW - 9 * DAY,  # a finished backup
        "notes.partial.txt": NOW - 9 * DAY,
        "x.partial": NOW - 9 * DAY,
    }
    assert stale_leftovers(left, NOW) == ["x.partial"]
    assert stale_leftovers(left, NOW, stale_after=10 * DAY) == []
