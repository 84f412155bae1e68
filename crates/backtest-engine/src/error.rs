//! The errors of the backtest engine: every way the inputs can be refused.
//!
//! The engine is pure, so there is no internal failure: each variant is something the
//! caller can act on, and each maps to a 4xx answer in the API.

/// Why a backtest could not run.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum BacktestError {
    /// The initial capital is zero, negative or not a number.
    #[error("initial capital must be a positive number, got {capital}")]
    NonPositiveCapital { capital: f64 },

    /// `ma_cross` needs its fast moving average shorter than its slow one.
    #[error("fast ({fast}) must be less than slow ({slow})")]
    FastNotBelowSlow { fast: usize, slow: usize },

    /// Any other parameter or setting out of its range.
    #[error("invalid {name}: {reason}")]
    InvalidParameter { name: &'static str, reason: String },

    /// Too few bars for the moving averages or the lookback to produce one filled decision.
    #[error("not enough bars: found {found}, needed at least {needed}")]
    NotEnoughBars { found: usize, needed: usize },

    /// `long_count + short_count` is larger than the number of symbols with data.
    #[error("long_count + short_count is {needed} but the universe has only {available} symbols with data")]
    UniverseTooSmall { available: usize, needed: usize },

    /// The universe is large enough, but no bar before the last has
    /// `long_count + short_count` symbols with a candle now and `lookback` bars ago.
    #[error(
        "no bar has enough eligible symbols to rebalance: needed {needed}, at most {most_eligible} were eligible on one bar"
    )]
    NotEnoughEligibleSymbols { needed: usize, most_eligible: usize },

    /// The same symbol appears twice in a universe.
    #[error("duplicate symbol {symbol} in the universe")]
    DuplicateSymbol { symbol: String },

    /// Bar columns that do not describe a series of bars.
    #[error("invalid bars at index {index}: {reason}")]
    InvalidBars { index: usize, reason: String },

    /// A symbol's bars do not line up with the other symbols' bars of the universe
    /// (a different close time for the same open time, or overlapping bars).
    #[error("the bars of {symbol} do not line up with the other symbols' bars at open time {open_time_ms}")]
    MisalignedBars { symbol: String, open_time_ms: i64 },
}
