"""Running the child programs of the reliability tests in their own processes.

Children are forked from a multiprocessing fork server that has already imported the
application (`set_forkserver_preload`): a kill -9 trial then costs a fork (a few
milliseconds) instead of a fresh interpreter (about a second), which is what lets a
hundred trials run in CI. Each child is still a separate process with its own file
handles and SQLite locks, so SIGKILL hits it exactly like a crashed workstation.

The fork server keeps the environment it was started with, which may be before the
run's PostgreSQL cluster set PGPASSWORD: each child is given the parent's PGPASSWORD
as it is now (through the fork server's pipe, never a command line).

Children report through a text log, one line per event ("READY", "ACK …", "DONE …",
"ERROR …"), flushed after each line so that what was acknowledged before a kill is on
disk when the parent reads it.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import time
from collections.abc import Callable
from multiprocessing.context import ForkServerContext
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

CHILD_MODULES = [
    "tests.reliability.child_crash",
    "tests.reliability.child_env",
    "tests.reliability.child_replace",
]
START_TIMEOUT_S = 60.0
_context: ForkServerContext | None = None


def context() -> ForkServerContext:
    global _context
    if _context is None:
        _context = multiprocessing.get_context("forkserver")
        _context.set_forkserver_preload(CHILD_MODULES)
    return _context


# What a child takes from the parent's environment at its start (libpq reads it).
PASSED_ENVIRONMENT = ("PGPASSWORD",)


def _with_environment(environment: dict[str, str], target: Callable[..., Any], *args: Any) -> None:
    os.environ.update(environment)
    target(*args)


def start(target: Callable[..., Any], *args: Any) -> BaseProcess:
    environment = {key: os.environ[key] for key in PASSED_ENVIRONMENT if key in os.environ}
    process = context().Process(
        target=_with_environment, args=(environment, target, *args), daemon=True
    )
    process.start()
    return process


def lines(log: Path) -> list[str]:
    if not log.exists():
        return []
    return log.read_text(encoding="utf-8").splitlines()


def wait_for(log: Path, word: str, process: BaseProcess, timeout: float = START_TIMEOUT_S) -> None:
    """Block until the child logged a line starting with `word`; fail if it died first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = lines(log)
        if any(line.startswith(word) for line in found):
            return
        errors = [line for line in found if line.startswith("ERROR")]
        if errors or not process.is_alive():
            process.join(1)
            raise AssertionError(f"child ended before {word}: {errors or found[-3:]}")
        time.sleep(0.002)
    process.kill()
    raise AssertionError(f"child did not log {word} within {timeout} s")


def kill(process: BaseProcess) -> bool:
    """SIGKILL the child; return whether it was still running (False: it had finished)."""
    alive = process.is_alive()
    process.kill()
    process.join(30)
    assert process.exitcode is not None, "child survived SIGKILL"
    return alive


def finish(process: BaseProcess, timeout: float = 120.0) -> None:
    process.join(timeout)
    if process.exitcode is None:
        process.kill()
        raise AssertionError(f"child still running after {timeout} s")
    assert process.exitcode == 0, f"child exited with {process.exitcode}"


def run(target: Callable[..., Any], *args: Any, result: Path, timeout: float = 120.0) -> Any:
    """Run a child to completion and return the JSON it wrote to `result` (a child
    that failed wrote its ERROR line there instead)."""
    process = start(target, *args, str(result))
    process.join(timeout)
    text = result.read_text(encoding="utf-8") if result.exists() else ""
    if process.exitcode != 0:
        process.kill()
        raise AssertionError(f"child exited with {process.exitcode}: {text[:2000]}")
    return json.loads(text)
