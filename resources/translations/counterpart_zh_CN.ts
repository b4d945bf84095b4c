<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AuditTrail</name>
    <message>
        <source>Reading the audit trail</source>
        <translation>查看操作记录</translation>
    </message>
    <message>
        <source>The first day must come before the last day.</source>
        <translation>开始日期必须早于结束日期。</translation>
    </message>
    <message>
        <source>Show from 1 to %1 lines at a time.</source>
        <translation>每次显示 1 到 %1 条。</translation>
    </message>
    <message>
        <source>Exporting the audit trail</source>
        <translation>导出操作记录</translation>
    </message>
</context>
<context>
    <name>Crypto</name>
    <message>
        <source>Encryption failed. Nothing was saved; call a technician.</source>
        <translation>加密失败，未保存任何内容。请联系技术人员。</translation>
    </message>
    <message>
        <source>A protected field could not be read: it was changed, or this till does not have the key it was saved with.</source>
        <translation>无法读取受保护的字段：该字段已被改动，或本机没有保存时所用的密钥。</translation>
    </message>
    <message>
        <source>The key file at %1 cannot be read. Ask a technician to check its permissions.</source>
        <translation>无法读取密钥文件 %1。请技术人员检查其权限。</translation>
    </message>
    <message>
        <source>The key file at %1 is not a valid key (wrong size). It was left unchanged; ask a technician to restore the right key file.</source>
        <translation>密钥文件 %1 不是有效的密钥（大小不对）。该文件未被改动；请技术人员恢复正确的密钥文件。</translation>
    </message>
    <message>
        <source>The key file at %1 is missing, so protected fields cannot be read. Ask a technician to restore it.</source>
        <translation>密钥文件 %1 缺失，无法读取受保护的字段。请技术人员恢复该文件。</translation>
    </message>
    <message>
        <source>Cannot create the folder for the key file at %1.</source>
        <translation>无法为密钥文件 %1 创建文件夹。</translation>
    </message>
    <message>
        <source>Cannot write the key file at %1.</source>
        <translation>无法写入密钥文件 %1。</translation>
    </message>
</context>
<context>
    <name>Csv</name>
    <message>
        <source>Line %1 has text after a closing quote. A quote inside a quoted field is written twice (&quot;&quot;).</source>
        <translation>第 %1 行的右引号后面还有文字。带引号的字段中如需引号，应连写两个（&quot;&quot;）。</translation>
    </message>
    <message>
        <source>The quoted field that starts on line %1 is never closed.</source>
        <translation>从第 %1 行开始的带引号字段缺少右引号。</translation>
    </message>
    <message>
        <source>This is not a CSV text file (it holds binary data).</source>
        <translation>这不是 CSV 文本文件（其中含有二进制数据）。</translation>
    </message>
    <message>
        <source>The file is not UTF-8 text. Save it from the spreadsheet as &quot;CSV UTF-8&quot; and try again.</source>
        <translation>该文件不是 UTF-8 文本。请在电子表格软件中另存为“CSV UTF-8”格式后重试。</translation>
    </message>
    <message>
        <source>Cannot write the export file: %1</source>
        <translation>无法写入导出文件：%1</translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>The database file at %1 cannot be used safely: SQLite would not switch it to write-ahead logging. Ask a technician to check that the folder is on a local disk and writable.</source>
        <translation>数据库文件 %1 无法安全使用：SQLite 无法将其切换到预写日志（WAL）模式。请技术人员检查该文件夹是否在本地磁盘上且可写。</translation>
    </message>
    <message>
        <source>Internal error: empty query.</source>
        <translation>内部错误：查询为空。</translation>
    </message>
    <message>
        <source>The disk is full. Free some space on the till and try again; nothing was saved.</source>
        <translation>磁盘已满，未保存任何内容。请清理本机的磁盘空间后重试。</translation>
    </message>
    <message>
        <source>The database file can only be read, so nothing was saved. Ask a technician to check the file&apos;s permissions and the disk.</source>
        <translation>数据库文件只读，未保存任何内容。请技术人员检查该文件的权限和磁盘。</translation>
    </message>
    <message>
        <source>The database file is damaged. Do not delete it: ask a technician to run `counterpart-admin check`.</source>
        <translation>数据库文件已损坏。请勿删除该文件，请技术人员运行 `counterpart-admin check`。</translation>
    </message>
    <message>
        <source>The database is busy with another task on this till. Wait a moment and try again; nothing was saved.</source>
        <translation>数据库正忙于本机的其他任务，未保存任何内容。请稍候再试。</translation>
    </message>
    <message>
        <source>Cannot open the database file. Check that its folder exists and that this user may write to it.</source>
        <translation>无法打开数据库文件。请检查其所在文件夹是否存在，以及当前用户是否有写入权限。</translation>
    </message>
    <message>
        <source>Cannot open the database file at %1. Check that the folder exists and that this user may write to it.</source>
        <translation>无法打开数据库文件 %1。请检查该文件夹是否存在，以及当前用户是否有写入权限。</translation>
    </message>
    <message>
        <source>This is already recorded, or it conflicts with something that is; nothing was saved.</source>
        <translation>该记录已存在，或与已有记录冲突，未保存任何内容。</translation>
    </message>
    <message>
        <source>The till&apos;s database reported an error (storage error). Try again; if it happens again, call a technician.</source>
        <translation>收银台数据库报告错误（存储错误）。请重试；如果再次出现，请联系技术人员。</translation>
    </message>
    <message>
        <source>Internal error: a transaction was begun twice.</source>
        <translation>内部错误：事务被重复开启。</translation>
    </message>
    <message>
        <source>Internal error: commit without a transaction.</source>
        <translation>内部错误：没有事务却执行了提交。</translation>
    </message>
</context>
<context>
    <name>DemoSeeder</name>
    <message>
        <source>The till must run on the seeder&apos;s clock.</source>
        <translation>收银台必须使用演示数据生成器的时钟。</translation>
    </message>
    <message>
        <source>The number of demo members must be between 0 and %1.</source>
        <translation>演示会员数量必须在 0 到 %1 之间。</translation>
    </message>
    <message>
        <source>The history must be between 0 and %1 months.</source>
        <translation>历史记录时长必须在 0 到 %1 个月之间。</translation>
    </message>
    <message>
        <source>No free receipt number was found for %1.</source>
        <translation>%1 找不到可用的小票号。</translation>
    </message>
</context>
<context>
    <name>LoyaltyRules</name>
    <message>
        <source>%1 is not a field of the rules (misspelt?)</source>
        <translation>%1 不是积分规则中的字段（拼写错误？）</translation>
    </message>
    <message>
        <source>%1 is missing</source>
        <translation>缺少 %1</translation>
    </message>
    <message>
        <source>%1 must be an object ({...})</source>
        <translation>%1 必须是对象（{...}）</translation>
    </message>
    <message>
        <source>%1 must be a list ([...])</source>
        <translation>%1 必须是列表（[...]）</translation>
    </message>
    <message>
        <source>%1 must be a whole number</source>
        <translation>%1 必须是整数</translation>
    </message>
    <message>
        <source>%1 must be a whole number, not %2</source>
        <translation>%1 必须是整数，而不是 %2</translation>
    </message>
    <message>
        <source>%1 cannot be negative</source>
        <translation>%1 不能为负数</translation>
    </message>
    <message>
        <source>%1 must be between %2 and %3</source>
        <translation>%1 必须在 %2 到 %3 之间</translation>
    </message>
    <message>
        <source>%1 must be text (&quot;...&quot;)</source>
        <translation>%1 必须是文本（&quot;...&quot;）</translation>
    </message>
    <message>
        <source>%1 cannot be empty</source>
        <translation>%1 不能为空</translation>
    </message>
    <message>
        <source>%1 must be true or false</source>
        <translation>%1 必须是 true 或 false</translation>
    </message>
    <message>
        <source>%1 must be one of %2</source>
        <translation>%1 必须是以下之一：%2</translation>
    </message>
    <message>
        <source>%1 needs text in at least one language (en or zh)</source>
        <translation>%1 至少需要一种语言的文本（en 或 zh）</translation>
    </message>
    <message>
        <source>%1 may only contain letters, digits, &apos;-&apos;, &apos;_&apos; and &apos;.&apos; (at most 64)</source>
        <translation>%1 只能包含字母、数字、&apos;-&apos;、&apos;_&apos; 和 &apos;.&apos;（最多 64 个字符）</translation>
    </message>
    <message>
        <source>%1 must be a category name</source>
        <translation>%1 必须是商品类别名称</translation>
    </message>
    <message>
        <source>%1 repeats &quot;%2&quot;</source>
        <translation>%1 中重复出现 &quot;%2&quot;</translation>
    </message>
    <message>
        <source>%1 needs at least one tier</source>
        <translation>%1 至少需要一个等级</translation>
    </message>
    <message>
        <source>%1.id &quot;%2&quot; is already used by %3</source>
        <translation>%1.id &quot;%2&quot; 已被 %3 使用</translation>
    </message>
    <message>
        <source>%1.thresholdSpendMinor must be 0: the first tier is the one every member starts in</source>
        <translation>%1.thresholdSpendMinor 必须为 0：第一个等级是所有会员的起始等级</translation>
    </message>
    <message>
        <source>%1.thresholdSpendMinor must be higher than %2.thresholdSpendMinor</source>
        <translation>%1.thresholdSpendMinor 必须大于 %2.thresholdSpendMinor</translation>
    </message>
    <message>
        <source>%1 must have weekday or dayOfMonth, not both</source>
        <translation>%1 只能设置 weekday 或 dayOfMonth 其中之一，不能同时设置</translation>
    </message>
    <message>
        <source>%1 needs weekday (1 = Monday ... 7 = Sunday) or dayOfMonth (1-31)</source>
        <translation>%1 需要设置 weekday（1 = 周一 ... 7 = 周日）或 dayOfMonth（1-31）</translation>
    </message>
    <message>
        <source>The rules are not valid JSON: %1 at character %2</source>
        <translation>积分规则不是有效的 JSON：%1（位于第 %2 个字符）</translation>
    </message>
    <message>
        <source>The rules must be a JSON object ({...})</source>
        <translation>积分规则必须是一个 JSON 对象（{...}）</translation>
    </message>
    <message>
        <source>schema must be %1; these rules were written for another version of Counterpart</source>
        <translation>schema 必须为 %1；这套规则是为其他版本的 Counterpart 编写的</translation>
    </message>
    <message>
        <source>version must be at most 64 characters</source>
        <translation>version 最多 64 个字符</translation>
    </message>
    <message>
        <source>currency must be a three-letter ISO 4217 code such as CNY</source>
        <translation>currency 必须是三个字母的 ISO 4217 货币代码，例如 CNY</translation>
    </message>
    <message>
        <source>%1 must be a time of day such as &quot;03:30&quot;</source>
        <translation>%1 必须是一天中的时间，例如 &quot;03:30&quot;</translation>
    </message>
    <message>
        <source>%1.%2 must be left out: the first tier is the one every member starts in</source>
        <translation>%1.%2 不能设置：第一个等级是所有会员的起始等级</translation>
    </message>
    <message>
        <source>%1.thresholdSpendMinor cannot be lower than %2.thresholdSpendMinor</source>
        <translation>%1.thresholdSpendMinor 不能低于 %2.thresholdSpendMinor</translation>
    </message>
    <message>
        <source>%1.thresholdVisits cannot be lower than %2.thresholdVisits</source>
        <translation>%1.thresholdVisits（到店次数）不能低于 %2.thresholdVisits</translation>
    </message>
    <message>
        <source>%1.maxDaysBetweenVisits must be set and at most %2.maxDaysBetweenVisits</source>
        <translation>%1.maxDaysBetweenVisits 必须设置，且不能超过 %2.maxDaysBetweenVisits</translation>
    </message>
    <message>
        <source>%1 must ask more than %2: a higher thresholdSpendMinor or thresholdVisits, or a shorter maxDaysBetweenVisits</source>
        <translation>%1 的要求必须高于 %2：更高的 thresholdSpendMinor 或 thresholdVisits，或更短的 maxDaysBetweenVisits</translation>
    </message>
</context>
<context>
    <name>MemberCode</name>
    <message>
        <source>The terminal number must be between %1 and %2.</source>
        <translation>终端号必须在 %1 到 %2 之间。</translation>
    </message>
    <message>
        <source>A member code sequence starts at 1.</source>
        <translation>会员号序号从 1 开始。</translation>
    </message>
    <message>
        <source>This till has used up its member codes. Ask for the terminal to be enrolled again.</source>
        <translation>本机的会员号已用完。请申请重新登记本终端。</translation>
    </message>
    <message>
        <source>A member code has only digits.</source>
        <translation>会员号只能包含数字。</translation>
    </message>
    <message>
        <source>Please enter a member code.</source>
        <translation>请输入会员号。</translation>
    </message>
    <message numerus="yes">
        <source>A member code has 12 digits; this has %n.</source>
        <translation>
            <numerusform>会员号为 12 位数字，这里是 %n 位。</numerusform>
        </translation>
    </message>
    <message>
        <source>That member code has a typing error (check digit).</source>
        <translation>该会员号有输入错误（校验位不符）。</translation>
    </message>
    <message>
        <source>That is not a member code.</source>
        <translation>这不是会员号。</translation>
    </message>
</context>
<context>
    <name>MemberCounters</name>
    <message>
        <source>Internal error: counters mended outside a transaction.</source>
        <translation>内部错误：会员计数未在事务中修复。</translation>
    </message>
    <message>
        <source>Internal error: the counters changed while being mended.</source>
        <translation>内部错误：修复过程中会员计数发生了变化。</translation>
    </message>
</context>
<context>
    <name>MemberCsv</name>
    <message>
        <source>Exporting members</source>
        <translation>正在导出会员</translation>
    </message>
    <message>
        <source>The export was cancelled.</source>
        <translation>导出已取消。</translation>
    </message>
    <message>
        <source>The file is empty. The first line must name the columns: phone, name, and optionally gender, birthday, marketing_consent, note.</source>
        <translation>文件为空。第一行必须是列名：phone、name，可选 gender、birthday、marketing_consent、note。</translation>
    </message>
    <message>
        <source>The column &quot;%1&quot; appears twice in the first line.</source>
        <translation>第一行中列“%1”出现了两次。</translation>
    </message>
    <message>
        <source>The first line of the file must name the columns, with at least &quot;phone&quot; and &quot;name&quot; (and optionally gender, birthday, marketing_consent, note). Nothing was imported.</source>
        <translation>文件第一行必须是列名，至少包含“phone”和“name”（可选 gender、birthday、marketing_consent、note）。未导入任何内容。</translation>
    </message>
    <message>
        <source>it has more values than the first line has columns (a comma inside a value needs quotes).</source>
        <translation>该行的值比第一行的列数多（值中含有逗号时需加引号）。</translation>
    </message>
    <message>
        <source>the gender &quot;%1&quot; is not female, male or other.</source>
        <translation>性别“%1”不是 female、male 或 other。</translation>
    </message>
    <message>
        <source>marketing_consent &quot;%1&quot; is not yes or no.</source>
        <translation>marketing_consent 的值“%1”不是 yes 或 no。</translation>
    </message>
    <message>
        <source>the birthday &quot;%1&quot; is not a date written as YYYY-MM-DD.</source>
        <translation>生日“%1”不是 YYYY-MM-DD 格式的日期。</translation>
    </message>
    <message>
        <source>the phone number is missing.</source>
        <translation>缺少手机号。</translation>
    </message>
    <message>
        <source>%1 Nothing was imported.</source>
        <translation>%1未导入任何内容。</translation>
    </message>
    <message>
        <source>%1 The import stopped at line %2; members imported before it were kept: %3.</source>
        <translation>%1导入在第 %2 行停止；此前已导入的会员已保留：%3。</translation>
    </message>
    <message>
        <source>this phone number is already registered (member %1); row skipped.</source>
        <translation>该手机号已注册（会员号 %1），已跳过此行。</translation>
    </message>
    <message>
        <source>this phone number is already registered; row skipped.</source>
        <translation>该手机号已注册，已跳过此行。</translation>
    </message>
    <message>
        <source>no number</source>
        <translation>无会员号</translation>
    </message>
</context>
<context>
    <name>MemberQrPayload</name>
    <message>
        <source>This code is not a Counterpart member card.</source>
        <translation>此码不是 Counterpart 会员卡。</translation>
    </message>
    <message>
        <source>This member card is from a newer version of Counterpart. Update this till, or type the member&apos;s phone number.</source>
        <translation>此会员卡来自更新版本的 Counterpart。请升级本机，或输入会员的手机号。</translation>
    </message>
</context>
<context>
    <name>Money</name>
    <message>
        <source>Please enter an amount.</source>
        <translation>请输入金额。</translation>
    </message>
    <message>
        <source>That is not an amount. Type it like 12.34.</source>
        <translation>这不是有效的金额。请按 12.34 这样的格式输入。</translation>
    </message>
    <message>
        <source>An amount cannot be negative.</source>
        <translation>金额不能为负数。</translation>
    </message>
    <message>
        <source>This amount has another currency&apos;s sign; this till takes %1.</source>
        <translation>该金额带有其他货币的符号；本机只收 %1。</translation>
    </message>
    <message>
        <source>%1 amounts have no decimals.</source>
        <translation>%1 金额没有小数。</translation>
    </message>
    <message>
        <source>%1 amounts have at most %2 decimals.</source>
        <translation>%1 金额最多 %2 位小数。</translation>
    </message>
    <message>
        <source>Amounts above 100,000,000 %1 are not accepted.</source>
        <translation>不接受超过 100,000,000 %1 的金额。</translation>
    </message>
</context>
<context>
    <name>PhoneNumber</name>
    <message>
        <source>This phone number is too short. Check for a missing digit.</source>
        <translation>手机号太短，请检查是否漏输了数字。</translation>
    </message>
    <message>
        <source>This phone number is too long. Check for an extra digit.</source>
        <translation>手机号太长，请检查是否多输了数字。</translation>
    </message>
    <message>
        <source>This phone number has an unknown country code.</source>
        <translation>该手机号的国家/地区代码无法识别。</translation>
    </message>
    <message>
        <source>This phone number has an unknown country code (+%1...).</source>
        <translation>该手机号的国家/地区代码无法识别（+%1...）。</translation>
    </message>
    <message>
        <source>This is not a valid phone number in %1.</source>
        <translation>这不是有效的 %1 手机号。</translation>
    </message>
    <message>
        <source>The store&apos;s country (%1) is not known, so a number without a country code cannot be read.</source>
        <translation>门店所在的国家/地区（%1）无法识别，因此无法解析不带国家/地区代码的号码。</translation>
    </message>
    <message>
        <source>This is not a phone number.</source>
        <translation>这不是手机号。</translation>
    </message>
    <message>
        <source>This phone number is too short. Add the area code.</source>
        <translation>号码太短，请加上区号。</translation>
    </message>
    <message>
        <source>Please enter a phone number.</source>
        <translation>请输入手机号。</translation>
    </message>
    <message>
        <source>A phone number has only digits, and this one contains letters.</source>
        <translation>手机号只能包含数字，而这里含有字母。</translation>
    </message>
    <message>
        <source>A phone number has only digits, spaces, dashes, dots, brackets and a leading +.</source>
        <translation>手机号只能包含数字、空格、短横线、点、括号和开头的 +。</translation>
    </message>
</context>
<context>
    <name>PosLink</name>
    <message>
        <source>Give the POS a name of 1 to %1 characters, such as &quot;Counter 1&quot;.</source>
        <translation>请给收银机起个名字，1 到 %1 个字，例如“1号收银台”。</translation>
    </message>
    <message>
        <source>The till could not make a token. Nothing was saved.</source>
        <translation>本机无法生成令牌，没有保存任何内容。</translation>
    </message>
    <message>
        <source>Connecting a POS</source>
        <translation>接入收银机</translation>
    </message>
    <message>
        <source>A POS named %1 is already connected. Choose another name, or revoke it first.</source>
        <translation>已有名为 %1 的收银机接入。请换个名字，或先将其停用。</translation>
    </message>
    <message>
        <source>Disconnecting a POS</source>
        <translation>停用收银机</translation>
    </message>
    <message>
        <source>No connected POS is named %1.</source>
        <translation>没有名为 %1 的已接入收银机。</translation>
    </message>
    <message>
        <source>Setting up the POS link</source>
        <translation>设置收银机对接</translation>
    </message>
    <message>
        <source>The request carries no POS token. A manager makes one at the till.</source>
        <translation>请求中没有收银机令牌。请店长在本机生成。</translation>
    </message>
    <message>
        <source>This POS token is not known at this till. A manager makes one at the till.</source>
        <translation>本机不认识这个收银机令牌。请店长在本机生成。</translation>
    </message>
    <message>
        <source>The POS %1 has been disconnected from this till.</source>
        <translation>收银机 %1 已被本机停用。</translation>
    </message>
    <message>
        <source>Staff id %1 cannot work at this till.</source>
        <translation>工号 %1 不能在本机操作。</translation>
    </message>
    <message>
        <source>Nobody is signed in at the till, and the POS named no cashier.</source>
        <translation>本机没有人登录，收银机也没有指明收银员。</translation>
    </message>
    <message>
        <source>This was already sent with other content (%1). Nothing was changed; send a new number for a new sale or return.</source>
        <translation>这个单号已用不同的内容提交过（%1）。没有做任何改动；新的销售或退货请用新单号。</translation>
    </message>
    <message>
        <source>The basket has no lines.</source>
        <translation>购物清单里没有商品。</translation>
    </message>
    <message>
        <source>A basket has at most %1 lines.</source>
        <translation>一单最多 %1 行商品。</translation>
    </message>
    <message>
        <source>A line&apos;s SKU and category have at most %1 characters.</source>
        <translation>商品编码和品类最多 %1 个字符。</translation>
    </message>
    <message>
        <source>Line %1 needs a quantity above 0 and an amount of 0 or more.</source>
        <translation>商品 %1 的数量须大于 0，金额不能为负。</translation>
    </message>
    <message>
        <source>Send a phone number, a member code or a scanned QR code.</source>
        <translation>请发送手机号、会员号或扫到的二维码。</translation>
    </message>
    <message>
        <source>Send the sale&apos;s receipt number.</source>
        <translation>请发送这笔销售的小票号。</translation>
    </message>
    <message>
        <source>A hold lasts 1 to 120 minutes.</source>
        <translation>积分锁定时间为 1 到 120 分钟。</translation>
    </message>
    <message>
        <source>Send the receipt number the points are for.</source>
        <translation>请发送这些积分所用于的小票号。</translation>
    </message>
    <message>
        <source>This POS holds no points under %1.</source>
        <translation>这台收银机没有编号为 %1 的积分锁定。</translation>
    </message>
    <message>
        <source>That hold was released; hold the points again.</source>
        <translation>这笔锁定已释放，请重新锁定积分。</translation>
    </message>
    <message>
        <source>That hold ran out; hold the points again.</source>
        <translation>这笔锁定已过期，请重新锁定积分。</translation>
    </message>
    <message>
        <source>Those points were already spent on the sale; refund it instead.</source>
        <translation>这些积分已在这笔销售中抵扣，请改为退货。</translation>
    </message>
    <message>
        <source>Send the return&apos;s document number: a return is done once per number.</source>
        <translation>请发送退货单号：每个单号只退一次。</translation>
    </message>
    <message>
        <source>Return %1 at the POS</source>
        <translation>收银机退货 %1</translation>
    </message>
    <message>
        <source>This request was sent to another address.</source>
        <translation>这个请求发往了别的地址。</translation>
    </message>
    <message>
        <source>No such address in the POS link; see docs/pos-api.md.</source>
        <translation>收银机对接中没有这个地址，请参阅 docs/pos-api.md。</translation>
    </message>
    <message>
        <source>Use GET or POST.</source>
        <translation>请使用 GET 或 POST。</translation>
    </message>
    <message>
        <source>Send the body as application/json.</source>
        <translation>请以 application/json 格式发送请求内容。</translation>
    </message>
    <message>
        <source>%1 released held points.</source>
        <translation>%1 释放了锁定的积分。</translation>
    </message>
    <message>
        <source>%1 attached a member.</source>
        <translation>%1 关联了一位会员。</translation>
    </message>
    <message numerus="yes">
        <source>%1 quoted receipt %2: %n point(s) to earn.</source>
        <translation>
            <numerusform>%1 试算小票 %2：可得 %n 积分。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: receipt %2 earned %n point(s).</source>
        <translation>
            <numerusform>%1：小票 %2 获得 %n 积分。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 holds %n point(s) for receipt %2.</source>
        <translation>
            <numerusform>%1 为小票 %2 锁定了 %n 积分。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n point(s) spent on the sale.</source>
        <translation>
            <numerusform>%1：本单抵扣 %n 积分。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: return %2 took back %n point(s).</source>
        <translation>
            <numerusform>%1：退货单 %2 扣回 %n 积分。</numerusform>
        </translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>The field &quot;%1&quot; is longer than %2 characters.</source>
        <translation>字段“%1”超过 %2 个字符。</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>列表</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Unknown field &quot;%1&quot; in %2.</source>
        <translation>%2 中有未知字段“%1”。</translation>
    </message>
    <message>
        <source>The field &quot;%1&quot; is missing.</source>
        <translation>缺少字段“%1”。</translation>
    </message>
    <message>
        <source>The field &quot;%1&quot; must be %2.</source>
        <translation>字段“%1”必须是%2。</translation>
    </message>
    <message>
        <source>The request&apos;s body is not a JSON object.</source>
        <translation>请求内容不是 JSON 对象。</translation>
    </message>
    <message>
        <source>Each line of &quot;lines&quot; must be an object.</source>
        <translation>“lines”中的每一行都必须是对象。</translation>
    </message>
    <message>
        <source>line %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message>
        <source>Send either &quot;discountPoints&quot; (points off the bill) or &quot;rewardId&quot;, not both.</source>
        <translation>请发送“discountPoints”（积分抵现）或“rewardId”（兑换礼品）之一，不要同时发送。</translation>
    </message>
    <message>
        <source>The POS link&apos;s certificate or key file cannot be read: %1, %2.</source>
        <translation>无法读取收银机对接的证书或私钥文件：%1，%2。</translation>
    </message>
    <message>
        <source>The POS link&apos;s certificate or key is not a PEM certificate and RSA key.</source>
        <translation>收银机对接的证书或私钥不是 PEM 证书和 RSA 私钥。</translation>
    </message>
    <message>
        <source>Give the POS link&apos;s address as HOST:PORT with an IP address, such as 127.0.0.1:8765.</source>
        <translation>请以“主机:端口”的形式给出收银机对接地址，主机为 IP 地址，例如 127.0.0.1:8765。</translation>
    </message>
    <message>
        <source>The POS link listens on a network address only with TLS: give it a certificate and key, or use 127.0.0.1.</source>
        <translation>收银机对接只有在使用 TLS 时才能监听网络地址：请提供证书和私钥，或使用 127.0.0.1。</translation>
    </message>
    <message>
        <source>The POS link cannot listen on %1:%2: %3.</source>
        <translation>收银机对接无法监听 %1:%2：%3。</translation>
    </message>
    <message>
        <source>Too many POS connections; try again.</source>
        <translation>收银机连接过多，请稍后再试。</translation>
    </message>
    <message>
        <source>The request is not HTTP the POS link reads: %1.</source>
        <translation>收银机对接无法读取这个 HTTP 请求：%1。</translation>
    </message>
    <message>
        <source>PDF slips are made where the till&apos;s window runs; ask for format=escpos here.</source>
        <translation>PDF 小票只能在收银窗口运行的地方生成；这里请使用 format=escpos。</translation>
    </message>
    <message>
        <source>A slip&apos;s format is escpos or pdf.</source>
        <translation>小票格式为 escpos 或 pdf。</translation>
    </message>
