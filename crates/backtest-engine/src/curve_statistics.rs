//! Running statistics of an equity curve, updated point by point while the simulation
//! writes the curve, so the metrics need no further pass over a long curve.

/// Accumulates, as points arrive: the drawdown of each point, the deepest drawdown with its
/// peak, trough and recovery, the sum of equity, and the sums over returns
/// `r_t = E_t / E_(t-1) - 1` that the return statistics need.
///
/// The variance uses sums of `r - K` shifted by the first return `K`:
/// `var = (sum(d^2) - sum(d)^2 / n) / (n - 1)`. That is the two-pass result up to rounding,
/// with no cancellation as long as `K` is within a few standard deviations of the mean
/// (exactly zero for constant returns), and needs one pass.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CurveStatistics {
    points: usize,
    first: f64,
    previous: f64,
    sum_equity: f64,
    all_positive_before_last: bool,
    returns: ReturnSums,
    peak: f64,
    peak_index: usize,
    deepest: f64,
    deepest_peak_index: usize,
    trough_index: Option<usize>,
    recovery_index: Option<usize>,
}

#[derive(Debug, Clone, Copy, Default)]
struct ReturnSums {
    shift: f64,
    shifted_sum: f64,
    shifted_squares: f64,
    downside_squares: f64,
}

/// The statistics of a finished curve.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct CurveSummary {
    pub(crate) initial_equity: f64,
    pub(crate) final_equity: f64,
    pub(crate) mean_equity: f64,
    /// `None` without a return or if the equity was not positive before the last point.
    pub(crate) returns: Option<ReturnStatistics>,
    pub(crate) max_drawdown: f64,
    /// Point indices of the deepest drawdown's peak, trough and recovery.
    pub(crate) deepest: Option<(usize, usize, Option<usize>)>,
}

/// Mean, sample standard deviation and downside deviation of the returns.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct ReturnStatistics {
    pub(crate) mean: f64,
    /// `None` with a single return.
    pub(crate) sample_stdev: Option<f64>,
    /// `sqrt(mean(min(r, 0)^2))`.
    pub(crate) downside_deviation: f64,
}

impl CurveStatistics {
    /// Starts a curve at its first point (the positive initial capital).
    pub(crate) fn new(first: f64) -> Self {
        Self {
            points: 1,
            first,
            previous: first,
            sum_equity: first,
            all_positive_before_last: true,
            returns: ReturnSums::default(),
            peak: first,
            peak_index: 0,
            deepest: 0.0,
            deepest_peak_index: 0,
            trough_index: None,
            recovery_index: None,
        }
    }

    /// Adds the next point and returns its drawdown `1 - E / running peak`.
    #[inline(always)]
    pub(crate) fn push(&mut self, value: f64) -> f64 {
        let index = self.points;
        self.points += 1;
        self.sum_equity += value;
        self.all_positive_before_last &= self.previous > 0.0;
        let r = value / self.previous - 1.0;
        self.previous = value;
        if index == 1 {
            self.returns.shift = r;
        }
        let shifted = r - self.returns.shift;
        let loss = r.min(0.0);
        self.returns.shifted_sum += shifted;
        self.returns.shifted_squares += shifted * shifted;
        self.returns.downside_squares += loss * loss;
        if value >= self.peak {
            self.peak = value;
            self.peak_index = index;
            if self.recovery_index.is_none() && self.trough_index.is_some() {
                self.recovery_index = Some(index);
            }
            return 0.0;
        }
        let drawdown = 1.0 - value / self.peak;
        if drawdown > self.deepest {
            self.deepest = drawdown;
            self.deepest_peak_index = self.peak_index;
            self.trough_index = Some(index);
            self.recovery_index = None;
        }
        drawdown
    }

    pub(crate) fn finish(&self) -> CurveSummary {
        let count = self.points - 1;
        let returns = (count > 0 && self.all_positive_before_last).then(|| {
            let n = count as f64;
            let sums = self.returns;
            let sample_stdev = (count >= 2).then(|| {
                let squares = (sums.shifted_squares - sums.shifted_sum * sums.shifted_sum / n).max(0.0);
                (squares / (n - 1.0)).sqrt()
            });
            ReturnStatistics {
                mean: sums.shift + sums.shifted_sum / n,
                sample_stdev,
                downside_deviation: (sums.downside_squares / n).sqrt(),
            }
        });
        CurveSummary {
            initial_equity: self.first,
            final_equity: self.previous,
            mean_equity: self.sum_equity / self.points as f64,
            returns,
            max_drawdown: self.deepest,
            deepest: self.trough_index.map(|trough| (self.deepest_peak_index, trough, self.recovery_index)),
        }
    }
}

