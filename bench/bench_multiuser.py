"""What the multi-user machinery costs one clerk, on the demo bureau (in process).

Usage: python bench/bench_multiuser.py [--runs 20]
Prints the median and range (milliseconds) of: signing in (Argon2), saving one
record (BEGIN IMMEDIATE, version check, audit row), a lease heartbeat, one
data_version poll, closing a period (full integrity_check), and the daily backup.
Not a test: timings are never asserted.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from kaohe_desktop.domain.leases import person_scope
from kaohe_desktop.services.access.accounts import Credentials
from kaohe_desktop.services.workspace import Workspace, create_workspace, open_workspace

ADMIN = Credentials("bench", "bench-pass-1")


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def _measure(workspace: Workspace, run: int, record: Callable[[str, float], None]) -> None:
    person = workspace.people.listing()[run % 10]
    lease = workspace.leases.acquire(person_scope(person.id), person.name)
    record("lease heartbeat", timed(lambda: workspace.leases.heartbeat(lease)))
    draft = workspace.people.load(person.id).draft().with_value("position", f"科员{run}")
    record(
        "save one record (lease, version, audit)",
        timed(lambda: workspace.people.save(draft, lease)),
    )
    workspace.leases.release(lease)
    watcher = workspace.change_watcher()
    record("data_version poll", timed(watcher.poll))
    watcher.close()
    record(
        "close a quarter (full integrity_check)", timed(lambda: workspace.periods.close("2026Q1"))
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs
    results: dict[str, list[float]] = {}

    def record(name: str, value: float) -> None:
        results.setdefault(name, []).append(value)

    with tempfile.TemporaryDirectory() as directory:
        folder = Path(directory)
        os.environ["KAOHE_BACKUP_DIR"] = str(folder / "backups")
        master = folder / "demo.kaohe"
        create_workspace(master, admin=ADMIN, demo=True).close()
        for run in range(runs):
            path = folder / f"run{run}.kaohe"
            shutil.copyfile(master, path)
            started = time.perf_counter()
            workspace = open_workspace(path, ADMIN, daily_backup=False)
            record("open + sign in", (time.perf_counter() - started) * 1000)
            record(
                "daily backup (VACUUM INTO + integrity_check + rotate)",
                timed(workspace.daily_backup),
            )
            _measure(workspace, run, record)
            workspace.close()
            path.unlink()
    print(f"demo bureau, {runs} runs, milliseconds")
    for name, values in results.items():
        print(
            f"{name:55s} median {statistics.median(values):8.1f}   "
            f"range {min(values):.1f}–{max(values):.1f}"
        )


if __name__ == "__main__":
    main()
