//! The backtest routes: `POST .../backtests`, `POST .../backtests/category-relative-momentum`,
//! `GET .../backtests`, `GET/DELETE .../backtests/{backtest_id}` and its `equity`, `trades`
//! and `rebalances`; and the legacy routes on the default workspace.

use actix_web::{HttpResponse, web};
use backtest_engine::BacktestReport;

use super::requests::{RelativeMomentumBacktestRequest, SingleSymbolBacktestRequest};
use super::responses::{
    BacktestDetail, BacktestList, BacktestListItem, EquityResponse, RebalancesResponse, TradesResponse,
};
use super::running::{self, Owner};
use crate::auth::{DefaultWorkspace, Read, Research, WorkspaceAccess};
use crate::error::{ApiError, ErrorBody, run_blocking};
use crate::startup::AppState;

#[derive(Debug, serde::Deserialize)]
pub struct BacktestPath {
    backtest_id: String,
}

/// Runs `ma_cross` or `buy_and_hold` on one symbol and stores the result.
#[utoipa::path(post, path = "/api/v1/workspaces/{workspace_id}/backtests", tag = "backtests",
    params(("workspace_id" = String, Path)), request_body = SingleSymbolBacktestRequest,
    responses(
        (status = 201, body = BacktestDetail),
        (status = 400, description = "unknown_strategy, invalid_symbol, invalid_interval, invalid_range, invalid_input (with field: capital, fast >= slow, costs...), invalid_json", body = ErrorBody),
        (status = 403, description = "forbidden (viewers)", body = ErrorBody),
        (status = 404, description = "workspace_not_found, unknown_symbol, no_candles", body = ErrorBody),
        (status = 422, description = "not_enough_data: fewer bars than the moving averages need", body = ErrorBody),
    ))]
pub async fn create_single_symbol(
    state: web::Data<AppState>,
    access: WorkspaceAccess<Research>,
    body: web::Json<SingleSymbolBacktestRequest>,
) -> Result<HttpResponse, ApiError> {
    single_symbol(state, access, body.into_inner()).await
}

/// Runs category relative momentum (long the strongest, short the weakest) and stores it.
#[utoipa::path(post, path = "/api/v1/workspaces/{workspace_id}/backtests/category-relative-momentum", tag = "backtests",
    params(("workspace_id" = String, Path)), request_body = RelativeMomentumBacktestRequest,
    responses(
        (status = 201, body = BacktestDetail),
        (status = 400, description = "unknown_strategy, invalid_interval, invalid_range, invalid_input, invalid_json", body = ErrorBody),
        (status = 403, description = "forbidden (viewers)", body = ErrorBody),
        (status = 404, description = "workspace_not_found, unknown_category", body = ErrorBody),
        (status = 422, description = "universe_too_small, not_enough_data", body = ErrorBody),
    ))]
pub async fn create_relative_momentum(
    state: web::Data<AppState>,
    access: WorkspaceAccess<Research>,
    body: web::Json<RelativeMomentumBacktestRequest>,
) -> Result<HttpResponse, ApiError> {
    relative_momentum(state, access, body.into_inner()).await
}

/// The workspace's backtests, newest first.
#[utoipa::path(get, path = "/api/v1/workspaces/{workspace_id}/backtests", tag = "backtests",
    params(("workspace_id" = String, Path)),
    responses((status = 200, body = BacktestList), (status = 404, description = "workspace_not_found", body = ErrorBody)))]
pub async fn list(
    state: web::Data<AppState>,
    access: WorkspaceAccess<Read>,
) -> Result<web::Json<BacktestList>, ApiError> {
    let store = state.app_state.clone();
    let backtests = run_blocking(move || store.backtests_of(&access.workspace.id)).await?;
    Ok(web::Json(BacktestList { backtests: backtests.iter().map(BacktestListItem::from).collect() }))
}

/// One backtest: request, conventions, data range, metrics and benchmark.
#[utoipa::path(get, path = "/api/v1/workspaces/{workspace_id}/backtests/{backtest_id}", tag = "backtests",
    params(("workspace_id" = String, Path), ("backtest_id" = String, Path)),
    responses((status = 200, body = BacktestDetail), (status = 404, description = "workspace_not_found, backtest_not_found", body = ErrorBody)))]
