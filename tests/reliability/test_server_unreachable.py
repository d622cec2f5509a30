"""The database server becomes unreachable while a clerk is working (issue 17).

The file's promise (test_read_only.py) on a server: the save fails with a Chinese
message naming the server, the workspace turns read-only, the clerk's edit stays and
exports, the live refresh reports the database missing, and nothing committed before
is lost. The server here is a small cluster of the test's own, stopped under the open
workspace; the run's shared cluster is never stopped.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from devtools import throwaway_pg
from devtools.throwaway_pg import Cluster, pg_bin_dir
from tests.factories import sign_in
from tests.pg_support import PgPlace, unavailable
from tests.reliability.conftest import Masters, exported_changes, open_source

from kaohe_desktop.domain.leases import person_scope
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.common.unsaved_edits import export_unsaved_edit
from kaohe_desktop.services.errors import FileUnavailableError, ReadOnlyError
from kaohe_desktop.services.files.live import ChangeSet, FileState
from kaohe_desktop.storage.database import check_data_file
from kaohe_desktop.storage.models import PersonRow


@pytest.fixture
def own_cluster(monkeypatch: pytest.MonkeyPatch) -> Iterator[Cluster]:
    """A throwaway cluster for this test alone (its own password in PGPASSWORD)."""
    if pg_bin_dir() is None:
        unavailable()
    folder = Path(tempfile.mkdtemp(prefix="kaohe-pg-gone-"))
    cluster = throwaway_pg.start(folder, durable=False)
    monkeypatch.setenv("PGPASSWORD", cluster.password)
    try:
        yield cluster
    finally:
        with contextlib.suppress(RuntimeError):  # stopped by the test already
            cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)


def test_server_gone_fails_the_save_clearly_turns_read_only_and_keeps_the_edit(
    tmp_path: Path, masters: Masters, own_cluster: Cluster
) -> None:
    url = PgPlace(own_cluster).clone(masters.demo, tmp_path / "佐证材料")
    clerk = sign_in(url, Role.CLERK, daily_backup=False)  # type: ignore[arg-type]
    watcher = clerk.change_watcher()
    scope = person_scope(masters.person)
    lease = clerk.leases.acquire(scope, "人员档案")
    first = clerk.people.load(masters.person)
    acked = clerk.people.save(first.draft().with_value("position", "一级科员"), lease)
    snapshot = clerk.people.load(masters.person)
    draft = snapshot.draft().with_value("position", "二级主任科员")

    own_cluster.stop()  # the server goes away under the open workspace

    with pytest.raises(FileUnavailableError) as gone:
        clerk.people.save(draft, lease)
    message = str(gone.value)
    assert message.startswith("数据库服务器无法访问（")
    assert "未能保存，已转为只读；您的修改已保留，可导出。" in message
    assert "请检查网络和服务器，然后重新打开。" in message
    assert clerk.read_only and clerk.read_only_reason == message
    with pytest.raises(ReadOnlyError):  # refused up front, the server not asked again
        clerk.people.save(draft, lease)
    exported = export_unsaved_edit(
        draft,
        snapshot.fields,
        tmp_path / "未保存的修改.xlsx",
        entity_label="人员",
        data_file=clerk.path,
        account=clerk.account,
        reason=clerk.read_only_reason or "",
    )
    assert ("一级科员", "二级主任科员") in exported_changes(exported).values()
    assert watcher.poll_changes() == (FileState.MISSING, ChangeSet())
    watcher.close()
    clerk.close()

    # Back again: the acknowledged save is there, the failed one is not, all checks pass.
    own_cluster.restart()
    opened = open_source(url)
    report = check_data_file(opened)
    assert report.integrity == ["ok"] and report.chain.ok and report.records.ok
    with opened.unit_of_work("check").read() as session:
        person = session.get(PersonRow, masters.person)
        assert person is not None
        assert (person.position, person.version) == ("一级科员", acked.version)
    opened.close()
