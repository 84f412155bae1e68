//! The response shapes paper trading shares: plans, legs and fills. Every amount is a
//! decimal string (`"0.5"`, `"60000.25"`), exact, never a float; times are Unix seconds.

use crate::routes::market::seconds;
use app_state_store::{StoredFill, StoredPlan};
use paper_trading::{Fill, Leg};

/// A trade plan with its status.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct TradePlanDto {
    pub id: String,
    pub workspace_id: String,
    pub account_id: String,
    /// `planned`, `open`, `closed` or `cancelled`.
    pub status: &'static str,
    /// `single`, `pair` or `basket`.
    pub trade_type: &'static str,
    pub strategy_tag: String,
    pub thesis: String,
    pub invalidation: String,
    /// Decimal string, in the account's quote asset; the unit of the R multiple.
    pub max_risk_amount: Option<String>,
    pub legs: Vec<LegDto>,
    /// The user who made the plan (`null` once that user is gone).
    pub created_by: Option<String>,
    /// Unix seconds.
    pub created_at: i64,
    /// Unix seconds of the last status change.
    pub updated_at: i64,
}

/// One leg of a plan. Prices and quantities are decimal strings.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct LegDto {
    /// The leg's place in `legs`, which its fills and P&L refer to.
    pub leg_index: usize,
    pub symbol: String,
    /// `long` or `short`.
    pub side: &'static str,
    pub planned_quantity: String,
    pub planned_entry_price: String,
    pub stop_price: Option<String>,
    pub target_price: Option<String>,
}

/// One paper fill: one per leg at paper-open (`entry`) and one at paper-close (`exit`).
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct FillDto {
    pub plan_id: String,
    pub account_id: String,
    pub leg_index: usize,
    /// `entry` or `exit`.
    pub kind: &'static str,
    pub symbol: String,
    /// `buy` or `sell`.
    pub side: &'static str,
    pub quantity: String,
    pub price: String,
    /// `quantity x price`, exact.
    pub notional: String,
    pub fee_bps: String,
    /// `notional x fee_bps / 10000`, rounded half away from zero to 8 decimal places.
    pub fee: String,
    /// `given` (in the request) or `latest_close` (of the market data).
    pub mark_source: &'static str,
    /// Unix seconds.
    pub filled_at: i64,
}

impl From<&StoredPlan> for TradePlanDto {
    fn from(stored: &StoredPlan) -> Self {
        let plan = stored.trade.plan();
        Self {
            id: stored.id.clone(),
            workspace_id: stored.workspace_id.clone(),
            account_id: plan.account_id().to_string(),
            status: stored.trade.status().as_str(),
            trade_type: plan.trade_type().as_str(),
            strategy_tag: plan.strategy_tag().to_owned(),
            thesis: plan.thesis().to_owned(),
            invalidation: plan.invalidation().to_owned(),
            max_risk_amount: plan.max_risk_amount().map(|risk| risk.to_string()),
            legs: plan.legs().iter().enumerate().map(|(index, leg)| LegDto::new(index, leg)).collect(),
            created_by: stored.created_by.clone(),
            created_at: seconds(stored.created_at_ms),
            updated_at: seconds(stored.updated_at_ms),
        }
    }
}

impl LegDto {
    fn new(leg_index: usize, leg: &Leg) -> Self {
        Self {
            leg_index,
            symbol: leg.symbol.to_string(),
            side: leg.side.as_str(),
            planned_quantity: leg.planned_quantity.to_string(),
            planned_entry_price: leg.planned_entry_price.to_string(),
            stop_price: leg.stop_price.map(|price| price.to_string()),
            target_price: leg.target_price.map(|price| price.to_string()),
        }
    }
}

impl FillDto {
    pub fn new(plan_id: &str, account_id: &str, fill: &Fill) -> Self {
        Self {
            plan_id: plan_id.to_owned(),
            account_id: account_id.to_owned(),
            leg_index: fill.leg_index(),
            kind: fill.kind().as_str(),
            symbol: fill.symbol().to_string(),
            side: fill.side().as_str(),
            quantity: fill.quantity().to_string(),
            price: fill.price().to_string(),
            notional: fill.notional().to_string(),
            fee_bps: fill.fee_bps().to_string(),
            fee: fill.fee().to_string(),
            mark_source: fill.mark_source().as_str(),
            filled_at: seconds(fill.time_ms()),
        }
    }
}

impl From<&StoredFill> for FillDto {
    fn from(stored: &StoredFill) -> Self {
        Self::new(&stored.plan_id, &stored.account_id, &stored.fill)
    }
}
