"""The sentences of the 年度考核 tab that several of its parts say: the year's state
(closed by whom and when, a draft and which quarters keep it one), why a row cannot
be recommended, and the quota counter in one line.

Pure functions over the sheet and the open file, so the banner, the actions' tooltips
and the dialogs say the same thing in the same words.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from kaohe_desktop.domain.annual_assessment import Participation, QuotaCounter
from kaohe_desktop.domain.enums import AnnualGrade
from kaohe_desktop.domain.periods import PeriodError, parse_closable
from kaohe_desktop.domain.quarterly_rules import percent
from kaohe_desktop.domain.roles import Action
from kaohe_desktop.services.archive.views import AnnualSheetView
from kaohe_desktop.services.errors import PermissionDeniedError, StorageError
from kaohe_desktop.services.files.periods import PeriodService, PeriodState, period_statuses
from kaohe_desktop.ui.common.access import Access

translate = QCoreApplication.translate

# AnnualRowView holds labels, as the clerk reads them.
PARTICIPANT = Participation.PARTICIPANT.label
NOT_GRADED = Participation.NOT_GRADED.label
EXCELLENT = AnnualGrade.EXCELLENT.label


def period_label(text: str) -> str:
    """ "2026Q4" → 2026年第四季度 (the text itself when it is not a period we know)."""
    try:
        return parse_closable(text).label()
    except PeriodError:
        return text


def year_label(year: int) -> str:
    return f"{year}年度"


def who_text(access: Access, username: str) -> str:
    """The account's display name where this workstation knows it (its own account)."""
    actor = access.actor
    if username == actor.username and actor.display_name and actor.display_name != username:
        return f"{actor.display_name}（{username}）"
    return username


def open_periods(periods: PeriodService, year: int) -> list[str]:
    """The labels of the year's quarters and halves not closed yet (closing the year
    stores and locks them with it); empty when the history cannot be read."""
    try:
        statuses = period_statuses(year, periods.history())
    except (StorageError, PermissionDeniedError):
        return []
    return [
        s.label
        for s in statuses
        if s.period != str(year) and s.state in (PeriodState.OPEN, PeriodState.REOPENED)
    ]


def closed_text(access: Access, periods: PeriodService, year: int) -> str:
    """本年度已关闭（谁、何时、备注）, for the tab's banner."""
    label = year_label(year)
    try:
        statuses = period_statuses(year, periods.history())
    except (StorageError, PermissionDeniedError):
        statuses = []
    own = next((s for s in statuses if s.period == str(year)), None)
    if own is not None and own.who and own.at:
        text = translate(
            "AnnualTexts",
            "The annual assessment of {0} was closed by {1} on {2}: every grade is stored "
            "and read-only.",
        ).format(label, who_text(access, own.who), f"{own.at:%Y-%m-%d %H:%M}")
        if own.text:
            text += " " + translate("AnnualTexts", "Note: {0}").format(own.text)
    else:
        text = translate(
            "AnnualTexts", "The annual assessment of {0} is closed: every grade is read-only."
        ).format(label)
    if access.may(Action.REOPEN_PERIOD):
        text += " " + translate("AnnualTexts", "You can reopen it with a reason.")
    return text


def draft_text(sheet: AnnualSheetView) -> str:
    """The year is a draft while quarters are open: which, and what that means."""
    quarters = "、".join(period_label(q) for q in sheet.open_quarters)
    return translate(
        "AnnualTexts",
        "Draft: {0} not closed yet. Their grades are read as the quarter's grid shows them "
        "now and may still change; close them in the Quarterly assessment tab (closing the "
        "year also stores them).",
    ).format(quarters)


def edit_refusal(access: Access, periods: PeriodService, sheet: AnnualSheetView) -> str | None:
    """Why nothing of this year can be changed here (None: the clerk may)."""
    if sheet.closed:
        return closed_text(access, periods, sheet.year)
    if access.read_only:
        return translate(
            "AnnualTexts", "Nothing can be changed: the data file is open read-only ({0})."
        ).format(access.read_only_reason or "")
    if not access.may(Action.ENTER_DATA):
        return translate(
            "AnnualTexts",
            "Your role ({0}) may view the annual assessment but not change it.",
        ).format(access.actor.role.label)
    return None


def already_recommended(name: str) -> str:
    return translate("AnnualTexts", "{0} is recommended for 优秀 already.").format(name)


def counter_text(counter: QuotaCounter) -> str:
    """优秀名额 N · 已推荐 M · 剩余 K (plain, for tooltips and tests)."""
    return translate("AnnualTexts", "优秀 quota {0} · recommended {1} · left {2}").format(
        counter.quota, counter.recommended, counter.remaining
    )


def base_text(counter: QuotaCounter) -> str:
    """参加考核 P 人（不定等次 a 人，不参加 b 人不计入）."""
    return translate(
        "AnnualTexts",
        "{0} people assessed ({1} 不定等次 and {2} 不参加 not counted)",
    ).format(counter.participants, counter.not_graded, counter.not_participating)


def quota_rule_text(counter: QuotaCounter) -> str:
    return translate(
        "AnnualTexts", "优秀 quota = ⌊{0} × {1}⌋ = {2}: at most {1} of those assessed, rounded down"
    ).format(counter.participants, percent(counter.share), counter.quota)
