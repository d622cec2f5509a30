"""The steps a tab's 关闭/重新开放 share, whatever the period (a quarter's grading, a
half year's scoring): who may close or reopen it now, the close run as a job, and a
reopen with a reason through the periods' service.

Each tab keeps what is its own: the words of the blocker list and the confirmation
(laid out in closing_dialogs.py) and what "show only" filters, the service call that
closes, and how it reads the period again afterwards.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from kaohe_desktop.domain.roles import Action
from kaohe_desktop.services.errors import InputError, PermissionDeniedError, StorageError
from kaohe_desktop.services.files.periods import PeriodService, PeriodState, period_statuses
from kaohe_desktop.ui.common import messages
from kaohe_desktop.ui.common.access import Access
from kaohe_desktop.ui.periods.periods_dialog import ask_reopen_reason
from kaohe_desktop.ui.workers import Job, run_job

translate = QCoreApplication.translate


@dataclass(frozen=True)
class ClosingTarget:
    """The period a tab closes or reopens, as it stands on screen."""

    period: str  # "2026Q2", "2026H1"
    year: int
    label: str  # "2026年第二季度"
    closed: bool


def closed_text(
    access: Access, periods: PeriodService, target: ClosingTarget, *, closed: str, closed_by: str
) -> str:
    """本期已关闭（谁、何时）, or which longer period locks it, for a tab's banner.
    `closed` ("{0} is closed: …") and `closed_by` ("{0} was closed by {1} on {2}: …") say
    what is read-only on that tab."""
    try:
        statuses = period_statuses(target.year, periods.history())
    except (StorageError, PermissionDeniedError):
        statuses = []
    own = next((s for s in statuses if s.period == target.period), None)
    text = closed.format(target.label)
    if own is not None and own.who and own.at:
        when = f"{own.at:%Y-%m-%d %H:%M}"
        if own.state is PeriodState.COVERED and own.covered_by:
            labels = {s.period: s.label for s in statuses}
            text = translate(
                "PeriodClosing", "{0} is locked because {1} was closed by {2} on {3}: read-only."
            ).format(target.label, labels.get(own.covered_by, own.covered_by), own.who, when)
        else:
            text = closed_by.format(target.label, own.who, when)
        if own.text:
            text += " " + translate("PeriodClosing", "Note: {0}").format(own.text)
    if access.may(Action.REOPEN_PERIOD):
        text += " " + translate("PeriodClosing", "You can reopen it with a reason.")
    return text


def close_refusal(access: Access, target: ClosingTarget, not_allowed: str) -> str | None:
    """Why `target` cannot be closed now, or None. `not_allowed` names who may."""
    if target.closed:
        return translate("PeriodClosing", "{0} is closed already.").format(target.label)
    if access.read_only:
        return translate("PeriodClosing", "The data file is open read-only: {0}").format(
            access.read_only_reason or ""
        )
    if not access.may(Action.CLOSE_PERIOD):
        return not_allowed
    return None


def run_close(
    parent: QWidget,
    title: str,
    target: ClosingTarget,
    close: Callable[[], object],
    *,
    reread: Callable[[], object],
    not_ready: Callable[[BaseException], bool],
) -> Job:
    """Close through `close` as a job (the service checks the whole data file first).
    Either way the period is read again; `not_ready` shows a refusal for blockers and
    says whether it did, else the error is shown."""

    def closed(_result: object) -> None:
        reread()
        messages.info(
            parent, title, translate("PeriodClosing", "{0} is closed.").format(target.label)
        )

    def failed(error: BaseException) -> None:
        reread()  # what stood in the way is in the file, not on screen
        if not not_ready(error):
            messages.show_error(parent, title, error)

    return run_job(
        parent,
        translate("PeriodClosing", "Checking the data file and closing {0}…").format(target.label),
        lambda _progress: close(),
        on_success=closed,
        on_error=failed,
        cancellable=False,  # the check and the close are one step, too short to stop
    )


def reopen_refusal(
    access: Access, periods: PeriodService, target: ClosingTarget, not_allowed: str
) -> str | None:
    """Why `target` cannot be reopened now, or None. `not_allowed` names who may."""
    if not target.closed:
        return translate("PeriodClosing", "{0} is open.").format(target.label)
    if access.read_only:
        return translate("PeriodClosing", "The data file is open read-only: {0}").format(
            access.read_only_reason or ""
        )
    if not access.may(Action.REOPEN_PERIOD):
        return not_allowed
    try:
        statuses = period_statuses(target.year, periods.history())
    except (StorageError, PermissionDeniedError) as error:
        return str(error)
    labels = {status.period: status.label for status in statuses}
    own = next((s for s in statuses if s.period == target.period), None)
    if own is not None and own.state is PeriodState.COVERED and own.covered_by:
        # Reopening this period alone would not unlock it: the longer period holds it.
        return translate(
            "PeriodClosing",
            "{0} is locked because {1} is closed. Reopen {1} under Manage → Close periods.",
        ).format(target.label, labels.get(own.covered_by, own.covered_by))
    return None


def reopen_period(
    parent: QWidget,
    access: Access,
    periods: PeriodService,
    target: ClosingTarget,
    *,
    not_allowed: str,
    reread: Callable[[], object],
) -> bool:
    """Ask the reason and reopen `target`; True if it was reopened. The period is read
    again after any attempt that reached the file."""
    title = translate("PeriodClosing", "Reopen {0}").format(target.label)
    refusal = reopen_refusal(access, periods, target, not_allowed)
    if refusal is not None:
        messages.warn(parent, title, refusal)
        return False
    reason = ask_reopen_reason(parent, target.label)
    if reason is None:
        return False
    try:
        periods.reopen(target.period, reason)
    except (InputError, StorageError, PermissionDeniedError) as error:
        messages.show_error(parent, title, error)
        reread()
        return False
    reread()
    return True
