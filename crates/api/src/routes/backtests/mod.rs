//! Backtests of a workspace: running `ma_cross` / `buy_and_hold` on one symbol and
//! `relative_momentum` over a category, and reading back their results.
//!
//! - `requests`: the request bodies and their checks, before any data is loaded;
//! - `running`: the one blocking unit of work that loads the bars, runs the engine and
//!   stores the report;
//! - `responses`: the wire shapes of reports (times in Unix seconds);
//! - `handlers`: the routes, workspace-scoped and legacy.

pub mod handlers;
mod requests;
mod responses;
mod running;

/// The conventions every report follows, stated in each result and in the API docs.
pub const CONVENTIONS: &[&str] = &[
    "bars are the candles of the requested interval with from <= open_time < to",
    "a decision at bar t uses bars 0..t only; its orders fill at the open of bar t+1 (fill_at=next_open) or at the close of bar t (fill_at=close); a decision on the last bar is not filled",
    "buys fill at price x (1 + slippage), sells at price x (1 - slippage); the fee is fee_bps of the traded notional, each side, paid from cash",
    "equity at a bar = cash + sum(quantity x close); the curve starts with the initial capital at the first bar's open, then one point per bar close",
    "a position still open after the last bar is closed at the last close (with costs) and marked closed_at_end",
    "returns r_t = E_t / E_(t-1) - 1; periods per year P = 365 x 86400 / interval seconds; volatility = stdev(r) x sqrt(P); sharpe = mean(r) / stdev(r) x sqrt(P) (risk-free 0); sortino = mean(r) / sqrt(mean(min(r,0)^2)) x sqrt(P)",
    "cagr = (E_end / E_0)^(365 x 86400 / span) - 1 with span = last close - first open; max_drawdown = max(1 - E_t / running peak); calmar = cagr / max_drawdown",
    "metrics that are undefined (no trades, no losing trade, zero deviation) are null, never infinite",
];
