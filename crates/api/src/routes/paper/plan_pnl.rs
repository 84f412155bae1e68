//! `GET /workspaces/{workspace_id}/trade-plans/{plan_id}/pnl`: realized once closed,
//! unrealized while open.

use actix_web::web;
use paper_trading::{LegPnl, Marks, PaperTradingError, PlanPnl, PlanStatus, PnlKind};

use super::marks;
use super::trade_plans::PlanPath;
use crate::auth::{Read, WorkspaceAccess};
use crate::error::{ApiError, ErrorBody, run_blocking};
use crate::startup::AppState;

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct MarksQuery {
    /// Prices to value an open plan at, as `SYMBOL:PRICE` pairs separated by commas, e.g.
    /// `BTCUSDT:61000,ETHUSDT:3100.5`. Legs without one are valued at their latest close.
    /// Ignored once the plan is closed.
    pub marks: Option<String>,
}

/// The P&L of a plan. Amounts are decimal strings in the account's quote asset.
/// `gross_pnl` is `(exit - entry) x quantity` for a long and `(entry - exit) x quantity`
/// for a short; `fees` are the fees paid so far (entry and exit once closed, entry only
/// while open); `net_pnl = gross_pnl - fees`.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct PlanPnlDto {
    plan_id: String,
    /// `open` or `closed`.
    status: &'static str,
    /// `realized` (closed: the exit fills) or `unrealized` (open: valued at marks).
    kind: &'static str,
    gross_pnl: String,
    fees: String,
    net_pnl: String,
    max_risk_amount: Option<String>,
    /// `net_pnl / max_risk_amount`, rounded half away from zero to 4 places; `null`
    /// without a maximum risk.
    r_multiple: Option<String>,
    legs: Vec<LegPnlDto>,
}

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct LegPnlDto {
    leg_index: usize,
    symbol: String,
    /// `long` or `short`.
    side: &'static str,
    quantity: String,
    entry_price: String,
    /// The exit fill's price once closed; the mark while open.
    exit_price: String,
    /// `given` or `latest_close`.
    exit_price_source: &'static str,
    gross_pnl: String,
    fees: String,
    net_pnl: String,
}

#[utoipa::path(get, path = "/api/v1/workspaces/{workspace_id}/trade-plans/{plan_id}/pnl", tag = "paper trading",
    params(("workspace_id" = String, Path), ("plan_id" = String, Path), MarksQuery),
    responses(
        (status = 200, body = PlanPnlDto),
        (status = 400, description = "invalid_input (field marks or marks.SYMBOL), invalid_symbol", body = ErrorBody),
        (status = 404, description = "workspace_not_found, trade_plan_not_found", body = ErrorBody),
        (status = 409, description = "plan_never_opened: a planned or cancelled plan has no p&l", body = ErrorBody),
        (status = 422, description = "missing_mark", body = ErrorBody),
    ))]
pub async fn get(
    state: web::Data<AppState>,
    access: WorkspaceAccess<Read>,
    path: web::Path<PlanPath>,
    query: web::Query<MarksQuery>,
) -> Result<web::Json<PlanPnlDto>, ApiError> {
    let given = marks::from_query(query.marks.as_deref())?;
    let (market, store) = (state.market.clone(), state.app_state.clone());
    let (plan, pnl) = run_blocking(move || {
        let plan = store.trade_plan(&access.workspace.id, &path.plan_id)?;
        let marks = match plan.trade.status() {
            PlanStatus::Open => {
                marks::resolve(&market, plan.trade.plan().symbols(), given, "marks", "a leg of this plan")?
            }
            PlanStatus::Planned | PlanStatus::Closed | PlanStatus::Cancelled => Marks::new(),
        };
        let pnl = plan.trade.pnl(&marks).map_err(PaperTradingError::from)?;
        Ok::<_, ApiError>((plan, pnl))
    })
    .await?;
    let PlanPnl { kind, legs, gross_pnl, fees, net_pnl, r_multiple } = pnl;
    Ok(web::Json(PlanPnlDto {
        plan_id: plan.id,
        status: plan.trade.status().as_str(),
        kind: match kind {
            PnlKind::Realized => "realized",
            PnlKind::Unrealized => "unrealized",
        },
        gross_pnl: gross_pnl.to_string(),
        fees: fees.to_string(),
        net_pnl: net_pnl.to_string(),
        max_risk_amount: plan.trade.plan().max_risk_amount().map(|risk| risk.to_string()),
        r_multiple: r_multiple.map(|r| r.to_string()),
        legs: legs.iter().map(LegPnlDto::from).collect(),
    }))
}

impl From<&LegPnl> for LegPnlDto {
    fn from(leg: &LegPnl) -> Self {
        Self {
            leg_index: leg.leg_index,
            symbol: leg.symbol.to_string(),
            side: leg.side.as_str(),
            quantity: leg.quantity.to_string(),
            entry_price: leg.entry_price.to_string(),
            exit_price: leg.exit_price.to_string(),
            exit_price_source: leg.exit_price_source.as_str(),
            gross_pnl: leg.gross_pnl.to_string(),
            fees: leg.fees.to_string(),
            net_pnl: leg.net_pnl.to_string(),
        }
    }
}
