"""The upkeep of the 佐证材料 store: checking it, removing files nobody refers to, and the
checked copies the system viewer opens (services/checks/evidence.py uses these)."""

from __future__ import annotations

import os
import shutil
import stat
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.check_rules import check_period_label
from kaohe_desktop.services.checks.evidence_files import name_problem
from kaohe_desktop.services.checks.views import CheckFileProblems
from kaohe_desktop.services.errors import StorageError, describe_os_error
from kaohe_desktop.storage.evidence_store import EvidenceStore, FileState
from kaohe_desktop.storage.models import CheckRow, DepartmentRow, EvidenceFileRow, TaskRow
from kaohe_desktop.storage.unit_of_work import UnitOfWork

# A file in the store that no row refers to is swept only after this long: it may be
# another workstation's attach whose row is not committed yet (see evidence.py).
GRACE = timedelta(hours=24)
VIEWER_FOLDER = "kaohe-佐证材料"  # under the user's temp folder


def check_label(period: str, department: str, seq: int, title: str) -> str:
    """2026年第二季度 · 综合科 · 第3项“…”: where an attachment belongs, in messages."""
    return f"{check_period_label(period)} · {department} · 第{seq}项“{title}”"


def remove_unreferenced(
    uow: UnitOfWork, store: EvidenceStore, choose: Callable[[Session], Iterable[str]]
) -> int:
    """Inside one write transaction, `choose` makes its change and names the stored files
    no row refers to any more; they are set aside there (renamed into tmp/), deleted
    after the commit, and put back if it fails: the rows referring to them are still
    there then. Returns how many went."""
    aside: list[tuple[Path, str]] = []

    def work(session: Session) -> None:
        _put_back(store, aside)  # an earlier attempt's, should the transaction run again
        for sha in choose(session):
            moved = store.set_aside(sha)
            if moved is not None:
                aside.append((moved, sha))

    try:
        uow.write(work)
    except BaseException:
        _put_back(store, aside)
        raise
    for moved, _ in aside:
        moved.unlink(missing_ok=True)
    return len(aside)


def _put_back(store: EvidenceStore, aside: list[tuple[Path, str]]) -> None:
    for moved, sha in aside:
        store.put_back(moved, sha)
    aside.clear()


def store_problems(uow: UnitOfWork, store: EvidenceStore) -> CheckFileProblems:
    """Every file the rows refer to, re-hashed: the missing and the damaged named by file
    name and check (period · department · task)."""
    with uow.read() as session:
        rows = session.execute(
            select(
                EvidenceFileRow.sha256,
                EvidenceFileRow.file_name,
                CheckRow.period,
                DepartmentRow.name,
                TaskRow.seq,
                TaskRow.title,
            )
            .join(CheckRow, CheckRow.id == EvidenceFileRow.check_id)
            .join(DepartmentRow, DepartmentRow.id == CheckRow.department_id)
            .join(TaskRow, TaskRow.id == CheckRow.task_id)
            .order_by(CheckRow.period, DepartmentRow.name, TaskRow.seq, EvidenceFileRow.id)
        ).all()
    where: dict[str, list[str]] = defaultdict(list)
    for sha, name, period, department, seq, title in rows:
        where[sha].append(f"“{name}”（{check_label(period, department, seq, title)}）")
    missing: list[str] = []
    damaged: list[str] = []
    for sha, places in where.items():
        state = store.verify(sha)
        if state is FileState.MISSING:
            missing.extend(places)
        elif state is FileState.DAMAGED:
            damaged.extend(places)
    return CheckFileProblems(
        referenced=len(where),
        missing=tuple(missing),
        damaged=tuple(damaged),
        store_present=store.present(),
    )


def open_in_viewer_folder(store: EvidenceStore, sha: str, name: str) -> Path:
    """A checked, read-only copy named `name` in a new folder under the temp folder."""
    base = Path(tempfile.gettempdir()) / VIEWER_FOLDER
    _prune(base, GRACE.total_seconds())
    folder = base / uuid.uuid4().hex[:12]
    folder.mkdir(parents=True)
    # A name edited into the data file by another tool is not trusted as a path.
    safe = name if name_problem(name) is None else f"佐证材料-{sha[:12]}{Path(name).suffix[:10]}"
    target = folder / safe
    try:
        state = store.copy_out(sha, target)
    except OSError as error:
        raise StorageError(
            f"无法复制佐证材料“{name}”以便打开：{describe_os_error(error)}"
        ) from error
    if state is FileState.MISSING:
        raise StorageError(
            f"佐证材料“{name}”的文件不在佐证材料文件夹“{store.root}”中，无法打开。"
            "请管理员从备份恢复，或运行“检查数据文件”查看缺少哪些附件。"
        )
    if state is FileState.DAMAGED:
        raise StorageError(
            f"佐证材料“{name}”的文件已损坏（内容与附加时的校验值不符），无法打开。"
            "请管理员从备份恢复该附件。"
        )
    # Read-only: an edit in the viewer would be lost with the copy, so say so up front.
    os.chmod(target, stat.S_IREAD)
    return target


def _prune(base: Path, older_than_seconds: float) -> None:
    """Remove the copies opened more than a day ago (best effort: a viewer may hold one)."""
    if not base.is_dir():
        return
    limit = time.time() - older_than_seconds
    for folder in base.iterdir():
        try:
            if folder.is_dir() and folder.stat().st_mtime < limit:
                if sys.version_info >= (3, 12):
                    shutil.rmtree(folder, onexc=_writable_then_retry)
                else:
                    shutil.rmtree(folder, onerror=_writable_then_retry)
        except OSError:
            continue


def _writable_then_retry(function: Callable[..., Any], path: str, _info: object) -> None:
    """The copies are read-only, which stops Windows from deleting them."""
    try:
        os.chmod(path, stat.S_IWRITE | stat.S_IREAD)
        function(path)
    except OSError:
        pass
