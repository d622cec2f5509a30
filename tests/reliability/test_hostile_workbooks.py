"""Hostile exchange workbooks stay bounded in time and memory (issue 12, item 1).

Each file of `hostile_workbooks.CASES` is built here and read, as the import reads it,
in a child process whose address space is limited to `LIMIT_MB` with RLIMIT_AS: a
MemoryError there fails the test. The reader before this issue needed gigabytes for
most of them (a merge over the whole sheet, a million rows) or stopped with an
unlocated "文件可能已损坏（ValueError）". Every file is refused with a Chinese message
that names the sheet, row and column where there is one, or — for tricks that cost
nothing once ignored (a hyperlink, validation or format over the whole sheet) — read
normally. Times and peak memory are printed (`pytest -s`) and collected in the
reliability figures, never asserted.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.factories import PASSWORD, fingerprint
from tests.reliability import figures
from tests.reliability.hostile_workbooks import CASES, CASES_BY_NAME, Case

from kaohe_desktop.cli import main

# Python, openpyxl and the domain need about 100 MB of address space; the old reader
# needed 2.5 to 5.5 GB for the worst of these files.
LIMIT_MB = 256
ROOT = Path(__file__).resolve().parents[2]
CJK = range(0x4E00, 0xA000)


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT_MB << 20, LIMIT_MB << 20))


def _child(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        preexec_fn=_limit_memory,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _build(case: Case, folder: Path) -> Path:
    path = case.build(folder / "hostile.xlsx")
    assert path.stat().st_size < 4 << 20  # what a mail attachment or USB stick carries
    return path


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_a_hostile_workbook_is_refused_in_bounded_memory(case: Case, tmp_path: Path) -> None:
    path = _build(case, tmp_path)
    started = time.perf_counter()
    result = _child("-m", "tests.reliability.hostile_child", str(path))
    wall = time.perf_counter() - started
    assert result.returncode == 0, result.stderr[-2000:]  # a MemoryError lands here
    assert result.stderr == ""  # openpyxl's English warnings do not reach the clerk
    report = json.loads(result.stdout)
    if case.refusal is None:
        assert report["outcome"] == "read", report["message"]
    else:
        assert report["outcome"] == "refused"
        assert case.refusal in report["message"]
        assert any(ord(ch) in CJK for ch in report["message"])
    figures.record(
        f"hostile workbook: {case.name}",
        zip_kb=round(path.stat().st_size / 1024),
        outcome=report["outcome"],
        read_s=report["seconds"],
        child_s=round(wall, 2),
        peak_mb=report["peak_mb"],
    )


@pytest.fixture(scope="module")
def data_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "考核台账.kaohe"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KAOHE_PASSWORD", PASSWORD)
        assert main(["--db", str(path), "--user", "tester", "init"]) == 0
    return path


def _import(data_file: Path, book: Path, *options: str) -> subprocess.CompletedProcess[str]:
    env = {"KAOHE_USER": "tester", "KAOHE_PASSWORD": PASSWORD}
    args = ("-m", "kaohe_desktop.cli", "--db", str(data_file), "import", str(book), *options)
    return _child(*args, env=env)


@pytest.mark.parametrize(
    "name",
    [
        "merge, single quotes",
        "1,048,576 rows x 11 cells",
        "NaN in a number cell",
        "control character in a shared string",
    ],
)
def test_the_command_refuses_with_exit_2_and_writes_nothing(
    name: str, data_file: Path, tmp_path: Path
) -> None:
    case = CASES_BY_NAME[name]
    before = fingerprint(data_file)
    started = time.perf_counter()
    result = _import(data_file, _build(case, tmp_path))
    assert result.returncode == 2, result.stderr[-2000:]
    assert case.refusal is not None and case.refusal in result.stderr
    assert fingerprint(data_file) == before
    figures.record(
        f"hostile workbook via kaohe import: {name}",
        exit=2,
        s=round(time.perf_counter() - started, 2),
    )


def test_the_command_imports_past_a_whole_sheet_hyperlink(data_file: Path, tmp_path: Path) -> None:
    result = _import(
        data_file, _build(CASES_BY_NAME["hyperlink over the whole sheet"], tmp_path), "--dry-run"
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "科室：新增 1" in result.stdout
