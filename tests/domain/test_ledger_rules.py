"""domain/ledger_rules: a 台账任务's rules in the clerk's words — every problem at once,
each naming its field — and the helpers of 年初建账 (numbers, deadlines carried over)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from kaohe_desktop.domain.deadlines import EXAMPLES
from kaohe_desktop.domain.enums import TaskCategory
from kaohe_desktop.domain.ledger_rules import (
    TASK_FIELD_LABELS,
    TASK_FIELDS,
    TaskProblem,
    chart_title,
    clean_task,
    copy_forward_numbers,
    format_points,
    join_departments,
    next_seq,
    parse_points,
    shift_deadline,
    split_departments,
    validate_task,
)

YEAR = 2026
DEPARTMENTS = ("办公室", "法规科", "稽查大队", "城区所")
TAKEN = {1: "食品安全抽检", 2: "药品监管", 50: "年度总结"}

GOOD: dict[str, Any] = {
    "seq": 51,
    "title": "开展校园周边食品安全专项整治",
    "target": "覆盖全部中小学",
    "category": "重点工作",
    "lead_department": "办公室",
    "responsible": "稽查大队、城区所",
    "deadline": "5-6月",
    "points": "10",
    "source": "县委县政府重点工作",
    "note": None,
}


def _problems(**changes: Any) -> list[TaskProblem]:
    return validate_task({**GOOD, **changes}, year=YEAR, taken_seqs=TAKEN, departments=DEPARTMENTS)


def test_the_labels_cover_every_field() -> None:
    assert set(TASK_FIELD_LABELS) == set(TASK_FIELDS)
    assert TASK_FIELD_LABELS["lead_department"] == "牵头科室"


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"seq": "52"},
        {"seq": " ５３ "},  # full-width digits from a Chinese IME
        {"category": "常规工作"},
        {"category": TaskCategory.KEY},
        {"responsible": ("稽查大队", "城区所")},
        {"responsible": "稽查大队，城区所;法规科"},
        # the lead need not be a responsible department
        {"lead_department": "法规科", "responsible": "城区所"},
        {"points": Decimal("2.5")},
        {"points": "0.25"},
        {"points": 1000},
        {"deadline": "2026-06-30"},
        {"deadline": "每季度"},
        {"title": "字" * 200},
        {"target": None, "source": "", "note": "  "},
    ],
)
def test_good_tasks_have_no_problems(changes: dict[str, Any]) -> None:
    assert _problems(**changes) == []


# changes → (field, a word its message must contain)
BAD: list[tuple[dict[str, Any], str, str]] = [
    ({"seq": 2}, "seq", "药品监管"),
    ({"seq": 2}, "seq", "建议用 51"),
    ({"seq": 0}, "seq", "序号"),
    ({"seq": "十二"}, "seq", "正整数"),
    ({"seq": None}, "seq", "序号不能为空"),
    ({"seq": True}, "seq", "序号"),
    ({"title": "  "}, "title", "工作任务不能为空"),
    ({"title": "字" * 201}, "title", "200"),
    ({"category": "一般工作"}, "category", "常规工作"),
    ({"category": None}, "category", "类别不能为空"),
    ({"lead_department": ""}, "lead_department", "牵头科室不能为空"),
    ({"lead_department": "食品科"}, "lead_department", "牵头科室“食品科”不存在"),
    ({"responsible": ""}, "responsible", "至少要有一个责任科室"),
    ({"responsible": " 、 ,"}, "responsible", "至少要有一个责任科室"),
    ({"responsible": "城区所、药品科"}, "responsible", "责任科室“药品科”不存在"),
    ({"deadline": "尽快"}, "deadline", "无法识别"),
    ({"deadline": "13月"}, "deadline", "完成时限"),
    ({"deadline": ""}, "deadline", "完成时限不能为空"),
    ({"deadline": "2025-06-30"}, "deadline", "2026"),
    ({"points": "0"}, "points", "分值必须大于 0"),
    ({"points": "-3"}, "points", "分值必须大于 0"),
    ({"points": "十分"}, "points", "不是数字"),
    ({"points": "2.555"}, "points", "2 位小数"),
    ({"points": None}, "points", "分值不能为空"),
    ({"points": "1000.5"}, "points", "1000"),
    ({"source": "源" * 101}, "source", "任务来源"),
]


@pytest.mark.parametrize(("changes", "field", "word"), BAD)
def test_each_bad_value_is_named_with_its_field(
    changes: dict[str, Any], field: str, word: str
) -> None:
    problems = _problems(**changes)
    assert [p.field for p in problems] == [field]
    assert word in problems[0].message
    # the message names the field the clerk must look at
    assert TASK_FIELD_LABELS[field] in problems[0].message


def test_a_deadline_problem_shows_what_works() -> None:
    for text in ("尽快", "13月", "7-5月"):
        (problem,) = _problems(deadline=text)
        assert EXAMPLES in problem.message


def test_every_problem_is_reported_at_once_in_field_order() -> None:
    problems = validate_task(
        {"seq": 1, "title": "", "category": "重点工作", "responsible": "", "points": "0"},
        year=YEAR,
        taken_seqs={1},
        departments=DEPARTMENTS,
    )
    assert [p.field for p in problems] == [
        "seq",
        "title",
        "lead_department",
        "responsible",
        "deadline",
        "points",
    ]
    # without the owners' titles the message still suggests the next number
    assert "本年度的其他任务" in problems[0].message and "建议用 2" in problems[0].message


def test_split_and_join_departments() -> None:
    assert split_departments(" 稽查大队、城区所，法规科,办公室；稽查大队 ") == (
        "稽查大队",
        "城区所",
        "法规科",
        "办公室",
    )
    assert split_departments(["城区所 ", "", "城区所", " 办公室"]) == ("城区所", "办公室")
    assert split_departments(None) == ()
    assert split_departments("") == ()
    assert join_departments(["稽查大队", "城区所"]) == "稽查大队、城区所"
    assert split_departments(join_departments(["甲科", "乙科"])) == ("甲科", "乙科")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("10", Decimal(10)),
        (" 2.50 ", Decimal("2.5")),
        ("１０", Decimal(10)),
        (10, Decimal(10)),
        (2.5, Decimal("2.5")),
        (Decimal("10.00"), Decimal(10)),
        ("0.01", Decimal("0.01")),
    ],
)
def test_parse_points(value: object, expected: Decimal) -> None:
    points = parse_points(value)
    assert points == expected
    assert format_points(points) == str(expected)


@pytest.mark.parametrize("value", ["", None, "0", "-1", "abc", "1.234", "1e400", True, 1001])
def test_bad_points_are_refused_in_chinese(value: object) -> None:
    with pytest.raises(ValueError, match="分值"):
        parse_points(value)


def test_format_points_writes_whole_numbers_plainly() -> None:
    assert format_points(Decimal("1E+1")) == "10"
    assert format_points(Decimal("2.50")) == "2.5"


def test_next_seq() -> None:
    assert next_seq([]) == 1
    assert next_seq([3, 1, 7]) == 8
    assert next_seq({5: "任务"}) == 6


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-06-30", "2026-06-30"),
        ("2025年6月30日前", "2026年6月30日前"),
        ("2025/6/30", "2026/6/30"),
        ("2025年度内", "2026年度内"),
        ("6月底前", "6月底前"),
        ("5-6月", "5-6月"),
        ("每季度", "每季度"),
        ("全年", "全年"),
        ("20251", "20251"),  # not a year on its own
        ("2024-06-30", "2024-06-30"),  # another year is left for the clerk to see
    ],
)
def test_shift_deadline(text: str, expected: str) -> None:
    assert shift_deadline(text, 2025, 2026) == expected


def test_shift_deadline_keeps_the_day_valid() -> None:
    assert shift_deadline("2024-02-29", 2024, 2025) == "2025-02-28"
    assert shift_deadline("2024年2月29日前", 2024, 2025) == "2025年2月28日前"
    assert shift_deadline("2025-06-30", 2025, 2025) == "2025-06-30"


def test_copy_forward_renumbers_after_the_highest_taken() -> None:
    assert copy_forward_numbers([3, 1, 7], {1, 2, 40}, renumber=True) == [41, 42, 43]
    assert copy_forward_numbers([3, 1, 7], set(), renumber=True) == [1, 2, 3]


def test_copy_forward_keeps_numbers_when_free() -> None:
    assert copy_forward_numbers([3, 1, 7], {2, 4}, renumber=False) == [3, 1, 7]


def test_copy_forward_refuses_a_clash_naming_the_numbers() -> None:
    with pytest.raises(ValueError, match="序号 3、7"):
        copy_forward_numbers([3, 1, 7], {3, 7, 9}, renumber=False)


def test_clean_task_types_the_values() -> None:
    task = clean_task({**GOOD, "seq": "51", "points": "2.50", "note": "  ", "title": " 整治 "})
    assert task.seq == 51
    assert task.title == "整治"
    assert task.category is TaskCategory.KEY
    assert task.responsible == ("稽查大队", "城区所")
    assert task.points == Decimal("2.5")
    assert task.note is None


def test_the_wall_chart_title_leaves_out_what_is_not_given() -> None:
    assert chart_title(2026, "综合科", "某县市场监管局") == (
        "某县市场监管局 2026年度 综合科 岗位目标责任台账"
    )
    assert chart_title(2026, None, "某县市场监管局") == "某县市场监管局 2026年度 岗位目标责任台账"
    assert chart_title(2026, "综合科") == "2026年度 综合科 岗位目标责任台账"
