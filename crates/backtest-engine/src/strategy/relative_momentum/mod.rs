//! `relative_momentum`: long the best and short the worst performers of a universe over a
//! lookback, rebalanced every few bars, point in time. The rules are on
//! [`run_relative_momentum`].

mod aligned_universe;
mod ranking;
mod simulation;

use serde::{Deserialize, Serialize};

use crate::bars::SymbolBars;
use crate::equity_curve::EquityCurve;
use crate::error::BacktestError;
use crate::metrics::{MetricsInput, compute_metrics};
use crate::report::{BacktestReport, Benchmark, BenchmarkKind, Conventions, DataRange};
use crate::settings::BacktestSettings;
use crate::strategy::StrategySpec;

use aligned_universe::AlignedUniverse;
use simulation::{first_rebalance_bar, simulate};

/// The parameters of `relative_momentum`; `lookback` defaults to 30 bars and
/// `rebalance_every` to 7.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelativeMomentumParams {
    #[serde(default = "default_lookback")]
    pub lookback: usize,
    #[serde(default = "default_rebalance_every")]
    pub rebalance_every: usize,
    pub long_count: usize,
    pub short_count: usize,
}

fn default_lookback() -> usize {
    30
}

fn default_rebalance_every() -> usize {
    7
}

/// A chosen symbol at a rebalance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RankedSymbol {
    pub symbol: String,
    pub score: f64,
    /// Target weight: positive for longs, negative for shorts.
    pub weight: f64,
}

/// One executed rebalance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rebalance {
    /// Close time of the decision bar.
    pub decision_time_ms: i64,
    /// Open time of the next bar, or the decision bar's close time with `fill_at: close`.
    pub fill_time_ms: i64,
    pub eligible_count: usize,
    pub longs: Vec<RankedSymbol>,
    pub shorts: Vec<RankedSymbol>,
    /// Equity valued at the fill prices, before this rebalance's costs.
    pub equity_at_fill: f64,
    /// Notional traded at fill prices.
    pub traded_notional: f64,
    /// `traded_notional / equity_at_fill`.
    pub turnover: f64,
    pub fees: f64,
    pub slippage: f64,
    /// Symbols that should have traded but had no candle to trade at (they keep their
    /// quantity until they can).
    pub untraded_symbols: Vec<String>,
}

/// A scheduled rebalance that had too few eligible symbols.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedRebalance {
    pub decision_time_ms: i64,
    pub eligible_count: usize,
}

impl RelativeMomentumParams {
    /// The default lookback (30) and rebalance period (7) with the given counts.
    pub fn new(long_count: usize, short_count: usize) -> Self {
        Self { lookback: default_lookback(), rebalance_every: default_rebalance_every(), long_count, short_count }
    }

    pub fn validate(&self) -> Result<(), BacktestError> {
        let positive = [("lookback", self.lookback), ("rebalance_every", self.rebalance_every)];
        if let Some((name, _)) = positive.into_iter().find(|&(_, value)| value == 0) {
            return Err(BacktestError::InvalidParameter { name, reason: "must be at least 1".to_owned() });
        }
        if self.symbols_needed() == 0 {
            return Err(BacktestError::InvalidParameter {
                name: "long_count",
                reason: "long_count + short_count must be at least 1".to_owned(),
            });
        }
        Ok(())
    }

    /// `long_count + short_count`.
    pub fn symbols_needed(&self) -> usize {
        self.long_count.saturating_add(self.short_count)
    }

    /// `lookback + 2` timeline bars: the first score exists at bar `lookback`, and a
    /// decision there needs a later bar to be filled.
    pub fn bars_needed(&self) -> usize {
        self.lookback.saturating_add(2)
    }
}

