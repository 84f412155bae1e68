//! The errors of the market-data crate, split into what a caller can act on and
//! an opaque internal failure.

use std::path::PathBuf;

use market_types::{Interval, Symbol};

#[derive(Debug, thiserror::Error)]
pub enum MarketDataError {
    #[error("unknown symbol {0}")]
    UnknownSymbol(Symbol),
    #[error("no {interval} candles for {symbol}")]
    NoCandles { symbol: Symbol, interval: Interval },
    #[error("unknown category {0:?}")]
    UnknownCategory(String),
    #[error("{0}")]
    InvalidInput(String),
    #[error("no candle closed by the requested time{}", as_of_ms.map(|ms| format!(" ({} s)", ms.div_euclid(1000))).unwrap_or_default())]
    NoDataAt { as_of_ms: Option<i64> },
    /// No symbol of the quote asset and category has candles of the interval.
    #[error("no symbol of that quote asset and category has {interval} candles")]
    EmptyUniverse { interval: Interval },
    #[error(
        "the market data file {} is in use by another process (is the server running?); stop that process and try again",
        path.display()
    )]
    DatabaseLocked { path: PathBuf },
    #[error("the market data file {} was written by a newer version (schema {found}, this build knows {supported})", path.display())]
    UnsupportedSchema { path: PathBuf, found: i64, supported: i64 },
    #[error("cannot read {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("market data store failure: {0}")]
    Internal(String),
}

impl From<duckdb::Error> for MarketDataError {
    fn from(error: duckdb::Error) -> Self {
        Self::Internal(error.to_string())
    }
}

impl From<r2d2::Error> for MarketDataError {
    fn from(error: r2d2::Error) -> Self {
        Self::Internal(format!("connection pool: {error}"))
    }
}

pub type Result<T, E = MarketDataError> = std::result::Result<T, E>;
