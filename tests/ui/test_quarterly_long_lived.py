"""ui/quarterly/long_lived (issue 16): a county quarter's read model is moved out of the
collector's way once shown; a small bureau's is left alone; and frozen objects are
collected again once many have piled up."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from kaohe_desktop.ui.quarterly import long_lived


@pytest.fixture(autouse=True)
def _unfrozen() -> Iterator[None]:
    gc.unfreeze()
    long_lived._Frozen.since_clean = 0
    yield
    gc.unfreeze()
    long_lived._Frozen.since_clean = 0


def test_a_small_quarter_freezes_nothing() -> None:
    long_lived.keep_long_lived(long_lived.LARGE - 1)
    assert gc.get_freeze_count() == 0


def test_a_large_quarter_is_frozen_and_a_pile_is_collected(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    long_lived.keep_long_lived(long_lived.LARGE)
    frozen = gc.get_freeze_count()
    assert frozen > 0
    assert long_lived._Frozen.since_clean == frozen
    monkeypatch.setattr(long_lived, "CLEAN_AFTER", -1)  # as if 2,000,000 had piled up
    collected: list[int] = []
    gc.callbacks.append(lambda phase, info: collected.append(info["generation"]))
    try:
        long_lived.keep_long_lived(long_lived.LARGE)
    finally:
        gc.callbacks.pop()
    assert 2 in collected  # unfrozen and collected whole, then frozen again
    assert gc.get_freeze_count() > 0
