//! Opening the database: the pool, the pragmas every connection gets, the SQLite version
//! check and the migrations.

use std::path::{Path, PathBuf};
use std::time::Duration;

use r2d2_sqlite::SqliteConnectionManager;
use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::error::{Result, StoreError};
use crate::migrations;

/// SQLite 3.51.3 fixed a WAL corruption bug; older versions are refused.
const MINIMUM_SQLITE: (u32, u32, u32) = (3, 51, 3);
const POOL_SIZE: u32 = 8;
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

pub(crate) type PooledConnection = r2d2::PooledConnection<SqliteConnectionManager>;

/// The app-state database.
#[derive(Clone)]
pub struct AppStateStore {
    path: PathBuf,
    pool: r2d2::Pool<SqliteConnectionManager>,
}

impl std::fmt::Debug for AppStateStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppStateStore").field("path", &self.path).finish_non_exhaustive()
    }
}

impl AppStateStore {
    /// Opens (or creates) the database at `path` and migrates it to the latest version.
    pub fn open(path: &Path) -> Result<Self> {
        check_sqlite_version(rusqlite::version_number())?;
        let manager = SqliteConnectionManager::file(path).with_init(|connection| {
            connection.busy_timeout(BUSY_TIMEOUT)?;
            connection.execute_batch("PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;")
        });
        let pool = r2d2::Pool::builder().max_size(POOL_SIZE).build(manager)?;
        let store = Self { path: path.to_owned(), pool };
        {
            let mut connection = store.connection()?;
            let mode: String = connection.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(StoreError::Internal(format!("cannot switch {} to WAL mode (got {mode})", path.display())));
            }
            migrations::migrate(&mut connection, path)?;
        }
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub(crate) fn connection(&self) -> Result<PooledConnection> {
        Ok(self.pool.get()?)
    }

    /// Runs `work` in one IMMEDIATE transaction (the write lock is taken at the start, so
    /// a concurrent writer waits instead of failing later) and commits it if `work` succeeds.
    pub(crate) fn write<T>(&self, work: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let mut connection = self.connection()?;
        let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = work(&transaction)?;
        transaction.commit()?;
        Ok(value)
    }

    /// Runs `work` in one read transaction, so that all its statements see the same
    /// snapshot (a plan's status and its fills, say, never half of a concurrent write).
    pub(crate) fn read<T>(&self, work: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let mut connection = self.connection()?;
        let transaction = connection.transaction_with_behavior(TransactionBehavior::Deferred)?;
        let value = work(&transaction)?;
        transaction.commit()?;
        Ok(value)
    }
}

fn check_sqlite_version(number: i32) -> Result<()> {
    let number = u32::try_from(number).unwrap_or(0);
    let found = (number / 1_000_000, number / 1000 % 1000, number % 1000);
    if found < MINIMUM_SQLITE {
        let show = |(a, b, c): (u32, u32, u32)| format!("{a}.{b}.{c}");
        return Err(StoreError::SqliteTooOld { found: show(found), required: show(MINIMUM_SQLITE) });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_sqlite_before_the_wal_fix() {
        assert!(check_sqlite_version(3_051_002).is_err());
        assert!(check_sqlite_version(3_050_999).is_err());
        assert!(check_sqlite_version(3_051_003).is_ok());
        assert!(check_sqlite_version(3_053_002).is_ok());
        assert!(check_sqlite_version(rusqlite::version_number()).is_ok(), "the bundled SQLite is recent enough");
    }
}
