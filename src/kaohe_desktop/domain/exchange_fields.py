"""The kinds of column of the exchange workbook: how a cell becomes a value.

A `Field` is a converter plus the words 填写说明 uses for it. Text columns take
their limit and their kind (编号, a name, free text) from `domain/text_rules`, the
rules every dialog uses too, so a value the import takes can be saved in a dialog
and the other way round.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from typing import Any

from kaohe_desktop.domain import text_rules
from kaohe_desktop.domain.check_rules import notice_number, parse_notice_number
from kaohe_desktop.domain.deadlines import EXAMPLES as DEADLINE_EXAMPLES
from kaohe_desktop.domain.enums import CommendationType, DisciplineType, LabeledEnum, QuarterGrade
from kaohe_desktop.domain.exchange_cells import (
    DATE_EXAMPLE,
    CellValueError,
    to_bool,
    to_check_period,
    to_date,
    to_decimal,
    to_departments,
    to_enum,
    to_half,
    to_int,
    to_normalized_text,
    to_one_of,
    to_quarter,
    to_text,
)
from kaohe_desktop.domain.exchange_schema import NOTICE_STATES
from kaohe_desktop.domain.periods import MAX_YEAR, MIN_YEAR
from kaohe_desktop.domain.quarterly_rules import SCORE_MAX, SCORE_MIN
from kaohe_desktop.domain.text_rules import TextKind, TextRule

ONLY_SPACES = "只有空格或不可见字符，请填写实际内容"


@dataclass(frozen=True)
class Field:
    convert: Callable[[object], Any]  # non-blank cell → value; raises CellValueError
    fmt: str  # the format, in words, for 填写说明
    # "text", "number", "date", "choice" or "ignored": how the template formats the column
    kind: str = "text"
    default: Any = None  # the value of a blank optional cell
    code: bool = False  # 编号: its case is folded as the bureau chooses (parse_book)


def checked_text(text: str, rule: TextRule) -> str:
    """`text` cleaned as its kind is, then held to the rule; CellValueError if not."""
    text = text_rules.cleaned(rule, text)
    if not text:
        raise CellValueError(ONLY_SPACES)
    problem = rule.problem(text)
    if problem is not None:
        raise CellValueError(problem)
    return text


def _text(value: object, rule: TextRule) -> str:
    return checked_text(to_text(value), rule)


def _fmt(rule: TextRule, what: str = "文本") -> str:
    formula = "" if rule.kind is TextKind.FREE else "，不能是公式"
    return f"{what}，最多 {rule.limit} 个字{formula}"


def text_field(rule: TextRule, what: str = "文本") -> Field:
    return Field(partial(_text, rule=rule), _fmt(rule, what), code=rule.kind is TextKind.CODE)


def _departments(value: object) -> tuple[str, ...]:
    names = (checked_text(name, text_rules.DEPARTMENT_NAME) for name in to_departments(value))
    return tuple(dict.fromkeys(names))  # "办公室、办公 室" names one department


def _deadline(value: object) -> str:
    # deadlines.parse_deadline knows ASCII "-" and "~" but not their full-width forms
    return checked_text(to_normalized_text(value), text_rules.DEADLINE)


def choice(kind: type[LabeledEnum], default: LabeledEnum | None = None) -> Field:
    return Field(partial(to_enum, kind=kind), "从下拉列表中选择", "choice", default)


def _decimal(low: str, high: str, places: int, fmt: str) -> Field:
    convert = partial(to_decimal, low=Decimal(low), high=Decimal(high), places=places)
    return Field(convert, fmt, "number")


CODE = text_field(text_rules.CODE, "人员编号")
DEPARTMENT = text_field(text_rules.DEPARTMENT_NAME, "科室名称")
CATEGORY = text_field(text_rules.CATEGORY_NAME, "人员类别名称")
YEAR = Field(partial(to_int, low=MIN_YEAR, high=MAX_YEAR), "四位年份，如 2026", "number")
SEQ = Field(partial(to_int, low=1, high=99999), "正整数", "number")
ORDER = Field(partial(to_int, low=-99999, high=99999), "整数", "number")
DATE = Field(to_date, f"日期，如 {DATE_EXAMPLE}", "date")
# The range of quarterly_rules.check_score, the grid's own check of a typed score.
SCORE = _decimal(str(SCORE_MIN), str(SCORE_MAX), 1, "0–100 的数值，最多 1 位小数")
TASK_POINTS = _decimal("0", "1000", 2, "大于 0 的数值，最多 2 位小数")
SIGNED_POINTS = _decimal("-1000", "1000", 2, "数值，最多 2 位小数；扣分写负数")
COMMENT_POINTS = _decimal("-100", "100", 2, "数值，最多 2 位小数；表扬为正，批评为负")
YES_NO = Field(to_bool, "是 或 否，空白视为否", "choice", False)
HALF = Field(to_half, "半年，如 2026H1、2026H2")
QUARTER = Field(to_quarter, "季度，如 2026Q2")
CHECK_PERIOD = Field(to_check_period, "常规工作写季度（2026Q2），重点工作写月份（2026-05）")
DEPARTMENTS = Field(_departments, "一个或多个科室名称，用、或 , 分隔")
DEADLINE = Field(_deadline, f"如 {DEADLINE_EXAMPLES}")
# 好 and 较好 by hand are checked against the quarter as the grid checks them, once
# the rows are in the file (services/exchange/overrides); here only the word.
OVERRIDE = Field(
    partial(to_enum, kind=QuarterGrade),
    "好（名额内）、较好（并列超出名额时）或较差，并填写调整理由",
    "choice",
)
REWARD_TYPE = Field(
    partial(to_one_of, kinds=(CommendationType, DisciplineType)), "奖励或处分的类型", "choice"
)


def _notice_number(value: object) -> str:
    """督办〔2026〕第3号 as the file writes it: brackets typed [] 【】 () folded to 〔〕."""
    try:
        year, serial = parse_notice_number(to_normalized_text(value))
    except ValueError as exc:
        raise CellValueError(str(exc)) from None
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise CellValueError(f"督办单编号的年份 {year} 超出范围（{MIN_YEAR}–{MAX_YEAR}）")
    return notice_number(year, serial)


_SEQ_SEPARATORS = re.compile(r"[、,，;；\s]+")


def _seqs(value: object) -> tuple[int, ...]:
    """序号 of one or several tasks: 3, or 3、7 (、 , ， ; ； or spaces between)."""
    if not isinstance(value, str):
        return (SEQ.convert(value),)
    parts = [part for part in _SEQ_SEPARATORS.split(to_normalized_text(value)) if part]
    if not parts:
        raise CellValueError("未填写序号，多个序号用、分隔，如 3、7")
    seqs: list[int] = []
    for part in parts:
        try:
            seqs.append(SEQ.convert(part))
        except CellValueError as exc:
            if len(parts) == 1:
                raise
            raise CellValueError(f"序号“{text_rules.shorten(part)}”：{exc.reason}") from None
    return tuple(dict.fromkeys(seqs))


_CLOSED = dict(zip(NOTICE_STATES, (False, True), strict=True))  # 整改中, 已办结


def _notice_state(value: object) -> bool:
    text = re.sub(r"\s+", "", to_normalized_text(value))
    if text not in _CLOSED:
        raise CellValueError(f"“{text}”不是可选值，可选：{'、'.join(_CLOSED)}")
    return _CLOSED[text]


def notice_state_label(closed: bool) -> str:
    return next(label for label, value in _CLOSED.items() if value is closed)


NOTICE_NUMBER = Field(_notice_number, "督办单编号，如 督办〔2026〕第3号")
TASK_SEQS = Field(_seqs, "正整数；多个任务的序号用、分隔，如 3、7")
# A notice's immediate deduction (DESIGN §3); 0 takes a stored one back.
NOTICE_DEDUCTION = _decimal("0", "100", 2, "0–100 的数值，最多 2 位小数；填 0 取消扣分")
NOTICE_STATE = Field(_notice_state, "整改中 或 已办结（须整改已核实）", "choice")
# 佐证附件 is written by the export for the reader; the import takes no files from it.
IGNORED = Field(lambda value: None, "导出时列出所附文件名，导入时忽略", "ignored")
