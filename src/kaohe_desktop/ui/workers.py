"""Run a service call off the GUI thread behind a progress dialog that can cancel.

The call gets a ProgressReporter; its reports travel back as queued signals, and
the dialog's Cancel sets the reporter's event so the service raises Cancelled at
its next report and rolls its transaction back. The result or the error comes
back on the GUI thread through `succeeded` / `failed`, then `done` fires once the
thread has really stopped (so nothing is torn down under a running thread).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from kaohe_desktop.services.progress import Progress, ProgressReporter

JobFunction = Callable[[ProgressReporter], Any]

# Shown only if the work takes longer than this, so quick jobs do not flicker.
SHOW_AFTER_MS = 400


class Outcome:
    """A job's result or error, carried through signals in a box of our own.

    PySide6 6.12 drops a reference to True/False each time a bare bool travels
    through a Signal(object); enough of them and Python aborts ("bool_dealloc").
    A box is an ordinary object, so any result, a bool included, travels safely.
    """

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


class _Runner(QObject):
    """Lives in the worker thread; everything it emits is queued to the GUI thread."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()

    def __init__(self, function: JobFunction, reporter: ProgressReporter) -> None:
        super().__init__()
        self._function = function
        self.reporter = reporter

    @Slot()
    def run(self) -> None:
        try:
            result = self._function(self.reporter)
        except BaseException as error:  # everything goes back to the GUI to be explained
            self.failed.emit(error)
        else:
            self.succeeded.emit(Outcome(result))
        finally:
            # Hand the runner back to the GUI thread so it is deleted where it lives.
            application = QCoreApplication.instance()
            if application is not None:
                self.moveToThread(application.thread())
            self.finished.emit()


class Job(QObject):
    """One running service call; lives in the GUI thread."""

    succeeded = Signal(object)
    failed = Signal(object)
    done = Signal()

    _active: ClassVar[set[Job]] = set()  # keeps running jobs alive without the caller holding them

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        function: JobFunction,
        *,
        cancellable: bool = True,
    ) -> None:
        super().__init__(parent)
        self.result: Any = None
        self.error: BaseException | None = None
        self.finished = False
        self.reporter = ProgressReporter(self._report_from_worker)
        self.dialog = QProgressDialog(title, self.tr("Cancel") if cancellable else "", 0, 0, parent)
        self.dialog.setObjectName("jobProgressDialog")
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumWidth(420)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        if not cancellable:
            self.dialog.setCancelButton(None)  # opening or backing up cannot be stopped half-way
        self.dialog.setMinimumDuration(SHOW_AFTER_MS)
        self.dialog.setValue(0)  # starts the dialog's own show-after timer
        self._cancellable = cancellable
        if cancellable:
            self.dialog.canceled.connect(self.cancel)

        self._thread = QThread()
        self._thread.setObjectName(f"job: {title}")
        self._runner = _Runner(function, self.reporter)
        self._runner.moveToThread(self._thread)
        self._thread.started.connect(self._runner.run)
        self._runner.progressed.connect(self._on_progress)
        self._runner.succeeded.connect(self._on_succeeded)
        self._runner.failed.connect(self._on_failed)
        # Direct: quit() is thread-safe, and a queued call would never run while the GUI
        # thread blocks in wait() (closing the window during a job), so wait() timed out.
        self._runner.finished.connect(self._thread.quit, Qt.ConnectionType.DirectConnection)
        self._thread.finished.connect(self._on_thread_finished)

    def start(self) -> Job:
        Job._active.add(self)
        self._thread.start()
        return self

    @Slot()
    def cancel(self) -> None:
        self.reporter.cancel()
        self.dialog.setLabelText(self.tr("Cancelling; undoing what was done so far…"))

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until the worker thread ends (closing the window while a job runs)."""
        return self._thread.wait(msecs)

    def is_running(self) -> bool:
        return not self.finished

    def _report_from_worker(self, progress: Progress) -> None:
        # Called in the worker thread: only emit, never touch widgets here.
        self._runner.progressed.emit(progress.done, progress.total, progress.message)

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, message: str) -> None:
        if self.reporter.cancelled:
            return
        if total > 0:
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))
        if message:
            self.dialog.setLabelText(message)

    @Slot(object)
    def _on_succeeded(self, outcome: Outcome) -> None:
        self.result = outcome.value

    @Slot(object)
    def _on_failed(self, error: BaseException) -> None:
        self.error = error

    @Slot()
    def _on_thread_finished(self) -> None:
        self.finished = True
        if self._cancellable:
            # close() emits canceled too; the work is over, there is nothing to cancel.
            self.dialog.canceled.disconnect(self.cancel)
        self.dialog.close()
        self.dialog.deleteLater()
        Job._active.discard(self)
        if self.error is not None:
            self.failed.emit(self.error)
        else:
            self.succeeded.emit(Outcome(self.result))
        self.done.emit()

    @classmethod
    def running(cls) -> list[Job]:
        return list(cls._active)


def run_job(
    parent: QWidget | None,
    title: str,
    function: JobFunction,
    *,
    on_success: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    cancellable: bool = True,
) -> Job:
    """Start `function(progress)` in a worker thread; callbacks run on the GUI thread."""
    job = Job(parent, title, function, cancellable=cancellable)
    if on_success is not None:
        job.succeeded.connect(lambda outcome: on_success(outcome.value))
    if on_error is not None:
        job.failed.connect(on_error)
    return job.start()
