//! The trade ledger: turns fills into trades (open, resize, close, flip).

use crate::trade::{Side, Trade};

/// A fill as the ledger sees it: one symbol's quantity moving from `quantity_before` to
/// `quantity_after` at `fill_price`, paying `fee`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LedgerFill {
    pub(crate) symbol: usize,
    pub(crate) quantity_before: f64,
    pub(crate) quantity_after: f64,
    pub(crate) fill_price: f64,
    pub(crate) fee: f64,
    pub(crate) time_ms: i64,
    pub(crate) closed_at_end: bool,
}

/// The open holdings per symbol and the trades closed so far.
#[derive(Debug, Clone)]
pub(crate) struct TradeLedger {
    open: Vec<Option<OpenTrade>>,
    closed: Vec<ClosedTrade>,
}

#[derive(Debug, Clone, Copy)]
struct OpenTrade {
    side: Side,
    entry_time_ms: i64,
    entry_quantity: f64,
    entry_notional: f64,
    entry_fees: f64,
    exit_quantity: f64,
    exit_notional: f64,
    exit_fees: f64,
    /// The price of the one fill on each side, while there is only one: an average of one
    /// price is that price exactly, not `notional / quantity` with its rounding.
    single_entry_price: Option<f64>,
    single_exit_price: Option<f64>,
    exit_fills: u32,
}

#[derive(Debug, Clone, Copy)]
struct ClosedTrade {
    symbol: usize,
    trade: OpenTrade,
    exit_time_ms: i64,
    closed_at_end: bool,
}

impl TradeLedger {
    pub(crate) fn new(symbol_count: usize) -> Self {
        Self { open: vec![None; symbol_count], closed: Vec::new() }
    }

    /// Books one fill. A fill that crosses zero closes the holding and opens one on the
    /// other side; its fee is split in proportion to the two quantities.
    pub(crate) fn record(&mut self, fill: LedgerFill) {
        let (before, after) = (fill.quantity_before, fill.quantity_after);
        let traded = (after - before).abs();
        if traded == 0.0 {
            return;
        }
        let closes = before != 0.0 && (after == 0.0 || (before > 0.0) != (after > 0.0));
        if closes {
            let closing_share = (before.abs() / traded).min(1.0);
            self.exit(fill, before.abs(), fill.fee * closing_share);
            self.close(fill);
            if after != 0.0 {
                self.enter(fill, after.abs(), fill.fee * (1.0 - closing_share));
            }
        } else if after.abs() > before.abs() {
            self.enter(fill, traded, fill.fee);
        } else {
            self.exit(fill, traded, fill.fee);
        }
    }

    /// The closed trades, oldest exit first, with their symbols named.
    pub(crate) fn into_trades(self, symbols: &[String]) -> Vec<Trade> {
        self.closed.into_iter().map(|closed| closed.into_trade(symbols)).collect()
    }

    fn enter(&mut self, fill: LedgerFill, quantity: f64, fee: f64) {
        let side = if fill.quantity_after > 0.0 { Side::Long } else { Side::Short };
        let trade = self.open[fill.symbol].get_or_insert(OpenTrade {
            side,
            entry_time_ms: fill.time_ms,
            entry_quantity: 0.0,
            entry_notional: 0.0,
            entry_fees: 0.0,
            exit_quantity: 0.0,
            exit_notional: 0.0,
            exit_fees: 0.0,
            single_entry_price: Some(fill.fill_price),
            single_exit_price: None,
            exit_fills: 0,
        });
        if trade.entry_quantity > 0.0 {
            trade.single_entry_price = None;
        }
        trade.entry_quantity += quantity;
        trade.entry_notional += quantity * fill.fill_price;
        trade.entry_fees += fee;
    }

    fn exit(&mut self, fill: LedgerFill, quantity: f64, fee: f64) {
        if let Some(trade) = self.open[fill.symbol].as_mut() {
            trade.exit_fills += 1;
            trade.single_exit_price = (trade.exit_fills == 1).then_some(fill.fill_price);
            trade.exit_quantity += quantity;
            trade.exit_notional += quantity * fill.fill_price;
            trade.exit_fees += fee;
        }
    }

    fn close(&mut self, fill: LedgerFill) {
        if let Some(trade) = self.open[fill.symbol].take() {
            self.closed.push(ClosedTrade {
                symbol: fill.symbol,
                trade,
                exit_time_ms: fill.time_ms,
                closed_at_end: fill.closed_at_end,
            });
        }
    }
}

