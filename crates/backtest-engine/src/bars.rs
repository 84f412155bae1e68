//! Bars as column slices, checked once when built so the strategies never re-check them.

use crate::error::BacktestError;

/// The bars of one symbol and interval, ascending by open time, held column by column.
///
/// Built through [`Bars::new`], which checks that the columns have one length, that open
/// times strictly increase, that every bar closes after it opens and no later than the next
/// bar opens, and that every price is positive and finite. High and low are not needed by
/// any strategy, so they are not taken.
#[derive(Debug, Clone, PartialEq)]
pub struct Bars {
    open_time_ms: Vec<i64>,
    close_time_ms: Vec<i64>,
    open: Vec<f64>,
    close: Vec<f64>,
}

/// The bars of one named symbol.
#[derive(Debug, Clone, PartialEq)]
pub struct SymbolBars {
    pub symbol: String,
    pub bars: Bars,
}

impl Bars {
    /// Builds bars from columns of equal length. `close_time_ms` is the instant the bar
    /// closed, which is the next bar's open time for contiguous bars.
    pub fn new(
        open_time_ms: Vec<i64>,
        close_time_ms: Vec<i64>,
        open: Vec<f64>,
        close: Vec<f64>,
    ) -> Result<Self, BacktestError> {
        let length = open_time_ms.len();
        if close_time_ms.len() != length || open.len() != length || close.len() != length {
            return Err(BacktestError::InvalidBars {
                index: 0,
                reason: format!(
                    "column lengths differ: open_time_ms {length}, close_time_ms {}, open {}, close {}",
                    close_time_ms.len(),
                    open.len(),
                    close.len()
                ),
            });
        }
        for index in 0..length {
            let invalid = |reason: String| Err(BacktestError::InvalidBars { index, reason });
            let (opens_at, closes_at) = (open_time_ms[index], close_time_ms[index]);
            if closes_at <= opens_at {
                return invalid(format!("close time {closes_at} is not after open time {opens_at}"));
            }
            if let Some(&next_open) = open_time_ms.get(index + 1) {
                if next_open <= opens_at {
                    return invalid(format!("open times do not increase: {opens_at} then {next_open}"));
                }
                if closes_at > next_open {
                    return invalid(format!("the bar closes at {closes_at}, after the next bar opens at {next_open}"));
                }
            }
            for (name, price) in [("open", open[index]), ("close", close[index])] {
                if !(price.is_finite() && price > 0.0) {
                    return invalid(format!("{name} price {price} is not a positive finite number"));
                }
            }
        }
        Ok(Self { open_time_ms, close_time_ms, open, close })
    }

    pub fn len(&self) -> usize {
        self.open_time_ms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.open_time_ms.is_empty()
    }

    pub fn open_time_ms(&self) -> &[i64] {
        &self.open_time_ms
    }

    pub fn close_time_ms(&self) -> &[i64] {
        &self.close_time_ms
    }

    pub fn open(&self) -> &[f64] {
        &self.open
    }

    pub fn close(&self) -> &[f64] {
        &self.close
    }

    /// The first `length` bars (all of them if there are fewer), as new bars. Used to cut a
    /// series at a bar, for instance to show that a run never looks ahead.
    pub fn truncated(&self, length: usize) -> Self {
        let length = length.min(self.len());
        Self {
            open_time_ms: self.open_time_ms[..length].to_vec(),
            close_time_ms: self.close_time_ms[..length].to_vec(),
            open: self.open[..length].to_vec(),
            close: self.close[..length].to_vec(),
        }
    }
}

impl SymbolBars {
    pub fn new(symbol: impl Into<String>, bars: Bars) -> Self {
        Self { symbol: symbol.into(), bars }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(result: Result<Bars, BacktestError>) -> String {
        match result {
            Err(BacktestError::InvalidBars { reason, .. }) => reason,
            other => panic!("expected invalid bars, got {other:?}"),
        }
    }

    #[test]
    fn accepts_contiguous_and_gapped_bars() -> Result<(), BacktestError> {
        let bars = Bars::new(vec![0, 10, 30], vec![10, 20, 40], vec![1.0, 2.0, 3.0], vec![1.5, 2.5, 3.5])?;
        assert_eq!(bars.len(), 3);
        assert_eq!(bars.close(), &[1.5, 2.5, 3.5]);
        assert_eq!(bars.truncated(2).open_time_ms(), &[0, 10]);
        assert_eq!(bars.truncated(9).len(), 3);
        assert!(Bars::new(vec![], vec![], vec![], vec![])?.is_empty());
        Ok(())
    }

    #[test]
    fn refuses_columns_of_different_lengths() {
        assert!(reason(Bars::new(vec![0], vec![10], vec![1.0], vec![])).contains("column lengths differ"));
    }

    #[test]
    fn refuses_times_that_do_not_increase_or_overlap() {
        assert!(reason(Bars::new(vec![0, 0], vec![10, 10], vec![1.0; 2], vec![1.0; 2])).contains("do not increase"));
        assert!(reason(Bars::new(vec![0, 10], vec![15, 20], vec![1.0; 2], vec![1.0; 2])).contains("after the next"));
        assert!(reason(Bars::new(vec![0], vec![0], vec![1.0], vec![1.0])).contains("not after open time"));
    }

    #[test]
    fn refuses_prices_that_are_not_positive_and_finite() {
        for bad in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            assert!(reason(Bars::new(vec![0], vec![10], vec![1.0], vec![bad])).contains("close price"));
            assert!(reason(Bars::new(vec![0], vec![10], vec![bad], vec![1.0])).contains("open price"));
        }
    }
}
