"""The columns of the 查账 grid, and how a row reads in each: the statuses of the three
levels (a draft says （草稿）), the 认定结果 (or 逾期未录 / 未录入), the 实际完成情况 of
the level entered, the count of files, the notices and the 抽中 mark.

Colour never carries meaning alone: every status is its own word. The column headers
and tooltips are the model's translations (context DueTableModel).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from kaohe_desktop.domain.checks import LEVEL_ORDER, SEVERITY_ORDER
from kaohe_desktop.domain.enums import CheckLevel, CheckStatus
from kaohe_desktop.services.checks.views import CheckEntryView, DueCheckRow
from kaohe_desktop.ui.common.table_model import Column
from kaohe_desktop.ui.ledger.task_model import STATUS_COLORS

(
    SEQ,
    TITLE,
    DEADLINE,
    DUE_BY,
    POINTS,
    LEAD,
    DEPARTMENT,
    LEVEL1,
    LEVEL2,
    LEVEL3,
    STANDING,
    ACTUAL,
    EVIDENCE,
    NOTICES,
    SAMPLED,
) = range(15)

LEVEL_COLUMNS: dict[CheckLevel, int] = {
    CheckLevel.LEAD: LEVEL1,
    CheckLevel.SUPERVISION: LEVEL2,
    CheckLevel.LEADERSHIP: LEVEL3,
}
# The digit keys of the status column, in the order the clerk reads them on paper.
STATUS_KEYS: dict[str, CheckStatus] = {
    "1": CheckStatus.DONE,
    "2": CheckStatus.LATE,
    "3": CheckStatus.PARTIAL,
    "4": CheckStatus.MISSED,
    "5": CheckStatus.NOT_DUE,
}

OVERDUE_COLOR = "#c62828"
OVERDUE_BACKGROUND = "#fdecea"
DRAFT_COLOR = "#757575"
UNRECORDED_COLOR = "#757575"
PENDING_COLOR = "#b00020"  # a typed value the file refused, kept on screen
AWAITING_BACKGROUND = "#fff4c2"  # the entry cell still waiting for a status
LOCKED_COLOR = "#616161"
OVERDUE_TEXT = "逾期未录"
DRAFT_MARK = "（草稿）"

translate = QCoreApplication.translate


def status_text(entry: CheckEntryView | None) -> str:
    if entry is None:
        return ""
    return entry.status.label + (DRAFT_MARK if entry.draft else "")


def standing_text(row: DueCheckRow) -> str:
    if row.standing is not None:
        return row.standing.label
    return OVERDUE_TEXT if row.overdue_unrecorded else "未录入"


def _severity(status: CheckStatus | None) -> int:
    return len(SEVERITY_ORDER) if status is None else SEVERITY_ORDER.index(status)


def evidence_count(row: DueCheckRow) -> int:
    return sum(entry.evidence_files for entry in row.levels if entry is not None)


def entry_tooltip(entry: CheckEntryView | None, level: CheckLevel) -> str:
    heading = f"{level.label}（{level.description}）："
    if entry is None:
        return heading + translate("DueTableModel", "not recorded")
    parts = [heading + status_text(entry)]
    day = entry.check_date.isoformat() if entry.check_date else None
    who = "，".join(text for text in (entry.checker, day) if text)
    if who:
        parts.append(translate("DueTableModel", "Checked by: {0}").format(who))
    if entry.actual:
        parts.append(translate("DueTableModel", "Actual completion: {0}").format(entry.actual))
    if entry.draft:
        parts.append(
            translate(
                "DueTableModel",
                "A draft copied from the previous period: it counts once confirmed.",
            )
        )
    return "\n".join(parts)


def due_columns(level_of: Callable[[], CheckLevel]) -> list[Column[DueCheckRow]]:
    """The grid's columns; `level_of` says which level's 实际完成情况 to show now."""

    levels = [_level_column(level) for level in LEVEL_ORDER]
    return [
        Column(translate("DueTableModel", "No."), lambda r: r.seq, numeric=True),
        Column(translate("DueTableModel", "Task"), lambda r: r.title, tooltip=lambda r: r.title),
        Column(
            translate("DueTableModel", "Deadline"),
            lambda r: r.deadline,
            tooltip=lambda r: r.deadline,
        ),
        Column(
            translate("DueTableModel", "Due by"),
            lambda r: f"{r.due_by.month}月{r.due_by.day}日",
            sort=lambda r: r.due_by.toordinal(),
            tooltip=lambda r: r.due_by.isoformat(),
            header_tooltip=translate(
                "DueTableModel", "The day this period's part of the task is due"
            ),
        ),
        Column(translate("DueTableModel", "Points"), lambda r: r.points, numeric=True),
        Column(translate("DueTableModel", "Lead department"), lambda r: r.lead_department),
        Column(translate("DueTableModel", "Responsible department"), lambda r: r.department),
        *levels,
        Column(
            translate("DueTableModel", "Result"),
            standing_text,
            center=True,
            color=_standing_color,
            bold=lambda r: r.overdue_unrecorded,
            sort=lambda r: _severity(r.standing) + (0.5 if r.overdue_unrecorded else 0),
            header_tooltip=translate(
                "DueTableModel",
                "The status that stands for the period: the highest level recorded "
                "(drafts do not count)",
            ),
        ),
        Column(
            translate("DueTableModel", "Actual completion"),
            lambda r: _actual(r, level_of()),
            tooltip=lambda r: _actual(r, level_of()) or None,
        ),
        Column(
            translate("DueTableModel", "Evidence"),
            lambda r: evidence_count(r) or "",
            center=True,
            sort=evidence_count,
            tooltip=_evidence_tooltip,
            header_tooltip=translate("DueTableModel", "Attached evidence files, all levels"),
        ),
        Column(
            translate("DueTableModel", "Notices"),
            lambda r: "、".join(r.notices),
            tooltip=_notices_tooltip,
        ),
        Column(
            translate("DueTableModel", "Spot check"),
            lambda r: translate("DueTableModel", "Drawn") if r.sampled else "",
            center=True,
            header_tooltip=translate(
                "DueTableModel", "Drawn for the 三级 局领导抽查 of this period"
            ),
        ),
    ]


def _level_column(level: CheckLevel) -> Column[DueCheckRow]:
    def entry(row: DueCheckRow) -> CheckEntryView | None:
        return row.entry(level)

    return Column(
        level.label,
        lambda r: status_text(entry(r)),
        center=True,
        color=lambda r: _entry_color(entry(r)),
        sort=lambda r: _severity(e.status) if (e := entry(r)) else len(SEVERITY_ORDER) + 1,
        tooltip=lambda r: entry_tooltip(entry(r), level),
        header_tooltip=level.description,
    )


def _actual(row: DueCheckRow, level: CheckLevel) -> str:
    entry = row.entry(level)
    if entry is None or not entry.actual:
        return ""
    return entry.actual + (DRAFT_MARK if entry.draft else "")


def _entry_color(entry: CheckEntryView | None) -> str | None:
    if entry is None or entry.draft:
        return None  # a draft is grey, set by the model
    return STATUS_COLORS[entry.status]


def _standing_color(row: DueCheckRow) -> str:
    if row.standing is not None:
        return STATUS_COLORS[row.standing]
    return OVERDUE_COLOR if row.overdue_unrecorded else UNRECORDED_COLOR


def _evidence_tooltip(row: DueCheckRow) -> str | None:
    counts = [
        f"{level.label} {entry.evidence_files}"
        for level, entry in zip(LEVEL_ORDER, row.levels, strict=True)
        if entry is not None and entry.evidence_files
    ]
    if not counts:
        return None
    return translate("DueTableModel", "Evidence files: {0}").format("，".join(counts))


def _notices_tooltip(row: DueCheckRow) -> str | None:
    return "\n".join(row.notices) or None
