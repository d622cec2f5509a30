"""People of the demo bureau: names, posts and ranks as a county bureau in 山东 has them.

Pure data. Surname weights follow the rough frequency in northern 山东, so a roster
of eighty reads like a real one (many 王, 张, 李, 刘, a few rarer names).
"""

from __future__ import annotations

CODE_PREFIX = "XJ"  # 编号 prefix: 夏津

SURNAMES: tuple[tuple[str, int], ...] = (
    ("王", 90),
    ("张", 80),
    ("李", 80),
    ("刘", 70),
    ("赵", 35),
    ("孙", 35),
    ("杨", 30),
    ("陈", 25),
    ("马", 25),
    ("高", 25),
    ("郭", 20),
    ("宋", 20),
    ("徐", 20),
    ("田", 18),
    ("韩", 16),
    ("崔", 16),
    ("董", 15),
    ("魏", 14),
    ("吕", 13),
    ("于", 13),
    ("孟", 12),
    ("冯", 12),
    ("袁", 10),
    ("程", 10),
    ("周", 10),
    ("吴", 10),
    ("许", 10),
    ("朱", 10),
    ("胡", 9),
    ("郑", 9),
    ("邢", 8),
    ("曹", 8),
    ("贾", 8),
    ("侯", 8),
    ("石", 7),
    ("秦", 7),
    ("姜", 7),
    ("耿", 6),
    ("范", 6),
    ("付", 6),
    ("薛", 6),
    ("任", 6),
    ("邵", 5),
    ("丁", 5),
    ("常", 5),
    ("路", 5),
    ("谢", 5),
    ("潘", 4),
    ("翟", 4),
    ("庞", 4),
    ("蔡", 4),
    ("尹", 4),
    ("商", 3),
    ("聂", 3),
    ("闫", 3),
    ("葛", 3),
)

# Given names are built from a first and a second character; a third of people
# have a single-character given name, as is common for the generations born 1967–2003.
MALE_FIRST = (
    "建",
    "志",
    "国",
    "立",
    "洪",
    "振",
    "德",
    "卫",
    "文",
    "明",
    "海",
    "永",
    "长",
    "庆",
    "晓",
    "俊",
    "红",
    "宝",
    "春",
    "云",
    "金",
    "继",
    "兆",
    "传",
    "子",
    "浩",
    "家",
    "新",
)
MALE_SECOND = (
    "军",
    "强",
    "伟",
    "刚",
    "华",
    "平",
    "东",
    "涛",
    "亮",
    "斌",
    "峰",
    "杰",
    "超",
    "鹏",
    "勇",
    "磊",
    "波",
    "林",
    "江",
    "良",
    "成",
    "辉",
    "龙",
    "生",
    "宇",
    "昊",
    "阳",
    "博",
)
FEMALE_FIRST = (
    "秀",
    "丽",
    "晓",
    "春",
    "玉",
    "红",
    "海",
    "慧",
    "雪",
    "静",
    "文",
    "明",
    "婷",
    "佳",
    "雅",
    "亚",
    "丹",
    "晨",
    "梦",
    "欣",
    "思",
    "凤",
    "美",
    "淑",
    "翠",
    "立",
    "月",
    "新",
)
FEMALE_SECOND = (
    "英",
    "芳",
    "娟",
    "敏",
    "霞",
    "燕",
    "玲",
    "丽",
    "艳",
    "萍",
    "红",
    "华",
    "静",
    "洁",
    "琳",
    "颖",
    "璐",
    "倩",
    "蕾",
    "莉",
    "娜",
    "爽",
    "宁",
    "晶",
    "悦",
    "瑶",
    "梅",
    "荣",
)

# 局领导: the first is the 局长, the third the 纪检组长 who talks with the 局长.
LEADER_POSITIONS = ("局长", "副局长", "纪检组长", "副局长", "副局长", "副局长")
# Their own 人员类别: not graded with the staff (QuarterlyRules.ungraded_categories).
LEADER_CATEGORY = "局领导"
CHIEF = "局长"
DEPUTY = "副局长"
DISCIPLINE_SECRETARY = "纪检组长"

# 职级 of people without a leading post (公务员职务与职级并行规定 2019).
SENIOR_RANK = "四级调研员"
SECTION_RANK = "一级主任科员"  # 正科 equivalent: counts as 科级 in the staff categories
PROBATION_RANK = "一级科员"


def head_titles(department: str) -> tuple[str, str]:
    """(head, deputy) titles by how the department's name ends."""
    for suffix, titles in (
        ("办公室", ("主任", "副主任")),
        ("中心", ("主任", "副主任")),
        ("大队", ("大队长", "副大队长")),
        ("中队", ("中队长", "副中队长")),
        ("所", ("所长", "副所长")),
    ):
        if department.endswith(suffix):
            return titles
    return ("科长", "副科长")