</context>
<context>
    <name>ReceiptQr</name>
    <message>
        <source>This is not a receipt code Counterpart can read. Type the receipt number and total.</source>
        <translation>这不是 Counterpart 能识别的小票码。请输入小票号和金额。</translation>
    </message>
</context>
<context>
    <name>ReceiptSlip</name>
    <message>
        <source>Member points</source>
        <translation>会员积分</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Receipt %1</source>
        <translation>小票 %1</translation>
    </message>
    <message>
        <source>Points for this purchase</source>
        <translation>本次消费积分</translation>
    </message>
    <message>
        <source>Gifts</source>
        <translation>赠送积分</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>积分余额</translation>
    </message>
    <message>
        <source>Worth</source>
        <translation>可抵现</translation>
    </message>
    <message>
        <source>Expiring by %1</source>
        <translation>%1 前到期</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>会员等级</translation>
    </message>
    <message>
        <source>Spend %1 more for %2</source>
        <translation>再消费 %1 升级为%2</translation>
    </message>
    <message>
        <source>Show this code at the till to collect points.</source>
        <translation>下次消费时出示此码即可积分。</translation>
    </message>
    <message>
        <source>This build cannot write Chinese for a receipt printer (no GB18030).</source>
        <translation>此版本无法为小票打印机输出中文（不支持 GB18030）。</translation>
    </message>
    <message>
        <source>The receipt printer at %1 does not answer: is it on and on the network?</source>
        <translation>%1 的小票打印机没有响应：请检查是否开机并已联网。</translation>
    </message>
    <message>
        <source>The receipt printer at %1 stopped taking the slip.</source>
        <translation>%1 的小票打印机中途停止接收。</translation>
    </message>
    <message>
        <source>The printing system (CUPS) is not installed on this till.</source>
        <translation>本机没有安装打印系统（CUPS）。</translation>
    </message>
    <message>
        <source>The printer queue %1 did not take the slip.</source>
        <translation>打印队列 %1 没有接收这张小票。</translation>
    </message>
    <message>
        <source>The receipt printer %1 cannot be opened: is it plugged in?</source>
        <translation>无法打开小票打印机 %1：请检查是否已连接。</translation>
    </message>
    <message>
        <source>The receipt printer %1 did not take the whole slip.</source>
        <translation>小票打印机 %1 没有接收完整的小票。</translation>
    </message>
    <message>
        <source>Say where to print as tcp:HOST[:PORT], cups:QUEUE or file:DEVICE, not %1.</source>
        <translation>请用 tcp:主机[:端口]、cups:队列 或 file:设备 指定打印位置，而不是 %1。</translation>
    </message>
</context>
<context>
    <name>Schema</name>
    <message>
        <source>The file at %1 is not a Counterpart database, or it is damaged beyond reading, so the till did not open it.</source>
        <translation>文件 %1 不是 Counterpart 数据库，或已损坏到无法读取，因此收银台没有打开它。</translation>
    </message>
    <message>
        <source>The member database at %1 is damaged, so the till did not open it.</source>
        <translation>会员数据库 %1 已损坏，因此收银台没有打开它。</translation>
    </message>
    <message>
        <source>A copy was kept at %1 and nothing was deleted.</source>
        <translation>已在 %1 保留一份副本，未删除任何内容。</translation>
    </message>
    <message>
        <source>A copy could not be kept beside it (is the disk full?); nothing was deleted.</source>
        <translation>无法在原文件旁保留副本（磁盘是否已满？）；未删除任何内容。</translation>
    </message>
    <message>
        <source>Technician: keep both files, run `counterpart-admin check` for details, then restore this till from the server or a backup.</source>
        <translation>技术人员：请保留这两个文件，运行 `counterpart-admin check` 查看详情，然后从服务器或备份恢复本机。</translation>
    </message>
    <message>
        <source>Internal error: no schema version.</source>
        <translation>内部错误：没有数据库结构版本。</translation>
    </message>
    <message>
        <source>This database was written by a newer version of Counterpart (schema %1; this program knows up to %2). Install the newer version; the file has not been changed.</source>
        <translation>该数据库由更新版本的 Counterpart 写入（结构版本 %1；本程序最高支持 %2）。请安装新版本；该文件未被更改。</translation>
    </message>
    <message>
        <source>Internal error: cannot migrate to that schema version.</source>
        <translation>内部错误：无法迁移到该结构版本。</translation>
    </message>
    <message>
        <source>Internal error: migration inside a transaction.</source>
        <translation>内部错误：在事务中执行了迁移。</translation>
    </message>
    <message>
        <source>Internal error: a schema migration is missing.</source>
        <translation>内部错误：缺少一个结构迁移。</translation>
    </message>
    <message>
        <source>The database needs upgrading, but a backup could not be made first, so nothing was changed: %1</source>
        <translation>数据库需要升级，但无法先做备份，因此没有做任何改动：%1</translation>
    </message>
</context>
<context>
    <name>Statistics</name>
    <message>
        <source>The manager&apos;s statistics</source>
        <translation>查看经营统计</translation>
    </message>
    <message>
        <source>Choose a first day that is not after the last day.</source>
        <translation>开始日期不能晚于结束日期。</translation>
    </message>
    <message>
        <source>Rebuilding the statistics</source>
        <translation>重建统计数据</translation>
    </message>
    <message>
        <source>Champions</source>
        <translation>高价值会员</translation>
    </message>
    <message>
        <source>Loyal</source>
        <translation>忠诚会员</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>有流失风险的会员</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>已流失会员</translation>
    </message>
    <message>
        <source>Points expiring in 30 days</source>
        <translation>积分 30 天内到期</translation>
    </message>
    <message>
        <source>Birthdays this week</source>
        <translation>本周生日</translation>
    </message>
    <message>
        <source>New, not back yet</source>
        <translation>新会员，尚未再次消费</translation>
    </message>
    <message>
        <source>Unknown list.</source>
        <translation>未知的名单。</translation>
    </message>
    <message>
        <source>Exporting a member list</source>
        <translation>导出会员名单</translation>
    </message>
    <message>
        <source>The export was cancelled.</source>
        <translation>导出已取消。</translation>
    </message>
    <message>
        <source>The whole chain&apos;s figures are for head office: the chain&apos;s rules let a store manager see their own store&apos;s.</source>
        <translation>全连锁的数据只给总部看：按连锁的规则，店长只能看本店的数据。</translation>
    </message>
</context>
<context>
    <name>StatsCharts</name>
    <message>
        <source>Visits and new members, last 30 days</source>
        <translation>到店次数和新会员（近 30 天）</translation>
    </message>
    <message>
        <source>Member sales, last 30 days</source>
        <translation>会员销售额（近 30 天）</translation>
    </message>
    <message>
        <source>Points issued and redeemed, last 30 days</source>
        <translation>积分发放与兑换（近 30 天）</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>到店次数</translation>
    </message>
    <message>
        <source>New members</source>
        <translation>新会员</translation>
    </message>
    <message>
        <source>Member sales (%1)</source>
        <translation>会员销售额（%1）</translation>
    </message>
    <message>
        <source>Points issued</source>
        <translation>发放积分</translation>
    </message>
    <message>
        <source>Points redeemed</source>
        <translation>兑换积分</translation>
    </message>
    <message>
        <source>Members by tier, now</source>
        <translation>当前各等级会员数</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>会员数</translation>
    </message>
</context>
<context>
    <name>StatsReport</name>
    <message>
        <source>Daily member report</source>
        <translation>会员日报</translation>
    </message>
    <message>
        <source>Member report</source>
        <translation>会员报表</translation>
    </message>
    <message>
        <source>%1 (store %2)</source>
        <translation>%1（门店 %2）</translation>
    </message>
    <message>
        <source>%1 · days in %2 · compared with %3</source>
        <translation>%1 · 日期按 %2 计 · 对比 %3</translation>
    </message>
    <message>
        <source>New members</source>
        <translation>新会员</translation>
    </message>
    <message>
        <source>at the till / online / imported</source>
        <translation>门店注册 / 线上注册 / 导入</translation>
    </message>
    <message>
        <source>Visits (purchases by members)</source>
        <translation>到店次数（会员消费笔数）</translation>
    </message>
    <message>
        <source>Members who bought</source>
        <translation>消费会员数</translation>
    </message>
    <message>
        <source>of whom returning</source>
        <translation>其中回头客</translation>
    </message>
    <message>
        <source>Member sales (net of refunds)</source>
        <translation>会员销售额（已扣除退款）</translation>
    </message>
    <message>
        <source>refunded</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Average ticket</source>
        <translation>客单价</translation>
    </message>
    <message>
        <source>Points issued</source>
        <translation>发放积分</translation>
    </message>
    <message>
        <source>of which gifts</source>
        <translation>其中赠礼</translation>
    </message>
    <message>
        <source>Points redeemed</source>
        <translation>兑换积分</translation>
    </message>
    <message>
        <source>Points expired</source>
        <translation>过期积分</translation>
    </message>
    <message>
        <source>Points adjusted</source>
        <translation>调整的积分</translation>
    </message>
    <message>
        <source>Outstanding points at the end</source>
        <translation>期末积分结余</translation>
    </message>
    <message>
        <source>worth</source>
        <translation>价值</translation>
    </message>
    <message>
        <source>Gifts granted</source>
        <translation>赠礼发放次数</translation>
    </message>
    <message>
        <source>Tier upgrades</source>
        <translation>等级升级</translation>
    </message>
    <message>
        <source>Tier downgrades</source>
        <translation>等级降级</translation>
    </message>
    <message>
        <source>This day</source>
        <translation>当天</translation>
    </message>
    <message>
        <source>This period</source>
        <translation>本期</translation>
    </message>
    <message>
        <source>Day before</source>
        <translation>前一天</translation>
    </message>
    <message>
        <source>Period before</source>
        <translation>上期</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Members to call (lists in the manager view, as of %1)</source>
        <translation>需要联系的会员（店长视图中的名单，截至 %1）</translation>
    </message>
    <message>
        <source>Not counted yet: open &quot;Members to call&quot; and print again.</source>
        <translation>尚未统计：请打开“需要联系的会员”标签页，然后重新打印。</translation>
    </message>
    <message>
        <source> (%1, worth %2)</source>
        <translation> （%1，价值 %2）</translation>
    </message>
    <message>
        <source>Prepared by %1 on %2. From this till&apos;s own records, including what sync brought from the store&apos;s other tills; days are the store&apos;s days (%3). Active members now: %4.</source>
        <translation>由 %1 于 %2 制表。数据来自本机记录，包括从本店其他收银台同步来的数据；日期按门店时区（%3）计算。当前有效会员：%4。</translation>
    </message>
    <message>
        <source>Cannot write the report to %1. Choose another folder.</source>
        <translation>无法将报表写入 %1。请选择其他文件夹。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>The whole chain, as this till knows it</source>
        <translation>全连锁（本收银机已同步的数据）</translation>
    </message>
</context>
<context>
    <name>Stores</name>
    <message>
        <source>A balance cannot pass %1 points; nothing was saved.</source>
        <translation>积分余额不能超过 %1 积分，未保存任何内容。</translation>
    </message>
    <message>
        <source>A value is not allowed here (for example a negative amount); nothing was saved.</source>
        <translation>此处不允许该值（例如负数金额），未保存任何内容。</translation>
    </message>
    <message>
        <source>What this refers to does not exist; nothing was saved.</source>
        <translation>所引用的记录不存在，未保存任何内容。</translation>
    </message>
    <message>
        <source>The record was not found.</source>
        <translation>找不到该记录。</translation>
    </message>
    <message>
        <source>Internal error: no result.</source>
        <translation>内部错误：没有结果。</translation>
    </message>
    <message>
        <source>Internal error: a record has no id.</source>
        <translation>内部错误：记录缺少 id。</translation>
    </message>
    <message>
        <source>This phone number already belongs to an active member; nothing was saved.</source>
        <translation>该手机号已属于一位在用会员，未保存任何内容。</translation>
    </message>
    <message>
        <source>This member code is already in use; nothing was saved.</source>
        <translation>该会员号已被使用，未保存任何内容。</translation>
    </message>
    <message>
        <source>The terminal number must be between %1 and %2.</source>
        <translation>终端号必须在 %1 到 %2 之间。</translation>
    </message>
    <message>
        <source>Internal error: a stored member code is malformed.</source>
        <translation>内部错误：已保存的会员号格式不正确。</translation>
    </message>
    <message>
        <source>Points were already earned on this receipt at this store; nothing was saved.</source>
        <translation>本店这张小票已经积过分，未保存任何内容。</translation>
    </message>
    <message>
        <source>The refund is more than what is left of this purchase; nothing was saved.</source>
        <translation>退款金额超过该笔消费的剩余金额，未保存任何内容。</translation>
    </message>
    <message>
        <source>The purchase was not found, or it was voided.</source>
        <translation>找不到该笔消费，或该笔消费已被撤销。</translation>
    </message>
    <message>
        <source>This purchase was already voided.</source>
        <translation>该笔消费已被撤销。</translation>
    </message>
    <message>
        <source>The purchase was not found.</source>
        <translation>找不到该笔消费。</translation>
    </message>
    <message>
        <source>Internal error: a points entry is incomplete.</source>
        <translation>内部错误：积分记录不完整。</translation>
    </message>
    <message>
        <source>Loyalty rules version %1 is already stored with different content.</source>
        <translation>积分规则版本 %1 已存在，且内容不同。</translation>
    </message>
</context>
<context>
    <name>Sync</name>
    <message>
        <source>This till is not enrolled with a server yet. Run counterpart-admin enrol --server URL --code CODE.</source>
        <translation>本机尚未在服务器登记。请运行 counterpart-admin enrol --server URL --code CODE。</translation>
    </message>
    <message>
        <source>The till&apos;s key file is missing, so the terminal secret cannot be read: %1</source>
        <translation>本机的密钥文件缺失，无法读取终端密钥：%1</translation>
    </message>
    <message>
        <source>The terminal secret cannot be decrypted with this till&apos;s key file. Enrol the till again.</source>
        <translation>无法用本机的密钥文件解密终端密钥。请重新登记本机。</translation>
    </message>
    <message>
        <source>The server&apos;s chain key %1 is not the one this till already holds: this till&apos;s database belongs to another chain, or the server&apos;s database was replaced. Nothing was stored; ask head office.</source>
        <translation>服务器的连锁密钥 %1 与本收银台已有的不一致：本收银台的数据库属于另一个连锁，或服务器的数据库被替换过。未保存任何内容，请联系总部。</translation>
    </message>
    <message>
        <source>The till&apos;s key file is missing, so the chain&apos;s keys cannot be kept.</source>
        <translation>本收银台的密钥文件缺失，无法保存连锁密钥。</translation>
    </message>
    <message>
        <source>The chain&apos;s key %1 does not open with this till&apos;s secret: it was made for another terminal or another chain, or changed on the way. Nothing was stored; ask head office.</source>
        <translation>连锁密钥 %1 无法用本收银台的终端密钥打开：它是为其他终端或其他连锁生成的，或在传输中被改动。未保存任何内容，请联系总部。</translation>
    </message>
</context>
<context>
    <name>SyncStore</name>
    <message>
        <source>The server sent a change about a member this till does not have; sync stops until the server is corrected.</source>
        <translation>服务器发来的变更涉及本机没有的会员；同步已暂停，直到服务器修正为止。</translation>
    </message>
    <message>
        <source>The stored sync position is damaged.</source>
        <translation>已保存的同步位置已损坏。</translation>
    </message>
    <message>
        <source>Receipt %1 was used for points at another till too; sync will settle it on its next run.</source>
        <translation>小票 %1 在其他收银台也积过分；下次同步时会处理。</translation>
    </message>
