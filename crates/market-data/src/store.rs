//! The market data store: one DuckDB file, a small connection pool, and an in-memory
//! cache of the series that have been read.
//!
//! Every method is synchronous and may block; async callers run them off their
//! executor. Market data changes only through [`MarketData::import`], which clears
//! the cache entries of the series it touched.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError, RwLock};

use duckdb::{Connection, DuckdbConnectionManager, params};
use market_types::{Interval, Symbol};

use crate::candle::Candle;
use crate::categories::Categories;
use crate::coverage::Coverage;
use crate::error::{MarketDataError, Result};
use crate::import::{
    self, ImportObserver, ImportOptions, ImportReport, RejectedFile, SeriesImportSummary, SeriesMerge,
};
use crate::ratio::RatioSeries;
use crate::schema;
use crate::series::CandleSeries;

const POOL_SIZE: u32 = 4;

type SeriesKey = (Symbol, Interval);

/// The shared market data.
pub struct MarketData {
    path: PathBuf,
    pool: r2d2::Pool<DuckdbConnectionManager>,
    categories: Categories,
    series_cache: RwLock<HashMap<SeriesKey, Arc<CandleSeries>>>,
    import_lock: Mutex<()>,
}

impl std::fmt::Debug for MarketData {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MarketData").field("path", &self.path).finish_non_exhaustive()
    }
}

/// A symbol with its assets, categories and what is stored for it.
#[derive(Debug, Clone, PartialEq)]
pub struct SymbolInfo {
    pub symbol: Symbol,
    pub base_asset: String,
    pub quote_asset: String,
    pub categories: Vec<String>,
    /// One entry per interval that has candles, shortest interval first.
    pub coverage: Vec<(Interval, Coverage)>,
}

/// Which symbols to list.
#[derive(Debug, Clone, Default)]
pub struct SymbolFilter {
    pub quote_asset: Option<String>,
    pub category: Option<String>,
}

/// Totals for a health check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoreSummary {
    pub symbols: i64,
    pub series: i64,
    pub candles: i64,
}

