"""Edit leases: one editor at a time for whole sheets (a department's quarterly
grading, one person's record).

A holder proves it is alive by a heartbeat. A lease whose heartbeat is older than
LEASE_TTL is stale: its workstation crashed, slept or lost the share. Workstation
clocks are compared, so the TTL is generous against the skew of a Windows domain.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

HEARTBEAT_INTERVAL = timedelta(seconds=20)
LEASE_TTL = timedelta(seconds=90)


class LeaseState(StrEnum):
    ACTIVE = "active"
    STALE = "stale"


def person_scope(person_id: int) -> str:
    return f"person:{person_id}"


def grading_scope(quarter: str, department_id: int) -> str:
    return f"grading:{quarter}:{department_id}"


def check_scope(period: str, department_id: int) -> str:
    """查账 of one department in one period (a quarter or a month)."""
    return f"checks:{period}:{department_id}"


def scoring_scope(half: str) -> str:
    """半年考核 entries (加减分, 一票否决) of one half year ("2026H1"), all departments:
    the half's ranks and grades depend on every department, so one clerk edits it."""
    return f"scoring:{half}"


def archive_scope(person_id: int) -> str:
    """One person's 奖惩 and 谈心谈话 records (their archive), apart from the person's
    own record so a clerk adding a talk does not block one correcting a birth date."""
    return f"archive:{person_id}"


def annual_scope(year: int) -> str:
    """年度考核 decisions of one year, everyone: the 优秀 quota is shared by all."""
    return f"annual:{year}"


@dataclass(frozen=True)
class LeaseInfo:
    """Who holds a scope, seen from another workstation."""

    scope: str
    label: str
    holder: str
    holder_name: str
    workstation: str
    acquired_at: datetime
    heartbeat_at: datetime

    def state(self, now: datetime) -> LeaseState:
        return LeaseState.STALE if now - self.heartbeat_at > LEASE_TTL else LeaseState.ACTIVE

    def describe(self, now: datetime) -> str:
        age = max(0, int((now - self.heartbeat_at).total_seconds()))
        who = f"{self.holder_name}（{self.holder}，{self.workstation}）"
        if self.state(now) is LeaseState.STALE:
            return (
                f"“{self.label}”的编辑锁由 {who} 持有，但已 {age} 秒没有心跳，"
                "可能是那台电脑已断开。可由管理员接管。"
            )
        return f"“{self.label}”正由 {who} 编辑（{self.acquired_at:%H:%M} 起），您只能查看。"


def may_reclaim(info: LeaseInfo, username: str, now: datetime) -> bool:
    """The holder's own account may take back its own stale lease (after a crash)."""
    return info.holder == username and info.state(now) is LeaseState.STALE
