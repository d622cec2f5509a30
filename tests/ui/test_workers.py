"""A service call off the GUI thread: progress, result, error, and cancelling."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget

from kaohe_desktop.services.errors import Cancelled
from kaohe_desktop.services.progress import ProgressReporter
from kaohe_desktop.ui.workers import Job, run_job


@pytest.fixture
def parent(qtbot: Any) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _closed(dialog: QProgressDialog) -> bool:
    return not shiboken6.isValid(dialog) or not dialog.isVisible()


def test_a_cancelled_long_job_reports_cancelled_and_closes_its_dialog(
    qtbot: Any, parent: QWidget
) -> None:
    steps: list[int] = []
    worker_threads: set[int] = set()

    def long_job(progress: ProgressReporter) -> str:
        worker_threads.add(threading.get_ident())
        for step in range(10_000):
            progress.report(step, 10_000, f"第 {step} 步")  # raises Cancelled once cancelled
            steps.append(step)
            time.sleep(0.002)
        return "finished"

    errors: list[BaseException] = []
    results: list[object] = []
    job = run_job(parent, "长时间工作", long_job, on_error=errors.append, on_success=results.append)
    dialog = job.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5_000)  # shown once the job outlives the delay
    qtbot.waitUntil(lambda: dialog.value() > 0, timeout=5_000)  # progress reached the GUI
    assert dialog.maximum() == 10_000

    with qtbot.waitSignal(job.done, timeout=10_000):
        qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
    assert results == []
    assert len(errors) == 1 and isinstance(errors[0], Cancelled)
    assert "取消" in str(errors[0])
    assert len(steps) < 10_000
    assert threading.get_ident() not in worker_threads
    assert not job.is_running()
    assert _closed(dialog)
    assert job not in Job.running()


def test_the_result_comes_back_on_the_gui_thread(qtbot: Any, parent: QWidget) -> None:
    gui_thread = threading.get_ident()
    seen: list[tuple[object, int]] = []
    job = run_job(
        parent,
        "计算",
        lambda progress: (progress.report(1, 1, "完成"), 42)[1],
        on_success=lambda result: seen.append((result, threading.get_ident())),
    )
    with qtbot.waitSignal(job.done, timeout=5_000):
        pass
    assert seen == [(42, gui_thread)]
    assert _closed(job.dialog) or not job.dialog.isVisible()


def test_an_error_in_the_job_is_delivered_not_raised(qtbot: Any, parent: QWidget) -> None:
    def broken(_progress: ProgressReporter) -> None:
        raise ValueError("坏数据")

    errors: list[BaseException] = []
    job = run_job(parent, "出错", broken, on_error=errors.append, cancellable=False)
    assert job.dialog.findChildren(QPushButton) == []  # nothing offers to stop it half-way
    with qtbot.waitSignal(job.done, timeout=5_000):
        pass
    assert [str(e) for e in errors] == ["坏数据"]
    assert isinstance(job.error, ValueError)


def test_wait_returns_once_the_job_ends_while_the_gui_thread_blocks(
    qtbot: Any, parent: QWidget
) -> None:
    """Closing the window waits for a running job; the GUI thread is blocked in wait()
    then, so the worker must end its thread without the GUI's event loop."""
    release = threading.Event()

    def job_function(progress: ProgressReporter) -> str:
        release.wait(5)
        return "done"

    job = run_job(parent, "等待", job_function, on_error=lambda _e: None)
    release.set()
    assert job.wait(20_000)  # timed out (False) when quit() was queued to the blocked thread
    with qtbot.waitSignal(job.done, timeout=5_000):
        pass
