//! An account valued at mark prices: equity and unrealized P&L per position.

use market_types::Symbol;
use rust_decimal::Decimal;

use super::Account;
use crate::exact::{self, AmountOutOfRange};
use crate::{Mark, Marks, MissingMarks};

/// One open position at its mark.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PositionValuation {
    pub symbol: Symbol,
    /// Signed: positive long, negative short.
    pub quantity: Decimal,
    pub average_entry_price: Decimal,
    pub cost_basis: Decimal,
    pub mark: Mark,
    /// Quantity x mark.
    pub market_value: Decimal,
    /// Market value - cost basis, before fees.
    pub unrealized_pnl: Decimal,
}

/// An account at marks. `equity = cash + sum(signed quantity x mark)`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AccountValuation {
    pub cash: Decimal,
    pub market_value: Decimal,
    pub equity: Decimal,
    pub realized_pnl_before_fees: Decimal,
    pub fees_paid: Decimal,
    /// The sum of the positions' unrealized P&L, before fees.
    pub unrealized_pnl: Decimal,
    /// The open positions only, by symbol.
    pub positions: Vec<PositionValuation>,
}

/// Why an account could not be valued.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValuationError {
    #[error(transparent)]
    MissingMarks(#[from] MissingMarks),
    #[error(transparent)]
    AmountOutOfRange(#[from] AmountOutOfRange),
}

impl Account {
    /// Values every open position at its mark; flat positions need none.
    pub fn valuation(&self, marks: &Marks) -> Result<AccountValuation, ValuationError> {
        let missing = marks.missing(self.open_positions().map(|position| position.symbol()));
        if !missing.is_empty() {
            return Err(MissingMarks { symbols: missing }.into());
        }
        let mut positions = Vec::new();
        for position in self.open_positions() {
            let Some(mark) = marks.get(position.symbol()) else { continue };
            positions.push(PositionValuation {
                symbol: position.symbol().clone(),
                quantity: position.quantity(),
                average_entry_price: position.average_entry_price().ok_or(AmountOutOfRange)?,
                cost_basis: position.cost_basis(),
                mark,
                market_value: position.market_value(mark.price)?,
                unrealized_pnl: position.unrealized_pnl(mark.price)?,
            });
        }
        let market_value = exact::sum(positions.iter().map(|position| position.market_value))?;
        Ok(AccountValuation {
            cash: self.cash(),
            market_value,
            equity: exact::add(self.cash(), market_value)?,
            realized_pnl_before_fees: self.realized_pnl_before_fees(),
            fees_paid: self.fees_paid(),
            unrealized_pnl: exact::sum(positions.iter().map(|position| position.unrealized_pnl))?,
            positions,
        })
    }
}
