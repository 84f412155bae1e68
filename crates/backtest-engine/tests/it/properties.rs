//! Properties over random bars and parameters: the accounting identities, buy-and-hold's
//! closed form, no trade before enough history, and the shape of rebalances.

use std::collections::BTreeSet;

use backtest_engine::{
    BacktestError, BacktestReport, BacktestSettings, FillAt, MaCrossParams, MovingAverageType, RelativeMomentumParams,
    Side, SymbolBars, run_buy_and_hold, run_ma_cross, run_relative_momentum,
};
use proptest::prelude::*;

use crate::fixtures::{DAY_MS, daily_series};

/// Opens and closes of a random positive walk: each step an open gap and a bar return.
fn walk(length: std::ops::Range<usize>) -> impl Strategy<Value = (Vec<f64>, Vec<f64>)> {
    prop::collection::vec((-0.01f64..0.01, -0.08f64..0.08), length).prop_map(|steps| {
        let mut close = 100.0;
        steps
            .into_iter()
            .map(|(gap, change)| {
                let open = close * (1.0 + gap);
                close = open * (1.0 + change);
                (open, close)
            })
            .unzip()
    })
}

fn fill_at() -> impl Strategy<Value = FillAt> {
    prop_oneof![Just(FillAt::NextOpen), Just(FillAt::Close)]
}

fn tolerance(value: f64) -> f64 {
    1e-9 * value.abs().max(1000.0)
}

