//! Integration tests of the paper-trading crate, through its public API only: plan
//! validation, the lifecycle, hand-worked P&L, the ledger, orders, and property tests
//! over random sequences of actions.

mod fixtures;
mod ledger;
mod lifecycle;
mod orders;
mod plan_validation;
mod pnl_examples;
mod properties;
