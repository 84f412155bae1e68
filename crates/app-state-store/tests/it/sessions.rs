//! Sessions: stored by hash, idle and absolute timeouts, no resurrection after logout.

use identity::SessionPolicy;

use crate::{TestResult, fresh_store};

const POLICY: SessionPolicy = SessionPolicy { idle_ms: 100, absolute_ms: 250 };

#[test]
fn sessions_expire_when_idle_and_at_the_absolute_limit() -> TestResult {
    let (_folder, store) = fresh_store();
    let key = store.create_session("{\"a\":\"1\"}", None, 1000, &POLICY)?;
    assert_eq!(key.len(), 64);
    let loaded = store.load_session(&key, 1050, &POLICY)?.ok_or("live session")?;
    assert_eq!((loaded.state.as_str(), loaded.created_at_ms, loaded.expires_at_ms), ("{\"a\":\"1\"}", 1000, 1100));
    assert_eq!(store.load_session("another-key", 1050, &POLICY)?, None);

    // Used at 1090: extended to 1190; at 1180: to 1250, the absolute limit, not 1280.
    store.touch_session(&key, 1090, &POLICY)?;
    assert_eq!(store.load_session(&key, 1150, &POLICY)?.map(|s| s.expires_at_ms), Some(1190));
    assert!(store.update_session(&key, "{}", None, 1180, &POLICY)?);
    assert_eq!(store.load_session(&key, 1200, &POLICY)?.map(|s| s.expires_at_ms), Some(1250));
    assert_eq!(store.load_session(&key, 1250, &POLICY)?, None, "absolute timeout");

    // Using a session a minute after its last extension extends it (real policies).
    let policy = SessionPolicy { idle_ms: 30 * 60_000, absolute_ms: 12 * 3_600_000 };
    let used = store.create_session("{}", None, 0, &policy)?;
    assert_eq!(store.load_session(&used, 30_000, &policy)?.map(|s| s.expires_at_ms), Some(30 * 60_000), "not yet");
    assert_eq!(store.load_session(&used, 90_000, &policy)?.map(|s| s.expires_at_ms), Some(90_000 + 30 * 60_000));
    assert_eq!(store.load_session(&used, 100_000, &policy)?.map(|s| s.expires_at_ms), Some(90_000 + 30 * 60_000));

    // Idle: not used for longer than the idle timeout.
    let idle = store.create_session("{}", None, 2000, &POLICY)?;
    assert_eq!(store.load_session(&idle, 2100, &POLICY)?, None);
    Ok(())
}

#[test]
fn a_deleted_session_is_never_recreated_and_keys_are_stored_hashed() -> TestResult {
    let (folder, store) = fresh_store();
    let key = store.create_session("{}", None, 0, &POLICY)?;
    store.delete_session(&key)?;
    assert!(!store.update_session(&key, "{\"user_id\":\"\\\"x\\\"\"}", None, 10, &POLICY)?);
    assert_eq!(store.load_session(&key, 10, &POLICY)?, None);

    let visible = store.create_session("{}", None, 0, &POLICY)?;
    let connection = rusqlite::Connection::open(folder.path().join("app_state.db"))?;
    let hashes: Vec<String> = connection
        .prepare("SELECT key_hash FROM sessions")?
        .query_map([], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    assert_eq!(hashes.len(), 1);
    assert_ne!(hashes[0], visible, "the raw key is not stored");
    assert_eq!(store.delete_expired_sessions(1000)?, 1);
    Ok(())
}

#[test]
fn secrets_are_made_once() -> TestResult {
    let (_folder, store) = fresh_store();
    let first = store.secret("cookie", 64)?;
    assert_eq!(first.len(), 64);
    assert_eq!(store.secret("cookie", 64)?, first);
    assert_ne!(store.secret("other", 64)?, first);
    Ok(())
}
