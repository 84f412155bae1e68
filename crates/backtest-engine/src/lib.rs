//! A pure, synchronous and deterministic backtest engine: bars in, a report out.
//!
//! The engine does no I/O, reads no clock, starts no thread and knows no database. The
//! same inputs give the same report bit for bit: every loop runs in a fixed order, symbols
//! are processed in name order and no hash map reaches an output.
//!
//! # Entry points
//!
//! - [`run_buy_and_hold`] and [`run_ma_cross`] take one [`SymbolBars`];
//! - [`run_relative_momentum`] takes a universe of [`SymbolBars`] with different first and
//!   last bars (its point-in-time rules are on the function);
//! - all three take [`BacktestSettings`] (capital, fill convention, costs, bar length) and
//!   return a [`BacktestReport`] or a [`BacktestError`].
//!
//! The parameter and settings types have a `validate` method, so a caller can refuse bad
//! input before it loads any data; the runs validate again.
//!
//! # Conventions
//!
//! Times are Unix milliseconds (UTC). A bar `t` is known at its close; a decision at bar `t`
//! uses bars `0..=t` only.
//!
//! - **Fills.** Orders decided at bar `t` fill at the open of bar `t + 1`
//!   ([`FillAt::NextOpen`], the default) or at the close of bar `t` ([`FillAt::Close`]). A
//!   decision on the last bar is not filled.
//! - **Costs.** Buys fill at `price x (1 + slippage)`, sells at `price x (1 - slippage)`; the
//!   fee is `fee_bps` of the traded notional at the fill price, each side, paid from cash.
//!   Slippage paid is `quantity x price x slippage`, the difference to the unslipped price.
//! - **Equity** at a bar is `cash + sum(quantity x close)`; quantities are fractional and
//!   negative for shorts. The equity curve starts with the initial capital at the first
//!   bar's open time, then has one point per bar at the bar's close time, so a curve over
//!   `n` bars has `n + 1` points and `n` returns. Starting from the capital (rather than from
//!   the first close) keeps a fill at the first bar's close, and its fee, inside the returns.
//! - **End of data.** A position still open after the last bar is closed at the last close,
//!   with fees and slippage, and the trade is marked `closed_at_end`; the curve's last point
//!   is the equity after that close-out.
//! - **All-in entries** (`ma_cross`, `buy_and_hold`): a long buys
//!   `cash / (fill price x (1 + fee))`, so notional plus fee is the cash. A short sells the
//!   same notional, `cash / (1 + fee)`, at the sell fill price.
//! - **Trades.** A trade is one holding of one symbol on one side, from the fill that opens
//!   it to the fill that brings it back to zero (or flips its side). Resizing in between
//!   belongs to the same trade: `entry_price` and `exit_price` are quantity-weighted averages
//!   of the fill prices, `quantity` is the total quantity entered. `pnl` is the sum of the
//!   trade's cash flows after fees and slippage; `trade_return` is `pnl` over the cash
//!   committed at entry (entry notional plus entry fees), so an all-in long's return is its
//!   equity change.
//!
//! # Metrics
//!
//! With `E_0` the initial capital, `E_end` the last point, `r_t = E_t / E_(t-1) - 1` and
//! `P = 365 x 86400 / bar_seconds` periods per year:
//!
//! - `total_return = E_end / E_0 - 1`;
//! - `cagr = (E_end / E_0)^(365 x 86400 / span_seconds) - 1` with
//!   `span = last close time - first open time`; `None` if `E_end < 0`;
//! - `volatility = stdev(r, sample) x sqrt(P)`; `sharpe = mean(r) / stdev(r) x sqrt(P)`
//!   (risk-free rate 0); `sortino = mean(r) / sqrt(mean(min(r, 0)^2)) x sqrt(P)`. All three
//!   are `None` when the equity touched zero or went below before the end (a return is then
//!   undefined); volatility and Sharpe also with fewer than two returns; Sharpe and Sortino
//!   also when their denominator is zero (rather than an infinity).
//! - `max_drawdown = max_t (1 - E_t / max_{s<=t} E_s)`, a non-negative fraction, with the
//!   time of its peak (the last point at the running high before the trough), of the trough
//!   (the first point reaching the maximum) and of the recovery (the first later point with
//!   `E >= peak`, `None` if never); the period is `None` when there was no drawdown.
//!   `calmar = cagr / max_drawdown`, `None` without CAGR or without drawdown.
//! - Every optional metric is also `None` rather than infinite or NaN (a CAGR over a span of
//!   a few minutes can overflow).
//! - `win_rate` is the share of trades with `pnl > 0`; `profit_factor` is the gross profit
//!   over the gross loss of trades, `None` without a losing trade; `average_trade_return` is
//!   the mean `trade_return`. All three are `None` without trades.
//! - `exposure` is the share of bars with a non-zero position at the bar's close (before an
//!   end-of-data close-out).
//! - `turnover` is the total traded notional (at fill prices, including the end close-out)
//!   over the mean of the equity curve. Each relative-momentum rebalance also reports its own
//!   turnover: its traded notional over the equity at the fill.
//!
//! # Numbers
//!
//! The engine computes in `f64`: these are research series, and speed matters (one million
//! bars in about ten milliseconds). Results are deterministic but carry binary rounding:
//! rolling sums differ from a fresh sum in the last bits, and the return variance is
//! accumulated in the same pass that writes the curve (sums of returns shifted by the first
//! return, equal to the two-pass result up to rounding). A caller that turns cash, fees or
//! P&L into money should round at that boundary (for example to the quote asset's precision
//! with a decimal type) and say so. Reports serialise `f64` in the shortest form that
//! round-trips; read them back with `serde_json`'s `float_roundtrip` feature to get the
//! same bits (its default parser may differ in the last bit).

mod bars;
mod cost_model;
mod curve_statistics;
mod equity_curve;
mod error;
mod metrics;
mod portfolio;
mod report;
mod settings;
mod strategy;
mod trade;
mod trade_ledger;

pub use bars::{Bars, SymbolBars};
pub use equity_curve::{EquityCurve, EquityPoint};
pub use error::BacktestError;
pub use metrics::{DrawdownPeriod, Metrics};
pub use report::{BacktestReport, Benchmark, BenchmarkKind, Conventions, DataRange};
pub use settings::{BacktestSettings, DEFAULT_FEE_BPS, FillAt, MAX_INITIAL_CAPITAL, SECONDS_PER_YEAR};
pub use strategy::StrategySpec;
pub use strategy::buy_and_hold::run_buy_and_hold;
pub use strategy::ma_cross::{MaCrossParams, MovingAverageType, run_ma_cross};
pub use strategy::relative_momentum::{
    RankedSymbol, Rebalance, RelativeMomentumParams, SkippedRebalance, run_relative_momentum,
};
pub use trade::{Side, Trade};
