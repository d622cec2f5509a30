"""What checking the data file's identity costs each write (issue 12 item 3): one save
of a department with the checks (its id read after BEGIN IMMEDIATE; before COMMIT a stat
for device, inode, time and size, and only if the file changed since BEGIN a fresh
connection's read of the id) against the same save without them, alternating.

Usage: python bench/bench_file_identity.py [--runs 200]
Prints medians in milliseconds, the ratio, and the fresh connection's read alone. Local
disk; on a share the stat and that read are network round trips. Not a test: timings
are never asserted.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy.orm import Session

from kaohe_desktop.domain.records import DEFAULT_STAFF_CATEGORIES
from kaohe_desktop.storage.database import create_data_file, open_data_file
from kaohe_desktop.storage.identity import SameFile
from kaohe_desktop.storage.models import DepartmentRow
from kaohe_desktop.storage.unit_of_work import UnitOfWork


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        made = create_data_file(
            Path(folder) / "bench.kaohe",
            bureau_name="基准",
            account="bench",
            staff_categories=DEFAULT_STAFF_CATEGORIES,
        )
        made.close()
        opened = open_data_file(made.path)
        assert opened.identity is not None
        checked = opened.unit_of_work("bench")
        unchecked = UnitOfWork(opened.engine, account="bench")
        department = checked.write(lambda s: _add(s))
        times: dict[str, list[float]] = {"checked": [], "unchecked": []}
        for run in range(options.runs):
            for name, uow in (("checked", checked), ("unchecked", unchecked))[:: 1 - 2 * (run % 2)]:
                started = time.perf_counter()
                uow.write(lambda s: _bump(s, department))
                times[name].append(time.perf_counter() - started)
        # The fresh connection's check alone (paid only when the file changed), for scale.
        same = SameFile(opened.path, opened.identity)
        probe = []
        for _ in range(options.runs):
            started = time.perf_counter()
            same.before_commit(None)
            probe.append(time.perf_counter() - started)
        opened.close()
    medians = {name: statistics.median(values) * 1000 for name, values in times.items()}
    print(f"save with identity checks    {medians['checked']:.3f} ms")
    print(f"save without                 {medians['unchecked']:.3f} ms")
    print(f"ratio                        {medians['checked'] / medians['unchecked']:.3f}")
    print(f"fresh-connection check alone {statistics.median(probe) * 1000:.3f} ms")


def _add(session: Session) -> int:
    row = DepartmentRow(name="基准科")
    session.add(row)
    session.flush()
    return row.id


def _bump(session: Session, department: int) -> None:
    row = session.get(DepartmentRow, department)
    assert row is not None
    row.sort_order = (row.sort_order or 0) + 1


if __name__ == "__main__":
    main()
