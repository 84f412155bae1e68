//! Test fixtures: the shared data folder, a fresh store, and an independent reader of
//! the shared CSV files to check stored values against.

use std::path::{Path, PathBuf};

use market_data::{Categories, DEFAULT_CATEGORIES_YAML, ImportOptions, ImportReport, MarketData, Silent};
use market_types::Symbol;

pub type TestResult = Result<(), Box<dyn std::error::Error>>;

/// `SHARED_DATA_DIR`, or `../shared/data` beside the checkout.
pub fn shared_data() -> PathBuf {
    std::env::var_os("SHARED_DATA_DIR")
        .map_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data")), PathBuf::from)
}

/// A store in a fresh temporary folder; keep the folder alive as long as the store.
pub fn fresh_store() -> (tempfile::TempDir, MarketData) {
    let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("temp dir: {error}"));
    let categories =
        Categories::from_yaml(DEFAULT_CATEGORIES_YAML).unwrap_or_else(|error| panic!("categories: {error}"));
    let store =
        MarketData::open(&folder.path().join("file.db"), categories).unwrap_or_else(|error| panic!("open: {error}"));
    (folder, store)
}

pub fn import(store: &MarketData, paths: &[PathBuf]) -> market_data::Result<ImportReport> {
    store.import(paths, &ImportOptions::default(), &mut Silent)
}

pub fn symbol(name: &str) -> Symbol {
    Symbol::parse(name).unwrap_or_else(|error| panic!("{error}"))
}

/// One row of a shared-data CSV, parsed independently of the crate under test.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CsvRow {
    pub open_time_ms: i64,
    pub open: f64,
    pub high: f64,
    pub low: f64,
    pub close: f64,
    pub volume: f64,
}

pub fn read_shared_csv(path: &Path) -> Vec<CsvRow> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    text.lines()
        .skip(1)
        .filter(|line| !line.is_empty())
        .map(|line| {
            let fields: Vec<&str> = line.split(',').collect();
            let number = |index: usize| fields[index].parse::<f64>().unwrap_or_else(|error| panic!("{line}: {error}"));
            CsvRow {
                open_time_ms: fields[0].parse().unwrap_or_else(|error| panic!("{line}: {error}")),
                open: number(1),
                high: number(2),
                low: number(3),
                close: number(4),
                volume: number(5),
            }
        })
        .collect()
}

/// Writes a file into `folder` and returns its path.
pub fn write_file(folder: &Path, name: &str, contents: &[u8]) -> PathBuf {
    let path = folder.join(name);
    std::fs::write(&path, contents).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    path
}

/// Writes a zip archive holding one file, as Binance publishes them.
pub fn write_zip(folder: &Path, name: &str, entry: &str, contents: &[u8]) -> PathBuf {
    use std::io::Write;
    let path = folder.join(name);
    let file = std::fs::File::create(&path).unwrap_or_else(|error| panic!("{error}"));
    let mut archive = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    archive.start_file(entry, options).unwrap_or_else(|error| panic!("{error}"));
    archive.write_all(contents).unwrap_or_else(|error| panic!("{error}"));
    archive.finish().unwrap_or_else(|error| panic!("{error}"));
    path
}
