//! The relative-momentum loop over the timeline: fills, marks, decisions, close-outs, for
//! the strategy and its equal-weight benchmark side by side.

use crate::cost_model::CostModel;
use crate::curve_statistics::CurveWriter;
use crate::error::BacktestError;
use crate::portfolio::{FillCosts, Portfolio, PortfolioOutcome};
use crate::settings::{BacktestSettings, FillAt};
use crate::strategy::relative_momentum::aligned_universe::AlignedUniverse;
use crate::strategy::relative_momentum::ranking::{Ranking, rank};
use crate::strategy::relative_momentum::{RankedSymbol, Rebalance, RelativeMomentumParams, SkippedRebalance};

/// What the loop produced.
#[derive(Debug, Clone)]
pub(crate) struct MomentumRun {
    pub(crate) curve: CurveWriter,
    pub(crate) benchmark_equity: Vec<f64>,
    pub(crate) outcome: PortfolioOutcome,
    pub(crate) exposed_bars: usize,
    pub(crate) rebalances: Vec<Rebalance>,
    pub(crate) skipped_rebalances: Vec<SkippedRebalance>,
    /// The benchmark's symbols: those eligible at the first rebalance.
    pub(crate) benchmark_symbols: Vec<usize>,
}

/// Target weights decided at the close of `decision_bar`.
#[derive(Debug, Clone)]
struct Targets {
    decision_bar: usize,
    weights: Vec<(usize, f64)>,
}

/// A strategy decision: the targets and what the record of the rebalance needs.
#[derive(Debug, Clone)]
struct Decision {
    targets: Targets,
    ranking: Ranking,
    eligible_count: usize,
    /// `1 / (long_count + short_count)`.
    weight: f64,
}

/// Where a fill happens.
#[derive(Debug, Clone, Copy)]
struct FillPoint {
    bar: usize,
    at: FillAt,
    time_ms: i64,
}

/// What a fill of targets did.
#[derive(Debug, Clone, Default)]
struct Execution {
    equity_at_fill: f64,
    costs: FillCosts,
    untraded: Vec<usize>,
}

/// The first bar before the last with at least `long_count + short_count` eligible symbols.
pub(crate) fn first_rebalance_bar(
    universe: &AlignedUniverse,
    params: &RelativeMomentumParams,
) -> Result<usize, BacktestError> {
    let needed = params.symbols_needed();
    let mut most_eligible = 0;
    for bar in params.lookback..universe.bar_count().saturating_sub(1) {
        let eligible = eligible_scores(universe, params.lookback, bar).len();
        if eligible >= needed {
            return Ok(bar);
        }
        most_eligible = most_eligible.max(eligible);
    }
    Err(BacktestError::NotEnoughEligibleSymbols { needed, most_eligible })
}

