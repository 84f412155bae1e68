//! Hand-worked `ma_cross` cases. With `fast = 1` and `slow = 2` the spread is
//! `close_t - (close_t + close_(t-1)) / 2 = (close_t - close_(t-1)) / 2`, so a bullish
//! cross is the first rise after a fall or a flat bar, and a bearish cross the first fall.
//!
//! Bars 0..=7, closes 10, 10, 12, 15, 11, 9, 10, 13 and opens 10, 10, 11, 14, 16, 10, 9, 12:
//! bar 2 rises after a flat bar (bullish), bar 4 falls (bearish), bar 6 rises (bullish).
//! Bar 7 is the last bar: no decision there.

use backtest_engine::{
    BacktestError, MaCrossParams, MovingAverageType, Side, StrategySpec, SymbolBars, Trade, run_ma_cross,
};

use crate::fixtures::{TestResult, assert_all_close, assert_close, close_of, daily_series, open_of, settings};
use backtest_engine::FillAt;

const CLOSES: [f64; 8] = [10.0, 10.0, 12.0, 15.0, 11.0, 9.0, 10.0, 13.0];
const OPENS: [f64; 8] = [10.0, 10.0, 11.0, 14.0, 16.0, 10.0, 9.0, 12.0];

fn bars() -> SymbolBars {
    daily_series("ETHUSDT", 0, &OPENS, &CLOSES)
}

fn params(allow_short: bool) -> MaCrossParams {
    MaCrossParams { fast: 1, slow: 2, ma_type: MovingAverageType::Sma, allow_short }
}

fn entries_and_exits(trades: &[Trade]) -> Vec<(Side, i64, i64, bool)> {
    trades.iter().map(|trade| (trade.side, trade.entry_time_ms, trade.exit_time_ms, trade.closed_at_end)).collect()
}

#[test]
fn long_only_next_open_without_costs() -> TestResult {
    let report = run_ma_cross(&bars(), &params(false), &settings(FillAt::NextOpen, 0.0, 0.0))?;
    // Bullish at bar 2: buy at bar 3's open 14, q1 = 1000 / 14. Bearish at bar 4: sell at
    // bar 5's open 10, cash c1 = 1000 x 10 / 14. Bullish at bar 6: buy at bar 7's open 12,
    // q2 = c1 / 12; closed out at bar 7's close 13.
    let q1 = 1000.0 / 14.0;
    let c1 = q1 * 10.0;
    let q2 = c1 / 12.0;
    assert_all_close(
        &report.equity_curve.equity,
        &[1000.0, 1000.0, 1000.0, 1000.0, q1 * 15.0, q1 * 11.0, c1, c1, q2 * 13.0],
    );
    assert_eq!(
        entries_and_exits(&report.trades),
        vec![(Side::Long, open_of(3), open_of(5), false), (Side::Long, open_of(7), close_of(7), true)]
    );
    assert_eq!((report.trades[0].entry_price, report.trades[0].exit_price), (14.0, 10.0));
    assert_close(report.trades[0].pnl, c1 - 1000.0);
    assert_close(report.trades[0].trade_return, 10.0 / 14.0 - 1.0);
    assert_close(report.trades[1].pnl, q2 * 13.0 - c1);
    assert_close(report.trades[1].trade_return, 13.0 / 12.0 - 1.0);

    let metrics = &report.metrics;
    assert_close(metrics.total_return, 10.0 / 14.0 * 13.0 / 12.0 - 1.0);
    // Position at the closes of bars 3, 4 and 7.
    assert_eq!(metrics.exposure, 3.0 / 8.0);
    assert_eq!((metrics.trade_count, metrics.win_rate), (2, Some(0.5)));
    // Profit factor: the gain of trade 2 over the loss of trade 1.
    assert_close(metrics.profit_factor.unwrap_or(f64::NAN), (q2 * 13.0 - c1) / (1000.0 - c1));
    assert_close(metrics.average_trade_return.unwrap_or(f64::NAN), ((10.0 / 14.0 - 1.0) + (1.0 / 12.0)) / 2.0);
    // Turnover: notional 1000 + c1 (first round trip) + c1 + q2 x 13 (second) over the mean
    // of the nine curve points.
    let traded = 1000.0 + c1 + c1 + q2 * 13.0;
    let mean_equity = report.equity_curve.equity.iter().sum::<f64>() / 9.0;
    assert_close(metrics.traded_notional, traded);
    assert_close(metrics.turnover, traded / mean_equity);
    // Deepest drawdown: from q1 x 15 (bar 3) to c1 (bar 5), never recovered.
    assert_close(metrics.max_drawdown, 1.0 - 10.0 / 15.0);
    assert_eq!(metrics.max_drawdown_period.map(|period| period.trough_time_ms), Some(close_of(5)));
    // The benchmark buys at bar 1's open 10 and sells at the last close 13.
    assert_close(report.benchmark.total_return, 13.0 / 10.0 - 1.0);
    assert_close(report.equity_curve.benchmark_equity[4], 100.0 * 15.0);
    assert_eq!(report.strategy, StrategySpec::MaCross(params(false)));
    Ok(())
}

