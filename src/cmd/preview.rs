//! `gen-budget preview <单位> <年>`: a live draft in the browser.

use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use gen_budget::load::{Project, check_plain_name, check_year};
use gen_budget::preview::{Preview, serve};
use gen_budget::typeset::Engine;

use super::{one, report};

pub fn run(root: &Path, unit: &str, year: &str, port: u16) -> ExitCode {
    if let Err(d) = check_plain_name(unit, "单位").and(check_year(year).map(|_| ())) {
        return report(&one(d));
    }
    let project = Project::new(root);
    let engine = match Engine::load_incremental(&project.fonts()) {
        Ok(engine) => engine,
        Err(d) => return report(&one(d)),
    };
    match serve(Arc::new(Preview::new(project, unit, year, engine)), port) {
        Ok(()) => ExitCode::SUCCESS,
        Err(d) => report(&one(d)),
    }
}
