//! Reading candles out of CSV, zip and freqtrade JSON files, with every row checked.
//!
//! A problem anywhere in a file rejects the whole file; the error names the line.

use std::io::Read;

use market_types::Interval;

use crate::candle::Candle;

/// Timestamps at or above this are microseconds (newer Binance spot files); below,
/// milliseconds. In milliseconds it would be the year 5138.
const MICROSECONDS_THRESHOLD: i64 = 100_000_000_000_000;

/// A candle and where in its file it was read.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedRow {
    pub candle: Candle,
    /// Where the row is: "line 12", or "BTCUSDT-1d-2024-01.csv line 12" inside a zip.
    pub location: RowLocation,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowLocation {
    pub entry: Option<std::sync::Arc<str>>,
    /// 1-based line (CSV) or 1-based position in the array (JSON).
    pub line: u64,
    pub unit: LocationUnit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocationUnit {
    Line,
    JsonElement,
}

impl std::fmt::Display for RowLocation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(entry) = &self.entry {
            write!(f, "{entry} ")?;
        }
        match self.unit {
            LocationUnit::Line => write!(f, "line {}", self.line),
            LocationUnit::JsonElement => write!(f, "candle {} of the array", self.line),
        }
    }
}

/// Why a file was refused, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileProblem {
    pub location: Option<RowLocation>,
    pub reason: String,
}

impl FileProblem {
    pub fn whole_file(reason: impl Into<String>) -> Self {
        Self { location: None, reason: reason.into() }
    }

    fn at(location: RowLocation, reason: impl Into<String>) -> Self {
        Self { location: Some(location), reason: reason.into() }
    }
}

/// Where each column of a CSV layout is.
#[derive(Debug, Clone, Copy)]
struct CsvColumns {
    open_time: usize,
    open: usize,
    high: usize,
    low: usize,
    close: usize,
    volume: usize,
    close_time: Option<usize>,
    quote_volume: Option<usize>,
    trade_count: Option<usize>,
}

impl CsvColumns {
    /// Binance's headerless kline layout (12 columns; the first 6 when shorter).
    fn binance(field_count: usize) -> Self {
        let optional = |index: usize| (field_count > index).then_some(index);
        Self {
            open_time: 0,
            open: 1,
            high: 2,
            low: 3,
            close: 4,
            volume: 5,
            close_time: optional(6),
            quote_volume: optional(7),
            trade_count: optional(8),
        }
    }

    /// A layout named by a header row.
    fn from_header(header: &csv::StringRecord) -> Result<Self, String> {
        let find = |names: &[&str]| {
            header.iter().position(|column| {
                let column = column.trim().to_ascii_lowercase().replace(' ', "_");
                names.contains(&column.as_str())
            })
        };
        let required = |names: &[&str]| find(names).ok_or_else(|| format!("header has no {} column", names[0]));
        Ok(Self {
            open_time: required(&["open_time", "timestamp", "time"])?,
            open: required(&["open"])?,
            high: required(&["high"])?,
            low: required(&["low"])?,
            close: required(&["close"])?,
            volume: required(&["volume"])?,
            close_time: find(&["close_time"]),
            quote_volume: find(&["quote_volume", "quote_asset_volume"]),
            trade_count: find(&["count", "trades", "trade_count", "number_of_trades"]),
        })
    }
}

/// Reads a CSV file of candles of `interval`, with or without a header row.
pub fn read_csv(reader: impl Read, interval: Interval, entry: Option<&str>) -> Result<Vec<ParsedRow>, FileProblem> {
    let entry: Option<std::sync::Arc<str>> = entry.map(Into::into);
    let location = |line: u64| RowLocation { entry: entry.clone(), line, unit: LocationUnit::Line };
    let mut csv_reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(reader);
    let mut record = csv::StringRecord::new();
    // The layout, and the column count every row must have: the first row's.
    let mut columns: Option<(CsvColumns, usize)> = None;
    let mut rows = Vec::new();
    loop {
        let more = csv_reader.read_record(&mut record).map_err(|error| {
            let line = error.position().map_or(0, csv::Position::line);
            FileProblem::at(location(line), format!("unreadable CSV: {error}"))
        })?;
        if !more {
            break;
        }
        let line = record.position().map_or(0, csv::Position::line);
        if record.iter().all(|field| field.trim().is_empty()) {
            continue;
        }
        let layout = match columns {
            Some((_, width)) if record.len() != width => {
                return Err(FileProblem::at(
                    location(line),
                    format!("expected {width} columns like the first row, found {}", record.len()),
                ));
            }
            Some((layout, _)) => layout,
            None => {
                let first_field = record.get(0).unwrap_or_default().trim();
                let layout = if first_field.parse::<i64>().is_ok() {
                    if record.len() < 6 {
                        return Err(FileProblem::at(location(line), "expected at least 6 columns"));
                    }
                    CsvColumns::binance(record.len())
                } else {
                    let layout =
                        CsvColumns::from_header(&record).map_err(|reason| FileProblem::at(location(line), reason))?;
                    columns = Some((layout, record.len()));
                    continue;
                };
                columns = Some((layout, record.len()));
                layout
            }
        };
        let candle =
            candle_from_record(&record, &layout, interval).map_err(|reason| FileProblem::at(location(line), reason))?;
        rows.push(ParsedRow { candle, location: location(line) });
    }
    Ok(rows)
}