impl ClosedTrade {
    fn into_trade(self, symbols: &[String]) -> Trade {
        let trade = self.trade;
        let fees = trade.entry_fees + trade.exit_fees;
        let gross = match trade.side {
            Side::Long => trade.exit_notional - trade.entry_notional,
            Side::Short => trade.entry_notional - trade.exit_notional,
        };
        let pnl = gross - fees;
        Trade {
            symbol: symbols.get(self.symbol).cloned().unwrap_or_default(),
            side: trade.side,
            entry_time_ms: trade.entry_time_ms,
            exit_time_ms: self.exit_time_ms,
            entry_price: trade.single_entry_price.unwrap_or(trade.entry_notional / trade.entry_quantity),
            exit_price: trade.single_exit_price.unwrap_or(trade.exit_notional / trade.exit_quantity),
            quantity: trade.entry_quantity,
            fees,
            pnl,
            trade_return: pnl / (trade.entry_notional + trade.entry_fees),
            closed_at_end: self.closed_at_end,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fill(before: f64, after: f64, price: f64, fee: f64, time_ms: i64) -> LedgerFill {
        LedgerFill {
            symbol: 0,
            quantity_before: before,
            quantity_after: after,
            fill_price: price,
            fee,
            time_ms,
            closed_at_end: false,
        }
    }

    fn trades(fills: &[LedgerFill]) -> Vec<Trade> {
        let mut ledger = TradeLedger::new(1);
        for &one in fills {
            ledger.record(one);
        }
        ledger.into_trades(&["ABC".to_owned()])
    }

    #[test]
    fn a_long_round_trip() {
        // Buy 10 at 100 (fee 1), sell 10 at 110 (fee 1.1): pnl = 1100 - 1000 - 2.1 = 97.9,
        // committed 1000 + 1 = 1001.
        let closed = trades(&[fill(0.0, 10.0, 100.0, 1.0, 1), fill(10.0, 0.0, 110.0, 1.1, 2)]);
        assert_eq!(closed.len(), 1);
        let trade = &closed[0];
        assert_eq!((trade.side, trade.entry_time_ms, trade.exit_time_ms), (Side::Long, 1, 2));
        assert_eq!((trade.entry_price, trade.exit_price, trade.quantity), (100.0, 110.0, 10.0));
        assert!((trade.pnl - 97.9).abs() < 1e-12);
        assert!((trade.trade_return - 97.9 / 1001.0).abs() < 1e-15);
        assert_eq!(trade.symbol, "ABC");
    }

    #[test]
    fn resizing_stays_one_trade_with_average_prices() {
        // Buy 10 at 100, buy 10 more at 120 (average 110), sell 5 at 130, sell 15 at 90:
        // exit average (650 + 1350) / 20 = 100; pnl = 2000 - 2200 = -200 without fees.
        let closed = trades(&[
            fill(0.0, 10.0, 100.0, 0.0, 1),
            fill(10.0, 20.0, 120.0, 0.0, 2),
            fill(20.0, 15.0, 130.0, 0.0, 3),
            fill(15.0, 0.0, 90.0, 0.0, 4),
        ]);
        assert_eq!(closed.len(), 1);
        let trade = &closed[0];
        assert_eq!((trade.entry_price, trade.exit_price, trade.quantity), (110.0, 100.0, 20.0));
        assert_eq!((trade.entry_time_ms, trade.exit_time_ms, trade.pnl), (1, 4, -200.0));
        assert_eq!(trade.trade_return, -200.0 / 2200.0);
    }

    #[test]
    fn a_flip_closes_and_opens_and_splits_the_fee() {
        // Long 10 at 100, then one sell of 30 at 80 with fee 3: 10 close the long (fee 1),
        // 20 open a short (fee 2); the short is bought back at 70 without fee.
        let closed =
            trades(&[fill(0.0, 10.0, 100.0, 0.0, 1), fill(10.0, -20.0, 80.0, 3.0, 2), fill(-20.0, 0.0, 70.0, 0.0, 3)]);
        assert_eq!(closed.len(), 2);
        assert_eq!((closed[0].side, closed[0].pnl, closed[0].fees), (Side::Long, -201.0, 1.0));
        assert_eq!((closed[1].side, closed[1].quantity, closed[1].fees), (Side::Short, 20.0, 2.0));
        // Short: sold 20 at 80 = 1600, bought back at 70 = 1400, fee 2: pnl 198 on 1602.
        assert_eq!((closed[1].pnl, closed[1].trade_return), (198.0, 198.0 / 1602.0));
        assert_eq!((closed[1].entry_time_ms, closed[1].exit_time_ms), (2, 3));
    }

    #[test]
    fn an_open_holding_is_not_a_trade_and_no_change_books_nothing() {
        assert!(trades(&[fill(0.0, 10.0, 100.0, 0.0, 1), fill(10.0, 10.0, 120.0, 0.0, 2)]).is_empty());
    }
}
