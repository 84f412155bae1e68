//! Scanner benchmarks over the real daily data (criterion; `cargo xtask bench engine`):
//!
//! - uptrends over every 1d symbol of the shared data (goal: under 50 ms);
//! - ratio uptrends over a 40-symbol category, 1,560 ordered pairs (goal: under 250 ms).
//!
//! The series are loaded once before measuring, as the server keeps them cached.

use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use market_data::{Categories, ImportOptions, MarketData, RatioScanRequest, ScanRequest, Silent, TrendRule};
use market_types::Interval;

/// 40 symbols of the shared data with long daily histories, as one category.
const FORTY: [&str; 40] = [
    "ADAUSDT",
    "ALGOUSDT",
    "ATOMUSDT",
    "AVAXUSDT",
    "BCHUSDT",
    "BNBUSDT",
    "BTCUSDT",
    "DOGEUSDT",
    "DOTUSDT",
    "EOSUSDT",
    "ETCUSDT",
    "ETHUSDT",
    "FILUSDT",
    "HBARUSDT",
    "ICPUSDT",
    "LINKUSDT",
    "LTCUSDT",
    "NEARUSDT",
    "MKRUSDT",
    "SOLUSDT",
    "THETAUSDT",
    "TRXUSDT",
    "UNIUSDT",
    "VETUSDT",
    "XLMUSDT",
    "XRPUSDT",
    "XTZUSDT",
    "AAVEUSDT",
    "ARBUSDT",
    "APTUSDT",
    "INJUSDT",
    "OPUSDT",
    "SUIUSDT",
    "SEIUSDT",
    "TIAUSDT",
    "SANDUSDT",
    "MANAUSDT",
    "AXSUSDT",
    "CRVUSDT",
    "SNXUSDT",
];

fn market() -> (tempfile::TempDir, MarketData) {
    let data = std::env::var_os("SHARED_DATA_DIR")
        .map_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data")), PathBuf::from);
    let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let yaml = format!(
        "categories:\n  \"Bench forty\":\n{}",
        FORTY.iter().map(|s| format!("    - {s}\n")).collect::<String>()
    );
    let categories = Categories::from_yaml(&yaml).unwrap_or_else(|error| panic!("{error}"));
    let market = MarketData::open(&folder.path().join("file.db"), categories).unwrap_or_else(|error| panic!("{error}"));
    market.import(&[data.join("1d")], &ImportOptions::default(), &mut Silent).unwrap_or_else(|error| panic!("{error}"));
    (folder, market)
}

fn request(category: Option<&str>) -> ScanRequest {
    ScanRequest {
        interval: Interval::OneDay,
        quote_asset: Some("USDT".to_owned()),
        category: category.map(str::to_owned),
        as_of_ms: None,
        rule: TrendRule::default(),
        include_ineligible: false,
        limit: 100,
    }
}

fn scanners(c: &mut Criterion) {
    let (_folder, market) = market();
    let all = request(None);
    let ratio = RatioScanRequest { scan: request(Some("Bench forty")), base: None };
    // Warm the series cache, and check the universes are what the goals are about.
    let symbols = market.scan_uptrends(&all).unwrap_or_else(|error| panic!("{error}")).candidates;
    let pairs = market.scan_ratio_uptrends(&ratio).unwrap_or_else(|error| panic!("{error}")).candidates;
    println!("uptrends over {symbols} daily symbols; ratio uptrends over {pairs} ordered pairs");
    c.bench_function("uptrends_all_1d_symbols", |b| b.iter(|| market.scan_uptrends(&all)));
    c.bench_function("ratio_uptrends_40_symbols_1560_pairs", |b| b.iter(|| market.scan_ratio_uptrends(&ratio)));
}

criterion_group!(benches, scanners);
criterion_main!(benches);
