//! Workspaces, their members and roles, and each user's active workspace.

use identity::{DisplayName, Email, MembershipChange, PasswordHash, QuoteAsset, Role, User, WorkspaceName};
use rusqlite::{Connection, OptionalExtension, params};

use crate::connection::AppStateStore;
use crate::error::{Result, StoreError};
use crate::users::{insert_user, raw_user};
use crate::{new_id, now_ms};

/// A workspace: a shared space of backtests, plans and orders with its own members.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workspace {
    pub id: String,
    pub name: String,
    pub default_quote_asset: String,
    pub created_at_ms: i64,
}

/// A workspace seen by one member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkspaceWithRole {
    pub workspace: Workspace,
    pub role: Role,
}

/// A member of a workspace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub user: User,
    pub role: Role,
    pub joined_at_ms: i64,
}

const WORKSPACE_COLUMNS: &str = "w.id, w.name, w.default_quote_asset, w.created_at";

impl AppStateStore {
    /// Creates a workspace owned by `owner_id`.
    pub fn create_workspace(&self, owner_id: &str, name: &WorkspaceName, quote: &QuoteAsset) -> Result<Workspace> {
        self.write(|transaction| {
            let workspace = Workspace {
                id: new_id(),
                name: name.as_str().to_owned(),
                default_quote_asset: quote.as_str().to_owned(),
                created_at_ms: now_ms(),
            };
            transaction.execute(
                "INSERT INTO workspaces (id, name, default_quote_asset, created_at) VALUES (?, ?, ?, ?)",
                params![workspace.id, workspace.name, workspace.default_quote_asset, workspace.created_at_ms],
            )?;
            transaction.execute(
                "INSERT INTO memberships (workspace_id, user_id, role, created_at) VALUES (?, ?, 'owner', ?)",
                params![workspace.id, owner_id, workspace.created_at_ms],
            )?;
            Ok(workspace)
        })
    }

    /// The workspaces a user is a member of, oldest first.
    pub fn workspaces_of(&self, user_id: &str) -> Result<Vec<WorkspaceWithRole>> {
        self.read(|connection| {
            let mut statement = connection.prepare_cached(&format!(
                "SELECT {WORKSPACE_COLUMNS}, m.role FROM workspaces w JOIN memberships m ON m.workspace_id = w.id
                 WHERE m.user_id = ? ORDER BY w.created_at, w.id"
            ))?;
            let rows =
                statement.query_map([user_id], raw_workspace_with_role)?.collect::<rusqlite::Result<Vec<_>>>()?;
            rows.into_iter().map(parse_workspace_with_role).collect()
        })
    }

    /// The workspace and the user's role in it, or `None` when the user is not a member
    /// (or the workspace does not exist: callers must not tell the two apart).
    pub fn membership(&self, workspace_id: &str, user_id: &str) -> Result<Option<WorkspaceWithRole>> {
        self.read(|connection| membership(connection, workspace_id, user_id))
    }

    pub fn rename_workspace(&self, workspace_id: &str, name: &WorkspaceName) -> Result<()> {
        self.write(|transaction| {
            let changed = transaction
                .execute("UPDATE workspaces SET name = ? WHERE id = ?", params![name.as_str(), workspace_id])?;
            if changed == 0 {
                return Err(StoreError::NotFound { what: "workspace" });
            }
            Ok(())
        })
    }

    /// The members of a workspace, by e-mail address.
    pub fn members(&self, workspace_id: &str) -> Result<Vec<Member>> {
        self.read(|connection| members(connection, workspace_id))
    }

    /// Adds the user with `email` to the workspace or changes their role. A user who does
    /// not exist yet is created from `new_user`; without it, that is `NotFound`. The
    /// last-owner rule is checked in the same transaction as the write. Returns the member
    /// and whether a user was created.
    pub fn put_member(
        &self,
        workspace_id: &str,
        email: &Email,
        new_user: Option<(&DisplayName, &PasswordHash)>,
        role: Role,
    ) -> Result<(Member, bool)> {
        self.write(|transaction| {
            let existing = transaction
                .query_row("SELECT id FROM users WHERE email = ?", [email.as_str()], |row| row.get::<_, String>(0))
                .optional()?;
            let (user_id, created) = match (existing, new_user) {
                (Some(id), _) => (id, false),
                (None, Some((name, hash))) => (insert_user(transaction, &new_id(), email, name, Some(hash))?.id, true),
                (None, None) => return Err(StoreError::NotFound { what: "user" }),
            };
            let current = membership(transaction, workspace_id, &user_id)?.map(|found| found.role);
            identity::check_membership_change(
                owner_count(transaction, workspace_id)?,
                current,
                MembershipChange::SetRole(role),
            )?;
            transaction.execute(
                "INSERT INTO memberships (workspace_id, user_id, role, created_at) VALUES (?, ?, ?, ?)
                 ON CONFLICT (workspace_id, user_id) DO UPDATE SET role = excluded.role",
                params![workspace_id, user_id, role.as_str(), now_ms()],
            )?;
            let member = members(transaction, workspace_id)?
                .into_iter()
                .find(|member| member.user.id == user_id)
                .ok_or_else(|| StoreError::Internal("member vanished while being written".to_owned()))?;
            Ok((member, created))
        })
    }

