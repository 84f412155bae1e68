//! Paper accounts: cash and positions moved by fills, and their valuation at marks.
//!
//! The ledger keeps one identity exactly, after any sequence of fills:
//!
//! `cash + sum(cost basis) = starting cash + realized P&L before fees - fees paid`
//!
//! where a position's cost basis is its signed quantity times its average entry price.

mod account;
mod position;
mod valuation;

pub use account::{Account, InconsistentAccount};
pub use position::{AVERAGE_ENTRY_PRICE_DECIMAL_PLACES, COST_BASIS_DECIMAL_PLACES, Position};
pub use valuation::{AccountValuation, PositionValuation, ValuationError};
