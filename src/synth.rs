//! Realistic synthetic units for benchmarks: varied classes, projects and page counts,
//! reproducible from a seed, and always valid (every identity of `validate` holds).

use std::fmt::Write as _;

use crate::model::Catalog;

/// SplitMix64: tiny, fast and reproducible; good enough to vary benchmark data.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo + 1)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.next_u64() as usize % items.len()]
    }
}

const WORDS: [&str; 24] = [
    "城市运行",
    "网格化管理",
    "智能感知",
    "应急处置",
    "数据共享",
    "平台建设",
    "运维保障",
    "服务质量",
    "统筹协调",
    "监督考核",
    "信息安全",
    "基层治理",
    "联勤联动",
    "热线受理",
    "设施维护",
    "绩效管理",
    "综合分析",
    "事件派单",
    "巡查发现",
    "队伍建设",
    "标准规范",
    "资金管理",
    "公共安全",
    "便民服务",
];

/// A sentence of `n` phrases, without a final full stop.
fn sentence(rng: &mut Rng, n: usize) -> String {
    let phrases: Vec<&str> = (0..n).map(|_| *rng.pick(&WORDS)).collect();
    format!("围绕{}开展工作，持续提升{}水平", phrases.join("、"), rng.pick(&WORDS))
}

fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Insurance 项 and the economic 款 that must equal them (domain-spec X10).
const INSURANCE: [(&str, &str); 4] = [("2080505", "30108"), ("2080506", "30109"), ("2101102", "30110"), ("2210201", "30113")];

/// Generates the TOML of one valid unit-year named `name`, for the year of `catalog`.
pub fn unit_toml(catalog: &Catalog, name: &str, rng: &mut Rng) -> String {
    let year = catalog.year;
    let mut t = String::new();
    let _ = writeln!(
        t,
        "year = {year}\n\n[unit]\nname = {}\ndistrict = \"普陀区\"\nlevel = \"区级\"\nwording = \"部门\"\nkind = \"事业单位\"\nglossary_level = \"区级\"",
        quote(&format!("上海市普陀区{name}"))
    );
    t.push_str("glossary = [\"财政拨款收入\", \"事业收入\", \"其他收入\", \"基本支出预算\", \"项目支出预算\", \"“三公”经费\"]\n\n[text]\n");
    let _ = writeln!(t, "nature = \"是普陀区人民政府直属的全额拨款事业单位。\"");
    let functions: Vec<String> = (0..rng.range(4, 9)).map(|_| quote(&format!("{}。", sentence(rng, 3)))).collect();
    let _ = writeln!(
        t,
        "functions = [{}]\nadmin_units = 0\ninstitution_units = 1\nmembers = [{}]\nchange_reason = \"项目及人员增减变动\"\n",
        functions.join(", "),
        quote(&format!("上海市普陀区{name}本部"))
    );
    let pension = rng.range(150_000, 1_000_000) * 2;
    let insurance = [pension, pension / 2, rng.range(200_000, 1_500_000), rng.range(150_000, 900_000)];
    let mut basic_total = 0;
    // The insurance 项, then the operating 项 that carries the rest of the basic and all project money.
    for ((code, _), amount) in INSURANCE.iter().zip(insurance) {
        basic_total += amount;
        function_line(&mut t, rng, code, amount, 0);
    }
    let extra_items: Vec<&String> = catalog.function.keys().filter(|c| c.len() == 7 && !INSURANCE.iter().any(|(i, _)| i == c)).collect();
    let mut chosen: Vec<&String> = (0..rng.range(1, 4)).map(|_| *rng.pick(&extra_items)).collect();
    chosen.sort();
    chosen.dedup();
    let mut project_total = 0;
    for code in chosen {
        let basic = rng.range(1_000_000, 20_000_000);
        let project = rng.range(0, 80_000_000);
        basic_total += basic;
        project_total += project;
        function_line(&mut t, rng, code, basic, project);
    }
    economic(&mut t, rng, catalog, &insurance, basic_total);
    let (reception, operation) = (rng.range(0, 20_000), rng.range(0, 80_000));
    let _ = writeln!(
        t,
        "[three_public]\nabroad = 0\nreception = {reception}\nvehicle_purchase = 0\nvehicle_operation = {operation}\n\n[three_public.prior]\nabroad = 0\nreception = {reception}\nvehicle_purchase = 0\nvehicle_operation = {operation}\n"
    );
    t.push_str("[three_public.reasons]\nabroad = \"无出国（境）需求\"\nreception = \"厉行节约\"\nvehicle_purchase = \"无购置需求\"\nvehicle_operation = \"公务用车运行良好\"\n\n");
    let services = project_total / 10;
    let _ = writeln!(
        t,
        "[procurement]\ngoods = 0\nworks = 0\nservices = {services}\nsme_reserved = {services}\nsmall_micro_reserved = {}\n",
        services / 2
    );
    let projects = if project_total == 0 { 0 } else { rng.range(1, 6) };
    let _ = writeln!(t, "[performance]\nunits = 1\nprojects = {}\namount = {project_total}\n", projects.max(1));
    t.push_str("[assets]\nas_of = \"2023年12月31日\"\nvehicles = { \"其他用车\" = 1 }\nequipment = 0\nplanned_equipment = 0\n");
    for i in 0..projects {
        project(&mut t, rng, name, i, project_total / (projects + 1), year);
    }
    t
}

