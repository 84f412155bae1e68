//! Shared market data in one DuckDB file: symbols, candles of every Binance interval,
//! their coverage, symbol categories, price ratios and the uptrend scanners, plus the importer that fills
//! the file from Binance, shared-data and freqtrade candle files.
//!
//! The crate knows nothing of HTTP. Its API is synchronous; see [`MarketData`].

mod candle;
mod categories;
mod coverage;
mod error;
mod import;
mod ratio;
mod scanner;
mod schema;
mod series;
mod store;
mod trend;

pub use candle::Candle;
pub use categories::{Categories, DEFAULT_CATEGORIES_YAML};
pub use coverage::Coverage;
pub use error::{MarketDataError, Result};
pub use import::{
    ImportObserver, ImportOptions, ImportReport, RejectedFile, SeriesImportSummary, Silent, discover_files,
};
pub use ratio::RatioSeries;
pub use scanner::{Ineligible, IneligibleReason, RatioScanRequest, ScanRequest, ScanResult, UptrendHit};
pub use schema::SCHEMA_SQL;
pub use series::{CandleSeries, Window, WindowAnchor, WindowRequest};
pub use store::{MarketData, StoreSummary, SymbolFilter, SymbolInfo};
pub use trend::{Judgement, TrendReading, TrendRule};