/// Final equity is the capital plus every trade's pnl: all positions end closed.
fn assert_pnl_adds_up(report: &BacktestReport) -> Result<(), TestCaseError> {
    let pnl: f64 = report.trades.iter().map(|trade| trade.pnl).sum();
    let expected = report.conventions.initial_capital + pnl;
    prop_assert!((report.metrics.final_equity - expected).abs() <= tolerance(expected), "{report:?}");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Between fills equity moves by exactly quantity x close change (equity is cash plus
    /// quantity x close); pnl adds up; no trade enters before the slow average and a cross.
    #[test]
    fn ma_cross_accounting(
        (opens, closes) in walk(5..150),
        fast in 1usize..6,
        extra in 1usize..10,
        ema in any::<bool>(),
        allow_short in any::<bool>(),
        fill_at in fill_at(),
        fee_bps in 0.0f64..50.0,
        slippage_bps in 0.0f64..50.0,
    ) {
        let slow = fast + extra;
        let series = daily_series("X", 0, &opens, &closes);
        let ma_type = if ema { MovingAverageType::Ema } else { MovingAverageType::Sma };
        let params = MaCrossParams { fast, slow, ma_type, allow_short };
        let settings = BacktestSettings::new(1000.0, 86_400).with_fill_at(fill_at).with_costs(fee_bps, slippage_bps);
        let report = match run_ma_cross(&series, &params, &settings) {
            Err(error) => {
                prop_assert_eq!(error, BacktestError::NotEnoughBars { found: closes.len(), needed: slow + 2 });
                return Ok(());
            }
            Ok(report) => report,
        };
        let bar_count = closes.len();
        prop_assert_eq!(report.equity_curve.len(), bar_count + 1);
        assert_pnl_adds_up(&report)?;
        // The first cross can be seen at bar `slow`: filled at bar slow + 1's open, or at bar
        // slow's close, which is the same instant for contiguous bars.
        let earliest_entry = (slow as i64 + 1) * DAY_MS;
        prop_assert!(report.trades.iter().all(|trade| trade.entry_time_ms >= earliest_entry));
        if !allow_short {
            prop_assert!(report.trades.iter().all(|trade| trade.side == Side::Long));
        }
        let fills: BTreeSet<i64> = report.trades.iter().flat_map(|trade| [trade.entry_time_ms, trade.exit_time_ms]).collect();
        let equity = &report.equity_curve.equity;
        for bar in 1..bar_count - 1 {
            let (opens_at, closes_at) = (bar as i64 * DAY_MS, (bar as i64 + 1) * DAY_MS);
            if fills.contains(&opens_at) || fills.contains(&closes_at) {
                continue;
            }
            let quantity: f64 = report
                .trades
                .iter()
                .filter(|trade| trade.entry_time_ms <= opens_at && trade.exit_time_ms > closes_at)
                .map(|trade| if trade.side == Side::Long { trade.quantity } else { -trade.quantity })
                .sum();
            let moved = equity[bar + 1] - equity[bar];
            let expected = quantity * (closes[bar] - closes[bar - 1]);
            prop_assert!((moved - expected).abs() <= tolerance(equity[bar]), "bar {bar}: {moved} vs {expected}");
        }
    }

    /// Without costs buy-and-hold returns last close / fill price - 1; with costs the fill
    /// prices carry slippage and both sides pay the fee.
    #[test]
    fn buy_and_hold_closed_form(
        (opens, closes) in walk(2..100),
        fill_at in fill_at(),
        fee_bps in 0.0f64..50.0,
        slippage_bps in 0.0f64..50.0,
    ) {
        let series = daily_series("X", 0, &opens, &closes);
        let fill_price = match fill_at { FillAt::NextOpen => opens[1], FillAt::Close => closes[0] };
        let last_close = closes[closes.len() - 1];
        let free = run_buy_and_hold(&series, &BacktestSettings::new(1000.0, 86_400).with_fill_at(fill_at).with_costs(0.0, 0.0))
            .map_err(|error| TestCaseError::fail(error.to_string()))?;
        prop_assert!((free.metrics.total_return - (last_close / fill_price - 1.0)).abs() <= 1e-12);
        let (fee, slip) = (fee_bps / 10_000.0, slippage_bps / 10_000.0);
        let settings = BacktestSettings::new(1000.0, 86_400).with_fill_at(fill_at).with_costs(fee_bps, slippage_bps);
        let costly = run_buy_and_hold(&series, &settings).map_err(|error| TestCaseError::fail(error.to_string()))?;
        let expected = last_close * (1.0 - slip) * (1.0 - fee) / (fill_price * (1.0 + slip) * (1.0 + fee)) - 1.0;
        prop_assert!((costly.metrics.total_return - expected).abs() <= 1e-12);
        prop_assert_eq!(costly.trades.len(), 1);
        prop_assert!(costly.trades[0].closed_at_end);
    }

    /// Relative momentum: pnl adds up, the curve covers the timeline, every rebalance has the
    /// requested counts on disjoint sides in rank order, and every chosen symbol had a
    /// candle at the decision bar and `lookback` timeline bars before it.
    #[test]
    fn relative_momentum_invariants(
        symbols in prop::collection::vec((0i64..20, walk(1..60)), 2..7),
        lookback in 1usize..6,
        rebalance_every in 1usize..5,
        long_count in 0usize..3,
        short_count in 0usize..3,
        fill_at in fill_at(),
        fee_bps in 0.0f64..30.0,
    ) {
        prop_assume!(long_count + short_count > 0);
        let universe: Vec<SymbolBars> = symbols
            .iter()
            .enumerate()
            .map(|(index, (first_day, (opens, closes)))| daily_series(&format!("S{index}"), *first_day, opens, closes))
            .collect();
        let params = RelativeMomentumParams { lookback, rebalance_every, long_count, short_count };
        let settings = BacktestSettings::new(1000.0, 86_400).with_fill_at(fill_at).with_costs(fee_bps, 5.0);
        let report = match run_relative_momentum(&universe, &params, &settings) {
            Err(error) => {
                let expected = matches!(
                    error,
                    BacktestError::UniverseTooSmall { .. }
                        | BacktestError::NotEnoughBars { .. }
                        | BacktestError::NotEnoughEligibleSymbols { .. }
                );
                prop_assert!(expected, "{error}");
                return Ok(());
            }
            Ok(report) => report,
        };
        let timeline: Vec<i64> = universe
            .iter()
            .flat_map(|series| series.bars.open_time_ms().to_vec())
            .collect::<BTreeSet<i64>>()
            .into_iter()
            .collect();
        prop_assert_eq!(report.equity_curve.len(), timeline.len() + 1);
        assert_pnl_adds_up(&report)?;
        for rebalance in &report.rebalances {
            prop_assert_eq!((rebalance.longs.len(), rebalance.shorts.len()), (long_count, short_count));
            let decision_bar = timeline.iter().position(|&open| open + DAY_MS == rebalance.decision_time_ms);
            let decision_bar = decision_bar.ok_or_else(|| TestCaseError::fail("decision time not on the timeline"))?;
            prop_assert!(decision_bar >= lookback);
            for chosen in rebalance.longs.iter().chain(&rebalance.shorts) {
                let series = universe.iter().find(|series| series.symbol == chosen.symbol);
                let opens = series.map(|series| series.bars.open_time_ms()).unwrap_or_default();
                prop_assert!(opens.contains(&timeline[decision_bar]) && opens.contains(&timeline[decision_bar - lookback]));
            }
            let long_names: BTreeSet<&str> = rebalance.longs.iter().map(|choice| choice.symbol.as_str()).collect();
            prop_assert!(rebalance.shorts.iter().all(|choice| !long_names.contains(choice.symbol.as_str())));
            prop_assert!(rebalance.longs.windows(2).all(|pair| pair[0].score >= pair[1].score));
            prop_assert!(rebalance.shorts.windows(2).all(|pair| pair[0].score <= pair[1].score));
            if let (Some(worst_long), Some(best_short)) = (rebalance.longs.last(), rebalance.shorts.last()) {
                prop_assert!(worst_long.score >= best_short.score);
            }
        }
    }
}
