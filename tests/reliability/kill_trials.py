"""The mechanics of a kill -9 trial and the checks every trial shares.

A trial starts a child, waits until it is about to do its work ("READY"), sleeps a
random (seeded) delay and sends SIGKILL. Whatever the child acknowledged before
that must be in the file afterwards; the file must pass integrity_check and its
audit chain must verify.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from tests.reliability import processes
from tests.reliability.figures import SCALE

from kaohe_desktop.storage.database import OpenedFile, check_data_file, open_data_file
from kaohe_desktop.storage.errors import NotOurFileError
from kaohe_desktop.storage.models import Base

SEED = 20261122
# Trials per kind of work; at least 100 in all, as CI runs them.
KILL_TRIALS = {
    "save": 36 * SCALE,
    "import": 12 * SCALE,
    "migration": 28 * SCALE,
    "backup": 24 * SCALE,
}


@dataclass(frozen=True)
class Killed:
    trial: int
    delay: float
    lines: list[str]
    was_running: bool  # False: the child had finished before the signal
    hot_journal: bool  # a non-empty -journal was left: the kill hit a write

    @property
    def acks(self) -> list[list[str]]:
        return [line.split()[1:] for line in self.lines if line.startswith("ACK")]

    def where(self, kind: str) -> str:
        """Enough to reproduce a failing trial: kind, seed, trial number, delay."""
        return (
            f"{kind} trial {self.trial} (seed {SEED}, delay {self.delay:.3f} s): {self.lines[-3:]}"
        )


def rng(kind: str) -> random.Random:
    return random.Random(f"{SEED}-{kind}")


def kill_after(
    target: Callable[..., Any],
    args: tuple[Any, ...],
    log: Path,
    data_file: Path | None,
    delay: float,
    trial: int,
) -> Killed:
    """`data_file`: None on a server (no journal to look for)."""
    process = processes.start(target, *args, str(log))
    processes.wait_for(log, "READY", process)
    time.sleep(delay)
    was_running = processes.kill(process)
    lines = processes.lines(log)
    errors = [line for line in lines if line.startswith("ERROR")]
    assert not errors, f"trial {trial}: the child failed on its own: {errors}"
    journal = Path(f"{data_file}-journal")
    hot = data_file is not None and journal.exists() and journal.stat().st_size > 0
    return Killed(trial, delay, lines, was_running, hot)


def timed_run(target: Callable[..., Any], args: tuple[Any, ...], log: Path) -> float:
    """Run a child without killing it; return the seconds from READY to its end. Sizes
    the window the kills of single-shot work are spread over."""
    process = processes.start(target, *args, str(log))
    processes.wait_for(log, "READY", process)
    started = time.monotonic()
    processes.finish(process)
    assert processes.lines(log)[-1] == "DONE"
    return time.monotonic() - started


def reopen_checked(path: Path, killed: Killed | None, kind: str, **options: Any) -> OpenedFile:
    """open_data_file rolls back a hot journal; then the full check must pass."""
    where = killed.where(kind) if killed else kind
    try:
        opened = open_data_file(path, **options)
    except NotOurFileError as error:
        if killed is None or not killed.hot_journal:
            raise
        # The kill fell between rewriting page 1 and writing the pages that grow the file.
        raise AssertionError(
            f"{where}: a file with a hot journal was refused as not ours ({error}); known bug, "
            "see test_disk_full.py::test_commit_failing_half_way_leaves_a_file_that_reopens"
        ) from error
    report = check_data_file(opened)
    assert report.integrity == ["ok"], where
    assert report.application_id_ok, where
    assert report.chain.ok, f"{where}: {report.chain}"
    return opened


def count_rows(opened: OpenedFile, models: list[type[Base]]) -> tuple[int, ...]:
    with opened.unit_of_work("check").read() as session:
        return tuple(
            session.scalar(select(func.count()).select_from(model)) or 0 for model in models
        )


@dataclass
class Tally:
    """Figures of one kind of trial."""

    trials: int = 0
    killed_running: int = 0
    hot_journals: int = 0
    acked: int = 0
    seconds: float = 0.0

    def add(self, killed: Killed) -> None:
        self.trials += 1
        self.killed_running += killed.was_running
        self.hot_journals += killed.hot_journal
        self.acked += len(killed.acks)
