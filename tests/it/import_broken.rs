//! The broken-workbook corpus of `gen-budget import`: one defect per case on a generated
//! 预算管理一体化 export (tests/common/yitihua.rs), each reported with its code, sheet, cell,
//! severity and exit status, with departments/ untouched whenever the import refuses. Also the
//! happy path: the shipped units' workbooks, with every quirk, give back every figure exactly.
//!
//! Read order: where a defect is only visible by comparing two tables (K4), the report belongs
//! to the sheet read later; the cases assume the workbook order (3.16 before 3.17 before 3.21 …),
//! and accept either cell of the row where two cells express the same disagreement.

use crate::common;

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::Command;

use common::yitihua::{self, Caliber, FIRST_DATA_ROW, Figures, Quirks, Sheet, Value, Workbook};
use gen_budget::derive::{Kind, Source};
use gen_budget::diag::{Diagnostic, Severity};
use gen_budget::import::{Imported, import_workbook};
use gen_budget::load::Project;
use gen_budget::money::Amount;
use rust_decimal::Decimal;
use tempfile::TempDir;

const PUTUO: &str = "普陀城运";
const ANTING: &str = "安亭城运";
const YEAR: &str = "2024";

// ─── where a finding must be reported ────────────────────────────────────────────────────────

/// The place a case's diagnostic must carry, computed from the generated layout.
#[derive(Debug, Clone)]
enum At {
    /// The workbook as a whole: no sheet, no cell.
    Workbook,
    /// A sheet, no cell.
    Sheet(String),
    /// One cell of one sheet.
    Cell(String, String),
    /// Any cell of this 1-based row of the sheet (a 项 seen in one table only).
    Row(String, u32),
    /// This cell of whichever sheet reports it (`A2`: the title of every table sheet).
    AnySheet(String),
    /// Somewhere in this sheet, with or without a cell.
    InSheet(String),
    /// Anywhere (set-up errors that name no sheet or whichever they like).
    Anywhere,
    /// Any of these (one disagreement that two cells of the same row express).
    OneOf(Vec<At>),
}

impl At {
    fn cell(sheet: &Sheet, cell: impl Into<String>) -> At {
        At::Cell(sheet.name.clone(), cell.into())
    }

    fn matches(&self, d: &Diagnostic) -> bool {
        let sheet = d.sheet.as_deref();
        let cell = d.cell.as_deref();
        match self {
            At::Workbook => sheet.is_none() && cell.is_none(),
            At::Sheet(s) => sheet == Some(s) && cell.is_none(),
            At::Cell(s, c) => sheet == Some(s) && cell == Some(c),
            At::Row(s, r) => sheet == Some(s) && cell.is_some_and(|c| yitihua::parse_a1(c).0 + 1 == *r),
            At::AnySheet(c) => sheet.is_some() && cell == Some(c),
            At::InSheet(s) => sheet == Some(s),
            At::Anywhere => true,
            At::OneOf(all) => all.iter().any(|a| a.matches(d)),
        }
    }

    /// What the CLI must print for this place, when it is a single cell.
    fn printed(&self) -> Option<String> {
        match self {
            At::Cell(s, c) => Some(format!("› {s} › {c}")),
            _ => None,
        }
    }
}

// ─── the cases ───────────────────────────────────────────────────────────────────────────────

