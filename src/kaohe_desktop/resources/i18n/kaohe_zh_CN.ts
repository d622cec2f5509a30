<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AccountFormDialog</name>
    <message>
        <source>New account</source>
        <translation>新增账号</translation>
    </message>
    <message>
        <source>Edit account</source>
        <translation>修改账号</translation>
    </message>
    <message>
        <source>e.g. 张三 (defaults to the account name)</source>
        <translation>例如：张三（不填则与账号相同）</translation>
    </message>
    <message>
        <source>Account name:</source>
        <translation>账号：</translation>
    </message>
    <message>
        <source>Display name:</source>
        <translation>显示名：</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <source>Account may sign in</source>
        <translation>允许此账号登录</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Repeat password:</source>
        <translation>确认密码：</translation>
    </message>
</context>
<context>
    <name>AccountForms</name>
    <message>
        <source>The two passwords do not match. Type them again.</source>
        <translation>两次输入的密码不一致，请重新输入。</translation>
    </message>
    <message>
        <source>At least 8 characters, mixing letters with digits or other characters.</source>
        <translation>至少 8 个字符，须同时包含字母和数字（或其他字符）。</translation>
    </message>
</context>
<context>
    <name>AccountTableModel</name>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>显示名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Locked until {0}</source>
        <translation>锁定至 {0}</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>正常</translation>
    </message>
</context>
<context>
    <name>AccountsDialog</name>
    <message>
        <source>Accounts</source>
        <translation>账号管理</translation>
    </message>
    <message>
        <source>Each colleague signs in with their own account; the role decides what they may do. Locked accounts (too many wrong passwords) unlock by themselves after 15 minutes, or here at once.</source>
        <translation>每位同事用自己的账号登录，角色决定其可做的操作。因连续输错密码而锁定的账号会在 15 分钟后自动解锁，也可在此立即解锁。</translation>
    </message>
    <message>
        <source>The data file is read-only.</source>
        <translation>数据文件为只读。</translation>
    </message>
    <message>
        <source>New account…</source>
        <translation>新增账号…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>重设密码…</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
</context>
<context>
    <name>ActionRefusal</name>
    <message>
        <source>Open a data file first</source>
        <translation>请先打开数据文件</translation>
    </message>
    <message>
        <source>The data file is open read-only: {0}</source>
        <translation>数据文件以只读方式打开：{0}</translation>
    </message>
</context>
<context>
    <name>ActualDelegate</name>
    <message>
        <source>What was done; Enter saves</source>
        <translation>填写实际完成情况，回车保存</translation>
    </message>
</context>
<context>
    <name>AddCategoryDialog</name>
    <message>
        <source>New staff category</source>
        <translation>新增人员类别</translation>
    </message>
    <message>
        <source>e.g. bureau leaders</source>
        <translation>例如：局领导</translation>
    </message>
</context>
<context>
    <name>AddDepartmentDialog</name>
    <message>
        <source>New department</source>
        <translation>新增科室</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>组别</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
</context>
<context>
    <name>AddNameDialog</name>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
</context>
<context>
    <name>AdjustmentDialog</name>
    <message>
        <source>Edit points</source>
        <translation>修改加减分</translation>
    </message>
    <message>
        <source>Add points</source>
        <translation>加减分</translation>
    </message>
    <message>
        <source>Type a number, e.g. 5 or 2.5</source>
        <translation>请填写数字，如 5 或 2.5</translation>
    </message>
    <message>
        <source>The points cannot be 0</source>
        <translation>分值不能为 0</translation>
    </message>
    <message>
        <source>Type the points to take off, e.g. 5</source>
        <translation>请填写扣除的分数，如 5</translation>
    </message>
    <message>
        <source>Deducted from {0} (full marks {1}); it stops at 0.</source>
        <translation>从{0}（满分 {1}）中扣除，扣完为止。</translation>
    </message>
    <message>
        <source>Takes {0} points off {1}.</source>
        <translation>将从{1}扣除 {0} 分。</translation>
    </message>
    <message>
        <source>Choose the level: each level has its value; the half's bonus is at most {0}.</source>
        <translation>请选择级别：按级别计分，本半年加分合计不超过 {0} 分。</translation>
    </message>
    <message>
        <source>Counts {0} points ({1}); the same document no. counts once, at its highest level; the half's bonus is at most {2}.</source>
        <translation>按{1}计 {0} 分；同一文号只按最高级别计一次；本半年加分合计不超过 {2} 分。</translation>
    </message>
