"""storage/evidence_store: write-once files named by their SHA-256, in a two-level
fan-out, written through tmp/ and renamed; checked, set aside and swept by hash."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import pytest

from kaohe_desktop.storage.evidence_store import (
    ContentChangedError,
    EvidenceStore,
    FileState,
    copy_between,
    sha256_of,
    store_dir,
)

PDF = b"%PDF-1.7\n" + bytes(range(256)) * 40


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _source(folder: Path, data: bytes, name: str = "扫描件.pdf") -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def _age(path: Path, hours: float) -> None:
    then = time.time() - hours * 3600
    os.utime(path, (then, then))


@pytest.fixture
def store(tmp_path: Path) -> EvidenceStore:
    return EvidenceStore(store_dir(tmp_path / "考核台账.kaohe"))


def test_the_store_sits_beside_the_data_file_named_after_it(tmp_path: Path) -> None:
    assert store_dir(tmp_path / "考核台账.kaohe") == tmp_path / "考核台账.kaohe-佐证材料"


def test_a_file_is_stored_under_its_hash_in_a_fan_out_folder(
    store: EvidenceStore, tmp_path: Path
) -> None:
    stored = store.put(_source(tmp_path, PDF))
    sha = _sha(PDF)
    assert (stored.sha256, stored.size_bytes, stored.created) == (sha, len(PDF), True)
    path = store.root / sha[:2] / sha
    assert store.path_of(sha) == path and path.read_bytes() == PDF
    assert list(store.temp.iterdir()) == []  # the temporary name is gone
    assert list(store.iter_present()) == [sha]


def test_the_same_bytes_are_stored_once_and_the_name_is_not_rewritten(
    store: EvidenceStore, tmp_path: Path
) -> None:
    first = store.put(_source(tmp_path, PDF, "一.pdf"))
    path = store.path_of(first.sha256)
    inode = path.stat().st_ino
    _age(path, 48)
    second = store.put(_source(tmp_path, PDF, "二.pdf"))
    assert (second.sha256, second.created) == (first.sha256, False)
    assert path.stat().st_ino == inode  # the same file, not a new one renamed over it
    # Its time is refreshed: a sweep of old unreferenced files leaves it to the attach.
    assert time.time() - path.stat().st_mtime < 3600
    assert list(store.iter_present()) == [first.sha256]


def test_a_damaged_copy_is_replaced_by_the_good_bytes(store: EvidenceStore, tmp_path: Path) -> None:
    sha = store.put(_source(tmp_path, PDF)).sha256
    store.path_of(sha).write_bytes(b"%PDF-garbage")
    assert store.verify(sha) is FileState.DAMAGED
    assert store.put(_source(tmp_path, PDF)).created
    assert store.verify(sha) is FileState.OK


def test_bytes_that_do_not_hash_as_expected_are_not_stored(
    store: EvidenceStore, tmp_path: Path
) -> None:
    with pytest.raises(ContentChangedError):
        store.put(_source(tmp_path, PDF), expected_sha=_sha(b"other"))
    assert list(store.iter_present()) == [] and list(store.temp.iterdir()) == []


def test_verify_tells_ok_missing_and_damaged(store: EvidenceStore, tmp_path: Path) -> None:
    sha = store.put(_source(tmp_path, PDF)).sha256
    assert store.verify(sha) is FileState.OK
    data = bytearray(PDF)
    data[5000] ^= 1  # one bit flipped on the share
    store.path_of(sha).write_bytes(bytes(data))
    assert store.verify(sha) is FileState.DAMAGED
    assert store.verify(_sha(b"never stored")) is FileState.MISSING


def test_hashing_reads_the_whole_file_in_chunks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("kaohe_desktop.storage.evidence_store.CHUNK", 1000)
    data = os.urandom(10_500)  # ten full chunks and a short one
    assert sha256_of(_source(tmp_path, data)) == (_sha(data), 10_500)


def test_only_hash_named_files_are_listed(store: EvidenceStore, tmp_path: Path) -> None:
    sha = store.put(_source(tmp_path, PDF)).sha256
    (store.root / sha[:2] / "说明.txt").write_text("x")
    (store.root / "ff").mkdir()
    (store.root / "ff" / _sha(b"x")).write_text("in the wrong folder")
    (store.temp / ("0" * 64)).write_text("a temporary file")
    assert list(store.iter_present()) == [sha]


@pytest.mark.parametrize("bad", ["../../etc/passwd", "ABC", "g" * 64, "A" * 64])
def test_a_name_that_is_not_a_hash_is_never_a_path(store: EvidenceStore, bad: str) -> None:
    with pytest.raises(ValueError):
        store.path_of(bad)


def test_a_file_set_aside_can_be_put_back_or_purged(store: EvidenceStore, tmp_path: Path) -> None:
    sha = store.put(_source(tmp_path, PDF)).sha256
    aside = store.set_aside(sha)
    assert aside is not None and aside.parent == store.temp
    assert not store.has(sha)
    store.put_back(aside, sha)
    assert store.verify(sha) is FileState.OK and not aside.exists()
    assert store.set_aside(_sha(b"never stored")) is None


def test_unreferenced_lists_old_files_no_row_refers_to(
    store: EvidenceStore, tmp_path: Path
) -> None:
    old_orphan = store.put(_source(tmp_path, PDF + b"1")).sha256
    new_orphan = store.put(_source(tmp_path, PDF + b"2")).sha256
    old_kept = store.put(_source(tmp_path, PDF + b"3")).sha256
    for sha in (old_orphan, old_kept):
        _age(store.path_of(sha), 25)
    assert store.unreferenced({old_kept}, older_than_seconds=24 * 3600) == [old_orphan]
    assert sorted(store.unreferenced({old_kept}, older_than_seconds=0)) == sorted(
        [old_orphan, new_orphan]
    )


def test_stale_temporary_files_are_cleared_fresh_ones_kept(store: EvidenceStore) -> None:
    store.temp.mkdir(parents=True)
    stale, fresh = store.temp / "1-a.partial", store.temp / "2-b.partial"
    stale.write_bytes(b"x")
    fresh.write_bytes(b"y")
    _age(stale, 30)
    assert store.clear_stale_temp(24 * 3600) == 1
    assert [p.name for p in store.temp.iterdir()] == [fresh.name]


def test_copy_out_checks_the_hash_and_never_overwrites(
    store: EvidenceStore, tmp_path: Path
) -> None:
    sha = store.put(_source(tmp_path, PDF)).sha256
    out = tmp_path / "打开" / "扫描件.pdf"
    out.parent.mkdir()
    assert store.copy_out(sha, out) is FileState.OK and out.read_bytes() == PDF
    with pytest.raises(FileExistsError):
        store.copy_out(sha, out)
    assert out.read_bytes() == PDF
    store.path_of(sha).write_bytes(PDF[:-1] + b"!")
    damaged = tmp_path / "打开" / "坏.pdf"
    assert store.copy_out(sha, damaged) is FileState.DAMAGED and not damaged.exists()
    assert store.copy_out(_sha(b"none"), tmp_path / "打开" / "无.pdf") is FileState.MISSING


def test_copying_between_stores_refuses_a_damaged_source(tmp_path: Path) -> None:
    live, backup = EvidenceStore(tmp_path / "live"), EvidenceStore(tmp_path / "backup")
    good = live.put(_source(tmp_path, PDF + b"good")).sha256
    bad = live.put(_source(tmp_path, PDF + b"bad")).sha256
    live.path_of(bad).write_bytes(b"rot")
    assert copy_between(live, backup, good) is FileState.OK
    assert copy_between(live, backup, bad) is FileState.DAMAGED
    assert copy_between(live, backup, _sha(b"none")) is FileState.MISSING
    assert list(backup.iter_present()) == [good]
    assert backup.verify(good) is FileState.OK
