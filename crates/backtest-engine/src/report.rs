//! The report of a run: what was asked, the conventions used, the data actually used, the
//! metrics, the benchmark, the equity curve, the trades and the rebalances.

use serde::{Deserialize, Serialize};

use crate::equity_curve::EquityCurve;
use crate::metrics::Metrics;
use crate::settings::{BacktestSettings, FillAt};
use crate::strategy::StrategySpec;
use crate::strategy::relative_momentum::{Rebalance, SkippedRebalance};
use crate::trade::Trade;

/// Everything a run produced. Serialisable, so it can be stored as JSON and read back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BacktestReport {
    pub strategy: StrategySpec,
    pub conventions: Conventions,
    pub data_range: DataRange,
    pub metrics: Metrics,
    pub benchmark: Benchmark,
    pub equity_curve: EquityCurve,
    /// Closed trades in the order they closed.
    pub trades: Vec<Trade>,
    /// Relative momentum only: every executed rebalance, oldest first.
    pub rebalances: Vec<Rebalance>,
    /// Relative momentum only: scheduled rebalances with too few eligible symbols, at which
    /// the positions were kept.
    pub skipped_rebalances: Vec<SkippedRebalance>,
}

/// The conventions the numbers follow (see the crate documentation for the definitions).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conventions {
    pub initial_capital: f64,
    pub fill_at: FillAt,
    pub fee_bps: f64,
    pub slippage_bps: f64,
    pub bar_seconds: u64,
    pub periods_per_year: f64,
    /// Always 0: Sharpe and Sortino are computed on raw returns.
    pub risk_free_rate: f64,
}

/// The bars the run actually used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataRange {
    pub first_open_time_ms: i64,
    pub last_close_time_ms: i64,
    /// Bars of the run's timeline: the symbol's bars, or for a universe the union of all
    /// symbols' open times.
    pub bar_count: usize,
    /// The symbols with at least one bar, by name.
    pub symbols: Vec<String>,
}

/// The benchmark the strategy is compared with; its curve is in the equity curve.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Benchmark {
    pub kind: BenchmarkKind,
    /// The symbols bought: the one symbol, or the eligible universe at the first rebalance.
    pub symbols: Vec<String>,
    pub final_equity: f64,
    pub total_return: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BenchmarkKind {
    /// Buy at the first possible fill (decision at the first bar), hold to the end.
    BuyAndHold,
    /// Equal weights of the symbols eligible at the first rebalance, bought with that
    /// rebalance's fill and held (each until its data ends).
    EqualWeightBuyAndHold,
}

impl Conventions {
    pub(crate) fn from_settings(settings: &BacktestSettings) -> Self {
        Self {
            initial_capital: settings.initial_capital,
            fill_at: settings.fill_at,
            fee_bps: settings.fee_bps,
            slippage_bps: settings.slippage_bps,
            bar_seconds: settings.bar_seconds,
            periods_per_year: settings.periods_per_year(),
            risk_free_rate: 0.0,
        }
    }
}

impl Benchmark {
    pub(crate) fn from_curve(kind: BenchmarkKind, symbols: Vec<String>, benchmark_equity: &[f64]) -> Self {
        let initial = benchmark_equity.first().copied().unwrap_or(0.0);
        let final_equity = benchmark_equity.last().copied().unwrap_or(0.0);
        Self { kind, symbols, final_equity, total_return: final_equity / initial - 1.0 }
    }
}
