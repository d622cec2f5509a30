"""Child programs for a hostile environment: a read-only share, a file that turns
unwritable while open, a disk that fills up.

The disk-full children are forked from the fork server (processes.py). The read-only
ones must meet file modes, which root ignores: as root they are started as a fresh
interpreter running as `nobody` (unprivileged.py), through this module's command line
(`python -m tests.reliability.child_env FUNCTION JSON-ARGS`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import resource
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.factories import DEMO_AS_OF
from tests.reliability.child_crash import child

from kaohe_desktop.domain.edits import Draft
from kaohe_desktop.domain.records import ExchangeBook
from kaohe_desktop.domain.roles import Action
from kaohe_desktop.services.access.accounts import Credentials
from kaohe_desktop.services.common.record_edit import RecordSnapshot
from kaohe_desktop.services.common.unsaved_edits import export_unsaved_edit
from kaohe_desktop.services.demo import generate_demo_book
from kaohe_desktop.services.errors import StorageError
from kaohe_desktop.services.workspace import Workspace, open_workspace
from kaohe_desktop.storage.backup import list_backups

BIG_TEXT = "满" * 12_000  # a value that needs new pages, so the file must grow
# The longest 目标要求 a task takes (domain/text_rules): 3 KB, and as much again in its
# audit row, so saving it must grow the file too.
LONG_TARGET = "满" * 1000


def digest(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _sign_in(path: str, account: tuple[str, str]) -> Workspace:
    return open_workspace(path, Credentials(*account), daily_backup=False)


def _error(call: Callable[[], object]) -> list[str] | None:
    """[class name, message] of the StorageError `call` raised, or None if it returned."""
    try:
        call()
    except StorageError as error:
        return [type(error).__name__, str(error)]
    return None


def _write(result_path: str, result: dict[str, Any]) -> None:
    Path(result_path).write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")


def _export(
    workspace: Workspace,
    snapshot: RecordSnapshot,
    draft: Draft,
    path: str,
    entity_label: str = "科室",
) -> str:
    """The unsaved edit as the clerk exports it from the editor; returns its path."""
    export_unsaved_edit(
        draft,
        snapshot.fields,
        Path(path),
        entity_label=entity_label,
        data_file=workspace.path,
        account=workspace.account,
        reason=workspace.read_only_reason or "",
    )
    return path


@child
def open_read_only_location(
    path: str, account: tuple[str, str], department: int, export_path: str, result_path: str
) -> None:
    workspace = _sign_in(path, account)
    snapshot = workspace.departments.load(department)
    draft = snapshot.draft().with_value("sort_order", snapshot.values["sort_order"] + 1)
    result = {
        "euid": os.geteuid(),
        "read_only": workspace.read_only,
        "reason": workspace.read_only_reason,
        "opened_reason": workspace.opened.read_only_reason,
        "may_enter_data": workspace.may(Action.ENTER_DATA),
        "save_error": _error(lambda: workspace.departments.save(draft)),
        "exported": _export(workspace, snapshot, draft, export_path),
    }
    workspace.close()
    _write(result_path, result)


@child
def becomes_unwritable(
    path: str, account: tuple[str, str], department: int, export_path: str, result_path: str
) -> None:
    workspace = _sign_in(path, account)
    result: dict[str, Any] = {"euid": os.geteuid(), "read_only_at_open": workspace.read_only}
    first = workspace.departments.load(department)
    saved = workspace.departments.save(
        first.draft().with_value("sort_order", first.values["sort_order"] + 1)
    )
    result["acked"] = [saved.values["sort_order"], saved.version]
    # The share turns read-only under the open program (the owner's own chmod here).
    os.chmod(path, 0o444)
    os.chmod(Path(path).parent, 0o555)
    result["digest_after_chmod"] = digest(path)
    snapshot = workspace.departments.load(department)
    draft = snapshot.draft().with_value("sort_order", snapshot.values["sort_order"] + 1)
    result["save_error"] = _error(lambda: workspace.departments.save(draft))
    result["read_only"] = workspace.read_only
    result["reason"] = workspace.read_only_reason
    result["second_save_error"] = _error(lambda: workspace.departments.save(draft))
    result["exported"] = _export(workspace, snapshot, draft, export_path)
    workspace.close()
    _write(result_path, result)


def growing_book() -> ExchangeBook:
    """The demo bureau with long 谈心谈话 summaries: importing it must grow the file."""
    book = generate_demo_book(as_of=DEMO_AS_OF)
    talks = [
        dataclasses.replace(talk, summary=f"{i}{BIG_TEXT[:3000]}")
        for i, talk in enumerate(book.talks)
    ]
    return dataclasses.replace(book, talks=talks)


def on_full_disk(
    path: str,
    account: tuple[str, str],
    department: int,
    backup_dir: str,
    export_path: str,
    room: Callable[[], None] = lambda: None,
) -> dict[str, Any]:
    """Import, save and back up on a disk that cannot take more; report what happened.

    Each write starts from a fresh sign-in, because the first failure rightly turns
    the workspace read-only and would refuse the next write before it reached the disk.
    `room()` makes space for the export (the clerk saves it to another disk).
    """
    result: dict[str, Any] = {}
    importer = _sign_in(path, account)
    result["import_error"] = _error(lambda: importer.importer.apply(growing_book()))
    result["read_only_after_import"] = importer.read_only
    importer.close()

    workspace = _sign_in(path, account)
    year = workspace.ledger.years()[-1]
    task_id = workspace.ledger.tasks(year)[0].id
    result["task_id"] = task_id
    snapshot = workspace.tasks.load(task_id)
    draft = snapshot.draft().with_value("target", LONG_TARGET)
    result["save_error"] = _error(lambda: workspace.tasks.save(draft))
    result["read_only"] = workspace.read_only
    result["reason"] = workspace.read_only_reason
    result["second_save_error"] = _error(lambda: workspace.tasks.save(draft))
    result["backup_error"] = _error(lambda: workspace.backup(Path(backup_dir)))
    result["listed_backups"] = [str(b.path) for b in list_backups(Path(backup_dir), Path(path))]
    result["backup_dir"] = sorted(p.name for p in Path(backup_dir).glob("*"))
    room()
    result["exported"] = _export(workspace, snapshot, draft, export_path, "台账任务")
    workspace.close()
    return result


def _limit_file_size(limit: int) -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write, not a dead process
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))


def _save_once(path: str, account: tuple[str, str], department: int) -> list[int]:
    workspace = _sign_in(path, account)
    first = workspace.departments.load(department)
    saved = workspace.departments.save(
        first.draft().with_value("sort_order", first.values["sort_order"] + 1)
    )
    workspace.close()
    return [saved.values["sort_order"], saved.version]


@child
def file_size_limited(
    path: str,
    account: tuple[str, str],
    department: int,
    backup_dir: str,
    export_path: str,
    result_path: str,
) -> None:
    """RLIMIT_FSIZE stands in for a disk with no room left: no file this process
    writes may pass its first page, so even the rollback journal cannot be written."""
    acked = _save_once(path, account, department)
    _limit_file_size(4096)
    result = on_full_disk(
        path,
        account,
        department,
        backup_dir,
        export_path,
        room=lambda: _limit_file_size(resource.RLIM_INFINITY),
    )
    result["acked"] = acked
    _write(result_path, result)


@child
def growth_refused(path: str, account: tuple[str, str], result_path: str) -> None:
    """A disk with a little room: the journal fits, the file's growth does not, so the
    commit fails half-way through writing the data file (page 1 already rewritten)."""
    _limit_file_size(Path(path).stat().st_size // 2)
    workspace = _sign_in(path, account)
    result = {"import_error": _error(lambda: workspace.importer.apply(growing_book()))}
    workspace.close()
    _limit_file_size(resource.RLIM_INFINITY)
    _write(result_path, result)


if __name__ == "__main__":
    # unprivileged.Unprivileged.call: the function's name, then its arguments as JSON.
    globals()[sys.argv[1]](*json.loads(sys.argv[2]))