fn candle_from_record(record: &csv::StringRecord, columns: &CsvColumns, interval: Interval) -> Result<Candle, String> {
    let field = |index: usize, name: &str| {
        record.get(index).map(str::trim).filter(|value| !value.is_empty()).ok_or_else(|| format!("missing {name}"))
    };
    let number = |index: usize, name: &str| -> Result<f64, String> {
        let text = field(index, name)?;
        text.parse::<f64>().map_err(|_| format!("{name} is not a number: {text:?}"))
    };
    let integer = |index: usize, name: &str| -> Result<i64, String> {
        let text = field(index, name)?;
        text.parse::<i64>().map_err(|_| format!("{name} is not a whole number: {text:?}"))
    };
    let open_time = integer(columns.open_time, "open time")?;
    let close_time = columns.close_time.map(|index| integer(index, "close time")).transpose()?;
    let quote_volume = columns.quote_volume.map(|index| number(index, "quote volume")).transpose()?;
    let trade_count = columns.trade_count.map(|index| integer(index, "trade count")).transpose()?;
    checked_candle(
        interval,
        RawCandle {
            open_time,
            close_time,
            open: number(columns.open, "open")?,
            high: number(columns.high, "high")?,
            low: number(columns.low, "low")?,
            close: number(columns.close, "close")?,
            volume: number(columns.volume, "volume")?,
            quote_volume,
            trade_count,
        },
    )
}

/// Reads freqtrade's JSON candle file: `[[ms, open, high, low, close, volume], ...]`.
pub fn read_freqtrade_json(reader: impl Read, interval: Interval) -> Result<Vec<ParsedRow>, FileProblem> {
    let elements: Vec<(f64, f64, f64, f64, f64, f64)> = serde_json::from_reader(std::io::BufReader::new(reader))
        .map_err(|error| {
            FileProblem::at(
                RowLocation { entry: None, line: error.line() as u64, unit: LocationUnit::Line },
                format!("not a freqtrade candle array: {error}"),
            )
        })?;
    elements
        .into_iter()
        .enumerate()
        .map(|(index, (time, open, high, low, close, volume))| {
            let location = RowLocation { entry: None, line: index as u64 + 1, unit: LocationUnit::JsonElement };
            let open_time = whole_number(time)
                .ok_or_else(|| FileProblem::at(location.clone(), format!("open time is not a whole number: {time}")))?;
            let raw = RawCandle {
                open_time,
                close_time: None,
                open,
                high,
                low,
                close,
                volume,
                quote_volume: None,
                trade_count: None,
            };
            let candle = checked_candle(interval, raw).map_err(|reason| FileProblem::at(location.clone(), reason))?;
            Ok(ParsedRow { candle, location })
        })
        .collect()
}

fn whole_number(value: f64) -> Option<i64> {
    (value.fract() == 0.0 && value.abs() < 9.0e15).then_some(value as i64)
}

/// A row as read, before its times are normalised and its values checked.
struct RawCandle {
    open_time: i64,
    close_time: Option<i64>,
    open: f64,
    high: f64,
    low: f64,
    close: f64,
    volume: f64,
    quote_volume: Option<f64>,
    trade_count: Option<i64>,
}

/// Normalises times to milliseconds and checks alignment, the close time and values.
fn checked_candle(interval: Interval, raw: RawCandle) -> Result<Candle, String> {
    let open_time_ms = to_milliseconds(raw.open_time)?;
    if !interval.is_aligned(open_time_ms) {
        return Err(format!("open time {} is not aligned to the {interval} interval", raw.open_time));
    }
    let close_time_ms =
        interval.close_time_ms(open_time_ms).ok_or_else(|| format!("open time {} is out of range", raw.open_time))?;
    if let Some(given) = raw.close_time {
        // Binance writes the last millisecond (or microsecond) of the candle.
        let given_ms = to_milliseconds(given)?;
        if given_ms != close_time_ms - 1 && given_ms != close_time_ms {
            return Err(format!(
                "close time {given} does not end the {interval} candle that opens at {}",
                raw.open_time
            ));
        }
    }
    let candle = Candle {
        open_time_ms,
        close_time_ms,
        open: raw.open,
        high: raw.high,
        low: raw.low,
        close: raw.close,
        volume: raw.volume,
        quote_volume: raw.quote_volume,
        trade_count: raw.trade_count,
    };
    candle.check_values()?;
    Ok(candle)
}

