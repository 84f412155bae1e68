//! Real data from the shared folder, checked against straightforward re-computations
//! written here from the definitions.

use std::collections::{BTreeMap, BTreeSet};

use backtest_engine::{
    BacktestSettings, MaCrossParams, MovingAverageType, RelativeMomentumParams, Side, SymbolBars, run_ma_cross,
    run_relative_momentum,
};

use crate::fixtures::{DAY_MS, TestResult, read_csv};

/// 2020-01-01 and 2025-01-01, 00:00 UTC.
const FROM_MS: i64 = 1_577_836_800_000;
const TO_MS: i64 = 1_735_689_600_000;

/// The averages, each computed afresh per bar; `None` before `length` closes.
fn naive_averages(closes: &[f64], length: usize, ma_type: MovingAverageType) -> Vec<Option<f64>> {
    let mut averages = vec![None; closes.len()];
    let alpha = 2.0 / (length as f64 + 1.0);
    for bar in length - 1..closes.len() {
        let simple = closes[bar + 1 - length..=bar].iter().sum::<f64>() / length as f64;
        averages[bar] = Some(match (ma_type, bar == length - 1) {
            (MovingAverageType::Sma, _) | (MovingAverageType::Ema, true) => simple,
            (MovingAverageType::Ema, false) => {
                alpha * closes[bar] + (1.0 - alpha) * averages[bar - 1].unwrap_or(simple)
            }
        });
    }
    averages
}

/// The trades (side, entry time, exit time) the rules give, decided at bars
/// `slow..=n-2` and filled at the next open; an open position is closed at the last close.
fn naive_trades(bars: &backtest_engine::Bars, params: &MaCrossParams) -> Vec<(Side, i64, i64)> {
    let closes = bars.close();
    let fast = naive_averages(closes, params.fast, params.ma_type);
    let slow = naive_averages(closes, params.slow, params.ma_type);
    let mut trades = Vec::new();
    let mut open: Option<(Side, i64)> = None;
    for bar in params.slow..closes.len() - 1 {
        let (Some(fast_before), Some(slow_before), Some(fast_now), Some(slow_now)) =
            (fast[bar - 1], slow[bar - 1], fast[bar], slow[bar])
        else {
            continue;
        };
        let bullish = fast_before <= slow_before && fast_now > slow_now;
        let bearish = fast_before >= slow_before && fast_now < slow_now;
        let fill_ms = bars.open_time_ms()[bar + 1];
        let wanted = match (bullish, bearish, params.allow_short) {
            (true, _, _) => Some(Side::Long),
            (_, true, true) => Some(Side::Short),
            (_, true, false) => None,
            _ => continue,
        };
        if open.map(|(side, _)| side) == wanted {
            continue;
        }
        if let Some((side, entry_ms)) = open.take() {
            trades.push((side, entry_ms, fill_ms));
        }
        open = wanted.map(|side| (side, fill_ms));
    }
    if let Some((side, entry_ms)) = open {
        trades.push((side, entry_ms, bars.close_time_ms()[closes.len() - 1]));
    }
    trades
}

#[test]
fn ma_cross_on_btcusdt_daily_2020_to_2024_matches_a_naive_recomputation() -> TestResult {
    let bars = read_csv("1d/BTCUSDT-1d.csv")?.to_bars(FROM_MS, TO_MS, DAY_MS)?;
    // 366 + 365 + 365 + 365 + 366 days.
    assert_eq!(bars.len(), 1827);
    let series = SymbolBars::new("BTCUSDT", bars);
    let settings = BacktestSettings::new(10_000.0, 86_400);
    for ma_type in [MovingAverageType::Sma, MovingAverageType::Ema] {
        for allow_short in [false, true] {
            let params = MaCrossParams { ma_type, allow_short, ..MaCrossParams::default() };
            let report = run_ma_cross(&series, &params, &settings)?;
            let found: Vec<(Side, i64, i64)> =
                report.trades.iter().map(|trade| (trade.side, trade.entry_time_ms, trade.exit_time_ms)).collect();
            assert_eq!(found, naive_trades(&series.bars, &params), "{params:?}");
            assert!(report.trades.len() >= 10, "{params:?}: five years of BTC cross more often");

            assert_eq!(report.data_range.first_open_time_ms, FROM_MS);
            assert_eq!(report.data_range.last_close_time_ms, TO_MS);
            assert_eq!(report.equity_curve.len(), 1828);
            let metrics = &report.metrics;
            let pnl: f64 = report.trades.iter().map(|trade| trade.pnl).sum();
            assert!((metrics.final_equity - (10_000.0 + pnl)).abs() < 1e-6);
            assert!(metrics.sharpe.is_some_and(f64::is_finite) && metrics.volatility.is_some_and(|v| v > 0.0));
            assert!((0.0..1.0).contains(&metrics.max_drawdown) && (0.0..=1.0).contains(&metrics.exposure));
            // Fees: 10 bps of every traded notional.
            assert!((metrics.fees_paid - metrics.traded_notional * 0.001).abs() < 1e-6);
            // Benchmark: bought at the second bar's open with the fee, sold at the last close.
            let (open_1, last_close) = (series.bars.open()[1], series.bars.close()[1826]);
            let benchmark = last_close * 0.999 / (open_1 * 1.001) - 1.0;
            assert!((report.benchmark.total_return - benchmark).abs() < 1e-12);
        }
    }
    Ok(())
}

