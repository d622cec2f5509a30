"""The 佐证材料 store: attached files, write-once, named by their SHA-256 (DESIGN §5).

The bytes of attachments do not live in the data file, so a year of scans (gigabytes)
does not pass through every daily backup. They live beside it, in
`考核台账.kaohe-佐证材料/ab/abcdef…` (the first two hex digits fan the files out over
256 folders, so no folder holds tens of thousands of names on a share), with their
metadata (name, size, who, when) in the data file's `evidence_file` rows.

A stored file is never modified: it is written under a temporary name in `tmp/`,
flushed to disk, then renamed to its hash. A name that exists is not written again, so
the same file attached twice is stored once; only a copy that no longer matches its
name (damaged on the share) is replaced by the good bytes of a new attach. Renames are
atomic on NTFS, SMB and POSIX file systems, so another workstation sees either no file
or the whole file, never a half-written one.

Every read hashes in chunks of CHUNK bytes: memory stays bounded whatever the size.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import BinaryIO

from kaohe_desktop.storage.errors import StorageError

STORE_SUFFIX = "-佐证材料"  # 考核台账.kaohe → 考核台账.kaohe-佐证材料
BACKUP_STORE_NAME = "佐证材料"  # <backup folder>/佐证材料: one store for all backups
CHUNK = 1 << 20
TEMP_DIR = "tmp"
_PARTIAL = ".partial"
_REMOVED = ".removed"
SHA_HEX = re.compile(r"^[0-9a-f]{64}$")


def store_dir(data_file: Path) -> Path:
    """The store of the data file at `data_file`: a folder beside it."""
    return data_file.with_name(data_file.name + STORE_SUFFIX)


class FileState(StrEnum):
    OK = "ok"
    MISSING = "missing"
    DAMAGED = "damaged"  # its bytes no longer hash to its name (or cannot be read)


class ContentChangedError(StorageError):
    """The bytes read were not the bytes expected (a source changed while being copied,
    or a stored copy that no longer matches its name)."""


@dataclass(frozen=True)
class Stored:
    sha256: str
    size_bytes: int
    created: bool  # False: the store had these bytes already


def sha256_of(path: Path) -> tuple[str, int]:
    """The SHA-256 (hex) and size of the file at `path`, read in chunks."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _check_sha(sha: str) -> str:
    if not SHA_HEX.match(sha):
        raise ValueError(f"not a SHA-256 in lower-case hex: {sha!r}")
    return sha


