"""Live refresh: other workstations' changes appear within seconds.

A timer asks the workspace's DataVersionWatcher (PRAGMA data_version on one kept
connection) every POLL_MS. The poll runs on a pool thread: on a slow share even a
header read can stall, and the window must stay painted. A change by another
workstation is told with what it touched (ChangeSet: the tables, the leases), so
the window reloads only the tabs showing those; this program's own saves are not
told at all. A data file deleted or replaced underneath turns the workspace read-only;
so does a database server that cannot be reached (the message says which).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from kaohe_desktop.services.files.live import ChangeSet, DataVersionWatcher, FileState
from kaohe_desktop.services.workspace import Workspace

POLL_MS = 2_000
# A share that blinks for one poll is not yet a lost file; two polls in a row are.
LOST_AFTER_POLLS = 2


class _PollSignals(QObject):
    polled = Signal(object, object, object)  # watcher, FileState, ChangeSet


class _Poll(QRunnable):
    def __init__(self, watcher: DataVersionWatcher, signals: _PollSignals) -> None:
        super().__init__()
        self._watcher = watcher
        self._signals = signals

    def run(self) -> None:
        try:
            state, change = self._watcher.poll_changes()
        except Exception:  # a poll must never take the program down; say "missing"
            state, change = FileState.MISSING, ChangeSet()
        self._signals.polled.emit(self._watcher, state, change)


class LiveRefresh(QObject):
    """Emits `changed(ChangeSet)` after another workstation commits, `lost(reason)` once
    when the file is gone or replaced."""

    changed = Signal(object)  # ChangeSet
    lost = Signal(str)
    answered = Signal()  # a poll's answer was handled (tests and benches wait for it)

    def __init__(self, parent: QObject | None = None, interval_ms: int = POLL_MS) -> None:
        super().__init__(parent)
        self._watcher: DataVersionWatcher | None = None
        self._busy = False
        self._lost = False
        self._misses = 0
        self._on_server = False
        self._signals = _PollSignals(self)
        self._signals.polled.connect(self._on_polled)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)

    def watch(self, workspace: Workspace | None) -> None:
        self.stop()
        if workspace is None:
            return
        try:
            self._watcher = workspace.change_watcher()
        except Exception:
            self._watcher = None
            return
        self._lost = False
        self._misses = 0
        self._on_server = workspace.server is not None
        self.timer.start()

    def poll(self) -> None:
        if self._watcher is None or self._busy:
            return
        self._busy = True
        QThreadPool.globalInstance().start(_Poll(self._watcher, self._signals))

    def _on_polled(self, watcher: DataVersionWatcher, state: FileState, change: ChangeSet) -> None:
        self._busy = False
        if watcher is not self._watcher:
            watcher.close()  # a poll of a file no longer shown
            return
        gone = state in (FileState.MISSING, FileState.REPLACED)
        self._misses = self._misses + 1 if gone else 0
        if state is FileState.CHANGED:
            self.changed.emit(change)
        elif gone and self._misses >= LOST_AFTER_POLLS and not self._lost:
            self._lost = True
            self.lost.emit(self._lost_text(state))
        self.answered.emit()

    def _lost_text(self, state: FileState) -> str:
        if self._on_server:
            return (
                self.tr(
                    "The database server cannot be reached: the network is down or the "
                    "server has stopped. The program is now read-only; unsaved edits are "
                    "kept and can be exported. Reopen the database when the server is back."
                )
                if state is FileState.MISSING
                else self.tr(
                    "The database on the server was replaced (restored or created anew). "
                    "The program is now read-only; reopen it to see what is there now."
                )
            )
        return (
            self.tr(
                "The data file was deleted, moved or replaced, or the network drive is "
                "gone. The program is now read-only; unsaved edits are kept and can be "
                "exported. Reopen the file when it is back."
            )
            if state is FileState.MISSING
            else self.tr(
                "The data file was replaced by another file. The program is now "
                "read-only; reopen the file to see what is there now."
            )
        )

    def stop(self) -> None:
        self.timer.stop()
        watcher, self._watcher = self._watcher, None
        if watcher is not None and not self._busy:
            watcher.close()
        # A poll still in flight closes its watcher when it reports (see _on_polled).
