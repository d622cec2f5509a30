"""A Workspace builds each service at first use, once (services/workspace_services.py)."""

from __future__ import annotations

import threading
import time

from tests.factories import ROLES, CopyMaster, sign_in

from kaohe_desktop.services.workspace_services import SERVICE_NAMES, service


def test_each_service_is_built_once_and_shares_what_it_shared_before(
    copy_master: CopyMaster,
) -> None:
    workspace = sign_in(copy_master(ROLES), daily_backup=False)
    try:
        assert not set(SERVICE_NAMES) & set(vars(workspace))  # nothing built by opening
        for name in SERVICE_NAMES:
            assert getattr(workspace, name) is getattr(workspace, name), name
        # The open quarters' outcomes: one cache, dropped by the records' writes.
        assert workspace.archive_records.outcomes is workspace.archive.outcomes
    finally:
        workspace.close()


def test_two_threads_asking_at_once_get_the_same_service() -> None:
    made: list[object] = []

    class Holder:
        @service
        def slow(self) -> object:
            time.sleep(0.05)  # long enough for the other threads to ask meanwhile
            made.append(object())
            return made[-1]

    holder = Holder()
    start = threading.Barrier(4)
    got: list[object] = []

    def ask() -> None:
        start.wait()
        got.append(holder.slow)

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(made) == 1
    assert got == made * 4