#[test]
fn long_only_close_fill_without_costs() -> TestResult {
    let report = run_ma_cross(&bars(), &params(false), &settings(FillAt::Close, 0.0, 0.0))?;
    // Buy at bar 2's close 12, sell at bar 4's close 11, buy at bar 6's close 10, close out
    // at bar 7's close 13.
    let q1 = 1000.0 / 12.0;
    let c1 = q1 * 11.0;
    let q2 = c1 / 10.0;
    assert_all_close(&report.equity_curve.equity, &[1000.0, 1000.0, 1000.0, 1000.0, q1 * 15.0, c1, c1, c1, q2 * 13.0]);
    assert_eq!(
        entries_and_exits(&report.trades),
        vec![(Side::Long, close_of(2), close_of(4), false), (Side::Long, close_of(6), close_of(7), true)]
    );
    assert_close(report.metrics.total_return, 11.0 / 12.0 * 13.0 / 10.0 - 1.0);
    // Position at the closes of bars 2, 3, 6 and 7 (entered at 2 and 6, left at 4).
    assert_eq!(report.metrics.exposure, 0.5);
    // The benchmark fills at bar 0's close 10.
    assert_close(report.benchmark.total_return, 0.3);
    Ok(())
}

#[test]
fn shorts_next_open_without_costs() -> TestResult {
    let report = run_ma_cross(&bars(), &params(true), &settings(FillAt::NextOpen, 0.0, 0.0))?;
    // As long-only until bar 5's open 10, where the long is sold (cash c1) and the same
    // notional c1 is sold short: qs = c1 / 10, cash 2 x c1. At bar 7's open 12 the short is
    // bought back (cash 2 c1 - 12 qs = 0.8 c1) and a long of 0.8 c1 / 12 is bought.
    let q1 = 1000.0 / 14.0;
    let c1 = q1 * 10.0;
    let short_quantity = c1 / 10.0;
    let c2 = 2.0 * c1 - 12.0 * short_quantity;
    assert_all_close(
        &report.equity_curve.equity,
        &[
            1000.0,
            1000.0,
            1000.0,
            1000.0,
            q1 * 15.0,
            q1 * 11.0,
            2.0 * c1 - short_quantity * 9.0,
            2.0 * c1 - short_quantity * 10.0,
            c2 / 12.0 * 13.0,
        ],
    );
    assert_eq!(
        entries_and_exits(&report.trades),
        vec![
            (Side::Long, open_of(3), open_of(5), false),
            (Side::Short, open_of(5), open_of(7), false),
            (Side::Long, open_of(7), close_of(7), true),
        ]
    );
    let short = &report.trades[1];
    assert_close(short.quantity, short_quantity);
    assert_eq!((short.entry_price, short.exit_price), (10.0, 12.0));
    // Sold at 10, bought back at 12: a loss of 20% of the notional.
    assert_close(short.pnl, -2.0 * short_quantity);
    assert_close(short.trade_return, -0.2);
    // Positions at bars 3, 4 (long), 5, 6 (short) and 7 (long).
    assert_eq!(report.metrics.exposure, 5.0 / 8.0);
    Ok(())
}

