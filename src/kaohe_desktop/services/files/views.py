"""Read models handed to the screens: plain, immutable, no ORM rows."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DataFileCheck:
    """Result of the full check of a data file (the `kaohe check` report)."""

    ok: bool
    integrity: tuple[str, ...]  # ("ok",) when sound
    identity_ok: bool  # application_id says this is our file
    schema_version: int
    chain_ok: bool
    chain_text: str  # the audit chain's verdict in Chinese, naming the first broken row
    # Tables, indexes and triggers against what the migrations make for this version.
    schema_ok: bool
    schema_text: str  # the verdict in Chinese
    schema_problems: tuple[str, ...]  # "缺少触发器 …（已关闭期间的锁定：…）", one each
    # Period closes and accounts against the audit log's history of them.
    records_ok: bool
    records_text: str
    records_problems: tuple[str, ...]  # a row deleted, inserted or changed, one each
    # The 佐证材料 store: every file the rows refer to, present and re-hashed; the
    # missing and damaged named by file name and check. `ok` includes it.
    evidence_referenced: int = 0
    evidence_missing: tuple[str, ...] = ()
    evidence_damaged: tuple[str, ...] = ()
    evidence_store_present: bool = True

    @property
    def evidence_ok(self) -> bool:
        return not self.evidence_missing and not self.evidence_damaged

    @property
    def evidence_text(self) -> str:
        total = self.evidence_referenced
        if total == 0:
            return "佐证材料：没有附件"
        if self.evidence_ok:
            return f"佐证材料：{total} 个文件完整"
        if not self.evidence_store_present:
            return f"佐证材料：未找到佐证材料文件夹，登记的 {total} 个文件都无法打开"
        found = [
            f"{label} {len(names)} 处"
            for label, names in (("缺少", self.evidence_missing), ("损坏", self.evidence_damaged))
            if names
        ]
        return f"佐证材料：共 {total} 个文件，{'、'.join(found)}（可从备份恢复）"

    def lines(self, limit: int | None = None) -> list[str]:
        """The findings after the integrity and version lines, in Chinese, problems
        indented under their verdict (the command line and the screen show these);
        `limit` caps the problems listed under each verdict (a message box)."""
        return [
            self.schema_text,
            *_listed(self.schema_problems, limit),
            self.chain_text,
            self.records_text,
            *_listed(self.records_problems, limit),
            self.evidence_text,
            *_listed(tuple(f"缺少 {name}" for name in self.evidence_missing), limit),
            *_listed(tuple(f"损坏 {name}" for name in self.evidence_damaged), limit),
        ]


def _listed(problems: tuple[str, ...], limit: int | None) -> list[str]:
    shown = problems if limit is None else problems[:limit]
    more = len(problems) - len(shown)
    return [f"  {p}" for p in shown] + ([f"  ……另有 {more} 处"] if more else [])
