"""佐证材料 through the service: what is taken and what is refused (nothing written
then), the store beside the data file, removal and sweeping, `check`, backups and
restore, and a file opened without its store."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import stat
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PIL import Image
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from tests.factories import PASSWORD, CopyMaster, Master, sign_in, source_of

from kaohe_desktop.cli import main
from kaohe_desktop.domain.check_rules import CheckSettings
from kaohe_desktop.domain.leases import check_scope
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.access.audit_log import AuditFilter
from kaohe_desktop.services.access.leases import Lease
from kaohe_desktop.services.checks.settings import write_check_settings
from kaohe_desktop.services.checks.views import EvidenceView
from kaohe_desktop.services.errors import (
    InputError,
    LeaseLostError,
    PeriodClosedError,
    PermissionDeniedError,
    ReadOnlyError,
    StorageError,
)
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.storage.evidence_store import (
    BACKUP_STORE_NAME,
    EvidenceStore,
    Stored,
    store_dir,
)
from kaohe_desktop.storage.models import (
    CheckRow,
    DepartmentRow,
    EvidenceFileRow,
    TaskDepartmentRow,
    TaskRow,
)
from kaohe_desktop.storage.unit_of_work import UnitOfWork

MB = 1024 * 1024
Q2, Q1 = "2026Q2", "2026Q1"


def _checks(workspace: Workspace) -> None:
    """Two departments, one routine task for both, checks in 2026Q1 and 2026Q2."""

    def work(session: Session) -> None:
        office, general = DepartmentRow(name="办公室"), DepartmentRow(name="综合科")
        session.add_all([office, general])
        session.flush()
        task = TaskRow(
            year=2026,
            seq=3,
            title="食品安全抽检",
            category="routine",
            lead_department_id=office.id,
            deadline="每季度",
            points=Decimal(10),
        )
        task.responsible = [
            TaskDepartmentRow(department_id=office.id, position=0),
            TaskDepartmentRow(department_id=general.id, position=1),
        ]
        session.add(task)
        session.flush()
        for period in (Q1, Q2):
            for department in (office, general):
                session.add(
                    CheckRow(
                        task_id=task.id,
                        department_id=department.id,
                        period=period,
                        status="done",
                        level="lead",
                        draft=False,
                    )
                )

    workspace._uow.write(work)


CHECKS = Master(fill=_checks)


@dataclass
class Env:
    admin: Workspace
    checks: dict[tuple[str, str], int]  # (period, department) → check id
    departments: dict[str, int]
    files: Path  # where the clerk's files are

    def check(self, period: str = Q2, department: str = "综合科") -> int:
        return self.checks[(period, department)]

    def lease(self, workspace: Workspace, period: str = Q2, department: str = "综合科") -> Lease:
        scope = check_scope(period, self.departments[department])
        return workspace.leases.acquire(scope, f"{department}的查账")

    @property
    def store(self) -> EvidenceStore:
        return EvidenceStore(self.admin.evidence_dir)


def _own_temp_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The copies opened for the viewer go to the test's folder, not the user's temp."""
    (tmp_path / "temp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "temp"))


@pytest.fixture
def env(copy_master: CopyMaster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Env]:
    path = copy_master(CHECKS, tmp_path / "共享盘")
    # Only now: the run's PostgreSQL cluster, started by the first copy_master on the
    # server, lives in the temp folder of the run, not in this test's.
    _own_temp_folder(tmp_path, monkeypatch)
    admin = sign_in(path, Role.ADMIN, daily_backup=False)
    with admin._uow.read() as session:
        departments = dict(session.execute(select(DepartmentRow.name, DepartmentRow.id)).all())
        names = {v: k for k, v in departments.items()}
        checks = {
            (period, names[department]): check_id
            for check_id, period, department in session.execute(
                select(CheckRow.id, CheckRow.period, CheckRow.department_id)
            )
        }
    files = tmp_path / "我的文档"
    files.mkdir()
    yield Env(admin, checks, departments, files)
    admin.close()


def _pdf(size: int = 5000, seed: int = 0) -> bytes:
    body = hashlib.sha256(str(seed).encode()).digest() * (size // 32 + 1)
    return (b"%PDF-1.7\n" + body)[:size]


def _file(env: Env, name: str, data: bytes) -> Path:
    path = env.files / name
    path.write_bytes(data)
    return path


def _settings(env: Env, **values: int) -> None:
    settings = CheckSettings(**values)
    env.admin._uow.write(lambda session: write_check_settings(session, "admin", settings))


def _rows(workspace: Workspace) -> int:
    with workspace._uow.read() as session:
        return int(session.scalar(select(func.count()).select_from(EvidenceFileRow)) or 0)


def _stored(env: Env) -> list[str]:
    return sorted(env.store.iter_present())


def _attach(env: Env, path: Path, check: int | None = None, **options: Any) -> EvidenceView:
    check = env.check() if check is None else check
    [(period, department)] = [key for key, value in env.checks.items() if value == check]
    lease = env.lease(env.admin, period, department)
    try:
        return env.admin.evidence.attach(
            check,
            path,
            None,
            [lease],
            **options,
        )
    finally:
        env.admin.leases.release(lease)


def _refused(env: Env, path: Path, *, name: str | None = None) -> str:
    """Attach, expect a refusal, and check that nothing was written anywhere."""
    rows, stored = _rows(env.admin), _stored(env)
    with pytest.raises(InputError) as raised:
        _attach(env, path, name=name)
    assert _rows(env.admin) == rows and _stored(env) == stored
    assert not env.store.temp.exists() or list(env.store.temp.iterdir()) == []
    return str(raised.value)


# --- the round trip ------------------------------------------------------------------


def test_a_file_attached_opens_as_the_same_bytes(env: Env) -> None:
    data = _pdf(200_000)
    lease = env.lease(env.admin)
    view = env.admin.evidence.attach(
        env.check(), _file(env, "抽检报告.pdf", data), "  二季度抽检报告  ", [lease]
    )
    sha = hashlib.sha256(data).hexdigest()
    assert (view.file_name, view.description, view.sha256, view.size_bytes) == (
        "抽检报告.pdf",
        "二季度抽检报告",
        sha,
        200_000,
    )
    assert (view.media_type, view.added_by, view.present) == ("application/pdf", "admin", True)
    # In the store (beside a data file; on a server the folder it names), named by its
    # hash, fanned out by two digits.
    if env.admin.server is None:
        assert env.admin.evidence_dir == env.admin.path.parent / "考核台账.kaohe-佐证材料"
    stored = env.admin.evidence_dir / sha[:2] / sha
    assert stored.read_bytes() == data
    assert env.admin.evidence.files(env.check()) == [view]

    copy = env.admin.evidence.open_copy(view.id)
    assert copy.name == "抽检报告.pdf" and copy.read_bytes() == data
    assert not copy.stat().st_mode & stat.S_IWUSR  # an edit there would be lost: read-only
    assert copy.parent.parent == Path(tempfile.gettempdir()) / "kaohe-佐证材料"
    assert copy.parent != env.admin.evidence.open_copy(view.id).parent  # a folder each

    [entry] = env.admin.audit_log.entries(AuditFilter(entity="evidence_file"))
    assert entry.action == "insert" and entry.label is not None
    # The file, then the check it belongs to: period, task and department (issue 18).
    assert entry.label.startswith("抽检报告.pdf · 2026Q") and "）" in entry.label


def test_the_same_bytes_on_two_checks_are_stored_once(env: Env) -> None:
    data = _pdf(seed=7)
    first = _attach(env, _file(env, "一.pdf", data))
    lease = env.lease(env.admin, department="办公室")
    second = env.admin.evidence.attach(
        env.check(department="办公室"), _file(env, "二.pdf", data), None, [lease]
    )
    assert first.sha256 == second.sha256
    assert _rows(env.admin) == 2 and _stored(env) == [hashlib.sha256(data).hexdigest()]
    # On the same check, once is enough.
    message = _refused(env, _file(env, "三.pdf", data))
    assert message == "文件“三.pdf”与已附的“一.pdf”内容相同，无需重复附加。"


# --- what is refused ---------------------------------------------------------------------


def test_a_file_over_the_size_limit_is_refused(env: Env) -> None:
    _settings(env, max_file_mb=1, max_period_mb=10)
    message = _refused(env, _file(env, "大扫描件.pdf", _pdf(MB + 1)))
    assert message.startswith("文件“大扫描件.pdf”有 1.0 MB，超过单个附件上限 1 MB，未附加。")
    _attach(env, _file(env, "正好.pdf", _pdf(MB)))  # the limit itself is allowed
    assert _rows(env.admin) == 1


def test_the_period_total_is_limited(env: Env) -> None:
    _settings(env, max_file_mb=1, max_period_mb=1)
    _attach(env, _file(env, "一.pdf", _pdf(600_000, seed=1)))
    message = _refused(env, _file(env, "二.pdf", _pdf(600_000, seed=2)))
    assert message == (
        "2026年第二季度的佐证材料已有 0.6 MB，"
        "加上文件“二.pdf”（0.6 MB）将超过每期上限 1 MB，未附加。"
    )
    # Another period has its own total.
    lease = env.lease(env.admin, Q1)
    env.admin.evidence.attach(env.check(Q1), env.files / "二.pdf", None, [lease])


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("../../Windows/扫描件.pdf", "含有路径分隔符"),
        ("子目录/扫描件.pdf", "含有路径分隔符"),
        ("..\\扫描件.pdf", "含有路径分隔符"),
        ("..", "不是有效的文件名"),
        ("扫描件\n.pdf", "含有控制字符"),
        ("扫描件\x00.pdf", "含有控制字符"),
        ("扫描件\x1b[31m.pdf", "含有控制字符"),
        ("扫描件?.pdf", "Windows 文件名不允许的字符"),
        ("长" * 197 + ".pdf", "文件名过长（201 个字符，最多 200 个）"),
        ("   ", "文件名不能为空"),
    ],
)
def test_hostile_names_are_refused(env: Env, name: str, problem: str) -> None:
    message = _refused(env, _file(env, "扫描件.pdf", _pdf()), name=name)
    assert message.startswith("未附加：") and problem in message


