//! `gen-budget merge <年>`: the shards' manifests into one manifest.json and index.html.

use std::path::Path;
use std::process::ExitCode;

use gen_budget::diag::{Code, ExitClass};
use gen_budget::load::{Project, check_year};
use gen_budget::manifest::{Manifest, Status};

use super::{one, report};

pub fn run(root: &Path, year: &str) -> ExitCode {
    if let Err(d) = check_year(year) {
        return report(&one(d));
    }
    match gen_budget::merge::merge(&Project::new(root), year) {
        Ok(merged) => {
            print_summary(year, merged.shards, &merged.manifest);
            exit_status(&merged.manifest)
        }
        Err(diags) => report(&diags),
    }
}

fn print_summary(year: &str, shards: usize, manifest: &Manifest) {
    let count = |s: Status| manifest.units.iter().filter(|u| u.status == s).count();
    println!(
        "已合并 {shards} 个分片：共 {} 个单位，生成 {}，跳过 {}，失败 {}。清单见 out/{year}/manifest.json 与 index.html",
        manifest.units.len(),
        count(Status::Built),
        count(Status::Skipped),
        count(Status::Failed)
    );
}

/// The status one unsharded batch would have ended with: 1 for failed units, 2 when a failure
/// was a usage, set-up or output error.
fn exit_status(manifest: &Manifest) -> ExitCode {
    let failed = manifest.units.iter().filter(|u| u.status == Status::Failed);
    let errors: Vec<Option<Code>> = failed.flat_map(|u| u.findings.iter().filter(|f| f.error).map(|f| Code::parse(&f.code))).collect();
    if errors.is_empty() {
        ExitCode::SUCCESS
    } else if errors.iter().flatten().any(|c| c.exit_class() == ExitClass::Usage) {
        ExitCode::from(2)
    } else {
        ExitCode::from(1)
    }
}
