"""Files the clerk asked for (workbooks, PDFs) are written beside their target under a
name of their own and renamed into place only when complete: a failed or cancelled
write never leaves a half file under the chosen name, nor replaces a good one."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def partial_beside(target: Path, suffix: str = ".partial") -> Path:
    """A name beside `target` that no other writer uses: two clerks exporting into one
    shared folder at the same moment must not write into one partial file. The file is
    not created here, so it gets the folder's usual permissions when written."""
    return target.with_name(f"~{target.stem}.{secrets.token_hex(4)}{suffix}")


@contextmanager
def written_beside(target: Path, suffix: str = ".partial") -> Iterator[Path]:
    """Yield the partial path to write; replace `target` with it if the block succeeds.
    The partial is removed whatever happens."""
    partial = partial_beside(target, suffix)
    try:
        yield partial
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
