"""The copy service's own checks, before anything reaches the server (issue 17)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.factories import DEMO_ROLES, CopyMaster, sign_in
from tests.pg_support import PgPlace

from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.services.files.sources import parse_server_url

pytestmark = pytest.mark.file_only  # the source is a data file; the target a server


@pytest.mark.parametrize(
    ("folder", "says"),
    [
        (Path("佐证材料"), "请写完整路径"),
        (Path("/没有/这个/文件夹/佐证材料"), "找不到佐证材料文件夹"),
    ],
)
def test_the_attachments_folder_a_server_names_is_checked_first(
    copy_master: CopyMaster, pg_url: str, pg_place: PgPlace, folder: Path, says: str
) -> None:
    admin = sign_in(copy_master(DEMO_ROLES), Role.ADMIN, daily_backup=False)
    try:
        with pytest.raises(InputError, match=says):
            admin.copying.copy_to(parse_server_url(pg_url), evidence_dir=folder)
    finally:
        admin.close()
    tables = pg_place.cluster.psql(
        "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'",
        database=parse_server_url(pg_url).database,
    )
    assert tables.strip() == "0"
