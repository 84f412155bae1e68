//! One symbol's position in an account: net quantity, cost basis, realized P&L, fees.

use market_types::Symbol;
use rust_decimal::Decimal;

use crate::exact::{self, AmountOutOfRange};
use crate::{Fill, Price, Side};

/// The decimal places a cost basis is kept at. A partial reduction releases a share of
/// the basis, `basis x reduced / held`, rounded half away from zero to this many places
/// (quantities and prices have at most 8 places, so any basis built from fills has at
/// most 16 and an even share is not rounded at all).
pub const COST_BASIS_DECIMAL_PLACES: u32 = 16;

/// The decimal places [`Position::average_entry_price`] is rounded to.
pub const AVERAGE_ENTRY_PRICE_DECIMAL_PLACES: u32 = 16;

/// The position in one symbol.
///
/// The position holds its **cost basis** (signed quantity x average entry price: what
/// the open quantity cost, negative for a short) rather than the average price itself,
/// because an average is a division and would not balance the ledger to the last digit.
/// The average entry price is derived from it.
///
/// A fill in the direction of the position (or into a flat one) adds
/// `signed quantity x price` to the basis, which weights the average by quantity. A fill
/// against it first reduces it: the share of the basis released is set against the
/// fill's proceeds and the difference is realized P&L, `(exit - average entry) x
/// quantity` for a long and the reverse for a short. A fill larger than the position
/// closes it completely (the whole basis is released, no rounding) and opens the rest
/// on the other side at the fill price. Fees never enter the basis: they are counted in
/// `fees_paid`, and realized P&L is before fees.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "PositionRecord")]
pub struct Position {
    symbol: Symbol,
    quantity: Decimal,
    cost_basis: Decimal,
    realized_pnl_before_fees: Decimal,
    fees_paid: Decimal,
}

impl Position {
    /// A position that holds nothing and has realized nothing.
    pub fn flat(symbol: Symbol) -> Self {
        Self {
            symbol,
            quantity: Decimal::ZERO,
            cost_basis: Decimal::ZERO,
            realized_pnl_before_fees: Decimal::ZERO,
            fees_paid: Decimal::ZERO,
        }
    }

    pub fn symbol(&self) -> &Symbol {
        &self.symbol
    }

    /// The net quantity: positive long, negative short, zero flat.
    pub fn quantity(&self) -> Decimal {
        self.quantity
    }

    /// Signed quantity x average entry price, exact; zero when flat.
    pub fn cost_basis(&self) -> Decimal {
        self.cost_basis
    }

    /// P&L realized by reductions, before fees.
    pub fn realized_pnl_before_fees(&self) -> Decimal {
        self.realized_pnl_before_fees
    }

    /// Every fee paid on fills of this symbol.
    pub fn fees_paid(&self) -> Decimal {
        self.fees_paid
    }

    pub fn is_flat(&self) -> bool {
        self.quantity.is_zero()
    }

    /// `long`, `short`, or `None` when flat.
    pub fn side(&self) -> Option<Side> {
        if self.quantity > Decimal::ZERO {
            Some(Side::Long)
        } else if self.quantity < Decimal::ZERO {
            Some(Side::Short)
        } else {
            None
        }
    }

    /// `cost basis / quantity` (positive for longs and shorts alike), rounded half away
    /// from zero to [`AVERAGE_ENTRY_PRICE_DECIMAL_PLACES`]; `None` when flat.
    pub fn average_entry_price(&self) -> Option<Decimal> {
        if self.is_flat() {
            return None;
        }
        // Quantity and basis have the same sign and at most 16 places, so this fits.
        exact::div_rounded(self.cost_basis, self.quantity, AVERAGE_ENTRY_PRICE_DECIMAL_PLACES).ok()
    }

    /// Signed quantity x mark.
    pub fn market_value(&self, mark: Price) -> Result<Decimal, AmountOutOfRange> {
        exact::mul(self.quantity, mark.value())
    }

    /// What closing at `mark` would realize before fees: market value - cost basis.
    pub fn unrealized_pnl(&self, mark: Price) -> Result<Decimal, AmountOutOfRange> {
        exact::sub(self.market_value(mark)?, self.cost_basis)
    }

    /// The position after `fill` (which must be of this symbol); `self` is untouched.
    pub(crate) fn after_fill(&self, fill: &Fill) -> Result<Position, AmountOutOfRange> {
        let change = fill.signed_quantity();
        let price = fill.price().value();
        let fees_paid = exact::add(self.fees_paid, fill.fee())?;
        let adds_to_position = self.is_flat() || (self.quantity > Decimal::ZERO) == (change > Decimal::ZERO);
        let (quantity, cost_basis, realized) = if adds_to_position {
            let quantity = exact::add(self.quantity, change)?;
            let cost_basis = exact::add(self.cost_basis, exact::mul(change, price)?)?;
            (quantity, cost_basis, self.realized_pnl_before_fees)
        } else if change.abs() < self.quantity.abs() {
            // A partial reduction releases the reduced share of the basis.
            let released =
                exact::mul_div_rounded(self.cost_basis, change.abs(), self.quantity.abs(), COST_BASIS_DECIMAL_PLACES)?;
            let realized = self.realized_after_release(change, price, released)?;
            (exact::add(self.quantity, change)?, exact::sub(self.cost_basis, released)?, realized)
        } else {
            // Closes the whole position, then opens what is left at the fill price.
            let closing_change = -self.quantity;
            let realized = self.realized_after_release(closing_change, price, self.cost_basis)?;
            let remainder = exact::add(self.quantity, change)?;
            (remainder, exact::mul(remainder, price)?, realized)
        };
        Ok(Position {
            symbol: self.symbol.clone(),
            quantity,
            cost_basis,
            realized_pnl_before_fees: realized,
            fees_paid,
        })
    }

    /// The realized P&L after a reduction by `change` at `price` releases `released`
    /// of the basis: the reduction's proceeds (`-change x price`, negative when buying
    /// back a short) minus the basis released.
    fn realized_after_release(
        &self,
        change: Decimal,
        price: Decimal,
        released: Decimal,
    ) -> Result<Decimal, AmountOutOfRange> {
        let proceeds = -exact::mul(change, price)?;
        exact::add(self.realized_pnl_before_fees, exact::sub(proceeds, released)?)
    }
}

/// The stored shape of a position; reading it back checks that quantity and basis
/// agree in sign and that the fees are not negative.
#[derive(Debug, serde::Deserialize)]
struct PositionRecord {
    symbol: Symbol,
    quantity: Decimal,
    cost_basis: Decimal,
    realized_pnl_before_fees: Decimal,
    fees_paid: Decimal,
}

impl TryFrom<PositionRecord> for Position {
    type Error = super::InconsistentAccount;

    fn try_from(record: PositionRecord) -> Result<Self, Self::Error> {
        if record.quantity.cmp(&Decimal::ZERO) != record.cost_basis.cmp(&Decimal::ZERO) {
            return Err(super::InconsistentAccount(format!(
                "position {} has quantity {} but cost basis {}",
                record.symbol, record.quantity, record.cost_basis
            )));
        }
        if record.fees_paid < Decimal::ZERO {
            return Err(super::InconsistentAccount(format!("position {} has negative fees", record.symbol)));
        }
        Ok(Position {
            symbol: record.symbol,
            quantity: record.quantity.normalize(),
            cost_basis: record.cost_basis.normalize(),
            realized_pnl_before_fees: record.realized_pnl_before_fees.normalize(),
            fees_paid: record.fees_paid.normalize(),
        })
    }
}
