"""Keeping a freshly read quarter out of the garbage collector's way (issue 16).

A county quarter is some 70,000 tracked objects (rows, outcomes, the kept inputs of
services/quarterly/sheet_cache), and they live until another quarter replaces them.
CPython's full collection walks every tracked object; with a few quarters read, one
took 40–150 ms, and reading a quarter set one off about every other time
(bench/bench_grading.py --files county: the gen-2 column, `--gc default` against
`--gc freeze`). After a whole quarter of at least LARGE people is shown,
`keep_long_lived` moves everything alive into the permanent generation (gc.freeze),
which later collections skip: they walk only what was made since.

What it costs: an object frozen here that later becomes part of an unreachable cycle
is not collected (objects freed by reference counting, as rows and sheets are, still
are). The young generations are collected first, so the load's own short-lived cycles
are not frozen; and once CLEAN_AFTER objects have been frozen since, the next call
collects everything first (a full collection then, after a whole read, not in the
middle of typing). A small bureau freezes nothing: its collections are quick anyway.
"""

from __future__ import annotations

import gc

LARGE = 2_000  # rows: a quarter of fewer people is left to the collector as it is
CLEAN_AFTER = 2_000_000  # objects frozen since the last full collection (some 25 reads)


class _Frozen:
    since_clean = 0  # gc.get_freeze_count() right after the last full collection


def keep_long_lived(rows: int) -> None:
    """After a whole quarter of `rows` people is shown."""
    if rows < LARGE:
        return
    if gc.get_freeze_count() - _Frozen.since_clean > CLEAN_AFTER:
        gc.unfreeze()
        gc.collect()
        _Frozen.since_clean = 0
    else:
        gc.collect(1)  # generations 0 and 1: a few milliseconds
    gc.freeze()
    if _Frozen.since_clean == 0:
        _Frozen.since_clean = gc.get_freeze_count()