</context>
<context>
    <name>Till</name>
    <message>
        <source>The loyalty rules stored in this till are not valid (%1). Install the rules again with counterpart-admin rules --install FILE.</source>
        <translation>本机保存的积分规则无效（%1）。请用 counterpart-admin rules --install FILE 重新安装规则。</translation>
    </message>
    <message>
        <source>The terminal number must be between %1 and %2.</source>
        <translation>终端号必须在 %1 到 %2 之间。</translation>
    </message>
    <message>
        <source>The store needs an id.</source>
        <translation>门店需要编号。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a time zone this system knows.</source>
        <translation>“%1”不是本系统已知的时区。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a currency code.</source>
        <translation>“%1”不是货币代码。</translation>
    </message>
    <message>
        <source>Installing loyalty rules</source>
        <translation>安装积分规则</translation>
    </message>
    <message>
        <source>These rules are for %1 but this store uses %2.</source>
        <translation>这套规则适用于 %1，但本店使用 %2。</translation>
    </message>
    <message>
        <source>A staff id has 1 to 32 characters.</source>
        <translation>工号为 1 到 32 个字符。</translation>
    </message>
    <message>
        <source>Please type the staff member&apos;s name.</source>
        <translation>请输入员工姓名。</translation>
    </message>
    <message>
        <source>Staff are cashiers or managers.</source>
        <translation>员工只能是收银员或店长。</translation>
    </message>
    <message>
        <source>A PIN has 4 to 8 digits.</source>
        <translation>密码为 4 到 8 位数字。</translation>
    </message>
    <message>
        <source>Adding staff</source>
        <translation>添加员工</translation>
    </message>
    <message>
        <source>That staff id and PIN do not match.</source>
        <translation>工号和密码不匹配。</translation>
    </message>
    <message>
        <source>Too many wrong PINs. Try again after %1, or ask a manager.</source>
        <translation>密码错误次数过多。请在 %1 后重试，或请店长处理。</translation>
    </message>
    <message numerus="yes">
        <source>That staff id and PIN do not match. %n more tries before the lock.</source>
        <translation>
            <numerusform>工号和密码不匹配。再错 %n 次将被锁定。</numerusform>
        </translation>
    </message>
    <message>
        <source>This till&apos;s settings are incomplete (no terminal number). Run counterpart-admin check.</source>
        <translation>本机设置不完整（没有终端号）。请运行 counterpart-admin check。</translation>
    </message>
    <message>
        <source>The encryption key for ID numbers and birth dates is missing (%1). Restore it from the technician&apos;s backup; until then those fields cannot be read or saved.</source>
        <translation>身份证号和出生日期的加密密钥缺失（%1）。请从技术人员的备份中恢复；恢复之前，这些字段无法读取或保存。</translation>
    </message>
    <message>
        <source>The key file %1 does not belong to this database. Restore the right key from the technician&apos;s backup.</source>
        <translation>密钥文件 %1 不属于此数据库。请从技术人员的备份中恢复正确的密钥。</translation>
    </message>
    <message>
        <source>%1 needs a manager&apos;s PIN.</source>
        <translation>%1，需要店长密码。</translation>
    </message>
    <message>
        <source>%1 needs a manager; %2 is a cashier.</source>
        <translation>%1，需要店长授权；%2 是收银员。</translation>
    </message>
    <message>
        <source>That member is not in this till&apos;s records.</source>
        <translation>本机记录中没有该会员。</translation>
    </message>
    <message>
        <source>Say which member: a phone number, member code or card.</source>
        <translation>请指定会员：手机号、会员号或会员码。</translation>
    </message>
    <message>
        <source>No member has the code %1 in this till.</source>
        <translation>本机没有会员号为 %1 的会员。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is neither a member code nor a phone number: %2</source>
        <translation>“%1”既不是会员号也不是手机号：%2</translation>
    </message>
    <message>
        <source>No member has the phone number %1.</source>
        <translation>没有手机号为 %1 的会员。</translation>
    </message>
    <message>
        <source>This membership is closed.</source>
        <translation>该会员已注销。</translation>
    </message>
    <message>
        <source>The schema is version %1; this program expects %2.</source>
        <translation>数据库结构版本为 %1；本程序需要 %2。</translation>
    </message>
    <message>
        <source>The database file is damaged; a copy was kept at %1.</source>
        <translation>数据库文件已损坏；已在 %1 保留一份副本。</translation>
    </message>
    <message>
        <source>Member #%1: balance %2 but the ledger adds up to %3.</source>
        <translation>会员 #%1：余额为 %2，但积分流水合计为 %3。</translation>
    </message>
    <message>
        <source>Please type the member&apos;s name.</source>
        <translation>请输入会员姓名。</translation>
    </message>
    <message>
        <source>That name is too long (at most %1 characters).</source>
        <translation>姓名太长（最多 %1 个字符）。</translation>
    </message>
    <message>
        <source>The name has a character that cannot be shown.</source>
        <translation>姓名中有无法显示的字符。</translation>
    </message>
    <message>
        <source>Gender is female, male, other, or left empty.</source>
        <translation>性别只能是 female（女）、male（男）、other（其他），或留空。</translation>
    </message>
    <message>
        <source>That birthday is not a real date in the past.</source>
        <translation>该生日不是过去的有效日期。</translation>
    </message>
    <message>
        <source>That ID number is too long.</source>
        <translation>身份证号太长。</translation>
    </message>
    <message>
        <source>The note is too long (at most %1 characters).</source>
        <translation>备注太长（最多 %1 个字符）。</translation>
    </message>
    <message>
        <source>Unknown registration channel.</source>
        <translation>未知的注册渠道。</translation>
    </message>
    <message>
        <source>%1 is already %2&apos;s number (%3, member %4). Open that card instead.</source>
        <translation>%1 已是 %2 的号码（%3，会员号 %4）。请直接打开该会员卡。</translation>
    </message>
    <message>
        <source>This till has used up its member codes. Ask the technician to give it a new terminal number.</source>
        <translation>本机的会员号已用完。请技术人员为本机分配新的终端号。</translation>
    </message>
    <message>
        <source>%1 was registered a moment ago at this till. Search for it.</source>
        <translation>%1 刚刚已在本机注册。请搜索该号码。</translation>
    </message>
    <message>
        <source>Type a phone number, member code or name, or scan the member&apos;s card.</source>
        <translation>请输入手机号、会员号或姓名，或扫会员码。</translation>
    </message>
    <message>
        <source>No member has the code %1 in this till. If the member joined at another store, the till may not have synced yet.</source>
        <translation>本机没有会员号为 %1 的会员。如果该会员是在其他门店注册的，可能本机尚未同步。</translation>
    </message>
    <message>
        <source>No member&apos;s phone number ends in %1.</source>
        <translation>没有手机尾号为 %1 的会员。</translation>
    </message>
    <message>
        <source>No member has the code %1.</source>
        <translation>没有会员号为 %1 的会员。</translation>
    </message>
    <message>
        <source>No member has the phone number %1. Register them?</source>
        <translation>没有手机号为 %1 的会员。要为其注册吗？</translation>
    </message>
    <message>
        <source>Type the full phone number, its last four digits, or the 12-digit member code.</source>
        <translation>请输入完整手机号、手机尾号4位，或 12 位会员号。</translation>
    </message>
    <message>
        <source>No member&apos;s name starts with &quot;%1&quot;.</source>
        <translation>没有姓名以“%1”开头的会员。</translation>
    </message>
    <message>
        <source>Type exactly the last four digits of the phone number.</source>
        <translation>请准确输入手机尾号4位。</translation>
    </message>
    <message>
        <source>Type the first letters of the member&apos;s name.</source>
        <translation>请输入会员姓名的开头部分。</translation>
    </message>
    <message>
        <source>Seeing an ID number or full birth date</source>
        <translation>查看身份证号或完整出生日期</translation>
    </message>
    <message>
        <source>Type the receipt number.</source>
        <translation>请输入小票号。</translation>
    </message>
    <message>
        <source>That receipt number is too long.</source>
        <translation>小票号太长。</translation>
    </message>
    <message>
        <source>The amount must be more than zero.</source>
        <translation>金额必须大于零。</translation>
    </message>
    <message>
        <source>That amount is too large for one receipt.</source>
        <translation>单张小票的金额过大。</translation>
    </message>
    <message>
        <source>The part that earns no points cannot be more than the receipt total.</source>
        <translation>不积分的部分不能超过小票总额。</translation>
    </message>
    <message>
        <source>Receipt %1 already earned %2 points for %3 on %4. Points are given once per receipt.</source>
        <translation>小票 %1 已于 %4 为 %3 累积了 %2 积分。每张小票只能积分一次。</translation>
    </message>
    <message>
        <source>That amount is too large to earn points on.</source>
        <translation>该金额过大，无法积分。</translation>
    </message>
    <message>
        <source>Receipt %1 already earned points. Points are given once per receipt.</source>
        <translation>小票 %1 已经积过分。每张小票只能积分一次。</translation>
    </message>
    <message>
        <source>A gift was about to be given twice; nothing was saved.</source>
        <translation>同一份赠礼将被重复发放，未保存任何内容。</translation>
    </message>
    <message>
        <source>The quantity must be between 1 and 100.</source>
        <translation>数量必须在 1 到 100 之间。</translation>
    </message>
    <message>
        <source>There is no reward &apos;%1&apos; in the catalogue.</source>
        <translation>兑换目录中没有礼品“%1”。</translation>
    </message>
    <message numerus="yes">
        <source>%1 can be redeemed %n time(s) a day per member; that is used up for today.</source>
        <translation>
            <numerusform>%1 每位会员每天限兑 %n 次，今天的次数已用完。</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose a reward or the points to take off the bill.</source>
        <translation>请选择礼品，或输入要抵现的积分。</translation>
    </message>
    <message>
        <source>Points come off the bill in steps of %1.</source>
        <translation>抵现积分须为 %1 的整数倍。</translation>
    </message>
    <message>
        <source>%1 has %2 points; rewards start at %3 points.</source>
        <translation>%1 有 %2 积分；满 %3 积分才能兑换。</translation>
    </message>
    <message>
        <source>This needs %1 points; %2 has %3.</source>
        <translation>需要 %1 积分；%2 只有 %3。</translation>
    </message>
    <message>
        <source>The till is offline: at most %1 points per member can be redeemed until it is back online (%2 already used). Try a smaller reward.</source>
        <translation>本机处于离线状态：恢复联网前，每位会员最多可兑换 %1 积分（已用 %2）。请选择所需积分较少的礼品。</translation>
    </message>
    <message>
        <source>Type the receipt number of the purchase to refund.</source>
        <translation>请输入要退货的消费的小票号。</translation>
    </message>
    <message>
        <source>No member purchase has receipt %1 at this store.</source>
        <translation>本店没有小票号为 %1 的会员消费。</translation>
    </message>
    <message>
        <source>Receipt %1 has already been refunded in full.</source>
        <translation>小票 %1 已全额退款。</translation>
    </message>
    <message>
        <source>The refund must be more than zero.</source>
        <translation>退款金额必须大于零。</translation>
    </message>
    <message>
        <source>Only %1 of receipt %2 is left to refund.</source>
        <translation>小票 %2 仅剩 %1 可退。</translation>
    </message>
    <message>
        <source>A refund above %1</source>
        <translation>退款超过 %1</translation>
    </message>
    <message>
        <source>The purchase&apos;s member is missing; nothing was changed.</source>
        <translation>找不到该笔消费所属的会员，未做任何更改。</translation>
    </message>
    <message>
        <source>An adjustment must add or take away some points.</source>
        <translation>调整必须增加或扣减积分。</translation>
    </message>
    <message>
        <source>An adjustment is at most %1 points.</source>
        <translation>单次调整最多 %1 积分。</translation>
    </message>
    <message>
        <source>Write the reason for the adjustment.</source>
        <translation>请填写调整原因。</translation>
    </message>
    <message>
        <source>Adjusting points</source>
        <translation>调整积分</translation>
    </message>
    <message>
        <source>%1 has no earn or redemption that can be voided.</source>
        <translation>%1 没有可撤销的积分或兑换。</translation>
    </message>
    <message numerus="yes">
        <source>The last transaction is older than %n minute(s) and can no longer be voided. Use a refund instead.</source>
        <translation>
            <numerusform>上一笔交易已超过 %n 分钟，不能再撤销。请改用退货。</numerusform>
        </translation>
    </message>
    <message>
        <source>Voiding another cashier&apos;s transaction</source>
        <translation>撤销其他收银员的交易</translation>
    </message>
    <message>
        <source>The transaction to void is missing; nothing was changed.</source>
        <translation>找不到要撤销的交易，未做任何更改。</translation>
    </message>
    <message>
        <source>The till is offline: %1 can redeem at most %2 points until it is back online (the balance the server last confirmed, less what was redeemed here since).</source>
        <translation>本机处于离线状态：恢复联网前，%1 最多可兑换 %2 积分（服务器最后确认的余额，减去此后在本机已兑换的积分）。</translation>
    </message>
    <message>
        <source>%1 has %2 points; an adjustment can take away at most that.</source>
        <translation>%1 有 %2 积分；调整最多只能扣减这么多。</translation>
    </message>
    <message>
        <source>The till speaks %1.</source>
        <translation>收银台支持的语言：%1。</translation>
    </message>
    <message>
        <source>Enrolling the till</source>
        <translation>登记本机</translation>
    </message>
    <message>
        <source>Type the enrolment code the administrator gave you.</source>
        <translation>请输入管理员给您的登记码。</translation>
    </message>
    <message>
        <source>%1 till %2</source>
        <translation>%1 收银台 %2</translation>
    </message>
    <message>
        <source>The server&apos;s enrolment answer is incomplete.</source>
        <translation>服务器的登记应答不完整。</translation>
    </message>
    <message>
        <source>Signing a request as this till</source>
        <translation>以本机身份签名请求</translation>
    </message>
    <message>
        <source>(running total)</source>
        <translation>（累计）</translation>
    </message>
    <message>
        <source>Statistics: %1 more differences. Run counterpart-admin stats --rebuild.</source>
        <translation>统计数据：另有 %1 处差异。请运行 counterpart-admin stats --rebuild。</translation>
    </message>
    <message>
        <source>Marking the server&apos;s flags as seen</source>
        <translation>将服务器的标记设为已读</translation>
    </message>
    <message>
        <source>The first staff member of a till is a manager, who then adds the cashiers.</source>
        <translation>收银台的第一位员工必须是店长，由店长再添加收银员。</translation>
    </message>
    <message>
        <source>%1 points of %2 members expired</source>
        <translation>%2 位会员的 %1 积分已过期</translation>
    </message>
    <message>
        <source>no number</source>
        <translation>无会员号</translation>
    </message>
    <message>
        <source>%1 members evaluated, %2 up, %3 down</source>
        <translation>已评估 %1 位会员，升级 %2 位，降级 %3 位</translation>
    </message>
    <message>
        <source>Too many wrong PINs. This staff id is locked until %1; each further lock lasts twice as long.</source>
        <translation>密码错误次数过多。该工号已锁定至 %1，之后每次锁定的时间加倍。</translation>
    </message>
    <message>
        <source>Repairing clock stamps</source>
        <translation>修复时间戳</translation>
    </message>
    <message>
        <source>Member counters: %1 more differences. Run counterpart-admin check --repair.</source>
        <translation>会员计数：另有 %1 处差异。请运行 counterpart-admin check --repair。</translation>
    </message>
    <message>
        <source>Mending the member counters</source>
        <translation>修复会员到店计数</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Member #%1: visits %2, first purchase %3, last visit %4; the purchases say %5, %6, %7.</source>
        <translation>会员 #%1：记录到店 %2 次，首次消费 %3，最近到店 %4；消费记录为 %5 次，%6，%7。</translation>
    </message>
    <message>
        <source>Changing a member&apos;s birthday or ID number</source>
        <translation>修改会员的生日或身份证号</translation>
    </message>
    <message>
        <source>The reason is too long (at most %1 characters).</source>
        <translation>原因太长（最多 %1 个字）。</translation>
    </message>
    <message>
        <source>Closing a membership</source>
        <translation>注销会员</translation>
    </message>
    <message>
        <source>This membership is already closed.</source>
        <translation>该会员已注销。</translation>
    </message>
    <message>
        <source>Statistics: member #%1 has %2 visits here (last %3) but the records say %4 (last %5).</source>
        <translation>统计：会员 #%1 在本店记为 %2 次到店（最近 %3），但记录显示为 %4 次（最近 %5）。</translation>
    </message>
    <message>
        <source>Statistics: %1 %2 of %3 holds %4 / %5 but the records add up to %6 / %7.</source>
        <translation>统计：%3 的 %1 %2 记为 %4 / %5，但按记录合计应为 %6 / %7。</translation>
    </message>
    <message>
        <source>this store</source>
        <translation>本店</translation>
    </message>
    <message>
        <source>the chain</source>
        <translation>全连锁</translation>
    </message>
    <message>
        <source>%1 was this member&apos;s number before; it is now %2.</source>
        <translation>%1 是该会员以前的号码，现在的号码是 %2。</translation>
    </message>
    <message>
        <source>That is already the member&apos;s number.</source>
        <translation>这已经是该会员的号码了。</translation>
    </message>
    <message>
        <source>Changing a member&apos;s phone number</source>
        <translation>更改会员手机号</translation>
    </message>
    <message>
        <source>Erasing a member&apos;s personal data</source>
        <translation>删除会员个人信息</translation>
    </message>
    <message>
        <source>This member&apos;s personal data was erased already.</source>
        <translation>该会员的个人信息已经删除过了。</translation>
    </message>
    <message>
        <source>This registration was merged into another member; erase that member instead.</source>
        <translation>这次登记已合并到另一位会员，请删除那位会员的信息。</translation>
    </message>
    <message>
        <source>This member&apos;s personal data was erased at their request.</source>
        <translation>该会员的个人信息已应本人要求删除。</translation>
    </message>
    <message>
        <source>Type the 4 digits the member gives, digits only.</source>
        <translation>请输入会员报出的 4 位数字，只能是数字。</translation>
    </message>
    <message>
        <source>Those digits are wrong again. After %1 wrong answers, spending by card is locked for this member on this till until %2. To spend now, find them by their full phone number; earning still works.</source>
        <translation>数字又错了。已答错 %1 次，本机凭会员卡为该会员使用积分已锁定，直到 %2。如需现在使用积分，请用完整手机号查找会员；累积积分不受影响。</translation>
    </message>
    <message>
        <source>Those digits do not match the member&apos;s phone number. Nothing was redeemed. Wrong answers left before spending by card is locked for 15 minutes: %1.</source>
        <translation>数字与会员手机号不符，未兑换任何内容。再答错 %1 次，凭会员卡使用积分将被锁定 15 分钟。</translation>
    </message>
    <message>
        <source>Spending by card is locked for this member on this till until %1, after %2 wrong answers about their phone number. To spend now, find them by their full phone number; earning still works.</source>
        <translation>该会员手机号已答错 %2 次，本机凭会员卡使用积分已锁定，直到 %1。如需现在使用积分，请用完整手机号查找会员；累积积分不受影响。</translation>
    </message>
    <message>
        <source>Found by card, not by phone number. To spend this, find the member by their full phone number: there are no phone digits to ask them for.</source>
        <translation>此会员是凭会员卡查到的，不是凭手机号。该会员的手机号无法用来核对，如需使用积分，请用完整手机号查找会员。</translation>
    </message>
    <message>
        <source>Found by card, not by phone number. To spend more than %1 points today, ask the member for the first 4 digits of their phone number: a card can be photographed.</source>
        <translation>此会员是凭会员卡查到的，不是凭手机号。今天使用超过 %1 积分，需请会员报出手机号的前 4 位：会员卡可能被人拍照冒用。</translation>
    </message>
    <message>
        <source>Found by card, not by phone number. To spend points, ask the member for the first 4 digits of their phone number: a card can be photographed.</source>
        <translation>此会员是凭会员卡查到的，不是凭手机号。使用积分前，请会员报出手机号的前 4 位：会员卡可能被人拍照冒用。</translation>
    </message>
    <message>
        <source>Found by card, not by phone number. To spend more than %1 points today, ask the member for the 4 digits before the last four of their phone number: a card can be photographed.</source>
        <translation>此会员是凭会员卡查到的，不是凭手机号。今天使用超过 %1 积分，需请会员报出手机号中间 4 位（后四位之前的 4 位）：会员卡可能被人拍照冒用。</translation>
    </message>
    <message>
        <source>Found by card, not by phone number. To spend points, ask the member for the 4 digits before the last four of their phone number: a card can be photographed.</source>
        <translation>此会员是凭会员卡查到的，不是凭手机号。使用积分前，请会员报出手机号中间 4 位（后四位之前的 4 位）：会员卡可能被人拍照冒用。</translation>
    </message>
    <message>
        <source>Head office has switched off staff id %1 at this store (it may have moved to another store). Ask your manager.</source>
        <translation>总部已停用工号 %1 在本店的权限（可能已调往其他门店）。请联系店长。</translation>
    </message>
    <message>
        <source>Staff id %1 was made at this till; head office now manages this store&apos;s staff and does not list it. Ask your manager for your head-office staff id.</source>
        <translation>工号 %1 是在本收银台创建的；本店员工现由总部统一管理，名单中没有该工号。请向店长索取总部分配的工号。</translation>
    </message>
    <message>
        <source>Staff id %1 is switched off. Ask your manager.</source>
        <translation>工号 %1 已停用。请联系店长。</translation>
    </message>
    <message>
        <source>Head office manages the staff of this store: ask them to add or change the person, and every till of the store takes it at its next sync.</source>
        <translation>本店员工由总部统一管理：请联系总部添加或修改员工，本店每台收银台下次同步时都会更新。</translation>
    </message>
    <message>
        <source>Staff id %1 has been switched off at this till since signing in, so this was not saved. Sign out, and ask your manager.</source>
        <translation>工号 %1 在登录后已被停用，本次操作未保存。请退出登录，并联系店长。</translation>
    </message>
    <message>
        <source>This needs %1 points; %2 has %3, but %4 of them are held for a sale at the POS until it is paid or released.</source>
        <translation>需要 %1 积分；%2 有 %3 积分，但其中 %4 积分已被收银机为一笔销售锁定，付款或释放前不能使用。</translation>
    </message>
    <message>
        <source>A receipt number has 1 to 64 characters.</source>
        <translation>小票号为 1 到 64 个字符。</translation>
    </message>
    <message>
        <source>The total must be above 0, and the part that earns points within it.</source>
        <translation>总额必须大于 0，可积分部分不能超过总额。</translation>
    </message>
    <message>
        <source>This till has no key to sign receipts with: %1</source>
        <translation>本机没有可用于签发小票码的密钥：%1</translation>
    </message>
    <message>
        <source>This receipt was signed with a key this till does not hold: it is from another chain, or from a till of this chain whose key has not reached this one yet. Nothing was earned.</source>
        <translation>这张小票的签名密钥本机没有：它来自其他连锁，或来自本连锁中密钥尚未同步到本机的收银机。没有积分。</translation>
    </message>
    <message>
        <source>This receipt code has been altered or was not made by a till of this chain. Nothing was earned.</source>
        <translation>这个小票码被改动过，或不是本连锁的收银机签发的。没有积分。</translation>
    </message>
    <message>
        <source>This receipt is from store %1: it earns points there, not here.</source>
        <translation>这张小票来自门店 %1：请在该门店积分，本店不能积。</translation>
    </message>
    <message>
        <source>This receipt is dated later than now. Check the till&apos;s clock.</source>
        <translation>这张小票的时间晚于现在。请检查本机时钟。</translation>
    </message>
    <message>
        <source>Receipt %1 is older than %2 days: it no longer earns points.</source>
        <translation>小票 %1 已超过 %2 天，不能再积分。</translation>
    </message>
    <message>
        <source>The join address must be a web address such as https://example.com/join, of at most 300 characters.</source>
        <translation>入会地址必须是网址，例如 https://example.com/join，不超过 300 个字符。</translation>
    </message>
    <message>
        <source>Setting up the customer display</source>
        <translation>设置顾客显示屏</translation>
    </message>
