"""domain/notice_rules: the words of a notice, its problem sentences and its limits."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from kaohe_desktop.domain.enums import CheckStatus, NoticeColor
from kaohe_desktop.domain.notice_rules import (
    COLOR_WORDS,
    deduction_problem,
    deduction_reason,
    join_problems,
    most_urgent,
    notice_problems,
    problem_sentence,
    rectification_problems,
    verification_problems,
)
from kaohe_desktop.domain.periods import Month, Quarter

RED, YELLOW, BLUE = NoticeColor.RED, NoticeColor.YELLOW, NoticeColor.BLUE
JULY_10 = date(2026, 7, 10)


def test_every_colour_has_its_words() -> None:
    assert COLOR_WORDS == {RED: "红色督办", YELLOW: "黄色督办", BLUE: "蓝色提醒"}


@pytest.mark.parametrize(
    ("colors", "expected"),
    [([BLUE, YELLOW], YELLOW), ([YELLOW, RED, BLUE], RED), ([BLUE], BLUE), ([], BLUE)],
)
def test_a_notice_about_several_problems_takes_the_most_urgent_colour(
    colors: list[NoticeColor], expected: NoticeColor
) -> None:
    assert most_urgent(colors) is expected


def test_problem_sentences_name_the_task_the_period_and_what_was_found() -> None:
    june_30 = date(2026, 6, 30)
    assert (
        problem_sentence(
            12, "食品抽检", Quarter(2026, 2), CheckStatus.PARTIAL, "完成 60%。", june_30
        )
        == "第12项“食品抽检”：二季度查账为部分完成（实际：完成 60%）"
    )
    assert (
        problem_sentence(3, "专项整治", Month(2026, 5), CheckStatus.MISSED, "  ", june_30)
        == "第3项“专项整治”：5月查账为未完成"
    )
    assert (
        problem_sentence(1, "总结", Quarter(2026, 4), None, None, date(2026, 12, 31))
        == "第1项“总结”：四季度未录入查账记录（应于12月31日前完成）"
    )
    long_actual = "甲" * 100
    sentence = problem_sentence(
        1, "乙" * 50, Quarter(2026, 1), CheckStatus.LATE, long_actual, june_30
    )
    assert sentence == f"第1项“{'乙' * 30}…”：一季度查账为逾期完成（实际：{'甲' * 60}…）"


def test_the_problems_join_into_one_text_within_its_limit() -> None:
    assert join_problems(["甲", "乙"]) == "甲；乙。"
    assert join_problems([]) == ""
    text = join_problems(["问" * 400] * 3)
    assert len(text) == 1000 and text.endswith("……")


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (None, None),
        (Decimal("0.01"), None),
        (Decimal(100), None),
        (Decimal("12.50"), None),
        (Decimal(0), "扣分应大于 0 且不超过 100 分（不扣分请留空），现在是 0"),
        (Decimal("-2"), "扣分应大于 0 且不超过 100 分（不扣分请留空），现在是 -2"),
        (Decimal("100.01"), "扣分应大于 0 且不超过 100 分（不扣分请留空），现在是 100.01"),
        (Decimal("2.345"), "扣分最多两位小数，现在是 2.345"),
        (Decimal("NaN"), "扣分“NaN”不是数字"),
    ],
)
def test_a_deduction_is_0_to_100_exclusive_of_0_in_hundredths(
    value: Decimal | None, problem: str | None
) -> None:
    assert deduction_problem(value) == problem


def test_the_adjustment_reason_quotes_the_problem_briefly() -> None:
    assert deduction_reason("第1项  逾期\n未报") == "督办单扣分：第1项 逾期 未报"
    assert deduction_reason("问" * 100) == "督办单扣分：" + "问" * 60 + "…"


def test_a_notice_needs_a_problem_and_a_deadline_not_before_it_is_issued() -> None:
    assert notice_problems("逾期", JULY_10, JULY_10, None) == []
    assert notice_problems(" ", JULY_10, date(2026, 7, 9), Decimal(0)) == [
        "存在问题不能为空",
        "整改时限 2026-07-09 早于下达日期 2026-07-10",
        "扣分应大于 0 且不超过 100 分（不扣分请留空），现在是 0",
    ]
    assert notice_problems("问" * 1001, JULY_10, JULY_10, None) == [
        "存在问题最多 1000 个字，现在是 1001 个"
    ]


def test_a_rectification_needs_target_items_and_measures() -> None:
    plan = {"target": "按期完成", "items": "补查", "measures": "专人负责"}
    assert rectification_problems(plan, None, JULY_10, JULY_10) == []
    assert rectification_problems(
        {"target": "", "items": "补查", "measures": "问" * 1001}, "果" * 1001,
        date(2026, 7, 1), JULY_10,
    ) == [
        "整改目标不能为空",
        "整改措施最多 1000 个字，现在是 1001 个",
        "整改结果最多 1000 个字，现在是 1001 个",
        "整改时限 2026-07-01 早于督办单下达日期 2026-07-10",
    ]  # fmt: skip


def test_verifying_needs_a_result_a_verifier_and_a_day_between_issue_and_today() -> None:
    assert verification_problems("已完成", "王督查", JULY_10, JULY_10, JULY_10) == []
    assert verification_problems(None, " ", date(2026, 7, 9), JULY_10, JULY_10) == [
        "尚未填写整改结果，不能核实",
        "核实人不能为空",
        "核实日期 2026-07-09 早于督办单下达日期 2026-07-10",
    ]
    assert verification_problems("已完成", "=A1", date(2026, 7, 11), JULY_10, JULY_10) == [
        "核实人不能是公式（=A1），请填写实际内容",
        "核实日期 2026-07-11 晚于今天",
    ]
