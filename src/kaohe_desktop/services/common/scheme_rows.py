"""A period's own `scheme` row: which rules it is scored by, and freezing them into it.

The quarterly grading ("2026Q2"), the half-year scoring ("2026H1") and the annual
assessment ("2026") keep their rules the same way in the one `scheme` table. A period
without its own row inherits the rules of the latest earlier period of its kind that
has one, else the defaults. The administrator may give a period its own row ahead
(frozen_at NULL): still editable. The period's first entry (and its close) freezes it
(frozen_at set; the inherited rules copied in when it had no row), so a later change
never rescores it: a frozen row refuses every change but the kind's `open_fields`.
Each package keeps its own rules type and period type and hands this the period's text.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Generic, Protocol, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.periods import parse_closable
from kaohe_desktop.domain.quarterly_rules import RulesError
from kaohe_desktop.domain.scheme_fields import SchemeField, field_changes
from kaohe_desktop.services.errors import InputError, PeriodClosedError
from kaohe_desktop.services.files.period_locks import is_closed
from kaohe_desktop.storage.audit import ACCOUNT_KEY, record_event
from kaohe_desktop.storage.models import SchemeRow
from kaohe_desktop.storage.queries.glob_match import glob_match


class StoredRules(Protocol):
    def to_json(self) -> str: ...


RulesT = TypeVar("RulesT", bound=StoredRules)


@dataclass(frozen=True)
class SchemeState(Generic[RulesT]):
    """A period's scheme as it stands: `source` is the period whose row it is (the
    period itself, an earlier one it inherits from) or None for the defaults;
    `frozen_at` and `version` are those of the period's own row (0: none)."""

    rules: RulesT
    source: str | None
    frozen_at: datetime | None
    version: int


