"""A quarter's grading kept up to date as single entries change (issue 16).

`grade_quarter` (domain/grading.py) grades a whole quarter: 0.1 s at 10,000 people,
too slow to repeat for every score typed. `QuarterGrader` keeps what it worked out —
each person's scores, each scope's 好 slots, each category's ranks — and after some
candidates change works out again only what they can change:

- their own scores (综合得分, band);
- the ranks of their staff category (ranks are counted within a category, across
  every scope), and the 全局排名 over everyone scored. That one is kept in order as
  a sorted list of ranking keys, not sorted again: a competition rank is 1 + the
  number of people strictly ahead, so a changed key moves only the ranks of those
  between its old and its new place (everyone after it when someone joins or leaves
  the scored), and only they are counted again (`_rerank_overall`);
- their quota scope's 好 slots (the scope is the bureau or their department). Only
  members whose band is 好 take part in the slots (`grading._Slots`), and a member
  reads from them only their own automatic grade, whether they are tied, and (for a
  manual 好) whether manual 好 stand: the slots are filled again, and only the members
  for whom one of those three changed are worked out again (at 10,000 people a score
  moves a handful of slots, not the 3,000 people above the line).

The rules themselves stay in domain/grading.py: this module only calls its pieces
(`_scores`, `_grade_scope`, `_fill_scope`, `_outcome`, `_ranks`) for fewer people. What
comes out is `grade_quarter`'s answer for the candidates as they now are, outcome
for outcome, in the same order (tests/domain/test_regrading.py holds it to that).

A change may not move someone to another department or staff category: a roster
change is a new grading (the caller grades the quarter again).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from kaohe_desktop.domain.enums import QuarterGrade
from kaohe_desktop.domain.grading import (
    Candidate,
    Grading,
    Outcome,
    QuotaCount,
    _category_ranks,
    _fill_scope,
    _grade_scope,
    _outcome,
    _overall_ranks,
    _quota_size,
    _ranks,
    _scope_key,
    _Scored,
    _scores,
    _Slots,
)
from kaohe_desktop.domain.quarterly_rules import QuarterlyRules

Scope = int | None
Key = tuple[Decimal, Decimal, Decimal]  # grading.ranking_key


class MovedError(ValueError):
    """A changed candidate is in another department or category: grade again."""


class QuarterGrader:
    """grade_quarter's result for `candidates`, and `regrade` after some of them change."""

    def __init__(self, candidates: Iterable[Candidate], rules: QuarterlyRules) -> None:
        # grade_quarter's steps, by the same pieces, keeping what a regrade looks up
        # instead of walking everyone: each person's scores, who is ≥ the 好 line in
        # each scope, who is scored in each category, each scope's slots.
        self.rules = rules
        self._candidates = {c.person_id: c for c in candidates}
        self._scored: dict[int, _Scored] = {}
        self._good: defaultdict[Scope, dict[int, _Scored]] = defaultdict(dict)
        self._by_category: defaultdict[str, set[int]] = defaultdict(set)
        scopes: defaultdict[Scope, list[Candidate]] = defaultdict(list)
        for c in self._candidates.values():
            scope = _scope_key(c, rules)
            scopes[scope].append(c)
            s = _scores(c, rules) if c.participant else None
            if s is not None:
                self._scored[c.person_id] = s
                self._by_category[c.category].add(c.person_id)
                if s.band is QuarterGrade.GOOD:
                    self._good[scope][c.person_id] = s
        if not scopes:
            scopes[None] = []
        self._ranks = _ranks(self._scored.values())
        self._overall = _overall_ranks(self._scored.values())
        # Everyone scored in ranking order (with the person id only to find an entry),
        # and their keys alone, for the 全局排名 of a regrade.
        self._order = sorted((s.key, pid) for pid, s in self._scored.items())
        self._keys = [key for key, _pid in self._order]
        self._outcomes: dict[int, Outcome] = {}
        self._quotas: dict[Scope, QuotaCount] = {}
        self._slots: dict[Scope, _Slots] = {}
        for scope in sorted(scopes, key=_scope_order):
            outcomes, count, slots = _grade_scope(
                scopes[scope], self._scored, self._ranks, rules, scope, self._overall
            )
            self._outcomes.update((o.person_id, o) for o in outcomes)
            self._quotas[scope] = count
            self._slots[scope] = slots

    def grading(self) -> Grading:
        """The quarter as grade_quarter grades it now (a copy: later regrades leave it)."""
        quotas = tuple(self._quotas[k] for k in sorted(self._quotas, key=_scope_order))
        return Grading(dict(self._outcomes), quotas, self.rules.quota_scope)

    def outcome(self, person_id: int) -> Outcome:
        return self._outcomes[person_id]

    def regrade(self, changed: Iterable[Candidate]) -> set[int]:
        """Take the changed candidates (the same people, departments and categories)
        and grade again what they can change. Returns whose outcome changed."""
        rules = self.rules
        fresh = list(changed)
        for c in fresh:  # all checked before anything is taken
            old = self._candidates.get(c.person_id)
            if old is None or (old.department_id, old.category) != (c.department_id, c.category):
                raise MovedError(c.person_id)
        scopes: set[Scope] = set()
        categories: set[str] = set()
        moved_keys: list[Key] = []  # every key taken out of or put into the order
        joined_or_left = False  # someone became scored or unscored
        for c in fresh:
            pid, scope = c.person_id, _scope_key(c, rules)
            old = self._candidates[pid]
            self._candidates[pid] = c
            before = self._scored.pop(pid, None)
            if before is not None:
                self._take_out(before.key, pid)
                moved_keys.append(before.key)
            self._good[scope].pop(pid, None)
            self._by_category[c.category].discard(pid)
            self._ranks.pop(pid, None)
            s = _scores(c, rules) if c.participant else None
            if s is not None:
                self._scored[pid] = s
                self._by_category[c.category].add(pid)
                if s.band is QuarterGrade.GOOD:
                    self._good[scope][pid] = s
                self._put_in(s.key, pid)
                moved_keys.append(s.key)
            else:
                self._overall.pop(pid, None)
            joined_or_left |= (before is None) != (s is None)
            if old.participant != c.participant:
                quota = self._quotas[scope]
                participants = quota.participants + (1 if c.participant else -1)
                self._quotas[scope] = QuotaCount(
                    scope, participants, _quota_size(participants, rules), quota.used
                )
            scopes.add(scope)
            categories.add(c.category)
        shifted: set[int] = set()
        if moved_keys:
            shifted = self._rerank_overall(min(moved_keys), max(moved_keys), joined_or_left)
        return self._regrade({c.person_id for c in fresh}, scopes, categories, shifted)

    def _take_out(self, key: Key, pid: int) -> None:
        at = bisect_left(self._order, (key, pid))
        del self._order[at]
        del self._keys[at]

    def _put_in(self, key: Key, pid: int) -> None:
        at = bisect_left(self._order, (key, pid))
        self._order.insert(at, (key, pid))
        self._keys.insert(at, key)

    def _rerank_overall(self, lo: Key, hi: Key, to_the_end: bool) -> set[int]:
        """The 全局排名 of everyone whose key lies from `lo` to `hi` (to the end when
        someone joined or left the scored): ahead of `lo` nobody's count of people
        ahead changed, and past `hi` each key taken out was put back in ahead of them.
        Competition ranks as grading._category_ranks: 1 + how many are strictly ahead.
        Returns who now has another 全局排名 than their outcome shows."""
        keys, order, overall = self._keys, self._order, self._overall
        start = bisect_left(keys, lo)
        end = len(keys) if to_the_end else bisect_right(keys, hi)
        outcomes = self._outcomes
        moved: set[int] = set()
        rank = start + 1  # everyone before `start` is strictly ahead
        for at in range(start, end):
            if at > start and keys[at] != keys[at - 1]:
                rank = at + 1
            pid = order[at][1]
            overall[pid] = rank
            if outcomes[pid].overall_rank != rank:
                moved.add(pid)
        return moved

    def _regrade(
        self, people: set[int], scopes: set[Scope], categories: set[str], shifted: set[int]
    ) -> set[int]:
        """Work out again `people`, who moved in their category's ranks and whom their
        scope's slots moved; `shifted` moved in the 全局排名 (`_rerank_overall`)."""
        again = set(people)
        for category in categories:
            members = self._by_category[category]
            ranks = _category_ranks(self._scored[pid] for pid in members)
            again.update(pid for pid in members if self._outcomes[pid].rank != ranks[pid])
            self._ranks.update(ranks)
        for scope in scopes:
            good = self._good[scope]
            old = self._slots[scope]
            new = self._slots[scope] = _fill_scope(good.values(), self._quotas[scope].quota)
            # A member reads the slots only through these (grading._outcome): whether
            # manual 好 stand (if theirs is one), their automatic grade, a tie flag.
            if new.manual_ok != old.manual_ok:
                again.update(
                    pid for pid, s in good.items() if s.candidate.override is QuarterGrade.GOOD
                )
            again.update(
                pid for pid in old.auto.keys() | new.auto.keys()
                if old.auto.get(pid) != new.auto.get(pid)
            )  # fmt: skip
            again.update(old.tied ^ new.tied)
        rules = self.rules
        moved: set[int] = set()
        used: defaultdict[Scope, int] = defaultdict(int)
        for pid in again:
            c = self._candidates[pid]
            scope = _scope_key(c, rules)
            before = self._outcomes[pid]
            after = _outcome(
                c,
                self._scored.get(pid),
                self._slots[scope],
                self._ranks.get(pid),
                self._overall.get(pid),
            )
            if after != before:
                self._outcomes[pid] = after
                moved.add(pid)
                used[scope] += (after.grade is QuarterGrade.GOOD) - (
                    before.grade is QuarterGrade.GOOD
                )
        for scope, delta in used.items():
            if delta:
                q = self._quotas[scope]
                self._quotas[scope] = QuotaCount(scope, q.participants, q.quota, q.used + delta)
        # Moved in the 全局排名 alone: the outcome they had with the new rank, not worked
        # out again (a new score shifts thousands of places; their grades stay).
        overall, outcomes = self._overall, self._outcomes
        for pid in shifted - again:
            b = outcomes[pid]
            outcomes[pid] = Outcome(
                b.person_id, b.status, b.performance_total, b.composite, b.band, b.grade,
                b.rank, b.flag, b.overridden, overall[pid],
            )  # fmt: skip
            moved.add(pid)
        return moved


def _scope_order(scope: Scope) -> int:
    """grade_quarter's order of the quota lines: the bureau, then departments by id."""
    return -1 if scope is None else scope
