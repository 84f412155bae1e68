//! The trades of a report: one holding of one symbol on one side, entry to exit.

use serde::{Deserialize, Serialize};

/// The side of a position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Long,
    Short,
}

/// A closed holding. See the crate documentation for how resizing is accounted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Trade {
    pub symbol: String,
    pub side: Side,
    /// Time of the fill that opened the holding.
    pub entry_time_ms: i64,
    /// Time of the fill that brought the holding back to zero.
    pub exit_time_ms: i64,
    /// Quantity-weighted average fill price (after slippage) of the entries.
    pub entry_price: f64,
    /// Quantity-weighted average fill price (after slippage) of the exits.
    pub exit_price: f64,
    /// Total quantity entered, which is also the total quantity exited.
    pub quantity: f64,
    /// Fees paid on the entries and the exits.
    pub fees: f64,
    /// Sum of the trade's cash flows: after fees and slippage.
    pub pnl: f64,
    /// `pnl` over the cash committed at entry (entry notional plus entry fees).
    pub trade_return: f64,
    /// Closed because the data ended: after the last bar of the run, or, in relative
    /// momentum, at the last candle of a symbol whose data stops before the run's end.
    pub closed_at_end: bool,
}
