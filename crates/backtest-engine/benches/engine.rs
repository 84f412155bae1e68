//! Criterion benchmarks of the backtest engine on real closes from the shared data folder
//! (`SHARED_DATA_DIR`, default `../shared/data` beside the checkout):
//!
//! - `ma_cross`: one million bars, the 1h, 5m and 1m files' opens and closes concatenated
//!   (each file rescaled so it opens at the previous file's last close, and the files
//!   repeated until one million); reported in bars per second.
//! - `relative_momentum`: the 50 daily files with the most history, each cut or extended
//!   (its own returns repeated, rescaled at the joins) to the same 2000 days, lookback 30,
//!   weekly rebalance, 5 long and 5 short.
//!
//! Run with `cargo bench -p backtest-engine`; under `cargo test --all-targets` each
//! benchmark runs once.
//!
//! A one-million-bar report holds four fresh 8 MB columns (time, equity, drawdown,
//! benchmark). glibc hands such blocks back to the kernel when they are freed, so every
//! run pays the page faults of 32 MB of new memory, which on a virtual machine can cost as
//! much as the backtest itself. To see the engine's own time, as in a process whose
//! allocator keeps its memory, run the bench binary with
//! `GLIBC_TUNABLES=glibc.malloc.trim_threshold=4294967295:glibc.malloc.mmap_threshold=33554432`.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use backtest_engine::{
    BacktestSettings, Bars, MaCrossParams, MovingAverageType, RelativeMomentumParams, SymbolBars, run_ma_cross,
    run_relative_momentum,
};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const MA_CROSS_BARS: usize = 1_000_000;
const MOMENTUM_SYMBOLS: usize = 50;
const MOMENTUM_DAYS: usize = 2_000;
const MINUTE_MS: i64 = 60_000;
const DAY_MS: i64 = 86_400_000;

type BenchResult<T> = Result<T, Box<dyn std::error::Error>>;

fn shared_data() -> PathBuf {
    std::env::var_os("SHARED_DATA_DIR")
        .map_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data")), PathBuf::from)
}

/// The opens and closes of one shared-data CSV file.
fn read_prices(path: &Path) -> BenchResult<(Vec<f64>, Vec<f64>)> {
    let text = std::fs::read_to_string(path)?;
    let (mut opens, mut closes) = (Vec::new(), Vec::new());
    for line in text.lines().skip(1).filter(|line| !line.is_empty()) {
        let fields: Vec<&str> = line.split(',').collect();
        opens.push(fields[1].parse()?);
        closes.push(fields[4].parse()?);
    }
    Ok((opens, closes))
}

fn csv_files(folder: &Path) -> BenchResult<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|extension| extension == "csv"))
        .collect();
    files.sort();
    Ok(files)
}

/// Appends `pieces` (opens, closes) in turn, each rescaled to open at the last close so far,
/// cycling through them until `length` bars.
fn stitch(pieces: &[(Vec<f64>, Vec<f64>)], length: usize) -> (Vec<f64>, Vec<f64>) {
    let (mut opens, mut closes) = (Vec::with_capacity(length), Vec::with_capacity(length));
    for (piece_opens, piece_closes) in pieces.iter().cycle().filter(|(opens, _)| !opens.is_empty()) {
        let scale = closes.last().map_or(1.0, |last_close: &f64| last_close / piece_opens[0]);
        let room = length - closes.len();
        opens.extend(piece_opens.iter().take(room).map(|open| open * scale));
        closes.extend(piece_closes.iter().take(room).map(|close| close * scale));
        if closes.len() == length {
            break;
        }
    }
    (opens, closes)
}

fn bars_from(opens: Vec<f64>, closes: Vec<f64>, bar_ms: i64) -> BenchResult<Bars> {
    let open_time_ms: Vec<i64> = (0..opens.len() as i64).map(|bar| bar * bar_ms).collect();
    let close_time_ms = open_time_ms.iter().map(|open| open + bar_ms).collect();
    Ok(Bars::new(open_time_ms, close_time_ms, opens, closes)?)
}

fn million_bars() -> BenchResult<SymbolBars> {
    let data = shared_data();
    let mut pieces = Vec::new();
    for interval in ["1h", "5m", "1m"] {
        for file in csv_files(&data.join(interval))? {
            pieces.push(read_prices(&file)?);
        }
    }
    let (opens, closes) = stitch(&pieces, MA_CROSS_BARS);
    Ok(SymbolBars::new("STITCHED", bars_from(opens, closes, MINUTE_MS)?))
}

fn momentum_universe() -> BenchResult<Vec<SymbolBars>> {
    let mut daily = Vec::new();
    for file in csv_files(&shared_data().join("1d"))? {
        let symbol = file.file_stem().and_then(|stem| stem.to_str()).unwrap_or_default().replace("-1d", "");
        daily.push((symbol, read_prices(&file)?));
    }
    // Most history first; the name breaks ties so the selection is deterministic.
    daily.sort_by(|a, b| b.1.1.len().cmp(&a.1.1.len()).then(a.0.cmp(&b.0)));
    daily
        .into_iter()
        .take(MOMENTUM_SYMBOLS)
        .map(|(symbol, prices)| {
            let (opens, closes) = stitch(&[prices], MOMENTUM_DAYS);
            Ok(SymbolBars::new(symbol, bars_from(opens, closes, DAY_MS)?))
        })
        .collect()
}

fn ma_cross_benchmark(criterion: &mut Criterion) {
    let series = million_bars().unwrap_or_else(|error| panic!("cannot load the shared data: {error}"));
    let settings = BacktestSettings::new(10_000.0, 60);
    let mut group = criterion.benchmark_group("ma_cross");
    group.throughput(Throughput::Elements(series.bars.len() as u64));
    group.sample_size(20);
    for ma_type in [MovingAverageType::Sma, MovingAverageType::Ema] {
        let params = MaCrossParams { ma_type, ..MaCrossParams::default() };
        group.bench_function(format!("1M bars, {ma_type:?} 20/50"), |bencher| {
            bencher.iter(|| run_ma_cross(black_box(&series), black_box(&params), &settings))
        });
    }
    group.finish();
}

fn relative_momentum_benchmark(criterion: &mut Criterion) {
    let universe = momentum_universe().unwrap_or_else(|error| panic!("cannot load the shared data: {error}"));
    let settings = BacktestSettings::new(10_000.0, 86_400);
    let params = RelativeMomentumParams::new(5, 5);
    let mut group = criterion.benchmark_group("relative_momentum");
    group.throughput(Throughput::Elements(universe.iter().map(|series| series.bars.len() as u64).sum()));
    group.bench_function("50 symbols x 2000 daily bars, weekly", |bencher| {
        bencher.iter(|| run_relative_momentum(black_box(&universe), black_box(&params), &settings))
    });
    group.finish();
}

criterion_group!(benches, ma_cross_benchmark, relative_momentum_benchmark);
criterion_main!(benches);
