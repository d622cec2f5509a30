"""What the 年度考核 tab's actions do: recommend 优秀 and withdraw it, open the grade,
note and share dialogs, close and reopen the year, and the outputs.

Every decision is written under the year's lease, taken at the first one (a refusal
names who works the year, in the tab's banner). Each write hands back the year's fresh
sheet, which the session shows at once: no reload after the program's own write. A
refusal (the quota full, a person who does not qualify) is shown in the service's own
words and nothing is written; the year is then read again, since the usual causes of
other refusals mean the screen was out of date.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QWidget

from kaohe_desktop.domain.enums import AnnualGrade
from kaohe_desktop.domain.roles import Action
from kaohe_desktop.services.access.leases import Lease
from kaohe_desktop.services.archive.views import AnnualRowView, AnnualSheetView
from kaohe_desktop.services.errors import (
    BusyError,
    InputError,
    LeaseHeldError,
    LeaseLostError,
    PermissionDeniedError,
    StorageError,
)
from kaohe_desktop.ui.annual.annual_dialog import AnnualDialog
from kaohe_desktop.ui.annual.annual_leases import WHOLE_YEAR
from kaohe_desktop.ui.annual.annual_outputs import AnnualOutputs
from kaohe_desktop.ui.annual.annual_session import AnnualSession
from kaohe_desktop.ui.annual.close_year import YearClosing
from kaohe_desktop.ui.annual.grade_dialog import AnnualGradeDialog, AnnualNoteDialog
from kaohe_desktop.ui.annual.share_dialog import ShareDialog
from kaohe_desktop.ui.common import messages
from kaohe_desktop.ui.common.lease_gate import may_change
from kaohe_desktop.ui.editing import prompts
from kaohe_desktop.ui.workers import Job


def refusal_text(error: InputError) -> str:
    """The one refusal of a decision, without the "未保存：" heading of a list."""
    if len(error.errors) == 1:
        return str(error.errors[0])
    return str(error)


class AnnualCommands(QObject):
    def __init__(
        self, session: AnnualSession, parent: QWidget, show_flagged: Callable[[], None]
    ) -> None:
        super().__init__(parent)
        self.session, self._parent, self._show_flagged = session, parent, show_flagged
        self.dialog: QDialog | None = None  # the dialog last opened (tests look at it)
        self.closing: YearClosing | None = None
        self.outputs = AnnualOutputs(parent)

    @property
    def job(self) -> Job | None:
        """The close or output job last started (tests wait for it)."""
        if self.closing is not None and self.closing.job is not None:
            return self.closing.job
        return self.outputs.job

    # --- may the clerk change the year now ---------------------------------------------
    def _may_change(self, title: str) -> bool:
        """The year may be changed here and its lease is (now) ours; else say why."""
        session = self.session
        if session.source is None or session.sheet is None:
            return False
        return may_change(session, self._parent, title)

    def _write(self, title: str, call: Callable[[list[Lease]], AnnualSheetView]) -> bool:
        """One decision; the fresh sheet is shown. False when refused (explained)."""
        while True:
            try:
                sheet = call(self.session.ensure_lease())
            except BusyError as error:
                if prompts.ask_retry(self._parent, title, str(error)):
                    continue
                return False
            except LeaseHeldError:
                return False  # the lease banner names who works the year
            except LeaseLostError as error:
                self.session.leases.lost([WHOLE_YEAR], str(error))
                messages.show_error(self._parent, title, error)
                self.session.request_reload()
                return False
            except InputError as error:
                messages.warn(self._parent, title, refusal_text(error))
                self.session.request_reload()
                return False
            except (StorageError, PermissionDeniedError) as error:
                messages.show_error(self._parent, title, error)
                self.session.request_reload()
                return False
            self.session.take_if_shown(sheet)
            return True

    # --- 优秀 ---------------------------------------------------------------------------
    def recommend(self, row: AnnualRowView | None) -> bool:
        title = self.tr("Recommend 优秀")
        if row is None or not self._may_change(title):
            return False
        source, year = self.session.source, self.session.year
        assert source is not None and year is not None
        annual, person = source.annual, row.person_id
        return self._write(title, lambda leases: annual.recommend(year, person, leases))

    def withdraw(self, row: AnnualRowView | None) -> bool:
        title = self.tr("Withdraw the 优秀 recommendation")
        if row is None or not self._may_change(title):
            return False
        source, year = self.session.source, self.session.year
        assert source is not None and year is not None
        annual, person = source.annual, row.person_id
        return self._write(title, lambda leases: annual.withdraw(year, person, leases))

    # --- dialogs ------------------------------------------------------------------------
    def _open(self, dialog: AnnualDialog) -> QDialog:
        dialog.saved.connect(self.session.take_if_shown)
        dialog.refused.connect(self.session.request_reload)
        self.dialog = dialog
        dialog.open()
        return dialog

    def set_grade(self, row: AnnualRowView | None) -> QDialog | None:
        if row is None or not self._may_change(self.tr("Set the annual grade")):
            return None
        source, year = self.session.source, self.session.year
        assert source is not None and year is not None
        annual, person = source.annual, row.person_id

        def save(grade: AnnualGrade | None, reason: str) -> AnnualSheetView:
            return annual.set_grade(year, person, grade, reason, self.session.ensure_lease())

        return self._open(AnnualGradeDialog(row, save, parent=self._parent))

    def note(self, row: AnnualRowView | None) -> QDialog | None:
        if row is None or not self._may_change(self.tr("Note")):
            return None
        source, year = self.session.source, self.session.year
        assert source is not None and year is not None
        annual, person = source.annual, row.person_id

        def save(note: str) -> AnnualSheetView:
            return annual.set_note(year, person, note, self.session.ensure_lease())

        return self._open(AnnualNoteDialog(row, save, parent=self._parent))

    def change_share(self) -> QDialog | None:
        session = self.session
        source, sheet = session.source, session.sheet
        if source is None or sheet is None or not source.may(Action.EDIT_SCHEME):
            return None
        annual, year = source.annual, sheet.year

        def save(share: Decimal, reason: str) -> AnnualSheetView:
            return annual.set_share(year, share, reason)

        return self._open(ShareDialog(sheet, save, session.refusal(), self._parent))

    # --- the year -----------------------------------------------------------------------
    def close_year(self) -> QDialog | None:
        if self.session.source is None or self.session.sheet is None:
            return None
        self.closing = YearClosing(self._parent, self.session, self._show_flagged)
        self.dialog = self.closing.close()
        return self.dialog

    def reopen_year(self) -> bool:
        if self.session.source is None or self.session.sheet is None:
            return False
        return YearClosing(self._parent, self.session, self._show_flagged).reopen()

    # --- outputs ------------------------------------------------------------------------
    def export_workbook(self) -> Job | None:
        source, year = self.session.source, self.session.year
        if source is None or year is None:
            return None
        return self.outputs.export_workbook(source.annual_export, year)

    def print_forms(self, row: AnnualRowView | None) -> QDialog | None:
        source, sheet = self.session.source, self.session.sheet
        if source is None or sheet is None:
            return None
        self.dialog = self.outputs.print_forms(source.annual_export, sheet, row)
        return self.dialog

    def print_excellent_list(self) -> QDialog | None:
        source, sheet = self.session.source, self.session.sheet
        if source is None or sheet is None:
            return None
        today = source.clock().date()
        self.dialog = self.outputs.print_excellent_list(source.annual_export, sheet, today)
        return self.dialog