/// The loop over the timeline. At each bar, in order: the fill of the previous bar's
/// decision at this open; the closes; this bar's decision if one is scheduled (filled at
/// this close with `fill_at: close`); the exposure count; the close-out of symbols whose
/// data ends here (at the last bar, all that are held); the marks.
pub(crate) fn simulate(
    universe: &AlignedUniverse,
    params: &RelativeMomentumParams,
    settings: &BacktestSettings,
    first_rebalance: usize,
) -> MomentumRun {
    let (bar_count, symbol_count) = (universe.bar_count(), universe.symbol_count());
    let costs = CostModel::from_settings(settings);
    let mut state = RunState {
        strategy: Portfolio::new(settings.initial_capital, symbol_count, costs),
        benchmark: Portfolio::new(settings.initial_capital, symbol_count, costs),
        exposed_bars: 0,
        rebalances: Vec::new(),
        skipped_rebalances: Vec::new(),
        benchmark_symbols: Vec::new(),
    };
    // The latest close of each symbol: 0 before its first candle, when it cannot be held.
    let mut last_close = vec![0.0; symbol_count];
    let mut curve = CurveWriter::new(settings.initial_capital, bar_count + 1);
    let mut benchmark_equity = Vec::with_capacity(bar_count + 1);
    benchmark_equity.push(settings.initial_capital);
    let mut pending: Option<(Decision, Option<Targets>)> = None;

    for bar in 0..bar_count {
        if let Some((decision, benchmark_targets)) = pending.take() {
            let at_open = FillPoint { bar, at: FillAt::NextOpen, time_ms: universe.open_time_ms()[bar] };
            state.fill(universe, decision, benchmark_targets, at_open, &last_close);
        }
        for (symbol, close) in last_close.iter_mut().enumerate() {
            if let Some(price) = universe.close(symbol, bar) {
                *close = price;
            }
        }
        let scheduled = bar >= first_rebalance && (bar - first_rebalance).is_multiple_of(params.rebalance_every);
        if scheduled && bar + 1 < bar_count {
            match decide(universe, params, bar) {
                Ok(decision) => {
                    let benchmark_targets = (bar == first_rebalance).then(|| equal_weights(universe, params, bar));
                    match settings.fill_at {
                        FillAt::NextOpen => pending = Some((decision, benchmark_targets)),
                        FillAt::Close => {
                            let at_close = FillPoint { bar, at: FillAt::Close, time_ms: universe.close_time_ms()[bar] };
                            state.fill(universe, decision, benchmark_targets, at_close, &last_close);
                        }
                    }
                }
                Err(eligible_count) => state
                    .skipped_rebalances
                    .push(SkippedRebalance { decision_time_ms: universe.close_time_ms()[bar], eligible_count }),
            }
        }
        if state.strategy.has_position() {
            state.exposed_bars += 1;
        }
        close_symbols_whose_data_ends(universe, &mut state.strategy, bar);
        close_symbols_whose_data_ends(universe, &mut state.benchmark, bar);
        curve.push(state.strategy.equity(&last_close));
        benchmark_equity.push(state.benchmark.equity(&last_close));
    }

    MomentumRun {
        curve,
        benchmark_equity,
        outcome: state.strategy.finish(universe.names()),
        exposed_bars: state.exposed_bars,
        rebalances: state.rebalances,
        skipped_rebalances: state.skipped_rebalances,
        benchmark_symbols: state.benchmark_symbols,
    }
}

/// The two portfolios and the records the loop keeps.
#[derive(Debug)]
struct RunState {
    strategy: Portfolio,
    benchmark: Portfolio,
    exposed_bars: usize,
    rebalances: Vec<Rebalance>,
    skipped_rebalances: Vec<SkippedRebalance>,
    benchmark_symbols: Vec<usize>,
}

impl RunState {
    /// Fills a strategy decision (and the benchmark's purchase, at the first rebalance)
    /// and records the rebalance.
    fn fill(
        &mut self,
        universe: &AlignedUniverse,
        decision: Decision,
        benchmark_targets: Option<Targets>,
        fill: FillPoint,
        last_close: &[f64],
    ) {
        let execution = execute(&mut self.strategy, &decision.targets, universe, fill, last_close);
        if let Some(targets) = benchmark_targets {
            execute(&mut self.benchmark, &targets, universe, fill, last_close);
            self.benchmark_symbols = targets.weights.iter().map(|&(symbol, _)| symbol).collect();
        }
        self.rebalances.push(rebalance_record(universe, &decision, fill, execution));
    }
}

/// Scores of the symbols eligible at `bar`, in name order.
fn eligible_scores(universe: &AlignedUniverse, lookback: usize, bar: usize) -> Vec<(usize, f64)> {
    let Some(then) = bar.checked_sub(lookback) else {
        return Vec::new();
    };
    (0..universe.symbol_count())
        .filter_map(|symbol| {
            let (now, before) = (universe.close(symbol, bar)?, universe.close(symbol, then)?);
            Some((symbol, now / before - 1.0))
        })
        .collect()
}

/// The strategy's targets at `bar`, or the eligible count if it is too small.
fn decide(universe: &AlignedUniverse, params: &RelativeMomentumParams, bar: usize) -> Result<Decision, usize> {
    let scored = eligible_scores(universe, params.lookback, bar);
    let eligible_count = scored.len();
    if eligible_count < params.symbols_needed() {
        return Err(eligible_count);
    }
    let ranking = rank(scored, params.long_count, params.short_count);
    let weight = 1.0 / params.symbols_needed() as f64;
    let weights = ranking
        .longs
        .iter()
        .map(|&(symbol, _)| (symbol, weight))
        .chain(ranking.shorts.iter().map(|&(symbol, _)| (symbol, -weight)))
        .collect();
    Ok(Decision { targets: Targets { decision_bar: bar, weights }, ranking, eligible_count, weight })
}

