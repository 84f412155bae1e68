//! The settings every strategy shares: capital, fill convention, costs and bar length.

use serde::{Deserialize, Serialize};

use crate::error::BacktestError;

/// Seconds in the 365-day year used for annualising (`P = SECONDS_PER_YEAR / bar_seconds`)
/// and for the CAGR exponent.
pub const SECONDS_PER_YEAR: f64 = 365.0 * 86_400.0;

/// The largest initial capital: far above any real account, and far enough below `f64`'s
/// range that equity cannot overflow to infinity on any price series.
pub const MAX_INITIAL_CAPITAL: f64 = 1e15;

/// Where the orders decided at a bar's close are filled.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FillAt {
    /// At the open of the next bar (the default).
    #[default]
    NextOpen,
    /// At the close of the decision bar itself.
    Close,
}

/// Capital, fill convention, costs and bar length of one run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BacktestSettings {
    /// Cash at the start, in the quote asset. Must be positive.
    pub initial_capital: f64,
    #[serde(default)]
    pub fill_at: FillAt,
    /// Fee on each side, in basis points of the traded notional (default 10 = 0.10%).
    #[serde(default = "default_fee_bps")]
    pub fee_bps: f64,
    /// Slippage in basis points of the price (default 0).
    #[serde(default)]
    pub slippage_bps: f64,
    /// Nominal bar length in seconds, used to annualise per-bar statistics (86400 for `1d`,
    /// 3600 for `1h`, 2629746 for a Gregorian twelfth of a year).
    pub bar_seconds: u64,
}

/// The fee of the default conventions: 10 bps (0.10 %) of the traded notional, each side.
pub const DEFAULT_FEE_BPS: f64 = 10.0;

fn default_fee_bps() -> f64 {
    DEFAULT_FEE_BPS
}

impl BacktestSettings {
    /// The default conventions: fill at the next open, 10 bps fee, no slippage.
    pub fn new(initial_capital: f64, bar_seconds: u64) -> Self {
        Self { initial_capital, fill_at: FillAt::NextOpen, fee_bps: default_fee_bps(), slippage_bps: 0.0, bar_seconds }
    }

    pub fn with_fill_at(self, fill_at: FillAt) -> Self {
        Self { fill_at, ..self }
    }

    pub fn with_costs(self, fee_bps: f64, slippage_bps: f64) -> Self {
        Self { fee_bps, slippage_bps, ..self }
    }

    /// Checks every setting; the runs call it too.
    pub fn validate(&self) -> Result<(), BacktestError> {
        if !(self.initial_capital.is_finite() && self.initial_capital > 0.0) {
            return Err(BacktestError::NonPositiveCapital { capital: self.initial_capital });
        }
        if self.initial_capital > MAX_INITIAL_CAPITAL {
            return Err(BacktestError::InvalidParameter {
                name: "initial_capital",
                reason: format!("must be at most {MAX_INITIAL_CAPITAL:e}, got {}", self.initial_capital),
            });
        }
        for (name, bps) in [("fee_bps", self.fee_bps), ("slippage_bps", self.slippage_bps)] {
            if !(bps.is_finite() && (0.0..10_000.0).contains(&bps)) {
                return Err(BacktestError::InvalidParameter {
                    name,
                    reason: format!("must be at least 0 and below 10000 basis points, got {bps}"),
                });
            }
        }
        if self.bar_seconds == 0 {
            return Err(BacktestError::InvalidParameter { name: "bar_seconds", reason: "must be positive".to_owned() });
        }
        Ok(())
    }

    /// Bars per year: `365 x 86400 / bar_seconds` (365 for daily bars, 8760 for hourly).
    pub fn periods_per_year(&self) -> f64 {
        SECONDS_PER_YEAR / self.bar_seconds as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_per_year_follow_the_bar_length() {
        assert_eq!(BacktestSettings::new(1.0, 86_400).periods_per_year(), 365.0);
        assert_eq!(BacktestSettings::new(1.0, 3_600).periods_per_year(), 8_760.0);
        assert_eq!(BacktestSettings::new(1.0, 60).periods_per_year(), 525_600.0);
    }

    #[test]
    fn refuses_capital_that_is_not_positive() {
        for capital in [0.0, -5.0, f64::NAN, f64::INFINITY] {
            let error = BacktestSettings::new(capital, 86_400).validate();
            assert!(matches!(error, Err(BacktestError::NonPositiveCapital { .. })), "{capital}: {error:?}");
        }
    }

    #[test]
    fn refuses_costs_out_of_range_and_a_zero_bar_length() {
        let settings = BacktestSettings::new(100.0, 86_400);
        assert_eq!(settings.validate(), Ok(()));
        for (fee, slippage, name) in
            [(-1.0, 0.0, "fee_bps"), (f64::NAN, 0.0, "fee_bps"), (0.0, 10_000.0, "slippage_bps")]
        {
            let error = settings.clone().with_costs(fee, slippage).validate();
            assert!(matches!(error, Err(BacktestError::InvalidParameter { name: found, .. }) if found == name));
        }
        let error = BacktestSettings::new(100.0, 0).validate();
        assert!(matches!(error, Err(BacktestError::InvalidParameter { name: "bar_seconds", .. })));
    }
}
