//! A budget draft: each finding marked in the built view where it belongs (kept apart from the mark types, which the view holds).

use crate::diag::{Diagnostics, Place};

use super::view::DocView;
use crate::view_model::findings::{findings, mark_text};

/// Turns the view into a draft: marks in place and the findings list.
pub fn mark_draft(view: &mut DocView, diags: &Diagnostics) {
    for (i, d) in diags.iter().enumerate() {
        place_mark(view, d.place.as_ref(), mark_text(i + 1, d));
    }
    view.draft = Some(findings(diags));
}

/// Attaches a mark to the section, item or project it concerns; unplaced ones go on the cover.
fn place_mark(view: &mut DocView, place: Option<&Place>, mark: String) {
    let marks = &mut view.marks;
    match place {
        None | Some(Place::Cover) => marks.cover.push(mark),
        Some(Place::Functions) => marks.functions.push(mark),
        Some(Place::Glossary) => marks.glossary.push(mark),
        Some(Place::Narrative) => marks.narrative.push(mark),
        Some(Place::Table(n)) => marks.tables[(*n as usize).clamp(1, 9) - 1].push(mark),
        Some(Place::ThreePublic) => marks.three_public.push(mark),
        Some(Place::Procurement) => marks.procurement.push(mark),
        Some(Place::Performance) => marks.performance.push(mark),
        Some(Place::Assets) => marks.assets.push(mark),
        Some(Place::Item(code)) => match view.narrative.items.iter_mut().find(|it| &it.code == code) {
            Some(item) => item.marks.push(mark),
            None => marks.narrative.push(mark),
        },
        Some(Place::Project(i)) => match view.projects.get_mut(*i) {
            Some(project) => project.marks.push(mark),
            None => marks.cover.push(mark),
        },
    }
}
