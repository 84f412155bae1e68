//! `ma_cross`: long (and optionally short) on moving-average crosses of one symbol.

use serde::{Deserialize, Serialize};

use crate::bars::SymbolBars;
use crate::error::BacktestError;
use crate::report::BacktestReport;
use crate::settings::BacktestSettings;
use crate::strategy::StrategySpec;
use crate::strategy::moving_average::cross_decisions;
use crate::strategy::single_symbol::{BUY_AT_FIRST_BAR, simulate, single_symbol_report};

/// Simple or exponential moving averages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MovingAverageType {
    #[default]
    Sma,
    /// `alpha = 2 / (n + 1)`, seeded with the simple average of the first `n` closes.
    Ema,
}

/// The parameters of `ma_cross`; missing fields take the defaults 20, 50, `sma`, no shorts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MaCrossParams {
    pub fast: usize,
    pub slow: usize,
    pub ma_type: MovingAverageType,
    /// On a bearish cross, also go short the notional an all-equity long would have.
    pub allow_short: bool,
}

impl Default for MaCrossParams {
    fn default() -> Self {
        Self { fast: 20, slow: 50, ma_type: MovingAverageType::Sma, allow_short: false }
    }
}

impl MaCrossParams {
    pub fn validate(&self) -> Result<(), BacktestError> {
        if self.fast == 0 {
            return Err(BacktestError::InvalidParameter { name: "fast", reason: "must be at least 1".to_owned() });
        }
        if self.fast >= self.slow {
            return Err(BacktestError::FastNotBelowSlow { fast: self.fast, slow: self.slow });
        }
        Ok(())
    }

    /// `slow + 2`: both averages exist from bar `slow - 1`, the first cross can be seen at
    /// bar `slow`, and a decision there needs a later bar to be filled.
    pub fn bars_needed(&self) -> usize {
        self.slow.saturating_add(2)
    }
}

/// Runs `ma_cross` on one symbol. Both averages exist from bar `slow - 1` (an EMA of length
/// `n` is seeded with the SMA of the first `n` closes), so crosses are looked for at bars
/// `slow ..= len - 2`. A bullish cross at `t` is `fast(t-1) <= slow(t-1)` and
/// `fast(t) > slow(t)`, a bearish one `fast(t-1) >= slow(t-1)` and `fast(t) < slow(t)`.
/// No position before the first cross; a bullish cross goes long with all equity (closing
/// a short first); a bearish cross closes the long and, with `allow_short`, goes short the
/// notional an all-equity long would have (also when it is the first cross). A cross that
/// asks for the position already held does nothing. The benchmark is buy-and-hold of the
/// same bars.
pub fn run_ma_cross(
    series: &SymbolBars,
    params: &MaCrossParams,
    settings: &BacktestSettings,
) -> Result<BacktestReport, BacktestError> {
    settings.validate()?;
    params.validate()?;
    let (found, needed) = (series.bars.len(), params.bars_needed());
    if found < needed {
        return Err(BacktestError::NotEnoughBars { found, needed });
    }
    let decisions = cross_decisions(series.bars.close(), params);
    let run = simulate(&series.bars, &decisions, &BUY_AT_FIRST_BAR, settings, &series.symbol);
    Ok(single_symbol_report(series, settings, StrategySpec::MaCross(*params), run))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_names_the_problem() {
        assert_eq!(MaCrossParams::default().validate(), Ok(()));
        let equal = MaCrossParams { fast: 50, ..MaCrossParams::default() };
        assert_eq!(equal.validate(), Err(BacktestError::FastNotBelowSlow { fast: 50, slow: 50 }));
        let zero = MaCrossParams { fast: 0, ..MaCrossParams::default() };
        assert!(matches!(zero.validate(), Err(BacktestError::InvalidParameter { name: "fast", .. })));
        assert_eq!(MaCrossParams::default().bars_needed(), 52);
    }
}
