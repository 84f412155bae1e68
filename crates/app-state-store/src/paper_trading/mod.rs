//! Paper trading in the app-state database: accounts, trade plans and their fills, and
//! orders with their idempotency keys.
//!
//! The rules are the `paper-trading` crate's; this module only keeps its values. Every
//! method is one transaction. An action on a plan (cancel, paper-open, paper-close) loads
//! the plan and its fills, rebuilds the [`PaperTrade`], lets it decide, and writes the new
//! status with `UPDATE ... WHERE status = <the status it read>` together with the new
//! fills, all inside one IMMEDIATE transaction, so of two concurrent paper-opens exactly
//! one succeeds and the other gets the typed invalid transition.
//!
//! - `accounts`: the lazily created `paper-main` account and accounts replayed from fills;
//! - `plans`: creating, listing, cancelling, paper-opening and paper-closing plans;
//! - `fills`: the rows of `paper_fills`, read back through [`Fill::new`];
//! - `orders`: orders and the idempotent creation of one.

mod accounts;
mod fills;
mod orders;
mod plans;

use paper_trading::{Account, Fill, Order, PaperTrade};

pub use orders::IDEMPOTENCY_KEY_RETENTION_MS;

/// A trade plan as stored: the trade (plan, status, fills) and who made it when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPlan {
    pub id: String,
    pub workspace_id: String,
    pub trade: PaperTrade,
    pub created_by: Option<String>,
    pub created_at_ms: i64,
    /// The last status change (the creation, for a plan still planned).
    pub updated_at_ms: i64,
}

/// A paper fill as stored, with the plan and account it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFill {
    pub id: String,
    pub plan_id: String,
    pub account_id: String,
    /// The user who paper-opened or paper-closed the plan.
    pub created_by: Option<String>,
    pub fill: Fill,
}

/// A paper account, its cash and positions replayed from its fills in the order they
/// were written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAccount {
    pub workspace_id: String,
    pub quote_asset: String,
    pub created_at_ms: i64,
    pub account: Account,
}

/// An order as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredOrder {
    pub id: String,
    pub workspace_id: String,
    pub order: Order,
    pub created_by: Option<String>,
    pub created_at_ms: i64,
    /// The last status change (the creation, for an order still accepted).
    pub updated_at_ms: i64,
}

/// The response sent for a request made with an idempotency key, kept to answer its
/// retries. The store does not interpret it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredResponse {
    pub status: u16,
    pub body: String,
}

/// Who uses an idempotency key where: keys are scoped to (user, workspace).
#[derive(Debug, Clone, Copy)]
pub struct IdempotencyScope<'a> {
    pub user_id: &'a str,
    pub workspace_id: &'a str,
    pub key: &'a str,
}

/// What an idempotent order creation did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrderCreation {
    /// The key was new: the order was written, and the key claimed with this response.
    Created { order: StoredOrder, response: StoredResponse },
    /// The key had been used with the same request: the response sent then.
    Replayed(StoredResponse),
}

/// Turns a stored value that does not read back into an internal error.
fn stored<T, E: std::fmt::Display>(what: &str, result: Result<T, E>) -> crate::Result<T> {
    result.map_err(|error| crate::StoreError::Internal(format!("stored {what}: {error}")))
}
