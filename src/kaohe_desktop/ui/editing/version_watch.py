"""Polling one record's version so an open editor learns of another's save early.

`current_version` is one cheap read; only when it moved is the record loaded again
(for who changed it and when). Each new version is reported once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from kaohe_desktop.services.common.record_edit import RecordEditor
from kaohe_desktop.services.errors import InputError, PermissionDeniedError, StorageError


class VersionWatch(QObject):
    changed = Signal(object)  # RecordSnapshot of the other version
    deleted = Signal()
    back_to_base = Signal()  # the file is at the draft's version again (after a rebase)

    def __init__(
        self,
        editor: RecordEditor[Any],
        entity_id: int,
        base_version: Callable[[], int],
        parent: QObject,
        *,
        interval_ms: int,
    ) -> None:
        super().__init__(parent)
        self._editor = editor
        self._entity_id = entity_id
        self._base_version = base_version
        self._reported: int | None = base_version()
        self.paused = False  # while a conflict dialog is up
        self.timer = QTimer(self)
        self.timer.setObjectName("versionPoll")
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def seen(self, version: int) -> None:
        """The dialog now shows `version`: do not report it again."""
        self._reported = version

    def poll(self) -> None:
        if self.paused:
            return
        try:
            version = self._editor.current_version(self._entity_id)
        except (StorageError, PermissionDeniedError):
            return  # the share hiccuped; the next poll or the save will tell
        if version == self._base_version():
            self.back_to_base.emit()
            return
        if version == self._reported:
            return
        if version is None:
            self._reported = None
            self.deleted.emit()
            return
        try:
            theirs = self._editor.load(self._entity_id)
        except InputError:
            self._reported = None
            self.deleted.emit()
            return
        except (StorageError, PermissionDeniedError):
            return  # try again at the next poll
        self._reported = theirs.version
        self.changed.emit(theirs)
