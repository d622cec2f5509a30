"""Outputs are written beside their target under a name of their own, then renamed."""

from __future__ import annotations

from pathlib import Path

import pytest

from kaohe_desktop.reports.file_output import partial_beside, written_beside


def test_two_writers_into_one_folder_get_different_partials(tmp_path: Path) -> None:
    target = tmp_path / "台账.xlsx"
    names = {partial_beside(target, ".partial.xlsx") for _ in range(50)}
    assert len(names) == 50
    assert all(n.parent == tmp_path and n.name.startswith("~台账.") for n in names)
    assert not list(tmp_path.iterdir())  # nothing is created before it is written


def test_a_finished_write_replaces_the_target(tmp_path: Path) -> None:
    target = tmp_path / "墙上台账.pdf"
    target.write_bytes(b"old")
    with written_beside(target) as partial:
        partial.write_bytes(b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["墙上台账.pdf"]


def test_a_failed_write_keeps_the_old_target_and_leaves_no_partial(tmp_path: Path) -> None:
    target = tmp_path / "墙上台账.pdf"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), written_beside(target) as partial:
        partial.write_bytes(b"half")
        raise RuntimeError("磁盘已满")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["墙上台账.pdf"]
