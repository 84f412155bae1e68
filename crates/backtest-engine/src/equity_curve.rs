//! The equity curve of a run, column by column, with its drawdown and the benchmark.

use serde::{Deserialize, Serialize};

/// One point per bar close, after a first point with the initial capital at the first
/// bar's open time. The four columns have the same length.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EquityCurve {
    pub time_ms: Vec<i64>,
    pub equity: Vec<f64>,
    /// `1 - equity / running peak`: zero at a new high, positive below it.
    pub drawdown: Vec<f64>,
    /// The benchmark's equity at the same times.
    pub benchmark_equity: Vec<f64>,
}

/// One row of an [`EquityCurve`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct EquityPoint {
    pub time_ms: i64,
    pub equity: f64,
    pub drawdown: f64,
    pub benchmark_equity: f64,
}

impl EquityCurve {
    /// Builds the curve from columns of equal length.
    pub(crate) fn new(time_ms: Vec<i64>, equity: Vec<f64>, drawdown: Vec<f64>, benchmark_equity: Vec<f64>) -> Self {
        Self { time_ms, equity, drawdown, benchmark_equity }
    }

    pub fn len(&self) -> usize {
        self.equity.len()
    }

    pub fn is_empty(&self) -> bool {
        self.equity.is_empty()
    }

    /// The curve as rows, oldest first.
    pub fn points(&self) -> impl Iterator<Item = EquityPoint> + '_ {
        self.time_ms.iter().zip(&self.equity).zip(&self.drawdown).zip(&self.benchmark_equity).map(
            |(((&time_ms, &equity), &drawdown), &benchmark_equity)| EquityPoint {
                time_ms,
                equity,
                drawdown,
                benchmark_equity,
            },
        )
    }

    /// The time column: the first bar's open, then every bar's close.
    pub(crate) fn times(first_open_time_ms: i64, close_time_ms: &[i64]) -> Vec<i64> {
        let mut time_ms = Vec::with_capacity(close_time_ms.len() + 1);
        time_ms.push(first_open_time_ms);
        time_ms.extend_from_slice(close_time_ms);
        time_ms
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::curve_statistics::CurveWriter;

    #[test]
    fn points_are_the_rows_of_the_columns() {
        let writer = CurveWriter::from_points(&[100.0, 120.0, 90.0, 60.0, 130.0]);
        assert_eq!(writer.drawdown, vec![0.0, 0.0, 0.25, 0.5, 0.0]);
        let curve =
            EquityCurve::new(EquityCurve::times(0, &[1, 2, 3, 4]), writer.equity, writer.drawdown, vec![100.0; 5]);
        let points: Vec<EquityPoint> = curve.points().collect();
        assert_eq!(points.len(), 5);
        assert_eq!(points[3], EquityPoint { time_ms: 3, equity: 60.0, drawdown: 0.5, benchmark_equity: 100.0 });
    }
}
