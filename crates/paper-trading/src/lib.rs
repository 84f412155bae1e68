//! The pure domain of paper trading: trade plans and their legs, the plan lifecycle,
//! paper fills, P&L, paper accounts with their positions, and the rules of an order
//! request.
//!
//! The crate does no I/O and reads no clock: times (Unix milliseconds) and ids come
//! from the caller, and so do mark prices (the caller looks up latest closes). It knows
//! nothing of HTTP or SQL; the store persists its values (most of them serialise, and
//! read back through the same checks) and the API calls it.
//!
//! Money is exact: quantities, prices, fees, cash and P&L are [`rust_decimal::Decimal`]
//! and every sum and product is exact or refused ([`AmountOutOfRange`]). The deliberate
//! roundings, all half away from zero, are: a fee to 8 decimal places
//! ([`FeeBps::fee_on`]); the share of a cost basis released by a partial reduction and
//! the average entry price to 16 places ([`Position`]); an R multiple to 4 places
//! ([`pnl`]).
//!
//! The range: quantities and prices have at most 8 decimal places, so amounts carry at
//! most 16, and a [`rust_decimal::Decimal`] then holds about 7.9 x 10^12 exactly. Past
//! that (an account no paper trader has), an operation fails with [`AmountOutOfRange`]
//! and changes nothing; it never rounds silently.
//!
//! The typical flow: [`TradePlan::from_draft`] checks a [`TradePlanDraft`];
//! [`PaperTrade::new`] starts it `planned`; [`PaperTrade::paper_open`] and
//! [`PaperTrade::paper_close`] return the fills, which go into the plan's [`Account`]
//! with [`Account::apply_fills`]; [`PaperTrade::pnl`] and [`Account::valuation`]
//! report at marks.

mod account_id;
mod error;
mod exact;
mod fee_bps;
mod fill;
mod ledger;
mod lifecycle;
mod mark;
mod money;
mod number;
mod order;
mod paper_trade;
mod plan;
pub mod pnl;
mod price;
mod quantity;
mod side;
mod trade_type;

pub use account_id::{AccountId, InvalidAccountId};
pub use error::PaperTradingError;
pub use exact::AmountOutOfRange;
pub use fee_bps::FeeBps;
pub use fill::{Fill, FillKind, FillTerms};
pub use ledger::{
    AVERAGE_ENTRY_PRICE_DECIMAL_PLACES, Account, AccountValuation, COST_BASIS_DECIMAL_PLACES, InconsistentAccount,
    Position, PositionValuation, ValuationError,
};
pub use lifecycle::{InvalidPlanStatus, InvalidTransition, PlanAction, PlanStatus};
pub use mark::{Mark, MarkSource, Marks, MissingMarks};
pub use money::{RiskAmount, StartingCash};
pub use number::{InvalidNumber, parse_decimal_text};
pub use order::{
    InvalidOrderStatus, InvalidOrderTransition, InvalidOrderType, Order, OrderError, OrderFieldProblem, OrderRequest,
    OrderRequestDraft, OrderStatus, OrderType,
};
pub use paper_trade::{ExecutionError, InconsistentTrade, PaperTrade};
pub use plan::{FieldProblem, InvalidText, Leg, LegDraft, PlanError, TradePlan, TradePlanDraft};
pub use pnl::{LegPnl, PlanPnl, PnlError, PnlKind};
pub use price::Price;
pub use quantity::Quantity;
pub use side::{FillSide, InvalidFillSide, InvalidSide, Side};
pub use trade_type::{InvalidTradeType, TradeType};
