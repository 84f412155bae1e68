//! Server-side login sessions. The cookie carries a random session key; the database keeps
//! only its SHA-256, so a copy of the database does not hand out logins.
//!
//! Every write sets the expiry from the [`SessionPolicy`]: idle timeout from now, capped
//! by the absolute timeout from the session's creation.

use identity::SessionPolicy;
use rusqlite::{OptionalExtension, params};

use crate::connection::AppStateStore;
use crate::error::{Result, StoreError};

/// How often using a session may extend it.
const EXTEND_AT_MOST_EVERY_MS: i64 = 60_000;

/// A stored session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSession {
    /// The session's state as the web layer serialised it.
    pub state: String,
    pub user_id: Option<String>,
    pub created_at_ms: i64,
    pub expires_at_ms: i64,
}

impl AppStateStore {
    /// Stores a new session and returns its key (256 random bits, hex).
    pub fn create_session(
        &self,
        state: &str,
        user_id: Option<&str>,
        now_ms: i64,
        policy: &SessionPolicy,
    ) -> Result<String> {
        let mut bytes = [0_u8; 32];
        getrandom::fill(&mut bytes).map_err(|error| StoreError::Internal(format!("no randomness: {error}")))?;
        let key: String = bytes.iter().map(|byte| format!("{byte:02x}")).collect();
        self.write(|transaction| {
            transaction.execute(
                "INSERT INTO sessions (key_hash, user_id, state, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                params![key_hash(&key), user_id, state, now_ms, policy.expires_at(now_ms, now_ms)],
            )?;
            Ok(())
        })?;
        Ok(key)
    }

    /// The session with `key`, unless it has expired by `now_ms` (an expired session is
    /// deleted on the way). Using a session extends it (idle timeout), at most once a
    /// minute, so that reading does not mean a write on every request.
    pub fn load_session(&self, key: &str, now_ms: i64, policy: &SessionPolicy) -> Result<Option<StoredSession>> {
        let hash = key_hash(key);
        let found = self.read(|connection| {
            Ok(connection
                .query_row(
                    "SELECT state, user_id, created_at, expires_at FROM sessions WHERE key_hash = ?",
                    [&hash],
                    |row| {
                        Ok(StoredSession {
                            state: row.get(0)?,
                            user_id: row.get(1)?,
                            created_at_ms: row.get(2)?,
                            expires_at_ms: row.get(3)?,
                        })
                    },
                )
                .optional()?)
        })?;
        match found {
            Some(session) if session.expires_at_ms <= now_ms => {
                self.delete_session(key)?;
                Ok(None)
            }
            Some(mut session) if now_ms - (session.expires_at_ms - policy.idle_ms) >= EXTEND_AT_MOST_EVERY_MS => {
                self.touch_session(key, now_ms, policy)?;
                session.expires_at_ms = policy.expires_at(session.created_at_ms, now_ms);
                Ok(Some(session))
            }
            other => Ok(other),
        }
    }

    /// Replaces a session's state and extends it. Returns false when the session is gone
    /// (logged out, expired or ended by a password change meanwhile); it is not re-created.
    pub fn update_session(
        &self,
        key: &str,
        state: &str,
        user_id: Option<&str>,
        now_ms: i64,
        policy: &SessionPolicy,
    ) -> Result<bool> {
        self.write(|transaction| {
            let changed = transaction.execute(
                "UPDATE sessions SET state = ?, user_id = ?, expires_at = min(?, created_at + ?)
                 WHERE key_hash = ? AND expires_at > ?",
                params![
                    state,
                    user_id,
                    now_ms.saturating_add(policy.idle_ms),
                    policy.absolute_ms,
                    key_hash(key),
                    now_ms
                ],
            )?;
            Ok(changed > 0)
        })
    }

    /// Extends a live session by the idle timeout (capped by the absolute one).
    pub fn touch_session(&self, key: &str, now_ms: i64, policy: &SessionPolicy) -> Result<()> {
        self.write(|transaction| {
            transaction.execute(
                "UPDATE sessions SET expires_at = min(?, created_at + ?) WHERE key_hash = ? AND expires_at > ?",
                params![now_ms.saturating_add(policy.idle_ms), policy.absolute_ms, key_hash(key), now_ms],
            )?;
            Ok(())
        })
    }

    pub fn delete_session(&self, key: &str) -> Result<()> {
        self.write(|transaction| {
            transaction.execute("DELETE FROM sessions WHERE key_hash = ?", [key_hash(key)])?;
            Ok(())
        })
    }

    /// Ends every session of a user.
    pub fn delete_sessions_of(&self, user_id: &str) -> Result<usize> {
        self.write(|transaction| Ok(transaction.execute("DELETE FROM sessions WHERE user_id = ?", [user_id])?))
    }

    /// Deletes sessions that expired by `now_ms`.
    pub fn delete_expired_sessions(&self, now_ms: i64) -> Result<usize> {
        self.write(|transaction| Ok(transaction.execute("DELETE FROM sessions WHERE expires_at <= ?", [now_ms])?))
    }

    /// How many live sessions a user has.
    pub fn session_count_of(&self, user_id: &str) -> Result<i64> {
        self.read(|connection| {
            Ok(connection.query_row("SELECT count(*) FROM sessions WHERE user_id = ?", [user_id], |row| row.get(0))?)
        })
    }
}

fn key_hash(key: &str) -> String {
    crate::sha256_hex(key.as_bytes())
}