/// How the broken file is made.
enum Defect {
    /// Generate the unit's workbook, apply one edit; the edit returns where it must be reported.
    Edit(fn(&mut Workbook) -> At),
    /// A file with these bytes, named .xlsx.
    Bytes(&'static [u8]),
    /// An ordinary spreadsheet that holds no export table.
    Ordinary,
}

/// The project root the import runs in.
#[derive(Clone, Copy)]
enum Setup {
    /// The unit's folder removed; imported with `--unit`.
    Fresh,
    /// The shipped project as is; the unit is found by the workbook's full name (no `--unit`).
    Existing,
    /// The unit's folder removed and no `--unit`: no unit has the workbook's full name.
    Unknown,
}

/// One broken workbook and what the importer must say about it.
struct Case {
    name: &'static str,
    unit: &'static str,
    caliber: Caliber,
    quirks: Quirks,
    defect: Defect,
    setup: Setup,
    year: Option<&'static str>,
    code: &'static str,
    severity: Severity,
    exit: i32,
    /// Text the message must contain (the missing table, the sheets found …).
    message: Option<&'static str>,
    /// Also run the CLI binary: exit status and printed code and place.
    cli: bool,
}

/// A case on 普陀城运 2024, department caliber, default quirks, imported with `--unit`;
/// severity and exit follow from the code (K8 warns and succeeds, U* exit 2, K* exit 1).
fn case(name: &'static str, code: &'static str, defect: Defect) -> Case {
    let warning = code == "K8";
    Case {
        name,
        unit: PUTUO,
        caliber: Caliber::Department,
        quirks: Quirks::default(),
        defect,
        setup: Setup::Fresh,
        year: None,
        code,
        severity: if warning { Severity::Warning } else { Severity::Error },
        exit: if warning {
            0
        } else if code.starts_with('U') {
            2
        } else {
            1
        },
        message: None,
        cli: false,
    }
}

impl Case {
    fn unit(self, unit: &'static str) -> Case {
        Case { unit, ..self }
    }
    fn caliber(self, caliber: Caliber) -> Case {
        Case { caliber, ..self }
    }
    fn quirks(self, quirks: Quirks) -> Case {
        Case { quirks, ..self }
    }
    fn setup(self, setup: Setup) -> Case {
        Case { setup, ..self }
    }
    fn year(self, year: &'static str) -> Case {
        Case { year: Some(year), ..self }
    }
    fn message(self, message: &'static str) -> Case {
        Case { message: Some(message), ..self }
    }
    fn cli(self) -> Case {
        Case { cli: true, ..self }
    }
}

/// The corpus: one entry per defect.
fn cases() -> Vec<Case> {
    use Defect::Edit;
    vec![
        // K1: the 合计 row of 收入总表 typed as a plain number that is not the sum of its 类 rows.
        case(
            "total_row_disagrees",
            "K1",
            Edit(|wb| {
                let s = wb.sheet_mut("收入总表");
                let at = s.cell("财政拨款收入", s.total_row());
                s.set(&at, Value::number(123_456));
                At::cell(s, at)
            }),
        )
        .cli(),
        // K1: the 类 208 subtotal of 一般公共预算 disagrees with its 款 rows (unit found by name).
        case(
            "class_subtotal_disagrees",
            "K1",
            Edit(|wb| {
                let s = wb.sheet_mut("一般公共预算");
                let at = s.cell("基本支出", row(s, "208"));
                s.set(&at, Value::number(1));
                At::cell(s, at)
            }),
        )
        .setup(Setup::Existing),
        // K1: the row 合计 column of 项 2120199 in 支出总表 is not 基本支出 + 项目支出.
        case(
            "row_total_disagrees",
            "K1",
            Edit(|wb| {
                let s = wb.sheet_mut("支出总表");
                let at = s.cell("合计", row(s, "2120199"));
                s.set(&at, Value::number(1));
                At::cell(s, at)
            }),
        ),
        // K1: a formula total whose cached value is non-zero and wrong is a claim, not a blank.
        case(
            "formula_total_wrong_cache",
            "K1",
            Edit(|wb| {
                let s = wb.sheet_mut("经济分类");
                let at = s.cell("合计", s.total_row());
                let formula = formula_of(s, &at);
                s.set(&at, Value::Formula { formula, cached: Some(Decimal::ONE) });
                At::cell(s, at)
            }),
        ),
        // K1 on the unit caliber: the empty 国有资本经营预算 table's 合计 says 100; the sheet
        // name keeps its trailing space in the report.
        case(
            "state_capital_total_trailing_space",
            "K1",
            Edit(|wb| {
                let s = wb.sheet_mut("国有资本");
                assert!(s.name.ends_with(' '), "the quirk gives the trailing space");
                let at = s.cell("合计", s.total_row());
                s.set(&at, Value::number(100));
                At::cell(s, at)
            }),
        )
        .caliber(Caliber::Unit),
        // K1 on 安亭城运, the unit with 其他收入: its 合计 column total is wrong.
        case(
            "anting_other_income_total",
            "K1",
            Edit(|wb| {
                let s = wb.sheet_mut("收入总表");
                let at = s.cell("其他收入", s.total_row());
                s.set(&at, Value::number(1));
                At::cell(s, at)
            }),
        )
        .unit(ANTING),
        // K2: no 三公 sheet; the message names the missing table.
        case(
            "missing_sheet",
            "K2",
            Edit(|wb| {
                wb.remove_sheet("三公");
                At::Workbook
            }),
        )
        .message("三公")
        .cli(),
        // K2: two tables missing at once are listed together.
        case(
            "missing_two_sheets",
            "K2",
            Edit(|wb| {
                wb.remove_sheet("支出总表");
                wb.remove_sheet("经济分类");
                At::Workbook
            }),
        )
        .message("支出总表"),
        // K3: text in an amount cell.
        case(
            "text_in_number_cell",
            "K3",
            Edit(|wb| {
                let s = wb.sheet_mut("支出总表");
                let at = s.cell("基本支出", row(s, "2080505"));
                s.set(&at, Value::text("abc"));
                At::cell(s, at)
            }),
        ),
        // K3: "1,2,3" is no amount, whatever a lenient parser makes of the commas.
        case(
            "comma_list_in_number_cell",
            "K3",
            Edit(|wb| {
                let s = wb.sheet_mut("收入总表");
                let at = s.cell("财政拨款收入", row(s, "2210201"));
                s.set(&at, Value::text("1,2,3"));
                At::cell(s, at)
            }),
        ),
        // K3: a 类 code typed with the letter O.
        case(
            "malformed_code",
            "K3",
            Edit(|wb| {
                let s = wb.sheet_mut("收入总表");
                let at = format!("A{}", row(s, "2080502"));
                s.set(&at, Value::text("2O8"));
                At::cell(s, at)
            }),
        ),
        // K4: the 万元 三公 sheet says 单位：元, so 公务接待费 reads as 0.68 元, below 经济分类
        // 30217 (6,835.00 元). That is K4, not K1: the 三公 row still adds up in itself, and the
        // check that catches it is the 公务接待费 ≥ 30217 comparison, reported on the 三公 sheet
        // (read after 经济分类) at the 公务接待费 cell. 运行费 against 30231 fails the same way.
        case(
            "wan_sheet_says_yuan",
            "K4",
            Edit(|wb| {
                let s = wb.sheet_mut("三公");
                let unit = s.find("单位:万元").expect("the 万元 unit line");
                s.set(&unit, Value::text("单位：元"));
                At::cell(s, s.cell("公务接待费", FIRST_DATA_ROW))
            }),
        ),
        // K4: 一般公共预算 gives 项 2080505 100 元 more 基本支出 than 收入总表's 财政拨款收入.
        // Which sheet is "read later" is the importer's order: either 3.21's 基本支出 or 合计
        // cell, or 3.16's 财政拨款收入 cell of the same 项.
        case(
            "income_vs_general",
            "K4",
            Edit(|wb| {
                let income = wb.sheet("收入总表");
                let theirs = At::cell(income, income.cell("财政拨款收入", row(income, "2080505")));
                let s = wb.sheet_mut("一般公共预算");
                let r = row(s, "2080505");
                let at = s.cell("基本支出", r);
                let v = s.number(&at);
                s.set(&at, Value::Number(v + Decimal::ONE_HUNDRED));
                At::OneOf(vec![At::cell(s, at), At::cell(s, s.cell("合计", r)), theirs])
            }),
        ),
        // K4: 项 2080599 is in 支出总表 but not in 收入总表 (whose totals are regenerated without it).
        case(
            "item_missing_from_income",
            "K4",
            Edit(|wb| {
                let mut f = yitihua::figures(&common::root(), PUTUO, YEAR);
                f.budget.ledger.items.remove("2080599");
                let without = yitihua::from_figures(&f, Caliber::Department, &Quirks::default());
                wb.replace_sheet(without.sheet("收入总表").clone());
                let s = wb.sheet("支出总表");
                At::Row(s.name.clone(), row(s, "2080599"))
            }),
        ),
        // K4: the 一般公共预算 sheet claims 万元, so its figures are 10,000 times 收入总表's;
        // reported on whichever of the two the importer reads later.
        case(
            "yuan_sheet_says_wan",
            "K4",
            Edit(|wb| {
                let income = At::InSheet(wb.sheet("收入总表").name.clone());
                let s = wb.sheet_mut("一般公共预算");
                let unit = s.find("单位：元").expect("the 元 unit line");
                s.set(&unit, Value::text("单位：万元"));
                At::OneOf(vec![At::InSheet(s.name.clone()), income])
            }),
        ),
        // K5: 支出总表 was made for another unit (the unit is found by name, from 收入总表 first).
        case(
            "two_units",
            "K5",
            Edit(|wb| {
                let s = wb.sheet_mut("支出总表");
                let at = s.find_prefix("编制部门：").expect("the owner line");
                s.set(&at, Value::text("编制部门：上海市普陀区绿化和市容管理局"));
                At::cell(s, at)
            }),
        )
        .setup(Setup::Existing),
        // K6: one title says 2023.
        case(
            "title_year_disagrees",
            "K6",
            Edit(|wb| {
                let s = wb.sheet_mut("一般公共预算");
                let title = yitihua::title(Caliber::Department, 2024, "general");
                let at = s.find(&title).expect("the title");
                s.set(&at, Value::text(title.replace("2024", "2023")));
                At::cell(s, at)
            }),
        )
        .setup(Setup::Existing),
        // K6: --year 2023 against titles that all say 2024: at a title cell (A2 on every table).
        case("year_flag_disagrees", "K6", Edit(|_| At::AnySheet("A2".into()))).year("2023").cli(),
        // K7: 支出总表 has no 单位 line: at the sheet (or where the line belongs).
        case(
            "missing_unit_line",
            "K7",
            Edit(|wb| {
                let s = wb.sheet_mut("支出总表");
                let at = s.find_prefix("单位：").expect("the unit line");
                s.clear(&at);
                At::OneOf(vec![At::Sheet(s.name.clone()), At::cell(s, at)])
            }),
        ),
        // K7: 千元 is no unit the importer knows.
        case(
            "unknown_unit_word",
            "K7",
            Edit(|wb| {
                let s = wb.sheet_mut("收入总表");
                let at = s.find("单位：元").expect("the unit line");
                s.set(&at, Value::text("单位：千元"));
                At::cell(s, at)
            }),
        ),
        // K8 (warning, success): with plain totals everywhere, one 合计 formula cached 0 beside
        // non-zero parts is recomputed; the figures written are the right ones.
        case(
            "cached_zero_total",
            "K8",
            Edit(|wb| {
                let s = wb.sheet_mut("收入总表");
                let r = s.total_row();
                let at = s.cell("合计", r);
                let formula = format!("SUM({}:{})", s.cell("财政拨款收入", r), s.cell("其他收入", r));
                s.set(&at, Value::Formula { formula, cached: Some(Decimal::ZERO) });
                At::cell(s, at)
            }),
        )
        .quirks(Quirks::none())
        .cli(),
        // K8 (warning, success): every total a formula saved with an empty cached result.
        case(
            "blank_cached_totals",
            "K8",
            Edit(|wb| {
                let s = wb.sheet("收入总表");
                At::OneOf(vec![At::InSheet(s.name.clone()), At::Workbook])
            }),
        )
        .quirks(Quirks { blank_cache: true, ..Quirks::default() }),
        // K9: 支出总表's 合计 and 基本支出 headers are gone.
        case(
            "header_not_found",
            "K9",
            Edit(|wb| {
                let s = wb.sheet_mut("支出总表");
                for header in ["合计", "基本支出"] {
                    let at = s.find(header).expect("the header");
                    s.clear(&at);
                }
                At::Sheet(s.name.clone())
            }),
        ),
        // K10: 30101 基本工资 (人员经费) put in the 公用经费 column.
        case(
            "economic_in_wrong_column",
            "K10",
            Edit(|wb| {
                let s = wb.sheet_mut("经济分类");
                move_amount(s, "30101", "人员经费", "公用经费")
            }),
        ),
        // K10 on 安亭城运: 30201 办公费 (公用经费) put in the 人员经费 column.
        case(
            "anting_public_in_personnel",
            "K10",
            Edit(|wb| {
                let s = wb.sheet_mut("经济分类");
                move_amount(s, "30201", "公用经费", "人员经费")
            }),
        )
        .unit(ANTING),
        // K11: 项 2120198 does not exist in catalog/2024.toml (款 21201 does).
        case(
            "unknown_function_code",
            "K11",
            Edit(|wb| {
                let s = wb.sheet_mut("收入总表");
                let r = row(s, "2120199");
                s.set(&format!("C{r}"), Value::text("98"));
                code_cells(s, r, 3)
            }),
        ),
        // K11: 经济分类 30298 does not exist.
        case(
            "unknown_economic_code",
            "K11",
            Edit(|wb| {
                let s = wb.sheet_mut("经济分类");
                let r = row(s, "30299");
                s.set(&format!("B{r}"), Value::text("98"));
                code_cells(s, r, 2)
            }),
        ),
        // U7: a text file renamed .xlsx.
        case("not_xlsx", "U7", Defect::Bytes("编制部门：上海市普陀区城市运行管理中心\n合计,136993587\n".as_bytes())).cli(),
        // U8: an ordinary spreadsheet; the message lists the sheets found.
        case("ordinary_spreadsheet", "U8", Defect::Ordinary).message("人员名单").cli(),
        // U9: nobody under departments/ has the workbook's full name and --unit is not given.
        case("unknown_unit_without_flag", "U9", Edit(|_| At::Anywhere)).setup(Setup::Unknown).cli(),
    ]
}

/// 1-based row of a code in a coded sheet; panics when the generator did not write it.
fn row(sheet: &Sheet, code: &str) -> u32 {
    sheet.find_code(code).unwrap_or_else(|| panic!("{}: no row for {code}", sheet.name))
}

fn formula_of(sheet: &Sheet, at: &str) -> String {
    match sheet.get(at) {
        Some(Value::Formula { formula, .. }) => formula.clone(),
        other => panic!("{} › {at} is {other:?}, not a formula", sheet.name),
    }
}

/// Moves an economic 款's amount from one column to the other; reported where it lands.
fn move_amount(s: &mut Sheet, code: &str, from: &str, to: &str) -> At {
    let r = row(s, code);
    let (from, to) = (s.cell(from, r), s.cell(to, r));
    let v = s.number(&from);
    assert!(!v.is_zero(), "{code} has an amount to move");
    s.set(&from, Value::Number(Decimal::ZERO));
    s.set(&to, Value::Number(v));
    At::cell(s, to)
}

/// Any code cell (A, B, C …) of a row: the importer may point at the part or the code's start.
fn code_cells(s: &Sheet, r: u32, n: u16) -> At {
    At::OneOf((0..n).map(|c| At::cell(s, yitihua::a1(r - 1, c))).collect())
}

/// A spreadsheet a unit might hold that is no export: a staff list and a scratch sheet.
fn ordinary_workbook() -> Workbook {
    let mut staff = Sheet::new("人员名单");
    for (i, (name, amount)) in [("姓名", None), ("张三", Some(8200)), ("李四", Some(7600))].into_iter().enumerate() {
        staff.set(&format!("A{}", i + 1), Value::text(name));
        match amount {
            Some(a) => staff.set(&format!("B{}", i + 1), Value::number(a)),
            None => staff.set("B1", Value::text("月工资")),
        }
    }
    let mut scratch = Sheet::new("Sheet1");
    scratch.set("A1", Value::text("备注"));
    Workbook { sheets: vec![staff, scratch], blank_cache: false }
}

// ─── running a case ──────────────────────────────────────────────────────────────────────────

/// A scratch root for the setup; `--unit` is given for [`Setup::Fresh`] only.
fn root_for(setup: Setup, unit: &str) -> (TempDir, PathBuf, Option<String>) {
    match setup {
        Setup::Fresh => {
            let (dir, root) = yitihua::scratch_root_without(unit);
            (dir, root, Some(unit.to_string()))
        }
        Setup::Existing => {
            let (dir, root) = common::scratch_project();
            (dir, root, None)
        }
        Setup::Unknown => {
            let (dir, root) = yitihua::scratch_root_without(unit);
            (dir, root, None)
        }
    }
}

/// Writes the case's file under `<root>/incoming/`, outside departments/; returns where it
/// must be reported.
fn make_file(case: &Case, root: &Path) -> (PathBuf, At) {
    let path = root.join("incoming").join(format!("{}.xlsx", case.name));
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let at = match &case.defect {
        Defect::Edit(edit) => {
            let mut wb = yitihua::from_unit_with(&common::root(), case.unit, YEAR, case.caliber, &case.quirks);
            let at = edit(&mut wb);
            wb.save(&path);
            at
        }
        Defect::Bytes(bytes) => {
            std::fs::write(&path, bytes).unwrap();
            At::Workbook
        }
        Defect::Ordinary => {
            ordinary_workbook().save(&path);
            At::Workbook
        }
    };
    (path, at)
}

/// Every file under a folder with its bytes, to prove a refused import wrote nothing.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .map(|e| {
            let bytes = if e.file_type().is_file() { std::fs::read(e.path()).unwrap() } else { Vec::new() };
            (e.path().strip_prefix(dir).unwrap().to_path_buf(), bytes)
        })
        .collect()
}

