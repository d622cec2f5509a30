"""Verified backups: VACUUM INTO a new file, check the copy, then give it its name.

A copy is written under a ".partial" name and renamed only after integrity_check
and the identity check pass, so a backup killed half-way can never be mistaken
for a good one.

Backups belong to a file by its identity, not its name: two bureaus keep files of the
same name (考核台账.kaohe, as the README suggests) and may share a backup folder. A
backup's name carries the bureau and the file's short id, taken from the copy itself:
"考核台账-某某县市场监督管理局-3f2a9c1e-20261122-093000-自动.kaohe". Backups named before
ids existed ("考核台账-20261122-093000-自动.kaohe") are attributed by reading their id.
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from kaohe_desktop.domain.backup_rotation import (
    JOURNAL_SUFFIX,
    PARTIAL_SUFFIX,
    BackupEntry,
    stale_leftovers,
    to_delete,
)
from kaohe_desktop.storage.audit import ChainReport, verify_chain
from kaohe_desktop.storage.engine import execute_outside_transaction, make_engine
from kaohe_desktop.storage.errors import (
    CorruptFileError,
    FileExistsRefusedError,
    FileReplacedError,
    StorageError,
)
from kaohe_desktop.storage.evidence_store import EvidenceStore, FileState, copy_between
from kaohe_desktop.storage.header import read_header
from kaohe_desktop.storage.identity import (
    FILE_ID_KEY,
    SHORT_ID_LENGTH,
    FileIdentity,
    identity_of_file,
    new_file_id,
)
from kaohe_desktop.storage.uri import sqlite_uri

AUTOMATIC = "自动"
RESTORED_FROM_KEY = "restored_from"  # app_meta of a restored file: the id it was backed up from
_TAIL = r"(?P<stamp>\d{8}-\d{6})-(?P<reason>[^-.]+)(?:-\d+)?\.[^.]+$"
_NAME = re.compile(
    rf"^(?P<stem>.+)-(?P<bureau>[^-]+)-(?P<fid>[0-9a-f]{{{SHORT_ID_LENGTH}}})-{_TAIL}"
)
_LEGACY_NAME = re.compile(rf"^(?P<stem>.+)-{_TAIL}")
# Characters a file name on Windows cannot hold, and the separators of our names.
_NOT_IN_NAME = re.compile(r'[\\/:*?"<>|\-.\s\x00-\x1f]+')


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: datetime
    reason: str
    bureau: str = ""  # 单位 of the file it is a backup of

    @property
    def automatic(self) -> bool:
        return self.reason == AUTOMATIC


def backup_name(source: Path, owner: FileIdentity, reason: str, now: datetime | None = None) -> str:
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    bureau = _NOT_IN_NAME.sub("_", owner.bureau).strip("_")[:30] or "未命名单位"
    return f"{source.stem}-{bureau}-{owner.short_id}-{stamp}-{reason}{source.suffix or '.kaohe'}"


def verify_copy(path: Path) -> None:
    """Raise unless `path` is one of our files and passes integrity_check."""
    read_header(path)
    connection = sqlite3.connect(sqlite_uri(path, "ro"), uri=True)
    try:
        result = [row[0] for row in connection.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as error:  # too damaged for the check to finish
        result = [str(error)]
    finally:
        connection.close()
    if result != ["ok"]:
        raise CorruptFileError(f"备份文件“{path.name}”未通过完整性检查：{'; '.join(result[:3])}")


def name_own_copy(
    partial: Path,
    target_dir: Path,
    source: Path,
    shown: str,
    reason: str,
    now: datetime | None,
    owner: FileIdentity | None,
) -> Path:
    """Give a verified copy its backup name, from the id and bureau read from the copy
    itself; with `owner` (what was opened, shown to the clerk as `shown`), a copy whose
    id differs is refused: it is not a backup of what was opened."""
    copied = identity_of_file(partial)
    if owner is not None and copied.file_id != owner.file_id:
        raise FileReplacedError(
            shown,
            owner.bureau,
            f"备份读到的标识为 {copied.short_id}，打开时为 {owner.short_id}；未留下备份",
        )
    return _give_name(partial, target_dir / backup_name(source, copied, reason, now))


def backup_database(
    engine: Engine,
    source: Path,
    target_dir: Path,
    reason: str,
    now: datetime | None = None,
    owner: FileIdentity | None = None,
) -> Path:
    """Write a verified copy of the open data file into `target_dir`; return its path.
    (Of a server database: storage/server_backup.py; either: storage/any_backup.py.)

    The copy is named by the id and bureau read from the copy itself; with `owner` (the
    file that was opened), a copy whose id differs is refused: the path now names
    another file, and its backup must not be filed under ours."""
    target_dir.mkdir(parents=True, exist_ok=True)
    with partial_copy(target_dir, source.stem, reason, now) as partial:
        try:
            execute_outside_transaction(engine, "VACUUM INTO ?", (str(partial),))
            verify_copy(partial)
            return name_own_copy(partial, target_dir, source, source.name, reason, now, owner)
        except sqlite3.Error as error:
            raise StorageError(f"备份失败：{error}") from error
        except OSError as error:
            raise StorageError(
                f"备份失败：无法写入备份文件夹“{target_dir}”（{error}）。"
            ) from error


@contextmanager
def partial_copy(target_dir: Path, stem: str, reason: str, now: datetime | None) -> Iterator[Path]:
    """The name of a backup in progress in `target_dir`, removed afterwards (once
    named, the backup is a hard link of its own, or was renamed away), whatever
    happened. Unique per process and call: two workstations backing up into one
    folder in the same second must never write into the same file."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    unique = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
    partial = target_dir / f"{stem}-{stamp}-{reason}.{unique}{PARTIAL_SUFFIX}"
    try:
        yield partial
    finally:
        partial.unlink(missing_ok=True)
        # A copy larger than SQLite's page cache gets a journal of its own while it is
        # written; a failed write leaves it behind.
        partial.with_name(partial.name + JOURNAL_SUFFIX).unlink(missing_ok=True)