/// The strategy's curve as it is written: equity and drawdown columns and their statistics.
#[derive(Debug, Clone)]
pub(crate) struct CurveWriter {
    pub(crate) equity: Vec<f64>,
    pub(crate) drawdown: Vec<f64>,
    pub(crate) statistics: CurveStatistics,
}

impl CurveWriter {
    /// A curve of `capacity` points starting at `initial_capital`.
    pub(crate) fn new(initial_capital: f64, capacity: usize) -> Self {
        let statistics = CurveStatistics::new(initial_capital);
        let (mut equity, mut drawdown) = (Vec::with_capacity(capacity), Vec::with_capacity(capacity));
        equity.push(initial_capital);
        // The first point is its own peak.
        drawdown.push(0.0);
        Self { equity, drawdown, statistics }
    }

    #[inline(always)]
    pub(crate) fn push(&mut self, value: f64) {
        let drawdown = self.statistics.push(value);
        self.equity.push(value);
        self.drawdown.push(drawdown);
    }

    /// Appends the marks `cash + quantity x close` of a stretch of bars without fills: the
    /// equity first (a loop that vectorises), then the drawdown and statistics from it, with
    /// the statistics in locals (registers) for the stretch.
    pub(crate) fn extend_marks(&mut self, cash: f64, quantity: f64, closes: &[f64]) {
        let start = self.equity.len();
        self.equity.extend(closes.iter().map(|&close| cash + quantity * close));
        // Sized first (a short fill in cache), so the loop below has no capacity checks.
        self.drawdown.resize(self.equity.len(), 0.0);
        let mut statistics = self.statistics;
        for (drawdown, &value) in self.drawdown[start..].iter_mut().zip(&self.equity[start..]) {
            *drawdown = statistics.push(value);
        }
        self.statistics = statistics;
    }

    /// A whole curve from its points (the first is the initial capital).
    #[cfg(test)]
    pub(crate) fn from_points(points: &[f64]) -> Self {
        let mut writer = Self::new(points[0], points.len());
        for &value in &points[1..] {
            writer.push(value);
        }
        writer
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_pass_matches_the_two_pass_definitions() {
        let points = [100.0, 104.0, 101.0, 99.0, 108.0, 108.0, 95.0, 97.0, 110.0];
        let writer = CurveWriter::from_points(&points);
        let summary = writer.statistics.finish();
        let returns: Vec<f64> = points.windows(2).map(|pair| pair[1] / pair[0] - 1.0).collect();
        let n = returns.len() as f64;
        let mean = returns.iter().sum::<f64>() / n;
        let variance = returns.iter().map(|r| (r - mean) * (r - mean)).sum::<f64>() / (n - 1.0);
        let downside = (returns.iter().map(|r| r.min(0.0) * r.min(0.0)).sum::<f64>() / n).sqrt();
        let statistics = summary.returns.unwrap_or_else(|| panic!("returns are defined"));
        assert!((statistics.mean - mean).abs() < 1e-15);
        assert!((statistics.sample_stdev.unwrap_or(0.0) - variance.sqrt()).abs() < 1e-15);
        assert!((statistics.downside_deviation - downside).abs() < 1e-15);
        // Peak 108 at points 4 and 5 (the later counts), trough 95 at 6, recovered at 8.
        assert_eq!(summary.deepest, Some((5, 6, Some(8))));
        assert_eq!(summary.max_drawdown, 1.0 - 95.0 / 108.0);
        assert_eq!(writer.drawdown[..3], [0.0, 0.0, 1.0 - 101.0 / 104.0]);
        assert_eq!(summary.mean_equity, points.iter().sum::<f64>() / points.len() as f64);
    }

    #[test]
    fn constant_returns_have_zero_deviation() {
        let points: Vec<f64> = (0..50).map(|step| 100.0 * 2f64.powi(step)).collect();
        let summary = CurveWriter::from_points(&points).statistics.finish();
        assert_eq!(summary.returns.and_then(|returns| returns.sample_stdev), Some(0.0));
        assert_eq!((summary.max_drawdown, summary.deepest), (0.0, None));
    }

    #[test]
    fn a_deeper_later_drawdown_replaces_a_recovered_one() {
        // 100 -> 90 (10%), recovered at 120, then 120 -> 60 (50%), never recovered.
        let summary = CurveWriter::from_points(&[100.0, 90.0, 120.0, 60.0, 100.0]).statistics.finish();
        assert_eq!(summary.deepest, Some((2, 3, None)));
        assert_eq!(summary.max_drawdown, 0.5);
    }
}
