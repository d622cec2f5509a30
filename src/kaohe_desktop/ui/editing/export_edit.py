"""导出我的修改: the clerk's edit written to a workbook when the file will not take it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from kaohe_desktop.domain.edits import Draft
from kaohe_desktop.services.common.record_edit import FieldSpec
from kaohe_desktop.services.common.unsaved_edits import export_unsaved_edit
from kaohe_desktop.ui.common import messages
from kaohe_desktop.ui.editing import prompts

translate = QCoreApplication.translate


class EditOrigin(Protocol):
    """Where an edit was made, as its workbook names it: the data file and the account
    (a Workspace is one)."""

    @property
    def path(self) -> Path: ...

    @property
    def account(self) -> str: ...


def export_edit(
    parent: QWidget,
    workspace: EditOrigin,
    draft: Draft,
    fields: Sequence[FieldSpec],
    *,
    entity_label: str,
    reason: str,
) -> Path | None:
    """Ask where, write the workbook, say where it went; None if the clerk cancelled."""
    title = translate("Editing", "Export my changes")
    name = translate("Editing", "unsaved changes {0}.xlsx").format(draft.label)
    # Home, not the data file's folder: that share may be what just failed.
    path = prompts.choose_export_path(parent, Path.home() / name)
    if path is None:
        return None
    try:
        export_unsaved_edit(
            draft,
            fields,
            path,
            entity_label=entity_label,
            data_file=workspace.path,
            account=workspace.account,
            reason=reason or translate("Editing", "Not saved"),
        )
    except OSError as error:
        messages.show_error(parent, title, error)
        return None
    messages.info(
        parent, title, translate("Editing", "Your changes were written to:\n{0}").format(path)
    )
    return path
