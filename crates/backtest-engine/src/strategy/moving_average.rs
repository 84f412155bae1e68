//! Moving-average crosses: the spread between a fast and a slow average, advanced one
//! bar at a time in O(1), and the decisions its sign changes make.

use crate::strategy::ma_cross::{MaCrossParams, MovingAverageType};
use crate::strategy::single_symbol::{Decision, TargetPosition};

/// A value whose sign is the sign of `fast average - slow average`.
trait Spread {
    /// Moves both averages on by one bar: `incoming` is the new close, the outgoing closes
    /// are the ones that leave the fast and the slow window.
    fn advance(&mut self, incoming: f64, fast_outgoing: f64, slow_outgoing: f64) -> f64;
}

/// Simple averages as rolling sums. The sign of `fast_sum / fast - slow_sum / slow` is
/// taken as the sign of `fast_sum x slow - slow_sum x fast`, which needs no division per
/// bar and is exact for exactly representable sums.
#[derive(Clone, Copy)]
struct SimpleSpread {
    fast_sum: f64,
    slow_sum: f64,
    fast_length: f64,
    slow_length: f64,
}

impl Spread for SimpleSpread {
    #[inline(always)]
    fn advance(&mut self, incoming: f64, fast_outgoing: f64, slow_outgoing: f64) -> f64 {
        self.fast_sum += incoming - fast_outgoing;
        self.slow_sum += incoming - slow_outgoing;
        self.value()
    }
}

impl SimpleSpread {
    /// Both sums at bar `slow - 1`, the first bar where both averages exist.
    fn start(closes: &[f64], fast: usize, slow: usize) -> Self {
        Self {
            fast_sum: closes[slow - fast..slow].iter().sum(),
            slow_sum: closes[..slow].iter().sum(),
            fast_length: fast as f64,
            slow_length: slow as f64,
        }
    }

    fn value(&self) -> f64 {
        self.fast_sum * self.slow_length - self.slow_sum * self.fast_length
    }
}

/// Exponential averages with `alpha = 2 / (n + 1)`, each seeded with the simple average of
/// its first `n` closes: `ema_t = alpha x close_t + (1 - alpha) x ema_(t-1)`.
#[derive(Clone, Copy)]
struct ExponentialSpread {
    fast: f64,
    slow: f64,
    fast_alpha: f64,
    slow_alpha: f64,
}

impl Spread for ExponentialSpread {
    #[inline(always)]
    fn advance(&mut self, incoming: f64, _fast_outgoing: f64, _slow_outgoing: f64) -> f64 {
        self.fast = self.fast_alpha * incoming + (1.0 - self.fast_alpha) * self.fast;
        self.slow = self.slow_alpha * incoming + (1.0 - self.slow_alpha) * self.slow;
        self.fast - self.slow
    }
}

impl ExponentialSpread {
    /// Both averages at bar `slow - 1`: the fast one seeded at `fast - 1` and run on.
    fn start(closes: &[f64], fast: usize, slow: usize) -> Self {
        let fast_alpha = 2.0 / (fast as f64 + 1.0);
        let mut fast_average = closes[..fast].iter().sum::<f64>() / fast as f64;
        for &close in &closes[fast..slow] {
            fast_average = fast_alpha * close + (1.0 - fast_alpha) * fast_average;
        }
        Self {
            fast: fast_average,
            slow: closes[..slow].iter().sum::<f64>() / slow as f64,
            fast_alpha,
            slow_alpha: 2.0 / (slow as f64 + 1.0),
        }
    }
}

/// The position changes of a moving-average cross on `closes`, decided at bars
/// `slow ..= len - 2` (the last bar's decision could not be filled). A bullish cross at
/// `t` is `fast(t-1) <= slow(t-1)` and `fast(t) > slow(t)`; a bearish one the reverse.
/// Needs `params` valid and at least `slow + 2` closes; returns nothing otherwise.
pub(crate) fn cross_decisions(closes: &[f64], params: &MaCrossParams) -> Vec<Decision> {
    let (fast, slow) = (params.fast, params.slow);
    if fast == 0 || fast >= slow || closes.len() < slow.saturating_add(2) {
        return Vec::new();
    }
    match params.ma_type {
        MovingAverageType::Sma => {
            let spread = SimpleSpread::start(closes, fast, slow);
            let first = spread.value();
            decisions(spread, first, closes, params)
        }
        MovingAverageType::Ema => {
            let spread = ExponentialSpread::start(closes, fast, slow);
            let first = spread.fast - spread.slow;
            decisions(spread, first, closes, params)
        }
    }
}

/// Collects the decisions: scans to the next cross, turns it into a decision if it changes
/// the wanted position, and scans on.
fn decisions<S: Spread + Copy>(
    mut spread: S,
    mut previous: f64,
    closes: &[f64],
    params: &MaCrossParams,
) -> Vec<Decision> {
    let (fast, slow) = (params.fast, params.slow);
    let last_decision_bar = closes.len() - 2;
    let incoming = &closes[slow..=last_decision_bar];
    let fast_outgoing = &closes[slow - fast..=last_decision_bar - fast];
    let slow_outgoing = &closes[..=last_decision_bar - slow];
    let mut position = TargetPosition::Flat;
    let mut found = Vec::new();
    let mut offset = 0;
    while let Some((step, bullish)) =
        next_cross(&mut spread, &mut previous, &incoming[offset..], &fast_outgoing[offset..], &slow_outgoing[offset..])
    {
        let target = match (bullish, params.allow_short) {
            (true, _) => TargetPosition::Long,
            (false, true) => TargetPosition::Short,
            (false, false) => TargetPosition::Flat,
        };
        if target != position {
            found.push(Decision { bar: slow + offset + step, target });
            position = target;
        }
        offset += step + 1;
    }
    found
}

