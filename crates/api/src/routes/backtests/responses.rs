//! The wire shapes of backtests: the engine's report with times in Unix seconds.

use app_state_store::BacktestSummary;
use backtest_engine::{BacktestReport, DrawdownPeriod, Rebalance, SkippedRebalance, Trade};

use super::CONVENTIONS;
use crate::routes::market::seconds;

/// A backtest in a list.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct BacktestListItem {
    id: String,
    /// Unix seconds.
    created_at: i64,
    created_by: Option<String>,
    /// `ma_cross`, `buy_and_hold` or `relative_momentum`.
    strategy_id: String,
    /// The symbol, or the category.
    subject: String,
    interval: String,
    /// total_return, cagr, sharpe, max_drawdown, trade_count, benchmark_total_return,
    /// first_open_time, last_close_time, bar_count.
    #[schema(value_type = Object)]
    summary: serde_json::Value,
}

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct BacktestList {
    pub backtests: Vec<BacktestListItem>,
}

/// A backtest: the request as run (defaults filled in), the conventions, the data range
/// actually used, the metrics and the benchmark.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct BacktestDetail {
    id: String,
    created_at: i64,
    created_by: Option<String>,
    strategy_id: String,
    subject: String,
    interval: String,
    #[schema(value_type = Object)]
    request: serde_json::Value,
    /// `{"strategy_id": ..., "params": {...}}` as the engine ran it.
    #[schema(value_type = Object)]
    strategy: serde_json::Value,
    conventions: ConventionsDto,
    data_range: DataRangeDto,
    metrics: MetricsDto,
    benchmark: BenchmarkDto,
    trade_count: usize,
    rebalance_count: usize,
}

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct ConventionsDto {
    initial_capital: f64,
    /// `next_open` or `close`.
    fill_at: String,
    fee_bps: f64,
    slippage_bps: f64,
    bar_seconds: u64,
    periods_per_year: f64,
    risk_free_rate: f64,
    /// The rules the numbers follow, in words.
    rules: Vec<&'static str>,
}

/// The bars the run used: Unix seconds.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct DataRangeDto {
    first_open_time: i64,
    last_close_time: i64,
    bar_count: usize,
    symbols: Vec<String>,
}

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct MetricsDto {
    initial_equity: f64,
    final_equity: f64,
    total_return: f64,
    cagr: Option<f64>,
    volatility: Option<f64>,
    sharpe: Option<f64>,
    sortino: Option<f64>,
    /// A fraction: 0.25 is a 25 % drawdown.
    max_drawdown: f64,
    max_drawdown_period: Option<DrawdownPeriodDto>,
    calmar: Option<f64>,
    trade_count: usize,
    win_rate: Option<f64>,
    profit_factor: Option<f64>,
    average_trade_return: Option<f64>,
    exposure: f64,
    turnover: f64,
    traded_notional: f64,
    fees_paid: f64,
    slippage_paid: f64,
}

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct DrawdownPeriodDto {
    peak_time: i64,
    trough_time: i64,
    /// `null` when the equity never got back to the peak.
    recovery_time: Option<i64>,
}

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct BenchmarkDto {
    /// `buy_and_hold` or `equal_weight_buy_and_hold`.
    #[schema(value_type = String)]
    kind: serde_json::Value,
    symbols: Vec<String>,
    final_equity: f64,
    total_return: f64,
}

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct EquityResponse {
    points: Vec<EquityPointDto>,
}

/// One point of the equity curve: at the first bar's open, then at each bar's close.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct EquityPointDto {
    time: i64,
    equity: f64,
    /// `1 - equity / running peak`.
    drawdown: f64,
    benchmark_equity: f64,
}

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct TradesResponse {
    trades: Vec<TradeDto>,
}

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct TradeDto {
    symbol: String,
    /// `long` or `short`.
    #[schema(value_type = String)]
    side: serde_json::Value,
    entry_time: i64,
    exit_time: i64,
    entry_price: f64,
    exit_price: f64,
    quantity: f64,
    fees: f64,
    /// After fees and slippage.
    pnl: f64,
    /// `pnl` over the cash committed at entry.
    trade_return: f64,
    closed_at_end: bool,
}

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct RebalancesResponse {
    rebalances: Vec<RebalanceDto>,
    /// Scheduled rebalances with too few eligible symbols; positions were kept.
    skipped: Vec<SkippedRebalanceDto>,
}

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct RebalanceDto {
    decision_time: i64,
    fill_time: i64,
    eligible_count: usize,
    longs: Vec<RankedDto>,
    shorts: Vec<RankedDto>,
    equity_at_fill: f64,
    traded_notional: f64,
    /// Traded notional over the equity at the fill.
    turnover: f64,
    fees: f64,
    slippage: f64,
    /// Symbols that could not be traded at the fill (no candle then, or their data ended).
    untraded_symbols: Vec<String>,
}

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct RankedDto {
    symbol: String,
    /// `close_t / close_(t - lookback) - 1`.
    score: f64,
    weight: f64,
}

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct SkippedRebalanceDto {
    decision_time: i64,
    eligible_count: usize,
}

impl From<&BacktestSummary> for BacktestListItem {
    fn from(summary: &BacktestSummary) -> Self {
        Self {
            id: summary.id.clone(),
            created_at: seconds(summary.created_at_ms),
            created_by: summary.created_by.clone(),
            strategy_id: summary.strategy.clone(),
            subject: summary.subject.clone(),
            interval: summary.interval.clone(),
            summary: serde_json::from_str(&summary.summary_json).unwrap_or(serde_json::Value::Null),
        }
    }
}

