//! `GET /api/v1/symbols`: symbols with their categories and per-interval coverage.

use actix_web::web;
use market_data::{Coverage, SymbolFilter, SymbolInfo};

use super::window::seconds;
use crate::error::{ApiError, ErrorBody, run_blocking};
use crate::startup::AppState;

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct SymbolsQuery {
    /// Only symbols quoted in this asset, e.g. `USDT`.
    quote_asset: Option<String>,
    /// Only symbols of this category, e.g. `Layer 1`.
    category: Option<String>,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct SymbolsResponse {
    symbols: Vec<SymbolDto>,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct SymbolDto {
    symbol: String,
    base_asset: String,
    quote_asset: String,
    categories: Vec<String>,
    /// One entry per interval that has candles.
    coverage: Vec<CoverageDto>,
}

/// What is stored for one interval. Times are Unix seconds.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct CoverageDto {
    interval: String,
    first_open_time: i64,
    last_open_time: i64,
    last_close_time: i64,
    candles: i64,
    /// Holes where one or more candles are missing.
    gap_count: i64,
    missing_candles: i64,
    largest_gap_candles: i64,
}

#[utoipa::path(get, path = "/api/v1/symbols", tag = "market data", params(SymbolsQuery),
    responses(
        (status = 200, body = SymbolsResponse),
        (status = 404, description = "unknown_category", body = ErrorBody),
    ))]
pub async fn list(
    state: web::Data<AppState>,
    query: web::Query<SymbolsQuery>,
) -> Result<web::Json<SymbolsResponse>, ApiError> {
    let query = query.into_inner();
    let filter = SymbolFilter { quote_asset: query.quote_asset, category: query.category };
    let market = state.market.clone();
    let symbols = run_blocking(move || market.symbols(&filter)).await?;
    Ok(web::Json(SymbolsResponse { symbols: symbols.into_iter().map(SymbolDto::from).collect() }))
}

impl From<SymbolInfo> for SymbolDto {
    fn from(info: SymbolInfo) -> Self {
        Self {
            symbol: info.symbol.to_string(),
            base_asset: info.base_asset,
            quote_asset: info.quote_asset,
            categories: info.categories,
            coverage: info
                .coverage
                .into_iter()
                .map(|(interval, coverage)| CoverageDto::new(interval, coverage))
                .collect(),
        }
    }
}

impl CoverageDto {
    fn new(interval: market_types::Interval, coverage: Coverage) -> Self {
        Self {
            interval: interval.to_string(),
            first_open_time: seconds(coverage.first_open_time_ms),
            last_open_time: seconds(coverage.last_open_time_ms),
            last_close_time: seconds(coverage.last_close_time_ms),
            candles: coverage.candle_count,
            gap_count: coverage.gap_count,
            missing_candles: coverage.missing_candles,
            largest_gap_candles: coverage.largest_gap_candles,
        }
    }
}
