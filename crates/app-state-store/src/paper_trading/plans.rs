//! Trade plans: creating and listing them, and the lifecycle actions (cancel, paper-open,
//! paper-close), each one IMMEDIATE transaction with a conditional status update.

use std::collections::HashMap;

use paper_trading::{
    ExecutionError, FeeBps, Fill, InvalidTransition, Marks, PaperTrade, PaperTradingError, PlanAction, PlanStatus,
    StartingCash, TradePlan,
};
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};

use super::accounts::{account_exists, ensure_default_account};
use super::fills::{fills_of_plan, fills_of_workspace, insert_fill};
use super::{StoredFill, StoredPlan, stored};
use crate::connection::AppStateStore;
use crate::error::{Result, StoreError};
use crate::{new_id, now_ms};

impl AppStateStore {
    /// Stores a new `planned` plan made by `user_id`. The plan's account must exist in the
    /// workspace (`NotFound` "account" otherwise); `paper-main` is created on the way with
    /// `default_starting_cash`.
    pub fn create_trade_plan(
        &self,
        workspace_id: &str,
        user_id: &str,
        plan: &TradePlan,
        default_starting_cash: StartingCash,
    ) -> Result<StoredPlan> {
        let plan_json = serde_json::to_string(plan).map_err(|error| StoreError::Internal(error.to_string()))?;
        self.write(|transaction| {
            ensure_default_account(transaction, workspace_id, default_starting_cash)?;
            if !account_exists(transaction, workspace_id, plan.account_id().as_str())? {
                return Err(StoreError::NotFound { what: "account" });
            }
            let (id, now) = (new_id(), now_ms());
            transaction.execute(
                "INSERT INTO trade_plans (id, workspace_id, account_id, status, plan, created_by, created_at, updated_at)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                params![id, workspace_id, plan.account_id().as_str(), PlanStatus::Planned.as_str(), plan_json, user_id, now, now],
            )?;
            Ok(StoredPlan {
                id,
                workspace_id: workspace_id.to_owned(),
                trade: PaperTrade::new(plan.clone()),
                created_by: Some(user_id.to_owned()),
                created_at_ms: now,
                updated_at_ms: now,
            })
        })
    }

    /// The plans of a workspace, oldest first.
    pub fn trade_plans(&self, workspace_id: &str) -> Result<Vec<StoredPlan>> {
        self.read(|connection| {
            let mut fills_by_plan: HashMap<String, Vec<Fill>> = HashMap::new();
            for stored in fills_of_workspace(connection, workspace_id)? {
                fills_by_plan.entry(stored.plan_id).or_default().push(stored.fill);
            }
            let mut statement = connection.prepare_cached(&format!(
                "SELECT {PLAN_COLUMNS} FROM trade_plans WHERE workspace_id = ? ORDER BY created_at, id"
            ))?;
            let rows = statement.query_map([workspace_id], PlanRow::read)?.collect::<rusqlite::Result<Vec<_>>>()?;
            rows.into_iter()
                .map(|row| {
                    let fills = fills_by_plan.remove(&row.id).unwrap_or_default();
                    row.restore(fills)
                })
                .collect()
        })
    }

    /// One plan of a workspace; `NotFound` "trade plan" for a plan of another workspace.
    pub fn trade_plan(&self, workspace_id: &str, plan_id: &str) -> Result<StoredPlan> {
        self.read(|connection| load_plan(connection, workspace_id, plan_id))
    }

    /// The fills of one plan of a workspace, in the order they were made.
    pub fn trade_plan_fills(&self, workspace_id: &str, plan_id: &str) -> Result<Vec<StoredFill>> {
        self.read(|connection| {
            if !plan_exists(connection, workspace_id, plan_id)? {
                return Err(StoreError::NotFound { what: "trade plan" });
            }
            fills_of_plan(connection, workspace_id, plan_id)
        })
    }

    /// Cancels a `planned` plan; any other status is an invalid transition.
    pub fn cancel_trade_plan(&self, workspace_id: &str, plan_id: &str) -> Result<StoredPlan> {
        self.write(|transaction| {
            let mut plan = load_plan(transaction, workspace_id, plan_id)?;
            let from = plan.trade.status();
            plan.trade.cancel().map_err(PaperTradingError::from)?;
            plan.updated_at_ms = now_ms();
            update_status(transaction, &plan, from, PlanAction::Cancel)?;
            Ok(plan)
        })
    }

    /// Paper-opens a `planned` plan: one entry fill per leg at its symbol's mark, charged
    /// `fee_bps`, stamped now, made by `user_id`. The status change and the fills are
    /// written together; a plan that is no longer `planned` is an invalid transition.
    pub fn paper_open_trade_plan(
        &self,
        workspace_id: &str,
        plan_id: &str,
        user_id: &str,
        marks: &Marks,
        fee_bps: FeeBps,
    ) -> Result<StoredPlan> {
        self.execute_plan(workspace_id, plan_id, user_id, PlanAction::PaperOpen, |trade, time_ms| {
            trade.paper_open(marks, fee_bps, time_ms).map(<[Fill]>::to_vec)
        })
    }

