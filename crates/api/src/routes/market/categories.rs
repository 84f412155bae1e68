//! `GET /api/v1/categories`: the symbol categories (sectors).

use actix_web::web;
use market_data::SymbolFilter;

use crate::error::{ApiError, ErrorBody, run_blocking};
use crate::startup::AppState;

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct CategoriesResponse {
    categories: Vec<CategoryDto>,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct CategoryDto {
    name: String,
    /// Every symbol the category map lists, alphabetically.
    symbols: Vec<String>,
    /// Those of them that have candles in the market data.
    symbols_with_data: Vec<String>,
}

#[utoipa::path(get, path = "/api/v1/categories", tag = "market data",
    responses((status = 200, body = CategoriesResponse), (status = 500, body = ErrorBody)))]
pub async fn list(state: web::Data<AppState>) -> Result<web::Json<CategoriesResponse>, ApiError> {
    let market = state.market.clone();
    let stored = run_blocking(move || market.symbols(&SymbolFilter::default())).await?;
    let categories = state
        .market
        .categories()
        .iter()
        .map(|(name, symbols)| CategoryDto {
            name: name.to_owned(),
            symbols: symbols.iter().map(ToString::to_string).collect(),
            symbols_with_data: symbols
                .iter()
                .filter(|symbol| stored.binary_search_by(|info| info.symbol.cmp(symbol)).is_ok())
                .map(ToString::to_string)
                .collect(),
        })
        .collect();
    Ok(web::Json(CategoriesResponse { categories }))
}