fn function_line(t: &mut String, rng: &mut Rng, code: &str, basic: u64, project: u64) {
    let prior = (basic + project) * rng.range(85, 115) / 100;
    let _ = writeln!(t, "[[function]]\ncode = \"{code}\"\nbasic = {{ general = {basic} }}");
    if project > 0 {
        let _ = writeln!(t, "project = {{ general = {project} }}");
    }
    let _ = writeln!(t, "prior = {prior}\npurpose = {}\nreason = {}\n", quote(&sentence(rng, 2)), quote(&sentence(rng, 1)));
}

/// Splits the basic total over economic 款: insurance 款 equal their 项, the rest spread out.
fn economic(t: &mut String, rng: &mut Rng, catalog: &Catalog, insurance: &[u64; 4], basic_total: u64) {
    t.push_str("[economic]\n");
    let mut rest = basic_total - insurance.iter().sum::<u64>();
    let others: Vec<&String> = catalog
        .economic
        .keys()
        .filter(|c| c.len() == 5 && !INSURANCE.iter().any(|(_, e)| e == c) && !matches!(c.as_str(), "30217" | "30231"))
        .collect();
    let mut lines: Vec<(String, u64)> = INSURANCE.iter().zip(insurance).map(|((_, e), a)| (e.to_string(), *a)).collect();
    let count = rng.range(6, 16) as usize;
    for (i, code) in others.iter().step_by(others.len() / count + 1).enumerate() {
        let share = if i + 1 == count { rest } else { rest * rng.range(5, 30) / 100 };
        rest -= share;
        lines.push((code.to_string(), share));
    }
    if let Some(last) = lines.last_mut() {
        last.1 += rest;
    }
    lines.sort();
    for (code, amount) in lines {
        let _ = writeln!(t, "\"{code}\" = {amount}");
    }
    t.push('\n');
}

fn project(t: &mut String, rng: &mut Rng, unit: &str, i: u64, appropriation: u64, year: i32) {
    let paragraphs =
        |rng: &mut Rng, n: u64| -> String { (0..n).map(|_| quote(&format!("{}。", sentence(rng, 6)))).collect::<Vec<_>>().join(", ") };
    let _ = writeln!(t, "\n[[project]]\nname = {}", quote(&format!("{unit}{}项目{}", rng.pick(&WORDS), i + 1)));
    for key in ["overview", "basis", "implementer", "plan", "period", "goals"] {
        let n = rng.range(1, 4);
        let _ = writeln!(t, "{key} = [{}]", paragraphs(rng, n));
    }
    let _ = writeln!(
        t,
        "total_budget = {}\n\n[project.form]\nnature = \"经常性项目\"\ncategory = \"特定目标类\"\ndepartment = {}\nimplementer = {}",
        appropriation * 2,
        quote(unit),
        quote(unit)
    );
    let _ = writeln!(
        t,
        "start = \"{year}-01-01\"\nend = \"{year}-12-31\"\nappropriation = {appropriation}\nannual_goal = {}",
        quote(&sentence(rng, 8))
    );
    let levels = [
        ("产出指标", "数量指标"),
        ("产出指标", "质量指标"),
        ("产出指标", "时效指标"),
        ("效益指标", "社会效益指标"),
        ("满意度指标", "服务对象满意度指标"),
    ];
    for (l1, l2) in levels {
        for _ in 0..rng.range(1, 3) {
            let target = if rng.range(0, 1) == 0 { format!("≥{}(%)", rng.range(80, 99)) } else { "及时".to_string() };
            let _ = writeln!(
                t,
                "\n[[project.form.indicator]]\nlevel1 = \"{l1}\"\nlevel2 = \"{l2}\"\nname = {}\ntarget = \"{target}\"",
                quote(&format!("{}完成情况", rng.pick(&WORDS)))
            );
        }
    }
}
