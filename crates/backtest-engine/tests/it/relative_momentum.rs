//! Hand-worked `relative_momentum` cases: point-in-time eligibility, ranking and ties,
//! execution at the next open valued at the open, trading only differences, costs, symbols
//! whose data ends, gaps, skipped rebalances and the benchmark.

use backtest_engine::{
    BacktestError, BacktestReport, BenchmarkKind, FillAt, RankedSymbol, RelativeMomentumParams, Side, SymbolBars,
    run_relative_momentum,
};

use crate::fixtures::{
    assert_all_close, assert_close, close_of, daily_series, daily_series_on_days, open_of, settings,
};

/// Four symbols over bars 0..=5; CCC's data ends at bar 3, DDD lists at bar 2.
///
/// | bar | AAA open/close | BBB open/close | CCC open/close | DDD open/close |
/// |-----|----------------|----------------|----------------|----------------|
/// | 0   | 100 / 100      | 100 / 100      | 50 / 50        |                |
/// | 1   | 104 / 110      | 96 / 90        | 55 / 60        |                |
/// | 2   | 108 / 110      | 95 / 99        | 62 / 60        | 40 / 40        |
/// | 3   | 112 / 121      | 100 / 99       | 64 / 75        | 35 / 30        |
/// | 4   | 120 / 121      | 95 / 90        |                | 31 / 33        |
/// | 5   | 118 / 110      | 88 / 81        |                | 34 / 36        |
fn universe() -> Vec<SymbolBars> {
    vec![
        // Deliberately not in name order: the engine sorts.
        daily_series("DDD", 2, &[40.0, 35.0, 31.0, 34.0], &[40.0, 30.0, 33.0, 36.0]),
        daily_series(
            "AAA",
            0,
            &[100.0, 104.0, 108.0, 112.0, 120.0, 118.0],
            &[100.0, 110.0, 110.0, 121.0, 121.0, 110.0],
        ),
        daily_series("BBB", 0, &[100.0, 96.0, 95.0, 100.0, 95.0, 88.0], &[100.0, 90.0, 99.0, 99.0, 90.0, 81.0]),
        daily_series("CCC", 0, &[50.0, 55.0, 62.0, 64.0], &[50.0, 60.0, 60.0, 75.0]),
    ]
}

/// Lookback 1, a rebalance every 2 bars, one long and one short.
fn params() -> RelativeMomentumParams {
    RelativeMomentumParams { lookback: 1, rebalance_every: 2, long_count: 1, short_count: 1 }
}

fn names(ranked: &[RankedSymbol]) -> Vec<&str> {
    ranked.iter().map(|choice| choice.symbol.as_str()).collect()
}

fn run(
    universe: &[SymbolBars],
    params: RelativeMomentumParams,
    fill_at: FillAt,
    fee: f64,
    slip: f64,
) -> BacktestReport {
    run_relative_momentum(universe, &params, &settings(fill_at, fee, slip)).unwrap_or_else(|error| panic!("{error}"))
}

