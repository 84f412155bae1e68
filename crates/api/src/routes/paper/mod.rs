//! Paper trading: trade plans with their paper fills and P&L, paper accounts and their
//! positions, and the guarded order endpoints. Workspace-scoped under
//! `/api/v1/workspaces/{workspace_id}/`, with legacy un-scoped routes on the default
//! workspace.
//!
//! Wire conventions: every amount (quantity, price, fee, cash, P&L) is sent as a decimal
//! string, exact; requests may send strings (recommended) or JSON numbers. Marks missing
//! from a request are the latest closes of the market data (see `marks`).
//!
//! - `trade_plans`: list, create, get, cancel;
//! - `plan_actions`: paper-open and paper-close;
//! - `plan_pnl`, `plan_fills`: a plan's P&L and fills;
//! - `accounts`: accounts and positions;
//! - `orders`: list, create (idempotent), cancel.

pub mod accounts;
pub mod orders;
pub mod plan_actions;
pub mod plan_fills;
pub mod plan_pnl;
pub mod trade_plans;

mod decimal_input;
mod dto;
mod idempotency;
mod marks;
mod state;

use actix_web::web;

pub use state::PaperState;

/// The routes under `/api/v1/workspaces/{workspace_id}`.
pub fn workspace_routes(config: &mut web::ServiceConfig) {
    config
        .route("/trade-plans", web::get().to(trade_plans::list))
        .route("/trade-plans", web::post().to(trade_plans::create))
        .route("/trade-plans/{plan_id}", web::get().to(trade_plans::get))
        .route("/trade-plans/{plan_id}", web::delete().to(trade_plans::cancel))
        .route("/trade-plans/{plan_id}/paper-open", web::post().to(plan_actions::paper_open))
        .route("/trade-plans/{plan_id}/paper-close", web::post().to(plan_actions::paper_close))
        .route("/trade-plans/{plan_id}/pnl", web::get().to(plan_pnl::get))
        .route("/trade-plans/{plan_id}/fills", web::get().to(plan_fills::list))
        .route("/accounts", web::get().to(accounts::list))
        .route("/accounts/{account_id}/positions", web::get().to(accounts::positions))
        .route("/orders", web::get().to(orders::list))
        .route("/orders", web::post().to(orders::create))
        .route("/orders/{order_id}", web::delete().to(orders::cancel));
}

/// The legacy routes under `/api/v1`, on the default workspace.
pub fn legacy_routes(config: &mut web::ServiceConfig) {
    config
        .route("/trade-plans", web::get().to(trade_plans::list_default))
        .route("/trade-plans", web::post().to(trade_plans::create_default))
        .route("/accounts", web::get().to(accounts::list_default))
        .route("/orders", web::get().to(orders::list_default))
        .route("/orders", web::post().to(orders::create_default));
}
