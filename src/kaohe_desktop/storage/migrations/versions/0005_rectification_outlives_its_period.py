"""整改 goes on after its period closes; a verified 整改 is fixed

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-08

A 督办单's 整改时限 usually falls after its quarter, and the quarter is closed once its
平时考核 is graded. Locking the 整改 with the notice's period (as 0002 did) left every
notice of a closed quarter 整改中 for ever, unless the quarter was reopened. So:
- rectification rows are no longer locked by the notice's period; instead a verified
  整改 is fixed (neither changed nor deleted), which is what a closed period protects;
- a notice of a closed period still cannot be changed or deleted, except that it may be
  marked 已销号 (closed 0 → 1, and its version) when its 整改 is verified.
The trigger SQL is written out here so this revision stays what it was.
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

SCHEMA_VERSION = 5

CLOSED_MARK = "KAOHE_PERIOD_CLOSED"
VERIFIED_MARK = "KAOHE_RECTIFICATION_VERIFIED"

# Every column of notice except `closed` and `version`.
_NOTICE_FIELDS = (
    "id", "number", "year", "serial", "color", "department_id", "period", "issued_on",
    "deadline", "content", "deduction", "deduction_category", "issued_by",
)  # fmt: skip


def _first_month(p: str) -> str:
    return (
        f"(CASE WHEN {p} GLOB '[0-9][0-9][0-9][0-9]Q[1-4]' THEN substr({p},1,4) || '-' || "
        f"printf('%02d', CAST(substr({p},6,1) AS INTEGER) * 3 - 2) "
        f"WHEN {p} GLOB '[0-9][0-9][0-9][0-9]H[1-2]' THEN substr({p},1,4) || '-' || "
        f"printf('%02d', CAST(substr({p},6,1) AS INTEGER) * 6 - 5) "
        f"WHEN {p} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' THEN {p} "
        f"WHEN {p} GLOB '[0-9][0-9][0-9][0-9]' THEN {p} || '-01' END)"
    )


def _last_month(p: str) -> str:
    return (
        f"(CASE WHEN {p} GLOB '[0-9][0-9][0-9][0-9]Q[1-4]' THEN substr({p},1,4) || '-' || "
        f"printf('%02d', CAST(substr({p},6,1) AS INTEGER) * 3) "
        f"WHEN {p} GLOB '[0-9][0-9][0-9][0-9]H[1-2]' THEN substr({p},1,4) || '-' || "
        f"printf('%02d', CAST(substr({p},6,1) AS INTEGER) * 6) "
        f"WHEN {p} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' THEN {p} "
        f"WHEN {p} GLOB '[0-9][0-9][0-9][0-9]' THEN {p} || '-12' END)"
    )


def _locked(period_sql: str) -> str:
    return (
        "EXISTS (SELECT 1 FROM period_lock l WHERE l.reopened_at IS NULL "
        f"AND l.first_month <= {_first_month(period_sql)} "
        f"AND {_last_month(period_sql)} <= l.last_month)"
    )


def _fail(mark: str, table: str) -> str:
    return f"SELECT RAISE(ABORT, '{mark}:{table}');"


_RECTIFICATION_PERIOD = (
    "COALESCE((SELECT n.period FROM notice n WHERE n.id = {row}.notice_id),"
    " (SELECT c.period FROM check_record c WHERE c.id = {row}.check_id))"
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        return  # no PostgreSQL database predates schema 6: 0001's baseline made it all
    for kind in ("insert", "update", "delete"):
        op.execute(f"DROP TRIGGER IF EXISTS rectification_closed_{kind}")
    op.execute(
        "CREATE TRIGGER rectification_verified_update BEFORE UPDATE ON rectification "
        f"WHEN OLD.verified BEGIN {_fail(VERIFIED_MARK, 'rectification')} END"
    )
    op.execute(
        "CREATE TRIGGER rectification_verified_delete BEFORE DELETE ON rectification "
        f"WHEN OLD.verified BEGIN {_fail(VERIFIED_MARK, 'rectification')} END"
    )
    op.execute("DROP TRIGGER IF EXISTS notice_closed_update")
    changed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in _NOTICE_FIELDS)
    only_closing = f"NOT ({changed}) AND NEW.closed >= OLD.closed"
    op.execute(
        "CREATE TRIGGER notice_closed_update BEFORE UPDATE ON notice "
        f"WHEN ({_locked('OLD.period')} OR {_locked('NEW.period')}) AND NOT ({only_closing}) "
        f"BEGIN {_fail(CLOSED_MARK, 'notice')} END"
    )
    op.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS rectification_verified_update")
    op.execute("DROP TRIGGER IF EXISTS rectification_verified_delete")
    op.execute("DROP TRIGGER IF EXISTS notice_closed_update")
    op.execute(
        "CREATE TRIGGER notice_closed_update BEFORE UPDATE ON notice "
        f"WHEN {_locked('OLD.period')} OR {_locked('NEW.period')} "
        f"BEGIN {_fail(CLOSED_MARK, 'notice')} END"
    )
    new, old = _RECTIFICATION_PERIOD.format(row="NEW"), _RECTIFICATION_PERIOD.format(row="OLD")
    fail = _fail(CLOSED_MARK, "rectification")
    op.execute(
        "CREATE TRIGGER rectification_closed_insert BEFORE INSERT ON rectification "
        f"WHEN {_locked(new)} BEGIN {fail} END"
    )
    op.execute(
        "CREATE TRIGGER rectification_closed_update BEFORE UPDATE ON rectification "
        f"WHEN {_locked(old)} OR {_locked(new)} BEGIN {fail} END"
    )
    op.execute(
        "CREATE TRIGGER rectification_closed_delete BEFORE DELETE ON rectification "
        f"WHEN {_locked(old)} BEGIN {fail} END"
    )
    op.execute("PRAGMA user_version = 4")
