//! `GET/POST /workspaces/{workspace_id}/trade-plans`,
//! `GET/DELETE /workspaces/{workspace_id}/trade-plans/{plan_id}`, and the legacy
//! `GET/POST /trade-plans` on the default workspace.

use actix_web::{HttpResponse, web};
use paper_trading::{LegDraft, PaperTradingError, TradePlan, TradePlanDraft};

use super::decimal_input::DecimalInput;
use super::dto::TradePlanDto;
use super::marks;
use crate::auth::{DefaultWorkspace, Read, Research, WorkspaceAccess};
use crate::error::{ApiError, ErrorBody, run_blocking};
use crate::startup::AppState;

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct TradePlansResponse {
    /// Oldest first.
    trade_plans: Vec<TradePlanDto>,
}

/// A new trade plan. Numbers may be strings (exact, recommended) or JSON numbers.
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateTradePlanRequest {
    /// The paper account; default `paper-main`.
    account_id: Option<String>,
    /// `single` (one leg), `pair` (two legs on opposite sides) or `basket` (two or more legs).
    trade_type: String,
    /// A short label, at most 64 characters.
    #[serde(default)]
    strategy_tag: String,
    /// At most 4000 characters.
    #[serde(default)]
    thesis: String,
    /// What would prove the thesis wrong; at most 4000 characters.
    #[serde(default)]
    invalidation: String,
    /// The most the plan is meant to lose, > 0; the unit of the R multiple.
    max_risk_amount: Option<DecimalInput>,
    legs: Vec<LegRequest>,
}

/// One leg of a new plan. Its symbol must exist in the market data.
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LegRequest {
    symbol: String,
    /// `long` or `short`.
    side: String,
    /// > 0, at most 8 decimal places.
    planned_quantity: DecimalInput,
    /// > 0, at most 8 decimal places.
    planned_entry_price: DecimalInput,
    /// Recorded, not enforced.
    stop_price: Option<DecimalInput>,
    /// Recorded, not enforced.
    target_price: Option<DecimalInput>,
}

#[derive(Debug, serde::Deserialize)]
pub struct PlanPath {
    pub plan_id: String,
}

#[utoipa::path(get, path = "/api/v1/workspaces/{workspace_id}/trade-plans", tag = "paper trading",
    params(("workspace_id" = String, Path)),
    responses(
        (status = 200, body = TradePlansResponse),
        (status = 404, description = "workspace_not_found", body = ErrorBody),
    ))]
pub async fn list(
    state: web::Data<AppState>,
    access: WorkspaceAccess<Read>,
) -> Result<web::Json<TradePlansResponse>, ApiError> {
    list_in(state, access).await
}

/// Creates a `planned` plan (editors, traders, owners).
#[utoipa::path(post, path = "/api/v1/workspaces/{workspace_id}/trade-plans", tag = "paper trading",
    params(("workspace_id" = String, Path)), request_body = CreateTradePlanRequest,
    responses(
        (status = 201, body = TradePlanDto),
        (status = 400, description = "invalid_input, wrong_leg_count, pair_legs_same_side, repeated_symbol (all with field), invalid_json", body = ErrorBody),
        (status = 403, description = "forbidden", body = ErrorBody),
        (status = 404, description = "workspace_not_found, unknown_symbol (with field), account_not_found", body = ErrorBody),
    ))]
pub async fn create(
    state: web::Data<AppState>,
    access: WorkspaceAccess<Research>,
    body: web::Json<CreateTradePlanRequest>,
) -> Result<HttpResponse, ApiError> {
    create_in(state, access, body.into_inner()).await
}

#[utoipa::path(get, path = "/api/v1/workspaces/{workspace_id}/trade-plans/{plan_id}", tag = "paper trading",
    params(("workspace_id" = String, Path), ("plan_id" = String, Path)),
    responses(
        (status = 200, body = TradePlanDto),
        (status = 404, description = "workspace_not_found, trade_plan_not_found", body = ErrorBody),
    ))]
pub async fn get(
    state: web::Data<AppState>,
    access: WorkspaceAccess<Read>,
    path: web::Path<PlanPath>,
) -> Result<web::Json<TradePlanDto>, ApiError> {
    let store = state.app_state.clone();
    let plan = run_blocking(move || store.trade_plan(&access.workspace.id, &path.plan_id)).await?;
    Ok(web::Json(TradePlanDto::from(&plan)))
}