/// The `Layer 1` symbols of the shared category file, read with a few lines of parsing.
fn layer_one_symbols() -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string(crate::fixtures::shared_data().join("symbol-categories.yaml"))?;
    let mut lines = text.lines().skip_while(|line| line.trim() != "\"Layer 1\":").skip(1);
    let mut symbols = Vec::new();
    for line in lines.by_ref() {
        let Some(symbol) = line.trim().strip_prefix("- ") else { break };
        symbols.push(symbol.trim().to_owned());
    }
    Ok(symbols)
}

#[test]
fn relative_momentum_on_layer_one_daily_matches_a_naive_ranking() -> TestResult {
    let symbols = layer_one_symbols()?;
    assert!(symbols.len() > 20, "the category file lists Layer 1 symbols");
    let mut universe = Vec::new();
    for symbol in &symbols {
        let path = format!("1d/{symbol}-1d.csv");
        if crate::fixtures::shared_data().join(&path).exists() {
            universe.push(SymbolBars::new(symbol.clone(), read_csv(&path)?.to_bars(FROM_MS, TO_MS, DAY_MS)?));
        }
    }
    let params = RelativeMomentumParams::new(5, 5);
    let report = run_relative_momentum(&universe, &params, &BacktestSettings::new(10_000.0, 86_400))?;

    // Naive point-in-time ranking: the timeline, then per decision bar the symbols with a
    // close now and 30 bars before, sorted by score (name on ties).
    let closes: BTreeMap<&str, BTreeMap<i64, f64>> = universe
        .iter()
        .map(|series| {
            let by_time = series.bars.open_time_ms().iter().copied().zip(series.bars.close().iter().copied()).collect();
            (series.symbol.as_str(), by_time)
        })
        .collect();
    let timeline: Vec<i64> =
        closes.values().flat_map(|by_time| by_time.keys().copied()).collect::<BTreeSet<_>>().into_iter().collect();
    let eligible_at = |bar: usize| -> Vec<(&str, f64)> {
        closes
            .iter()
            .filter_map(|(&symbol, by_time)| {
                let now = by_time.get(&timeline[bar])?;
                let then = by_time.get(&timeline[bar.checked_sub(30)?])?;
                Some((symbol, now / then - 1.0))
            })
            .collect()
    };
    let first_bar = (30..timeline.len() - 1).find(|&bar| eligible_at(bar).len() >= 10);
    assert!(report.rebalances.len() > 100);
    for (index, rebalance) in report.rebalances.iter().enumerate() {
        let bar = timeline.iter().position(|&open| open + DAY_MS == rebalance.decision_time_ms);
        assert_eq!(bar, first_bar.map(|first| first + 7 * index), "rebalance {index} is not on the weekly schedule");
        let mut scored = eligible_at(bar.unwrap_or(0));
        assert_eq!(rebalance.eligible_count, scored.len());
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
        let longs: Vec<&str> = scored[..5].iter().map(|(symbol, _)| *symbol).collect();
        let mut rest = scored[5..].to_vec();
        rest.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(b.0)));
        let shorts: Vec<&str> = rest[..5].iter().map(|(symbol, _)| *symbol).collect();
        let chosen = |side: &[backtest_engine::RankedSymbol]| side.iter().map(|c| c.symbol.clone()).collect::<Vec<_>>();
        assert_eq!(chosen(&rebalance.longs), longs, "longs of rebalance {index}");
        assert_eq!(chosen(&rebalance.shorts), shorts, "shorts of rebalance {index}");
        assert!(rebalance.longs.iter().chain(&rebalance.shorts).all(|choice| choice.weight.abs() == 0.1));
    }
    // Every rebalance was possible (10 symbols eligible throughout), the books balance, and
    // symbols whose files end early were closed when their data ended.
    assert!(report.skipped_rebalances.is_empty());
    let pnl: f64 = report.trades.iter().map(|trade| trade.pnl).sum();
    assert!((report.metrics.final_equity - (10_000.0 + pnl)).abs() < 1e-6);
    assert!(report.trades.iter().any(|trade| trade.closed_at_end && trade.exit_time_ms < TO_MS));
    assert!(report.metrics.sharpe.is_some() && report.benchmark.symbols.len() >= 10);
    Ok(())
}