</context>
<context>
    <name>UiText</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stopping after the current step. What is done stays done.</source>
        <translation>将在当前步骤完成后停止。已完成的部分会保留。</translation>
    </message>
    <message>
        <source>%1 points</source>
        <translation>%1 积分</translation>
    </message>
    <message>
        <source>Points off the bill</source>
        <translation>积分抵现</translation>
    </message>
    <message>
        <source>d MMM</source>
        <extracomment>Date format of a day in this year, for QDate::toString (31 Dec).</extracomment>
        <translation>M月d日</translation>
    </message>
    <message>
        <source>d MMM yyyy</source>
        <extracomment>Date format of a day in another year, for QDate::toString (31 Dec 2027).</extracomment>
        <translation>yyyy年M月d日</translation>
    </message>
    <message>
        <source>Purchase</source>
        <translation>消费</translation>
    </message>
    <message>
        <source>Welcome gift</source>
        <translation>欢迎礼</translation>
    </message>
    <message>
        <source>First-purchase gift</source>
        <translation>首单礼</translation>
    </message>
    <message>
        <source>Birthday gift</source>
        <translation>生日礼</translation>
    </message>
    <message>
        <source>Redeemed</source>
        <translation>兑换</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>Points given back</source>
        <translation>积分退回</translation>
    </message>
    <message>
        <source>Adjustment</source>
        <translation>调整</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>过期</translation>
    </message>
    <message>
        <source>Voided</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>女</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>男</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Not given</source>
        <translation>未填写</translation>
    </message>
    <message>
        <source>%1 Nothing was changed. Try once more; if it happens again, call a technician.</source>
        <translation>%1未做任何更改。请再试一次；如果再次出现，请联系技术人员。</translation>
    </message>
    <message>
        <source>%1 Finding members, earning and redeeming still work.</source>
        <translation>%1查找会员、积分和兑换仍可正常使用。</translation>
    </message>
    <message>
        <source>Something went wrong inside the till (%1). Nothing was changed; please call a technician.</source>
        <translation>收银台内部出错（%1）。未做任何更改；请联系技术人员。</translation>
    </message>
    <message>
        <source>no member number</source>
        <translation>无会员号</translation>
    </message>
    <message>
        <source>Spend %1 more by %2 for %3.</source>
        <translation>%2 前再消费 %1 可升至 %3。</translation>
    </message>
    <message>
        <source>Spend %1 more for %2.</source>
        <translation>再消费 %1 可升至 %2。</translation>
    </message>
    <message numerus="yes">
        <source>%n more visit(s) for %1.</source>
        <translation>
            <numerusform>再到店 %n 次可升至 %1。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 asks for a visit at least every %n day(s).</source>
        <translation>
            <numerusform>%1 要求至少每 %n 天到店一次。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>The till database (default: $COUNTERPART_DB, else ./counterpart.db).</source>
        <translation>收银台数据库（默认：$COUNTERPART_DB，否则为 ./counterpart.db）。</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FILE</translation>
    </message>
    <message>
        <source>Print one JSON document on standard output.</source>
        <translation>在标准输出上输出一个 JSON 文档。</translation>
    </message>
    <message>
        <source>Run as if it were this time (ISO 8601; without an offset, the store&apos;s local time). For scripts and tests.</source>
        <translation>按此时间运行（ISO 8601；不带时区偏移时按门店当地时间）。用于脚本和测试。</translation>
    </message>
    <message>
        <source>TIME</source>
        <translation>TIME</translation>
    </message>
    <message>
        <source>Language of messages: en or zh_CN.</source>
        <translation>消息语言：en 或 zh_CN。</translation>
    </message>
    <message>
        <source>LANG</source>
        <translation>LANG</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>显示此帮助。</translation>
    </message>
    <message>
        <source>say which command to run.</source>
        <translation>请指定要运行的命令。</translation>
    </message>
    <message>
        <source>there is no command &quot;%1&quot;.</source>
        <translation>没有命令 &quot;%1&quot;。</translation>
    </message>
    <message>
        <source>--lang is en or zh_CN.</source>
        <translation>--lang 只能是 en 或 zh_CN。</translation>
    </message>
    <message>
        <source>unexpected argument &quot;%1&quot;.</source>
        <translation>多余的参数 &quot;%1&quot;。</translation>
    </message>
    <message>
        <source>give the text to search as one argument (in quotes).</source>
        <translation>请把要搜索的文字作为一个参数给出（加引号）。</translation>
    </message>
    <message>
        <source>--%1 is required.</source>
        <translation>必须提供 --%1。</translation>
    </message>
    <message>
        <source>give one of %1, or a text to search.</source>
        <translation>请给出 %1 之一，或要搜索的文字。</translation>
    </message>
    <message>
        <source>give one of %1.</source>
        <translation>请给出 %1 之一。</translation>
    </message>
    <message>
        <source>There is no till database at %1. Set one up with: %2 --db %1 init</source>
        <translation>%1 处没有收银台数据库。可用以下命令创建：%2 --db %1 init</translation>
    </message>
    <message>
        <source>--now needs a time written as ISO 8601, such as 2026-03-08T10:00:00+08:00.</source>
        <translation>--now 需要 ISO 8601 格式的时间，例如 2026-03-08T10:00:00+08:00。</translation>
    </message>
    <message>
        <source>Usage: %1 [global options] %2 %3</source>
        <translation>用法：%1 [全局选项] %2 %3</translation>
    </message>
    <message>
        <source>Run &quot;%1 %2 --help&quot; for more.</source>
        <translation>运行 &quot;%1 %2 --help&quot; 查看更多信息。</translation>
    </message>
    <message>
        <source>Usage: %1 [--db FILE] [--json] COMMAND [options]</source>
        <translation>用法：%1 [--db FILE] [--json] COMMAND [选项]</translation>
    </message>
    <message>
        <source>Run &quot;%1 --help&quot; for the list of commands.</source>
        <translation>运行 &quot;%1 --help&quot; 查看命令列表。</translation>
    </message>
    <message>
        <source>Something went wrong (%1).</source>
        <translation>出错了（%1）。</translation>
    </message>
    <message>
        <source>Usage: %1 [global options] COMMAND [options]</source>
        <translation>用法：%1 [全局选项] COMMAND [选项]</translation>
    </message>
    <message>
        <source>The technician&apos;s tool for a Counterpart till database.</source>
        <translation>供技术人员使用的 Counterpart 收银台数据库工具。</translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation>命令：</translation>
    </message>
    <message>
        <source>Global options:</source>
        <translation>全局选项：</translation>
    </message>
    <message>
        <source>the till database (default: $COUNTERPART_DB, else ./counterpart.db)</source>
        <translation>收银台数据库（默认：$COUNTERPART_DB，否则为 ./counterpart.db）</translation>
    </message>
    <message>
        <source>the key for encrypted fields (default: $COUNTERPART_KEY_FILE)</source>
        <translation>加密字段的密钥（默认：$COUNTERPART_KEY_FILE）</translation>
    </message>
    <message>
        <source>print one JSON document on standard output</source>
        <translation>在标准输出上输出一个 JSON 文档</translation>
    </message>
    <message>
        <source>run as if it were this time (ISO 8601), for scripts and tests</source>
        <translation>按此时间运行（ISO 8601），用于脚本和测试</translation>
    </message>
    <message>
        <source>en or zh_CN</source>
        <translation>en 或 zh_CN</translation>
    </message>
    <message>
        <source>Exit status: 0 done, 1 refused or invalid request, 2 wrong command line.</source>
        <translation>退出状态：0 完成，1 被拒绝或请求无效，2 命令行有误。</translation>
    </message>
    <message>
        <source>Run &quot;%1 COMMAND --help&quot; for a command&apos;s options.</source>
        <translation>运行 &quot;%1 COMMAND --help&quot; 查看某个命令的选项。</translation>
    </message>
    <message>
        <source>%1 point</source>
        <translation>%1 积分</translation>
    </message>
    <message>
        <source>%1 points</source>
        <translation>%1 积分</translation>
    </message>
    <message>
        <source>Points off the bill</source>
        <translation>积分抵现</translation>
    </message>
    <message>
        <source>Purchase</source>
        <translation>消费</translation>
    </message>
    <message>
        <source>Welcome gift</source>
        <translation>欢迎礼</translation>
    </message>
    <message>
        <source>First purchase gift</source>
        <translation>首单礼</translation>
    </message>
    <message>
        <source>Birthday gift</source>
        <translation>生日礼</translation>
    </message>
    <message>
        <source>Redeemed</source>
        <translation>兑换</translation>
    </message>
    <message>
        <source>Points given back</source>
        <translation>积分退回</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>Adjustment</source>
        <translation>调整</translation>
    </message>
    <message>
        <source>Voided</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>过期</translation>
    </message>
    <message>
        <source>Member code</source>
        <translation>会员号</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>余额</translation>
    </message>
    <message>
        <source>Joined</source>
        <translation>入会日期</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <source>Last visit</source>
        <translation>最近到店</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>会员号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>%1 must be a whole number from %2 to %3.</source>
        <translation>%1 必须是 %2 到 %3 之间的整数。</translation>
    </message>
    <message>
        <source>ID|CODE|PHONE</source>
        <translation>ID|CODE|PHONE</translation>
    </message>
    <message>
        <source>The member: phone number, member code, card payload or member id.</source>
        <translation>会员：手机号、会员号、会员码扫码内容或会员 id。</translation>
    </message>
    <message>
        <source>Set up a new till database.</source>
        <translation>创建新的收银台数据库。</translation>
    </message>
    <message>
        <source>Store id (default S001).</source>
        <translation>门店编号（默认 S001）。</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Store name, for people.</source>
        <translation>门店名称（给人看的）。</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>This till&apos;s number, 10000-99999, unique in the chain (default: random).</source>
        <translation>本机终端号，10000-99999，在整个连锁内唯一（默认：随机）。</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>Where phone numbers are read (default CN).</source>
        <translation>解析手机号时所用的国家/地区（默认 CN）。</translation>
    </message>
    <message>
        <source>CC</source>
        <translation>CC</translation>
    </message>
    <message>
        <source>The store&apos;s time zone (default Asia/Shanghai).</source>
        <translation>门店时区（默认 Asia/Shanghai）。</translation>
    </message>
    <message>
        <source>ZONE</source>
        <translation>ZONE</translation>
    </message>
    <message>
        <source>ISO 4217 currency (default CNY).</source>
        <translation>ISO 4217 货币代码（默认 CNY）。</translation>
    </message>
    <message>
        <source>CODE</source>
        <translation>CODE</translation>
    </message>
    <message>
        <source>Fill the database with realistic demo members and history.</source>
        <translation>在数据库中填入逼真的演示会员和历史记录。</translation>
    </message>
    <message>
        <source>How many demo members.</source>
        <translation>演示会员数量。</translation>
    </message>
    <message>
        <source>Random seed: the same seed gives the same data (default 1).</source>
        <translation>随机种子：相同的种子生成相同的数据（默认 1）。</translation>
    </message>
    <message>
        <source>S</source>
        <translation>S</translation>
    </message>
    <message>
        <source>Months of history (default 18).</source>
        <translation>历史记录月数（默认 18）。</translation>
    </message>
    <message>
        <source>Seed even though the database already has members.</source>
        <translation>即使数据库中已有会员，也生成演示数据。</translation>
    </message>
    <message>
        <source>Register a new member.</source>
        <translation>注册新会员。</translation>
    </message>
    <message>
        <source>Mobile number, as typed.</source>
        <translation>手机号，按输入原样。</translation>
    </message>
    <message>
        <source>P</source>
        <translation>P</translation>
    </message>
    <message>
        <source>The member&apos;s name.</source>
        <translation>会员姓名。</translation>
    </message>
    <message>
        <source>female, male or other.</source>
        <translation>female（女）、male（男）或 other（其他）。</translation>
    </message>
    <message>
        <source>G</source>
        <translation>G</translation>
    </message>
    <message>
        <source>Birth date (kept encrypted; month and day are used).</source>
        <translation>出生日期（加密保存；只用到月和日）。</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <source>ID number (kept encrypted).</source>
        <translation>身份证号（加密保存）。</translation>
    </message>
    <message>
        <source>X</source>
        <translation>X</translation>
    </message>
    <message>
        <source>The member agrees to marketing messages.</source>
        <translation>会员同意接收营销信息。</translation>
    </message>
    <message>
        <source>A note for cashiers.</source>
        <translation>给收银员看的备注。</translation>
    </message>
    <message>
        <source>TEXT</source>
        <translation>TEXT</translation>
    </message>
    <message>
        <source>Find members by phone, last four digits, name, code, card, or any of these as text.</source>
        <translation>按手机号、手机尾号4位、姓名、会员号或会员码查找会员，也可把以上任一项作为文字搜索。</translation>
    </message>
    <message>
        <source>Full phone number.</source>
        <translation>完整手机号。</translation>
    </message>
    <message>
        <source>Last four digits of the phone number.</source>
        <translation>手机尾号4位。</translation>
    </message>
    <message>
        <source>NNNN</source>
        <translation>NNNN</translation>
    </message>
    <message>
        <source>First letters of the name.</source>
        <translation>姓名的开头部分。</translation>
    </message>
    <message>
        <source>PREFIX</source>
        <translation>PREFIX</translation>
    </message>
    <message>
        <source>12-digit member code.</source>
        <translation>12 位会员号。</translation>
    </message>
    <message>
        <source>What the scanner read from a card (CP1:...).</source>
        <translation>扫码枪从会员卡读到的内容（CP1:...）。</translation>
    </message>
    <message>
        <source>PAYLOAD</source>
        <translation>PAYLOAD</translation>
    </message>
    <message>
        <source>Give points for a purchase.</source>
        <translation>为一笔消费积分。</translation>
    </message>
    <message>
        <source>The receipt total.</source>
        <translation>小票总额。</translation>
    </message>
    <message>
        <source>AMOUNT</source>
        <translation>AMOUNT</translation>
    </message>
    <message>
        <source>Receipt number (earns once per store).</source>
        <translation>小票号（在每个门店只能积分一次）。</translation>
    </message>
    <message>
        <source>R</source>
        <translation>R</translation>
    </message>
    <message>
        <source>Part of the total that earns no points (tobacco...).</source>
        <translation>总额中不积分的部分（烟草等）。</translation>
    </message>
    <message>
        <source>Show what would be earned, and save nothing.</source>
        <translation>显示将获得的积分，但不保存。</translation>
    </message>
    <message>
        <source>Spend points on a reward or on money off the bill.</source>
        <translation>用积分兑换礼品或抵现。</translation>
    </message>
    <message>
        <source>Catalogue reward id (see: rules --show).</source>
        <translation>兑换目录中的礼品 id（见：rules --show）。</translation>
    </message>
    <message>
        <source>How many of the reward (default 1).</source>
        <translation>礼品数量（默认 1）。</translation>
    </message>
    <message>
        <source>Points to take off the bill.</source>
        <translation>用于抵现的积分。</translation>
    </message>
    <message>
        <source>The receipt the points are spent on (a full refund gives them back).</source>
        <translation>使用积分的小票（全额退货时积分退回）。</translation>
    </message>
    <message>
        <source>Apply the offline redemption cap.</source>
        <translation>应用离线兑换上限。</translation>
    </message>
    <message>
        <source>Refund a purchase, in full or in part, and take back its points.</source>
        <translation>为一笔消费办理全部或部分退货，并扣回其积分。</translation>
    </message>
    <message>
        <source>Receipt number of the purchase.</source>
        <translation>该笔消费的小票号。</translation>
    </message>
    <message>
        <source>Amount refunded (default: all that is left).</source>
        <translation>退款金额（默认：全部剩余金额）。</translation>
    </message>
    <message>
        <source>Why.</source>
        <translation>原因。</translation>
    </message>
    <message>
        <source>The store of the purchase (default: this one).</source>
        <translation>消费所在的门店（默认：本店）。</translation>
    </message>
    <message>
        <source>Add or take away points, with a reason.</source>
        <translation>增加或扣减积分，需注明原因。</translation>
    </message>
    <message>
        <source>Points to add (negative: to take away).</source>
        <translation>要增加的积分（负数表示扣减）。</translation>
    </message>
    <message>
        <source>Why (kept in the audit trail).</source>
        <translation>原因（记入审计日志）。</translation>
    </message>
    <message>
        <source>Take back the member&apos;s last earn or redemption, within the void window.</source>
        <translation>在可撤销时限内，撤销该会员最近一笔积分或兑换。</translation>
    </message>
    <message>
        <source>Show a member&apos;s points history, newest first.</source>
        <translation>显示会员的积分记录，最新的在前。</translation>
    </message>
    <message>
        <source>How many entries (default 20).</source>
        <translation>显示条数（默认 20）。</translation>
    </message>
    <message>
        <source>Show everything the member card shows.</source>
        <translation>显示会员卡上的全部信息。</translation>
    </message>
    <message>
        <source>Expire points that are past their date (normally run by the till every day).</source>
        <translation>处理已到期的积分（通常由收银台每天自动运行）。</translation>
    </message>
    <message>
        <source>Run the scheduled tier evaluation (downgrades after the grace period).</source>
        <translation>运行定期等级评估（宽限期过后降级）。</translation>
    </message>
    <message>
        <source>Full integrity check (slower).</source>
        <translation>完整检查数据完整性（较慢）。</translation>
    </message>
    <message>
        <source>Export members to a CSV file (personal data: keep it safe).</source>
        <translation>将会员导出为 CSV 文件（含个人信息，请妥善保管）。</translation>
    </message>
    <message>
        <source>The CSV file to write (- for standard output).</source>
        <translation>要写入的 CSV 文件（- 表示标准输出）。</translation>
    </message>
    <message>
        <source>Register members from a CSV file; bad rows are reported by line and skipped.</source>
        <translation>从 CSV 文件注册会员；有问题的行会按行号报告并跳过。</translation>
    </message>
    <message>
        <source>The CSV file to read (- for standard input).</source>
        <translation>要读取的 CSV 文件（- 表示标准输入）。</translation>
    </message>
    <message>
        <source>Import nothing if any row has a problem.</source>
        <translation>只要有一行有问题，就什么都不导入。</translation>
    </message>
    <message>
        <source>Show the loyalty rules, or install a new rules document.</source>
        <translation>显示积分规则，或安装新的规则文档。</translation>
    </message>
    <message>
        <source>Show the active rules.</source>
        <translation>显示当前生效的规则。</translation>
    </message>
    <message>
        <source>Install this rules document (JSON).</source>
        <translation>安装此规则文档（JSON）。</translation>
    </message>
    <message>
        <source>Add a cashier or manager (the PIN is read from standard input unless --pin is given).</source>
        <translation>添加收银员或店长（未给出 --pin 时从标准输入读取密码）。</translation>
    </message>
    <message>
        <source>Staff id used to log in.</source>
        <translation>登录用的工号。</translation>
    </message>
    <message>
        <source>Full name.</source>
        <translation>姓名。</translation>
    </message>
    <message>
        <source>cashier or manager.</source>
        <translation>cashier（收银员）或 manager（店长）。</translation>
    </message>
    <message>
        <source>ROLE</source>
        <translation>ROLE</translation>
    </message>
    <message>
        <source>4 to 8 digits (visible to other users of this computer: prefer standard input).</source>
        <translation>4 到 8 位数字（本机的其他用户能看到：建议改用标准输入）。</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>--region is a two-letter country code such as CN.</source>
        <translation>--region 必须是两个字母的国家/地区代码，例如 CN。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a time zone this system knows (for example Asia/Shanghai).</source>
        <translation>&quot;%1&quot; 不是本系统已知的时区（例如 Asia/Shanghai）。</translation>
    </message>
    <message>
        <source>--store needs a store id.</source>
        <translation>--store 需要门店编号。</translation>
    </message>
    <message>
        <source>There is already a database at %1. Nothing was changed.</source>
        <translation>%1 处已有数据库。未做任何更改。</translation>
    </message>
    <message>
        <source>Set up %1.</source>
        <translation>已创建 %1。</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>门店</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>终端</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>国家/地区</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>货币</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Back up the encryption key file with the database: without it, ID numbers and birth dates cannot be read.</source>
        <translation>请将加密密钥文件与数据库一起备份：没有它，就无法读取身份证号和出生日期。</translation>
    </message>
    <message>
        <source>This database already has %1 members. Demo members and purchases would sync to head office like real ones: use a new database, or add --force.</source>
        <translation>此数据库已有 %1 位会员。演示会员和消费会像真实数据一样同步到总部：请使用新的数据库，或加上 --force。</translation>
    </message>
    <message>
        <source>Seeding demo data...</source>
        <translation>正在生成演示数据...</translation>
    </message>
    <message>
        <source>Seeding was stopped; what was done so far was kept.</source>
        <translation>已停止生成演示数据；已生成的部分会保留。</translation>
    </message>
    <message>
        <source>Seeded %1 members in %2 s (%3 members a second).</source>
        <translation>已在 %2 秒内生成 %1 位会员（每秒 %3 位）。</translation>
    </message>
    <message>
        <source>Purchases</source>
        <translation>消费</translation>
    </message>
    <message>
        <source>Redemptions</source>
        <translation>兑换</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>%1 earned, %2 redeemed, %3 expired</source>
        <translation>获得 %1，兑换 %2，过期 %3</translation>
    </message>
    <message>
        <source>Tiers</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Birthdays</source>
        <translation>生日</translation>
    </message>
    <message>
        <source>%1 this week</source>
        <translation>本周 %1 位</translation>
    </message>
    <message>
        <source>Registered %1: member %2 (%3), phone %4.</source>
        <translation>已注册 %1：会员号 %2（%3），手机号 %4。</translation>
    </message>
    <message>
        <source>Welcome gift: %1.</source>
        <translation>欢迎礼：%1。</translation>
    </message>
    <message>
        <source>No member has that phone number.</source>
        <translation>没有使用该手机号的会员。</translation>
    </message>
    <message>
        <source>No member&apos;s phone number ends in %1.</source>
        <translation>没有手机尾号为 %1 的会员。</translation>
    </message>
    <message>
        <source>No member&apos;s name starts with &quot;%1&quot;.</source>
        <translation>没有姓名以“%1”开头的会员。</translation>
    </message>
    <message>
        <source>No member has that code.</source>
        <translation>没有该会员号的会员。</translation>
    </message>
    <message>
        <source>No member has the scanned card.</source>
        <translation>没有与所扫会员卡对应的会员。</translation>
    </message>
    <message>
        <source>1 member matches:</source>
        <translation>找到 1 位会员：</translation>
    </message>
    <message>
        <source>%1 members match:</source>
        <translation>找到 %1 位会员：</translation>
    </message>
    <message>
        <source>Would earn %1 for %2 on receipt %3 (%4).</source>
        <translation>小票 %3（%4）：将为 %2 累积 %1。</translation>
    </message>
    <message>
        <source>Earned %1 for %2 on receipt %3 (%4).</source>
        <translation>小票 %3（%4）：已为 %2 累积 %1。</translation>
    </message>
    <message>
        <source>below the minimum spend of %1: no points</source>
        <translation>未达到最低消费 %1：不积分</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%2 得 %1</translation>
    </message>
    <message>
        <source>Tier bonus</source>
        <translation>等级加成</translation>
    </message>
    <message>
        <source>+%1 (%2, %3%)</source>
        <translation>+%1（%2，%3%）</translation>
    </message>
    <message>
        <source>Birthday bonus</source>
        <translation>生日加成</translation>
    </message>
    <message>
        <source>Member day</source>
        <translation>会员日</translation>
    </message>
    <message>
        <source>+%1 (%2%)</source>
        <translation>+%1（%2%）</translation>
    </message>
    <message>
        <source>up from %1 to %2</source>
        <translation>由 %1 升为 %2</translation>
    </message>
    <message>
        <source>Balance after</source>
        <translation>操作后余额</translation>
    </message>
    <message>
        <source>Nothing was saved.</source>
        <translation>未保存任何内容。</translation>
    </message>
    <message>
        <source>--quantity goes with --reward.</source>
        <translation>--quantity 须与 --reward 一起使用。</translation>
    </message>
    <message>
        <source>Took %1 off the bill for %2 (%3 off).</source>
        <translation>已为 %2 用 %1 抵现（减免 %3）。</translation>
    </message>
    <message>
        <source>Refunded %1 of receipt %2 for %3.</source>
        <translation>已为 %3 办理小票 %2 退款 %1。</translation>
    </message>
    <message>
        <source>Points taken back</source>
        <translation>扣回积分</translation>
    </message>
    <message>
        <source>Redeemed points given back</source>
        <translation>退回已兑换积分</translation>
    </message>
    <message>
        <source>Added %1 to %2.</source>
        <translation>已为 %2 增加 %1。</translation>
    </message>
    <message>
        <source>Took %1 from %2.</source>
        <translation>已从 %2 扣减 %1。</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Voided %1&apos;s last purchase: %2 taken back.</source>
        <translation>已撤销 %1 最近一笔消费：扣回 %2。</translation>
    </message>
    <message>
        <source>Voided %1&apos;s last redemption: %2 given back.</source>
        <translation>已撤销 %1 最近一笔兑换：退回 %2。</translation>
    </message>
    <message>
        <source>%1 (%2), %3 — newest first:</source>
        <translation>%1（%2），%3 — 最新的在前：</translation>
    </message>
    <message>
        <source>No points history yet.</source>
        <translation>暂无积分记录。</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>What</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>小票</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>%1, the top tier</source>
        <translation>%1（最高等级）</translation>
    </message>
    <message>
        <source>%1 more to spend for %2 (spent %3 in the last %4 months)</source>
        <translation>再消费 %1 可升至 %2（近 %4 个月已消费 %3）</translation>
    </message>
    <message>
        <source>Expiring</source>
        <translation>即将过期</translation>
    </message>
    <message>
        <source>%1 (worth %2) by %3</source>
        <translation>%1（价值 %2），%3 前过期</translation>
    </message>
    <message>
        <source>Can redeem</source>
        <translation>可兑换</translation>
    </message>
    <message>
        <source>this week, and the birthday gift is waiting</source>
        <translation>本周，生日礼待领取</translation>
    </message>
    <message>
        <source>this week (gift already given)</source>
        <translation>本周（生日礼已发放）</translation>
    </message>
    <message>
        <source>today, %1% points</source>
        <translation>今天，积分 %1%</translation>
    </message>
    <message>
        <source>Recent purchases:</source>
        <translation>最近消费：</translation>
    </message>
    <message>
        <source>voided</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <source>refunded</source>
        <translation>已退货</translation>
    </message>
    <message>
        <source>%1 refunded</source>
        <translation>已退 %1</translation>
    </message>
    <message>
        <source>No points were due to expire.</source>
        <translation>没有到期的积分。</translation>
    </message>
    <message>
        <source>Expired %1 from 1 member.</source>
        <translation>1 位会员的 %1 已过期。</translation>
    </message>
    <message>
        <source>Expired %1 from %2 members.</source>
        <translation>%2 位会员的 %1 已过期。</translation>
    </message>
    <message>
        <source>Evaluated %1 members above the entry tier: %2 moved up, %3 moved down.</source>
        <translation>已评估 %1 位高于入门等级的会员：升级 %2 位，降级 %3 位。</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Schema</source>
        <translation>数据库结构</translation>
    </message>
    <message>
        <source>version %1</source>
        <translation>版本 %1</translation>
    </message>
    <message>
        <source>Integrity</source>
        <translation>完整性</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>damaged</source>
        <translation>已损坏</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>会员数</translation>
    </message>
    <message>
        <source>Ledger entries</source>
        <translation>积分流水条数</translation>
    </message>
    <message>
        <source>Balances</source>
        <translation>余额</translation>
    </message>
    <message>
        <source>all agree with the ledger</source>
        <translation>全部与积分流水一致</translation>
    </message>
    <message>
        <source>%1 do not agree with the ledger</source>
        <translation>%1 个与积分流水不一致</translation>
    </message>
    <message>
        <source>Waiting to sync</source>
        <translation>待同步</translation>
    </message>
    <message>
        <source>The check found 1 problem.</source>
        <translation>检查发现 1 个问题。</translation>
    </message>
    <message>
        <source>The check found %1 problems.</source>
        <translation>检查发现 %1 个问题。</translation>
    </message>
    <message>
        <source>--json and --out - both write to standard output; choose one.</source>
        <translation>--json 和 --out - 都会写到标准输出；请二选一。</translation>
    </message>
    <message>
        <source>Exporting...</source>
        <translation>正在导出...</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Exported %1 members to %2. The file holds personal data: keep it safe and delete it when it is no longer needed.</source>
        <translation>已将 %1 位会员导出到 %2。该文件含有个人信息：请妥善保管，不再需要时请删除。</translation>
    </message>
    <message>
        <source>standard output</source>
        <translation>标准输出</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 is larger than %2 MB; split it into smaller files.</source>
        <translation>%1 大于 %2 MB；请拆分成较小的文件。</translation>
    </message>
    <message>
        <source>Importing...</source>
        <translation>正在导入...</translation>
    </message>
    <message>
        <source>Nothing was imported: rows with problems: %1 (--all-or-nothing).</source>
        <translation>未导入任何内容：有问题的行数：%1（--all-or-nothing）。</translation>
    </message>
    <message>
        <source>Imported %1 of %2 rows.</source>
        <translation>已导入 %2 行中的 %1 行。</translation>
    </message>
    <message>
        <source>Rows with a phone number already registered: %1.</source>
        <translation>手机号已注册的行数：%1。</translation>
    </message>
    <message>
        <source>  line %1: %2</source>
        <translation>  第 %1 行：%2</translation>
    </message>
    <message>
        <source>Columns not imported: %1 (balances and tiers are never imported: points come only from the ledger).</source>
        <translation>未导入的列：%1（余额和等级从不导入：积分只来自积分流水）。</translation>
    </message>
    <message>
        <source>The import was stopped; nothing was imported.</source>
        <translation>导入已停止；未导入任何内容。</translation>
    </message>
    <message>
        <source>The import was stopped; the rows before it were kept.</source>
        <translation>导入已停止；此前导入的行已保留。</translation>
    </message>
    <message>
        <source>1 row was not imported; see the list above.</source>
        <translation>有 1 行未导入；见上方列表。</translation>
    </message>
    <message>
        <source>%1 rows were not imported; see the list above.</source>
        <translation>有 %1 行未导入；见上方列表。</translation>
    </message>
    <message>
        <source>Installed loyalty rules version %1. They apply from now on; earlier entries keep the version they were made under.</source>
        <translation>已安装积分规则版本 %1。新规则从现在起生效；之前的记录仍按当时的版本。</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Earning</source>
        <translation>积分方式</translation>
    </message>
    <message>
        <source>%1 per %2, from %3</source>
        <translation>每 %2 得 %1，满 %3 起积</translation>
    </message>
    <message>
        <source>Gifts</source>
        <translation>赠礼</translation>
    </message>
    <message>
        <source>welcome %1, first purchase %2, birthday %3</source>
        <translation>欢迎礼 %1，首单礼 %2，生日礼 %3</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>积分过期</translation>
    </message>
    <message>
        <source>%1 months after earning</source>
        <translation>获得后 %1 个月</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source>Offline cap</source>
        <translation>离线兑换上限</translation>
    </message>
    <message>
        <source>Spend (%1 months)</source>
        <translation>消费额（%1 个月）</translation>
    </message>
    <message>
        <source>Benefits</source>
        <translation>权益</translation>
    </message>
    <message>
        <source>%1 a day</source>
        <translation>每天 %1 次</translation>
    </message>
    <message>
        <source>Reward</source>
        <translation>礼品</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>限兑</translation>
    </message>
    <message>
        <source>--role is cashier or manager.</source>
        <translation>--role 只能是 cashier 或 manager。</translation>
    </message>
    <message>
        <source>PIN for %1: </source>
        <translation>%1 的密码： </translation>
    </message>
    <message>
        <source>Added manager %1 (staff id %2).</source>
        <translation>已添加店长 %1（工号 %2）。</translation>
    </message>
    <message>
        <source>Added cashier %1 (staff id %2).</source>
        <translation>已添加收银员 %1（工号 %2）。</translation>
    </message>
    <message>
        <source>The key for encrypted fields (default: $COUNTERPART_KEY_FILE, else Counterpart/keys/&lt;database id&gt;.key in the user&apos;s data folder).</source>
        <translation>加密字段的密钥（默认：$COUNTERPART_KEY_FILE，否则为用户数据文件夹中的 Counterpart/keys/&lt;数据库 id&gt;.key）。</translation>
    </message>
    <message>
        <source>too many arguments.</source>
        <translation>参数过多。</translation>
    </message>
    <message>
        <source>%1 redeemed %2 × %3 for %4.</source>
        <translation>%1 用 %4 兑换了 %2 × %3。</translation>
    </message>
    <message>
        <source>Birthday week</source>
        <translation>生日周</translation>
    </message>
    <message>
        <source>This till is enrolled with the server, which expires points for the whole chain; the expiries come down with the next sync.</source>
        <translation>本机已在服务器登记，由服务器统一处理全连锁的积分过期；过期结果会在下次同步时下发。</translation>
    </message>
    <message>
        <source>Enrol this till with the central server using a one-time code from its administrator.</source>
        <translation>用中心服务器管理员提供的一次性登记码，将本机登记到服务器。</translation>
    </message>
    <message>
        <source>The server&apos;s address, https://host:port.</source>
        <translation>服务器地址，https://host:port。</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>The one-time enrolment code.</source>
        <translation>一次性登记码。</translation>
    </message>
    <message>
        <source>A PEM file with the certificate authority of a lab or self-signed server.</source>
        <translation>含有测试环境或自签名服务器 CA 证书的 PEM 文件。</translation>
    </message>
    <message>
        <source>How the server lists this till.</source>
        <translation>本机在服务器上显示的名称。</translation>
    </message>
    <message>
        <source>Push the waiting operations and pull the changes now; exits 1 if it did not complete.</source>
        <translation>立即推送待同步的操作并拉取变更；未完成时以状态 1 退出。</translation>
    </message>
    <message>
        <source>Show the sync queue: waiting and refused operations, flags, last success, position.</source>
        <translation>显示同步队列：待同步和被拒绝的操作、标记、上次成功时间、同步位置。</translation>
    </message>
    <message>
        <source>Print the signed headers for a request to the server, for curl -H @FILE.</source>
        <translation>输出发往服务器的请求的签名头，供 curl -H @FILE 使用。</translation>
    </message>
    <message>
        <source>The request body (- for standard input).</source>
        <translation>请求正文（- 表示标准输入）。</translation>
    </message>
    <message>
        <source>Enrolled: terminal %1 of store %2 (%3).</source>
        <translation>已登记：门店 %2（%3）的终端 %1。</translation>
    </message>
    <message>
        <source>This computer&apos;s clock is %1 from the server&apos;s; the till signs with the server&apos;s time.</source>
        <translation>本机时钟与服务器相差 %1；收银台将按服务器时间签名。</translation>
    </message>
    <message>
        <source>Operations made before enrolment, sent at the next sync: %1.</source>
        <translation>登记前产生的操作（将在下次同步时发送）：%1。</translation>
    </message>
    <message>
        <source>Run &quot;%1 sync&quot; to sync now.</source>
        <translation>运行 &quot;%1 sync&quot; 立即同步。</translation>
    </message>
    <message>
        <source>Pushed: %1 applied, %2 already at the server, %3 refused.</source>
        <translation>已推送：%1 个已应用，%2 个服务器上已有，%3 个被拒绝。</translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation>被拒绝：%1</translation>
    </message>
    <message>
        <source>Loaded %1 members from the server&apos;s snapshot.</source>
        <translation>已从服务器快照载入 %1 位会员。</translation>
    </message>
    <message>
        <source>Pulled %1 changes; the till is at change %2.</source>
        <translation>已拉取 %1 条变更；本机当前位于变更 %2。</translation>
    </message>
    <message>
        <source>Enrol it with &quot;%1 enrol --server URL --code CODE&quot;.</source>
        <translation>请用 &quot;%1 enrol --server URL --code CODE&quot; 登记本机。</translation>
    </message>
    <message>
        <source>Sync did not complete: %1</source>
        <translation>同步未完成：%1</translation>
    </message>
    <message>
        <source>Sync complete.</source>
        <translation>同步完成。</translation>
    </message>
    <message>
        <source>This till is not enrolled with a server; it works on its own.</source>
        <translation>本机未在服务器登记，独立运行。</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Last success</source>
        <translation>上次成功</translation>
    </message>
    <message>
        <source>%1 (oldest from %2)</source>
        <translation>%1（最早的产生于 %2）</translation>
    </message>
    <message>
        <source>Refused by the server</source>
        <translation>被服务器拒绝</translation>
    </message>
    <message>
        <source>Flags for the manager</source>
        <translation>待店长查看的标记</translation>
    </message>
    <message>
        <source>%1 new</source>
        <translation>新增 %1 条</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>同步位置</translation>
    </message>
    <message>
        <source>loading the snapshot</source>
        <translation>正在载入快照</translation>
    </message>
    <message>
        <source>change %1</source>
        <translation>变更 %1</translation>
    </message>
    <message>
        <source>not synced yet</source>
        <translation>尚未同步</translation>
    </message>
    <message>
        <source>Clock offset</source>
        <translation>时钟偏差</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>上次错误</translation>
    </message>
    <message>
        <source>Refused operations (kept; the points they carried were taken back at this till):</source>
        <translation>被拒绝的操作（已保留；其涉及的积分已在本机扣回）：</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>产生时间</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Server&apos;s words</source>
        <translation>服务器说明</translation>
    </message>
    <message>
        <source>Flags:</source>
        <translation>标记：</translation>
    </message>
    <message>
        <source>seen</source>
        <translation>已查看</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新</translation>
    </message>
    <message>
        <source>Flag</source>
        <translation>标记</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>give the method and the path: sync-sign GET &apos;/v1/changes?after=0&amp;limit=10&apos;.</source>
        <translation>请给出方法和路径：sync-sign GET &apos;/v1/changes?after=0&amp;limit=10&apos;。</translation>
    </message>
    <message>
        <source>The path starts with /, for example /v1/health.</source>
        <translation>路径须以 / 开头，例如 /v1/health。</translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation>无法读取 %1。</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>统计数据</translation>
    </message>
    <message>
        <source>agree with the records</source>
        <translation>与原始记录一致</translation>
    </message>
    <message>
        <source>%1 differ from the records</source>
        <translation>%1 处与原始记录不一致</translation>
    </message>
    <message>
        <source>The manager&apos;s figures for a day or a range of days, compared with the period before; or a member list as CSV.</source>
        <translation>店长查看某一天或某段日期的经营数据，并与上一周期对比；或导出 CSV 格式的会员名单。</translation>
    </message>
    <message>
        <source>One day, in the store&apos;s calendar (default: today).</source>
        <translation>某一天，按门店当地日期（默认：今天）。</translation>
    </message>
    <message>
        <source>DATE</source>
        <translation>DATE</translation>
    </message>
    <message>
        <source>The first day of a range.</source>
        <translation>日期范围的第一天。</translation>
    </message>
    <message>
        <source>The last day of a range.</source>
        <translation>日期范围的最后一天。</translation>
    </message>
    <message>
        <source>Write a member list instead: champions, loyal, at_risk, lost, expiring_points, birthdays, new_not_back.</source>
        <translation>改为输出会员名单：champions、loyal、at_risk、lost、expiring_points、birthdays、new_not_back。</translation>
    </message>
    <message>
        <source>The CSV file for --list (- for standard output).</source>
        <translation>--list 输出的 CSV 文件（- 表示标准输出）。</translation>
    </message>
    <message>
        <source>Recompute the maintained statistics from the records (after a failed check).</source>
        <translation>根据原始记录重新计算统计数据（在检查未通过后使用）。</translation>
    </message>
    <message>
        <source>The statistics were recomputed from the records (%1 rows); they agree with them.</source>
        <translation>已根据原始记录重新计算统计数据（%1 行）；两者现已一致。</translation>
    </message>
    <message>
        <source>Give either --date or --from and --to, not both.</source>
        <translation>请给出 --date，或给出 --from 和 --to，不能同时给出。</translation>
    </message>
    <message>
        <source>--from and --to go together.</source>
        <translation>--from 和 --to 须一起使用。</translation>
    </message>
    <message>
        <source>--date needs a day written as YYYY-MM-DD.</source>
        <translation>--date 需要 YYYY-MM-DD 格式的日期。</translation>
    </message>
    <message>
        <source>--from and --to need days written as YYYY-MM-DD.</source>
        <translation>--from 和 --to 需要 YYYY-MM-DD 格式的日期。</translation>
    </message>
    <message>
        <source>--from is after --to.</source>
        <translation>--from 晚于 --to。</translation>
    </message>
    <message>
        <source>Unknown list &quot;%1&quot;.</source>
        <translation>未知的名单 &quot;%1&quot;。</translation>
    </message>
    <message>
        <source>--list needs --out FILE.csv (or --out - for standard output).</source>
        <translation>--list 需要 --out FILE.csv（或用 --out - 输出到标准输出）。</translation>
    </message>
    <message>
        <source>%1: %2 members written to %3. The file holds personal data: keep it safe and delete it when it is no longer needed.</source>
        <translation>%1：已将 %2 位会员写入 %3。该文件含有个人信息：请妥善保管，不再需要时请删除。</translation>
    </message>
    <message>
        <source>Store %1, %2 (%3)</source>
        <translation>门店 %1，%2（%3）</translation>
    </message>
    <message>
        <source>New members</source>
        <translation>新会员</translation>
    </message>
    <message>
        <source>  at the till</source>
        <translation>  门店注册</translation>
    </message>
    <message>
        <source>  online</source>
        <translation>  线上注册</translation>
    </message>
    <message>
        <source>  imported</source>
        <translation>  导入</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>到店次数</translation>
    </message>
    <message>
        <source>Members who bought</source>
        <translation>消费会员数</translation>
    </message>
    <message>
        <source>  returning</source>
        <translation>  回头客</translation>
    </message>
    <message>
        <source>Member sales</source>
        <translation>会员销售额</translation>
    </message>
    <message>
        <source>  refunded</source>
        <translation>  退款</translation>
    </message>
    <message>
        <source>Average ticket</source>
        <translation>客单价</translation>
    </message>
    <message>
        <source>Points issued</source>
        <translation>发放积分</translation>
    </message>
    <message>
        <source>  of which gifts</source>
        <translation>  其中赠礼</translation>
    </message>
    <message>
        <source>Points redeemed</source>
        <translation>兑换积分</translation>
    </message>
    <message>
        <source>Points expired</source>
        <translation>过期积分</translation>
    </message>
    <message>
        <source>Points adjusted</source>
        <translation>调整的积分</translation>
    </message>
    <message>
        <source>Outstanding points</source>
        <translation>积分结余</translation>
    </message>
    <message>
        <source>  worth</source>
        <translation>  价值</translation>
    </message>
    <message>
        <source>Gifts granted</source>
        <translation>赠礼发放次数</translation>
    </message>
    <message>
        <source>Tier upgrades</source>
        <translation>等级升级</translation>
    </message>
    <message>
        <source>Tier downgrades</source>
        <translation>等级降级</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>All active members</source>
        <translation>全部有效会员</translation>
    </message>
    <message>
        <source>Members now</source>
        <translation>当前会员数</translation>
    </message>
    <message>
        <source>Loaded %1 members from the store&apos;s snapshot file (%2 MB).</source>
        <translation>已从门店快照文件载入 %1 名会员（%2 MB）。</translation>
    </message>
    <message>
        <source>Downloading the store&apos;s snapshot file: %1% of %2 MB.</source>
        <translation>正在下载门店快照文件：%1%，共 %2 MB。</translation>
    </message>
    <message>
        <source>Downloading the store&apos;s snapshot file: %1 MB.</source>
        <translation>正在下载门店快照文件：已下载 %1 MB。</translation>
    </message>
    <message>
        <source>Copying the store&apos;s members into the till…</source>
        <translation>正在把门店会员复制到本收银台…</translation>
    </message>
    <message>
        <source>Loading the store&apos;s members: %1 so far.</source>
        <translation>正在载入门店会员：已载入 %1 名。</translation>
    </message>
    <message>
        <source>Show when each job that runs by itself last ran and when it runs next; --run runs those due now.</source>
        <translation>显示每个自动任务上次运行和下次运行的时间；--run 立即运行到期的任务。</translation>
    </message>
    <message>
        <source>Run the jobs that are due now.</source>
        <translation>立即运行到期的任务。</translation>
    </message>
    <message>
        <source>Copy the till&apos;s database now (safe while the till runs), verify the copy and keep the last N.</source>
        <translation>立即备份收银台的数据库（收银台运行时也安全），校验备份并保留最近 N 份。</translation>
    </message>
    <message>
        <source>The backup folder (default: backups beside the database).</source>
        <translation>备份文件夹（默认：数据库旁边的 backups）。</translation>
    </message>
    <message>
        <source>DIR</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>How many copies to keep (default 7).</source>
        <translation>保留多少份备份（默认 7 份）。</translation>
    </message>
    <message>
        <source>Put a backup in place of the till&apos;s database; the current file is kept aside. The till must be closed.</source>
        <translation>用备份替换收银台的数据库；当前文件另行保留。必须先关闭收银台。</translation>
    </message>
    <message>
        <source>%1: run by the chain&apos;s server for every till</source>
        <translation>%1：由连锁服务器为所有收银台运行</translation>
    </message>
    <message>
        <source>%1: last %2; next %3%4</source>
        <translation>%1：上次 %2；下次 %3%4</translation>
    </message>
    <message>
        <source> (due now)</source>
        <translation>（已到期）</translation>
    </message>
    <message>
        <source>Backed up to %1 (%2 bytes, checked).</source>
        <translation>已备份到 %1（%2 字节，已校验）。</translation>
    </message>
    <message>
        <source>Removed the older copy %1.</source>
        <translation>已删除较早的备份 %1。</translation>
    </message>
    <message>
        <source>name the backup file to restore.</source>
        <translation>请指定要恢复的备份文件。</translation>
    </message>
    <message>
        <source>The database that was in place is kept at %1.</source>
        <translation>原来的数据库保留在 %1。</translation>
    </message>
    <message>
        <source>Restored %1. An enrolled till sends again what it had not sent at the time of the backup (the server ignores repeats) and gets everything newer back at its next sync.</source>
        <translation>已恢复 %1。已注册的收银台会重新发送备份时尚未发送的操作（服务器会忽略重复的），并在下次同步时取回之后的所有数据。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>List clock stamps more than 5 minutes ahead of this till&apos;s clock (its own, and members&apos; fields).</source>
        <translation>列出比本收银机时钟快 5 分钟以上的时间戳（本机时钟及会员资料字段）。</translation>
    </message>
    <message>
        <source>Set clock stamps more than 5 minutes ahead back to the present, and record it in the audit.</source>
        <translation>将快 5 分钟以上的时间戳改回当前时间，并记入审计记录。</translation>
    </message>
    <message>
        <source>No clock stamp is more than 5 minutes ahead of this till&apos;s clock.</source>
        <translation>没有比本收银机时钟快 5 分钟以上的时间戳。</translation>
    </message>
    <message>
        <source>this till&apos;s clock</source>
        <translation>本收银机时钟</translation>
    </message>
    <message>
        <source>Stamp of</source>
        <translation>所属</translation>
    </message>
    <message>
        <source>Stamp</source>
        <translation>时间戳</translation>
    </message>
    <message>
        <source>Repaired to</source>
        <translation>已改为</translation>
    </message>
    <message>
        <source>Would become</source>
        <translation>将改为</translation>
    </message>
    <message numerus="yes">
        <source>Repaired %n clock stamps.</source>
        <translation>
            <numerusform>已修复 %n 个时间戳。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clock stamps are ahead. Repair them with &quot;%1 repair-stamps&quot;.</source>
        <translation>
            <numerusform>%n 个时间戳超前。请用“%1 repair-stamps”修复。</numerusform>
        </translation>
    </message>
    <message>
        <source>Check the database: integrity, balances against the ledger, statistics and member counters against the records, sync queue.</source>
        <translation>检查数据库：完整性、余额与积分流水是否一致、统计数据和会员计数与原始记录是否一致、同步队列。</translation>
    </message>
    <message>
        <source>First mend the members&apos; visit counters (visits, first purchase, last visit) from their purchases.</source>
        <translation>先按消费记录修复会员的到店计数（到店次数、首次消费、最近到店）。</translation>
    </message>
    <message>
        <source>The member counters agreed with the purchases; nothing was mended.</source>
        <translation>会员计数与消费记录一致，无需修复。</translation>
    </message>
    <message numerus="yes">
        <source>Mended the visit counters of %n member(s):</source>
        <translation>
            <numerusform>已修复 %n 位会员的到店计数：</numerusform>
        </translation>
    </message>
    <message>
        <source>and %1 more (counted in the audit row).</source>
        <translation>另有 %1 位（已计入审计记录）。</translation>
    </message>
    <message>
        <source>Member counters</source>
        <translation>会员计数</translation>
    </message>
    <message>
        <source>agree with the purchases</source>
        <translation>与消费记录一致</translation>
    </message>
    <message>
        <source>%1 members differ from their purchases</source>
        <translation>%1 位会员与其消费记录不符</translation>
    </message>
    <message>
        <source>--%1 is a date written as YYYY-MM-DD.</source>
        <translation>--%1 必须是 YYYY-MM-DD 格式的日期。</translation>
    </message>
    <message>
        <source>Record that a member gives (--yes) or withdraws (--no) consent to marketing messages; every till of the chain has it at its next sync.</source>
        <translation>记录会员同意（--yes）或撤回（--no）接收营销信息；全连锁的每台收银机在下次同步时都会更新。</translation>
    </message>
    <message>
        <source>The member agrees.</source>
        <translation>会员同意。</translation>
    </message>
    <message>
        <source>The member withdraws consent.</source>
        <translation>会员撤回同意。</translation>
    </message>
    <message>
        <source>The member is no longer in this till&apos;s records.</source>
        <translation>本机记录中已没有这位会员。</translation>
    </message>
    <message>
        <source>Member %1 agrees to marketing messages (recorded %2).</source>
        <translation>会员 %1 同意接收营销信息（记录于 %2）。</translation>
    </message>
    <message>
        <source>Member %1 has withdrawn consent to marketing messages (recorded %2).</source>
        <translation>会员 %1 已撤回接收营销信息的同意（记录于 %2）。</translation>
    </message>
    <message>
        <source>female, male or other; &quot;&quot; for none.</source>
        <translation>female（女）、male（男）或 other（其他）；&quot;&quot; 表示不填。</translation>
    </message>
    <message>
        <source>Birth date (kept encrypted).</source>
        <translation>出生日期（加密保存）。</translation>
    </message>
    <message>
        <source>Remove the birthday.</source>
        <translation>删除生日。</translation>
    </message>
    <message>
        <source>Remove the ID number.</source>
        <translation>删除身份证号。</translation>
    </message>
    <message>
        <source>A note for cashiers; &quot;&quot; removes it.</source>
        <translation>给收银员看的备注；&quot;&quot; 表示删除。</translation>
    </message>
    <message>
        <source>Give a new value or remove it, not both (--birthday with --no-birthday, --id-number with --no-id-number).</source>
        <translation>要么给新值，要么删除，不能同时（--birthday 与 --no-birthday，--id-number 与 --no-id-number）。</translation>
    </message>
    <message>
        <source>Saved the details of member %1.</source>
        <translation>已保存会员 %1 的资料。</translation>
    </message>
    <message>
        <source>Show the audit trail: who did what, when, at which till, about which member and with whose approval; or write it as CSV.</source>
        <translation>查看操作记录：谁在什么时候、在哪台收银机上、对哪位会员做了什么、经谁批准；或导出为 CSV。</translation>
    </message>
    <message>
        <source>Only what this staff id did.</source>
        <translation>只看这个员工号的操作。</translation>
    </message>
    <message>
        <source>The first day (default: today).</source>
        <translation>开始日期（默认：今天）。</translation>
    </message>
    <message>
        <source>The last day (default: today).</source>
        <translation>结束日期（默认：今天）。</translation>
    </message>
    <message>
        <source>At most this many lines, newest first (default 200).</source>
        <translation>最多显示这么多条，最新的在前（默认 200）。</translation>
    </message>
    <message>
        <source>Write CSV to this file (- for standard output).</source>
        <translation>把 CSV 写入这个文件（- 表示标准输出）。</translation>
    </message>
    <message>
        <source>%1 lines of the audit trail written to %2.</source>
        <translation>已将 %1 条操作记录写入 %2。</translation>
    </message>
    <message>
        <source>Nothing in the audit trail for these days.</source>
        <translation>这几天没有操作记录。</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>Till</source>
        <translation>收银台</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>批准人</translation>
    </message>
    <message>
        <source>Close a membership for good at the member&apos;s request: the points left are forfeited, the phone number is free again, and every till of the chain has it at its next sync.</source>
        <translation>应会员要求注销会员资格（不可恢复）：剩余积分作废，手机号可重新注册，连锁各收银台下次同步时生效。</translation>
    </message>
    <message>
        <source>Membership %1 is closed.</source>
        <translation>会员 %1 已注销。</translation>
    </message>
    <message>
        <source>Points forfeited</source>
        <translation>作废积分</translation>
    </message>
    <message>
        <source>The whole chain as this till knows it, not only this store (head office; a store manager when the chain&apos;s rules allow it).</source>
        <translation>全连锁（本收银机已同步的数据），不只本店（总部使用；连锁规则允许时店长也可用）。</translation>
    </message>
    <message>
        <source>The whole chain as this till knows it, %1 (%2)</source>
        <translation>全连锁（本收银机已同步的数据），%1（%2）</translation>
    </message>
    <message>
        <source>This till is enrolled with the server, which evaluates tiers for the whole chain; its tier changes come down with the next sync.</source>
        <translation>本机已在服务器登记，由服务器统一评定全连锁的会员等级；等级变化会在下次同步时下发。</translation>
    </message>
    <message>
        <source>Correct a member&apos;s name, phone number, gender, birthday, ID number or note; only what is given changes.</source>
        <translation>更正会员的姓名、手机号、性别、生日、身份证号或备注；只改动给出的项。</translation>
    </message>
    <message>
        <source>A new phone number; the old one still finds the member for a while.</source>
        <translation>新手机号；旧号码在一段时间内仍能查到该会员。</translation>
    </message>
    <message>
        <source>Say what to change: --name, --phone, --gender, --birthday, --no-birthday, --id-number, --no-id-number or --note.</source>
        <translation>请说明要改什么：--name、--phone、--gender、--birthday、--no-birthday、--id-number、--no-id-number 或 --note。</translation>
    </message>
    <message>
        <source>Erase a member&apos;s personal data at their request: an open membership is closed (the points left are forfeited), then name, phone number, gender, birthday, ID number and note are removed here and, at their next sync, at the server and every till. Points history and purchases stay, without a name. Cannot be undone.</source>
        <translation>应会员本人要求删除其个人信息：未注销的会员先注销（剩余积分作废），然后在本机删除姓名、手机号、性别、生日、身份证号和备注，下次同步时在服务器和各收银台删除。积分记录和消费记录保留，但不再带姓名。无法撤销。</translation>
    </message>
    <message>
        <source>The personal data of member %1 is erased.</source>
        <translation>会员 %1 的个人信息已删除。</translation>
    </message>
    <message>
        <source>The 4 digits before the last four of the member&apos;s phone number, as the member gives them: needed to spend by member code or card.</source>
        <translation>会员报出的手机号中间 4 位（后四位之前的 4 位）：凭会员号或会员码使用积分时需要。</translation>
    </message>
    <message>
        <source>DDDD</source>
        <translation>DDDD</translation>
    </message>
    <message>
        <source>%1 Give them with --phone-digits, or name the member by their full phone number.</source>
        <translation>%1 请用 --phone-digits 提供，或用完整手机号指定会员。</translation>
    </message>
    <message>
        <source>ID numbers, birth dates</source>
        <translation>证件号、出生日期</translation>
    </message>
    <message>
        <source>sealed with the chain&apos;s key %1: any till of the chain can read them</source>
        <translation>已用连锁密钥 %1 加密：连锁内任一收银台均可读取</translation>
    </message>
    <message>
        <source>sealed with this till&apos;s own key: readable at this till only</source>
        <translation>已用本收银台自己的密钥加密：仅本收银台可读取</translation>
    </message>
    <message>
        <source>Serve the POS link here until Ctrl-C, or with --save set where the till&apos;s window serves it (docs/pos-api.md).</source>
        <translation>在此提供收银机对接，按 Ctrl-C 停止；或用 --save 设置收银窗口提供对接的地址（docs/pos-api.md）。</translation>
    </message>
    <message>
        <source>Address and port (default: the saved one, else 127.0.0.1:8765).</source>
        <translation>地址和端口（默认：已保存的设置，否则 127.0.0.1:8765）。</translation>
    </message>
    <message>
        <source>HOST:PORT</source>
        <translation>主机:端口</translation>
    </message>
    <message>
        <source>TLS certificate (PEM), for a network address.</source>
        <translation>TLS 证书（PEM），用于网络地址。</translation>
    </message>
    <message>
        <source>TLS private key (PEM).</source>
        <translation>TLS 私钥（PEM）。</translation>
    </message>
    <message>
        <source>Keep these settings for the till&apos;s window and exit.</source>
        <translation>保存这些设置供收银窗口使用，然后退出。</translation>
    </message>
    <message>
        <source>The till&apos;s window no longer serves the POS link.</source>
        <translation>收银窗口不再提供收银机对接。</translation>
    </message>
    <message>
        <source>The till&apos;s window serves the POS link on %1 from its next start.</source>
        <translation>收银窗口下次启动起在 %1 提供收银机对接。</translation>
    </message>
    <message>
        <source>Serving the POS link on %1:%2. Ctrl-C stops.</source>
        <translation>正在 %1:%2 提供收银机对接。按 Ctrl-C 停止。</translation>
    </message>
    <message>
        <source>The POS link has stopped.</source>
        <translation>收银机对接已停止。</translation>
    </message>
    <message>
        <source>Connect a POS to this till (its token is shown once), list them, or disconnect one.</source>
        <translation>把收银机接入本机（令牌只显示一次）、列出已接入的收银机，或停用一台。</translation>
    </message>
    <message>
        <source>Make a token for a POS of this name.</source>
        <translation>为这个名字的收银机生成令牌。</translation>
    </message>
    <message>
        <source>Disconnect the POS of this name.</source>
        <translation>停用这个名字的收银机。</translation>
    </message>
    <message>
        <source>List the POS systems connected.</source>
        <translation>列出已接入的收银机。</translation>
    </message>
    <message>
        <source>%1 is disconnected: its token no longer works.</source>
        <translation>%1 已停用：它的令牌不再有效。</translation>
    </message>
    <message>
        <source>POS %1 is connected. Its token, shown this once (type it into the POS&apos;s settings):</source>
        <translation>收银机 %1 已接入。令牌如下，只显示这一次（请填入收银机的设置）：</translation>
    </message>
    <message>
        <source>No POS is connected to this till.</source>
        <translation>本机没有接入收银机。</translation>
    </message>
    <message>
        <source>%1  disconnected %2</source>
        <translation>%1  于 %2 停用</translation>
    </message>
    <message>
        <source>%1  connected %2 by %3, last used %4</source>
        <translation>%1  %2 由 %3 接入，最近使用 %4</translation>
    </message>
    <message>
        <source>Print a member&apos;s points slip on a receipt printer (docs/pos-api.md).</source>
        <translation>在小票打印机上打印会员积分小票（docs/pos-api.md）。</translation>
    </message>
    <message>
        <source>Show the points this receipt earned.</source>
        <translation>显示这张小票获得的积分。</translation>
    </message>
    <message>
        <source>Paper width in mm: 58 (default) or 80.</source>
        <translation>纸宽（毫米）：58（默认）或 80。</translation>
    </message>
    <message>
        <source>MM</source>
        <translation>毫米</translation>
    </message>
    <message>
        <source>The printer: tcp:HOST[:PORT], cups:QUEUE or file:DEVICE.</source>
        <translation>打印机：tcp:主机[:端口]、cups:队列 或 file:设备。</translation>
    </message>
    <message>
        <source>PRINTER</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>Write the ESC/POS bytes into this file instead.</source>
        <translation>改为把 ESC/POS 数据写入这个文件。</translation>
    </message>
    <message>
        <source>--paper is 58 or 80.</source>
        <translation>--paper 为 58 或 80。</translation>
    </message>
    <message>
        <source>Wrote the slip (%1 bytes of ESC/POS) to %2.</source>
        <translation>已将小票（%1 字节 ESC/POS）写入 %2。</translation>
    </message>
    <message>
        <source>The slip went to %1.</source>
        <translation>小票已发送到 %1。</translation>
    </message>
    <message>
        <source>Act for this cashier when a request names none (a till with no screen, where nobody signs in).</source>
        <translation>请求没有指明收银员时，以这位收银员的名义操作（用于没有屏幕、无人登录的收银机）。</translation>
    </message>
    <message>
        <source>Show or set the customer display on the till&apos;s second screen (docs/user-guide.md).</source>
        <translation>查看或设置收银机第二块屏幕上的顾客显示屏（见 docs/user-guide.md）。</translation>
    </message>
    <message>
        <source>The till&apos;s window shows it on a second screen.</source>
        <translation>收银窗口在第二块屏幕上显示。</translation>
    </message>
    <message>
        <source>No customer display.</source>
        <translation>不使用顾客显示屏。</translation>
    </message>
    <message>
        <source>The web page the join QR code opens (empty: no code; the display asks to join at the counter).</source>
        <translation>入会二维码打开的网页（留空：不显示二维码，屏幕请顾客到收银台入会）。</translation>
    </message>
    <message>
        <source>Give --on or --off, not both.</source>
        <translation>请给 --on 或 --off，不能同时给。</translation>
    </message>
    <message>
        <source>Customer display: on (a second screen, from the window&apos;s next start).</source>
        <translation>顾客显示屏：开（第二块屏幕，收银窗口下次启动起生效）。</translation>
    </message>
    <message>
        <source>Customer display: off.</source>
        <translation>顾客显示屏：关。</translation>
    </message>
    <message>
        <source>Join code: none; the display asks customers to join at the counter.</source>
        <translation>入会二维码：无；屏幕请顾客到收银台入会。</translation>
    </message>
    <message>
        <source>Join code opens: %1</source>
        <translation>入会二维码打开：%1</translation>
    </message>
