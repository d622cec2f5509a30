"""Screenshots of the tabs on the demo data, in Chinese, for year 2026, and of
the multi-user screens: sign-in, a person's record under an edit lock held by
another clerk, a save conflict, and the 操作日志.

    QT_QPA_PLATFORM=offscreen python docs/make_screenshots.py [OUT_DIR]

Writes ledger.png, quarterly.png, scoring.png, annual.png, archive.png and archive_due.png
(1400×860), then login.png, record_leased.png, conflict.png and audit_log.png, then the 台账 screens
(task_invalid.png, task_edit.png, wall_chart_dialog.png, wall_chart_preview.png,
departments.png), then the 季度考核 screens (quarterly_chart.png, quarterly_comments.png,
quarterly_grade.png, quarterly_unscored.png, quarterly_close_refused.png), to docs/screenshots/
unless OUT_DIR is given. The demo is generated in a temporary
folder, never in the user's own data folder, and settings go to a temporary INI.
"""

from __future__ import annotations

import faulthandler
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from kaohe_desktop.ui.main_window import MainWindow

YEAR = 2026
SIZE = (1400, 860)
TABS = ("ledger", "quarterly", "scoring", "annual", "archive")


def open_demo() -> tuple[QApplication, MainWindow, Path, object]:
    """A fresh demo in a temporary folder, open as its administrator in a Chinese window
    of SIZE showing YEAR. Returns the application, the window, the demo file and the
    translators (keep them alive while grabbing). docs/quickstart_shots.py uses it too."""
    scratch = Path(tempfile.mkdtemp(prefix="kaohe-shots-"))
    # The demo is recognised by its place in the per-user folder: put that folder here.
    os.environ["XDG_DATA_HOME"] = str(scratch / "user-data")
    os.environ["LOCALAPPDATA"] = str(scratch / "user-data")

    from kaohe_desktop.app import demo_file_path
    from kaohe_desktop.services.access.accounts import Credentials
    from kaohe_desktop.services.demo.accounts import DEMO_ADMIN, DEMO_ADMIN_NAME, DEMO_PASSWORD
    from kaohe_desktop.services.workspace import create_workspace, open_workspace
    from kaohe_desktop.ui.i18n import install_translators
    from kaohe_desktop.ui.main_window import MainWindow
    from kaohe_desktop.ui.settings import Settings

    app = QApplication.instance() or QApplication(sys.argv[:1])
    translators = install_translators(app, "zh_CN")
    demo = demo_file_path()
    demo.parent.mkdir(parents=True, exist_ok=True)
    admin = Credentials(DEMO_ADMIN, DEMO_PASSWORD)
    create_workspace(demo, admin=admin, admin_name=DEMO_ADMIN_NAME, demo=True).close()

    window = MainWindow(Settings.at(scratch / "settings.ini"))
    window.resize(*SIZE)
    window.show()
    window.set_workspace(open_workspace(demo, admin), demo=True)
    window.set_year(YEAR)
    return app, window, demo, translators


def main(out_dir: Path) -> list[Path]:
    faulthandler.enable()  # a crash inside Qt names the Python line it came from
    # A message box nobody answers would wait for ever: after 5 minutes, say where and stop.
    faulthandler.dump_traceback_later(300, exit=True)
    app, window, demo, translators = open_demo()
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in TABS:
        window.tabs.setCurrentWidget(getattr(window, f"{name}_tab"))
        for _ in range(3):
            app.processEvents()
        if name == "archive":
            window.archive_tab.select_person("XJ0071")  # a quarter in each year, a chart
            for _ in range(3):
                app.processEvents()
        path = out_dir / f"{name}.png"
        if not window.grab().save(str(path)):
            raise SystemExit(f"could not write {path}")
        written.append(path)
    window.archive_tab.show_due_lists()
    for _ in range(3):
        app.processEvents()
    path = out_dir / "archive_due.png"
    window.grab().save(str(path))
    written.append(path)
    from multiuser_shots import grab_multiuser_screens  # beside this script

    written += grab_multiuser_screens(app, window, demo, out_dir)
    from ledger_shots import grab_ledger_screens  # beside this script

    window.tabs.setCurrentIndex(0)
    written += grab_ledger_screens(app, window, out_dir)
    from quarterly_shots import grab_quarterly_screens  # beside this script

    written += grab_quarterly_screens(app, window, out_dir)
    from admin_shots import grab_admin_screens  # beside this script

    written += grab_admin_screens(app, window, out_dir)
    window.close()
    del translators
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "screenshots"
    for shot in main(target):
        print(shot)