/// The hot loop: advances the spread bar by bar until it crosses zero, and returns the
/// cross's offset and whether it is bullish. A bullish cross is `previous <= 0 < current`,
/// a bearish one `current < 0 <= previous`. The state lives in locals (registers) for the
/// whole scan and is written back once; the function is kept apart so that nothing else
/// competes for registers in the loop.
#[inline(never)]
fn next_cross<S: Spread + Copy>(
    spread: &mut S,
    previous: &mut f64,
    incoming: &[f64],
    fast_outgoing: &[f64],
    slow_outgoing: &[f64],
) -> Option<(usize, bool)> {
    let mut state = *spread;
    let mut before = *previous;
    let mut cross = None;
    for (step, ((&close, &fast_out), &slow_out)) in incoming.iter().zip(fast_outgoing).zip(slow_outgoing).enumerate() {
        let current = state.advance(close, fast_out, slow_out);
        let bullish = before <= 0.0 && current > 0.0;
        let bearish = before >= 0.0 && current < 0.0;
        before = current;
        if bullish || bearish {
            cross = Some((step, bullish));
            break;
        }
    }
    *spread = state;
    *previous = before;
    cross
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(fast: usize, slow: usize, ma_type: MovingAverageType, allow_short: bool) -> MaCrossParams {
        MaCrossParams { fast, slow, ma_type, allow_short }
    }

    /// The averages computed the obvious way, for comparison.
    fn naive_sma(closes: &[f64], length: usize, bar: usize) -> f64 {
        closes[bar + 1 - length..=bar].iter().sum::<f64>() / length as f64
    }

    #[test]
    fn sma_cross_by_hand() {
        // fast 1 (the close itself), slow 3. Closes 10, 10, 10, 13, 7, 7, 7:
        // bar 2: 10 vs 10 (spread 0); bar 3: 13 vs 11 (bullish); bar 4: 7 vs 10 (bearish);
        // bar 5: 7 vs 9 (no cross); bar 6 is the last bar, never decided.
        let closes = [10.0, 10.0, 10.0, 13.0, 7.0, 7.0, 7.0];
        let long_only = cross_decisions(&closes, &params(1, 3, MovingAverageType::Sma, false));
        assert_eq!(
            long_only,
            vec![Decision { bar: 3, target: TargetPosition::Long }, Decision { bar: 4, target: TargetPosition::Flat },]
        );
        let with_short = cross_decisions(&closes, &params(1, 3, MovingAverageType::Sma, true));
        assert_eq!(with_short[1], Decision { bar: 4, target: TargetPosition::Short });
    }

    #[test]
    fn a_first_bearish_cross_opens_a_short_only_when_shorts_are_allowed() {
        // fast 1, slow 2. Closes 10, 10, 8, 8: bar 1: 10 vs 10; bar 2: 8 vs 9 (bearish).
        let closes = [10.0, 10.0, 8.0, 8.0];
        assert!(cross_decisions(&closes, &params(1, 2, MovingAverageType::Sma, false)).is_empty());
        assert_eq!(
            cross_decisions(&closes, &params(1, 2, MovingAverageType::Sma, true)),
            vec![Decision { bar: 2, target: TargetPosition::Short }]
        );
    }

    #[test]
    fn ema_cross_by_hand() {
        // fast 1 (alpha 1: the close), slow 3 (alpha 0.5, seeded with the mean of the first 3).
        // Closes 12, 9, 9, 8, 11, 11: slow EMA at bar 2 = 10, bar 3 = 9, bar 4 = 10, bar 5 = 10.5.
        // Spread: bar 2: 9 - 10 < 0; bar 3: 8 - 9 < 0; bar 4: 11 - 10 > 0 (bullish).
        let closes = [12.0, 9.0, 9.0, 8.0, 11.0, 11.0];
        assert_eq!(
            cross_decisions(&closes, &params(1, 3, MovingAverageType::Ema, false)),
            vec![Decision { bar: 4, target: TargetPosition::Long }]
        );
        // The same closes with SMA: bar 3: 8 vs 8.67, bar 4: 11 vs 9.33 (bullish too).
        assert_eq!(cross_decisions(&closes, &params(1, 3, MovingAverageType::Sma, false)).len(), 1);
    }

    #[test]
    fn the_fast_ema_is_seeded_at_its_own_length() {
        // fast 2 (alpha 2/3) seeded at bar 1 with (4 + 6) / 2 = 5, then bar 2: 2/3 x 8 + 1/3 x 5 = 7.
        let spread = ExponentialSpread::start(&[4.0, 6.0, 8.0, 1.0], 2, 3);
        assert!((spread.fast - 7.0).abs() < 1e-12);
        assert_eq!(spread.slow, 6.0);
    }

    #[test]
    fn rolling_sums_follow_the_naive_averages() {
        let closes: Vec<f64> = (0..400).map(|index| 100.0 + ((index * 37 % 101) as f64).sin() * 10.0).collect();
        let mut spread = SimpleSpread::start(&closes, 5, 20);
        for bar in 20..closes.len() {
            let value = spread.advance(closes[bar], closes[bar - 5], closes[bar - 20]) / (5.0 * 20.0);
            let naive = naive_sma(&closes, 5, bar) - naive_sma(&closes, 20, bar);
            assert!((value - naive).abs() < 1e-9, "bar {bar}: {value} vs {naive}");
        }
    }

    #[test]
    fn too_few_closes_decide_nothing() {
        assert!(cross_decisions(&[1.0, 2.0, 3.0], &params(1, 2, MovingAverageType::Sma, true)).is_empty());
    }
}
