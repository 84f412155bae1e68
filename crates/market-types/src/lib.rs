//! Value types shared by the domain crates: symbols, candle intervals and time ranges.
//!
//! Each type is built through `parse`/`TryFrom` and is valid once built, so the crates
//! that take them never re-check their input.

mod interval;
mod symbol;
mod time_range;

pub use interval::{Interval, InvalidInterval};
pub use symbol::{InvalidSymbol, Symbol};
pub use time_range::{InvalidTimeRange, TimeRange};
