//! View-model pieces every document kind shares (budget, 自评表, booklet): indicator rows with
//! merged-cell spans and the draft findings page, so no document reaches into another's view.

pub mod findings;
pub mod indicators;
