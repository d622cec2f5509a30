"""The demo bureau's departments and roster.

At the base size (80 staff) this is the nine departments of 夏津县食药监局. A larger
staff gets more departments so that each keeps roughly 8–40 people, the way a
county system grows: more 监管所 named after towns, more 稽查中队, a few more offices.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from itertools import accumulate

from kaohe_desktop.domain.records import DepartmentRecord, PersonRecord
from kaohe_desktop.services.demo._common import cn_number
from kaohe_desktop.services.demo.catalog import (
    BASE_DEPARTMENTS,
    BRANCH,
    EXTRA_OFFICES,
    GRASSROOTS,
    TEAM,
    TOWNSHIPS,
    DepartmentTemplate,
)
from kaohe_desktop.services.demo.catalog_people import (
    DEPUTY,
    FEMALE_FIRST,
    FEMALE_SECOND,
    LEADER_POSITIONS,
    MALE_FIRST,
    MALE_SECOND,
    SURNAMES,
)
from kaohe_desktop.services.demo.roster import Slot, make_person

PEOPLE_PER_DEPARTMENT = 22  # average size when the staff grows beyond one bureau
MIN_STAFF = 20


@dataclass
class Organization:
    departments: list[DepartmentRecord]
    roles: dict[str, str]  # department name → role (see catalog.BASE_DEPARTMENTS)
    people: list[PersonRecord] = field(default_factory=list)
    members: dict[str, list[PersonRecord]] = field(default_factory=dict)
    heads: dict[str, PersonRecord] = field(default_factory=dict)  # department → head
    leaders: list[PersonRecord] = field(default_factory=list)  # the 局长 first
    in_charge: dict[str, str] = field(default_factory=dict)  # department → 分管领导
    ability: dict[str, float] = field(default_factory=dict)  # code → usual score level

    def by_role(self) -> dict[str, list[str]]:
        result: dict[str, list[str]] = {}
        for department in self.departments:
            result.setdefault(self.roles[department.name], []).append(department.name)
        return result

    def leader_named(self, position: str) -> PersonRecord | None:
        return next((p for p in self.leaders if p.position == position), None)


def department_templates(staff: int) -> list[DepartmentTemplate]:
    """The base nine, then further departments until the average size is about 22."""
    count = max(len(BASE_DEPARTMENTS), round(staff / PEOPLE_PER_DEPARTMENT))
    templates = list(BASE_DEPARTMENTS)
    offices = list(EXTRA_OFFICES)
    branch_index = team_index = 0
    for index in range(count - len(templates)):
        if index % 8 == 7:  # one in eight is a 稽查中队
            team_index += 1
            name = f"稽查大队第{cn_number(team_index)}中队"
            templates.append(DepartmentTemplate(name, GRASSROOTS, TEAM, "insp"))
        elif index % 6 == 0 and offices:  # one in six an office, while any are left
            templates.append(offices.pop(0))
        else:  # the rest are 监管所: by town first, then 第二/第三… in each town
            round_no, town = divmod(branch_index, len(TOWNSHIPS))
            ordinal = "" if round_no == 0 else f"第{cn_number(round_no + 1)}"
            name = f"{TOWNSHIPS[town]}{ordinal}监管所"
            templates.append(DepartmentTemplate(name, GRASSROOTS, BRANCH, "branch"))
            branch_index += 1
    return templates


def _sizes(
    rng: random.Random, templates: list[DepartmentTemplate], staff: int, leaders: int
) -> list[int]:
    """Head count per department: weighted, then nudged to sum exactly to `staff`."""
    average = staff / len(templates)
    low = 8 if average >= 12 else max(1, int(average) // 2)
    high = 40
    minimum = [low] * len(templates)
    minimum[0] = max(low, leaders + 2)  # 办公室 holds the 局领导 and its own staff
    weights = [t.weight * rng.uniform(0.75, 1.25) for t in templates]
    total = sum(weights)
    sizes = [
        max(m, min(high, int(staff * w / total))) for m, w in zip(minimum, weights, strict=True)
    ]
    order = list(range(len(templates)))
    while (diff := staff - sum(sizes)) != 0:
        rng.shuffle(order)
        changed = False
        for i in order:
            if diff > 0 and sizes[i] < high:
                sizes[i], diff, changed = sizes[i] + 1, diff - 1, True
            elif diff < 0 and sizes[i] > minimum[i]:
                sizes[i], diff, changed = sizes[i] - 1, diff + 1, True
            if diff == 0:
                break
        if not changed:
            raise ValueError(f"无法把 {staff} 人分配到 {len(templates)} 个科室")
    return sizes


class NameMaker:
    """Chinese names drawn by surname frequency; a third have one-character given names."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.surnames = [s for s, _ in SURNAMES]
        self.cumulative = list(accumulate(w for _, w in SURNAMES))

    def __call__(self, male: bool) -> str:
        rng = self.rng
        surname = rng.choices(self.surnames, cum_weights=self.cumulative)[0]
        first, second = (MALE_FIRST, MALE_SECOND) if male else (FEMALE_FIRST, FEMALE_SECOND)
        if rng.random() < 0.33:
            return surname + rng.choice(second)
        return surname + rng.choice(first) + rng.choice(second)


