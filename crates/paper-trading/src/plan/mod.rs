//! Trade plans: the raw draft a caller submits, its validation, and the valid plan.

mod draft;
mod error;
mod leg;
mod text;
mod trade_plan;

pub use draft::{LegDraft, TradePlanDraft};
pub use error::{FieldProblem, PlanError};
pub use leg::Leg;
pub use text::InvalidText;
pub use trade_plan::TradePlan;
