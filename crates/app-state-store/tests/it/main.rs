//! Integration tests of the app-state store on fresh SQLite files.

mod identity_store;
mod migrations;
mod paper_trading;
mod sessions;

use app_state_store::AppStateStore;

pub type TestResult = Result<(), Box<dyn std::error::Error>>;

/// A store on a fresh file; keep the folder alive as long as the store.
pub fn fresh_store() -> (tempfile::TempDir, AppStateStore) {
    let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("temp dir: {error}"));
    let store =
        AppStateStore::open(&folder.path().join("app_state.db")).unwrap_or_else(|error| panic!("open: {error}"));
    (folder, store)
}
