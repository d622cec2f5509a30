"""Two workstations issue 督办单 on one file at the same moment: every notice gets its
own number, and together they take exactly the next numbers of the year, none skipped
and none given twice (the counter is taken inside BEGIN IMMEDIATE, DESIGN §5)."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

from sqlalchemy import select
from tests.reliability import child_notices, processes
from tests.reliability.conftest import WRITERS, Masters
from tests.reliability.figures import record

from kaohe_desktop.domain.check_rules import notice_number
from kaohe_desktop.services.checks.counters import last_serial
from kaohe_desktop.storage.database import open_data_file
from kaohe_desktop.storage.models import NoticeRow

PER_PROCESS = 10


def _stored(path: Path) -> tuple[int, list[tuple[int, str, str]]]:
    """The 2026 counter, and (serial, number, content) of every 2026 notice."""
    opened = open_data_file(path, force_read_only=True)
    try:
        with opened.unit_of_work("check").read() as session:
            rows = session.execute(
                select(NoticeRow.serial, NoticeRow.number, NoticeRow.content)
                .where(NoticeRow.year == 2026)
                .order_by(NoticeRow.serial)
            )
            return last_serial(session, "notice", 2026), [tuple(row) for row in rows]
    finally:
        opened.close()


def test_two_processes_issuing_at_once_never_share_a_number(
    tmp_path: Path, masters: Masters
) -> None:
    path = masters.copy(masters.demo, tmp_path)
    counter_before, before = _stored(path)
    go = tmp_path / "go"
    logs = [tmp_path / f"issuer-{i}.log" for i in range(2)]
    workers = [
        processes.start(
            child_notices.issue_notices,
            str(path),
            WRITERS[i],
            masters.departments[0],
            PER_PROCESS,
            str(go),
            str(log),
        )
        for i, log in enumerate(logs)
    ]
    for worker, log in zip(workers, logs, strict=True):
        processes.wait_for(log, "READY", worker)
    go.touch()
    for worker in workers:
        processes.finish(worker, timeout=300)

    acked: list[list[int]] = []
    for log in logs:
        lines = processes.lines(log)
        assert lines[0] == "READY" and lines[-1] == "DONE", lines[-3:]
        assert {line.split()[0] for line in lines[1:-1]} <= {"ACK", "BUSY"}
        mine = []
        for line in lines[1:-1]:
            if line.startswith("ACK"):
                _, number, serial = line.split()
                assert number == notice_number(2026, int(serial))
                mine.append(int(serial))
        assert len(mine) == PER_PROCESS
        assert mine == sorted(mine)  # one workstation's numbers only ever go up
        acked.append(mine)

    # Together: exactly the next 20 numbers of the year, each given once.
    expected = list(range(counter_before + 1, counter_before + 2 * PER_PROCESS + 1))
    assert sorted(acked[0] + acked[1]) == expected
    counter_after, after = _stored(path)
    assert counter_after == counter_before + 2 * PER_PROCESS
    new = [row for row in after if row not in before]
    assert [serial for serial, _, _ in new] == expected
    assert all(content.startswith(child_notices.CONTENT_PREFIX) for _, _, content in new)
    # The file says which account issued which number, as the logs do.
    by_account = {
        account[0]: sorted(s for s, _, c in new if f"：{account[0]} " in c)
        for account in WRITERS[:2]
    }
    assert by_account == {WRITERS[0][0]: acked[0], WRITERS[1][0]: acked[1]}
    # How often the number passed from one workstation to the other (not asserted: it
    # shows the issues really overlapped).
    owner = {serial: n for n, mine in enumerate(acked) for serial in mine}
    switches = sum(1 for a, b in pairwise(expected) if owner[a] != owner[b])
    busy = sum(line == "BUSY" for log in logs for line in processes.lines(log))
    record("notice numbers, 2 processes", notices=len(expected), switches=switches, busy=busy)
