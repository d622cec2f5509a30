"""The 三级 局领导抽查: drawing a period's sample, recording the draw, and its printed list.

The population is the period's due pairs with a confirmed check at any level (what
the due list shows as recorded), so the leaders check what was reported, never a
blank. The seed is random (secrets), stored with the draw, and the draw is
domain/check_rules.draw_sample, which sorts the population first: the same seed over
the same population draws the same pairs on any machine. Draws are append-only
(CheckSampleRow); the latest one is the period's sample.
"""

from __future__ import annotations

import json
import secrets
from datetime import date, datetime

from sqlalchemy.orm import Session

from kaohe_desktop.domain.check_rules import CheckPeriod, draw_sample, sample_size
from kaohe_desktop.domain.enums import CheckLevel
from kaohe_desktop.reports.check_sample_content import SampleLine, SampleSheet
from kaohe_desktop.services.checks.due_list import latest_sample, load_due_list
from kaohe_desktop.services.checks.views import CheckEntryView, DueCheckRow, SampleView
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.storage.models import CheckSampleRow
from kaohe_desktop.storage.queries.org import bureau_name

NOT_RECORDED = "未录入"


def _asked(
    percent: int | None, count: int | None, default_percent: int
) -> tuple[int | None, int | None]:
    """(percent, count) of the draw: one of them, the settings' share when neither."""
    if percent is not None and count is not None:
        raise InputError("抽查只能按比例或按数量之一抽取，请只填写一项。")
    if percent is None and count is None:
        return default_percent, None
    return percent, count


def draw_and_record(
    session: Session,
    period: CheckPeriod,
    today: date,
    now: datetime,
    drawn_by: str,
    *,
    percent: int | None,
    count: int | None,
) -> SampleView:
    """Inside a write: draw the period's sample and record it; returns the draw."""
    due = load_due_list(session, period, today)
    percent, count = _asked(percent, count, due.settings.sample_percent)
    population = [row.key for row in due.rows if row.standing is not None]
    if not population:
        raise InputError(
            f"{period.label()}还没有已确认的查账记录，无法抽取局领导抽查样本。"
            "请先录入（或确认）本期的查账。"
        )
    try:
        sample_size(len(population), percent=percent, count=count)
    except ValueError as error:
        raise InputError(f"未抽取：{error}。") from None
    seed = secrets.token_hex(8)
    drawn = draw_sample(population, seed, percent=percent, count=count)
    session.add(
        CheckSampleRow(
            period=str(period),
            seed=seed,
            share_percent=percent,
            requested=count,
            population=len(population),
            drawn_json=json.dumps(sorted([list(pair) for pair in drawn])),
            drawn_by=drawn_by,
            drawn_at=now.replace(microsecond=0),
        )
    )
    session.flush()
    sample = latest_sample(session, period)
    assert sample is not None
    return sample


def status_text(entry: CheckEntryView | None) -> str:
    """A level's status as the list prints it; a draft says so (it does not stand)."""
    if entry is None:
        return NOT_RECORDED
    return f"{entry.status.label}（草稿）" if entry.draft else entry.status.label


def _line(row: DueCheckRow) -> SampleLine:
    return SampleLine(
        task_seq=row.seq,
        title=row.title,
        department=row.department,
        lead=status_text(row.entry(CheckLevel.LEAD)),
        supervision=status_text(row.entry(CheckLevel.SUPERVISION)),
    )


def sample_sheet(session: Session, period: CheckPeriod, today: date) -> SampleSheet:
    """The printed content of the period's latest draw (refused when there is none)."""
    due = load_due_list(session, period, today)
    sample = due.sample
    if sample is None:
        raise InputError(f"{period.label()}尚未抽取局领导抽查样本，没有可打印的抽查清单。")
    drawn = set(sample.drawn)
    return SampleSheet(
        bureau=bureau_name(session),
        period=str(period),
        period_label=period.label(),
        drawn_at=sample.drawn_at,
        drawn_by=sample.drawn_by,
        share_percent=sample.share_percent,
        requested=sample.requested,
        seed=sample.seed,
        population=sample.population,
        # In the due list's order (task 序号, then the task's department order); a drawn
        # pair no longer due (its task edited since) is not printed.
        lines=tuple(_line(row) for row in due.rows if row.key in drawn),
        printed_on=today,
    )
