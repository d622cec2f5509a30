"""The pinyin initials of a name ("zsf" for 张三丰), what the 人员档案 search matches
(domain/person_search.matches), worked out when first asked for — by the first search
typed, not by opening the tab (issue 16: pypinyin takes a tenth of a second to import
and 10,000 names another two tenths).

A pure function of the name, kept per name for the process. Underneath, pypinyin's
own steps: it cuts the name into words (its `seg`: runs of Chinese characters cut at
the phrases it knows, other characters left as they are) and reads each word alone,
so the reading of a word is kept per word, and a county's 10,000 names come down to
a few thousand distinct words, each read once. The result is pypinyin's
`lazy_pinyin(name, style=FIRST_LETTER)`, joined and lower-cased (tests hold the two
equal).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

_BY_NAME: dict[str, str] = {}
_BY_WORD: dict[str, str] = {}
_LOCK = threading.Lock()
_pypinyin: tuple[Callable[[str], list[str]], Callable[[str], str]] | None = None


def _tools() -> tuple[Callable[[str], list[str]], Callable[[str], str]]:
    """pypinyin's word cutter and the initials of one word, imported on first use."""
    global _pypinyin
    with _LOCK:
        if _pypinyin is None:
            from pypinyin import Style, lazy_pinyin
            from pypinyin.core import Pinyin

            def word_initials(word: str) -> str:
                return "".join(lazy_pinyin(word, style=Style.FIRST_LETTER))

            _pypinyin = (Pinyin().seg, word_initials)
        return _pypinyin


def initials(name: str) -> str:
    """The first letter of each character's pinyin, lower case: "zsf" for 张三丰. A
    character of several readings takes its usual one (pypinyin's default: 单 → d);
    letters, digits and marks that are not Chinese stay as they are, lower-cased."""
    found = _BY_NAME.get(name)
    if found is None:
        cut, word_initials = _tools()
        parts = []
        for word in cut(name):
            part = _BY_WORD.get(word)
            if part is None:
                part = _BY_WORD[word] = word_initials(word)
            parts.append(part)
        found = _BY_NAME[name] = "".join(parts).lower()
    return found
