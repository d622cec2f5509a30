"""年度考核: the clerk's reason for a grade, and what the year's close stores

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07

annual_assessment (created in 0001, never written before this version) gains:
- reason: why the clerk set 基本称职 / 不称职 / 不参加 by hand (required for those);
- final_grade, eligible, good_count, limits: the year's outcome as its close stored it
  (年度等次, 优秀资格, 好次数, 限制情形 in words), so a closed year reads exactly as it
  was decided even if a 奖惩 record is entered later. While the year is open they are
  empty and the page computes the outcome.
`grade` and `recommended` stay the clerk's own decisions (a grade set by hand, the
优秀 recommendation). Plain ALTER TABLE keeps 0002's closed-period triggers in place
(a batch copy would drop them).
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

SCHEMA_VERSION = 6

_COLUMNS = (
    ("reason", "TEXT"),
    ("final_grade", "VARCHAR(30)"),
    ("eligible", "BOOLEAN"),
    ("good_count", "INTEGER"),
    ("limits", "TEXT"),
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        return  # no PostgreSQL database predates schema 6: 0001's baseline made it all
    for name, sql_type in _COLUMNS:
        op.execute(f"ALTER TABLE annual_assessment ADD COLUMN {name} {sql_type}")
    op.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def downgrade() -> None:
    """Back to version 5 (only the tests use this)."""
    for name, _ in reversed(_COLUMNS):
        op.execute(f"ALTER TABLE annual_assessment DROP COLUMN {name}")
    op.execute("PRAGMA user_version = 5")
