//! `gen-budget --all [<年>]`: every unit in parallel, a progress bar, a summary, a manifest.

use std::io::IsTerminal;
use std::process::ExitCode;

use gen_budget::batch::{BatchOptions, BatchReport, Outcome, ShardRun, Status, nothing_found, publish_all};
use gen_budget::diag::{Code, Diagnostic};
use gen_budget::load::{Project, check_year, find_unit_years};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::{build_options, exit_status, one, print_diagnostics, render, report, setup};
use crate::cli::BuildArgs;

pub fn run(args: &BuildArgs) -> ExitCode {
    // With --all the first positional is the year.
    let year = args.unit.clone();
    if let Some(Err(d)) = year.as_deref().map(check_year) {
        return report(&one(d));
    }
    if let Err(d) = build_options(args).pdf_kind().check() {
        return report(&one(d));
    }
    let shard = match shard_run(args, year.as_deref()) {
        Ok(shard) => shard,
        Err(d) => return report(&one(d)),
    };
    let project = Project::new(&args.root);
    let mut targets = find_unit_years(&project, year.as_deref());
    if targets.is_empty() {
        return report(&one(nothing_found()));
    }
    let (engine, templates) = match setup(&project) {
        Ok(pair) => pair,
        Err(diags) => return report(&diags),
    };
    if let Some(Err(d)) = args.diff_against.as_deref().map(|rev| gen_budget::changes::check_revision(&project, rev)) {
        return report(&one(d));
    }
    let options = BatchOptions { force: args.force, build: build_options(args), diff_against: args.diff_against.clone(), shard };
    targets.retain(|(unit, _)| options.selects(unit));
    let total = targets.len();
    let bar = progress_bar(total as u64);
    let done = std::sync::atomic::AtomicUsize::new(0);
    let progress = |o: &Outcome| {
        let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        let line = format!("[{n}/{total}] {} {}：{}", o.entry.unit, o.entry.year, status_word(o));
        if bar.is_hidden() {
            println!("{line}")
        } else {
            bar.set_message(line);
            bar.inc(1)
        }
        for d in o.diagnostics.iter().filter(|d| d.is_error()) {
            bar.suspend(|| eprintln!("{}", render(d)));
        }
        if !o.kept.is_empty() {
            bar.suspend(|| eprintln!("{}", kept_line(o)));
        }
    };
    let batch = publish_all(&project, &engine, &templates, &options, targets, &progress);
    bar.finish_and_clear();
    print_summary(&batch, &written(&options));
    print_diagnostics(&batch.setup);
    // The single build's rule over every failure: 2 when any is a usage, set-up or output error.
    let mut failures = batch.setup.clone();
    batch.outcomes.iter().filter(|o| o.entry.status == Status::Failed).for_each(|o| failures.extend(o.diagnostics.clone()));
    exit_status(&failures)
}

/// A bar on a terminal; hidden (plain lines instead) when stderr is a pipe or a file.
fn progress_bar(total: u64) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::hidden());
    }
    let bar = ProgressBar::new(total);
    bar.set_style(ProgressStyle::with_template("{bar:40} {pos}/{len} {elapsed} {msg}").expect("a valid template"));
    bar
}

fn status_word(o: &Outcome) -> String {
    match o.entry.status {
        Status::Built => format!("已生成（{} 页，{} 个警告）", o.entry.documents.iter().map(|d| d.pages).sum::<usize>(), o.entry.warnings),
        Status::Skipped => "未变化，跳过".to_string(),
        Status::Failed => format!("失败（{} 个错误）", o.entry.errors),
    }
}

/// After a refused draft's findings: the generated sources it wrote to look into.
fn kept_line(o: &Outcome) -> String {
    let kept: Vec<String> = o.kept.iter().map(|p| p.display().to_string()).collect();
    format!("{} {}：未生成 PDF；已写出生成的 Typst 源文件以便排查：{}", o.entry.unit, o.entry.year, kept.join("、"))
}

/// The shard the flags ask for, checked before anything is read; `K/N` ignores the variable.
fn shard_run(args: &BuildArgs, year: Option<&str>) -> Result<Option<ShardRun>, Diagnostic> {
    let Some(spec) = args.shard.as_deref() else { return Ok(None) };
    let index = std::env::var(gen_budget::shard::INDEX_VARIABLE).ok();
    let shard = gen_budget::shard::Shard::parse(spec, index.as_deref())?;
    let Some(year) = year else {
        return Err(Diagnostic::error(Code::U16, "--shard 需要指定年度").hint(format!("写作 gen-budget --all <年> --shard {spec}")));
    };
    if args.diff_against.is_some() {
        let d = Diagnostic::error(Code::U16, "--shard 不能与 --diff-against 同用：changes.html 要比较全部单位");
        return Err(d.hint("分片运行并 merge 之后，另行运行 gen-budget --all <年> --diff-against <修订>"));
    }
    Ok(Some(ShardRun { shard, year: year.to_string(), executable: gen_budget::shard::executable_fingerprint() }))
}

/// What the summary says the batch wrote.
fn written(options: &BatchOptions) -> String {
    match &options.shard {
        Some(run) => format!("分片清单见 out/{}/{}，全部分片完成后运行 gen-budget merge {}", run.year, run.shard.file_name(), run.year),
        None => "清单见 out/<年>/manifest.json 与 index.html".to_string(),
    }
}

/// One line per unit, then totals and where the manifest is.
fn print_summary(batch: &BatchReport, written: &str) {
    println!("{:<12} {:<6} {:<6} {:>5} {:>5} {:>8}", "单位", "年度", "状态", "页数", "警告", "用时(s)");
    for o in &batch.outcomes {
        let e = &o.entry;
        let status = match e.status {
            Status::Built => "生成",
            Status::Skipped => "跳过",
            Status::Failed => "失败",
        };
        let pages: usize = e.documents.iter().map(|d| d.pages).sum();
        println!("{:<12} {:<6} {:<6} {:>5} {:>5} {:>8.2}", e.unit, e.year, status, pages, e.warnings, o.wall.as_secs_f64());
    }
    let built = batch.outcomes.iter().filter(|o| o.entry.status == Status::Built).count();
    let skipped = batch.outcomes.iter().filter(|o| o.entry.status == Status::Skipped).count();
    let own_seconds: f64 = batch.outcomes.iter().map(|o| o.own.as_secs_f64()).sum();
    println!(
        "共 {} 个：生成 {built}，跳过 {skipped}，失败 {}；用时 {:.2} s（排版以外的程序自身用时 {:.2} s，按线程合计）。{written}",
        batch.outcomes.len(),
        batch.failed(),
        batch.wall.as_secs_f64(),
        own_seconds
    );
}