def test_a_name_with_a_backslash_on_disk_is_refused(env: Env) -> None:
    if os.name == "nt":
        pytest.skip("Windows cannot name a file with a backslash")
    message = _refused(env, _file(env, "a\\b.pdf", _pdf()))
    assert "路径分隔符" in message


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        (
            "扫描件.exe",
            b"MZ\x90\x00",
            "文件“扫描件.exe”的类型不受支持，"
            "可附 PDF、图片（JPG、PNG、GIF、BMP、TIFF）、Word/Excel/WPS 文档或 OFD。",
        ),
        ("无扩展名", b"%PDF-1.4", "的类型不受支持"),
        ("报告.pdf", b"MZ\x90\x00 a program", "文件“报告.pdf”的内容不是PDF（扩展名与内容不符"),
        ("照片.jpg", b"%PDF-1.4 a pdf", "文件“照片.jpg”的内容不是JPEG 图片"),
        ("表格.xls", b"PK\x03\x04", "的内容不是Excel 表格"),
        ("空.pdf", b"", "文件“空.pdf”是空文件，未附加。"),
    ],
)
def test_an_unknown_type_or_wrong_content_is_refused(
    env: Env, name: str, data: bytes, expected: str
) -> None:
    assert expected in _refused(env, _file(env, name, data))


