//! Projects of chapter 七 by name: the printed fields of each, of its 申报表 and of its
//! indicators (by indicator name), as the view prints them.

use std::collections::BTreeMap;

use crate::render::project::ProjectView;

use super::{FieldChange, ProjectChange};

/// One project's printed fields, labelled in Chinese, in the order they print.
pub(crate) struct ProjectRecord {
    pub name: String,
    /// The name, made unique among the document's projects (`…（第2个）` for a repeat).
    pub key: String,
    pub fields: Vec<(String, String)>,
}

/// The projects of a view, each reduced to its labelled fields.
pub(crate) fn projects_of(projects: &[ProjectView]) -> Vec<ProjectRecord> {
    let mut records: Vec<ProjectRecord> = projects.iter().map(record).collect();
    let names: Vec<&str> = records.iter().map(|r| r.name.as_str()).collect();
    let keys = keys(&names, "项目");
    records.iter_mut().zip(keys).for_each(|(r, k)| r.key = k);
    records
}

/// Unique keys for possibly repeated or empty names: `指标“名”`, `指标“名”（第2个）`, `第3个指标`.
fn keys(names: &[&str], what: &str) -> Vec<String> {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let n = seen.entry(name).or_default();
            *n += 1;
            match (name.is_empty(), *n) {
                (true, _) => format!("第{}个{what}", i + 1),
                (false, 1) => format!("{what}“{name}”"),
                (false, k) => format!("{what}“{name}”（第{k}个）"),
            }
        })
        .collect()
}

fn record(p: &ProjectView) -> ProjectRecord {
    let f = &p.form;
    let paragraphs = |v: &[String]| v.join("\n");
    let mut fields: Vec<(String, String)> = [
        ("项目概述", paragraphs(&p.overview)),
        ("立项依据", paragraphs(&p.basis)),
        ("实施主体", paragraphs(&p.implementer)),
        ("实施方案", paragraphs(&p.plan)),
        ("实施周期", paragraphs(&p.period)),
        ("年度预算安排", paragraphs(&p.budget_text)),
        ("财政资金总预算", p.budget_total.clone()),
        ("当年预算安排", p.budget_current.clone()),
        ("年初总预算", p.budget_annual.clone()),
        ("其他资金", p.budget_other.clone()),
        ("绩效目标", paragraphs(&p.goals)),
        ("申报表·项目性质", f.nature.clone()),
        ("申报表·项目类别", f.category.clone()),
        ("申报表·主管部门", f.department.clone()),
        ("申报表·实施单位", f.implementer.clone()),
        ("申报表·计划开始日期", f.start.clone()),
        ("申报表·计划完成日期", f.end.clone()),
        ("申报表·年度资金申请总额", f.annual.clone()),
        ("申报表·当年财政拨款", f.appropriation.clone()),
        ("申报表·上年结转资金", f.carryover.clone()),
        ("申报表·其他资金", f.other.clone()),
        ("申报表·项目资金总额", f.total.clone()),
        ("申报表·项目总体目标", f.overall_goal.clone()),
        ("申报表·年度总体目标", f.annual_goal.clone()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    let names: Vec<&str> = f.indicators.iter().map(|i| i.name.as_str()).collect();
    for (i, key) in f.indicators.iter().zip(keys(&names, "指标")) {
        fields.push((key, format!("{}／{}／{}", i.level1, i.level2, i.target)));
    }
    ProjectRecord { name: f.name.clone(), key: String::new(), fields }
}

/// Added, removed and changed projects: new ones in their order, then removed ones.
pub(crate) fn compare_projects(old: &[ProjectRecord], new: &[ProjectRecord]) -> Vec<ProjectChange> {
    let before: BTreeMap<&str, &ProjectRecord> = old.iter().map(|p| (p.key.as_str(), p)).collect();
    let mut found = Vec::new();
    for p in new {
        match before.get(p.key.as_str()) {
            None => found.push(ProjectChange::Added { name: p.name.clone() }),
            Some(o) => {
                let fields = compare_fields(&o.fields, &p.fields);
                if !fields.is_empty() {
                    found.push(ProjectChange::Changed { name: p.name.clone(), fields });
                }
            }
        }
    }
    let keys: Vec<&str> = new.iter().map(|p| p.key.as_str()).collect();
    found.extend(old.iter().filter(|p| !keys.contains(&p.key.as_str())).map(|p| ProjectChange::Removed { name: p.name.clone() }));
    found
}

/// Fields printed differently or only on one side (an indicator added or removed).
fn compare_fields(old: &[(String, String)], new: &[(String, String)]) -> Vec<FieldChange> {
    let find = |list: &[(String, String)], key: &str| list.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
    let mut found: Vec<FieldChange> = new
        .iter()
        .filter_map(|(key, value)| {
            let before = find(old, key);
            (before.as_deref() != Some(value.as_str())).then(|| FieldChange { field: key.clone(), old: before, new: Some(value.clone()) })
        })
        .collect();
    found.extend(old.iter().filter(|(k, _)| find(new, k).is_none()).map(|(k, v)| FieldChange {
        field: k.clone(),
        old: Some(v.clone()),
        new: None,
    }));
    found
}