pub async fn get(
    state: web::Data<AppState>,
    access: WorkspaceAccess<Read>,
    path: web::Path<BacktestPath>,
) -> Result<web::Json<BacktestDetail>, ApiError> {
    detail(state, access, path.into_inner()).await
}

/// The equity curve with drawdown and the benchmark's equity.
#[utoipa::path(get, path = "/api/v1/workspaces/{workspace_id}/backtests/{backtest_id}/equity", tag = "backtests",
    params(("workspace_id" = String, Path), ("backtest_id" = String, Path)),
    responses((status = 200, body = EquityResponse), (status = 404, description = "workspace_not_found, backtest_not_found", body = ErrorBody)))]
pub async fn equity(
    state: web::Data<AppState>,
    access: WorkspaceAccess<Read>,
    path: web::Path<BacktestPath>,
) -> Result<web::Json<EquityResponse>, ApiError> {
    let (_, report) = load(&state, access.workspace.id, path.into_inner().backtest_id).await?;
    Ok(web::Json(EquityResponse::new(&report)))
}

/// The trades, in the order they were closed.
#[utoipa::path(get, path = "/api/v1/workspaces/{workspace_id}/backtests/{backtest_id}/trades", tag = "backtests",
    params(("workspace_id" = String, Path), ("backtest_id" = String, Path)),
    responses((status = 200, body = TradesResponse), (status = 404, description = "workspace_not_found, backtest_not_found", body = ErrorBody)))]
pub async fn trades(
    state: web::Data<AppState>,
    access: WorkspaceAccess<Read>,
    path: web::Path<BacktestPath>,
) -> Result<web::Json<TradesResponse>, ApiError> {
    let (_, report) = load(&state, access.workspace.id, path.into_inner().backtest_id).await?;
    Ok(web::Json(TradesResponse::new(&report)))
}

/// The rebalances of a relative-momentum backtest (empty for single-symbol ones).
#[utoipa::path(get, path = "/api/v1/workspaces/{workspace_id}/backtests/{backtest_id}/rebalances", tag = "backtests",
    params(("workspace_id" = String, Path), ("backtest_id" = String, Path)),
    responses((status = 200, body = RebalancesResponse), (status = 404, description = "workspace_not_found, backtest_not_found", body = ErrorBody)))]
pub async fn rebalances(
    state: web::Data<AppState>,
    access: WorkspaceAccess<Read>,
    path: web::Path<BacktestPath>,
) -> Result<web::Json<RebalancesResponse>, ApiError> {
    let (_, report) = load(&state, access.workspace.id, path.into_inner().backtest_id).await?;
    Ok(web::Json(RebalancesResponse::new(&report)))
}

#[utoipa::path(delete, path = "/api/v1/workspaces/{workspace_id}/backtests/{backtest_id}", tag = "backtests",
    params(("workspace_id" = String, Path), ("backtest_id" = String, Path)),
    responses(
        (status = 204),
        (status = 403, description = "forbidden (viewers)", body = ErrorBody),
        (status = 404, description = "workspace_not_found, backtest_not_found", body = ErrorBody),
    ))]
