"""Where an output may be written: checked before anything is read or written, so a
typo in a path costs nothing and a refused target never leaves a file behind.

The one place for these refusals: the wall charts, the ranking workbook and its PDF,
and the command line (which checks both of `ranking`'s targets before writing either)
all ask here, in the same words.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from kaohe_desktop.services.errors import InputError


def output_file(out: Path, what: str = "") -> Path:
    """`out` as a file to write: its folder exists and it is not itself a folder."""
    out = Path(out)
    if out.is_dir():
        raise InputError(f"“{out}”是一个文件夹；请指定{what}文件名，未写入任何文件。")
    if not out.parent.is_dir():
        raise InputError(f"文件夹“{out.parent}”不存在，未写入任何文件。")
    return out


def output_files(targets: Sequence[tuple[Path, str]]) -> None:
    """Several files written by one command: each a valid target, no two the same."""
    for out, what in targets:
        output_file(out, what)
    resolved = [Path(out).resolve() for out, _what in targets]
    if len(set(resolved)) < len(resolved):
        names = "和".join(what for _out, what in targets)
        raise InputError(f"{names}不能写到同一个文件；未写入任何文件。")


def output_folder(out: Path) -> Path:
    """`out` as a folder to write into (made if missing, inside an existing folder)."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise InputError(f"“{out}”是一个文件；按科室分别保存时应选择文件夹。")
    if not out.parent.is_dir():
        raise InputError(f"文件夹“{out.parent}”不存在，未写入任何文件。")
    return out
