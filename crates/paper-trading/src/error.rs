//! One error type over every operation of the crate, for callers that map errors in
//! one place (the API's error mapping).
//!
//! Each operation returns its own precise error; all of them convert into
//! [`PaperTradingError`] with `?`. The variants split into the caller's mistakes (a bad
//! draft, a refused transition, a missing mark, an amount out of range) and
//! [`PaperTradingError::Internal`], stored data that does not hold together.

use crate::{
    AmountOutOfRange, ExecutionError, InconsistentAccount, InconsistentTrade, InvalidNumber, InvalidOrderTransition,
    InvalidTransition, MissingMarks, OrderError, PlanError, PlanStatus, PnlError, ValuationError,
};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PaperTradingError {
    /// A trade plan draft was refused; [`PlanError::field`] names the field.
    #[error(transparent)]
    InvalidPlan(#[from] PlanError),
    /// An order request was refused; [`OrderError::field`] names the field.
    #[error(transparent)]
    InvalidOrder(#[from] OrderError),
    /// A number outside a plan or order (a fee rate, a mark, a starting cash) was refused.
    #[error(transparent)]
    InvalidNumber(#[from] InvalidNumber),
    /// The plan's status does not allow the action.
    #[error(transparent)]
    InvalidTransition(#[from] InvalidTransition),
    /// The order's status does not allow the cancel.
    #[error(transparent)]
    InvalidOrderTransition(#[from] InvalidOrderTransition),
    #[error(transparent)]
    MissingMarks(#[from] MissingMarks),
    /// A P&L was asked of a plan that was never opened.
    #[error("a {status} plan has no p&l: it was never opened")]
    NeverOpened { status: PlanStatus },
    #[error(transparent)]
    AmountOutOfRange(#[from] AmountOutOfRange),
    /// Stored values that do not form a valid trade or account.
    #[error("paper trading internal failure: {0}")]
    Internal(String),
}

impl From<ExecutionError> for PaperTradingError {
    fn from(error: ExecutionError) -> Self {
        match error {
            ExecutionError::InvalidTransition(error) => error.into(),
            ExecutionError::MissingMarks(error) => error.into(),
            ExecutionError::AmountOutOfRange(error) => error.into(),
        }
    }
}

impl From<PnlError> for PaperTradingError {
    fn from(error: PnlError) -> Self {
        match error {
            PnlError::NeverOpened { status } => Self::NeverOpened { status },
            PnlError::MissingMarks(error) => error.into(),
            PnlError::AmountOutOfRange(error) => error.into(),
        }
    }
}

impl From<ValuationError> for PaperTradingError {
    fn from(error: ValuationError) -> Self {
        match error {
            ValuationError::MissingMarks(error) => error.into(),
            ValuationError::AmountOutOfRange(error) => error.into(),
        }
    }
}

impl From<InconsistentTrade> for PaperTradingError {
    fn from(error: InconsistentTrade) -> Self {
        Self::Internal(error.to_string())
    }
}

impl From<InconsistentAccount> for PaperTradingError {
    fn from(error: InconsistentAccount) -> Self {
        Self::Internal(error.to_string())
    }
}
