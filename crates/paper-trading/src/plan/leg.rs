//! One leg of a valid trade plan.

use market_types::Symbol;

use crate::{Price, Quantity, Side};

/// One leg of a [`crate::TradePlan`]. Each field is valid by its type; the rules that
/// span legs (count, sides, distinct symbols) are the plan's.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Leg {
    pub symbol: Symbol,
    pub side: Side,
    /// The quantity every paper fill of this leg trades.
    pub planned_quantity: Quantity,
    /// The price the plan hopes to enter at; the paper fill uses the mark instead.
    pub planned_entry_price: Price,
    /// Recorded, not enforced: a paper fill happens only on paper-open and paper-close.
    pub stop_price: Option<Price>,
    /// Recorded, not enforced, like the stop.
    pub target_price: Option<Price>,
}