impl BacktestDetail {
    pub fn new(summary: &BacktestSummary, request: serde_json::Value, report: &BacktestReport) -> Self {
        let conventions = &report.conventions;
        let metrics = &report.metrics;
        Self {
            id: summary.id.clone(),
            created_at: seconds(summary.created_at_ms),
            created_by: summary.created_by.clone(),
            strategy_id: summary.strategy.clone(),
            subject: summary.subject.clone(),
            interval: summary.interval.clone(),
            request,
            strategy: json_value(&report.strategy),
            conventions: ConventionsDto {
                initial_capital: conventions.initial_capital,
                fill_at: json_value(&conventions.fill_at).as_str().unwrap_or_default().to_owned(),
                fee_bps: conventions.fee_bps,
                slippage_bps: conventions.slippage_bps,
                bar_seconds: conventions.bar_seconds,
                periods_per_year: conventions.periods_per_year,
                risk_free_rate: conventions.risk_free_rate,
                rules: CONVENTIONS.to_vec(),
            },
            data_range: DataRangeDto {
                first_open_time: seconds(report.data_range.first_open_time_ms),
                last_close_time: seconds(report.data_range.last_close_time_ms),
                bar_count: report.data_range.bar_count,
                symbols: report.data_range.symbols.clone(),
            },
            metrics: MetricsDto {
                initial_equity: metrics.initial_equity,
                final_equity: metrics.final_equity,
                total_return: metrics.total_return,
                cagr: metrics.cagr,
                volatility: metrics.volatility,
                sharpe: metrics.sharpe,
                sortino: metrics.sortino,
                max_drawdown: metrics.max_drawdown,
                max_drawdown_period: metrics.max_drawdown_period.as_ref().map(DrawdownPeriodDto::from),
                calmar: metrics.calmar,
                trade_count: metrics.trade_count,
                win_rate: metrics.win_rate,
                profit_factor: metrics.profit_factor,
                average_trade_return: metrics.average_trade_return,
                exposure: metrics.exposure,
                turnover: metrics.turnover,
                traded_notional: metrics.traded_notional,
                fees_paid: metrics.fees_paid,
                slippage_paid: metrics.slippage_paid,
            },
            benchmark: BenchmarkDto {
                kind: json_value(&report.benchmark.kind),
                symbols: report.benchmark.symbols.clone(),
                final_equity: report.benchmark.final_equity,
                total_return: report.benchmark.total_return,
            },
            trade_count: report.trades.len(),
            rebalance_count: report.rebalances.len(),
        }
    }
}

impl From<&DrawdownPeriod> for DrawdownPeriodDto {
    fn from(period: &DrawdownPeriod) -> Self {
        Self {
            peak_time: seconds(period.peak_time_ms),
            trough_time: seconds(period.trough_time_ms),
            recovery_time: period.recovery_time_ms.map(seconds),
        }
    }
}

impl EquityResponse {
    pub fn new(report: &BacktestReport) -> Self {
        let curve = &report.equity_curve;
        let points = (0..curve.len())
            .map(|index| EquityPointDto {
                time: seconds(curve.time_ms[index]),
                equity: curve.equity[index],
                drawdown: curve.drawdown[index],
                benchmark_equity: curve.benchmark_equity[index],
            })
            .collect();
        Self { points }
    }
}

impl TradesResponse {
    pub fn new(report: &BacktestReport) -> Self {
        Self { trades: report.trades.iter().map(TradeDto::from).collect() }
    }
}

impl From<&Trade> for TradeDto {
    fn from(trade: &Trade) -> Self {
        Self {
            symbol: trade.symbol.clone(),
            side: json_value(&trade.side),
            entry_time: seconds(trade.entry_time_ms),
            exit_time: seconds(trade.exit_time_ms),
            entry_price: trade.entry_price,
            exit_price: trade.exit_price,
            quantity: trade.quantity,
            fees: trade.fees,
            pnl: trade.pnl,
            trade_return: trade.trade_return,
            closed_at_end: trade.closed_at_end,
        }
    }
}

impl RebalancesResponse {
    pub fn new(report: &BacktestReport) -> Self {
        Self {
            rebalances: report.rebalances.iter().map(RebalanceDto::from).collect(),
            skipped: report.skipped_rebalances.iter().map(SkippedRebalanceDto::from).collect(),
        }
    }
}

impl From<&Rebalance> for RebalanceDto {
    fn from(rebalance: &Rebalance) -> Self {
        let ranked = |list: &[backtest_engine::RankedSymbol]| {
            list.iter().map(|r| RankedDto { symbol: r.symbol.clone(), score: r.score, weight: r.weight }).collect()
        };
        Self {
            decision_time: seconds(rebalance.decision_time_ms),
            fill_time: seconds(rebalance.fill_time_ms),
            eligible_count: rebalance.eligible_count,
            longs: ranked(&rebalance.longs),
            shorts: ranked(&rebalance.shorts),
            equity_at_fill: rebalance.equity_at_fill,
            traded_notional: rebalance.traded_notional,
            turnover: rebalance.turnover,
            fees: rebalance.fees,
            slippage: rebalance.slippage,
            untraded_symbols: rebalance.untraded_symbols.clone(),
        }
    }
}

impl From<&SkippedRebalance> for SkippedRebalanceDto {
    fn from(skipped: &SkippedRebalance) -> Self {
        Self { decision_time: seconds(skipped.decision_time_ms), eligible_count: skipped.eligible_count }
    }
}

/// A report value in its JSON form (the engine's enums serialise to their snake_case names).
fn json_value(value: &impl serde::Serialize) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}
