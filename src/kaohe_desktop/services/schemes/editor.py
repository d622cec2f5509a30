"""管理 → 考核方案…: every period's scheme of one kind (季度 / 半年 / 年度) as it stands,
and the administrator's changes to it.

A period shows the rules in force (its own row's, else inherited from the latest
earlier period, else the defaults) and whether they may change: a period's own row
set ahead is editable until the period's first entry freezes it (scheme_rows); a
closed period is read-only. A save goes through the same store as the screens' own
set_rules / 修改比例…, so the freezing rule, the version check and the audit line in
words are one rule in one place (services/common/scheme_rows.py); the annual save
also checks the 优秀 quota against the recommendations made (annual_writes).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.annual_rules import AnnualRules
from kaohe_desktop.domain.enums import LabeledEnum
from kaohe_desktop.domain.half_year_rules import HalfYearRules
from kaohe_desktop.domain.periods import HalfYear, Quarter, Year, parse_closable
from kaohe_desktop.domain.quarterly_rules import QuarterlyRules, RulesError
from kaohe_desktop.domain.roles import Action
from kaohe_desktop.domain.scheme_fields import SchemeField
from kaohe_desktop.services.access.guard import Guard, requires
from kaohe_desktop.services.archive.annual_scheme import YEAR_ROWS
from kaohe_desktop.services.archive.annual_writes import store_year_rules
from kaohe_desktop.services.common.scheme_rows import SchemeRows
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.services.files.period_locks import closed_among
from kaohe_desktop.services.quarterly.scheme import QUARTER_ROWS
from kaohe_desktop.services.scoring.scheme import HALF_ROWS
from kaohe_desktop.storage.models import (
    AdjustmentRow,
    AnnualAssessmentRow,
    QuarterlyAssessmentRow,
    SchemeRow,
    TaskRow,
)
from kaohe_desktop.storage.queries.org import staff_categories
from kaohe_desktop.storage.unit_of_work import UnitOfWork

Clock = Callable[[], datetime]
Rules = QuarterlyRules | HalfYearRules | AnnualRules
Period = Quarter | HalfYear | Year


class SchemeKind(LabeledEnum):
    QUARTERLY = ("quarterly", "季度（平时考核）")
    HALF_YEAR = ("half_year", "半年（科室考核）")
    ANNUAL = ("annual", "年度考核")


@dataclass(frozen=True)
class _Kind:
    rows: SchemeRows[Any]  # its form (rows.form) too: one list per kind, in domain
    rules_type: type[Any]
    periods_of: Callable[[int], list[Period]]
    containing: Callable[[date], Period]


_KINDS: dict[SchemeKind, _Kind] = {
    SchemeKind.QUARTERLY: _Kind(
        QUARTER_ROWS, QuarterlyRules, lambda y: [*Year(y).quarters()], Quarter.containing
    ),
    SchemeKind.HALF_YEAR: _Kind(
        HALF_ROWS,
        HalfYearRules,
        lambda y: [*Year(y).halves()],
        lambda d: Quarter.containing(d).half,
    ),
    SchemeKind.ANNUAL: _Kind(YEAR_ROWS, AnnualRules, lambda y: [Year(y)], lambda d: Year(d.year)),
}


def fields_of(kind: SchemeKind) -> tuple[SchemeField, ...]:
    """The form of `kind`'s scheme, in order."""
    return _KINDS[kind].rows.form


@dataclass(frozen=True)
class SchemePeriodView:
    kind: SchemeKind
    period: str  # "2026Q2", "2026H1", "2026"
    label: str  # 2026年第二季度
    rules: Any  # QuarterlyRules | HalfYearRules | AnnualRules, as `kind` says
    source: str | None  # the period whose row it is; None: the defaults
    frozen_at: datetime | None
    closed: bool
    version: int  # of the period's own row; 0: none yet
    open_fields: frozenset[str]  # what a frozen period may still change
    start: date  # the period's first day

    @property
    def own(self) -> bool:
        return self.source == self.period

    @property
    def source_text(self) -> str:
        if self.own:
            return "本期方案"
        if self.source is None:
            return "默认方案"
        return f"沿用{parse_closable(self.source).label()}的方案"

    @property
    def state_text(self) -> str:
        if self.closed:
            return "已关闭"
        if self.frozen_at is not None:
            return f"已于 {self.frozen_at:%Y-%m-%d %H:%M} 冻结"
        return "可修改"

    @property
    def editable_fields(self) -> frozenset[str]:
        """The settings the administrator may change now (none once closed)."""
        if self.closed:
            return frozenset()
        if self.frozen_at is not None:
            return self.open_fields
        return frozenset(f.name for f in fields_of(self.kind))

    @property
    def read_only_reason(self) -> str | None:
        """Why the form is read-only (in part), in words; None when all is editable."""
        if self.closed:
            return f"{self.label}已关闭，考核方案不能再改；如确需更正，请先重新开放该期间。"
        if self.frozen_at is not None:
            text = (
                f"本期方案已于 {self.frozen_at:%Y-%m-%d %H:%M} 冻结：本期已有考核记录，"
                "方案不能再改；如需调整，请修改下一期的方案。"
            )
            if self.open_fields:
                text += "优秀比例及其依据仍可修改（年度中途的决定）。"
            return text
        return None

    def describe(self) -> list[tuple[str, str]]:
        lines: list[tuple[str, str]] = self.rules.describe()
        return lines


