//! Merging a file's candles into a series: new candles are added, identical ones are
//! counted as unchanged, and a candle that contradicts a stored one (or one from an
//! earlier file of the same import) rejects the whole file.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use market_types::Interval;

use super::parse::{FileProblem, ParsedRow, RowLocation};
use crate::candle::Candle;
use crate::coverage::Coverage;

/// Where a known candle came from, to explain a conflict.
#[derive(Debug, Clone)]
enum Origin {
    Stored,
    EarlierFile { file: String, location: RowLocation },
}

/// One series during an import: what is stored, plus what earlier files added.
#[derive(Debug)]
pub struct SeriesMerge {
    pub base_asset: String,
    pub quote_asset: String,
    pub interval: Interval,
    known: HashMap<i64, (Candle, Origin)>,
    /// Candles to write, in the order files supplied them.
    pub new_candles: Vec<Candle>,
    pub files: usize,
    pub unchanged: usize,
}

impl SeriesMerge {
    /// Starts from the candles already stored for the series.
    pub fn new(base_asset: String, quote_asset: String, interval: Interval, stored: Vec<Candle>) -> Self {
        let known = stored.into_iter().map(|candle| (candle.open_time_ms, (candle, Origin::Stored))).collect();
        Self { base_asset, quote_asset, interval, known, new_candles: Vec::new(), files: 0, unchanged: 0 }
    }

    /// Adds one file's rows, or leaves the series untouched and says why the file is refused.
    pub fn add_file(&mut self, file_label: &str, rows: Vec<ParsedRow>) -> Result<(), FileProblem> {
        let mut fresh: HashMap<i64, ParsedRow> = HashMap::with_capacity(rows.len());
        let mut unchanged = 0;
        for row in rows {
            let open_time = row.candle.open_time_ms;
            if let Some((known, origin)) = self.known.get(&open_time) {
                if !known.same_market_data(&row.candle) {
                    return Err(conflict(&row, origin));
                }
                unchanged += 1;
                continue;
            }
            match fresh.entry(open_time) {
                Entry::Occupied(earlier) if !earlier.get().candle.same_market_data(&row.candle) => {
                    let origin =
                        Origin::EarlierFile { file: "this file".to_owned(), location: earlier.get().location.clone() };
                    return Err(conflict(&row, &origin));
                }
                Entry::Occupied(_) => unchanged += 1,
                Entry::Vacant(slot) => {
                    slot.insert(row);
                }
            }
        }
        let mut fresh: Vec<ParsedRow> = fresh.into_values().collect();
        fresh.sort_by_key(|row| row.candle.open_time_ms);
        for row in fresh {
            self.new_candles.push(row.candle);
            let origin = Origin::EarlierFile { file: file_label.to_owned(), location: row.location };
            self.known.insert(row.candle.open_time_ms, (row.candle, origin));
        }
        self.files += 1;
        self.unchanged += unchanged;
        Ok(())
    }

    /// The coverage of the series once the new candles are written.
    pub fn coverage(&self) -> Option<Coverage> {
        let mut open_times: Vec<i64> = self.known.keys().copied().collect();
        open_times.sort_unstable();
        Coverage::of_open_times(self.interval, &open_times)
    }
}

fn conflict(row: &ParsedRow, origin: &Origin) -> FileProblem {
    let other = match origin {
        Origin::Stored => "the candle already stored".to_owned(),
        Origin::EarlierFile { file, location } => format!("the one at {location} of {file}"),
    };
    FileProblem {
        location: Some(row.location.clone()),
        reason: format!("the candle opening at {} ms differs from {other}", row.candle.open_time_ms),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::candle::tests::candle;
    use crate::import::parse::LocationUnit;

    const DAY_MS: i64 = 86_400_000;

    fn rows(candles: &[Candle]) -> Vec<ParsedRow> {
        candles
            .iter()
            .enumerate()
            .map(|(index, candle)| ParsedRow {
                candle: *candle,
                location: RowLocation { entry: None, line: index as u64 + 2, unit: LocationUnit::Line },
            })
            .collect()
    }

    fn merge(stored: Vec<Candle>) -> SeriesMerge {
        SeriesMerge::new("BTC".into(), "USDT".into(), Interval::OneDay, stored)
    }

    #[test]
    fn adds_new_candles_and_counts_identical_ones() -> Result<(), FileProblem> {
        let first = candle(0, 1.0, 2.0, 0.5, 1.5);
        let second = candle(DAY_MS, 1.5, 2.0, 1.0, 1.8);
        let mut series = merge(vec![first]);
        series.add_file("a.csv", rows(&[first, second]))?;
        assert_eq!(series.new_candles, vec![second]);
        assert_eq!((series.unchanged, series.files), (1, 1));
        // The same file again adds nothing.
        series.add_file("a.csv", rows(&[first, second]))?;
        assert_eq!(series.new_candles.len(), 1);
        assert_eq!(series.unchanged, 3);
        Ok(())
    }

    #[test]
    fn a_conflicting_file_changes_nothing() {
        let stored = candle(0, 1.0, 2.0, 0.5, 1.5);
        let mut series = merge(vec![stored]);
        let new = candle(DAY_MS, 1.5, 2.0, 1.0, 1.8);
        let changed = candle(0, 1.0, 2.0, 0.5, 1.6);
        let problem = series.add_file("b.csv", rows(&[new, changed])).err();
        assert_eq!(problem.as_ref().and_then(|p| p.location.as_ref()).map(|l| l.line), Some(3));
        assert!(problem.is_some_and(|p| p.reason.contains("already stored")));
        assert!(series.new_candles.is_empty());
        assert_eq!(series.coverage().map(|c| c.candle_count), Some(1));
    }

    #[test]
    fn conflicts_between_files_of_one_import_name_the_earlier_file() -> Result<(), FileProblem> {
        let mut series = merge(Vec::new());
        series.add_file("first.csv", rows(&[candle(0, 1.0, 2.0, 0.5, 1.5)]))?;
        let problem = series.add_file("second.csv", rows(&[candle(0, 1.0, 2.0, 0.5, 1.7)])).err();
        assert!(problem.is_some_and(|p| p.reason.contains("line 2 of first.csv")));
        Ok(())
    }

    #[test]
    fn duplicates_inside_one_file_must_agree() {
        let mut series = merge(Vec::new());
        let problem =
            series.add_file("x.csv", rows(&[candle(0, 1.0, 2.0, 0.5, 1.5), candle(0, 1.0, 2.0, 0.5, 1.9)])).err();
        assert!(problem.is_some_and(|p| p.reason.contains("line 2 of this file")));
    }
}
