"""What a printed 督办单 shows: plain values built by services/checks (notice_print)
from one notice, drawn by reports/pdf_notice. Nothing here knows the database or Qt;
dates are already dates and amounts already text, so the writer only lays out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kaohe_desktop.domain.enums import NoticeColor


@dataclass(frozen=True)
class NoticeTaskLine:
    seq: int  # 序号 of the ledger task
    title: str  # 工作任务


@dataclass(frozen=True)
class RectificationContent:
    """整改情况 as recorded (the form prints ruled blank lines where there is none)."""

    target: str
    items: str
    deadline: date
    measures: str
    result: str | None
    verified_by: str | None
    verified_on: date | None


@dataclass(frozen=True)
class NoticeSheet:
    bureau: str  # {单位}, printed above the title
    number: str  # 督办〔2026〕第3号
    color: NoticeColor
    color_words: str  # 红色督办 / 黄色督办 / 蓝色提醒
    urgency: str  # the band's second line, e.g. 紧急：限期整改
    department: str  # 责任科室
    period: str  # 检查期间, e.g. 2026年第二季度
    tasks: tuple[NoticeTaskLine, ...]
    problem: str  # 存在问题
    deadline: date  # 整改时限
    deduction: str  # "5 分" or "无"
    issued_on: date  # 下达日期
    issued_by: str  # 下达人 (the account's display name)
    status: str  # 整改中 / 已核实销号
    supervision_department: str  # 督查科室, "" when not set
    rectification: RectificationContent | None
    printed_on: date