def build_organization(rng: random.Random, year: int, staff: int) -> Organization:
    if staff < MIN_STAFF:
        raise ValueError(f"演示数据至少需要 {MIN_STAFF} 人，而不是 {staff} 人")
    templates = department_templates(staff)
    leader_count = min(len(LEADER_POSITIONS), max(2, staff // 12))
    sizes = _sizes(rng, templates, staff, leader_count)
    departments = [
        DepartmentRecord(t.name, t.group, t.kind, order)
        for order, t in enumerate(templates, start=1)
    ]
    org = Organization(departments, {t.name: t.role for t in templates})

    # Slots first, so that probation and secondment fall on rank-and-file places only.
    slots: list[Slot] = []
    for template, size in zip(templates, sizes, strict=True):
        ranks = ["leader"] * (leader_count if template is templates[0] else 0)
        deputies = 0 if size - len(ranks) < 5 else 1 if size - len(ranks) < 12 else 2
        ranks += ["head"] + ["deputy"] * deputies
        ranks += ["member"] * (size - len(ranks))
        slots += [Slot(template.name, template.kind, rank, template.role) for rank in ranks]
    members = [i for i, slot in enumerate(slots) if slot.rank == "member"]
    probation = set(rng.sample(members, min(len(members), max(1, round(staff * 0.03)))))
    rest = [i for i in members if i not in probation]
    seconded = set(rng.sample(rest, min(len(rest), max(1, staff // 400))))
    rest = [i for i in rest if i not in seconded]
    senior = set(rng.sample(rest, min(len(rest), max(1, round(staff * 0.02)))))

    names = NameMaker(rng)
    leader_names: set[str] = set()
    width = max(4, len(str(staff)))
    for index, slot in enumerate(slots):
        slot.probation, slot.seconded = index in probation, index in seconded
        slot.senior = index in senior
        if slot.rank == "leader":
            slot.position = LEADER_POSITIONS[len(org.leaders)]
        person = make_person(rng, names, slot, f"{index + 1:0{width}d}", year, leader_names)
        org.people.append(person)
        org.members.setdefault(person.department, []).append(person)
        org.ability[person.code] = rng.gauss(87.0, 3.5)
        if slot.rank == "leader":
            org.leaders.append(person)
            leader_names.add(person.name)
        elif slot.rank == "head":
            org.heads[person.department] = person

    # Each 副局长 is 分管 (in charge of) a share of the departments, in turn.
    deputy_names = [p.name for p in org.leaders if p.position == DEPUTY] or [org.leaders[0].name]
    for i, department in enumerate(departments):
        org.in_charge[department.name] = deputy_names[i % len(deputy_names)]
    return org
