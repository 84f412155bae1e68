//! The one blocking unit of work behind a new backtest: load the bars from the market
//! data, run the engine, store the request and the report in the workspace.

use app_state_store::{AppStateStore, BacktestSummary, NewBacktest};
use backtest_engine::{BacktestReport, Bars, SymbolBars};
use market_data::{CandleSeries, MarketData, SymbolFilter, Window, WindowAnchor, WindowRequest};
use market_types::{Interval, TimeRange};

use super::requests::{RelativeMomentumPlan, SingleStrategy, SingleSymbolPlan, time_range};
use crate::error::ApiError;
use crate::routes::market::seconds;

/// Who runs a backtest where.
pub struct Owner {
    pub workspace_id: String,
    pub user_id: String,
}

/// Runs a single-symbol backtest and stores it.
pub fn run_single_symbol(
    market: &MarketData,
    store: &AppStateStore,
    owner: &Owner,
    plan: &SingleSymbolPlan,
) -> Result<(BacktestSummary, BacktestReport), ApiError> {
    let series = market.series(&plan.symbol, plan.interval)?;
    let bars = bars_in(&series, time_range(plan.from, plan.to))?;
    let report = match &plan.strategy {
        SingleStrategy::MaCross(params) => backtest_engine::run_ma_cross(&bars, params, &plan.settings)?,
        SingleStrategy::BuyAndHold => backtest_engine::run_buy_and_hold(&bars, &plan.settings)?,
    };
    let strategy = match plan.strategy {
        SingleStrategy::MaCross(_) => "ma_cross",
        SingleStrategy::BuyAndHold => "buy_and_hold",
    };
    let stored = save(store, owner, strategy, plan.symbol.as_str(), plan.interval, plan, &report)?;
    Ok((stored, report))
}

/// Runs relative momentum over the category's symbols in the quote asset, and stores it.
pub fn run_relative_momentum(
    market: &MarketData,
    store: &AppStateStore,
    owner: &Owner,
    plan: &RelativeMomentumPlan,
) -> Result<(BacktestSummary, BacktestReport), ApiError> {
    let filter = SymbolFilter { quote_asset: Some(plan.quote_asset.clone()), category: Some(plan.category.clone()) };
    let range = time_range(plan.from, plan.to);
    let mut universe = Vec::new();
    for info in market.symbols(&filter)? {
        if info.coverage.iter().any(|(interval, _)| *interval == plan.interval) {
            let series = market.series(&info.symbol, plan.interval)?;
            universe.push(bars_in(&series, range)?);
        }
    }
    let report = backtest_engine::run_relative_momentum(&universe, &plan.params, &plan.settings)?;
    let stored = save(store, owner, "relative_momentum", &plan.category, plan.interval, plan, &report)?;
    Ok((stored, report))
}

/// The bars of `series` that open inside `range`.
fn bars_in(series: &CandleSeries, range: TimeRange) -> Result<SymbolBars, ApiError> {
    let request = WindowRequest { range, limit: usize::MAX, anchor: WindowAnchor::Earliest };
    let Window { rows, .. } = series.window(&request);
    let bars = Bars::new(
        series.open_time_ms[rows.clone()].to_vec(),
        series.close_time_ms[rows.clone()].to_vec(),
        series.open[rows.clone()].to_vec(),
        series.close[rows].to_vec(),
    )
    .map_err(|error| ApiError::internal(format!("stored candles of {} are not valid bars: {error}", series.symbol)))?;
    Ok(SymbolBars::new(series.symbol.to_string(), bars))
}

fn save(
    store: &AppStateStore,
    owner: &Owner,
    strategy: &str,
    subject: &str,
    interval: Interval,
    request: &impl serde::Serialize,
    report: &BacktestReport,
) -> Result<BacktestSummary, ApiError> {
    let summary = serde_json::json!({
        "total_return": report.metrics.total_return,
        "cagr": report.metrics.cagr,
        "sharpe": report.metrics.sharpe,
        "max_drawdown": report.metrics.max_drawdown,
        "trade_count": report.metrics.trade_count,
        "benchmark_total_return": report.benchmark.total_return,
        "first_open_time": seconds(report.data_range.first_open_time_ms),
        "last_close_time": seconds(report.data_range.last_close_time_ms),
        "bar_count": report.data_range.bar_count,
    });
    let report_json = serde_json::to_string(report).map_err(ApiError::internal)?;
    // A report must read back: a number that overflowed (JSON has no infinity) would make
    // the stored backtest unreadable, so such a run is refused instead of stored.
    if serde_json::from_str::<BacktestReport>(&report_json).is_err() {
        return Err(ApiError::new(
            actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
            "numbers_out_of_range",
            "the backtest produced numbers out of range (equity overflowed or vanished); use a smaller capital",
        ));
    }
    let backtest = NewBacktest {
        workspace_id: owner.workspace_id.clone(),
        created_by: owner.user_id.clone(),
        strategy: strategy.to_owned(),
        subject: subject.to_owned(),
        interval: interval.to_string(),
        request_json: serde_json::to_string(request).map_err(ApiError::internal)?,
        summary_json: summary.to_string(),
        report_json,
    };
    Ok(store.insert_backtest(&backtest)?)
}
