"""The demo's scripted 半年考核 of the first half of its last year: who was commended,
for what and at which level, who lost points for what, and the 一票否决.

Pure data, in the words of the documents a 人事科 clerk copies into 加减分. The half is
written so the score sheet shows every rule of DESIGN.md §4 at work on ordinary events:

- 办公室 is commended five times (省级, 市级, 县委县政府 and twice 县直部门: 55 points),
  more than the 50 a half may add;
- 稽查大队's case was praised in one 通报 that the 省局 and the 市局 issued together; the
  clerk listed it under both levels, and the one 文号 counts once, at 省级;
- 城区监管所 does well all half (市级 and 县委县政府 commendations), then an incident in its
  辖区 in June brings a 一票否决: near the top of its group, it cannot be 优秀;
- one 国家级 commendation, so every level appears;
- deductions in 党风廉政, 精神文明 and 考勤 of the size such findings carry (2–10 points).
  None empties a category: losing a whole 100-point category would take findings that
  end in a 一票否决 instead, so the engine's 扣完为止 is shown by its worked examples,
  not by the demo.

The tie between two departments of one group straddling a quota line cannot be written
here: it depends on the 督办单 deductions the 查账 follow-up makes after the import, so
`half_year_tie` settles it through the services once they stand.
"""

from __future__ import annotations

from dataclasses import dataclass

from kaohe_desktop.domain.enums import AdjustmentCategory, CommendationLevel

A, L = AdjustmentCategory, CommendationLevel


@dataclass(frozen=True)
class ScriptedAdjustment:
    department: str  # one of catalog.BASE_DEPARTMENTS: every demo bureau has them
    category: AdjustmentCategory
    reason: str
    prefix: str  # of the 文号; {c} is the county's abbreviation (夏)
    month: int  # of the first half, 1–6
    day: int
    deducted: int = 0  # points lost (deductions)
    level: CommendationLevel | None = None  # bonuses
    shared_doc: str = ""  # rows with the same key carry the same 文号 (one document)


S = ScriptedAdjustment

FIRST_HALF: tuple[ScriptedAdjustment, ...] = (
    # 办公室: five commendations, 55 points, above the cap of 50.
    S("办公室", A.BONUS, "被县委县政府评为上年度全县目标管理绩效考核先进单位", "{c}发",
      2, 10, level=L.COUNTY),
    S("办公室", A.BONUS, "被市局评为全市食品药品监管系统政务信息工作先进单位", "德食药监发",
      3, 6, level=L.CITY),
    S("办公室", A.BONUS, "政务信息报送工作被省食品药品监督管理局通报表扬", "鲁食药监办",
      4, 18, level=L.PROVINCIAL),
    S("办公室", A.BONUS, "被县档案馆评为机关档案规范化管理先进单位", "{c}档发",
      5, 12, level=L.COUNTY_DEPARTMENT),
    S("办公室", A.BONUS, "被县直机关工委评为先进基层党组织", "{c}直工发",
      6, 28, level=L.COUNTY_DEPARTMENT),
    # 稽查大队: one joint 通报 of the 省局 and the 市局, listed under both levels.
    S("稽查大队", A.BONUS, "查办的“问题猪肉”案被评为全省食品药品稽查典型案例", "鲁食药监办",
      5, 20, level=L.PROVINCIAL, shared_doc="问题猪肉案"),
    S("稽查大队", A.BONUS, "查办“问题猪肉”案被市局通报表扬（与省局联合发文）", "鲁食药监办",
      5, 20, level=L.CITY, shared_doc="问题猪肉案"),
    S("稽查大队", A.ATTENDANCE, "县委组织部作风纪律暗访发现上班时间脱岗2人次（每人次扣5分）",
      "{c}组通", 4, 9, deducted=10),
    # 城区监管所: a good half, then an incident in its 辖区.
    S("城区监管所", A.BONUS, "在全市餐饮服务食品安全量化分级评比中获第一名", "德食药监发",
      3, 25, level=L.CITY),
    S("城区监管所", A.BONUS, "在县委县政府重点工作督查中获通报表扬", "{c}政办发",
      4, 27, level=L.COUNTY),
    S("城区监管所", A.VETO, "辖区发生较大食品安全事件，被县委县政府通报问责", "{c}发",
      6, 16),
    # The one 国家级 commendation of the year.
    S("药品医疗器械监管科", A.BONUS, "药品不良反应监测工作被国家药品监督管理局通报表扬",
      "国药监药管", 3, 30, level=L.NATIONAL),
    S("药品医疗器械监管科", A.CIVILITY, "办公区域卫生检查不合格", "{c}文明办",
      5, 15, deducted=2),
    S("食品生产监管科", A.BONUS, "被县文明办评为文明科室", "{c}文明办发",
      2, 26, level=L.COUNTY_DEPARTMENT),
    S("食品生产监管科", A.ATTENDANCE, "县纪委明察暗访发现上班时间脱岗1人次", "{c}纪通",
      3, 17, deducted=5),
    S("餐饮服务监管科", A.BONUS, "在全市餐饮服务食品安全示范街创建中成绩突出被市局通报表扬",
      "德食药监发", 6, 8, level=L.CITY),
    S("政策法规科", A.INTEGRITY, "未按要求召开党风廉政建设形势分析会", "{c}食药监发",
      4, 3, deducted=5),
    S("乡镇监管所", A.INTEGRITY, "公务用车使用登记不规范", "{c}纪通", 5, 7, deducted=3),
    S("乡镇监管所", A.BONUS, "被县妇联评为“巾帼文明岗”", "{c}妇字",
      3, 8, level=L.COUNTY_DEPARTMENT),
)  # fmt: skip
