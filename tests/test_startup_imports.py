"""Start-up imports only what the first screen needs (issue 16): `kaohe --help` builds its
parser without the services, SQLAlchemy, openpyxl or reportlab, and the program shows
an open file's first tab without importing openpyxl or reportlab, or the modules of the
tabs not yet shown, until an export or a PDF asks for them.

Each check runs in a fresh interpreter (this process has imported everything long
ago); they assert which modules were imported, never how long anything took.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.factories import ADMIN, DEMO, CopyMaster

REPOSITORY = Path(__file__).resolve().parents[1]
# What neither the parser nor the first screen needs.
EXCHANGE_AND_PDF = ("openpyxl", "reportlab")
DATA_FILE_MACHINERY = ("sqlalchemy", "alembic", "argon2", "kaohe_desktop.services.workspace")
LAZY_TABS = (
    "kaohe_desktop.ui.checks.checks_tab",
    "kaohe_desktop.ui.quarterly.quarterly_tab",
    "kaohe_desktop.ui.scoring.scoring_tab",
    "kaohe_desktop.ui.annual.annual_tab",
    "kaohe_desktop.ui.archive.archive_tab",
)


def _run(code: str, *argv: str) -> dict[str, list[str]]:
    """Run `code` in a fresh interpreter; it prints a JSON object as its last line."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    finished = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *argv],
        cwd=REPOSITORY,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    result: dict[str, list[str]] = json.loads(finished.stdout.strip().splitlines()[-1])
    return result


def test_kaohe_help_and_a_parse_error_import_no_command_machinery() -> None:
    found = _run(
        """
        import contextlib, io, json, sys
        from kaohe_desktop.cli import main

        heavy = sys.argv[1:]
        seen = {}
        for argv in (["--help"], ["--db", "x.kaohe", "export", "--help"], ["export"]):
            with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()), \\
                    contextlib.redirect_stderr(io.StringIO()):
                main(argv)
            seen[" ".join(argv)] = [m for m in heavy if m in sys.modules]
        print(json.dumps(seen))
        """,
        *EXCHANGE_AND_PDF,
        *DATA_FILE_MACHINERY,
        "PySide6",
    )
    assert found == {
        "--help": [],
        "--db x.kaohe export --help": [],
        "export": [],  # refused by the parser (no --db): nothing else was needed to say so
    }


def test_a_command_that_runs_still_imports_what_it_uses(tmp_path: Path) -> None:
    """The other side of the check above: the lazy import is really there to be taken."""
    found = _run(
        """
        import json, sys
        from kaohe_desktop.cli import _run
        from kaohe_desktop.cli_arguments import build_parser

        args = build_parser().parse_args(["--db", "x.kaohe", "template", sys.argv[1]])
        _run(args)
        print(json.dumps({"after": [m for m in ("openpyxl",) if m in sys.modules]}))
        """,
        str(tmp_path / "模板.xlsx"),
    )
    assert found == {"after": ["openpyxl"]}


def test_the_window_shows_an_open_file_without_the_exchange_the_pdf_or_hidden_tabs(
    copy_master: CopyMaster, tmp_path: Path
) -> None:
    path = copy_master(DEMO)
    found = _run(
        """
        import json, sys, time
        from pathlib import Path
        from PySide6.QtCore import QStandardPaths
        from PySide6.QtWidgets import QApplication

        app = QApplication([])
        QStandardPaths.setTestModeEnabled(True)
        from kaohe_desktop.services.access.accounts import Credentials
        from kaohe_desktop.services.workspace import begin_open
        from kaohe_desktop.ui.main_window import MainWindow
        from kaohe_desktop.ui.settings import Settings

        path, user, password, folder, watched = (
            sys.argv[1], sys.argv[2], sys.argv[3], Path(sys.argv[4]), sys.argv[5:]
        )
        def loaded():
            return [m for m in watched if m in sys.modules]

        seen = {}
        window = MainWindow(Settings.at(folder / "settings.ini"))
        window.show()
        app.processEvents()
        seen["window"] = loaded()
        window.set_workspace(begin_open(path).sign_in(Credentials(user, password)))
        app.processEvents()
        assert window.ledger_tab.model.rowCount() > 0  # the first tab shows its data
        seen["first tab"] = loaded()
        deadline = time.monotonic() + 60  # the other tabs are made when the window idles
        while len(window.made_tabs()) < window.tabs.count() and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.02)
        seen["idle"] = loaded()
        for index in range(window.tabs.count()):  # each tab shown, with its data
            window.tabs.setCurrentIndex(index)
            app.processEvents()
        seen["every tab shown"] = loaded()
        window.workspace.exporter.export_workbook(folder / "导出.xlsx")
        window.show_settings().close()  # it names the PDF font, found with reportlab
        seen["export and settings"] = loaded()
        window.close()
        print(json.dumps(seen))
        """,
        str(path),
        ADMIN.username,
        ADMIN.password,
        str(tmp_path),
        *EXCHANGE_AND_PDF,
        *LAZY_TABS,
    )
    assert found["window"] == []
    assert found["first tab"] == []  # not the exchange, the PDF, nor any hidden tab
    assert found["idle"] == list(LAZY_TABS)
    assert found["every tab shown"] == list(LAZY_TABS)  # reading them needs no openpyxl
    assert found["export and settings"] == [*EXCHANGE_AND_PDF, *LAZY_TABS]
