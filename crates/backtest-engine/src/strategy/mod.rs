//! The strategies, and the description of a strategy that a report carries.

pub(crate) mod buy_and_hold;
pub(crate) mod ma_cross;
pub(crate) mod moving_average;
pub(crate) mod relative_momentum;
pub(crate) mod single_symbol;

use serde::{Deserialize, Serialize};

use crate::strategy::ma_cross::MaCrossParams;
use crate::strategy::relative_momentum::RelativeMomentumParams;

/// Which strategy ran, with its parameters. Serialised as
/// `{"strategy_id": "ma_cross", "params": {...}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "strategy_id", content = "params", rename_all = "snake_case")]
pub enum StrategySpec {
    BuyAndHold,
    MaCross(MaCrossParams),
    RelativeMomentum(RelativeMomentumParams),
}