fn listing<'a>(diags: impl IntoIterator<Item = &'a Diagnostic>) -> String {
    diags.into_iter().map(|d| format!("    {d}\n")).collect()
}

/// Runs the importer as a library call, turning a panic (the importer not written yet) into
/// a failure of this case instead of the whole corpus.
fn import(root: &Path, path: &Path, unit: Option<&str>, year: Option<&str>) -> Result<Result<Imported, Vec<Diagnostic>>, String> {
    let run = catch_unwind(AssertUnwindSafe(|| import_workbook(&Project::new(root), path, unit, year)));
    match run {
        Ok(Ok(imported)) => Ok(Ok(imported)),
        Ok(Err(diags)) => Ok(Err(diags.0)),
        Err(panic) => {
            let text = panic.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| panic.downcast_ref::<String>().cloned());
            Err(format!("the importer panicked: {}", text.unwrap_or_default()))
        }
    }
}

/// Checks one case through the library; returns what went wrong.
fn check_library(case: &Case) -> Result<(), String> {
    let (_dir, root, unit) = root_for(case.setup, case.unit);
    let (path, at) = make_file(case, &root);
    let departments = root.join("departments");
    let before = snapshot(&departments);
    let outcome = import(&root, &path, unit.as_deref(), case.year)?;
    let diags = match (&outcome, case.exit) {
        (Ok(imported), 0) => imported.diagnostics.0.clone(),
        (Err(diags), 1 | 2) => diags.clone(),
        (Ok(imported), _) => {
            return Err(format!("imported, expected a refusal; warnings:\n{}", listing(&imported.diagnostics.0)));
        }
        (Err(diags), _) => return Err(format!("refused, expected success:\n{}", listing(diags))),
    };
    let found = diags.iter().find(|d| d.code == case.code && at.matches(d));
    let Some(found) = found else {
        return Err(format!("no {} at {at:?}; reported:\n{}", case.code, listing(&diags)));
    };
    check_finding(case, found, &path)?;
    match outcome {
        Ok(imported) => check_written(case, &root, &before, &imported),
        Err(_) if snapshot(&departments) != before => Err("refused, but departments/ changed".into()),
        Err(_) => Ok(()),
    }
}

