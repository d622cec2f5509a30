"""佐证材料 out of the data file (issue 13, DESIGN §5): 100 attachments of 5 MB each
(random bytes behind a PDF header, so nothing compresses) attached through the service.

Prints:
- the data file's size before and after the attachments (only their metadata goes in);
- the attach time per file (median), the bytes hashed, checked and written through tmp/;
- the daily backup's time, paired in each round: the data file alone (backup_database,
  the reference), a backup into a folder whose 佐证材料 store already has every file
  ("none new"), and one into an empty folder ("100 new"), the first two alternating;
- `check`'s re-hash of every referenced file (store_check).

Usage: python bench/bench_evidence.py [--files 100] [--mb 5] [--rounds 5] [--dir DIR]
Local disk by default; pass --dir on a share to see the network. Not a test: timings are
never asserted.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from sqlalchemy.orm import Session

from kaohe_desktop.domain.leases import check_scope
from kaohe_desktop.services.access.accounts import Credentials
from kaohe_desktop.services.workspace import Workspace, create_workspace
from kaohe_desktop.storage.backup import backup_database
from kaohe_desktop.storage.models import CheckRow, DepartmentRow, TaskDepartmentRow, TaskRow

PERIOD = "2026Q2"


def _check(workspace: Workspace) -> tuple[int, int]:
    def work(session: Session) -> tuple[int, int]:
        department = DepartmentRow(name="综合科")
        session.add(department)
        session.flush()
        task = TaskRow(
            year=2026,
            seq=1,
            title="基准任务",
            category="routine",
            lead_department_id=department.id,
            deadline="每季度",
            points=Decimal(10),
        )
        task.responsible = [TaskDepartmentRow(department_id=department.id)]
        session.add(task)
        session.flush()
        check = CheckRow(
            task_id=task.id,
            department_id=department.id,
            period=PERIOD,
            status="done",
            level="lead",
            draft=False,
        )
        session.add(check)
        session.flush()
        return check.id, department.id

    return workspace._uow.write(work)


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def _ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:9.1f} ms (min {min(values) * 1000:.1f})"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--mb", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--dir", type=Path, default=None)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=options.dir) as temp:
        root = Path(temp)
        workspace = create_workspace(
            root / "考核台账.kaohe", admin=Credentials("admin", "bench-pass-1")
        )
        try:
            run(workspace, root, options)
        finally:
            workspace.close()


def run(workspace: Workspace, root: Path, options: argparse.Namespace) -> None:
    check_id, department = _check(workspace)
    lease = workspace.leases.acquire(check_scope(PERIOD, department), "基准")
    sources = root / "扫描件"
    sources.mkdir()
    size = options.mb * 1024 * 1024
    before = workspace.path.stat().st_size
    attach: list[float] = []
    for n in range(options.files):
        source = sources / f"扫描件{n:03d}.pdf"
        source.write_bytes(b"%PDF-1.7\n" + os.urandom(size - 9))
        attach.append(
            _timed(lambda s=source: workspace.evidence.attach(check_id, s, None, [lease]))
        )
        source.unlink()
    after = workspace.path.stat().st_size
    total_mb = options.files * options.mb
    print(f"{options.files} attachments × {options.mb} MB = {total_mb} MB in the store")
    print(f"data file before            {before / 1024:9.1f} KiB")
    print(f"data file after             {after / 1024:9.1f} KiB (+{(after - before) / 1024:.1f})")
    print(f"attach, per file            {_ms(attach)}")

    engine, path = workspace._uow.engine, workspace.path
    times: dict[str, list[float]] = {"data file only": [], "none new": [], "all new": []}
    for n in range(options.rounds):
        folder = root / f"备份{n}"
        times["all new"].append(_timed(lambda f=folder: workspace.backups.backup_now(f)))
        assert workspace.backups.last_evidence is not None
        assert workspace.backups.last_evidence.copied == options.files
        reference = root / f"参照{n}"
        pair: list[tuple[str, Callable[[], object]]] = [
            ("none new", lambda f=folder: workspace.backups.backup_now(f)),
            ("data file only", lambda r=reference: backup_database(engine, path, r, "手动")),
        ]
        for name, action in pair[:: 1 - 2 * (n % 2)]:
            times[name].append(_timed(action))
        assert workspace.backups.last_evidence.copied == 0
        shutil.rmtree(folder)
        shutil.rmtree(reference)
    print(f"backup rounds               {options.rounds}")
    for name, values in times.items():
        print(f"backup, {name:<20}{_ms(values)}")
    reference_ms = statistics.median(times["data file only"])
    print(f"none new / data file only   {statistics.median(times['none new']) / reference_ms:.2f}")
    print(f"all new / data file only    {statistics.median(times['all new']) / reference_ms:.1f}")
    checks = [_timed(workspace.evidence.store_check) for _ in range(3)]
    print(f"check (re-hash {total_mb} MB)     {_ms(checks)}")


if __name__ == "__main__":
    main()
