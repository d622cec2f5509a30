<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
    <context>
        <name>AdjustmentTableModel</name>
        <message>
            <source>Date</source>
            <translation>日期</translation>
        </message>
        <message>
            <source>Department</source>
            <translation>科室</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>类别</translation>
        </message>
        <message>
            <source>Points</source>
            <translation>分值</translation>
        </message>
        <message>
            <source>Level</source>
            <translation>级别</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>事由</translation>
        </message>
        <message>
            <source>Document no.</source>
            <translation>依据文号</translation>
        </message>
    </context>
    <context>
        <name>ArchiveEntryTableModel</name>
        <message>
            <source>Date</source>
            <translation>日期</translation>
        </message>
        <message>
            <source>Record</source>
            <translation>记录</translation>
        </message>
        <message>
            <source>Summary</source>
            <translation>摘要</translation>
        </message>
        <message>
            <source>Details</source>
            <translation>详情</translation>
        </message>
    </context>
    <context>
        <name>ArchiveTab</name>
        <message>
            <source>Search code, name or department</source>
            <translation>搜索编号、姓名或科室</translation>
        </message>
        <message>
            <source>Archive records, newest first</source>
            <translation>档案记录（按日期由近及远）</translation>
        </message>
        <message>
            <source>Only {0}</source>
            <translation>只看 {0} 年度</translation>
        </message>
        <message>
            <source>There are no people yet. Fill in the 科室 and 人员 sheets of the template and import it with File → Import workbook.</source>
            <translation>还没有人员。请在模板的“科室”和“人员”表中填写后，通过 文件 → 导入工作簿 导入。</translation>
        </message>
        <message>
            <source>Select a person on the left.</source>
            <translation>请在左侧选择一名人员。</translation>
        </message>
        <message>
            <source>Nothing recorded for this person yet. Quarterly assessments, commendations, discipline and talks are imported from the workbook's sheets.</source>
            <translation>该人员还没有档案记录。平时考核、奖励、处分和谈心谈话均从工作簿的相应表导入。</translation>
        </message>
        <message>
            <source>{0} of {1} people</source>
            <translation>显示 {0} 人，共 {1} 人</translation>
        </message>
    </context>
    <context>
        <name>AssessmentTableModel</name>
        <message>
            <source>Not graded: {0}</source>
            <translation>不定等次：{0}</translation>
        </message>
        <message>
            <source>Grade set to {0}</source>
            <translation>等次调整为{0}</translation>
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
            <source>Comments</source>
            <translation>点评</translation>
        </message>
        <message>
            <source>Praise and criticism points of the quarter</source>
            <translation>本季度表扬、批评的加减分</translation>
        </message>
        <message>
            <source>Leader evaluation</source>
            <translation>领导测评分</translation>
        </message>
        <message>
            <source>Composite score</source>
            <translation>综合得分</translation>
        </message>
        <message>
            <source>Waiting for both scores</source>
            <translation>实绩分和领导测评分录齐后计算</translation>
        </message>
        <message>
            <source>Remarks</source>
            <translation>备注</translation>
        </message>
    </context>
    <context>
        <name>DataTab</name>
        <message>
            <source>No data file is open. Create a new data file with File → New, or open the bureau's file with File → Open.</source>
            <translation>尚未打开数据文件。请通过 文件 → 新建 创建数据文件，或通过 文件 → 打开 打开本单位的数据文件。</translation>
        </message>
        <message>
            <source>The data file could not be read: {0}</source>
            <translation>无法读取数据文件：{0}</translation>
        </message>
    </context>
    <context>
        <name>DepartmentHalfTableModel</name>
        <message>
            <source>Recorded deductions (negative)</source>
            <translation>已记录的扣分（负数）</translation>
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
            <source>Business work</source>
            <translation>业务工作</translation>
        </message>
        <message>
            <source>Integrity</source>
            <translation>党风廉政</translation>
        </message>
        <message>
            <source>Civility</source>
            <translation>精神文明</translation>
        </message>
        <message>
            <source>Attendance</source>
            <translation>考勤</translation>
        </message>
        <message>
            <source>Commendation bonus</source>
            <translation>表彰加分</translation>
        </message>
        <message>
            <source>Recorded bonus points</source>
            <translation>已记录的表彰加分</translation>
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
            <source>Missed checks</source>
            <translation>未完成查账</translation>
        </message>
        <message>
            <source>First-level checks of the half with status 未完成</source>
            <translation>本半年一级查账中“未完成”的条数</translation>
        </message>
        <message>
            <source>Late / partial</source>
            <translation>逾期/部分完成</translation>
        </message>
        <message>
            <source>First-level checks of the half 逾期完成 or 部分完成</source>
            <translation>本半年一级查账中“逾期完成”或“部分完成”的条数</translation>
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
            <source>Generating the demo data…</source>
            <translation>正在生成演示数据…</translation>
        </message>
        <message>
            <source>Back up</source>
            <translation>备份</translation>
        </message>
        <message>
            <source>Make a verified copy of the data file. Where should it go?