/// Cancels a `planned` plan (editors, traders, owners); the plan stays, `cancelled`.
#[utoipa::path(delete, path = "/api/v1/workspaces/{workspace_id}/trade-plans/{plan_id}", tag = "paper trading",
    params(("workspace_id" = String, Path), ("plan_id" = String, Path)),
    responses(
        (status = 200, description = "the cancelled plan", body = TradePlanDto),
        (status = 403, description = "forbidden", body = ErrorBody),
        (status = 404, description = "workspace_not_found, trade_plan_not_found", body = ErrorBody),
        (status = 409, description = "invalid_transition: the plan is not planned", body = ErrorBody),
    ))]
pub async fn cancel(
    state: web::Data<AppState>,
    access: WorkspaceAccess<Research>,
    path: web::Path<PlanPath>,
) -> Result<web::Json<TradePlanDto>, ApiError> {
    let store = state.app_state.clone();
    let plan = run_blocking(move || store.cancel_trade_plan(&access.workspace.id, &path.plan_id)).await?;
    Ok(web::Json(TradePlanDto::from(&plan)))
}

/// The plans of the default workspace (`local-workspace`).
#[utoipa::path(get, path = "/api/v1/trade-plans", tag = "paper trading",
    responses(
        (status = 200, body = TradePlansResponse),
        (status = 404, description = "workspace_not_found: the caller is not a member of the default workspace", body = ErrorBody),
    ))]
pub async fn list_default(
    state: web::Data<AppState>,
    DefaultWorkspace(access): DefaultWorkspace<Read>,
) -> Result<web::Json<TradePlansResponse>, ApiError> {
    list_in(state, access).await
}

/// Creates a plan in the default workspace (`local-workspace`).
#[utoipa::path(post, path = "/api/v1/trade-plans", tag = "paper trading", request_body = CreateTradePlanRequest,
    responses(
        (status = 201, body = TradePlanDto),
        (status = 400, description = "invalid_input, wrong_leg_count, pair_legs_same_side, repeated_symbol (all with field), invalid_json", body = ErrorBody),
        (status = 403, description = "forbidden", body = ErrorBody),
        (status = 404, description = "workspace_not_found, unknown_symbol (with field), account_not_found", body = ErrorBody),
    ))]
pub async fn create_default(
    state: web::Data<AppState>,
    DefaultWorkspace(access): DefaultWorkspace<Research>,
    body: web::Json<CreateTradePlanRequest>,
) -> Result<HttpResponse, ApiError> {
    create_in(state, access, body.into_inner()).await
}

async fn list_in(
    state: web::Data<AppState>,
    access: WorkspaceAccess<Read>,
) -> Result<web::Json<TradePlansResponse>, ApiError> {
    let store = state.app_state.clone();
    let plans = run_blocking(move || store.trade_plans(&access.workspace.id)).await?;
    Ok(web::Json(TradePlansResponse { trade_plans: plans.iter().map(TradePlanDto::from).collect() }))
}

async fn create_in(
    state: web::Data<AppState>,
    access: WorkspaceAccess<Research>,
    body: CreateTradePlanRequest,
) -> Result<HttpResponse, ApiError> {
    let plan = TradePlan::from_draft(&body.into_draft()).map_err(PaperTradingError::from)?;
    let (market, store, starting_cash) = (state.market.clone(), state.app_state.clone(), state.paper.starting_cash);
    let stored = run_blocking(move || {
        let legs = plan.symbols().enumerate().map(|(index, symbol)| (format!("legs[{index}].symbol"), symbol));
        marks::require_known(&market, legs)?;
        Ok::<_, ApiError>(store.create_trade_plan(&access.workspace.id, &access.user.id, &plan, starting_cash)?)
    })
    .await?;
    Ok(HttpResponse::Created().json(TradePlanDto::from(&stored)))
}

impl CreateTradePlanRequest {
    fn into_draft(self) -> TradePlanDraft {
        let text = |input: Option<DecimalInput>| input.map(|input| input.0);
        TradePlanDraft {
            account_id: self.account_id,
            trade_type: self.trade_type,
            strategy_tag: self.strategy_tag,
            thesis: self.thesis,
            invalidation: self.invalidation,
            max_risk_amount: text(self.max_risk_amount),
            legs: self
                .legs
                .into_iter()
                .map(|leg| LegDraft {
                    symbol: leg.symbol,
                    side: leg.side,
                    planned_quantity: leg.planned_quantity.0,
                    planned_entry_price: leg.planned_entry_price.0,
                    stop_price: text(leg.stop_price),
                    target_price: text(leg.target_price),
                })
                .collect(),
        }
    }
}
