//! Every diagnostic code with its severity, the exit status it leads to and its line in README's tables.

use std::fmt;

/// The severity column of README's tables of checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A data error: blocks a release, exit status 1.
    Error,
    /// Printed and marked in drafts; never fails a run.
    Warning,
    /// A wrong argument or a missing file: exit status 2.
    Usage,
    /// Templates, fonts or output that cannot be used: exit status 2.
    Setup,
    /// A data error found by `check` and every build (README: "error (check)").
    Check,
}

impl Kind {
    /// The word printed in README's severity column.
    pub fn word(self) -> &'static str {
        match self {
            Kind::Error => "error",
            Kind::Warning => "warning",
            Kind::Usage => "usage",
            Kind::Setup => "set-up",
            Kind::Check => "error (check)",
        }
    }
}

/// What an error with this code makes the exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitClass {
    /// 1: the data is wrong.
    Data,
    /// 2: the command line, the project's set-up or the output is wrong.
    Usage,
}

/// Declares the codes and, per code, its README rows: `CODE => [Kind "meaning", …];`.
macro_rules! codes {
    ($($code:ident => [$($kind:ident $line:literal),+];)*) => {
        /// A stable diagnostic code, as printed (`错误[T1]`) and listed in README.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code { $($code),* }

        impl Code {
            /// Every code, in README order of letters and numbers.
            pub const ALL: &'static [Code] = &[$(Code::$code),*];

            /// The code as printed: `T1`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$code => stringify!($code)),* }
            }

            /// The code's rows in README's tables: severity column and meaning.
            pub fn rows(self) -> &'static [(Kind, &'static str)] {
                match self { $(Code::$code => &[$((Kind::$kind, $line)),+]),* }
            }
        }
    };
}

