"""台账任务: the rules a task must satisfy before it is saved, in the clerk's words.

The task dialog validates as the clerk types, so `validate_task` reports every
problem at once, each naming its field in Chinese; the services run the same
function again inside their transaction. Values arrive the way a form holds them
(序号 as text or a number, 责任科室 as one "、"-separated string, 分值 as text).
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from kaohe_desktop.domain.deadlines import EXAMPLES as DEADLINE_EXAMPLES
from kaohe_desktop.domain.deadlines import DeadlineError, parse_deadline
from kaohe_desktop.domain.enums import TaskCategory
from kaohe_desktop.domain.text_rules import (
    DEADLINE,
    TASK_NOTE,
    TASK_SOURCE,
    TASK_TARGET,
    TASK_TITLE,
)

TASK_FIELDS = (
    "seq",
    "title",
    "target",
    "category",
    "lead_department",
    "responsible",
    "deadline",
    "points",
    "source",
    "note",
)
TASK_FIELD_LABELS: dict[str, str] = {
    "seq": "序号",
    "title": "工作任务",
    "target": "目标要求",
    "category": "类别",
    "lead_department": "牵头科室",
    "responsible": "责任科室",
    "deadline": "完成时限",
    "points": "分值",
    "source": "任务来源",
    "note": "备注",
}

# The limits are the 台账 sheet's (domain/text_rules), so a task saved here always
# exports and imports back.
MAX_SEQ = 99999
MAX_TITLE = TASK_TITLE.limit
MAX_DEADLINE = DEADLINE.limit
MAX_SOURCE = TASK_SOURCE.limit
MAX_POINTS = Decimal(1000)
POINT_PLACES = 2

_SEPARATORS = re.compile(r"[、,，;；\s]+")  # as the workbook's 责任科室 column
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")


@dataclass(frozen=True)
class TaskProblem:
    field: str  # one of TASK_FIELDS
    message: str  # Chinese; names the field

    def __str__(self) -> str:
        # Shown as is in an error list (InputError.errors), like a workbook's CellError.
        return self.message


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def split_departments(text: str | Sequence[str] | None) -> tuple[str, ...]:
    """责任科室 as names: split on 、，,；; (or given as a list), trimmed, repeats dropped."""
    if text is None:
        return ()
    parts = _SEPARATORS.split(text) if isinstance(text, str) else [_text(t) for t in text]
    return tuple(dict.fromkeys(name.strip() for name in parts if name and name.strip()))


def join_departments(names: Sequence[str]) -> str:
    return "、".join(names)


def parse_points(value: object) -> Decimal:
    """分值: a number above 0, at most 2 decimals and 1000; ValueError in Chinese."""
    if isinstance(value, bool):  # bool is an int: 是/否 is not a score
        raise ValueError("分值应填写数字")
    if isinstance(value, Decimal | int):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(str(value))  # the shortest text that round-trips: 2.5, not 2.4999…
    else:
        text = unicodedata.normalize("NFKC", _text(value))
        if not text:
            raise ValueError("分值不能为空")
        if not _NUMBER.fullmatch(text):
            raise ValueError(f"分值“{text}”不是数字，请填写如 10 或 2.5")
        try:
            number = Decimal(text)
        except InvalidOperation as exc:  # pragma: no cover - the pattern admits only numbers
            raise ValueError(f"分值“{text}”不是数字") from exc
    if not number.is_finite():
        raise ValueError("分值应填写数字")
    if number <= 0:
        raise ValueError("分值必须大于 0")
    if number > MAX_POINTS:
        raise ValueError(f"分值不能超过 {MAX_POINTS}")
    number = number.normalize()
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > POINT_PLACES:
        raise ValueError(f"分值最多 {POINT_PLACES} 位小数")
    # 1E+1 is how normalize() writes 10: keep whole numbers plain
    return Decimal(int(number)) if number == number.to_integral_value() else number


def format_points(points: Decimal) -> str:
    """分值 as a form shows it: "10", "2.5"."""
    return format(Decimal(points).normalize(), "f")


def next_seq(taken: Iterable[int]) -> int:
    return max(taken, default=0) + 1


def _parse_seq(value: object) -> int:
    if isinstance(value, bool):
        raise ValueError("序号应为正整数")
    if isinstance(value, int):
        seq = value
    else:
        text = unicodedata.normalize("NFKC", _text(value))
        if not text:
            raise ValueError("序号不能为空")
        if not text.isdigit():
            raise ValueError(f"序号“{text}”应为正整数")
        seq = int(text)
    if not 1 <= seq <= MAX_SEQ:
        raise ValueError(f"序号应在 1–{MAX_SEQ} 之间")
    return seq


def _seq_problem(value: object, taken: Collection[int]) -> str | None:
    try:
        seq = _parse_seq(value)
    except ValueError as exc:
        return str(exc)
    if seq not in taken:
        return None
    # A caller may pass {序号: 工作任务} so the message can name the other task.
    owner = taken.get(seq) if isinstance(taken, Mapping) else None
    by = f"任务“{owner}”" if owner else "本年度的其他任务"
    return f"序号 {seq} 已被{by}使用，建议用 {next_seq(taken)}"


def _deadline_problem(value: object, year: int) -> str | None:
    text = _text(value)
    if not text:
        return f"完成时限不能为空，可写作 {DEADLINE_EXAMPLES}"
    if len(text) > MAX_DEADLINE:
        return f"完成时限不能超过 {MAX_DEADLINE} 个字"
    try:
        parse_deadline(text, year)
    except DeadlineError as exc:
        message = str(exc)
        if "完成时限" not in message:
            message = f"完成时限：{message}"
        if DEADLINE_EXAMPLES not in message:
            message = f"{message}，可写作 {DEADLINE_EXAMPLES}"
        return message
    return None


def _category_problem(value: object) -> str | None:
    text = _text(value)
    choices = "或".join(TaskCategory.labels())
    if not text:
        return f"类别不能为空，应为{choices}"
    try:
        TaskCategory.from_label(text)
    except ValueError:
        return f"类别不能是“{text}”，应为{choices}"
    return None


def validate_task(
    values: Mapping[str, Any],
    *,
    year: int,
    taken_seqs: Collection[int],
    departments: Collection[str],
) -> list[TaskProblem]:
    """Every problem of a task of `year`, in TASK_FIELDS order (empty: it may be saved).

    `taken_seqs` are the year's 序号 other than this task's own (a mapping of 序号 to
    工作任务 lets the message name the task using it); `departments` the names a task
    may name (the active ones, plus for an existing task the ones it already names).
    """
    problems: list[TaskProblem] = []

    def problem(field: str, message: str | None) -> None:
        if message:
            problems.append(TaskProblem(field, message))

    problem("seq", _seq_problem(values.get("seq"), taken_seqs))
    title = _text(values.get("title"))
    if not title:
        problem("title", "工作任务不能为空")
    elif len(title) > MAX_TITLE:
        problem("title", f"工作任务不能超过 {MAX_TITLE} 个字（现有 {len(title)} 个）")
    problem("category", _category_problem(values.get("category")))
    # The lead need not be one of the responsible departments: the wall chart puts a
    # task on the lead's chart and on every responsible department's chart, and a
    # coordinating office often leads work that others carry out.
    lead = _text(values.get("lead_department"))
    if not lead:
        problem("lead_department", "牵头科室不能为空")
    elif lead not in departments:
        problem("lead_department", f"牵头科室“{lead}”不存在或已撤销")
    responsible = split_departments(values.get("responsible"))
    unknown = [name for name in responsible if name not in departments]
    if not responsible:
        problem("responsible", "至少要有一个责任科室")
    elif unknown:
        names = "、".join(f"“{name}”" for name in unknown)
        problem("responsible", f"责任科室{names}不存在或已撤销")
    problem("deadline", _deadline_problem(values.get("deadline"), year))
    try:
        parse_points(values.get("points"))
    except ValueError as exc:
        problem("points", str(exc))
    source = _text(values.get("source"))
    if len(source) > MAX_SOURCE:
        problem("source", f"任务来源不能超过 {MAX_SOURCE} 个字")
    for field, rule in (("target", TASK_TARGET), ("note", TASK_NOTE)):
        problem(field, rule.problem(_text(values.get(field)), TASK_FIELD_LABELS[field]))
    order = {name: i for i, name in enumerate(TASK_FIELDS)}
    return sorted(problems, key=lambda p: order[p.field])


@dataclass(frozen=True)
class CleanTask:
    """A task's values after validate_task found nothing wrong, as they are stored."""

    seq: int
    title: str
    target: str | None
    category: TaskCategory
    lead_department: str
    responsible: tuple[str, ...]
    deadline: str
    points: Decimal
    source: str | None
    note: str | None


