//! Opening one candle file (CSV, zip or JSON) and reading its candles.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use market_types::{Interval, Symbol};

use super::ImportOptions;
use super::file_name::{self, FileFormat};
use super::parse::{self, FileProblem, ParsedRow};

/// A file's candles with the series they belong to.
#[derive(Debug)]
pub struct ReadFile {
    pub symbol: Symbol,
    pub base_asset: String,
    pub quote_asset: String,
    pub interval: Interval,
    pub rows: Vec<ParsedRow>,
}

/// Reads one file; the symbol and interval come from the options or the file name.
pub fn read_file(path: &Path, options: &ImportOptions) -> Result<ReadFile, FileProblem> {
    let name = file_name::parse(path).map_err(FileProblem::whole_file)?;
    let symbol = options.symbol.clone().or(name.symbol).ok_or_else(|| {
        FileProblem::whole_file(
            "cannot tell the symbol from the file name; name it like BTCUSDT-1d.csv or give the symbol explicitly",
        )
    })?;
    let interval = options.interval.or(name.interval).ok_or_else(|| {
        FileProblem::whole_file(
            "cannot tell the interval from the file name; name it like BTCUSDT-1d.csv or give the interval explicitly",
        )
    })?;
    let (base_asset, quote_asset) = match name.assets.filter(|_| options.symbol.is_none()) {
        Some(assets) => assets,
        None => symbol.split_assets().map(|(base, quote)| (base.to_owned(), quote.to_owned())).ok_or_else(|| {
            FileProblem::whole_file(format!(
                "cannot tell the base and quote asset of {symbol}; name the file BASE_QUOTE-interval.json"
            ))
        })?,
    };
    let file = File::open(path).map_err(|error| FileProblem::whole_file(format!("cannot open: {error}")))?;
    let rows = match name.format {
        FileFormat::Csv => parse::read_csv(std::io::BufReader::with_capacity(1 << 16, file), interval, None)?,
        FileFormat::FreqtradeJson => parse::read_freqtrade_json(file, interval)?,
        FileFormat::Zip => read_zip(file, interval)?,
    };
    Ok(ReadFile { symbol, base_asset, quote_asset, interval, rows })
}

/// Reads every CSV entry of a zip archive (Binance ships one per archive).
fn read_zip(file: File, interval: Interval) -> Result<Vec<ParsedRow>, FileProblem> {
    let mut archive = zip::ZipArchive::new(file)
        .map_err(|error| FileProblem::whole_file(format!("not a readable zip archive: {error}")))?;
    let mut rows = Vec::new();
    let mut csv_entries = 0;
    for index in 0..archive.len() {
        let mut entry = archive
            .by_index(index)
            .map_err(|error| FileProblem::whole_file(format!("unreadable zip entry {index}: {error}")))?;
        let entry_name = entry.name().to_owned();
        if !entry.is_file() || !entry_name.to_ascii_lowercase().ends_with(".csv") {
            continue;
        }
        csv_entries += 1;
        let mut text = Vec::with_capacity(usize::try_from(entry.size()).unwrap_or(0));
        entry
            .read_to_end(&mut text)
            .map_err(|error| FileProblem::whole_file(format!("cannot unpack {entry_name}: {error}")))?;
        rows.extend(parse::read_csv(text.as_slice(), interval, Some(&entry_name))?);
    }
    if csv_entries == 0 {
        return Err(FileProblem::whole_file("the zip archive holds no .csv file"));
    }
    Ok(rows)
}