/// Severity, message words and the file a finding names.
fn check_finding(case: &Case, d: &Diagnostic, path: &Path) -> Result<(), String> {
    if d.severity != case.severity {
        return Err(format!("{d} has severity {:?}, expected {:?}", d.severity, case.severity));
    }
    if let Some(word) = case.message
        && !d.message.contains(word)
    {
        return Err(format!("the message of {d} does not mention {word}"));
    }
    let names_workbook = d.file.as_deref().and_then(Path::file_name) == path.file_name();
    if case.code.starts_with('K') && !names_workbook {
        return Err(format!("{d} names file {:?}, not the workbook", d.file));
    }
    Ok(())
}

/// A successful import wrote exactly the unit's file, with the original figures.
fn check_written(case: &Case, root: &Path, before: &BTreeMap<PathBuf, Vec<u8>>, imported: &Imported) -> Result<(), String> {
    let expected_path = root.join("departments").join(case.unit).join(format!("{YEAR}.toml"));
    if imported.path != expected_path {
        return Err(format!("wrote {}, expected {}", imported.path.display(), expected_path.display()));
    }
    let mut after = snapshot(&root.join("departments"));
    let written = after.remove(&PathBuf::from(case.unit).join(format!("{YEAR}.toml")));
    after.remove(&PathBuf::from(case.unit));
    let mut unchanged = before.clone();
    unchanged.remove(&PathBuf::from(case.unit));
    if after != unchanged {
        return Err("the import changed files besides the unit's".into());
    }
    if written.as_deref() != Some(imported.text.as_bytes()) {
        return Err("the file written differs from Imported::text".into());
    }
    let original = yitihua::figures(&common::root(), case.unit, YEAR);
    compare_leaves(&expected_leaves(&original), &written_leaves(&imported.text)?)
}