</context>
<context>
    <name>counterpart::Backup</name>
    <message>
        <source>The backup folder %1 cannot be written to. Make it writable for the till&apos;s user, or choose another folder (counterpart-admin backup --dir).</source>
        <translation>备份文件夹 %1 无法写入。请让收银台的用户可以写入它，或换一个文件夹（counterpart-admin backup --dir）。</translation>
    </message>
    <message>
        <source>The backup copy failed its check and was deleted; the earlier copies in %1 are kept. Run counterpart-admin check on the till&apos;s database.</source>
        <translation>备份未通过校验，已删除；%1 中较早的备份都保留着。请对收银台的数据库运行 counterpart-admin check。</translation>
    </message>
    <message>
        <source>The backup copy could not be put in place in %1.</source>
        <translation>备份无法放入 %1。</translation>
    </message>
    <message>
        <source>The till is running on %1. Close it first, then restore.</source>
        <translation>收银台正在使用 %1。请先关闭收银台，再恢复。</translation>
    </message>
    <message>
        <source>%1 is not a good backup (its check failed); nothing was changed.</source>
        <translation>%1 不是完好的备份（校验未通过）；没有做任何改动。</translation>
    </message>
    <message>
        <source>The current database could not be kept aside; nothing was changed.</source>
        <translation>无法另存当前数据库；没有做任何改动。</translation>
    </message>
    <message>
        <source>The backup could not be copied into place (is the disk full?). The previous database is at %1.</source>
        <translation>备份无法复制到位（磁盘满了吗？）。之前的数据库在 %1。</translation>
    </message>
