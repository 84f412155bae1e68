//! No lookahead: every strategy run on bars cut at bar T decides and marks exactly as the
//! full run up to T. Only the close-out after the cut's last bar may differ, so the
//! comparison stops before it: curve points up to bar T - 1, trades that closed before the
//! end, and (for relative momentum) every rebalance of the cut run.

use backtest_engine::{
    BacktestReport, FillAt, MaCrossParams, MovingAverageType, RelativeMomentumParams, SymbolBars, run_buy_and_hold,
    run_ma_cross, run_relative_momentum,
};

use crate::fixtures::{DAY_MS, TestResult, daily_series, random_walk, settings};

const BARS: usize = 300;
const CUTS: [usize; 5] = [60, 97, 150, 223, 299];

/// Compares the cut run (bars `0..=last`) with the full run, bit for bit.
fn assert_same_until(full: &BacktestReport, cut: &BacktestReport, last: usize, resized_later: bool) {
    // Point 0 is the start, point k is bar k - 1: points 0..=last are bars before `last`.
    let curve = (&full.equity_curve, &cut.equity_curve);
    assert_eq!(curve.0.time_ms[..=last], curve.1.time_ms[..=last]);
    assert_eq!(curve.0.equity[..=last], curve.1.equity[..=last], "equity differs before bar {last}");
    assert_eq!(curve.0.benchmark_equity[..=last], curve.1.benchmark_equity[..=last]);
    let end_ms = cut.data_range.last_close_time_ms;
    let before_end: Vec<_> = cut.trades.iter().filter(|trade| trade.exit_time_ms < end_ms).collect();
    for (index, trade) in before_end.iter().enumerate() {
        assert_eq!(**trade, full.trades[index], "trade {index} differs with the cut at bar {last}");
    }
    // A holding still open at the cut was entered the same way in the full run (where it may
    // be resized later, changing its average entry price, in relative momentum).
    for open_at_cut in cut.trades.iter().filter(|trade| trade.exit_time_ms == end_ms) {
        let same_entry = full.trades.iter().any(|trade| {
            (trade.symbol.as_str(), trade.side, trade.entry_time_ms)
                == (open_at_cut.symbol.as_str(), open_at_cut.side, open_at_cut.entry_time_ms)
                && (resized_later
                    || (trade.entry_price, trade.quantity) == (open_at_cut.entry_price, open_at_cut.quantity))
        });
        assert!(same_entry, "the full run has no trade entered like {open_at_cut:?}");
    }
}

fn series() -> SymbolBars {
    let (opens, closes) = random_walk(7, BARS, 100.0);
    daily_series("BTCUSDT", 0, &opens, &closes)
}

fn cut(series: &SymbolBars, bar_count: usize) -> SymbolBars {
    SymbolBars::new(series.symbol.clone(), series.bars.truncated(bar_count))
}

#[test]
fn ma_cross_never_looks_ahead() -> TestResult {
    let series = series();
    for ma_type in [MovingAverageType::Sma, MovingAverageType::Ema] {
        for allow_short in [false, true] {
            for fill_at in [FillAt::NextOpen, FillAt::Close] {
                let params = MaCrossParams { fast: 5, slow: 21, ma_type, allow_short };
                let settings = settings(fill_at, 10.0, 5.0);
                let full = run_ma_cross(&series, &params, &settings)?;
                assert!(full.trades.len() > 5, "the series should cross often");
                for last in CUTS {
                    let truncated = run_ma_cross(&cut(&series, last + 1), &params, &settings)?;
                    assert_same_until(&full, &truncated, last, false);
                }
            }
        }
    }
    Ok(())
}

#[test]
fn buy_and_hold_never_looks_ahead() -> TestResult {
    let series = series();
    for fill_at in [FillAt::NextOpen, FillAt::Close] {
        let settings = settings(fill_at, 10.0, 5.0);
        let full = run_buy_and_hold(&series, &settings)?;
        for last in CUTS {
            assert_same_until(&full, &run_buy_and_hold(&cut(&series, last + 1), &settings)?, last, false);
        }
    }
    Ok(())
}

/// Seven symbols listing at different bars and some ending early.
pub fn staggered_universe(bar_count: usize) -> Vec<SymbolBars> {
    (0..7u64)
        .map(|symbol| {
            let first = (symbol as usize * 13) % 40;
            let last = if symbol % 3 == 0 { bar_count - 1 - symbol as usize * 17 } else { bar_count - 1 };
            let (opens, closes) = random_walk(symbol + 11, last + 1 - first, 50.0 + symbol as f64);
            daily_series(&format!("S{symbol}USDT"), first as i64, &opens, &closes)
        })
        .collect()
}

