//! Authentication and authorisation: who is calling (the local user, or the user of a
//! login session), and what they may do in a workspace.
//!
//! - `session_store`: actix-session's store, backed by the app-state database;
//! - `extract`: the extractors handlers take: [`CurrentUser`] and [`WorkspaceAccess`];
//! - `csrf`: refuses cross-site requests that change state;
//! - `host_guard`: refuses requests for other host names (DNS rebinding);
//! - `login`: checking a password with throttling and constant work for unknown accounts.

mod csrf;
mod extract;
mod host_guard;
mod login;
mod session_store;

pub use csrf::reject_cross_site_writes;
pub use extract::{CurrentUser, DefaultWorkspace, Manage, Read, Research, Trade, WorkspaceAccess, current_user};
pub use host_guard::{AllowedHosts, reject_foreign_hosts};
pub use login::{Authenticator, USER_ID_KEY};
pub use session_store::SqliteSessionStore;

/// Now, in Unix milliseconds.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| i64::try_from(elapsed.as_millis()).unwrap_or(i64::MAX))
}
