"""The program's own log: where technical detail goes instead of the clerk's screen.

Python prints what it does not know where else to put on stderr, in English: a
`logging.warning` with no handler configured ("refused … (not logged in the file)"),
a library's `warnings.warn`, an exception raised while a half-written file is cleaned
up. On the command line that is the clerk's screen. `technical_log()` sends all three
to a log file for as long as the command runs; the clerk reads only the Chinese the
command prints, and whoever supports the clerk finds the detail in the file.

The file is `KAOHE_LOG_FILE` if set, else kaohe.log in the per-user application folder.
It is created on the first record only, and a log that cannot be written is given up
silently: failing to log must never become an English traceback of its own.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kaohe_desktop.app import portable_log_file

LOG_ENVIRONMENT = "KAOHE_LOG_FILE"
_FORMAT = "%(asctime)s %(process)d %(name)s %(levelname)s %(message)s"

log = logging.getLogger(__name__)


def log_file_path() -> Path:
    chosen = os.environ.get(LOG_ENVIRONMENT)
    if chosen:
        return Path(chosen)
    portable = portable_log_file()  # 数据\kaohe.log beside a portable program
    if portable is not None:
        return portable
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA")
        base = Path(local) if local else Path.home() / "AppData" / "Local"
        return base / "考核台账" / "kaohe.log"
    state = os.environ.get("XDG_STATE_HOME")
    base = Path(state) if state else Path.home() / ".local" / "state"
    return base / "kaohe" / "kaohe.log"


class _QuietFileHandler(logging.FileHandler):
    def __init__(self, path: Path) -> None:
        super().__init__(path, encoding="utf-8", delay=True)

    def emit(self, record: logging.LogRecord) -> None:
        if self.stream is None:  # the first record: make the folder, then the file
            try:
                Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
            except OSError:
                return
        super().emit(record)

    def handleError(self, record: logging.LogRecord) -> None:
        """Not logged; and, above all, nothing printed about it."""


def _log_unraisable(unraisable: Any) -> None:
    # e.g. openpyxl's write-only sheet, closed after its file could not be written.
    value = unraisable.exc_value
    log.warning(
        "%s: %r",
        unraisable.err_msg or "Exception ignored in",
        unraisable.object,
        exc_info=(unraisable.exc_type, value, unraisable.exc_traceback) if value else None,
    )


@contextmanager
def technical_log() -> Iterator[Path]:
    """Log records, warnings and unraisable exceptions go to the log file (whose path
    is yielded), not to stderr, until the block ends."""
    path = log_file_path()
    handler = _QuietFileHandler(path)
    handler.setFormatter(logging.Formatter(_FORMAT))
    root = logging.getLogger()
    root.addHandler(handler)
    showwarning = warnings.showwarning
    logging.captureWarnings(True)
    previous_hook = sys.unraisablehook
    sys.unraisablehook = _log_unraisable
    try:
        yield path
    finally:
        # Objects a failed command left behind are finalised now, while their complaints
        # still go to the log, and not at interpreter exit onto the clerk's screen.
        gc.collect()
        sys.unraisablehook = previous_hook
        logging.captureWarnings(False)
        warnings.showwarning = showwarning
        root.removeHandler(handler)
        handler.close()
