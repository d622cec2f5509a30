"""Schema version 6 on PostgreSQL, in one step, FROZEN (issue 17).

No PostgreSQL database predates this release, so on PostgreSQL the schema starts at
version 6: Alembic revision 0001 calls `create` and revisions 0002-0006 do nothing.
`create` makes on an empty database what the SQLite migrations 0001-0006 leave in a
file:

- the tables and indexes of postgresql_baseline_v6.sql (generated once from the
  models, frozen as text: later model changes must not change the baseline);
- the 57 triggers of a version-6 file, each as a PL/pgSQL function and a BEFORE …
  FOR EACH ROW trigger of the same name, generated from RULES below. A refusal raises
  the SAME message as SQLite's RAISE(ABORT, …) with ERRCODE integrity_constraint_violation,
  so SQLAlchemy raises IntegrityError and storage.unit_of_work maps it unchanged;
- the app_meta rows application_id = 'KHTZ' and schema_version = '6' (PRAGMA
  application_id and user_version on SQLite).

Every function runs with `search_path = pg_catalog, public, pg_temp`: without it a
clerk's session could put an empty TEMP TABLE period_lock in front of the real one
(pg_temp is searched first unless named) and the locks would see no closed period.
Period months are compared with COLLATE "C", as SQLite compares text (BINARY), whatever
the database's collation.

Nothing here may change once released: a change is a new revision (0007+) that runs
on both dialects. storage/schema_check.py fingerprints what this makes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection

SCHEMA_VERSION = 6
APPLICATION_ID = "KHTZ"
TABLES_FILE = Path(__file__).with_name("postgresql_baseline_v6.sql")

CLOSED_MARK = "KAOHE_PERIOD_CLOSED"
HISTORY_MARK = "KAOHE_LOCK_HISTORY"
VERIFIED_MARK = "KAOHE_RECTIFICATION_VERIFIED"
SAMPLE_MARK = "KAOHE_SAMPLE_FIXED"

# Trigger and helper functions resolve names here (see the module's docstring).
SEARCH_PATH = "pg_catalog, public, pg_temp"


@dataclass(frozen=True)
class Rule:
    """One trigger: refuse the row's `event` on `table` with `mark` when `refused`
    (a PL/pgSQL boolean over NEW/OLD) is true — SQLite's WHEN clause."""

    name: str  # the trigger's name, the same as in a SQLite file
    table: str
    event: str  # INSERT, UPDATE or DELETE
    refused: str
    mark: str

    @property
    def function(self) -> str:
        return f"kaohe_{self.name}"


def locked(period: str) -> str:
    """True when an unreopened period_lock covers the period (text) `period`."""
    return f"kaohe_period_locked({period})"


def closed_period(table: str, period: str, *, update_also_allows: str = "") -> list[Rule]:
    """The three *_closed_* triggers of a table whose row belongs to the period that
    `period` (SQL over {row}: NEW or OLD) names — 'YYYY', 'YYYYHn', 'YYYYQn', 'YYYY-MM';
    NULL is never locked. An update is refused when the old or the new row is locked,
    unless `update_also_allows` (over NEW/OLD) holds."""
    new, old = period.format(row="NEW"), period.format(row="OLD")
    mark = f"{CLOSED_MARK}:{table}"
    update = f"{locked(old)} OR {locked(new)}"
    if update_also_allows:
        update = f"({update}) AND NOT ({update_also_allows})"
    return [
        Rule(f"{table}_closed_insert", table, "INSERT", locked(new), mark),
        Rule(f"{table}_closed_update", table, "UPDATE", update, mark),
        Rule(f"{table}_closed_delete", table, "DELETE", locked(old), mark),
    ]


# 0005: a notice of a closed period may still be marked 已销号 (closed 0 → 1, and its
# version) when its 整改 is verified; every other column of notice stays as it is.
_NOTICE_FIELDS = (
    "id", "number", "year", "serial", "color", "department_id", "period", "issued_on",
    "deadline", "content", "deduction", "deduction_category", "issued_by",
)  # fmt: skip
NOTICE_ONLY_CLOSING = (
    "NOT ("
    + " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in _NOTICE_FIELDS)
    + ") AND NEW.closed >= OLD.closed"
)

