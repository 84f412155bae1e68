-- Users, workspaces, members and server-side sessions.
-- Times are Unix milliseconds (UTC).

CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('active', 'disabled')),
    -- argon2id PHC string; NULL for the local user of AUTH_MODE=none until a password is set.
    password_hash TEXT,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
) STRICT;

CREATE TABLE workspaces (
    id                  TEXT PRIMARY KEY,
    name                TEXT NOT NULL,
    default_quote_asset TEXT NOT NULL,
    created_at          INTEGER NOT NULL
) STRICT;

CREATE TABLE memberships (
    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role         TEXT NOT NULL CHECK (role IN ('owner', 'editor', 'trader', 'viewer')),
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, user_id)
) STRICT;
CREATE INDEX memberships_by_user ON memberships (user_id);

-- The workspace the web app opens for a user.
CREATE TABLE user_preferences (
    user_id             TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    active_workspace_id TEXT REFERENCES workspaces (id) ON DELETE SET NULL
) STRICT;

-- Login sessions. The cookie carries the session key; only its SHA-256 is stored.
CREATE TABLE sessions (
    key_hash   TEXT PRIMARY KEY,
    user_id    TEXT REFERENCES users (id) ON DELETE CASCADE,
    state      TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
) STRICT;
CREATE INDEX sessions_by_user ON sessions (user_id);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

-- Secrets the server generates once, such as the cookie signing key.
CREATE TABLE server_secrets (
    name  TEXT PRIMARY KEY,
    value BLOB NOT NULL
) STRICT;
