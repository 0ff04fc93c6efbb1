//! 财政项目支出绩效自评表: figures (domain-spec §5.3), checks, view and rendering.

mod checks;
pub mod figures;
mod view;

pub use checks::check;
pub use figures::{Grade, ProjectScore, derive};
pub use view::{EvaluationView, build_view};
