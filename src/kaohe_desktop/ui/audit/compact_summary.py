"""操作日志 lines for the compact entries of a bulk write and for an import's event.

An import or a quarter's close writes thousands of rows; the log records them as a few
compact entries (up to 10,000 rows each): the ids, the changed columns' values before
and after in columns, and each row's digest (docs/RELIABILITY.md §7). Shown whole, one
such entry would be a wall of JSON; here it reads as one line — 导入 平时考核 10,000 条
（记录号 1–10000） — with the first rows spelled out in the tooltip.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication

from kaohe_desktop.domain.column_labels import column_label
from kaohe_desktop.domain.periods import PeriodError, parse_quarter
from kaohe_desktop.services.access.audit_log import ENTITY_LABELS, AuditEntryView

translate = QCoreApplication.translate

BULK_ADD, BULK_EDIT, IMPORT = "bulk_add", "bulk_edit", "import"
COMPACT_ACTIONS = frozenset({BULK_ADD, BULK_EDIT, IMPORT})
_SHOWN_ROWS = 20  # rows a tooltip spells out
ValueText = Callable[[str, str, Any], str]  # (table, column, value) → text


def _parse(text: str | None) -> dict[str, Any]:
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _ids(runs: list[Any]) -> list[int]:
    ids: list[int] = []
    for run in runs:
        if isinstance(run, list) and len(run) == 2:
            ids.extend(range(int(run[0]), int(run[1]) + 1))
        elif isinstance(run, int):
            ids.append(run)
    return ids


def _column(values: Any, count: int) -> list[Any]:
    """A column of a compact entry: a list, or {"all": v} for one value in every row."""
    if isinstance(values, dict):
        return [values.get("all")] * count
    return list(values) if isinstance(values, list) else [None] * count


def _source(after: dict[str, Any]) -> str:
    sha = after.get("sha256")
    return "" if not sha else translate("AuditSummary", "workbook SHA-256 {0}…").format(sha[:12])


def _period(text: str) -> str:
    try:
        return parse_quarter(text).label()
    except PeriodError:
        return text


def compact_record(entry: AuditEntryView) -> str:
    """The Record column: the ids a bulk entry wrote, the workbook of an import."""
    if entry.action == IMPORT:
        return entry.label or entry.entity_id
    if entry.people:  # a close: whose rows, the first person named (the ids: tooltip)
        rows = int(_parse(entry.after_json).get("rows", len(entry.people)))
        names = list(entry.people.values())
        if rows <= 2:
            return "、".join(names[:rows])
        return translate("AuditSummary", "{0} and others, {1} people in all").format(
            names[0], f"{rows:,}"
        )
    return translate("AuditSummary", "ids {0}").format(entry.entity_id.replace("-", "–"))


def compact_summary(entry: AuditEntryView) -> str:
    """One line for a compact entry."""
    after = _parse(entry.after_json)
    what = ENTITY_LABELS.get(entry.entity, entry.entity)
    rows = f"{int(after.get('rows', 0)):,}"
    if entry.action == IMPORT:
        return _import_summary(entry, after)
    if entry.action == BULK_ADD:
        first, last = (after.get("ids") or [0, 0])[:2]
        text = translate("AuditSummary", "Imported {0} {1} rows (ids {2}–{3})").format(
            what, rows, first, last
        )
        if after.get("via") != "import":
            text = translate("AuditSummary", "Added {0} {1} rows (ids {2}–{3})").format(
                what, rows, first, last
            )
        source = _source(after)
        digests = translate("AuditSummary", "each row's digest recorded")
        return "；".join(part for part in (text, source, digests) if part)
    columns = "、".join(column_label(entry.entity, c) for c in after.get("changed", []))
    if after.get("via") == "close":
        return translate("AuditSummary", "Close of {0} stored {1} of {2} people").format(
            _period(str(after.get("period", ""))), columns, rows
        )
    if after.get("via") == "import":
        text = translate("AuditSummary", "Import changed {0} {1} rows: {2}")
    else:
        text = translate("AuditSummary", "Changed {0} {1} rows: {2}")
    return text.format(what, rows, columns)


def _import_summary(entry: AuditEntryView, after: dict[str, Any]) -> str:
    sheets = after.get("sheets") or []
    parts = [
        translate("AuditSummary", "{0}: added {1}, updated {2}, unchanged {3}").format(
            name, f"{added:,}", f"{updated:,}", f"{unchanged:,}"
        )
        for name, added, updated, unchanged in (s for s in sheets if len(s) == 4)
    ]
    if after.get("file"):
        head = translate("AuditSummary", "Workbook {0} (SHA-256 {1}…)").format(
            after["file"], str(after.get("sha256", ""))[:12]
        )
    else:
        head = translate("AuditSummary", "No workbook recorded")
    return head + "：" + "；".join(parts)


def _about(entry: AuditEntryView, column: str, row_id: int) -> str:
    """Whose row it is: the person's name (looked up when shown), else the id."""
    name = entry.people.get(row_id) if column == "person_id" else None
    return f" {name}" if name else f"（{column_label(entry.entity, column)} {row_id}）"


def compact_details(entry: AuditEntryView, value: ValueText) -> str:
    """The tooltip: what the entry says of its first rows, then how many more."""
    after = _parse(entry.after_json)
    if entry.action == IMPORT:
        lines = [_import_summary(entry, after)]
        if after.get("sha256"):
            lines.append(f"SHA-256 {after['sha256']}")
        return "\n".join(lines)
    if entry.action == BULK_ADD:
        first, last = (after.get("ids") or [0, 0])[:2]
        ids = list(range(int(first), int(last) + 1))
    else:
        ids = _ids(after.get("ids", []))
    digests = str(after.get("digests", ""))
    width = len(digests) // len(ids) if ids else 0
    changed = list(after.get("changed", []))
    before_columns = _parse(entry.before_json).get("before", {})
    after_columns = after.get("after", {})
    olds = {c: _column(before_columns.get(c), len(ids)) for c in changed}
    news = {c: _column(after_columns.get(c), len(ids)) for c in changed}
    whose = {c: _ids(runs) for c, runs in (after.get("of") or {}).items()}
    lines = [compact_summary(entry)]
    for i, row_id in enumerate(ids[:_SHOWN_ROWS]):
        about = "".join(
            _about(entry, c, values[i]) for c, values in whose.items() if i < len(values)
        )
        change = "；".join(
            f"{column_label(entry.entity, c)}："
            f"{value(entry.entity, c, olds[c][i])} → {value(entry.entity, c, news[c][i])}"
            for c in changed
        )
        digest = digests[i * width : (i + 1) * width]
        lines.append(f"#{row_id}{about} {change} [{digest}]".replace("  ", " "))
    if len(ids) > _SHOWN_ROWS:
        more = translate("AuditSummary", "… and {0} more rows").format(
            f"{len(ids) - _SHOWN_ROWS:,}"
        )
        lines.append(more)
    return "\n".join(lines)