@dataclass(frozen=True)
class SchemeRows(Generic[RulesT]):
    """The scheme rows of one kind of period.

    `glob` matches that kind's period texts only (GLOB is case-sensitive and exact,
    like the texts the program writes), and those texts must sort chronologically
    ("2025Q4" < "2026Q1", "2025H2" < "2026H1")."""

    glob: str
    from_json: Callable[[str], RulesT]
    default: Callable[[], RulesT]
    title: str  # 平时考核方案: the audit log's label beside the period
    form: tuple[SchemeField, ...]  # its settings in words (domain/scheme_fields)
    # Settings a frozen period may still change (the annual 优秀 share): one rule, here.
    open_fields: frozenset[str] = frozenset()

    def parse(self, period: str, text: str) -> RulesT:
        try:
            return self.from_json(text)
        except RulesError as error:
            raise InputError(f"{period} 的考核方案无法使用：{error}") from None

    def rules_for(self, session: Session, period: str) -> tuple[RulesT, bool]:
        """(rules, own): the period's own rules, else the latest earlier period's, else
        the defaults; `own` says the period has its own row (frozen, or set ahead)."""
        state = self.state(session, period)
        return state.rules, state.source == period

    def rules_for_each(
        self, session: Session, periods: Collection[str]
    ) -> dict[str, tuple[RulesT, bool]]:
        """rules_for of each of `periods`, in one query (one person's archive reads
        every quarter they were graded in)."""
        if not periods:
            return {}
        rows = session.execute(
            select(SchemeRow.period, SchemeRow.rules_json)
            .where(glob_match(SchemeRow.period, self.glob), SchemeRow.period <= max(periods))
            .order_by(SchemeRow.period)
        ).all()
        parsed: dict[str, RulesT] = {}
        found = {}
        for period in periods:
            own = [row for row in rows if row.period <= period]
            if not own:
                found[period] = (self.default(), False)
                continue
            latest = own[-1]
            if latest.period not in parsed:
                parsed[latest.period] = self.parse(latest.period, latest.rules_json)
            found[period] = (parsed[latest.period], latest.period == period)
        return found

    def state(self, session: Session, period: str) -> SchemeState[RulesT]:
        """The period's scheme as the editor shows it: the rules, whose they are, and
        whether the period's own row is frozen."""
        row = session.execute(
            select(SchemeRow.period, SchemeRow.rules_json, SchemeRow.frozen_at, SchemeRow.version)
            .where(glob_match(SchemeRow.period, self.glob), SchemeRow.period <= period)
            .order_by(SchemeRow.period.desc())
            .limit(1)
        ).first()
        if row is None:
            return SchemeState(self.default(), None, None, 0)
        rules = self.parse(row.period, row.rules_json)
        if row.period != period:
            return SchemeState(rules, row.period, None, 0)
        return SchemeState(rules, period, row.frozen_at, row.version)

    def freeze(self, session: Session, period: str, now: datetime) -> RulesT:
        """Inside a write (the period's first entry, its close): the period's own row
        holds the rules it is scored by now and is frozen. A row set ahead by the
        administrator is frozen as it is; without one the inherited rules are copied in.
        Return the rules. A closed period refuses (trigger)."""
        row = session.scalars(select(SchemeRow).where(SchemeRow.period == period)).first()
        if row is not None:
            if row.frozen_at is None:
                row.frozen_at = now.replace(microsecond=0)
                session.flush()
            return self.parse(period, row.rules_json)
        rules, _ = self.rules_for(session, period)
        frozen_at = now.replace(microsecond=0)
        session.add(SchemeRow(period=period, rules_json=rules.to_json(), frozen_at=frozen_at))
        session.flush()
        return rules

    def store(
        self,
        session: Session,
        period: str,
        rules: RulesT,
        expected_version: int | None = None,
    ) -> None:
        """Inside a write: the period's own row holds `rules` (added, set ahead, or
        replaced while not frozen). Refused in words when the period is frozen (except
        the fields `open_fields` leaves open) or when `expected_version` (0: no own row)
        is not the row's; every change is also logged in words (which field, from what
        to what). A closed period refuses (trigger)."""
        if is_closed(session, parse_closable(period)):  # as the trigger would, said first
            raise PeriodClosedError(SchemeRow.__tablename__)
        row = session.scalars(select(SchemeRow).where(SchemeRow.period == period)).first()
        before = self.rules_for(session, period)[0]
        changed = changed_fields(before, rules)
        # Frozen first: a period frozen since it was read (a clerk's first entry) is said
        # as such, not as another administrator's change to be saved over.
        if row is not None and row.frozen_at is not None:
            locked = [name for name in changed if name not in self.open_fields]
            if locked:
                raise InputError(frozen_refusal(period, row.frozen_at, self.open_fields))
        found = 0 if row is None else row.version
        if expected_version is not None and expected_version != found:
            raise InputError(
                f"未保存：{period} 的考核方案在您打开后已被他人修改，已重新载入。"
                "您填写的内容仍在表单中，请核对后再保存。"
            )
        text = rules.to_json()
        if row is None:
            session.add(SchemeRow(period=period, rules_json=text, frozen_at=None))
        elif row.rules_json != text:
            row.rules_json = text
        else:
            return
        session.flush()
        self._log_change(session, period, before, rules)

    def _log_change(self, session: Session, period: str, before: RulesT, after: RulesT) -> None:
        # The row's own audit entry holds the JSON; this one says what changed in words.
        account = session.info.get(ACCOUNT_KEY)
        if account is None:
            return
        changes = field_changes(self.form, before, after)
        lines = {label: f"{old} → {new}" for label, old, new in changes}
        record_event(
            session.connection(),
            str(account),
            "setting",
            SchemeRow.__tablename__,
            period,
            f"{period} {self.title}",
            lines or {"方案": "与沿用的方案相同，存为本期方案"},
        )


def changed_fields(before: object, after: object) -> list[str]:
    """The names of the dataclass fields whose values differ."""
    names = [f.name for f in fields(after)]  # type: ignore[arg-type]
    return [name for name in names if getattr(before, name) != getattr(after, name)]


def frozen_refusal(period: str, frozen_at: datetime, open_fields: Collection[str]) -> str:
    """Why a frozen period's scheme cannot be changed, and what to do instead."""
    text = (
        f"未保存：{period} 的考核方案已于 {frozen_at:%Y-%m-%d %H:%M} 冻结：本期已有考核记录，"
        "方案不能再改；如需调整，请修改下一期的方案"
    )
    if open_fields:
        text += "（本年度的优秀比例及其依据仍可修改）"
    return text + "。"
