"""What the 半年考核 tab's actions do: open the entry, veto and decision dialogs, delete an
entry, close and reopen the half, export the score sheet.

Every entry is written under the half's lease, taken when the first dialog opens (a
refusal names who enters the half, in the tab's banner). A dialog saves by itself and
hands back the fresh sheet, which the session shows at once: no reload after the
program's own write. A refusal saying the file changed asks the tab to read again.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QWidget

from kaohe_desktop.domain.adjustment_rules import AdjustmentDraft, VetoDraft
from kaohe_desktop.domain.enums import AdjustmentCategory, DepartmentGrade
from kaohe_desktop.domain.half_year_scoring import DepartmentResult
from kaohe_desktop.domain.periods import HalfYear
from kaohe_desktop.domain.roles import Action
from kaohe_desktop.services.errors import (
    BusyError,
    InputError,
    PermissionDeniedError,
    StorageError,
)
from kaohe_desktop.services.scoring.score_export import ScoreExport
from kaohe_desktop.services.scoring.views import HalfAdjustmentView, HalfYearSheet, VetoView
from kaohe_desktop.ui.common import messages
from kaohe_desktop.ui.common.lease_gate import may_change
from kaohe_desktop.ui.editing import prompts
from kaohe_desktop.ui.scoring.close_half import HalfClosing
from kaohe_desktop.ui.scoring.decide_dialog import DecideDialog
from kaohe_desktop.ui.scoring.drill_sources import SourceLine
from kaohe_desktop.ui.scoring.entry_dialog import AdjustmentDialog, EntryDialog, VetoDialog
from kaohe_desktop.ui.scoring.score_outputs import export_scores
from kaohe_desktop.ui.scoring.score_texts import signed_points
from kaohe_desktop.ui.scoring.scoring_session import ScoringSession
from kaohe_desktop.ui.settings import settings_of
from kaohe_desktop.ui.workers import Job


class ScoringCommands(QObject):
    def __init__(
        self, session: ScoringSession, parent: QWidget, show_pending: Callable[[], None]
    ) -> None:
        super().__init__(parent)
        self.session, self._parent, self._show_pending = session, parent, show_pending
        self.dialog: QDialog | None = None  # the dialog last opened (tests look at it)
        self.closing: HalfClosing | None = None
        self.job: Job | None = None

    # --- entries ------------------------------------------------------------------------
    def _may_enter(self) -> bool:
        """The half may be changed here and its lease is (now) ours; else say why."""
        session = self.session
        if session.source is None or session.sheet is None:
            return False
        return may_change(session, self._parent, self.tr("Half-year scoring"))

    def _open(self, dialog: EntryDialog | DecideDialog) -> QDialog:
        dialog.saved.connect(self.session.take_if_shown)
        dialog.refused.connect(self.session.request_reload)
        self.dialog = dialog
        dialog.open()
        return dialog

    def add_points(
        self, department_id: int | None, category: AdjustmentCategory | None = None
    ) -> QDialog | None:
        if not self._may_enter():
            return None
        sheet, source = self.session.sheet, self.session.source
        assert sheet is not None and source is not None
        half, scoring = sheet.half, source.scoring

        def save(draft: AdjustmentDraft) -> HalfYearSheet:
            return scoring.add_adjustment(half, draft, self.session.ensure_lease())

        return self._open(
            AdjustmentDialog(
                half, sheet.rules, self.session.departments(), save,
                today=source.clock().date(), department_id=department_id,
                category=category if category is not AdjustmentCategory.VETO else None,
                parent=self._parent,
            )
        )  # fmt: skip

    def add_veto(self, department_id: int | None) -> QDialog | None:
        if not self._may_enter():
            return None
        sheet, source = self.session.sheet, self.session.source
        assert sheet is not None and source is not None
        half, scoring = sheet.half, source.scoring

        def save(draft: VetoDraft) -> HalfYearSheet:
            return scoring.add_veto(half, draft, self.session.ensure_lease())

        return self._open(
            VetoDialog(
                half, self.session.departments(), save, today=source.clock().date(),
                department_id=department_id, parent=self._parent,
            )
        )  # fmt: skip

    def edit(self, line: SourceLine) -> QDialog | None:
        entry = line.entry
        if entry is None or not line.editable or not self._may_enter():
            return None
        sheet, source = self.session.sheet, self.session.source
        assert sheet is not None and source is not None
        scoring, today = source.scoring, source.clock().date()
        if isinstance(entry, HalfAdjustmentView):

            def save_adjustment(draft: AdjustmentDraft) -> HalfYearSheet:
                leases = self.session.ensure_lease()
                return scoring.update_adjustment(entry.id, entry.version, draft, leases)

            dialog: EntryDialog = AdjustmentDialog(
                sheet.half, sheet.rules, self.session.departments(), save_adjustment,
                today=today, entry=entry, parent=self._parent,
            )  # fmt: skip
        else:
            if entry.adjustment_id is not None:
                # A veto written as a 加减分 row: it can be removed, not changed here.
                return None

            def save_veto(draft: VetoDraft) -> HalfYearSheet:
                leases = self.session.ensure_lease()
                return scoring.update_veto(entry.id, entry.version, draft, leases)

            dialog = VetoDialog(
                sheet.half, self.session.departments(), save_veto, today=today, entry=entry,
                parent=self._parent,
            )  # fmt: skip
        return self._open(dialog)

    def delete(self, line: SourceLine) -> bool:
        entry = line.entry
        if entry is None or not line.editable:
            return False
        title = self.tr("Delete")
        if not messages.ask(self._parent, title, self._delete_question(entry)):
            return False
        if not self._may_enter():
            return False
        scoring = self.session.source.scoring if self.session.source else None
        assert scoring is not None
        while True:
            try:
                leases = self.session.ensure_lease()
                if isinstance(entry, HalfAdjustmentView):
                    sheet = scoring.delete_adjustment(entry.id, entry.version, leases)
                elif entry.adjustment_id is not None:
                    sheet = scoring.delete_adjustment(entry.adjustment_id, entry.version, leases)
                else:
                    sheet = scoring.delete_veto(entry.id, entry.version, leases)
            except BusyError as error:
                if prompts.ask_retry(self._parent, title, str(error)):
                    continue
                return False
            except (InputError, StorageError, PermissionDeniedError) as error:
                messages.show_error(self._parent, title, error)
                self.session.request_reload()
                return False
            break
        self.session.take_if_shown(sheet)
        return True

    def _delete_question(self, entry: HalfAdjustmentView | VetoView) -> str:
        if isinstance(entry, VetoView):
            return self.tr("Delete this veto of {0}?\n{1}").format(entry.department, entry.reason)
        what = f"{entry.category.label} {signed_points(entry.points)}"
        return self.tr("Delete this entry of {0}?\n{1}: {2}").format(
            entry.department, what, entry.reason
        )

    # --- the committee --------------------------------------------------------------------
    def decide(self, result: DepartmentResult | None) -> QDialog | None:
        session = self.session
        source, sheet = session.source, session.sheet
        if source is None or sheet is None or result is None:
            return None
        if sheet.closed or not source.may(Action.REVIEW):
            return None
        half, scoring, department = sheet.half, source.scoring, result.department_id

        def decide(
            grade: DepartmentGrade | None, reason: str, version: int | None
        ) -> HalfYearSheet:
            return scoring.decide(half, department, grade, reason, version)

        title = self.tr("Committee decision")
        try:
            allowed = scoring.decision_grades(half, department)
        except (StorageError, PermissionDeniedError) as error:
            messages.show_error(self._parent, title, error)
            return None
        if not allowed and sheet.decision(department) is None:
            messages.warn(
                self._parent,
                title,
                self.tr(
                    "{0} is not in a tie across a quota line: its grade follows its total."
                ).format(result.name),
            )
            return None
        return self._open(DecideDialog(sheet, result, allowed, decide, self._parent))

    # --- the half -------------------------------------------------------------------------
    def close_half(self) -> QDialog | None:
        if self.session.source is None or self.session.sheet is None:
            return None
        self.closing = HalfClosing(self._parent, self.session, self._show_pending)
        self.dialog = self.closing.close()
        return self.dialog

    def reopen_half(self) -> bool:
        if self.session.source is None or self.session.sheet is None:
            return False
        return HalfClosing(self._parent, self.session, self._show_pending).reopen()

    def export(self, export: ScoreExport, target: HalfYear | int) -> Job | None:
        """导出得分表… of the half on screen, or of the year (the 全年 page)."""
        font: Path | None = settings_of(self._parent).pdf_font_path
        self.job = export_scores(self._parent, export, target, font)
        return self.job
