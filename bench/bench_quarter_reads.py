"""Reads around a quarter: which quarter the 季度考核 tab opens on, and one person's archive.

Usage: python bench/bench_quarter_reads.py [--runs 7] [--sizes 300,10000]

1. Opening a year in the 季度考核 tab.
Paired, alternating, in one process on the same file: the service's
`grading.default_quarter(year)` (one DISTINCT query) beside the way the tab decided it
before issue 11, kept here as the peer: build the sheets of the begun quarters, latest
first, until one has an entry. The bureau is bench_grading's (scores in 2026Q2 only), and
"today" is 2026-12-07, so the peer builds the Q4, Q3 and Q2 sheets. Prints medians,
ranges and the ratio.

2. One person's 人员档案 (`archive.entries`), for ten people spread over the roster, while
2026Q2 is open (its 等次 needs the whole quarter graded) and after it is closed (what the
close stored, read for that person alone), beside a floor: the same person's rows read
with raw sqlite3 (assessments, comments, rewards, discipline, talks).

Not a test: nothing is asserted but that both ways pick the same quarter.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from pathlib import Path

from bench_grading import PASSWORD, USER, bureau, kaohe  # beside this script

from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.reports.excel_exchange_writer import write_workbook
from kaohe_desktop.services.access.accounts import Credentials
from kaohe_desktop.services.workspace import Workspace, open_workspace

TODAY = date(2026, 12, 7)


def by_building_sheets(workspace: Workspace, year: int) -> Quarter:
    """The tab's rule before issue 11, reading whole sheets on the GUI thread."""
    begun = [n for n in (4, 3, 2, 1) if Quarter(year, n).start <= TODAY]
    for number in begun:
        sheet = workspace.grading.sheet(Quarter(year, number))
        if any(r.assessment_id is not None for r in sheet.rows):
            if sheet.closed and number < 4 and Quarter(year, number + 1).start <= TODAY:
                return Quarter(year, number + 1)
            return Quarter(year, number)
    ended = [n for n in begun if Quarter(year, n).end < TODAY]
    return Quarter(year, ended[0] if ended else 1)


def timed(work: Callable[[], Quarter]) -> tuple[float, Quarter]:
    start = time.perf_counter()
    answer = work()
    return time.perf_counter() - start, answer


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sizes", default="300,10000")
    options = parser.parse_args()
    lines: list[str] = []
    archive_lines: list[str] = []
    with tempfile.TemporaryDirectory() as directory:
        folder = Path(directory)
        for size in (int(s) for s in options.sizes.split(",")):
            db, xlsx = folder / f"b{size}.kaohe", folder / f"b{size}.xlsx"
            write_workbook(bureau(size), xlsx)
            kaohe("--db", str(db), "init")
            kaohe("--db", str(db), "import", str(xlsx))
            workspace = open_workspace(
                db,
                Credentials(USER, PASSWORD),
                daily_backup=False,
                clock=lambda: datetime.combine(TODAY, datetime.min.time()),
            )
            ours: list[float] = []
            peer: list[float] = []
            try:
                for _run in range(options.runs):
                    seconds, answer = timed(partial(workspace.grading.default_quarter, 2026))
                    ours.append(seconds)
                    seconds, expected = timed(partial(by_building_sheets, workspace, 2026))
                    peer.append(seconds)
                    assert answer == expected, (answer, expected)  # the same quarter
            finally:
                workspace.close()
            mine, theirs = statistics.median(ours), statistics.median(peer)
            lines.append(f"| {size} | {mine:.4f} | {theirs:.3f} | {theirs / mine:.0f}× |")
            archive_lines.extend(archive_rows(db, size))
    print("| 人数 | default_quarter 中位数 (s) | 逐季读评分表（旧） 中位数 (s) | 比值 |")
    print("|---:|---:|---:|---:|")
    print("\n".join(lines))
    print()
    print("| 人数 | 2026Q2 | archive.entries 中位数 (s) | sqlite3 直读下限 中位数 (s) | 比值 |")
    print("|---:|---|---:|---:|---:|")
    print("\n".join(archive_lines))


def raw_person_rows(db: Path, person_id: int) -> int:
    """The floor: the person's own rows, read with sqlite3 and nothing else."""
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        found = 0
        for table in ("quarterly_assessment", "comment", "commendation", "discipline", "talk"):
            statement = f"SELECT * FROM {table} WHERE person_id = ?"
            found += len(connection.execute(statement, (person_id,)).fetchall())
        return found
    finally:
        connection.close()


def archive_rows(db: Path, size: int) -> list[str]:
    rows = []
    workspace = open_workspace(db, Credentials(USER, PASSWORD), daily_backup=False)
    try:
        people = [p.id for p in workspace.people.listing()]
        chosen = people[:: max(1, len(people) // 10)][:10]
        for state in ("未关闭", "已关闭"):
            if state == "已关闭":
                workspace.grading.close_quarter(Quarter(2026, 2))
            ours: list[float] = []
            floor: list[float] = []
            for person_id in chosen:  # alternating, person by person
                start = time.perf_counter()
                workspace.archive.entries(person_id)
                ours.append(time.perf_counter() - start)
                start = time.perf_counter()
                raw_person_rows(db, person_id)
                floor.append(time.perf_counter() - start)
            mine, least = statistics.median(ours), statistics.median(floor)
            rows.append(f"| {size} | {state} | {mine:.4f} | {least:.4f} | {mine / least:.0f}× |")
    finally:
        workspace.close()
    return rows


if __name__ == "__main__":
    main()
