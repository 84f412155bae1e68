//! Users: creating them, finding them by id or e-mail, status and password changes, and
//! the local owner that every installation starts with.

use identity::{DisplayName, Email, PasswordHash, User, UserStatus};
use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::connection::AppStateStore;
use crate::error::{Result, StoreError};
use crate::now_ms;

/// A user with the stored password hash, for logging in.
#[derive(Debug, Clone)]
pub struct UserWithHash {
    pub user: User,
    /// `None` when no password was ever set (the local user of `AUTH_MODE=none`).
    pub password_hash: Option<PasswordHash>,
}

const USER_COLUMNS: &str = "id, email, display_name, status, password_hash";

impl AppStateStore {
    /// Creates a user. Fails with `Conflict` when the e-mail address is taken.
    pub fn create_user(&self, email: &Email, display_name: &DisplayName, hash: Option<&PasswordHash>) -> Result<User> {
        self.write(|transaction| insert_user(transaction, &crate::new_id(), email, display_name, hash))
    }

    pub fn user(&self, id: &str) -> Result<User> {
        self.read(|connection| user_by_id(connection, id)?.ok_or(StoreError::NotFound { what: "user" }))
            .map(|found| found.user)
    }

    pub fn user_by_email(&self, email: &Email) -> Result<Option<UserWithHash>> {
        self.read(|connection| user_where(connection, "email = ?", email.as_str()))
    }

    pub fn user_count(&self) -> Result<i64> {
        self.read(|connection| Ok(connection.query_row("SELECT count(*) FROM users", [], |row| row.get(0))?))
    }

    /// Whether at least one active user has a password, so that password mode can be used.
    pub fn anyone_can_log_in(&self) -> Result<bool> {
        self.read(|connection| {
            Ok(connection.query_row(
                "SELECT EXISTS (SELECT 1 FROM users WHERE password_hash IS NOT NULL AND status = 'active')",
                [],
                |row| row.get(0),
            )?)
        })
    }

    /// Sets a user's status; disabling ends every session of the user in the same transaction.
    pub fn set_user_status(&self, id: &str, status: UserStatus) -> Result<()> {
        self.write(|transaction| {
            let changed = transaction.execute(
                "UPDATE users SET status = ?, updated_at = ? WHERE id = ?",
                params![status.as_str(), now_ms(), id],
            )?;
            if changed == 0 {
                return Err(StoreError::NotFound { what: "user" });
            }
            if status == UserStatus::Disabled {
                transaction.execute("DELETE FROM sessions WHERE user_id = ?", [id])?;
            }
            Ok(())
        })
    }

    /// Sets a user's password hash and ends every session of the user, in one transaction.
    pub fn set_password(&self, id: &str, hash: &PasswordHash) -> Result<()> {
        self.write(|transaction| {
            let changed = transaction.execute(
                "UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?",
                params![hash.as_str(), now_ms(), id],
            )?;
            if changed == 0 {
                return Err(StoreError::NotFound { what: "user" });
            }
            transaction.execute("DELETE FROM sessions WHERE user_id = ?", [id])?;
            Ok(())
        })
    }

    /// Makes sure the local user and the local workspace they own exist. With a hash, the
    /// local user gets that password if they have none yet. Safe to call at every start.
    pub fn ensure_local_owner(&self, hash: Option<&PasswordHash>) -> Result<()> {
        self.write(|transaction| {
            let now = now_ms();
            let email = Email::parse(identity::LOCAL_USER_EMAIL)?;
            let name = DisplayName::parse(identity::LOCAL_USER_DISPLAY_NAME)?;
            if user_by_id(transaction, identity::LOCAL_USER_ID)?.is_none() {
                insert_user(transaction, identity::LOCAL_USER_ID, &email, &name, hash)?;
            } else if let Some(hash) = hash {
                transaction.execute(
                    "UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ? AND password_hash IS NULL",
                    params![hash.as_str(), now, identity::LOCAL_USER_ID],
                )?;
            }
            transaction.execute(
                "INSERT INTO workspaces (id, name, default_quote_asset, created_at) VALUES (?, ?, ?, ?)
                 ON CONFLICT (id) DO NOTHING",
                params![
                    identity::LOCAL_WORKSPACE_ID,
                    identity::LOCAL_WORKSPACE_NAME,
                    identity::LOCAL_WORKSPACE_QUOTE_ASSET,
                    now
                ],
            )?;
            // The local user owns the local workspace unless its owners have changed that.
            let has_owner: bool = transaction.query_row(
                "SELECT EXISTS (SELECT 1 FROM memberships WHERE workspace_id = ? AND role = 'owner')",
                [identity::LOCAL_WORKSPACE_ID],
                |row| row.get(0),
            )?;
            if !has_owner {
                transaction.execute(
                    "INSERT INTO memberships (workspace_id, user_id, role, created_at) VALUES (?, ?, 'owner', ?)
                     ON CONFLICT (workspace_id, user_id) DO UPDATE SET role = 'owner'",
                    params![identity::LOCAL_WORKSPACE_ID, identity::LOCAL_USER_ID, now],
                )?;
            }
            Ok(())
        })
    }
}

pub(crate) fn insert_user(
    connection: &Connection,
    id: &str,
    email: &Email,
    display_name: &DisplayName,
    hash: Option<&PasswordHash>,
) -> Result<User> {
    let now = now_ms();
    let inserted = connection.execute(
        "INSERT INTO users (id, email, display_name, status, password_hash, created_at, updated_at)
         VALUES (?, ?, ?, 'active', ?, ?, ?) ON CONFLICT (email) DO NOTHING",
        params![id, email.as_str(), display_name.as_str(), hash.map(PasswordHash::as_str), now, now],
    )?;
    if inserted == 0 {
        return Err(StoreError::Conflict(format!("a user with the e-mail address {email} already exists")));
    }
    Ok(User { id: id.to_owned(), email: email.clone(), display_name: display_name.clone(), status: UserStatus::Active })
}

pub(crate) fn user_by_id(connection: &Connection, id: &str) -> Result<Option<UserWithHash>> {
    user_where(connection, "id = ?", id)
}

fn user_where(connection: &Connection, condition: &str, value: &str) -> Result<Option<UserWithHash>> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE {condition}");
    let row = connection.query_row(&sql, [value], raw_user).optional()?;
    row.map(RawUser::parse).transpose()
}

/// A user row before its values are parsed into domain types.
pub(crate) struct RawUser {
    id: String,
    email: String,
    display_name: String,
    status: String,
    password_hash: Option<String>,
}

/// Reads the five user columns starting at column 0.
pub(crate) fn raw_user(row: &Row<'_>) -> rusqlite::Result<RawUser> {
    Ok(RawUser {
        id: row.get(0)?,
        email: row.get(1)?,
        display_name: row.get(2)?,
        status: row.get(3)?,
        password_hash: row.get(4)?,
    })
}

impl RawUser {
    pub(crate) fn parse(self) -> Result<UserWithHash> {
        let corrupt =
            |error: identity::IdentityError| StoreError::Internal(format!("stored user {}: {error}", self.id));
        let user = User {
            email: Email::parse(&self.email).map_err(corrupt)?,
            display_name: DisplayName::parse(&self.display_name).map_err(corrupt)?,
            status: UserStatus::parse(&self.status).map_err(corrupt)?,
            id: self.id.clone(),
        };
        Ok(UserWithHash { user, password_hash: self.password_hash.map(PasswordHash::from_stored) })
    }
}
