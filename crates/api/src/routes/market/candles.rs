//! `GET /api/v1/candles`: a window of one symbol's candles.

use actix_web::web;

use super::window::{self, Paging, seconds};
use crate::error::{ApiError, ErrorBody, run_blocking};
use crate::startup::AppState;

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct CandlesQuery {
    /// Symbol, e.g. `BTCUSDT`.
    symbol: String,
    /// Binance interval: 1m 3m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d 3d 1w 1M.
    interval: String,
    /// Unix seconds, inclusive, on open time. With `from`, the window starts there.
    from: Option<i64>,
    /// Unix seconds, exclusive, on open time. Without `from`, the window ends here (the latest candles).
    to: Option<i64>,
    /// 1 to 5000, default 500.
    limit: Option<usize>,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct CandlesResponse {
    symbol: String,
    interval: String,
    /// Ascending by open time.
    candles: Vec<CandleDto>,
    #[serde(flatten)]
    paging: Paging,
}

/// One candle. Times are Unix seconds (UTC); `close_time` is the instant the candle
/// closed, equal to the next candle's open time.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct CandleDto {
    open_time: i64,
    close_time: i64,
    open: f64,
    high: f64,
    low: f64,
    close: f64,
    /// Traded quantity of the base asset.
    volume: f64,
    /// Traded value in the quote asset, where the source had it.
    quote_volume: Option<f64>,
    /// Number of trades, where the source had it.
    trade_count: Option<i64>,
}

#[utoipa::path(get, path = "/api/v1/candles", tag = "market data", params(CandlesQuery),
    responses(
        (status = 200, body = CandlesResponse),
        (status = 400, description = "invalid_symbol, invalid_interval, invalid_range, invalid_limit, invalid_query", body = ErrorBody),
        (status = 404, description = "unknown_symbol, no_candles", body = ErrorBody),
    ))]
pub async fn list(
    state: web::Data<AppState>,
    query: web::Query<CandlesQuery>,
) -> Result<web::Json<CandlesResponse>, ApiError> {
    let symbol = window::parse_symbol(&query.symbol)?;
    let interval = window::parse_interval(&query.interval)?;
    let request = window::request(query.from, query.to, query.limit)?;
    let market = state.market.clone();
    // The hot path: a cached series needs no trip to the blocking pool.
    let series = match market.cached_series(&symbol, interval) {
        Some(series) => series,
        None => run_blocking(move || market.series(&symbol, interval)).await?,
    };
    let window = series.window(&request);
    let candles = window
        .rows
        .clone()
        .map(|index| {
            let candle = series.candle(index);
            CandleDto {
                open_time: seconds(candle.open_time_ms),
                close_time: seconds(candle.close_time_ms),
                open: candle.open,
                high: candle.high,
                low: candle.low,
                close: candle.close,
                volume: candle.volume,
                quote_volume: candle.quote_volume,
                trade_count: candle.trade_count,
            }
        })
        .collect();
    Ok(web::Json(CandlesResponse {
        symbol: series.symbol.to_string(),
        interval: series.interval.to_string(),
        candles,
        paging: Paging::of(&window, &series.open_time_ms),
    }))
}
