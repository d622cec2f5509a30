"""domain/leases: when a lease goes stale, who may take it back, and what a clerk reads."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from kaohe_desktop.domain.leases import (
    HEARTBEAT_INTERVAL,
    LEASE_TTL,
    LeaseInfo,
    LeaseState,
    grading_scope,
    may_reclaim,
    person_scope,
)

ACQUIRED = datetime(2026, 5, 6, 9, 5, 0)
BEAT = datetime(2026, 5, 6, 9, 10, 0)


def _info(holder: str = "luru") -> LeaseInfo:
    return LeaseInfo(
        scope=person_scope(12),
        label="张三（P0012）",
        holder=holder,
        holder_name="王录入",
        workstation="RSK-PC07#4312",
        acquired_at=ACQUIRED,
        heartbeat_at=BEAT,
    )


def test_the_numbers() -> None:
    assert HEARTBEAT_INTERVAL.total_seconds() == 20
    assert LEASE_TTL.total_seconds() == 90
    # Several heartbeats may be missed (a busy share) before a lease looks abandoned.
    assert LEASE_TTL >= 4 * HEARTBEAT_INTERVAL


def test_scopes() -> None:
    assert person_scope(12) == "person:12"
    assert grading_scope("2026Q2", 3) == "grading:2026Q2:3"
    assert person_scope(1) != person_scope(11)


@pytest.mark.parametrize(
    ("after", "state"),
    [
        (timedelta(0), LeaseState.ACTIVE),
        (timedelta(seconds=89), LeaseState.ACTIVE),
        (timedelta(seconds=90), LeaseState.ACTIVE),  # exactly the TTL: still alive
        (timedelta(seconds=90, microseconds=1), LeaseState.STALE),
        (timedelta(seconds=91), LeaseState.STALE),
        (timedelta(hours=3), LeaseState.STALE),
        # A workstation whose clock runs behind reports a heartbeat "in the future".
        (timedelta(seconds=-30), LeaseState.ACTIVE),
    ],
)
def test_state_at_the_ttl_boundary(after: timedelta, state: LeaseState) -> None:
    assert _info().state(BEAT + after) is state


def test_only_the_holder_may_reclaim_and_only_a_stale_lease() -> None:
    stale, active = BEAT + timedelta(seconds=91), BEAT + timedelta(seconds=90)
    assert may_reclaim(_info("luru"), "luru", stale)
    assert not may_reclaim(_info("luru"), "luru", active)
    assert not may_reclaim(_info("luru"), "admin", stale)
    assert not may_reclaim(_info("luru"), "admin", active)


def test_an_active_lease_names_holder_workstation_and_start() -> None:
    text = _info().describe(BEAT + timedelta(seconds=30))
    assert (
        text == "“张三（P0012）”正由 王录入（luru，RSK-PC07#4312） 编辑（09:05 起），您只能查看。"
    )


def test_a_stale_lease_says_how_long_it_has_been_silent() -> None:
    text = _info().describe(BEAT + timedelta(minutes=2))
    assert "王录入（luru，RSK-PC07#4312）" in text
    assert "已 120 秒没有心跳" in text
    assert "可由管理员接管" in text
    assert "只能查看" not in text


def test_a_heartbeat_in_the_future_never_shows_a_negative_age() -> None:
    info = _info()
    text = LeaseInfo(
        info.scope,
        info.label,
        info.holder,
        info.holder_name,
        info.workstation,
        info.acquired_at,
        BEAT + timedelta(hours=2),
    ).describe(BEAT)
    assert "-" not in text.split("（")[0]
    assert "正由" in text
