//! `workbench-import PATH... [--symbol S] [--interval I] [--db FILE]`: imports candle files
//! into the market data file, with a progress bar on a terminal and a per-symbol summary.
//! `cargo xtask data import` runs it.
//!
//! DuckDB allows one writing process per file: while the server has the file open, this
//! stops with a message saying what to do and leaves the file untouched.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use indicatif::{ProgressBar, ProgressStyle};
use market_data::{
    Categories, DEFAULT_CATEGORIES_YAML, ImportObserver, ImportOptions, ImportReport, MarketData, MarketDataError,
};
use market_types::{Interval, Symbol};

const USAGE: &str = "usage: cargo xtask data import PATH... [--symbol SYMBOL] [--interval INTERVAL] [--db FILE]";

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(arguments: Vec<String>) -> anyhow::Result<()> {
    let mut sources = Vec::new();
    let mut options = ImportOptions::default();
    let mut database = std::env::var_os("MARKET_DATA_DB_PATH").map_or_else(|| PathBuf::from("file.db"), PathBuf::from);
    let mut rest = arguments.iter();
    while let Some(argument) = rest.next() {
        let mut value = || rest.next().with_context(|| format!("{argument} needs a value; {USAGE}"));
        match argument.as_str() {
            "--symbol" => options.symbol = Some(Symbol::parse(value()?)?),
            "--interval" => options.interval = Some(Interval::parse(value()?)?),
            "--db" => database = PathBuf::from(value()?),
            "--help" | "-h" => {
                println!("{USAGE}");
                return Ok(());
            }
            flag if flag.starts_with("--") => bail!("unknown option {flag:?}; {USAGE}"),
            path => sources.push(PathBuf::from(path)),
        }
    }
    if sources.is_empty() {
        bail!(USAGE);
    }
    let categories_text = match std::env::var_os("CATEGORIES_PATH") {
        Some(path) => {
            std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", Path::new(&path).display()))?
        }
        None => DEFAULT_CATEGORIES_YAML.to_owned(),
    };
    let market = match MarketData::open(&database, Categories::from_yaml(&categories_text)?) {
        Ok(market) => market,
        Err(error @ MarketDataError::DatabaseLocked { .. }) => bail!(
            "{error}.\nDuckDB allows one writing process per file: stop the server (Ctrl-C), run this import, \
             then start the server again. Nothing was changed."
        ),
        Err(error) => return Err(error.into()),
    };
    let mut progress = Progress::new();
    let report = market.import(&sources, &options, &mut progress)?;
    progress.bar.finish_and_clear();
    print_summary(&database, &report);
    if !report.rejected.is_empty() {
        bail!("{} file(s) rejected; nothing from them was stored", report.rejected.len());
    }
    Ok(())
}

fn print_summary(database: &Path, report: &ImportReport) {
    println!(
        "imported into {}: {} files read, {} new candles",
        database.display(),
        report.files_read,
        report.inserted()
    );
    println!("symbol            int  files        new  unchanged     stored  gaps");
    for series in &report.series {
        println!(
            "{:<16} {:>4} {:>6} {:>10} {:>10} {:>10}  {} ({} missing, largest {})",
            series.symbol,
            series.interval,
            series.files,
            series.inserted,
            series.unchanged,
            series.coverage.candle_count,
            series.coverage.gap_count,
            series.coverage.missing_candles,
            series.coverage.largest_gap_candles
        );
    }
    for rejected in &report.rejected {
        eprintln!("rejected: {rejected}");
    }
}

/// A progress bar on a terminal; indicatif hides it when output is not a terminal.
struct Progress {
    bar: ProgressBar,
}

impl Progress {
    fn new() -> Self {
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg} [{bar:30}] {pos}/{len} files")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        Self { bar }
    }
}

impl ImportObserver for Progress {
    fn files_found(&mut self, count: usize) {
        self.bar.set_length(count as u64);
        self.bar.set_message("reading");
    }

    fn file_read(&mut self, _path: &Path) {
        self.bar.inc(1);
    }

    fn writing(&mut self, candles: usize) {
        self.bar.set_message(format!("writing {candles} candles"));
    }
}