#[test]
fn next_open_without_costs() {
    let report = run(&universe(), params(), FillAt::NextOpen, 0.0, 0.0);
    // Bar 0 has no score (lookback 1). Bar 1: AAA 110/100-1 = 0.1, BBB -0.1, CCC 0.2; DDD
    // has no candle yet, so 3 eligible >= 2: the first rebalance. Long CCC, short BBB.
    let first = &report.rebalances[0];
    assert_eq!((first.decision_time_ms, first.fill_time_ms, first.eligible_count), (close_of(1), open_of(2), 3));
    assert_eq!((names(&first.longs), names(&first.shorts)), (vec!["CCC"], vec!["BBB"]));
    assert_close(first.longs[0].score, 0.2);
    assert_close(first.shorts[0].score, -0.1);
    assert_eq!((first.longs[0].weight, first.shorts[0].weight), (0.5, -0.5));
    // Filled at bar 2's opens: equity 1000, CCC +500 / 62, BBB -500 / 95; cash stays 1000.
    let ccc = 500.0 / 62.0;
    let bbb = -500.0 / 95.0;
    assert_eq!(first.equity_at_fill, 1000.0);
    assert_close(first.traded_notional, 1000.0);
    assert_close(first.turnover, 1.0);
    assert!(first.untraded_symbols.is_empty());

    // Bar 3: AAA 0.1, BBB 0, CCC 0.25, DDD 30/40-1 = -0.25 (DDD is eligible now). Long CCC,
    // short DDD. CCC's data ends at bar 3: it is sold at its close 75 and, its decision bar
    // being its last candle, not bought back at bar 4.
    let second = &report.rebalances[1];
    assert_eq!((second.decision_time_ms, second.fill_time_ms, second.eligible_count), (close_of(3), open_of(4), 4));
    assert_eq!((names(&second.longs), names(&second.shorts)), (vec!["CCC"], vec!["DDD"]));
    assert_eq!(second.untraded_symbols, vec!["CCC".to_owned()]);
    // Equity at bar 4's open: cash 1000 + ccc x 75, BBB valued at its open 95.
    let cash_after_ccc = 1000.0 + ccc * 75.0;
    let equity_at_fill = cash_after_ccc + bbb * 95.0;
    assert_close(second.equity_at_fill, equity_at_fill);
    // BBB is bought back (500 of notional) and DDD sold short for half the equity at 31.
    let ddd = -0.5 * equity_at_fill / 31.0;
    assert_close(second.traded_notional, 500.0 + 0.5 * equity_at_fill);
    let cash_at_bar_4 = equity_at_fill - bbb * 95.0 + bbb * 95.0 - ddd * 31.0;
    // Bar 5 is the last: no decision; DDD is bought back at its close 36.
    let final_equity = cash_at_bar_4 + ddd * 36.0;
    assert_all_close(
        &report.equity_curve.equity,
        &[
            1000.0,
            1000.0,
            1000.0,
            1000.0 + ccc * 60.0 + bbb * 99.0,
            cash_after_ccc + bbb * 99.0,
            cash_at_bar_4 + ddd * 33.0,
            final_equity,
        ],
    );
    assert_eq!(report.rebalances.len(), 2);
    assert!(report.skipped_rebalances.is_empty());

    // Trades in the order they closed.
    let trades: Vec<(&str, Side, i64, i64, bool)> = report
        .trades
        .iter()
        .map(|trade| (trade.symbol.as_str(), trade.side, trade.entry_time_ms, trade.exit_time_ms, trade.closed_at_end))
        .collect();
    assert_eq!(
        trades,
        vec![
            ("CCC", Side::Long, open_of(2), close_of(3), true),
            ("BBB", Side::Short, open_of(2), open_of(4), false),
            ("DDD", Side::Short, open_of(4), close_of(5), true),
        ]
    );
    assert_close(report.trades[0].pnl, ccc * (75.0 - 62.0));
    assert_eq!(report.trades[1].pnl, 0.0);
    assert_close(report.trades[2].pnl, ddd * (36.0 - 31.0));
    assert_close(report.metrics.final_equity, 1000.0 + report.trades.iter().map(|trade| trade.pnl).sum::<f64>());
    // Positions at the closes of bars 2..=5.
    assert_eq!(report.metrics.exposure, 4.0 / 6.0);

    // Benchmark: the three symbols eligible at bar 1, a third each at bar 2's opens; CCC
    // sold at its last close 75, the others at bar 5's closes.
    let third = 1000.0 / 3.0;
    let (aaa_b, bbb_b, ccc_b) = (third / 108.0, third / 95.0, third / 62.0);
    assert_eq!(report.benchmark.kind, BenchmarkKind::EqualWeightBuyAndHold);
    assert_eq!(report.benchmark.symbols, vec!["AAA".to_owned(), "BBB".to_owned(), "CCC".to_owned()]);
    assert_close(report.equity_curve.benchmark_equity[3], aaa_b * 110.0 + bbb_b * 99.0 + ccc_b * 60.0);
    assert_close(report.benchmark.final_equity, aaa_b * 110.0 + bbb_b * 81.0 + ccc_b * 75.0);
    assert_close(report.benchmark.total_return, report.benchmark.final_equity / 1000.0 - 1.0);

    assert_eq!(report.data_range.symbols, vec!["AAA", "BBB", "CCC", "DDD"]);
    assert_eq!((report.data_range.first_open_time_ms, report.data_range.last_close_time_ms), (0, close_of(5)));
    assert_eq!(report.data_range.bar_count, 6);
}

