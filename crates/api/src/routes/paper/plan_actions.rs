//! `POST /workspaces/{workspace_id}/trade-plans/{plan_id}/paper-open` and `.../paper-close`:
//! fill every leg on paper at its mark.

use std::collections::BTreeMap;

use actix_web::web;
use paper_trading::{FeeBps, PaperTradingError};

use super::decimal_input::DecimalInput;
use super::dto::{FillDto, TradePlanDto};
use super::marks;
use super::trade_plans::PlanPath;
use crate::auth::{Trade, WorkspaceAccess};
use crate::error::{ApiError, ErrorBody, run_blocking};
use crate::startup::AppState;

/// How to fill the legs. `{}` fills every leg at its latest close without fees.
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExecutePlanRequest {
    /// Prices by symbol, e.g. `{"BTCUSDT": "60000"}`; each must be a symbol of the plan. A
    /// leg without one fills at its symbol's latest close in the market data (the close of
    /// the most recent candle of any stored interval).
    #[serde(default)]
    mark_prices: BTreeMap<String, DecimalInput>,
    /// The fee rate in basis points of each fill's notional, 0 to 10000 with at most 4
    /// decimal places; default 0.
    fee_bps: Option<DecimalInput>,
}

/// The plan after the action, and the fills it made (one per leg).
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct PlanActionResponse {
    plan: TradePlanDto,
    fills: Vec<FillDto>,
}

/// Paper-opens a `planned` plan (traders, owners): one entry fill per leg (a long buys, a
/// short sells) of its planned quantity at its mark. Of two concurrent calls exactly one
/// succeeds; the other gets 409 `invalid_transition`.
#[utoipa::path(post, path = "/api/v1/workspaces/{workspace_id}/trade-plans/{plan_id}/paper-open", tag = "paper trading",
    params(("workspace_id" = String, Path), ("plan_id" = String, Path)), request_body = ExecutePlanRequest,
    responses(
        (status = 200, body = PlanActionResponse),
        (status = 400, description = "invalid_input (with field: fee_bps, mark_prices.SYMBOL), invalid_symbol, invalid_json", body = ErrorBody),
        (status = 403, description = "forbidden", body = ErrorBody),
        (status = 404, description = "workspace_not_found, trade_plan_not_found", body = ErrorBody),
        (status = 409, description = "invalid_transition: the plan is not planned", body = ErrorBody),
        (status = 422, description = "missing_mark: a leg has neither a given price nor candles", body = ErrorBody),
    ))]
pub async fn paper_open(
    state: web::Data<AppState>,
    access: WorkspaceAccess<Trade>,
    path: web::Path<PlanPath>,
    body: web::Json<ExecutePlanRequest>,
) -> Result<web::Json<PlanActionResponse>, ApiError> {
    execute(state, access, path.into_inner(), body.into_inner(), Execution::PaperOpen).await
}

/// Paper-closes an `open` plan (traders, owners): one exit fill per leg, the reverse of
/// its entry, at its mark. The plan's P&L is then realized.
#[utoipa::path(post, path = "/api/v1/workspaces/{workspace_id}/trade-plans/{plan_id}/paper-close", tag = "paper trading",
    params(("workspace_id" = String, Path), ("plan_id" = String, Path)), request_body = ExecutePlanRequest,
    responses(
        (status = 200, body = PlanActionResponse),
        (status = 400, description = "invalid_input (with field: fee_bps, mark_prices.SYMBOL), invalid_symbol, invalid_json", body = ErrorBody),
        (status = 403, description = "forbidden", body = ErrorBody),
        (status = 404, description = "workspace_not_found, trade_plan_not_found", body = ErrorBody),
        (status = 409, description = "invalid_transition: the plan is not open", body = ErrorBody),
        (status = 422, description = "missing_mark: a leg has neither a given price nor candles", body = ErrorBody),
    ))]
pub async fn paper_close(
    state: web::Data<AppState>,
    access: WorkspaceAccess<Trade>,
    path: web::Path<PlanPath>,
    body: web::Json<ExecutePlanRequest>,
) -> Result<web::Json<PlanActionResponse>, ApiError> {
    execute(state, access, path.into_inner(), body.into_inner(), Execution::PaperClose).await
}

#[derive(Debug, Clone, Copy)]
enum Execution {
    PaperOpen,
    PaperClose,
}

async fn execute(
    state: web::Data<AppState>,
    access: WorkspaceAccess<Trade>,
    path: PlanPath,
    body: ExecutePlanRequest,
    execution: Execution,
) -> Result<web::Json<PlanActionResponse>, ApiError> {
    let given = marks::from_body(&body.mark_prices)?;
    let fee_bps = match &body.fee_bps {
        Some(raw) => FeeBps::parse(raw.as_str())
            .map_err(|error| ApiError::from(PaperTradingError::from(error)).with_field("fee_bps"))?,
        None => FeeBps::ZERO,
    };
    let (market, store) = (state.market.clone(), state.app_state.clone());
    let (workspace_id, user_id, plan_id) = (access.workspace.id, access.user.id, path.plan_id);
    let plan = run_blocking(move || {
        // The legs never change, so reading them before the transaction is safe; the
        // status is checked inside it.
        let plan = store.trade_plan(&workspace_id, &plan_id)?;
        let marks = marks::resolve(&market, plan.trade.plan().symbols(), given, "mark_prices", "a leg of this plan")?;
        let executed = match execution {
            Execution::PaperOpen => store.paper_open_trade_plan(&workspace_id, &plan_id, &user_id, &marks, fee_bps),
            Execution::PaperClose => store.paper_close_trade_plan(&workspace_id, &plan_id, &user_id, &marks, fee_bps),
        };
        Ok::<_, ApiError>(executed?)
    })
    .await?;
    let account_id = plan.trade.plan().account_id().to_string();
    let fills = match execution {
        Execution::PaperOpen => plan.trade.entry_fills(),
        Execution::PaperClose => plan.trade.exit_fills(),
    };
    let fills = fills.iter().map(|fill| FillDto::new(&plan.id, &account_id, fill)).collect();
    Ok(web::Json(PlanActionResponse { plan: TradePlanDto::from(&plan), fills }))
}