def clean_task(values: Mapping[str, Any]) -> CleanTask:
    """Typed, trimmed values of a task that passed validate_task (ValueError otherwise)."""

    def optional(name: str) -> str | None:
        return _text(values.get(name)) or None

    return CleanTask(
        seq=_parse_seq(values.get("seq")),
        title=_text(values.get("title")),
        target=optional("target"),
        category=TaskCategory.from_label(_text(values.get("category"))),
        lead_department=_text(values.get("lead_department")),
        responsible=split_departments(values.get("responsible")),
        deadline=_text(values.get("deadline")),
        points=parse_points(values.get("points")),
        source=optional("source"),
        note=optional("note"),
    )


_FULL_DATE = re.compile(r"(?<!\d)(\d{4})(\s*[-/.年]\s*)(\d{1,2})(\s*[-/.月]\s*)(\d{1,2})(?!\d)")


def shift_deadline(text: str, from_year: int, to_year: int) -> str:
    """A 完成时限 carried from one year's ledger to another's.

    Written years move ("2025-06-30" → "2026-06-30", "2025年6月30日前" → "2026年6月30日前");
    words ("6月底前", "每季度") need no change. A 29 February that the new year lacks
    becomes the 28th.
    """
    if from_year == to_year:
        return text

    def full_date(match: re.Match[str]) -> str:
        year, sep1, month, sep2, day = match.groups()
        if int(year) != from_year:
            return match.group(0)
        new_day = int(day)
        if 1 <= int(month) <= 12:
            new_day = min(new_day, calendar.monthrange(to_year, int(month))[1])
        shown_day = str(new_day).zfill(len(day))
        return f"{to_year}{sep1}{month}{sep2}{shown_day}"

    shifted = _FULL_DATE.sub(full_date, text)
    return re.sub(rf"(?<!\d){from_year}(?!\d)", str(to_year), shifted)