#[test]
fn close_fill_with_fees_and_slippage() {
    let report = run(&universe(), params(), FillAt::Close, 10.0, 10.0);
    // Bar 1's close: CCC +500 / 60 bought at 60 x 1.001, BBB -500 / 90 sold at 90 x 0.999:
    // notional 500.5 + 499.5 = 1000, fees 0.1% of it, slippage 0.5 + 0.5.
    let first = &report.rebalances[0];
    assert_eq!((first.decision_time_ms, first.fill_time_ms), (close_of(1), close_of(1)));
    assert_close(first.traded_notional, 1000.0);
    assert_close(first.fees, 1.0);
    assert_close(first.slippage, 1.0);
    // Bar 2's close marks: cash 1000 - 500.5 + 499.5 - 1 = 998.
    let (ccc, bbb) = (500.0 / 60.0, -500.0 / 90.0);
    assert_close(report.equity_curve.equity[3], 998.0 + ccc * 60.0 + bbb * 99.0);
    // Bar 3: CCC is chosen again but bar 3 is its last candle, so it is not traded at that
    // close; it is closed out at 75 x 0.999 with the fee, as data that ended.
    let second = &report.rebalances[1];
    assert_eq!(second.untraded_symbols, vec!["CCC".to_owned()]);
    // At bar 3's close the rebalance buys BBB back first, then CCC's data ends.
    let order: Vec<&str> = report.trades.iter().map(|trade| trade.symbol.as_str()).collect();
    assert_eq!(order, vec!["BBB", "CCC", "DDD"]);
    let ccc_trade = &report.trades[1];
    assert_eq!((ccc_trade.exit_time_ms, ccc_trade.closed_at_end), (close_of(3), true));
    assert_close(ccc_trade.exit_price, 75.0 * 0.999);
    assert_close(ccc_trade.fees, (ccc * 60.06 + ccc * 75.0 * 0.999) * 0.001);
    assert_close(report.metrics.final_equity, 1000.0 + report.trades.iter().map(|trade| trade.pnl).sum::<f64>());
}

#[test]
fn a_held_symbol_without_a_candle_is_valued_at_its_last_close() {
    // AAA has no candle at bar 3 (day 3). Long only, a single rebalance (every 10 bars).
    let aaa =
        daily_series_on_days("AAA", &[0, 1, 2, 4, 5], &[10.0, 11.0, 12.0, 15.0, 15.5], &[10.0, 12.0, 13.0, 15.0, 16.0]);
    let bbb = daily_series("BBB", 0, &[10.0; 6], &[10.0, 10.0, 10.0, 10.0, 10.0, 10.0]);
    let params = RelativeMomentumParams { lookback: 1, rebalance_every: 10, long_count: 1, short_count: 0 };
    let report = run(&[aaa, bbb], params, FillAt::NextOpen, 0.0, 0.0);
    // Bar 1: AAA 0.2 beats BBB 0: bought at bar 2's open 12, quantity 1000 / 12.
    assert_eq!(names(&report.rebalances[0].longs), vec!["AAA"]);
    let quantity = 1000.0 / 12.0;
    // Bar 2 closes at 13; bar 3 has no AAA candle, so AAA stays at 13; bar 4 closes at 15.
    let equity = &report.equity_curve.equity;
    assert_close(equity[3], quantity * 13.0);
    assert_eq!(equity[4], equity[3]);
    assert_close(equity[5], quantity * 15.0);
    assert_close(report.metrics.final_equity, quantity * 16.0);
}

