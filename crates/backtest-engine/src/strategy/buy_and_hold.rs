//! `buy_and_hold`: decide to buy at the first bar, hold to the end. Also the benchmark of
//! the single-symbol strategies.

use crate::bars::SymbolBars;
use crate::error::BacktestError;
use crate::report::BacktestReport;
use crate::settings::BacktestSettings;
use crate::strategy::StrategySpec;
use crate::strategy::single_symbol::{BUY_AT_FIRST_BAR, simulate, single_symbol_report};

/// Two bars: a decision at the first and the fill (and a close to mark) after it.
const BARS_NEEDED: usize = 2;

/// Buys with all equity on the first bar's decision (filled at the second bar's open, or
/// at the first bar's close) and closes out after the last bar.
pub fn run_buy_and_hold(series: &SymbolBars, settings: &BacktestSettings) -> Result<BacktestReport, BacktestError> {
    settings.validate()?;
    let found = series.bars.len();
    if found < BARS_NEEDED {
        return Err(BacktestError::NotEnoughBars { found, needed: BARS_NEEDED });
    }
    let run = simulate(&series.bars, &BUY_AT_FIRST_BAR, &BUY_AT_FIRST_BAR, settings, &series.symbol);
    Ok(single_symbol_report(series, settings, StrategySpec::BuyAndHold, run))
}