pub async fn delete(
    state: web::Data<AppState>,
    access: WorkspaceAccess<Research>,
    path: web::Path<BacktestPath>,
) -> Result<HttpResponse, ApiError> {
    let (store, backtest_id) = (state.app_state.clone(), path.into_inner().backtest_id);
    run_blocking(move || store.delete_backtest(&access.workspace.id, &backtest_id)).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Legacy: `POST /api/v1/backtests` on the default workspace.
#[utoipa::path(post, path = "/api/v1/backtests", tag = "backtests", request_body = SingleSymbolBacktestRequest,
    responses((status = 201, body = BacktestDetail), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn legacy_create_single_symbol(
    state: web::Data<AppState>,
    DefaultWorkspace(access): DefaultWorkspace<Research>,
    body: web::Json<SingleSymbolBacktestRequest>,
) -> Result<HttpResponse, ApiError> {
    single_symbol(state, access, body.into_inner()).await
}

/// Legacy: `POST /api/v1/backtests/category-relative-momentum` on the default workspace.
#[utoipa::path(post, path = "/api/v1/backtests/category-relative-momentum", tag = "backtests",
    request_body = RelativeMomentumBacktestRequest,
    responses((status = 201, body = BacktestDetail), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn legacy_create_relative_momentum(
    state: web::Data<AppState>,
    DefaultWorkspace(access): DefaultWorkspace<Research>,
    body: web::Json<RelativeMomentumBacktestRequest>,
) -> Result<HttpResponse, ApiError> {
    relative_momentum(state, access, body.into_inner()).await
}

/// Legacy: `GET /api/v1/backtests/{backtest_id}`, only backtests of the default workspace.
#[utoipa::path(get, path = "/api/v1/backtests/{backtest_id}", tag = "backtests", params(("backtest_id" = String, Path)),
    responses((status = 200, body = BacktestDetail), (status = 404, description = "backtest_not_found", body = ErrorBody)))]
pub async fn legacy_get(
    state: web::Data<AppState>,
    DefaultWorkspace(access): DefaultWorkspace<Read>,
    path: web::Path<BacktestPath>,
) -> Result<web::Json<BacktestDetail>, ApiError> {
    detail(state, access, path.into_inner()).await
}

async fn single_symbol(
    state: web::Data<AppState>,
    access: WorkspaceAccess<Research>,
    body: SingleSymbolBacktestRequest,
) -> Result<HttpResponse, ApiError> {
    let plan = body.check()?;
    let owner = Owner { workspace_id: access.workspace.id, user_id: access.user.id };
    let (market, store) = (state.market.clone(), state.app_state.clone());
    let (summary, report, request) = run_blocking(move || {
        let (summary, report) = running::run_single_symbol(&market, &store, &owner, &plan)?;
        Ok::<_, ApiError>((summary, report, request_json(&plan)?))
    })
    .await?;
    Ok(HttpResponse::Created().json(BacktestDetail::new(&summary, request, &report)))
}

async fn relative_momentum(
    state: web::Data<AppState>,
    access: WorkspaceAccess<Research>,
    body: RelativeMomentumBacktestRequest,
) -> Result<HttpResponse, ApiError> {
    let plan = body.check(&access.workspace.default_quote_asset)?;
    let owner = Owner { workspace_id: access.workspace.id, user_id: access.user.id };
    let (market, store) = (state.market.clone(), state.app_state.clone());
    let (summary, report, request) = run_blocking(move || {
        let (summary, report) = running::run_relative_momentum(&market, &store, &owner, &plan)?;
        Ok::<_, ApiError>((summary, report, request_json(&plan)?))
    })
    .await?;
    Ok(HttpResponse::Created().json(BacktestDetail::new(&summary, request, &report)))
}

async fn detail(
    state: web::Data<AppState>,
    access: WorkspaceAccess<Read>,
    path: BacktestPath,
) -> Result<web::Json<BacktestDetail>, ApiError> {
    let (stored, report) = load(&state, access.workspace.id, path.backtest_id).await?;
    let request = serde_json::from_str(&stored.request_json).map_err(ApiError::internal)?;
    Ok(web::Json(BacktestDetail::new(&stored.summary, request, &report)))
}

/// A stored backtest of the workspace with its report read back.
async fn load(
    state: &AppState,
    workspace_id: String,
    backtest_id: String,
) -> Result<(app_state_store::StoredBacktest, BacktestReport), ApiError> {
    let store = state.app_state.clone();
    run_blocking(move || {
        let stored = store.backtest(&workspace_id, &backtest_id)?;
        let report: BacktestReport = serde_json::from_str(&stored.report_json).map_err(ApiError::internal)?;
        Ok::<_, ApiError>((stored, report))
    })
    .await
}

fn request_json(plan: &impl serde::Serialize) -> Result<serde_json::Value, ApiError> {
    serde_json::to_value(plan).map_err(ApiError::internal)
}
