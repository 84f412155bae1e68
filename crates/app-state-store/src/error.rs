//! The errors of the app-state store: what a caller can act on, and an opaque rest.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The thing asked for does not exist (or is not visible to the caller).
    #[error("{what} not found")]
    NotFound { what: &'static str },
    /// The change conflicts with what is stored, e.g. an e-mail address already in use.
    #[error("{0}")]
    Conflict(String),
    /// A domain rule refused the change (such as the last-owner rule).
    #[error(transparent)]
    Rule(#[from] identity::IdentityError),
    /// A paper-trading rule refused the action, e.g. paper-opening a plan that is not
    /// `planned` (an invalid transition) or a leg without a mark price.
    #[error(transparent)]
    PaperTrading(#[from] paper_trading::PaperTradingError),
    /// An idempotency key was used before, by the same user in the same workspace, with a
    /// different request.
    #[error("the idempotency key {key:?} was already used with a different request")]
    IdempotencyKeyReused { key: String },
    /// The database was migrated with a migration file that has been edited since.
    #[error(
        "migration {version} ({name}) was changed after it was applied to {}; restore the original file or start from a fresh database",
        path.display()
    )]
    EditedMigration { path: PathBuf, version: i64, name: String },
    /// The database was written by a newer build.
    #[error("{} has migration {version}, which this build does not know; use a newer build", path.display())]
    UnknownMigration { path: PathBuf, version: i64 },
    /// The linked SQLite has a known defect.
    #[error(
        "SQLite {found} is linked, but {required} or later is required (earlier versions can corrupt WAL databases)"
    )]
    SqliteTooOld { found: String, required: String },
    #[error("app-state store failure: {0}")]
    Internal(String),
}

impl From<rusqlite::Error> for StoreError {
    fn from(error: rusqlite::Error) -> Self {
        Self::Internal(error.to_string())
    }
}

impl From<r2d2::Error> for StoreError {
    fn from(error: r2d2::Error) -> Self {
        Self::Internal(format!("connection pool: {error}"))
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
