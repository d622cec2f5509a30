"""Writing a clerk's unsaved edit to a workbook when the data file cannot take it.

Deliberately needs no right and no data file: it only writes what is on the screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from kaohe_desktop.domain.edits import Draft
from kaohe_desktop.services.common.record_edit import FieldSpec


def shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def export_unsaved_edit(
    draft: Draft,
    fields: Sequence[FieldSpec],
    path: Path,
    *,
    entity_label: str,
    data_file: Path,
    account: str,
    reason: str,
) -> Path:
    # openpyxl is imported when an edit is written, not with every editing dialog.
    from kaohe_desktop.reports.excel_unsaved_edit import (
        UnsavedEdit,
        UnsavedField,
        write_unsaved_edit,
    )

    items = [
        UnsavedField(
            spec.label,
            shown(draft.base.get(spec.name)),
            shown(draft.value(spec.name)),
            spec.name in draft.changes,
        )
        for spec in fields
    ]
    edit = UnsavedEdit(
        f"{entity_label} {draft.label}", str(data_file), account, reason, items, datetime.now()
    )
    write_unsaved_edit(edit, path)
    return path
