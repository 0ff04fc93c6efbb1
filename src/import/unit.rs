//! Which `departments/<简称>/` a workbook belongs to: matched by the unit's full name.

use crate::diag::Code;
use crate::diag::Diagnostic;
use crate::load::{Project, check_plain_name};

use super::grid::normalise;

/// The unit folder for the workbook's 编制单位: `--unit` when given (it must not name another
/// unit), else the one folder whose budget files carry that full name.
pub(crate) fn match_unit(project: &Project, owner: &str, given: Option<&str>) -> Result<String, Diagnostic> {
    let known = known_units(project);
    if let Some(unit) = given {
        check_plain_name(unit, "单位")?;
        let names: Vec<&String> = known.iter().filter(|(u, _)| u == unit).map(|(_, n)| n).collect();
        if !owner.is_empty() && !names.is_empty() && !names.iter().any(|n| same(n, owner)) {
            return Err(Diagnostic::error(Code::K5, format!("工作簿的编制单位为“{owner}”，而 departments/{unit}/ 是“{}”", names[0]))
                .hint("检查 --unit 是否写错，或是否拿错了工作簿"));
        }
        return Ok(unit.to_string());
    }
    let mut matches: Vec<&String> = known.iter().filter(|(_, n)| same(n, owner)).map(|(u, _)| u).collect();
    matches.dedup();
    match matches.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(Diagnostic::error(Code::U9, format!("departments/ 下没有名为“{owner}”的单位"))
            .hint("首次导入请用 --unit <简称> 指定单位文件夹，例如 --unit 普陀城运")),
        many => Err(Diagnostic::error(
            Code::U9,
            format!("departments/ 下有多个单位名为“{owner}”：{}", many.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("、")),
        )
        .hint("用 --unit <简称> 指定导入到哪个单位")),
    }
}

/// Full names match ignoring spacing and bracket width.
fn same(a: &str, b: &str) -> bool {
    normalise(a) == normalise(b)
}

/// (folder, full name) of every budget file under departments/: `name` and `name（alias）`.
fn known_units(project: &Project) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (unit, year) in crate::load::find_unit_years(project, None) {
        let path = project.departments().join(&unit).join(format!("{year}.toml"));
        // Through the project's reader: a FIFO or an outside link is skipped here, never waited on.
        let Ok(source) = project.read(&path) else { continue };
        let Ok(doc) = toml::from_str::<toml::Table>(&source.text) else { continue };
        let Some(u) = doc.get("unit").and_then(|u| u.as_table()) else { continue };
        let Some(name) = u.get("name").and_then(|n| n.as_str()) else { continue };
        out.push((unit.clone(), name.to_string()));
        if let Some(alias) = u.get("alias").and_then(|a| a.as_str()) {
            out.push((unit.clone(), format!("{name}（{alias}）")));
        }
    }
    out.sort();
    out
}