</context>
<context>
    <name>counterpart::CandidateModel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Member number</source>
        <translation>会员号</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Last visit</source>
        <translation>最近到店</translation>
    </message>
    <message>
        <source>no visit yet</source>
        <translation>尚未到店</translation>
    </message>
</context>
<context>
    <name>counterpart::CatalogueModel</name>
    <message numerus="yes">
        <source>Can redeem (%n a day)</source>
        <translation>
            <numerusform>可兑换（每天 %n 次）</numerusform>
        </translation>
    </message>
    <message>
        <source>Can redeem</source>
        <translation>可兑换</translation>
    </message>
    <message>
        <source>%1 more points needed</source>
        <translation>还差 %1 积分</translation>
    </message>
    <message>
        <source>Reward</source>
        <translation>礼品</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>当前</translation>
    </message>
</context>
<context>
    <name>counterpart::CloseMembershipDialog</name>
    <message>
        <source>Close the membership of %1</source>
        <translation>注销会员：%1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln point(s) left will be forfeited. If the member wants them, redeem them first.</source>
        <translation>
            <numerusform>剩余 %Ln 积分将作废。会员如需使用，请先兑换。</numerusform>
        </translation>
    </message>
    <message>
        <source>No points are left to forfeit.</source>
        <translation>没有需要作废的积分。</translation>
    </message>
    <message>
        <source>The member card stops working and the phone number can be used for a new membership. This cannot be undone.</source>
        <translation>会员卡将立即失效，该手机号可重新注册为新会员。注销后无法恢复。</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>optional, e.g. moving away</source>
        <translation>选填，例如：搬离本地</translation>
    </message>
    <message>
        <source>Close membership</source>
        <translation>确认注销</translation>
    </message>
    <message>
        <source>Also erase their personal data (name, phone number, birthday, ID number, note) in every store</source>
        <translation>同时在所有门店删除其个人信息（姓名、手机号、生日、身份证号、备注）</translation>
    </message>
    <message>
        <source>Close and erase</source>
        <translation>注销并删除信息</translation>
    </message>
</context>
<context>
    <name>counterpart::CustomerDisplay</name>
    <message>
        <source>Customer display</source>
        <translation>顾客显示屏</translation>
    </message>
    <message>
        <source>Not a member yet? Join at the counter: points on every purchase, and a welcome gift.</source>
        <translation>还不是会员？请到收银台入会：每次消费都有积分，还有入会礼。</translation>
    </message>
    <message>
        <source>Not a member yet? Scan to join: points on every purchase, and a welcome gift.</source>
        <translation>还不是会员？扫码入会：每次消费都有积分，还有入会礼。</translation>
    </message>
    <message>
        <source>Your points: %1</source>
        <translation>您的积分：%1</translation>
    </message>
    <message>
        <source>worth %1 off a purchase</source>
        <translation>消费时可抵 %1</translation>
    </message>
    <message>
        <source>%1 expire by %2 (worth %3): use them before then.</source>
        <translation>%1 将于 %2 前过期（价值 %3），请尽早使用。</translation>
    </message>
    <message>
        <source>Happy birthday, %1!</source>
        <translation>%1，生日快乐！</translation>
    </message>
    <message>
        <source>Happy birthday week, %1!</source>
        <translation>%1，生日周快乐！</translation>
    </message>
    <message>
        <source>Welcome back, %1!</source>
        <translation>%1，欢迎光临！</translation>
    </message>
    <message>
        <source>Member level: %1</source>
        <translation>会员等级：%1</translation>
    </message>
    <message>
        <source>Our top level: thank you for shopping with us.</source>
        <translation>您已是最高等级，感谢您的支持！</translation>
    </message>
</context>
<context>
    <name>counterpart::EarnDialog</name>
    <message>
        <source>Earn points for %1</source>
        <translation>为 %1 积分</translation>
    </message>
    <message>
        <source>Receipt number</source>
        <translation>小票号</translation>
    </message>
    <message>
        <source>scan or type the receipt number</source>
        <translation>扫描或输入小票号</translation>
    </message>
    <message>
        <source>Receipt total</source>
        <translation>小票总额</translation>
    </message>
    <message>
        <source>e.g. 268.00</source>
        <translation>例如 268.00</translation>
    </message>
    <message>
        <source>Of which earns no points</source>
        <translation>其中不积分的金额</translation>
    </message>
    <message>
        <source>tobacco, gift cards, deposits (optional)</source>
        <translation>烟草、礼品卡、押金（选填）</translation>
    </message>
    <message>
        <source>Give points</source>
        <translation>确认积分</translation>
    </message>
    <message>
        <source>Type the receipt total.</source>
        <translation>请输入小票总额。</translation>
    </message>
    <message>
        <source>Type or scan the receipt number.</source>
        <translation>请输入或扫描小票号。</translation>
    </message>
    <message>
        <source>Below the minimum spend of %1: no purchase points</source>
        <translation>未达到最低消费 %1：无消费积分</translation>
    </message>
    <message>
        <source>%1 that earns points</source>
        <translation>可积分金额 %1</translation>
    </message>
    <message>
        <source>%1 tier %2</source>
        <translation>%1加成 %2</translation>
    </message>
    <message>
        <source>Birthday bonus %1</source>
        <translation>生日加成 %1</translation>
    </message>
    <message>
        <source>Member day %1</source>
        <translation>会员日 %1</translation>
    </message>
    <message>
        <source>First-purchase gift</source>
        <translation>首单礼</translation>
    </message>
    <message>
        <source>Birthday gift</source>
        <translation>生日礼</translation>
    </message>
    <message>
        <source>Welcome gift</source>
        <translation>欢迎礼</translation>
    </message>
    <message>
        <source>Points for this receipt</source>
        <translation>本单积分</translation>
    </message>
    <message>
        <source>Balance after: %1</source>
        <translation>积分后余额：%1</translation>
    </message>
    <message>
        <source>This purchase lifts %1 to %2!</source>
        <translation>本次消费后，%1 升级为 %2！</translation>
    </message>
    <message>
        <source>Give %1</source>
        <translation>累积 %1</translation>
    </message>
    <message>
        <source>Read from the receipt&apos;s code: sold %1.</source>
        <translation>已从小票码读取：销售时间 %1。</translation>
    </message>
</context>
<context>
    <name>counterpart::HistoryDialog</name>
    <message>
        <source>History of %1</source>
        <translation>%1 的积分记录</translation>
    </message>
    <message>
        <source>Balance now: %1</source>
        <translation>当前余额：%1</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>counterpart::HistoryModel</name>
    <message>
        <source>receipt %1</source>
        <translation>小票 %1</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>What</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
</context>
<context>
    <name>counterpart::LoginScreen</name>
    <message>
        <source>Staff id</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>PIN again</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>Someone else</source>
        <translation>换人登录</translation>
    </message>
    <message>
        <source>Sign in to the till</source>
        <translation>登录收银台</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Screen locked</source>
        <translation>屏幕已锁定</translation>
    </message>
    <message>
        <source>%1 is on shift. Type the PIN to unlock, or let someone else sign in.</source>
        <translation>%1 正在当班。输入密码即可解锁，也可以换人登录。</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Set up this till</source>
        <translation>初始化收银台</translation>
    </message>
    <message>
        <source>This till has no staff yet. Create the first manager: they add the cashiers from Manager functions.</source>
        <translation>本机还没有员工。请先创建第一位店长，再由店长在“店长功能”中添加收银员。</translation>
    </message>
    <message>
        <source>Create manager</source>
        <translation>创建店长</translation>
    </message>
    <message>
        <source>Type your staff id.</source>
        <translation>请输入工号。</translation>
    </message>
    <message>
        <source>Type the manager&apos;s name.</source>
        <translation>请输入店长姓名。</translation>
    </message>
    <message>
        <source>The two PINs are different. Type the same PIN twice.</source>
        <translation>两次输入的密码不一致。请两次输入相同的密码。</translation>
    </message>
    <message>
        <source>Type your PIN.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在核对…</translation>
    </message>
    <message>
        <source>Tap your name or type your staff id, then your PIN. Five wrong PINs lock the staff id for five minutes.</source>
        <translation>点您的名字或输入工号，再输入密码。连续输错 5 次，该工号锁定 5 分钟。</translation>
    </message>
</context>
<context>
    <name>counterpart::MainWindow</name>
    <message>
        <source>manager</source>
        <translation>店长</translation>
    </message>
    <message>
        <source>cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <source>Counterpart till</source>
        <translation>Counterpart 收银台</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Scan the card, or type a phone number, its last 4 digits, or a name</source>
        <translation>扫会员码，或输入手机号、手机尾号4位或姓名</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>注册</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>锁屏</translation>
    </message>
    <message>
        <source>Scan the member&apos;s card, or type their phone number, its last four digits, or the first letters of their name, then press Enter.</source>
        <translation>扫会员码，或输入会员的手机号、手机尾号4位或姓名开头，然后按 Enter。</translation>
    </message>
    <message>
        <source>Not a member yet? F2 registers them in half a minute. Esc always comes back here.</source>
        <translation>还不是会员？按 F2，半分钟即可注册。随时按 Esc 回到这里。</translation>
    </message>
    <message>
        <source>Earn</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Redeem</source>
        <translation>兑换</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>History</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>QR card</source>
        <translation>会员码</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>店长</translation>
    </message>
    <message>
        <source>Today is a member day: %1 points on every purchase.</source>
        <translation>今天是会员日：每笔消费积分 %1。</translation>
    </message>
    <message>
        <source>Today is %1.</source>
        <translation>今天是 %1。</translation>
    </message>
    <message>
        <source>Hello, %1. Scan a member&apos;s card to begin.</source>
        <translation>%1，您好。扫会员码即可开始。</translation>
    </message>
    <message>
        <source>Nobody is signed in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <source>On shift: %1 (%2) · screen locked</source>
        <translation>当班：%1（%2）· 屏幕已锁定</translation>
    </message>
    <message>
        <source>On shift: %1 (%2)</source>
        <translation>当班：%1（%2）</translation>
    </message>
    <message>
        <source>%1 · till %2</source>
        <translation>%1 · 收银台 %2</translation>
    </message>
    <message numerus="yes">
        <source>%n member(s) found. Up and down arrows choose, Enter opens, Esc goes back.</source>
        <translation>
            <numerusform>找到 %n 位会员。上下方向键选择，Enter 打开，Esc 返回。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 F2 registers this number.</source>
        <translation>%1按 F2 用此号码注册。</translation>
    </message>
    <message>
        <source>%1 is registered: member %2.</source>
        <translation>%1 已注册：会员号 %2。</translation>
    </message>
    <message>
        <source>%1 is a cashier. Manager functions need a manager&apos;s staff id and PIN.</source>
        <translation>%1 是收银员。店长功能需要店长的工号和密码。</translation>
    </message>
    <message>
        <source>Manager functions need a manager. A manager types their staff id and PIN; what they do is recorded in their name.</source>
        <translation>店长功能需要店长操作。请店长输入其工号和密码；所做操作会记在该店长名下。</translation>
    </message>
    <message>
        <source>Manager ⚑%1</source>
        <translation>店长 ⚑%1</translation>
    </message>
    <message numerus="yes">
        <source>%n thing(s) from the server for a manager to look at.</source>
        <translation>
            <numerusform>服务器有 %n 项需要店长查看。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 has no member number, so there is no QR card. Find them by phone number.</source>
        <translation>%1 没有会员号，因此没有会员码。请用手机号查找。</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>资料</translation>
    </message>
    <message>
        <source>The membership of %1 is closed (points forfeited: %2).</source>
        <translation>%1 的会员资格已注销（作废积分：%2）。</translation>
    </message>
    <message>
        <source>The membership of %1 is closed.</source>
        <translation>%1 的会员资格已注销。</translation>
    </message>
    <message>
        <source>Today is %1&apos;s birthday! Wish them a happy birthday: their birthday gift of %2 comes with today&apos;s purchase.</source>
        <translation>今天是 %1 的生日！请送上生日祝福：今天消费即可获得生日礼 %2。</translation>
    </message>
    <message>
        <source>Today is %1&apos;s birthday! Wish them a happy birthday.</source>
        <translation>今天是 %1 的生日！请送上生日祝福。</translation>
    </message>
    <message>
        <source>%1&apos;s birthday is on %2: wish them a happy birthday. Their birthday gift of %3 comes with today&apos;s purchase.</source>
        <translation>%1 的生日是 %2，请送上生日祝福。今天消费即可获得生日礼 %3。</translation>
    </message>
    <message>
        <source>%1&apos;s birthday is on %2: wish them a happy birthday.</source>
        <translation>%1 的生日是 %2，请送上生日祝福。</translation>
    </message>
    <message>
        <source>Their personal data is erased.</source>
        <translation>其个人信息已删除。</translation>
    </message>
    <message>
        <source>Register %1 as a new member  (F2)</source>
        <translation>将 %1 注册为新会员（F2）</translation>
    </message>
    <message>
        <source>The POS cannot reach this till: %1</source>
        <translation>收银机无法连接本机：%1</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
</context>
<context>
    <name>counterpart::ManagerApprovalDialog</name>
    <message>
        <source>A manager&apos;s PIN</source>
        <translation>店长密码</translation>
    </message>
    <message>
        <source>Manager&apos;s staff id</source>
        <translation>店长工号</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>授权</translation>
    </message>
    <message>
        <source>Type the manager&apos;s staff id and PIN.</source>
        <translation>请输入店长的工号和密码。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在核对…</translation>
    </message>
</context>
<context>
    <name>counterpart::ManagerAuditPage</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>What</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>批准人</translation>
    </message>
    <message>
        <source>first day</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>last day</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>staff id, or empty for everyone</source>
        <translation>员工号，留空表示全部</translation>
    </message>
    <message>
        <source>Only %1</source>
        <translation>只看 %1</translation>
    </message>
    <message>
        <source>Only the open member (none is open)</source>
        <translation>只看当前会员（未打开会员）</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>查看</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <source>Type the days as year-month-day, e.g. 2026-05-20.</source>
        <translation>请按“年-月-日”输入日期，例如 2026-05-20。</translation>
    </message>
    <message>
        <source>Nothing in the audit trail for these days.</source>
        <translation>这几天没有操作记录。</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s), newest first.</source>
        <translation>
            <numerusform>共 %n 条，最新的在前。</numerusform>
        </translation>
    </message>
    <message>
        <source>Export the audit trail</source>
        <translation>导出操作记录</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) written to %1. The file names members: keep it safe.</source>
        <translation>
            <numerusform>已将 %n 条写入 %1。文件含会员姓名，请妥善保管。</numerusform>
        </translation>
    </message>
    <message>
        <source>Registered a member</source>
        <translation>登记会员</translation>
    </message>
    <message>
        <source>Corrected a member&apos;s details</source>
        <translation>修改会员资料</translation>
    </message>
    <message>
        <source>Wrote a note</source>
        <translation>写备注</translation>
    </message>
    <message>
        <source>Recorded SMS consent</source>
        <translation>记录短信同意</translation>
    </message>
    <message>
        <source>Read ID number and birthday</source>
        <translation>查看身份证号和生日</translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Wrong PIN</source>
        <translation>密码错误</translation>
    </message>
    <message>
        <source>Locked out after wrong PINs</source>
        <translation>密码错误次数过多被锁定</translation>
    </message>
    <message>
        <source>Points for a purchase</source>
        <translation>消费积分</translation>
    </message>
    <message>
        <source>Redeemed points</source>
        <translation>积分兑换</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>Undid a transaction</source>
        <translation>撤销交易</translation>
    </message>
    <message>
        <source>Adjusted points</source>
        <translation>调整积分</translation>
    </message>
    <message>
        <source>Expired points</source>
        <translation>积分过期</translation>
    </message>
    <message>
        <source>Evaluated tiers</source>
        <translation>评定等级</translation>
    </message>
    <message>
        <source>Added or changed staff</source>
        <translation>添加或修改员工</translation>
    </message>
    <message>
        <source>Changed settings</source>
        <translation>修改设置</translation>
    </message>
    <message>
        <source>New loyalty rules</source>
        <translation>新的会员规则</translation>
    </message>
    <message>
        <source>Joined the chain&apos;s server</source>
        <translation>加入连锁服务器</translation>
    </message>
    <message>
        <source>Exported all members</source>
        <translation>导出全部会员</translation>
    </message>
    <message>
        <source>Exported a member list</source>
        <translation>导出会员名单</translation>
    </message>
    <message>
        <source>Exported the audit trail</source>
        <translation>导出操作记录</translation>
    </message>
    <message>
        <source>Closed a membership</source>
        <translation>注销会员</translation>
    </message>
    <message>
        <source>Wrong phone digits to spend by card</source>
        <translation>凭卡使用积分时手机号数字错误</translation>
    </message>
    <message>
        <source>Spending by card locked after wrong phone digits</source>
        <translation>手机号数字多次错误，凭卡使用积分已锁定</translation>
    </message>
    <message>
        <source>Tried to spend by card while locked</source>
        <translation>锁定期间尝试凭卡使用积分</translation>
    </message>
    <message>
        <source>Staff added or changed by head office</source>
        <translation>总部添加或修改了员工</translation>
    </message>
    <message>
        <source>Staff switched off by head office</source>
        <translation>总部停用了员工</translation>
    </message>
    <message>
        <source>Received the chain&apos;s key for ID numbers</source>
        <translation>已接收连锁的证件号密钥</translation>
    </message>
    <message>
        <source>ID numbers made readable at every till</source>
        <translation>证件号已可在各收银台查看</translation>
    </message>
    <message>
        <source>Set up the customer display</source>
        <translation>设置顾客显示屏</translation>
    </message>
    <message>
        <source>Connected a POS</source>
        <translation>连接收银系统</translation>
    </message>
    <message>
        <source>Disconnected a POS</source>
        <translation>断开收银系统</translation>
    </message>
    <message>
        <source>Set up the POS link</source>
        <translation>设置收银系统接口</translation>
    </message>
    <message>
        <source>Request from the POS</source>
        <translation>收银系统请求</translation>
    </message>
    <message>
        <source>Points held by the POS</source>
        <translation>收银系统冻结积分</translation>
    </message>
    <message>
        <source>Held points released</source>
        <translation>释放冻结积分</translation>
    </message>
</context>
<context>
    <name>counterpart::ManagerDashboard</name>
    <message>
        <source>no change</source>
        <translation>无变化</translation>
    </message>
    <message>
        <source>Store figures</source>
        <translation>门店数据</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>近 7 天</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>近 30 天</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>上月</translation>
    </message>
    <message>
        <source>Choose days</source>
        <translation>自选日期</translation>
    </message>
    <message>
        <source>Report (PDF)…</source>
        <translation>报表（PDF）…</translation>
    </message>
    <message>
        <source>The one-page report of these figures, to print or send</source>
        <translation>这些数据的单页报表，可打印或发送</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Trends and tiers</source>
        <translation>趋势与等级</translation>
    </message>
    <message>
        <source>Members to call</source>
        <translation>需要联系的会员</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>New members</source>
        <translation>新会员</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>到店次数</translation>
    </message>
    <message>
        <source>Members who bought</source>
        <translation>消费会员数</translation>
    </message>
    <message>
        <source>Member sales</source>
        <translation>会员销售额</translation>
    </message>
    <message>
        <source>Average ticket</source>
        <translation>客单价</translation>
    </message>
    <message>
        <source>Points issued</source>
        <translation>发放积分</translation>
    </message>
    <message>
        <source>Points redeemed</source>
        <translation>兑换积分</translation>
    </message>
    <message>
        <source>Points expired</source>
        <translation>过期积分</translation>
    </message>
    <message>
        <source>Outstanding points</source>
        <translation>积分结余</translation>
    </message>
    <message>
        <source>Gifts granted</source>
        <translation>赠礼发放次数</translation>
    </message>
    <message>
        <source>Tier upgrades</source>
        <translation>等级升级</translation>
    </message>
    <message>
        <source>Tier downgrades</source>
        <translation>等级降级</translation>
    </message>
    <message>
        <source>Day before: %1</source>
        <translation>前一天：%1</translation>
    </message>
    <message>
        <source>Period before: %1</source>
        <translation>上期：%1</translation>
    </message>
    <message>
        <source>Show more</source>
        <translation>显示更多</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>The whole list with full phone numbers, for calling. Recorded in the audit log.</source>
        <translation>完整名单，含完整手机号，供电话联系使用。导出会记入审计日志。</translation>
    </message>
    <message>
        <source>The first day is after the last day.</source>
        <translation>开始日期晚于结束日期。</translation>
    </message>
    <message>
        <source>%1, compared with the day before</source>
        <translation>%1，与前一天对比</translation>
    </message>
    <message numerus="yes">
        <source>%n days, compared with the %n days before</source>
        <translation>
            <numerusform>%n 天，与之前 %n 天对比</numerusform>
        </translation>
    </message>
    <message>
        <source>At the till %1 · online %2 · imported %3</source>
        <translation>门店注册 %1 · 线上注册 %2 · 导入 %3</translation>
    </message>
    <message>
        <source>Purchases with a member card</source>
        <translation>会员消费笔数</translation>
    </message>
    <message>
        <source>%1 returning, %2 new</source>
        <translation>回头客 %1，新客 %2</translation>
    </message>
    <message>
        <source>After %1 refunded</source>
        <translation>已扣除退款 %1</translation>
    </message>
    <message>
        <source>Member sales per visit</source>
        <translation>会员平均每次消费金额</translation>
    </message>
    <message>
        <source>%1 of them gifts</source>
        <translation>其中赠礼 %1</translation>
    </message>
    <message>
        <source>Worth %1</source>
        <translation>价值 %1</translation>
    </message>
    <message>
        <source>Worth %1 · adjusted %2</source>
        <translation>价值 %1 · 调整 %2</translation>
    </message>
    <message>
        <source>Welcome %1 · first purchase %2 · birthday %3</source>
        <translation>欢迎礼 %1 · 首单礼 %2 · 生日礼 %3</translation>
    </message>
    <message>
        <source>Bought in the last %1 days, %2 visits or more, and spent %3 or more in the last 12 months. Thank them; they bring others.</source>
        <translation>近 %1 天内有消费、到店 %2 次及以上，且近 12 个月消费满 %3。请感谢他们，他们会带来更多顾客。</translation>
    </message>
    <message>
        <source>Bought in the last %1 days and %2 visits or more (champions are listed once, above).</source>
        <translation>近 %1 天内有消费且到店 %2 次及以上（高价值会员只在上方列出一次）。</translation>
    </message>
    <message>
        <source>Came %1 times or more, but not in the last %2 days (and within %3). Call them before they are lost.</source>
        <translation>曾到店 %1 次及以上，但近 %2 天没来过（%3 天内来过）。请在他们流失之前联系。</translation>
    </message>
    <message>
        <source>Last bought more than %1 days ago, most recent first.</source>
        <translation>最近一次消费在 %1 天以前，最近消费的在前。</translation>
    </message>
    <message>
        <source>Points that expire in the next %1 days and what they are worth, soonest first.</source>
        <translation>未来 %1 天内到期的积分及其价值，最早到期的在前。</translation>
    </message>
    <message>
        <source>Birthdays today and in the next %1 days.</source>
        <translation>今天及未来 %1 天内过生日的会员。</translation>
    </message>
    <message>
        <source>Joined %1 to %2 days ago and have not bought again since the day they joined.</source>
        <translation>%1 到 %2 天前入会，入会当天之后再未消费。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Nobody on this list today.</source>
        <translation>今天此名单中没有会员。</translation>
    </message>
    <message>
        <source>Showing %1 of %2.</source>
        <translation>显示 %2 位中的 %1 位。</translation>
    </message>
    <message>
        <source>Showing %1.</source>
        <translation>显示 %1 位。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>保存报表</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>The report was saved as %1.</source>
        <translation>报表已保存为 %1。</translation>
    </message>
    <message>
        <source>Export the list</source>
        <translation>导出名单</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>%1: %2 members written to %3. The file holds phone numbers: keep it safe and delete it when the calls are done.</source>
        <translation>%1：已将 %2 位会员写入 %3。该文件含有手机号：请妥善保管，电话联系完后请删除。</translation>
    </message>
    <message>
        <source>Exporting the list…</source>
        <translation>正在导出名单…</translation>
    </message>
    <message>
        <source>This store: %1</source>
        <translation>本店：%1</translation>
    </message>
    <message>
        <source>The whole chain</source>
        <translation>全连锁</translation>
    </message>
