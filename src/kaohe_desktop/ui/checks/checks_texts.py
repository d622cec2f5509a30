"""The sentences of the 查账 tab: the empty page, the 逾期未录 line, the counts under the
grid, and which lease holders have gone quiet.

The empty page says what to do: a year without tasks points to the 台账 tab; a period
with nothing due names the periods that do have due tasks (from the tasks' 完成时限,
by the same domain rule as the due list), so the clerk can pick one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from PySide6.QtCore import QCoreApplication

from kaohe_desktop.domain.check_rules import CheckPeriod, periods_with_due
from kaohe_desktop.domain.leases import LeaseState
from kaohe_desktop.domain.periods import Month, Quarter
from kaohe_desktop.services.checks.views import DueList
from kaohe_desktop.services.errors import LeaseHeldError
from kaohe_desktop.services.ledger.views import TaskView
from kaohe_desktop.ui.checks.period_bar import period_name

translate = QCoreApplication.translate


def due_periods(tasks: Sequence[TaskView], year: int) -> tuple[list[Quarter], list[Month]]:
    """The quarters with routine tasks due and the months with key tasks due."""
    return periods_with_due(
        ((t.category, t.deadline) for t in tasks if t.year == year and t.responsible_departments),
        year,
    )


def empty_text(period: CheckPeriod, tasks: Sequence[TaskView]) -> str:
    if not tasks:
        return translate(
            "ChecksTab",
            "The ledger of {0} has no tasks yet. Enter or import them in the 台账 tab first "
            "(or import the 台账 sheet with File → Import workbook).",
        ).format(period.year)
    quarters, months = due_periods(tasks, period.year)
    if not quarters and not months:
        return translate(
            "ChecksTab",
            "No task of {0} is due in any period: check the tasks' 完成时限 and 责任科室 "
            "in the 台账 tab.",
        ).format(period.year)
    listed = []
    if quarters:
        listed.append(
            translate("ChecksTab", "routine tasks in {0}").format(
                "、".join(period_name(q) for q in quarters)
            )
        )
    if months:
        listed.append(
            translate("ChecksTab", "key tasks in {0}").format(
                "、".join(period_name(m) for m in months)
            )
        )
    return translate(
        "ChecksTab", "Nothing is due in {0}. Tasks are due for {1}: choose one above."
    ).format(period.label(), "；".join(listed))


def overdue_text(due: DueList) -> str:
    """逾期未录：办公室 3，稽查大队 1."""
    if not due.overdue_by_department:
        return ""
    listed = "，".join(f"{name} {count}" for name, count in due.overdue_by_department)
    return translate("ChecksTab", "逾期未录 (due, nothing recorded): {0}").format(listed)


def count_text(due: DueList, shown: int) -> str:
    counts = due.counts
    text = translate(
        "ChecksTab",
        "{0} due: 已完成 {1}, 逾期完成 {2}, 部分完成 {3}, 未完成 {4}, 未到期 {5}, 未录入 {6}; "
        "completion rate {7}",
    ).format(
        counts.due,
        counts.done,
        counts.late,
        counts.partial,
        counts.missed,
        counts.not_due,
        counts.unrecorded,
        counts.rate_text(),
    )
    if shown != counts.due:
        text = translate("ChecksTab", "{0} of {1} shown").format(shown, counts.due) + " · " + text
    return text


def stale_holders(held: Mapping[int, LeaseHeldError], now: datetime) -> list[int]:
    """The departments whose holder's heartbeat stopped (an administrator may take over)."""
    return [d for d, error in held.items() if error.info.state(now) is LeaseState.STALE]
