"""委员会裁定 of the 半年考核: the committee's grade for a department in a tie

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-08

- score_decision holds, per half year and department, the grade the committee gave a
  department whose equal total straddled a quota line, with its reason, who and when.
  It is written before the half closes (the scoring reads it) and locked with the
  half, so it has the closed-period triggers of the other half-year tables, written
  out here as in 0002 so this revision stays what it was.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

SCHEMA_VERSION = 4

PERIOD_OF = {"score_decision": "{row}.half"}

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
        "score_decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("half", sa.String(length=10), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("grade", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("decided_by", sa.String(length=40), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["department_id"],
            ["department.id"],
            name=op.f("fk_score_decision_department_id_department"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_score_decision")),
        sa.UniqueConstraint(
            "half", "department_id", name=op.f("uq_score_decision_half_department_id")
        ),
    )
    for table, expression in PERIOD_OF.items():
        for statement in _triggers(table, expression):
            op.execute(statement)
    op.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def downgrade() -> None:
    """Back to version 3 (only the tests use this): the decisions have no place there."""
    for table in PERIOD_OF:
        for kind in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_closed_{kind}")
    op.drop_table("score_decision")
    op.execute("PRAGMA user_version = 3")
