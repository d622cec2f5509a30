"""The status bar: which file, as whom, writable or not, and when the data was read."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QStatusBar, QWidget

from kaohe_desktop.domain.account_rules import account_label
from kaohe_desktop.services.workspace import Workspace


class ElidedLabel(QLabel):
    """A label that shortens its text in the middle instead of widening the window.

    A data file on a share has a long path; the end (the file name) and the start
    (the drive) are what a clerk recognises, so the middle goes.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(120)

    def set_full_text(self, text: str) -> None:
        self._full = text
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        metrics = self.fontMetrics()
        self.setText(metrics.elidedText(self._full, Qt.TextElideMode.ElideMiddle, self.width()))


class StatusLine(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusLine")
        self.path = ElidedLabel()
        self.path.setObjectName("statusPath")
        self.user = QLabel()
        self.user.setObjectName("statusUser")
        self.access = QLabel()
        self.access.setObjectName("statusAccess")
        self.refreshed = QLabel()
        self.refreshed.setObjectName("statusRefreshed")
        # 谈话 and 轮岗 past their time (the 人员档案 tab's due lists); hidden at 0.
        self.overdue = QLabel()
        self.overdue.setObjectName("statusOverdue")
        self.overdue.setStyleSheet("color: #c62828;")
        self.overdue.hide()
        self.addWidget(self.path, 1)
        for label in (self.overdue, self.user, self.access, self.refreshed):
            self.addPermanentWidget(label)
        self.show_workspace(None)

    def show_workspace(self, workspace: Workspace | None, *, demo: bool = False) -> None:
        if workspace is None:
            self.path.set_full_text(self.tr("No data file open"))
            self.path.setToolTip("")
            self.user.setText("")
            self.access.setText("")
            self.access.setToolTip("")
            self.refreshed.setText("")
            return
        if demo:
            prefix = self.tr("Demo data: ")
        elif workspace.server is not None:
            prefix = self.tr("Database server: ")
        else:
            prefix = self.tr("Data file: ")
        self.path.set_full_text(prefix + workspace.location)
        self.path.setToolTip(workspace.location)
        self.user.setText(
            self.tr("User: {0}").format(
                account_label(workspace.account, workspace.actor.display_name)
            )
        )
        self.user.setToolTip(self.tr("Role: {0}").format(workspace.actor.role.label))
        if workspace.read_only:
            self.access.setText(self.tr("Read-only"))
            self.access.setStyleSheet("color: #c62828; font-weight: bold;")
            self.access.setToolTip(workspace.read_only_reason or "")
        else:
            self.access.setText(self.tr("Read and write"))
            self.access.setStyleSheet("")
            self.access.setToolTip(
                self.tr("Changes are saved to the server database at once")
                if workspace.server is not None
                else self.tr("Changes are saved to the data file at once")
            )

    def show_overdue(self, count: int) -> None:
        """How many talks and rotations are past their time (0 hides the label)."""
        self.overdue.setVisible(count > 0)
        self.overdue.setText(self.tr("Overdue talks and rotations: {0}").format(count))
        self.overdue.setToolTip(
            self.tr("See the due lists in the Personnel archive tab (待办清单)")
        )

    def mark_refreshed(self, when: datetime | None = None) -> None:
        moment = when or datetime.now()
        self.refreshed.setText(self.tr("Refreshed {0}").format(moment.strftime("%H:%M:%S")))
