//! 财政项目支出绩效自评表: figures (domain-spec §5.3), checks, view and rendering.

pub mod figures;
mod checks;
mod view;

pub use checks::check;
pub use figures::{derive, Grade, ProjectScore};
pub use view::{build_view, EvaluationView};
