"""督办单 and 整改 rules: what a notice and its rectification may hold, the words of its
colour, the sentence a notice suggests for each problem, and the deduction it carries.

Where each rule comes from:
- 红 / 黄 / 蓝 by urgency (霍林郭勒/天门 practice); the colour is also named in words
  (红色督办, 黄色督办, 蓝色提醒) wherever it is shown, so a black-and-white copy and a
  colour-blind reader lose nothing;
- an immediate deduction is a 业务工作 deduction of the half year (夏津 practice), at
  most 100 points at a time and in hundredths like every other score (ours);
- 整改 with target, items, deadline and measures (莱州 practice); a notice closes only
  when its rectification's result is verified (ours).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation

from kaohe_desktop.domain.enums import CheckStatus, NoticeColor
from kaohe_desktop.domain.periods import Month, Quarter
from kaohe_desktop.domain.text_rules import (
    NOTICE_PROBLEM,
    PERSON_REF,
    REASON,
    RECTIFICATION_TEXT,
    shorten,
)

# The words a notice's colour is printed and shown with.
COLOR_WORDS: dict[NoticeColor, str] = {
    NoticeColor.RED: "红色督办",
    NoticeColor.YELLOW: "黄色督办",
    NoticeColor.BLUE: "蓝色提醒",
}
# Most urgent first: the colour a notice about several problems takes is the first of
# its problems' colours in this order.
URGENCY_ORDER: tuple[NoticeColor, ...] = (NoticeColor.RED, NoticeColor.YELLOW, NoticeColor.BLUE)

MAX_DEDUCTION = Decimal(100)
DEDUCTION_REASON_PREFIX = "督办单扣分："
# How much of the problem the 加减分 事由 quotes (the notice number says where the rest is).
REASON_QUOTE = 60
# How much of 实际完成情况 a suggested problem sentence quotes.
ACTUAL_QUOTE = 60

QUARTER_WORDS = "一二三四"


def most_urgent(colors: Iterable[NoticeColor]) -> NoticeColor:
    """The most urgent of `colors` (蓝 when there are none)."""
    return min(colors, key=URGENCY_ORDER.index, default=NoticeColor.BLUE)


def period_words(period: Quarter | Month) -> str:
    """二季度 or 5月: how a problem sentence names the check period."""
    if isinstance(period, Quarter):
        return f"{QUARTER_WORDS[period.quarter - 1]}季度"
    return f"{period.month}月"


def problem_sentence(
    seq: int,
    title: str,
    period: Quarter | Month,
    status: CheckStatus | None,
    actual: str | None,
    due: date,
) -> str:
    """One problem of a suggested notice, e.g. 第12项“食品抽检”：二季度查账为部分完成
    （实际：完成 60%）; with no check recorded, 逾期未录 and the day it was due by."""
    head = f"第{seq}项“{shorten(title, 30)}”：{period_words(period)}"
    if status is None:
        return f"{head}未录入查账记录（应于{due.month}月{due.day}日前完成）"
    text = f"{head}查账为{status.label}"
    # The sentence closes the bracket and then the notice: a full stop of its own
    # would print 。）。
    actual = (actual or "").strip().rstrip("。；;，,. ")
    if actual:
        text += f"（实际：{shorten(actual, ACTUAL_QUOTE)}）"
    return text


def join_problems(sentences: Iterable[str]) -> str:
    """The sentences as one 存在问题 text within its limit (the last ones cut with
    an ellipsis rather than a notice that cannot be issued)."""
    text = "；".join(sentences)
    text = f"{text}。" if text else ""
    if len(text) > NOTICE_PROBLEM.limit:
        text = text[: NOTICE_PROBLEM.limit - 2] + "……"
    return text


def deduction_problem(deduction: Decimal | None) -> str | None:
    """Why an immediate deduction cannot be given, or None (no deduction is fine)."""
    if deduction is None:
        return None
    try:
        value = Decimal(deduction)
        exponent = value.as_tuple().exponent
    except (InvalidOperation, TypeError, ValueError):
        return f"扣分“{deduction}”不是数字"
    if not value.is_finite() or not isinstance(exponent, int):
        return f"扣分“{deduction}”不是数字"
    if not Decimal(0) < value <= MAX_DEDUCTION:
        return f"扣分应大于 0 且不超过 {MAX_DEDUCTION} 分（不扣分请留空），现在是 {value}"
    if value != value.quantize(Decimal("0.01")):
        return f"扣分最多两位小数，现在是 {value}"
    return None


def deduction_reason(content: str) -> str:
    """The 事由 of the 加减分 row a notice's deduction makes."""
    quoted = shorten(" ".join(content.split()), REASON_QUOTE)
    return f"{DEDUCTION_REASON_PREFIX}{quoted}"[: REASON.limit]


def notice_problems(
    content: str, issued_on: date, deadline: date, deduction: Decimal | None
) -> list[str]:
    """What is wrong with a notice's own fields, in the clerk's words."""
    found = []
    if not content.strip():
        found.append("存在问题不能为空")
    else:
        too_long = NOTICE_PROBLEM.problem(content.strip(), "存在问题")
        if too_long:
            found.append(too_long)
    if deadline < issued_on:
        found.append(f"整改时限 {deadline:%Y-%m-%d} 早于下达日期 {issued_on:%Y-%m-%d}")
    problem = deduction_problem(deduction)
    if problem:
        found.append(problem)
    return found


RECTIFICATION_FIELDS = (
    ("target", "整改目标"),
    ("items", "整改事项"),
    ("measures", "整改措施"),
)


def rectification_problems(
    texts: dict[str, str], result: str | None, deadline: date, issued_on: date
) -> list[str]:
    """What is wrong with a 整改 (its target, items and measures are all needed; the
    result comes later)."""
    found = []
    for name, label in RECTIFICATION_FIELDS:
        text = texts.get(name, "").strip()
        if not text:
            found.append(f"{label}不能为空")
            continue
        too_long = RECTIFICATION_TEXT.problem(text, label)
        if too_long:
            found.append(too_long)
    if result is not None and result.strip():
        too_long = RECTIFICATION_TEXT.problem(result.strip(), "整改结果")
        if too_long:
            found.append(too_long)
    if deadline < issued_on:
        found.append(f"整改时限 {deadline:%Y-%m-%d} 早于督办单下达日期 {issued_on:%Y-%m-%d}")
    return found


def verification_problems(
    result: str | None, verified_by: str, verified_on: date, issued_on: date, today: date
) -> list[str]:
    """Why a rectification cannot be verified (and its notice closed) now."""
    found = []
    if not (result or "").strip():
        found.append("尚未填写整改结果，不能核实")
    who = verified_by.strip()
    if not who:
        found.append("核实人不能为空")
    else:
        too_long = PERSON_REF.problem(who, "核实人")
        if too_long:
            found.append(too_long)
    if verified_on < issued_on:
        found.append(f"核实日期 {verified_on:%Y-%m-%d} 早于督办单下达日期 {issued_on:%Y-%m-%d}")
    if verified_on > today:
        found.append(f"核实日期 {verified_on:%Y-%m-%d} 晚于今天")
    return found