codes! {
    B1 => [Warning "申报表 booklet: the items of 年度预算安排 do not add up to the form's 年度资金申请总额"];
    B2 => [Warning "booklet: an item's details (`共…万`, `=…元` lines) do not add up to the item"];
    B3 => [Warning "booklet: a 数量指标 with a qualitative value (规范, 较高)"];
    C1 => [Setup "Tera template error (syntax, unknown variable, field, filter or tag), at the template's file:line:column"];
    C2 => [Setup "a template file or folder cannot be read (no permission, not UTF-8)"];
    C3 => [Setup "Typst error in the generated source, named by the template file:line that wrote it (and the generated line)", Warning "Typst warning in the generated source (an unknown font family, a label never used …), named the same way; printed, never fails a build"];
    C4 => [Setup "a set's `style.toml` is malformed (syntax, wrong type, unknown key, unit other than 元/万元, decimals beyond 0–2, rows other than 3/4, an unknown or repeated chapter, an unknown target style), at its line:column"];
    D1 => [Error "`year` in the file differs from the year in its path (every kind of document)"];
    D2 => [Error "`wording` not 部门/单位; `kind` not 行政单位/参公事业单位/事业单位"];
    D3 => [Error "`wording` not 部门/单位; `kind` not 行政单位/参公事业单位/事业单位"];
    D4 => [Error "功能分类 code not 7 digits; absent (with its 类 and 款) from `catalog/<年>.toml`; repeated"];
    D5 => [Error "功能分类 code not 7 digits; absent (with its 类 and 款) from `catalog/<年>.toml`; repeated"];
    D6 => [Error "功能分类 code not 7 digits; absent (with its 类 and 款) from `catalog/<年>.toml`; repeated"];
    D7 => [Error "经济分类 code absent from the catalogue"];
    D8 => [Error "a typed `name` of a 功能分类 line differs from the catalogue name"];
    D9 => [Error "a 名词解释 term not in the catalogue"];
    D10 => [Error "`document = \"…\"` names no known kind of document"];
    D11 => [Error "`style = \"…\"` names no template set"];
    D12 => [Error "the set compares every 项 with last year and a `[[function]]` has no `prior`"];
    D13 => [Error "the set compares the totals with last year and `[last_year] total` is missing"];
    D14 => [Error "a `[[basic_note]]` names an economic 类 the unit's `[economic]` data does not have"];
    D15 => [Error "the set gives shares (镇级 占X%) and their whole is zero: the 收支总额, or 项目支出 for 绩效目标资金占年初项目总预算的X%"];
    D16 => [Error "the set prints the 中小企业 reservation sentence (`[needs] reservations`, default) and `[procurement]` lacks `sme_reserved` or `small_micro_reserved`"];
    F1 => [Setup "the font folder cannot be read, or a font file does not parse or is truncated (a table runs past its end), naming the file"];
    F2 => [Setup "a face the templates use is missing — Noto Serif CJK SC regular and bold, Noto Sans CJK SC regular, by weight — naming the file that provides it"];
    F3 => [Setup "characters no font can print, each named"];
    H1 => [Warning "职业年金 is not half of 基本养老保险 (heuristic)"];
    I2 => [Error "a typed total in `[totals]` (财政拨款收入, 收入总计, 其他收入, 基本/项目支出, 人员/公用经费, “三公”合计, 一般公共预算, 上年执行数, 政府采购合计) differs from the sum of the detail"];
    I4 => [Error "a typed total in `[totals]` (财政拨款收入, 收入总计, 其他收入, 基本/项目支出, 人员/公用经费, “三公”合计, 一般公共预算, 上年执行数, 政府采购合计) differs from the sum of the detail"];
    I5 => [Error "a typed total in `[totals]` (财政拨款收入, 收入总计, 其他收入, 基本/项目支出, 人员/公用经费, “三公”合计, 一般公共预算, 上年执行数, 政府采购合计) differs from the sum of the detail"];
    I7 => [Error "a typed total in `[totals]` (财政拨款收入, 收入总计, 其他收入, 基本/项目支出, 人员/公用经费, “三公”合计, 一般公共预算, 上年执行数, 政府采购合计) differs from the sum of the detail"];
    I10 => [Error "a typed total in `[totals]` (财政拨款收入, 收入总计, 其他收入, 基本/项目支出, 人员/公用经费, “三公”合计, 一般公共预算, 上年执行数, 政府采购合计) differs from the sum of the detail"];
    I11 => [Error "a typed total in `[totals]` (财政拨款收入, 收入总计, 其他收入, 基本/项目支出, 人员/公用经费, “三公”合计, 一般公共预算, 上年执行数, 政府采购合计) differs from the sum of the detail"];
    K1 => [Error "a total or subtotal (合计 row, 类/款 row, 合计 column) differs from its detail: both figures and the difference"];
    K2 => [Error "a required table is missing (收入总表, 支出总表, 一般公共预算, 经济分类, “三公”); the sheets found are listed"];
    K3 => [Error "text in an amount cell (`1,2,3`, `abc`), more than two decimals in 元, a negative amount, a malformed code"];
    K4 => [Error "two tables disagree on one figure (a 项 in 收入总表 and 支出总表, 财政拨款收入 and the 财政拨款 tables, the 经济分类 合计 and 一般公共预算 基本支出, “三公” below 302 17 / 302 31)"];
    K5 => [Error "two units in one workbook, no 编制单位 line, or `--unit` names another unit's folder"];
    K6 => [Error "titles of different years, or `--year` disagreeing with them"];
    K7 => [Error "a sheet's 单位 line is missing or names another unit than 元/万元"];
    K8 => [Warning "formula totals without a trusted cached value were computed from their parts"];
    K9 => [Error "a table's header (code columns or amount columns) cannot be found"];
    K10 => [Error "an economic 款 in the 人员经费/公用经费 column its 类 does not feed"];
    K11 => [Error "a code the year's catalogue does not know"];
    L1 => [Warning "the 名词解释 level word differs from the document level"];
    M1 => [Check "a `\"待补充…\"` value left in the data"];
    N5 => [Error "a typed total in `[totals]` (财政拨款收入, 收入总计, 其他收入, 基本/项目支出, 人员/公用经费, “三公”合计, 一般公共预算, 上年执行数, 政府采购合计) differs from the sum of the detail"];
    N7 => [Error "a typed total in `[totals]` (财政拨款收入, 收入总计, 其他收入, 基本/项目支出, 人员/公用经费, “三公”合计, 一般公共预算, 上年执行数, 政府采购合计) differs from the sum of the detail", Error "中小企业 reservation above the procurement total, or 小微 above 中小企业"];
    N8 => [Error "绩效目标 money above 项目支出, below the described projects, or fewer projects than described", Warning "绩效目标 money below 项目支出 (part of the project money has no targets)"];
    N9 => [Error "unknown vehicle category, or typed vehicle total differs from the categories"];
    N10 => [Warning "a 万元 figure in 年度预算安排 text differs from the project's 申报表"];
    N12 => [Error "a typed `[performance] coverage` (e.g. `\"100%\"`) differs from 涉及资金 ÷ 项目支出, or there is no 项目支出 to take a share of"];
    O1 => [Setup "the output file cannot be written"];
    O2 => [Setup "two documents of one unit-year would write the same file"];
    O3 => [Setup "a folder on the way to an output file is a symlink"];
    P1 => [Error "typed 年度资金申请总额 ≠ 当年财政拨款 + 上年结转 + 其他, or project total (booklet: 项目资金总额) below this year's"];
    P2 => [Error "impossible date — a form's `start`/`end` (预算, 镇级, booklet), a date-like value such as `filled_on`, or `YYYY年M月D日` in any text — or start after end"];
    P3 => [Warning "the 实施周期 text gives other dates than the 申报表"];
    P4 => [Error "indicator target with an operator but no number (`≥三十六万`), in every kind of document"];
    P5 => [Warning "a rate indicator (…率) not measured in %"];
    P6 => [Error "a 申报表's 项目当年投入资金构成 (`parts`) does not add up to the project's 当年预算", Warning "the parts add up to the project's 总预算 instead of this year's"];
    P7 => [Error "a 申报表 checkbox row (`nature`, `category`, `funding`) names no printed option"];
    P8 => [Error "`[project.form] goal_from`/`goal_to` run backwards or do not include the year of the form's start date"];
    R1 => [Error "a changed 项 without `reason`, or an empty “三公” reason"];
    S1 => [Warning "主要用于 introduced with 。 in some items and ， in others"];
    T1 => [Error "TOML syntax error, or a value of the wrong type"];
    T2 => [Error "unknown key (typo)"];
    T3 => [Error "required key missing"];
    T4 => [Error "money written as a float (`6835.5`): write an integer or a string"];
    T5 => [Error "negative amount"];
    T6 => [Error "amount that is not a number, has more than 2 decimals, has separators that do not group thousands (`\"1,2,3\"`, `\"12,34\"`, `\",123\"`), or exceeds 一千万亿元"];
    T7 => [Error "a figure too large to compute (数额过大，无法计算), pointed at the value: a 自评 分数 × 执行率 or sum of scores, vehicle counts, an indicator target's number, a 万元/万/元 figure read from 年度预算安排 text"];
    U1 => [Usage "bad unit or year argument, missing or unreadable file (U4 also: not a regular file, not UTF-8 with the line); U1 also a `style new` name that is not a plain folder name"];
    U2 => [Usage "bad unit or year argument, missing or unreadable file (U4 also: not a regular file, not UTF-8 with the line); U1 also a `style new` name that is not a plain folder name"];
    U3 => [Usage "bad unit or year argument, missing or unreadable file (U4 also: not a regular file, not UTF-8 with the line); U1 also a `style new` name that is not a plain folder name"];
    U4 => [Usage "bad unit or year argument, missing or unreadable file (U4 also: not a regular file, not UTF-8 with the line); U1 also a `style new` name that is not a plain folder name"];
    U5 => [Usage "`--all`: no `departments/<单位>/<年>.toml` found at all"];
    U6 => [Usage "`preview` cannot listen on 127.0.0.1 at `--port` (in use, no permission), reported before the first build"];
    U7 => [Usage "the workbook cannot be opened (missing, not an Excel file)"];
    U8 => [Usage "no sheet is an export table; the sheets found are listed"];
    U9 => [Usage "no unit has the workbook's full name (use `--unit`), or several do"];
    U10 => [Usage "`<年>.toml` of the unit is another kind of document and is not overwritten"];
    U11 => [Usage "`new`: the unit-year's file exists already", Usage "`new`: the unit-year's file exists already; `style new`: the set or its folder exists already"];
    U12 => [Usage "a data or catalogue file is a symlink that resolves outside the project"];
    U13 => [Usage "`style new --from` names no template set; the available ones are listed"];
    U14 => [Usage "`diff`: an edition cannot be compared — not a 预算公开 document, or it does not parse (its own findings follow)"];
    U15 => [Usage "`diff --against` / `--diff-against`: neither an existing file nor a git revision that holds the unit-year's file (or the project is not in a git repository, or git cannot run)"];
    U16 => [Usage "`--shard`: not `K/N` with 1 ≤ K ≤ N, `auto/N` without a `JOB_COMPLETION_INDEX` from 0 to N−1, no year given, or combined with `--diff-against`"];
    U17 => [Usage "`merge`: the year's shard manifests cannot be combined — none found, one missing or unreadable, shards of different N, a unit in two shards or in the wrong one, a unit with a `<年>.toml` under `departments/` in no shard, or built by another program, templates or fonts; nothing is written"];
    U18 => [Usage "`--pdfua` (PDF/UA-1) asked for a PDF Typst cannot produce: without tags (`GEN_BUDGET_UNTAGGED=1`), or a set of standards Typst rejects"];
    V1 => [Error "自评表: an indicator's 得分 above its 分值"];
    V2 => [Error "自评表: indicator 分值 plus the execution 分数 do not add up to 100"];
    V3 => [Warning "自评表: a quantitative target of zero (`≥0.00(%)`), met by any result"];
    V4 => [Warning "自评表: 全年执行数 above 全年预算数 (the score is capped)"];
    V5 => [Error "自评表: a row with 执行数 but no 全年预算数, which has no 执行率"];
    W1 => [Error "placeholder left in any typed text of any kind of document: XX, 待填写, 增加减少, 增加（减少）, {单位} …"];
    W2 => [Warning "本部门 in any typed text of a 单位 document"];
    W3 => [Error "HTML markup (`<p>`, `&nbsp;` …) in any typed text of any kind of document"];
    W4 => [Warning "a purpose, `project_purpose`, `[[basic_note]]` purpose or reason ends with punctuation the sentence adds again"];
    X6 => [Error "a typed total in `[totals]` (财政拨款收入, 收入总计, 其他收入, 基本/项目支出, 人员/公用经费, “三公”合计, 一般公共预算, 上年执行数, 政府采购合计) differs from the sum of the detail"];
    X8 => [Error "经济分类 total differs from the 一般公共预算基本支出 of the 功能分类 lines"];
    X10 => [Error "301 08/09/10/13 differ from 项 208 05 05, 208 05 06, 210 11 02, 221 02 01"];
    X11 => [Error "“三公” 公务接待费 or 公务用车运行费 below 经济分类 302 17 or 302 31"];
    X12 => [Error "机关运行经费 given for a 事业单位"];
    X13 => [Error "`basic_public` above its line's basic expenditure, or their sum differs from table 8's 公用经费"];
    Y1 => [Warning "a “三公” component of `[three_public.prior]`, or `[last_year] total`, differs from the unit's previous-year budget file (its `[three_public]`, the sum of its `[[function]]` amounts)"];
    Y2 => [Warning "主要职能 or 机构设置 typed exactly as in the previous-year file while the 收支总额 changed by more than 20%"];
    Y3 => [Warning "a 项 with an amount in the previous-year file and none this year, or new this year without `prior`"];
    Y4 => [Warning "the previous-year file is a budget but does not load; the cross-year checks are skipped"];
}

impl Code {
    /// Usage and set-up codes exit with 2, data codes with 1.
    pub fn exit_class(self) -> ExitClass {
        let usage = self.rows().iter().any(|(k, _)| matches!(k, Kind::Usage | Kind::Setup));
        if usage { ExitClass::Usage } else { ExitClass::Data }
    }

    /// Whether README lists the code as an error (any non-warning row) and as a warning.
    pub fn allows(self, severity: super::Severity) -> bool {
        let warning = severity == super::Severity::Warning;
        self.rows().iter().any(|(k, _)| (*k == Kind::Warning) == warning)
    }

    /// The code named by its printed form, for tests and the README check.
    pub fn parse(text: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == text)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}