fn to_milliseconds(timestamp: i64) -> Result<i64, String> {
    if timestamp < 0 {
        Err(format!("timestamp {timestamp} is negative"))
    } else if timestamp >= MICROSECONDS_THRESHOLD {
        Ok(timestamp.div_euclid(1000))
    } else {
        Ok(timestamp)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY_MS: i64 = 86_400_000;
    // 2024-01-01 00:00:00 UTC.
    const START_MS: i64 = 1_704_067_200_000;

    fn parse_csv(text: &str) -> Result<Vec<ParsedRow>, FileProblem> {
        read_csv(text.as_bytes(), Interval::OneDay, None)
    }

    #[test]
    fn reads_the_header_layout() -> Result<(), FileProblem> {
        let rows = parse_csv("open_time,open,high,low,close,volume\n1704067200000,1.5,2,1,1.75,10\n")?;
        assert_eq!(rows.len(), 1);
        let candle = rows[0].candle;
        assert_eq!((candle.open_time_ms, candle.close_time_ms), (START_MS, START_MS + DAY_MS));
        assert_eq!((candle.open, candle.high, candle.low, candle.close, candle.volume), (1.5, 2.0, 1.0, 1.75, 10.0));
        assert_eq!((candle.quote_volume, candle.trade_count), (None, None));
        assert_eq!(rows[0].location.to_string(), "line 2");
        Ok(())
    }

    #[test]
    fn reads_binance_rows_in_milliseconds_and_microseconds() -> Result<(), FileProblem> {
        let millis = "1704067200000,1.5,2,1,1.75,10,1704153599999,17.5,42,5,7.5,0\n";
        let micros = "1704067200000000,1.5,2,1,1.75,10,1704153599999999,17.5,42,5,7.5,0\n";
        for text in [millis, micros] {
            let rows = parse_csv(text)?;
            let candle = rows[0].candle;
            assert_eq!((candle.open_time_ms, candle.close_time_ms), (START_MS, START_MS + DAY_MS));
            assert_eq!((candle.quote_volume, candle.trade_count), (Some(17.5), Some(42)));
        }
        Ok(())
    }

    #[test]
    fn names_the_line_of_a_bad_row() {
        let cases = [
            ("1704067200000,1.5,2,1,abc,10\n", "close is not a number"),
            ("1704067200000,1.5,1,2,1.75,10\n", "high 1 is below low 2"),
            ("1704067260000,1.5,2,1,1.75,10\n", "not aligned"),
            (
                "1704067200000,1.5,2,1,1.75,10,1704067200000,1,1,1,1,0\n",
                "expected 6 columns like the first row, found 12",
            ),
            ("1704067200000,1.5,2,1\n", "expected 6 columns like the first row, found 4"),
            ("1704067200000,1.5,2,1,1.75,-1\n", "volume must be a non-negative number"),
        ];
        for (bad_row, expected) in cases {
            let text = format!("1703980800000,1,1,1,1,1\n{bad_row}");
            match parse_csv(&text) {
                Err(problem) => {
                    assert!(problem.reason.contains(expected), "{bad_row}: {problem:?}");
                    assert_eq!(problem.location.map(|l| l.to_string()), Some("line 2".to_owned()));
                }
                Ok(rows) => panic!("accepted {bad_row}: {rows:?}"),
            }
        }
    }

    #[test]
    fn refuses_a_close_time_that_does_not_end_the_candle() {
        let text = "1704067200000,1.5,2,1,1.75,10,1704153599999,1,1,1,1,0\n1704153600000,1.5,2,1,1.75,10,1704153600000,1,1,1,1,0\n";
        let problem = parse_csv(text).err();
        assert!(problem.as_ref().is_some_and(|p| p.reason.contains("close time")), "{problem:?}");
        assert_eq!(problem.and_then(|p| p.location).map(|l| l.line), Some(2));
    }

    #[test]
    fn refuses_a_header_without_prices() {
        let problem = parse_csv("time,price\n1,2\n").err().map(|p| p.reason);
        assert_eq!(problem.as_deref(), Some("header has no open column"));
    }

    #[test]
    fn reads_freqtrade_json() -> Result<(), FileProblem> {
        let text = "[[1704067200000,1.5,2.0,1.0,1.75,10.0],[1704153600000,1.75,2.0,1.5,1.8,3]]";
        let rows = read_freqtrade_json(text.as_bytes(), Interval::OneDay)?;
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].candle.open_time_ms, START_MS + DAY_MS);
        assert_eq!(rows[1].location.to_string(), "candle 2 of the array");
        Ok(())
    }

    #[test]
    fn refuses_bad_freqtrade_json() {
        let not_array = read_freqtrade_json("{\"a\":1}".as_bytes(), Interval::OneDay);
        assert!(not_array.is_err());
        let unaligned = read_freqtrade_json("[[1704067200001,1,1,1,1,1]]".as_bytes(), Interval::OneDay);
        assert!(matches!(unaligned, Err(problem) if problem.reason.contains("not aligned")));
    }
}
