//! The global market-data endpoints: symbols, categories, candles, ratios and scanners.
//! Market data is shared by every workspace.

pub mod candles;
pub mod categories;
pub mod ratios;
pub mod scanner;
pub mod symbols;
mod window;

pub use window::seconds;
