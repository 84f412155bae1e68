//! A universe of symbols laid on one timeline: the union of their open times, with each
//! symbol's open and close at every bar where it has a candle.

use crate::bars::SymbolBars;
use crate::error::BacktestError;

/// The symbols with at least one bar, in name order, on a common timeline.
#[derive(Debug, Clone)]
pub(crate) struct AlignedUniverse {
    names: Vec<String>,
    open_time_ms: Vec<i64>,
    close_time_ms: Vec<i64>,
    symbols: Vec<AlignedSymbol>,
}

#[derive(Debug, Clone)]
struct AlignedSymbol {
    candles: Vec<Option<Candle>>,
    last_bar: usize,
}

#[derive(Debug, Clone, Copy)]
struct Candle {
    open: f64,
    close: f64,
}

impl AlignedUniverse {
    /// Sorts the symbols by name, refuses duplicates, drops symbols without bars, and
    /// lines the rest up. Two symbols' bars with the same open time must close at the same
    /// time, and bars of the timeline must not overlap.
    pub(crate) fn build(universe: &[SymbolBars]) -> Result<Self, BacktestError> {
        let mut order: Vec<&SymbolBars> = universe.iter().collect();
        order.sort_by(|a, b| a.symbol.cmp(&b.symbol));
        if let Some(pair) = order.windows(2).find(|pair| pair[0].symbol == pair[1].symbol) {
            return Err(BacktestError::DuplicateSymbol { symbol: pair[0].symbol.clone() });
        }
        order.retain(|series| !series.bars.is_empty());
        let (open_time_ms, close_time_ms) = timeline(&order)?;
        let symbols = order.iter().map(|series| align(series, &open_time_ms)).collect();
        let names = order.iter().map(|series| series.symbol.clone()).collect();
        Ok(Self { names, open_time_ms, close_time_ms, symbols })
    }

    pub(crate) fn names(&self) -> &[String] {
        &self.names
    }

    pub(crate) fn symbol_count(&self) -> usize {
        self.symbols.len()
    }

    pub(crate) fn bar_count(&self) -> usize {
        self.open_time_ms.len()
    }

    pub(crate) fn open_time_ms(&self) -> &[i64] {
        &self.open_time_ms
    }

    pub(crate) fn close_time_ms(&self) -> &[i64] {
        &self.close_time_ms
    }

    pub(crate) fn open(&self, symbol: usize, bar: usize) -> Option<f64> {
        self.symbols[symbol].candles[bar].map(|candle| candle.open)
    }

    pub(crate) fn close(&self, symbol: usize, bar: usize) -> Option<f64> {
        self.symbols[symbol].candles[bar].map(|candle| candle.close)
    }

    /// The bar of the symbol's last candle, where its data ends.
    pub(crate) fn last_bar(&self, symbol: usize) -> usize {
        self.symbols[symbol].last_bar
    }
}

/// The sorted union of open times, with the close time each open time has: each symbol's
/// (sorted) bars are merged into the timeline so far, which costs about the timeline's
/// length per symbol.
fn timeline(order: &[&SymbolBars]) -> Result<(Vec<i64>, Vec<i64>), BacktestError> {
    let misaligned = |symbol: usize, open_time_ms: i64| BacktestError::MisalignedBars {
        symbol: order[symbol].symbol.clone(),
        open_time_ms,
    };
    // The timeline so far: open time, close time and the first symbol with that bar.
    let mut merged: Vec<(i64, i64, usize)> = Vec::new();
    for (symbol, series) in order.iter().enumerate() {
        let bars = series.bars.open_time_ms().iter().zip(series.bars.close_time_ms());
        let mut next = Vec::with_capacity(merged.len().max(series.bars.len()));
        let mut existing = merged.iter().copied().peekable();
        for (&open, &close) in bars {
            while let Some(bar) = existing.next_if(|&(existing_open, _, _)| existing_open < open) {
                next.push(bar);
            }
            match existing.next_if(|&(existing_open, _, _)| existing_open == open) {
                Some(bar) if bar.1 != close => return Err(misaligned(symbol, open)),
                Some(bar) => next.push(bar),
                None => next.push((open, close, symbol)),
            }
        }
        next.extend(existing);
        merged = next;
    }
    if let Some(pair) = merged.windows(2).find(|pair| pair[0].1 > pair[1].0) {
        // Blame the symbol merged later, at its own bar.
        let (open, _, symbol) = if pair[1].2 >= pair[0].2 { pair[1] } else { pair[0] };
        return Err(misaligned(symbol, open));
    }
    Ok(merged.iter().map(|&(open, close, _)| (open, close)).unzip())
}