</context>
<context>
    <name>AdminActions</name>
    <message>
        <source>&amp;Basic data (departments)…</source>
        <translation>基础数据（科室）(&amp;B)…</translation>
    </message>
    <message>
        <source>Basic data (staff ca&amp;tegories)…</source>
        <translation>基础数据（人员类别）(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Close periods…</source>
        <translation>期间关闭(&amp;C)…</translation>
    </message>
    <message>
        <source>Assessment &amp;schemes…</source>
        <translation>考核方案(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Backups and restore…</source>
        <translation>备份与恢复(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Accounts…</source>
        <translation>账号管理(&amp;A)…</translation>
    </message>
    <message>
        <source>Audit &amp;log…</source>
        <translation>操作日志(&amp;L)…</translation>
    </message>
    <message>
        <source>Change my &amp;password…</source>
        <translation>修改我的密码(&amp;P)…</translation>
    </message>
    <message>
        <source>S&amp;witch account…</source>
        <translation>切换账号(&amp;W)…</translation>
    </message>
    <message>
        <source>&amp;Move to a database server…</source>
        <translation>迁移到数据库服务器(&amp;M)…</translation>
    </message>
    <message>
        <source>Your role ({0}) may not: {1}</source>
        <translation>您的角色（{0}）无权：{1}</translation>
    </message>
    <message>
        <source>The data is already on a database server</source>
        <translation>数据已在数据库服务器上</translation>
    </message>
    <message>
        <source>Open the data file to move first</source>
        <translation>请先打开要迁移的数据文件</translation>
    </message>
    <message>
        <source>Edit person</source>
        <translation>编辑人员信息</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>The backup was restored into a new file:
{0}
Open it now?</source>
        <translation>备份已恢复为新文件：
{0}
现在打开吗？</translation>
    </message>
</context>
<context>
    <name>AnnualActions</name>
    <message>
        <source>Recommend 优秀</source>
        <translation>推荐优秀</translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation>取消推荐</translation>
    </message>
    <message>
        <source>Set grade…</source>
        <translation>设定等次…</translation>
    </message>
    <message>
        <source>Note…</source>
        <translation>备注…</translation>
    </message>
    <message>
        <source>Close the year…</source>
        <translation>关闭本年度…</translation>
    </message>
    <message>
        <source>Reopen…</source>
        <translation>重新开放…</translation>
    </message>
    <message>
        <source>Export workbook…</source>
        <translation>导出年度考核表…</translation>
    </message>
    <message>
        <source>Print registration forms…</source>
        <translation>打印考核登记表…</translation>
    </message>
    <message>
        <source>Print 优秀 notice…</source>
        <translation>打印优秀公示…</translation>
    </message>
    <message>
        <source>Open a data file first</source>
        <translation>请先打开数据文件</translation>
    </message>
    <message>
        <source>Nobody to assess this year</source>
        <translation>本年度没有需要考核的人员</translation>
    </message>
    <message>
        <source>Select a person first</source>
        <translation>请先选择人员</translation>
    </message>
    <message>
        <source>Recommend the selected person for 优秀 (Ctrl+E)</source>
        <translation>推荐所选人员为优秀（Ctrl+E）</translation>
    </message>
    <message>
        <source>The 优秀 quota is full: withdraw another recommendation first</source>
        <translation>优秀名额已满：请先取消其他人的推荐</translation>
    </message>
    <message>
        <source>{0} is not recommended</source>
        <translation>{0}未被推荐为优秀</translation>
    </message>
    <message>
        <source>Withdraw the 优秀 recommendation (Ctrl+Shift+E)</source>
        <translation>取消优秀推荐（Ctrl+Shift+E）</translation>
    </message>
    <message>
        <source>称职 / 基本称职 / 不称职 / 不参加 by hand, with a reason (Ctrl+G)</source>
        <translation>手工设定称职 / 基本称职 / 不称职 / 不参加，并填写理由（Ctrl+G）</translation>
    </message>
    <message>
        <source>A note printed in 备注 (F2)</source>
        <translation>填写备注，打印在“备注”栏（F2）</translation>
    </message>
    <message>
        <source>Write the annual workbook (sheets 年度考核 and 名额)</source>
        <translation>导出年度考核表（含“年度考核”“名额”两个工作表）</translation>
    </message>
    <message>
        <source>公务员年度考核登记表 as PDF: everyone, a department or one person</source>
        <translation>生成公务员年度考核登记表 PDF：全体、一个科室或一人</translation>
    </message>
    <message>
        <source>Nobody is recommended for 优秀 yet</source>
        <translation>还没有推荐优秀人选</translation>
    </message>
    <message>
        <source>The 优秀 notice (公示) as PDF: names, departments and the posting dates</source>
        <translation>生成优秀等次拟推荐人选公示 PDF：姓名、科室和公示期</translation>
    </message>
    <message>
        <source>{0} is closed</source>
        <translation>{0}已关闭</translation>
    </message>
    <message>
        <source>Store every grade of the year and lock it</source>
        <translation>保存本年度每个人的等次并锁定</translation>
    </message>
    <message>
        <source>{0} people still keep the year from closing; press to list them</source>
        <translation>还有 {0} 人的问题未处理，本年度暂不能关闭；点击查看名单</translation>
    </message>
    <message>
        <source>The year is open</source>
        <translation>本年度未关闭</translation>
    </message>
    <message>
        <source>Reopen the closed year (with a reason)</source>
        <translation>重新开放已关闭的年度（须填写理由）</translation>
    </message>
    <message>
        <source>Your role ({0}) may not close the year; a reviewer or an administrator can.</source>
        <translation>您的角色（{0}）不能关闭年度，请由审核人或管理员关闭。</translation>
    </message>
    <message>
        <source>Only an administrator can reopen a year (your role: {0}).</source>
        <translation>只有管理员可以重新开放年度（您的角色：{0}）。</translation>
    </message>
    <message>
        <source>Your role ({0}) may view the annual assessment but not change it.</source>
        <translation>您的角色（{0}）只能查看年度考核，不能修改。</translation>
    </message>
</context>
<context>
    <name>AnnualBanners</name>
    <message>
        <source>Reopen…</source>
        <translation>重新开放…</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Take over</source>
        <translation>接管</translation>
    </message>
</context>
<context>
    <name>AnnualCommands</name>
    <message>
        <source>Recommend 优秀</source>
        <translation>推荐优秀</translation>
    </message>
    <message>
        <source>Withdraw the 优秀 recommendation</source>
        <translation>取消优秀推荐</translation>
    </message>
    <message>
        <source>Set the annual grade</source>
        <translation>设定年度等次</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>AnnualDialog</name>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>AnnualGradeDialog</name>
    <message>
        <source>Set the annual grade</source>
        <translation>设定年度等次</translation>
    </message>
    <message>
        <source>Person:</source>
        <translation>人员：</translation>
    </message>
    <message>
        <source>Grade now:</source>
        <translation>当前等次：</translation>
    </message>
    <message>
        <source>The usual grade; no reason needed.</source>
        <translation>一般情况下的等次，不需填写理由。</translation>
    </message>
    <message>
        <source>Needs a reason.</source>
        <translation>须填写理由。</translation>
    </message>
    <message>
        <source>Needs a reason. Not counted among those assessed: the 优秀 quota is worked out without them.</source>
        <translation>须填写理由。不计入参加考核人数，优秀名额按其余人员计算。</translation>
    </message>
    <message>
        <source>Restore the default</source>
        <translation>恢复默认</translation>
    </message>
    <message>
        <source>Clears the grade set by hand: 称职, or 优秀 when recommended.</source>
        <translation>清除手工设定的等次：恢复为称职（已推荐优秀的为优秀）。</translation>
    </message>
    <message>
        <source>Grade set by hand</source>
        <translation>手工设定等次</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>理由：</translation>
    </message>
    <message>
        <source>No grade is set by hand.</source>
        <translation>没有手工设定的等次。</translation>
    </message>
    <message>
        <source> (set by hand: {0})</source>
        <translation>（手工设定：{0}）</translation>
    </message>
    <message>
        <source> (recommended for 优秀)</source>
        <translation>（已推荐优秀）</translation>
    </message>
    <message>
        <source>{0} is 不定等次 this year ({1}): only 不参加 can be set.</source>
        <translation>{0}本年度不定等次（{1}），只能设为不参加。</translation>
    </message>
    <message>
        <source>{0} does not take part this year ({1}).</source>
        <translation>{0}本年度不参加考核（{1}）。</translation>
    </message>
    <message>
        <source>Choose a grade, or restore the default.</source>
        <translation>请选择等次，或恢复默认。</translation>
    </message>
    <message>
        <source>Required: why, e.g. the committee's decision and its date</source>
        <translation>必填：理由，如经考核委员会研究决定及日期</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>可不填</translation>
    </message>
    <message>
        <source>{0} is recommended for 优秀: a grade set by hand replaces it.</source>
        <translation>{0}已被推荐为优秀：手工设定等次后将取消该推荐。</translation>
    </message>
</context>
<context>
    <name>AnnualGrid</name>
    <message>
        <source>Search 编号, 姓名 or 科室</source>
        <translation>搜索编号、姓名或科室</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Qualify for 优秀</source>
        <translation>有优秀资格</translation>
    </message>
    <message>
        <source>Recommended for 优秀</source>
        <translation>已推荐优秀</translation>
    </message>
    <message>
        <source>不定等次 · 不参加</source>
        <translation>不定等次·不参加</translation>
    </message>
    <message>
        <source>To settle (flagged)</source>
        <translation>需处理</translation>
    </message>
    <message>
        <source>Which people the list shows</source>
        <translation>名单显示哪些人员</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
</context>
<context>
    <name>AnnualNoteDialog</name>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Printed in 备注 of the workbook and the form</source>
        <translation>打印在年度考核表和登记表的“备注”中</translation>
    </message>
    <message>
        <source>Person:</source>
        <translation>人员：</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <source>Leave it empty to remove the note.</source>
        <translation>清空即删除备注。</translation>
    </message>
</context>
<context>
    <name>AnnualOutputs</name>
    <message>
        <source>Export the annual workbook</source>
        <translation>导出年度考核表</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Print registration forms</source>
        <translation>打印考核登记表</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Print the 优秀 notice</source>
        <translation>打印优秀公示</translation>
    </message>
    <message>
        <source>Saved to:
{0}</source>
        <translation>已保存到：
{0}</translation>
    </message>
    <message>
        <source>Writing {0}…</source>
        <translation>正在生成 {0}…</translation>
    </message>
</context>
<context>
    <name>AnnualSchemeLine</name>
    <message>
        <source>Change the share…</source>
        <translation>修改比例…</translation>
    </message>
    <message>
        <source>Scheme details</source>
        <translation>方案详情</translation>
    </message>
    <message>
        <source>the year's own rules</source>
        <translation>本年度已定的方案</translation>
    </message>
    <message>
        <source>rules of the latest scheme, kept for the year at its first decision</source>
        <translation>沿用最近的方案，本年度首次推荐或定等次时固定</translation>
    </message>
    <message>
        <source>Scheme: {0} ({1})</source>
        <translation>考核方案：{0}（{1}）</translation>
    </message>
    <message>
        <source>The 优秀 share of the year: 20% as a rule, 15% or 25% with a reason</source>
        <translation>本年度优秀比例：一般为 20%，15% 或 25% 须注明依据</translation>
    </message>
</context>
<context>
    <name>AnnualTab</name>
    <message>
        <source>Choose the year in the year box at the top</source>
        <translation>在窗口上方的年度框中选择年度</translation>
    </message>
    <message>
        <source>{0} annual assessment</source>
        <translation>{0}考核</translation>
    </message>
    <message>
        <source>Nobody is on the annual list of {0}: it lists everyone assigned to a department during the year. Add people under Manage → People, or fill in the 人员 sheet of the template and import it with File → Import workbook.</source>
        <translation>{0}考核名单中没有人员：名单包括年内在各科室任职的所有人员。请在“管理 → 人员”中添加人员，或填写模板的“人员”工作表，再用“文件 → 导入工作簿”导入。</translation>
    </message>
    <message>
        <source>{0} has no quarterly grades yet. The annual assessment fills in from the quarters: enter and grade the 平时考核 of each quarter in the Quarterly assessment tab, and everyone's 好次数, 优秀资格 and 限制情形 appear here.</source>
        <translation>{0}还没有任何季度的平时考核等次。年度考核由各季度结果生成：请在“季度考核”页录入并评定各季度的平时考核，每个人的好次数、优秀资格和限制情形就会显示在这里。</translation>
    </message>
    <message>
        <source>{0} people ({1})</source>
        <translation>共 {0} 人（{1}）</translation>
    </message>
    <message>
        <source>{0} of {1} shown</source>
        <translation>显示 {0} / {1} 人</translation>
    </message>
    <message>
        <source>{0} has no quarterly grades yet</source>
        <translation>{0}还没有平时考核等次</translation>
    </message>
</context>
<context>
    <name>AnnualTableModel</name>
    <message>
        <source>Q1</source>
        <translation>一季度</translation>
    </message>
    <message>
        <source>Q2</source>
        <translation>二季度</translation>
    </message>
    <message>
        <source>Q3</source>
        <translation>三季度</translation>
    </message>
    <message>
        <source>Q4</source>
        <translation>四季度</translation>
    </message>
    <message>
        <source>The quarter's 平时考核 grade: as stored by its close, or as its grid stands while it is open</source>
        <translation>该季度的平时考核等次：已关闭的季度为关闭时保存的等次，未关闭的为当前评定结果</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Order of the list: by department, then 编号</source>
        <translation>名单顺序：按科室，再按编号</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>科室</translation>
    </message>
    <message>
        <source>Post and rank</source>
        <translation>职务职级</translation>
    </message>
    <message>
        <source>好 count</source>
        <translation>好次数</translation>
    </message>
    <message>
        <source>How many of the year's graded quarters were 好</source>
        <translation>本年度已评定等次的季度中“好”的次数</translation>
    </message>
    <message>
        <source>Qualifies for 优秀</source>
        <translation>优秀资格</translation>
    </message>
    <message>
        <source>好 in at least half of the graded quarters, no 一般 or 较差, and no 警告, 诫勉 or 调整职务 in the year</source>
        <translation>已评定的季度中“好”不少于一半，且无“一般”“较差”；当年无警告、诫勉、调整职务</translation>
    </message>
    <message>
        <source>Limits</source>
        <translation>限制情形</translation>
    </message>
    <message>
        <source>What bars 优秀, in words; for 不定等次 and 不参加, the reason</source>
        <translation>不能评为优秀的原因；不定等次和不参加的人员为其原因</translation>
    </message>
    <message>
        <source>Proposed grade</source>
        <translation>推荐等次</translation>
    </message>
    <message>
        <source>优秀 when recommended, or the grade set by hand; empty: 称职 by default</source>
        <translation>已推荐的为优秀，或手工设定的等次；空白表示默认称职</translation>
    </message>
    <message>
        <source>Annual grade</source>
        <translation>年度等次</translation>
    </message>
    <message>
        <source>The grade as it stands now (as stored, once closed)</source>
        <translation>当前的年度等次（年度关闭后为保存的等次）</translation>
    </message>
    <message>
        <source>Reason / note</source>
        <translation>理由/备注</translation>
    </message>
    <message>
        <source>Flag</source>
        <translation>标记</translation>
    </message>
    <message>
        <source>What must be settled before the year can be closed</source>
        <translation>关闭本年度前必须处理的问题</translation>
    </message>
    <message>
        <source>Recommended for 优秀 within the quota</source>
        <translation>在名额内推荐为优秀</translation>
    </message>
    <message>
        <source>Set by hand: {0}</source>
        <translation>手工设定：{0}</translation>
    </message>
    <message>
        <source>Nothing decided: 称职 by default</source>
        <translation>未作决定：默认称职</translation>
    </message>
    <message>
        <source>Reason: {0}</source>
        <translation>理由：{0}</translation>
    </message>
    <message>
        <source>Note: {0}</source>
        <translation>备注：{0}</translation>
    </message>
</context>
<context>
    <name>AnnualTexts</name>
    <message>
        <source>The annual assessment of {0} was closed by {1} on {2}: every grade is stored and read-only.</source>
        <translation>{0}考核已由 {1} 于 {2} 关闭：各人等次已保存，只能查看。</translation>
    </message>
    <message>
        <source>Note: {0}</source>
        <translation>说明：{0}</translation>
    </message>
    <message>
        <source>The annual assessment of {0} is closed: every grade is read-only.</source>
        <translation>{0}考核已关闭：各人等次只能查看。</translation>
    </message>
    <message>
        <source>You can reopen it with a reason.</source>
        <translation>您可以填写理由后重新开放。</translation>
    </message>
    <message>
        <source>Draft: {0} not closed yet. Their grades are read as the quarter's grid shows them now and may still change; close them in the Quarterly assessment tab (closing the year also stores them).</source>
        <translation>草稿：{0}尚未关闭。这些季度的等次按平时考核当前的评定结果显示，仍可能变化；请在“季度考核”页关闭（关闭本年度时也会一并保存）。</translation>
    </message>
    <message>
        <source>Nothing can be changed: the data file is open read-only ({0}).</source>
        <translation>不能修改：数据文件以只读方式打开（{0}）。</translation>
    </message>
    <message>
        <source>Your role ({0}) may view the annual assessment but not change it.</source>
        <translation>您的角色（{0}）只能查看年度考核，不能修改。</translation>
    </message>
    <message>
        <source>{0} is recommended for 优秀 already.</source>
        <translation>{0}已被推荐为优秀。</translation>
    </message>
    <message>
        <source>优秀 quota {0} · recommended {1} · left {2}</source>
        <translation>优秀名额 {0} · 已推荐 {1} · 剩余 {2}</translation>
    </message>
    <message>
        <source>{0} people assessed ({1} 不定等次 and {2} 不参加 not counted)</source>
        <translation>参加考核 {0} 人（不定等次 {1} 人、不参加 {2} 人不计入）</translation>
    </message>
    <message>
        <source>优秀 quota = ⌊{0} × {1}⌋ = {2}: at most {1} of those assessed, rounded down</source>
        <translation>优秀名额 = ⌊{0} × {1}⌋ = {2}：不超过参加考核人数的 {1}，向下取整</translation>
    </message>
</context>
<context>
    <name>ArchiveActions</name>
    <message>
        <source>Add commendation or discipline…</source>
        <translation>新增奖惩…</translation>
    </message>
    <message>
        <source>Add talk…</source>
        <translation>新增谈话…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>This person's archive…</source>
        <translation>打印本人档案…</translation>
    </message>
    <message>
        <source>Archives of the whole department…</source>
        <translation>打印本科室全部人员档案…</translation>
    </message>
    <message>
        <source>Print archive…</source>
        <translation>打印档案…</translation>
    </message>
    <message>
        <source>Edit person…</source>
        <translation>修改人员信息…</translation>
    </message>
    <message>
        <source>Open a data file first</source>
        <translation>请先打开数据文件</translation>
    </message>
    <message>
        <source>Select a person on the left first</source>
        <translation>请先在左侧选择人员</translation>
    </message>
    <message>
        <source>Record a commendation (奖励) or a discipline (处分·组织处理) (Ctrl+J)</source>
        <translation>登记奖励或处分·组织处理（Ctrl+J）</translation>
    </message>
    <message>
        <source>Record a talk with this person (Ctrl+T)</source>
        <translation>登记与此人的谈话（Ctrl+T）</translation>
    </message>
    <message>
        <source>Choose a row on the 奖惩 or 谈心谈话 page first</source>
        <translation>请先在“奖惩”或“谈心谈话”页选中一条记录</translation>
    </message>
    <message>
        <source>Change the chosen record (F2)</source>
        <translation>修改选中的记录（F2）</translation>
    </message>
    <message>
        <source>Delete the chosen record (Del)</source>
        <translation>删除选中的记录（Del）</translation>
    </message>
    <message>
        <source>Your role may not print</source>
        <translation>您的角色不能打印</translation>
    </message>
    <message>
        <source>Print the archive as a PDF</source>
        <translation>将人员档案打印为 PDF</translation>
    </message>
    <message>
        <source>This person's archive as a PDF (Ctrl+P)</source>
        <translation>将本人档案保存为 PDF（Ctrl+P）</translation>
    </message>
    <message>
        <source>The archives of everyone in {0}, one section each</source>
        <translation>{0}全部人员的档案，每人一节</translation>
    </message>
    <message>
        <source>View person…</source>
        <translation>查看人员信息…</translation>
    </message>
    <message>
        <source>Edit this person's record (name, department, post…); one clerk at a time</source>
        <translation>修改此人的人员信息（姓名、科室、职务等）；同一时间只能一人修改</translation>
    </message>
    <message>
        <source>Read this person's record</source>
        <translation>查看此人的人员信息</translation>
    </message>
</context>
<context>
    <name>ArchiveAnnualModel</name>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等次</translation>
    </message>
    <message>
        <source>Quarters 好</source>
        <translation>好次数</translation>
    </message>
    <message>
        <source>Eligible for 优秀</source>
        <translation>优秀资格</translation>
    </message>
    <message>
        <source>Limits</source>
        <translation>限制情形</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>ArchiveCommands</name>
    <message>
        <source>Personnel archive</source>
        <translation>人员档案</translation>
    </message>
    <message>
        <source>Delete record</source>
        <translation>删除记录</translation>
    </message>
    <message>
        <source>Delete the {0} of {1}?
{2}</source>
        <translation>删除 {1} 的“{0}”记录吗？
{2}</translation>
    </message>
    <message>
        <source>Delete the {0} of {1} held by {2}?</source>
        <translation>删除 {1} 由 {2} 进行的“{0}”记录吗？</translation>
    </message>
    <message>
        <source>Print archive</source>
        <translation>打印档案</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Saved to:
{0}

{1} archives, {2} pages.</source>
        <translation>已保存到：
{0}

共 {1} 人的档案，{2} 页。</translation>
    </message>
    <message>
        <source>Writing {0}…</source>
        <translation>正在生成 {0}…</translation>
    </message>
</context>
<context>
    <name>ArchiveCommentModel</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>分值</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>点评内容</translation>
    </message>
</context>
<context>
    <name>ArchiveHeader</name>
    <message>
        <source>Principal officer (党政正职)</source>
        <translation>党政正职</translation>
    </message>
    <message>
        <source>Key post (关键岗位)</source>
        <translation>关键岗位</translation>
    </message>
    <message>
        <source>No person selected</source>
        <translation>未选择人员</translation>
    </message>
    <message>
        <source>Out of service: {0}</source>
        <translation>已不在岗：{0}</translation>
    </message>
</context>
<context>
    <name>ArchiveQuarterModel</name>
    <message>
        <source>Quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>科室</translation>
    </message>
    <message>
        <source>Performance</source>
        <translation>实绩分</translation>
    </message>
    <message>
        <source>Leaders' rating</source>
        <translation>领导测评分</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>点评</translation>
    </message>
    <message>
        <source>Composite</source>
        <translation>综合得分</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等次</translation>
    </message>
    <message>
        <source>Rank in category</source>
        <translation>类别内排名</translation>
    </message>
    <message>
        <source>Rank among {0}</source>
        <translation>在“{0}”中的排名</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Not graded</source>
        <translation>不定等次</translation>
    </message>
    <message>
        <source>Not graded: {0}</source>
        <translation>不定等次：{0}</translation>
    </message>
    <message>
        <source>Grade set by hand: {0}</source>
        <translation>等次调整：{0}</translation>
    </message>
    <message>
        <source>No score entered</source>
        <translation>未录入得分</translation>
    </message>
    <message>
        <source>Quarter not closed yet</source>
        <translation>季度未关闭</translation>
    </message>
</context>
<context>
    <name>ArchiveRecordDialog</name>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Still to fill in or correct: {0}</source>
        <translation>尚需填写或更正：{0}</translation>
    </message>
    <message>
        <source>Correct the marked fields to save.</source>
        <translation>请更正标红的内容后保存。</translation>
    </message>
    <message>
        <source>Not saved: {0}</source>
        <translation>未保存：{0}</translation>
    </message>
</context>
<context>
    <name>ArchiveRewardModel</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Discipline</source>
        <translation>处分·组织处理</translation>
    </message>
    <message>
        <source>Commendation</source>
        <translation>奖励</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Document no.</source>
        <translation>文号</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>事由</translation>
    </message>
    <message>
        <source>Impact until</source>
        <translation>影响期至</translation>
    </message>
    <message>
        <source>Effect on the annual grade</source>
        <translation>对年度考核的影响</translation>
    </message>
</context>
<context>
    <name>ArchiveSections</name>
    <message>
        <source>Departments served in (任职科室经历), oldest first</source>
        <translation>任职科室经历（按时间先后）</translation>
    </message>
    <message>
        <source>Basic details</source>
        <translation>基本情况</translation>
    </message>
    <message>
        <source>Quarterly assessment</source>
        <translation>平时考核</translation>
    </message>
    <message>
        <source>Annual assessment</source>
        <translation>年度考核</translation>
    </message>
    <message>
        <source>Commendations and discipline</source>
        <translation>奖惩</translation>
    </message>
    <message>
        <source>Talks</source>
        <translation>谈心谈话</translation>
    </message>
    <message>
        <source>Comments (点评)</source>
        <translation>点评</translation>
    </message>
    <message>
        <source>No quarterly assessment for this person yet. Scores are entered in the 季度考核 tab (or imported from the 平时考核 sheet).</source>
        <translation>此人还没有平时考核记录。得分在“季度考核”页录入（或从工作簿的“平时考核”表导入）。</translation>
    </message>
    <message>
        <source>No annual assessment yet. A year appears here once its quarters are assessed; its grade is decided in the 年度考核 tab.</source>
        <translation>还没有年度考核结果。某年度的季度考核有结果后会在此显示，年度等次在“年度考核”页签中确定。</translation>
    </message>
    <message>
        <source>No commendation or discipline recorded. Add one with “Add commendation or discipline…” (Ctrl+J) above, or import the 奖励 and 处分 sheets.</source>
        <translation>没有奖惩记录。可点上方“新增奖惩…”（Ctrl+J）登记，或从工作簿的“奖励”“处分”表导入。</translation>
    </message>
    <message>
        <source>No talk recorded. Add one with “Add talk…” (Ctrl+T) above, or import the 谈心谈话 sheet.</source>
        <translation>没有谈话记录。可点上方“新增谈话…”（Ctrl+T）登记，或从工作簿的“谈心谈话”表导入。</translation>
    </message>
    <message>
        <source>No 点评 for this person. 点评 are entered in the 季度考核 tab.</source>
        <translation>此人没有点评记录。点评在“季度考核”页录入。</translation>
    </message>
</context>
<context>
    <name>ArchiveSession</name>
    <message>
        <source>Select a person first.</source>
        <translation>请先选择人员。</translation>
    </message>
    <message>
        <source>Nothing can be entered: the data file is open read-only ({0}).</source>
        <translation>不能录入：数据文件以只读方式打开（{0}）。</translation>
    </message>
    <message>
        <source>Your role ({0}) may read the archive but not add or change its records.</source>
        <translation>您的角色（{0}）可以查看人员档案，但不能新增或修改其中的记录。</translation>
    </message>
</context>
<context>
    <name>ArchiveStintModel</name>
    <message>
        <source>to date</source>
        <translation>至今</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>科室</translation>
    </message>
    <message>
        <source>From</source>
        <translation>起</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>止</translation>
    </message>
</context>
<context>
    <name>ArchiveTab</name>
    <message>
        <source>Archive</source>
        <translation>个人档案</translation>
    </message>
    <message>
        <source>Due lists</source>
        <translation>待办清单</translation>
    </message>
    <message>
        <source>Who is short of talks, which special talks and rotations are due</source>
        <translation>谈心谈话不足、应进行的专项谈话和应交流轮岗的人员</translation>
    </message>
    <message>
        <source>There are no people yet. Fill in the 科室 and 人员 sheets of the template and import it with File → Import workbook.</source>
        <translation>还没有人员。请在模板的“科室”和“人员”表中填写后，通过 文件 → 导入工作簿 导入。</translation>
    </message>
    <message>
        <source>The archive could not be read: {0}</source>
        <translation>无法读取人员档案：{0}</translation>
    </message>
    <message>
        <source>Nobody matches “{0}”. Type part of a code or a name, the pinyin initials of a name (zs for 张三), a department or a status, or clear the search box.</source>
        <translation>没有符合“{0}”的人员。可输入编号或姓名的一部分、姓名拼音首字母（zs 即张三）、科室或状态，或清空搜索框。</translation>
    </message>
    <message>
        <source>Select a person on the left to see their archive.</source>
        <translation>请在左侧选择人员，查看其档案。</translation>
    </message>
    <message>
        <source>Due lists ({0} overdue)</source>
        <translation>待办清单（{0} 项逾期）</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Take over</source>
        <translation>接管</translation>
    </message>
</context>
<context>
    <name>ArchiveTalkModel</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Talker</source>
        <translation>谈话人</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>内容摘要</translation>
    </message>
</context>
<context>
    <name>AuditEntryTableModel</name>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>The entry's place in the chain</source>
        <translation>该条记录在日志链中的位置</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变更内容</translation>
    </message>
</context>
<context>
    <name>AuditLogDialog</name>
    <message>
        <source>Audit log</source>
        <translation>操作日志</translation>
    </message>
    <message>
        <source>Checking the log's chain…</source>
        <translation>正在校验日志链…</translation>
    </message>
    <message>
        <source>Name, code, task or department</source>
        <translation>姓名、编号、任务或科室</translation>
    </message>
    <message>
        <source>Shows the entries whose record names these words: a person's name or code, a task, a department, a period</source>
        <translation>只显示“记录”一栏含有这些字的条目：人员姓名或编号、任务、科室、期间</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>To</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Read the log again and check its chain again</source>
        <translation>重新读取日志，并再次校验日志链</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>账号：</translation>
    </message>
    <message>
        <source>Object:</source>
        <translation>对象：</translation>
    </message>
    <message>
        <source>Find:</source>
        <translation>查找：</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Reading the log…</source>
        <translation>正在读取日志…</translation>
    </message>
    <message>
        <source>Reading cancelled; the table may be out of date.</source>
        <translation>已取消读取，表中内容可能不是最新的。</translation>
    </message>
    <message>
        <source>The log's chain was not checked. Press Refresh to check it.</source>
        <translation>尚未校验日志链。请点击“刷新”进行校验。</translation>
    </message>
    <message>
        <source>The log could not be read.</source>
        <translation>无法读取日志。</translation>
    </message>
    <message>
        <source>Showing the newest {0} entries only. Narrow the filter (account, object, dates) to see older ones.</source>
        <translation>仅显示最新的 {0} 条记录。如需查看更早的记录，请缩小筛选范围（账号、对象、日期）。</translation>
    </message>
    <message>
        <source>Entries shown: {0}</source>
        <translation>显示 {0} 条记录</translation>
    </message>
    <message>
        <source>The log has no entries yet.</source>
        <translation>日志中还没有记录。</translation>
    </message>
    <message>
        <source>No entry's record names “{0}”. Check the spelling, or clear the Find box and choose “All” to see every entry.</source>
        <translation>没有哪一条的记录含有“{0}”。请检查字词，或清空查找框并选择“全部”查看所有条目。</translation>
    </message>
    <message>
        <source>No log entries match this filter. Choose “All” or widen the dates to see more.</source>
        <translation>没有符合筛选条件的日志记录。请选择“全部”或放宽日期范围。</translation>
    </message>
</context>
<context>
    <name>AuditSummary</name>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Before:</source>
        <translation>修改前：</translation>
    </message>
    <message>
        <source>After:</source>
        <translation>修改后：</translation>
    </message>
    <message>
        <source>workbook SHA-256 {0}…</source>
        <translation>工作簿 SHA-256 {0}…</translation>
    </message>
    <message>
        <source>{0} and others, {1} people in all</source>
        <translation>{0}等 {1} 人</translation>
    </message>
    <message>
        <source>ids {0}</source>
        <translation>记录号 {0}</translation>
    </message>
    <message>
        <source>Imported {0} {1} rows (ids {2}–{3})</source>
        <translation>导入 {0} {1} 条（记录号 {2}–{3}）</translation>
    </message>
    <message>
        <source>Added {0} {1} rows (ids {2}–{3})</source>
        <translation>新增 {0} {1} 条（记录号 {2}–{3}）</translation>
    </message>
    <message>
        <source>each row's digest recorded</source>
        <translation>每条的校验值已记下</translation>
    </message>
    <message>
        <source>Close of {0} stored {1} of {2} people</source>
        <translation>关闭{0}：保存 {2} 人的{1}</translation>
    </message>
    <message>
        <source>Import changed {0} {1} rows: {2}</source>
        <translation>导入修改 {0} {1} 条：{2}</translation>
    </message>
    <message>
        <source>Changed {0} {1} rows: {2}</source>
        <translation>修改 {0} {1} 条：{2}</translation>
    </message>
    <message>
        <source>{0}: added {1}, updated {2}, unchanged {3}</source>
        <translation>{0}：新增 {1}，更新 {2}，未变 {3}</translation>
    </message>
    <message>
        <source>Workbook {0} (SHA-256 {1}…)</source>
        <translation>工作簿 {0}（SHA-256 {1}…）</translation>
    </message>
    <message>
        <source>No workbook recorded</source>
        <translation>未记下工作簿（程序生成或未经工作簿的数据）</translation>
    </message>
    <message>
        <source>… and {0} more rows</source>
        <translation>……另有 {0} 条</translation>
    </message>
</context>
<context>
    <name>BackupTableModel</name>
    <message>
        <source>Taken at</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Bureau</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
</context>
<context>
    <name>BackupsDialog</name>
    <message>
        <source>Backups</source>
        <translation>备份与恢复</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>更改…</translation>
    </message>
    <message>
        <source>Use default</source>
        <translation>恢复默认</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>备份文件夹</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Restore the selected backup…</source>
        <translation>从所选备份恢复…</translation>
    </message>
    <message>
        <source>An automatic backup is made at the first opening of each day (14 daily and 12 monthly ones are kept). A restore writes a new file; the open file is backed up first and never overwritten.</source>
        <translation>每天第一次打开数据文件时自动备份一次（保留最近 14 份每日备份和 12 份每月备份）。恢复时写入一个新文件；当前打开的文件会先备份，且绝不会被覆盖。</translation>
    </message>
    <message>
        <source>Backups of {0} (server database {1}, id {2}). Backups of other databases in this folder, even of the same name, are not listed.</source>
        <translation>以下是{0}的备份（服务器数据库 {1}，标识 {2}）。同一文件夹中其他数据库的备份（即使名称相同）不会列出。</translation>
    </message>
    <message>
        <source>Backups of {0} (data file {1}, file id {2}). Backups of other data files in this folder, even of the same name, are not listed.</source>
        <translation>以下是{0}的备份（数据文件 {1}，文件标识 {2}）。同一文件夹中其他数据文件的备份（即使文件名相同）不会列出。</translation>
    </message>
    <message>
        <source>Only an administrator can change the folder or restore a backup.</source>
        <translation>只有管理员可以更改备份文件夹或恢复备份。</translation>
    </message>
    <message>
        <source>Backup written to:
{0}</source>
        <translation>备份已写入：
{0}</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>Restore the backup of {0} into a new file</source>
        <translation>将{0}的备份恢复为新文件</translation>
    </message>
    <message>
        <source>Kaohe data files (*.kaohe)</source>
        <translation>考核台账数据文件 (*.kaohe)</translation>
    </message>
    <message>
        <source>“{0}” already exists. A restore only writes a new file.</source>
        <translation>“{0}”已存在。恢复只会写入新文件。</translation>
    </message>
    <message>
        <source>The backup of {0} taken {1} was restored into:
{2}
The open data file was not changed.</source>
        <translation>{0} {1} 的备份已恢复到：
{2}
当前打开的数据文件没有改动。</translation>
    </message>
    <message>
        <source>Restoring the backup…</source>
        <translation>正在恢复备份…</translation>
    </message>
    <message>
        <source>Evidence files (佐证材料): {0} newly copied, {1} in all.</source>
        <translation>佐证材料：新复制 {0} 个文件，共 {1} 个。</translation>
    </message>
    <message>
        <source>Evidence files (佐证材料): none attached yet.</source>
        <translation>佐证材料：尚无附件，无需复制。</translation>
    </message>
</context>
<context>
    <name>BlockersDialog</name>
    <message>
        <source>The quarter cannot be closed yet. {0} people are not graded or wait for a decision:</source>
        <translation>本季度还不能关闭，以下 {0} 人尚未评出等次或有待处理：</translation>
    </message>
    <message>
        <source>Enter the missing scores; for “并列超出名额” set 好 by hand within the quota and confirm 较好 for the others, or correct a score. Then close again.</source>
        <translation>请补录缺少的分数；对“并列超出名额”的人员，在名额内人工定为好，其余人员确认为较好，或更正录错的分数。处理完后再关闭。</translation>
    </message>
    <message>
        <source>Show only these people</source>
        <translation>只显示这些人员</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>BulletinActions</name>
    <message>
        <source>Generate bulletin</source>
        <translation>生成通报</translation>
    </message>
    <message>
        <source>Print bulletin</source>
        <translation>打印通报</translation>
    </message>
    <message>
        <source>Regenerate bulletin</source>
        <translation>重新生成通报</translation>
    </message>
    <message>
        <source>Make edition {0} of {1} from the checks as they are now?</source>
        <translation>按当前查账记录重新生成{1}的第 {0} 版？</translation>
    </message>
    <message>
        <source>Edition {0} of {1} stays stored and can still be printed as it was.</source>
        <translation>{1}生成的第 {0} 版仍然保留，可以原样打印。</translation>
    </message>
</context>
<context>
    <name>CategoriesDialog</name>
    <message>
        <source>Basic data — staff categories</source>
        <translation>基础数据 — 人员类别</translation>
    </message>
    <message>
        <source>Each person belongs to one staff category; people are ranked within their category, and the ranking workbook has one sheet per category in this order. Add a category such as 局领导 here before importing its people. A category that an assessment scheme lists as not graded cannot be renamed: the schemes name it by its text, and a new name would have its people graded. A category that has people cannot be deleted.</source>
        <translation>每名人员属于一个人员类别，平时考核在类别内排名，排名表按下列顺序每个类别一张工作表。如有局领导等单独考核的人员，请先在这里新增类别，再导入这些人员。在考核方案中列为不参加平时考核的类别不能改名：考核方案按名称记着它，改名后该类别的人员就会被当作参加平时考核。仍有人员的类别不能删除。</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>改名…</translation>
    </message>
    <message>
        <source>Your role ({0}) may view staff categories but not change them.</source>
        <translation>您的角色（{0}）只能查看人员类别，不能修改。</translation>
    </message>
    <message>
        <source>An assessment scheme lists it as not graded: it cannot be renamed.</source>
        <translation>考核方案中列为不参加平时考核，不能改名（点“改名…”查看原因）。</translation>
    </message>
    <message>
        <source>{0} people are of it: it cannot be deleted.</source>
        <translation>仍有 {0} 名人员属于该类别，不能删除。</translation>
    </message>
    <message>
        <source>An assessment scheme lists it as not graded: it cannot be deleted.</source>
        <translation>考核方案中列为不参加平时考核，不能删除。</translation>
    </message>
    <message>
        <source>Delete the staff category “{0}”? This cannot be undone.</source>
        <translation>删除人员类别“{0}”？删除后无法恢复。</translation>
    </message>
</context>
<context>
    <name>CategoryFilter</name>
    <message>
        <source>Show only routine or only key tasks</source>
        <translation>只显示常规工作或重点工作</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
</context>
<context>
    <name>CategoryTableModel</name>
    <message>
        <source>Graded</source>
        <translation>参加</translation>
    </message>
    <message>
        <source>Not graded</source>
        <translation>不参加</translation>
    </message>
    <message>
        <source>Staff category</source>
        <translation>人员类别</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>排序</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Every person record of it, including people who left</source>
        <translation>该类别的全部人员记录，含已调离、退休等已离开的人员</translation>
    </message>
    <message>
        <source>Quarterly assessment {0}</source>
        <translation>{0} 平时考核</translation>
    </message>
    <message>
        <source>Named by schemes</source>
        <translation>考核方案中的设置</translation>
    </message>
    <message>
        <source>{0}: not graded</source>
        <translation>{0} 列为不参加</translation>
    </message>
    <message>
        <source>{0} etc. ({1} quarters): not graded</source>
        <translation>{0} 等 {1} 个季度列为不参加</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>Account: {0}</source>
        <translation>账号：{0}</translation>
    </message>
    <message>
        <source>Current password:</source>
        <translation>当前密码：</translation>
    </message>
    <message>
        <source>New password:</source>
        <translation>新密码：</translation>
    </message>
    <message>
        <source>Repeat new password:</source>
        <translation>确认新密码：</translation>
    </message>
    <message>
        <source>The data file is read-only; the password cannot be changed now.</source>
        <translation>数据文件为只读，现在无法修改密码。</translation>
    </message>
</context>
<context>
    <name>CheckCommands</name>
    <message>
        <source>Copy previous period</source>
        <translation>从上期复制</translation>
    </message>
    <message>
        <source>{0} checks of the previous period were copied as drafts (grey, “（草稿）”). Look them over and confirm them: a draft does not count.</source>
        <translation>已将上期 {0} 条查账记录复制为草稿（灰色，标“（草稿）”）。请逐条核对后确认：草稿不计入本期结果。</translation>
    </message>
    <message>
        <source>Nothing to copy: the previous period has no confirmed checks for the rows still empty here.</source>
        <translation>没有可复制的记录：本期尚未录入的各项在上期没有已确认的查账记录。</translation>
    </message>
    <message>
        <source>Confirm drafts</source>
        <translation>确认草稿</translation>
    </message>
    <message>
        <source>Confirm {0} drafts at {1}?</source>
        <translation>确认{1}的 {0} 条草稿？</translation>
    </message>
    <message>
        <source>Confirmed checks count for the period as entered by you today.</source>
        <translation>确认后作为本期结果，核查人记为您、核查日期记为今天。</translation>
    </message>
    <message>
        <source>Set status</source>
        <translation>设置完成情况</translation>
    </message>
    <message>
        <source>Status at {0} for the {1} selected rows:</source>
        <translation>所选 {1} 项的{0}完成情况：</translation>
    </message>
    <message>
        <source>Issue notice</source>
        <translation>下达督办单</translation>
    </message>
    <message>
        <source>Check settings</source>
        <translation>查账设置</translation>
    </message>
</context>
<context>
    <name>CheckFilters</name>
    <message>
        <source>Search no., task or department</source>
        <translation>搜索序号、工作任务或科室</translation>
    </message>
    <message>
        <source>Department:</source>
        <translation>科室：</translation>
    </message>
    <message>
        <source>Result:</source>
        <translation>认定结果：</translation>
    </message>
    <message>
        <source>Level:</source>
        <translation>层级：</translation>
    </message>
</context>
<context>
    <name>CheckOutputs</name>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Evidence (*.pdf *.jpg *.jpeg *.png *.gif *.bmp *.tif *.tiff *.doc *.docx *.xls *.xlsx *.wps *.et *.dps *.ofd);;All files (*)</source>
        <translation>佐证材料 (*.pdf *.jpg *.jpeg *.png *.gif *.bmp *.tif *.tiff *.doc *.docx *.xls *.xlsx *.wps *.et *.dps *.ofd);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Writing {0}…</source>
        <translation>正在生成 {0}…</translation>
    </message>
    <message>
        <source>Saved to:
{0}</source>
        <translation>已保存到：
{0}</translation>
    </message>
</context>
<context>
    <name>CheckSession</name>
    <message>
        <source>{0} is closed: the checks can only be read.</source>
        <translation>{0}已关闭：查账记录只能查看。</translation>
    </message>
    <message>
        <source>An administrator can reopen it under Manage → Close periods…</source>
        <translation>管理员可在“管理 → 期间关闭…”中重新开放。</translation>
    </message>
    <message>
        <source>Checks cannot be entered: the data file is open read-only ({0}).</source>
        <translation>不能录入查账：数据文件以只读方式打开（{0}）。</translation>
    </message>
    <message>
        <source>Your role ({0}) may read the checks but not record them.</source>
        <translation>您的角色（{0}）可以查看查账记录，但不能录入。</translation>
    </message>
    <message>
        <source>Your role ({0}) records at {1}; {2} is shown to read only.</source>
        <translation>您的角色（{0}）录入{1}核查；{2}仅供查看。</translation>
    </message>
</context>
<context>
    <name>CheckSettingsDialog</name>
    <message>
        <source>Check settings</source>
        <translation>查账设置</translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation>（未设置）</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <source>keep as taken</source>
        <translation>不缩小</translation>
    </message>
    <message>
        <source>督查科室 (二级 核对):</source>
        <translation>督查科室（二级核对）：</translation>
    </message>
    <message>
        <source>录入员 enter at:</source>
        <translation>录入员录入层级：</translation>
    </message>
    <message>
        <source>Largest file:</source>
        <translation>单个附件上限：</translation>
    </message>
    <message>
        <source>Files per period, at most:</source>
        <translation>每期附件总量上限：</translation>
    </message>
    <message>
        <source>Reduce photos to (longer side):</source>
        <translation>照片缩小到（长边）：</translation>
    </message>
    <message>
        <source>Red notice after overdue by:</source>
        <translation>逾期超过多少天为红色督办：</translation>
    </message>
    <message>
        <source>Leaders' spot check share:</source>
        <translation>局领导抽查比例：</translation>
    </message>
    <message>
        <source>Time to rectify a notice:</source>
        <translation>督办单整改期限：</translation>
    </message>
</context>
<context>
    <name>ChecksActions</name>
    <message>
        <source>Copy previous period (draft)</source>
        <translation>从上期复制（草稿）</translation>
    </message>
    <message>
        <source>Confirm drafts</source>
        <translation>确认草稿</translation>
    </message>
    <message>
        <source>Set status…</source>
        <translation>设置完成情况…</translation>
    </message>
    <message>
        <source>Issue notice…</source>
        <translation>下达督办单…</translation>
    </message>
    <message>
        <source>Notices</source>
        <translation>督办单列表</translation>
    </message>
    <message>
        <source>Leaders' spot check…</source>
        <translation>局领导抽查…</translation>
    </message>
    <message>
        <source>Generate bulletin…</source>
        <translation>生成通报…</translation>
    </message>
    <message>
        <source>Regenerate…</source>
        <translation>重新生成…</translation>
    </message>
    <message>
        <source>Open a data file first</source>
        <translation>请先打开数据文件</translation>
    </message>
    <message>
        <source>Nothing is due in {0}</source>
        <translation>{0}没有到期的任务</translation>
    </message>
    <message>
        <source>Select one or more rows first</source>
        <translation>请先选择一行或多行</translation>
    </message>
    <message>
        <source>Set one status for all selected rows at {0}</source>
        <translation>为所选各行统一设置{0}完成情况</translation>
    </message>
    <message>
        <source>Issue a 督办单 for the selected rows (of one department)</source>
        <translation>为所选各项（同一科室）下达督办单</translation>
    </message>
    <message>
        <source>The year's 督办单, their 整改 and 核实; print a 督办单</source>
        <translation>本年度的督办单及其整改、核实；打印督办单</translation>
    </message>
    <message>
        <source>Draw the 三级 局领导抽查 sample of this period and print its list</source>
        <translation>抽取本期三级局领导抽查样本并打印抽查清单</translation>
    </message>
    <message>
        <source>{0} is the first period of the year: nothing to copy from</source>
        <translation>{0}是本年度第一期，没有上期可复制</translation>
    </message>
    <message>
        <source>Copy the previous period's {0} checks as drafts where this period has none; drafts count only once confirmed</source>
        <translation>将上期的{0}查账记录复制为本期尚未录入各项的草稿；草稿确认后才计入结果</translation>
    </message>
    <message>
        <source>No drafts at {0}</source>
        <translation>{0}没有草稿</translation>
    </message>
    <message>
        <source>Confirm the drafts of the selected rows (all {0} drafts if none is selected)</source>
        <translation>确认所选各行的草稿（未选中草稿时确认全部 {0} 条）</translation>
    </message>
    <message>
        <source>{0} is closed</source>
        <translation>{0}已关闭</translation>
    </message>
    <message>
        <source>Make this period's 通报 and save it as a PDF</source>
        <translation>生成本期通报并保存为 PDF</translation>
    </message>
    <message>
        <source>No bulletin yet</source>
        <translation>尚未生成通报</translation>
    </message>
    <message>
        <source>Print bulletin…</source>
        <translation>打印通报…</translation>
    </message>
    <message>
        <source>Save {0} (edition {1}, {2}) as a PDF</source>
        <translation>将{0}（第 {1} 版，{2}）保存为 PDF</translation>
    </message>
    <message>
        <source>Make a new edition of {0} from the checks as they are now</source>
        <translation>按当前查账记录生成{0}的新版本</translation>
    </message>
    <message>
        <source>Your role ({0}) may not: {1}</source>
        <translation>您的角色（{0}）不能：{1}</translation>
    </message>
</context>
<context>
    <name>ChecksTab</name>
    <message>
        <source>Chec&amp;k settings…</source>
        <translation>查账设置(&amp;K)…</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>期间：</translation>
    </message>
    <message>
        <source>Level:</source>
        <translation>录入层级：</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Take over</source>
        <translation>接管</translation>
    </message>
    <message>
        <source>Only an administrator can change the check settings</source>
        <translation>只有管理员可以修改查账设置</translation>
    </message>
    <message>
        <source>The ledger of {0} has no tasks yet. Enter or import them in the 台账 tab first (or import the 台账 sheet with File → Import workbook).</source>
        <translation>{0}年度台账中没有任务，请先在“台账”中录入或导入任务（也可用“文件 → 导入工作簿”导入台账工作表）。</translation>
    </message>
    <message>
        <source>No task of {0} is due in any period: check the tasks' 完成时限 and 责任科室 in the 台账 tab.</source>
        <translation>{0}年度没有任何任务在某一期到期：请在“台账”中检查各任务的完成时限和责任科室。</translation>
    </message>
    <message>
        <source>routine tasks in {0}</source>
        <translation>常规工作：{0}</translation>
    </message>
    <message>
        <source>key tasks in {0}</source>
        <translation>重点工作：{0}</translation>
    </message>
    <message>
        <source>Nothing is due in {0}. Tasks are due for {1}: choose one above.</source>
        <translation>{0}没有到期的任务。有到期任务的期间为 {1}，请在上方选择。</translation>
    </message>
    <message>
        <source>逾期未录 (due, nothing recorded): {0}</source>
        <translation>逾期未录：{0}</translation>
    </message>
    <message>
        <source>{0} due: 已完成 {1}, 逾期完成 {2}, 部分完成 {3}, 未完成 {4}, 未到期 {5}, 未录入 {6}; completion rate {7}</source>
        <translation>应查 {0} 项：已完成 {1}，逾期完成 {2}，部分完成 {3}，未完成 {4}，未到期 {5}，未录入 {6}；完成率 {7}</translation>
    </message>
    <message>
        <source>{0} of {1} shown</source>
        <translation>显示 {0} / {1} 项</translation>
    </message>
</context>
<context>
    <name>CloseHalfDialog</name>
    <message>
        <source>Close {0}</source>
        <translation>关闭{0}</translation>
    </message>
    <message>
        <source>Close the scoring of {0}?</source>
        <translation>关闭{0}的半年考核？</translation>
    </message>
    <message>
        <source>• Every department's scores, ranks, grade and 先进科室 are stored as they are now.
• The half's 加减分, vetoes and decisions, and its checks, become read-only for everyone.
• Only an administrator can reopen the half, and must give a reason (kept in the audit log).
• A full integrity check of the data file runs first; on a network drive this can take a while.</source>
        <translation>• 各科室的得分、排名、等次和先进科室按当前结果保存。
• 本半年的加减分、一票否决、委员会裁定和查账记录对所有人变为只读。
• 只有管理员可以重新开放，并须填写理由（记入操作日志）。
• 关闭前先对数据文件做完整性检查；在网络盘上可能需要一些时间。</translation>
    </message>
    <message>
        <source>Optional, e.g. approved by the committee</source>
        <translation>可不填，如：经考核委员会审定</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <source>Close the half</source>
        <translation>关闭本半年</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>CloseQuarterDialog</name>
    <message>
        <source>Close {0}</source>
        <translation>关闭{0}</translation>
    </message>
    <message>
        <source>Close the grading of {0}?</source>
        <translation>要关闭{0}的平时考核吗？</translation>
    </message>
    <message>
        <source>• The scores, comments and grades of the quarter become read-only for everyone, on every workstation.
• 综合得分, 等次 and 排名 are stored as they are now.
• Only an administrator can reopen the quarter, and must give a reason (kept in the audit log).
• A full integrity check of the data file runs first; on a network drive this can take a while.</source>
        <translation>• 本季度的分数、点评和等次对所有人、在每台计算机上都变为只读。
• 综合得分、等次和排名按当前结果保存。
• 只有管理员可以重新开放本季度，且须填写理由（记入操作日志）。
• 关闭前会先对数据文件进行完整性检查；数据文件在网络盘上时，这可能需要一段时间。</translation>
    </message>
    <message>
        <source>Optional, e.g. checked by the committee</source>
        <translation>可不填，如：已经考核委员会审定</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>关闭说明：</translation>
    </message>
    <message>
        <source>Close the quarter</source>
        <translation>关闭季度</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>CloseYearDialog</name>
    <message>
        <source>Close {0}</source>
        <translation>关闭{0}</translation>
    </message>
    <message>
        <source>Close the annual assessment of {0}?</source>
        <translation>关闭{0}考核？</translation>
    </message>
    <message>
        <source>• Every person's annual grade, 优秀资格, 好次数 and 限制情形 are stored as they are now; the archive shows them from then on.</source>
        <translation>• 每个人的年度等次、优秀资格、好次数和限制情形按当前结果保存，此后人员档案显示保存的结果。</translation>
    </message>
    <message>
        <source>• The year's recommendations, grades set by hand and notes become read-only for everyone.</source>
        <translation>• 本年度的优秀推荐、手工设定的等次和备注对所有人只读。</translation>
    </message>
    <message>
        <source>• Not closed yet, and stored and locked with the year as they stand: {0}.</source>
        <translation>• 以下期间尚未关闭，将按当前结果随本年度一并保存并锁定：{0}。</translation>
    </message>
    <message>
        <source>• Every quarter and half of the year is closed already.</source>
        <translation>• 本年度各季度和半年均已关闭。</translation>
    </message>
    <message>
        <source>• Only an administrator can reopen the year, and must give a reason (kept in the audit log).</source>
        <translation>• 只有管理员可以重新开放本年度，且须填写理由（记入操作日志）。</translation>
    </message>
    <message>
        <source>• A full integrity check of the data file runs first; on a network drive this can take a while.</source>
        <translation>• 关闭前先完整检查数据文件；数据文件在网络盘上时可能需要一些时间。</translation>
    </message>
    <message>
        <source>Optional, e.g. approved by the committee</source>
        <translation>可不填，如：经考核委员会审定</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <source>Close the year</source>
        <translation>关闭本年度</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ColorChoice</name>
    <message>
        <source> (suggested)</source>
        <translation>（建议）</translation>
    </message>
</context>
<context>
    <name>CommentTableModel</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>分值</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>内容</translation>
    </message>
</context>
<context>
    <name>CommentsDialog</name>
    <message>
        <source>Comments (点评)</source>
        <translation>点评</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>What was praised or criticised, at which meeting</source>
        <translation>在哪次会议上因何事受到表扬或批评</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>内容：</translation>
    </message>
    <message>
        <source>New comment</source>
        <translation>新增点评</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Total of the comments: {0}</source>
        <translation>点评合计：{0} 分</translation>
    </message>
    <message>
        <source> (of which {0} entered on the row of an imported workbook)</source>
        <translation>（其中 {0} 分是导入工作簿时直接填在该人员行上的）</translation>
    </message>
    <message>
        <source>; 实绩分 {0} → {1}</source>
        <translation>；实绩分 {0} → {1}</translation>
    </message>
    <message>
        <source>{0} points (set by the quarter's scheme)</source>
        <translation>{0} 分（由本季度考核方案规定）</translation>
    </message>
    <message>
        <source>Write what the comment was about.</source>
        <translation>请填写点评内容。</translation>
    </message>
    <message>
        <source>Delete the {0} of {1} “{2}”?</source>
        <translation>要删除{1}的{0}“{2}”吗？</translation>
    </message>
    <message>
        <source>Its {0} points no longer count in 实绩分.</source>
        <translation>其 {0} 分将不再计入实绩分。</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Changed by someone else</source>
        <translation>已被他人修改</translation>
    </message>
    <message>
        <source>Back to editing</source>
        <translation>返回编辑</translation>
    </message>
    <message>
        <source>Export my changes…</source>
        <translation>导出我的修改…</translation>
    </message>
    <message>
        <source>Keep my changes</source>
        <translation>保留我的修改</translation>
    </message>
    <message>
        <source>Take their version</source>
        <translation>采用对方的版本</translation>
    </message>
    <message>
        <source>Merge as chosen</source>
        <translation>按所选合并</translation>
    </message>
    <message>
        <source>Your changed fields on top of their version; their other changes stay</source>
        <translation>在对方版本的基础上写入我改过的项目；对方的其他修改保留</translation>
    </message>
    <message>
        <source>“{0}” was deleted by someone else after you opened it. Your changes were not saved; export them if you need them.</source>
        <translation>您打开“{0}”之后，它已被他人删除。您的修改没有保存；如有需要，请导出。</translation>
    </message>
    <message>
        <source>“{0}” was changed by someone else ({1}) after you opened it. {2} field(s) were changed on both sides (highlighted): choose for each.</source>
        <translation>“{0}”在您打开后已被他人修改（{1}）。有 {2} 项双方都改了（已标出），请逐项选择。</translation>
    </message>
    <message>
        <source>“{0}” was changed by someone else ({1}) after you opened it.</source>
        <translation>您打开“{0}”之后，它已被他人修改（{1}）。</translation>
    </message>
    <message>
        <source>Their version</source>
        <translation>对方的版本</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>When opened</source>
        <translation>打开时</translation>
    </message>
    <message>
        <source>My change</source>
        <translation>我的修改</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>采用</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>我的</translation>
    </message>
    <message>
        <source>Theirs</source>
        <translation>对方的</translation>
    </message>
</context>
<context>
    <name>CopyForwardDialog</name>
    <message>
        <source>Copy tasks from an earlier year</source>
        <translation>从往年复制任务</translation>
    </message>
    <message>
        <source>Renumber (after the target year's last number)</source>
        <translation>重新编号（接在目标年度最后一个序号之后）</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>New No.</source>
        <translation>新序号</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>工作任务</translation>
    </message>
    <message>
        <source>Lead department</source>
        <translation>牵头科室</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>完成时限</translation>
    </message>
    <message>
        <source>Select all</source>
        <translation>全选</translation>
    </message>
    <message>
        <source>Select none</source>
        <translation>全不选</translation>
    </message>
    <message>
        <source>Copying cannot be undone with Ctrl+Z; afterwards each copied task can be deleted on its own. Checks and notices are not copied.</source>
        <translation>复制不能用 Ctrl+Z 撤销；复制后可逐条删除。查账记录和督办单不复制。</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy from:</source>
        <translation>复制自：</translation>
    </message>
    <message>
        <source>into year:</source>
        <translation>复制到年度：</translation>
    </message>
    <message>
        <source>There is no earlier year with tasks to copy from.</source>
        <translation>没有可复制的往年任务。</translation>
    </message>
    <message>
        <source>Tick the tasks to copy.</source>
        <translation>请勾选要复制的任务。</translation>
    </message>
    <message>
        <source>{0} of {1} tasks will be copied from {2} into {3}.</source>
        <translation>将从 {2} 年复制 {1} 项中的 {0} 项到 {3} 年。</translation>
    </message>
</context>
<context>
    <name>DataTab</name>
    <message>
        <source>No data file is open. Create a new data file with File → New, open the bureau's file with File → Open, or its database with File → Open from a database server.</source>
        <translation>尚未打开数据文件。请通过 文件 → 新建 创建数据文件，通过 文件 → 打开 打开本单位的数据文件，或通过 文件 → 从数据库服务器打开 打开本单位的数据库。</translation>
    </message>
    <message>
        <source>The server database could not be read: {0}</source>
        <translation>无法读取服务器上的数据库：{0}</translation>
    </message>
    <message>
        <source>The data file could not be read: {0}</source>
        <translation>无法读取数据文件：{0}</translation>
    </message>
</context>
<context>
    <name>DecideDialog</name>
    <message>
        <source>Committee decision (委员会裁定)</source>
        <translation>委员会裁定</translation>
    </message>
    <message>
        <source>Department:</source>
        <translation>科室：</translation>
    </message>
    <message>
        <source>Total:</source>
        <translation>总分：</translation>
    </message>
    <message>
        <source>Grade now:</source>
        <translation>当前等次：</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Tied with:</source>
        <translation>并列科室：</translation>
    </message>
    <message>
        <source>Not a grade this tie can be given</source>
        <translation>此并列不能裁定为该等次</translation>
    </message>
    <message>
        <source>Withdraw the decision</source>
        <translation>撤销裁定</translation>
    </message>
    <message>
        <source>The committee chooses between the two grades the tie straddles, and may raise no more departments than there are places left. A vetoed department cannot be 优秀.</source>
        <translation>委员会只能在并列所跨越的两个等次之间裁定，定为较高等次的科室不能多于剩余名额；被一票否决的科室不能为优秀。</translation>
    </message>
    <message>
        <source>Grade:</source>
        <translation>裁定等次：</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>理由：</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>{0} (decided by the committee)</source>
        <translation>{0}（委员会已裁定）</translation>
    </message>
    <message>
        <source>{0} (the lower grade, until the committee decides)</source>
        <translation>{0}（并列暂定较低等次，待委员会裁定）</translation>
    </message>
    <message>
        <source>Choose the grade</source>
        <translation>请选择裁定等次</translation>
    </message>
</context>
<context>
    <name>DepartmentTableModel</name>
    <message>
        <source>In use</source>
        <translation>在用</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>科室</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>组别</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>排序</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Used by</source>
        <translation>使用情况</translation>
    </message>
    <message>
        <source>Retired</source>
        <translation>已撤销</translation>
    </message>
</context>
<context>
    <name>DepartmentsDialog</name>
    <message>
        <source>Basic data — departments</source>
        <translation>基础数据 — 科室</translation>
    </message>
    <message>
        <source>Tasks, people and checks refer to the department itself, so a new name shows everywhere at once. A department in use cannot be deleted, only retired: it stays for history but is no longer offered for new entries.</source>
        <translation>台账任务、人员和查账记录引用的是科室本身，改名后各处同时生效。已被使用的科室不能删除，只能撤销：它保留在历史记录中，但不再供新录入选择。</translation>
    </message>
    <message>
        <source>Retire</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Your role ({0}) may view departments but not change them.</source>
        <translation>您的角色（{0}）只能查看科室，不能修改。</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>In use: it can only be retired.</source>
        <translation>已被使用：只能撤销，不能删除。</translation>
    </message>
    <message>
        <source>{0} people on post still belong to it; move them to another department in their records.</source>
        <translation>仍有 {0} 名在岗人员属于该科室；请在其人员信息中调到其他科室。</translation>
    </message>
    <message>
        <source>Retire “{0}”? It stays for history but is no longer offered for new entries.</source>
        <translation>撤销“{0}”？它保留在历史记录中，但不再供新录入选择。</translation>
    </message>
    <message>
        <source>Delete the department “{0}”? This cannot be undone.</source>
        <translation>删除科室“{0}”？此操作不能撤销。</translation>
    </message>
</context>
<context>
    <name>DrillDownPanel</name>
    <message>
        <source>Change…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Only sources that change the score</source>
        <translation>只看有分值的来源</translation>
    </message>
    <message>
        <source>Sources of the points</source>
        <translation>得分来源</translation>
    </message>
    <message>
        <source>Select a cell of the table above to see every source of its points: the checks of the ledger, the deductions, the bonuses and the vetoes.</source>
        <translation>在上表中选择一格，即可查看该分数的每一项来源：台账查账、扣分、表彰加分和一票否决。</translation>
    </message>
    <message>
        <source>deductions</source>
        <translation>扣分合计</translation>
    </message>
    <message>
        <source>vetoes</source>
        <translation>一票否决</translation>
    </message>
    <message>
        <source>total</source>
        <translation>总分</translation>
    </message>
    <message>
        <source>{0}, {1}: {2} sources</source>
        <translation>{0} · {1}：共 {2} 项来源</translation>
    </message>
    <message>
        <source>A veto takes no points: the department cannot be 优秀 this half.</source>
        <translation>一票否决不扣分，但该科室本半年不能评为优秀、先进科室。</translation>
    </message>
    <message>
        <source>Sources add up to {0}: deductions {1}</source>
        <translation>各项来源合计 {0}，即扣分合计 {1}</translation>
    </message>
    <message>
        <source>Full marks {0} {1} from the sources = {2}</source>
        <translation>满分 {0}，各项来源合计 {1}，得分 {2}</translation>
    </message>
    <message>
        <source>Sources add up to {0} = {1}</source>
        <translation>各项来源合计 {0}，得分 {1}</translation>
    </message>
    <message>
        <source>No veto this half.</source>
        <translation>本半年没有一票否决。</translation>
    </message>
    <message>
        <source>No commendation entered this half.</source>
        <translation>本半年没有录入表彰加分。</translation>
    </message>
    <message>
        <source>Nothing was deducted here: full marks.</source>
        <translation>本项没有扣分，为满分。</translation>
    </message>
    <message>
        <source>The half cannot be changed here (see the note above the table).</source>
        <translation>本半年在此不能修改（原因见表格上方的提示）。</translation>
    </message>
    <message>
        <source>Select an entered deduction, bonus or veto.</source>
        <translation>请选择一条录入的扣分、加分或一票否决。</translation>
    </message>
    <message>
        <source>Checks come from the ledger (查账); the clamp and the cap are computed.</source>
        <translation>查账扣分来自台账查账；“扣完为止”和“加分上限”由系统计算，不能修改。</translation>
    </message>
</context>
<context>
    <name>DrillSources</name>
    <message>
        <source>Made by the notice {0}: change it there (查账 → 督办单)</source>
        <translation>由督办单 {0} 产生，请在 查账 → 督办单 中修改</translation>
    </message>
</context>
<context>
    <name>DueEditing</name>
    <message>
        <source>Choose the status first (keys 1–5), then type what was done.</source>
        <translation>请先选择完成情况（按 1–5），再填写实际完成情况。</translation>
    </message>
    <message>
        <source>Enter checks</source>
        <translation>录入查账</translation>
    </message>
    <message>
        <source>the department is edited elsewhere</source>
        <translation>该科室正由他人编辑</translation>
    </message>
    <message>
        <source>Set status</source>
        <translation>设置完成情况</translation>
    </message>
    <message>
        <source>Clear checks</source>
        <translation>清除查账记录</translation>
    </message>
    <message>
        <source>Clear the {0} check of no. {1} ({2})?</source>
        <translation>清除第 {1} 项（{2}）的{0}核查记录？</translation>
    </message>
    <message>
        <source>Clear the {0} checks of the {1} selected rows?</source>
        <translation>清除所选 {1} 项的{0}核查记录？</translation>
    </message>
    <message>
        <source>The status and the text entered at this level are removed.</source>
        <translation>该层级录入的完成情况和文字将被删除。</translation>
    </message>
    <message>
        <source>Press 1 已完成, 2 逾期完成, 3 部分完成, 4 未完成, 5 未到期; Delete clears.</source>
        <translation>按 1 已完成、2 逾期完成、3 部分完成、4 未完成、5 未到期；Delete 清除。</translation>
    </message>
    <message>
        <source>This cell cannot be changed here.</source>
        <translation>此处不能修改该单元格。</translation>
    </message>
</context>
<context>
    <name>DueListsPanel</name>
    <message>
        <source>Add talk…</source>
        <translation>新增谈话…</translation>
    </message>
    <message>
        <source>Record a talk with the person of the chosen row (a special talk's kind is chosen)</source>
        <translation>为选中行的人员登记谈话（专项谈话自动选好谈话类型）</translation>
    </message>
    <message>
        <source>Show archive</source>
        <translation>查看档案</translation>
    </message>
    <message>
        <source>Export due lists…</source>
        <translation>导出待办清单…</translation>
    </message>
    <message>
        <source>Write the three lists as an Excel workbook</source>
        <translation>将三张清单导出为 Excel 工作簿</translation>
    </message>
    <message>
        <source>The due lists are read when shown.</source>
        <translation>待办清单在显示时读取。</translation>
    </message>
    <message>
        <source>Due lists of {0}, as of {1}: {2} overdue.</source>
        <translation>{0}年度待办清单，截至 {1}：{2} 项逾期。</translation>
    </message>
    <message>
        <source>Short of routine talks (谈心谈话) in {0}: {1}</source>
        <translation>{0}年度谈心谈话不足：{1} 人</translation>
    </message>
    <message>
        <source>Special talks called for (专项谈话): {0}, {1} overdue</source>
        <translation>专项谈话：{0} 项，其中 {1} 项已逾期</translation>
    </message>
    <message>
        <source>Key posts due for rotation (交流轮岗) by the end of {0}: {1}, {2} due now</source>
        <translation>{0}年底前应交流轮岗的关键岗位：{1} 人，其中 {2} 人已到期</translation>
    </message>
    <message>
        <source>Everyone in service has had the year's talks.</source>
        <translation>在职人员本年度的谈心谈话均已达到次数。</translation>
    </message>
    <message>
        <source>No special talk is waiting.</source>
        <translation>没有待进行的专项谈话。</translation>
    </message>
    <message>
        <source>No key post reaches its years in the department.</source>
        <translation>没有关键岗位人员在本科室任职年限已满。</translation>
    </message>
</context>
<context>
    <name>DueListsSession</name>
    <message>
        <source>Export due lists</source>
        <translation>导出待办清单</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Saved to:
{0}</source>
        <translation>已保存到：
{0}</translation>
    </message>
    <message>
        <source>Writing {0}…</source>
        <translation>正在生成 {0}…</translation>
    </message>
</context>
<context>
    <name>DueTableModel</name>
    <message>
        <source>not recorded</source>
        <translation>未录入</translation>
    </message>
    <message>
        <source>Checked by: {0}</source>
        <translation>核查：{0}</translation>
    </message>
    <message>
        <source>Actual completion: {0}</source>
        <translation>实际完成情况：{0}</translation>
    </message>
    <message>
        <source>A draft copied from the previous period: it counts once confirmed.</source>
        <translation>从上期复制的草稿，确认后才计入本期结果。</translation>
    </message>
    <message>
        <source>Not drawn for this period's 局领导抽查: a 三级 check is recorded only on the drawn rows (局领导抽查…).</source>
        <translation>未被本期局领导抽查抽中：三级核查只录入抽中的项目（见“局领导抽查…”）。</translation>
    </message>
    <message>
        <source>Not saved: {0}
Edit the cell and press Enter to save it again.</source>
        <translation>未保存：{0}
编辑该单元格并按回车可再次保存。</translation>
    </message>
    <message>
        <source>{0} ({1}) is the level you enter: in its column press 1 已完成, 2 逾期完成, 3 部分完成, 4 未完成, 5 未到期, Delete to clear; Enter moves down.</source>
        <translation>{0}（{1}）是您的录入层级：在该列按 1 已完成、2 逾期完成、3 部分完成、4 未完成、5 未到期，Delete 清除；回车下移。</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>工作任务</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>完成时限</translation>
    </message>
    <message>
        <source>Due by</source>
        <translation>应完成日期</translation>
    </message>
    <message>
        <source>The day this period's part of the task is due</source>
        <translation>本期应完成的日期</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>分值</translation>
    </message>
    <message>
        <source>Lead department</source>
        <translation>牵头科室</translation>
    </message>
    <message>
        <source>Responsible department</source>
        <translation>责任科室</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>认定结果</translation>
    </message>
    <message>
        <source>The status that stands for the period: the highest level recorded (drafts do not count)</source>
        <translation>本期认定的完成情况：以已录入的最高层级为准（草稿不计）</translation>
    </message>
    <message>
        <source>Actual completion</source>
        <translation>实际完成情况</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>佐证</translation>
    </message>
    <message>
        <source>Attached evidence files, all levels</source>
        <translation>各层级所附佐证材料文件数</translation>
    </message>
    <message>
        <source>Notices</source>
        <translation>督办单</translation>
    </message>
    <message>
        <source>Spot check</source>
        <translation>抽查</translation>
    </message>
    <message>
        <source>Drawn</source>
        <translation>抽中</translation>
    </message>
    <message>
        <source>Drawn for the 三级 局领导抽查 of this period</source>
        <translation>被本期三级局领导抽查抽中</translation>
    </message>
    <message>
        <source>Evidence files: {0}</source>
        <translation>佐证材料附件：{0}</translation>
    </message>
</context>
<context>
    <name>EditState</name>
    <message>
        <source>Reopen…</source>
        <translation>重新开放…</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Take over</source>
        <translation>接管</translation>
    </message>
</context>
<context>
    <name>Editing</name>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
    <message>
        <source>Export my changes</source>
        <translation>导出我的修改</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>unsaved changes {0}.xlsx</source>
        <translation>未保存的修改 {0}.xlsx</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>Your changes were written to:
{0}</source>
        <translation>您的修改已写入：
{0}</translation>
    </message>
</context>
<context>
    <name>EntryDialog</name>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Half year: {0}</source>
        <translation>考核期间：{0}</translation>
    </message>
    <message>
        <source>Still to fill in or correct: {0}</source>
        <translation>还需填写或更正：{0}</translation>
    </message>
    <message>
        <source>Correct the marked fields to save.</source>
        <translation>请更正标红的项目后保存。</translation>
    </message>
    <message>
        <source>Not saved: {0}</source>
        <translation>未保存：{0}</translation>
    </message>
</context>
<context>
    <name>EntryForm</name>
    <message>
        <source>Choose the level</source>
        <translation>请选择级别</translation>
    </message>
    <message>
        <source>e.g. 夏市监发〔2026〕12号</source>
        <translation>如 夏市监发〔2026〕12号</translation>
    </message>
    <message>
        <source>No date</source>
        <translation>不填日期</translation>
    </message>
    <message>
        <source>Department:</source>
        <translation>科室：</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <source>Level:</source>
        <translation>级别：</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>事由：</translation>
    </message>
    <message>
        <source>Document no.:</source>
        <translation>依据文号：</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <source>Bonus points:</source>
        <translation>加分：</translation>
    </message>
    <message>
        <source>Points off:</source>
        <translation>扣分：</translation>
    </message>
    <message>
        <source>blank: the level's value</source>
        <translation>留空按级别计分</translation>
    </message>
    <message>
        <source>e.g. 5</source>
        <translation>如 5</translation>
    </message>
</context>
<context>
    <name>EvidenceModel</name>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source> (missing)</source>
        <translation>（文件缺失）</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>添加</translation>
    </message>
</context>
<context>
    <name>EvidencePanel</name>
    <message>
        <source>Attach files…</source>
        <translation>附加文件…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Evidence files (佐证材料):</source>
        <translation>佐证材料：</translation>
    </message>
    <message>
        <source>Notices (督办单):</source>
        <translation>督办单：</translation>
    </message>
    <message>
        <source>Choose a row of the grid to see its checks and files.</source>
        <translation>在上方表格中选择一行，查看其各层级核查记录和佐证材料。</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Choose a row first</source>
        <translation>请先选择一行</translation>
    </message>
    <message>
        <source>Enter the {0} status of this row first (keys 1–5)</source>
        <translation>请先录入该行的{0}完成情况（按 1–5）</translation>
    </message>
    <message>
        <source>Attach PDFs, photos or documents to the {0} check</source>
        <translation>为{0}核查附加 PDF、照片或文档</translation>
    </message>
    <message>
        <source>Delete the chosen file (administrators, while the period is open)</source>
        <translation>删除所选文件（仅管理员，且期间未关闭）</translation>
    </message>
    <message>
        <source>Attach evidence files</source>
        <translation>附加佐证材料</translation>
    </message>
    <message>
        <source>Attaching {0}…</source>
        <translation>正在附加 {0}…</translation>
    </message>
    <message>
        <source>{0} of {1} files attached.</source>
        <translation>已附加 {0} / {1} 个文件。</translation>
    </message>
    <message>
        <source>Open evidence file</source>
        <translation>打开佐证材料</translation>
    </message>
    <message>
        <source>No program on this computer opens {0}.</source>
        <translation>本机没有能打开 {0} 的程序。</translation>
    </message>
    <message>
        <source>Opening {0}…</source>
        <translation>正在打开 {0}…</translation>
    </message>
    <message>
        <source>Delete evidence file</source>
        <translation>删除佐证材料</translation>
    </message>
    <message>
        <source>Delete “{0}” from this check?</source>
        <translation>从该核查记录中删除“{0}”？</translation>
    </message>
    <message>
        <source>The file itself goes when no other check refers to it.</source>
        <translation>没有其他记录引用时，文件本身也会被删除。</translation>
    </message>
</context>
<context>
    <name>ExchangeActions</name>
    <message>
        <source>&amp;Import workbook…</source>
        <translation>导入工作簿(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Export workbook…</source>
        <translation>导出工作簿(&amp;E)…</translation>
    </message>
    <message>
        <source>Write all data to an exchange workbook</source>
        <translation>将全部数据写入交换工作簿</translation>
    </message>
    <message>
        <source>Download &amp;template…</source>
        <translation>下载模板(&amp;T)…</translation>
    </message>
    <message>
        <source>Save an empty workbook with the sheets to fill in</source>
        <translation>保存一份待填写的空白工作簿</translation>
    </message>
    <message>
        <source>Open a data file first</source>
        <translation>请先打开数据文件</translation>
    </message>
    <message>
        <source>The data file is open read-only: {0}</source>
        <translation>数据文件以只读方式打开：{0}</translation>
    </message>
    <message>
        <source>Check a workbook, then import it into the data file</source>
        <translation>先检查工作簿，确认后导入数据文件</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Import workbook</source>
        <translation>导入工作簿</translation>
    </message>
    <message>
        <source>Checking {0}…</source>
        <translation>正在检查 {0}…</translation>
    </message>
    <message>
        <source>The workbook {0} has no errors. Nothing has been written yet.
Import it now?</source>
        <translation>工作簿 {0} 检查无误，尚未写入任何数据。
现在导入吗？</translation>
    </message>
    <message>
        <source>Importing {0}…</source>
        <translation>正在导入 {0}…</translation>
    </message>
    <message>
        <source>{0} export {1}.xlsx</source>
        <translation>{0} 导出 {1}.xlsx</translation>
    </message>
    <message>
        <source>Export workbook</source>
        <translation>导出工作簿</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>Exported to:
{0}</source>
        <translation>已导出到：
{0}</translation>
    </message>
    <message>
        <source>import-template.xlsx</source>
        <translation>考核台账导入模板.xlsx</translation>
    </message>
    <message>
        <source>Download template</source>
        <translation>下载模板</translation>
    </message>
    <message>
        <source>Writing the template…</source>
        <translation>正在生成模板…</translation>
    </message>
    <message>
        <source>The template was saved to:
{0}

Fill in its sheets (the 填写说明 sheet explains every column), then use File → Import workbook.</source>
        <translation>模板已保存到：
{0}

请按各表填写（“填写说明”表逐列说明了填法），然后通过 文件 → 导入工作簿 导入。</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <source>&amp;New data file…</source>
        <translation>新建数据文件(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Open data file…</source>
        <translation>打开数据文件(&amp;O)…</translation>
    </message>
    <message>
        <source>Open from a database &amp;server…</source>
        <translation>从数据库服务器打开(&amp;S)…</translation>
    </message>
    <message>
        <source>Open the bureau's data kept in a database on a PostgreSQL server</source>
        <translation>打开保存在 PostgreSQL 数据库服务器上的本单位数据</translation>
    </message>
    <message>
        <source>Open &amp;demo data</source>
        <translation>打开演示数据(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Back up…</source>
        <translation>备份(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Check data file</source>
        <translation>检查数据文件(&amp;C)</translation>
    </message>
    <message>
        <source>Make a verified copy of the data file</source>
        <translation>为数据文件制作经过校验的备份</translation>
    </message>
    <message>
        <source>Run a full integrity check of the data file</source>
        <translation>对数据文件进行完整性检查</translation>
    </message>
    <message>
        <source>Kaohe data files (*.kaohe);;All files (*)</source>
        <translation>考核台账数据文件 (*.kaohe);;所有文件 (*)</translation>
    </message>
    <message>
        <source>New data file</source>
        <translation>新建数据文件</translation>
    </message>
    <message>
        <source>assessment-ledger.kaohe</source>
        <translation>考核台账.kaohe</translation>
    </message>
    <message>
        <source>Name of the bureau (printed on every report):</source>
        <translation>单位名称（将印在各类报表上）：</translation>
    </message>
    <message>
        <source>Creating the data file…</source>
        <translation>正在创建数据文件…</translation>
    </message>
    <message>
        <source>Open data file</source>
        <translation>打开数据文件</translation>
    </message>
    <message>
        <source>Opening {0}…</source>
        <translation>正在打开 {0}…</translation>
    </message>
    <message>
        <source>Connecting to {0}…</source>
        <translation>正在连接 {0}…</translation>
    </message>
    <message>
        <source>Connect to a database server</source>
        <translation>连接数据库服务器</translation>
    </message>
    <message>
        <source>Generating the demo data…</source>
        <translation>正在生成演示数据…</translation>
    </message>
    <message>
        <source>Making the daily backup…</source>
        <translation>正在进行每日备份…</translation>
    </message>
    <message>
        <source>Back up</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Choose a folder…</source>
        <translation>选择文件夹…</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>备份文件夹</translation>
    </message>
    <message>
        <source>Make a verified copy of the data file. Where should it go?
The backup folder (set in Manage → Backups and restore) is:
{0}</source>
        <translation>为数据文件做一份经过校验的副本。保存到哪里？
备份文件夹（在“管理 → 备份与恢复”中设定）为：
{0}</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <source>Backup written to:
{0}</source>
        <translation>备份已写入：
{0}</translation>
    </message>
    <message>
        <source>Integrity: {0}</source>
        <translation>完整性：{0}</translation>
    </message>
    <message>
        <source>Schema version: {0}</source>
        <translation>结构版本：{0}</translation>
    </message>
    <message>
        <source>Check data file</source>
        <translation>检查数据文件</translation>
    </message>
    <message>
        <source>The data file is sound.
</source>
        <translation>数据文件完好。
</translation>
    </message>
    <message>
        <source>The data file has problems. Restore it from a backup.
</source>
        <translation>数据文件存在问题，请从备份恢复。
</translation>
    </message>
    <message>
        <source>Checking the data file…</source>
        <translation>正在检查数据文件…</translation>
    </message>
</context>
<context>
    <name>FormsScopeDialog</name>
    <message>
        <source>Print registration forms</source>
        <translation>打印考核登记表</translation>
    </message>
    <message>
        <source>公务员年度考核登记表 of {0}, one page per person. Print the forms of:</source>
        <translation>{0}公务员年度考核登记表，每人一页。打印：</translation>
    </message>
    <message>
        <source>Everyone ({0} people)</source>
        <translation>全体人员（{0} 人）</translation>
    </message>
    <message>
        <source>The department {0} ({1} people)</source>
        <translation>科室：{0}（{1} 人）</translation>
    </message>
    <message>
        <source>The selected person's department</source>
        <translation>所选人员的科室</translation>
    </message>
    <message>
        <source>{0} only</source>
        <translation>仅{0}</translation>
    </message>
    <message>
        <source>The selected person</source>
        <translation>所选人员</translation>
    </message>
    <message>
        <source>The printed fields come from the personnel records and the year's grade; 个人总结, 评语 and 意见 are left blank for handwriting.</source>
        <translation>表中信息取自人员资料和本年度等次；个人总结、评语和意见留空，供手写填写。</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择保存位置…</translation>
    </message>
    <message>
        <source>everyone</source>
        <translation>全体</translation>
    </message>
</context>
<context>
    <name>GradeChart</name>
    <message>
        <source>No quarter is shown.</source>
        <translation>未显示任何季度。</translation>
    </message>
    <message>
        <source>Nobody of {0} is graded yet: the chart appears with the first grades.</source>
        <translation>{0}还没有人评出等次；评出等次后即显示分布图。</translation>
    </message>
    <message>
        <source>Grades per department, {0}</source>
        <translation>{0}各科室等次分布</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人数</translation>
    </message>
</context>
<context>
    <name>GradeDialog</name>
    <message>
        <source>Adjust grade (等次调整)</source>
        <translation>等次调整</translation>
    </message>
    <message>
        <source>Person:</source>
        <translation>人员：</translation>
    </message>
    <message>
        <source>综合得分:</source>
        <translation>综合得分：</translation>
    </message>
    <message>
        <source>Grade now:</source>
        <translation>当前等次：</translation>
    </message>
    <message>
        <source>好 quota:</source>
        <translation>好等次名额：</translation>
    </message>
    <message>
        <source>Clear the adjustment</source>
        <translation>取消调整</translation>
    </message>
    <message>
        <source>May be set at any score, with a reason.</source>
        <translation>任何分数均可定为较差，须填写理由。</translation>
    </message>
    <message>
        <source>The grade follows the scores again.</source>
        <translation>等次恢复按分数评定。</translation>
    </message>
    <message>
        <source>The grade follows the scores. A clerk or an administrator may set it by hand, always with a reason (kept in the remarks and the audit log): 好 for someone at {0} or above while the quota has a place left; 较好 for people tied on the last 好 place beyond the quota, as the committee decides; 较差 at any score. 一般 is never set by hand.</source>
        <translation>等次由分数评定。录入员或管理员可以人工调整，必须填写理由（记入备注和操作日志）：综合得分达到 {0} 分且名额有剩余的，可定为好；与好等次最后一个名额并列、超出名额的人员，按考核委员会决定定为较好；任何分数均可定为较差。一般不能人工设定。</translation>
    </message>
    <message>
        <source>Set the grade by hand</source>
        <translation>人工设定等次</translation>
    </message>
    <message>
        <source>Required: why, e.g. the committee's decision</source>
        <translation>必填：调整理由，如考核委员会的决定</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>理由：</translation>
    </message>
    <message>
        <source>not yet: {0} missing</source>
        <translation>尚未得出：缺{0}</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>暂无</translation>
    </message>
    <message>
        <source>{0} place(s) left in the quota.</source>
        <translation>名额还剩 {0} 个。</translation>
    </message>
    <message>
        <source>Already 好: uses no further place.</source>
        <translation>已是好：不再另占名额。</translation>
    </message>
    <message>
        <source>For a tie on the last 好 place beyond the quota, as the committee decides.</source>
        <translation>用于与好等次最后一个名额并列、超出名额的人员，按考核委员会决定。</translation>
    </message>
    <message>
        <source>No adjustment is set.</source>
        <translation>尚未设定调整。</translation>
    </message>
    <message>
        <source>Choose a grade, or clear the adjustment.</source>
        <translation>请选择一个等次，或取消调整。</translation>
    </message>
    <message>
        <source>A grade set by hand needs a reason.</source>
        <translation>人工设定等次须填写理由。</translation>
    </message>
</context>
<context>
    <name>GradeFilter</name>
    <message>
        <source>Show one grade, the people not yet scored, or the flagged</source>
        <translation>只显示某一等次、尚未评分的人员或有待处理标记的人员</translation>
    </message>
    <message>
        <source>All grades</source>
        <translation>全部等次</translation>
    </message>
    <message>
        <source>Not yet scored</source>
        <translation>未评分</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>待处理标记</translation>
    </message>
</context>
<context>
    <name>GradingActions</name>
    <message>
        <source>Comments</source>
        <translation>点评</translation>
    </message>
    <message>
        <source>Adjust grade</source>
        <translation>等次调整</translation>
    </message>
    <message>
        <source>{0} is 不定等次 ({1}) and gets no grade. Clear 不定等次 first to grade them.</source>
        <translation>{0}为不定等次（{1}），不评定等次。如需评定，请先取消不定等次。</translation>
    </message>
    <message>
        <source>Not graded</source>
        <translation>不定等次</translation>
    </message>
</context>
<context>
    <name>GradingEditing</name>
    <message>
        <source>Enter scores</source>
        <translation>录入分数</translation>
    </message>
    <message>
        <source>Paste scores</source>
        <translation>粘贴分数</translation>
    </message>
    <message>
        <source>{0} values pasted, {1} of them changed.</source>
        <translation>已粘贴 {0} 个分数，其中 {1} 个有变化。</translation>
    </message>
    <message>
        <source>Select the 实绩分 or 领导测评分 cell where the pasted block should start.</source>
        <translation>请先选中粘贴区域起始处的实绩分或领导测评分单元格。</translation>
    </message>
    <message>
        <source>The block has {0} columns but only {1} score columns start here; a block of 实绩分 and 领导测评分 starts at 实绩分.</source>
        <translation>粘贴内容有 {0} 列，但从这里开始只有 {1} 个分数列；同时含实绩分和领导测评分的内容应从实绩分列开始粘贴。</translation>
    </message>
    <message>
        <source>The block has {0} rows but only {1} rows are shown from here down.</source>
        <translation>粘贴内容有 {0} 行，但从这里往下只显示了 {1} 行。</translation>
    </message>
    <message>
        <source>Clear scores</source>
        <translation>清除分数</translation>
    </message>
    <message>
        <source>Clear {0} of {1} ({2})?</source>
        <translation>要清除{1}的{0}（{2}）吗？</translation>
    </message>
    <message>
        <source>Clear the {0} selected scores?</source>
        <translation>要清除选中的 {0} 个分数吗？</translation>
    </message>
    <message>
        <source>The scores cannot be restored.</source>
        <translation>清除后分数无法恢复。</translation>
    </message>
</context>
<context>
    <name>GradingPaste</name>
    <message>
        <source>… and {0} more</source>
        <translation>……另有 {0} 个</translation>
    </message>
    <message>
        <source>Nothing was pasted: {0} of the {1} values are not scores (0–100, one decimal).</source>
        <translation>未粘贴任何内容：{1} 个值中有 {0} 个不是有效分数（0–100，最多一位小数）。</translation>
    </message>
</context>
<context>
    <name>GradingTableModel</name>
    <message>
        <source>{0} not entered yet</source>
        <translation>尚未录入{0}</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>科室</translation>
    </message>
    <message>
        <source>Staff category</source>
        <translation>人员类别</translation>
    </message>
    <message>
        <source>Performance</source>
        <translation>实绩分</translation>
    </message>
    <message>
        <source>实绩分 as entered, before 点评: 0–100, one decimal. Type to enter, Enter saves and moves down, Tab moves to 领导测评分.</source>
        <translation>录入的实绩分（未计点评）：0–100，最多一位小数。直接输入即可，按 Enter 保存并下移，按 Tab 移到领导测评分。</translation>
    </message>
    <message>
        <source>Leader evaluation</source>
        <translation>领导测评分</translation>
    </message>
    <message>
        <source>领导测评分: 0–100, one decimal</source>
        <translation>领导测评分：0–100，最多一位小数</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>点评</translation>
    </message>
    <message>
        <source>Praise and criticism points of the quarter</source>
        <translation>本季度表扬、批评的加减分</translation>
    </message>
    <message>
        <source>Performance with comments</source>
        <translation>实绩分（含点评）</translation>
    </message>
    <message>
        <source>实绩分 plus the 点评 points, kept within 0–100</source>
        <translation>实绩分加上点评分值，限定在 0–100 之间</translation>
    </message>
    <message>
        <source>Composite score</source>
        <translation>综合得分</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等次</translation>
    </message>
    <message>
        <source>Rank in category</source>
        <translation>类别内排名</translation>
    </message>
    <message>
        <source>Rank {0} in the category “{1}”</source>
        <translation>在“{1}”类别中排第 {0} 名</translation>
    </message>
    <message>
        <source>Rank within the person's staff category (人员类别), by 综合得分, then 领导测评分, then 实绩分; people equal on all three share a rank. Each category is ranked on its own, so a lower score may rank higher than in another category: see 全局排名 for everyone together.</source>
        <translation>在本人所属人员类别内的排名：依次比较综合得分、领导测评分、实绩分，三项均相同者名次并列。各类别分别排名，分数较低的人在自己类别中的名次可能高于另一类别中分数较高的人；全部人员一起的排名见“全局排名”。</translation>
    </message>
    <message>
        <source>Overall rank</source>
        <translation>全局排名</translation>
    </message>
    <message>
        <source>Rank {0} among everyone scored this quarter</source>
        <translation>在本季度全部已评分人员中排第 {0} 名</translation>
    </message>
    <message>
        <source>Rank among everyone scored this quarter, whatever their category, by the same order; people equal on all three scores share a rank</source>
        <translation>本季度全部已评分人员（不分人员类别）的排名，比较顺序相同：综合得分、领导测评分、实绩分；三项均相同者名次并列。</translation>
    </message>
    <message>
        <source>Remarks</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Moved during the quarter:</source>
        <translation>本季度内调动：</translation>
    </message>
    <message>
        <source>{0} comments this quarter, {1} points; double-click to open</source>
        <translation>本季度点评 {0} 条，计 {1} 分；双击打开</translation>
    </message>
    <message>
        <source>{0} of them entered on the row (workbook)</source>
        <translation>其中 {0} 分直接填在该行（工作簿导入）</translation>
    </message>
    <message>
        <source>Not graded this quarter</source>
        <translation>本季度不定等次</translation>
    </message>
    <message>
        <source>Waiting for both scores</source>
        <translation>实绩分和领导测评分录齐后计算</translation>
    </message>
</context>
<context>
    <name>GridFilters</name>
    <message>
        <source>Search code, name or department</source>
        <translation>搜索编号、姓名或科室</translation>
    </message>
    <message>
        <source>Department:</source>
        <translation>科室：</translation>
    </message>
    <message>
        <source>Show everyone</source>
        <translation>显示全部人员</translation>
    </message>
</context>
<context>
    <name>HalfBlockersDialog</name>
    <message>
        <source>The half cannot be closed yet. {0} items must be settled first:</source>
        <translation>本半年暂不能关闭，须先处理以下 {0} 项：</translation>
    </message>
    <message>
        <source>Record the missing checks in the 查账 tab (a due period without a confirmed check counts as 未完成 until then); a reviewer settles each tie with 委员会裁定…. Then close again.</source>
        <translation>请在“查账”页录入缺少的查账结果（未录入前按未完成扣分）；并列的科室由审核人通过“委员会裁定…”处理。处理后再关闭。</translation>
    </message>
    <message>
        <source>Show only these departments</source>
        <translation>只看这些科室</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>HalfClosing</name>
    <message>
        <source>Close {0}</source>
        <translation>关闭{0}</translation>
    </message>
    <message>
        <source>Only a reviewer or an administrator can close a half year.</source>
        <translation>只有审核人或管理员可以关闭半年。</translation>
    </message>
    <message>
        <source>Only an administrator can reopen a half year.</source>
        <translation>只有管理员可以重新开放半年。</translation>
    </message>
</context>
<context>
    <name>HistoryTableModel</name>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>关闭时间</translation>
    </message>
    <message>
        <source>Closed by</source>
        <translation>关闭人</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>关闭说明</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>重新开放时间</translation>
    </message>
    <message>
        <source>Reopened by</source>
        <translation>重新开放人</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>重新开放理由</translation>
    </message>
</context>
<context>
    <name>Job</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancelling; undoing what was done so far…</source>
        <translation>正在取消，并撤销已做的修改…</translation>
    </message>
</context>
<context>
    <name>LeaseKeeper</name>
    <message>
        <source>Take over the edit lease</source>
        <translation>接管编辑锁</translation>
    </message>
    <message>
        <source>Take over the lease of “{0}”?</source>
        <translation>要接管“{0}”的编辑锁吗？</translation>
    </message>
    <message>
        <source>The previous holder's unsaved changes will be refused when they save.</source>
        <translation>原持有人尚未保存的修改，在其保存时将被拒绝。</translation>
    </message>
</context>
<context>
    <name>LedgerActions</name>
    <message>
        <source>New task</source>
        <translation>新增任务</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Copy from last year…</source>
        <translation>从上年复制…</translation>
    </message>
    <message>
        <source>Import ledger…</source>
        <translation>导入台账…</translation>
    </message>
    <message>
        <source>Export ledger…</source>
        <translation>导出台账…</translation>
    </message>
    <message>
        <source>Wall charts…</source>
        <translation>墙上台账…</translation>
    </message>
    <message>
        <source>Select a task first</source>
        <translation>请先选择一项任务</translation>
    </message>
    <message>
        <source>Add a task to the year's ledger (Ins)</source>
        <translation>向本年度台账新增一项任务（Ins）</translation>
    </message>
    <message>
        <source>Edit the selected task (Enter)</source>
        <translation>编辑所选任务（Enter）</translation>
    </message>
    <message>
        <source>A new task prefilled with the selected task's values</source>
        <translation>以所选任务的内容新建一项任务</translation>
    </message>
    <message>
        <source>Delete the selected task (Del)</source>
        <translation>删除所选任务（Del）</translation>
    </message>
    <message>
        <source>Nothing to undo</source>
        <translation>没有可撤销的操作</translation>
    </message>
    <message>
        <source>Undo: {0} (Ctrl+Z)</source>
        <translation>撤销：{0}（Ctrl+Z）</translation>
    </message>
    <message>
        <source>Nothing to redo</source>
        <translation>没有可重做的操作</translation>
    </message>
    <message>
        <source>Redo: {0} (Ctrl+Y)</source>
        <translation>重做：{0}（Ctrl+Y）</translation>
    </message>
    <message>
        <source>Copy chosen tasks of an earlier year into this year's ledger</source>
        <translation>把往年选定的任务复制到本年度台账</translation>
    </message>
    <message>
        <source>Import the 台账 sheet of an exchange workbook (checked first)</source>
        <translation>导入交换工作簿的“台账”工作表（先检查）</translation>
    </message>
    <message>
        <source>There are no tasks in {0}</source>
        <translation>{0} 年没有任务</translation>
    </message>
    <message>
        <source>Write this year's tasks to the 台账 sheet of an exchange workbook</source>
        <translation>把本年度任务写入交换工作簿的“台账”工作表</translation>
    </message>
    <message>
        <source>Print or save one wall chart per department (墙上台账)</source>
        <translation>按科室打印或保存墙上台账</translation>
    </message>
    <message>
        <source>Your role ({0}) may not import workbooks.</source>
        <translation>您的角色（{0}）不能导入工作簿。</translation>
    </message>
    <message>
        <source>Your role ({0}) may view the ledger but not change it.</source>
        <translation>您的角色（{0}）只能查看台账，不能修改。</translation>
    </message>
</context>
<context>
    <name>LedgerEditing</name>
    <message>
        <source>New task</source>
        <translation>新增任务</translation>
    </message>
    <message>
        <source>Duplicate task</source>
        <translation>复制任务</translation>
    </message>
    <message>
        <source>Edit task {0}</source>
        <translation>编辑任务 {0}</translation>
    </message>
    <message>
        <source>This task was changed by someone else after the table was loaded. The table now shows their version; make your change again.</source>
        <translation>表格载入后，该任务已被他人修改。表格现在显示对方的版本，请重新修改。</translation>
    </message>
    <message>
        <source>Delete task</source>
        <translation>删除任务</translation>
    </message>
    <message>
        <source>Delete task {0} “{1}”?</source>
        <translation>删除任务 {0}“{1}”？</translation>
    </message>
    <message>
        <source>Undo (Ctrl+Z) brings it back.</source>
        <translation>可用撤销（Ctrl+Z）恢复。</translation>
    </message>
</context>
<context>
    <name>LedgerSheet</name>
    <message>
        <source>Import ledger</source>
        <translation>导入台账</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Export ledger</source>
        <translation>导出台账</translation>
    </message>
</context>
<context>
    <name>LedgerSheetActions</name>
    <message>
        <source>Checking {0}…</source>
        <translation>正在检查 {0}…</translation>
    </message>
    <message>
        <source>The 台账 sheet of {0} has no errors. Nothing has been written yet.
Import it now? Other sheets of the workbook are ignored.</source>
        <translation>{0} 的“台账”工作表没有错误，尚未写入任何数据。
现在导入吗？工作簿的其他工作表不会导入。</translation>
    </message>
    <message>
        <source>Import ledger</source>
        <translation>导入台账</translation>
    </message>
    <message>
        <source>Importing {0}…</source>
        <translation>正在导入 {0}…</translation>
    </message>
    <message>
        <source>{0} ledger {1}.xlsx</source>
        <translation>{0}年度台账 {1}.xlsx</translation>
    </message>
    <message>
        <source>Exporting the ledger…</source>
        <translation>正在导出台账…</translation>
    </message>
    <message>
        <source>Export ledger</source>
        <translation>导出台账</translation>
    </message>
    <message>
        <source>{0} tasks of {1} were written to:
{2}</source>
        <translation>{1} 年的 {0} 项任务已写入：
{2}</translation>
    </message>
</context>
<context>
    <name>LedgerTab</name>
    <message>
        <source>Search task, target or department</source>
        <translation>搜索工作任务、目标要求或科室</translation>
    </message>
    <message>
        <source>Department:</source>
        <translation>科室：</translation>
    </message>
    <message>
        <source>Due in:</source>
        <translation>到期月份：</translation>
    </message>
    <message>
        <source>There are no ledger tasks for {0} yet. Add them one by one with New task, copy last year's with Copy from last year, or import the ledger with File → Import workbook (download the template, fill in its 台账 sheet and import it).</source>
        <translation>{0} 年还没有台账任务。可用“新增任务”逐条添加，用“从上年复制”复制上年的任务，或用“文件 → 导入工作簿”导入台账（先下载模板，填写其中的“台账”工作表再导入）。</translation>
    </message>
    <message>
        <source>Copy from last year</source>
        <translation>从上年复制</translation>
    </message>
    <message>
        <source>{0} tasks were copied into {1}.</source>
        <translation>已复制 {0} 项任务到 {1} 年。</translation>
    </message>
    <message>
        <source>Wall charts</source>
        <translation>墙上台账</translation>
    </message>
    <message>
        <source>{0} tasks, {1} key</source>
        <translation>共 {0} 项任务，其中重点工作 {1} 项</translation>
    </message>
    <message>
        <source>{0} of {1} tasks shown</source>
        <translation>显示 {0} 项任务，共 {1} 项</translation>
    </message>
</context>
<context>
    <name>LevelChooser</name>
    <message>
        <source>The level your entries are recorded at</source>
        <translation>您录入的查账记录所属的核查层级</translation>
    </message>
    <message>
        <source>Your role records no checks: choose a level to read its entries</source>
        <translation>您的角色不录入查账：选择层级可查看该层级的记录</translation>
    </message>
</context>
<context>
    <name>LevelFilter</name>
    <message>
        <source>Show the rows with a check at one level, or without yours</source>
        <translation>只显示某一层级已录入的项，或本层级尚未录入的项</translation>
    </message>
    <message>
        <source>All levels</source>
        <translation>全部层级</translation>
    </message>
    <message>
        <source>{0} recorded</source>
        <translation>{0}已录入</translation>
    </message>
    <message>
        <source>Your level not recorded</source>
        <translation>本层级未录入</translation>
    </message>
</context>
<context>
    <name>LevelsModel</name>
    <message>
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>完成情况</translation>
    </message>
    <message>
        <source>Actual completion</source>
        <translation>实际完成情况</translation>
    </message>
    <message>
        <source>Checked by</source>
        <translation>核查人</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>核查日期</translation>
    </message>
</context>
<context>
    <name>LiveRefresh</name>
    <message>
        <source>The database server cannot be reached: the network is down or the server has stopped. The program is now read-only; unsaved edits are kept and can be exported. Reopen the database when the server is back.</source>
        <translation>数据库服务器无法连接：网络中断或服务器已停止。程序现已转为只读；尚未保存的修改仍保留，可以导出。服务器恢复后请重新打开数据库。</translation>
    </message>
    <message>
        <source>The database on the server was replaced (restored or created anew). The program is now read-only; reopen it to see what is there now.</source>
        <translation>服务器上的数据库已被替换（从备份恢复或重新创建）。程序现已转为只读；请重新打开以查看现在的数据。</translation>
    </message>
    <message>
        <source>The data file was deleted, moved or replaced, or the network drive is gone. The program is now read-only; unsaved edits are kept and can be exported. Reopen the file when it is back.</source>
        <translation>数据文件已被删除、移动或替换，或网络盘已断开。程序现已转为只读；未保存的修改仍然保留，可以导出。文件恢复后请重新打开。</translation>
    </message>
    <message>
        <source>The data file was replaced by another file. The program is now read-only; reopen the file to see what is there now.</source>
        <translation>数据文件已被替换（换成了另一个文件）。程序现已转为只读；请重新打开该文件，查看其现在的内容。</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Create the administrator</source>
        <translation>创建管理员</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>e.g. 张三 (defaults to the account name)</source>
        <translation>例如：张三（不填则与账号相同）</translation>
    </message>
    <message>
        <source>Account name:</source>
        <translation>账号：</translation>
    </message>
    <message>
        <source>Display name:</source>
        <translation>显示名：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Repeat password:</source>
        <translation>确认密码：</translation>
    </message>
    <message>
        <source>Create and sign in</source>
        <translation>创建并登录</translation>
    </message>
    <message>
        <source>This data file has no account yet. Create its administrator (管理员): the account that adds the colleagues' accounts and may do everything. Keep the password safe; nobody can recover it.</source>
        <translation>该数据文件还没有任何账号。请创建它的管理员：管理员负责为同事添加账号，可以进行所有操作。请妥善保管密码，密码遗失后任何人都无法找回。</translation>
    </message>
    <message>
        <source>This data file has no account yet and is open read-only, so no administrator can be created now. Enter your name to look at it.</source>
        <translation>该数据文件还没有任何账号，且以只读方式打开，因此现在无法创建管理员。请输入您的姓名后查看。</translation>
    </message>
    <message>
        <source>Connected to the database server. Now sign in with your own account of the ledger (not the server account).</source>
        <translation>已连接数据库服务器。请用您在考核台账中的个人账号登录（不是服务器账号）。</translation>
    </message>
    <message>
        <source>Sign in with your account of this data file.</source>
        <translation>请使用您在该数据文件中的账号登录。</translation>
    </message>
    <message>
        <source>The file is open read-only: you can look, print and export, not change.</source>
        <translation>文件以只读方式打开：可以查看、打印和导出，但不能修改。</translation>
    </message>
    <message>
        <source>Demo data. Accounts (password {0}):</source>
        <translation>演示数据。可用账号（密码均为 {0}）：</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Open data file</source>
        <translation>打开数据文件</translation>
    </message>
    <message>
        <source>The last data file was not found:
{0}
Is the network drive connected?</source>
        <translation>找不到上次打开的数据文件：
{0}
请检查网络盘是否已连接。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Read the data file again (F5)</source>
        <translation>重新读取数据文件（F5）</translation>
    </message>
    <message>
        <source>Ledger</source>
        <translation>台账</translation>
    </message>
    <message>
        <source>Quarterly assessment</source>
        <translation>季度考核</translation>
    </message>
    <message>
        <source>Half-year scoring</source>
        <translation>半年考核</translation>
    </message>
    <message>
        <source>Annual assessment</source>
        <translation>年度考核</translation>
    </message>
    <message>
        <source>Personnel archive</source>
        <translation>人员档案</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Data file</source>
        <translation>数据文件</translation>
    </message>
    <message>
        <source>Database server</source>
        <translation>数据库服务器</translation>
    </message>
    <message>
        <source>Kaohe ledger</source>
        <translation>考核台账</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>[Demo data]</source>
        <translation>【演示数据】</translation>
    </message>
    <message>
        <source>[Read-only]</source>
        <translation>【只读】</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>查账</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>E&amp;xit</source>
        <translation>退出(&amp;X)</translation>
    </message>
    <message>
        <source>&amp;Manage</source>
        <translation>管理(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <source>No data file open</source>
        <translation>未打开数据文件</translation>
    </message>
    <message>
        <source>Server database: {0}</source>
        <translation>数据库服务器：{0}</translation>
    </message>
    <message>
        <source>Data file: {0}</source>
        <translation>数据文件：{0}</translation>
    </message>
    <message>
        <source>Data file schema version: {0}</source>
        <translation>数据文件结构版本：{0}</translation>
    </message>
    <message>
        <source>Kaohe ledger</source>
        <translation>考核台账</translation>
    </message>
    <message>
        <source>Post responsibility ledger, quarterly and half-year assessments, one archive per person.</source>
        <translation>岗位目标责任台账、季度与半年考核、一人一档。</translation>
    </message>
    <message>
        <source>Program folder: {0}</source>
        <translation>程序文件夹：{0}</translation>
    </message>
    <message>
        <source>For use inside the bureau. Built with PySide6 (Qt, LGPL v3), SQLAlchemy and openpyxl (MIT), reportlab (BSD); their licences come with the program.</source>
        <translation>供本单位内部使用。使用了 PySide6（Qt，LGPL v3）、SQLAlchemy 与 openpyxl（MIT）、reportlab（BSD），其许可证随程序提供。</translation>
    </message>
    <message>
        <source>About</source>
        <translation>关于</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>Correct these cells in the workbook and import it again.</source>
        <translation>请在工作簿中更正以上单元格后重新导入。</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Windows refused access to the file: {0}</source>
        <translation>系统拒绝访问该文件：{0}</translation>
    </message>
    <message>
        <source>The file could not be read or written: {0}</source>
        <translation>无法读写该文件：{0}</translation>
    </message>
    <message>
        <source>Unexpected error: {0}</source>
        <translation>发生意外错误：{0}</translation>
    </message>
</context>
<context>
    <name>MigrateDialog</name>
    <message>
        <source>Move to a database server</source>
        <translation>迁移到数据库服务器</translation>
    </message>
    <message>
        <source>Copy this data file to a database server</source>
        <translation>把本数据文件迁移到数据库服务器</translation>
    </message>
    <message>
        <source>Data file: {0}</source>
        <translation>数据文件：{0}</translation>
    </message>
    <message>
        <source>Everything in it (the ledger, the assessments, the archives, the accounts and the audit log) is copied into an empty database on the server and checked; it is kept only if every row arrived. The data in the data file is not changed (its audit log notes the copy).</source>
        <translation>文件中的全部内容（台账、各项考核、人员档案、账号和操作日志）复制到服务器上的一个空数据库并逐项核对，全部复制成功才保留。数据文件中的数据不做改动（其操作日志会记下这次复制）。</translation>
    </message>
    <message>
        <source>Target database on the server</source>
        <translation>目标：服务器上的数据库</translation>
    </message>
    <message>
        <source>e.g. kaohe_owner</source>
        <translation>如 kaohe_owner</translation>
    </message>
    <message>
        <source>The database must be empty: the server's administrator creates it for this. Use the account that owns it (e.g. kaohe_owner); the clerks later connect with their everyday server account.</source>
        <translation>该数据库必须是空的，由服务器管理员为此新建。请用拥有该数据库的账号（如 kaohe_owner）；以后各工作站用日常使用的服务器账号连接。</translation>
    </message>
    <message>
        <source>Shared folder of the attachments (佐证材料)</source>
        <translation>佐证材料共享文件夹</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>The attachments are not copied: they stay in this folder and the server database remembers it. Every workstation must reach it by this same path, so give the shared folder's network path (e.g. \\server\考核\佐证材料) rather than a drive letter of this computer.</source>
        <translation>佐证材料不复制，仍留在此文件夹中，服务器上的数据库会记下它的位置。各工作站都要能用同一路径访问它，请填写共享文件夹的网络路径（如 \\server\考核\佐证材料），不要用本机的盘符。</translation>
    </message>
    <message>
        <source>Copy to the server</source>
        <translation>开始迁移</translation>
    </message>
    <message>
        <source>Shared folder of the attachments</source>
        <translation>佐证材料共享文件夹</translation>
    </message>
    <message>
        <source>Enter the shared folder of the attachments.</source>
        <translation>请填写佐证材料共享文件夹。</translation>
    </message>
    <message>
        <source>Copying to {0}…</source>
        <translation>正在复制到 {0}…</translation>
    </message>
    <message>
        <source>Cancelled. Nothing was written to the server database.</source>
        <translation>已取消，服务器上的数据库未写入任何内容。</translation>
    </message>
</context>
<context>
    <name>MigratedDialog</name>
    <message>
        <source>Move to a database server</source>
        <translation>迁移到数据库服务器</translation>
    </message>
    <message>
        <source>The data file was copied to the database server and checked.</source>
        <translation>数据文件已复制到数据库服务器，并已核对无误。</translation>
    </message>
    <message>
        <source>The data in the data file was not changed. From now on the whole office should work in the server database: stop using the data file (keep it as an archive), or what is entered in it will not reach the server.</source>
        <translation>数据文件中的数据未做改动。从现在起，全办公室都应在服务器上的数据库中工作：请停止使用该数据文件（留作存档），否则在其中录入的内容不会进入服务器。</translation>
    </message>
    <message>
        <source>Open the server database now?</source>
        <translation>现在打开服务器上的数据库吗？</translation>
    </message>
    <message>
        <source>Open the server database</source>
        <translation>打开服务器上的数据库</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
</context>
<context>
    <name>MonthFilter</name>
    <message>
        <source>Show the tasks whose deadline window covers the month</source>
        <translation>显示完成时限覆盖该月的任务</translation>
    </message>
    <message>
        <source>All months</source>
        <translation>全部月份</translation>
    </message>
    <message>
        <source>Month {0}</source>
        <translation>{0}月</translation>
    </message>
</context>
<context>
    <name>NamedListDialog</name>
    <message>
        <source>Add…</source>
        <translation>新增…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>The data file is open read-only: {0}</source>
        <translation>数据文件以只读方式打开：{0}</translation>
    </message>
</context>
<context>
    <name>NotGradedDialog</name>
    <message>
        <source>Not graded (不定等次)</source>
        <translation>不定等次</translation>
    </message>
    <message>
        <source>Person:</source>
        <translation>人员：</translation>
    </message>
    <message>
        <source>Now:</source>
        <translation>当前：</translation>
    </message>
    <message>
        <source>Clear 不定等次: takes part in the grading again</source>
        <translation>取消不定等次：重新参加等次评定</translation>
    </message>
    <message>
        <source>不定等次 because of</source>
        <translation>不定等次原因</translation>
    </message>
    <message>
        <source>takes part, not graded yet</source>
        <translation>参加评定，尚未评出等次</translation>
    </message>
    <message>
        <source>A person with 不定等次 is not counted among the participants: the 好 quota is worked out without them, and they are not ranked. Their grade is left empty.</source>
        <translation>不定等次的人员不计入参评人数：计算好等次名额时不含其在内，也不参加排名，等次一栏留空。</translation>
    </message>
    <message>
        <source>The adjustment to {0} set by hand is removed.</source>
        <translation>原先人工定为{0}的调整将被清除。</translation>
    </message>
    <message>
        <source>Choose a reason, or clear 不定等次.</source>
        <translation>请选择原因，或取消不定等次。</translation>
    </message>
</context>
<context>
    <name>NoticeDialog</name>
    <message>
        <source>Issue notice (督办单)</source>
        <translation>下达督办单</translation>
    </message>
    <message>
        <source>What is wrong, and what must be done</source>
        <translation>存在的问题，以及需要整改的内容</translation>
    </message>
    <message>
        <source>Deduct points at once</source>
        <translation>立即扣分</translation>
    </message>
    <message>
        <source> points</source>
        <translation> 分</translation>
    </message>
    <message>
        <source>The deduction goes into the half year's 加减分 (半年考核) as 业务工作, with this notice's number as 依据文号.</source>
        <translation>扣分计入该半年考核的加减分（业务工作），依据文号为本督办单编号，无需另行录入。</translation>
    </message>
    <message>
        <source>Department:</source>
        <translation>科室：</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>期间：</translation>
    </message>
    <message>
        <source>(none: written by hand)</source>
        <translation>（无，手工填写）</translation>
    </message>
    <message>
        <source>Tasks:</source>
        <translation>涉及任务：</translation>
    </message>
    <message>
        <source>Colour:</source>
        <translation>督办等级：</translation>
    </message>
    <message>
        <source>Issued on:</source>
        <translation>下达日期：</translation>
    </message>
    <message>
        <source>Rectify by:</source>
        <translation>整改时限：</translation>
    </message>
    <message>
        <source>Problem:</source>
        <translation>存在问题：</translation>
    </message>
    <message>
        <source>Deduction:</source>
        <translation>扣分：</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>下达</translation>
    </message>
    <message>
        <source>Change notice {0}</source>
        <translation>修改督办单 {0}</translation>
    </message>
    <message>
        <source>Cancel, then open Change… again: it shows the notice as saved now.</source>
        <translation>请取消后重新点“修改…”，查看督办单现在保存的内容。</translation>
    </message>
    <message>
        <source>The half year's 加减分 (半年考核, 业务工作, 依据文号 {0}) follows: a changed deduction changes it, and no deduction removes it.</source>
        <translation>半年考核中对应的加减分（业务工作，依据文号 {0}）随之更改；取消扣分则删除该条加减分。</translation>
    </message>
    <message>
        <source>Number:</source>
        <translation>编号：</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
<context>
    <name>NoticeTableModel</name>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>科室</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>Issued on</source>
        <translation>下达日期</translation>
    </message>
    <message>
        <source>Rectify by</source>
        <translation>整改时限</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>存在问题</translation>
    </message>
    <message>
        <source>Deduction</source>
        <translation>扣分</translation>
    </message>
    <message>
        <source>Rectification</source>
        <translation>整改情况</translation>
    </message>
    <message>
        <source>Verified, closed</source>
        <translation>已核实销号</translation>
    </message>
    <message>
        <source>No plan yet</source>
        <translation>未填整改</translation>
    </message>
    <message>
        <source>Done, awaiting verification</source>
        <translation>已整改待核实</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>整改中</translation>
    </message>
</context>
<context>
    <name>NoticesDialog</name>
    <message>
        <source>Notices (督办单) of {0}</source>
        <translation>{0}年度督办单</translation>
    </message>
    <message>
        <source>All notices</source>
        <translation>全部督办单</translation>
    </message>
    <message>
        <source>Open (not closed)</source>
        <translation>未销号</translation>
    </message>
    <message>
        <source>Rectification and verification…</source>
        <translation>整改与核实…</translation>
    </message>
    <message>
        <source>Print notice…</source>
        <translation>打印督办单…</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>{0} notices, {1} closed, {2} overdue</source>
        <translation>共 {0} 份，已销号 {1} 份，逾期未整改 {2} 份</translation>
    </message>
    <message>
        <source>Print notice</source>
        <translation>打印督办单</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Withdraw…</source>
        <translation>撤回…</translation>
    </message>
    <message>
        <source>Correct the colour, problem, 整改时限 or deduction</source>
        <translation>更正督办等级、存在问题、整改时限或扣分</translation>
    </message>
    <message>
        <source>Withdraw a notice issued by mistake</source>
        <translation>撤回误下达的督办单</translation>
    </message>
    <message>
        <source>Select a notice first</source>
        <translation>请先选择一份督办单</translation>
    </message>
    <message>
        <source>{0} is verified and closed (已销号): it stays as it is</source>
        <translation>{0} 已核实销号，不能再修改或撤回</translation>
    </message>
    <message>
        <source>The data file is open read-only: {0}</source>
        <translation>数据文件以只读方式打开：{0}</translation>
    </message>
    <message>
        <source>Your role ({0}) may not: {1}</source>
        <translation>您的角色（{0}）不能：{1}</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>The printer could not be started.</source>
        <translation>无法启动打印机。</translation>
    </message>
    <message>
        <source>Printing page {0} of {1}…</source>
        <translation>正在打印第 {0} 页，共 {1} 页…</translation>
    </message>
    <message>
        <source>Preview: {0}</source>
        <translation>预览：{0}</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>The PDF could not be opened: {0}</source>
        <translation>无法打开 PDF：{0}</translation>
    </message>
    <message>
        <source>Page {0} of {1}</source>
        <translation>第 {0} 页 共 {1} 页</translation>
    </message>
    <message>
        <source>Save PDF</source>
        <translation>保存 PDF</translation>
    </message>
    <message>
        <source>Saved to:
{0}</source>
        <translation>已保存到：
{0}</translation>
    </message>
</context>
<context>
    <name>PendingPanel</name>
    <message>
        <source>Total {0} equals another of its group across a quota line</source>
        <translation>总分 {0} 与同组科室并列且跨越等次名额</translation>
    </message>
    <message>
        <source>Awaiting decision</source>
        <translation>待裁定</translation>
    </message>
    <message>
        <source>Check missing</source>
        <translation>缺查账</translation>
    </message>
    <message>
        <source>Only these departments</source>
        <translation>只看这些科室</translation>
    </message>
    <message>
        <source>Show only the departments listed here in the table</source>
        <translation>表格中只显示这里列出的科室</translation>
    </message>
    <message>
        <source>To do before closing</source>
        <translation>关闭前待处理</translation>
    </message>
    <message>
        <source>The half is closed: its results are stored.</source>
        <translation>本半年已关闭，考核结果已保存。</translation>
    </message>
    <message>
        <source>Nothing is missing and no tie waits: the half can be closed.</source>
        <translation>没有缺少的查账，也没有待裁定的并列：本半年可以关闭。</translation>
    </message>
    <message>
        <source>{0} checks missing</source>
        <translation>缺查账 {0} 项</translation>
    </message>
    <message>
        <source>{0} departments awaiting the committee</source>
        <translation>待委员会裁定 {0} 个科室</translation>
    </message>
    <message>
        <source>{0}; {1}</source>
        <translation>{0}；{1}</translation>
    </message>
    <message>
        <source>To do before closing: {0}.</source>
        <translation>关闭前待处理：{0}。</translation>
    </message>
</context>
<context>
    <name>PendingTableModel</name>
    <message>
        <source>Item</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>科室</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
</context>
<context>
    <name>PeoplePanel</name>
    <message>
        <source>Code, name, initials (zs), department or status</source>
        <translation>编号、姓名、拼音首字母（如 zs）、科室或状态</translation>
    </message>
    <message>
        <source>Type a code, a name, the pinyin initials of a name (zs for 张三), a department or a status (退休); several words must all match</source>
        <translation>可输入编号、姓名、姓名拼音首字母（zs 即张三）、科室或状态（如退休）；输入多个词时须全部符合</translation>
    </message>
    <message>
        <source>Show retired and transferred people</source>
        <translation>显示已退休/调出人员</translation>
    </message>
    <message>
        <source>People out of service (退休, 调出, 离职) are listed greyed, with their status</source>
        <translation>已退休、调出、离职的人员以灰色显示，并标明状态</translation>
    </message>
    <message>
        <source>{0} of {1} people shown</source>
        <translation>显示 {0} 人，共 {1} 人</translation>
    </message>
    <message>
        <source> ({0} out of service)</source>
        <translation>（其中 {0} 人已不在岗）</translation>
    </message>
</context>
<context>
    <name>PeriodChooser</name>
    <message>
        <source>Quarters list the routine tasks (常规工作), months the key tasks (重点工作)</source>
        <translation>选季度查常规工作，选月份查重点工作</translation>
    </message>
    <message>
        <source>routine</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>key</source>
        <translation>重点</translation>
    </message>
</context>
<context>
    <name>PeriodClosing</name>
    <message>
        <source>{0} is closed already.</source>
        <translation>{0}已经关闭。</translation>
    </message>
    <message>
        <source>The data file is open read-only: {0}</source>
        <translation>数据文件以只读方式打开：{0}</translation>
    </message>
    <message>
        <source>{0} is closed.</source>
        <translation>{0}已关闭。</translation>
    </message>
    <message>
        <source>Checking the data file and closing {0}…</source>
        <translation>正在检查数据文件并关闭{0}…</translation>
    </message>
    <message>
        <source>Reopen {0}</source>
        <translation>重新开放{0}</translation>
    </message>
    <message>
        <source>{0} is open.</source>
        <translation>{0}尚未关闭。</translation>
    </message>
    <message>
        <source>{0} is locked because {1} is closed. Reopen {1} under Manage → Close periods.</source>
        <translation>{0}因{1}已关闭而锁定。请在“管理 → 期间关闭”中重新开放{1}。</translation>
    </message>
    <message>
        <source>{0} is locked because {1} was closed by {2} on {3}: read-only.</source>
        <translation>{0}已锁定，因为{1}已由{2}于 {3} 关闭：只读。</translation>
    </message>
    <message>
        <source>Note: {0}</source>
        <translation>关闭说明：{0}</translation>
    </message>
    <message>
        <source>You can reopen it with a reason.</source>
        <translation>您可以填写理由后重新开放。</translation>
    </message>
</context>
<context>
    <name>PeriodTableModel</name>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Note / reason</source>
        <translation>说明/理由</translation>
    </message>
</context>
<context>
    <name>Periods</name>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>曾重新开放</translation>
    </message>
    <message>
        <source>Locked with {0}</source>
        <translation>随 {0} 锁定</translation>
    </message>
    <message>
        <source>Not closed</source>
        <translation>未关闭</translation>
    </message>
</context>
<context>
    <name>PeriodsDialog</name>
    <message>
        <source>Close periods</source>
        <translation>期间关闭</translation>
    </message>
    <message>
        <source>Year:</source>
        <translation>年度：</translation>
    </message>
    <message>
        <source>A closed period is read-only for everyone, on every workstation; the data file itself refuses changes to its rows. Closing a half year or the year also locks the quarters inside it. Only an administrator can reopen a period, with a reason that is kept in the audit log.</source>
        <translation>已关闭的期间对所有人、在每台计算机上都是只读的；数据文件本身会拒绝修改其中的数据。关闭半年或全年时，其中的各季度也一并锁定。只有管理员可以重新开放期间，且须填写理由，理由记入操作日志。</translation>
    </message>
    <message>
        <source>Close period…</source>
        <translation>关闭期间…</translation>
    </message>
    <message>
        <source>Reopen…</source>
        <translation>重新开放…</translation>
    </message>
    <message>
        <source>History of closes</source>
        <translation>关闭记录</translation>
    </message>
    <message>
        <source>The data file is open read-only: {0}</source>
        <translation>数据文件以只读方式打开：{0}</translation>
    </message>
    <message>
        <source>Only a reviewer or an administrator can close periods.</source>
        <translation>只有审核人或管理员可以关闭期间。</translation>
    </message>
    <message>
        <source>Only an administrator can reopen a closed period.</source>
        <translation>只有管理员可以重新开放已关闭的期间。</translation>
    </message>
    <message>
        <source>Close period</source>
        <translation>关闭期间</translation>
    </message>
    <message>
        <source>Note for {0} (optional):</source>
        <translation>{0}的关闭说明（可不填）：</translation>
    </message>
    <message>
        <source>Close {0}?</source>
        <translation>要关闭{0}吗？</translation>
    </message>
    <message>
        <source>Its rows become read-only for everyone until an administrator reopens it. A full integrity check of the data file runs first; on a network drive this can take a while.</source>
        <translation>关闭后，该期间的数据对所有人都是只读的，直到管理员重新开放。关闭前会先对数据文件进行完整性检查；数据文件在网络盘上时，这可能需要一段时间。</translation>
    </message>
    <message>
        <source>Close anyway?</source>
        <translation>仍要关闭吗？</translation>
    </message>
    <message>
        <source>{0} is closed.</source>
        <translation>{0}已关闭。</translation>
    </message>
    <message>
        <source>Checking the data file and closing {0}…</source>
        <translation>正在检查数据文件并关闭{0}…</translation>
    </message>
    <message>
        <source>Reopen period</source>
        <translation>重新开放期间</translation>
    </message>
    <message>
        <source>Why must {0} be reopened? (required, kept in the audit log)</source>
        <translation>为什么要重新开放{0}？（必填，将记入操作日志）</translation>
    </message>
    <message>
        <source>A period is reopened only with a reason.</source>
        <translation>重新开放期间必须填写理由。</translation>
    </message>
</context>
<context>
    <name>PersonDetails</name>
    <message>
        <source>Code:</source>
        <translation>编号：</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <source>Gender:</source>
        <translation>性别：</translation>
    </message>
    <message>
        <source>Date of birth:</source>
        <translation>出生日期：</translation>
    </message>
    <message>
        <source>Political status:</source>
        <translation>政治面貌：</translation>
    </message>
    <message>
        <source>Department:</source>
        <translation>科室：</translation>
    </message>
    <message>
        <source>Post and rank:</source>
        <translation>职务职级：</translation>
    </message>
    <message>
        <source>Staff category:</source>
        <translation>人员类别：</translation>
    </message>
    <message>
        <source>Key post:</source>
        <translation>关键岗位：</translation>
    </message>
    <message>
        <source>Started work:</source>
        <translation>参加工作时间：</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>PersonFindModel</name>
    <message>
        <source>Key post (关键岗位)</source>
        <translation>关键岗位</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Names in bold hold a key post</source>
        <translation>粗体姓名为关键岗位人员</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>科室</translation>
    </message>
    <message>
        <source>Post and rank</source>
        <translation>职务职级</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>PostingDialog</name>
    <message>
        <source>Print the 优秀 notice</source>
        <translation>打印优秀公示</translation>
    </message>
    <message>
        <source>{0} people recommended for 优秀: {1}</source>
        <translation>拟推荐优秀 {0} 人：{1}</translation>
    </message>
    <message>
        <source> working days</source>
        <translation> 个工作日</translation>
    </message>
    <message>
        <source>Posted from:</source>
        <translation>公示开始：</translation>
    </message>
    <message>
        <source>For:</source>
        <translation>公示期：</translation>
    </message>
    <message>
        <source>Until:</source>
        <translation>公示截止：</translation>
    </message>
    <message>
        <source>Working days are Monday to Friday; allow for holidays yourself.</source>
        <translation>工作日按周一至周五计算，节假日请自行调整。</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择保存位置…</translation>
    </message>
</context>
<context>
    <name>QuarterClosing</name>
    <message>
        <source>Close {0}</source>
        <translation>关闭{0}</translation>
    </message>
    <message>
        <source>Only a reviewer or an administrator can close a quarter.</source>
        <translation>只有审核人或管理员可以关闭季度。</translation>
    </message>
    <message>
        <source>Only an administrator can reopen a quarter.</source>
        <translation>只有管理员可以重新开放季度。</translation>
    </message>
</context>
<context>
    <name>QuarterScoreChart</name>
    <message>
        <source>Only one quarter is scored so far ({0}: {1}); the line appears with the second.</source>
        <translation>目前只有一个季度有得分（{0}：{1}），有第二个季度后显示折线。</translation>
    </message>
    <message>
        <source>No quarter is scored yet: the chart of 综合得分 appears from the second.</source>
        <translation>还没有季度得分：有两个季度的综合得分后显示折线图。</translation>
    </message>
    <message>
        <source>综合得分 by quarter (axis from {0})</source>
        <translation>各季度综合得分（纵轴从 {0} 起）</translation>
    </message>
</context>
<context>
    <name>QuarterlyActions</name>
    <message>
        <source>Comments…</source>
        <translation>点评…</translation>
    </message>
    <message>
        <source>Adjust grade…</source>
        <translation>等次调整…</translation>
    </message>
    <message>
        <source>Not graded…</source>
        <translation>不定等次…</translation>
    </message>
    <message>
        <source>Close quarter…</source>
        <translation>关闭季度…</translation>
    </message>
    <message>
        <source>Reopen…</source>
        <translation>重新开放…</translation>
    </message>
    <message>
        <source>Export ranking…</source>
        <translation>导出排名表…</translation>
    </message>
    <message>
        <source>Summary PDF…</source>
        <translation>汇总表 PDF…</translation>
    </message>
    <message>
        <source>Distribution</source>
        <translation>分布图</translation>
    </message>
    <message>
        <source>Open a data file first</source>
        <translation>请先打开数据文件</translation>
    </message>
    <message>
        <source>Nobody is on the roster of {0}</source>
        <translation>{0}的考核名单中没有人员</translation>
    </message>
    <message>
        <source>Select a person first</source>
        <translation>请先选择人员</translation>
    </message>
    <message>
        <source>Praise and criticism of the selected person this quarter</source>
        <translation>所选人员本季度受到的表扬和批评</translation>
    </message>
    <message>
        <source>{0} is 不定等次; clear that first (Not graded…)</source>
        <translation>{0}为不定等次；请先取消（不定等次…）</translation>
    </message>
    <message>
        <source>Set 好 within the quota, 较差 with a reason, or settle a tie</source>
        <translation>在名额内定为好、说明理由定为较差，或处理并列</translation>
    </message>
    <message>
        <source>Mark the selected person 不定等次 (probation, leave, investigation)</source>
        <translation>将所选人员标为不定等次（试用期、请假、立案调查）</translation>
    </message>
    <message>
        <source>Write the ranking workbook (汇总 and one sheet per staff category)</source>
        <translation>生成排名表工作簿（汇总表及每个人员类别各一张表）</translation>
    </message>
    <message>
        <source>Write the 平时考核结果汇总表 as a PDF</source>
        <translation>将平时考核结果汇总表生成 PDF</translation>
    </message>
    <message>
        <source>Show the grades per department beside the grid</source>
        <translation>在表格旁显示各科室的等次分布</translation>
    </message>
    <message>
        <source>{0} is closed</source>
        <translation>{0}已关闭</translation>
    </message>
    <message>
        <source>Lock the quarter and store its grades and ranks</source>
        <translation>锁定本季度，并保存其等次和排名</translation>
    </message>
    <message>
        <source>{0} people still keep the quarter from closing; press to list them</source>
        <translation>还有 {0} 人未处理完，季度无法关闭；点击查看名单</translation>
    </message>
    <message>
        <source>The quarter is open</source>
        <translation>本季度尚未关闭</translation>
    </message>
    <message>
        <source>Reopen the closed quarter (with a reason)</source>
        <translation>重新开放已关闭的季度（须填写理由）</translation>
    </message>
    <message>
        <source>{0} is closed; an administrator can reopen it</source>
        <translation>{0}已关闭；管理员可以重新开放</translation>
    </message>
    <message>
        <source>Your role ({0}) may not close a quarter; a reviewer or an administrator can.</source>
        <translation>您的角色（{0}）无权关闭季度；审核人或管理员可以关闭。</translation>
    </message>
    <message>
        <source>Only an administrator can reopen a quarter (your role: {0}).</source>
        <translation>只有管理员可以重新开放季度（您的角色：{0}）。</translation>
    </message>
    <message>
        <source>The data file is open read-only: {0}</source>
        <translation>数据文件以只读方式打开：{0}</translation>
    </message>
    <message>
        <source>Your role ({0}) may view the grading but not change it.</source>
        <translation>您的角色（{0}）只能查看平时考核，不能修改。</translation>
    </message>
</context>
<context>
    <name>QuarterlyBanners</name>
    <message>
        <source>{0} is closed: the grid is read-only.</source>
        <translation>{0}已关闭：表格为只读。</translation>
    </message>
    <message>
        <source>{0} was closed by {1} on {2}: the grid is read-only.</source>
        <translation>{0}已由{1}于 {2} 关闭：表格为只读。</translation>
    </message>
    <message>
        <source>Scores cannot be entered: the data file is open read-only ({0}).</source>
        <translation>不能录入分数：数据文件以只读方式打开（{0}）。</translation>
    </message>
    <message>
        <source>Your role ({0}) may view the grading but not change it.</source>
        <translation>您的角色（{0}）只能查看平时考核，不能修改。</translation>
    </message>
    <message>
        <source>These departments are read-only here while another workstation edits them:</source>
        <translation>以下科室正由其他计算机编辑，在本机为只读：</translation>
    </message>
    <message>
        <source>{0} people are equal on 综合得分, 领导测评分 and 实绩分 across the last 好 slot, so all of them are 较好 for now. Ways out: set 好 by hand (Adjust grade…) for as many of them as there are slots left ({1}); confirm 较好 for the others (Adjust grade… → 较好, with the committee's reason); or correct a score that was entered wrongly.</source>
        <translation>有 {0} 人的综合得分、领导测评分和实绩分完全相同，并列在好等次名额的分界线上（剩余名额不够全部定为好），因此暂时都定为较好。处理办法：按剩余名额（{1}）将其中相应人数人工定为好（等次调整…）；其余人员确认为较好（等次调整… → 较好，并填写考核委员会的理由）；或更正录错的分数。</translation>
    </message>
    <message>
        <source>{0} people were set to 好 by hand, more than the quota allows now, so none of those counts: clear the manual 好 of some of them (Adjust grade… → Clear) until they fit the slots ({1}).</source>
        <translation>有 {0} 人被人工定为好，超出了现有名额，因此这些人工设定均不生效：请取消其中部分人员的人工好等次（等次调整… → 取消调整），直到不超过剩余名额（{1}）。</translation>
    </message>
    <message>
        <source>{0} people have 好 or 较好 set by hand but a 综合得分 now under the 好 line, so the setting does not count: clear it (Adjust grade… → Clear) or correct the score.</source>
        <translation>有 {0} 人被人工定为好或较好，但综合得分现已低于好等次分数线，该设定不生效：请取消调整（等次调整… → 取消调整），或更正录错的分数。</translation>
    </message>
</context>
<context>
    <name>QuarterlyDialogs</name>
    <message>
        <source>The data file is open read-only: {0}</source>
        <translation>数据文件以只读方式打开：{0}</translation>
    </message>
    <message>
        <source>Only a clerk or an administrator can change the grading.</source>
        <translation>只有录入员或管理员可以修改平时考核。</translation>
    </message>
    <message>
        <source>{0} is closed and read-only; an administrator can reopen it.</source>
        <translation>{0}已关闭，为只读；管理员可以重新开放。</translation>
    </message>
    <message>
        <source>The grading of {0} is not open for editing here: you can only look.</source>
        <translation>{0}的平时考核在本机不可编辑，只能查看。</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>QuarterlyTab</name>
    <message>
        <source>Q1</source>
        <translation>第一季度</translation>
    </message>
    <message>
        <source>Q2</source>
        <translation>第二季度</translation>
    </message>
    <message>
        <source>Q3</source>
        <translation>第三季度</translation>
    </message>
    <message>
        <source>Q4</source>
        <translation>第四季度</translation>
    </message>
    <message>
        <source>Nobody is on the roster of {0}: the roster is everyone assigned to a department during the quarter. Import the 人员 sheet (and, if you have them, the 平时考核 scores, period {1}) of the template with File → Import workbook.</source>
        <translation>{0}的考核名单为空：考核名单是本季度内在各科室任职的全部人员。请用“文件 → 导入工作簿”导入模板中的“人员”表（如已有分数，一并导入“平时考核”表，期间填 {1}）。</translation>
    </message>
    <message>
        <source>Showing the {0} people who keep the quarter from closing: enter their missing scores, or settle their flags.</source>
        <translation>正在显示影响季度关闭的 {0} 人：请补录其缺少的分数，或处理其标记。</translation>
    </message>
    <message>
        <source>{0} people, {1} not yet scored, {2} not graded, {3} 好</source>
        <translation>共 {0} 人，未评分 {1} 人，不定等次 {2} 人，好 {3} 人</translation>
    </message>
    <message>
        <source>{0} of {1} shown</source>
        <translation>显示 {0} 人（共 {1} 人）</translation>
    </message>
    <message>
        <source>Quarter:</source>
        <translation>季度：</translation>
    </message>
</context>
<context>
    <name>QuotaBar</name>
    <message>
        <source>Resolve…</source>
        <translation>处理…</translation>
    </message>
    <message>
        <source>Show only the flagged people and what can be done</source>
        <translation>只显示有标记的人员及处理办法</translation>
    </message>
    <message>
        <source>好 quota per department (quota/used/left):</source>
        <translation>各科室好等次名额（名额/已用/剩余）：</translation>
    </message>
    <message>
        <source>好 quota:</source>
        <translation>好等次名额：</translation>
    </message>
    <message>
        <source>At most {0} of the people assessed, rounded down; 不定等次 not counted</source>
        <translation>不超过参评人数的 {0}，向下取整；不定等次人员不计入</translation>
    </message>
    <message>
        <source>quota {0} / used {1} / left {2}  ({3} assessed)</source>
        <translation>名额 {0} / 已用 {1} / 剩余 {2}（参评 {3} 人）</translation>
    </message>
    <message>
        <source>{0}: {1} people</source>
        <translation>{0}：{1} 人</translation>
    </message>
</context>
<context>
    <name>QuotaCounterBar</name>
    <message>
        <source>Resolve…</source>
        <translation>处理…</translation>
    </message>
    <message>
        <source>Show only the flagged people</source>
        <translation>只显示需处理的人员</translation>
    </message>
    <message>
        <source>优秀 quota {0} · recommended {1} · left {2}</source>
        <translation>优秀名额 {0} · 已推荐 {1} · 剩余 {2}</translation>
    </message>
    <message>
        <source>Over the quota by {0}: withdraw recommendations</source>
        <translation>超出名额 {0} 人：请取消多出的推荐</translation>
    </message>
    <message>
        <source>The quota is full</source>
        <translation>名额已满</translation>
    </message>
    <message>
        <source>Too few people assessed for a 优秀 place</source>
        <translation>参加考核人数太少，没有优秀名额</translation>
    </message>
    <message>
        <source>{0} to settle before closing</source>
        <translation>关闭前须处理 {0} 人</translation>
    </message>
</context>
<context>
    <name>RankingActions</name>
    <message>
        <source>Saved to:
{0}</source>
        <translation>已保存到：
{0}</translation>
    </message>
    <message>
        <source>Writing {0}…</source>
        <translation>正在生成 {0}…</translation>
    </message>
    <message>
        <source>Export ranking workbook</source>
        <translation>导出排名表</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Save summary table (PDF)</source>
        <translation>保存汇总表（PDF）</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
</context>
<context>
    <name>RecentFilesMenu</name>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>Database on a server</source>
        <translation>数据库服务器上的数据库</translation>
    </message>
    <message>
        <source>Not found (is the network drive connected?)</source>
        <translation>找不到文件（网络盘是否已连接？）</translation>
    </message>
    <message>
        <source>(no recent files)</source>
        <translation>（没有最近打开的文件）</translation>
    </message>
    <message>
        <source>Clear list</source>
        <translation>清除列表</translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <source>Edit {0}: {1}</source>
        <translation>编辑{0}：{1}</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>The data file is open read-only: {0}</source>
        <translation>数据文件以只读方式打开：{0}</translation>
    </message>
    <message>
        <source>Your role ({0}) may view records but not change them.</source>
        <translation>您的角色（{0}）可以查看记录，但不能修改。</translation>
    </message>
    <message>
        <source>Take over</source>
        <translation>接管</translation>
    </message>
    <message>
        <source>Last changed: {0}</source>
        <translation>最后修改：{0}</translation>
    </message>
    <message>
        <source>Updated to the version saved by {0}.</source>
        <translation>已更新为对方保存的版本（{0}）。</translation>
    </message>
    <message>
        <source>This record was changed by someone else ({0}).</source>
        <translation>此记录已被他人修改（{0}）。</translation>
    </message>
    <message>
        <source>See their version</source>
        <translation>查看对方版本</translation>
    </message>
    <message>
        <source>This record was deleted by someone else; it can no longer be saved.</source>
        <translation>此记录已被他人删除，无法再保存。</translation>
    </message>
    <message>
        <source>Switched to read-only: {0}</source>
        <translation>已转为只读：{0}</translation>
    </message>
    <message>
        <source>Export my changes…</source>
        <translation>导出我的修改…</translation>
    </message>
    <message>
        <source>Close and discard your unsaved changes?</source>
        <translation>关闭并放弃未保存的修改吗？</translation>
    </message>
    <message>
        <source>Choose No to keep editing (or to export them first).</source>
        <translation>选择“否”可继续编辑（或先导出修改）。</translation>
    </message>
</context>
<context>
    <name>RecordForm</name>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>RectificationDialog</name>
    <message>
        <source>Issued on {0}, rectify by {1}</source>
        <translation>下达日期 {0}，整改时限 {1}</translation>
    </message>
    <message>
        <source>Tasks: {0}</source>
        <translation>涉及任务：{0}</translation>
    </message>
    <message>
        <source>Problem: {0}</source>
        <translation>存在问题：{0}</translation>
    </message>
    <message>
        <source>Deduction: {0} points (半年考核, 业务工作)</source>
        <translation>扣分：{0} 分（计入半年考核业务工作）</translation>
    </message>
    <message>
        <source>Rectification (整改) of {0}</source>
        <translation>{0} 整改</translation>
    </message>
    <message>
        <source>What the rectification must achieve</source>
        <translation>整改要达到的目标</translation>
    </message>
    <message>
        <source>The things to put right</source>
        <translation>需要整改的事项</translation>
    </message>
    <message>
        <source>How, by whom</source>
        <translation>整改措施、责任人</translation>
    </message>
    <message>
        <source>What was done (filled in when done)</source>
        <translation>整改完成后填写</translation>
    </message>
    <message>
        <source>Save rectification</source>
        <translation>保存整改</translation>
    </message>
    <message>
        <source>Verify and close</source>
        <translation>核实并销号</translation>
    </message>
    <message>
        <source>Print notice…</source>
        <translation>打印督办单…</translation>
    </message>
    <message>
        <source>Target:</source>
        <translation>整改目标：</translation>
    </message>
    <message>
        <source>Items:</source>
        <translation>整改事项：</translation>
    </message>
    <message>
        <source>Rectify by:</source>
        <translation>整改时限：</translation>
    </message>
    <message>
        <source>Measures:</source>
        <translation>整改措施：</translation>
    </message>
    <message>
        <source>Result:</source>
        <translation>整改结果：</translation>
    </message>
    <message>
        <source>Rectification</source>
        <translation>整改</translation>
    </message>
    <message>
        <source>Verified by:</source>
        <translation>核实人：</translation>
    </message>
    <message>
        <source>on</source>
        <translation>核实日期：</translation>
    </message>
    <message>
        <source>Verification (closes the notice)</source>
        <translation>核实（核实后督办单销号）</translation>
    </message>
    <message>
        <source>Rectified and verified by {0} on {1}: the notice is closed.</source>
        <translation>已整改，{0} 于 {1} 核实，督办单已销号。</translation>
    </message>
    <message>
        <source>The rectification is overdue: it was due by {0}.</source>
        <translation>整改已逾期：整改时限为 {0}。</translation>
    </message>
    <message>
        <source>No rectification recorded yet: fill in the plan and save.</source>
        <translation>尚未填写整改：请填写整改目标、事项和措施后保存。</translation>
    </message>
    <message>
        <source>A reviewer or an administrator verifies the result.</source>
        <translation>整改结果由审核人或管理员核实。</translation>
    </message>
    <message>
        <source>Print notice</source>
        <translation>打印督办单</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <source>Reset password</source>
        <translation>重设密码</translation>
    </message>
    <message>
        <source>Set a new password for “{0}”. It also unlocks the account. Tell the colleague, who should then change it.</source>
        <translation>为“{0}”设置新密码，同时解除该账号的锁定。请将新密码告知该同事，并请其登录后自行修改。</translation>
    </message>
    <message>
        <source>New password:</source>
        <translation>新密码：</translation>
    </message>
    <message>
        <source>Repeat password:</source>
        <translation>确认密码：</translation>
    </message>
</context>
<context>
    <name>RewardDialog</name>
    <message>
        <source>Edit commendation or discipline</source>
        <translation>修改奖惩</translation>
    </message>
    <message>
        <source>Add commendation or discipline</source>
        <translation>新增奖惩</translation>
    </message>
    <message>
        <source>Commendation (奖励)</source>
        <translation>奖励</translation>
    </message>
    <message>
        <source>Discipline or organisational measure (处分·组织处理)</source>
        <translation>处分·组织处理</translation>
    </message>
    <message>
        <source>e.g. 霍市监发〔2026〕12号</source>
        <translation>如 霍市监发〔2026〕12号</translation>
    </message>
    <message>
        <source>No impact period</source>
        <translation>无影响期</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <source>Document no.:</source>
        <translation>文号：</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>事由：</translation>
    </message>
    <message>
        <source>Impact until:</source>
        <translation>影响期至：</translation>
    </message>
    <message>
        <source>Effect:</source>
        <translation>影响：</translation>
    </message>
    <message>
        <source>Set from the type: {0}. Change it if the decision says otherwise.</source>
        <translation>按类型自动计算：{0}。如决定另有规定，可修改。</translation>
    </message>
    <message>
        <source>no impact period</source>
        <translation>无影响期</translation>
    </message>
    <message>
        <source>until {0}</source>
        <translation>至 {0}</translation>
    </message>
    <message>
        <source>Set by hand; the type's default is {0}.</source>
        <translation>已手工修改；按类型应为{0}。</translation>
    </message>
    <message>
        <source>A commendation does not limit the annual grade.</source>
        <translation>奖励不影响年度考核等次。</translation>
    </message>
    <message>
        <source>{0} does not limit the annual grade.</source>
        <translation>{0}不影响年度考核等次。</translation>
    </message>
</context>
<context>
    <name>RotationModel</name>
    <message>
        <source>Due now</source>
        <translation>已到期</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>科室</translation>
    </message>
    <message>
        <source>Post and rank</source>
        <translation>职务职级</translation>
    </message>
    <message>
        <source>In the department since</source>
        <translation>本科室任职起始</translation>
    </message>
    <message>
        <source>Years full on</source>
        <translation>满年限日期</translation>
    </message>
    <message>
        <source>{0} years in the department</source>
        <translation>在本科室任职满 {0} 年</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>是否到期</translation>
    </message>
</context>
<context>
    <name>RoutineTalkModel</name>
    <message>
        <source>never</source>
        <translation>从未谈话</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>科室</translation>
    </message>
    <message>
        <source>Post and rank</source>
        <translation>职务职级</translation>
    </message>
    <message>
        <source>Held / required</source>
        <translation>已谈/应谈</translation>
    </message>
    <message>
        <source>Routine talks held this year / at least required</source>
        <translation>本年度已进行的谈心谈话次数 / 至少应谈次数</translation>
    </message>
    <message>
        <source>Last talk</source>
        <translation>最近一次谈话</translation>
    </message>
</context>
<context>
    <name>SampleDialog</name>
    <message>
        <source>Leaders' spot check (局领导抽查), {0}</source>
        <translation>{0}局领导抽查</translation>
    </message>
    <message>
        <source>A share:</source>
        <translation>按比例：</translation>
    </message>
    <message>
        <source>A number:</source>
        <translation>按数量：</translation>
    </message>
    <message>
        <source> checks</source>
        <translation> 项</translation>
    </message>
    <message>
        <source>Draw</source>
        <translation>抽取</translation>
    </message>
    <message>
        <source>Print list…</source>
        <translation>打印抽查清单…</translation>
    </message>
    <message>
        <source>A reviewer or an administrator draws the sample</source>
        <translation>由审核人或管理员抽取</translation>
    </message>
    <message>
        <source>No sample drawn for {0} yet.</source>
        <translation>{0}尚未抽取。</translation>
    </message>
    <message>
        <source>{0} checks</source>
        <translation>{0} 项</translation>
    </message>
    <message>
        <source>Drawn by {0} on {1}: {2} of {3} confirmed checks ({4}). Seed {5}: the same seed over the same checks draws the same list.</source>
        <translation>{0} 于 {1} 抽取：从 {3} 项已确认的查账记录中抽取 {2} 项（{4}）。随机种子 {5}：同一种子对同样的记录总能抽出同一份清单。</translation>
    </message>
    <message>
        <source>Draw again? The new list replaces the one drawn on {0}.</source>
        <translation>重新抽取？新清单将取代 {0} 抽取的清单。</translation>
    </message>
    <message>
        <source>三级 checks already recorded stay; new ones only on the new list.</source>
        <translation>已录入的三级核查保留；新的三级核查只能录入新清单中的项目。</translation>
    </message>
    <message>
        <source>Print spot check list</source>
        <translation>打印抽查清单</translation>
    </message>
</context>
<context>
    <name>SampleTableModel</name>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>工作任务</translation>
    </message>
    <message>
        <source>Responsible department</source>
        <translation>责任科室</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>认定结果</translation>
    </message>
</context>
<context>
    <name>SchemeForm</name>
    <message>
        <source>(No staff categories yet: add them under Basic data first)</source>
        <translation>（尚无人员类别：请先在“基础数据”中添加）</translation>
    </message>
</context>
<context>
    <name>SchemeLine</name>
    <message>
        <source>Scheme details</source>
        <translation>方案详情</translation>
    </message>
    <message>
        <source>the half's own rules</source>
        <translation>本半年已定的方案</translation>
    </message>
    <message>
        <source>rules of the latest scheme, frozen into the half at its first entry</source>
        <translation>沿用最近的方案，首次录入时固定到本半年</translation>
    </message>
    <message>
        <source>Scheme: {0} ({1})</source>
        <translation>考核方案：{0}（{1}）</translation>
    </message>
</context>
<context>
    <name>SchemePeriodsModel</name>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>Scheme from</source>
        <translation>方案来源</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Scheme in force</source>
        <translation>执行的方案</translation>
    </message>
</context>
<context>
    <name>SchemesDialog</name>
    <message>
        <source>Assessment schemes</source>
        <translation>考核方案</translation>
    </message>
    <message>
        <source>Your role ({0}) may view the schemes; only an administrator changes them.</source>
        <translation>您的角色（{0}）可以查看考核方案；只有管理员可以修改。</translation>
    </message>
    <message>
        <source>Each period is assessed by its own scheme. A period without one takes the scheme of the latest earlier period (else the defaults). An administrator may set a period's scheme ahead; its first entry freezes it, and from then on it cannot change, so nobody is rescored. To change the rules, change the next period's scheme.</source>
        <translation>每一期按本期的考核方案考核。本期没有单独设定方案的，沿用此前最近一期的方案（没有则用默认方案）。管理员可以提前设定某一期的方案；该期录入第一条考核记录时方案即冻结，此后不能再改，已评的结果不会因此变动。如需调整，请修改下一期的方案。</translation>
    </message>
    <message>
        <source>Undo changes</source>
        <translation>撤销修改</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <source>The scheme of {0} was changed but not saved. Discard the changes?</source>
        <translation>{0}的考核方案已修改但尚未保存。放弃这些修改吗？</translation>
    </message>
    <message>
        <source>No period selected</source>
        <translation>未选择期间</translation>
    </message>
    <message>
        <source>Correct the settings marked in red to save.</source>
        <translation>请先更正红字标出的设置，才能保存。</translation>
    </message>
    <message>
        <source>Saved: the scheme of {0} ({1}).</source>
        <translation>已保存：{0}的考核方案（{1}）。</translation>
    </message>
</context>
<context>
    <name>ScoreChart</name>
    <message>
        <source>The chart appears when the half has departments.</source>
        <translation>本半年有参加考核的科室后显示图表。</translation>
    </message>
    <message>
        <source>Totals by group (axis from {0})</source>
        <translation>各组总分（横轴自 {0} 起）</translation>
    </message>
    <message>
        <source>Dashed lines: 优秀 {0}, 良好 {1}</source>
        <translation>虚线：优秀线 {0}，良好线 {1}</translation>
    </message>
    <message>
        <source>veto</source>
        <translation>否决</translation>
    </message>
</context>
<context>
    <name>ScoreDelegate</name>
    <message>
        <source> — not saved, the old value is kept.</source>
        <translation>——未保存，保留原值。</translation>
    </message>
</context>
<context>
    <name>ScoreOutputs</name>
    <message>
        <source>Export score sheet</source>
        <translation>导出得分表</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Also write the summary table as a PDF?</source>
        <translation>同时生成 PDF 得分汇总表？</translation>
    </message>
    <message>
        <source>It is saved beside the workbook as {0}</source>
        <translation>将保存在工作簿旁边，文件名为 {0}</translation>
    </message>
    <message>
        <source>Saved to:
{0}</source>
        <translation>已保存到：
{0}</translation>
    </message>
    <message>
        <source>Printed as a draft (草稿), because: {0}</source>
        <translation>得分表标为（草稿），原因：{0}</translation>
    </message>
    <message>
        <source>Writing {0}…</source>
        <translation>正在写入 {0}…</translation>
    </message>
</context>
<context>
    <name>ScoreTableModel</name>
    <message>
        <source>{0}: full marks {1} less its deductions, never below 0. Select a cell to see every deduction.</source>
        <translation>{0}：满分 {1} 减去扣分，扣完为止。选中单元格可查看每一项扣分。</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>科室</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>组别</translation>
    </message>
    <message>
        <source>Bonus</source>
        <translation>加分</translation>
    </message>
    <message>
        <source>Commendation bonus after the cap</source>
        <translation>表彰加分（已按上限计）</translation>
    </message>
    <message>
        <source>Deductions</source>
        <translation>扣分合计</translation>
    </message>
    <message>
        <source>Full marks less the four categories (扣分合计)</source>
        <translation>满分减去四个类别得分之和</translation>
    </message>
    <message>
        <source>Veto</source>
        <translation>一票否决</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>一票否决: cannot be 优秀 or 先进科室 this half</source>
        <translation>一票否决：本半年不得评为优秀、先进科室</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>总分</translation>
    </message>
    <message>
        <source>The four categories plus the bonus; may exceed the full marks</source>
        <translation>四个类别得分加表彰加分，可超过满分</translation>
    </message>
    <message>
        <source>Rank in group</source>
        <translation>组内排名</translation>
    </message>
    <message>
        <source>Equal totals share a rank (1, 2, 2, 4)</source>
        <translation>总分相同者名次并列（1、2、2、4）</translation>
    </message>
    <message>
        <source>Overall rank</source>
        <translation>全局排名</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等次</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>先进科室</translation>
    </message>
    <message>
        <source>先进科室 = 优秀</source>
        <translation>先进科室即优秀等次</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>标记</translation>
    </message>
</context>
<context>
    <name>ScoreTexts</name>
    <message>
        <source>Awaiting decision</source>
        <translation>待裁定</translation>
    </message>
    <message>
        <source>{0} checks missing</source>
        <translation>缺查账 {0} 项</translation>
    </message>
    <message>
        <source>Decided by the committee</source>
        <translation>委员会已裁定</translation>
    </message>
    <message>
        <source>Equal totals straddle a quota line: all of them take the lower grade until the committee decides (委员会裁定…).</source>
        <translation>总分并列且跨越等次名额：在委员会裁定前均暂定较低等次（委员会裁定…）。</translation>
    </message>
    <message>
        <source>Due periods with no confirmed check count as 未完成 and keep the half from closing:</source>
        <translation>以下应查期间没有确认的查账结果，按未完成扣分，且本半年不能关闭：</translation>
    </message>
</context>
<context>
    <name>ScoringActions</name>
    <message>
        <source>Add points…</source>
        <translation>加减分…</translation>
    </message>
    <message>
        <source>Veto…</source>
        <translation>一票否决…</translation>
    </message>
    <message>
        <source>Committee decision…</source>
        <translation>委员会裁定…</translation>
    </message>
    <message>
        <source>Close the half…</source>
        <translation>关闭本半年…</translation>
    </message>
    <message>
        <source>Reopen…</source>
        <translation>重新开放…</translation>
    </message>
    <message>
        <source>Export score sheet…</source>
        <translation>导出得分表…</translation>
    </message>
    <message>
        <source>Open a data file first</source>
        <translation>请先打开数据文件</translation>
    </message>
    <message>
        <source>Choose a half year (上半年 or 下半年)</source>
        <translation>请选择上半年或下半年</translation>
    </message>
    <message>
        <source>{0} has no departments</source>
        <translation>{0}没有参加考核的科室</translation>
    </message>
    <message>
        <source>{0} is closed; an administrator can reopen it</source>
        <translation>{0}已关闭；管理员可以重新开放</translation>
    </message>
    <message>
        <source>Enter a deduction (扣分) or a commendation (表彰加分)</source>
        <translation>录入扣分或表彰加分</translation>
    </message>
    <message>
        <source>一票否决: the department cannot be 优秀 this half</source>
        <translation>一票否决：该科室本半年不得评为优秀</translation>
    </message>
    <message>
        <source>Write the year's score workbook (年底算账) and, if wished, the PDF</source>
        <translation>导出全年得分表（年底算账），可同时生成 PDF</translation>
    </message>
    <message>
        <source>Write the score workbook (科室得分, 明细) and, if wished, the PDF</source>
        <translation>导出得分表（科室得分、明细），可同时生成 PDF 汇总表</translation>
    </message>
    <message>
        <source>Select a department flagged 待裁定 first</source>
        <translation>请先选择标记为“待裁定”的科室</translation>
    </message>
    <message>
        <source>{0} is not in a tie across a quota line</source>
        <translation>{0}没有与同组科室并列跨越等次名额</translation>
    </message>
    <message>
        <source>Settle the tie of the selected department by hand, with a reason</source>
        <translation>由考核委员会裁定所选科室的等次（须填写理由）</translation>
    </message>
    <message>
        <source>{0} is closed</source>
        <translation>{0}已关闭</translation>
    </message>
    <message>
        <source>Lock the half and store every department's result</source>
        <translation>锁定本半年并保存各科室的考核结果</translation>
    </message>
    <message>
        <source>{0} items still keep the half from closing; press to list them</source>
        <translation>还有 {0} 项待处理，本半年暂不能关闭；点击查看</translation>
    </message>
    <message>
        <source>The half is open</source>
        <translation>本半年未关闭</translation>
    </message>
    <message>
        <source>Reopen the closed half (with a reason)</source>
        <translation>重新开放已关闭的半年（须填写理由）</translation>
    </message>
    <message>
        <source>Your role ({0}) may not record the committee's decision; a reviewer or an administrator can.</source>
        <translation>您的角色（{0}）不能录入委员会裁定；审核人或管理员可以。</translation>
    </message>
    <message>
        <source>Your role ({0}) may not close a half year; a reviewer or an administrator can.</source>
        <translation>您的角色（{0}）不能关闭半年；审核人或管理员可以。</translation>
    </message>
    <message>
        <source>Only an administrator can reopen a half year (your role: {0}).</source>
        <translation>只有管理员可以重新开放半年（您的角色：{0}）。</translation>
    </message>
    <message>
        <source>Your role ({0}) may view the half-year scores but not change them.</source>
        <translation>您的角色（{0}）只能查看半年考核，不能修改。</translation>
    </message>
</context>
<context>
    <name>ScoringBanners</name>
    <message>
        <source>Reopen…</source>
        <translation>重新开放…</translation>
    </message>
    <message>
        <source>No ledger task is due in {0}, so no check deducts anything and every department keeps its full 业务工作. Build the year's ledger in the 台账 tab; deductions, bonuses and vetoes can be entered here meanwhile.</source>
        <translation>{0}没有到期的台账任务，查账不扣分，各科室业务工作均为满分。请在“台账”页建立本年度台账；扣分、加分和一票否决可以先在这里录入。</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Take over</source>
        <translation>接管</translation>
    </message>
</context>
<context>
    <name>ScoringCommands</name>
    <message>
        <source>Half-year scoring</source>
        <translation>半年考核</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete this veto of {0}?
{1}</source>
        <translation>删除{0}的这条一票否决？
{1}</translation>
    </message>
    <message>
        <source>Delete this entry of {0}?
{1}: {2}</source>
        <translation>删除{0}的这条加减分？
{1}：{2}</translation>
    </message>
    <message>
        <source>Committee decision</source>
        <translation>委员会裁定</translation>
    </message>
    <message>
        <source>{0} is not in a tie across a quota line: its grade follows its total.</source>
        <translation>{0}没有与同组科室并列跨越等次名额，等次按总分评定。</translation>
    </message>
</context>
<context>
    <name>ScoringSession</name>
    <message>
        <source>Nothing can be entered: the data file is open read-only ({0}).</source>
        <translation>不能录入：数据文件以只读方式打开（{0}）。</translation>
    </message>
    <message>
        <source>Your role ({0}) may view the half-year scores but not change them.</source>
        <translation>您的角色（{0}）只能查看半年考核，不能修改。</translation>
    </message>
    <message>
        <source>{0} is closed: the scores are read-only.</source>
        <translation>{0}已关闭，得分只读。</translation>
    </message>
    <message>
        <source>{0} was closed by {1} on {2}: the scores are stored and read-only.</source>
        <translation>{0}已由{1}于 {2} 关闭，得分已保存，只读。</translation>
    </message>
</context>
<context>
    <name>ScoringTab</name>
    <message>
        <source>First half</source>
        <translation>上半年</translation>
    </message>
    <message>
        <source>Second half</source>
        <translation>下半年</translation>
    </message>
    <message>
        <source>Whole year</source>
        <translation>全年</translation>
    </message>
    <message>
        <source>Half year:</source>
        <translation>半年：</translation>
    </message>
    <message>
        <source>There are no departments yet. Add them under Manage → Departments, or fill in the 科室 sheet of the template and import it with File → Import workbook.</source>
        <translation>还没有科室。请在 管理 → 科室 中添加，或在模板的“科室”表中填写后，通过 文件 → 导入工作簿 导入。</translation>
    </message>
    <message>
        <source>There are no departments to score in {0}. Add them under Manage → Departments, or fill in the 科室 sheet of the template (and the 加减分 sheet for {1}) and import it with File → Import workbook.</source>
        <translation>{0}没有参加考核的科室。请在 管理 → 科室 中添加，或在模板的“科室”表（以及期间为 {1} 的“加减分”表）中填写后，通过 文件 → 导入工作簿 导入。</translation>
    </message>
    <message>
        <source>{0} departments ({1}); shown: {2}</source>
        <translation>共 {0} 个科室（{1}）；显示 {2} 个</translation>
    </message>
    <message>
        <source>Show all</source>
        <translation>显示全部</translation>
    </message>
    <message>
        <source>Showing only the {0} departments the half waits on (待处理).</source>
        <translation>只显示待处理的 {0} 个科室。</translation>
    </message>
</context>
<context>
    <name>ServerDialog</name>
    <message>
        <source>Connect to a database server</source>
        <translation>连接数据库服务器</translation>
    </message>
    <message>
        <source>Open the bureau's data on a database server</source>
        <translation>打开数据库服务器上的本单位数据</translation>
    </message>
    <message>
        <source>Enter what the server's administrator gave the office. The server account is not your own account of the ledger: you sign in with that next.</source>
        <translation>请填写服务器管理员提供的信息。服务器账号不是您在考核台账中的个人账号，连接后再用个人账号登录。</translation>
    </message>
    <message>
        <source>Leave empty to use the remembered password</source>
        <translation>留空则使用已记住的密码</translation>
    </message>
    <message>
        <source>Remember the password in this computer's keyring</source>
        <translation>在本机钥匙串中记住密码</translation>
    </message>
    <message>
        <source>Kept by the operating system, for your own login on this computer only; untick to forget it</source>
        <translation>由操作系统保管，仅限您在本机的登录账户使用；取消勾选即删除已记住的密码</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
</context>
<context>
    <name>ServerFields</name>
    <message>
        <source>e.g. 192.168.1.10 or kaohe-server</source>
        <translation>如 192.168.1.10 或 kaohe-server</translation>
    </message>
    <message>
        <source>e.g. kaohe</source>
        <translation>如 kaohe</translation>
    </message>
    <message>
        <source>e.g. kaohe_app</source>
        <translation>如 kaohe_app</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>服务器：</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>数据库：</translation>
    </message>
    <message>
        <source>Server account:</source>
        <translation>服务器账号：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>A new language applies after the program restarts.</source>
        <translation>更改语言将在重新启动程序后生效。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Interface language:</source>
        <translation>界面语言：</translation>
    </message>
    <message>
        <source>Automatic: a Chinese font of this computer</source>
        <translation>自动：使用本机的中文字体</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>PDF font</source>
        <translation>PDF 字体</translation>
    </message>
    <message>
        <source>Font file:</source>
        <translation>字体文件：</translation>
    </message>
    <message>
        <source>In use:</source>
        <translation>正在使用：</translation>
    </message>
    <message>
        <source>TrueType fonts (.ttf, .ttc) can be embedded; .otf fonts cannot.</source>
        <translation>可嵌入 TrueType 字体（.ttf、.ttc）；.otf 字体无法嵌入。</translation>
    </message>
    <message>
        <source>Data file</source>
        <translation>数据文件</translation>
    </message>
    <message>
        <source>Server database</source>
        <translation>服务器上的数据库</translation>
    </message>
    <message>
        <source>Path:</source>
        <translation>路径：</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <source>Access:</source>
        <translation>访问方式：</translation>
    </message>
    <message>
        <source>No data file open</source>
        <translation>未打开数据文件</translation>
    </message>
    <message>
        <source>Read-only: {0}</source>
        <translation>只读：{0}</translation>
    </message>
    <message>
        <source>Read and write</source>
        <translation>可读写</translation>
    </message>
    <message>
        <source>Choose a font file</source>
        <translation>选择字体文件</translation>
    </message>
    <message>
        <source>TrueType fonts (*.ttf *.ttc)</source>
        <translation>TrueType 字体 (*.ttf *.ttc)</translation>
    </message>
</context>
<context>
    <name>ShareDialog</name>
    <message>
        <source>优秀 share of {0}</source>
        <translation>{0}优秀比例</translation>
    </message>
    <message>
        <source>{0} people are assessed this year; {1} are recommended for 优秀 now.</source>
        <translation>本年度参加考核 {0} 人，目前已推荐优秀 {1} 人。</translation>
    </message>
    <message>
        <source>{0} places (⌊{1} × {2}⌋)</source>
        <translation>名额 {0} 人（⌊{1} × {2}⌋）</translation>
    </message>
    <message>
        <source>; the standard share</source>
        <translation>；标准比例</translation>
    </message>
    <message>
        <source>; needs a reason (a document or a decision)</source>
        <translation>；须注明依据（文件或决定）</translation>
    </message>
    <message>
        <source>; fewer than the {0} recommended now</source>
        <translation>；少于目前已推荐的 {0} 人</translation>
    </message>
    <message>
        <source>优秀 at most</source>
        <translation>优秀比例上限</translation>
    </message>
    <message>
        <source>e.g. the document number of the approval</source>
        <translation>如：批准文件的文号</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>依据：</translation>
    </message>
    <message>
        <source>Choose a share.</source>
        <translation>请选择比例。</translation>
    </message>
</context>
<context>
    <name>SourceTableModel</name>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Task or reason</source>
        <translation>任务或事由</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>完成情况</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>比例</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>分值</translation>
    </message>
    <message>
        <source>Document no.</source>
        <translation>依据文号</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Entered by</source>
        <translation>录入人</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
</context>
<context>
    <name>SpecialTalkModel</name>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>科室</translation>
    </message>
    <message>
        <source>Talk</source>
        <translation>谈话类型</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>事由</translation>
    </message>
    <message>
        <source>Arose on</source>
        <translation>发生日期</translation>
    </message>
    <message>
        <source>Due by</source>
        <translation>应谈日期</translation>
    </message>
</context>
<context>
    <name>StaffCategoryFilter</name>
    <message>
        <source>Show one staff category (ranks are counted within it)</source>
        <translation>只显示某一人员类别（排名在类别内计算）</translation>
    </message>
    <message>
        <source>All staff categories</source>
        <translation>全部人员类别</translation>
    </message>
</context>
<context>
    <name>StatusFilter</name>
    <message>
        <source>Show one result (the status that stands), or what is missing</source>
        <translation>按认定结果筛选，或只看未录入、逾期未录、草稿</translation>
    </message>
    <message>
        <source>All results</source>
        <translation>全部结果</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>草稿</translation>
    </message>
</context>
<context>
    <name>StatusLine</name>
    <message>
        <source>No data file open</source>
        <translation>未打开数据文件</translation>
    </message>
    <message>
        <source>Demo data: </source>
        <translation>演示数据：</translation>
    </message>
    <message>
        <source>Database server: </source>
        <translation>数据库服务器：</translation>
    </message>
    <message>
        <source>Data file: </source>
        <translation>数据文件：</translation>
    </message>
    <message>
        <source>User: {0}</source>
        <translation>用户：{0}</translation>
    </message>
    <message>
        <source>Role: {0}</source>
        <translation>角色：{0}</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>只读</translation>
    </message>
    <message>
        <source>Read and write</source>
        <translation>可读写</translation>
    </message>
    <message>
        <source>Changes are saved to the server database at once</source>
        <translation>修改立即保存到服务器上的数据库</translation>
    </message>
    <message>
        <source>Changes are saved to the data file at once</source>
        <translation>修改会立即保存到数据文件</translation>
    </message>
    <message>
        <source>Overdue talks and rotations: {0}</source>
        <translation>谈话、轮岗逾期 {0} 项</translation>
    </message>
    <message>
        <source>See the due lists in the Personnel archive tab (待办清单)</source>
        <translation>详见“人员档案”页的待办清单</translation>
    </message>
    <message>
        <source>Refreshed {0}</source>
        <translation>刷新于 {0}</translation>
    </message>
</context>
<context>
    <name>TalkDialog</name>
    <message>
        <source>Edit talk</source>
        <translation>修改谈话</translation>
    </message>
    <message>
        <source>Add talk</source>
        <translation>新增谈话</translation>
    </message>
    <message>
        <source>Who held the talk, e.g. 王局长</source>
        <translation>谈话人姓名，如 王局长</translation>
    </message>
    <message>
        <source>What was talked about, what was agreed (Ctrl+Enter saves)</source>
        <translation>谈话内容和议定事项（Ctrl+Enter 保存）</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <source>Talker:</source>
        <translation>谈话人：</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <source>Summary:</source>
        <translation>内容摘要：</translation>
    </message>
    <message>
        <source>Counts towards the year's routine talks (谈心谈话).</source>
        <translation>计入本年度谈心谈话次数。</translation>
    </message>
    <message>
        <source>Answers a {0} due on or before its date; not a routine talk.</source>
        <translation>用于完成此日期当天或之前发生的{0}，不计入谈心谈话次数。</translation>
    </message>
</context>
<context>
    <name>TaskCommands</name>
    <message>
        <source>Redo: {0}</source>
        <translation>重做：{0}</translation>
    </message>
    <message>
        <source>Undo: {0}</source>
        <translation>撤销：{0}</translation>
    </message>
    <message>
        <source>The task no longer exists.</source>
        <translation>该任务已不存在。</translation>
    </message>
    <message>
        <source>Add task {0}</source>
        <translation>新增任务 {0}</translation>
    </message>
    <message>
        <source>Delete task {0}</source>
        <translation>删除任务 {0}</translation>
    </message>
    <message>
        <source>Edit task {0}</source>
        <translation>编辑任务 {0}</translation>
    </message>
</context>
<context>
    <name>TaskDialog</name>
    <message>
        <source>Edit task {0}</source>
        <translation>编辑任务 {0}</translation>
    </message>
    <message>
        <source>New task</source>
        <translation>新增任务</translation>
    </message>
    <message>
        <source>New task (copy of task {0})</source>
        <translation>新增任务（复制自任务 {0}）</translation>
    </message>
    <message>
        <source>Next free number: {0}</source>
        <translation>下一个可用序号：{0}</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Still to fill in or correct: {0}</source>
        <translation>尚需填写或更正：{0}</translation>
    </message>
    <message>
        <source>Correct the marked fields to save.</source>
        <translation>请更正标出的项目后再保存。</translation>
    </message>
    <message>
        <source>For example: {0}</source>
        <translation>例如：{0}</translation>
    </message>
    <message>
        <source>Checked in: {0}</source>
        <translation>检查期间：{0}</translation>
    </message>
    <message>
        <source>Switched to read-only: {0}</source>
        <translation>已转为只读：{0}</translation>
    </message>
    <message>
        <source>Not saved: {0}</source>
        <translation>未保存：{0}</translation>
    </message>
    <message>
        <source>Their version is now the base of your edit. Check it and save.</source>
        <translation>对方的版本现已作为您修改的基础，请核对后保存。</translation>
    </message>
    <message>
        <source>This task was deleted by someone else; your edit cannot be saved.</source>
        <translation>该任务已被他人删除，您的修改无法保存。</translation>
    </message>
    <message>
        <source>Export my changes…</source>
        <translation>导出我的修改…</translation>
    </message>
    <message>
        <source>Choose No to export your edit first.</source>
        <translation>选择“否”后可先导出您的修改。</translation>
    </message>
    <message>
        <source>Close and discard your changes to this task?</source>
        <translation>关闭并放弃对该任务的修改？</translation>
    </message>
    <message>
        <source>Choose No to keep editing.</source>
        <translation>选择“否”继续编辑。</translation>
    </message>
</context>
<context>
    <name>TaskForm</name>
    <message>
        <source>Choose a department</source>
        <translation>请选择科室</translation>
    </message>
    <message>
        <source>e.g. 6月底前, 5-6月, 上半年, 每季度</source>
        <translation>如 6月底前、5-6月、上半年、每季度</translation>
    </message>
    <message>
        <source>e.g. 10 or 2.5</source>
        <translation>如 10 或 2.5</translation>
    </message>
    <message>
        <source>{0} (retired)</source>
        <translation>{0}（已撤销）</translation>
    </message>
    <message>
        <source>No.:</source>
        <translation>序号：</translation>
    </message>
    <message>
        <source>Task:</source>
        <translation>工作任务：</translation>
    </message>
    <message>
        <source>Target and requirements:</source>
        <translation>目标要求：</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <source>Deadline:</source>
        <translation>完成时限：</translation>
    </message>
    <message>
        <source>Points:</source>
        <translation>分值：</translation>
    </message>
    <message>
        <source>Lead department:</source>
        <translation>牵头科室：</translation>
    </message>
    <message>
        <source>Tick one or more.</source>
        <translation>勾选一个或多个。</translation>
    </message>
    <message>
        <source>Responsible departments:</source>
        <translation>责任科室：</translation>
    </message>
    <message>
        <source>Task source:</source>
        <translation>任务来源：</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
</context>
<context>
    <name>TaskTableModel</name>
    <message>
        <source>Key task</source>
        <translation>重点工作</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>工作任务</translation>
    </message>
    <message>
        <source>Target and requirements</source>
        <translation>目标要求</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Lead department</source>
        <translation>牵头科室</translation>
    </message>
    <message>
        <source>Responsible departments</source>
        <translation>责任科室</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>完成时限</translation>
    </message>
    <message>
        <source>Periods checked</source>
        <translation>应查期间</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>分值</translation>
    </message>
    <message>
        <source>Checks recorded</source>
        <translation>查账进度</translation>
    </message>
    <message>
        <source>{0} of {1} expected first-level checks recorded</source>
        <translation>应有一级查账 {1} 条，已录入 {0} 条</translation>
    </message>
    <message>
        <source>First-level checks recorded / expected for the year</source>
        <translation>本年度已录入 / 应录入的一级查账条数</translation>
    </message>
    <message>
        <source>Worst status</source>
        <translation>最差状态</translation>
    </message>
</context>
<context>
    <name>VetoDialog</name>
    <message>
        <source>Edit veto</source>
        <translation>修改一票否决</translation>
    </message>
    <message>
        <source>Veto (一票否决)</source>
        <translation>一票否决</translation>
    </message>
    <message>
        <source>The department cannot be 优秀 or 先进科室 this half, whatever its total.</source>
        <translation>该科室本半年无论总分多少，都不得评为优秀、先进科室。</translation>
    </message>
</context>
<context>
    <name>WallChartDialog</name>
    <message>
        <source>Print wall charts</source>
        <translation>打印墙上台账</translation>
    </message>
    <message>
        <source>Wall charts of {0}: one chart per department with every task it leads or shares; deadline and requirements on the left, completion on the right.</source>
        <translation>{0} 年墙上台账：每个科室一份，列出其牵头或承担的全部任务；左侧为完成时限和目标要求，右侧为实际完成情况。</translation>
    </message>
    <message>
        <source>All departments</source>
        <translation>全部科室</translation>
    </message>
    <message>
        <source>A3 landscape</source>
        <translation>A3 横向</translation>
    </message>
    <message>
        <source>A4 landscape</source>
        <translation>A4 横向</translation>
    </message>
    <message>
        <source>Blank (for handwriting)</source>
        <translation>空白（供手写）</translation>
    </message>
    <message>
        <source>Filled from the checks recorded</source>
        <translation>按查账记录填写</translation>
    </message>
    <message>
        <source>One PDF, a bookmark per department</source>
        <translation>一个 PDF，每个科室一个书签</translation>
    </message>
    <message>
        <source>One file per department</source>
        <translation>每个科室一个文件</translation>
    </message>
    <message>
        <source>Only when all departments are chosen</source>
        <translation>仅在选择全部科室时可用</translation>
    </message>
    <message>
        <source>Department:</source>
        <translation>科室：</translation>
    </message>
    <message>
        <source>Paper:</source>
        <translation>纸张：</translation>
    </message>
    <message>
        <source>Content:</source>
        <translation>内容：</translation>
    </message>
    <message>
        <source>Output:</source>
        <translation>输出：</translation>
    </message>
    <message>
        <source>Font:</source>
        <translation>字体：</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>There are no tasks in {0}: nothing to print.</source>
        <translation>{0} 年没有任务，无可打印内容。</translation>
    </message>
    <message>
        <source>{0} (embedded in the PDF)</source>
        <translation>{0}（已嵌入 PDF）</translation>
    </message>
    <message>
        <source>{0} (not embedded: may show as another font on other computers)</source>
        <translation>{0}（未嵌入：在其他电脑上可能显示为其他字体）</translation>
    </message>
    <message>
        <source>Making the wall charts…</source>
        <translation>正在生成墙上台账…</translation>
    </message>
    <message>
        <source>The PDF could not be opened: {0}</source>
        <translation>无法打开 PDF：{0}</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Folder for the wall charts</source>
        <translation>墙上台账保存文件夹</translation>
    </message>
    <message>
        <source>Save wall charts</source>
        <translation>保存墙上台账</translation>
    </message>
    <message>
        <source>Saved to:
{0}</source>
        <translation>已保存到：
{0}</translation>
    </message>
    <message>
        <source>{0} files saved in:
{1}</source>
        <translation>已保存 {0} 个文件到：
{1}</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>Welcome to Kaohe ledger</source>
        <translation>欢迎使用考核台账</translation>
    </message>
    <message>
        <source>The ledger, the quarterly and half-year assessments and every person's archive are kept in one data file, usually on the office's shared drive so that colleagues can open it too. How would you like to start?</source>
        <translation>台账、季度与半年考核以及每个人的档案都保存在一个数据文件中，通常放在科室的共享盘上，以便同事也能打开。您想如何开始？</translation>
    </message>
    <message>
        <source>New data file</source>
        <translation>新建数据文件</translation>
    </message>
    <message>
        <source>Start the bureau's own file; import the ledger and staff from Excel.</source>
        <translation>建立本单位自己的数据文件，再从 Excel 导入台账和人员。</translation>
    </message>
    <message>
        <source>Open an existing file</source>
        <translation>打开已有文件</translation>
    </message>
    <message>
        <source>A colleague already keeps the file, for example on the shared drive.</source>
        <translation>同事已经建立了数据文件，例如放在共享盘上。</translation>
    </message>
    <message>
        <source>Open from a database server</source>
        <translation>从数据库服务器打开</translation>
    </message>
    <message>
        <source>The office keeps its data on a PostgreSQL server; its administrator gives you the server's address and account.</source>
        <translation>本单位的数据保存在 PostgreSQL 数据库服务器上；服务器地址和账号由服务器管理员提供。</translation>
    </message>
    <message>
        <source>Open the demo data</source>
        <translation>打开演示数据</translation>
    </message>
    <message>
        <source>Look around in an invented bureau, kept apart from real data.</source>
        <translation>在虚构的单位中试用，与真实数据完全分开。</translation>
    </message>
</context>
<context>
    <name>Widgets</name>
    <message>
        <source>All departments</source>
        <translation>全部科室</translation>
    </message>
</context>
<context>
    <name>WithdrawNoticeDialog</name>
    <message>
        <source>Withdraw notice {0}</source>
        <translation>撤回督办单 {0}</translation>
    </message>
    <message>
        <source>Withdraw {0} ({1}, {2})?</source>
        <translation>撤回 {0}（{1}，{2}）？</translation>
    </message>
    <message>
        <source>Why it was issued by mistake (required)</source>
        <translation>误下达的原因（必填）</translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation>撤回</translation>
    </message>
    <message>
        <source>Reason (kept in the 操作日志):</source>
        <translation>撤回理由（记入操作日志）：</translation>
    </message>
    <message>
        <source>Withdraw only a notice issued by mistake (wrong department or task); to correct what it says, use Change… instead.</source>
        <translation>仅用于撤回误下达的督办单（科室或任务有误）；如只需更正内容，请使用“修改…”。</translation>
    </message>
    <message>
        <source>• Its number {0} stays used: no other notice will get it.</source>
        <translation>• 编号 {0} 仍视为已用，不会再分配给其他督办单。</translation>
    </message>
    <message>
        <source>• Its deduction of {0} points is removed from the half year's 加减分.</source>
        <translation>• 其扣分 {0} 分将从半年考核的加减分中删除。</translation>
    </message>
    <message>
        <source>• Its 整改 record is removed with it.</source>
        <translation>• 其整改记录一并删除。</translation>
    </message>
</context>
<context>
    <name>YearBlockersDialog</name>
    <message>
        <source>The year cannot be closed yet. {0} people must be settled first:</source>
        <translation>本年度暂不能关闭，须先处理以下 {0} 人：</translation>
    </message>
    <message>
        <source>Withdraw recommendations over the quota or of people who no longer qualify, and give a reason to every grade set by hand. Then close again.</source>
        <translation>请取消超出名额或不再符合资格的优秀推荐，并为手工设定的等次填写理由，然后再关闭。</translation>
    </message>
    <message>
        <source>Show only these people</source>
        <translation>只显示这些人员</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>YearClosing</name>
    <message>
        <source>Close {0}</source>
        <translation>关闭{0}</translation>
    </message>
    <message>
        <source>Only a reviewer or an administrator can close the year.</source>
        <translation>只有审核人或管理员可以关闭年度。</translation>
    </message>
    <message>
        <source>Only an administrator can reopen a year.</source>
        <translation>只有管理员可以重新开放年度。</translation>
    </message>
</context>
<context>
    <name>YearSelector</name>
    <message>
        <source>Year:</source>
        <translation>年度：</translation>
    </message>
    <message>
        <source>All tabs show the chosen year</source>
        <translation>各页均显示所选年度的数据</translation>
    </message>
</context>
<context>
    <name>YearTableModel</name>
    <message>
        <source>Department</source>
        <translation>科室</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>组别</translation>
    </message>
    <message>
        <source>First half</source>
        <translation>上半年总分</translation>
    </message>
    <message>
        <source>Grade (first half)</source>
        <translation>上半年等次</translation>
    </message>
    <message>
        <source>Second half</source>
        <translation>下半年总分</translation>
    </message>
    <message>
        <source>Grade (second half)</source>
        <translation>下半年等次</translation>
    </message>
    <message>
        <source>Year total</source>
        <translation>全年总分</translation>
    </message>
    <message>
        <source>Rank in group</source>
        <translation>组内排名</translation>
    </message>
    <message>
        <source>Overall rank</source>
        <translation>全局排名</translation>
    </message>
</context>
<context>
    <name>YearView</name>
    <message>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>open, may still change</source>
        <translation>未关闭，得分可能变化</translation>
    </message>
    <message>
        <source>{0}: the year's total is {1}. First half {2}; second half {3}.</source>
        <translation>{0}年：全年总分为{1}。上半年{2}；下半年{3}。</translation>
    </message>
    <message>
        <source>No department was scored in {0}.</source>
        <translation>{0}年没有参加考核的科室。</translation>
    </message>
</context>
</TS>