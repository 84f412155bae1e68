//! Integration tests of the backtest engine: hand-worked cases per strategy and
//! convention, truncation (no lookahead), determinism, properties and real data.

mod buy_and_hold;
mod determinism;
mod fixtures;
mod ma_cross;
mod properties;
mod real_data;
mod relative_momentum;
mod truncation;