The default backup folder is on this computer, not on the shared drive.</source>
            <translation>将为数据文件制作一份经过校验的备份。备份保存到哪里？
默认备份文件夹位于本机，而不在共享盘上。</translation>
        </message>
        <message>
            <source>Default backup folder</source>
            <translation>默认备份文件夹</translation>
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
            <source>There are no ledger tasks for {0} yet. Import the ledger with File → Import workbook, or download the template, fill in its 台账 sheet and import it.</source>
            <translation>{0} 年度还没有台账任务。请通过 文件 → 导入工作簿 导入台账，或下载模板、填写其中的“台账”表后导入。</translation>
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
            <source>Personnel archive</source>
            <translation>人员档案</translation>
        </message>
        <message>
            <source>Year</source>
            <translation>年度</translation>
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
            <source>No person selected</source>
            <translation>未选择人员</translation>
        </message>
        <message>
            <source>{0} ({1})</source>
            <translation>{0}（{1}）</translation>
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
        <name>PersonTableModel</name>
        <message>
            <source>Key post</source>
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
            <source>Status</source>
            <translation>状态</translation>
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
            <source>Search code, name or department</source>
            <translation>搜索编号、姓名或科室</translation>
        </message>
        <message>
            <source>Quarter:</source>
            <translation>季度：</translation>
        </message>
        <message>
            <source>Department:</source>
            <translation>科室：</translation>
        </message>
        <message>
            <source>No quarterly assessments for {0} yet. Fill in the 平时考核 sheet of the template (period {1}) and import it with File → Import workbook.</source>
            <translation>{0}还没有平时考核记录。请在模板的“平时考核”表中填写（期间写作 {1}），然后通过 文件 → 导入工作簿 导入。</translation>
        </message>
        <message>
            <source>{0} people, {1} not yet scored, {2} not graded</source>
            <translation>共 {0} 人，未评分 {1} 人，不定等次 {2} 人</translation>
        </message>
    </context>
    <context>
        <name>RecentFilesMenu</name>
        <message>
            <source>Open &amp;recent</source>
            <translation>最近打开(&amp;R)</translation>
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
            <source>Half year:</source>
            <translation>半年：</translation>
        </message>
        <message>
            <source>Select a department to see only its adjustments.</source>
            <translation>选择一个科室，只看该科室的加减分。</translation>
        </message>
        <message>
            <source>There are no departments yet. Fill in the 科室 sheet of the template (and the 加减分 sheet for {0}) and import it with File → Import workbook.</source>
            <translation>还没有科室。请在模板的“科室”表（以及{0}的“加减分”表）中填写后，通过 文件 → 导入工作簿 导入。</translation>
        </message>
        <message>
            <source>Adjustments of {0}, all departments</source>
            <translation>{0}加减分明细（全部科室）</translation>
        </message>
        <message>
            <source>Adjustments of {0}: {1}</source>
            <translation>{0}加减分明细：{1}</translation>
        </message>
        <message>
            <source>No deductions, bonus points or vetoes recorded for this half. Record them in the 加减分 sheet of the workbook and import it.</source>
            <translation>本半年还没有扣分、加分或一票否决记录。请在工作簿的“加减分”表中填写后导入。</translation>
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
            <source>Path:</source>
            <translation>路径：</translation>
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
            <source>Data file: </source>
            <translation>数据文件：</translation>
        </message>
        <message>
            <source>User: {0}</source>
            <translation>用户：{0}</translation>
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
            <source>Changes are saved to the data file at once</source>
            <translation>修改会立即保存到数据文件</translation>
        </message>
        <message>
            <source>Refreshed {0}</source>
            <translation>刷新于 {0}</translation>
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
</TS>