/// Runs the CLI on a fresh root and pins what it printed; for a `cli` case checks the exit
/// status and the printed code and place.
fn check_cli(case: &Case) -> Result<(), String> {
    let (_dir, root, unit) = root_for(case.setup, case.unit);
    let (path, at) = make_file(case, &root);
    let before = snapshot(&root.join("departments"));
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_gen-budget"));
    cmd.arg("import").arg(&path).arg("--root").arg(&root);
    if let Some(unit) = &unit {
        cmd.args(["--unit", unit]);
    }
    if let Some(year) = case.year {
        cmd.args(["--year", year]);
    }
    let out = cmd.output().map_err(|e| format!("cannot run the CLI: {e}"))?;
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    crate::diagnostics_snapshots::pin("import", case.name, &root, out.status.code(), &String::from_utf8_lossy(&out.stderr));
    if !case.cli {
        return Ok(());
    }
    if out.status.code() != Some(case.exit) {
        return Err(format!("CLI exit {:?}, expected {}:\n{text}", out.status.code(), case.exit));
    }
    if !text.contains(&format!("[{}]", case.code)) {
        return Err(format!("CLI output lacks [{}]:\n{text}", case.code));
    }
    if let Some(place) = at.printed()
        && !text.contains(&place)
    {
        return Err(format!("CLI output lacks “{place}”:\n{text}"));
    }
    if case.exit != 0 && snapshot(&root.join("departments")) != before {
        return Err("CLI refused, but departments/ changed".into());
    }
    Ok(())
}

