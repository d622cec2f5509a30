"""edit leases and closed periods locked by triggers

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22

The trigger SQL is written out here, not imported from the application, so this
revision stays what it was when later code changes.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

SCHEMA_VERSION = 2

# Table → SQL expression (over NEW./OLD. as {row}) giving the row's period text:
# "2026", "2026H1", "2026Q2" or "2026-05". NULL means "no period": never locked.
PERIOD_OF = {
    "ledger_task": "CAST({row}.year AS TEXT)",
    "task_department": (
        "(SELECT CAST(t.year AS TEXT) FROM ledger_task t WHERE t.id = {row}.task_id)"
    ),
    "check_record": "{row}.period",
    "evidence_file": "(SELECT c.period FROM check_record c WHERE c.id = {row}.check_id)",
    "notice": "{row}.period",
    "rectification": (
        "COALESCE((SELECT n.period FROM notice n WHERE n.id = {row}.notice_id),"
        " (SELECT c.period FROM check_record c WHERE c.id = {row}.check_id))"
    ),
    "bulletin": "{row}.period",
    "scheme": "{row}.period",
    "adjustment": "{row}.half",
    "veto": "{row}.half",
    "department_score": "{row}.half",
    "quarterly_assessment": "{row}.quarter",
    "comment": "strftime('%Y-%m', {row}.commented_on)",
    "annual_assessment": "CAST({row}.year AS TEXT)",
}

CLOSED_MARK = "KAOHE_PERIOD_CLOSED"


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


def _triggers(table: str, expression: str) -> list[str]:
    new, old = expression.format(row="NEW"), expression.format(row="OLD")
    fail = f"SELECT RAISE(ABORT, '{CLOSED_MARK}:{table}');"
    return [
        f"CREATE TRIGGER {table}_closed_insert BEFORE INSERT ON {table} "
        f"WHEN {_locked(new)} BEGIN {fail} END",
        f"CREATE TRIGGER {table}_closed_update BEFORE UPDATE ON {table} "
        f"WHEN {_locked(old)} OR {_locked(new)} BEGIN {fail} END",
        f"CREATE TRIGGER {table}_closed_delete BEFORE DELETE ON {table} "
        f"WHEN {_locked(old)} BEGIN {fail} END",
    ]


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        return  # no PostgreSQL database predates schema 6: 0001's baseline made it all
    op.create_table(
        "edit_lease",
        sa.Column("scope", sa.String(length=80), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("holder", sa.String(length=40), nullable=False),
        sa.Column("holder_name", sa.String(length=40), nullable=False),
        sa.Column("workstation", sa.String(length=120), nullable=False),
        sa.Column("token", sa.String(length=36), nullable=False),
        sa.Column("acquired_at", sa.DateTime(), nullable=False),
        sa.Column("heartbeat_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("scope", name=op.f("pk_edit_lease")),
    )
    op.create_table(
        "period_lock",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=10), nullable=False),
        sa.Column("first_month", sa.String(length=7), nullable=False),
        sa.Column("last_month", sa.String(length=7), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=False),
        sa.Column("closed_by", sa.String(length=40), nullable=False),
        sa.Column("close_note", sa.Text(), nullable=True),
        sa.Column("reopened_at", sa.DateTime(), nullable=True),
        sa.Column("reopened_by", sa.String(length=40), nullable=True),
        sa.Column("reopen_reason", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_period_lock")),
    )
    op.create_index(op.f("ix_period_lock_period"), "period_lock", ["period"], unique=False)
    # The lock history is evidence: a close is never deleted, and a reopened lock
    # never changes again (a new close makes a new row).
    op.execute(
        "CREATE TRIGGER period_lock_no_delete BEFORE DELETE ON period_lock "
        "BEGIN SELECT RAISE(ABORT, 'KAOHE_LOCK_HISTORY'); END"
    )
    op.execute(
        "CREATE TRIGGER period_lock_history_fixed BEFORE UPDATE ON period_lock "
        "WHEN OLD.reopened_at IS NOT NULL BEGIN SELECT RAISE(ABORT, 'KAOHE_LOCK_HISTORY'); END"
    )
    op.execute(
        "CREATE TRIGGER period_lock_reopen_needs_reason BEFORE UPDATE ON period_lock "
        "WHEN NEW.reopened_at IS NOT NULL AND trim(COALESCE(NEW.reopen_reason, '')) = '' "
        "BEGIN SELECT RAISE(ABORT, 'KAOHE_LOCK_HISTORY'); END"
    )
    for table, expression in PERIOD_OF.items():
        for statement in _triggers(table, expression):
            op.execute(statement)
    op.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def downgrade() -> None:
    for table in PERIOD_OF:
        for kind in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_closed_{kind}")
    for name in (
        "period_lock_no_delete",
        "period_lock_history_fixed",
        "period_lock_reopen_needs_reason",
    ):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_index(op.f("ix_period_lock_period"), table_name="period_lock")
    op.drop_table("period_lock")
    op.drop_table("edit_lease")
    op.execute("PRAGMA user_version = 1")