class SchemeEditor:
    def __init__(self, guard: Guard, uow: UnitOfWork, *, clock: Clock = datetime.now) -> None:
        self.guard = guard
        self._uow = uow
        self._clock = clock

    @requires(Action.VIEW)
    def periods(self, kind: SchemeKind) -> list[SchemePeriodView]:
        """Every period of `kind` from the first year the file has data for (else this
        year) through the one after today's (the one the administrator prepares)."""
        spec = _KINDS[kind]
        today = self._clock().date()
        last = _next(spec, spec.containing(today))
        with self._uow.read() as session:
            first_year = min(_first_data_year(session) or today.year, today.year)
            periods = [
                period
                for year in range(first_year, last.year + 1)
                for period in spec.periods_of(year)
                if str(period) <= str(last)
            ]
            return _views(session, kind, periods)

    @requires(Action.VIEW)
    def period(self, kind: SchemeKind, period: str) -> SchemePeriodView:
        """One period's scheme as it stands now (after a save, a conflict)."""
        parsed = _parse(kind, period)
        with self._uow.read() as session:
            return _views(session, kind, [parsed])[0]

    @requires(Action.VIEW)
    def categories(self) -> list[str]:
        """The file's 人员类别 names, in their order (the quarterly form's checkboxes)."""
        with self._uow.read() as session:
            return [name for _id, name in staff_categories(session)]

    @requires(Action.EDIT_SCHEME)
    def save(
        self, kind: SchemeKind, period: str, rules: Rules, expected_version: int
    ) -> SchemePeriodView:
        """The period's own rules. Refused in words: rules that do not make sense, a
        frozen period (but the annual 优秀 share), a closed one, a row changed by
        another administrator since it was read (`expected_version`, 0: none)."""
        spec = _KINDS[kind]
        parsed = _parse(kind, period)
        if not isinstance(rules, spec.rules_type):
            raise InputError(f"未保存：{period} 的考核方案类型不符。")
        try:
            rules.check()
        except RulesError as error:
            raise InputError(f"未保存：考核方案有误：{error}。") from None

        def work(session: Session) -> None:
            if closed_among(session, [parsed]):
                raise InputError(
                    f"未保存：{parsed.label()}已关闭，考核方案不能再改；"
                    "如确需更正，请管理员先重新开放该期间（需填写理由）。"
                )
            if isinstance(rules, AnnualRules) and isinstance(parsed, Year):
                store_year_rules(session, parsed.year, rules, expected_version=expected_version)
            else:
                spec.rows.store(session, period, rules, expected_version)

        self._uow.write(work)
        return self.period(kind, period)


def _next(spec: _Kind, period: Period) -> Period:
    return spec.containing(period.end + timedelta(days=1))


def _parse(kind: SchemeKind, text: str) -> Period:
    spec = _KINDS[kind]
    year_text = text[:4]
    if year_text.isdigit():
        for period in spec.periods_of(int(year_text)):
            if str(period) == text:
                return period
    raise InputError(f"“{text}”不是{kind.label}的期间。")


def _views(session: Session, kind: SchemeKind, periods: list[Period]) -> list[SchemePeriodView]:
    spec = _KINDS[kind]
    closed = closed_among(session, periods)
    views = []
    for period in periods:
        state = spec.rows.state(session, str(period))
        views.append(
            SchemePeriodView(
                kind,
                str(period),
                period.label(),
                state.rules,
                state.source,
                state.frozen_at,
                period in closed,
                state.version,
                spec.rows.open_fields,
                period.start,
            )
        )
    return views


def _first_data_year(session: Session) -> int | None:
    """The first year anything was entered for: a scheme, a grade, a 加减分, a task."""
    years = [
        session.scalar(select(func.min(func.substr(SchemeRow.period, 1, 4)))),
        session.scalar(select(func.min(func.substr(QuarterlyAssessmentRow.quarter, 1, 4)))),
        session.scalar(select(func.min(func.substr(AdjustmentRow.half, 1, 4)))),
        session.scalar(select(func.min(AnnualAssessmentRow.year))),
        session.scalar(select(func.min(TaskRow.year))),
    ]
    found = [int(value) for value in years if value is not None and str(value).isdigit()]
    return min(found) if found else None