#[test]
fn fees_and_slippage_on_both_sides() -> TestResult {
    let (fee, slip) = (0.001, 0.001);
    let report = run_ma_cross(&bars(), &params(false), &settings(FillAt::Close, 10.0, 10.0))?;
    // Buy at 12 x 1.001 = 12.012 with q1 = 1000 / (12.012 x 1.001); sell at 11 x 0.999 =
    // 10.989 keeping 99.9% of the proceeds; buy again at 10 x 1.001 = 10.01; close out at
    // 13 x 0.999 = 12.987.
    let q1 = 1000.0 / (12.0 * (1.0 + slip) * (1.0 + fee));
    let c1 = q1 * 11.0 * (1.0 - slip) * (1.0 - fee);
    let q2 = c1 / (10.0 * (1.0 + slip) * (1.0 + fee));
    let final_equity = q2 * 13.0 * (1.0 - slip) * (1.0 - fee);
    assert_close(report.metrics.final_equity, final_equity);
    assert_close(report.trades[0].entry_price, 12.012);
    assert_close(report.trades[0].exit_price, 10.989);
    // Each trade's pnl is its cash flows after costs; their sum is the equity change.
    assert_close(report.trades[0].pnl, c1 - 1000.0);
    assert_close(report.trades[1].pnl, final_equity - c1);
    let notional = [q1 * 12.012, q1 * 10.989, q2 * 10.01, q2 * 12.987];
    assert_close(report.metrics.fees_paid, notional.iter().sum::<f64>() * fee);
    assert_close(report.metrics.slippage_paid, (q1 * 12.0 + q1 * 11.0 + q2 * 10.0 + q2 * 13.0) * slip);
    assert_close(report.trades[0].fees, (q1 * 12.012 + q1 * 10.989) * fee);

    // With shorts: at bar 4 the long is sold (cash c1), then a short of notional
    // c1 / 1.001 is sold at 10.989, leaving cash c1 + notional x 0.999. At bar 6 it is bought
    // back at 10.01 plus fee, and the rest goes long at 10.01 x 1.001.
    let report = run_ma_cross(&bars(), &params(true), &settings(FillAt::Close, 10.0, 10.0))?;
    let short_notional = c1 / (1.0 + fee);
    let short_quantity = short_notional / (11.0 * (1.0 - slip));
    let cash_while_short = c1 + short_notional * (1.0 - fee);
    let c2 = cash_while_short - short_quantity * 10.0 * (1.0 + slip) * (1.0 + fee);
    let q3 = c2 / (10.0 * (1.0 + slip) * (1.0 + fee));
    assert_close(report.trades[1].quantity, short_quantity);
    assert_close(report.trades[1].pnl, c2 - c1);
    assert_close(report.metrics.final_equity, q3 * 12.987 * (1.0 - fee));
    assert_close(report.equity_curve.equity[6], cash_while_short - short_quantity * 9.0);
    Ok(())
}

#[test]
fn ema_crosses() -> TestResult {
    // fast 1 (the close), slow 3 (alpha 0.5, seeded with (12 + 9 + 9) / 3 = 10 at bar 2):
    // slow EMA 10, 9, 10 at bars 2, 3, 4 against closes 9, 8, 11: bullish at bar 4, filled at
    // bar 5's open 10.
    let series = daily_series("SOLUSDT", 0, &[12.0, 9.0, 9.0, 8.0, 11.0, 10.0], &[12.0, 9.0, 9.0, 8.0, 11.0, 11.0]);
    let ema = MaCrossParams { fast: 1, slow: 3, ma_type: MovingAverageType::Ema, allow_short: false };
    let report = run_ma_cross(&series, &ema, &settings(FillAt::NextOpen, 0.0, 0.0))?;
    assert_eq!(entries_and_exits(&report.trades), vec![(Side::Long, open_of(5), close_of(5), true)]);
    assert_close(report.metrics.total_return, 0.1);
    Ok(())
}

#[test]
fn refuses_bad_parameters_and_short_data() {
    let run = |params: MaCrossParams, series: &SymbolBars| {
        run_ma_cross(series, &params, &settings(FillAt::NextOpen, 10.0, 0.0)).err()
    };
    let equal = MaCrossParams { fast: 2, slow: 2, ..params(false) };
    assert_eq!(run(equal, &bars()), Some(BacktestError::FastNotBelowSlow { fast: 2, slow: 2 }));
    // slow 2 needs 4 bars: averages from bar 1, a cross at bar 2, its fill at bar 3.
    let three = daily_series("ETHUSDT", 0, &OPENS[..3], &CLOSES[..3]);
    assert_eq!(run(params(false), &three), Some(BacktestError::NotEnoughBars { found: 3, needed: 4 }));
    assert_eq!(run(MaCrossParams::default(), &bars()), Some(BacktestError::NotEnoughBars { found: 8, needed: 52 }));
}
