//! Paper fills: one per leg per paper-open or paper-close, with its exact fee.

use market_types::Symbol;
use rust_decimal::Decimal;

use crate::exact::{self, AmountOutOfRange};
use crate::{FeeBps, FillSide, MarkSource, Price, Quantity};

/// Whether a fill opened its leg or closed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FillKind {
    /// Made by paper-open.
    Entry,
    /// Made by paper-close.
    Exit,
}

impl FillKind {
    /// `entry` or `exit`, as it is serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Entry => "entry",
            Self::Exit => "exit",
        }
    }
}

/// What a fill records besides the amounts derived from it; the input of [`Fill::new`]
/// and the shape a stored fill is read back from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct FillTerms {
    /// The index of the leg in [`crate::TradePlan::legs`].
    pub leg_index: usize,
    pub symbol: Symbol,
    pub kind: FillKind,
    pub side: FillSide,
    pub quantity: Quantity,
    pub price: Price,
    pub fee_bps: FeeBps,
    /// When the fill happened, in Unix milliseconds, as the caller's clock said.
    pub time_ms: i64,
    /// Where `price` came from.
    pub mark_source: MarkSource,
}

/// One paper fill. Its notional and fee are derived from its terms when it is built,
/// so they always agree with them:
/// - `notional = quantity x price`, exact;
/// - `fee = notional x fee_bps / 10000`, rounded half away from zero to 8 decimal
///   places (see [`FeeBps::fee_on`]).
///
/// It serialises with `notional` and `fee` included (handy for the store and for
/// readers); reading it back recomputes both from the terms and ignores the stored ones.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "FillTerms")]
pub struct Fill {
    leg_index: usize,
    symbol: Symbol,
    kind: FillKind,
    side: FillSide,
    quantity: Quantity,
    price: Price,
    fee_bps: FeeBps,
    time_ms: i64,
    mark_source: MarkSource,
    notional: Decimal,
    fee: Decimal,
}

impl Fill {
    /// Builds a fill and computes its notional and fee.
    pub fn new(terms: FillTerms) -> Result<Self, AmountOutOfRange> {
        let FillTerms { leg_index, symbol, kind, side, quantity, price, fee_bps, time_ms, mark_source } = terms;
        let notional = exact::mul(quantity.value(), price.value())?;
        let fee = fee_bps.fee_on(notional)?;
        Ok(Self { leg_index, symbol, kind, side, quantity, price, fee_bps, time_ms, mark_source, notional, fee })
    }

    pub fn leg_index(&self) -> usize {
        self.leg_index
    }

    pub fn symbol(&self) -> &Symbol {
        &self.symbol
    }

    pub fn kind(&self) -> FillKind {
        self.kind
    }

    pub fn side(&self) -> FillSide {
        self.side
    }

    pub fn quantity(&self) -> Quantity {
        self.quantity
    }

    pub fn price(&self) -> Price {
        self.price
    }

    pub fn fee_bps(&self) -> FeeBps {
        self.fee_bps
    }

    pub fn time_ms(&self) -> i64 {
        self.time_ms
    }

    pub fn mark_source(&self) -> MarkSource {
        self.mark_source
    }

    /// `quantity x price`, exact and positive.
    pub fn notional(&self) -> Decimal {
        self.notional
    }

    /// The fee in the quote asset, at least zero.
    pub fn fee(&self) -> Decimal {
        self.fee
    }

    /// The quantity with the sign of its effect on the position: positive for a buy.
    pub fn signed_quantity(&self) -> Decimal {
        self.side.sign() * self.quantity.value()
    }

    /// What the fill does to cash: a buy pays `notional + fee`, a sell (a short sale
    /// too) receives `notional - fee`.
    pub fn cash_change(&self) -> Result<Decimal, AmountOutOfRange> {
        match self.side {
            FillSide::Buy => exact::add(self.notional, self.fee).map(|paid| -paid),
            FillSide::Sell => exact::sub(self.notional, self.fee),
        }
    }
}

impl TryFrom<FillTerms> for Fill {
    type Error = AmountOutOfRange;

    fn try_from(terms: FillTerms) -> Result<Self, Self::Error> {
        Self::new(terms)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(side: FillSide) -> Result<FillTerms, Box<dyn std::error::Error>> {
        Ok(FillTerms {
            leg_index: 0,
            symbol: Symbol::parse("BTCUSDT")?,
            kind: FillKind::Entry,
            side,
            quantity: Quantity::parse("0.5")?,
            price: Price::parse("60000")?,
            fee_bps: FeeBps::parse("5")?,
            time_ms: 1_700_000_000_000,
            mark_source: MarkSource::Given,
        })
    }

    #[test]
    fn derives_notional_fee_and_cash() -> Result<(), Box<dyn std::error::Error>> {
        // 0.5 x 60000 = 30000; fee 30000 x 5 / 10000 = 15.
        let buy = Fill::new(terms(FillSide::Buy)?)?;
        assert_eq!(buy.notional(), Decimal::from(30_000));
        assert_eq!(buy.fee(), Decimal::from(15));
        assert_eq!(buy.cash_change()?, Decimal::from(-30_015));
        assert_eq!(buy.signed_quantity(), Decimal::new(5, 1));
        let sell = Fill::new(terms(FillSide::Sell)?)?;
        assert_eq!(sell.cash_change()?, Decimal::from(29_985));
        assert_eq!(sell.signed_quantity(), Decimal::new(-5, 1));
        Ok(())
    }

    #[test]
    fn round_trips_through_json_and_recomputes_the_fee() -> Result<(), Box<dyn std::error::Error>> {
        let fill = Fill::new(terms(FillSide::Buy)?)?;
        let json = serde_json::to_string(&fill)?;
        assert_eq!(
            json,
            r#"{"leg_index":0,"symbol":"BTCUSDT","kind":"entry","side":"buy","quantity":"0.5","price":"60000","fee_bps":"5","time_ms":1700000000000,"mark_source":"given","notional":"30000","fee":"15"}"#
        );
        assert_eq!(serde_json::from_str::<Fill>(&json)?, fill);
        let tampered = json.replace(r#""fee":"15""#, r#""fee":"1""#);
        assert_eq!(serde_json::from_str::<Fill>(&tampered)?.fee(), Decimal::from(15));
        Ok(())
    }
}