/// Equal weights over every symbol eligible at `bar`: the benchmark's purchase.
fn equal_weights(universe: &AlignedUniverse, params: &RelativeMomentumParams, bar: usize) -> Targets {
    let eligible = eligible_scores(universe, params.lookback, bar);
    let weight = 1.0 / eligible.len().max(1) as f64;
    Targets { decision_bar: bar, weights: eligible.into_iter().map(|(symbol, _)| (symbol, weight)).collect() }
}

/// Moves `portfolio` to `targets` at `fill`, trading only the differences, in name order.
fn execute(
    portfolio: &mut Portfolio,
    targets: &Targets,
    universe: &AlignedUniverse,
    fill: FillPoint,
    last_close: &[f64],
) -> Execution {
    let price_at_fill = |symbol: usize| match fill.at {
        FillAt::NextOpen => universe.open(symbol, fill.bar),
        FillAt::Close => universe.close(symbol, fill.bar),
    };
    let equity_at_fill = portfolio.cash()
        + portfolio
            .quantities()
            .iter()
            .enumerate()
            .map(|(symbol, quantity)| quantity * price_at_fill(symbol).unwrap_or(last_close[symbol]))
            .sum::<f64>();
    let mut weights = vec![0.0; universe.symbol_count()];
    for &(symbol, weight) in &targets.weights {
        weights[symbol] = weight;
    }
    let mut execution = Execution { equity_at_fill, ..Execution::default() };
    // With no equity left, weights of it mean nothing (a negative equity would turn the
    // longs into shorts): the portfolio is flattened instead.
    if equity_at_fill <= 0.0 {
        weights.iter_mut().for_each(|weight| *weight = 0.0);
    }
    for (symbol, &weight) in weights.iter().enumerate() {
        if weight == 0.0 && portfolio.quantity(symbol) == 0.0 {
            continue;
        }
        let tradeable = price_at_fill(symbol).filter(|_| universe.last_bar(symbol) != targets.decision_bar);
        let Some(price) = tradeable else {
            execution.untraded.push(symbol);
            continue;
        };
        let costs = portfolio.trade_to(symbol, weight * equity_at_fill / price, price, fill.time_ms, false);
        execution.costs.notional += costs.notional;
        execution.costs.fee += costs.fee;
        execution.costs.slippage += costs.slippage;
    }
    execution
}

/// Closes every held symbol whose last candle is at `bar`, at that candle's close.
fn close_symbols_whose_data_ends(universe: &AlignedUniverse, portfolio: &mut Portfolio, bar: usize) {
    let time_ms = universe.close_time_ms()[bar];
    for symbol in 0..universe.symbol_count() {
        if universe.last_bar(symbol) == bar
            && portfolio.quantity(symbol) != 0.0
            && let Some(close) = universe.close(symbol, bar)
        {
            portfolio.trade_to(symbol, 0.0, close, time_ms, true);
        }
    }
}

fn rebalance_record(
    universe: &AlignedUniverse,
    decision: &Decision,
    fill: FillPoint,
    execution: Execution,
) -> Rebalance {
    let names = universe.names();
    let ranked = |chosen: &[(usize, f64)], weight: f64| -> Vec<RankedSymbol> {
        chosen.iter().map(|&(symbol, score)| RankedSymbol { symbol: names[symbol].clone(), score, weight }).collect()
    };
    Rebalance {
        decision_time_ms: universe.close_time_ms()[decision.targets.decision_bar],
        fill_time_ms: fill.time_ms,
        eligible_count: decision.eligible_count,
        longs: ranked(&decision.ranking.longs, decision.weight),
        shorts: ranked(&decision.ranking.shorts, -decision.weight),
        equity_at_fill: execution.equity_at_fill,
        traded_notional: execution.costs.notional,
        turnover: if execution.equity_at_fill > 0.0 {
            execution.costs.notional / execution.equity_at_fill
        } else {
            0.0
        },
        fees: execution.costs.fee,
        slippage: execution.costs.slippage,
        untraded_symbols: execution.untraded.into_iter().map(|symbol| names[symbol].clone()).collect(),
    }
}