</context>
<context>
    <name>counterpart::ManagerDialog</name>
    <message>
        <source>Manager functions</source>
        <translation>店长功能</translation>
    </message>
    <message>
        <source>%1 is approving. Open member: %2 (%3).</source>
        <translation>授权人：%1。当前会员：%2（%3）。</translation>
    </message>
    <message>
        <source>%1 is approving. No member is open: member functions need one.</source>
        <translation>授权人：%1。未打开会员：会员相关功能需要先打开一位会员。</translation>
    </message>
    <message>
        <source>Adjust points</source>
        <translation>调整积分</translation>
    </message>
    <message>
        <source>Adds or takes away points, with a reason. It is a new entry in the member&apos;s history; nothing is ever edited.</source>
        <translation>增加或扣减积分，需注明原因。这会在会员的积分记录中新增一条，不会修改任何已有记录。</translation>
    </message>
    <message>
        <source>Points (+ or −)</source>
        <translation>积分（+ 或 −）</translation>
    </message>
    <message>
        <source>e.g. points missed on receipt 1234</source>
        <translation>例如：小票 1234 漏积分</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Adjust</source>
        <translation>调整</translation>
    </message>
    <message>
        <source>Undo the last earn or redemption</source>
        <translation>撤销最近一笔积分或兑换</translation>
    </message>
    <message>
        <source>Takes back the member&apos;s last earn or redemption, if it was made in the last few minutes. Its receipt can then be used again.</source>
        <translation>撤销该会员最近一笔积分或兑换（仅限几分钟内的操作）。撤销后，该小票可以重新使用。</translation>
    </message>
    <message>
        <source>e.g. wrong member</source>
        <translation>例如：会员选错了</translation>
    </message>
    <message>
        <source>Undo last transaction</source>
        <translation>撤销上一笔</translation>
    </message>
    <message>
        <source>ID number and birth date</source>
        <translation>身份证号和出生日期</translation>
    </message>
    <message>
        <source>These are stored encrypted. Looking at them is recorded in the audit log.</source>
        <translation>这些信息加密保存。查看操作会记入审计日志。</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Add staff</source>
        <translation>添加员工</translation>
    </message>
    <message>
        <source>Cashiers and managers sign in with a staff id and a PIN of 4 to 8 digits. The same id again sets a new PIN.</source>
        <translation>收银员和店长用工号和 4 到 8 位数字密码登录。再次输入同一工号即可设置新密码。</translation>
    </message>
    <message>
        <source>e.g. c02</source>
        <translation>例如 c02</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>店长</translation>
    </message>
    <message>
        <source>Staff id</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>PIN again</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>Import members from a CSV file</source>
        <translation>从 CSV 文件导入会员</translation>
    </message>
    <message>
        <source>Columns: phone and name, and optionally gender, birthday (YYYY-MM-DD), marketing_consent and note. Numbers that are already members are skipped. It runs in the background; Cancel keeps the rows imported so far.</source>
        <translation>列：phone 和 name，可选 gender、birthday（YYYY-MM-DD）、marketing_consent 和 note。已是会员的手机号会被跳过。导入在后台进行；点“取消”会保留已导入的行。</translation>
    </message>
    <message>
        <source>All or nothing: keep no row if any row is wrong</source>
        <translation>全部或全不：只要有一行出错，就一行都不保留</translation>
    </message>
    <message>
        <source>Choose a CSV file…</source>
        <translation>选择 CSV 文件…</translation>
    </message>
    <message>
        <source>Import members</source>
        <translation>导入会员</translation>
    </message>
    <message>
        <source>Demo members</source>
        <translation>演示会员</translation>
    </message>
    <message>
        <source>Adds made-up members with 18 months of purchases, for training and trade shows. Never on a till in service.</source>
        <translation>添加虚构的会员及 18 个月的消费记录，用于培训和展会。切勿在营业中的收银台上使用。</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>会员数</translation>
    </message>
    <message>
        <source>Add demo members</source>
        <translation>添加演示会员</translation>
    </message>
    <message>
        <source>Expiry, tiers and the points check</source>
        <translation>过期、等级和积分核对</translation>
    </message>
    <message>
        <source>These run by themselves on schedule; run them now after changing the rules or the clock. They run in the background.</source>
        <translation>这些任务会按计划自动运行；修改规则或时钟后，可在此立即运行。任务在后台进行。</translation>
    </message>
    <message>
        <source>Expire old points now</source>
        <translation>立即处理过期积分</translation>
    </message>
    <message>
        <source>Evaluate tiers now</source>
        <translation>立即评估等级</translation>
    </message>
    <message>
        <source>Check every balance against its history</source>
        <translation>核对每位会员的余额与积分记录</translation>
    </message>
    <message>
        <source>Expiring old points…</source>
        <translation>正在处理过期积分…</translation>
    </message>
    <message numerus="yes">
        <source>%1 expired from %n member(s).</source>
        <translation>
            <numerusform>%n 位会员的 %1 已过期。</numerusform>
        </translation>
    </message>
    <message>
        <source>Evaluating tiers…</source>
        <translation>正在评估等级…</translation>
    </message>
    <message>
        <source>%1 members evaluated: %2 moved up, %3 moved down.</source>
        <translation>已评估 %1 位会员：升级 %2 位，降级 %3 位。</translation>
    </message>
    <message>
        <source>Checking every balance…</source>
        <translation>正在核对所有余额…</translation>
    </message>
    <message>
        <source>All %1 members&apos; balances match their histories. %2 changes wait to be sent.</source>
        <translation>全部 %1 位会员的余额与积分记录一致。%2 条变更等待发送。</translation>
    </message>
    <message>
        <source>Problems found: %1</source>
        <translation>发现问题：%1</translation>
    </message>
    <message>
        <source>Expiry, tiers, check</source>
        <translation>过期、等级、核对</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Type the points to add (or, with a minus, to take away).</source>
        <translation>请输入要增加的积分（加负号表示扣减）。</translation>
    </message>
    <message>
        <source>Done. %1 now has %2.</source>
        <translation>完成。%1 现有 %2。</translation>
    </message>
    <message>
        <source>The last earn was undone: %1 taken back. Balance: %2.</source>
        <translation>已撤销最近一笔积分：扣回 %1。余额：%2。</translation>
    </message>
    <message>
        <source>The last redemption was undone: %1 given back. Balance: %2.</source>
        <translation>已撤销最近一笔兑换：退回 %1。余额：%2。</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>未填写</translation>
    </message>
    <message>
        <source>Birth date: %1
ID number: %2</source>
        <translation>出生日期：%1
身份证号：%2</translation>
    </message>
    <message>
        <source>The two PINs are different. Type the same PIN twice.</source>
        <translation>两次输入的密码不一致。请两次输入相同的密码。</translation>
    </message>
    <message>
        <source>%1 can now sign in with staff id %2.</source>
        <translation>%1 现在可以用工号 %2 登录了。</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot read %1. Check the file and try again.</source>
        <translation>无法读取 %1。请检查文件后重试。</translation>
    </message>
    <message>
        <source>Importing members…</source>
        <translation>正在导入会员…</translation>
    </message>
    <message numerus="yes">
        <source>Nothing was imported: %n row(s) had problems.</source>
        <translation>
            <numerusform>未导入任何内容：有 %n 行有问题。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 rows imported, %3 already members, %4 with problems.</source>
        <translation>已导入 %2 行中的 %1 行，%3 行已是会员，%4 行有问题。</translation>
    </message>
    <message>
        <source>Stopped. %1</source>
        <translation>已停止。%1</translation>
    </message>
    <message>
        <source>Line %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <source>%1 demo members added with %2 purchases.</source>
        <translation>已添加 %1 位演示会员及 %2 笔消费。</translation>
    </message>
    <message>
        <source>Adding demo members…</source>
        <translation>正在添加演示会员…</translation>
    </message>
    <message>
        <source>Store figures</source>
        <translation>门店数据</translation>
    </message>
    <message>
        <source>Today&apos;s, a day&apos;s or a range&apos;s member figures next to the period before, the trends of the last 30 days, and the members to call: champions, members slipping away, points about to expire, birthdays. Exports and a one-page report.</source>
        <translation>今天、某一天或某段日期的会员数据及与上期的对比，近 30 天的趋势，以及需要联系的会员：高价值会员、即将流失的会员、积分即将到期的会员、过生日的会员。可导出名单和单页报表。</translation>
    </message>
    <message>
        <source>Open store figures</source>
        <translation>打开门店数据</translation>
    </message>
    <message>
        <source>Sync with the server</source>
        <translation>与服务器同步</translation>
    </message>
    <message>
        <source>Changes made at this till go to the chain&apos;s server in the background. Here are the ones it refused, with the reason, and what it flagged for a manager.</source>
        <translation>本收银台的更改会在后台发送到连锁服务器。这里列出被服务器拒绝的更改及原因，以及服务器标记给店长处理的事项。</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Points expiry</source>
        <translation>积分过期</translation>
    </message>
    <message>
        <source>Tier evaluation</source>
        <translation>等级评定</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>%1: run by the chain&apos;s server for every till.</source>
        <translation>%1：由连锁服务器为所有收银台运行。</translation>
    </message>
    <message>
        <source>never run</source>
        <translation>从未运行</translation>
    </message>
    <message>
        <source>failed %1 (%2)</source>
        <translation>%1 失败（%2）</translation>
    </message>
    <message>
        <source>last ran %1</source>
        <translation>上次运行 %1</translation>
    </message>
    <message>
        <source>%1: %2; next %3.</source>
        <translation>%1：%2；下次 %3。</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>操作记录</translation>
    </message>
    <message>
        <source>Who did what at this till, when, about which member and with whose approval. Export it for head office as CSV.</source>
        <translation>谁在什么时候、对哪位会员做了什么、经谁批准。可导出 CSV 交给总部。</translation>
    </message>
    <message>
        <source>The chain&apos;s server evaluates tiers for every till; its changes arrive with the next sync.</source>
        <translation>会员等级由连锁服务器统一评定；等级变化会在下次同步时到达本机。</translation>
    </message>
</context>
<context>
    <name>counterpart::ManagerSyncPage</name>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>What</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>余额</translation>
    </message>
    <message>
        <source>This till is not connected to a server: it works on its own, and nothing is sent anywhere. A technician connects it with an enrolment code.</source>
        <translation>本收银台未连接服务器：它独立工作，不向任何地方发送数据。技术人员可用登记码将其连接。</translation>
    </message>
    <message>
        <source>Server: %1 · till %2</source>
        <translation>服务器：%1 · 收银台 %2</translation>
    </message>
    <message>
        <source>Last synced: %1</source>
        <translation>上次同步：%1</translation>
    </message>
    <message>
        <source>Not synced yet.</source>
        <translation>尚未同步。</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) waiting to be sent.</source>
        <translation>
            <numerusform>%n 项更改待发送。</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing waiting to be sent.</source>
        <translation>没有待发送的更改。</translation>
    </message>
    <message>
        <source>Last problem: %1</source>
        <translation>最近的问题：%1</translation>
    </message>
    <message>
        <source>Refused by the server: none.</source>
        <translation>被服务器拒绝：无。</translation>
    </message>
    <message numerus="yes">
        <source>Refused by the server: %n change(s). The till has taken them back (balances match the server&apos;s); redo the ones that were right.</source>
        <translation>
            <numerusform>被服务器拒绝：%n 项更改。收银台已撤回这些更改（余额与服务器一致）；正确的操作请重新办理。</numerusform>
        </translation>
    </message>
    <message>
        <source>Flagged by the server: nothing.</source>
        <translation>服务器标记：无。</translation>
    </message>
    <message>
        <source>Flagged by the server, for a manager to follow up:</source>
        <translation>服务器标记、需店长跟进的事项：</translation>
    </message>
    <message>
        <source>This receipt already earned points for another member at this store.</source>
        <translation>该小票已在本店为另一位会员积过分。</translation>
    </message>
    <message>
        <source>The server does not know this member.</source>
        <translation>服务器上没有这位会员。</translation>
    </message>
    <message>
        <source>The server does not know the purchase this refund is for.</source>
        <translation>服务器上没有这笔退货对应的消费。</translation>
    </message>
    <message>
        <source>The change named another till or store. Call the technician.</source>
        <translation>该更改写的是另一个收银台或门店。请联系技术人员。</translation>
    </message>
    <message>
        <source>The server could not read the change (%1). Call the technician.</source>
        <translation>服务器无法读取该更改（%1）。请联系技术人员。</translation>
    </message>
    <message>
        <source>Registration</source>
        <translation>会员登记</translation>
    </message>
    <message>
        <source>Member details</source>
        <translation>会员资料</translation>
    </message>
    <message>
        <source>Earn</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Redemption</source>
        <translation>兑换</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>Adjustment</source>
        <translation>调整</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>积分过期</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Tier change</source>
        <translation>等级变更</translation>
    </message>
    <message>
        <source>An offline redemption took the balance below zero</source>
        <translation>一笔离线兑换使余额低于零</translation>
    </message>
    <message>
        <source>Loyalty rules from the server did not fit this till and were not installed</source>
        <translation>服务器下发的积分规则不适用于本收银台，未安装</translation>
    </message>
    <message>
        <source>A member code made here was already in use</source>
        <translation>本机生成的会员号已被占用</translation>
    </message>
    <message>
        <source>The server refused the points: they are not what the loyalty rules give (%1).</source>
        <translation>服务器拒绝了这笔积分：与会员积分规则不符（%1）。</translation>
    </message>
    <message>
        <source>The purchase was made at another store; only that store can undo or refund it.</source>
        <translation>这笔消费是在其他门店发生的，只有该门店可以撤销或退款。</translation>
    </message>
    <message>
        <source>The purchase belongs to another member than the one named.</source>
        <translation>这笔消费属于另一位会员，与所填会员不符。</translation>
    </message>
    <message>
        <source>The till&apos;s clock was ahead of the server&apos;s when the change was made. Set the till&apos;s clock right and make the change again.</source>
        <translation>做这笔操作时收银机的时钟比服务器快。请校准收银机时钟后重新操作。</translation>
    </message>
    <message>
        <source>The change was stamped with another till&apos;s name. Call the technician.</source>
        <translation>这笔操作带的是另一台收银机的标记。请联系技术人员。</translation>
    </message>
    <message>
        <source>The member number was made under another till&apos;s number after this till joined the chain. Call the technician.</source>
        <translation>本机加入连锁后，这个会员号却是用另一台收银机的编号生成的。请联系技术人员。</translation>
    </message>
    <message>
        <source>The manager who approved this adjustment is not registered at head office as a manager of this store.</source>
        <translation>批准这笔积分调整的人没有在总部登记为本店店长。</translation>
    </message>
    <message>
        <source>The server refused the tier upgrade: the member&apos;s spending it knows of does not reach that tier (%1).</source>
        <translation>服务器拒绝了这次等级升级：它记录的会员消费达不到该等级（%1）。</translation>
    </message>
    <message>
        <source>A change from the server was stamped with a time far ahead; it was not trusted</source>
        <translation>服务器传来的一笔变更时间远超当前时间，未被采用</translation>
    </message>
    <message>
        <source>A change was stamped with another till&apos;s name</source>
        <translation>一笔操作带的是另一台收银机的标记</translation>
    </message>
    <message>
        <source>A large points adjustment, for head office to check</source>
        <translation>大额积分调整，需总部核查</translation>
    </message>
    <message>
        <source>A member number made before this till joined the chain</source>
        <translation>本机加入连锁前生成的会员号</translation>
    </message>
    <message>
        <source>A points adjustment in a store whose managers are not registered at head office</source>
        <translation>本店店长未在总部登记时做的积分调整</translation>
    </message>
    <message>
        <source>A till gave more points today than its daily budget</source>
        <translation>收银机今天发放的积分超过了每日额度</translation>
    </message>
    <message>
        <source>A sale or change for a membership that was already closed</source>
        <translation>对已注销会员的消费或修改</translation>
    </message>
    <message>
        <source>A member&apos;s data was erased while they still had points</source>
        <translation>会员资料已删除，但仍有剩余积分</translation>
    </message>
    <message>
        <source>Made by someone head office had already switched off (the till had not synced yet)</source>
        <translation>操作人已被总部停用（当时收银台尚未同步）</translation>
    </message>
</context>
<context>
    <name>counterpart::MemberCardView</name>
    <message>
        <source>Phone %1</source>
        <translation>手机 %1</translation>
    </message>
    <message>
        <source>Member %1</source>
        <translation>会员号 %1</translation>
    </message>
    <message>
        <source>points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>%1 is the top tier. Thank the member for their loyalty.</source>
        <translation>%1 是最高等级。请感谢会员的长期支持。</translation>
    </message>
    <message>
        <source>%1 expire by %2 (worth %3).</source>
        <translation>%1 将于 %2 前过期（价值 %3）。</translation>
    </message>
    <message>
        <source>%1 expire by %2 (worth %3). The balance buys a %4 now: suggest redeeming.</source>
        <translation>%1 将于 %2 前过期（价值 %3）。当前余额可兑换 %4：建议兑换。</translation>
    </message>
    <message>
        <source>Member day: %1 points today</source>
        <translation>会员日：今日积分 %1</translation>
    </message>
    <message>
        <source>welcome gift given</source>
        <translation>欢迎礼已发放</translation>
    </message>
    <message>
        <source>no welcome gift</source>
        <translation>无欢迎礼</translation>
    </message>
    <message>
        <source>first-purchase gift given</source>
        <translation>首单礼已发放</translation>
    </message>
    <message>
        <source>%1 waiting for the first purchase</source>
        <translation>首单礼 %1 待首次消费</translation>
    </message>
    <message>
        <source>no birthday on file</source>
        <translation>未登记生日</translation>
    </message>
    <message>
        <source>birthday gift waiting</source>
        <translation>生日礼待领取</translation>
    </message>
    <message>
        <source>birthday gift given</source>
        <translation>生日礼已发放</translation>
    </message>
    <message>
        <source>birthday %1</source>
        <translation>生日 %1</translation>
    </message>
    <message>
        <source>Gifts: %1</source>
        <translation>赠礼：%1</translation>
    </message>
    <message>
        <source>No note yet. F8 adds one: preferred name, what they like.</source>
        <translation>暂无备注。按 F8 添加：喜欢的称呼、偏好等。</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>备注：%1</translation>
    </message>
    <message numerus="yes">
        <source>Recent visits (%n in all, last on %1)</source>
        <translation>
            <numerusform>最近到店（共 %n 次，最近一次 %1）</numerusform>
        </translation>
    </message>
    <message>
        <source>Recent visits</source>
        <translation>最近到店</translation>
    </message>
    <message>
        <source>No purchases yet.</source>
        <translation>暂无消费。</translation>
    </message>
    <message>
        <source>voided</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <source>refunded</source>
        <translation>已退货</translation>
    </message>
    <message>
        <source>part refunded</source>
        <translation>部分退货</translation>
    </message>
    <message>
        <source>+%1 pts</source>
        <translation>+%1 积分</translation>
    </message>
    <message>
        <source>Birthday week</source>
        <translation>生日周</translation>
    </message>
    <message>
        <source>No member number: find by phone</source>
        <translation>无会员号：请用手机号查找</translation>
    </message>
    <message>
        <source>points, worth %1</source>
        <translation>积分，价值 %1</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>The balance buys now:</source>
        <translation>现在的积分可兑换：</translation>
    </message>
    <message>
        <source>%1 more for %2, the first reward.</source>
        <translation>再攒 %1 就能兑换第一个礼品：%2。</translation>
    </message>
</context>
<context>
    <name>counterpart::MemberDetailsDialog</name>
    <message>
        <source>Details of %1</source>
        <translation>%1 的会员资料</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>e.g. likes to be called Xiao Li; oat milk</source>
        <translation>例如：喜欢别人叫她小李；燕麦奶</translation>
    </message>
    <message>
        <source>What a good shop assistant remembers: the name they like to be called, what they usually buy, sizes, allergies. Other cashiers see it on the card.</source>
        <translation>好店员会记住的事：喜欢的称呼、常买的商品、尺码、过敏情况。其他收银员也能在会员卡上看到。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Agrees to receive offers by SMS</source>
        <translation>同意接收短信优惠信息</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>unchanged (a new one needs a manager&apos;s PIN)</source>
        <translation>不修改（修改需要店长密码）</translation>
    </message>
    <message>
        <source>New birthday</source>
        <translation>新生日</translation>
    </message>
    <message>
        <source>New ID number</source>
        <translation>新身份证号</translation>
    </message>
    <message>
        <source>Type the birthday as year-month-day, e.g. 1990-05-20, or leave it empty.</source>
        <translation>请按“年-月-日”输入生日，例如 1990-05-20，或留空。</translation>
    </message>
    <message>
        <source>Close membership…</source>
        <translation>注销会员…</translation>
    </message>
    <message>
        <source>New phone number</source>
        <translation>新手机号</translation>
    </message>
    <message>
        <source>now %1 (a new one needs a manager&apos;s PIN)</source>
        <translation>现为 %1（修改需要店长密码）</translation>
    </message>
</context>
<context>
    <name>counterpart::MemberListModel</name>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>ddd d MMM</source>
        <translation>M月d日 ddd</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Last visit</source>
        <translation>最近到店</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>到店次数</translation>
    </message>
    <message>
        <source>Spent (12 months)</source>
        <translation>消费额（12 个月）</translation>
    </message>
    <message>
        <source>Points expiring</source>
        <translation>即将到期积分</translation>
    </message>
    <message>
        <source>Worth</source>
        <translation>价值</translation>
    </message>
    <message>
        <source>Expiring from</source>
        <translation>最早到期日</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <source>Joined</source>
        <translation>入会日期</translation>
    </message>
    <message>
        <source>Member code</source>
        <translation>会员号</translation>
    </message>
</context>
<context>
    <name>counterpart::NumberPad</name>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>counterpart::PurchaseModel</name>
    <message>
        <source>Voided</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <source>Refunded in full</source>
        <translation>已全额退货</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>剩余 %1</translation>
    </message>
    <message>
        <source>Can be refunded</source>
        <translation>可退货</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>小票</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退货</translation>
    </message>
</context>
<context>
    <name>counterpart::QrCardDialog</name>
    <message>
        <source>Member card of %1</source>
        <translation>%1 的会员卡</translation>
    </message>
    <message>
        <source>The member can photograph this code and show it next time, or keep the printed card. Scanning it opens the card at any till.</source>
        <translation>会员可以拍下此码，下次出示；也可以保留打印的会员卡。在任一收银台扫码即可打开会员卡。</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>保存为 PDF</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Member card</source>
        <translation>会员卡</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>已发送到打印机。</translation>
    </message>
    <message>
        <source>The printer could not be used. Check that it is on and has paper, or save a PDF instead.</source>
        <translation>无法使用打印机。请检查打印机是否已开机、是否有纸，或改为保存 PDF。</translation>
    </message>
    <message>
        <source>member-card-%1.pdf</source>
        <translation>会员卡-%1.pdf</translation>
    </message>
    <message>
        <source>Save the member card as PDF</source>
        <translation>将会员卡保存为 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Saved to %1.</source>
        <translation>已保存到 %1。</translation>
    </message>
    <message>
        <source>Could not write %1. Choose another folder.</source>
        <translation>无法写入 %1。请选择其他文件夹。</translation>
    </message>
</context>
<context>
    <name>counterpart::RecentMembersView</name>
    <message>
        <source>Served recently — tap to open</source>
        <translation>最近服务的会员 — 点一下打开</translation>
    </message>
</context>
<context>
    <name>counterpart::RedeemDialog</name>
    <message>
        <source>Redeem points for %1</source>
        <translation>为 %1 兑换积分</translation>
    </message>
    <message>
        <source>Balance: %1</source>
        <translation>余额：%1</translation>
    </message>
    <message>
        <source>How many</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>none</source>
        <translation>不使用</translation>
    </message>
    <message>
        <source> points</source>
        <translation> 积分</translation>
    </message>
    <message>
        <source>Or points off the bill</source>
        <translation>或积分抵现</translation>
    </message>
    <message>
        <source>Receipt number</source>
        <translation>小票号</translation>
    </message>
    <message>
        <source>optional: the receipt they are spent on</source>
        <translation>选填：使用积分的小票</translation>
    </message>
    <message>
        <source>Redeem</source>
        <translation>兑换</translation>
    </message>
    <message>
        <source>%1 has %2; rewards start at %3.</source>
        <translation>%1 有 %2；满 %3 才能兑换。</translation>
    </message>
    <message>
        <source>Nothing in the catalogue is affordable yet with %1.</source>
        <translation>%1 还不够兑换目录中的任何礼品。</translation>
    </message>
    <message>
        <source>%1 × %2 needs %3; the balance is %4.</source>
        <translation>%1 × %2 需要 %3；余额只有 %4。</translation>
    </message>
    <message>
        <source>%1 × %2 for %3. %4 left after.</source>
        <translation>%1 × %2，需 %3。兑换后剩余 %4。</translation>
    </message>
    <message>
        <source>4 digits</source>
        <translation>4 位数字</translation>
    </message>
    <message>
        <source>Phone digits</source>
        <translation>手机号数字</translation>
    </message>
    <message>
        <source>Take %1 off the bill for %2. %3 left after.</source>
        <translation>用 %2 抵扣 %1，之后剩 %3。</translation>
    </message>
    <message>
        <source>Redeem %1 · balance %2</source>
        <translation>兑换 %1 · 余额 %2</translation>
    </message>
</context>
<context>
    <name>counterpart::RefundDialog</name>
    <message>
        <source>Refund a purchase of %1</source>
        <translation>为 %1 办理退货</translation>
    </message>
    <message>
        <source>Pick the purchase the goods came from. The points it earned are taken back in proportion to the refund.</source>
        <translation>请选择退货商品所属的那笔消费。该笔消费所得积分将按退款比例扣回。</translation>
    </message>
    <message>
        <source>Amount to refund</source>
        <translation>退款金额</translation>
    </message>
    <message>
        <source>the rest of the receipt</source>
        <translation>小票剩余金额</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>e.g. damaged, wrong size (optional)</source>
        <translation>例如：损坏、尺码不对（选填）</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>%1 has no purchases to refund.</source>
        <translation>%1 没有可退货的消费。</translation>
    </message>
    <message>
        <source>Pick a purchase that can be refunded.</source>
        <translation>请选择一笔可退货的消费。</translation>
    </message>
    <message>
        <source>Refund %1 of receipt %2.</source>
        <translation>小票 %2 退款 %1。</translation>
    </message>
    <message>
        <source>%1 taken back.</source>
        <translation>扣回 %1。</translation>
    </message>
    <message>
        <source>%1 redeemed on it given back.</source>
        <translation>退回该小票已兑换的 %1。</translation>
    </message>
    <message>
        <source>Balance after: %1.</source>
        <translation>之后余额：%1。</translation>
    </message>
    <message>
        <source>Refund · balance %1</source>
        <translation>退款 · 余额 %1</translation>
    </message>
    <message>
        <source>Refund %1 · balance %2</source>
        <translation>退款 %1 · 余额 %2</translation>
    </message>
