"""What the 查账 toolbar does: copy forward, confirm drafts, set one status for many
rows, issue a 督办单, the notices list, the leaders' spot check, the 通报, the settings.

It works on the CheckSession and the grid's editing helper; the dialogs it opens are
returned, so a test can drive them. Writes that return fresh rows put just those rows
in place; a copy forward or a draw changes rows all over the period, so the period is
read again after them.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QInputDialog, QWidget

from kaohe_desktop.domain.check_rules import parse_notice_number
from kaohe_desktop.domain.enums import CheckLevel, CheckStatus
from kaohe_desktop.services.checks.views import (
    BulletinView,
    CheckChange,
    DueCheckRow,
    NoticeView,
)
from kaohe_desktop.services.errors import InputError, PermissionDeniedError, StorageError
from kaohe_desktop.ui.checks import bulletin_actions
from kaohe_desktop.ui.checks.check_session import CheckSession, CheckSource
from kaohe_desktop.ui.checks.check_settings_dialog import CheckSettingsDialog
from kaohe_desktop.ui.checks.due_columns import STATUS_KEYS
from kaohe_desktop.ui.checks.due_editing import DueEditing
from kaohe_desktop.ui.checks.notice_dialog import NoticeDialog
from kaohe_desktop.ui.checks.notices_dialog import NoticesDialog
from kaohe_desktop.ui.checks.sample_dialog import SampleDialog
from kaohe_desktop.ui.common import messages
from kaohe_desktop.ui.workers import Job


def choose_status(parent: QWidget, title: str, question: str) -> CheckStatus | None:
    """One of the five statuses, or None when the clerk cancelled."""
    items = [f"{key} {status.label}" for key, status in STATUS_KEYS.items()]
    text, ok = QInputDialog.getItem(parent, title, question, items, 0, False)
    if not ok or not text:
        return None
    return STATUS_KEYS.get(text.split()[0])


def standing_check_id(row: DueCheckRow) -> int | None:
    """The check a notice about this row refers to: the one that stands."""
    entry = row.standing_entry
    return None if entry is None else entry.check_id


class CheckCommands(QObject):
    def __init__(self, session: CheckSession, editing: DueEditing, parent: QWidget) -> None:
        super().__init__(parent)
        self.session, self.editing = session, editing
        self._parent = parent
        self.bulletin: BulletinView | None = None  # the period's latest 通报, for the toolbar
        self.dialogs: list[QDialog] = []  # open dialogs, kept alive and closed with the tab

    # --- drafts and statuses ------------------------------------------------------
    def copy_forward(self, department_ids: Collection[int] | None = None) -> int | None:
        session, title = self.session, self.tr("Copy previous period")
        source, period, due = session.source, session.period, session.due
        if source is None or period is None or due is None:
            return None
        rows = [r for r in due.rows if department_ids is None or r.department_id in department_ids]
        leases = self.editing.leases_for(rows, title)
        if leases is None:
            return None
        try:
            copied = source.checks.copy_forward(period, leases, department_ids=department_ids)
        except (InputError, StorageError, PermissionDeniedError) as error:
            messages.show_error(self._parent, title, error)
            return None
        if copied:
            session.request_reload()  # drafts all over the period: read it again
            messages.info(
                self._parent,
                title,
                self.tr(
                    "{0} checks of the previous period were copied as drafts (grey, "
                    "“（草稿）”). Look them over and confirm them: a draft does not count."
                ).format(copied),
            )
        else:
            messages.info(
                self._parent,
                title,
                self.tr(
                    "Nothing to copy: the previous period has no confirmed checks for "
                    "the rows still empty here."
                ),
            )
        return copied

    def confirm_drafts(self, shown: Sequence[DueCheckRow]) -> bool:
        """Confirm the drafts of the selected rows at the level entered (all drafts
        shown when the selection holds none)."""
        level = self.session.level
        selected = [r for r in self.editing.selected_rows() if _draft(r, level)]
        rows = selected or [r for r in shown if _draft(r, level)]
        if not rows:
            return False
        title = self.tr("Confirm drafts")
        if not messages.ask(
            self._parent,
            title,
            self.tr("Confirm {0} drafts at {1}?").format(len(rows), level.label),
            self.tr("Confirmed checks count for the period as entered by you today."),
        ):
            return False
        changes = []
        for row in rows:
            entry = row.entry(level)
            assert entry is not None
            changes.append(
                CheckChange(
                    row.task_id, row.department_id, level, entry.version, confirm_draft=True
                )
            )
        return self.editing.save(changes, title)

    def set_status(self, status: CheckStatus | None = None) -> bool:
        rows = self.editing.selected_rows()
        if not rows:
            return False
        title = self.tr("Set status")
        if status is None:
            status = choose_status(
                self._parent,
                title,
                self.tr("Status at {0} for the {1} selected rows:").format(
                    self.session.level.label, len(rows)
                ),
            )
        if status is None:
            return False
        return self.editing.set_status(rows, status)

    # --- 督办单 --------------------------------------------------------------------
    def issue_notice(self) -> NoticeDialog | None:
        session, title = self.session, self.tr("Issue notice")
        source, period = session.source, session.period
        rows = self.editing.selected_rows()
        if source is None or period is None or not rows:
            return None
        check_ids = [c for row in rows if (c := standing_check_id(row)) is not None]
        unrecorded = [row.key for row in rows if standing_check_id(row) is None]
        try:
            draft = source.notices.suggest(period, check_ids, unrecorded=unrecorded)
        except (InputError, StorageError, PermissionDeniedError) as error:
            messages.show_error(self._parent, title, error)
            return None
        chosen = [row for row in rows if row.task_id in draft.task_ids]
        department = next(
            (r.department for r in rows if r.department_id == draft.department_id), ""
        )
        tasks = [f"{row.seq}. {row.title}" for row in chosen]
        dialog = NoticeDialog(draft, department, tasks, source.notices.issue, self._parent)
        dialog.issued.connect(self.show_notice_on_rows)
        self._show(dialog)
        return dialog

    def show_notice_on_rows(self, notice: NoticeView) -> None:
        """The notice's number on exactly its rows of the period shown (after issuing or
        changing it), without reading the period again."""
        keys: set[tuple[int, int]] = set()
        if notice.period == str(self.session.period):
            keys = {(task.task_id, notice.department_id) for task in notice.tasks}
        self._number_on_rows(notice.number, keys)

    def take_notice_off_rows(self, notice: NoticeView) -> None:
        """A withdrawn notice's number off the rows that showed it."""
        self._number_on_rows(notice.number, set())

    def _number_on_rows(self, number: str, keys: Collection[tuple[int, int]]) -> None:
        due = self.session.due
        if due is None:
            return
        fresh = []
        for row in due.rows:
            shown, wanted = number in row.notices, row.key in keys
            if wanted and not shown:
                fresh.append(replace(row, notices=(*row.notices, number)))
            elif shown and not wanted:
                fresh.append(replace(row, notices=tuple(n for n in row.notices if n != number)))
        self.session.take_rows(fresh)

    def show_notices(self, number: str | None = None) -> NoticesDialog | None:
        source, period = self.session.source, self.session.period
        if source is None or period is None:
            return None
        year = parse_notice_number(number)[0] if number else period.year
        dialog = NoticesDialog(source, source.notices, year, self._parent)
        dialog.notice_changed.connect(self.show_notice_on_rows)
        dialog.notice_withdrawn.connect(self.take_notice_off_rows)
        if number:
            dialog.select_number(number)
        self._show(dialog)
        return dialog

    # --- the spot check, the bulletin, the settings ---------------------------------
    def spot_check(self) -> SampleDialog | None:
        source, period, due = self.session.source, self.session.period, self.session.due
        if source is None or period is None or due is None:
            return None
        dialog = SampleDialog(
            source, source.checks, period, due.rows, due.settings.sample_percent, self._parent
        )
        dialog.drawn.connect(lambda _sample: self._drawn(dialog))
        self._show(dialog)
        return dialog

    def _drawn(self, dialog: SampleDialog) -> None:
        self.session.request_reload()  # 抽中 marks all over the period
        if self.session.due is not None:
            dialog.set_rows(self.session.due.rows)

    def read_bulletin(self) -> None:
        source, period = self.session.source, self.session.period
        self.bulletin = None
        if source is not None and period is not None:
            try:
                self.bulletin = source.bulletins.latest(period)
            except (StorageError, PermissionDeniedError):
                self.bulletin = None

    def print_bulletin(self) -> Job | None:
        source, period = self.session.source, self.session.period
        if source is None or period is None:
            return None
        return bulletin_actions.print_bulletin(
            self._parent, source.bulletins, period, self.bulletin, self._bulletin_made
        )

    def regenerate_bulletin(self) -> Job | None:
        source, period = self.session.source, self.session.period
        if source is None or period is None or self.bulletin is None:
            return None
        return bulletin_actions.regenerate_bulletin(
            self._parent, source.bulletins, period, self.bulletin, self._bulletin_made
        )

    def _bulletin_made(self) -> None:
        self.read_bulletin()
        self.session.request_reload()

    def edit_settings(self, source: CheckSource) -> CheckSettingsDialog | None:
        """查账设置… (管理 menu): the tab may not have read a period yet, so the file is
        given rather than taken from the session."""
        try:
            departments = source.ledger.departments()
            dialog = CheckSettingsDialog(source.checks, departments, self._parent)
        except (StorageError, PermissionDeniedError) as error:
            messages.show_error(self._parent, self.tr("Check settings"), error)
            return None
        dialog.accepted.connect(self.session.request_reload)
        self._show(dialog)
        return dialog

    def _show(self, dialog: QDialog) -> None:
        """Window-modal but not blocking: the grid stays in view, and tests drive it."""
        self.dialogs.append(dialog)
        dialog.finished.connect(lambda _result: self._forget(dialog))
        dialog.open()

    def _forget(self, dialog: QDialog) -> None:
        if dialog in self.dialogs:
            self.dialogs.remove(dialog)

    def close_dialogs(self) -> None:
        for dialog in list(self.dialogs):
            dialog.close()


def _draft(row: DueCheckRow, level: CheckLevel) -> bool:
    entry = row.entry(level)
    return entry is not None and entry.draft
