//! The app-state database: everything users create (users, sessions, workspaces and
//! members, and later backtests, trade plans, fills and orders), in one SQLite file
//! separate from the market data.
//!
//! SQLite through rusqlite and an r2d2 pool. Every connection has foreign keys on, a busy
//! timeout and `synchronous=FULL`; the file is in WAL mode; write transactions start
//! IMMEDIATE so that concurrent writers queue instead of failing half-way. Every method is
//! synchronous and is one unit of work; async callers run each call off their executor.

mod backtests;
mod connection;
mod error;
mod migrations;
mod paper_trading;
mod secrets;
mod sessions;
mod users;
mod workspaces;

pub use backtests::{BacktestSummary, NewBacktest, StoredBacktest};
pub use connection::AppStateStore;
pub use error::{Result, StoreError};
pub use migrations::{MIGRATIONS, Migration};
pub use paper_trading::{
    IDEMPOTENCY_KEY_RETENTION_MS, IdempotencyScope, OrderCreation, StoredAccount, StoredFill, StoredOrder, StoredPlan,
    StoredResponse,
};
pub use sessions::StoredSession;
pub use users::UserWithHash;
pub use workspaces::{Member, Workspace, WorkspaceWithRole};

/// Now, in Unix milliseconds: the store stamps what it writes.
pub(crate) fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| i64::try_from(elapsed.as_millis()).unwrap_or(i64::MAX))
}

/// The SHA-256 of `bytes` in lower-case hex.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).iter().map(|byte| format!("{byte:02x}")).collect()
}

/// A new random identifier.
pub(crate) fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}