</context>
<context>
    <name>counterpart::RegisterDialog</name>
    <message>
        <source>Register a member</source>
        <translation>注册会员</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>e.g. 138 0013 8000</source>
        <translation>例如 138 0013 8000</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>as the member likes it written</source>
        <translation>按会员希望的写法</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <source>year-month-day, e.g. 1990-05-20 (optional)</source>
        <translation>年-月-日，例如 1990-05-20（选填）</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>optional; stored encrypted</source>
        <translation>选填；加密保存</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <source>Agrees to receive offers by SMS</source>
        <translation>同意接收短信优惠信息</translation>
    </message>
    <message>
        <source>Enter goes to the next field; Enter on the last one registers.</source>
        <translation>按 Enter 跳到下一项；在最后一项按 Enter 即完成注册。</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>注册</translation>
    </message>
    <message>
        <source>%1 is already %2&apos;s number (%3). Open that card?</source>
        <translation>%1 已是 %2 的号码（%3）。要打开该会员卡吗？</translation>
    </message>
    <message>
        <source>Open %1&apos;s card</source>
        <translation>打开 %1 的会员卡</translation>
    </message>
    <message>
        <source>%1 is a new number.</source>
        <translation>%1 是新号码。</translation>
    </message>
    <message>
        <source>Type the birthday as year-month-day, e.g. 1990-05-20, or leave it empty.</source>
        <translation>请按“年-月-日”输入生日，例如 1990-05-20，或留空。</translation>
    </message>
</context>
<context>
    <name>counterpart::ResultPanel</name>
    <message>
        <source>balance %1</source>
        <translation>余额 %1</translation>
    </message>
    <message>
        <source>≈ %1</source>
        <translation>≈ %1</translation>
    </message>
    <message>
        <source>Tell %1: this purchase earned %2; they have %3 now.</source>
        <translation>告诉%1：这次消费得了 %2，现在共有 %3。</translation>
    </message>
    <message>
        <source> and </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Good news: they are now %1!</source>
        <translation>好消息：已升级为%1！</translation>
    </message>
    <message>
        <source>Good news: they are now %1: %2.</source>
        <translation>好消息：已升级为%1：%2。</translation>
    </message>
    <message numerus="yes">
        <source>+%Ln point(s)</source>
        <translation>
            <numerusform>+%Ln 积分</numerusform>
        </translation>
    </message>
    <message>
        <source>Take %1 off the bill. Tell %2: %3 used, %4 left.</source>
        <translation>请在账单上减去 %1。告诉%2：用了 %3，还剩 %4。</translation>
    </message>
    <message>
        <source>Hand over: %1. Tell %2: %3 used, %4 left.</source>
        <translation>请交给顾客：%1。告诉%2：用了 %3，还剩 %4。</translation>
    </message>
    <message numerus="yes">
        <source>−%Ln point(s)</source>
        <translation>
            <numerusform>−%Ln 积分</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln point(s) given back</source>
        <translation>
            <numerusform>退回 %Ln 积分</numerusform>
        </translation>
    </message>
    <message>
        <source>Refunded %1. Tell %2: %3 taken back, the %4 spent on that receipt given back; %5 now.</source>
        <translation>已退款 %1。告诉%2：扣回 %3，这张小票上用掉的 %4 已退回，现在共有 %5。</translation>
    </message>
    <message>
        <source>Refunded %1. Tell %2: %3 taken back; %4 now.</source>
        <translation>已退款 %1。告诉%2：扣回 %3，现在共有 %4。</translation>
    </message>
    <message>
        <source>the birthday gift of %1</source>
        <translation>生日礼 %1</translation>
    </message>
    <message>
        <source>the first-purchase gift of %1</source>
        <translation>首单礼 %1</translation>
    </message>
    <message>
        <source>Tell %1: this purchase earned %2, including %3; they have %4 now.</source>
        <translation>告诉%1：这次消费得了 %2（含%3），现在共有 %4。</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>one sentence after another</comment>
        <translation>%1%2</translation>
    </message>
</context>
<context>
    <name>counterpart::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source>Lock the screen when idle for</source>
        <translation>空闲多久后锁屏</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Loyalty rules %1</source>
        <translation>积分规则 %1</translation>
    </message>
</context>
<context>
    <name>counterpart::SetupWizard</name>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分钟</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>The server&apos;s CA file</source>
        <translation>服务器的 CA 证书文件</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt);;All files (*)</source>
        <translation>证书 (*.pem *.crt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Join the chain&apos;s server</source>
        <translation>连接总部服务器</translation>
    </message>
    <message>
        <source>Work on its own</source>
        <translation>单机使用</translation>
    </message>
    <message>
        <source>Members, points and rules are shared with every till of the chain. You need the server&apos;s address and an enrolment code from head office.</source>
        <translation>会员、积分和规则与各门店的收银台共享。需要总部提供的服务器地址和登记码。</translation>
    </message>
    <message>
        <source>This till keeps its own members. It can join a server later (counterpart-admin enrol).</source>
        <translation>会员只保存在这台收银台上。以后也可以再连接服务器（counterpart-admin enrol）。</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <source>Enrolment code</source>
        <translation>登记码</translation>
    </message>
    <message>
        <source>CA file (if any)</source>
        <translation>CA 证书文件（如有）</translation>
    </message>
    <message>
        <source>Only for a lab or self-signed server</source>
        <translation>仅测试环境或自签名服务器需要</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Store id</source>
        <translation>门店编号</translation>
    </message>
    <message>
        <source>Store name</source>
        <translation>门店名称</translation>
    </message>
    <message>
        <source>Region (country code)</source>
        <translation>地区（国家代码）</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>再试一次</translation>
    </message>
    <message>
        <source>Back (Esc)</source>
        <translation>返回 (Esc)</translation>
    </message>
    <message>
        <source>Welcome to Counterpart</source>
        <translation>欢迎使用 Counterpart</translation>
    </message>
    <message>
        <source>Choose the language of this till&apos;s screens. You can change it later in Settings (F10).</source>
        <translation>请选择收银台界面的语言。以后可以在“设置”（F10）里更改。</translation>
    </message>
    <message>
        <source>How will this till work?</source>
        <translation>这台收银台怎么用？</translation>
    </message>
    <message>
        <source>Choose one. Ask head office if you are not sure.</source>
        <translation>请选一种。不确定的话请问总部。</translation>
    </message>
    <message>
        <source>Type the server&apos;s address and the enrolment code head office gave you. A code enrols one till and is valid for a day.</source>
        <translation>请输入总部给的服务器地址和登记码。一个登记码只能登记一台收银台，有效期一天。</translation>
    </message>
    <message>
        <source>This till on its own</source>
        <translation>单机使用</translation>
    </message>
    <message>
        <source>Which store is this? Phone numbers are read in the region&apos;s format; birthdays and member days follow the time zone.</source>
        <translation>这是哪家门店？手机号按所在地区的格式识别；生日和会员日按时区计算。</translation>
    </message>
    <message>
        <source>The till has joined the chain</source>
        <translation>收银台已连接总部</translation>
    </message>
    <message>
        <source>The first manager</source>
        <translation>第一位店长</translation>
    </message>
    <message>
        <source>They sign in with this staff id and PIN, and add the cashiers.</source>
        <translation>店长用这个工号和密码登录，再添加收银员。</translation>
    </message>
    <message>
        <source>Getting the chain&apos;s members</source>
        <translation>正在获取会员资料</translation>
    </message>
    <message>
        <source>The till fetches every member from the server once. It can already serve customers meanwhile: members still on the way are found when they arrive.</source>
        <translation>收银台从服务器一次性取回所有会员。期间已经可以收银：还没传到的会员，到了就能查到。</translation>
    </message>
    <message>
        <source>This till&apos;s disk has only %1 free; the chain&apos;s members need at least %2. Free some space (or use a larger disk), then press Join again.</source>
        <translation>这台收银台的磁盘只剩 %1；会员资料至少需要 %2。请清理出空间（或换更大的磁盘），再按“连接”。</translation>
    </message>
    <message>
        <source>Type the server&apos;s address, for example https://sync.example.com:8443.</source>
        <translation>请输入服务器地址，例如 https://sync.example.com:8443。</translation>
    </message>
    <message>
        <source>Asking the server…</source>
        <translation>正在询问服务器…</translation>
    </message>
    <message>
        <source>Stopped. Nothing was changed on this till. If the server had already taken the code, ask for a new one.</source>
        <translation>已停止，这台收银台没有任何改动。如果服务器已经收下了这个登记码，请再要一个新码。</translation>
    </message>
    <message>
        <source>This till is terminal %1 of store %2. Next, create its first manager; the chain&apos;s members come in meanwhile.</source>
        <translation>这台收银台是门店 %2 的 %1 号终端。下一步请创建第一位店长，会员资料同时在传输。</translation>
    </message>
    <message>
        <source>This till&apos;s clock is %1 behind the server&apos;s.</source>
        <translation>这台收银台的时钟比服务器慢 %1。</translation>
    </message>
    <message>
        <source>This till&apos;s clock is %1 ahead of the server&apos;s.</source>
        <translation>这台收银台的时钟比服务器快 %1。</translation>
    </message>
    <message>
        <source>Set this computer&apos;s date and time (or turn on network time), then restart the till. Syncing works meanwhile.</source>
        <translation>请校准本机的日期和时间（或打开网络自动对时），然后重启收银台。在此期间同步照常进行。</translation>
    </message>
    <message>
        <source>The region is a two-letter country code, such as CN.</source>
        <translation>地区是两个字母的国家代码，例如 CN。</translation>
    </message>
    <message>
        <source>Downloading the store&apos;s members…</source>
        <translation>正在下载门店的会员资料…</translation>
    </message>
    <message>
        <source>Setting up the members on this till…</source>
        <translation>正在把会员资料装进收银台…</translation>
    </message>
    <message>
        <source>%1 members so far…</source>
        <translation>已收到 %1 位会员…</translation>
    </message>
    <message>
        <source>Talking to the server…</source>
        <translation>正在与服务器通信…</translation>
    </message>
    <message>
        <source>Start without waiting</source>
        <translation>不等了，开始使用</translation>
    </message>
    <message numerus="yes">
        <source>Done: the till has %n member(s) of the chain.</source>
        <translation>
            <numerusform>完成：收银台已有 %n 位会员。</numerusform>
        </translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始使用</translation>
    </message>
    <message>
        <source>The first sync did not finish: %1 You can start now; the till keeps trying in the background.</source>
        <translation>首次同步没有完成：%1 现在可以开始使用，收银台会在后台继续尝试。</translation>
    </message>
    <message>
        <source>The server does not know this code. Check it letter by letter (case and dashes do not matter), or ask head office for a new one.</source>
        <translation>服务器不认识这个登记码。请逐个字母核对（大小写和短横线都不影响），或向总部要一个新码。</translation>
    </message>
    <message>
        <source>This code has been used already: each code enrols one till. Ask head office for a new one.</source>
        <translation>这个登记码已经用过了：一个码只能登记一台收银台。请向总部要一个新码。</translation>
    </message>
    <message>
        <source>This code is too old: codes are valid for a day unless head office chose otherwise. Ask for a new one.</source>
        <translation>这个登记码已过期：除非总部另行设定，登记码有效期为一天。请要一个新码。</translation>
    </message>
    <message>
        <source>Nothing answers at %1. Check the port number, and that the server is running.</source>
        <translation>%1 没有响应。请检查端口号，并确认服务器正在运行。</translation>
    </message>
    <message>
        <source>The name %1 is not known on this network. Check the spelling, and that the till is connected to the shop&apos;s network.</source>
        <translation>这个网络里查不到 %1 这个名称。请检查拼写，并确认收银台已接入店里的网络。</translation>
    </message>
    <message>
        <source>The server at %1 did not answer in time. Check the till&apos;s network and any firewall between the till and the server.</source>
        <translation>%1 的服务器没有及时响应。请检查收银台的网络，以及收银台与服务器之间的防火墙。</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is made for another name than %1. Type the address exactly as the certificate names it (ask head office), not an IP address or another name.</source>
        <translation>服务器证书登记的名称不是 %1。请按证书上的名称填写地址（可问总部），不要用 IP 地址或别的名称。</translation>
    </message>
    <message>
        <source>This till does not trust the server&apos;s certificate. If the chain uses its own certificate authority, choose its CA file below and press Join again.</source>
        <translation>这台收银台不信任服务器的证书。如果总部使用自己的证书机构，请在下面选择它的 CA 证书文件，再按“连接”。</translation>
    </message>
    <message>
        <source>The server&apos;s certificate has expired or is not valid yet. Check this till&apos;s date and time; if they are right, ask head office to renew the certificate.</source>
        <translation>服务器证书已过期或尚未生效。请检查这台收银台的日期和时间；如果没错，请总部更换证书。</translation>
    </message>
    <message>
        <source>The server is busy or has a problem. Wait a minute and press Join again; if it goes on, call head office.</source>
        <translation>服务器繁忙或出了问题。请等一分钟再按“连接”；一直这样的话请联系总部。</translation>
    </message>
    <message>
        <source>Something answered at %1, but it is not a Counterpart server. Check the address and the port.</source>
        <translation>%1 有响应，但不是 Counterpart 服务器。请检查地址和端口。</translation>
    </message>
</context>
<context>
    <name>counterpart::SnapshotFile</name>
    <message>
        <source>The store&apos;s snapshot file cannot be used here.</source>
        <translation>门店的快照文件无法在这台收银台上使用。</translation>
    </message>
    <message>
        <source>Internal error: a snapshot file was copied inside a transaction.</source>
        <translation>内部错误：快照文件在事务中被复制。</translation>
    </message>
</context>
<context>
    <name>counterpart::SyncStatusView</name>
    <message>
        <source>The server refused these changes. A manager sees them, with the reason, in Manager functions (F9) under Sync with the server.</source>
        <translation>服务器拒绝了这些更改。店长可在“店长功能”（F9）的“与服务器同步”中查看及原因。</translation>
    </message>
    <message>
        <source>Sync now (%1)</source>
        <translation>立即同步（%1）</translation>
    </message>
    <message>
        <source>Send the waiting changes and fetch the other tills&apos; now.</source>
        <translation>立即发送待发送的更改，并获取其他收银台的更改。</translation>
    </message>
    <message>
        <source>Not connected to a server</source>
        <translation>未连接服务器</translation>
    </message>
    <message>
        <source>This till works on its own. A technician connects it to the chain&apos;s server with an enrolment code.</source>
        <translation>本收银台独立工作。技术人员可用登记码将其连接到连锁服务器。</translation>
    </message>
    <message>
        <source>This till must be enrolled again — call the technician</source>
        <translation>本收银台需要重新登记——请联系技术人员</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>Connected to the chain&apos;s server. Points and members are shared with the other tills.</source>
        <translation>已连接连锁服务器。积分和会员与其他收银台共享。</translation>
    </message>
    <message>
        <source>Offline — working locally</source>
        <translation>离线——本地工作中</translation>
    </message>
    <message>
        <source>Everything keeps working and is sent when the server can be reached again. Until then a member can redeem at most %1.</source>
        <translation>一切照常工作，连上服务器后自动发送。在此之前，每位会员最多可兑换 %1。</translation>
    </message>
    <message>
        <source>Synced %1</source>
        <translation>已同步 %1</translation>
    </message>
    <message>
        <source>Synced %1 %2</source>
        <translation>已同步 %1 %2</translation>
    </message>
    <message>
        <source>Last synced with the server: %1</source>
        <translation>上次与服务器同步：%1</translation>
    </message>
    <message>
        <source>Never synced</source>
        <translation>从未同步</translation>
    </message>
    <message numerus="yes">
        <source>%n waiting</source>
        <translation>
            <numerusform>%n 项待发送</numerusform>
        </translation>
    </message>
    <message>
        <source>Changes made at this till that the server has not received yet.</source>
        <translation>本收银台尚未被服务器收到的更改。</translation>
    </message>
    <message numerus="yes">
        <source>%n refused — see manager</source>
        <translation>
            <numerusform>%n 项被拒绝——请找店长</numerusform>
        </translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <source>Getting members… %1%</source>
        <translation>正在获取会员… %1%</translation>
    </message>
    <message>
        <source>Getting members… %1 MB</source>
        <translation>正在获取会员… %1 MB</translation>
    </message>
    <message>
        <source>Setting up members…</source>
        <translation>正在导入会员…</translation>
    </message>
    <message>
        <source>Getting members… %1</source>
        <translation>正在获取会员… %1 名</translation>
    </message>
    <message>
        <source>This new till is taking in every member of the store, once. Until it is done, registering and points may have to wait a moment.</source>
        <translation>这台新收银台正在一次性导入本店全部会员。完成之前，注册会员和积分操作可能需要稍等片刻。</translation>
    </message>
    <message>
        <source>This new till is fetching every member of the store, once. Until it is done, a member registered at another till may not be found here yet.</source>
        <translation>这台新收银台正在一次性获取本店全部会员。完成之前，在其他收银台注册的会员可能暂时查不到。</translation>
    </message>
</context>
<context>
    <name>counterpart::TillDialog</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>counterpart::TillInfoPanel</name>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>门店</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>终端</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>none: this till works on its own</source>
        <translation>无：本机独立使用，不连服务器</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>上次同步</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未同步</translation>
    </message>
    <message>
        <source>Test the connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>The sync engine is not running in this program.</source>
        <translation>本程序里同步功能没有运行。</translation>
    </message>
    <message>
        <source>Asking the server…</source>
        <translation>正在询问服务器…</translation>
    </message>
    <message>
        <source>Connected: the server (version %1) answered in %2 ms and accepts this till.</source>
        <translation>已连接：服务器（版本 %1）在 %2 毫秒内应答，并认可本收银台。</translation>
    </message>
    <message>
        <source>Not connected. %1</source>
        <translation>未连接。%1</translation>
    </message>
</context>
<context>
    <name>counterpart::WelcomeDialog</name>
    <message>
        <source>Welcome, %1!</source>
        <translation>欢迎您，%1！</translation>
    </message>
    <message>
        <source>our store</source>
        <translation>本店</translation>
    </message>
    <message>
        <source>%1 is now a member of %2.</source>
        <translation>%1 已成为 %2 的会员。</translation>
    </message>
    <message>
        <source>A welcome gift of %1 is already on the card.</source>
        <translation>欢迎礼 %1 已存入会员账户。</translation>
    </message>
    <message>
        <source>Points start with today&apos;s purchase.</source>
        <translation>从今天的消费开始积分。</translation>
    </message>
    <message>
        <source>%1 more with the first purchase.</source>
        <translation>首次消费再送 %1。</translation>
    </message>
    <message>
        <source>A birthday gift every year around %1.</source>
        <translation>每年 %1 前后送生日礼。</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1：%2。</translation>
    </message>
    <message>
        <source>Member code %1. Scan the QR code to save it, or show it next time.</source>
        <translation>会员号 %1。可扫描二维码保存，下次出示即可。</translation>
    </message>
    <message>
        <source>Open the card</source>
        <translation>打开会员卡</translation>
    </message>
</context>
<context>
    <name>counterpart::sync</name>
    <message>
        <source>The server sent data this till cannot read (%1). Update the till or ask the server&apos;s administrator.</source>
        <translation>服务器发来了本机无法读取的数据（%1）。请升级收银台，或联系服务器管理员。</translation>
    </message>
    <message>
        <source>The server&apos;s change list went backwards; sync stops until the server is corrected.</source>
        <translation>服务器的变更序号倒退了；同步已暂停，直到服务器修正为止。</translation>
    </message>
    <message>
        <source>This enrolment code has been used already. Ask for a new one.</source>
        <translation>该登记码已被使用。请申请新的登记码。</translation>
    </message>
    <message>
        <source>This enrolment code is too old. Ask for a new one.</source>
        <translation>该登记码已过期。请申请新的登记码。</translation>
    </message>
    <message>
        <source>An administrator disabled this terminal at the server.</source>
        <translation>管理员已在服务器上停用本终端。</translation>
    </message>
    <message>
        <source>The server no longer accepts this till (%1). Enrol it again.</source>
        <translation>服务器不再接受本机（%1）。请重新登记本机。</translation>
    </message>
    <message>
        <source>The server is busy or failing (HTTP %1). The till tries again later.</source>
        <translation>服务器繁忙或出现故障（HTTP %1）。收银台稍后会重试。</translation>
    </message>
    <message>
        <source>The server refused: %1 (HTTP %2)</source>
        <translation>服务器拒绝：%1（HTTP %2）</translation>
    </message>
    <message>
        <source>The server refused the request (HTTP %1).</source>
        <translation>服务器拒绝了请求（HTTP %1）。</translation>
    </message>
    <message>
        <source>Cannot reach the server: nothing answers at that address and port. Check the port, and that the server is running.</source>
        <translation>连接不上服务器：这个地址和端口没有响应。请检查端口号，并确认服务器正在运行。</translation>
    </message>
    <message>
        <source>Cannot reach the server: its name is not known here. Check the address and this computer&apos;s network.</source>
        <translation>连接不上服务器：本机查不到这个服务器名称。请检查地址和本机的网络。</translation>
    </message>
    <message>
        <source>Cannot reach the server: it did not answer in time. Check the network and any firewall between the till and the server.</source>
        <translation>连接不上服务器：服务器没有及时响应。请检查网络，以及收银台与服务器之间的防火墙。</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is for another name than the address. Use the name the certificate was made for.</source>
        <translation>服务器证书上的名称与所填地址不一致。请用证书上登记的名称作为地址。</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted. Check the address, or give the certificate authority&apos;s file (CA file) of a lab or self-signed server.</source>
        <translation>服务器证书不受信任。请检查地址；如果是测试环境或自签名的服务器，请提供它的 CA 证书文件。</translation>
    </message>
    <message>
        <source>The server&apos;s certificate has expired or is not valid yet. Check this computer&apos;s date, or ask for a new certificate.</source>
        <translation>服务器证书已过期或尚未生效。请检查本机日期；日期无误的话，请联系总部更换证书。</translation>
    </message>
    <message>
        <source>A safe connection to the server could not be made. Check the address.</source>
        <translation>无法与服务器建立安全连接。请检查地址。</translation>
    </message>
    <message>
        <source>Cannot reach the server. Check the address and the network.</source>
        <translation>连接不上服务器。请检查地址和网络。</translation>
    </message>
    <message>
        <source>The server does not know this enrolment code. Check it, or ask for a new one.</source>
        <translation>服务器不认识这个登记码。请核对一遍，或向总部要一个新码。</translation>
    </message>
    <message>
        <source>This computer&apos;s clock is too far from the server&apos;s. Set its date and time; the till also corrects for it at the next sync.</source>
        <translation>本机时钟与服务器相差太多。请校准本机的日期和时间；下次同步时收银台也会按服务器时间自动修正。</translation>
    </message>
    <message>
        <source>Too many tries: wait %1 s, then check the code and try again.</source>
        <translation>尝试次数太多：请等 %1 秒，核对登记码后再试。</translation>
    </message>
    <message>
        <source>Too many tries: wait a minute, then check the code and try again.</source>
        <translation>尝试次数太多：请等一分钟，核对登记码后再试。</translation>
    </message>
</context>
<context>
    <name>counterpart::sync::EnrolClient</name>
    <message>
        <source>The server&apos;s answer to the enrolment cannot be read: is this address a Counterpart server?</source>
        <translation>看不懂服务器对注册的回复：这个地址是 Counterpart 服务器吗？</translation>
    </message>
</context>
<context>
    <name>counterpart::sync::HttpClient</name>
    <message>
        <source>&apos;%1&apos; is not a server address. Write it as https://host:port.</source>
        <translation>“%1”不是服务器地址。请写成 https://host:port。</translation>
    </message>
    <message>
        <source>The server must be reached over https (plain http is allowed only on this computer, for tests).</source>
        <translation>必须通过 https 连接服务器（仅在本机测试时允许使用普通 http）。</translation>
    </message>
    <message>
        <source>Give the server address without user, query or fragment: https://host:port.</source>
        <translation>服务器地址中不要包含用户名、查询参数或片段：https://host:port。</translation>
    </message>
    <message>
        <source>TLS is not available on this computer (OpenSSL is missing), so the till cannot talk to the server safely.</source>
        <translation>本机没有可用的 TLS（缺少 OpenSSL），收银台无法与服务器安全通信。</translation>
    </message>
    <message>
        <source>The CA file %1 cannot be read.</source>
        <translation>无法读取 CA 文件 %1。</translation>
    </message>
    <message>
        <source>The CA file %1 holds no PEM certificate.</source>
        <translation>CA 文件 %1 中没有 PEM 证书。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>counterpart::sync::SyncEngine</name>
    <message>
        <source>The server&apos;s answer to a push cannot be read: %1</source>
        <translation>无法读取服务器对推送的应答：%1</translation>
    </message>
    <message>
        <source>The server answered none of the operations sent; they stay queued.</source>
        <translation>服务器没有应答已发送的任何操作；这些操作仍留在队列中。</translation>
    </message>
    <message>
        <source>The server&apos;s snapshot cannot be read: %1</source>
        <translation>无法读取服务器快照：%1</translation>
    </message>
    <message>
        <source>The server&apos;s changes cannot be read: %1</source>
        <translation>无法读取服务器的变更：%1</translation>
    </message>
    <message>
        <source>The till&apos;s clock is too far from the server&apos;s; sync retries.</source>
        <translation>本机时钟与服务器相差太大；同步将重试。</translation>
    </message>
    <message>
        <source>This till must be enrolled again: the server does not accept its credentials (%1).</source>
        <translation>本机必须重新登记：服务器不接受其凭据（%1）。</translation>
    </message>
    <message>
        <source>The server&apos;s staff list cannot be read: %1</source>
        <translation>无法读取服务器的员工名单：%1</translation>
    </message>
    <message>
        <source>The server&apos;s chain keys cannot be read: %1</source>
        <translation>无法读取服务器的连锁密钥：%1</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Counterpart: the member till.</source>
        <translation>Counterpart：会员收银台。</translation>
    </message>
    <message>
        <source>The till&apos;s database (default: %1).</source>
        <translation>收银台数据库（默认：%1）。</translation>
    </message>
    <message>
        <source>The key for encrypted fields (default: $COUNTERPART_KEY_FILE, else beside the user&apos;s data).</source>
        <translation>加密字段的密钥（默认：$COUNTERPART_KEY_FILE，否则放在用户数据旁边）。</translation>
    </message>
    <message>
        <source>Language of the screens: en or zh_CN (kept as the till&apos;s language).</source>
        <translation>界面语言：en 或 zh_CN（会保存为收银台的语言）。</translation>
    </message>
    <message>
        <source>Counterpart cannot start</source>
        <translation>Counterpart 无法启动</translation>
    </message>
    <message>
        <source>Show the customer display: on a second screen, else in a window of its own.</source>
        <translation>显示顾客显示屏：有第二块屏幕就全屏显示在上面，否则单独开一个窗口。</translation>
    </message>
</context>
</TS>
