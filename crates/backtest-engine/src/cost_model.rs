//! The cost model: fill prices after slippage, and fees on traded notional.

use crate::settings::BacktestSettings;

/// Fee and slippage as fractions (basis points / 10000).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct CostModel {
    pub(crate) fee_rate: f64,
    pub(crate) slippage_rate: f64,
}

impl CostModel {
    pub(crate) fn from_settings(settings: &BacktestSettings) -> Self {
        Self { fee_rate: settings.fee_bps / 10_000.0, slippage_rate: settings.slippage_bps / 10_000.0 }
    }

    /// The price a buy fills at.
    pub(crate) fn buy_price(self, reference_price: f64) -> f64 {
        reference_price * (1.0 + self.slippage_rate)
    }

    /// The price a sell fills at.
    pub(crate) fn sell_price(self, reference_price: f64) -> f64 {
        reference_price * (1.0 - self.slippage_rate)
    }

    /// The fill price for a change of quantity: positive buys, negative sells.
    pub(crate) fn fill_price(self, reference_price: f64, quantity_change: f64) -> f64 {
        if quantity_change > 0.0 { self.buy_price(reference_price) } else { self.sell_price(reference_price) }
    }

    /// The quantity that commits all of `cash` to a new position at `reference_price`:
    /// for a long, notional plus fee equals the cash; a short sells that same notional,
    /// `cash / (1 + fee)`, at the sell price. Positive for a long, negative for a short.
    pub(crate) fn all_in_quantity(self, cash: f64, reference_price: f64, long: bool) -> f64 {
        let notional = cash / (1.0 + self.fee_rate);
        if long { notional / self.buy_price(reference_price) } else { -(notional / self.sell_price(reference_price)) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slippage_moves_buys_up_and_sells_down() {
        let model = CostModel { fee_rate: 0.001, slippage_rate: 0.01 };
        assert_eq!(model.buy_price(100.0), 101.0);
        assert_eq!(model.sell_price(100.0), 99.0);
        assert_eq!(model.fill_price(100.0, 2.0), 101.0);
        assert_eq!(model.fill_price(100.0, -2.0), 99.0);
    }

    #[test]
    fn all_in_spends_the_cash_on_notional_and_fee() {
        // 1000 cash, 25% fee, buy at 100 x 1.25 = 125: notional 800, quantity 6.4, fee 200.
        let model = CostModel { fee_rate: 0.25, slippage_rate: 0.25 };
        assert_eq!(model.all_in_quantity(1000.0, 100.0, true), 6.4);
        // The short sells the same notional 800 at 100 x 0.75 = 75.
        assert_eq!(model.all_in_quantity(1000.0, 100.0, false), -(800.0 / 75.0));
    }
}