/// One symbol's opens and closes at every bar of the timeline (`None` without a candle).
fn align(series: &SymbolBars, timeline_open_ms: &[i64]) -> AlignedSymbol {
    let mut candles = vec![None; timeline_open_ms.len()];
    let bars = &series.bars;
    let mut bar = 0;
    for (index, &opens_at) in bars.open_time_ms().iter().enumerate() {
        // Every open time is on the timeline, and both are ascending.
        while timeline_open_ms[bar] < opens_at {
            bar += 1;
        }
        candles[bar] = Some(Candle { open: bars.open()[index], close: bars.close()[index] });
    }
    AlignedSymbol { candles, last_bar: bar }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bars::Bars;

    fn series(symbol: &str, opens_at: &[i64], closes: &[f64]) -> SymbolBars {
        let close_times = opens_at.iter().map(|open| open + 10).collect();
        SymbolBars::new(
            symbol,
            Bars::new(opens_at.to_vec(), close_times, closes.to_vec(), closes.to_vec())
                .unwrap_or_else(|error| panic!("{error}")),
        )
    }

    #[test]
    fn symbols_line_up_on_the_union_of_open_times() -> Result<(), BacktestError> {
        let universe = [
            series("BBB", &[10, 20, 40], &[1.0, 2.0, 4.0]),
            series("AAA", &[0, 10], &[5.0, 6.0]),
            series("EMPTY", &[], &[]),
        ];
        let aligned = AlignedUniverse::build(&universe)?;
        assert_eq!(aligned.names(), &["AAA".to_owned(), "BBB".to_owned()]);
        assert_eq!(aligned.open_time_ms(), &[0, 10, 20, 40]);
        assert_eq!(aligned.close_time_ms(), &[10, 20, 30, 50]);
        assert_eq!((aligned.close(0, 1), aligned.close(0, 2)), (Some(6.0), None));
        assert_eq!((aligned.close(1, 0), aligned.close(1, 2), aligned.close(1, 3)), (None, Some(2.0), Some(4.0)));
        assert_eq!((aligned.last_bar(0), aligned.last_bar(1)), (1, 3));
        assert_eq!((aligned.symbol_count(), aligned.bar_count()), (2, 4));
        Ok(())
    }

    #[test]
    fn refuses_duplicates_and_misaligned_bars() {
        let duplicate = [series("AAA", &[0], &[1.0]), series("AAA", &[10], &[1.0])];
        assert_eq!(
            AlignedUniverse::build(&duplicate).err(),
            Some(BacktestError::DuplicateSymbol { symbol: "AAA".to_owned() })
        );
        let longer = SymbolBars::new(
            "BBB",
            Bars::new(vec![0], vec![20], vec![1.0], vec![1.0]).unwrap_or_else(|error| panic!("{error}")),
        );
        assert_eq!(
            AlignedUniverse::build(&[series("AAA", &[0], &[1.0]), longer]).err(),
            Some(BacktestError::MisalignedBars { symbol: "BBB".to_owned(), open_time_ms: 0 })
        );
        let overlapping = [series("AAA", &[0], &[1.0]), series("BBB", &[5], &[1.0])];
        assert_eq!(
            AlignedUniverse::build(&overlapping).err(),
            Some(BacktestError::MisalignedBars { symbol: "BBB".to_owned(), open_time_ms: 5 })
        );
    }
}
