"""One person of the demo roster, made to fit the place (slot) they fill.

A slot says where someone sits (department, 局领导 / head / deputy / rank and
file) and whether they are a recent hire on probation or seconded elsewhere; the
person's age, rank, staff category and key-post flag follow from that.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from kaohe_desktop.domain.enums import DepartmentKind, Gender, PersonStatus, PoliticalStatus
from kaohe_desktop.domain.records import DEFAULT_STAFF_CATEGORIES, PersonRecord
from kaohe_desktop.services.demo.catalog_people import (
    CODE_PREFIX,
    LEADER_CATEGORY,
    PROBATION_RANK,
    SECTION_RANK,
    SENIOR_RANK,
    head_titles,
)

SENIOR, SECTION_OFFICE, SECTION_BRANCH, GENERAL = DEFAULT_STAFF_CATEGORIES

# Chance of a key post (关键岗位) for rank and file, by the department's role:
# enforcement, licensing and money are where the risk is.
KEY_POST_CHANCE = {"insp": 0.3, "law": 0.25, "office": 0.08}


@dataclass
class Slot:
    department: str
    kind: DepartmentKind
    rank: str  # "leader" | "head" | "deputy" | "member"
    role: str = ""
    probation: bool = False
    seconded: bool = False
    senior: bool = False  # holds 四级调研员: a long-serving non-leader in his fifties
    position: str | None = None  # set beforehand for 局领导


def _age(rng: random.Random, slot: Slot) -> int:
    if slot.probation:
        return rng.randint(23, 29)
    if slot.senior:
        return rng.randint(52, 59)
    low, mode, high = {
        "leader": (42, 50, 57),
        "head": (35, 47, 56),
        "deputy": (31, 43, 55),
        "member": (24, 46, 59),
    }[slot.rank]
    return max(23, min(59, round(rng.triangular(low, high, mode))))


def _rank_title(rng: random.Random, age: int) -> str:
    """职级 of rank and file: it follows seniority, which follows age."""
    if age >= 45:
        return rng.choice((SECTION_RANK, "二级主任科员", "二级主任科员"))
    if age >= 36:
        return rng.choice(("三级主任科员", "四级主任科员"))
    if age >= 28:
        return rng.choice(("四级主任科员", PROBATION_RANK))
    return PROBATION_RANK


def _political(rng: random.Random, slot: Slot, age: int) -> PoliticalStatus:
    if slot.rank == "leader" or (slot.rank != "member" and rng.random() < 0.95):
        return PoliticalStatus.CPC_MEMBER
    roll = rng.random()
    if age < 30:
        if roll < 0.45:
            return PoliticalStatus.CPC_MEMBER
        if roll < 0.55:
            return PoliticalStatus.CPC_PROBATIONARY
        return PoliticalStatus.LEAGUE_MEMBER if roll < 0.85 else PoliticalStatus.MASSES
    if roll < 0.68:
        return PoliticalStatus.CPC_MEMBER
    return PoliticalStatus.DEMOCRATIC_PARTY if roll < 0.72 else PoliticalStatus.MASSES


def _category(slot: Slot, position: str) -> str:
    """人员类别: 派出机构科级 only for 科级 people of a 派出机构 (DESIGN.md §3)."""
    if position == SENIOR_RANK:
        return SENIOR
    if slot.rank == "leader":
        return LEADER_CATEGORY
    section_level = slot.rank in ("head", "deputy") or position == SECTION_RANK
    if slot.kind is DepartmentKind.BRANCH and section_level:
        return SECTION_BRANCH
    if slot.rank == "head" or position == SECTION_RANK:
        return SECTION_OFFICE
    return GENERAL


def make_person(
    rng: random.Random,
    names: Callable[[bool], str],
    slot: Slot,
    number: str,
    year: int,
    taken: set[str],
) -> PersonRecord:
    """A person for `slot`; `taken` holds the 局领导's names, which nobody else may share."""
    age = _age(rng, slot)
    male = rng.random() < {"leader": 0.85, "head": 0.75}.get(slot.rank, 0.55)
    name = names(male)
    while name in taken:  # talkers and checkers are told apart by name alone
        name = names(male)
    birth = date(year - age, rng.randint(1, 12), rng.randint(1, 28))
    if slot.probation:  # recruited this year: 参加工作 after graduating, probation of one year
        work_start = date(year, rng.randint(1, 9), 1)
    else:
        start_age = rng.randint(22, min(26, age - 1))
        work_start = date(birth.year + start_age, rng.choice((3, 7, 8, 9, 12)), 1)

    if slot.rank == "leader":
        position = slot.position or "副局长"
    elif slot.rank in ("head", "deputy"):
        head, deputy = head_titles(slot.department)
        position = deputy if slot.rank == "deputy" else head
    else:
        position = PROBATION_RANK if slot.probation else _rank_title(rng, age)
        position = SENIOR_RANK if slot.senior else position

    key_post = slot.rank in ("leader", "head") or (
        slot.rank == "member"
        and not (slot.probation or slot.seconded)
        and rng.random() < KEY_POST_CHANCE.get(slot.role, 0.05)
    )
    if slot.probation:
        status = PersonStatus.PROBATION
    elif slot.seconded:
        status = PersonStatus.SECONDED
    else:
        status = PersonStatus.ACTIVE
    return PersonRecord(
        code=f"{CODE_PREFIX}{number}",
        name=name,
        department=slot.department,
        category=_category(slot, position),
        gender=Gender.MALE if male else Gender.FEMALE,
        birth_date=birth,
        political_status=_political(rng, slot, age),
        position=position,
        key_post=key_post,
        work_start=work_start,
        status=status,
    )