def _give_name(partial: Path, wanted: Path) -> Path:
    """Name the verified copy without ever replacing another backup: a hard link fails
    if the name is taken (then the next "-n" is tried); where links are not supported,
    an existence check is the best we have."""
    final, counter = wanted, 1
    while True:
        try:
            os.link(partial, final)
            return final
        except FileExistsError:
            pass
        except OSError:
            if not final.exists():
                os.replace(partial, final)
                return final
        final = wanted.with_stem(f"{wanted.stem}-{counter}")
        counter += 1


def list_backups(
    directory: Path, source: Path, owner: FileIdentity | None = None, *, legacy: bool = True
) -> list[BackupFile]:
    """The finished backups of the file `owner` (default: the file at `source`) in
    `directory`, newest first: those named with its id, and, with `legacy`, those named
    before ids existed whose content has its id. A ".partial" (a backup killed
    half-way) is never listed, nor another file's backup of the same name."""
    if not directory.is_dir():
        return []
    owner = owner or identity_of_file(source)
    found = []
    for path in directory.iterdir():
        match = _NAME.match(path.name)
        if match is not None:
            if match["fid"] != owner.short_id or not path.is_file():
                continue
            bureau = match["bureau"]
        else:
            match = _LEGACY_NAME.match(path.name)
            if match is None or not legacy or match["stem"] != source.stem:
                continue
            older = _legacy_identity(path)
            if older is None or older.file_id != owner.file_id:
                continue
            bureau = older.bureau
        taken_at = datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S")
        found.append(BackupFile(path, taken_at, match["reason"], bureau))
    return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)


_legacy_seen: dict[tuple[str, int, int], FileIdentity | None] = {}


def _legacy_identity(path: Path) -> FileIdentity | None:
    """Whose a backup named before ids existed is, read from it once per version of it."""
    try:
        stat = path.stat()
        key = (str(path), stat.st_size, stat.st_mtime_ns)
        if key not in _legacy_seen:
            read_header(path)  # a file that is not ours is not opened by SQLite at all
            _legacy_seen[key] = identity_of_file(path)
        return _legacy_seen[key]
    except (OSError, StorageError, sqlite3.Error):
        return None  # unreadable or not ours: not attributed to anyone


def rotate(directory: Path, source: Path, owner: FileIdentity | None = None) -> list[Path]:
    """Delete the automatic backups the rotation rule no longer keeps, and what a backup
    killed more than a day ago left behind: its ".partial" copy and that copy's SQLite
    journal (".partial-journal"). A copy still being written, with its journal, and
    the data file's own journal are never touched."""
    owner = owner or identity_of_file(source)
    leftovers: dict[str, float] = {}
    for path in directory.iterdir():  # not glob(): a stem may hold "[" or "*"
        name = path.name
        if name.startswith(f"{source.stem}-") and name.endswith(
            (PARTIAL_SUFFIX, PARTIAL_SUFFIX + JOURNAL_SUFFIX)
        ):
            try:
                leftovers[path.name] = path.stat().st_mtime
            except OSError:
                continue  # gone meanwhile
    for name in stale_leftovers(leftovers, time.time()):
        try:
            (directory / name).unlink()
        except OSError:
            continue  # removed by another workstation, or held open
    automatic = {b.path.name: b for b in list_backups(directory, source, owner) if b.automatic}
    doomed = to_delete(BackupEntry(name, b.taken_at) for name, b in automatic.items())
    removed = []
    for entry in doomed:
        path = automatic[entry.name].path
        path.unlink(missing_ok=True)
        removed.append(path)
    return removed