# Every trigger of a version-6 file (revision that made it in brackets).
# fmt: off
RULES: tuple[Rule, ...] = (
    # The audit log is append-only (0001).
    Rule("audit_log_no_update", "audit_log", "UPDATE", "true", "操作日志不可修改"),
    Rule("audit_log_no_delete", "audit_log", "DELETE", "true", "操作日志不可删除"),
    # The lock history is evidence: never deleted; a reopened lock never changes again;
    # reopening needs a reason (0002).
    Rule("period_lock_no_delete", "period_lock", "DELETE", "true", HISTORY_MARK),
    Rule("period_lock_history_fixed", "period_lock", "UPDATE",
         "OLD.reopened_at IS NOT NULL", HISTORY_MARK),
    Rule("period_lock_reopen_needs_reason", "period_lock", "UPDATE",
         "NEW.reopened_at IS NOT NULL AND trim(COALESCE(NEW.reopen_reason, '')) = ''",
         HISTORY_MARK),
    # A 三级 draw is never changed or removed (0003).
    Rule("check_sample_no_update", "check_sample", "UPDATE", "true", SAMPLE_MARK),
    Rule("check_sample_no_delete", "check_sample", "DELETE", "true", SAMPLE_MARK),
    # A verified 整改 is fixed (0005; its period no longer locks it).
    Rule("rectification_verified_update", "rectification", "UPDATE",
         "OLD.verified", f"{VERIFIED_MARK}:rectification"),
    Rule("rectification_verified_delete", "rectification", "DELETE",
         "OLD.verified", f"{VERIFIED_MARK}:rectification"),
    # Closed periods: table and the row's period (0002, 0003, 0004; notice's update 0005).
    *closed_period("ledger_task", "{row}.year::text"),
    *closed_period("task_department",
                   "(SELECT t.year::text FROM ledger_task t WHERE t.id = {row}.task_id)"),
    *closed_period("check_record", "{row}.period"),
    *closed_period("evidence_file",
                   "(SELECT c.period FROM check_record c WHERE c.id = {row}.check_id)"),
    *closed_period("notice", "{row}.period", update_also_allows=NOTICE_ONLY_CLOSING),
    *closed_period("notice_task",
                   "(SELECT n.period FROM notice n WHERE n.id = {row}.notice_id)"),
    *closed_period("bulletin", "{row}.period"),
    *closed_period("scheme", "{row}.period"),
    *closed_period("check_sample", "{row}.period"),
    *closed_period("adjustment", "{row}.half"),
    *closed_period("veto", "{row}.half"),
    *closed_period("department_score", "{row}.half"),
    *closed_period("score_decision", "{row}.half"),
    *closed_period("quarterly_assessment", "{row}.quarter"),
    *closed_period("comment", "to_char({row}.commented_on, 'YYYY-MM')"),
    *closed_period("annual_assessment", "{row}.year::text"),
)
# fmt: on


def _month(p: str, quarter: str, half: str, year_month: str) -> str:
    """SQLite's CASE of 0002 (GLOB patterns as anchored regular expressions)."""
    return (
        f"CASE WHEN {p} ~ '^[0-9]{{4}}Q[1-4]$' THEN substr({p}, 1, 4) || '-' || "
        f"lpad((substr({p}, 6, 1)::integer * 3{quarter})::text, 2, '0') "
        f"WHEN {p} ~ '^[0-9]{{4}}H[1-2]$' THEN substr({p}, 1, 4) || '-' || "
        f"lpad((substr({p}, 6, 1)::integer * 6{half})::text, 2, '0') "
        f"WHEN {p} ~ '^[0-9]{{4}}-[0-9]{{2}}$' THEN {p} "
        f"WHEN {p} ~ '^[0-9]{{4}}$' THEN {p} || '{year_month}' END"
    )


# $1, not the parameter's name, in the bodies: in a SQL function a column of the same
# name (period_lock.period) would win over the parameter `period`.
HELPERS: tuple[str, ...] = (
    "CREATE FUNCTION kaohe_period_first_month(period text) RETURNS text "
    f"LANGUAGE sql IMMUTABLE SET search_path = {SEARCH_PATH} "
    f"AS $body$ SELECT {_month('$1', ' - 2', ' - 5', '-01')} $body$",
    "CREATE FUNCTION kaohe_period_last_month(period text) RETURNS text "
    f"LANGUAGE sql IMMUTABLE SET search_path = {SEARCH_PATH} "
    f"AS $body$ SELECT {_month('$1', '', '', '-12')} $body$",
    "CREATE FUNCTION kaohe_period_locked(period text) RETURNS boolean "
    f"LANGUAGE sql STABLE SET search_path = {SEARCH_PATH} "
    "AS $body$ SELECT EXISTS (SELECT 1 FROM period_lock l WHERE l.reopened_at IS NULL "
    'AND l.first_month COLLATE "C" <= kaohe_period_first_month($1) '
    'AND kaohe_period_last_month($1) COLLATE "C" <= l.last_month) $body$',
)


def trigger_statements(rule: Rule) -> list[str]:
    returned = "OLD" if rule.event == "DELETE" else "NEW"
    body = (
        f"BEGIN IF {rule.refused} THEN RAISE EXCEPTION USING MESSAGE = '{rule.mark}', "
        f"ERRCODE = 'integrity_constraint_violation'; END IF; RETURN {returned}; END"
    )
    return [
        f"CREATE FUNCTION {rule.function}() RETURNS trigger LANGUAGE plpgsql "
        f"SET search_path = {SEARCH_PATH} AS $body$ {body} $body$",
        f"CREATE TRIGGER {rule.name} BEFORE {rule.event} ON {rule.table} "
        f"FOR EACH ROW EXECUTE FUNCTION {rule.function}()",
    ]


def table_statements() -> list[str]:
    lines = [ln for ln in TABLES_FILE.read_text(encoding="utf-8").splitlines()
             if not ln.startswith("--")]  # fmt: skip
    return [s.strip() for s in "\n".join(lines).split(";\n") if s.strip().rstrip(";")]


def statements() -> list[str]:
    """Every statement of the baseline, in order."""
    meta = (
        "INSERT INTO app_meta (key, value) VALUES "
        f"('application_id', '{APPLICATION_ID}'), ('schema_version', '{SCHEMA_VERSION}')"
    )
    triggers = [s for rule in RULES for s in trigger_statements(rule)]
    return [*table_statements(), *HELPERS, *triggers, meta]


def create(connection: Connection) -> None:
    """Make schema version 6 on an empty PostgreSQL database, inside the caller's
    transaction (DDL is transactional on PostgreSQL: all or nothing)."""
    for statement in statements():
        connection.exec_driver_sql(statement.rstrip(";"))