/// Runs relative momentum over `universe` (one series per symbol, any first and last bar).
/// Symbols without bars are ignored; the universe must have at least
/// `long_count + short_count` symbols with bars.
///
///
/// - The timeline is the sorted union of all symbols' open times; "bar t" is its t-th
///   entry, and `t - lookback` counts timeline bars.
/// - A symbol is eligible at bar `t` if it has a candle at `t` and at `t - lookback`; its
///   score is `close_t / close_(t - lookback) - 1`. Symbols that list later enter when they
///   become eligible; no symbol is used before its first candle.
/// - The first rebalance is the first bar (before the last) with at least
///   `long_count + short_count` eligible symbols, then every `rebalance_every` bars. A
///   scheduled rebalance with fewer eligible symbols is skipped (positions kept) and listed.
/// - Longs: the top `long_count` by score descending; shorts: the bottom `short_count` of
///   the other symbols by score ascending; ties by symbol name ascending (byte order). Weights are
///   `+-1 / (long_count + short_count)`.
/// - Execution at the fill (next open by default): equity is valued at the fill prices
///   (`cash + sum(quantity x open)`, a symbol without a candle at its last close), target
///   quantity is `weight x equity / price`, only the differences are traded, with slippage,
///   fees from cash. Quantities stay fixed between rebalances.
/// - A symbol is traded at a fill only if it has a candle at the fill bar and the decision
///   bar is not its last candle (a symbol whose data ends is being closed out, so it is
///   neither bought into nor rebalanced on its last bar); otherwise its quantity stays and
///   it is listed in `untraded_symbols`.
/// - A held symbol without a candle at a bar is valued at its last close; at its last
///   candle it is closed at that close, marked `closed_at_end`.
/// - The benchmark buys the symbols eligible at the first rebalance in equal weights, with
///   that rebalance's fill and the same costs, and holds them.
pub fn run_relative_momentum(
    universe: &[SymbolBars],
    params: &RelativeMomentumParams,
    settings: &BacktestSettings,
) -> Result<BacktestReport, BacktestError> {
    settings.validate()?;
    params.validate()?;
    let aligned = AlignedUniverse::build(universe)?;
    let needed = params.symbols_needed();
    if aligned.symbol_count() < needed {
        return Err(BacktestError::UniverseTooSmall { available: aligned.symbol_count(), needed });
    }
    if aligned.bar_count() < params.bars_needed() {
        return Err(BacktestError::NotEnoughBars { found: aligned.bar_count(), needed: params.bars_needed() });
    }
    let first_rebalance = first_rebalance_bar(&aligned, params)?;
    let run = simulate(&aligned, params, settings, first_rebalance);

    let first_open_time_ms = aligned.open_time_ms().first().copied().unwrap_or(0);
    let last_close_time_ms = aligned.close_time_ms().last().copied().unwrap_or(0);
    let time_ms = EquityCurve::times(first_open_time_ms, aligned.close_time_ms());
    let benchmark_symbols = run.benchmark_symbols.iter().map(|&symbol| aligned.names()[symbol].clone()).collect();
    let benchmark =
        Benchmark::from_curve(BenchmarkKind::EqualWeightBuyAndHold, benchmark_symbols, &run.benchmark_equity);
    let summary = run.curve.statistics.finish();
    let equity_curve = EquityCurve::new(time_ms, run.curve.equity, run.curve.drawdown, run.benchmark_equity);
    let metrics = compute_metrics(MetricsInput {
        curve: &equity_curve,
        summary,
        trades: &run.outcome.trades,
        totals: run.outcome.totals,
        exposed_bars: run.exposed_bars,
        bar_count: aligned.bar_count(),
        periods_per_year: settings.periods_per_year(),
        span_ms: last_close_time_ms - first_open_time_ms,
    });
    Ok(BacktestReport {
        strategy: StrategySpec::RelativeMomentum(*params),
        conventions: Conventions::from_settings(settings),
        data_range: DataRange {
            first_open_time_ms,
            last_close_time_ms,
            bar_count: aligned.bar_count(),
            symbols: aligned.names().to_vec(),
        },
        metrics,
        benchmark,
        equity_curve,
        trades: run.outcome.trades,
        rebalances: run.rebalances,
        skipped_rebalances: run.skipped_rebalances,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_names_the_problem() {
        assert_eq!(RelativeMomentumParams::new(5, 5).validate(), Ok(()));
        assert_eq!(RelativeMomentumParams::new(5, 5).bars_needed(), 32);
        let none = RelativeMomentumParams::new(0, 0).validate();
        assert!(matches!(none, Err(BacktestError::InvalidParameter { name: "long_count", .. })));
        let no_lookback = RelativeMomentumParams { lookback: 0, ..RelativeMomentumParams::new(1, 0) }.validate();
        assert!(matches!(no_lookback, Err(BacktestError::InvalidParameter { name: "lookback", .. })));
        let never = RelativeMomentumParams { rebalance_every: 0, ..RelativeMomentumParams::new(1, 0) }.validate();
        assert!(matches!(never, Err(BacktestError::InvalidParameter { name: "rebalance_every", .. })));
    }
}
