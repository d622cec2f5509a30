"""Helpers of the GUI tests that are not fixtures."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget
from tests.factories import Master

from kaohe_desktop.domain.records import (
    DEFAULT_STAFF_CATEGORIES,
    DepartmentRecord,
    ExchangeBook,
    PersonRecord,
)
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.ui.main_window import MainWindow
from kaohe_desktop.ui.workers import Job

ROSTER_CATEGORY = DEFAULT_STAFF_CATEGORIES[0]
ROSTER_PEOPLE = {"A1": "办公室", "A2": "办公室", "A3": "办公室", "B1": "财务科", "B2": "财务科"}


def _small_roster(workspace: Workspace) -> None:
    workspace.importer.apply(
        ExchangeBook(
            departments=[DepartmentRecord("办公室"), DepartmentRecord("财务科")],
            people=[
                PersonRecord(
                    code, f"人员{code}", department, ROSTER_CATEGORY, work_start=date(2020, 1, 1)
                )
                for code, department in ROSTER_PEOPLE.items()
            ],
        )
    )


# The 季度考核 GUI tests' roster, an account per role: 办公室 A1 A2 A3, 财务科 B1 B2, one staff
# category, nobody scored yet.
SMALL_ROSTER = Master(fill=_small_roster)


def open_in(qtbot: Any, window: MainWindow, path: Path) -> Workspace:
    """Open through the real File → Open path (a worker job) and wait for it."""
    job = window.file_actions.open_path(path)
    with qtbot.waitSignal(job.done, timeout=30_000):
        pass
    assert job.error is None, job.error
    assert window.workspace is not None
    return window.workspace


def wait_job(qtbot: Any, job: Job | None) -> Job:
    assert job is not None
    if not job.finished:
        with qtbot.waitSignal(job.done, timeout=60_000):
            pass
    return job


@dataclass
class SignIns:
    """Which files asked for a sign-in; `credentials` to use instead of the admin's."""

    credentials: Any = None
    cancel: bool = False
    asked: list[Path] = field(default_factory=list)


@dataclass
class Dialogs:
    """What the message helpers were asked to show; `answer` is the reply to questions."""

    answer: bool = True
    shown: list[tuple[str, str, Any]] = field(default_factory=list)

    def kinds(self) -> list[str]:
        return [kind for kind, _title, _body in self.shown]

    def last(self, kind: str) -> Any:
        return next(body for k, _t, body in reversed(self.shown) if k == kind)


class AdminHost:
    """What AdminActions needs of the main window: a window, the open file, a refresh."""

    def __init__(self, qtbot: Any, workspace: Workspace) -> None:
        self._window = QWidget()
        qtbot.addWidget(self._window)
        self.workspace = workspace
        self.file_actions = None
        self.refreshed = 0

    def refresh(self) -> None:
        self.refreshed += 1

    def current_year(self) -> int | None:
        return 2026

    def window(self) -> QWidget:
        return self._window