    /// Removes a member, unless they are the last owner.
    pub fn remove_member(&self, workspace_id: &str, user_id: &str) -> Result<()> {
        self.write(|transaction| {
            let current =
                membership(transaction, workspace_id, user_id)?.ok_or(StoreError::NotFound { what: "member" })?;
            identity::check_membership_change(
                owner_count(transaction, workspace_id)?,
                Some(current.role),
                MembershipChange::Remove,
            )?;
            transaction.execute(
                "DELETE FROM memberships WHERE workspace_id = ? AND user_id = ?",
                params![workspace_id, user_id],
            )?;
            Ok(())
        })
    }

    /// Remembers the workspace the user works in; they must be a member of it.
    pub fn set_active_workspace(&self, user_id: &str, workspace_id: &str) -> Result<()> {
        self.write(|transaction| {
            if membership(transaction, workspace_id, user_id)?.is_none() {
                return Err(StoreError::NotFound { what: "workspace" });
            }
            transaction.execute(
                "INSERT INTO user_preferences (user_id, active_workspace_id) VALUES (?, ?)
                 ON CONFLICT (user_id) DO UPDATE SET active_workspace_id = excluded.active_workspace_id",
                params![user_id, workspace_id],
            )?;
            Ok(())
        })
    }

    /// The remembered workspace, if the user is still a member of it.
    pub fn active_workspace(&self, user_id: &str) -> Result<Option<String>> {
        self.read(|connection| {
            Ok(connection
                .query_row(
                    "SELECT p.active_workspace_id FROM user_preferences p
                     JOIN memberships m ON m.workspace_id = p.active_workspace_id AND m.user_id = p.user_id
                     WHERE p.user_id = ?",
                    [user_id],
                    |row| row.get(0),
                )
                .optional()?)
        })
    }
}

fn membership(connection: &Connection, workspace_id: &str, user_id: &str) -> Result<Option<WorkspaceWithRole>> {
    let row = connection
        .query_row(
            &format!(
                "SELECT {WORKSPACE_COLUMNS}, m.role FROM workspaces w JOIN memberships m ON m.workspace_id = w.id
                 WHERE w.id = ? AND m.user_id = ?"
            ),
            params![workspace_id, user_id],
            raw_workspace_with_role,
        )
        .optional()?;
    row.map(parse_workspace_with_role).transpose()
}

fn owner_count(connection: &Connection, workspace_id: &str) -> Result<usize> {
    let count: i64 = connection.query_row(
        "SELECT count(*) FROM memberships WHERE workspace_id = ? AND role = 'owner'",
        [workspace_id],
        |row| row.get(0),
    )?;
    Ok(usize::try_from(count).unwrap_or(0))
}

fn members(connection: &Connection, workspace_id: &str) -> Result<Vec<Member>> {
    let mut statement = connection.prepare_cached(
        "SELECT u.id, u.email, u.display_name, u.status, u.password_hash, m.role, m.created_at
         FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.workspace_id = ? ORDER BY u.email",
    )?;
    let rows = statement
        .query_map([workspace_id], |row| Ok((raw_user(row)?, row.get::<_, String>(5)?, row.get::<_, i64>(6)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(user, role, joined_at_ms)| {
            Ok(Member { user: user.parse()?.user, role: parse_role(&role)?, joined_at_ms })
        })
        .collect()
}

type RawWorkspace = (String, String, String, i64, String);

fn raw_workspace_with_role(row: &rusqlite::Row<'_>) -> rusqlite::Result<RawWorkspace> {
    Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?))
}

fn parse_workspace_with_role(
    (id, name, default_quote_asset, created_at_ms, role): RawWorkspace,
) -> Result<WorkspaceWithRole> {
    Ok(WorkspaceWithRole {
        workspace: Workspace { id, name, default_quote_asset, created_at_ms },
        role: parse_role(&role)?,
    })
}

fn parse_role(raw: &str) -> Result<Role> {
    Role::parse(raw).map_err(|error| StoreError::Internal(format!("stored role: {error}")))
}
