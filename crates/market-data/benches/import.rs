//! Import benchmark: every file of the shared data into a fresh market data file,
//! beside DuckDB's own `read_csv` + insert into the same keyed table. Run through
//! `cargo xtask bench import`; prints rows per second for both.

use std::path::{Path, PathBuf};
use std::time::Instant;

use market_data::{Categories, ImportOptions, MarketData, SCHEMA_SQL, Silent};

const RUNS: usize = 3;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let shared = std::env::var_os("SHARED_DATA_DIR")
        .map_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data")), PathBuf::from);
    let scratch = tempfile::tempdir()?;
    // `cargo xtask bench` passes `--bench`; `cargo test --all-targets` does not, and then one
    // small folder is imported once, so the test run checks that the benchmark works.
    let measuring = std::env::args().any(|argument| argument == "--bench");
    let (data, runs) = if measuring { (shared, RUNS) } else { (smoke_copy(&shared, scratch.path())?, 1) };
    let mut ours = Vec::new();
    let mut baseline = Vec::new();
    let mut candles = 0;
    for run in 0..runs {
        let (rows, seconds) = import_with_market_data(&data, &scratch.path().join(format!("ours-{run}.db")))?;
        candles = rows;
        ours.push(rows as f64 / seconds);
        let (rows, seconds) = import_with_read_csv(&data, &scratch.path().join(format!("baseline-{run}.db")))?;
        assert_eq!(rows, candles, "the baseline must load the same candles");
        baseline.push(rows as f64 / seconds);
    }
    println!("candles imported per run: {candles}");
    println!("market-data import:               median {:>10.0} rows/s  (runs: {})", median(&mut ours), list(&ours));
    println!(
        "duckdb read_csv + keyed insert:   median {:>10.0} rows/s  (runs: {})",
        median(&mut baseline),
        list(&baseline)
    );
    Ok(())
}

fn import_with_market_data(data: &Path, file: &Path) -> Result<(usize, f64), Box<dyn std::error::Error>> {
    let market = MarketData::open(file, Categories::default())?;
    let started = Instant::now();
    let report = market.import(&[data.to_owned()], &ImportOptions::default(), &mut Silent)?;
    let seconds = started.elapsed().as_secs_f64();
    assert!(report.rejected.is_empty(), "rejected: {:?}", report.rejected);
    Ok((report.inserted(), seconds))
}

/// DuckDB reading the CSV files itself, one `read_csv` over each interval's folder,
/// inserting into the same keyed table in one transaction.
fn import_with_read_csv(data: &Path, file: &Path) -> Result<(usize, f64), Box<dyn std::error::Error>> {
    let connection = duckdb::Connection::open(file)?;
    connection.execute_batch(SCHEMA_SQL)?;
    let started = Instant::now();
    connection.execute_batch("BEGIN")?;
    let mut rows = 0;
    for (interval, milliseconds) in [("1d", 86_400_000_i64), ("1h", 3_600_000), ("5m", 300_000), ("1m", 60_000)] {
        if !data.join(interval).is_dir() {
            continue;
        }
        let pattern = data.join(interval).join("*.csv");
        rows += connection.execute(
            &format!(
                "INSERT INTO candles
                 SELECT regexp_extract(filename, '([A-Z0-9]+)-[0-9]+[a-zA-Z]+\\.csv$', 1), '{interval}',
                        open_time, open_time + {milliseconds}, open, high, low, close, volume, NULL, NULL
                 FROM read_csv('{}', header = true, filename = true,
                      columns = {{'open_time': 'BIGINT', 'open': 'DOUBLE', 'high': 'DOUBLE', 'low': 'DOUBLE', 'close': 'DOUBLE', 'volume': 'DOUBLE'}})",
                pattern.display()
            ),
            [],
        )?;
    }
    connection.execute_batch("COMMIT")?;
    Ok((rows, started.elapsed().as_secs_f64()))
}

/// A folder with the layout of the shared data but one small file per interval folder.
fn smoke_copy(shared: &Path, scratch: &Path) -> Result<PathBuf, Box<dyn std::error::Error>> {
    let folder = scratch.join("smoke");
    std::fs::create_dir_all(folder.join("1d"))?;
    std::fs::copy(shared.join("1d/BTCUSDT-1d.csv"), folder.join("1d/BTCUSDT-1d.csv"))?;
    Ok(folder)
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn list(values: &[f64]) -> String {
    values.iter().map(|value| format!("{value:.0}")).collect::<Vec<_>>().join(", ")
}
