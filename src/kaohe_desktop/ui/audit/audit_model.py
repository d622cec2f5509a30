"""The 操作日志 table: one audit entry per row, its change summed up on one line.

The log stores column names and raw values (before → after as JSON). The clerk reads
Chinese field names, so the common columns are named here; an unknown column shows
its code, which is still better than hiding it. The full JSON is in the tooltip.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject

from kaohe_desktop.domain import enums
from kaohe_desktop.domain.column_labels import COLUMN_LABELS, column_label
from kaohe_desktop.domain.enums import LabeledEnum
from kaohe_desktop.domain.quarterly_rules import two_decimals
from kaohe_desktop.domain.roles import Action, Role
from kaohe_desktop.services.access.audit_log import AuditEntryView
from kaohe_desktop.ui.audit.compact_summary import (
    COMPACT_ACTIONS,
    compact_details,
    compact_record,
    compact_summary,
)
from kaohe_desktop.ui.common.table_model import Column, RowTableModel

translate = QCoreApplication.translate

SEQUENCE, TIME, ACCOUNT, ACTION, ENTITY, RECORD, CHANGE = range(7)

# The order a summary lists columns in: what identifies the record first, bookkeeping last.
_ORDER = {key: rank for rank, key in enumerate(COLUMN_LABELS)}
# Columns that store the code of a glossary enum; the log shows its Chinese label.
_CODED: dict[tuple[str, str], type[LabeledEnum]] = {
    ("account", "role"): Role,
    ("permission", "role"): Role,
    ("permission", "action"): Action,
    ("person", "gender"): enums.Gender,
    ("person", "status"): enums.PersonStatus,
    ("person", "political_status"): enums.PoliticalStatus,
    ("department", "kind"): enums.DepartmentKind,
    ("ledger_task", "category"): enums.TaskCategory,
    ("check_record", "status"): enums.CheckStatus,
    ("check_record", "level"): enums.CheckLevel,
    ("notice", "color"): enums.NoticeColor,
    ("notice", "deduction_category"): enums.AdjustmentCategory,
    ("adjustment", "category"): enums.AdjustmentCategory,
    ("adjustment", "level"): enums.CommendationLevel,
    ("quarterly_assessment", "grade"): enums.QuarterGrade,
    ("quarterly_assessment", "override"): enums.QuarterGrade,
    ("quarterly_assessment", "no_grade_reason"): enums.NoGradeReason,
    ("annual_assessment", "grade"): enums.AnnualGrade,
    ("department_score", "grade"): enums.DepartmentGrade,
    ("commendation", "type"): enums.CommendationType,
    ("discipline", "type"): enums.DisciplineType,
    ("talk", "kind"): enums.TalkKind,
    ("comment", "kind"): enums.CommentKind,
}
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$")
# Bookkeeping columns that change with every save and say nothing to a clerk.
_SKIPPED = frozenset({"id", "version"})
_MAX_VALUE = 40
# Scores are shown as the grids show them, with two decimals (86.30, not 86.3): the log
# stores a value as it was read, so a close's "91.7 → 92.70" would look like a change.
_SCORES = frozenset(
    {"performance", "leader", "comment_points", "composite", "points", "deduction"}
    | {"business", "integrity", "civility", "attendance", "bonus", "total"}
)
_MAX_SUMMARY = 300


def _parse(text: str | None) -> Any:
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text


def _value(entity: str, key: str, value: Any) -> str:
    if value is None or value == "":
        return translate("AuditSummary", "(empty)")
    if isinstance(value, bool):
        return translate("AuditSummary", "yes") if value else translate("AuditSummary", "no")
    text = str(value)
    if key in _SCORES:
        try:
            return two_decimals(Decimal(text))
        except ArithmeticError:
            pass  # not a number: shown as stored
    enum = _CODED.get((entity, key))
    if enum is not None:
        try:
            return enum(text).label
        except ValueError:
            pass  # a code of a newer program version: shown as stored
    if _ISO_DATETIME.match(text):
        text = text.replace("T", " ")
    return text if len(text) <= _MAX_VALUE else text[: _MAX_VALUE - 1] + "…"


def _label(entity: str, key: str) -> str:
    return column_label(entity, key)


def _ordered(values: dict[str, Any]) -> list[str]:
    return sorted(values, key=lambda key: _ORDER.get(key, len(_ORDER)))


def summarize(entry: AuditEntryView) -> str:
    """`姓名：张三 → 张四；科室ID：3 → 5` for a change; `key：value；…` otherwise."""
    if entry.action in COMPACT_ACTIONS:  # an import's or a close's rows, in bulk
        return compact_summary(entry)
    before, after = _parse(entry.before_json), _parse(entry.after_json)
    parts: list[str] = []
    if isinstance(before, dict) and isinstance(after, dict):
        for key in _ordered(after):
            if key not in _SKIPPED:
                old = _value(entry.entity, key, before.get(key))
                new = _value(entry.entity, key, after[key])
                parts.append(f"{_label(entry.entity, key)}：{old} → {new}")
    else:
        shown = after if after is not None else before  # an insert or event; a delete
        if isinstance(shown, dict):
            parts = [
                f"{_label(entry.entity, key)}：{_value(entry.entity, key, value)}"
                for key, value in ((key, shown[key]) for key in _ordered(shown))
                if key not in _SKIPPED and value not in (None, "")
            ]
        elif shown is not None:
            parts = [str(shown)]
    text = "；".join(parts)
    return text if len(text) <= _MAX_SUMMARY else text[: _MAX_SUMMARY - 1] + "…"


def _pretty(text: str | None) -> str:
    value = _parse(text)
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)


def full_change(entry: AuditEntryView) -> str | None:
    if entry.action in COMPACT_ACTIONS:  # thousands of rows: the first ones spelled out
        return compact_details(entry, _value)
    if entry.before_json is None and entry.after_json is None:
        return None
    return (
        translate("AuditSummary", "Before:")
        + "\n"
        + _pretty(entry.before_json)
        + "\n\n"
        + translate("AuditSummary", "After:")
        + "\n"
        + _pretty(entry.after_json)
    )


class AuditEntryTableModel(RowTableModel[AuditEntryView]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        self.set_columns(
            [
                Column(
                    self.tr("No."),
                    lambda e: e.id,
                    numeric=True,
                    header_tooltip=self.tr("The entry's place in the chain"),
                ),
                Column(self.tr("Time"), lambda e: f"{e.at:%Y-%m-%d %H:%M:%S}"),
                Column(self.tr("Account"), lambda e: e.account),
                Column(
                    self.tr("Action"),
                    lambda e: e.action_label,
                    color=lambda e: "#c62828" if e.action in ("refused", "login_fail") else None,
                ),
                Column(self.tr("Object"), lambda e: e.entity_label),
                Column(
                    self.tr("Record"),
                    lambda e: compact_record(e) if e.action in COMPACT_ACTIONS else e.record,
                    tooltip=lambda e: f"{e.entity} {e.entity_id}",
                ),
                Column(self.tr("Change"), summarize, tooltip=full_change),
            ]
        )