def verify_backup(path: Path) -> ChainReport:
    """A backup fit to restore: ours, integrity_check ok, and its audit chain intact."""
    verify_copy(path)
    engine = make_engine(path, read_only=True)
    try:
        with engine.connect() as connection:
            report = verify_chain(connection)
            connection.rollback()
    finally:
        engine.dispose()
    if not report.ok:
        raise CorruptFileError(f"备份文件“{path.name}”的{report}，不能用于恢复。")
    return report


def restore_copy(backup: Path, target: Path) -> None:
    """Copy a verified backup to a new file; never over an existing one."""
    if target.exists():
        raise FileExistsRefusedError(f"“{target}”已存在。恢复只写入新文件，请换一个文件名。")
    verify_backup(backup)
    partial = target.with_name(target.name + PARTIAL_SUFFIX)
    partial.unlink(missing_ok=True)
    source = sqlite3.connect(sqlite_uri(backup, "ro"), uri=True)
    try:
        source.execute("VACUUM INTO ?", (str(partial),))
    except sqlite3.Error as error:
        partial.unlink(missing_ok=True)
        raise StorageError(f"恢复失败：{error}") from error
    finally:
        source.close()
    try:
        _new_identity(partial)
        verify_copy(partial)
    except (StorageError, sqlite3.Error) as error:
        partial.unlink(missing_ok=True)
        if isinstance(error, StorageError):
            raise
        raise StorageError(f"恢复失败：{error}") from error
    if target.exists():
        partial.unlink(missing_ok=True)
        raise FileExistsRefusedError(f"“{target}”已被他人创建，未覆盖。")
    os.rename(partial, target)


def _new_identity(copy: Path) -> None:
    """A restored file is a file of its own: a new id, so that it is never taken for
    the file it was backed up from (moved over it, it is refused as a replacement) and
    its backups are its own. The id it came from is kept beside it."""
    restored_from = identity_of_file(copy).file_id
    connection = sqlite3.connect(sqlite_uri(copy, "rw"), uri=True, isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")
        connection.executemany(
            "INSERT OR REPLACE INTO app_meta (key, value) VALUES (?, ?)",
            [(FILE_ID_KEY, new_file_id()), (RESTORED_FROM_KEY, restored_from)],
        )
        connection.execute("COMMIT")
    finally:
        connection.close()


# --- 佐证材料 beside the backups --------------------------------------------------------


@dataclass(frozen=True)
class EvidenceCopy:
    """What a backup or a restore did with the attachments its copy refers to."""

    referenced: int  # distinct files the copy refers to
    copied: int  # of those, copied now (the others were there already)
    problems: tuple[str, ...] = ()  # one Chinese line per file that could not be copied


def referenced_evidence(database: Path) -> dict[str, str]:
    """The stored files a data file (or a backup of one) refers to: hash → a file name."""
    connection = sqlite3.connect(sqlite_uri(database, "ro"), uri=True)
    try:
        columns = {row[1] for row in connection.execute("PRAGMA table_info(evidence_file)")}
        if "sha256" not in columns:  # a file from before the store: nothing outside it
            return {}
        rows = connection.execute(
            "SELECT sha256, min(file_name) FROM evidence_file GROUP BY sha256"
        ).fetchall()
    finally:
        connection.close()
    return {sha: name for sha, name in rows}


def copy_evidence(
    database: Path, target: EvidenceStore, sources: Sequence[EvidenceStore]
) -> EvidenceCopy:
    """Copy into `target` the files `database` refers to that `target` lacks, each from
    the first of `sources` holding an intact copy (checked by its hash on the way).

    Stored files never change, so a file `target` has is not copied again: a backup
    store shared by all the backups grows by the new attachments only. A file that
    no source has intact is named in `problems`, never stored under its name."""
    wanted = referenced_evidence(database)
    if not wanted:
        return EvidenceCopy(0, 0)
    present = set(target.iter_present())
    copied, problems = 0, []
    for sha, name in sorted(wanted.items(), key=lambda item: item[1]):
        if sha in present:
            continue
        states = []
        for source in sources:
            state = copy_between(source, target, sha)
            if state is FileState.OK:
                copied += 1
                break
            states.append(state)
        else:
            what = "已损坏" if FileState.DAMAGED in states else "找不到"
            problems.append(f"佐证材料“{name}”{what}，未能复制（校验值 {sha[:12]}…）")
    return EvidenceCopy(len(wanted), copied, tuple(problems))
