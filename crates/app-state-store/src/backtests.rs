//! Backtests of a workspace: the validated request and the engine's report, kept as JSON
//! text written by the caller, with a short summary for lists. The store does not read
//! the JSON; it only keeps every backtest inside its workspace.

use rusqlite::{OptionalExtension, params};

use crate::connection::AppStateStore;
use crate::error::{Result, StoreError};
use crate::{new_id, now_ms};

/// A backtest to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewBacktest {
    pub workspace_id: String,
    pub created_by: String,
    pub strategy: String,
    /// The symbol, or the category of a universe backtest.
    pub subject: String,
    pub interval: String,
    pub request_json: String,
    pub summary_json: String,
    pub report_json: String,
}

/// A stored backtest, without its report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BacktestSummary {
    pub id: String,
    pub created_by: Option<String>,
    pub created_at_ms: i64,
    pub strategy: String,
    pub subject: String,
    pub interval: String,
    pub summary_json: String,
}

/// A stored backtest with its request and report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredBacktest {
    pub summary: BacktestSummary,
    pub request_json: String,
    pub report_json: String,
}

const SUMMARY_COLUMNS: &str = "id, created_by, created_at, strategy, subject, interval, summary";

fn summary_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<BacktestSummary> {
    Ok(BacktestSummary {
        id: row.get(0)?,
        created_by: row.get(1)?,
        created_at_ms: row.get(2)?,
        strategy: row.get(3)?,
        subject: row.get(4)?,
        interval: row.get(5)?,
        summary_json: row.get(6)?,
    })
}

impl AppStateStore {
    /// Stores a backtest and returns it as stored.
    pub fn insert_backtest(&self, backtest: &NewBacktest) -> Result<BacktestSummary> {
        self.write(|transaction| {
            let (id, created_at_ms) = (new_id(), now_ms());
            transaction.execute(
                "INSERT INTO backtests (id, workspace_id, created_by, created_at, strategy, subject, interval, request, summary, report)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                params![
                    id,
                    backtest.workspace_id,
                    backtest.created_by,
                    created_at_ms,
                    backtest.strategy,
                    backtest.subject,
                    backtest.interval,
                    backtest.request_json,
                    backtest.summary_json,
                    backtest.report_json
                ],
            )?;
            Ok(BacktestSummary {
                id,
                created_by: Some(backtest.created_by.clone()),
                created_at_ms,
                strategy: backtest.strategy.clone(),
                subject: backtest.subject.clone(),
                interval: backtest.interval.clone(),
                summary_json: backtest.summary_json.clone(),
            })
        })
    }

    /// The backtests of a workspace, newest first.
    pub fn backtests_of(&self, workspace_id: &str) -> Result<Vec<BacktestSummary>> {
        self.read(|connection| {
            let mut statement = connection.prepare_cached(&format!(
                "SELECT {SUMMARY_COLUMNS} FROM backtests WHERE workspace_id = ? ORDER BY created_at DESC, id"
            ))?;
            Ok(statement.query_map([workspace_id], summary_row)?.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// One backtest of a workspace; `NotFound` for another workspace's.
    pub fn backtest(&self, workspace_id: &str, id: &str) -> Result<StoredBacktest> {
        self.read(|connection| {
            connection
                .query_row(
                    &format!(
                        "SELECT {SUMMARY_COLUMNS}, request, report FROM backtests WHERE workspace_id = ? AND id = ?"
                    ),
                    params![workspace_id, id],
                    |row| {
                        Ok(StoredBacktest {
                            summary: summary_row(row)?,
                            request_json: row.get(7)?,
                            report_json: row.get(8)?,
                        })
                    },
                )
                .optional()?
                .ok_or(StoreError::NotFound { what: "backtest" })
        })
    }

    pub fn delete_backtest(&self, workspace_id: &str, id: &str) -> Result<()> {
        self.write(|transaction| {
            let deleted = transaction
                .execute("DELETE FROM backtests WHERE workspace_id = ? AND id = ?", params![workspace_id, id])?;
            if deleted == 0 {
                return Err(StoreError::NotFound { what: "backtest" });
            }
            Ok(())
        })
    }
}