impl MarketData {
    /// Opens (or creates) the DuckDB file at `path`. Fails with
    /// [`MarketDataError::DatabaseLocked`] while another process has it open.
    pub fn open(path: &Path, categories: Categories) -> Result<Self> {
        let manager = DuckdbConnectionManager::file(path).map_err(|error| open_error(path, error))?;
        let pool = r2d2::Pool::builder().max_size(POOL_SIZE).test_on_check_out(false).build(manager)?;
        schema::ensure(&*pool.get()?, path)?;
        Ok(Self {
            path: path.to_owned(),
            pool,
            categories,
            series_cache: RwLock::new(HashMap::new()),
            import_lock: Mutex::new(()),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn categories(&self) -> &Categories {
        &self.categories
    }

    /// Whether no candle is stored yet.
    pub fn is_empty(&self) -> Result<bool> {
        Ok(self.summary()?.candles == 0)
    }

    pub fn summary(&self) -> Result<StoreSummary> {
        let connection = self.pool.get()?;
        let summary = connection.query_row(
            "SELECT (SELECT count(*) FROM symbols), count(*), coalesce(sum(candle_count), 0)::BIGINT FROM series_coverage",
            [],
            |row| Ok(StoreSummary { symbols: row.get(0)?, series: row.get(1)?, candles: row.get(2)? }),
        )?;
        Ok(summary)
    }

    /// Imports candle files and directories. Each bad file is refused whole and listed
    /// in the report; the good ones are written in one transaction, so a failure
    /// while writing leaves the stored data as it was.
    pub fn import(
        &self,
        paths: &[PathBuf],
        options: &ImportOptions,
        observer: &mut dyn ImportObserver,
    ) -> Result<ImportReport> {
        let _one_import_at_a_time = self.import_lock.lock().unwrap_or_else(PoisonError::into_inner);
        let files = import::discover_files(paths)?;
        observer.files_found(files.len());
        let read_results = import::read_files(&files, options, observer);

        let mut rejected = Vec::new();
        let mut merges: BTreeMap<SeriesKey, SeriesMerge> = BTreeMap::new();
        let connection = self.pool.get()?;
        for (path, read_result) in files.iter().zip(read_results) {
            let read = match read_result {
                Ok(read) => read,
                Err(problem) => {
                    rejected.push(RejectedFile::new(path, problem));
                    continue;
                }
            };
            let key = (read.symbol.clone(), read.interval);
            let merge = match merges.entry(key) {
                std::collections::btree_map::Entry::Occupied(entry) => entry.into_mut(),
                std::collections::btree_map::Entry::Vacant(entry) => {
                    let stored = load_candles(&connection, &read.symbol, read.interval)?;
                    entry.insert(SeriesMerge::new(read.base_asset, read.quote_asset, read.interval, stored))
                }
            };
            let label =
                path.file_name().map_or_else(|| path.display().to_string(), |name| name.to_string_lossy().into_owned());
            if let Err(problem) = merge.add_file(&label, read.rows) {
                rejected.push(RejectedFile::new(path, problem));
            }
        }
        drop(connection);

        let series = self.write(&merges, observer)?;
        Ok(ImportReport { files_read: files.len(), series, rejected })
    }

    /// Writes the merged series in one transaction and refreshes their coverage.
    fn write(
        &self,
        merges: &BTreeMap<SeriesKey, SeriesMerge>,
        observer: &mut dyn ImportObserver,
    ) -> Result<Vec<SeriesImportSummary>> {
        observer.writing(merges.values().map(|merge| merge.new_candles.len()).sum());
        let mut connection = self.pool.get()?;
        let transaction = connection.transaction()?;
        let mut summaries = Vec::new();
        for ((symbol, interval), merge) in merges {
            let Some(coverage) = merge.coverage() else { continue };
            transaction.execute(
                "INSERT INTO symbols VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                params![symbol.as_str(), merge.base_asset, merge.quote_asset],
            )?;
            transaction.execute(
                "INSERT OR REPLACE INTO series_coverage VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                params![
                    symbol.as_str(),
                    interval.as_str(),
                    coverage.first_open_time_ms,
                    coverage.last_open_time_ms,
                    coverage.last_close_time_ms,
                    coverage.candle_count,
                    coverage.gap_count,
                    coverage.missing_candles,
                    coverage.largest_gap_candles
                ],
            )?;
            summaries.push(SeriesImportSummary {
                symbol: symbol.clone(),
                interval: *interval,
                files: merge.files,
                inserted: merge.new_candles.len(),
                unchanged: merge.unchanged,
                coverage,
            });
        }
        {
            let mut appender = transaction.appender("candles")?;
            for ((symbol, interval), merge) in merges {
                for candle in &merge.new_candles {
                    appender.append_row(params![
                        symbol.as_str(),
                        interval.as_str(),
                        candle.open_time_ms,
                        candle.close_time_ms,
                        candle.open,
                        candle.high,
                        candle.low,
                        candle.close,
                        candle.volume,
                        candle.quote_volume,
                        candle.trade_count
                    ])?;
                }
            }
            appender.flush()?;
        }
        transaction.commit()?;
        let mut cache = self.series_cache.write().unwrap_or_else(PoisonError::into_inner);
        for key in merges.keys() {
            cache.remove(key);
        }
        Ok(summaries)
    }

    /// Lists symbols with their categories and coverage, ordered by symbol.
    pub fn symbols(&self, filter: &SymbolFilter) -> Result<Vec<SymbolInfo>> {
        let category_members = filter.category.as_deref().map(|name| self.categories.symbols(name)).transpose()?;
        let connection = self.pool.get()?;
        let mut statement = connection.prepare_cached(
            "SELECT s.symbol, s.base_asset, s.quote_asset, c.interval_code, c.first_open_time, c.last_open_time,
                    c.last_close_time, c.candle_count, c.gap_count, c.missing_candles, c.largest_gap_candles
             FROM symbols s LEFT JOIN series_coverage c USING (symbol)
             WHERE ?::VARCHAR IS NULL OR s.quote_asset = upper(?::VARCHAR)
             ORDER BY s.symbol",
        )?;
        let quote = filter.quote_asset.as_deref();
        let mut rows = statement.query(params![quote, quote])?;
        let mut symbols: Vec<SymbolInfo> = Vec::new();
        while let Some(row) = rows.next()? {
            let name: String = row.get(0)?;
            let symbol = Symbol::parse(&name).map_err(|error| MarketDataError::Internal(error.to_string()))?;
            if category_members.is_some_and(|members| members.binary_search(&symbol).is_err()) {
                continue;
            }
            if symbols.last().is_none_or(|last| last.symbol != symbol) {
                let categories = self.categories.of_symbol(&symbol).into_iter().map(str::to_owned).collect();
                symbols.push(SymbolInfo {
                    symbol,
                    base_asset: row.get(1)?,
                    quote_asset: row.get(2)?,
                    categories,
                    coverage: Vec::new(),
                });
            }
            let interval_code: Option<String> = row.get(3)?;
            if let (Some(code), Some(info)) = (interval_code, symbols.last_mut()) {
                let interval = Interval::parse(&code).map_err(|error| MarketDataError::Internal(error.to_string()))?;
                let coverage = Coverage {
                    first_open_time_ms: row.get(4)?,
                    last_open_time_ms: row.get(5)?,
                    last_close_time_ms: row.get(6)?,
                    candle_count: row.get(7)?,
                    gap_count: row.get(8)?,
                    missing_candles: row.get(9)?,
                    largest_gap_candles: row.get(10)?,
                };
                info.coverage.push((interval, coverage));
            }
        }
        for info in &mut symbols {
            info.coverage.sort_by_key(|(interval, _)| *interval);
        }
        Ok(symbols)
    }

    /// A series if it is in the memory cache already. Never touches the file, so async
    /// callers may use it on their executor and go to [`MarketData::series`] (blocking)
    /// only when it answers `None`.
    pub fn cached_series(&self, symbol: &Symbol, interval: Interval) -> Option<Arc<CandleSeries>> {
        let key = (symbol.clone(), interval);
        self.series_cache.read().unwrap_or_else(PoisonError::into_inner).get(&key).map(Arc::clone)
    }

    /// All candles of a series, from the cache or loaded once from the file.
    pub fn series(&self, symbol: &Symbol, interval: Interval) -> Result<Arc<CandleSeries>> {
        if let Some(series) = self.cached_series(symbol, interval) {
            return Ok(series);
        }
        let key = (symbol.clone(), interval);
        let connection = self.pool.get()?;
        let candles = load_candles(&connection, symbol, interval)?;
        if candles.is_empty() {
            return Err(if symbol_exists(&connection, symbol)? {
                MarketDataError::NoCandles { symbol: symbol.clone(), interval }
            } else {
                MarketDataError::UnknownSymbol(symbol.clone())
            });
        }
        let mut series = CandleSeries::empty(symbol.clone(), interval);
        for candle in &candles {
            series.push(candle);
        }
        let series = Arc::new(series);
        self.series_cache.write().unwrap_or_else(PoisonError::into_inner).insert(key, Arc::clone(&series));
        Ok(series)
    }

    /// The ratio `numerator / denominator` on the open times both have.
    pub fn ratio(&self, numerator: &Symbol, denominator: &Symbol, interval: Interval) -> Result<RatioSeries> {
        if numerator == denominator {
            return Err(MarketDataError::InvalidInput("a ratio needs two different symbols".to_owned()));
        }
        let numerator = self.series(numerator, interval)?;
        let denominator = self.series(denominator, interval)?;
        Ok(RatioSeries::of(&numerator, &denominator))
    }
}

fn open_error(path: &Path, error: duckdb::Error) -> MarketDataError {
    let message = error.to_string();
    if message.contains("lock") {
        MarketDataError::DatabaseLocked { path: path.to_owned() }
    } else {
        MarketDataError::Internal(format!("cannot open {}: {message}", path.display()))
    }
}

fn symbol_exists(connection: &Connection, symbol: &Symbol) -> Result<bool> {
    let count: i64 =
        connection.query_row("SELECT count(*) FROM symbols WHERE symbol = ?", [symbol.as_str()], |row| row.get(0))?;
    Ok(count > 0)
}

fn load_candles(connection: &Connection, symbol: &Symbol, interval: Interval) -> Result<Vec<Candle>> {
    let mut statement = connection.prepare_cached(
        "SELECT open_time, close_time, open, high, low, close, volume, quote_volume, trade_count
         FROM candles WHERE symbol = ? AND interval_code = ? ORDER BY open_time",
    )?;
    let candles = statement
        .query_map(params![symbol.as_str(), interval.as_str()], |row| {
            Ok(Candle {
                open_time_ms: row.get(0)?,
                close_time_ms: row.get(1)?,
                open: row.get(2)?,
                high: row.get(3)?,
                low: row.get(4)?,
                close: row.get(5)?,
                volume: row.get(6)?,
                quote_volume: row.get(7)?,
                trade_count: row.get(8)?,
            })
        })?
        .collect::<std::result::Result<Vec<_>, _>>()?;
    Ok(candles)
}
