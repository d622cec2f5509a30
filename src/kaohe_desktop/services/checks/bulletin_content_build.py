"""The content of a 通报, built from the 查账 due lists as they stand on its date.

What a bulletin covers (ours): a month's bulletin, that month's key tasks (重点工作月月
查账); a quarter's bulletin, everything due in the quarter: its routine tasks and the
key tasks of each of its three months, each key task × department × month one item
(项次). A section chief reading the quarter's 通报 expects every task due in it, and the
monthly checks of a key task are three checks, not one.

Every count comes from services/checks/due_list.load_due_list, the one read the 查账
page shows, with the bulletin's date as "today" (which unrecorded items are past due).

存在的问题 lists every item whose standing status is 未完成, 部分完成 or 逾期完成, and
every item still unrecorded after its day (逾期未录入), by department then 序号.
完成较好的工作 (ours) lists only 已完成 confirmed above the department's own report, by the
督查科室's 二级 核对 or the leaders' 三级 抽查: a 一级 已完成 is the department's own word,
and listing every 已完成 would reprint most of the ledger.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from kaohe_desktop.domain.check_rules import CheckPeriod, count_statuses
from kaohe_desktop.domain.checks import LEVEL_ORDER
from kaohe_desktop.domain.enums import CheckLevel, CheckStatus, TaskCategory
from kaohe_desktop.domain.periods import Month, Quarter
from kaohe_desktop.reports.bulletin_content import (
    TOTAL_LABEL,
    BulletinContent,
    CountsLine,
    DoneWell,
    ProblemItem,
    RectificationItem,
)
from kaohe_desktop.services.checks.bulletin_notices import (
    IN_PROGRESS,
    OVERDUE,
    VERIFIED,
    Marks,
    notice_marks,
    rectification_items,
)
from kaohe_desktop.services.checks.due_list import load_due_list
from kaohe_desktop.services.checks.settings import read_check_settings
from kaohe_desktop.services.checks.views import DueCheckRow
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.storage.queries.org import bureau_name, departments_in_order

OVERDUE_UNRECORDED = "逾期未录入"
ACTUAL_CHARS = 60  # 实际完成情况 is shortened to this many characters in the problem list
DONE_WELL_SHOWN = 5  # per department; then "（以上列出5项，共12项）"
_PROBLEM_STATUSES = (CheckStatus.MISSED, CheckStatus.PARTIAL, CheckStatus.LATE)
_CONFIRMED_BY = {CheckLevel.SUPERVISION: "二级核对", CheckLevel.LEADERSHIP: "三级抽查"}


@dataclass(frozen=True)
class BulletinStamp:
    """The number, edition and dates of an edition (decided by the service in its write)."""

    doc_no: str
    edition: int
    issued_on: date
    generated_at: datetime
    generated_by: str


def bulletin_periods(period: CheckPeriod) -> list[CheckPeriod]:
    """The check periods a bulletin covers: a quarter and its months, or one month."""
    return [period, *period.months()] if isinstance(period, Quarter) else [period]


def short_label(period: CheckPeriod) -> str:
    """第二季度 or 5月: the period within the bulletin's year."""
    if isinstance(period, Quarter):
        return f"第{'一二三四'[period.quarter - 1]}季度"
    return f"{period.month}月"


def _scope(period: CheckPeriod) -> str:
    if isinstance(period, Month):
        return f"范围：{period.month}月到期的重点工作（重点工作按月查账）。"
    first, *_, last = period.months()
    return (
        f"范围：{short_label(period)}到期的常规工作（按季度查账）和{first.month}—{last.month}月"
        "到期的重点工作（按月查账，每月计一项次）。"
    )


def _shortened(text: str | None) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= ACTUAL_CHARS else flat[: ACTUAL_CHARS - 1] + "…"


@dataclass(frozen=True)
class _Due:
    period: CheckPeriod
    row: DueCheckRow


def _problem(item: _Due, marks: Marks) -> ProblemItem | None:
    row = item.row
    if row.standing is not None and row.standing in _PROBLEM_STATUSES:
        entry = row.standing_entry
        status = row.standing.label
        actual = _shortened(entry.actual if entry is not None else None)
    elif row.overdue_unrecorded:
        status = OVERDUE_UNRECORDED
        actual = f"应于{row.due_by.month}月{row.due_by.day}日前完成，未录入查账记录"
    else:
        return None
    notices = tuple(marks.get((row.task_id, row.department_id, str(item.period)), ()))
    return ProblemItem(
        row.seq, row.title, row.department, short_label(item.period), status, actual, notices
    )


def _done_well(items: list[_Due], order: dict[int, int]) -> list[DoneWell]:
    """Per department, its tasks whose standing check is 已完成 at 二级 or 三级, one line a
    task in 序号 order: a key task confirmed in several months is one line naming them."""
    confirmed: dict[int, dict[tuple[int, str], list[tuple[CheckPeriod, CheckLevel]]]]
    confirmed = defaultdict(lambda: defaultdict(list))
    names: dict[int, str] = {}
    for item in items:
        entry = item.row.standing_entry
        if entry is None or entry.status is not CheckStatus.DONE or entry.level is CheckLevel.LEAD:
            continue
        task = (item.row.seq, item.row.title)
        confirmed[item.row.department_id][task].append((item.period, entry.level))
        names[item.row.department_id] = item.row.department
    groups = []
    for department_id in sorted(confirmed, key=lambda d: order.get(d, len(order))):
        tasks = confirmed[department_id]
        listed = [_done_line(seq, title, tasks[(seq, title)]) for seq, title in sorted(tasks)]
        shown = listed[:DONE_WELL_SHOWN]
        if len(listed) > len(shown):
            shown.append(f"（以上列出{len(shown)}项，共{len(listed)}项）")
        groups.append(DoneWell(names[department_id], tuple(shown)))
    return groups


