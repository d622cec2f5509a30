"""The sentences above the grid: why it is read-only, who holds a department, what the
flags mean and what the clerk can do about them.

Banners, not message boxes: a closed quarter or a department someone else edits is
a state that lasts, and the clerk keeps reading the grid while it is shown.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication

from kaohe_desktop.domain.grading import Flag
from kaohe_desktop.domain.roles import Action
from kaohe_desktop.services.files.periods import PeriodService
from kaohe_desktop.services.quarterly.views import GradingSheet
from kaohe_desktop.ui.common.access import Access
from kaohe_desktop.ui.periods import period_closing
from kaohe_desktop.ui.periods.period_closing import ClosingTarget

translate = QCoreApplication.translate


def closed_text(access: Access, periods: PeriodService, sheet: GradingSheet) -> str:
    """本季度已关闭（谁、何时）, or which longer period locks it."""
    quarter = sheet.quarter
    return period_closing.closed_text(
        access,
        periods,
        ClosingTarget(str(quarter), quarter.year, quarter.label(), sheet.closed),
        closed=translate("QuarterlyBanners", "{0} is closed: the grid is read-only."),
        closed_by=translate(
            "QuarterlyBanners", "{0} was closed by {1} on {2}: the grid is read-only."
        ),
    )


def edit_state_text(access: Access, periods: PeriodService, sheet: GradingSheet) -> str | None:
    """Why nobody can type into this grid here (None: the clerk may)."""
    if sheet.closed:
        return closed_text(access, periods, sheet)
    if access.read_only:
        return translate(
            "QuarterlyBanners", "Scores cannot be entered: the data file is open read-only ({0})."
        ).format(access.read_only_reason or "")
    if not access.may(Action.ENTER_DATA):
        return translate(
            "QuarterlyBanners", "Your role ({0}) may view the grading but not change it."
        ).format(access.actor.role.label)
    return None


def lease_text(refused: Mapping[int, str], names: Mapping[int, str]) -> str:
    lines = [f"{names.get(d, '')}：{reason}" for d, reason in refused.items()]
    heading = translate(
        "QuarterlyBanners",
        "These departments are read-only here while another workstation edits them:",
    )
    return "\n".join([heading, *lines])


def flags_text(sheet: GradingSheet) -> str:
    """What the flags mean and the ways out, with the slots left in each scope."""
    flagged = [r for r in sheet.rows if r.flag is not None]
    ties = sum(1 for r in flagged if r.flag is Flag.TIE_OVER_QUOTA)
    manual = sum(1 for r in flagged if r.flag is Flag.MANUAL_GOOD_OVER_QUOTA)
    below = sum(1 for r in flagged if r.flag is Flag.OVERRIDE_BELOW_LINE)
    scopes = {sheet.quota_for(r).department_id for r in flagged}
    left = "、".join(
        f"{label} {count.remaining}"
        for label, count in sheet.quota_lines()
        if count.department_id in scopes
    )
    parts = []
    if ties:
        parts.append(
            translate(
                "QuarterlyBanners",
                "{0} people are equal on 综合得分, 领导测评分 and 实绩分 across the last 好 slot, "
                "so all of them are 较好 for now. Ways out: set 好 by hand (Adjust grade…) "
                "for as many of them as there are slots left ({1}); confirm 较好 for the "
                "others (Adjust grade… → 较好, with the committee's reason); or correct a "
                "score that was entered wrongly.",
            ).format(ties, left)
        )
    if manual:
        parts.append(
            translate(
                "QuarterlyBanners",
                "{0} people were set to 好 by hand, more than the quota allows now, so none "
                "of those counts: clear the manual 好 of some of them (Adjust grade… → "
                "Clear) until they fit the slots ({1}).",
            ).format(manual, left)
        )
    if below:
        parts.append(
            translate(
                "QuarterlyBanners",
                "{0} people have 好 or 较好 set by hand but a 综合得分 now under the 好 line, "
                "so the setting does not count: clear it (Adjust grade… → Clear) or correct "
                "the score.",
            ).format(below)
        )
    return "\n".join(parts)
