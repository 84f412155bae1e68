//! Standard metrics from an equity curve and its trades, as defined in the crate docs.

use serde::{Deserialize, Serialize};

use crate::curve_statistics::CurveSummary;
use crate::equity_curve::EquityCurve;
use crate::portfolio::CostTotals;
use crate::settings::SECONDS_PER_YEAR;
use crate::trade::Trade;

/// The metrics of one run. Optional metrics are `None` where they are undefined (see the
/// crate documentation); no metric is ever infinite or NaN.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Metrics {
    pub initial_equity: f64,
    pub final_equity: f64,
    pub total_return: f64,
    pub cagr: Option<f64>,
    pub volatility: Option<f64>,
    pub sharpe: Option<f64>,
    pub sortino: Option<f64>,
    pub max_drawdown: f64,
    pub max_drawdown_period: Option<DrawdownPeriod>,
    pub calmar: Option<f64>,
    pub trade_count: usize,
    pub win_rate: Option<f64>,
    pub profit_factor: Option<f64>,
    pub average_trade_return: Option<f64>,
    pub exposure: f64,
    pub turnover: f64,
    pub traded_notional: f64,
    pub fees_paid: f64,
    pub slippage_paid: f64,
}

/// When the deepest drawdown began, bottomed and ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrawdownPeriod {
    pub peak_time_ms: i64,
    pub trough_time_ms: i64,
    /// The first point after the trough back at or above the peak; `None` if never.
    pub recovery_time_ms: Option<i64>,
}

/// Everything the metrics are computed from.
#[derive(Debug, Clone, Copy)]
pub(crate) struct MetricsInput<'a> {
    /// The curve, for the times of the drawdown points.
    pub(crate) curve: &'a EquityCurve,
    /// The curve's statistics, gathered while it was written.
    pub(crate) summary: CurveSummary,
    pub(crate) trades: &'a [Trade],
    pub(crate) totals: CostTotals,
    /// Bars with a non-zero position at their close.
    pub(crate) exposed_bars: usize,
    pub(crate) bar_count: usize,
    pub(crate) periods_per_year: f64,
    /// Last bar's close time minus first bar's open time.
    pub(crate) span_ms: i64,
}

pub(crate) fn compute_metrics(input: MetricsInput<'_>) -> Metrics {
    let summary = input.summary;
    let (initial_equity, final_equity) = (summary.initial_equity, summary.final_equity);
    let growth = final_equity / initial_equity;
    let total_return = growth - 1.0;
    let span_seconds = input.span_ms as f64 / 1000.0;
    let cagr =
        finite((growth >= 0.0 && span_seconds > 0.0).then(|| growth.powf(SECONDS_PER_YEAR / span_seconds) - 1.0));

    let annualiser = input.periods_per_year.sqrt();
    let returns = summary.returns;
    let volatility = finite(returns.and_then(|r| r.sample_stdev).map(|stdev| stdev * annualiser));
    let sharpe =
        finite(returns.and_then(|r| r.sample_stdev.filter(|&s| s > 0.0).map(|stdev| r.mean / stdev * annualiser)));
    let sortino =
        finite(returns.and_then(|r| (r.downside_deviation > 0.0).then(|| r.mean / r.downside_deviation * annualiser)));

    let max_drawdown = summary.max_drawdown;
    let time_of = |index: usize| input.curve.time_ms.get(index).copied().unwrap_or_default();
    let max_drawdown_period = summary.deepest.map(|(peak, trough, recovery)| DrawdownPeriod {
        peak_time_ms: time_of(peak),
        trough_time_ms: time_of(trough),
        recovery_time_ms: recovery.map(time_of),
    });
    let calmar = finite(cagr.filter(|_| max_drawdown > 0.0).map(|cagr| cagr / max_drawdown));

    let trades = trade_statistics(input.trades);
    let turnover = finite(Some(input.totals.traded_notional / summary.mean_equity)).unwrap_or(0.0);
    let exposure = if input.bar_count == 0 { 0.0 } else { input.exposed_bars as f64 / input.bar_count as f64 };

    Metrics {
        initial_equity,
        final_equity,
        total_return,
        cagr,
        volatility,
        sharpe,
        sortino,
        max_drawdown,
        max_drawdown_period,
        calmar,
        trade_count: input.trades.len(),
        win_rate: trades.win_rate,
        profit_factor: trades.profit_factor,
        average_trade_return: trades.average_return,
        exposure,
        turnover,
        traded_notional: input.totals.traded_notional,
        fees_paid: input.totals.fees,
        slippage_paid: input.totals.slippage,
    }
}

