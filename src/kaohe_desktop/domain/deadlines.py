"""完成时限: deadline windows in the clerk's own words.

A window is one of three shapes:
- a range ("5-6月", "上半年", "全年"): due in every period that overlaps it;
- a cut-off ("6月", "6月底前", "2026-06-30", "年底前"): due in the period of the cut-off;
- a recurrence ("每季度", "每月"): due in every quarter (or month) of the year.

Routine tasks are checked per quarter, key tasks per month (DESIGN.md §3), so the
due periods depend on the task's category.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import Enum

from kaohe_desktop.domain.enums import TaskCategory
from kaohe_desktop.domain.periods import Month, Quarter


class DeadlineError(ValueError):
    """An unparseable 完成时限; the message is Chinese and gives examples."""


class Recurrence(Enum):
    ONCE = "once"
    QUARTERLY = "quarterly"
    MONTHLY = "monthly"


EXAMPLES = "5-6月、6月、6月底前、2026-06-30、上半年、下半年、年底前、每季度、每月、全年"


@dataclass(frozen=True)
class DeadlineWindow:
    text: str
    year: int
    first_month: int
    last_month: int
    recurrence: Recurrence
    due: date  # the last day by which the whole task must be complete
    is_range: bool

    def due_periods(self, category: TaskCategory) -> list[Quarter | Month]:
        """The periods in which a check of this task is expected."""
        months = self._due_months()
        if category is TaskCategory.KEY:
            return [Month(self.year, m) for m in months]
        quarters: list[Quarter | Month] = []
        for m in months:
            quarter = Month(self.year, m).quarter
            if quarter not in quarters:
                quarters.append(quarter)
        return quarters

    def covers(self, month: int) -> bool:
        """Whether the window spans `month`: a range (5-6月, 上半年, 全年, 每季度, 每月)
        spans each of its months, a cut-off (6月底前, 2026-06-30) only its own."""
        return self.first_month <= month <= self.last_month

    def _due_months(self) -> list[int]:
        if self.recurrence is Recurrence.MONTHLY:
            return list(range(1, 13))
        if self.recurrence is Recurrence.QUARTERLY:
            return [3, 6, 9, 12]
        if self.is_range:
            return list(range(self.first_month, self.last_month + 1))
        return [self.last_month]

    def describe(self, category: TaskCategory) -> str:
        """The due periods in words, for showing back to the clerk."""
        periods = self.due_periods(category)
        names = [p.label().removeprefix(f"{self.year}年") for p in periods]
        return "、".join(names)


_CN_DIGITS = {
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
    "十一": 11,
    "十二": 12,
}


def _month_number(token: str) -> int:
    value = int(token) if token.isdigit() else _CN_DIGITS.get(token, 0)
    if not 1 <= value <= 12:
        raise DeadlineError(f"月份“{token}”不在 1–12 之间")
    return value


def _end_of_month(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


_MONTH = r"(\d{1,2}|十[一二]?|[一二三四五六七八九])"
_RANGE = re.compile(rf"^{_MONTH}\s*(?:-|—|–|~|～|至|到)\s*{_MONTH}\s*月(?:份)?(?:底|末)?(?:前)?$")
_SINGLE = re.compile(rf"^{_MONTH}\s*月(?:份)?(?:底|末|中旬|上旬|下旬)?(?:前|之前)?$")
_QUARTER = re.compile(r"^第?([一二三四1-4])季度(?:末|底)?(?:前)?$")
_QUARTER_NUMBERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_DAY = re.compile(r"^(\d{1,2})月(\d{1,2})日(?:前|之前)?$")
_ISO = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:前)?$")


def parse_deadline(text: str, year: int) -> DeadlineWindow:
    """Parse a 完成时限 of a task in `year`; raise DeadlineError with examples."""
    raw = str(text)
    # Chinese input methods type full-width digits and dashes (５－６月): fold them.
    cleaned = unicodedata.normalize("NFKC", re.sub(r"\s+", "", raw))
    cleaned = re.sub(r"(\d{1,2})月(?=\s*(?:-|—|–|~|～|至|到))", r"\1", cleaned)
    if not cleaned:
        raise DeadlineError(f"完成时限不能为空，可写作 {EXAMPLES}")

    def window(first: int, last: int, recurrence: Recurrence, is_range: bool) -> DeadlineWindow:
        return DeadlineWindow(
            raw.strip(), year, first, last, recurrence, _end_of_month(year, last), is_range
        )

    fixed = {
        "每季度": (1, 12, Recurrence.QUARTERLY, True),
        "每季": (1, 12, Recurrence.QUARTERLY, True),
        "每月": (1, 12, Recurrence.MONTHLY, True),
        "全年": (1, 12, Recurrence.ONCE, True),
        "上半年": (1, 6, Recurrence.ONCE, True),
        "下半年": (7, 12, Recurrence.ONCE, True),
        "年底前": (12, 12, Recurrence.ONCE, False),
        "年底": (12, 12, Recurrence.ONCE, False),
        "年内": (1, 12, Recurrence.ONCE, True),
    }
    if cleaned in fixed:
        first, last, recurrence, is_range = fixed[cleaned]
        return window(first, last, recurrence, is_range)

    if match := _QUARTER.match(cleaned):
        quarter = _QUARTER_NUMBERS[match.group(1)]
        return window(3 * quarter - 2, 3 * quarter, Recurrence.ONCE, True)

    if match := _DAY.match(cleaned):
        month, day = int(match.group(1)), int(match.group(2))
        try:
            due = date(year, month, day)
        except ValueError as exc:
            raise DeadlineError(f"完成时限“{raw}”不是有效日期") from exc
        return DeadlineWindow(raw.strip(), year, month, month, Recurrence.ONCE, due, False)

    if match := _RANGE.match(cleaned):
        first, last = _month_number(match.group(1)), _month_number(match.group(2))
        if first > last:
            raise DeadlineError(f"完成时限“{raw}”的起始月份晚于结束月份")
        return window(first, last, Recurrence.ONCE, True)

    if match := _SINGLE.match(cleaned):
        month = _month_number(match.group(1))
        return window(month, month, Recurrence.ONCE, False)

    if match := _ISO.match(cleaned):
        y, m, d = (int(g) for g in match.groups())
        try:
            due = date(y, m, d)
        except ValueError as exc:
            raise DeadlineError(f"完成时限“{raw}”不是有效日期") from exc
        if y != year:
            raise DeadlineError(f"完成时限“{raw}”不在任务年度 {year} 内")
        return DeadlineWindow(raw.strip(), year, m, m, Recurrence.ONCE, due, False)

    raise DeadlineError(f"无法识别完成时限“{raw}”，可写作 {EXAMPLES}")
