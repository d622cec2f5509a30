"""What the screens need to follow other workstations: the watcher, its states and
what a change touched (ChangeSet: the tables, lease changes)."""

from kaohe_desktop.storage.watcher import ChangeSet, DataVersionWatcher, FileState

__all__ = [
    "ARCHIVE",
    "CHECKS",
    "DEPARTMENTS",
    "GRADING",
    "HALF_YEAR",
    "LEDGER",
    "PEOPLE",
    "ChangeSet",
    "DataVersionWatcher",
    "FileState",
]

# The tables (audit entity names) the services' views read, in groups: each tab says
# which it shows (ui/common/data_tab.py `shows`), and another workstation's change to
# one of them reloads it. Saying too much costs a reload; too little, a stale screen.
DEPARTMENTS = frozenset({"bureau", "department", "period_lock"})  # and which periods are closed
PEOPLE = DEPARTMENTS | {"staff_category", "person", "person_department"}
GRADING = frozenset({"scheme", "quarterly_assessment", "comment"})  # 平时考核 and its outcomes
LEDGER = frozenset({"ledger_task", "task_department", "check_record"})
CHECKS = LEDGER | {
    "check_sample",
    "evidence_file",
    "notice",
    "notice_task",
    "rectification",
    "bulletin",
    "app_meta",  # the 查账 settings
}
# 半年考核: its entries, decisions and scores; `account` names who entered each one.
HALF_YEAR = frozenset(
    {"scheme", "adjustment", "veto", "department_score", "score_decision", "account"}
)
ARCHIVE = frozenset({"annual_assessment", "commendation", "discipline", "talk"})
