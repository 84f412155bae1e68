//! Numbered SQL migrations from `migrations/`, embedded in the binary, applied in order at
//! start-up and recorded with a checksum, so that an edited migration is refused.

use std::path::Path;

use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

use crate::error::{Result, StoreError};

/// One migration file.
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    pub version: i64,
    pub name: &'static str,
    pub sql: &'static str,
}

/// Every migration, in order. A test checks that this list matches the folder.
pub const MIGRATIONS: &[Migration] = &[
    Migration { version: 1, name: "0001_identity.sql", sql: include_str!("../../../migrations/0001_identity.sql") },
    Migration { version: 2, name: "0002_backtests.sql", sql: include_str!("../../../migrations/0002_backtests.sql") },
    Migration {
        version: 3,
        name: "0003_paper_trading.sql",
        sql: include_str!("../../../migrations/0003_paper_trading.sql"),
    },
];

impl Migration {
    pub fn checksum(&self) -> String {
        crate::sha256_hex(self.sql.as_bytes())
    }
}

/// Applies the migrations the database has not had yet, each in its own transaction.
pub(crate) fn migrate(connection: &mut Connection, path: &Path) -> Result<()> {
    connection.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
            version    INTEGER PRIMARY KEY,
            name       TEXT NOT NULL,
            checksum   TEXT NOT NULL,
            applied_at INTEGER NOT NULL
        ) STRICT",
    )?;
    let applied: Vec<(i64, String)> = {
        let mut statement = connection.prepare("SELECT version, checksum FROM schema_migrations ORDER BY version")?;
        statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?.collect::<Result<_, _>>()?
    };
    for (version, checksum) in &applied {
        let Some(migration) = MIGRATIONS.iter().find(|migration| migration.version == *version) else {
            return Err(StoreError::UnknownMigration { path: path.to_owned(), version: *version });
        };
        if migration.checksum() != *checksum {
            return Err(StoreError::EditedMigration {
                path: path.to_owned(),
                version: *version,
                name: migration.name.to_owned(),
            });
        }
    }
    for migration in
        MIGRATIONS.iter().filter(|migration| applied.iter().all(|(version, _)| *version != migration.version))
    {
        let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Another process may have migrated between our read and the write lock.
        let done: Option<i64> = transaction
            .query_row("SELECT version FROM schema_migrations WHERE version = ?", [migration.version], |row| row.get(0))
            .optional()?;
        if done.is_none() {
            transaction.execute_batch(migration.sql).map_err(|error| {
                StoreError::Internal(format!("migration {} ({}) failed: {error}", migration.version, migration.name))
            })?;
            transaction.execute(
                "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)",
                rusqlite::params![migration.version, migration.name, migration.checksum(), crate::now_ms()],
            )?;
            tracing::info!(version = migration.version, name = migration.name, "applied migration");
        }
        transaction.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_matches_the_migrations_folder() {
        let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/../../migrations");
        let mut files: Vec<String> = std::fs::read_dir(folder)
            .unwrap_or_else(|error| panic!("{folder}: {error}"))
            .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
            .filter(|name| name.ends_with(".sql"))
            .collect();
        files.sort();
        let listed: Vec<&str> = MIGRATIONS.iter().map(|migration| migration.name).collect();
        assert_eq!(files, listed);
        for (index, migration) in MIGRATIONS.iter().enumerate() {
            assert_eq!(migration.version, index as i64 + 1, "versions are 1, 2, 3...");
            assert!(migration.name.starts_with(&format!("{:04}_", migration.version)), "{}", migration.name);
        }
    }
}
