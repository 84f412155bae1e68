//! The DuckDB schema of the market data file, created or checked at open.

use std::path::Path;

use duckdb::Connection;

use crate::error::{MarketDataError, Result};

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: i64 = 1;

/// The tables of the market data file; public so that benchmarks can build the very
/// same keyed tables.
pub const SCHEMA_SQL: &str = "
CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS symbols (
    symbol      VARCHAR PRIMARY KEY,
    base_asset  VARCHAR NOT NULL,
    quote_asset VARCHAR NOT NULL
);
-- Times are Unix milliseconds; close_time is the instant the candle closed.
CREATE TABLE IF NOT EXISTS candles (
    symbol        VARCHAR NOT NULL,
    interval_code VARCHAR NOT NULL,
    open_time     BIGINT  NOT NULL,
    close_time    BIGINT  NOT NULL,
    open          DOUBLE  NOT NULL,
    high          DOUBLE  NOT NULL,
    low           DOUBLE  NOT NULL,
    close         DOUBLE  NOT NULL,
    volume        DOUBLE  NOT NULL,
    quote_volume  DOUBLE,
    trade_count   BIGINT,
    PRIMARY KEY (symbol, interval_code, open_time)
);
-- Kept up to date by every import, so listing symbols never scans the candles.
CREATE TABLE IF NOT EXISTS series_coverage (
    symbol              VARCHAR NOT NULL,
    interval_code       VARCHAR NOT NULL,
    first_open_time     BIGINT  NOT NULL,
    last_open_time      BIGINT  NOT NULL,
    last_close_time     BIGINT  NOT NULL,
    candle_count        BIGINT  NOT NULL,
    gap_count           BIGINT  NOT NULL,
    missing_candles     BIGINT  NOT NULL,
    largest_gap_candles BIGINT  NOT NULL,
    PRIMARY KEY (symbol, interval_code)
);
";

/// Creates the tables of a new file, or checks that an existing file's schema is one
/// this build understands.
pub fn ensure(connection: &Connection, path: &Path) -> Result<()> {
    connection.execute_batch(SCHEMA_SQL)?;
    let found: Option<i64> = connection.query_row("SELECT max(version) FROM schema_version", [], |row| row.get(0))?;
    match found {
        None => {
            connection.execute("INSERT INTO schema_version VALUES (?)", [SCHEMA_VERSION])?;
            Ok(())
        }
        Some(found) if found <= SCHEMA_VERSION => Ok(()),
        Some(found) => {
            Err(MarketDataError::UnsupportedSchema { path: path.to_owned(), found, supported: SCHEMA_VERSION })
        }
    }
}
