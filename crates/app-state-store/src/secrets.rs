//! Secrets the server makes once and keeps, such as the key that signs session cookies.

use rusqlite::params;

use crate::connection::AppStateStore;
use crate::error::{Result, StoreError};

impl AppStateStore {
    /// The secret called `name`, made of `length` random bytes the first time it is asked for.
    pub fn secret(&self, name: &str, length: usize) -> Result<Vec<u8>> {
        self.write(|transaction| {
            let mut fresh = vec![0_u8; length];
            getrandom::fill(&mut fresh).map_err(|error| StoreError::Internal(format!("no randomness: {error}")))?;
            transaction.execute(
                "INSERT INTO server_secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
                params![name, fresh],
            )?;
            Ok(transaction.query_row("SELECT value FROM server_secrets WHERE name = ?", [name], |row| row.get(0))?)
        })
    }
}
