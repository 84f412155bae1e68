//! Why a trade plan draft was refused, naming the field at fault.

use market_types::{InvalidSymbol, Symbol};

use crate::{InvalidAccountId, InvalidNumber, InvalidSide, InvalidText, InvalidTradeType, Side, TradeType};

/// A refused trade plan draft. [`PlanError::field`] names the field at fault in the
/// draft's own terms (`legs[1].planned_quantity`), so the API can point at it. Every
/// variant is the caller's mistake (a 4xx).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    /// One field does not parse or breaks its bounds.
    #[error("{field}: {problem}")]
    InvalidField { field: String, problem: FieldProblem },
    /// The number of legs does not suit the trade type.
    #[error("legs: a {trade_type} plan needs {}, got {count}", .trade_type.leg_count_rule())]
    WrongLegCount { trade_type: TradeType, count: usize },
    /// Both legs of a pair are on the same side.
    #[error("legs[1].side: the two legs of a pair must be on opposite sides, both are {side}")]
    PairLegsOnSameSide { side: Side },
    /// A symbol appears in two legs.
    #[error("legs[{index}].symbol: {symbol} is already in legs[{first_index}]; a plan trades each symbol once")]
    RepeatedSymbol { index: usize, first_index: usize, symbol: Symbol },
}

/// What is wrong with one field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FieldProblem {
    #[error(transparent)]
    Number(#[from] InvalidNumber),
    #[error(transparent)]
    Symbol(#[from] InvalidSymbol),
    #[error(transparent)]
    Side(#[from] InvalidSide),
    #[error(transparent)]
    TradeType(#[from] InvalidTradeType),
    #[error(transparent)]
    AccountId(#[from] InvalidAccountId),
    #[error(transparent)]
    Text(#[from] InvalidText),
}

impl PlanError {
    /// The path of the field at fault, e.g. `trade_type`, `legs` or `legs[1].planned_quantity`.
    pub fn field(&self) -> String {
        match self {
            Self::InvalidField { field, .. } => field.clone(),
            Self::WrongLegCount { .. } => "legs".to_owned(),
            Self::PairLegsOnSameSide { .. } => "legs[1].side".to_owned(),
            Self::RepeatedSymbol { index, .. } => format!("legs[{index}].symbol"),
        }
    }

    pub(crate) fn field_error(field: impl Into<String>, problem: impl Into<FieldProblem>) -> Self {
        Self::InvalidField { field: field.into(), problem: problem.into() }
    }
}