fn finite(value: Option<f64>) -> Option<f64> {
    value.filter(|value| value.is_finite())
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct TradeStatistics {
    win_rate: Option<f64>,
    profit_factor: Option<f64>,
    average_return: Option<f64>,
}

fn trade_statistics(trades: &[Trade]) -> TradeStatistics {
    if trades.is_empty() {
        return TradeStatistics { win_rate: None, profit_factor: None, average_return: None };
    }
    let count = trades.len() as f64;
    let wins = trades.iter().filter(|trade| trade.pnl > 0.0).count();
    let gross_profit: f64 = trades.iter().map(|trade| trade.pnl.max(0.0)).sum();
    let gross_loss: f64 = trades.iter().map(|trade| (-trade.pnl).max(0.0)).sum();
    TradeStatistics {
        win_rate: Some(wins as f64 / count),
        profit_factor: finite((gross_loss > 0.0).then(|| gross_profit / gross_loss)),
        average_return: finite(Some(trades.iter().map(|trade| trade.trade_return).sum::<f64>() / count)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::curve_statistics::CurveWriter;
    use crate::trade::Side;

    const DAY_MS: i64 = 86_400_000;

    fn curve(equity: &[f64]) -> (EquityCurve, CurveSummary) {
        let time_ms = (0..equity.len() as i64).map(|day| day * DAY_MS).collect();
        let writer = CurveWriter::from_points(equity);
        let summary = writer.statistics.finish();
        (EquityCurve::new(time_ms, writer.equity, writer.drawdown, equity.to_vec()), summary)
    }

    fn input<'a>((curve, summary): &'a (EquityCurve, CurveSummary), trades: &'a [Trade]) -> MetricsInput<'a> {
        MetricsInput {
            curve,
            summary: *summary,
            trades,
            totals: CostTotals { fees: 1.5, slippage: 0.5, traded_notional: 220.0 },
            exposed_bars: 2,
            bar_count: curve.len() - 1,
            periods_per_year: 365.0,
            span_ms: (curve.len() as i64 - 1) * DAY_MS,
        }
    }

    fn trade(pnl: f64, trade_return: f64) -> Trade {
        Trade {
            symbol: "X".to_owned(),
            side: Side::Long,
            entry_time_ms: 0,
            exit_time_ms: 1,
            entry_price: 1.0,
            exit_price: 1.0,
            quantity: 1.0,
            fees: 0.0,
            pnl,
            trade_return,
            closed_at_end: false,
        }
    }

    fn close(actual: Option<f64>, expected: f64) -> bool {
        actual.is_some_and(|value| (value - expected).abs() <= 1e-12 * expected.abs().max(1.0))
    }

    #[test]
    fn hand_worked_curve() {
        // E = 100, 110, 99, 121 over 3 daily bars: r = 0.1, -0.1, 0.2222...
        let curve = curve(&[100.0, 110.0, 99.0, 121.0]);
        let metrics = compute_metrics(input(&curve, &[]));
        assert_eq!(metrics.total_return, 121.0 / 100.0 - 1.0);
        // mean = (0.1 - 0.1 + 2/9) / 3 = 2/27; deviations 0.1 - 2/27 = 0.7/27, -0.1 - 2/27 = -4.7/27,
        // 2/9 - 2/27 = 4/27: sample variance = (0.49 + 22.09 + 16) / 27^2 / 2 = 38.58 / 1458.
        let mean = 2.0 / 27.0;
        let stdev = (38.58_f64 / 1458.0).sqrt();
        assert!(close(metrics.volatility, stdev * 365f64.sqrt()));
        assert!(close(metrics.sharpe, mean / stdev * 365f64.sqrt()));
        // Downside: only -0.1 is negative: sqrt(0.01 / 3).
        assert!(close(metrics.sortino, mean / (0.01_f64 / 3.0).sqrt() * 365f64.sqrt()));
        // CAGR over a 3-day span: 1.21^(365 / 3) - 1, about 1.2e10 (short spans annualise wildly).
        assert!(close(metrics.cagr, 1.21f64.powf(365.0 / 3.0) - 1.0));
        // Peak 110 at day 1, trough 99 at day 2 (10%), recovered at day 3 (121 >= 110).
        assert!((metrics.max_drawdown - 0.1).abs() < 1e-15);
        let period =
            DrawdownPeriod { peak_time_ms: DAY_MS, trough_time_ms: 2 * DAY_MS, recovery_time_ms: Some(3 * DAY_MS) };
        assert_eq!(metrics.max_drawdown_period, Some(period));
        assert!(close(metrics.calmar, (1.21f64.powf(365.0 / 3.0) - 1.0) / metrics.max_drawdown));
        // Exposure 2 of 3 bars; turnover 220 over mean equity (100 + 110 + 99 + 121) / 4 = 107.5.
        assert_eq!(metrics.exposure, 2.0 / 3.0);
        assert_eq!(metrics.turnover, 220.0 / 107.5);
        assert_eq!((metrics.fees_paid, metrics.slippage_paid, metrics.traded_notional), (1.5, 0.5, 220.0));
        assert_eq!((metrics.initial_equity, metrics.final_equity), (100.0, 121.0));
    }

    #[test]
    fn undefined_metrics_are_none_not_infinite() {
        // Flat equity: zero stdev, no downside, no drawdown.
        let flat = curve(&[100.0, 100.0, 100.0]);
        let metrics = compute_metrics(input(&flat, &[]));
        assert_eq!((metrics.total_return, metrics.volatility), (0.0, Some(0.0)));
        assert_eq!((metrics.sharpe, metrics.sortino, metrics.calmar), (None, None, None));
        assert_eq!((metrics.max_drawdown, metrics.max_drawdown_period), (0.0, None));
        assert_eq!((metrics.win_rate, metrics.profit_factor, metrics.average_trade_return), (None, None, None));
        // One return: no sample standard deviation.
        let one = curve(&[100.0, 90.0]);
        assert_eq!(compute_metrics(input(&one, &[])).volatility, None);
        // Equity through zero: returns undefined, CAGR undefined below zero.
        let ruined = curve(&[100.0, 0.0, -10.0]);
        let metrics = compute_metrics(input(&ruined, &[]));
        assert_eq!((metrics.volatility, metrics.sharpe, metrics.cagr), (None, None, None));
        assert_eq!(metrics.max_drawdown, 1.1);
        assert_eq!(metrics.max_drawdown_period.and_then(|period| period.recovery_time_ms), None);
    }

    #[test]
    fn trade_statistics_by_hand() {
        // Wins 30 and 10, loss -20: win rate 2/3, profit factor 40 / 20, mean return 0.1.
        let trades = [trade(30.0, 0.3), trade(-20.0, -0.2), trade(10.0, 0.2)];
        let flat = curve(&[100.0, 100.0]);
        let metrics = compute_metrics(input(&flat, &trades));
        assert_eq!(metrics.trade_count, 3);
        assert_eq!(metrics.win_rate, Some(2.0 / 3.0));
        assert_eq!(metrics.profit_factor, Some(2.0));
        assert!(close(metrics.average_trade_return, 0.1));
        // No losing trade: profit factor undefined. A zero-pnl trade is not a win.
        let metrics = compute_metrics(input(&flat, &[trade(5.0, 0.05), trade(0.0, 0.0)]));
        assert_eq!((metrics.win_rate, metrics.profit_factor), (Some(0.5), None));
    }

    #[test]
    fn the_peak_is_the_last_high_before_the_trough() {
        // 100, 120, 120, 90, 120: peak at day 2 (the last 120 before the fall), recovery day 4.
        let curve = curve(&[100.0, 120.0, 120.0, 90.0, 120.0]);
        let metrics = compute_metrics(input(&curve, &[]));
        assert_eq!(metrics.max_drawdown, 0.25);
        assert_eq!(
            metrics.max_drawdown_period,
            Some(DrawdownPeriod {
                peak_time_ms: 2 * DAY_MS,
                trough_time_ms: 3 * DAY_MS,
                recovery_time_ms: Some(4 * DAY_MS)
            })
        );
    }
}
