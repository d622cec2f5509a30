"""A demo that looks like December: a quarter's scheme is frozen by
the quarter's first entry, and the 考核方案 dialog says "已于 … 冻结". The demo entered
every quarter's 平时考核 on its first day, so 2026年第四季度 read "已于 2025-01-04
09:30 冻结"; each quarter's scores are now handed in after it, on its day."""

from __future__ import annotations

from itertools import pairwise

from sqlalchemy import select
from tests.factories import DEMO, DEMO_AS_OF, CopyMaster, sign_in

from kaohe_desktop.domain.periods import parse_quarter
from kaohe_desktop.storage.models import AuditRow, SchemeRow


def test_each_quarters_scheme_is_frozen_within_its_own_time(copy_master: CopyMaster) -> None:
    workspace = sign_in(copy_master(DEMO), daily_backup=False)
    try:
        with workspace._uow.read() as session:
            frozen = [
                (row.period, row.frozen_at)
                for row in session.scalars(select(SchemeRow).order_by(SchemeRow.period))
                if "Q" in row.period and row.frozen_at is not None
            ]
        assert len(frozen) == 8  # 2025Q1 … 2026Q4, each with entries
        for period, at in frozen:
            quarter = parse_quarter(period)
            assert quarter.start <= at.date() <= DEMO_AS_OF, (period, at)
    finally:
        workspace.close()


def test_the_demos_log_never_runs_backwards(copy_master: CopyMaster) -> None:
    """Each quarter's 督办单 were issued on one day and planned on a later one, one after
    the other: the log read 04-17, then 04-15 for the next 督办单."""
    workspace = sign_in(copy_master(DEMO), daily_backup=False)
    try:
        with workspace._uow.read() as session:
            times = list(session.scalars(select(AuditRow.at).order_by(AuditRow.id)))
        back = [(i, a, b) for i, (a, b) in enumerate(pairwise(times)) if b < a]
        assert back == []
    finally:
        workspace.close()
