//! What a candle file's name says: symbol, interval and format.
//!
//! Accepted names: `BTCUSDT-1d.csv` (the shared data set), `BTCUSDT-1d-2024-01.csv`
//! and `.zip` (Binance public data), `BTC_USDT-1d.json` (freqtrade).

use std::path::Path;

use market_types::{Interval, Symbol};

/// The container and layout of a candle file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFormat {
    /// CSV with or without a header: Binance's 12 columns or the 6-column layout.
    Csv,
    /// A zip archive of such CSV files, as Binance publishes them.
    Zip,
    /// freqtrade's JSON: an array of `[ms, open, high, low, close, volume]`.
    FreqtradeJson,
}

/// What the file name says, where it says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameInfo {
    pub format: FileFormat,
    pub symbol: Option<Symbol>,
    /// Base and quote asset when the name separates them (`BTC_USDT`).
    pub assets: Option<(String, String)>,
    pub interval: Option<Interval>,
}

/// The format of a file by its extension, or `None` for files that are not candles.
pub fn format_of(path: &Path) -> Option<FileFormat> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    match extension.as_str() {
        "csv" => Some(FileFormat::Csv),
        "zip" => Some(FileFormat::Zip),
        "json" => Some(FileFormat::FreqtradeJson),
        _ => None,
    }
}

/// Reads symbol and interval from a file name. Parts it cannot read are `None`;
/// the caller may supply them explicitly.
pub fn parse(path: &Path) -> Result<NameInfo, String> {
    let format = format_of(path).ok_or("not a candle file: expected .csv, .zip or .json")?;
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    if ["-futures", "-mark", "-funding_rate", "-index"].iter().any(|suffix| stem.ends_with(suffix)) {
        return Err("futures, mark, index and funding files are not spot candles".to_owned());
    }
    let mut parts = stem.split('-');
    let symbol_part = parts.next().unwrap_or_default();
    let interval = parts.next().and_then(|raw| Interval::parse(raw).ok());
    let (symbol, assets) = match symbol_part.split_once('_') {
        Some((base, quote)) => {
            // freqtrade names futures pairs BTC_USDT_USDT.
            if quote.contains('_') {
                return Err("futures pairs (BASE_QUOTE_SETTLE) are not spot candles".to_owned());
            }
            let symbol = Symbol::from_assets(base, quote).ok();
            let assets = symbol.as_ref().map(|_| (base.to_ascii_uppercase(), quote.to_ascii_uppercase()));
            (symbol, assets)
        }
        None => (Symbol::parse(symbol_part).ok(), None),
    };
    // Without a `-interval` part the name is not one of the known styles (`candles.csv`),
    // and its first word is no evidence of a symbol either.
    let (symbol, assets) = if interval.is_some() { (symbol, assets) } else { (None, None) };
    Ok(NameInfo { format, symbol, assets, interval })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(name: &str) -> NameInfo {
        parse(Path::new(name)).unwrap_or_else(|error| panic!("{name}: {error}"))
    }

    #[test]
    fn reads_the_three_naming_styles() {
        let shared = info("data/1d/BTCUSDT-1d.csv");
        assert_eq!(shared.format, FileFormat::Csv);
        assert_eq!(shared.symbol.as_ref().map(Symbol::as_str), Some("BTCUSDT"));
        assert_eq!(shared.interval, Some(Interval::OneDay));

        let binance = info("BTCUSDT-1h-2024-01.zip");
        assert_eq!(binance.format, FileFormat::Zip);
        assert_eq!(binance.interval, Some(Interval::OneHour));

        let freqtrade = info("BTC_USDT-5m.json");
        assert_eq!(freqtrade.format, FileFormat::FreqtradeJson);
        assert_eq!(freqtrade.symbol.as_ref().map(Symbol::as_str), Some("BTCUSDT"));
        assert_eq!(freqtrade.assets, Some(("BTC".to_owned(), "USDT".to_owned())));
    }

    #[test]
    fn month_and_minute_are_told_apart() {
        assert_eq!(info("BTCUSDT-1M.csv").interval, Some(Interval::OneMonth));
        assert_eq!(info("BTCUSDT-1m.csv").interval, Some(Interval::OneMinute));
    }

    #[test]
    fn leaves_unreadable_parts_empty() {
        let unnamed = info("candles.csv");
        assert_eq!(unnamed.interval, None);
        assert_eq!(unnamed.symbol, None);
    }

    #[test]
    fn refuses_other_files() {
        assert!(parse(Path::new("README.md")).is_err());
        assert!(parse(Path::new("BTC_USDT_USDT-1h-futures.json")).is_err());
        assert!(parse(Path::new("BTC_USDT-8h-funding_rate.json")).is_err());
    }
}
