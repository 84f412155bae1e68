//! A paper account: starting cash, cash, and one position per symbol traded.

use std::collections::BTreeMap;

use market_types::Symbol;
use rust_decimal::Decimal;

use super::Position;
use crate::exact::{self, AmountOutOfRange};
use crate::{AccountId, Fill, StartingCash};

/// A paper account. Fills move it: a buy pays `notional + fee` out of cash, a sell
/// (a short sale too) receives `notional - fee`, and the fill's symbol's position
/// changes as [`Position`] describes. Cash may go negative: paper trading has no
/// margin rules.
///
/// The account keeps, exactly and after any sequence of fills,
/// `cash + sum(cost basis) = starting cash + realized P&L before fees - fees paid`;
/// [`Account::ledger_difference`] computes the two sides' difference, always zero.
///
/// Positions that went back to flat stay listed, since they hold realized P&L and fees.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "AccountRecord")]
pub struct Account {
    id: AccountId,
    starting_cash: StartingCash,
    cash: Decimal,
    realized_pnl_before_fees: Decimal,
    fees_paid: Decimal,
    positions: BTreeMap<Symbol, Position>,
}

/// Stored account parts that do not balance or do not agree: a store bug, not the
/// caller's mistake.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("inconsistent stored account: {0}")]
pub struct InconsistentAccount(pub String);

impl Account {
    /// A fresh account: all cash, no positions.
    pub fn new(id: AccountId, starting_cash: StartingCash) -> Self {
        Self {
            id,
            starting_cash,
            cash: starting_cash.value(),
            realized_pnl_before_fees: Decimal::ZERO,
            fees_paid: Decimal::ZERO,
            positions: BTreeMap::new(),
        }
    }

    /// Applies one fill. On error the account is unchanged.
    pub fn apply_fill(&mut self, fill: &Fill) -> Result<(), AmountOutOfRange> {
        self.apply_fills(std::iter::once(fill))
    }

    /// Applies fills in order, all or none: on error the account is unchanged.
    pub fn apply_fills<'a>(&mut self, fills: impl IntoIterator<Item = &'a Fill>) -> Result<(), AmountOutOfRange> {
        let mut next = self.clone();
        for fill in fills {
            next.apply_one(fill)?;
        }
        *self = next;
        Ok(())
    }

    /// Rebuilds an account by applying `fills` in order to a fresh one; the store can
    /// keep only the fills and replay them.
    pub fn replay<'a>(
        id: AccountId,
        starting_cash: StartingCash,
        fills: impl IntoIterator<Item = &'a Fill>,
    ) -> Result<Self, AmountOutOfRange> {
        let mut account = Self::new(id, starting_cash);
        account.apply_fills(fills)?;
        Ok(account)
    }

    pub fn id(&self) -> &AccountId {
        &self.id
    }

    pub fn starting_cash(&self) -> StartingCash {
        self.starting_cash
    }

    pub fn cash(&self) -> Decimal {
        self.cash
    }

    /// The sum over positions of the P&L realized by reductions, before fees.
    pub fn realized_pnl_before_fees(&self) -> Decimal {
        self.realized_pnl_before_fees
    }

    /// The sum of every fee paid.
    pub fn fees_paid(&self) -> Decimal {
        self.fees_paid
    }

    /// Every position ever held, flat ones included, by symbol.
    pub fn positions(&self) -> impl Iterator<Item = &Position> {
        self.positions.values()
    }

    /// The positions that are not flat, by symbol.
    pub fn open_positions(&self) -> impl Iterator<Item = &Position> {
        self.positions.values().filter(|position| !position.is_flat())
    }

    pub fn position(&self, symbol: &Symbol) -> Option<&Position> {
        self.positions.get(symbol)
    }

    /// The sum of the positions' cost bases (signed quantity x average entry price).
    pub fn total_cost_basis(&self) -> Result<Decimal, AmountOutOfRange> {
        exact::sum(self.positions.values().map(Position::cost_basis))
    }

    /// `(cash + sum(cost basis)) - (starting cash + realized P&L before fees - fees paid)`,
    /// which the ledger keeps at exactly zero.
    pub fn ledger_difference(&self) -> Result<Decimal, AmountOutOfRange> {
        let held = exact::add(self.cash, self.total_cost_basis()?)?;
        let earned =
            exact::sub(exact::add(self.starting_cash.value(), self.realized_pnl_before_fees)?, self.fees_paid)?;
        exact::sub(held, earned)
    }

    fn apply_one(&mut self, fill: &Fill) -> Result<(), AmountOutOfRange> {
        let before =
            self.positions.get(fill.symbol()).cloned().unwrap_or_else(|| Position::flat(fill.symbol().clone()));
        let after = before.after_fill(fill)?;
        let realized_change = exact::sub(after.realized_pnl_before_fees(), before.realized_pnl_before_fees())?;
        self.cash = exact::add(self.cash, fill.cash_change()?)?;
        self.realized_pnl_before_fees = exact::add(self.realized_pnl_before_fees, realized_change)?;
        self.fees_paid = exact::add(self.fees_paid, fill.fee())?;
        self.positions.insert(fill.symbol().clone(), after);
        Ok(())
    }
}

/// The stored shape of an account; reading it back checks that the totals are the sums
/// of the positions and that the ledger balances.
#[derive(Debug, serde::Deserialize)]
struct AccountRecord {
    id: AccountId,
    starting_cash: StartingCash,
    cash: Decimal,
    realized_pnl_before_fees: Decimal,
    fees_paid: Decimal,
    positions: BTreeMap<Symbol, Position>,
}

impl TryFrom<AccountRecord> for Account {
    type Error = InconsistentAccount;

    fn try_from(record: AccountRecord) -> Result<Self, Self::Error> {
        let out_of_range = |_| InconsistentAccount("amounts out of range".to_owned());
        if let Some((key, position)) = record.positions.iter().find(|(key, position)| *key != position.symbol()) {
            return Err(InconsistentAccount(format!("position {} is filed under {key}", position.symbol())));
        }
        let realized =
            exact::sum(record.positions.values().map(Position::realized_pnl_before_fees)).map_err(out_of_range)?;
        let fees = exact::sum(record.positions.values().map(Position::fees_paid)).map_err(out_of_range)?;
        if realized != record.realized_pnl_before_fees || fees != record.fees_paid {
            return Err(InconsistentAccount("the totals are not the sums of the positions".to_owned()));
        }
        let account = Account {
            id: record.id,
            starting_cash: record.starting_cash,
            cash: record.cash.normalize(),
            realized_pnl_before_fees: realized,
            fees_paid: fees,
            positions: record.positions,
        };
        if !account.ledger_difference().map_err(out_of_range)?.is_zero() {
            return Err(InconsistentAccount("the ledger does not balance".to_owned()));
        }
        Ok(account)
    }
}