def test_an_unreadable_file_is_refused_in_chinese(env: Env) -> None:
    message = _refused(env, env.files / "不存在.pdf")
    assert message.startswith("无法读取文件“不存在.pdf”（") and message.endswith("），未附加。")
    assert "No such file" not in message


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for member, content in members.items():
            archive.writestr(member, content)
    return out.getvalue()


def test_a_zip_that_is_not_an_office_document_is_refused(env: Env) -> None:
    message = _refused(env, _file(env, "报告.docx", _zip({"evil.txt": b"x"})))
    assert "的内容不是Word 文档" in message


def _image(kind: str, size: tuple[int, int] = (40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, kind)
    return out.getvalue()


def _xlsx() -> bytes:
    book = openpyxl.Workbook()
    book.active["A1"] = "抽检"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


@pytest.mark.parametrize(
    ("name", "make", "media_type"),
    [
        ("现场.png", lambda: _image("PNG"), "image/png"),
        ("现场.JPG", lambda: _image("JPEG"), "image/jpeg"),
        ("现场.gif", lambda: _image("GIF"), "image/gif"),
        ("现场.bmp", lambda: _image("BMP"), "image/bmp"),
        ("现场.tif", lambda: _image("TIFF"), "image/tiff"),
        ("台账.xlsx", _xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (
            "总结.docx",
            lambda: _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"}),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("总结.doc", lambda: OLE2, "application/msword"),
        ("总结.wps", lambda: OLE2, "application/kswps"),
        ("统计.et", lambda: OLE2, "application/kset"),
        ("汇报.dps", lambda: OLE2, "application/ksdps"),
        ("发票.ofd", lambda: _zip({"OFD.xml": b"<ofd:OFD/>"}), "application/ofd"),
    ],
)
def test_the_supported_kinds_are_taken(
    env: Env, name: str, make: Callable[[], bytes], media_type: str
) -> None:
    data = make()
    view = _attach(env, _file(env, name, data))
    assert view.media_type == media_type
    assert env.store.path_of(view.sha256).read_bytes() == data


# --- photos ------------------------------------------------------------------------------


def _photo(size: tuple[int, int], orientation: int | None = None) -> bytes:
    # Detail that JPEG cannot compress away, so the reduced copy is smaller.
    image = Image.effect_mandelbrot(size, (-2.0, -1.5, 1.0, 1.5), 100).convert("RGB")
    exif = Image.Exif()
    exif[0x0132] = "2026:05:06 10:00:00"  # DateTime: when the photo was taken
    if orientation is not None:
        exif[0x0112] = orientation
    out = io.BytesIO()
    image.save(out, "JPEG", quality=95, exif=exif)
    return out.getvalue()


def test_a_large_photo_is_reduced_upright_with_its_date(env: Env) -> None:
    original = _photo((4000, 3000), orientation=6)  # taken with the phone turned
    view = _attach(env, _file(env, "现场照片.jpg", original))
    stored = env.store.path_of(view.sha256).read_bytes()
    assert view.size_bytes == len(stored) < len(original)
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "JPEG"
        assert image.size == (1500, 2000)  # turned upright, longest side 2000
        exif = image.getexif()
        assert exif.get(0x0112) is None and exif[0x0132] == "2026:05:06 10:00:00"


def test_photo_reduction_follows_the_setting(env: Env) -> None:
    original = _photo((1200, 900))
    _settings(env, photo_max_px=600)
    reduced = _attach(env, _file(env, "一.jpg", original))
    with Image.open(env.store.path_of(reduced.sha256)) as image:
        assert image.size == (600, 450)
    _settings(env, photo_max_px=0)  # 0: kept as they are
    kept = _attach(env, _file(env, "二.jpg", original), check=None)
    assert kept.sha256 == hashlib.sha256(original).hexdigest()


def test_a_decompression_bomb_is_refused(env: Env) -> None:
    out = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(out, "PNG")  # 400 million pixels in a few KB
    assert len(out.getvalue()) < 200_000
    message = _refused(env, _file(env, "炸弹.png", out.getvalue()))
    assert message == (
        "图片“炸弹.png”的像素数过多（4.0 亿像素），超过安全上限（1.8 亿像素），"
        "可能是恶意构造的文件，未附加。"
    )


# --- the lease and the closed period -------------------------------------------------------


def test_a_read_only_file_takes_no_attachment(env: Env) -> None:
    path = _file(env, "一.pdf", _pdf())
    lease = env.lease(env.admin)
    env.admin.go_read_only("共享盘只读。")
    with pytest.raises(ReadOnlyError, match="共享盘只读。不能附加文件。"):
        env.admin.evidence.attach(env.check(), path, None, [lease])
    assert _stored(env) == [] and _rows(env.admin) == 0
    if env.admin.server is None:  # a file's store is made by its first attachment
        assert not env.store.present()


def test_the_departments_lease_is_needed(env: Env) -> None:
    path = _file(env, "一.pdf", _pdf())
    other = env.lease(env.admin, department="办公室")
    with pytest.raises(InputError) as raised:
        env.admin.evidence.attach(env.check(), path, None, [other])
    assert str(raised.value) == (
        "未附加：2026年第二季度 · 综合科 · 第3项“食品安全抽检”的查账未取得编辑锁，请重新进入编辑。"
    )
    lease = env.lease(env.admin)
    env.admin.leases.release(lease)  # and taken by a colleague meanwhile
    env.lease(sign_in(source_of(env.admin), Role.CLERK, daily_backup=False))
    with pytest.raises(LeaseLostError):
        env.admin.evidence.attach(env.check(), path, None, [lease])
    assert _rows(env.admin) == 0


def test_a_closed_period_refuses_attach_and_remove(env: Env) -> None:
    kept = _attach(env, _file(env, "一.pdf", _pdf(seed=1)), check=env.check(Q1))
    env.admin.periods.close(Q1, "一季度查账结束")
    rows, stored = _rows(env.admin), _stored(env)
    lease = env.lease(env.admin, Q1)
    with pytest.raises(PeriodClosedError):
        env.admin.evidence.attach(env.check(Q1), _file(env, "二.pdf", _pdf(seed=2)), None, [lease])
    with pytest.raises(PeriodClosedError):
        env.admin.evidence.remove(kept.id, kept.version)
    assert (_rows(env.admin), _stored(env)) == (rows, stored)
    assert env.admin.evidence.open_copy(kept.id).read_bytes() == _pdf(seed=1)


# --- removal and the sweep -----------------------------------------------------------


def test_the_administrator_removes_and_the_file_goes_with_the_last_row(env: Env) -> None:
    data = _pdf(seed=3)
    one = _attach(env, _file(env, "一.pdf", data))
    lease = env.lease(env.admin, department="办公室")
    two = env.admin.evidence.attach(
        env.check(department="办公室"), _file(env, "二.pdf", data), None, [lease]
    )
    sha = two.sha256
    env.admin.evidence.remove(one.id, one.version)
    assert env.store.has(sha)  # still referred to by the other check
    with pytest.raises(InputError, match="已被他人修改"):
        env.admin.evidence.remove(two.id, two.version + 1)
    env.admin.evidence.remove(two.id, two.version)
    assert not env.store.has(sha) and _rows(env.admin) == 0
    assert list(env.store.temp.iterdir()) == []
    logged = env.admin.audit_log.entries(AuditFilter(entity="evidence_file"))
    removed = sorted(e.label or "" for e in logged if e.action == "delete")
    # The file, then the check it was attached to (issue 18).
    assert [label.split(" · ")[0] for label in removed] == ["一.pdf", "二.pdf"]
    assert all("食品安全抽检" in label for label in removed)


def test_a_removal_that_fails_to_commit_puts_the_file_back(
    env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = _attach(env, _file(env, "一.pdf", _pdf()))

    def lost_share(self: UnitOfWork, session: Session, begun: object) -> None:
        raise StorageError("网络共享断开")

    monkeypatch.setattr(UnitOfWork, "_before_commit", lost_share)
    with pytest.raises(StorageError, match="网络共享断开"):
        env.admin.evidence.remove(view.id, view.version)
    monkeypatch.undo()
    assert env.admin.evidence.files(env.check()) == [view]  # the row is still there
    assert env.store.has(view.sha256) and list(env.store.temp.iterdir()) == []
    assert env.admin.check().ok


def test_a_clerk_may_attach_but_not_remove(env: Env) -> None:
    clerk = sign_in(source_of(env.admin), Role.CLERK, daily_backup=False)
    try:
        lease = env.lease(clerk)
        view = clerk.evidence.attach(env.check(), _file(env, "一.pdf", _pdf()), None, [lease])
        with pytest.raises(PermissionDeniedError):
            clerk.evidence.remove(view.id, view.version)
        assert env.store.has(view.sha256) and _rows(env.admin) == 1
    finally:
        clerk.close()


def _supervision_check(env: Env, department: str = "综合科") -> int:
    """A 二级 check of the department's Q2 pair, beside its 一级 one."""

    def work(session: Session) -> int:
        lead = session.get(CheckRow, env.check(Q2, department))
        assert lead is not None
        check = CheckRow(
            task_id=lead.task_id,
            department_id=lead.department_id,
            period=Q2,
            status="partial",
            level="supervision",
            draft=False,
        )
        session.add(check)
        session.flush()
        return check.id

    return env.admin._uow.write(work)


def test_a_clerk_attaches_only_to_a_check_at_a_level_it_records(env: Env) -> None:
    supervision = _supervision_check(env)
    clerk = sign_in(source_of(env.admin), Role.CLERK, daily_backup=False)
    try:
        lease = env.lease(clerk)
        path = _file(env, "一.pdf", _pdf())
        with pytest.raises(InputError) as refusal:
            clerk.evidence.attach(supervision, path, None, [lease])
        assert str(refusal.value) == (
            "未附加：录入员只能录入一级核查，不能录入二级核查"
            "（2026年第二季度 · 综合科 · 第3项“食品安全抽检”）。"
        )
        assert _rows(env.admin) == 0 and _stored(env) == []
        clerk.evidence.attach(env.check(), path, None, [lease])  # its own 一级 check
        assert _rows(env.admin) == 1
        clerk.leases.release(lease)
    finally:
        clerk.close()
    admin_lease = env.lease(env.admin)
    env.admin.evidence.attach(supervision, path, None, [admin_lease])  # 管理员: any level
    env.admin.leases.release(admin_lease)
    assert _rows(env.admin) == 2


def _age(path: Path, hours: float) -> None:
    then = time.time() - hours * 3600
    os.utime(path, (then, then))


def test_the_sweep_removes_only_old_unreferenced_files(env: Env) -> None:
    kept = _attach(env, _file(env, "一.pdf", _pdf(seed=1)))
    old_orphan = env.store.put(_file(env, "孤.pdf", _pdf(seed=2))).sha256
    # Another workstation's attach that has stored its file but not yet its row.
    in_flight = env.store.put(_file(env, "新.pdf", _pdf(seed=3))).sha256
    for sha in (kept.sha256, old_orphan):
        _age(env.store.path_of(sha), 30)
    assert env.admin.evidence.sweep() == 1
    assert _stored(env) == sorted([kept.sha256, in_flight])


def test_an_attach_whose_file_was_removed_meanwhile_stores_it_again(
    env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = env.admin.evidence.store
    put = store.put
    calls = []

    def put_then_lose(source: Path, expected_sha: str | None = None) -> Stored:
        stored = put(source, expected_sha)
        calls.append(stored.sha256)
        if len(calls) == 1:  # a removal on another workstation takes it at once
            store.path_of(stored.sha256).unlink()
        return stored

    monkeypatch.setattr(store, "put", put_then_lose)
    view = _attach(env, _file(env, "一.pdf", _pdf()))
    assert len(calls) == 2 and store.has(view.sha256)


# --- check -----------------------------------------------------------------------------


def test_check_names_the_missing_and_the_damaged(
    env: Env, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    whole = _attach(env, _file(env, "完好.pdf", _pdf(seed=1)))
    gone = _attach(env, _file(env, "丢失.pdf", _pdf(seed=2)))
    rotten = _attach(env, _file(env, "损坏.pdf", _pdf(seed=3)), check=env.check(Q1))
    report = env.admin.check()
    assert report.ok and report.evidence_referenced == 3
    assert "佐证材料：3 个文件完整" in report.lines()

    env.store.path_of(gone.sha256).unlink()
    path = env.store.path_of(rotten.sha256)
    path.write_bytes(path.read_bytes()[:-1] + b"?")
    report = env.admin.check()
    assert not report.ok and not report.evidence_ok
    assert report.evidence_missing == (
        "“丢失.pdf”（2026年第二季度 · 综合科 · 第3项“食品安全抽检”）",
    )
    assert report.evidence_damaged == (
        "“损坏.pdf”（2026年第一季度 · 综合科 · 第3项“食品安全抽检”）",
    )
    assert report.evidence_text == "佐证材料：共 3 个文件，缺少 1 处、损坏 1 处（可从备份恢复）"
    listed = env.admin.evidence.files(env.check())
    assert [(f.id, f.present) for f in listed] == [(whole.id, True), (gone.id, False)]
    with pytest.raises(StorageError, match=r"佐证材料“丢失\.pdf”的文件不在佐证材料文件夹"):
        env.admin.evidence.open_copy(gone.id)
    with pytest.raises(StorageError, match=r"佐证材料“损坏\.pdf”的文件已损坏"):
        env.admin.evidence.open_copy(rotten.id)

    # `kaohe check` prints the same and exits 1, as for any other problem.
    monkeypatch.setenv("KAOHE_PASSWORD", PASSWORD)
    assert main(["--db", str(source_of(env.admin)), "--user", "admin", "check"]) == 1
    out = capsys.readouterr().out
    assert "佐证材料：共 3 个文件，缺少 1 处、损坏 1 处（可从备份恢复）" in out
    assert "  缺少 “丢失.pdf”（2026年第二季度 · 综合科 · 第3项“食品安全抽检”）" in out
    assert "  损坏 “损坏.pdf”（2026年第一季度 · 综合科 · 第3项“食品安全抽检”）" in out


def test_attaching_the_same_file_again_puts_a_lost_copy_back(env: Env) -> None:
    data = _pdf(seed=4)
    view = _attach(env, _file(env, "一.pdf", data))
    env.store.path_of(view.sha256).unlink()
    again = _attach(env, _file(env, "找回的扫描件.pdf", data))
    assert again == view and _rows(env.admin) == 1  # the same row, no second one
    assert env.store.path_of(view.sha256).read_bytes() == data
    assert env.admin.check().ok


# --- backups and restore --------------------------------------------------------------


def test_backups_copy_only_new_files_and_restore_brings_them_back(env: Env, tmp_path: Path) -> None:
    first = [_attach(env, _file(env, f"{n}.pdf", _pdf(seed=n))) for n in (1, 2)]
    folder = tmp_path / "备份盘"
    one = env.admin.backup(folder)
    backup_store = EvidenceStore(folder / BACKUP_STORE_NAME)
    assert env.admin.backups.last_evidence is not None
    assert (env.admin.backups.last_evidence.referenced, env.admin.backups.last_evidence.copied) == (
        2,
        2,
    )
    assert sorted(backup_store.iter_present()) == sorted(v.sha256 for v in first)
    times = {
        sha: backup_store.path_of(sha).stat().st_mtime_ns for sha in backup_store.iter_present()
    }

    third = _attach(env, _file(env, "3.pdf", _pdf(seed=3)), check=env.check(Q1))
    env.admin.backup(folder)
    last = env.admin.backups.last_evidence
    assert last is not None and (last.referenced, last.copied, last.problems) == (3, 1, ())
    # The files it had were not copied again.
    assert {sha: backup_store.path_of(sha).stat().st_mtime_ns for sha in times} == times

    # The live store loses everything; a restore of the first backup brings its two back.
    shutil.rmtree(env.store.root)
    target = tmp_path / "恢复" / "考核台账-恢复.kaohe"
    target.parent.mkdir()
    env.admin.backups.restore(one, target)
    restored_store = EvidenceStore(store_dir(target))
    assert sorted(restored_store.iter_present()) == sorted(v.sha256 for v in first)
    assert third.sha256 not in set(restored_store.iter_present())
    restored = sign_in(target, Role.ADMIN, daily_backup=False)
    try:
        assert restored.check().ok and restored.warnings == []
        assert restored.evidence.open_copy(first[0].id).read_bytes() == _pdf(seed=1)
    finally:
        restored.close()


def test_kaohe_backup_reports_the_attachments(
    env: Env, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for n in (1, 2):
        _attach(env, _file(env, f"{n}.pdf", _pdf(seed=n)))
    monkeypatch.setenv("KAOHE_PASSWORD", PASSWORD)
    command = ["--db", str(source_of(env.admin)), "--user", "admin", "backup", "--to"]
    assert main([*command, str(tmp_path / "备份盘")]) == 0
    assert "佐证材料：2 个文件，本次复制 2 个" in capsys.readouterr().out
    assert main([*command, str(tmp_path / "备份盘")]) == 0
    assert "佐证材料：2 个文件，本次复制 0 个" in capsys.readouterr().out


def test_a_backup_names_the_files_it_could_not_copy(env: Env, tmp_path: Path) -> None:
    lost = _attach(env, _file(env, "丢失.pdf", _pdf(seed=1)))
    env.store.path_of(lost.sha256).unlink()
    env.admin.backup(tmp_path / "备份盘")
    last = env.admin.backups.last_evidence
    assert last is not None and last.copied == 0
    assert last.problems == (f"佐证材料“丢失.pdf”找不到，未能复制（校验值 {lost.sha256[:12]}…）",)


def test_the_daily_backup_warns_of_files_it_could_not_copy(env: Env, tmp_path: Path) -> None:
    lost = _attach(env, _file(env, "丢失.pdf", _pdf(seed=1)))
    whole = _attach(env, _file(env, "完好.pdf", _pdf(seed=2)))
    env.store.path_of(lost.sha256).unlink()
    workspace = sign_in(source_of(env.admin), Role.CLERK)  # the first open of the day backs up
    try:
        assert workspace.warnings == [
            "备份的佐证材料不完整：佐证材料“丢失.pdf”找不到，"
            f"未能复制（校验值 {lost.sha256[:12]}…）。请运行“检查数据文件”查看缺少的附件。"
        ]
    finally:
        workspace.close()
    backup_store = EvidenceStore(tmp_path / "备份" / BACKUP_STORE_NAME)
    assert list(backup_store.iter_present()) == [whole.sha256]  # the rest was copied


# --- a data file without its store -------------------------------------------------------


def test_a_file_opened_without_its_store_warns_and_works(env: Env) -> None:
    view = _attach(env, _file(env, "一.pdf", _pdf()))
    store = env.store.root
    store.rename(store.parent / "别处")
    workspace = sign_in(source_of(env.admin), Role.CLERK, daily_backup=False)
    try:
        assert workspace.warnings == [
            (
                f"未找到佐证材料文件夹“{store}”（数据库设定的共享文件夹，登记了 1 个附件），"
                "附件暂时无法打开，其余功能照常。请检查该共享文件夹是否可以访问，或从备份恢复。"
            )
            if env.admin.server is not None
            else (
                "未找到佐证材料文件夹“考核台账.kaohe-佐证材料”"
                "（应与数据文件在同一位置，登记了 1 个附件），"
                "附件暂时无法打开，其余功能照常。请把该文件夹放回数据文件旁，或从备份恢复。"
            )
        ]
        [seen] = workspace.evidence.files(env.check())
        assert seen.present is False and seen.id == view.id
        assert workspace.ledger.tasks(2026)[0].title == "食品安全抽检"
    finally:
        workspace.close()
    report = env.admin.check()
    assert not report.evidence_store_present and not report.ok
    assert report.evidence_text == "佐证材料：未找到佐证材料文件夹，登记的 1 个文件都无法打开"


def test_a_file_without_attachments_needs_no_store(env: Env) -> None:
    if env.admin.server is not None:  # the test made the folder the database names
        env.store.root.rmdir()
    assert not env.store.present()
    assert env.admin.warnings == []
    workspace = sign_in(source_of(env.admin), Role.CLERK, daily_backup=False)
    try:
        assert workspace.warnings == []
    finally:
        workspace.close()
    report = env.admin.check()
    assert report.ok and report.evidence_text == "佐证材料：没有附件"
