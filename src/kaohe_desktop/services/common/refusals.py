"""A refusal in the clerk's words: every problem found, in one message.

Services check everything inside the write transaction before changing anything and
refuse with the whole list, so the clerk fixes all of it at once and the file stays as
it was. The message shows the first MAX_SHOWN problems and counts the rest; the error
carries all of them.
"""

from __future__ import annotations

from collections.abc import Sequence

from kaohe_desktop.services.errors import InputError

MAX_SHOWN = 20


def refuse(problems: Sequence[str]) -> None:
    """Raise one InputError naming every problem (nothing has been written)."""
    if not problems:
        return
    shown = list(problems[:MAX_SHOWN])
    if len(problems) > MAX_SHOWN:
        shown.append(f"……另有 {len(problems) - MAX_SHOWN} 处问题")
    raise InputError("\n".join(["未保存：", *shown]), list(problems))