def copy_forward_numbers(
    old_seqs: Sequence[int], taken: Collection[int], renumber: bool
) -> list[int]:
    """The 序号 of tasks copied into a year where `taken` are already used.

    renumber: the next free numbers after the year's highest, in the old order;
    otherwise the old numbers, refused (ValueError naming them) where one is taken.
    """
    if renumber:
        start = next_seq(taken)
        return [start + i for i in range(len(old_seqs))]
    clashes = [seq for seq in old_seqs if seq in taken]
    if clashes:
        shown = "、".join(str(seq) for seq in clashes)
        raise ValueError(f"目标年度已有序号 {shown} 的任务，请选择“重新编号”或先调整序号")
    repeated = sorted({seq for seq in old_seqs if list(old_seqs).count(seq) > 1})
    if repeated:
        raise ValueError(f"序号 {'、'.join(map(str, repeated))} 重复")
    return list(old_seqs)


def chart_title(year: int, department: str | None = None, bureau: str = "") -> str:
    """墙上台账's title (DESIGN §6): `{单位} {年度}年度 {科室} 岗位目标责任台账`, the bureau
    or department left out where not given (a file name, a book of every department)."""
    parts = [bureau, f"{year}年度", department or "", "岗位目标责任台账"]
    return " ".join(part for part in parts if part)
