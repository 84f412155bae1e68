//! The uptrend rule that both scanners (symbols and ratios) share, as a pure function over
//! a series of closes.
//!
//! At the last bar t of `closes`, with `sma_fast` and `sma_slow` the simple moving averages
//! of the closes ending at t:
//!
//! - in uptrend when `close_t > sma_fast_t > sma_slow_t` and `sma_fast_t > sma_fast_(t - rising_lookback)`
//!   (all strict: equal values are not an uptrend);
//! - judged only with at least `slow + rising_lookback` bars up to t (210 by default);
//! - the trend-strength score is the slope of the least-squares line through
//!   `ln(close)` over the last `score_window` bars (in ln units per bar, so 0.01 is about
//!   +1 % per bar), times that fit's R squared: steady climbs score high, choppy ones low,
//!   falls negative.

use crate::error::{MarketDataError, Result};

/// The rule's parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrendRule {
    fast: usize,
    slow: usize,
    rising_lookback: usize,
    score_window: usize,
}

impl Default for TrendRule {
    /// SMA 50 over SMA 200, the fast average rising over 10 bars, scored over 50 bars.
    fn default() -> Self {
        Self { fast: 50, slow: 200, rising_lookback: 10, score_window: 50 }
    }
}

/// What the rule says about the last bar of a series.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Judgement {
    /// Too few bars to judge.
    InsufficientHistory {
        bars: usize,
        needed: usize,
    },
    Judged(TrendReading),
}

/// The numbers behind a judgement.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrendReading {
    pub in_uptrend: bool,
    pub close: f64,
    pub sma_fast: f64,
    pub sma_slow: f64,
    /// The fast average `rising_lookback` bars earlier.
    pub sma_fast_earlier: f64,
    /// `(close / sma_fast - 1) x 100`.
    pub distance_above_fast_pct: f64,
    pub distance_above_slow_pct: f64,
    /// `close_t / close_(t-n) - 1` for n = 7, 30, 90, when there are that many bars.
    pub return_7: Option<f64>,
    pub return_30: Option<f64>,
    pub return_90: Option<f64>,
    pub score: f64,
}

impl TrendRule {
    pub fn new(fast: usize, slow: usize, rising_lookback: usize, score_window: usize) -> Result<Self> {
        let invalid = |message: String| Err(MarketDataError::InvalidInput(message));
        if fast == 0 || slow == 0 || rising_lookback == 0 {
            return invalid("sma_fast, sma_slow and rising_lookback must be positive".to_owned());
        }
        if fast >= slow {
            return invalid(format!("sma_fast ({fast}) must be shorter than sma_slow ({slow})"));
        }
        if score_window < 2 {
            return invalid("score_window must be at least 2".to_owned());
        }
        if slow > 10_000 || score_window > 10_000 || rising_lookback > 10_000 {
            return invalid("windows must be at most 10000 bars".to_owned());
        }
        Ok(Self { fast, slow, rising_lookback, score_window })
    }

    pub fn fast(&self) -> usize {
        self.fast
    }

    pub fn slow(&self) -> usize {
        self.slow
    }

    pub fn rising_lookback(&self) -> usize {
        self.rising_lookback
    }

    pub fn score_window(&self) -> usize {
        self.score_window
    }

    /// Bars needed up to and including the judged bar.
    pub fn bars_needed(&self) -> usize {
        (self.slow + self.rising_lookback).max(self.score_window)
    }

    /// Bars a caller should hand to [`TrendRule::judge`] for a complete reading (the rule's
    /// bars plus the 90-bar return).
    pub fn bars_wanted(&self) -> usize {
        self.bars_needed().max(91)
    }

    /// Judges the last bar of `closes` (ascending, all positive).
    pub fn judge(&self, closes: &[f64]) -> Judgement {
        let needed = self.bars_needed();
        let Some(&close) = closes.last() else {
            return Judgement::InsufficientHistory { bars: 0, needed };
        };
        if closes.len() < needed {
            return Judgement::InsufficientHistory { bars: closes.len(), needed };
        }
        let last = closes.len();
        let sma = |window: usize, end: usize| closes[end - window..end].iter().sum::<f64>() / window as f64;
        let sma_fast = sma(self.fast, last);
        let sma_slow = sma(self.slow, last);
        let sma_fast_earlier = sma(self.fast, last - self.rising_lookback);
        let period_return = |bars: usize| (closes.len() > bars).then(|| close / closes[last - 1 - bars] - 1.0);
        Judgement::Judged(TrendReading {
            in_uptrend: close > sma_fast && sma_fast > sma_slow && sma_fast > sma_fast_earlier,
            close,
            sma_fast,
            sma_slow,
            sma_fast_earlier,
            distance_above_fast_pct: (close / sma_fast - 1.0) * 100.0,
            distance_above_slow_pct: (close / sma_slow - 1.0) * 100.0,
            return_7: period_return(7),
            return_30: period_return(30),
            return_90: period_return(90),
            score: trend_score(&closes[last - self.score_window..]),
        })
    }
}

