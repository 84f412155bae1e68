//! The accounting of single-symbol strategies: target positions decided at bar closes,
//! filled by the convention, marked at every close, closed out after the last bar. The
//! strategy and its buy-and-hold benchmark each run through the bars a stretch between two
//! fills at a time, so the loop over bars only marks.

use crate::bars::{Bars, SymbolBars};
use crate::cost_model::CostModel;
use crate::curve_statistics::{CurveSummary, CurveWriter};
use crate::equity_curve::EquityCurve;
use crate::metrics::{MetricsInput, compute_metrics};
use crate::portfolio::{Portfolio, PortfolioOutcome};
use crate::report::{BacktestReport, Benchmark, BenchmarkKind, Conventions, DataRange};
use crate::settings::{BacktestSettings, FillAt};
use crate::strategy::StrategySpec;

/// The position a strategy wants after a decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TargetPosition {
    Flat,
    /// All equity long.
    Long,
    /// Short the notional an all-equity long would have.
    Short,
}

/// A change of target position decided at the close of `bar`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Decision {
    pub(crate) bar: usize,
    pub(crate) target: TargetPosition,
}

/// The decision to buy at the first bar and hold: buy-and-hold, and the benchmark.
pub(crate) const BUY_AT_FIRST_BAR: [Decision; 1] = [Decision { bar: 0, target: TargetPosition::Long }];

/// What a run of a strategy and its benchmark produced.
#[derive(Debug, Clone)]
pub(crate) struct SingleSymbolRun {
    pub(crate) curve: EquityCurve,
    pub(crate) summary: CurveSummary,
    pub(crate) outcome: PortfolioOutcome,
    pub(crate) exposed_bars: usize,
}

/// Runs the strategy's `decisions` and the benchmark's (both ascending by bar) on `bars`.
/// Decisions on the last bar are not filled. At every bar, in order: the fill due (at this
/// bar's open for the previous bar's decision, or at this bar's close for its own), then
/// the mark `cash + quantity x close`; at the last bar the close-out replaces the mark.
pub(crate) fn simulate(
    bars: &Bars,
    decisions: &[Decision],
    benchmark_decisions: &[Decision],
    settings: &BacktestSettings,
    symbol: &str,
) -> SingleSymbolRun {
    let capacity = bars.len() + 1;
    let mut curve = CurveWriter::new(settings.initial_capital, capacity);
    let strategy = run_track(bars, decisions, settings, &mut curve);
    let mut benchmark_equity = Vec::with_capacity(capacity);
    benchmark_equity.push(settings.initial_capital);
    run_track(bars, benchmark_decisions, settings, &mut benchmark_equity);
    let time_ms = EquityCurve::times(bars.open_time_ms().first().copied().unwrap_or(0), bars.close_time_ms());
    SingleSymbolRun {
        summary: curve.statistics.finish(),
        curve: EquityCurve::new(time_ms, curve.equity, curve.drawdown, benchmark_equity),
        outcome: strategy.portfolio.finish(&[symbol.to_owned()]),
        exposed_bars: strategy.exposed_bars,
    }
}

/// Where the marks of a track go: the strategy's curve with its statistics, or a plain
/// column for the benchmark.
trait MarkSink {
    /// Appends `cash + quantity x close` for each close.
    fn extend_marks(&mut self, cash: f64, quantity: f64, closes: &[f64]);
    fn push_mark(&mut self, value: f64);
}

impl MarkSink for CurveWriter {
    fn extend_marks(&mut self, cash: f64, quantity: f64, closes: &[f64]) {
        CurveWriter::extend_marks(self, cash, quantity, closes);
    }

    fn push_mark(&mut self, value: f64) {
        self.push(value);
    }
}

impl MarkSink for Vec<f64> {
    fn extend_marks(&mut self, cash: f64, quantity: f64, closes: &[f64]) {
        self.extend(closes.iter().map(|&close| cash + quantity * close));
    }

    fn push_mark(&mut self, value: f64) {
        self.push(value);
    }
}

/// A portfolio that followed its decisions to the end.
#[derive(Debug)]
struct TrackOutcome {
    portfolio: Portfolio,
    exposed_bars: usize,
}