#[test]
fn relative_momentum_never_looks_ahead() -> TestResult {
    let universe = staggered_universe(BARS);
    let params = RelativeMomentumParams { lookback: 10, rebalance_every: 3, long_count: 2, short_count: 1 };
    for fill_at in [FillAt::NextOpen, FillAt::Close] {
        let settings = settings(fill_at, 10.0, 5.0);
        let full = run_relative_momentum(&universe, &params, &settings)?;
        for last in CUTS {
            // The timeline is days 0..BARS (S0 has every day): cut every symbol after day `last`.
            let cut_universe: Vec<SymbolBars> = universe
                .iter()
                .map(|series| {
                    let keep = series.bars.open_time_ms().partition_point(|&open| open <= last as i64 * DAY_MS);
                    SymbolBars::new(series.symbol.clone(), series.bars.truncated(keep))
                })
                .collect();
            let truncated = run_relative_momentum(&cut_universe, &params, &settings)?;
            assert_same_until(&full, &truncated, last, true);
            assert_eq!(truncated.rebalances[..], full.rebalances[..truncated.rebalances.len()]);
            assert_eq!(truncated.skipped_rebalances[..], full.skipped_rebalances[..truncated.skipped_rebalances.len()]);
        }
    }
    Ok(())
}

/// The same bars before `from_ms`, and from there opens and closes scaled by
/// pseudo-random factors between 0.5 and 1.5.
fn perturbed(series: &SymbolBars, from_ms: i64, seed: u64) -> SymbolBars {
    let bars = &series.bars;
    let mut state = seed | 1;
    let mut factor = move || {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        0.5 + (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let (mut opens, mut closes) = (bars.open().to_vec(), bars.close().to_vec());
    for index in bars.open_time_ms().partition_point(|&open| open < from_ms)..bars.len() {
        opens[index] *= factor();
        closes[index] *= factor();
    }
    let changed =
        backtest_engine::Bars::new(bars.open_time_ms().to_vec(), bars.close_time_ms().to_vec(), opens, closes)
            .unwrap_or_else(|error| panic!("{error}"));
    SymbolBars::new(series.symbol.clone(), changed)
}

/// Every entry and exit (time, symbol, side, which) at or before `cutoff_ms`.
fn events_until(report: &BacktestReport, cutoff_ms: i64) -> Vec<(i64, String, backtest_engine::Side, bool)> {
    let mut events: Vec<_> = report
        .trades
        .iter()
        .flat_map(|trade| {
            [
                (trade.entry_time_ms, trade.symbol.clone(), trade.side, true),
                (trade.exit_time_ms, trade.symbol.clone(), trade.side, false),
            ]
        })
        .filter(|event| event.0 <= cutoff_ms)
        .collect();
    events.sort_by(|a, b| (a.0, &a.1, a.3).cmp(&(b.0, &b.1, b.3)));
    events
}

/// The latest fill of a decision before bar `bar`: that bar's open (`next_open`) or the
/// previous bar's close (`close`), the same instant for contiguous daily bars.
fn cutoff_ms(bar: usize) -> i64 {
    bar as i64 * DAY_MS
}

/// A change to bar T or any later bar (its open too) changes nothing decided before T:
/// the curve before T, and every entry, exit and rebalance decision made before T. This
/// also catches a peek of a single bar ahead, which a cut at T cannot see.
#[test]
fn changing_the_future_changes_nothing_decided_before_it() -> TestResult {
    let series = series();
    let universe = staggered_universe(BARS);
    let momentum = RelativeMomentumParams { lookback: 10, rebalance_every: 3, long_count: 2, short_count: 1 };
    for fill_at in [FillAt::NextOpen, FillAt::Close] {
        let settings = settings(fill_at, 10.0, 5.0);
        for bar in CUTS {
            let from_ms = bar as i64 * DAY_MS;
            for params in [
                MaCrossParams { fast: 5, slow: 21, ma_type: MovingAverageType::Sma, allow_short: true },
                MaCrossParams { fast: 5, slow: 21, ma_type: MovingAverageType::Ema, allow_short: true },
            ] {
                let original = run_ma_cross(&series, &params, &settings)?;
                let changed = run_ma_cross(&perturbed(&series, from_ms, bar as u64), &params, &settings)?;
                assert_eq!(original.equity_curve.equity[..=bar], changed.equity_curve.equity[..=bar]);
                let cutoff = cutoff_ms(bar);
                assert_eq!(events_until(&original, cutoff), events_until(&changed, cutoff), "{params:?} at {bar}");
            }
            let changed_universe: Vec<SymbolBars> =
                universe.iter().enumerate().map(|(seed, series)| perturbed(series, from_ms, seed as u64 + 1)).collect();
            let original = run_relative_momentum(&universe, &momentum, &settings)?;
            let changed = run_relative_momentum(&changed_universe, &momentum, &settings)?;
            assert_eq!(original.equity_curve.equity[..=bar], changed.equity_curve.equity[..=bar]);
            let decided_before = |report: &BacktestReport| -> Vec<_> {
                report
                    .rebalances
                    .iter()
                    .filter(|rebalance| rebalance.decision_time_ms <= from_ms)
                    .map(|rebalance| {
                        (
                            rebalance.decision_time_ms,
                            rebalance.eligible_count,
                            rebalance.longs.clone(),
                            rebalance.shorts.clone(),
                        )
                    })
                    .collect()
            };
            assert_eq!(decided_before(&original), decided_before(&changed), "rebalances decided before bar {bar}");
        }
    }
    Ok(())
}
