//! Hand-worked `buy_and_hold` cases: both fill conventions, fees, slippage, the close-out
//! at the end and the metrics that follow from them.

use backtest_engine::{
    BacktestError, BacktestSettings, BenchmarkKind, DrawdownPeriod, FillAt, Side, StrategySpec, run_buy_and_hold,
};

use crate::fixtures::{TestResult, assert_all_close, assert_close, close_of, daily_series, open_of, settings};

/// Four daily bars, (open, close): (100, 100), (100, 110), (120, 125), (130, 120).
fn four_bars() -> backtest_engine::SymbolBars {
    daily_series("BTCUSDT", 0, &[100.0, 100.0, 120.0, 130.0], &[100.0, 110.0, 125.0, 120.0])
}

#[test]
fn next_open_with_fees() -> TestResult {
    let report = run_buy_and_hold(&four_bars(), &settings(FillAt::NextOpen, 10.0, 0.0))?;
    // Decided at bar 0, filled at bar 1's open 100: q = 1000 / (100 x 1.001), fee q x 0.1.
    let quantity = 1000.0 / (100.0 * 1.001);
    // Curve: the capital at bar 0's open, bar 0 still flat, then q x close; after the last
    // close the position is sold at 120 paying 0.1% of q x 120.
    let final_equity = quantity * 120.0 * 0.999;
    assert_all_close(&report.equity_curve.equity, &[1000.0, 1000.0, quantity * 110.0, quantity * 125.0, final_equity]);
    assert_eq!(report.equity_curve.time_ms, vec![0, close_of(0), close_of(1), close_of(2), close_of(3)]);
    assert_eq!(report.equity_curve.benchmark_equity, report.equity_curve.equity);

    assert_eq!(report.trades.len(), 1);
    let trade = &report.trades[0];
    assert_eq!((trade.side, trade.entry_time_ms, trade.exit_time_ms), (Side::Long, open_of(1), close_of(3)));
    assert!(trade.closed_at_end);
    assert_close(trade.entry_price, 100.0);
    assert_close(trade.exit_price, 120.0);
    assert_close(trade.quantity, quantity);
    assert_close(trade.fees, quantity * 100.0 * 0.001 + quantity * 120.0 * 0.001);
    assert_close(trade.pnl, final_equity - 1000.0);
    assert_close(trade.trade_return, final_equity / 1000.0 - 1.0);

    let metrics = &report.metrics;
    // total return = 120 x 0.999 / 100.1 - 1 = 0.19760239...
    assert_close(metrics.total_return, 119.88 / 100.1 - 1.0);
    assert_close(metrics.final_equity, final_equity);
    // CAGR over the 4-day span from bar 0's open to bar 3's close.
    assert_close(metrics.cagr.unwrap_or(f64::NAN), (final_equity / 1000.0).powf(365.0 / 4.0) - 1.0);
    // Deepest fall: from q x 125 (bar 2) to q x 120 x 0.999 (bar 3): 1 - 119.88 / 125.
    assert_close(metrics.max_drawdown, 1.0 - 119.88 / 125.0);
    assert_eq!(
        metrics.max_drawdown_period,
        Some(DrawdownPeriod { peak_time_ms: close_of(2), trough_time_ms: close_of(3), recovery_time_ms: None })
    );
    // Held at the closes of bars 1, 2 and 3 of 4.
    assert_eq!(metrics.exposure, 0.75);
    assert_eq!((metrics.trade_count, metrics.win_rate, metrics.profit_factor), (1, Some(1.0), None));
    assert_close(metrics.fees_paid, trade.fees);
    assert_eq!(metrics.slippage_paid, 0.0);
    assert_close(metrics.traded_notional, quantity * 100.0 + quantity * 120.0);

    assert_eq!(report.strategy, StrategySpec::BuyAndHold);
    assert_eq!(report.benchmark.kind, BenchmarkKind::BuyAndHold);
    assert_eq!(report.benchmark.symbols, vec!["BTCUSDT".to_owned()]);
    assert_close(report.benchmark.total_return, metrics.total_return);
    assert_eq!((report.data_range.first_open_time_ms, report.data_range.last_close_time_ms), (0, close_of(3)));
    assert_eq!(report.data_range.bar_count, 4);
    assert_eq!(
        (report.conventions.fill_at, report.conventions.fee_bps, report.conventions.periods_per_year),
        (FillAt::NextOpen, 10.0, 365.0)
    );
    assert!(report.rebalances.is_empty());
    Ok(())
}

#[test]
fn close_fill_with_slippage() -> TestResult {
    let report = run_buy_and_hold(&four_bars(), &settings(FillAt::Close, 0.0, 100.0))?;
    // Filled at bar 0's close 100 x 1.01 = 101: q = 1000 / 101; sold at 120 x 0.99 = 118.8.
    let quantity = 1000.0 / 101.0;
    assert_all_close(
        &report.equity_curve.equity,
        &[1000.0, quantity * 100.0, quantity * 110.0, quantity * 125.0, quantity * 118.8],
    );
    let trade = &report.trades[0];
    assert_eq!((trade.entry_time_ms, trade.exit_time_ms), (close_of(0), close_of(3)));
    assert_close(trade.entry_price, 101.0);
    assert_close(trade.exit_price, 118.8);
    assert_eq!(trade.fees, 0.0);
    // Slippage: q x 100 x 1% on the way in, q x 120 x 1% on the way out.
    assert_close(report.metrics.slippage_paid, quantity * 2.2);
    assert_close(report.metrics.total_return, 118.8 / 101.0 - 1.0);
    // The fill at bar 0's close already costs: the first return is 100 / 101 - 1.
    assert_eq!(report.metrics.exposure, 1.0);
    Ok(())
}

#[test]
fn refuses_too_few_bars_and_bad_capital() {
    let one_bar = daily_series("BTCUSDT", 0, &[100.0], &[100.0]);
    let error = run_buy_and_hold(&one_bar, &settings(FillAt::NextOpen, 10.0, 0.0));
    assert_eq!(error.err(), Some(BacktestError::NotEnoughBars { found: 1, needed: 2 }));
    let error = run_buy_and_hold(&four_bars(), &BacktestSettings::new(0.0, 86_400));
    assert_eq!(error.err(), Some(BacktestError::NonPositiveCapital { capital: 0.0 }));
}
