"""The demo with one of every kind of value the screens can produce.

`generate_demo_book(every_kind=True)` adds these to the ordinary demo, so that the
exchange round trip, the exports and the printed reports are tried on the edges and
not only on typical rows: every text at its limit (domain/text_rules), free text
that starts like a formula or runs over several lines, full-width characters in
names, every optional cell empty somewhere, a grade of 好 and of 较差 set by hand.
Kept out of the ordinary demo, whose rows read like a real bureau's.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from kaohe_desktop.domain import text_rules as rules
from kaohe_desktop.domain.enums import (
    AdjustmentCategory,
    CheckLevel,
    CheckStatus,
    CommendationLevel,
    CommendationType,
    CommentKind,
    DisciplineType,
    Gender,
    PersonStatus,
    PoliticalStatus,
    QuarterGrade,
    TalkKind,
    TaskCategory,
)
from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.domain.records import (
    AdjustmentRecord,
    AssessmentRecord,
    CheckRecord,
    CommentRecord,
    DepartmentRecord,
    ExchangeBook,
    PersonRecord,
    RewardRecord,
    TalkRecord,
    TaskRecord,
)
from kaohe_desktop.domain.text_rules import TextRule

CATEGORY = "一般公务员"


def full(rule: TextRule, start: str = "", fill: str = "测") -> str:
    """A text exactly at `rule`'s limit, beginning with `start`."""
    return (start + fill * rule.limit)[: rule.limit]


def lines(rule: TextRule, first: str) -> str:
    """Free text at its limit over several lines, as a multi-line box holds it."""
    line = "第一行：按计划推进，完成情况良好。\n"
    return (first + "\n" + line * (rule.limit // len(line) + 1))[: rule.limit].strip()


def add_every_kind(book: ExchangeBook, year: int) -> None:
    """Add the edge rows to `book` (the ordinary demo of `year`) in place."""
    long_dept = full(rules.DEPARTMENT_NAME, "边界测试科")
    wide_dept = "城关所（一）执法１队"  # full-width brackets and digit, as typed
    book.departments += [
        DepartmentRecord(long_dept, full(rules.GROUP_NAME, "边界组")),
        DepartmentRecord(wide_dept),  # no group, kind or order
    ]
    top = full(rules.CODE, "XJ", "9")
    plain = "XJ8001"
    book.people += [
        PersonRecord(top, full(rules.PERSON_NAME, "欧阳"), long_dept, CATEGORY, Gender.FEMALE,
                     date(1980, 2, 29), PoliticalStatus.CPC_MEMBER,
                     full(rules.POSITION, "一级主任科员"), True, date(2000, 7, 1),
                     PersonStatus.ACTIVE),
        PersonRecord(plain, "张三", wide_dept, CATEGORY, work_start=date(2001, 1, 1)),
    ]  # fmt: skip
    key_task = max((t.seq for t in book.tasks if t.year == year), default=0) + 1
    book.tasks += [
        TaskRecord(year, key_task, full(rules.TASK_TITLE, '="FQ"&TEXT(ROW()-1,"0000")'),
                   TaskCategory.ROUTINE, long_dept, (long_dept, wide_dept), "每季度",
                   Decimal("12.25"), lines(rules.TASK_TARGET, "=cmd|' /C calc'!A0"),
                   full(rules.TASK_SOURCE, "@县政府工作报告"), lines(rules.TASK_NOTE, "-备注")),
        TaskRecord(year, key_task + 1, "最短", TaskCategory.KEY, wide_dept, (wide_dept,), "每月",
                   Decimal("0.01")),
    ]  # fmt: skip
    quarter = Quarter(year, 2)
    book.checks += [
        CheckRecord(year, key_task, long_dept, str(quarter), CheckStatus.PARTIAL,
                    lines(rules.CHECK_ACTUAL, "+完成情况"), lines(rules.EVIDENCE, "佐证"),
                    CheckLevel.LEADERSHIP, full(rules.PERSON_REF, "核查人"), quarter.end),
        CheckRecord(year, key_task, wide_dept, str(quarter), CheckStatus.NOT_DUE),
        CheckRecord(year, key_task + 1, wide_dept, f"{year}-05", CheckStatus.MISSED),
    ]  # fmt: skip
    half = f"{year}H1"
    book.adjustments += [
        AdjustmentRecord(half, long_dept, AdjustmentCategory.BONUS, Decimal("999.99"),
                         full(rules.REASON, "=表彰"), CommendationLevel.NATIONAL,
                         full(rules.DOC_NO, "国〔2026〕"), date(year, 6, 30)),
        AdjustmentRecord(half, wide_dept, AdjustmentCategory.INTEGRITY, Decimal("-0.01"), "扣"),
        AdjustmentRecord(half, wide_dept, AdjustmentCategory.VETO, Decimal(0),
                         lines(rules.REASON, "一票否决")),
    ]  # fmt: skip
    # 100 / 100 is above every demo score (they stop at 99.5), so `top` leads the
    # quarter and may be set to 好 by hand whatever the quota; `plain` is set to 较差.
    book.assessments += [
        AssessmentRecord(str(quarter), top, Decimal(100), Decimal(100), Decimal("100"),
                         QuarterGrade.GOOD, full(rules.OVERRIDE_REASON, "=经考核委员会研究")),
        AssessmentRecord(str(quarter), plain, Decimal(0), Decimal("0.1"), Decimal(-100),
                         QuarterGrade.POOR, full(rules.OVERRIDE_REASON, "旷工")),
    ]  # fmt: skip
    book.comments += [
        CommentRecord(top, quarter.start, CommentKind.PRAISE, Decimal(100),
                      lines(rules.COMMENT_TEXT, "=表扬")),
        CommentRecord(plain, quarter.end, CommentKind.CRITICISM, Decimal("-0.01"), "批"),
    ]  # fmt: skip
    book.rewards += [
        RewardRecord(top, date(year, 1, 1), CommendationType.MERIT_1,
                     lines(rules.REASON, "一等功"), full(rules.DOC_NO, "省〔2026〕"),
                     date(year + 1, 12, 31)),
        RewardRecord(plain, date(year, 12, 31), DisciplineType.DEMERIT),
    ]  # fmt: skip
    book.talks += [
        TalkRecord(top, date(year, 3, 1), full(rules.PERSON_REF, "局长"), TalkKind.KEY_POST,
                   lines(rules.TALK_SUMMARY, "=谈话要点")),
        TalkRecord(plain, date(year, 3, 2), "副局长"),
    ]  # fmt: skip
