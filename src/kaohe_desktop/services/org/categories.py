"""基础数据 · 人员类别: the one service for the bureau's staff categories.

A new data file has the four default categories (storage/database.py); a bureau whose
leaders are assessed apart (QuarterlyRules.ungraded_categories, e.g. 局领导) adds its
own here before importing the people who belong to it. Listing (with how many people
are of each, and whether the current quarter's scheme leaves it ungraded), adding,
reordering (the order of the ranking workbook's sheets), deleting one nobody is of,
and renaming it through the RecordEditor base (conflict-checked).

People point at the category's id, so a rename shows on every one of them. The 考核方案
name categories by text: a category any stored quarterly scheme lists as not graded
(set ahead or frozen) keeps its name, since a frozen scheme cannot follow a rename and
would silently start grading its people.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kaohe_desktop.domain import text_rules
from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.domain.roles import Action
from kaohe_desktop.services.access.guard import Guard, requires
from kaohe_desktop.services.common.record_edit import FieldSpec, RecordEditor
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.services.org import names
from kaohe_desktop.services.quarterly.scheme import QUARTER_ROWS, rules_for
from kaohe_desktop.storage.models import PersonRow, SchemeRow, StaffCategoryRow
from kaohe_desktop.storage.queries.glob_match import glob_match
from kaohe_desktop.storage.unit_of_work import UnitOfWork

MAX_NAME = text_rules.CATEGORY_NAME.limit


@dataclass(frozen=True)
class CategoryItem:
    id: int
    name: str
    sort_order: int
    people: int  # person records of it, whatever their status (a former one too)
    ungraded_now: bool  # the current quarter's scheme leaves it out of the 平时考核
    schemes: tuple[str, ...] = ()  # quarters whose stored scheme lists it as not graded
    quarter: str = ""  # the current quarter `ungraded_now` is about ("2026Q4")

    @property
    def renamable(self) -> bool:
        return not self.schemes

    @property
    def deletable(self) -> bool:
        return not self.people and not self.schemes


def name_problem(name: str, taken: Collection[str]) -> str | None:
    """What is wrong with a new category's name (None: nothing); the add dialog shows
    it while the clerk types, add() and a rename refuse with it."""
    return names.name_problem(name, taken, text_rules.CATEGORY_NAME, "人员类别")


def _where(periods: tuple[str, ...]) -> str:
    """“在 2026Q4 的” or “在 2026Q4 等 8 个季度的”."""
    latest = periods[-1]
    return f"在 {latest} 的" if len(periods) == 1 else f"在 {latest} 等 {len(periods)} 个季度的"


def rename_refusal(name: str, periods: tuple[str, ...]) -> str:
    """Why a category a scheme lists cannot be renamed; the screen shows it unasked."""
    return (
        f"“{name}”{_where(periods)}考核方案中列为不参加平时考核，不能改名；"
        "考核方案按名称记着它，改名后这些季度就会把该类别的人员当作参加平时考核。"
        "如需新名称，请新增一个人员类别，把人员改到新类别，"
        "并在以后季度的考核方案中选用它。"
    )


def delete_refusal(item: CategoryItem) -> str:
    """Why a category cannot be deleted (people first: they are what the clerk fixes)."""
    if item.people:
        return (
            f"人员类别“{item.name}”仍有 {item.people} 名人员（含已离开的），不能删除；"
            "请先在人员记录中把他们改到其他类别。"
        )
    return (
        f"“{item.name}”{_where(item.schemes)}考核方案中列为不参加平时考核，"
        "不能删除：考核方案按名称记着它。"
    )


def _scheme_periods(session: Session) -> dict[str, tuple[str, ...]]:
    """Category name → the quarters (in order) whose own stored scheme lists it as
    not graded, set ahead or frozen."""
    found: dict[str, list[str]] = defaultdict(list)
    rows = session.execute(
        select(SchemeRow.period, SchemeRow.rules_json)
        .where(glob_match(SchemeRow.period, QUARTER_ROWS.glob))
        .order_by(SchemeRow.period)
    )
    for period, text in rows:
        for name in QUARTER_ROWS.parse(period, text).ungraded_categories:
            found[name].append(period)
    return {name: tuple(periods) for name, periods in found.items()}


def _items(session: Session, quarter: Quarter) -> list[CategoryItem]:
    counted = select(PersonRow.category_id, func.count()).group_by(PersonRow.category_id)
    people = {int(category_id): int(count) for category_id, count in session.execute(counted)}
    schemes = _scheme_periods(session)
    ungraded = set(rules_for(session, quarter)[0].ungraded_categories)
    return [
        CategoryItem(
            row.id,
            row.name,
            row.sort_order,
            people.get(row.id, 0),
            row.name in ungraded,
            schemes.get(row.name, ()),
            str(quarter),
        )
        for row in _in_order(session)
    ]


def _in_order(session: Session) -> list[StaffCategoryRow]:
    # The order the ranking workbook's sheets follow (storage/queries/org.staff_categories).
    statement = select(StaffCategoryRow).order_by(StaffCategoryRow.sort_order, StaffCategoryRow.id)
    return list(session.scalars(statement))


def _category(session: Session, category_id: int) -> StaffCategoryRow:
    row = session.get(StaffCategoryRow, category_id)
    if row is None:
        raise InputError(f"找不到该人员类别（编号 {category_id}），可能已被删除。")
    return row


class CategoryService(RecordEditor[StaffCategoryRow]):
    """基础数据 · 人员类别: list, add, rename (with conflict detection), reorder, delete."""

    row_type = StaffCategoryRow
    entity_label = "人员类别"

    def __init__(self, guard: Guard, uow: UnitOfWork, *, clock: Callable[[], datetime]) -> None:
        super().__init__(guard, uow)
        self._clock = clock

    def _fields(self, session: Session) -> tuple[FieldSpec, ...]:
        return (FieldSpec("name", "人员类别名称", required=True, rule=text_rules.CATEGORY_NAME),)

    def _values(self, row: StaffCategoryRow) -> dict[str, Any]:
        return {"name": row.name}

    def _label(self, row: StaffCategoryRow) -> str:
        return row.name

    def _apply(self, session: Session, row: StaffCategoryRow, changes: Mapping[str, Any]) -> None:
        if "name" not in changes:
            return
        name = text_rules.clean_name(str(changes["name"]))
        if name == row.name:
            return
        periods = _scheme_periods(session).get(row.name)
        if periods:
            raise InputError(rename_refusal(row.name, periods))
        others = select(StaffCategoryRow.name).where(StaffCategoryRow.id != row.id)
        problem = name_problem(name, set(session.scalars(others)))
        if problem is not None:
            raise InputError(problem)
        row.name = name

    def _current_quarter(self) -> Quarter:
        return Quarter.containing(self._clock().date())

    @requires(Action.VIEW)
    def listing(self) -> list[CategoryItem]:
        """Every category in its order, with its people and the schemes that list it."""
        with self._uow.read() as session:
            return _items(session, self._current_quarter())

    @requires(Action.ENTER_DATA)
    def add(self, name: str) -> CategoryItem:
        """A new category, placed last (its ranking sheet comes after the others)."""

        def work(session: Session) -> CategoryItem:
            # Checked inside the write transaction: no other workstation can add the
            # same name between the check and the insert.
            problem = name_problem(name, set(session.scalars(select(StaffCategoryRow.name))))
            if problem is not None:
                raise InputError(problem)
            last = session.scalar(select(func.max(StaffCategoryRow.sort_order))) or 0
            row = StaffCategoryRow(name=text_rules.clean_name(name), sort_order=last + 1)
            session.add(row)
            session.flush()
            return next(i for i in _items(session, self._current_quarter()) if i.id == row.id)

        return self._uow.write(work)

    @requires(Action.ENTER_DATA)
    def move(self, category_id: int, offset: int) -> None:
        """Move up (-1) or down (+1); at either end nothing changes. 排序 becomes 1..n
        in the new order, so no two categories share a place."""

        def work(session: Session) -> None:
            row = _category(session, category_id)
            ordered = _in_order(session)
            here = ordered.index(row)
            target = min(max(here + offset, 0), len(ordered) - 1)
            if target == here:
                return
            ordered.insert(target, ordered.pop(here))
            names.renumber(ordered)

        self._uow.write(work)

    @requires(Action.ENTER_DATA)
    def delete(self, category_id: int) -> None:
        """Only a category no person is of and no scheme lists; otherwise refuse, saying why."""

        def work(session: Session) -> None:
            row = _category(session, category_id)
            item = next(i for i in _items(session, self._current_quarter()) if i.id == row.id)
            if not item.deletable:
                raise InputError(delete_refusal(item))
            session.delete(row)

        self._uow.write(work)