    /// Paper-closes an `open` plan: one exit fill per leg, otherwise like
    /// [`Self::paper_open_trade_plan`].
    pub fn paper_close_trade_plan(
        &self,
        workspace_id: &str,
        plan_id: &str,
        user_id: &str,
        marks: &Marks,
        fee_bps: FeeBps,
    ) -> Result<StoredPlan> {
        self.execute_plan(workspace_id, plan_id, user_id, PlanAction::PaperClose, |trade, time_ms| {
            trade.paper_close(marks, fee_bps, time_ms).map(<[Fill]>::to_vec)
        })
    }

    /// Loads the plan, runs `action` on it, and writes the status change and the new fills,
    /// all in one IMMEDIATE transaction.
    fn execute_plan(
        &self,
        workspace_id: &str,
        plan_id: &str,
        user_id: &str,
        action: PlanAction,
        execute: impl FnOnce(&mut PaperTrade, i64) -> Result<Vec<Fill>, ExecutionError>,
    ) -> Result<StoredPlan> {
        self.write(|transaction| {
            let mut plan = load_plan(transaction, workspace_id, plan_id)?;
            let from = plan.trade.status();
            let now = now_ms();
            let fills = execute(&mut plan.trade, now).map_err(PaperTradingError::from)?;
            plan.updated_at_ms = now;
            update_status(transaction, &plan, from, action)?;
            let account_id = plan.trade.plan().account_id().as_str();
            // The account must still hold together with these fills (amounts in range), or
            // nothing is written: accounts are rebuilt from their fills on every read.
            let mut account = super::accounts::account(transaction, workspace_id, account_id)?
                .ok_or(StoreError::NotFound { what: "account" })?
                .account;
            account.apply_fills(&fills).map_err(PaperTradingError::from)?;
            for fill in &fills {
                insert_fill(transaction, workspace_id, plan_id, account_id, user_id, fill)?;
            }
            Ok(plan)
        })
    }
}

const PLAN_COLUMNS: &str = "id, workspace_id, status, plan, created_by, created_at, updated_at";

fn load_plan(connection: &Connection, workspace_id: &str, plan_id: &str) -> Result<StoredPlan> {
    let row = connection
        .query_row(
            &format!("SELECT {PLAN_COLUMNS} FROM trade_plans WHERE workspace_id = ? AND id = ?"),
            params![workspace_id, plan_id],
            PlanRow::read,
        )
        .optional()?
        .ok_or(StoreError::NotFound { what: "trade plan" })?;
    let fills = fills_of_plan(connection, workspace_id, plan_id)?.into_iter().map(|stored| stored.fill).collect();
    row.restore(fills)
}

fn plan_exists(connection: &Connection, workspace_id: &str, plan_id: &str) -> Result<bool> {
    Ok(connection.query_row(
        "SELECT EXISTS (SELECT 1 FROM trade_plans WHERE workspace_id = ? AND id = ?)",
        params![workspace_id, plan_id],
        |row| row.get(0),
    )?)
}

/// Writes the plan's new status, on condition that the stored one is still `from`. Inside
/// an IMMEDIATE transaction that holds; the condition keeps it so should that change.
fn update_status(transaction: &Transaction<'_>, plan: &StoredPlan, from: PlanStatus, action: PlanAction) -> Result<()> {
    let changed = transaction.execute(
        "UPDATE trade_plans SET status = ?, updated_at = ? WHERE workspace_id = ? AND id = ? AND status = ?",
        params![plan.trade.status().as_str(), plan.updated_at_ms, plan.workspace_id, plan.id, from.as_str()],
    )?;
    if changed != 1 {
        let current: Option<String> = transaction
            .query_row("SELECT status FROM trade_plans WHERE id = ?", [&plan.id], |row| row.get(0))
            .optional()?;
        let from = current.as_deref().and_then(|raw| PlanStatus::parse(raw).ok()).unwrap_or(from);
        return Err(PaperTradingError::from(InvalidTransition { from, action }).into());
    }
    Ok(())
}

struct PlanRow {
    id: String,
    workspace_id: String,
    status: String,
    plan_json: String,
    created_by: Option<String>,
    created_at_ms: i64,
    updated_at_ms: i64,
}

impl PlanRow {
    fn read(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Self {
            id: row.get(0)?,
            workspace_id: row.get(1)?,
            status: row.get(2)?,
            plan_json: row.get(3)?,
            created_by: row.get(4)?,
            created_at_ms: row.get(5)?,
            updated_at_ms: row.get(6)?,
        })
    }

    /// Rebuilds the trade through the domain's checks.
    fn restore(self, fills: Vec<Fill>) -> Result<StoredPlan> {
        let plan: TradePlan = stored("trade plan", serde_json::from_str(&self.plan_json))?;
        let status = stored("plan status", PlanStatus::parse(&self.status))?;
        let trade = stored("trade", PaperTrade::restore(plan, status, fills))?;
        Ok(StoredPlan {
            id: self.id,
            workspace_id: self.workspace_id,
            trade,
            created_by: self.created_by,
            created_at_ms: self.created_at_ms,
            updated_at_ms: self.updated_at_ms,
        })
    }
}