def _fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable where the OS allows it (POSIX); Windows has no
    directory handle to flush, and NTFS/SMB journal the rename themselves."""
    if os.name != "posix":
        return
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


class EvidenceStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.temp = root / TEMP_DIR

    def present(self) -> bool:
        return self.root.is_dir()

    def path_of(self, sha: str) -> Path:
        sha = _check_sha(sha)
        return self.root / sha[:2] / sha

    def has(self, sha: str) -> bool:
        return self.path_of(sha).is_file()

    def verify(self, sha: str) -> FileState:
        """Re-hash the stored file: present and intact, missing, or damaged."""
        path = self.path_of(sha)
        try:
            actual, _ = sha256_of(path)
        except FileNotFoundError:
            return FileState.MISSING
        except OSError:
            return FileState.DAMAGED  # there but unreadable: as good as damaged
        return FileState.OK if actual == sha else FileState.DAMAGED

    def iter_present(self) -> Iterator[str]:
        """The hashes of the files in the store (one listing per fan-out folder)."""
        if not self.present():
            return
        for folder in self.root.iterdir():
            if len(folder.name) != 2 or not folder.is_dir():
                continue
            for path in folder.iterdir():
                if SHA_HEX.match(path.name) and path.name.startswith(folder.name):
                    yield path.name

    # --- writing ---------------------------------------------------------------
    def put(self, source: Path, expected_sha: str | None = None) -> Stored:
        """Copy the file at `source` into the store, hashing as it goes. With
        `expected_sha`, bytes that hash otherwise are not stored (ContentChangedError)."""
        with source.open("rb") as stream:
            return self.put_stream(stream, expected_sha)

    def put_bytes(self, data: bytes) -> Stored:
        return self.put_stream(io.BytesIO(data), None)

    def put_stream(self, stream: BinaryIO, expected_sha: str | None) -> Stored:
        temp = self._new_temp()
        try:
            digest, size = hashlib.sha256(), 0
            with temp.open("wb") as out:
                while chunk := stream.read(CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
                    size += len(chunk)
                out.flush()
                os.fsync(out.fileno())
            sha = digest.hexdigest()
            if expected_sha is not None and sha != expected_sha:
                raise ContentChangedError(f"内容的校验值为 {sha[:12]}…，应为 {expected_sha[:12]}…")
            return Stored(sha, size, self._settle(temp, sha))
        finally:
            temp.unlink(missing_ok=True)  # gone already when it was renamed

    def _new_temp(self) -> Path:
        self.temp.mkdir(parents=True, exist_ok=True)
        return self.temp / f"{os.getpid()}-{uuid.uuid4().hex}{_PARTIAL}"

    def _settle(self, temp: Path, sha: str) -> bool:
        """Give the flushed temporary file its name; True when it was not there before.
        An intact copy already there is kept (its time refreshed, so that a sweep of
        old unreferenced files leaves it to the attach that is about to refer to it);
        a damaged one is replaced."""
        final = self.path_of(sha)
        if final.is_file() and self.verify(sha) is FileState.OK:
            with contextlib.suppress(OSError):
                os.utime(final)
            return False
        final.parent.mkdir(parents=True, exist_ok=True)
        os.replace(temp, final)
        _fsync_dir(final.parent)
        return True

    def copy_out(self, sha: str, target: Path) -> FileState:
        """Copy the stored file to `target` (a new file), checking its hash on the way;
        on MISSING or DAMAGED nothing is left at `target`."""
        try:
            stream = self.path_of(sha).open("rb")
        except FileNotFoundError:
            return FileState.MISSING
        except OSError:
            return FileState.DAMAGED
        digest = hashlib.sha256()
        with stream:
            out = target.open("xb")  # never over a file that is there
            try:
                with out:
                    while chunk := stream.read(CHUNK):
                        digest.update(chunk)
                        out.write(chunk)
            except BaseException:
                target.unlink(missing_ok=True)
                raise
        if digest.hexdigest() != sha:
            target.unlink(missing_ok=True)
            return FileState.DAMAGED
        return FileState.OK

    # --- removing (services/checks/evidence.py says when it is safe) --------------
    def set_aside(self, sha: str) -> Path | None:
        """Rename the stored file into tmp/ (atomic, reversible); None if it is not there.
        After the data file's commit the caller purges it; after a failed commit it puts
        it back with `put_back`."""
        path = self.path_of(sha)
        aside = self.temp / f"{sha}{_REMOVED}-{uuid.uuid4().hex[:8]}"
        try:
            self.temp.mkdir(parents=True, exist_ok=True)
            os.replace(path, aside)
        except FileNotFoundError:
            return None
        return aside

    def put_back(self, aside: Path, sha: str) -> None:
        final = self.path_of(sha)
        if final.exists():  # stored again meanwhile (same bytes): the aside copy is spare
            aside.unlink(missing_ok=True)
        else:
            os.replace(aside, final)

    def unreferenced(self, referenced: Iterable[str], older_than_seconds: float) -> list[str]:
        """Stored files no row refers to, last written or re-attached longer ago than
        `older_than_seconds`."""
        keep = set(referenced)
        limit = time.time() - older_than_seconds
        found = []
        for sha in self.iter_present():
            if sha in keep:
                continue
            try:
                if self.path_of(sha).stat().st_mtime < limit:
                    found.append(sha)
            except OSError:
                continue
        return sorted(found)

    def is_older_than(self, sha: str, seconds: float) -> bool:
        try:
            return self.path_of(sha).stat().st_mtime < time.time() - seconds
        except OSError:
            return False

    def clear_stale_temp(self, older_than_seconds: float) -> int:
        """Delete what a writer killed half-way left in tmp/ (never a copy in progress:
        only files untouched for `older_than_seconds`)."""
        if not self.temp.is_dir():
            return 0
        limit, removed = time.time() - older_than_seconds, 0
        for path in self.temp.iterdir():
            try:
                if path.is_file() and path.stat().st_mtime < limit:
                    path.unlink()
                    removed += 1
            except OSError:
                continue  # another workstation's, removed or held meanwhile
        return removed


def copy_between(source: EvidenceStore, target: EvidenceStore, sha: str) -> FileState:
    """Copy one file from `source` into `target`, checking its hash on the way: OK when
    copied, MISSING or DAMAGED when `source` has no intact copy (nothing is stored)."""
    try:
        stream = source.path_of(sha).open("rb")
    except FileNotFoundError:
        return FileState.MISSING
    except OSError:
        return FileState.DAMAGED  # there but unreadable
    try:
        with stream:
            target.put_stream(stream, sha)
    except ContentChangedError:
        return FileState.DAMAGED
    return FileState.OK
