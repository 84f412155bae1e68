//! Migrating an empty database, re-opening, and refusing edited or unknown migrations.

use app_state_store::{AppStateStore, MIGRATIONS, StoreError};

use crate::{TestResult, fresh_store};

#[test]
fn an_empty_database_migrates_to_the_latest_version_and_reopens() -> TestResult {
    let (folder, store) = fresh_store();
    let path = folder.path().join("app_state.db");
    drop(store);
    let connection = rusqlite::Connection::open(&path)?;
    let versions: Vec<i64> = connection
        .prepare("SELECT version FROM schema_migrations ORDER BY version")?
        .query_map([], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    assert_eq!(versions, MIGRATIONS.iter().map(|m| m.version).collect::<Vec<_>>());
    let journal: String = connection.query_row("PRAGMA journal_mode", [], |row| row.get(0))?;
    assert_eq!(journal, "wal");
    for table in ["users", "workspaces", "memberships", "sessions", "user_preferences", "server_secrets"] {
        let found: i64 = connection.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?",
            [table],
            |row| row.get(0),
        )?;
        assert_eq!(found, 1, "{table}");
    }
    drop(connection);
    // Opening again applies nothing and fails nothing.
    AppStateStore::open(&path)?;
    Ok(())
}

#[test]
fn an_edited_migration_is_refused_with_a_clear_error() -> TestResult {
    let (folder, store) = fresh_store();
    let path = folder.path().join("app_state.db");
    drop(store);
    let connection = rusqlite::Connection::open(&path)?;
    connection.execute("UPDATE schema_migrations SET checksum = 'something else' WHERE version = 1", [])?;
    drop(connection);
    match AppStateStore::open(&path) {
        Err(error @ StoreError::EditedMigration { version: 1, .. }) => {
            assert!(error.to_string().contains("0001_identity.sql"), "{error}");
        }
        other => panic!("expected an edited-migration error, got {other:?}"),
    }
    Ok(())
}

#[test]
fn a_database_from_a_newer_build_is_refused() -> TestResult {
    let (folder, store) = fresh_store();
    let path = folder.path().join("app_state.db");
    drop(store);
    let connection = rusqlite::Connection::open(&path)?;
    connection.execute("INSERT INTO schema_migrations VALUES (999, '0999_future.sql', 'x', 0)", [])?;
    drop(connection);
    assert!(matches!(AppStateStore::open(&path), Err(StoreError::UnknownMigration { version: 999, .. })));
    Ok(())
}

#[test]
fn connections_enforce_foreign_keys() -> TestResult {
    let (_folder, store) = fresh_store();
    // A membership for a user that does not exist must be refused by the database itself.
    let email = identity::Email::parse("ghost@example.com")?;
    let result = store.put_member("no-such-workspace", &email, None, identity::Role::Viewer);
    assert!(matches!(result, Err(StoreError::NotFound { what: "user" })), "{result:?}");
    let hasher = identity::PasswordHasher::new()?;
    let hash = hasher.hash(&identity::Password::parse("long enough")?)?;
    let name = identity::DisplayName::parse("Ghost")?;
    let result = store.put_member("no-such-workspace", &email, Some((&name, &hash)), identity::Role::Viewer);
    assert!(matches!(result, Err(StoreError::Internal(ref message)) if message.contains("FOREIGN KEY")), "{result:?}");
    // Nothing half-written: the user of the failed transaction does not exist.
    assert!(store.user_by_email(&email)?.is_none());
    Ok(())
}