#[test]
fn rebalances_with_too_few_eligible_symbols_are_skipped() {
    // BBB ends at bar 2. Every bar is a rebalance bar.
    let universe = [
        daily_series(
            "AAA",
            0,
            &[100.0, 110.0, 120.0, 130.0, 140.0, 150.0],
            &[100.0, 110.0, 120.0, 130.0, 140.0, 150.0],
        ),
        daily_series("BBB", 0, &[100.0, 90.0, 80.0], &[100.0, 90.0, 80.0]),
    ];
    let params = RelativeMomentumParams { lookback: 1, rebalance_every: 1, long_count: 1, short_count: 1 };
    let report = run(&universe, params, FillAt::NextOpen, 0.0, 0.0);
    // Bars 1 and 2 rebalance (long AAA, short BBB); at bar 3's fill BBB has no candle.
    assert_eq!(report.rebalances.len(), 2);
    assert_eq!(report.rebalances[1].untraded_symbols, vec!["BBB".to_owned()]);
    // Bars 3 and 4 have one eligible symbol: skipped, positions kept; bar 5 is the last.
    let skipped: Vec<(i64, usize)> =
        report.skipped_rebalances.iter().map(|skip| (skip.decision_time_ms, skip.eligible_count)).collect();
    assert_eq!(skipped, vec![(close_of(3), 1), (close_of(4), 1)]);
    let trades: Vec<(&str, i64, i64, bool)> = report
        .trades
        .iter()
        .map(|trade| (trade.symbol.as_str(), trade.entry_time_ms, trade.exit_time_ms, trade.closed_at_end))
        .collect();
    assert_eq!(trades, vec![("BBB", open_of(2), close_of(2), true), ("AAA", open_of(2), close_of(5), true)]);
}

#[test]
fn ties_are_broken_by_symbol_name() {
    let same = |symbol: &str| daily_series(symbol, 0, &[10.0, 10.0, 10.0], &[10.0, 11.0, 11.0]);
    let lower = daily_series("AAC", 0, &[10.0, 10.0, 10.0], &[10.0, 9.0, 9.0]);
    let universe = [same("ZZZ"), same("AAB"), lower];
    let long_and_short = RelativeMomentumParams { lookback: 1, rebalance_every: 1, long_count: 1, short_count: 1 };
    let report = run(&universe, long_and_short, FillAt::NextOpen, 0.0, 0.0);
    assert_eq!((names(&report.rebalances[0].longs), names(&report.rebalances[0].shorts)), (vec!["AAB"], vec!["AAC"]));
    // Two shorts: AAC (lowest), then the tie AAB / ZZZ goes to AAB.
    let two_shorts = RelativeMomentumParams { long_count: 0, short_count: 2, ..long_and_short };
    let report = run(&universe, two_shorts, FillAt::NextOpen, 0.0, 0.0);
    assert_eq!(names(&report.rebalances[0].shorts), vec!["AAC", "AAB"]);
    assert_eq!(report.rebalances[0].shorts[1].weight, -0.5);
}

#[test]
fn refuses_what_cannot_run() {
    let refuse = |universe: &[SymbolBars], params: RelativeMomentumParams| {
        run_relative_momentum(universe, &params, &settings(FillAt::NextOpen, 10.0, 0.0)).err()
    };
    let empty = daily_series("EEE", 0, &[], &[]);
    let mut with_empty = universe();
    with_empty.truncate(2);
    with_empty.push(empty);
    let three = RelativeMomentumParams { long_count: 2, short_count: 1, ..params() };
    assert_eq!(refuse(&with_empty, three), Some(BacktestError::UniverseTooSmall { available: 2, needed: 3 }));
    let two_bars = [daily_series("AAA", 0, &[1.0, 1.0], &[1.0, 1.0]), daily_series("BBB", 0, &[1.0, 1.0], &[1.0, 1.0])];
    assert_eq!(refuse(&two_bars, params()), Some(BacktestError::NotEnoughBars { found: 2, needed: 3 }));
    let apart = [daily_series("AAA", 0, &[1.0; 4], &[1.0; 4]), daily_series("BBB", 4, &[1.0; 4], &[1.0; 4])];
    assert_eq!(refuse(&apart, params()), Some(BacktestError::NotEnoughEligibleSymbols { needed: 2, most_eligible: 1 }));
    let twice = [daily_series("AAA", 0, &[1.0; 4], &[1.0; 4]), daily_series("AAA", 0, &[1.0; 4], &[1.0; 4])];
    assert_eq!(refuse(&twice, params()), Some(BacktestError::DuplicateSymbol { symbol: "AAA".to_owned() }));
}