/// Slope of the least-squares fit of `ln(close)` against the bar number, times its R squared.
fn trend_score(closes: &[f64]) -> f64 {
    let count = closes.len() as f64;
    let mean_x = (count - 1.0) / 2.0;
    let logs: Vec<f64> = closes.iter().map(|close| close.ln()).collect();
    let mean_y = logs.iter().sum::<f64>() / count;
    let (mut covariance, mut variance_x, mut variance_y) = (0.0, 0.0, 0.0);
    for (index, y) in logs.iter().enumerate() {
        let (dx, dy) = (index as f64 - mean_x, y - mean_y);
        covariance += dx * dy;
        variance_x += dx * dx;
        variance_y += dy * dy;
    }
    if variance_x == 0.0 || variance_y == 0.0 {
        return 0.0;
    }
    let slope = covariance / variance_x;
    let r_squared = covariance * covariance / (variance_x * variance_y);
    slope * r_squared
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small_rule() -> TrendRule {
        // SMA 2 over SMA 4, rising over 1 bar: 5 bars needed.
        TrendRule::new(2, 4, 1, 3).unwrap_or_else(|error| panic!("{error}"))
    }

    fn reading(closes: &[f64]) -> TrendReading {
        match small_rule().judge(closes) {
            Judgement::Judged(reading) => reading,
            other => panic!("not judged: {other:?}"),
        }
    }

    #[test]
    fn a_hand_worked_uptrend() {
        // closes 1 2 3 4 5: sma2 = 4.5, sma4 = 3.5, sma2 one bar earlier = 3.5.
        let reading = reading(&[1.0, 2.0, 3.0, 4.0, 5.0]);
        assert!(reading.in_uptrend);
        assert_eq!((reading.close, reading.sma_fast, reading.sma_slow, reading.sma_fast_earlier), (5.0, 4.5, 3.5, 3.5));
        assert!((reading.distance_above_fast_pct - (5.0 / 4.5 - 1.0) * 100.0).abs() < 1e-12);
        assert!((reading.distance_above_slow_pct - (5.0 / 3.5 - 1.0) * 100.0).abs() < 1e-12);
        assert_eq!((reading.return_7, reading.return_30, reading.return_90), (None, None, None));
        assert!(reading.score > 0.0);
    }

    #[test]
    fn each_clause_is_strict() {
        // close equal to the fast average: 1 2 3 4 4 -> sma2 = 4, close 4.
        assert!(!reading(&[1.0, 2.0, 3.0, 4.0, 4.0]).in_uptrend);
        // fast average equal to the slow one: 3 3 3 3 3.
        assert!(!reading(&[3.0, 3.0, 3.0, 3.0, 3.0]).in_uptrend);
        // fast above slow and close above fast, but the fast average not rising:
        // 1 1 10 2 9.5 -> sma2 = 5.75 (> sma4 = 5.625), earlier sma2 = 6, close 9.5 > 5.75.
        let flat = reading(&[1.0, 1.0, 10.0, 2.0, 9.5]);
        assert_eq!((flat.sma_fast, flat.sma_slow, flat.sma_fast_earlier), (5.75, 5.625, 6.0));
        assert!(flat.close > flat.sma_fast && flat.sma_fast > flat.sma_slow);
        assert!(!flat.in_uptrend, "the rising-average clause");
        // An equal earlier fast average is not rising either: 1 1 5 3 5 -> sma2 = 4 = earlier sma2,
        // sma4 = 3.5, close 5.
        let level = reading(&[1.0, 1.0, 5.0, 3.0, 5.0]);
        assert_eq!((level.sma_fast, level.sma_fast_earlier, level.sma_slow), (4.0, 4.0, 3.5));
        assert!(!level.in_uptrend);
        // One step higher and it rises: 1 1 5 3 5.5 -> sma2 = 4.25 > 4.
        assert!(reading(&[1.0, 1.0, 5.0, 3.0, 5.5]).in_uptrend);
    }

    #[test]
    fn needs_slow_plus_lookback_bars() {
        assert_eq!(small_rule().judge(&[1.0, 2.0, 3.0, 4.0]), Judgement::InsufficientHistory { bars: 4, needed: 5 });
        assert_eq!(small_rule().judge(&[]), Judgement::InsufficientHistory { bars: 0, needed: 5 });
        assert_eq!(TrendRule::default().bars_needed(), 210);
    }

    #[test]
    fn returns_look_back_exactly_n_bars() {
        let closes: Vec<f64> = (1..=100).map(f64::from).collect();
        let Judgement::Judged(reading) = TrendRule::default().judge(&[vec![1.0; 120], closes.clone()].concat()) else {
            panic!("not judged");
        };
        assert_eq!(reading.return_7, Some(100.0 / 93.0 - 1.0));
        assert_eq!(reading.return_30, Some(100.0 / 70.0 - 1.0));
        assert_eq!(reading.return_90, Some(100.0 / 10.0 - 1.0));
    }

    #[test]
    fn the_score_is_the_log_slope_times_r_squared() {
        // A perfect 1 % compound climb: slope ln(1.01), R squared 1.
        let climb: Vec<f64> = (0..50).map(|i| 100.0 * 1.01_f64.powi(i)).collect();
        assert!((trend_score(&climb) - 1.01_f64.ln()).abs() < 1e-12);
        let fall: Vec<f64> = climb.iter().rev().copied().collect();
        assert!((trend_score(&fall) + 1.01_f64.ln()).abs() < 1e-12);
        assert_eq!(trend_score(&[5.0; 10]), 0.0);
        // Noise lowers the score below the clean climb's.
        let noisy: Vec<f64> =
            climb.iter().enumerate().map(|(i, c)| if i % 2 == 0 { c * 1.05 } else { c / 1.05 }).collect();
        assert!(trend_score(&noisy) < trend_score(&climb));
    }

    #[test]
    fn refuses_bad_parameters() {
        assert!(TrendRule::new(200, 50, 10, 50).is_err());
        assert!(TrendRule::new(50, 50, 10, 50).is_err());
        assert!(TrendRule::new(0, 50, 10, 50).is_err());
        assert!(TrendRule::new(5, 50, 0, 50).is_err());
        assert!(TrendRule::new(5, 50, 1, 1).is_err());
    }
}
