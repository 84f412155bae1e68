//! Portfolio accounting: cash, quantities per symbol, fills with costs, and the totals the
//! metrics need.

use crate::cost_model::CostModel;
use crate::trade::Trade;
use crate::trade_ledger::{LedgerFill, TradeLedger};

/// Cash and one quantity per symbol (by index), plus the trades and costs so far.
#[derive(Debug, Clone)]
pub(crate) struct Portfolio {
    cash: f64,
    quantities: Vec<f64>,
    costs: CostModel,
    ledger: TradeLedger,
    totals: CostTotals,
}

/// What one fill cost.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct FillCosts {
    /// Traded notional at the fill price.
    pub(crate) notional: f64,
    pub(crate) fee: f64,
    pub(crate) slippage: f64,
}

/// Fees, slippage and traded notional added up over every fill.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct CostTotals {
    pub(crate) fees: f64,
    pub(crate) slippage: f64,
    pub(crate) traded_notional: f64,
}

/// A portfolio at its end: the cash left, the closed trades and the cost totals.
#[derive(Debug, Clone)]
pub(crate) struct PortfolioOutcome {
    pub(crate) trades: Vec<Trade>,
    pub(crate) totals: CostTotals,
}

impl Portfolio {
    pub(crate) fn new(initial_capital: f64, symbol_count: usize, costs: CostModel) -> Self {
        Self {
            cash: initial_capital,
            quantities: vec![0.0; symbol_count],
            costs,
            ledger: TradeLedger::new(symbol_count),
            totals: CostTotals::default(),
        }
    }

    pub(crate) fn cash(&self) -> f64 {
        self.cash
    }

    pub(crate) fn quantity(&self, symbol: usize) -> f64 {
        self.quantities[symbol]
    }

    pub(crate) fn quantities(&self) -> &[f64] {
        &self.quantities
    }

    pub(crate) fn has_position(&self) -> bool {
        self.quantities.iter().any(|&quantity| quantity != 0.0)
    }

    pub(crate) fn cost_model(&self) -> CostModel {
        self.costs
    }

    /// Trades `symbol` from its quantity to `target_quantity` at `reference_price` (before
    /// slippage), paying the fee from cash. The quantity becomes exactly the target.
    pub(crate) fn trade_to(
        &mut self,
        symbol: usize,
        target_quantity: f64,
        reference_price: f64,
        time_ms: i64,
        closed_at_end: bool,
    ) -> FillCosts {
        let quantity_before = self.quantities[symbol];
        let change = target_quantity - quantity_before;
        if change == 0.0 {
            return FillCosts::default();
        }
        let fill_price = self.costs.fill_price(reference_price, change);
        let notional = change.abs() * fill_price;
        let fee = notional * self.costs.fee_rate;
        let slippage = change.abs() * reference_price * self.costs.slippage_rate;
        self.cash -= change * fill_price + fee;
        self.quantities[symbol] = target_quantity;
        self.ledger.record(LedgerFill {
            symbol,
            quantity_before,
            quantity_after: target_quantity,
            fill_price,
            fee,
            time_ms,
            closed_at_end,
        });
        self.totals.fees += fee;
        self.totals.slippage += slippage;
        self.totals.traded_notional += notional;
        FillCosts { notional, fee, slippage }
    }

    /// Cash plus every quantity valued at `prices` (one per symbol).
    pub(crate) fn equity(&self, prices: &[f64]) -> f64 {
        self.cash + self.quantities.iter().zip(prices).map(|(quantity, price)| quantity * price).sum::<f64>()
    }

    pub(crate) fn finish(self, symbols: &[String]) -> PortfolioOutcome {
        PortfolioOutcome { trades: self.ledger.into_trades(symbols), totals: self.totals }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn a_buy_pays_slipped_notional_and_fee_from_cash() {
        // Buy 10 at 100 with 1% slippage (fill 101) and 10 bps fee: notional 1010, fee 1.01.
        let mut portfolio = Portfolio::new(2000.0, 1, CostModel { fee_rate: 0.001, slippage_rate: 0.01 });
        let costs = portfolio.trade_to(0, 10.0, 100.0, 7, false);
        assert_eq!(costs.notional, 1010.0);
        assert!((costs.fee - 1.01).abs() < 1e-12);
        assert!((costs.slippage - 10.0).abs() < 1e-12);
        assert!((portfolio.cash() - (2000.0 - 1010.0 - 1.01)).abs() < 1e-9);
        assert_eq!(portfolio.quantity(0), 10.0);
        assert!(portfolio.has_position());
    }

    proptest! {
        /// Cash moves by exactly the fills' cash flows, so equity at any prices is the
        /// starting cash plus the value change of what was bought, minus all costs.
        #[test]
        fn equity_is_cash_plus_quantities_at_prices(
            targets in prop::collection::vec((0usize..3, -50.0f64..50.0, 1.0f64..200.0), 1..30),
            marks in prop::collection::vec(1.0f64..200.0, 3),
        ) {
            let mut portfolio = Portfolio::new(10_000.0, 3, CostModel { fee_rate: 0.001, slippage_rate: 0.0005 });
            let mut cash_flows = 0.0;
            for (time_ms, &(symbol, target, price)) in targets.iter().enumerate() {
                let change = target - portfolio.quantity(symbol);
                let costs = portfolio.trade_to(symbol, target, price, time_ms as i64, false);
                cash_flows += -change.signum() * costs.notional - costs.fee;
            }
            let held: f64 = portfolio.quantities().iter().zip(&marks).map(|(q, p)| q * p).sum();
            let equity = portfolio.equity(&marks);
            prop_assert!((equity - (portfolio.cash() + held)).abs() < 1e-9);
            prop_assert!((portfolio.cash() - (10_000.0 + cash_flows)).abs() < 1e-6);
        }
    }
}
