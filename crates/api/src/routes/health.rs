//! `GET /api/v1/health`: liveness and what market data is loaded.

use actix_web::web;
use market_data::StoreSummary;

use crate::error::{ApiError, ErrorBody, run_blocking};
use crate::startup::AppState;

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct HealthResponse {
    /// Always `ok` when the server answers.
    status: &'static str,
    version: &'static str,
    market_data: MarketDataTotals,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct MarketDataTotals {
    symbols: i64,
    series: i64,
    candles: i64,
}

#[utoipa::path(get, path = "/api/v1/health", tag = "system",
    responses((status = 200, body = HealthResponse), (status = 500, body = ErrorBody)))]
pub async fn get(state: web::Data<AppState>) -> Result<web::Json<HealthResponse>, ApiError> {
    let market = state.market.clone();
    let StoreSummary { symbols, series, candles } = run_blocking(move || market.summary()).await?;
    Ok(web::Json(HealthResponse {
        status: "ok",
        version: env!("CARGO_PKG_VERSION"),
        market_data: MarketDataTotals { symbols, series, candles },
    }))
}