def _done_line(seq: int, title: str, found: list[tuple[CheckPeriod, CheckLevel]]) -> str:
    months = [short_label(p) for p, _ in found if isinstance(p, Month)]
    levels = sorted({level for _, level in found}, key=LEVEL_ORDER.index)
    by = "、".join(_CONFIRMED_BY[level] for level in levels)
    return f"{seq}.{title}（{'、'.join(months)}，{by}）" if months else f"{seq}.{title}（{by}）"


def _rate_extremes(lines: list[CountsLine]) -> str:
    rated = [(line.rate, line.name) for line in lines if line.rate is not None]
    if len(rated) < 2:
        return ""
    best = max(rate for rate, _ in rated)
    worst = min(rate for rate, _ in rated)
    if best == worst:
        return "各科室完成率相同。"
    top = "、".join(name for rate, name in rated if rate == best)
    bottom = "、".join(name for rate, name in rated if rate == worst)
    return f"完成率最高的是{top}（{best * 100:.1f}%），最低的是{bottom}（{worst * 100:.1f}%）。"


def _summary(
    items: list[_Due],
    total: CountsLine,
    lines: list[CountsLine],
    marks: Marks,
    rectifications: list[RectificationItem],
) -> str:
    routine = sum(1 for i in items if i.row.category is TaskCategory.ROUTINE)
    key = len(items) - routine
    split = f"（常规工作{routine}项，重点工作{key}项次）" if routine and key else ""
    overdue = sum(1 for i in items if i.row.overdue_unrecorded)
    parts = [
        f"本期应查{total.due}项{split}",
        f"已完成{total.done}项",
        f"逾期完成{total.late}项",
        f"部分完成{total.partial}项",
        f"未完成{total.missed}项",
    ]
    if total.not_due:
        parts.append(f"未到期{total.not_due}项")
    unrecorded = f"未录入{total.unrecorded}项"
    if total.unrecorded and overdue != total.unrecorded:
        unrecorded += f"（其中逾期未录入{overdue}项）"
    parts.append(unrecorded)
    text = "，".join(parts) + f"，完成率{total.rate_text()}。" + _rate_extremes(lines)
    issued = {mark.number: mark.color for found in marks.values() for mark in found}
    if issued:
        by_color: dict[str, int] = defaultdict(int)
        for color in issued.values():
            by_color[color] += 1
        colors = "、".join(f"{c}色{n}份" for c, n in by_color.items())
        text += f"针对本期问题已下达督办单{len(issued)}份（{colors}）。"
    if rectifications:
        state: dict[str, int] = defaultdict(int)
        for item in rectifications:
            state[item.status] += 1
        text += (
            f"通报所列督办事项{len(rectifications)}项中，已核实{state[VERIFIED]}项，"
            f"整改中{state[IN_PROGRESS]}项，逾期未整改{state[OVERDUE]}项。"
        )
    return text


def build_bulletin(session: Session, period: CheckPeriod, stamp: BulletinStamp) -> BulletinContent:
    """The content of one edition, read inside the write that stores it."""
    on = stamp.issued_on
    settings = read_check_settings(session)
    periods = bulletin_periods(period)
    items = [_Due(p, row) for p in periods for row in load_due_list(session, p, on, settings).rows]
    if not items:
        raise InputError(f"{period.label()}没有应查的任务，无法生成通报。")
    if all(item.row.standing is None for item in items):
        raise InputError(
            f"{period.label()}还没有录入任何查账记录（草稿不计），无法生成通报；"
            "请先查账，或检查所选期间。"
        )
    order = {d.id: n for n, d in enumerate(departments_in_order(session))}
    per_department: dict[int, list[_Due]] = defaultdict(list)
    for item in items:
        per_department[item.row.department_id].append(item)
    ordered = sorted(per_department, key=lambda d: order.get(d, len(order)))
    lines = [
        CountsLine.of(
            per_department[d][0].row.department,
            count_statuses(i.row.standing for i in per_department[d]),
        )
        for d in ordered
    ]
    total = CountsLine.of(TOTAL_LABEL, count_statuses(i.row.standing for i in items))
    marks = notice_marks(session, periods, on)
    problems = [
        problem
        for d in ordered
        for item in sorted(per_department[d], key=lambda i: (i.row.seq, i.period.start))
        if (problem := _problem(item, marks)) is not None
    ]
    rectifications = rectification_items(session, period, periods, on)
    return BulletinContent(
        bureau=bureau_name(session),
        period=str(period),
        period_label=period.label(),
        doc_no=stamp.doc_no,
        edition=stamp.edition,
        issued_on=on,
        generated_at=stamp.generated_at,
        generated_by=stamp.generated_by,
        scope=_scope(period),
        summary=_summary(items, total, lines, marks, rectifications),
        departments=tuple(lines),
        total=total,
        problems=tuple(problems),
        done_well=tuple(_done_well(items, order)),
        rectifications=tuple(rectifications),
    )
