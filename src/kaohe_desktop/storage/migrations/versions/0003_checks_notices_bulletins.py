"""查账 entry, 督办单 with their tasks, 通报 editions, 三级 draws, evidence out of the file

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07

- check_record gains `draft` (a check copied forward for the clerk to confirm).
- evidence_file keeps metadata only: the bytes move to the content-addressed store beside
  the data file (DESIGN §5), so `content` goes and size, type, who and when come.
- notice gets its year and serial (督办〔year〕第serial号, never reused) and who issued it;
  its one task_id becomes the notice_task list (a notice may concern several tasks, each
  with the check it was issued from).
- bulletin becomes one row per edition with its frozen content.
- check_sample records each 三级 局领导抽查 draw.

No earlier version wrote notice, bulletin or evidence_file (no screen or import sheet
did), so those three are made again rather than altered; a file that has rows in them
was edited by hand, and the migration stops (the backup taken before it is kept).
The closed-period triggers of the remade tables are created again here, written out
as in 0002 so this revision stays what it was.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

SCHEMA_VERSION = 3

PERIOD_OF = {
    "evidence_file": "(SELECT c.period FROM check_record c WHERE c.id = {row}.check_id)",
    "notice": "{row}.period",
    "notice_task": "(SELECT n.period FROM notice n WHERE n.id = {row}.notice_id)",
    "bulletin": "{row}.period",
    "check_sample": "{row}.period",
}

CLOSED_MARK = "KAOHE_PERIOD_CLOSED"
REMADE = ("evidence_file", "notice", "bulletin")


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


def _refuse_hand_edited_rows() -> None:
    bind = op.get_bind()
    held = [t for t in REMADE if bind.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar()]
    if held:
        raise RuntimeError(
            "数据文件的 " + "、".join(held) + " 表中有本程序从未写过的记录"
            "（可能被其他工具改动过），无法升级；升级前的备份已保留，请联系管理员。"
        )


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        return  # no PostgreSQL database predates schema 6: 0001's baseline made it all
    _refuse_hand_edited_rows()
    # Plain ALTER TABLE: a batch copy of check_record would drop its closed-period
    # triggers and break the triggers of the tables that read it.
    op.execute("ALTER TABLE check_record ADD COLUMN draft BOOLEAN NOT NULL DEFAULT 0")
    op.drop_table("evidence_file")
    op.drop_table("notice")
    op.drop_table("bulletin")

    op.create_table(
        "evidence_file",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("check_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("media_type", sa.String(length=80), nullable=False),
        sa.Column("added_by", sa.String(length=40), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["check_id"], ["check_record.id"], name=op.f("fk_evidence_file_check_id_check_record")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_file")),
    )
    op.create_index(op.f("ix_evidence_file_check_id"), "evidence_file", ["check_id"])
    op.create_index(op.f("ix_evidence_file_sha256"), "evidence_file", ["sha256"])

    op.create_table(
        "notice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("serial", sa.Integer(), nullable=False),
        sa.Column("color", sa.String(length=10), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=10), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("deduction", sa.Integer(), nullable=True),
        sa.Column("deduction_category", sa.String(length=20), nullable=True),
        sa.Column("closed", sa.Boolean(), nullable=False),
        sa.Column("issued_by", sa.String(length=40), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["department_id"], ["department.id"], name=op.f("fk_notice_department_id_department")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notice")),
        sa.UniqueConstraint("number", name=op.f("uq_notice_number")),
        sa.UniqueConstraint("year", "serial", name=op.f("uq_notice_year_serial")),
    )
    op.create_table(
        "notice_task",
        sa.Column("notice_id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("check_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["check_id"], ["check_record.id"], name=op.f("fk_notice_task_check_id_check_record")
        ),
        sa.ForeignKeyConstraint(
            ["notice_id"],
            ["notice.id"],
            name=op.f("fk_notice_task_notice_id_notice"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["task_id"], ["ledger_task.id"], name=op.f("fk_notice_task_task_id_ledger_task")
        ),
        sa.PrimaryKeyConstraint("notice_id", "task_id", name=op.f("pk_notice_task")),
    )
    op.create_index(op.f("ix_notice_task_check_id"), "notice_task", ["check_id"])

    op.create_table(
        "bulletin",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=10), nullable=False),
        sa.Column("edition", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("serial", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("doc_no", sa.String(length=60), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("content_json", sa.Text(), nullable=False),
        sa.Column("created_by", sa.String(length=40), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bulletin")),
        sa.UniqueConstraint("period", "edition", name=op.f("uq_bulletin_period_edition")),
    )
    op.create_index(op.f("ix_bulletin_period"), "bulletin", ["period"])

    op.create_table(
        "check_sample",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=10), nullable=False),
        sa.Column("seed", sa.String(length=40), nullable=False),
        sa.Column("share_percent", sa.Integer(), nullable=True),
        sa.Column("requested", sa.Integer(), nullable=True),
        sa.Column("population", sa.Integer(), nullable=False),
        sa.Column("drawn_json", sa.Text(), nullable=False),
        sa.Column("drawn_by", sa.String(length=40), nullable=False),
        sa.Column("drawn_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_check_sample")),
    )
    op.create_index(op.f("ix_check_sample_period"), "check_sample", ["period"])
    # A draw is evidence of a fair sample: it is never changed or removed.
    op.execute(
        "CREATE TRIGGER check_sample_no_update BEFORE UPDATE ON check_sample "
        "BEGIN SELECT RAISE(ABORT, 'KAOHE_SAMPLE_FIXED'); END"
    )
    op.execute(
        "CREATE TRIGGER check_sample_no_delete BEFORE DELETE ON check_sample "
        "BEGIN SELECT RAISE(ABORT, 'KAOHE_SAMPLE_FIXED'); END"
    )
    for table, expression in PERIOD_OF.items():
        for statement in _triggers(table, expression):
            op.execute(statement)
    op.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def downgrade() -> None:
    """Back to version 2's tables, empty: their rows have no place there (only the
    tests use this, to make a version-1 or -2 file from a current one)."""
    op.execute("UPDATE adjustment SET notice_id = NULL")
    # A 整改 belongs to its notice, which version 2 does not keep.
    op.execute("DELETE FROM rectification WHERE notice_id IS NOT NULL")
    for table in ("check_sample", "notice_task", "bulletin", "notice", "evidence_file"):
        op.drop_table(table)
    op.create_table(
        "bulletin",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=10), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("doc_no", sa.String(length=60), nullable=True),
        sa.Column("issued_on", sa.Date(), nullable=True),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bulletin")),
        sa.UniqueConstraint("period", name=op.f("uq_bulletin_period")),
    )
    op.create_table(
        "notice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("color", sa.String(length=10), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=True),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=10), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("deduction", sa.Integer(), nullable=True),
        sa.Column("deduction_category", sa.String(length=20), nullable=True),
        sa.Column("closed", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["department_id"], ["department.id"], name=op.f("fk_notice_department_id_department")
        ),
        sa.ForeignKeyConstraint(
            ["task_id"], ["ledger_task.id"], name=op.f("fk_notice_task_id_ledger_task")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notice")),
        sa.UniqueConstraint("number", name=op.f("uq_notice_number")),
    )
    op.create_table(
        "evidence_file",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("check_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["check_id"], ["check_record.id"], name=op.f("fk_evidence_file_check_id_check_record")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_file")),
    )
    with op.batch_alter_table("evidence_file", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_evidence_file_check_id"), ["check_id"], unique=False)
    version_2 = {
        "evidence_file": PERIOD_OF["evidence_file"],
        "notice": PERIOD_OF["notice"],
        "bulletin": PERIOD_OF["bulletin"],
    }
    for table, expression in version_2.items():
        for statement in _triggers(table, expression):
            op.execute(statement)
    # Last: SQLite checks every trigger of the schema when a column is dropped.
    op.execute("ALTER TABLE check_record DROP COLUMN draft")
    op.execute("PRAGMA user_version = 2")