/// Runs one portfolio through `decisions`, a stretch of bars between fills at a time. The
/// last bar counts as exposed if a position is held at its close, before the close-out.
fn run_track(
    bars: &Bars,
    decisions: &[Decision],
    settings: &BacktestSettings,
    sink: &mut impl MarkSink,
) -> TrackOutcome {
    let closes = bars.close();
    let mut portfolio = Portfolio::new(settings.initial_capital, 1, CostModel::from_settings(settings));
    let mut exposed_bars = 0;
    let mut marked = 0;
    let Some(last_bar) = closes.len().checked_sub(1) else {
        return TrackOutcome { portfolio, exposed_bars };
    };
    for fill in fills(bars, decisions, settings.fill_at) {
        let quantity = portfolio.quantity(0);
        sink.extend_marks(portfolio.cash(), quantity, &closes[marked..fill.bar]);
        exposed_bars += if quantity != 0.0 { fill.bar - marked } else { 0 };
        marked = fill.bar;
        move_to_target(&mut portfolio, fill.target, fill.price, fill.time_ms);
    }
    let quantity = portfolio.quantity(0);
    sink.extend_marks(portfolio.cash(), quantity, &closes[marked..last_bar]);
    exposed_bars += if quantity != 0.0 { last_bar + 1 - marked } else { 0 };
    if quantity != 0.0 {
        portfolio.trade_to(0, 0.0, closes[last_bar], bars.close_time_ms()[last_bar], true);
    }
    sink.push_mark(portfolio.cash() + portfolio.quantity(0) * closes[last_bar]);
    TrackOutcome { portfolio, exposed_bars }
}

/// A decision with its fill bar, price and time under the fill convention.
#[derive(Debug, Clone, Copy)]
struct Fill {
    bar: usize,
    target: TargetPosition,
    price: f64,
    time_ms: i64,
}

/// The fills of `decisions`, gathered before the pass over the bars: the loads of sparse
/// open prices are independent here and overlap, where inside the pass each would stall it.
fn fills(bars: &Bars, decisions: &[Decision], fill_at: FillAt) -> Vec<Fill> {
    decisions
        .iter()
        .filter(|decision| decision.bar + 1 < bars.len())
        .map(|decision| match fill_at {
            FillAt::NextOpen => {
                let bar = decision.bar + 1;
                Fill { bar, target: decision.target, price: bars.open()[bar], time_ms: bars.open_time_ms()[bar] }
            }
            FillAt::Close => Fill {
                bar: decision.bar,
                target: decision.target,
                price: bars.close()[decision.bar],
                time_ms: bars.close_time_ms()[decision.bar],
            },
        })
        .collect()
}

fn move_to_target(portfolio: &mut Portfolio, target: TargetPosition, price: f64, time_ms: i64) {
    let quantity = portfolio.quantity(0);
    let keeps_current = match target {
        TargetPosition::Flat => quantity == 0.0,
        TargetPosition::Long => quantity > 0.0,
        TargetPosition::Short => quantity < 0.0,
    };
    if keeps_current {
        return;
    }
    if quantity != 0.0 {
        portfolio.trade_to(0, 0.0, price, time_ms, false);
    }
    if target != TargetPosition::Flat && portfolio.cash() > 0.0 {
        let long = target == TargetPosition::Long;
        let entry = portfolio.cost_model().all_in_quantity(portfolio.cash(), price, long);
        portfolio.trade_to(0, entry, price, time_ms, false);
    }
}

/// Assembles the report of a single-symbol run.
pub(crate) fn single_symbol_report(
    series: &SymbolBars,
    settings: &BacktestSettings,
    strategy: StrategySpec,
    run: SingleSymbolRun,
) -> BacktestReport {
    let bars = &series.bars;
    let first_open_time_ms = bars.open_time_ms().first().copied().unwrap_or(0);
    let last_close_time_ms = bars.close_time_ms().last().copied().unwrap_or(0);
    let benchmark =
        Benchmark::from_curve(BenchmarkKind::BuyAndHold, vec![series.symbol.clone()], &run.curve.benchmark_equity);
    let metrics = compute_metrics(MetricsInput {
        curve: &run.curve,
        summary: run.summary,
        trades: &run.outcome.trades,
        totals: run.outcome.totals,
        exposed_bars: run.exposed_bars,
        bar_count: bars.len(),
        periods_per_year: settings.periods_per_year(),
        span_ms: last_close_time_ms - first_open_time_ms,
    });
    BacktestReport {
        strategy,
        conventions: Conventions::from_settings(settings),
        data_range: DataRange {
            first_open_time_ms,
            last_close_time_ms,
            bar_count: bars.len(),
            symbols: vec![series.symbol.clone()],
        },
        metrics,
        benchmark,
        equity_curve: run.curve,
        trades: run.outcome.trades,
        rebalances: Vec::new(),
        skipped_rebalances: Vec::new(),
    }
}
