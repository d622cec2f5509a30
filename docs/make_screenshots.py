"""Screenshots of the four tabs on the demo data, in Chinese, for year 2026.

    QT_QPA_PLATFORM=offscreen python docs/make_screenshots.py [OUT_DIR]

Writes ledger.png, quarterly.png, scoring.png and archive.png (1400×860) to
docs/screenshots/ unless OUT_DIR is given. The demo is generated in a temporary
folder, never in the user's own data folder, and settings go to a temporary INI.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

YEAR = 2026
SIZE = (1400, 860)
TABS = ("ledger", "quarterly", "scoring", "archive")


def main(out_dir: Path) -> list[Path]:
    scratch = Path(tempfile.mkdtemp(prefix="kaohe-shots-"))
    # The demo is recognised by its place in the per-user folder: put that folder here.
    os.environ["XDG_DATA_HOME"] = str(scratch / "user-data")
    os.environ["LOCALAPPDATA"] = str(scratch / "user-data")

    from kaohe_desktop.app import demo_file_path
    from kaohe_desktop.services.workspace import create_workspace, open_workspace
    from kaohe_desktop.ui.i18n import install_translators
    from kaohe_desktop.ui.main_window import MainWindow
    from kaohe_desktop.ui.settings import Settings

    app = QApplication.instance() or QApplication(sys.argv[:1])
    translators = install_translators(app, "zh_CN")
    demo = demo_file_path()
    demo.parent.mkdir(parents=True, exist_ok=True)
    create_workspace(demo, demo=True).close()

    window = MainWindow(Settings.at(scratch / "settings.ini"))
    window.resize(*SIZE)
    window.show()
    window.set_workspace(open_workspace(demo), demo=True)
    window.set_year(YEAR)

    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for index, name in enumerate(TABS):
        window.tabs.setCurrentIndex(index)
        for _ in range(3):
            app.processEvents()
        path = out_dir / f"{name}.png"
        if not window.grab().save(str(path)):
            raise SystemExit(f"could not write {path}")
        written.append(path)
    window.close()
    del translators
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "screenshots"
    for shot in main(target):
        print(shot)