#[test]
fn broken_workbooks_are_reported_at_their_cell() {
    let cases = cases();
    assert!(cases.len() >= 22, "the corpus has {} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        if let Err(why) = check_library(case) {
            failures.push(format!("{} (library): {why}", case.name));
        }
        if let Err(why) = check_cli(case) {
            failures.push(format!("{} (CLI): {why}", case.name));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

// ─── figures: what the TOML must hold ────────────────────────────────────────────────────────

const SOURCES: [(Source, &str); 7] = [
    (Source::General, "general"),
    (Source::Fund, "fund"),
    (Source::StateCapital, "state_capital"),
    (Source::Business, "business"),
    (Source::Operating, "operating"),
    (Source::Superior, "superior"),
    (Source::Other, "other"),
];
const KINDS: [(Kind, &str); 2] = [(Kind::Basic, "basic"), (Kind::Project, "project")];
const THREE_PUBLIC: [&str; 5] = ["abroad", "reception", "vehicle_purchase", "vehicle_operation", "operating_costs"];

/// The leaf figures of a unit-year, zeros left out: `"2080502 basic general"`, economic 款,
/// and the “三公” parts of this year.
#[derive(Debug, Default, PartialEq)]
struct Leaves {
    functions: BTreeMap<String, Decimal>,
    economic: BTreeMap<String, Decimal>,
    three_public: BTreeMap<String, Decimal>,
}

/// The leaves of the original unit, from its derived Budget.
fn expected_leaves(f: &Figures) -> Leaves {
    let mut leaves = Leaves::default();
    for (code, cell) in &f.budget.ledger.items {
        for (source, s) in SOURCES {
            for (kind, k) in KINDS {
                let amount = cell.sum(|a, b| a == source && b == kind).yuan();
                insert_nonzero(&mut leaves.functions, format!("{code} {k} {s}"), amount);
            }
        }
    }
    for row in f.budget.economic.iter().filter(|r| r.code.len() == 5) {
        insert_nonzero(&mut leaves.economic, row.code.clone(), row.total().yuan());
    }
    let t = &f.budget.three_public;
    let parts = [t.abroad.current, t.reception.current, t.vehicle_purchase.current, t.vehicle_operation.current];
    for (key, amount) in THREE_PUBLIC.iter().zip(parts.into_iter().chain(t.operating_costs)) {
        insert_nonzero(&mut leaves.three_public, key.to_string(), amount.yuan());
    }
    leaves
}

/// The leaves of a written TOML, read as a plain table: the importer may leave `待补充…`
/// markers in non-figure keys that `load` would refuse.
fn written_leaves(text: &str) -> Result<Leaves, String> {
    let table: toml::Table = toml::from_str(text).map_err(|e| format!("the TOML written does not parse: {e}"))?;
    let mut leaves = Leaves::default();
    let functions = table.get("function").and_then(toml::Value::as_array).cloned().unwrap_or_default();
    for line in &functions {
        let code = line.get("code").and_then(toml::Value::as_str).ok_or("a [[function]] without code")?;
        for (_, k) in KINDS {
            let Some(by) = line.get(k).and_then(toml::Value::as_table) else {
                continue;
            };
            for (s, v) in by {
                insert_nonzero(&mut leaves.functions, format!("{code} {k} {s}"), amount(v)?);
            }
        }
    }
    if let Some(economic) = table.get("economic").and_then(toml::Value::as_table) {
        for (code, v) in economic {
            insert_nonzero(&mut leaves.economic, code.clone(), amount(v)?);
        }
    }
    if let Some(three) = table.get("three_public").and_then(toml::Value::as_table) {
        for key in THREE_PUBLIC {
            if let Some(v) = three.get(key) {
                insert_nonzero(&mut leaves.three_public, key.to_string(), amount(v)?);
            }
        }
    }
    Ok(leaves)
}

fn amount(v: &toml::Value) -> Result<Decimal, String> {
    v.clone().try_into::<Amount>().map(Amount::yuan).map_err(|e| format!("{v} is no amount: {e}"))
}

fn insert_nonzero(map: &mut BTreeMap<String, Decimal>, key: String, amount: Decimal) {
    if !amount.is_zero() {
        map.insert(key, amount);
    }
}

/// Every key whose figure differs, both ways.
fn compare_leaves(expected: &Leaves, got: &Leaves) -> Result<(), String> {
    let mut diffs = Vec::new();
    for (what, e, g) in [
        ("function", &expected.functions, &got.functions),
        ("economic", &expected.economic, &got.economic),
        ("three_public", &expected.three_public, &got.three_public),
    ] {
        for key in e.keys().chain(g.keys()).collect::<std::collections::BTreeSet<_>>() {
            if e.get(key) != g.get(key) {
                diffs.push(format!("    {what} {key}: expected {:?}, written {:?}", e.get(key), g.get(key)));
            }
        }
    }
    if diffs.is_empty() { Ok(()) } else { Err(format!("figures differ:\n{}", diffs.join("\n"))) }
}

// ─── the happy path ──────────────────────────────────────────────────────────────────────────

/// Imports a unit's generated workbook (every quirk on) into a root without the unit and
/// checks that every leaf figure comes back exactly. The 三公 sheet is in 万元 to 2 decimals;
/// 公务接待费 and 公务用车运行费 are exact only through 经济分类 30217 and 30231 (6,835 元
/// shows as 0.68), so the importer must take them from there when the 万元 figure agrees.
fn round_trip(unit: &str, caliber: Caliber) {
    let (_dir, root) = yitihua::scratch_root_without(unit);
    let original = yitihua::figures(&common::root(), unit, YEAR);
    let wb = yitihua::from_figures(&original, caliber, &Quirks::default());
    let path = root.join("incoming").join(format!("{}.xlsx", original.name));
    wb.save(&path);
    let imported = match import(&root, &path, Some(unit), None).unwrap_or_else(|e| panic!("{e}")) {
        Ok(imported) => imported,
        Err(diags) => panic!("{unit}: the import refused:\n{}", listing(&diags)),
    };
    assert_eq!(imported.unit, unit);
    assert_eq!(imported.year, 2024);
    assert_eq!(imported.path, root.join("departments").join(unit).join("2024.toml"));
    assert_eq!(std::fs::read_to_string(&imported.path).unwrap(), imported.text);
    assert!(!imported.diagnostics.has_errors(), "{}", listing(&imported.diagnostics.0));
    let k8 = imported.diagnostics.iter().any(|d| d.code == "K8" && d.severity == Severity::Warning);
    assert!(k8, "formula totals without a cache are recomputed with a K8 warning:\n{}", listing(&imported.diagnostics.0));
    assert!(imported.text.contains(&original.name), "the TOML names the unit");
    let written = written_leaves(&imported.text).unwrap_or_else(|e| panic!("{e}"));
    compare_leaves(&expected_leaves(&original), &written).unwrap_or_else(|e| panic!("{unit}: {e}"));
}

#[test]
fn putuo_workbook_gives_back_every_figure() {
    round_trip(PUTUO, Caliber::Department);
}

#[test]
fn anting_workbook_gives_back_every_figure() {
    round_trip(ANTING, Caliber::Department);
}

#[test]
fn unit_caliber_workbook_gives_back_every_figure() {
    round_trip(PUTUO, Caliber::Unit);
}

// ─── the generator itself (independent of the importer) ──────────────────────────────────────

/// The saved file holds what the model says, read back with calamine: exact sheet names,
/// codes as text, amounts as numbers, formulas with a cached 0, the merged header regions.
#[test]
fn generated_workbook_reads_back_as_modelled() {
    use calamine::{Data, Reader, open_workbook_auto};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("普陀.xlsx");
    let wb = yitihua::from_unit(&common::root(), PUTUO, YEAR, Caliber::Department);
    wb.save(&path);
    let mut book = open_workbook_auto(&path).unwrap();
    let names = book.sheet_names();
    assert!(names.contains(&"3.23部门国有资本经营预算支出功能分类预算表 ".to_string()), "{names:?}");
    assert!(names.contains(&"3.25部门“三公”经费和机关运行经费预算表".to_string()), "{names:?}");
    let at = |range: &calamine::Range<Data>, a1: &str| {
        let (r, c) = yitihua::parse_a1(a1);
        range.get_value((r, u32::from(c))).cloned().unwrap_or(Data::Empty)
    };
    let income = book.worksheet_range("3.16部门收入总表").unwrap();
    assert_eq!(at(&income, "A2"), Data::String("2024年部门收入预算总表".into()));
    assert_eq!(at(&income, "A4"), Data::String("编制部门：上海市普陀区城市运行管理中心".into()));
    assert_eq!(at(&income, "I4"), Data::String("单位：元".into()));
    assert_eq!(at(&income, "A9"), Data::String("208".into()));
    assert_eq!(at(&income, "C11"), Data::String("02".into()));
    assert_eq!(at(&income, "F11"), Data::Float(241670.0));
    assert_eq!(at(&income, "A24"), Data::String(" 合计".into()));
    assert_eq!(at(&income, "E24"), Data::Float(0.0), "a formula total is cached as 0");
    let formulas = book.worksheet_formula("3.16部门收入总表").unwrap();
    assert_eq!(formulas.get_value((23, 5)).map(String::as_str), Some("SUM(F9,F15,F18,F21)"));
    let spending = book.worksheet_range("3.17部门支出总表").unwrap();
    assert_eq!(at(&spending, "E7"), Data::String("合计".into()), "the lowered header");
    let three = book.worksheet_range("3.25部门“三公”经费和机关运行经费预算表").unwrap();
    assert_eq!(at(&three, "G3"), Data::String("单位:万元".into()));
    assert_eq!(at(&three, "B7"), Data::String("因公出国（境）费".into()));
    assert_eq!(at(&three, "C9"), Data::Float(0.68));
    assert_eq!(at(&three, "F9"), Data::Float(5.89));
    if let calamine::Sheets::Xlsx(xlsx) = &mut book {
        let merges = xlsx.merge_cells_by_sheet_name("3.16部门收入总表").unwrap();
        let header = merges.iter().any(|d| d.start == (5, 0) && d.end == (6, 2));
        assert!(header, "功能分类科目编码 merged over A6:C7: {merges:?}");
    }
}

/// The model's positions agree with the figures: plain totals add up, and the cells the
/// corpus points at exist where it says.
#[test]
fn generated_layout_matches_the_figures() {
    let f = yitihua::figures(&common::root(), PUTUO, YEAR);
    let wb = yitihua::from_figures(&f, Caliber::Department, &Quirks::none());
    let income = wb.sheet("收入总表");
    assert_eq!(income.total_row(), 24);
    assert_eq!(income.number("E24"), Decimal::from(136_993_587));
    assert_eq!(income.number("F20"), Decimal::from(132_798_641));
    let spending = wb.sheet("支出总表");
    assert_eq!(row(spending, "2120199"), 20, "no lowered header without the quirk");
    assert_eq!(spending.number("F24"), Decimal::from(20_411_077));
    let economic = wb.sheet("经济分类");
    let total = economic.total_row();
    assert_eq!(economic.number(&economic.cell("人员经费", total)), Decimal::from(19_257_772));
    assert_eq!(economic.number(&economic.cell("公用经费", total)), Decimal::from(1_153_305));
    let summary = wb.sheet("收支总表");
    assert_eq!(summary.find("收入总计").as_deref(), Some("A17"));
    assert_eq!(summary.number("B17"), Decimal::from(136_993_587));
    assert_eq!(summary.number("D17"), Decimal::from(136_993_587));
    let quirky = yitihua::from_figures(&f, Caliber::Department, &Quirks::default());
    assert_eq!(row(quirky.sheet("支出总表"), "2120199"), 21, "the lowered header moves the data down");
    assert_eq!(quirky.sheet("一般公共预算").get("A1"), Some(&Value::text("部门预算05表")));
    let unit = yitihua::from_figures(&f, Caliber::Unit, &Quirks::default());
    let names = unit.names();
    assert!(names.contains(&"2.22单位国有资本经营预算拨款表 ".to_string()), "{names:?}");
    let split = unit.sheet("收支总表");
    let (personnel, public) = (split.cell("人员经费", 17), split.cell("公用经费", 17));
    assert!(matches!(split.get(&personnel), Some(Value::Formula { .. })), "{personnel}: 支出总计 row");
    assert!(matches!(split.get(&public), Some(Value::Formula { .. })));
}
