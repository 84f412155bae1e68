//! The paging parameters that candles and ratios share: `from`, `to`, `limit`.

use market_data::{Window, WindowAnchor, WindowRequest};
use market_types::{Interval, Symbol, TimeRange};

use crate::error::ApiError;

pub const DEFAULT_LIMIT: usize = 500;
pub const MAX_LIMIT: usize = 5000;

/// Builds the window request: with `from`, the first `limit` candles from `from`;
/// without it, the last `limit` candles before `to` (the latest data).
pub fn request(from: Option<i64>, to: Option<i64>, limit: Option<usize>) -> Result<WindowRequest, ApiError> {
    let range = TimeRange::from_unix_seconds(from, to)
        .map_err(|_| ApiError::bad_request("invalid_range", "from must be before to (both Unix seconds)"))?;
    let limit = limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(ApiError::bad_request("invalid_limit", format!("limit must be between 1 and {MAX_LIMIT}")));
    }
    let anchor = if from.is_some() { WindowAnchor::Earliest } else { WindowAnchor::Latest };
    Ok(WindowRequest { range, limit, anchor })
}

/// Paging hints for the next request: `next_from` when more candles follow the
/// window, `previous_to` when more precede it (both Unix seconds).
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct Paging {
    pub next_from: Option<i64>,
    pub previous_to: Option<i64>,
}

impl Paging {
    pub fn of(window: &Window, open_times_ms: &[i64]) -> Self {
        Self {
            next_from: window.more_after.then(|| seconds(open_times_ms[window.rows.end])),
            previous_to: window.more_before.then(|| seconds(open_times_ms[window.rows.start])),
        }
    }
}

/// Unix milliseconds to Unix seconds (candle times are whole seconds).
pub fn seconds(milliseconds: i64) -> i64 {
    milliseconds.div_euclid(1000)
}

pub fn parse_symbol(raw: &str) -> Result<Symbol, ApiError> {
    Symbol::parse(raw).map_err(|error| ApiError::bad_request("invalid_symbol", error.to_string()))
}

pub fn parse_interval(raw: &str) -> Result<Interval, ApiError> {
    Interval::parse(raw).map_err(|error| ApiError::bad_request("invalid_interval", error.to_string()))
}
