//! Draft preview on 127.0.0.1: SVG pages and findings, rebuilt on each save (file events) and
//! pushed to the page (server-sent events); only pages whose layout changed are re-sent.

mod compare;
mod content;
mod fonts;
mod page;
mod push;
mod serve;
mod snapshot;
mod watch;

use std::sync::{Arc, Mutex};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use crate::diag::Diagnostics;
use crate::document::Document;
use crate::load::Project;
use crate::pipeline::Mode;
use crate::render::Templates;
use crate::typeset::Engine;

pub use serve::serve;
use snapshot::Snapshot;

/// How many compilations an unused memoised Typst result survives: edits of one draft reuse
/// the layout of everything they did not touch, and older results are dropped.
const CACHE_AGE: usize = 10;

/// A unit-year being previewed.
pub struct Preview {
    project: Project,
    unit: String,
    year: String,
    engine: Arc<Engine>,
    state: Mutex<Snapshot>,
    /// The data as saved before, for the 与上一版比较 view.
    baseline: Mutex<compare::Baseline>,
    /// The pages' open event streams.
    hub: push::Hub,
}

impl Preview {
    pub fn new(project: Project, unit: &str, year: &str, engine: Arc<Engine>) -> Self {
        let (state, baseline, hub) = Default::default();
        Self { project, unit: unit.into(), year: year.into(), engine, state, baseline, hub }
    }

    /// What the draft reads: the unit-year's data (file and folder), last year's data (for the
    /// cross-year checks Y1–Y4), the catalogue and the templates with their style.toml.
    fn inputs(&self) -> watch::Inputs {
        let unit = self.project.departments().join(&self.unit);
        let mut files =
            vec![unit.join(format!("{}.toml", self.year)), self.project.root.join("catalog").join(format!("{}.toml", self.year))];
        if let Some(previous) = self.year.parse::<i32>().ok().and_then(|y| y.checked_sub(1)) {
            files.push(unit.join(format!("{previous}.toml")));
        }
        watch::Inputs { files, folders: vec![unit.join(&self.year), self.project.templates()] }
    }

    /// Rebuilds the draft; on failure the previous pages stay and the errors are shown.
    pub fn rebuild(&self) {
        self.rebuild_after(Instant::now());
    }

    /// Rebuilds after a save first seen at `seen` and pushes the result to every open page.
    fn rebuild_after(&self, seen: Instant) {
        let started = Instant::now();
        self.baseline.lock().expect("preview baseline lock").saw(compare::read_data(&self.project, &self.unit, &self.year));
        let result = Templates::load(&self.project.templates()).map_err(|d| Diagnostics(vec![d])).and_then(|templates| {
            let documents = Document::load_all(&self.project, &self.unit, &self.year)?;
            documents.iter().map(|doc| doc.lay_out(&self.engine, &templates, Mode::Draft)).collect::<Result<Vec<_>, _>>()
        });
        let mut state = self.state.lock().expect("preview state lock");
        state.version += 1;
        state.build_ms = started.elapsed().as_millis();
        state.own_ms = result.as_ref().map_or(0, |r| r.iter().map(|r| r.own_time.as_millis()).sum());
        match result {
            Ok(rendered) => state.built(&self.project.root, &rendered),
            Err(diags) => state.stopped(&self.project.root, &diags),
        }
        let event = push::event(&summary(&state, seen));
        drop(state);
        self.hub.publish(&event);
        typst::comemo::evict(CACHE_AGE);
    }

    /// Rebuilds on every save of an input; never returns.
    pub fn watch(&self) {
        watch::watch(|| self.inputs(), |seen| self.rebuild_after(seen));
    }
}

/// The build event's JSON: version, every page's hash, the pages that changed, the page's
/// changing part (saving a request), and the times of its steps (epoch milliseconds for the
/// moments, so a browser can compare them).
fn summary(state: &Snapshot, seen: Instant) -> String {
    let now = SystemTime::now();
    let epoch = |t: SystemTime| t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis());
    serde_json::json!({
        "version": state.version,
        "pages": state.pages.len(),
        "hashes": state.pages.iter().map(|p| p.hash.as_str()).collect::<Vec<_>>(),
        "changed": state.changed,
        "failed": !state.failure.is_empty(),
        "content": content::content_html(state),
        "build_ms": state.build_ms as u64,
        "own_ms": state.own_ms as u64,
        "render_ms": state.render_ms as u64,
        "seen_at": epoch(now - seen.elapsed()) as u64,
        "sent_at": epoch(now) as u64,
    })
    .to_string()
}
