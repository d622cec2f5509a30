"""SQLite URIs for local, drive-letter and UNC paths."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote


def sqlite_uri(path: str | os.PathLike[str], mode: str) -> str:
    """`file:` URI with an explicit mode.

    mode=rw never creates a file, so a data file deleted underneath us is not
    silently replaced by an empty one. UNC paths (\\\\server\\share) keep an empty
    authority ("file:////server/share/…") because SQLite refuses a host name.
    """
    posix = Path(os.path.abspath(path)).as_posix()
    prefix = "file://" if posix.startswith("/") else "file:///"
    return f"{prefix}{quote(posix, safe='/:')}?mode={mode}"
