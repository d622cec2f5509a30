"""A 督办单 as the printed form shows it (reports/notice_content.NoticeSheet)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.check_rules import check_period_label
from kaohe_desktop.domain.enums import NoticeColor
from kaohe_desktop.domain.notice_rules import COLOR_WORDS
from kaohe_desktop.reports.notice_content import (
    NoticeSheet,
    NoticeTaskLine,
    RectificationContent,
)
from kaohe_desktop.services.checks.settings import read_check_settings
from kaohe_desktop.services.checks.views import NoticeView
from kaohe_desktop.storage.models import AccountRow
from kaohe_desktop.storage.queries.org import bureau_name

URGENCY: dict[NoticeColor, str] = {
    NoticeColor.RED: "紧急 · 限期整改",
    NoticeColor.YELLOW: "较急 · 限期整改",
    NoticeColor.BLUE: "提示 · 请在时限前完成",
}


def _display_name(session: Session, username: str) -> str:
    name = session.scalars(
        select(AccountRow.display_name).where(AccountRow.username == username)
    ).first()
    return (name or "").strip() or username


def _amount(view: NoticeView) -> str:
    if view.deduction is None:
        return "无"
    return f"{view.deduction:f} 分（计入半年考核业务工作）"


def notice_sheet(session: Session, view: NoticeView, printed_on: date) -> NoticeSheet:
    rectification = view.rectification
    return NoticeSheet(
        bureau=bureau_name(session),
        number=view.number,
        color=view.color,
        color_words=COLOR_WORDS[view.color],
        urgency=URGENCY[view.color],
        department=view.department,
        period=check_period_label(view.period),
        tasks=tuple(NoticeTaskLine(t.seq, t.title) for t in view.tasks),
        problem=view.content,
        deadline=view.deadline,
        deduction=_amount(view),
        issued_on=view.issued_on,
        issued_by=_display_name(session, view.issued_by),
        status="已核实销号" if view.closed else "整改中",
        supervision_department=read_check_settings(session).supervision_department or "",
        rectification=None
        if rectification is None
        else RectificationContent(
            target=rectification.target,
            items=rectification.items,
            deadline=rectification.deadline,
            measures=rectification.measures,
            result=rectification.result,
            verified_by=rectification.verified_by if rectification.verified else None,
            verified_on=rectification.verified_on if rectification.verified else None,
        ),
        printed_on=printed_on,
    )
