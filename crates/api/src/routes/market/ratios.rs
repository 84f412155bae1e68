//! `GET /api/v1/ratios`: the price ratio `base / quote` of two symbols.

use actix_web::web;
use market_data::Window;

use super::window::{self, Paging, seconds};
use crate::error::{ApiError, ErrorBody, run_blocking};
use crate::startup::AppState;

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct RatiosQuery {
    /// The numerator symbol, e.g. `ETHUSDT`.
    base: String,
    /// The denominator symbol, e.g. `BTCUSDT`.
    quote: String,
    interval: String,
    /// Unix seconds, inclusive. With `from`, the window starts there.
    from: Option<i64>,
    /// Unix seconds, exclusive. Without `from`, the window ends here.
    to: Option<i64>,
    /// 1 to 5000, default 500.
    limit: Option<usize>,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct RatiosResponse {
    base: String,
    quote: String,
    interval: String,
    /// Ascending, at the open times both symbols have. High and low are not given:
    /// the legs' candles cannot tell the ratio's true extremes.
    candles: Vec<RatioCandleDto>,
    #[serde(flatten)]
    paging: Paging,
}

/// One ratio candle: `open = open_base / open_quote`, `close = close_base / close_quote`.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct RatioCandleDto {
    open_time: i64,
    close_time: i64,
    open: f64,
    close: f64,
}

#[utoipa::path(get, path = "/api/v1/ratios", tag = "market data", params(RatiosQuery),
    responses(
        (status = 200, body = RatiosResponse),
        (status = 400, description = "invalid_symbol, invalid_interval, invalid_range, invalid_limit, invalid_input, invalid_query", body = ErrorBody),
        (status = 404, description = "unknown_symbol, no_candles", body = ErrorBody),
    ))]
pub async fn list(
    state: web::Data<AppState>,
    query: web::Query<RatiosQuery>,
) -> Result<web::Json<RatiosResponse>, ApiError> {
    let base = window::parse_symbol(&query.base)?;
    let quote = window::parse_symbol(&query.quote)?;
    let interval = window::parse_interval(&query.interval)?;
    let request = window::request(query.from, query.to, query.limit)?;
    let market = state.market.clone();
    let (base_name, quote_name) = (base.to_string(), quote.to_string());
    let ratio = run_blocking(move || market.ratio(&base, &quote, interval)).await?;
    let window = Window::select(&ratio.open_time_ms, &request);
    let candles = window
        .rows
        .clone()
        .map(|index| RatioCandleDto {
            open_time: seconds(ratio.open_time_ms[index]),
            close_time: seconds(ratio.close_time_ms[index]),
            open: ratio.open[index],
            close: ratio.close[index],
        })
        .collect();
    Ok(web::Json(RatiosResponse {
        base: base_name,
        quote: quote_name,
        interval: interval.to_string(),
        candles,
        paging: Paging::of(&window, &ratio.open_time_ms),
    }))
}
