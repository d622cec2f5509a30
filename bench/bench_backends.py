"""The county file on SQLite and on PostgreSQL side by side, on this machine (issue 17).

Usage: python bench/bench_backends.py [--runs 5] [--writers 5] [--seconds 20]
           [--cache DIR] [--pg-folder DIR] [--skip process,concurrent]

Needs PostgreSQL's programs (initdb, pg_ctl; devtools/throwaway_pg.py finds them).

The county file is bench_archive's (`county_file`: the demo generator's staff=10000,
years=4 — 455 departments, 10,000 people, 2023Q1–2026Q3 closed, 2026Q4 open), copied into
the run's temporary folder. A DURABLE throwaway cluster is started for the run
(devtools.throwaway_pg.start: fsync and full_page_writes on, as a real server; loopback
127.0.0.1, SCRAM sign-in) and the file is copied onto an empty database of it by the
application's own copy (storage.copy.copy_to_server, as `kaohe copy` does), once, timed.
The clerks' side then signs in as `kaohe_app` (rows only), the file side opens the file.

Measured on both backends in the same run, alternating file/server within each
repetition (which one goes first alternates too):

1. 打开: services.workspace.open_workspace(source, bench) → signed in, no daily backup,
   then closed (a server: a new engine, so TCP + SCRAM each time);
2. 季度评分表: grading.sheet(2026Q4) as the 季度考核 tab reads it, with the kept sheets
   cleared first (the whole quarter read and graded), and again with nothing changed
   (F5: the kept sheet after one change-token query);
3. 录入一个分数: the 季度考核 tab (QuarterlyTab, offscreen) saving one cell as its grid
   does (GradingEditing.save, the department's lease held), until the event loop is idle;
   and the write transaction alone (score_write below, WRITES per repetition), one
   process, nobody else writing;
4. 排名表: ranking.write_workbook(2026Q4) in-process, and `kaohe ranking` whole process
   (interpreter, open, Argon2id sign-in);
5. 墙上台账: wall_charts.write(2026, department=the largest) in-process — the department
   with the most tasks in 2026;
6. 并发写入: W processes (default 5), each signed in on its own department's grading
   lease, committing one score at a time for S seconds through the grading service's
   write transaction (scores.write_scores inside the unit of work: roster, lease and
   version checks, the audit row — without rebuilding the sheet, which is CPU the
   clerk's own machine pays). Commits/s in total, p50/p95/max of one write; afterwards
   every person's stored score is the last one its writer committed, the audit log
   holds one row per commit and its chain verifies (0 lost).

Beside them, the floors of any program on either: a bare driver connection with one
SELECT 1 (sqlite3.connect; psycopg.connect, which is TCP and the SCRAM sign-in), and one
SELECT 1 on an open connection (a round trip on loopback).

Prints one Markdown table (what | SQLite | PostgreSQL | ratio | statements), the
database sizes (file bytes; pg_database_size) and the load average. The statements are
those SQLAlchemy sent in the step's last run (each a round trip to a server; SQLite's
own PRAGMAs on the raw connection at open are not among them). Not a test: nothing is timed
against a limit; a step that fails on one backend is reported as failed and the rest
is measured.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("KAOHE_TEST_CHEAPEST_HASH", None)  # the real Argon2id cost, as a clerk's

SCRIPT = Path(__file__).resolve()
sys.path.insert(0, str(SCRIPT.parent))
sys.path.insert(0, str(SCRIPT.parent.parent))  # devtools

from bench_checks import ADMIN  # noqa: E402  # beside this script; the county file's admin

from kaohe_desktop.domain.periods import Quarter  # noqa: E402

QUARTER = Quarter(2026, 4)  # the county's latest quarter (open)
YEAR = 2026
PRINTED_ON = date(2026, 12, 7)
VALUES = ("95.5", "72", "91", "88.5", "99", "60.5")  # across the 好 line and back
SIDES = ("sqlite", "postgresql")
WRITES = 4  # single writes per repetition and backend
TRIPS = 10  # bare connections and SELECT 1 per repetition and backend

Results = dict[tuple[str, str], list[float]]  # (step, side) -> seconds


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} / {five:.2f} / {fifteen:.2f}"


# ---- one score write: the grading service's write transaction -----------------------------


def score_write(uow: Any, lease: Any, person: int, value: Decimal) -> None:
    """What grading.set_scores writes for one cell, in one unit-of-work transaction:
    the row's version read first (as the clerk saw it), then scores.write_scores
    (roster, value, lease and version checks; the row; the quarter's rules frozen), the
    audit row with the unit of work. The new sheet is not built."""
    from kaohe_desktop.services.quarterly.scores import stored_rows, write_scores
    from kaohe_desktop.services.quarterly.views import ScoreChange, ScoreField

    def work(session: Any) -> None:
        row = stored_rows(session, QUARTER, [person]).get(person)
        change = ScoreChange(person, ScoreField.LEADER, value, row.version if row else None)
        write_scores(session, QUARTER, [change], [lease], datetime.now())

    uow.write(work)


class Statements:
    """SQL statements sent to any engine in this process (one per round trip on a
    server: psycopg sends each one and waits for its answer)."""

    count = 0

    @classmethod
    def install(cls) -> None:
        from sqlalchemy import event
        from sqlalchemy.engine import Engine

        def counted(*_args: object) -> None:
            cls.count += 1

        event.listen(Engine, "before_cursor_execute", counted)


# ---- the concurrent writers (child processes) -------------------------------------------


def writer(source: str, rank: int, seconds: float) -> None:
    """One clerk's workstation: signs in, takes the lease of the rank-th largest
    department's grading, says "ready", waits for "go", then commits one score at a
    time for `seconds`. Prints a JSON line: latencies, last value per person, errors."""
    from kaohe_desktop.domain.leases import grading_scope
    from kaohe_desktop.services.workspace import open_workspace

    workspace = open_workspace(source, ADMIN, daily_backup=False)
    sheet = workspace.grading.sheet(QUARTER)
    sizes: dict[int, list[int]] = {}
    for row in sheet.rows:
        sizes.setdefault(row.department_id, []).append(row.person_id)
    ordered = sorted(sizes.items(), key=lambda item: (-len(item[1]), item[0]))
    department, people = ordered[rank]
    people = sorted(people)[:20]
    lease = workspace.leases.acquire(grading_scope(str(QUARTER), department), f"并发{rank}")
    print("ready", flush=True)
    sys.stdin.readline()  # "go"
    latencies: list[float] = []
    last: dict[int, str] = {}
    errors: list[str] = []
    deadline = time.perf_counter() + seconds
    count = 0
    while time.perf_counter() < deadline:
        person = people[count % len(people)]
        value = Decimal(count % 1000) / Decimal(10)  # never the value this person has
        started = time.perf_counter()
        try:
            score_write(workspace._uow, lease, person, value)
        except Exception as error:  # a refused or failed write: counted, not retried
            errors.append(f"{type(error).__name__}: {str(error)[:300]}")
        else:
            latencies.append(time.perf_counter() - started)
            last[person] = str(value)
        count += 1
    workspace.leases.release(lease)
    workspace.close()
    print(json.dumps({"latencies": latencies, "last": last, "errors": errors}), flush=True)


def concurrent(source: str, writers: int, seconds: float, env: dict[str, str]) -> dict[str, Any]:
    """W writer processes started together; their figures and what they committed."""
    command = [sys.executable, str(SCRIPT), "--writer", source]
    children = [
        subprocess.Popen(
            [*command, str(rank), str(seconds)],
            env=env,
            text=True,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for rank in range(writers)
    ]
    for child in children:
        assert child.stdout is not None
        line = child.stdout.readline()
        if line.strip() != "ready":
            child.wait()
            raise RuntimeError(
                f"并发写入进程未就绪：{line!r} {child.stderr.read() if child.stderr else ''}"
            )
    started = time.perf_counter()
    for child in children:
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
    answers = []
    for child in children:
        out, err = child.communicate()
        lines = [line for line in out.splitlines() if line.startswith("{")]
        if not lines:
            raise RuntimeError(f"并发写入进程失败（{child.returncode}）：{err[-2000:]}")
        answers.append(json.loads(lines[-1]))
    wall = time.perf_counter() - started
    latencies = sorted(x for a in answers for x in a["latencies"])
    last = {int(k): v for a in answers for k, v in a["last"].items()}
    errors = [e for a in answers for e in a["errors"]]
    return {
        "latencies": latencies,
        "last": last,
        "errors": errors,
        "wall": wall,
        "per_writer": [len(a["latencies"]) for a in answers],
    }


def verify_writes(engine: Any, last: dict[int, str], audit_before: int) -> tuple[int, int, str]:
    """(people whose stored score is not the last committed, audit rows of
    quarterly_assessment appended since, the chain's verdict)."""
    from sqlalchemy import func, select

    from kaohe_desktop.storage.audit import verify_chain
    from kaohe_desktop.storage.models import AuditRow, QuarterlyAssessmentRow

    qa = QuarterlyAssessmentRow
    with engine.connect() as connection:
        stored = dict(
            connection.execute(
                select(qa.person_id, qa.leader).where(
                    qa.quarter == str(QUARTER), qa.person_id.in_(sorted(last))
                )
            ).all()
        )
        wrong = sum(
            1
            for person, value in last.items()
            if stored.get(person) is None or Decimal(str(stored[person])) != Decimal(value)
        )
        appended = connection.execute(
            select(func.count())
            .select_from(AuditRow)
            .where(AuditRow.id > audit_before, AuditRow.entity == qa.__tablename__)
        ).scalar_one()
        chain = verify_chain(connection)
        connection.rollback()
    return wrong, int(appended), str(chain)


def audit_head(engine: Any) -> int:
    from sqlalchemy import func, select

    from kaohe_desktop.storage.models import AuditRow

    with engine.connect() as connection:
        head = connection.execute(select(func.max(AuditRow.id))).scalar_one()
        connection.rollback()
    return int(head or 0)


# ---- the single interactions --------------------------------------------------------------


class Side:
    """One backend: its source, a workspace for the services, a tab for the grid."""

    def __init__(self, name: str, source: str, folder: Path) -> None:
        from kaohe_desktop.services.workspace import open_workspace

        self.name = name
        self.source = source
        self.folder = folder
        self.workspace = open_workspace(source, ADMIN, daily_backup=False)
        self.grid_workspace = open_workspace(source, ADMIN, daily_backup=False)
        self.tab: Any = None
        self.rows: list[Any] = []

    def largest_department(self) -> tuple[str, int]:
        book = self.workspace.wall_charts.build(YEAR, printed_on=PRINTED_ON)
        chart = max(book.charts, key=lambda c: (len(c.rows), c.department))
        return chart.department, len(chart.rows)

    def open_tab(self) -> None:
        from PySide6.QtWidgets import QVBoxLayout, QWidget

        from kaohe_desktop.ui.common.data_tab import Guidance
        from kaohe_desktop.ui.quarterly.quarterly_tab import QuarterlyTab

        self.window = QWidget()
        self.tab = QuarterlyTab(Guidance())
        QVBoxLayout(self.window).addWidget(self.tab)
        self.window.resize(1400, 800)
        self.window.show()
        self.tab.set_workspace(self.grid_workspace, QUARTER.year)
        self.tab.set_quarter(QUARTER.quarter)
        self.quiet()
        sheet = self.tab.session.sheet
        department = sheet.rows[len(sheet.rows) // 2].department_id
        self.rows = [r for r in sheet.rows if r.department_id == department]
        self.tab.session.ensure_leases(self.rows[:1])  # taken at the first edit, kept after

    def prepare_write(self) -> None:
        """The lease of another department than the tab's, for the single writes."""
        from kaohe_desktop.domain.leases import grading_scope

        sheet = self.tab.session.sheet
        sizes: dict[int, list[int]] = {}
        for row in sheet.rows:
            sizes.setdefault(row.department_id, []).append(row.person_id)
        taken = self.rows[0].department_id
        department = max((d for d in sizes if d != taken), key=lambda d: (len(sizes[d]), -d))
        self.write_people = sorted(sizes[department])
        scope = grading_scope(str(QUARTER), department)
        self.write_lease = self.workspace.leases.acquire(scope, "单次写入")

    def write_alone(self, run: int) -> float:
        person = self.write_people[run % len(self.write_people)]
        value = Decimal(500 + run) / Decimal(10)
        return timed(lambda: score_write(self.workspace._uow, self.write_lease, person, value))

    def connect(self) -> Any:
        """A bare driver connection (sqlite3, or psycopg: TCP and SCRAM sign-in)."""
        if self.name == "sqlite":
            import sqlite3

            return sqlite3.connect(self.source)
        import psycopg

        from kaohe_desktop.storage.source import parse_server_url

        address = parse_server_url(self.source)
        return psycopg.connect(
            host=address.host, port=address.port, user=address.user, dbname=address.database
        )

    def connect_once(self) -> float:
        started = time.perf_counter()
        connection = self.connect()
        connection.execute("SELECT 1").fetchone()
        seconds = time.perf_counter() - started
        connection.close()
        return seconds

    def round_trip(self) -> float:
        if getattr(self, "raw", None) is None:
            self.raw = self.connect()
        return timed(lambda: self.raw.execute("SELECT 1").fetchone())

    def quiet(self) -> None:
        """No read-ahead running into the next timing."""
        from PySide6.QtWidgets import QApplication

        ahead = getattr(self.tab, "read_ahead", None)
        if ahead is not None:
            ahead.stop()
        QApplication.processEvents()

    def enter_score(self, run: int) -> float:
        from PySide6.QtWidgets import QApplication

        from kaohe_desktop.services.quarterly.views import ScoreChange, ScoreField

        shown = self.tab.session.sheet
        row = shown.row(self.rows[run % len(self.rows)].person_id)
        value = Decimal(VALUES[run % len(VALUES)])
        if row.leader == value:
            value = Decimal(VALUES[(run + 1) % len(VALUES)])
        change = ScoreChange(row.person_id, ScoreField.LEADER, value, row.version)
        QApplication.processEvents()
        started = time.perf_counter()
        self.tab.editing.save([change], "bench")
        QApplication.processEvents()
        seconds = time.perf_counter() - started
        self.quiet()
        return seconds

    def sheet_cold(self) -> float:
        sheets = self.workspace.grading.sheets
        sheets.clear()
        return timed(lambda: self.workspace.grading.sheet(QUARTER))

    def sheet_kept(self) -> float:
        return timed(lambda: self.workspace.grading.sheet(QUARTER))

    def ranking(self, run: int) -> float:
        out = self.folder / f"排名-{self.name}-{run}.xlsx"
        return timed(lambda: self.workspace.ranking.write_workbook(QUARTER, out))

    def wall_chart(self, department: str, run: int) -> float:
        out = self.folder / f"墙上台账-{self.name}-{run}.pdf"
        return timed(
            lambda: self.workspace.wall_charts.write(
                YEAR, out, department=department, printed_on=PRINTED_ON
            )
        )

    def opening(self) -> float:
        from kaohe_desktop.services.workspace import open_workspace

        started = time.perf_counter()
        workspace = open_workspace(self.source, ADMIN, daily_backup=False)
        seconds = time.perf_counter() - started
        workspace.close()
        return seconds

    def close(self) -> None:
        if getattr(self, "raw", None) is not None:
            self.raw.close()
            self.raw = None
        if getattr(self, "write_lease", None) is not None:
            self.workspace.leases.release(self.write_lease)
            self.write_lease = None
        if self.tab is not None:
            self.quiet()
            self.tab.set_workspace(None, None)
            self.window.close()
        self.grid_workspace.close()
        self.workspace.close()


def kaohe_ranking(source: str, out: Path, env: dict[str, str]) -> float:
    command = [
        sys.executable,
        "-m",
        "kaohe_desktop.cli",
        "--quiet",
        "--db",
        source,
        "ranking",
        "--quarter",
        str(QUARTER),
        "--out",
        str(out),
    ]
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode:
        raise RuntimeError(f"kaohe ranking 失败（{done.returncode}）：{done.stderr.strip()[-600:]}")
    return seconds


# ---- the run ----------------------------------------------------------------------------------


class Run:
    def __init__(self) -> None:
        self.results: Results = {}
        self.failures: dict[tuple[str, str], str] = {}
        self.statements: dict[tuple[str, str], int] = {}  # of the step's last run
        self.notes: list[str] = []

    def add(self, step: str, side: str, action: Callable[[], float]) -> None:
        if (step, side) in self.failures:
            return  # failed once: reported, not tried again
        before = Statements.count
        try:
            seconds = action()
            self.statements[(step, side)] = Statements.count - before
        except Exception as error:
            self.failures[(step, side)] = f"{type(error).__name__}: {str(error)[:400]}"
            print(f"!! {step} 在 {side} 上失败：", flush=True)
            traceback.print_exc()
            return
        self.results.setdefault((step, side), []).append(seconds)


def cell(values: list[float] | None, failure: str | None) -> str:
    if failure and not values:
        return "失败"
    if not values:
        return "—"

    def ms(seconds: float) -> str:
        milliseconds = seconds * 1000
        return f"{milliseconds:.2f}" if milliseconds < 10 else f"{milliseconds:.0f}"

    median = statistics.median(values)
    if len(values) == 1:
        return ms(median)
    return f"{ms(median)} ({ms(min(values))}–{ms(max(values))})"


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    index = min(len(values) - 1, max(0, round(share * (len(values) - 1))))
    return sorted(values)[index]


def main() -> None:
    if len(sys.argv) == 5 and sys.argv[1] == "--writer":
        writer(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]))
        return
    parser = argparse.ArgumentParser(
        description="县级数据：SQLite 数据文件与 PostgreSQL 服务器对比"
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--writers", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "kaohe-bench")
    parser.add_argument("--pg-folder", type=Path, help="集群目录（默认：临时目录，结束后删除）")
    parser.add_argument("--skip", default="", help="跳过：process,concurrent")
    options = parser.parse_args()
    skip = set(filter(None, options.skip.split(",")))

    from bench_archive import county_file  # beside this script
    from devtools.throwaway_pg import APP, OWNER, start
    from PySide6.QtWidgets import QApplication

    from kaohe_desktop.storage.copy import copy_to_server
    from kaohe_desktop.storage.engine import make_engine
    from kaohe_desktop.storage.server_engine import make_server_engine
    from kaohe_desktop.storage.source import parse_server_url

    app = QApplication.instance() or QApplication(sys.argv[:1])
    Statements.install()
    print(f"开始：{datetime.now():%Y-%m-%d %H:%M:%S}；负载 {load()}", flush=True)
    county, about = county_file(options.cache, False, True)
    run = Run()
    with tempfile.TemporaryDirectory(prefix="kaohe-backends-") as directory:
        folder = Path(directory)
        db = folder / "county.kaohe"
        shutil.copyfile(county, db)
        pg_folder = options.pg_folder or Path(tempfile.mkdtemp(prefix="kaohe-bench-pg-"))
        cluster = start(pg_folder, durable=True)
        os.environ["PGPASSWORD"] = cluster.password
        os.environ["KAOHE_BACKUP_DIR"] = str(folder / "备份")
        env = {**os.environ, "KAOHE_USER": ADMIN.username, "KAOHE_PASSWORD": ADMIN.password}
        sides: dict[str, Side] = {}
        try:
            cluster.create_database("county")
            version = cluster.psql("SHOW server_version").strip()
            fsync = cluster.psql("SHOW fsync").strip()
            print(f"PostgreSQL {version}，fsync={fsync}，127.0.0.1:{cluster.port}", flush=True)
            # The copy, once: the application's own (as `kaohe copy` does), timed.
            source_engine = make_engine(db, read_only=True)
            target = make_server_engine(parse_server_url(cluster.url("county", OWNER)), pool_size=1)
            evidence = folder / "佐证材料"
            evidence.mkdir()
            load_before = load()
            started = time.perf_counter()
            result = copy_to_server(source_engine, target, evidence_dir=str(evidence))
            copy_seconds = time.perf_counter() - started
            source_engine.dispose()
            target.dispose()
            print(
                f"复制到服务器：{copy_seconds:.1f} s，{result.rows:,} 行，{result.chain}；"
                f"负载（前）{load_before}",
                flush=True,
            )
            cluster.psql("VACUUM ANALYZE", database="county")  # as autovacuum would soon
            sources = {"sqlite": str(db), "postgresql": cluster.url("county", APP)}
            for name in SIDES:
                sides[name] = Side(name, sources[name], folder)
            department, tasks = sides["sqlite"].largest_department()
            print(f"墙上台账：{department}（{YEAR} 年 {tasks} 项）", flush=True)
            for name in SIDES:
                sides[name].open_tab()
                sides[name].prepare_write()
            # warm-up, untimed: the first of each (imports, fonts, caches on both)
            for name in SIDES:
                side = sides[name]
                side.sheet_cold()
                side.ranking(-1)
                side.wall_chart(department, -1)
                side.opening()
            for repetition in range(options.runs):
                order = SIDES if repetition % 2 == 0 else SIDES[::-1]
                for name in order:
                    side = sides[name]
                    run.add("open", name, side.opening)
                    run.add("sheet-cold", name, side.sheet_cold)
                    run.add("sheet-kept", name, side.sheet_kept)
                    run.add("score", name, lambda s=side, r=repetition: s.enter_score(r))
                    for write in range(WRITES):
                        number = repetition * WRITES + write
                        run.add("write", name, lambda s=side, n=number: s.write_alone(n))
                    side.tab.reload()  # untimed: the tab's next save finds its sheet current
                    side.quiet()
                    for _ in range(TRIPS):
                        run.add("connect", name, side.connect_once)
                        run.add("trip", name, side.round_trip)
                    run.add("ranking", name, lambda s=side, r=repetition: s.ranking(r))
                    run.add("wall", name, lambda s=side, r=repetition: s.wall_chart(department, r))
                print(f"第 {repetition + 1} 轮完成；负载 {load()}", flush=True)
            for side in sides.values():
                side.close()
            sides.clear()
            if "process" not in skip:
                for name in SIDES:  # warm-up: the day's backup, if the command makes one
                    run.add(
                        "process-warm",
                        name,
                        lambda n=name: kaohe_ranking(sources[n], folder / f"w-{n}.xlsx", env),
                    )
                for repetition in range(options.runs):
                    order = SIDES if repetition % 2 == 0 else SIDES[::-1]
                    for name in order:
                        out = folder / f"进程-{name}-{repetition}.xlsx"
                        run.add(
                            "process", name, lambda n=name, o=out: kaohe_ranking(sources[n], o, env)
                        )
                print(f"kaohe ranking 完成；负载 {load()}", flush=True)
            concurrency: dict[str, dict[str, Any]] = {}
            if "concurrent" not in skip:
                for name in SIDES:
                    engine = (
                        make_engine(db, read_only=True)
                        if name == "sqlite"
                        else make_server_engine(parse_server_url(cluster.url("county", OWNER)))
                    )
                    try:
                        before = audit_head(engine)
                        load_at = load()
                        figures = concurrent(sources[name], options.writers, options.seconds, env)
                        wrong, appended, chain = verify_writes(engine, figures["last"], before)
                    except Exception as error:
                        run.failures[("concurrent", name)] = f"{type(error).__name__}: {error}"
                        traceback.print_exc()
                        continue
                    finally:
                        engine.dispose()
                    figures.update(wrong=wrong, appended=appended, chain=chain, load=load_at)
                    concurrency[name] = figures
                    print(
                        f"并发写入 {name}：{len(figures['latencies'])} 次提交，"
                        f"{len(figures['errors'])} 次失败；负载 {load()}",
                        flush=True,
                    )
            sizes = {
                "sqlite": db.stat().st_size,
                "postgresql": int(cluster.psql("SELECT pg_database_size('county')").strip()),
            }
            report(
                run,
                about,
                copy_seconds,
                result.rows,
                concurrency,
                sizes,
                options,
                department,
                tasks,
                version,
            )
        finally:
            for side in sides.values():
                side.close()
            cluster.stop()
            if options.pg_folder is None:
                shutil.rmtree(pg_folder, ignore_errors=True)
    del app


STEPS = (
    ("connect", "对照：驱动直连 + SELECT 1（sqlite3 / psycopg：TCP 与 SCRAM 登录）"),
    ("trip", "对照：已连接时一条 SELECT 1（一次往返）"),
    ("open", "打开并登录（open_workspace，不做每日备份）"),
    ("sheet-cold", "2026Q4 季度评分表（grading.sheet，清空缓存：整季读取并评定）"),
    ("sheet-kept", "2026Q4 季度评分表，未变（F5：一次变更标记查询）"),
    ("score", "录入一个分数（季度考核页 GradingEditing.save，至空闲）"),
    ("write", "一次写入分数（评分的写事务 write_scores，单个进程，不重建评分表）"),
    ("ranking", "2026Q4 排名表 xlsx（ranking.write_workbook，进程内）"),
    ("process", "2026Q4 排名表 xlsx（kaohe ranking，整个进程，含登录）"),
    ("wall", "最大科室的墙上台账 PDF（wall_charts.write，进程内）"),
)


def report(
    run: Run,
    about: str,
    copy_seconds: float,
    rows: int,
    concurrency: dict[str, dict[str, Any]],
    sizes: dict[str, int],
    options: argparse.Namespace,
    department: str,
    tasks: int,
    version: str,
) -> None:
    print(f"\n{about}")
    print(f"PostgreSQL {version}（本机 127.0.0.1，fsync 开）；墙上台账：{department}，{tasks} 项\n")
    print("| 操作 | SQLite (ms) | PostgreSQL (ms) | PostgreSQL ÷ SQLite | SQL 语句数 |")
    print("|---|---:|---:|---:|---:|")
    for key, label in STEPS:
        a, b = run.results.get((key, "sqlite")), run.results.get((key, "postgresql"))
        fa, fb = run.failures.get((key, "sqlite")), run.failures.get((key, "postgresql"))
        if not (a or b or fa or fb):
            continue
        ratio = "—"
        if a and b and statistics.median(a) > 0:
            times = statistics.median(b) / statistics.median(a)
            ratio = f"{times:.2f}×" if times < 10 else f"{times:.0f}×"
        in_process = key not in ("process", "connect", "trip")
        counts = [run.statements.get((key, side)) if in_process else None for side in SIDES]
        said = " / ".join("—" if c is None else str(c) for c in counts)
        print(f"| {label} | {cell(a, fa)} | {cell(b, fb)} | {ratio} | {said} |")
    if concurrency:
        w, s = options.writers, options.seconds
        lines = {
            "commits": f"{w} 个进程并发写入 {s:.0f} s：每秒提交（合计）",
            "p50": "  一次写入 p50 (ms)",
            "p95": "  一次写入 p95 (ms)",
            "max": "  一次写入最慢 (ms)",
            "errors": "  失败的写入",
            "lost": "  丢失（存储值 ≠ 最后提交值的人数）",
            "audit": "  操作日志新增行 / 提交次数",
            "chain": "  操作日志链",
        }
        values: dict[str, dict[str, str]] = {key: {} for key in lines}
        for side, f in concurrency.items():
            lat = f["latencies"]
            values["commits"][side] = f"{len(lat) / f['wall']:.1f}"
            values["p50"][side] = f"{percentile(lat, 0.5) * 1000:.1f}"
            values["p95"][side] = f"{percentile(lat, 0.95) * 1000:.1f}"
            values["max"][side] = f"{max(lat) * 1000:.0f}" if lat else "—"
            values["errors"][side] = str(len(f["errors"]))
            values["lost"][side] = str(f["wrong"])
            values["audit"][side] = f"{f['appended']} / {len(lat)}"
            values["chain"][side] = f["chain"]
        for key, label in lines.items():
            on_file = values[key].get("sqlite", "—")
            on_server = values[key].get("postgresql", "—")
            ratio = "—"
            numbers = "—" not in (on_file, on_server)
            if key in ("commits", "p50", "p95") and numbers and float(on_file):
                ratio = f"{float(on_server) / float(on_file):.2f}×"
            print(f"| {label} | {on_file} | {on_server} | {ratio} | |")
    for side in SIDES:
        if ("concurrent", side) in run.failures:
            print(
                f"| 并发写入 | {'失败' if side == 'sqlite' else ''} | "
                f"{'失败' if side == 'postgresql' else ''} | — |"
            )
    print(
        f"| 复制县级文件到服务器（storage.copy.copy_to_server，{rows:,} 行，一次） | — | "
        f"{copy_seconds * 1000:.0f} | — |"
    )
    print(
        f"| 数据库大小（文件字节数 / pg_database_size） | {sizes['sqlite']:,} B | "
        f"{sizes['postgresql']:,} B | {sizes['postgresql'] / sizes['sqlite']:.2f}× |"
    )
    print(f"\n中位数（最小–最大），{options.runs} 轮，每轮 SQLite 与 PostgreSQL 交替、先后轮换。")
    for side, f in concurrency.items():
        print(f"并发写入 {side}：每个进程提交 {f['per_writer']}；开始时负载 {f['load']}")
        for error in sorted(set(f["errors"]))[:5]:
            print(f"  失败示例（{f['errors'].count(error)} 次）：{error}")
    for (key, side), failure in run.failures.items():
        print(f"失败：{key} 在 {side} 上：{failure}")
    print(f"结束：{datetime.now():%Y-%m-%d %H:%M:%S}；负载（1/5/15 分钟）{load()}")


if __name__ == "__main__":
    main()
