"""The command signs in like a clerk: the tests' account and password come from the
environment, as a batch script's would."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from tests.factories import PASSWORD


@pytest.fixture(scope="session", autouse=True)
def _signed_in_environment() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KAOHE_USER", "tester")
        patch.setenv("KAOHE_PASSWORD", PASSWORD)
        yield
