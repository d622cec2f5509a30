"""Two processes writing one file (or one server database) at once lose no
acknowledged write (DESIGN.md §5)."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from sqlalchemy import select
from tests.storage.conftest import Bare

from kaohe_desktop.storage.database import OpenedFile, open_data_file
from kaohe_desktop.storage.errors import ConflictError
from kaohe_desktop.storage.models import DepartmentRow
from kaohe_desktop.storage.server_database import open_server_database
from kaohe_desktop.storage.source import is_server_url, parse_server_url

ROUNDS = 40


def _open(source: str) -> OpenedFile:
    """A path or a server URL (the password: PGPASSWORD, inherited)."""
    if is_server_url(source):
        return open_server_database(parse_server_url(source))
    return open_data_file(source)


def _worker(source: str, tag: str, queue: multiprocessing.Queue) -> None:
    opened = _open(source)
    uow = opened.unit_of_work(tag)
    acknowledged_names: list[str] = []
    increments = conflicts = 0
    for i in range(ROUNDS):
        name = f"{tag}-{i}"
        uow.write(lambda s, name=name: s.add(DepartmentRow(name=name)))
        acknowledged_names.append(name)  # write() returned: the commit is acknowledged
        while True:  # read-modify-write of a shared row; a conflict is re-read, never lost
            with uow.read() as session:
                counter = session.scalars(
                    select(DepartmentRow).where(DepartmentRow.name == "计数")
                ).one()

            def bump(session, counter=counter):
                session.add(counter)
                counter.sort_order += 1

            try:
                uow.write(bump)
                increments += 1
                break
            except ConflictError:
                conflicts += 1
    opened.close()
    queue.put((acknowledged_names, increments, conflicts))


def test_two_processes_lose_no_acknowledged_write(bare: Bare) -> None:
    opened = bare.new()
    opened.unit_of_work("setup").write(lambda s: s.add(DepartmentRow(name="计数", sort_order=0)))
    opened.close()
    where = bare.source(opened)
    source = where.url if not isinstance(where, Path) else str(where)
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    workers = [context.Process(target=_worker, args=(source, tag, queue)) for tag in ("甲", "乙")]
    for worker in workers:
        worker.start()
    results = [queue.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(timeout=30)
        assert worker.exitcode == 0
    reopened = _open(source)
    with reopened.unit_of_work("check").read() as session:
        names = set(session.scalars(select(DepartmentRow.name)))
        counter = session.scalars(select(DepartmentRow).where(DepartmentRow.name == "计数")).one()
    reopened.close()
    acknowledged = {name for names_, _, _ in results for name in names_}
    assert len(acknowledged) == 2 * ROUNDS
    assert acknowledged <= names  # every acknowledged insert is there
    assert counter.sort_order == sum(r[1] for r in results) == 2 * ROUNDS  # no lost update
